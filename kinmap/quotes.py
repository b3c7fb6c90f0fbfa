"""Where a quote stands in a document's text: exactly, or across different white space."""
from __future__ import annotations

import re

from .errors import KinmapError


class QuoteNotFound(KinmapError):
    """Words that are not in the document."""


def find_quote(text: str, quote: str) -> tuple[int, int] | None:
    """Where a quote stands in the text: exactly, or with its white space run differently
    (a PDF's line breaks); None when it is not there."""
    if not quote:
        return None
    start = text.find(quote)
    if start >= 0:
        return start, start + len(quote)
    words = quote.split()
    if not words or len(words) > 400:
        return None
    match = re.search(r"\s+".join(map(re.escape, words)), text)
    return (match.start(), match.end()) if match else None


def exact_quote(text: str, quote: str) -> str:
    """The document's own words for a selected quote; QuoteNotFound when it is not in it."""
    span = find_quote(text, quote.strip())
    if span is None:
        shown = " ".join(quote.split())
        shown = shown if len(shown) <= 60 else shown[:57] + "..."
        raise QuoteNotFound(f"the quote {shown!r} is not in the document; select the words "
                         "in the text so they are copied exactly")
    return text[span[0]:span[1]]
