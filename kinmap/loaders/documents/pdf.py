"""Read PDF reviews with pypdf: the text layer as paragraphs, with page offsets.

pypdf gives the text in the order it was written into the file (which keeps
columns and text boxes together) and, through its visitor, where each line
starts and in what font. From that the lines are put back into paragraphs: a
paragraph ends at a larger vertical gap, a change of font size or weight, a
list item, a short line that ends a sentence, or a jump up the page. Running
headers, footers and page numbers are dropped, and lines are unwrapped with
hyphenation undone (see :mod:`.clean`). pypdf is imported only when a PDF is read.
"""
from __future__ import annotations

import io
import itertools
import logging
import math
import re
import statistics
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from ...errors import ExtractionError, KinmapError
from .clean import (
    Vocabulary,
    append_line,
    collapse,
    ends_sentence,
    normalise_characters,
    page_furniture,
    starts_list_item,
    strip_bullet,
)

log = logging.getLogger(__name__)

_BOLD = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)
_GLYPH_BULLET = re.compile(r"^[•▪●◦‣■□▫➢➤►\uf0b7\uf0a7]")
# WinAnsiEncoding shows its unused codes as a bullet (PDF 1.7, Annex D, note 3); pypdf
# and pdfminer return them as control characters. ReportLab writes "•" as \x7f.
_WINANSI_BULLETS = str.maketrans({c: "•" for c in "\x7f\x81\x8d\x8f\x90\x9d"})
OCR_HINT = "run OCR on it first (for example `ocrmypdf in.pdf out.pdf`) and read the result"


@dataclass
class Line:
    """One line of a page: its text, where it starts, and its dominant font."""

    text: str
    x: float
    y: float  # baseline, PDF units from the bottom of the page
    size: float
    bold: bool
    page: int


def _fragments(page: Any) -> list[tuple[str, float, float, float, bool]]:
    """(text, x, y, font size, bold) of each piece of text pypdf reports on a page."""
    pieces: list[tuple[str, float, float, float, bool]] = []

    def visit(text: str, cm: list[float], tm: list[float], font: Any, size: float) -> None:
        if not text:
            return
        # The text matrix times the current transformation matrix: position and scale.
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        scale = math.hypot(tm[2] * cm[0] + tm[3] * cm[2], tm[2] * cm[1] + tm[3] * cm[3])
        name = str(font.get("/BaseFont", "")) if hasattr(font, "get") else ""
        pieces.append((text, x, y, round(size * (scale or 1.0), 1), bool(_BOLD.search(name))))

    page.extract_text(visitor_text=visit)
    return pieces


def page_lines(page: Any, number: int) -> list[Line]:
    """The lines of one page in the file's order; pieces on one baseline are one line."""
    lines: list[Line] = []
    text, where, weights = "", None, {}

    def finish() -> None:
        nonlocal text, where, weights
        clean = collapse(normalise_characters(text.translate(_WINANSI_BULLETS)))
        if clean and where is not None:
            size = max(weights, key=weights.get)[0]
            bold = sum(n for (s, b), n in weights.items() if b) > 0.8 * sum(weights.values())
            line = Line(clean, where[0], where[1], size, bold, number)
            previous = lines[-1] if lines else None
            if previous and abs(previous.y - line.y) <= 0.25 * size and line.x > previous.x:
                previous.text = f"{previous.text} {line.text}"  # same baseline: "1." + item
            else:
                lines.append(line)
        text, where, weights = "", None, {}

    for piece, x, y, size, bold in _fragments(page):
        parts = piece.split("\n")
        for index, part in enumerate(parts):
            if index:
                finish()
                y -= 1.2 * size  # a later line of the same piece: below the first
            if part.strip():
                where = where or (x, y)
                weights[(size, bold)] = weights.get((size, bold), 0) + len(part.strip())
            text += part
    finish()
    return lines


def _drop_furniture(pages: list[list[Line]]) -> list[list[Line]]:
    visual = [sorted(range(len(lines)), key=lambda i: -lines[i].y) for lines in pages]
    drops = page_furniture([[lines[i].text for i in order]
                            for lines, order in zip(pages, visual)])
    return [[line for i, line in enumerate(lines) if i not in {order[j] for j in drop}]
            for lines, order, drop in zip(pages, visual, drops)]


def _leading(lines: list[Line]) -> float:
    gaps = [a.y - b.y for a, b in itertools.pairwise(lines)
            if abs(a.size - b.size) < 0.6 and 0.5 * a.size < a.y - b.y < 3 * a.size]
    if len(gaps) >= 4:
        return statistics.median(gaps)
    # Too few lines to tell line spacing from paragraph spacing: assume single spacing.
    return min(gaps + [1.25 * (lines[0].size if lines else 10.0)])


def _typical_length(lines: list[Line]) -> float:
    lengths = sorted(len(line.text) for line in lines)
    return lengths[int(0.9 * (len(lengths) - 1))] if lengths else 0


