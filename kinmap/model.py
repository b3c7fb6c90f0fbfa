"""The CaseMap model: one review as typed Python objects (format 1 and 1.1, casemap.md).

Every element is a dataclass whose fields carry, in their metadata, what the
format says of the key: its kind of value, its vocabulary or the sort of element
it refers to. The case map reader, the writer and the RDF mapping all read that
metadata, so a key is described once, here.

Canonical values: dates are ISO partial date strings ('2021', '2021-06',
'2021-06-14'); reference lists are lists (an absent list is empty); a single
`by:` is a one-item list.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any, ClassVar, Iterator

# Kinds of value a field may hold (metadata["kind"]).
TEXT = "text"          # a non-empty string
DATE = "date"          # an ISO partial date
BOOL = "bool"
AGE = "age"            # a number or a short text ("14 weeks")
NUMBER = "number"      # 0..1 (confidence)
VOCAB = "vocab"        # one value of a closed vocabulary
VOCAB_LIST = "vocab_list"
REF = "ref"            # one id
REF_OR_NULL = "ref_or_null"
REFS = "refs"          # a list of ids
REFS_OR_ONE = "refs_or_one"  # a list of ids, or one id (kept as a list)

PERSON = frozenset({"person"})
AGENCY = frozenset({"agency"})
AGENCY_OR_PERSON = frozenset({"agency", "person"})
MEETING = frozenset({"meeting"})


def _f(kind: str, *, vocab: str | None = None, to: frozenset[str] | None = None,
       key: str | None = None, required: bool = False, default: Any = None) -> Any:
    meta = {"kind": kind, "vocab": vocab, "to": to, "key": key, "required": required}
    if kind in (REFS, REFS_OR_ONE, VOCAB_LIST):
        return field(default_factory=list, metadata=meta)
    if required:
        return field(metadata=meta)
    return field(default=default, metadata=meta)


@dataclass(kw_only=True)
class Element:
    """What every element may carry: the quote that states it, a confidence, notes."""

    section: ClassVar[str] = ""
    sort: ClassVar[str] = ""

    quote: str | None = _f(TEXT)
    confidence: float | None = _f(NUMBER)
    notes: str | None = _f(TEXT)


@dataclass(kw_only=True)
class Review(Element):
    """The review itself: title, type, partnership, area, dates, source document."""

    section: ClassVar[str] = "review"
    sort: ClassVar[str] = "review"

    id: str = _f(TEXT, required=True)
    title: str | None = _f(TEXT)
    type: str | None = _f(VOCAB, vocab="review_type")
    partnership: str | None = _f(TEXT)
    area: str | None = _f(TEXT)
    published: str | None = _f(DATE)
    period_from: str | None = _f(DATE, key="period.from")
    period_to: str | None = _f(DATE, key="period.to")
    source_file: str | None = _f(TEXT, key="source.file")


@dataclass(kw_only=True)
class Person(Element):
    """A child, family member or other person in the review."""

    section: ClassVar[str] = "people"
    sort: ClassVar[str] = "person"

    id: str = _f(TEXT, required=True)
    label: str | None = _f(TEXT)
    subject: bool | None = _f(BOOL)
    role: str | None = _f(VOCAB, vocab="role")
    sex: str | None = _f(VOCAB, vocab="sex")
    age: int | float | str | None = _f(AGE)
    born: str | None = _f(DATE)
    died: str | None = _f(DATE)
    deceased: bool | None = _f(BOOL)
    culture: str | None = _f(TEXT)


@dataclass(kw_only=True)
class Relationship(Element):
    """A tie between two people: kinship, partnership, contact or harm."""

    section: ClassVar[str] = "relationships"
    sort: ClassVar[str] = "relationship"

    type: str = _f(VOCAB, vocab="relationship_type", required=True)
    from_: str = _f(REF, to=PERSON, key="from", required=True)
    to: str = _f(REF, to=PERSON, required=True)
    id: str | None = _f(TEXT)
    nature: str | None = _f(VOCAB, vocab="nature")  # vocabulary depends on `type`
    status: str | None = _f(VOCAB, vocab="partner_status")
    quality: str | None = _f(VOCAB, vocab="quality")
    since: str | None = _f(DATE)
    until: str | None = _f(DATE)


@dataclass(kw_only=True)
class Household(Element):
    """Where people lived together; placements are households too."""

    section: ClassVar[str] = "households"
    sort: ClassVar[str] = "household"

    id: str = _f(TEXT, required=True)
    kind: str = _f(VOCAB, vocab="household_kind", required=True)
    label: str | None = _f(TEXT)
    members: list[str] = _f(REFS, to=PERSON)
    since: str | None = _f(DATE)
    until: str | None = _f(DATE)
    area: str | None = _f(TEXT)
    when: str | None = _f(TEXT)


@dataclass(kw_only=True)
class Agency(Element):
    """An agency, or a team that is part of one."""

    section: ClassVar[str] = "agencies"
    sort: ClassVar[str] = "agency"

    id: str = _f(TEXT, required=True)
    kind: str = _f(VOCAB, vocab="agency_kind", required=True)
    label: str | None = _f(TEXT)
    area: str | None = _f(TEXT)
    part_of: str | None = _f(REF, to=AGENCY)
    #: Format 1.1: what the agency is, finer than its kind (vocab.SERVICE_KIND), as given.
    service: str | None = _f(VOCAB, vocab="service")
    #: Not part of the format: the service kinmap inferred from the label when none was
    #: given (loaders/extract/services.py). Kept in the graph apart from a given one
    #: (km:inferredService), never written back as if a reviewer had given it, and left
    #: out of equality: two case maps that say the same are equal.
    inferred_service: str | None = field(default=None, compare=False)

    @property
    def service_or_inferred(self) -> str | None:
        """The service given, else the one kinmap inferred, else None."""
        return self.service or self.inferred_service


@dataclass(kw_only=True)
class Involvement(Element):
    """An agency's tie to a person: the lines of an ecomap."""

    section: ClassVar[str] = "involvements"
    sort: ClassVar[str] = "involvement"

    agency: str = _f(REF, to=AGENCY, required=True)
    person: str = _f(REF, to=PERSON, required=True)
    id: str | None = _f(TEXT)
    strength: str | None = _f(VOCAB, vocab="strength")
    flow: str | None = _f(VOCAB, vocab="flow")
    role: str | None = _f(TEXT)
    since: str | None = _f(DATE)
    until: str | None = _f(DATE)
    when: str | None = _f(TEXT)


