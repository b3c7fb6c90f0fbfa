"""A case map under construction: ids, quotes sliced from the text, and the rule behind each element.

Every extractor adds its elements through `Builder.add`, which slices the quote
from the input text (so it is always an exact span), sets the confidence and
records a `RuleHit` for `kinmap extract --explain`. Extractors share what they
found through the builder: where each person and agency is mentioned.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import TypeVar

from ...model import CaseMap, Element, Person, Review
from .digest import Segment
from .sentences import Document, Sentence

E = TypeVar("E", bound=Element)
SLUG_CHARS = re.compile(r"[^a-z0-9]+")
PRONOUN_START = re.compile(r"\W*(he|she)\b", re.IGNORECASE)
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
#: Where a sentence divides into clauses that each state something.
CLAUSE_BREAK = re.compile(r"\s*(?:;|:\s|\s[–—-]\s|•|\(|\)|,\s+(?:but|and|whilst|while|although|which|who|"
                          r"where|after|before|when|as|so|because|though|however)\b|\s+but\s+)\s*",
                          re.IGNORECASE)
#: A sentence this short is quoted whole; a clause shorter than MIN_QUOTE is widened.
SHORT_SENTENCE = 70
MIN_QUOTE = 30
FULL_DATE = re.compile(
    r"\b(?:(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+)?(?P<month>January|February|March|April|May|June|July|"
    r"August|September|October|November|December)\s+(?P<year>(?:19|20)\d\d)\b"
    r"|\b(?P<nday>\d{1,2})[./](?P<nmonth>\d{1,2})[./](?P<nyear>(?:19|20)\d\d|\d\d)\b"
    r"|\b(?P<bare>(?:19|20)\d\d)\b(?!\s*(?:statutory|guidance|p\.))")
DATE = re.compile(r"\b(?:(January|February|March|April|May|June|July|August|September|October|"
                  r"November|December)\s+)?((?:19|20)\d\d)\b(?!\s*(?:statutory|guidance|p\.))")


@dataclass(frozen=True)
class RuleHit:
    """Which rule made an element, and the text it read."""

    section: str
    element: str | int      # the element's id, or its position when it has none
    rule: str
    quote: str


@dataclass
class Mention:
    """Where a person or agency is named: the span, its sentence, the id it refers to."""

    ref: str
    start: int
    end: int
    sentence: int
    rule: str = ""
    group: int | None = None    # mentions of one coordination ("his older brother and sister")


def iso_date(m: re.Match[str]) -> str | None:
    """A FULL_DATE match as an ISO partial date: '4 June 2004' -> '2004-06-04', '7.10.03' ->
    '2003-10-07' (day first, as in English reviews), 'June 2004' -> '2004-06'."""
    if m.group("bare"):
        return m.group("bare")
    if m.group("month"):
        month = MONTHS.index(m.group("month").lower()[:3]) + 1
        day = int(m.group("day")) if m.group("day") else None
        year = int(m.group("year"))
    else:
        day, month, year = int(m.group("nday")), int(m.group("nmonth")), int(m.group("nyear"))
        if year < 100:
            year += 2000 if year <= 40 else 1900
    if not 1 <= month <= 12:
        return None
    if day is None:
        return f"{year}-{month:02d}"
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return f"{year}-{month:02d}"


def slug(text: str, fallback: str = "item") -> str:
    """A case map id from a label: 'Child Q' -> 'child-q'."""
    value = SLUG_CHARS.sub("-", text.lower().replace("'", "").replace("’", "")).strip("-")
    return value[:48].rstrip("-") or fallback


@dataclass
class Builder:
    """One review being extracted from one span of a document."""

    text: str
    doc: Document
    segment: Segment
    source_file: str
    casemap: CaseMap = field(default_factory=lambda: CaseMap(review=Review(id="review")))
    hits: list[RuleHit] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    subject_names: list[str] = field(default_factory=list)  # forms that name a subject
    subject_sex: str | None = None
    person_mentions: dict[int, list[Mention]] = field(default_factory=dict)
    agency_mentions: dict[int, list[Mention]] = field(default_factory=dict)
    meeting_mentions: dict[int, list[Mention]] = field(default_factory=dict)
    #: clause breaks by (start, end) span: a sentence is cut for many quotes and dates
    clause_cuts: dict[tuple[int, int], list[tuple[int, int]]] = field(default_factory=dict,
                                                                      repr=False)

    # -- ids and quotes ------------------------------------------------------

    def new_id(self, label: str, fallback: str = "item") -> str:
        """A fresh slug id for this review, made from a label."""
        base = slug(label, fallback)
        candidate, n = base, 2
        while candidate in self.ids:
            candidate = f"{base}-{n}"
            n += 1
        self.ids.add(candidate)
        return candidate

    def quote(self, start: int, end: int) -> str:
        """The exact text between two offsets, without surrounding spaces."""
        return self.text[start:end].strip()

    def clause(self, start: int, end: int, focus: tuple[int, int]) -> tuple[int, int]:
        """The shortest clause of text[start:end] that holds the focus span and reads on its
        own: cut at semicolons, dashes, bullets and ', but', ', which'..., widened to a
        neighbouring clause while it is shorter than MIN_QUOTE characters."""
        if end - start <= SHORT_SENTENCE:
            return start, end
        a, b = max(start, focus[0]), min(end, max(focus[1], focus[0]))
        cuts = self.clause_cuts.get((start, end))
        if cuts is None:  # CLAUSE_BREAK opens with \s*: tried at every offset, worth keeping
            cuts = self.clause_cuts[start, end] = [
                (m.start(), m.end()) for m in CLAUSE_BREAK.finditer(self.flat, start, end)]
        left = max([e for s_, e in cuts if e <= a], default=start)
        right = min([s_ for s_, e in cuts if s_ >= b], default=end)
        while right - left < MIN_QUOTE and (left > start or right < end):
            after = min([s_ for s_, e in cuts if s_ > right], default=end)
            before = max([e for s_, e in cuts if e < left], default=start)
            if right < end and (after - left <= right - before or left == start):
                right = after
            else:
                left = before
        while left < right and self.flat[left] in " ,;:–—-•":
            left += 1
        while right > left and self.flat[right - 1] in " ,;:–—-•":
            right -= 1
        return left, right

    def add(self, section: str, element: E, rule: str, start: int, end: int,
            confidence: float, focus: tuple[int, int] | None = None) -> E:
        """Add an element to a section with its quote, confidence and rule hit; with a focus
        (the words that state it), the quote is the clause around them."""
        if focus is not None:
            start, end = self.clause(start, end, focus)
        element.quote = self.quote(start, end)
        element.confidence = round(min(max(confidence, 0.0), 1.0), 2)
        items = getattr(self.casemap, section)
        items.append(element)
        ref = getattr(element, "id", None) or len(items) - 1
        self.hits.append(RuleHit(section, ref, rule, element.quote))
        return element

    def rename(self, section: str, old: str | int, new: str | int) -> None:
        """Point the rule hits of a merged element at the element it merged into."""
        self.hits = [RuleHit(h.section, new, h.rule, h.quote)
                     if h.section == section and h.element == old else h for h in self.hits]

    def drop(self, section: str, element: Element) -> None:
        """Remove an element and its rule hits (renumbering positions after it)."""
        items = getattr(self.casemap, section)
        position = next(i for i, e in enumerate(items) if e is element)
        del items[position]
        ref = getattr(element, "id", None)
        kept = []
        for h in self.hits:
            if h.section != section:
                kept.append(h)
            elif ref is not None:
                if h.element != ref:
                    kept.append(h)
            elif isinstance(h.element, int) and h.element != position:
                kept.append(RuleHit(h.section, h.element - (h.element > position), h.rule,
                                    h.quote))
        self.hits = kept

    # -- shared findings -----------------------------------------------------

    @property
    def flat(self) -> str:
        """The text as patterns read it: line breaks as spaces, same offsets."""
        return self.doc.flat

    @property
    def subjects(self) -> list[Person]:
        return self.casemap.subjects

    @property
    def subject(self) -> Person | None:
        # the first of casemap.subjects, without listing them all (asked of every sentence)
        return next((p for p in self.casemap.people if p.subject), None)

    def person(self, person_id: str) -> Person | None:
        return next((p for p in self.casemap.people if p.id == person_id), None)

    def mentioned_people(self, sentence: Sentence) -> list[Mention]:
        """The people named in a sentence, in text order."""
        return sorted(self.person_mentions.get(sentence.index, []), key=lambda m: m.start)

    def mentioned_agencies(self, sentence: Sentence) -> list[Mention]:
        """The agencies named in a sentence, in text order."""
        return sorted(self.agency_mentions.get(sentence.index, []), key=lambda m: m.start)

    def date_in(self, start: int, end: int) -> str | None:
        """The first 'June 2021' or '2016' between two offsets, as an ISO partial date."""
        found = DATE.search(self.flat, start, end)
        if not found:
            return None
        month = found.group(1)
        if month:
            return f"{found.group(2)}-{MONTHS.index(month.lower()[:3]) + 1:02d}"
        return found.group(2)

    def date_near(self, start: int, end: int, sentence: Sentence) -> str | None:
        """The date a cue at text[start:end] is told with: the first one after it, unless
        another verb comes between ('died on 16 July 2006'), else the last one before it in
        its clause ('In December 2009, child I died'), as an ISO date as exact as the text."""
        left, _ = self.clause(sentence.start, sentence.end, (start, end))
        after = [m for m in FULL_DATE.finditer(self.flat, end, sentence.end)]
        if after and after[0].start() - end <= 100 and not re.search(
                r"\band\s+(?:was|were|had|is)?\s*\w+ed\b|\bborn\b",
                self.flat[end:after[0].start()]):
            return iso_date(after[0])
        before = [m for m in FULL_DATE.finditer(self.flat, left, start)]
        if before:
            return iso_date(before[-1])
        return iso_date(after[0]) if after else None

    def about(self, sentence: Sentence, default_subject: bool = True) -> list[str]:
        """Who a sentence is about: the people it names, else the subject child."""
        found: list[str] = []
        subject = self.subject
        pronoun = PRONOUN_START.match(sentence.text)
        if subject is not None and pronoun and (self.subject_sex in (None, "unknown") or (
                pronoun.group(1).lower() == "he") == (self.subject_sex == "male")):
            found.append(subject.id)
        for m in self.mentioned_people(sentence):
            if m.ref not in found:
                found.append(m.ref)
        if not found and default_subject and subject is not None:
            found.append(subject.id)
        return found
