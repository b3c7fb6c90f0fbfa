"""Synthetic, fictional case maps shaped like the gold ones, for benchmarks.

`synthetic_corpus(n, seed)` is deterministic: the same n and seed give the same
case maps, element for element. Sizes follow the richer gold case maps in
`shared/gold/` (5-12 people, 5-15 relationships, 5-15 agencies, 5-15 findings
and recommendations, a quote of 60-200 characters on most elements), so one
synthetic review maps to roughly a thousand triples. Every value comes from the
vocabularies of `kinmap.vocab` and every reference names an element of the
same review, so each case map passes the reader's checks. Nothing here
describes a real child, family, place or agency.
"""
from __future__ import annotations

import random

from kinmap import vocab
from kinmap.model import (Agency, CaseMap, Decision, Event, Finding, Household,
                          InformationSharing, Involvement, Meeting, Person, Recommendation,
                          Relationship, Review)

#: Share of elements that carry a quote, a confidence, notes.
QUOTE_RATE, CONFIDENCE_RATE, NOTES_RATE = 0.9, 0.5, 0.2

_PLACE_START = ("Ash", "Bram", "Cal", "Dun", "Elm", "Fen", "Gar", "Hol", "Ink", "Kel",
                "Lor", "Mar", "Nor", "Orm", "Pel", "Quen", "Ros", "Sel", "Tam", "Wex")
_PLACE_END = ("bury", "field", "ford", "ham", "ley", "mouth", "stead", "ton", "wick", "worth")
_NAMES = ("Ada", "Bea", "Cal", "Dara", "Eli", "Fin", "Gus", "Hana", "Ivo", "Jude", "Kit",
          "Lio", "Mae", "Nell", "Oli", "Pip", "Remy", "Sol", "Tia", "Vin", "Wren", "Zev")
_WORDS = ("the", "practitioners", "child", "family", "agency", "assessment", "risk",
          "concerns", "were", "not", "shared", "with", "school", "health", "visitor",
          "police", "referral", "was", "made", "after", "meeting", "plan", "mother",
          "father", "home", "visit", "missed", "opportunity", "to", "consider", "the",
          "history", "of", "neglect", "and", "domestic", "abuse", "in", "household",
          "review", "found", "that", "information", "about", "she", "he", "they",
          "said", "recorded", "by", "social", "worker", "manager", "oversight",
          "strategy", "discussion", "held", "on", "day", "week", "later", "no",
          "further", "action", "taken", "because", "threshold", "did", "meet")

#: Roles of the family network beyond the subject child, with their generation
#: (0 grandparents, 1 parents, 2 the subject's generation, 3 the subject's child)
#: and sex; parent-like ties only go from an older to a younger generation, so a
#: synthetic family has no parentage cycle.
_FAMILY = (("mother", 1, "female"), ("father", 1, "male"), ("stepfather", 1, "male"),
           ("stepmother", 1, "female"), ("sister", 2, "female"), ("brother", 2, "male"),
           ("half_sister", 2, "female"), ("half_brother", 2, "male"),
           ("grandmother", 0, "female"), ("grandfather", 0, "male"), ("aunt", 1, "female"),
           ("uncle", 1, "male"), ("cousin", 2, "unknown"),
           ("partner_of_parent", 1, "male"), ("foster_carer", 1, "female"),
           ("perpetrator", 1, "male"), ("peer", 2, "unknown"), ("associate", 1, "male"),
           ("child_of_subject", 3, "unknown"), ("professional", 1, "female"))
_DESCENT_TIE = {0: "grandparent", 1: "parent"}
_SIBLING_TIE = {"sister": "sibling", "brother": "sibling", "half_sister": "half_sibling",
                "half_brother": "half_sibling"}
