"""Review documents (text, Markdown, HTML, PDF, Word) to CaseMaps: read, then extract.

The document reader gives clean text; the rule-based extractor drafts the case
map a careful reviewer would, every element quoting that text. Each CaseMap
records which extractor drafted it, and the graph keeps that as PROV.
"""
from __future__ import annotations

import os

from ..model import CaseMap
from .documents import read_document


def explain_review(path: str | os.PathLike):
    """Each review of a document with the rule behind every element."""
    from .extract import EXTRACTOR_NAME, EXTRACTOR_VERSION, explain

    document = read_document(path)
    found = explain(document.text, document.name)
    for casemap, _ in found:
        casemap.extractor = f"{EXTRACTOR_NAME} {EXTRACTOR_VERSION}"
    return found


def read_review(path: str | os.PathLike) -> list[CaseMap]:
    """The case maps the extractor drafts from one review document."""
    return [casemap for casemap, _ in explain_review(path)]
