"""Pseudonymised copies of case maps, for views shown outside the review team.

It works by allow-list (`SHOWN`): a pseudonymised copy keeps only the fields
listed there, and only values made from the closed vocabularies, years, numbers,
flags and references renamed by kinmap. Everything else, including any field
added to the model later, is dropped. Names become role labels that stay
consistent within a review (Child, Mother, Father 2, Half-brother's father),
groups stay groups ("Sisters (group)"), agencies become their kind (Police,
School), households their kind; every id is replaced; findings and
recommendations become "Finding 1", ...; the review becomes its type. Free text
(labels, culture, quotes, notes, `when`, `what`, an involvement's role, areas)
reaches a view only when the user names its field in `show_text`. What is left
is the shape of the family and of the professional network, which is what a
learning event needs.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import MISSING, fields
from typing import Collection

from ...errors import KinmapError
from ...model import (
    AGE,
    BOOL,
    DATE,
    NUMBER,
    REF,
    REF_OR_NULL,
    REFS,
    REFS_OR_ONE,
    SECTIONS,
    TEXT,
    VOCAB,
    VOCAB_LIST,
    Agency,
    CaseMap,
    Decision,
    Element,
    Event,
    Finding,
    Household,
    InformationSharing,
    Involvement,
    Meeting,
    Person,
    Recommendation,
    Relationship,
    Review,
    specs,
)
from ...vocab import NATURE_OF, VOCABULARIES
from .text import humanise, names_a_group

ROLE_LABELS = {
    "subject": "Child", "mother": "Mother", "father": "Father", "stepmother": "Stepmother",
    "stepfather": "Stepfather", "parent": "Parent", "sister": "Sister", "brother": "Brother",
    "sibling": "Sibling", "half_sister": "Half-sister", "half_brother": "Half-brother",
    "step_sibling": "Step-sibling", "grandmother": "Grandmother", "grandfather": "Grandfather",
    "aunt": "Aunt", "uncle": "Uncle", "cousin": "Cousin", "partner_of_parent": "Parent's partner",
    "foster_carer": "Foster carer", "special_guardian": "Special guardian",
    "child_of_subject": "Child's child", "partner": "Partner", "associate": "Associate",
    "perpetrator": "Adult who harmed", "peer": "Peer", "professional": "Professional",
    "other": "Person",
}
#: The label of a group of people ("older sisters (group)") by role, before " (group)".
GROUP_LABELS = {
    "subject": "Children", "mother": "Mothers", "father": "Fathers",
    "stepmother": "Stepmothers", "stepfather": "Stepfathers", "parent": "Parents",
    "sister": "Sisters", "brother": "Brothers", "sibling": "Siblings",
    "half_sister": "Half-sisters", "half_brother": "Half-brothers",
    "step_sibling": "Step-siblings", "grandmother": "Grandmothers",
    "grandfather": "Grandfathers", "aunt": "Aunts", "uncle": "Uncles", "cousin": "Cousins",
    "partner_of_parent": "Parent's partners", "foster_carer": "Foster carers",
    "special_guardian": "Special guardians", "child_of_subject": "Child's children",
    "partner": "Partners", "associate": "Associates", "perpetrator": "Adults who harmed",
    "peer": "Peers", "professional": "Professionals", "other": "People",
}
AGENCY_LABELS = {
    "social_care": "Children's social care", "early_help": "Early help", "police": "Police",
    "health": "Health service", "mental_health": "Mental health service",
    "education": "School", "youth_justice": "Youth justice service",
    "probation": "Probation", "housing": "Housing", "voluntary": "Voluntary service",
    "legal": "Legal service", "partnership": "Safeguarding partnership",
    "ambulance": "Ambulance service", "other": "Other agency",
}
REVIEW_TYPES = {"lcspr": "Local child safeguarding practice review", "scr": "Serious case review",
                "rapid_review": "Rapid review", "learning_review": "Learning review",
                "national_review": "National review", "briefing": "Review briefing",
                "digest_entry": "Review digest entry", "other": "Review"}
_AGE = re.compile(r"\s*(\d{1,3}(?:\.\d{1,2})?)\s*(years?|months?|weeks?|days?)?(?: old)?\s*",
                  re.I | re.ASCII)
_YEAR = re.compile(r"\d{4}", re.ASCII)

#: What a pseudonymised view may show, element by element: the only fields kept.
#: Each is kept only as its kind allows (a vocabulary value, a year, a flag, a
#: number, a short age, a renamed reference); a free-text field cannot be listed.
#: Ids, labels and the texts of findings are replaced by kinmap's own words.
SHOWN: dict[type[Element], frozenset[str]] = {
    Review: frozenset({"type", "published", "period_from", "period_to"}),
    Person: frozenset({"subject", "role", "sex", "age", "born", "died", "deceased"}),
    Relationship: frozenset({"type", "from_", "to", "nature", "status", "quality", "since",
                             "until"}),
    Household: frozenset({"kind", "members", "since", "until"}),
    Agency: frozenset({"kind", "part_of"}),
    Involvement: frozenset({"agency", "person", "strength", "flow", "since", "until"}),
    Meeting: frozenset({"kind", "about", "invited", "attended", "absent", "date"}),
    Decision: frozenset({"kind", "about", "by", "meeting", "outcome", "date"}),
    Event: frozenset({"kind", "about", "by", "date"}),
    InformationSharing: frozenset({"status", "from_", "to", "about", "date"}),
    Finding: frozenset({"themes"}),
    Recommendation: frozenset({"to"}),
}
#: Free-text fields a user may ask to show word for word (`show_text`), as "section.key".
SHOWABLE: tuple[str, ...] = tuple(
    f"{cls.section}.{spec.key}" for cls in (Review, *SECTIONS.values())
    for spec in specs(cls) if spec.kind == TEXT and spec.attr != "id")
PARENT_WORDS = {"female": "mother", "male": "father"}
PREFIXES = {"people": "p", "households": "h", "agencies": "a", "meetings": "m",
            "decisions": "d", "events": "e", "findings": "f", "recommendations": "r",
            "relationships": "t", "involvements": "i", "information_sharing": "s"}


def _numbered(labels: list[str]) -> list[str]:
    """'Father', 'Father 2', ...: the second and later of a label get a number."""
    seen: Counter[str] = Counter()
    out = []
    for label in labels:
        seen[label] += 1
        out.append(label if seen[label] == 1 else f"{label} {seen[label]}")
    return out


def person_labels(casemap: CaseMap) -> dict[str, str]:
    """A consistent role label for each person of a review; a group's ends in " (group)"."""
    groups = {p.id for p in casemap.people if names_a_group(p.label)}
    base: dict[str, str | None] = {}
    for person in casemap.people:
        role = person.role if person.role in ROLE_LABELS else "other"
        if person.subject:
            role = "subject"
        if person.id in groups:
            base[person.id] = GROUP_LABELS[role]
        else:
            base[person.id] = None if role in ("other", "associate", "partner") else \
                ROLE_LABELS[role]
    labels = dict(zip(base, _numbered([b or "" for b in base.values()])))
    people = {p.id: p for p in casemap.people}
    # People the map names by no family role are described by their tie to someone who has one.
    for person in casemap.people:
        if base[person.id] is not None:
            continue
        derived = None
        for rel in casemap.relationships:
            if rel.type == "parent" and rel.from_ == person.id and base.get(rel.to):
                word = PARENT_WORDS.get(person.sex or "", "parent")
                derived = f"{labels[rel.to]}'s {word}"
                break
        if derived is None:
            for rel in casemap.relationships:
                if rel.type == "partner" and person.id in (rel.from_, rel.to):
                    other = rel.to if rel.from_ == person.id else rel.from_
                    if base.get(other):
                        derived = f"{labels[other]}'s partner"
                        break
        base[person.id] = derived or ROLE_LABELS.get(people[person.id].role or "other",
                                                     "Person")
    labels = dict(zip(base, _numbered([b or "Person" for b in base.values()])))
    return {pid: f"{label} (group)" if pid in groups else label
            for pid, label in labels.items()}