_AGENCY_LABEL = {"social_care": "children's social care", "early_help": "early help service",
                 "police": "police", "health": "health visiting service",
                 "mental_health": "CAMHS", "education": "primary school",
                 "youth_justice": "youth justice service", "probation": "probation service",
                 "housing": "housing service", "voluntary": "family support charity",
                 "legal": "legal services", "partnership": "safeguarding partnership",
                 "ambulance": "ambulance service", "other": "community service"}


class _Ids:
    """Slugs unique within one review: 'mother', 'mother-2', ..."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def __call__(self, base: str) -> str:
        slug = base.replace("_", "-")
        candidate, n = slug, 1
        while candidate in self.used:
            n += 1
            candidate = f"{slug}-{n}"
        self.used.add(candidate)
        return candidate


def _sentence(rng: random.Random, low: int = 60, high: int = 200) -> str:
    """Fictional review-like prose of low..high characters."""
    target = rng.randint(low, high)
    words = [rng.choice(_WORDS).capitalize()]
    length = len(words[0])
    while length < target - 1:
        word = rng.choice(_WORDS)
        words.append(word)
        length += len(word) + 1
    text = " ".join(words)[:target - 1]
    return (text[:-1] + "s" if text.endswith(" ") else text) + "."


def _date(rng: random.Random, first: int = 2012, last: int = 2023) -> str:
    year = rng.randint(first, last)
    precision = rng.random()
    if precision < 0.3:
        return str(year)
    month = rng.randint(1, 12)
    if precision < 0.6:
        return f"{year}-{month:02d}"
    return f"{year}-{month:02d}-{rng.randint(1, 28):02d}"


def _common(rng: random.Random) -> dict:
    """quote / confidence / notes for one element, at the rates above."""
    return {"quote": _sentence(rng) if rng.random() < QUOTE_RATE else None,
            "confidence": round(rng.uniform(0.5, 1.0), 2)
            if rng.random() < CONFIDENCE_RATE else None,
            "notes": _sentence(rng, 30, 120) if rng.random() < NOTES_RATE else None}


def _some(rng: random.Random, items: list, low: int, high: int) -> list:
    """Between low and high distinct items, in a random order."""
    return rng.sample(items, min(len(items), rng.randint(low, high)))


def synthetic_casemap(index: int, rng: random.Random, size: int = 1) -> CaseMap:
    """One fictional review `synthetic-<index>`, drawn with `rng`.

    `size` multiplies the number of elements of every section: size 11 gives
    about 12,500 triples, a full-length (300 kB) overview report.
    """
    ids = _Ids()
    area = rng.choice(_PLACE_START) + rng.choice(_PLACE_END)
    child = rng.choice(_NAMES)
    start = rng.randint(2012, 2021)
    review = Review(
        id=f"synthetic-{index:05d}",
        title=f"Child Safeguarding Practice Review – Child {child}",
        type=rng.choice(vocab.REVIEW_TYPE),
        partnership=f"{area} Safeguarding Children Partnership",
        area=area, published=str(start + rng.randint(2, 4)),
        period_from=f"{start}-{rng.randint(1, 12):02d}",
        period_to=f"{start + rng.randint(1, 2)}-{rng.randint(1, 12):02d}",
        source_file=f"synthetic-{index:05d}.txt", **_common(rng))

    # People: the subject child, often both parents, then others of the network.
    generation: dict[str, int] = {}
    people = [Person(id=ids(child.lower()), label=child, subject=True, role="subject",
                     sex=rng.choice(("female", "male")),
                     age=rng.choice((rng.randint(0, 17), f"{rng.randint(2, 40)} weeks")),
                     culture=rng.choice((None, "White British", "Polish; Catholic",
                                         "Black British", "Roma; speaks Romani")),
                     **_common(rng))]
    generation[people[0].id] = 2
    wanted = rng.randint(5 * size, 12 * size)
    roles = [r for r in _FAMILY[:2] if rng.random() < 0.85]
    while len(people) + len(roles) < wanted:
        roles.append(rng.choice(_FAMILY[2:]))
    for role, gen, sex in roles:
        pid = ids(role)
        second_subject = role in ("sister", "brother") and rng.random() < 0.2
        people.append(Person(id=pid, label=f"{child}'s {role.replace('_', ' ')}", role=role,
                             sex=sex, subject=True if second_subject else None,
                             age=rng.randint(1, 17) if gen >= 2 and rng.random() < 0.5 else
                             rng.randint(18, 70) if rng.random() < 0.3 else None,
                             deceased=True if rng.random() < 0.05 else None,
                             **_common(rng)))
        generation[pid] = gen
    subject = people[0].id
    subjects = [p.id for p in people if p.subject]
    others = people[1:]

    # Relationships: the ties roles imply, then extra contact/harm/associate ties.
    relationships: list[Relationship] = []

    def tie(kind: str, source: str, target: str, **extra) -> None:
        relationships.append(Relationship(type=kind, from_=source, to=target,
                                          quality=rng.choice((None, None) + vocab.QUALITY),
                                          since=_date(rng) if rng.random() < 0.2 else None,
                                          **extra, **_common(rng)))

    target_ties = rng.randint(5 * size, 15 * size)
    for person in others:
        if len(relationships) >= target_ties:
            break
        gen = generation[person.id]
        if person.role in _SIBLING_TIE:
            tie(_SIBLING_TIE[person.role], subject, person.id)
        elif person.role in ("mother", "father"):
            tie("parent", person.id, subject)
        elif person.role in ("stepfather", "stepmother"):
            tie("step_parent", person.id, subject)
        elif person.role == "foster_carer":
            tie("foster_parent", person.id, subject)
        elif person.role == "child_of_subject":
            tie("parent", subject, person.id)
        elif gen in _DESCENT_TIE and person.role in ("grandmother", "grandfather"):
            tie(_DESCENT_TIE[gen], person.id, subject)
        elif person.role == "partner_of_parent":
            parent = next((p.id for p in people if p.role == "mother"), None)
            if parent:
                tie("partner", parent, person.id, status=rng.choice(vocab.PARTNER_STATUS))
        elif person.role == "perpetrator":
            tie("harmed", person.id, rng.choice(subjects), nature=rng.choice(vocab.HARM_NATURE))
    adults = [p.id for p in others if generation[p.id] <= 1]
    while len(relationships) < target_ties:
        pick = rng.random()
        if pick < 0.35 and adults:
            tie("contact", rng.choice(adults), rng.choice(subjects),
                nature=rng.choice(vocab.CONTACT_NATURE))
        elif pick < 0.6 and adults:
            tie("harmed", rng.choice(adults), rng.choice(subjects),
                nature=rng.choice(vocab.HARM_NATURE))
        elif pick < 0.8 and len(adults) >= 2:
            a, b = rng.sample(adults, 2)
            tie("partner", a, b, status=rng.choice(vocab.PARTNER_STATUS))
        else:
            a, b = rng.sample([p.id for p in people], 2)
            tie("associate", a, b)

    person_ids = [p.id for p in people]
    households = [Household(id=ids("family-home" if n == 0 else rng.choice(
        ("foster-placement", "kinship-placement", "residential-home"))),
        kind="family_home" if n == 0 else rng.choice(vocab.HOUSEHOLD_KIND[1:]),
        label=f"{'family home' if n == 0 else 'placement'} in {area}",
        members=[subject] + _some(rng, person_ids[1:], 1, 4),
        since=_date(rng, start - 5, start) if rng.random() < 0.6 else None,
        area=area if rng.random() < 0.4 else None,
        when=rng.choice((None, "a settled period of four years", "for six weeks")),
        **_common(rng)) for n in range(rng.randint(1, 3 * size))]

    agencies: list[Agency] = []
    for _ in range(rng.randint(5 * size, 15 * size)):
        kind = rng.choice(vocab.AGENCY_KIND)
        agencies.append(Agency(
            id=ids(f"{area.lower()}-{kind}"), kind=kind, label=f"{area} {_AGENCY_LABEL[kind]}",
            area=area if rng.random() < 0.5 else None,
            part_of=rng.choice(agencies).id if agencies and rng.random() < 0.15 else None,
            **_common(rng)))
    agency_ids = [a.id for a in agencies]

    involvements = [Involvement(
        agency=rng.choice(agency_ids), person=rng.choice(person_ids),
        strength=rng.choice(vocab.STRENGTH), flow=rng.choice(vocab.FLOW),
        role=rng.choice((None, "allocated social worker", "health visitor for the family",
                         "designated safeguarding lead")),
        since=_date(rng) if rng.random() < 0.4 else None, **_common(rng))
        for _ in range(rng.randint(3 * size, 10 * size))]

    meetings = []
    for _ in range(rng.randint(size, 4 * size)):
        kind = rng.choice(vocab.MEETING_KIND)
        attended = _some(rng, agency_ids, 2, 5)
        absent = _some(rng, [a for a in agency_ids if a not in attended], 0, 2)
        meetings.append(Meeting(
            id=ids(kind), kind=kind,
            about=_some(rng, subjects, 1, 2),
            invited=attended + absent if rng.random() < 0.5 else [],
            attended=attended, absent=absent, date=_date(rng, start, start + 2),
            **_common(rng)))
    meeting_ids = [m.id for m in meetings]

    decisions = [Decision(
        id=ids(kind), kind=kind, about=_some(rng, subjects, 1, 2),
        by=[rng.choice(agency_ids)] if rng.random() < 0.8 else [],
        meeting=rng.choice(meeting_ids) if rng.random() < 0.4 else None,
        outcome=rng.choice(vocab.OUTCOME), date=_date(rng, start, start + 2),
        **_common(rng))
        for kind in (rng.choice(vocab.DECISION_KIND) for _ in range(rng.randint(2 * size, 6 * size)))]

    events = [Event(
        id=ids(kind), kind=kind, about=_some(rng, subjects, 1, 2),
        by=[rng.choice(person_ids)] if rng.random() < 0.3 else [],
        date=_date(rng, start, start + 2) if rng.random() < 0.7 else None,
        when=rng.choice((None, "nine days later", "aged 4")), **_common(rng))
        for kind in (rng.choice(vocab.EVENT_KIND) for _ in range(rng.randint(2 * size, 6 * size)))]

    information_sharing = [InformationSharing(
        status=rng.choice(vocab.SHARING_STATUS), from_=rng.choice(agency_ids),
        to=rng.choice(agency_ids) if rng.random() < 0.7 else None,
        about=_some(rng, subjects, 1, 1), what=_sentence(rng, 30, 90),
        date=_date(rng, start, start + 2) if rng.random() < 0.5 else None,
        **_common(rng)) for _ in range(rng.randint(size, 3 * size))]

    findings = [Finding(id=ids(f"finding-{n}"), text=_sentence(rng, 60, 160),
                        themes=_some(rng, list(vocab.THEME), 1, 3), **_common(rng))
                for n in range(1, rng.randint(5 * size, 15 * size) + 1)]
    recommendations = [Recommendation(id=ids(f"rec-{n}"), text=_sentence(rng, 60, 160),
                                      to=_some(rng, agency_ids, 1, 3), **_common(rng))
                       for n in range(1, rng.randint(5 * size, 15 * size) + 1)]

    return CaseMap(review=review, people=people, relationships=relationships,
                   households=households, agencies=agencies, involvements=involvements,
                   meetings=meetings, decisions=decisions, events=events,
                   information_sharing=information_sharing, findings=findings,
                   recommendations=recommendations)


def synthetic_corpus(n: int, seed: int = 7, size: int = 1) -> list[CaseMap]:
    """n fictional reviews `synthetic-00001` ... , the same for the same n, seed and size."""
    rng = random.Random(seed)
    return [synthetic_casemap(index, rng, size) for index in range(1, n + 1)]
