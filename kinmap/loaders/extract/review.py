"""Find what a review is: its title, type, partnership, area, publication date and period.

The title is the heading lines at the top (or a digest entry's title line); the
type comes from the words of the title ("7 minute briefing", "Serious Case
Review", "LCSPR"); the partnership is the most named "<Area> Safeguarding
Children Partnership" (or board, or its abbreviation such as "ESCP"); the period
is "between August 2021 and November 2023" in a sentence about the review.
"""
from __future__ import annotations

import re
from collections import Counter

from . import stretches
from .builder import Builder, RuleHit, slug
from .data import patterns, rx
from .digest import MONTH_YEAR, partial_date


def _head_blocks(builder: Builder) -> list:
    """The title lines: the short lines before the first paragraph or numbered item."""
    out = []
    for block in builder.doc.blocks[:8]:
        if block.item or (not block.heading and len(block.text.split()) > 16):
            break
        out.append(block)
    return out


def _title(builder: Builder) -> tuple[str | None, tuple[int, int] | None]:
    seg = builder.segment
    if seg.digest and seg.title_start is not None and seg.title_end is not None:
        return builder.text[seg.title_start:seg.title_end].strip(), (seg.title_start,
                                                                      seg.title_end)
    head = _head_blocks(builder)
    if not head:
        return None, None
    types = [rx(t["pattern"]) for t in patterns()["review_types"]]
    typed = [b for b in head if any(p.search(b.text) for p in types)]
    named = [b for b in head if any(n in b.text or n.upper() in b.text
                                    for n in builder.subject_names if len(n) > 1)]
    main = (typed[-1] if typed else head[0])
    if named and named[0] is not main and named[0].text not in main.text:
        title = f"{main.text.strip()} – {named[0].text.strip()}"
        return title, (named[0].start, named[0].end)
    return main.text.strip(), (main.start, main.end)


def _type(builder: Builder) -> str:
    if builder.segment.digest:
        return "digest_entry"
    head = " \n".join(b.text for b in _head_blocks(builder))
    body = builder.flat[builder.segment.start:builder.segment.end]
    for where in (head, body):
        for rule in patterns()["review_types"]:
            if rx(rule["pattern"]).search(where) and (where is head or rule["type"] != "briefing"):
                return rule["type"]
    return "other"


#: The word every partnership's name holds (patterns.yaml: partnership: named).
NAMED_NEEDS = (("Safeguarding",),)
#: A line that ends inside a place name: the name goes on on the next line.
WRAPPED_NAME = re.compile(r"(?:\b(?:and|upon|on|of)|-)\s*$")


def _partnership(builder: Builder) -> tuple[str | None, str | None, tuple[int, int] | None]:
    """(partnership name, area, span of a mention)."""
    data = patterns()["partnership"]
    text = builder.flat
    seg = builder.segment
    named = rx(data["named"], case=True)
    not_area = rx(data["not_area"], case=True)
    found: Counter[str] = Counter()
    spans: dict[str, tuple[int, int]] = {}
    areas: dict[str, str] = {}
    raw = builder.doc.text  # the same offsets as `text`, line breaks kept
    # every name holds "Safeguarding" and none crosses a full stop: only the stretches
    # around that word are searched, not all of a long review (stretches.py)
    for m in stretches.finditer(named, text, NAMED_NEEDS, None, seg.start, seg.end):
        # A name does not run over a line break: "Child Wren" on the title line above
        # "Fernmoor Safeguarding Children Partnership" is not part of the area.
        # A name wrapped after "and", "upon" or "of" ("Brackmouth and / Fold")
        # goes on.
        start = m.start("area")
        broken = raw.rfind("\n", start, m.end("area"))
        if broken >= 0 and not WRAPPED_NAME.search(raw, start, broken):
            start = broken + 1
        words = text[start:m.end("area")].split()
        while words and not_area.match(words[0]):
            words.pop(0)
        if not words:
            continue
        name = text[text.index(words[0], start):m.end()]
        while len(words) > 1 and not_area.match(words[-1]):  # "Ormford Local (SCB)"
            words.pop()
        found[name] += 1
        spans.setdefault(name, (m.start(), m.end()))
        areas[name] = " ".join(words)
    if found:
        name = found.most_common(1)[0][0]
        return name, areas[name], spans[name]
    abbreviations = Counter(m.group(0) for m in rx(data["abbreviation"], case=True)
                            .finditer(text, seg.start, seg.end))
    if abbreviations:
        name = abbreviations.most_common(1)[0][0]
        m = re.search(rf"\b{name}\b", text[seg.start:seg.end])
        return name, None, (seg.start + m.start(), seg.start + m.end()) if m else None
    return None, None, None


def _dates(builder: Builder) -> None:
    review = builder.casemap.review
    data = patterns()
    cue = rx(data["period_cue"])
    for m, sentence in builder.doc.matches(rx(data["period"])):
        if cue.search(sentence.text):
            a = MONTH_YEAR.search(m.group("from"))
            b = MONTH_YEAR.search(m.group("to"))
            review.period_from = partial_date(a.group(1), a.group(2))
            review.period_to = partial_date(b.group(1), b.group(2))
            break
    if builder.segment.published:
        review.published = builder.segment.published
        return
    for m, _sentence in builder.doc.matches(rx(data["published"])):
        date = MONTH_YEAR.search(m.group("date"))
        if date:
            review.published = partial_date(date.group(1), date.group(2))
            break


def find_review(builder: Builder) -> None:
    """Fill the review's title, type, partnership, area, dates and source."""
    review = builder.casemap.review
    review.source_file = builder.source_file
    title, span = _title(builder)
    review.title = title
    review.type = _type(builder)
    partnership, area, partnership_span = _partnership(builder)
    review.partnership = partnership
    review.area = area
    _dates(builder)
    span = span or partnership_span
    if span:
        review.quote = builder.quote(*span)
        review.confidence = 0.8
    builder.hits.append(RuleHit("review", "review", "review-title", review.quote or ""))


def name_review(builder: Builder, taken: dict[str, int]) -> None:
    """The review id: the partnership's area and the subject's name as a slug
    ("eastmoor-child-d"), unique within the document.

    `taken` maps every id given so far to the next suffix to try for it as a base, so
    a digest of thousands of entries with one base numbers them in linear time."""
    review = builder.casemap.review
    subjects = builder.subjects
    if len(subjects) > 1 and not subjects[0].label.startswith(("twin ", "child (", "child aged")):
        base = slug(" and ".join(p.label or "" for p in subjects), "review")
    elif subjects and subjects[0].label and subjects[0].label != "the child" and \
            not subjects[0].label.startswith("child aged"):
        label = subjects[0].label
        family = re.search(r"\((Family [^)]+)\)", label)
        base = slug(family.group(1) if family else label, "review")
    else:
        base = None
    area = slug(review.area or "", "")
    if base is None:  # no subject's name: the title, which often names the area itself
        base = slug(review.title or "review", "review")
    elif area and area not in base:
        # Partnerships name their children alike ("Child A", "Baby S"): the area makes
        # the id unique across a national corpus, as the format asks.
        base = f"{area}-{base}"
    candidate, n = base, taken.get(base, 2)
    while candidate in taken:
        candidate = f"{base}-{n}"
        n += 1
    taken[base] = n
    taken.setdefault(candidate, 2)
    review.id = candidate
    builder.hits = [RuleHit("review", candidate, h.rule, h.quote) if h.section == "review"
                    else h for h in builder.hits]
