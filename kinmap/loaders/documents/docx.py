"""Read Word reviews (.docx): the body's paragraphs in reading order, one a line.

Paragraphs, table cells (each cell's paragraphs, merged cells once), content
controls and text boxes are read in document order; page headers, footers and
comments are not part of the review and are left out. Numbered list paragraphs
get the number Word shows ("1.", "2.1", "a)"); bullets get nothing. Numbers in
the numbering definitions are untrusted: starts are kept to 0..32767, levels to
Word's nine, level texts to a few characters, and anything but plain digits counts
as not written, so a hostile list costs no more than an honest one (one warning
names the file). python-docx is imported only when a .docx is read.
"""
from __future__ import annotations

import io
import logging
import zipfile
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ...errors import ExtractionError
from .clean import MAX_LIST_NUMBER, assemble, bounded_number, clean_paragraphs

if TYPE_CHECKING:
    from lxml.etree import _Element

log = logging.getLogger(__name__)

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
TEXT_BOX = f"{W}txbxContent"
#: Word's list levels are 0..8.
MAX_LEVEL = 8
#: A level's text ("%1.%2.") longer than this is cut: real ones are a few characters.
MAX_LEVEL_TEXT = 24
ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
         (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


def _roman(number: int) -> str:
    out = ""
    for value, letters in ROMAN:
        while number >= value:
            out, number = out + letters, number - value
    return out


def _letter(number: int) -> str:
    return chr(ord("a") + (number - 1) % 26) * ((number - 1) // 26 + 1)


def _format(number: int, fmt: str) -> str:
    """A list number as Word writes it; past "dddd" or 3999 (no roman) as digits."""
    if number < 1 or (fmt.endswith("Letter") and number > 4 * 26) or (
            fmt.endswith("Roman") and number > 3999):
        return str(number)
    if fmt == "lowerLetter":
        return _letter(number)
    if fmt == "upperLetter":
        return _letter(number).upper()
    if fmt == "lowerRoman":
        return _roman(number)
    if fmt == "upperRoman":
        return _roman(number).upper()
    return str(number)


class Numbering:
    """The numbers Word puts in front of list paragraphs, counted as the body is read."""

    def __init__(self, document: Any | None = None, name: str = "<document>") -> None:
        self.name = name
        self.odd: list[str] = []  # what was out of bounds, for one warning
        self.levels: dict[str, dict[int, tuple[int, str, str]]] = {}  # numId -> ilvl -> ...
        self.counters: dict[str, dict[int, int]] = {}
        self.style_numbering: dict[str, tuple[str, int]] = {}
        if document is None:
            return
        try:
            numbering = document.part.numbering_part.element
        except (NotImplementedError, KeyError, AttributeError):
            return
        abstract: dict[str, dict[int, tuple[int, str, str]]] = {}
        for node in numbering.iter(f"{W}abstractNum"):
            levels = {}
            for lvl in node.iter(f"{W}lvl"):
                ilvl = self._level(lvl.get(f"{W}ilvl"))
                text = _val(lvl, "lvlText") or ""
                if len(text) > MAX_LEVEL_TEXT:
                    self.odd.append(f"a level text of {len(text)} characters")
                levels[ilvl] = (self._start(_val(lvl, "start")),
                                _val(lvl, "numFmt") or "decimal", text[:MAX_LEVEL_TEXT])
            abstract[node.get(f"{W}abstractNumId", "")] = levels
        for num in numbering.iter(f"{W}num"):
            levels = dict(abstract.get(_val(num, "abstractNumId") or "", {}))
            for override in num.iter(f"{W}lvlOverride"):
                ilvl = self._level(override.get(f"{W}ilvl"))
                start = _val(override, "startOverride")
                if start and ilvl in levels:
                    levels[ilvl] = (self._start(start), *levels[ilvl][1:])
            self.levels[num.get(f"{W}numId", "")] = levels
        for style in document.styles.element.iter(f"{W}style"):
            num_pr = style.find(f"{W}pPr/{W}numPr")
            if num_pr is not None:
                self.style_numbering[style.get(f"{W}styleId", "")] = (
                    _val(num_pr, "numId") or "", self._level(_val(num_pr, "ilvl")))
        if self.odd:
            log.warning("%s: list numbering with %s; numbered within bounds instead",
                        name, ", ".join(dict.fromkeys(self.odd)))

    def _start(self, value: str | None) -> int:
        """A list's start: plain digits, 0..MAX_LIST_NUMBER, else 1."""
        number, odd = bounded_number(value, 0, MAX_LIST_NUMBER)
        if odd:
            self.odd.append(f"a start of {value[:20]!r}" if value else "an empty start")
        return 1 if number is None else number

    def _level(self, value: str | None) -> int:
        """A list level: plain digits, 0..8, else 0."""
        number, odd = bounded_number(value, 0, MAX_LEVEL)
        if odd:
            self.odd.append(f"a level of {value[:20]!r}" if value else "an empty level")
        return number or 0

    def label(self, paragraph: _Element) -> str:
        """The list number of a paragraph ("3. "), or "" for bullets and plain paragraphs."""
        p_pr = paragraph.find(f"{W}pPr")
        if p_pr is None:
            return ""
        num_id, ilvl = "", 0
        style = _val(p_pr, "pStyle")
        if style in self.style_numbering:
            num_id, ilvl = self.style_numbering[style]
        num_pr = p_pr.find(f"{W}numPr")
        if num_pr is not None:
            num_id = _val(num_pr, "numId") or num_id
            written = _val(num_pr, "ilvl")
            ilvl = bounded_number(written, 0, MAX_LEVEL)[0] if written else ilvl
            ilvl = ilvl or 0
        levels = self.levels.get(num_id)
        if not levels or ilvl not in levels:
            return ""
        counters = self.counters.setdefault(num_id, {})
        counters[ilvl] = counters.get(ilvl, levels[ilvl][0] - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        _, fmt, text = levels[ilvl]
        if fmt in ("bullet", "none") or not text:
            return ""
        for level in range(ilvl + 1):
            count = counters.get(level, levels.get(level, (1,))[0])
            level_fmt = levels.get(level, (1, "decimal", ""))[1]
            text = text.replace(f"%{level + 1}", _format(count, level_fmt))
        return text + " "


def _val(node: _Element, child: str) -> str | None:
    found = node.find(f"{W}{child}")
    return None if found is None else found.get(f"{W}val")


def _inside(node: _Element, top: _Element, tags: tuple[str, ...]) -> bool:
    """Whether an element between ``node`` and ``top`` (excluded) has one of ``tags``."""
    for ancestor in node.iterancestors():
        if ancestor is top:
            return False
        if ancestor.tag in tags:
            return True
    return False


def _run_text(paragraph: _Element) -> str:
    """A paragraph's own text: runs, hyperlinks, insertions; not text boxes nor deletions."""
    parts = []
    for node in paragraph.iter(f"{W}t", f"{W}tab", f"{W}br", f"{W}cr", f"{W}noBreakHyphen"):
        if _inside(node, paragraph, (TEXT_BOX, MC_FALLBACK, f"{W}del")):
            continue
        tag = node.tag[len(W):]
        if tag == "t":
            parts.append(node.text or "")
        else:
            parts.append("-" if tag == "noBreakHyphen" else " ")
    return "".join(parts)


def _blocks(parent: _Element, numbering: Numbering) -> Iterator[str]:
    """The paragraphs under a body, cell or text box, in order."""
    for child in parent.iterchildren():
        if child.tag == f"{W}p":
            yield numbering.label(child) + _run_text(child)
            for box in child.iter(TEXT_BOX):  # each box once: not the fallback copy
                if not _inside(box, child, (TEXT_BOX, MC_FALLBACK)):
                    yield from _blocks(box, numbering)
        elif child.tag == f"{W}tbl":
            for row in child.iterchildren(f"{W}tr"):
                for cell in row.iterchildren(f"{W}tc"):
                    merge = cell.find(f"{W}tcPr/{W}vMerge")
                    if merge is not None and merge.get(f"{W}val") != "restart":
                        continue  # a continuation of a vertically merged cell
                    yield from _blocks(cell, numbering)
        elif child.tag in (f"{W}sdt", f"{W}sdtContent", f"{W}customXml", f"{W}ins"):
            yield from _blocks(child, numbering)


def read_docx(data: bytes, name: str) -> str:
    """A Word review as its paragraphs, one a line."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as error:
        raise ExtractionError(f"{name}: not a readable Word document ({error}); open it in "
                              "Word or LibreOffice and save it again as .docx") from None
    except Exception as error:  # lxml and zip errors of a damaged file
        log.debug("python-docx failed on %s", name, exc_info=True)
        raise ExtractionError(f"{name}: the Word document is damaged "
                              f"({type(error).__name__}); open it in Word or LibreOffice "
                              "and save it again as .docx") from None
    numbering = Numbering(document, name)
    text = assemble(clean_paragraphs(_blocks(document.element.body, numbering)))
    if not text:
        raise ExtractionError(f"{name}: the Word document has no text; check it is the "
                              "review and not an empty template")
    return text
