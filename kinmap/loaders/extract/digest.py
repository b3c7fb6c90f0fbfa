"""Split a document into the reviews it holds: one for a review, several for a digest.

A digest (a repository round-up such as "six case reviews were published this
month") is a header followed by entries, each opening with a short line that
names a review and its subject: "3. Local child safeguarding practice review:
Rowan", "Child N: Child safeguarding practice review", "Child safeguarding
practice review concerning Lily". A document with two or more such lines is a
digest; every entry becomes its own review.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .data import patterns, rx
from .naming import Names
from .sentences import MARKER, _lines, without_metadata

MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december")
MONTH_YEAR = re.compile(r"\b(?:(" + "|".join(MONTHS) + r")\s+)?((?:19|20)\d\d)\b", re.IGNORECASE)
#: Capitalised words of a title that are never a subject's name.
TITLE_WORDS = frozenset(["local", "child", "children", "safeguarding", "practice", "review", "reviews", "serious", "case", "learning", "summary", "overview", "report", "independent", "executive", "the", "regulations", "england", "agency", "relevant", "and", "of", "for", "into", "concerning", "lcspr", "lscpr", "cspr", "scr", "commissioned", "under", "briefing", "minute", "step", "partnership", "board", "national", "rapid", "thematic", "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"])


@dataclass(frozen=True)
class Segment:
    """The span of one review inside a document, and its title line for a digest entry."""

    index: int
    start: int
    end: int
    digest: bool = False
    title_start: int | None = None
    title_end: int | None = None
    published: str | None = None


def partial_date(month: str | None, year: str) -> str:
    """ISO partial date of 'June', '2023' -> '2023-06'."""
    if month:
        return f"{year}-{MONTHS.index(month.lower()) + 1:02d}"
    return year


@lru_cache(maxsize=1)
def _digest_rules() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    data = patterns()["digest"]
    return rx(data["entry_title"]), rx(data["entry_separator"]), rx(data["not_entry"])


def name_part(title: str) -> str | None:
    """The part of an entry title that names the subject: 'Rowan', 'Family W'."""
    review_words, separator, _ = _digest_rules()
    parts = [p.strip(" .,'\"") for p in separator.split(title)]
    candidates = [p for p in parts if p and not review_words.search(p)] or \
        [p for p in parts[1:] if p]
    for part in reversed(candidates) if len(parts) > 1 else []:
        words = re.findall(r"[A-Z][\w'’-]*", part)
        if any(w.lower() not in TITLE_WORDS for w in words):
            return part
    return None


def _entry_title(body: str) -> bool:
    review_words, separator, not_entry = _digest_rules()
    words = body.split()
    if _dated_entry().match(body):
        return True
    return (2 <= len(words) <= 45 and not body.rstrip().endswith(".")
            and bool(review_words.search(body)) and bool(separator.search(body))
            and not not_entry.search(body) and name_part(body) is not None)


@lru_cache(maxsize=1)
def _dated_entry() -> re.Pattern[str]:
    return rx(patterns()["digest"]["dated_entry"], case=True)


#: An entry tells its review: fewer words of prose than this before the next title is a heading
#: (a slide title, a repeated cover line), not a review of its own.
MIN_ENTRY_WORDS = 3
PROSE = re.compile(r"[a-z)][.!?][\"'’”)]*(?:\s|$)")


def _real_entries(text: str, titles: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """The title lines that open an entry: each has prose of its own before the next
    title, and names a subject no earlier one named. A cover page repeated by a mirror,
    or a slide deck's headings, name one review, never several."""
    out: list[tuple[int, int, int]] = []
    named: set[str] = set()
    heads: set[str | None] = set()
    names = Names(text)
    for i, (start, end, line_start) in enumerate(titles):
        stop = titles[i + 1][2] if i + 1 < len(titles) else len(text)
        part = re.sub(r"\([^)]*\)", " ", name_part(text[start:end]) or "")  # a qualifier
        name = re.sub(r"\W+", " ", part).strip().lower()
        if name in named or _prose_words(text, end, stop) < MIN_ENTRY_WORDS:
            continue
        head = _review_named(text[start:end], names)
        if head and head in heads:
            continue  # "PT SCR: Effects of Neglect" is a section of the review "PT SCR"
        heads.add(head)
        if not any(names.name_like(w) for w in re.findall(r"[A-Z][\w'’-]*", part)
                   if w.lower() not in TITLE_WORDS):
            continue  # "SCR: Effects of Domestic Violence" is a heading, not a review
        named.add(name)
        out.append((start, end, line_start))
    return out


def _review_named(title: str, names: Names) -> str | None:
    """The part of a title before its separator when it names a review by its subject
    ('PT SCR', 'Serious Case Review PT'), else None ('May 2019' names no review)."""
    _, separator, _ = _digest_rules()
    head = separator.split(title, maxsplit=1)[0]
    words = [w for w in re.findall(r"[A-Z][\w'’-]*", head) if w.lower() not in TITLE_WORDS]
    if not words or not all(names.name_like(w) for w in words):
        return None
    return " ".join(words)


def _prose_words(text: str, start: int, end: int) -> int:
    """How many words of text[start:end] stand in lines of prose (lines with a sentence end)."""
    return sum(len(text[a:b].split()) for a, b in _lines(text, start, end)
               if PROSE.search(text, a, b))


def split_reviews(text: str) -> list[Segment]:
    """The reviews of a document, in order."""
    titles = []
    for a, b in without_metadata(text, _lines(text, 0, len(text))):
        marker = MARKER.match(text, a, b)
        start = a + (len(marker.group(0)) if marker else 0)
        if _entry_title(text[start:b]):
            titles.append((start, b, a))
    if len(titles) >= 2:  # a single title line is no digest: no need to read names
        titles = _real_entries(text, titles)
    if len(titles) < 2:
        return [Segment(0, 0, len(text))]
    header = text[:titles[0][2]]
    found = MONTH_YEAR.search(header)
    published = partial_date(found.group(1), found.group(2)) if found else None
    out = []
    for i, (start, end, line_start) in enumerate(titles):
        stop = titles[i + 1][2] if i + 1 < len(titles) else len(text)
        out.append(Segment(i, line_start, stop, digest=True, title_start=start,
                           title_end=end, published=published))
    return out
