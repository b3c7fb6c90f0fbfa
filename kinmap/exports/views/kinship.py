"""The family structure a genogram draws: couples, sibships, twins and the other ties.

A case map records ties pair by pair. A genogram needs them grouped: which two
people form a couple (from a partner tie, or because they are the two parents
of one child), which children hang from which couple, which of them are twins,
and which ties are drawn over the family tree as lines of their own (harm,
contact, closeness, conflict, foster and kinship care).
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from ...model import CaseMap, Person, Relationship

#: Ties of care that are not parentage: drawn from carer to child, each kind its own line.
CARE_TYPES = {"step_parent": "step-parent", "foster_parent": "foster carer",
              "special_guardian": "special guardian", "carer": "carer"}
#: The overlay kind (line style) of each tie of care.
CARE_KINDS = {"step_parent": "step", "foster_parent": "foster",
              "special_guardian": "guardian", "carer": "care"}
#: Roles of people in the family itself; anyone else with no family tie stands outside it.
FAMILY_ROLES = frozenset({
    "subject", "mother", "father", "stepmother", "stepfather", "parent", "sister", "brother",
    "sibling", "half_sister", "half_brother", "step_sibling", "grandmother", "grandfather",
    "aunt", "uncle", "cousin", "partner_of_parent", "foster_carer", "special_guardian",
    "child_of_subject", "partner"})
SIBLING_TYPES = ("sibling", "half_sibling", "step_sibling")
#: Partner statuses, most committed first: a couple tie keeps the last one recorded.
PARTNER_STATUSES = ("married", "cohabiting", "dating", "separated", "divorced")
_TWIN = re.compile(r"\btwins?\b", re.IGNORECASE)
_ADOPT = re.compile(r"\badopt", re.IGNORECASE)


@dataclass(eq=False)
class Couple:
    """Two people drawn joined by a couple line."""

    a: str
    b: str
    status: str | None = None          # partner status, None when not recorded
    recorded: bool = False             # False: inferred from a shared child
    relationship: Relationship | None = None

    @property
    def key(self) -> frozenset[str]:
        return frozenset((self.a, self.b))


@dataclass(eq=False)
class Family:
    """Children of one set of parents (two, one, or none known for a sibling group)."""

    parents: tuple[str, ...]
    children: list[str]
    twins: list[list[str]] = field(default_factory=list)
    adopted: set[str] = field(default_factory=set)

    @property
    def key(self) -> tuple[str, ...]:
        return self.parents or ("~siblings", self.children[0])


@dataclass
class Overlay:
    """A tie drawn as its own line over the family tree."""

    kind: str        # harm, contact, care, grandparent, associate, sibling, or a quality
    source: str
    target: str
    label: str
    relationship: Relationship
    directed: bool = False


@dataclass
class Kinship:
    """Everything the genogram layout and drawing need to know about one family network."""

    people: dict[str, Person]
    parents: dict[str, list[str]]
    inferred_parents: set[tuple[str, str]]
    couples: list[Couple]
    families: list[Family]
    overlays: list[Overlay]
    #: (older, younger, generations apart) from every tie that orders generations.
    descent: list[tuple[str, str, int]]
    #: Pairs drawn in one generation (partners, siblings).
    same_generation: list[tuple[str, str]]
    #: Who lived with whom: the members of each household.
    households: list[list[str]] = field(default_factory=list)
    #: People outside the family (perpetrators, associates, exploiters who are not kin):
    #: drawn in a band of their own, apart from the generations.
    outsiders: list[str] = field(default_factory=list)

    def partners_of(self, person: str) -> list[Couple]:
        return [c for c in self.couples if person in (c.a, c.b)]


def age_in_years(person: Person) -> float | None:
    """An age as a number of years, when it can be read ('15 months' -> 1.25)."""
    age = person.age
    if isinstance(age, (int, float)) and not isinstance(age, bool):
        return float(age)
    if isinstance(age, str):
        match = re.match(r"\s*(\d+(?:\.\d+)?)\s*([a-z]*)", age.lower())
        if match:
            number, unit = float(match.group(1)), match.group(2)
            for word, per_year in (("month", 12), ("week", 52), ("day", 365)):
                if unit and word.startswith(unit[:3]):
                    return number / per_year
            return number
    return None


def birth_order(people: dict[str, Person], ids: list[str]) -> list[str]:
    """Children oldest first: by date of birth, else by age, else as listed."""
    position = {pid: i for i, pid in enumerate(people)}

    def key(pid: str) -> tuple:
        person = people[pid]
        if person.born:
            return (0, person.born, position[pid])
        age = age_in_years(person)
        if age is not None:
            return (1, -age, position[pid])
        return (2, "", position[pid])
    return sorted(ids, key=key)


def _twins(people: dict[str, Person], children: list[str]) -> list[list[str]]:
    """Groups of children born on the same day (or labelled twins of the same age)."""
    groups: dict[tuple, list[str]] = defaultdict(list)
    for pid in children:
        person = people[pid]
        if person.born and len(person.born) == 10:
            groups[("born", person.born)].append(pid)
        elif _TWIN.search(person.label or "") and person.age is not None:
            groups[("age", str(person.age))].append(pid)
    return [group for group in groups.values() if len(group) > 1]


def _sibling_groups(people: dict[str, Person], rels: list[Relationship]) -> list[list[str]]:
    """Connected groups of full-sibling ties, in order of first mention."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x
    for rel in rels:
        if rel.type == "sibling":
            ra, rb = find(rel.from_), find(rel.to)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
    groups: dict[str, list[str]] = defaultdict(list)
    for pid in people:
        if pid in parent:
            groups[find(pid)].append(pid)
    return [g for g in groups.values() if len(g) > 1]


