"""Fictional case maps for testing and benchmarking the views, made to a size.

`synthetic_family` is a large blended family over several generations (people
with several partners, half-siblings, twins, a couple joining two families);
`synthetic_network` is a set of reviews with a chosen total of nodes and edges
for the network view. Both are deterministic for a seed, and every case map is
valid (the reader's checks pass on its YAML). Nobody here is real.
"""
from __future__ import annotations

import random

from ...model import (
    Agency,
    CaseMap,
    Household,
    InformationSharing,
    Involvement,
    Person,
    Relationship,
    Review,
)
from ...vocab import AGENCY_KIND, HARM_NATURE, STRENGTH

_FIRST = ("Ada", "Bea", "Cal", "Dara", "Eli", "Fin", "Gus", "Hana", "Ivo", "Jude", "Kit", "Lio",
          "Mae", "Nell", "Oli", "Pip", "Remy", "Sol", "Tia", "Vin", "Wren", "Zev", "Arlo",
          "Bryn", "Cleo", "Dex", "Esme", "Fox", "Gwen", "Huw", "Isla", "Jax")


def synthetic_family(people: int = 64, generations: int = 4, seed: int = 1) -> CaseMap:
    """One fictional review whose family has at least `people` people over `generations`."""
    rng = random.Random(seed)
    cm = CaseMap(review=Review(id=f"synthetic-family-{seed}",
                               title=f"Synthetic family {seed} (fictional, for tests)",
                               type="other"))
    counter = iter(range(1, 10_000))

    def person(gen: int, sex: str | None = None, born_year: int | None = None) -> Person:
        n = next(counter)
        sex = sex or rng.choice(("female", "male"))
        year = born_year or 1950 + gen * 25 + rng.randint(0, 8)
        p = Person(id=f"g{gen}-p{n}", label=f"{rng.choice(_FIRST)} {n}", sex=sex,
                   born=f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                   role="other")
        cm.people.append(p)
        return p

    def partner(a: Person, b: Person, status: str, since: int) -> None:
        until = since + rng.randint(2, 9) if status in ("separated", "divorced") else None
        cm.relationships.append(Relationship(type="partner", from_=a.id, to=b.id, status=status,
                                             since=str(since),
                                             until=str(until) if until else None))

    def children(parents: list[Person], gen: int, count: int) -> list[Person]:
        kids = []
        base = 1950 + gen * 25 + rng.randint(0, 6)
        for i in range(count):
            kid = person(gen, born_year=base + i * 2)
            if i == 1 and rng.random() < 0.3:  # twins: the same day as the elder sibling
                kid.born = kids[0].born
            kids.append(kid)
            for p in parents:
                cm.relationships.append(Relationship(type="parent", from_=p.id, to=kid.id))
        return kids

    level = []
    for _ in range(2):  # two founding couples
        a, b = person(0, "male"), person(0, "female")
        partner(a, b, "married", 1970)
        level.append((a, b))
    last: list[Person] = []
    for gen in range(1, generations):
        kids: list[Person] = []
        for i, (a, b) in enumerate(level):
            kids += children([a, b], gen, 3 if gen == 1 else 1 + (i % 2))
        last = kids
        if gen == generations - 1:
            break
        couples = []
        for i, p in enumerate(kids):
            # Everyone of the first generation has an earlier and a later partner;
            # further down, every other person has one.
            partners = 2 if gen == 1 else (1 if i % 2 == 0 else 0)
            for k in range(partners):
                other = person(gen, "female" if p.sex == "male" else "male")
                status = "married" if k == partners - 1 else rng.choice(
                    ("divorced", "separated", "cohabiting"))
                partner(p, other, status, 1970 + gen * 25 + k * 6)
                couples.append((p, other))
        if gen == 1:  # a child of each founding family: a couple joining the two families
            partner(kids[0], kids[-1], "cohabiting", 2000)
            couples.append((kids[0], kids[-1]))
        level = couples
    # Top up the last generation until the family is big enough.
    while len(cm.people) < people:
        a, b = level[len(cm.people) % len(level)]
        last += children([a, b], generations - 1, 1)
    subject = last[len(last) // 2]
    subject.subject, subject.role, subject.age = True, "subject", 7
    for i, (a, b) in enumerate(level[:6]):
        kids = [r.to for r in cm.relationships if r.type == "parent" and r.from_ == b.id]
        cm.households.append(Household(id=f"home-{i + 1}", kind="family_home",
                                       members=[a.id, b.id] + kids[:3], since="2015"))
    adults = [p for p in cm.people if p.id.startswith(f"g{generations - 2}-")]
    for i in range(3):
        cm.relationships.append(Relationship(type="harmed", from_=adults[i].id, to=subject.id,
                                             nature=HARM_NATURE[i]))
    cm.relationships.append(Relationship(type="contact", from_=adults[-1].id, to=subject.id,
                                         nature="supervised"))
    return cm


def synthetic_network(nodes: int = 500, edges: int = 1500, reviews: int = 10,
                      seed: int = 1) -> list[CaseMap]:
    """Reviews with `nodes` people, households and agencies and about `edges` ties in all."""
    rng = random.Random(seed)
    out = []
    per_nodes, per_edges = nodes // reviews, edges // reviews
    for r in range(reviews):
        n_agencies = per_nodes // 4
        n_homes = max(2, per_nodes // 8)
        n_people = per_nodes - n_agencies - n_homes
        cm = CaseMap(review=Review(id=f"synthetic-net-{r + 1}", type="other",
                                   title=f"Synthetic review {r + 1} (fictional, for benchmarks)"))
        for i in range(n_people):
            cm.people.append(Person(id=f"p{i}", label=f"{rng.choice(_FIRST)} {r}-{i}",
                                    sex=rng.choice(("female", "male", "unknown")),
                                    subject=True if i == 0 else None,
                                    quote=f"Fictional sentence about person {i} of review {r}."))
        for i in range(n_agencies):
            cm.agencies.append(Agency(id=f"a{i}", kind=AGENCY_KIND[i % len(AGENCY_KIND)],
                                      label=f"Agency {r}-{i}",
                                      part_of=f"a{i - 1}" if i % 5 == 4 else None))
        members: list[list[str]] = [[] for _ in range(n_homes)]
        for i in range(n_people):
            members[i % n_homes].append(f"p{i}")
            if i % 6 == 0:
                members[(i + 1) % n_homes].append(f"p{i}")
        for i, ms in enumerate(members):
            cm.households.append(Household(id=f"h{i}", kind="family_home", members=ms))
        count = sum(len(m) for m in members) + sum(1 for a in cm.agencies if a.part_of)
        seen: set[tuple[str, str]] = set()
        while count < per_edges:
            pick = rng.random()
            if pick < 0.45:
                a, b = rng.sample(range(n_people), 2)
                if (a, b) in seen:
                    continue
                seen.add((a, b))
                older, younger = min(a, b), max(a, b)
                kind = rng.choice(("parent", "sibling", "partner", "contact", "harmed"))
                cm.relationships.append(Relationship(
                    type=kind, from_=f"p{older}", to=f"p{younger}",
                    nature="supervised" if kind == "contact" else
                    "neglect" if kind == "harmed" else None))
            elif pick < 0.9:
                cm.involvements.append(Involvement(agency=f"a{rng.randrange(n_agencies)}",
                                                   person=f"p{rng.randrange(n_people)}",
                                                   strength=rng.choice(STRENGTH)))
            else:
                a, b = rng.sample(range(n_agencies), 2)
                cm.information_sharing.append(InformationSharing(
                    status=rng.choice(("missed", "partial", "shared")), from_=f"a{a}",
                    to=f"a{b}", about=["p0"]))
            count += 1
        out.append(cm)
    return out
