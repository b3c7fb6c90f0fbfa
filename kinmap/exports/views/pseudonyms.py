"""Pseudonymised copies of case maps, for views shown outside the review team.

Names become role labels that stay consistent within a review (Child, Mother,
Father, Father 2, Half-brother, Half-brother's father), agencies become their
kind (Police, School, Health service), households their kind; every id is
replaced; dates keep only the year; quotes, notes and other free text are
dropped (findings and recommendations become "Finding 1", ...); the review's
title, partnership, area and source file go. What is left is the shape of the
family and of the professional network, which is what a learning event needs.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import fields, replace

from ...model import REF, REF_OR_NULL, REFS, REFS_OR_ONE, TEXT, CaseMap, Element, Person, specs
from .text import humanise

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
_AGE = re.compile(r"\s*\d{1,3}(\.\d+)?\s*(years?|months?|weeks?|days?)?( old)?\s*", re.I)
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
    """A consistent role label for each person of a review."""
    base: dict[str, str | None] = {}
    for person in casemap.people:
        role = person.role or "other"
        if person.subject:
            role = "subject"
        base[person.id] = None if role in ("other", "associate", "partner") else ROLE_LABELS[role]
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
    return dict(zip(base, _numbered([b or "Person" for b in base.values()])))


def _year(value: object) -> object:
    return value[:4] if isinstance(value, str) and value[:4].isdigit() else value


def _age(value: object) -> object:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and _AGE.fullmatch(value):
        return value.strip()
    return None


def _scrub(element: Element, ids: dict[str, str], **changes: object) -> Element:
    """A copy with free text dropped, dates cut to the year and references renamed.

    Every free-text field (quote, notes, when, what, an involvement's role,
    labels, ids) is dropped unless `changes` gives its new value.
    """
    values: dict[str, object] = {}
    for spec in specs(type(element)):
        value = getattr(element, spec.attr)
        if spec.kind == TEXT:
            value = None
        elif spec.kind == "date":
            value = _year(value)
        elif spec.kind in (REF, REF_OR_NULL):
            value = ids.get(value, value) if value is not None else None
        elif spec.kind in (REFS, REFS_OR_ONE):
            value = [ids.get(v, v) for v in value]
        values[spec.attr] = value
    names = {f.name for f in fields(element)}
    values = {k: v for k, v in values.items() if k in names}
    return replace(element, **{**values, **changes})


def pseudonymise_with_ids(casemap: CaseMap) -> tuple[CaseMap, dict[str, str]]:
    """The pseudonymised copy, and the new id of every old element id."""
    ids: dict[str, str] = {}
    for section, prefix in PREFIXES.items():
        for i, element in enumerate(getattr(casemap, section), start=1):
            if getattr(element, "id", None):
                ids[element.id] = f"{prefix}{i}"
    people = person_labels(casemap)
    names = _name_words(casemap)
    kinds = {a.id: a.kind for a in casemap.agencies}
    agency_names = _numbered([AGENCY_LABELS.get(a.kind, "Agency") + (
        " team" if a.part_of in kinds else "") for a in casemap.agencies])
    home_names = _numbered([humanise(h.kind).capitalize() for h in casemap.households])
    review = casemap.review
    out = CaseMap(review=replace(
        review, id="review", title=f"{REVIEW_TYPES.get(review.type or 'other', 'Review')} "
                                   "(pseudonymised)",
        partnership=None, area=None, published=_year(review.published),
        period_from=_year(review.period_from), period_to=_year(review.period_to),
        source_file=None, quote=None, notes=None))
    out.people = [_pseudo_person(p, ids, people[p.id], names) for p in casemap.people]
    out.relationships = [_scrub(r, ids, id=None) for r in casemap.relationships]
    out.households = [_scrub(h, ids, id=ids[h.id], label=name)
                      for h, name in zip(casemap.households, home_names)]
    out.agencies = [_scrub(a, ids, id=ids[a.id], label=name)
                    for a, name in zip(casemap.agencies, agency_names)]
    out.involvements = [_scrub(i, ids, id=None) for i in casemap.involvements]
    out.meetings = [_scrub(m, ids, id=ids[m.id]) for m in casemap.meetings]
    out.decisions = [_scrub(d, ids, id=ids[d.id]) for d in casemap.decisions]
    out.events = [_scrub(e, ids, id=ids[e.id]) for e in casemap.events]
    out.information_sharing = [_scrub(s, ids, id=None) for s in casemap.information_sharing]
    out.findings = [_scrub(f, ids, id=ids[f.id], text=f"Finding {n}")
                    for n, f in enumerate(casemap.findings, start=1)]
    out.recommendations = [_scrub(r, ids, id=ids[r.id], text=f"Recommendation {n}")
                           for n, r in enumerate(casemap.recommendations, start=1)]
    return out, ids


def _name_words(casemap: CaseMap) -> set[str]:
    """Capitalised words of the review's names, titles and places (lower-cased)."""
    texts = [casemap.review.title, casemap.review.partnership, casemap.review.area]
    texts += [e.label for e in (*casemap.people, *casemap.agencies, *casemap.households)]
    return {w.lower() for t in texts if t for w in re.findall(r"[^\W\d_][\w'’-]{2,}", t)
            if w[0].isupper()}


def _pseudo_person(person: Person, ids: dict[str, str], label: str, names: set[str]) -> Person:
    """The person with a role label; culture kept only if it names no one and nowhere."""
    culture = person.culture
    if culture and any(w.lower() in names
                       for w in re.findall(r"[^\W\d_][\w'’-]{2,}", culture)):
        culture = None
    return _scrub(person, ids, id=ids[person.id], label=label, age=_age(person.age),
                  culture=culture)


def pseudonymise(casemap: CaseMap) -> CaseMap:
    """A copy of a case map with role labels for names, years for dates, no free text."""
    return pseudonymise_with_ids(casemap)[0]
