"""Find the review's findings (with themes) and its recommendations (with their addressees).

Findings: "Learning no.1 ..." paragraphs, the items of a learning list ("The key
learnings are:"), the parts of "Learning includes: a; b; c", and the sentences
of learning sections in which the review says what it found. Each gets the
themes of `themes.yaml` its words match. Recommendations: one per
"Recommendation N" section, one per item of a recommendations list or of a
list of actions ("X have begun implementing work in the following areas:"),
and the parts of "Recommendations include: a; b; c"; each is addressed to the
agencies it names, and to the agency that introduces its list.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ...model import Finding, Recommendation
from .builder import Builder
from .data import patterns, rx, themes
from .sentences import Block

RECOMMENDATION_HEAD = re.compile(r"^\W*recommendations?\s*\d+", re.IGNORECASE)
RECOMMENDATION_LINE = re.compile(r"^\W*recommendation\s*\d+\s*[:.)–-]\s*", re.IGNORECASE)
LEADING = re.compile(r"[\s,;:]*(?:and\s+)?", re.IGNORECASE)  # used with match(text, pos)
INLINE_HEAD = re.compile(r"^[^:]{0,120}:\s*")


@lru_cache(maxsize=1)
def _themes() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((theme, rx("|".join(f"(?:{p})" for p in found)))
                 for theme, found in themes().items())


def themes_of(text: str) -> list[str]:
    """The themes whose words a finding uses (or 'other')."""
    found = [theme for theme, pattern in _themes() if pattern.search(text)]
    return found or ["other"]


def _parts(builder: Builder, block: Block) -> list[tuple[int, int]]:
    """The '; '-separated parts after 'Learning includes:' as (start, end) spans."""
    head = INLINE_HEAD.match(block.text)
    start = block.start + (head.end() if head else 0)
    out = []
    for piece in re.finditer(r"[^;]+", builder.text[start:block.end]):
        a, b = start + piece.start(), start + piece.end()
        lead = LEADING.match(builder.text, a, b)
        a = lead.end() if lead else a
        while b > a and builder.text[b - 1] in " .;\n":
            b -= 1
        if b - a > 8:
            out.append((a, b))
    return out


def _add_finding(builder: Builder, start: int, end: int, rule: str) -> None:
    text = " ".join(builder.text[start:end].split())
    n = len(builder.casemap.findings) + 1
    finding = Finding(id=builder.new_id(f"finding-{n}"), text=text, themes=themes_of(text))
    builder.add("findings", finding, rule, start, end, 0.6)


def find_findings(builder: Builder) -> None:
    """Add the findings and learning points of the review."""
    doc = builder.doc
    inline = rx(patterns()["inline_zones"]["learning"])
    cues = rx(patterns()["finding_cues"])
    for block in doc.blocks:
        if block.zone != "learning" or block.heading or not block.sentences or block.intro:
            continue
        first = doc.sentences[block.sentences[0]]
        if inline.search(block.text):
            for a, b in _parts(builder, block):
                _add_finding(builder, a, b, "learning-includes")
        elif first.finding_head or block.item:
            _add_finding(builder, first.start, first.end,
                         "learning-heading" if first.finding_head else "learning-item")
        else:
            cued = next((doc.sentences[i] for i in block.sentences
                         if cues.search(doc.sentences[i].text)), None)
            if cued is not None:
                _add_finding(builder, cued.start, cued.end, "finding-cue")


def _addressees(builder: Builder, sentences: list[int]) -> list[str]:
    found: list[str] = []
    for index in sentences:
        for m in builder.mentioned_agencies(builder.doc.sentences[index]):
            if m.ref not in found:
                found.append(m.ref)
    return found


def _add_recommendation(builder: Builder, start: int, end: int, to: list[str],
                        rule: str) -> None:
    text = " ".join(builder.text[start:end].split())
    n = len(builder.casemap.recommendations) + 1
    recommendation = Recommendation(id=builder.new_id(f"rec-{n}"), text=text, to=to)
    builder.add("recommendations", recommendation, rule, start, end, 0.6)


def find_recommendations(builder: Builder) -> None:
    """Add the recommendations of the review with the agencies they are addressed to."""
    doc = builder.doc
    inline = rx(patterns()["inline_zones"]["recommendation"])
    used: set[int] = set()
    blocks = doc.blocks
    for i, block in enumerate(blocks):
        if not (block.heading and RECOMMENDATION_HEAD.match(block.text)):
            continue
        section = []
        for later in blocks[i + 1:]:
            if later.heading:
                break
            section.append(later)
        body = [b for b in section if b.sentences]
        if not body:
            continue
        used.update(b.index for b in section)
        first = doc.sentences[body[0].sentences[0]]
        to = _addressees(builder, [s for b in body for s in b.sentences])
        _add_recommendation(builder, first.start, first.end, to, "recommendation-heading")
    for block in blocks:
        if block.index in used or block.zone != "recommendation" or not block.sentences:
            continue
        line = RECOMMENDATION_LINE.match(block.text)
        if line and not block.heading:
            first = doc.sentences[block.sentences[0]]
            start = max(first.start, block.start + line.end())
            _add_recommendation(builder, start, first.end, _addressees(builder, block.sentences),
                                "recommendation-line")
        elif inline.search(block.text):
            head = INLINE_HEAD.match(block.text)
            lead = _addressees(builder, block.sentences[:1]) if head else []
            for a, b in _parts(builder, block):
                sentence = doc.sentence_at(a)
                own = _agencies_between(builder, a, b, sentence)
                to = own + [x for x in lead if x not in own and _before(builder, x, a, block)]
                _add_recommendation(builder, a, b, to, "recommendations-include")
        elif block.item:
            first = doc.sentences[block.sentences[0]]
            to = _addressees(builder, block.sentences)
            if block.intro_block is not None:
                to += [x for x in _addressees(builder, blocks[block.intro_block].sentences)
                       if x not in to]
            _add_recommendation(builder, first.start, first.end, to, "recommendation-item")


def _agencies_between(builder: Builder, a: int, b: int, sentence) -> list[str]:
    if sentence is None:
        return []
    return list(dict.fromkeys(m.ref for m in builder.mentioned_agencies(sentence)
                              if a <= m.start < b))


def _before(builder: Builder, agency: str, at: int, block: Block) -> bool:
    """Whether an agency is named in the head of an inline list ('Recommendations for X')."""
    head = INLINE_HEAD.match(block.text)
    limit = block.start + (head.end() if head else 0)
    return any(m.ref == agency and m.start < min(at, limit)
               for s in block.sentences for m in builder.mentioned_agencies(
                   builder.doc.sentences[s]))