def _full_siblings_of(pid: str, rels: list[Relationship]) -> list[str]:
    """The people a full-sibling tie joins to `pid`, in the case map's order."""
    return [r.to if r.from_ == pid else r.from_ for r in rels
            if r.type == "sibling" and pid in (r.from_, r.to)]


def _infer_grandparents(people: dict[str, Person], rels: list[Relationship],
                        parents: dict[str, list[str]], inferred: set[tuple[str, str]]) -> None:
    """A 'maternal' grandparent is the mother's parent (and 'paternal' the father's).

    Reviews often name a grandparent only by their tie to the child; without
    this, a genogram would show the grandmother who raised a child floating
    above the family instead of as the mother's mother.
    """
    for rel in rels:
        if rel.type != "grandparent":
            continue
        label = f"{people[rel.from_].label or ''} {rel.notes or ''}".lower()
        side = "female" if "maternal" in label else "male" if "paternal" in label else None
        if side is None:
            continue
        candidates = [p for p in parents.get(rel.to, []) if people[p].sex == side]
        if len(candidates) != 1:
            continue
        parent = candidates[0]
        same_sex = [g for g in parents.get(parent, [])
                    if people[g].sex == people[rel.from_].sex]
        if rel.from_ in parents.get(parent, []) or same_sex or len(parents.get(parent, [])) >= 2:
            continue
        parents[parent].append(rel.from_)
        inferred.add((rel.from_, parent))


def kinship_of(casemap: CaseMap) -> Kinship:
    """The couples, families and overlay lines of a case map's people."""
    people = {p.id: p for p in casemap.people}
    rels = [r for r in casemap.relationships if r.from_ in people and r.to in people
            and r.from_ != r.to]
    parents: dict[str, list[str]] = defaultdict(list)
    adopted: set[tuple[str, str]] = set()
    for rel in rels:
        if rel.type == "parent" and rel.from_ not in parents[rel.to]:
            parents[rel.to].append(rel.from_)
            if _ADOPT.search(f"{rel.notes or ''} {rel.quote or ''}"):
                adopted.add((rel.from_, rel.to))

    # Full siblings share their parents: a child whose parents the map leaves out
    # takes those of the full siblings it is tied to (the ones all of them share),
    # and a child with parents recorded keeps exactly those, so no child hangs
    # from a couple it does not belong to.
    inferred: set[tuple[str, str]] = set()
    recorded = {c: list(ps) for c, ps in parents.items() if ps}
    for group in _sibling_groups(people, rels):
        for member in group:
            if member in recorded:
                continue
            tied = [recorded[o] for o in _full_siblings_of(member, rels) if o in recorded]
            if not tied:
                continue
            shared = [p for p in tied[0] if all(p in t for t in tied[1:])]
            for p in shared[:2]:
                parents[member].append(p)
                inferred.add((p, member))

    _infer_grandparents(people, rels, parents, inferred)

    # Couples: recorded partner ties, then the two parents of any child.
    couples: dict[frozenset[str], Couple] = {}
    for rel in rels:
        if rel.type == "partner":
            couple = couples.setdefault(frozenset((rel.from_, rel.to)),
                                        Couple(rel.from_, rel.to))
            couple.recorded = True
            couple.relationship = rel
            couple.status = rel.status or couple.status
    for child in people:
        ps = parents.get(child, [])
        if len(ps) >= 2:
            couples.setdefault(frozenset(ps[:2]), Couple(ps[0], ps[1]))

    # Families: children grouped by their (first two) parents; parentless sibling groups.
    by_parents: dict[tuple[str, ...], list[str]] = {}
    for child in people:
        ps = parents.get(child, [])[:2]
        if ps:
            by_parents.setdefault(tuple(sorted(ps)), []).append(child)
    families = [Family(ps, birth_order(people, kids)) for ps, kids in by_parents.items()]
    in_family = {c for f in families for c in f.children}
    loose: dict[str, set[str]] = defaultdict(set)
    for rel in rels:
        if rel.type in SIBLING_TYPES and rel.from_ not in in_family and rel.to not in in_family:
            loose[rel.from_].add(rel.to)
            loose[rel.to].add(rel.from_)
    seen: set[str] = set()
    for pid in people:
        if pid in loose and pid not in seen:
            group, todo = [], [pid]
            while todo:
                current = todo.pop()
                if current not in seen:
                    seen.add(current)
                    group.append(current)
                    todo.extend(sorted(loose[current] - seen))
            families.append(Family((), birth_order(people, group)))
    for family in families:
        family.twins = _twins(people, family.children)
        family.adopted = {c for c in family.children
                          if any((p, c) in adopted for p in family.parents)}

    overlays = _overlays(rels, people, parents, couples, families)
    descent = [(p, c, 1) for c, ps in parents.items() for p in ps]
    descent += [(r.from_, r.to, 2 if r.type == "grandparent" else 1) for r in rels
                if r.type == "grandparent" or r.type in CARE_TYPES]
    same = [(c.a, c.b) for c in couples.values()]
    same += [(r.from_, r.to) for r in rels if r.type in SIBLING_TYPES]
    homes = [[m for m in h.members if m in people] for h in casemap.households]
    outsiders = _outsiders(people, rels, parents, couples, casemap)
    return Kinship(people, dict(parents), inferred, list(couples.values()), families,
                   overlays, descent, same, homes, outsiders)


