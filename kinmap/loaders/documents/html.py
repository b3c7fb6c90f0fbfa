"""Read reviews saved as web pages (.html, .htm): the visible text, one paragraph a line.

Scripts, styles, navigation, asides, forms and hidden elements are dropped, and
so are the page's own header and footer (a header or footer inside an
<article> or <main> is the review's and is kept). Headings, paragraphs, list
items and table cells each become a paragraph; items of an ordered list get
their numbers ("1. "), as a browser shows them. Entities are decoded.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser

from ...errors import ExtractionError
from .clean import MAX_LIST_NUMBER, assemble, bounded_number, clean_paragraphs
from .text import decode_text

SKIPPED = frozenset({"script", "style", "noscript", "template", "nav", "aside", "head",
                     "title", "svg", "math", "form", "button", "select", "iframe",
                     "object", "canvas", "dialog"})
PAGE_FURNITURE = frozenset({"header", "footer"})
BLOCKS = frozenset({
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd",
    "table", "tr", "td", "th", "thead", "tbody", "tfoot", "caption", "section", "article",
    "main", "blockquote", "pre", "figure", "figcaption", "address", "details", "summary",
    "hr", "br", "body", "html", "header", "footer", "center", "fieldset", "legend",
})
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
                  "meta", "param", "source", "track", "wbr"})
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", re.IGNORECASE)


class _VisibleText(HTMLParser):
    """Collects visible text as paragraphs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self.current: list[str] = []
        self.stack: list[str] = []  # open elements
        self.skipping = 0  # depth inside dropped elements
        self.lists: list[list[int] | None] = []  # per open list: [next number] for <ol>
        self.pre = 0

    def parse_marked_section(self, i: int, report: int = 1) -> int:
        """`<![…]>` outside SVG and MathML is a bogus comment in HTML: skip it.

        The standard library asserts on any keyword but CDATA, INCLUDE and the like
        (`<![CD[`), which a hostile document can write.
        """
        end = self.rawdata.find(">", i + 3)
        return -1 if end < 0 else end + 1

    def flush(self) -> None:
        text = "".join(self.current)
        self.current = []
        if text.strip():
            self.paragraphs.append(text)

    def _is_dropped(self, tag: str, attrs: dict[str, str | None]) -> bool:
        if tag in SKIPPED or "hidden" in attrs or attrs.get("aria-hidden") == "true":
            return True
        if re.search(r"display\s*:\s*none", attrs.get("style") or ""):
            return True
        if tag in PAGE_FURNITURE:
            return not any(t in ("article", "main") for t in self.stack)
        return False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            if tag in BLOCKS and not self.skipping:
                self.flush()
            return
        found = dict(attrs)
        if self.skipping or self._is_dropped(tag, found):
            self.skipping += 1
            self.stack.append(tag)
            return
        self.stack.append(tag)
        if tag in BLOCKS:
            self.flush()
        if tag == "pre":
            self.pre += 1
        if tag in ("ul", "ol"):
            start = bounded_number(found.get("start"), 0, MAX_LIST_NUMBER)[0]
            self.lists.append([1 if start is None else start] if tag == "ol" else None)
        elif tag == "li" and self.lists and self.lists[-1] is not None:
            counter = self.lists[-1]
            value = bounded_number(found.get("value"), 0, MAX_LIST_NUMBER)[0]
            if value is not None:
                counter[0] = value
            self.current.append(f"{counter[0]}. ")
            counter[0] += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID or tag not in self.stack:
            return
        # Close everything opened since (browsers forgive unclosed <p> and <li>).
        while self.stack:
            open_tag = self.stack.pop()
            if self.skipping:
                self.skipping -= 1
            else:
                self._closed(open_tag)
            if open_tag == tag:
                break

    def _closed(self, tag: str) -> None:
        if tag in BLOCKS:
            self.flush()
        if tag == "pre":
            self.pre -= 1
        if tag in ("ul", "ol") and self.lists:
            self.lists.pop()

    def handle_data(self, data: str) -> None:
        if self.skipping:
            return
        if self.pre:  # preformatted lines are lines
            lines = data.split("\n")
            for line in lines[:-1]:
                self.current.append(line)
                self.flush()
            self.current.append(lines[-1])
        else:
            self.current.append(data)


#: A numeric character reference. One of thousands of digits made html.unescape's
#: int() raise ValueError; past U+10FFFF it is U+FFFD anyway, as browsers show it.
_CHAR_REF = re.compile(r"&#(?:[xX]0*([0-9a-fA-F]+)|0*([0-9]+))")


def _bounded_reference(match: re.Match[str]) -> str:
    hex_digits, decimal = match.groups()
    too_big = len(hex_digits) > 6 if hex_digits else len(decimal) > 7
    return "&#xFFFD" if too_big else match.group()


def html_to_text(markup: str) -> str:
    """The visible text of an HTML page, one paragraph a line."""
    parser = _VisibleText()
    parser.feed(_CHAR_REF.sub(_bounded_reference, markup))
    parser.close()
    parser.flush()
    return assemble(clean_paragraphs(parser.paragraphs))


def _decode_html(data: bytes, name: str) -> str:
    declared = _CHARSET.search(data[:4096])
    if declared and not data.startswith(b"\xef\xbb\xbf"):
        encoding = declared.group(1).decode("ascii", "replace").lower()
        if encoding not in ("utf-8", "utf8"):
            try:
                return data.decode(encoding).replace("\r\n", "\n")
            except (LookupError, UnicodeDecodeError):
                pass
    return decode_text(data, name)


def read_html(data: bytes, name: str) -> str:
    """A review saved as a web page, as its visible text."""
    text = html_to_text(_decode_html(data, name))
    if not text:
        raise ExtractionError(f"{name}: the web page has no visible text; save the review "
                              "itself (PDF, DOCX or text), not the page around it")
    return text
