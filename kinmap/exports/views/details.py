"""What a view shows on hover or click: each drawn element's facts and source quote.

Views tag drawn elements with `data-ref`; the page's script looks the ref up in
the details passed as JSON and shows them with `textContent`, never as HTML.
Refs are short and assigned in drawing order, so the same case map always
gives the same file.
"""
from __future__ import annotations

from typing import Any

from ...model import (
    Agency,
    CaseMap,
    Decision,
    Event,
    Household,
    InformationSharing,
    Involvement,
    Meeting,
    Person,
    Relationship,
)
from .text import clean, humanise, shorten, span

Detail = dict[str, Any]


class Details:
    """The details of one view, by ref."""

    def __init__(self) -> None:
        self.items: dict[str, Detail] = {}
        self._refs: dict[str, str] = {}

    def add(self, key: str, detail: Detail) -> str:
        """The ref of `key` (an element's identity in this view), adding its details once."""
        if key not in self._refs:
            ref = f"r{len(self._refs) + 1}"
            self._refs[key] = ref
            self.items[ref] = detail
        return self._refs[key]

    def title(self, ref: str) -> str:
        """A one-paragraph tooltip: heading, then the quote."""
        detail = self.items[ref]
        text = detail["heading"]
        if detail.get("quote"):
            text += f"\n“{shorten(detail['quote'], 300)}”"
        return text


def _facts(*pairs: tuple[str, object]) -> list[list[str]]:
    out = []
    for name, value in pairs:
        if value is None or value == "" or value == []:
            continue
        if isinstance(value, list):
            value = ", ".join(clean(v) for v in value)
        out.append([name, clean(value)])
    return out


def _common(element: Any, heading: str, kind: str, facts: list[list[str]]) -> Detail:
    if getattr(element, "confidence", None) is not None:
        facts.append(["confidence", f"{element.confidence:g}"])
    return {"heading": clean(heading), "kind": kind, "facts": facts,
            "quote": clean(element.quote, keep_lines=True) or None,
            "notes": clean(element.notes, keep_lines=True) or None}


def label_of(casemap: CaseMap, element_id: str | None) -> str:
    """The label of a person or agency by id (the id when it has no label)."""
    if element_id is None:
        return "not recorded"
    for item in (*casemap.people, *casemap.agencies):
        if item.id == element_id:
            return clean(item.label or item.id)
    return clean(element_id)


def person_details(person: Person, casemap: CaseMap) -> Detail:
    homes = [clean(h.label or humanise(h.kind)) for h in casemap.households
             if person.id in h.members]
    return _common(person, person.label or person.id,
                   "subject child" if person.subject else "person",
                   _facts(("role", humanise(person.role)), ("sex", person.sex),
                          ("age", person.age), ("born", person.born), ("died", person.died),
                          ("deceased", "yes" if person.deceased else None),
                          ("culture, religion, language", person.culture),
                          ("lived in", homes)))


def relationship_details(rel: Relationship, casemap: CaseMap) -> Detail:
    arrow = "→" if rel.type in ("parent", "step_parent", "foster_parent", "special_guardian",
                                "grandparent", "carer", "harmed", "contact") else "–"
    heading = f"{label_of(casemap, rel.from_)} {arrow} {label_of(casemap, rel.to)}"
    return _common(rel, heading, humanise(rel.type),
                   _facts(("tie", humanise(rel.type)), ("nature", humanise(rel.nature)),
                          ("status", rel.status), ("quality", rel.quality),
                          ("when", span(rel.since, rel.until))))


def household_details(household: Household, casemap: CaseMap) -> Detail:
    members = [label_of(casemap, m) for m in household.members]
    return _common(household, household.label or humanise(household.kind).capitalize(),
                   humanise(household.kind),
                   _facts(("kind", humanise(household.kind)), ("members", members),
                          ("dates", span(household.since, household.until)),
                          ("when", household.when), ("area", household.area)))


def agency_details(agency: Agency, casemap: CaseMap, absent_from: list[Meeting]) -> Detail:
    parent = label_of(casemap, agency.part_of) if agency.part_of else None
    absences = [f"{humanise(m.kind)} {m.date or m.when or ''}".strip() for m in absent_from]
    return _common(agency, agency.label or agency.id, humanise(agency.kind),
                   _facts(("kind", humanise(agency.kind)), ("part of", parent),
                          ("area", agency.area), ("absent from", absences)))


def involvement_details(inv: Involvement, casemap: CaseMap) -> Detail:
    heading = f"{label_of(casemap, inv.agency)} – {label_of(casemap, inv.person)}"
    return _common(inv, heading, "involvement",
                   _facts(("strength", inv.strength), ("flow", humanise(inv.flow)),
                          ("role", inv.role), ("dates", span(inv.since, inv.until)),
                          ("when", inv.when)))


def sharing_details(link: InformationSharing, casemap: CaseMap) -> Detail:
    heading = f"{label_of(casemap, link.from_)} → {label_of(casemap, link.to)}"
    about = [label_of(casemap, p) for p in link.about]
    return _common(link, heading, f"information sharing: {link.status}",
                   _facts(("status", link.status), ("what", link.what), ("about", about),
                          ("date", link.date), ("when", link.when)))


def meeting_details(meeting: Meeting, casemap: CaseMap) -> Detail:
    return _common(meeting, humanise(meeting.kind).capitalize(), "meeting",
                   _facts(("date", meeting.date), ("when", meeting.when),
                          ("about", [label_of(casemap, p) for p in meeting.about]),
                          ("attended", [label_of(casemap, a) for a in meeting.attended]),
                          ("absent", [label_of(casemap, a) for a in meeting.absent])))


def decision_details(decision: Decision, casemap: CaseMap) -> Detail:
    meeting = next((m for m in casemap.meetings if m.id == decision.meeting), None)
    return _common(decision, humanise(decision.kind).capitalize(), "decision",
                   _facts(("outcome", humanise(decision.outcome)), ("date", decision.date),
                          ("when", decision.when),
                          ("about", [label_of(casemap, p) for p in decision.about]),
                          ("by", [label_of(casemap, b) for b in decision.by]),
                          ("at", humanise(meeting.kind) if meeting else None)))


def event_details(event: Event, casemap: CaseMap) -> Detail:
    return _common(event, humanise(event.kind).capitalize(), "event",
                   _facts(("date", event.date), ("when", event.when),
                          ("about", [label_of(casemap, p) for p in event.about]),
                          ("by", [label_of(casemap, b) for b in event.by])))