@dataclass(kw_only=True)
class Meeting(Element):
    """A multi-agency meeting, with who was invited, attended or absent."""

    section: ClassVar[str] = "meetings"
    sort: ClassVar[str] = "meeting"

    id: str = _f(TEXT, required=True)
    kind: str = _f(VOCAB, vocab="meeting_kind", required=True)
    about: list[str] = _f(REFS, to=PERSON)
    invited: list[str] = _f(REFS, to=AGENCY_OR_PERSON)
    attended: list[str] = _f(REFS, to=AGENCY_OR_PERSON)
    absent: list[str] = _f(REFS, to=AGENCY_OR_PERSON)
    date: str | None = _f(DATE)
    when: str | None = _f(TEXT)


@dataclass(kw_only=True)
class Decision(Element):
    """A decision about a child and its outcome (made, declined, ...)."""

    section: ClassVar[str] = "decisions"
    sort: ClassVar[str] = "decision"

    id: str = _f(TEXT, required=True)
    kind: str = _f(VOCAB, vocab="decision_kind", required=True)
    about: list[str] = _f(REFS, to=PERSON)
    by: list[str] = _f(REFS_OR_ONE, to=AGENCY_OR_PERSON)
    meeting: str | None = _f(REF, to=MEETING)
    outcome: str | None = _f(VOCAB, vocab="outcome")
    date: str | None = _f(DATE)
    when: str | None = _f(TEXT)


@dataclass(kw_only=True)
class Event(Element):
    """Something that happened: a death, an injury, a missing episode, an arrest."""

    section: ClassVar[str] = "events"
    sort: ClassVar[str] = "event"

    id: str = _f(TEXT, required=True)
    kind: str = _f(VOCAB, vocab="event_kind", required=True)
    about: list[str] = _f(REFS, to=PERSON)
    by: list[str] = _f(REFS_OR_ONE, to=AGENCY_OR_PERSON)
    date: str | None = _f(DATE)
    when: str | None = _f(TEXT)