def _starts_paragraph(prev: Line, cur: Line, leading: float, typical: float) -> bool:
    """Whether ``cur`` opens a new paragraph rather than continuing ``prev``."""
    short = len(prev.text) < 0.65 * typical
    if starts_list_item(cur.text) and (ends_sentence(prev.text) or short
                                       or _GLYPH_BULLET.match(cur.text)):
        return True
    if abs(cur.size - prev.size) > 0.6 or cur.bold != prev.bold:
        return True
    if cur.page != prev.page:  # a paragraph goes on over the page unless it ended
        return (ends_sentence(prev.text) or short) and not cur.text[:1].islower()
    drop = prev.y - cur.y
    if drop < -0.5 * cur.size or drop > 1.3 * leading + 0.5:
        return True  # a jump up (new column or box) or a paragraph gap
    return short and ends_sentence(prev.text)


def paragraphs_with_pages(pages: list[list[Line]]) -> tuple[str, list[tuple[int, int]]]:
    """The clean text of a PDF's lines and, per page, the (start, end) offsets of its text."""
    pages = _drop_furniture(pages)
    vocabulary = Vocabulary(line.text for lines in pages for line in lines)
    measures = [(_leading(lines), _typical_length(lines)) for lines in pages]
    paragraphs: list[list[Line]] = []
    prev: Line | None = None
    for lines, (leading, typical) in zip(pages, measures):
        for line in lines:
            if prev is None or _starts_paragraph(prev, line, leading, typical):
                paragraphs.append([])
            paragraphs[-1].append(line)
            prev = line
    text = ""
    spans: dict[int, list[int]] = {}
    for paragraph in paragraphs:
        body = ""
        if text:
            text += "\n\n"
        for n, line in enumerate(paragraph):
            part = strip_bullet(line.text) if n == 0 else line.text
            body = append_line(body, part, vocabulary)
            start = len(text) + len(body) - len(part)
            span = spans.setdefault(line.page, [start, start])
            span[1] = len(text) + len(body)
        text += body
    offsets: list[tuple[int, int]] = []
    position = 0
    for number in range(len(pages)):
        start, end = spans.get(number, [position, position])
        if offsets and offsets[-1][1] > start:  # a hyphen at the page's end was removed
            offsets[-1] = (offsets[-1][0], start)
        offsets.append((start, end))
        position = end
    return text, offsets


def _open(data: bytes, name: str) -> Any:
    """A pypdf reader of a PDF that is whole and not locked, or an ExtractionError."""
    import pypdf
    from pypdf.errors import DependencyError, FileNotDecryptedError

    if b"%PDF-" not in data[:1024]:
        raise ExtractionError(f"{name}: not a PDF (no %PDF- header); check the file, or "
                              "rename it to its real kind")
    if b"%%EOF" not in data[-2048:]:
        raise ExtractionError(f"{name}: the PDF is truncated (no end-of-file marker); "
                              "download or export it again")
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise FileNotDecryptedError("needs a password")
        _ = len(reader.pages)
    except FileNotDecryptedError:
        raise ExtractionError(f"{name}: the PDF is password-protected; open it with the "
                              "password and save an unprotected copy") from None
    except DependencyError:
        raise ExtractionError(f"{name}: the PDF is encrypted with AES and reading it needs "
                              "the 'cryptography' package: pip install cryptography") from None
    except Exception as error:  # pypdf raises many kinds on a damaged file
        log.debug("pypdf cannot open %s", name, exc_info=True)
        raise ExtractionError(f"{name}: the PDF is damaged and cannot be read "
                              f"({type(error).__name__}: {error}); export or download it "
                              "again") from None
    return reader


@contextmanager
def _quiet_pypdf() -> Iterator[None]:
    """Hold back pypdf's warnings about PDF internals, which tell a reader nothing."""
    pypdf_log = logging.getLogger("pypdf")
    level = pypdf_log.level
    if level == logging.NOTSET:
        pypdf_log.setLevel(logging.ERROR)
    try:
        yield
    finally:
        pypdf_log.setLevel(level)


def read_pdf(data: bytes, name: str) -> tuple[str, list[tuple[int, int]]]:
    """A PDF review's text, one paragraph a line, and each page's (start, end) offsets."""
    with _quiet_pypdf():
        return _read_pdf(data, name)


def _read_pdf(data: bytes, name: str) -> tuple[str, list[tuple[int, int]]]:
    reader = _open(data, name)
    pages = []
    for number, page in enumerate(reader.pages):
        try:
            pages.append(page_lines(page, number))
        except KinmapError:
            raise
        except Exception as error:  # a damaged content stream
            log.debug("pypdf cannot read page %d of %s", number + 1, name, exc_info=True)
            raise ExtractionError(f"{name}: page {number + 1} of the PDF is damaged "
                                  f"({type(error).__name__}); export or download it "
                                  "again") from None
    if not any(pages):
        raise ExtractionError(f"{name}: the PDF has no text layer (scanned pages?); "
                              f"{OCR_HINT}")
    text, offsets = paragraphs_with_pages(pages)
    if not text:
        raise ExtractionError(f"{name}: the PDF has no text besides page headers and "
                              f"numbers (scanned pages?); {OCR_HINT}")
    return text, offsets