def _year(value: object) -> str | None:
    """The year of an ISO date; anything else is dropped."""
    if isinstance(value, str) and _YEAR.fullmatch(value[:4]):
        return value[:4]
    return None


def _age(value: object) -> int | float | str | None:
    """A number, or a short age rebuilt from its number and unit ("14 weeks")."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value if 0 <= value < 1000 else None
    match = _AGE.fullmatch(value) if isinstance(value, str) else None
    if not match:
        return None
    number, unit = match.groups()
    return f"{number} {unit.lower()}" if unit else number


def _vocabulary_value(value: object, vocabulary: str | None, element: Element) -> str | None:
    """A value of the field's closed vocabulary, else None."""
    if vocabulary == "nature":  # its vocabulary depends on the relationship's type
        vocabulary = NATURE_OF.get(getattr(element, "type", ""), "")
    return value if isinstance(value, str) and value in VOCABULARIES.get(vocabulary or "", ()) \
        else None


def _shown(element: Element, attr: str, kind: str, vocabulary: str | None,
           ids: dict[str, str]) -> object:
    """The value of an allowed field as a pseudonymised view may show it."""
    value = getattr(element, attr)
    if kind == VOCAB:
        return _vocabulary_value(value, vocabulary, element)
    if kind == VOCAB_LIST:
        return [v for v in value or [] if _vocabulary_value(v, vocabulary, element)]
    if kind == DATE:
        return _year(value)
    if kind == BOOL:
        return value if isinstance(value, bool) else None
    if kind == NUMBER:
        return value if isinstance(value, (int, float)) and not isinstance(value, bool) \
            else None
    if kind == AGE:
        return _age(value)
    if kind in (REF, REF_OR_NULL):
        return ids.get(value) if isinstance(value, str) else None
    if kind in (REFS, REFS_OR_ONE):
        return [ids[v] for v in value or [] if isinstance(v, str) and v in ids]
    raise AssertionError(f"{type(element).__name__}.{attr}: a {kind} field cannot be shown")