@dataclass(kw_only=True)
class InformationSharing(Element):
    """Information that should have passed between agencies: missed, partial or shared."""

    section: ClassVar[str] = "information_sharing"
    sort: ClassVar[str] = "information_sharing"

    status: str = _f(VOCAB, vocab="sharing_status", required=True)
    id: str | None = _f(TEXT)
    from_: str | None = _f(REF_OR_NULL, to=AGENCY_OR_PERSON, key="from")
    to: str | None = _f(REF_OR_NULL, to=AGENCY_OR_PERSON)
    about: list[str] = _f(REFS, to=PERSON)
    what: str | None = _f(TEXT)
    date: str | None = _f(DATE)
    when: str | None = _f(TEXT)


@dataclass(kw_only=True)
class Finding(Element):
    """A finding or learning point of the review, with its themes."""

    section: ClassVar[str] = "findings"
    sort: ClassVar[str] = "finding"

    id: str = _f(TEXT, required=True)
    text: str = _f(TEXT, required=True)
    themes: list[str] = _f(VOCAB_LIST, vocab="theme")


@dataclass(kw_only=True)
class Recommendation(Element):
    """A recommendation, with the agencies it is addressed to."""

    section: ClassVar[str] = "recommendations"
    sort: ClassVar[str] = "recommendation"

    id: str = _f(TEXT, required=True)
    text: str = _f(TEXT, required=True)
    to: list[str] = _f(REFS, to=AGENCY)


#: The list sections of a case map, in the order of the format, with their element class.
SECTIONS: dict[str, type[Element]] = {
    cls.section: cls
    for cls in (Person, Relationship, Household, Agency, Involvement, Meeting, Decision,
                Event, InformationSharing, Finding, Recommendation)
}


@dataclass
class CaseMap:
    """One review: its metadata and the elements of every section."""

    review: Review
    people: list[Person] = field(default_factory=list)
    relationships: list[Relationship] = field(default_factory=list)
    households: list[Household] = field(default_factory=list)
    agencies: list[Agency] = field(default_factory=list)
    involvements: list[Involvement] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    information_sharing: list[InformationSharing] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    recommendations: list[Recommendation] = field(default_factory=list)
    #: Not part of the format: the extractor ("name version") that drafted this
    #: case map from a document, None for a hand-made one. Kept in the graph as PROV.
    extractor: str | None = None
    #: Not part of the format either: who checked the draft against the review
    #: (a reviewer's name, one line) and when (ISO 8601 date-time, UTC). Kept in
    #: the graph as PROV beside the extractor's record.
    checked_by: str | None = None
    checked_at: str | None = None

    def elements(self) -> Iterator[tuple[str, int, Element]]:
        """Every list element as (section, position, element), in format order."""
        for section in SECTIONS:
            for position, element in enumerate(getattr(self, section)):
                yield section, position, element

    def ids(self) -> dict[str, Element]:
        """The elements that have an id, by id."""
        return {e.id: e for _, _, e in self.elements() if getattr(e, "id", None)}

    @property
    def subjects(self) -> list[Person]:
        """The subject children, first one first."""
        return [p for p in self.people if p.subject]


@dataclass(frozen=True)
class FieldSpec:
    """What the format says of one key of one section."""

    attr: str
    key: str
    kind: str
    vocab: str | None
    to: frozenset[str] | None
    required: bool


def specs(cls: type[Element]) -> list[FieldSpec]:
    """The keys of an element class, in a stable order (common keys last)."""
    found = [
        FieldSpec(f.name, f.metadata.get("key") or f.name, f.metadata["kind"],
                  f.metadata.get("vocab"), f.metadata.get("to"),
                  f.metadata.get("required", False))
        for f in fields(cls) if "kind" in f.metadata
    ]
    common = {"quote", "confidence", "notes"}
    return [s for s in found if s.attr not in common] + [s for s in found if s.attr in common]


SPECS: dict[str, list[FieldSpec]] = {name: specs(cls) for name, cls in
                                     {"review": Review, **SECTIONS}.items()}
