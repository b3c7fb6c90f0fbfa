"""Turn the plain text of a review into case maps with transparent, deterministic rules.

    >>> from kinmap.loaders.extract import extract, explain
    >>> casemaps = extract(text, "review.txt")          # one CaseMap per review
    >>> for casemap, hits in explain(text, "review.txt"):
    ...     for hit in hits:                              # which rule made each element
    ...         print(hit.section, hit.element, hit.rule, hit.quote)

A digest of several reviews gives one case map per review. Every element
carries `quote` (an exact span of the input) and `confidence`. The rules are
cue patterns and a gazetteer in YAML files beside this module (patterns.yaml,
gazetteer.yaml, themes.yaml); nothing is learnt and nothing leaves the machine.
"""
from __future__ import annotations

import os
from pathlib import Path

from ...errors import ExtractionError
from ...model import CaseMap
from .builder import Builder, RuleHit
from .digest import split_reviews
from .sentences import Document, flatten, lowered

EXTRACTOR_NAME = "kinmap-rules"
EXTRACTOR_VERSION = "0.1.0"

__all__ = ["EXTRACTOR_NAME", "EXTRACTOR_VERSION", "RuleHit", "explain", "extract", "read_text"]


def _extract_one(text: str, builder: Builder, taken: dict[str, int]) -> None:
    """Run every extractor over one review, in the order their inputs need."""
    from . import (
        agencies,
        decisions,
        events,
        findings,
        households,
        involvements,
        meetings,
        people,
        process,
        relationships,
        review,
        sharing,
        subjects,
    )
    subjects.find_subjects(builder)
    review.find_review(builder)
    review.name_review(builder, taken)
    registry = people.find_people(builder)
    relationships.find_relationships(builder, registry)
    agencies.find_agencies(builder)
    households.find_households(builder, registry)
    meetings.find_meetings(builder)
    decisions.find_decisions(builder)
    events.find_events(builder, registry)
    sharing.find_sharing(builder)
    involvements.find_involvements(builder, registry)
    findings.find_findings(builder)
    findings.find_recommendations(builder)
    process.prune_review_process(builder)


def explain(text: str, source_file: str) -> list[tuple[CaseMap, list[RuleHit]]]:
    """Each review of a document as a CaseMap, with the rule behind every element."""
    if not text or not text.strip():
        raise ExtractionError(f"{source_file}: the document has no text to extract from")
    out = []
    taken: dict[str, int] = {}  # review ids given, and the next suffix for each
    flat = flatten(text)
    lower = lowered(flat)  # once per document, not once per review of a digest
    for segment in split_reviews(text):
        body_start = segment.title_end if segment.title_end is not None else segment.start
        doc = Document(text, body_start, segment.end, flat, lower)
        builder = Builder(text, doc, segment, source_file)
        _extract_one(text, builder, taken)
        out.append((builder.casemap, builder.hits))
    return out


def extract(text: str, source_file: str) -> list[CaseMap]:
    """Each review of a document as a CaseMap (one for a review, several for a digest)."""
    return [casemap for casemap, _ in explain(text, source_file)]


def read_text(path: str | os.PathLike) -> list[CaseMap]:
    """The reviews of a plain-text or markdown file (UTF-8), extracted: a reader for the registry."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ExtractionError(f"{path}: cannot read the file ({error.strerror or error}); "
                              "check the path") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ExtractionError(f"{path}: not UTF-8 text (byte {error.start}); save the review "
                              "as UTF-8") from None
    return extract(text, path.name)