#: Ties that make two people family to each other in a genogram.
KIN_TIES = frozenset({"parent", "partner", "grandparent", *CARE_TYPES, *SIBLING_TYPES})


def _outsiders(people: dict[str, Person], rels: list[Relationship],
               parents: dict[str, list[str]], couples: dict[frozenset[str], Couple],
               casemap: CaseMap) -> list[str]:
    """People with no family tie and no family role: perpetrators, associates, exploiters.

    Someone who shares a family home with the family ("Sam's family (group)")
    is family; a young person placed in the same residential home is not.
    """
    tied = {p for r in rels if r.type in KIN_TIES for p in (r.from_, r.to)}
    tied |= {p for c, ps in parents.items() for p in [c, *ps]}
    tied |= {p for key in couples for p in key}
    family_home = {m for h in casemap.households if h.kind == "family_home"
                   for m in h.members}
    return [pid for pid, person in people.items()
            if not person.subject and pid not in tied and pid not in family_home
            and (person.role or "other") not in FAMILY_ROLES]


def _overlays(rels: list[Relationship], people: dict[str, Person],
              parents: dict[str, list[str]], couples: dict[frozenset[str], Couple],
              families: list[Family]) -> list[Overlay]:
    """The ties drawn as lines of their own, in the order the case map lists them."""
    family_of = {c: f for f in families for c in f.children}
    out: list[Overlay] = []
    for rel in rels:
        a, b = rel.from_, rel.to
        if rel.type == "harmed":
            out.append(Overlay("harm", a, b, humanise_nature(rel.nature, "harmed"), rel, True))
            continue
        if rel.type == "contact":
            label = f"{rel.nature} contact" if rel.nature else "contact"
            out.append(Overlay("contact", a, b, label.replace("_", " "), rel, True))
        elif rel.type in CARE_TYPES:
            # Drawn even where a couple line implies it (a stepfather is the
            # mother's partner): the review names the tie, so the genogram shows it.
            out.append(Overlay(CARE_KINDS[rel.type], a, b, _care_label(rel, people[a]), rel,
                               True))
        elif rel.type == "grandparent":
            implied = any(a in parents.get(p, []) for p in parents.get(b, []))
            if not implied:
                out.append(Overlay("grandparent", a, b, "grandparent", rel, True))
        elif rel.type == "associate":
            out.append(Overlay("associate", a, b, "associate", rel))
        elif rel.type in SIBLING_TYPES:
            fa, fb = family_of.get(a), family_of.get(b)
            shared = set(parents.get(a, [])) & set(parents.get(b, []))
            if not shared and (fa is None or fa is not fb):
                out.append(Overlay("sibling", a, b, rel.type.replace("_", "-"), rel))
        if rel.quality:
            out.append(Overlay(rel.quality, a, b, rel.quality, rel))
    return out


#: Roles of relatives: their care of a child is kinship care.
KIN_ROLES = {"grandmother", "grandfather", "aunt", "uncle", "cousin", "sister", "brother",
             "sibling", "half_sister", "half_brother", "step_sibling"}


def _care_label(rel: Relationship, carer: Person) -> str:
    """'foster carer', 'special guardian', 'kinship carer' (a relative), 'carer'."""
    if rel.type == "carer" and carer.role in KIN_ROLES:
        return "kinship carer"
    return CARE_TYPES[rel.type]


def humanise_nature(nature: str | None, default: str) -> str:
    """'physical_abuse' -> 'physical abuse'; the default when there is no nature."""
    return nature.replace("_", " ") if nature else default