def _scrub(element: Element, ids: dict[str, str], show_text: Collection[str],
           **changes: object) -> Element | None:
    """A new element of the same class holding only what `SHOWN` allows, and `changes`.

    Fields not allowed go back to their default (None or an empty list). None
    when a reference the element needs points at nothing kinmap renamed.
    """
    allowed = next((SHOWN[c] for c in type(element).__mro__ if c in SHOWN), frozenset())
    values: dict[str, object] = {}
    for spec in specs(type(element)):
        if spec.attr in changes:
            continue
        if spec.kind == TEXT and f"{type(element).section}.{spec.key}" in show_text:
            values[spec.attr] = getattr(element, spec.attr)
        elif spec.attr in allowed:
            values[spec.attr] = _shown(element, spec.attr, spec.kind, spec.vocab, ids)
            if spec.required and values[spec.attr] is None:
                if spec.kind == VOCAB and "other" in VOCABULARIES.get(spec.vocab or "", ()):
                    values[spec.attr] = "other"
                else:
                    return None
    known = {f.name: f for f in fields(element) if f.init}
    for name, f in known.items():  # a field with no spec is not allowed either
        if name not in values and name not in changes and (
                f.default is not MISSING or f.default_factory is not MISSING):
            values[name] = f.default_factory() if f.default_factory is not MISSING \
                else f.default
    return type(element)(**{**values, **changes})


def _each(elements, ids, show_text, new=lambda n, e: {}):
    out = []
    for n, element in enumerate(elements, start=1):
        scrubbed = _scrub(element, ids, show_text, **new(n, element))
        if scrubbed is not None:
            out.append(scrubbed)
    return out


def check_show_text(show_text: Collection[str]) -> frozenset[str]:
    """The free-text fields asked for, each checked against `SHOWABLE`."""
    unknown = sorted(set(show_text) - set(SHOWABLE))
    if unknown:
        from difflib import get_close_matches
        near = get_close_matches(unknown[0], SHOWABLE, n=1)
        hint = f"did you mean {near[0]!r}? " if near else ""
        raise KinmapError(f"cannot show {unknown[0]!r} in a pseudonymised view: it is not a "
                          f"free-text field; {hint}the fields are {', '.join(SHOWABLE)}")
    return frozenset(show_text)


def pseudonymise_with_ids(casemap: CaseMap, *, number: int | None = None,
                          show_text: Collection[str] = ()) -> tuple[CaseMap, dict[str, str]]:
    """The pseudonymised copy, and the new id of every old element id.

    `number` tells reviews drawn together apart ("review-2", "Review 2: ...").
    `show_text` names free-text fields ("people.culture") to keep word for word.
    """
    show = check_show_text(show_text)
    ids: dict[str, str] = {}
    for section, prefix in PREFIXES.items():
        for i, element in enumerate(getattr(casemap, section), start=1):
            if isinstance(getattr(element, "id", None), str):
                ids.setdefault(element.id, f"{prefix}{i}")
    people = person_labels(casemap)
    kinds = {a.id: a.kind for a in casemap.agencies}
    agency_names = _numbered([AGENCY_LABELS.get(a.kind, "Other agency") + (
        " team" if a.part_of in kinds else "") for a in casemap.agencies])
    home_names = _numbered([humanise(h.kind if h.kind in VOCABULARIES["household_kind"]
                                     else "other").capitalize() for h in casemap.households])
    review = casemap.review
    kind = REVIEW_TYPES.get(review.type or "other", "Review")
    out = CaseMap(review=_scrub(
        review, ids, show, id=f"review-{number}" if number else "review",
        title=(f"Review {number}: " if number else "") + f"{kind} (pseudonymised)"))
    out.people = _each(casemap.people, ids, show, lambda n, p: {
        "id": ids[p.id], **({} if "people.label" in show else {"label": people[p.id]})})
    out.relationships = _each(casemap.relationships, ids, show)
    out.households = _each(casemap.households, ids, show, lambda n, h: {
        "id": ids[h.id], **({} if "households.label" in show else {"label": home_names[n - 1]})})
    out.agencies = _each(casemap.agencies, ids, show, lambda n, a: {
        "id": ids[a.id], **({} if "agencies.label" in show else {"label": agency_names[n - 1]})})
    out.involvements = _each(casemap.involvements, ids, show)
    out.meetings = _each(casemap.meetings, ids, show, lambda n, m: {"id": ids[m.id]})
    out.decisions = _each(casemap.decisions, ids, show, lambda n, d: {"id": ids[d.id]})
    out.events = _each(casemap.events, ids, show, lambda n, e: {"id": ids[e.id]})
    out.information_sharing = _each(casemap.information_sharing, ids, show)
    out.findings = _each(casemap.findings, ids, show, lambda n, f: {
        "id": ids[f.id], **({} if "findings.text" in show else {"text": f"Finding {n}"})})
    out.recommendations = _each(casemap.recommendations, ids, show, lambda n, r: {
        "id": ids[r.id],
        **({} if "recommendations.text" in show else {"text": f"Recommendation {n}"})})
    return out, ids


def pseudonymise(casemap: CaseMap, *, number: int | None = None,
                 show_text: Collection[str] = ()) -> CaseMap:
    """A copy of a case map with role labels for names, years for dates, no free text."""
    return pseudonymise_with_ids(casemap, number=number, show_text=show_text)[0]
