"""Shared cleaning of text taken out of PDF, DOCX and HTML: one paragraph a line.

The readers hand over lines or paragraphs; these functions undo what layout did
to them (ligatures, soft hyphens, hard wraps, hyphenation at line ends, running
headers and page numbers, bullet glyphs) and nothing else. Curly quotes and
dashes are the document's own and stay as they are, because quotes taken from
the text must match the document character for character.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence

LIGATURES = {
    "\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
    "\ufb05": "st", "\ufb06": "st",
}
# Characters that are space in disguise (no-break, figure, narrow, thin, ideographic).
SPACES = "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a" \
         "\u202f\u205f\u3000\t\f\v"
# Characters that print nothing: soft hyphen, zero-width space/joiners, BOM, word joiner.
INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
_TRANSLATION = {**{ord(k): v for k, v in LIGATURES.items()},
                **{ord(c): " " for c in SPACES},
                **{ord(c): None for c in INVISIBLE},
                0x2028: "\n", 0x2029: "\n"}
#: The characters _TRANSLATION changes, and what each becomes.
_CHANGED = re.compile("[" + "".join(re.escape(chr(c)) for c in _TRANSLATION) + "]")
_CHANGED_TO = {chr(c): to or "" for c, to in _TRANSLATION.items()}
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_SPACE_RUN = re.compile(r"[ \n]+")

# Bullet glyphs, with the Symbol/Wingdings bullets Word leaves as private-use code points
# (U+F0B7, U+F0A7, ...), and "-", "–", "*" when a space follows.
BULLET = re.compile(r"^(?:[•▪●◦‣■□▫➢➤►✓✔\uf0b7\uf0a7\uf076\uf0d8]\s*|[-–—*]\s+)")
NUMBERED = re.compile(
    r"^(?:\(?\d{1,2}[.)]|\d{1,2}(?:\.\d{1,2})+\.?|\(?[a-z][.)]|\([ivx]{1,4}\))\s+\S")
PAGE_NUMBER = re.compile(
    r"^(?:page\s*)?[-–—(\[]?\s*\d{1,4}\s*[-–—)\]]?(?:\s*(?:of|/)\s*\d{1,4})?$",
    re.IGNORECASE)
SENTENCE_END = re.compile(r"[.!?:;…][\"'”’)\]]*$")

# Prefixes whose hyphen is part of the word when it falls at a line end ("multi-|agency").
KEEP_HYPHEN_AFTER = frozenset({
    "multi", "non", "self", "cross", "well", "follow", "half", "step", "semi", "long",
    "short", "full", "face", "low", "high", "single", "joint", "first", "second", "third",
    "young",
})
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


#: The largest list number a reader shows. Every number in a document is untrusted; no
#: real review numbers a list past this, and a bound keeps the rendering of a hostile
#: one ("start at 99,999,999,999" in letters) small.
MAX_LIST_NUMBER = 32767
_PLAIN_NUMBER = re.compile(r"[+-]?[0-9]{1,18}")


def bounded_number(value: str | None, low: int, high: int) -> tuple[int | None, bool]:
    """A number written in a document, clamped to low..high, and whether it had to be.

    Only plain ASCII digits count ("²", "1e9", "0x10", "1_000" and 5,000 digits do
    not: they give None, as if nothing were written).
    """
    if value is None or not _PLAIN_NUMBER.fullmatch(value.strip()):
        return None, value is not None
    number = int(value.strip())
    clamped = min(max(number, low), high)
    return clamped, clamped != number


def normalise_characters(text: str) -> str:
    """Ligatures to letters, odd spaces to spaces, invisible and control characters out."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # What text.translate(_TRANSLATION) gives: translate looks every character up in the
    # table (20 ms for a 300 kB review with one dash in it); the few characters that
    # change are found about five times faster by a character class.
    return _CONTROL.sub("", _CHANGED.sub(lambda m: _CHANGED_TO[m.group()], text))


def collapse(text: str) -> str:
    """Runs of spaces and newlines to one space, ends trimmed."""
    if "\n" not in text and "  " not in text:
        return text.strip()  # every run is one space already: nothing to replace
    return _SPACE_RUN.sub(" ", text).strip()


def strip_bullet(paragraph: str) -> str:
    """The paragraph without a leading bullet glyph; list numbers ("1.", "(a)") are kept."""
    return BULLET.sub("", paragraph, count=1)


def starts_list_item(line: str) -> bool:
    """Whether a line opens a bulleted or numbered list item."""
    return bool(BULLET.match(line) or NUMBERED.match(line))


def is_page_number(line: str) -> bool:
    """'7', '- 7 -', 'Page 7', 'Page 7 of 12', '7/12'."""
    return bool(PAGE_NUMBER.match(line.strip()))


def _furniture_key(line: str) -> str:
    return re.sub(r"\d+", "#", collapse(line).lower())


def page_furniture(pages: Sequence[Sequence[str]], edge: int = 3) -> list[set[int]]:
    """Per page, the indexes of header, footer and page-number lines to drop.

    ``pages`` holds each page's lines from top to bottom. A line among the first or
    last ``edge`` of its page is furniture when it is a page number, or when the
    same line (digits aside) sits at an edge of at least half the pages (two at least).
    """
    def edges(lines: Sequence[str]) -> list[int]:
        count = len(lines)
        return sorted(set(range(min(edge, count))) | set(range(max(count - edge, 0), count)))

    seen: Counter[str] = Counter()
    for lines in pages:
        seen.update({_furniture_key(lines[i]) for i in edges(lines) if lines[i].strip()})
    needed = max(2, (len(pages) + 1) // 2)
    dropped: list[set[int]] = []
    for lines in pages:
        drop = set()
        for i in edges(lines):
            key = _furniture_key(lines[i])
            if is_page_number(lines[i]) or (len(pages) > 1 and seen[key] >= needed):
                drop.add(i)
        dropped.append(drop)
    return dropped


class Vocabulary:
    """The word forms of a document, to tell "safe-|guarding" from "7-|minute"."""

    def __init__(self, lines: Iterable[str]) -> None:
        self.words: set[str] = set()
        self.hyphenated: set[str] = set()
        for line in lines:
            for match in _WORD.finditer(line.lower()):
                word = match.group()
                (self.hyphenated if "-" in word else self.words).add(word)

    def keeps_hyphen(self, head: str, tail: str) -> bool:
        """Whether "head-" at a line end and "tail" on the next line keep the hyphen."""
        first = re.search(r"[^\W_]+$", head)
        rest = re.match(r"[^\W_]+", tail)
        if not first or not rest:
            return True
        before, after = first.group().lower(), rest.group().lower()
        if before[-1].isdigit() or not after[0].isalpha() or tail[0].isupper():
            return True  # 7-minute, Covid-19, Anglo-Saxon
        if f"{before}-{after}" in self.hyphenated:
            return True
        if before + after in self.words:
            return False
        return before in KEEP_HYPHEN_AFTER


def append_line(text: str, line: str, vocabulary: Vocabulary) -> str:
    """``text`` with the next wrapped line of its paragraph added, undoing hyphenation."""
    if not text:
        return line
    if text.endswith("-") and len(text) > 1 and text[-2].isalnum():
        head = text.rsplit(" ", 1)[-1][:-1]
        return (text if vocabulary.keeps_hyphen(head, line) else text[:-1]) + line
    return f"{text} {line}"


def join_lines(lines: Sequence[str], vocabulary: Vocabulary | None = None) -> str:
    """Hard-wrapped lines of one paragraph as one line, undoing hyphenation at line ends."""
    vocabulary = vocabulary or Vocabulary(lines)
    text = ""
    for line in (collapse(line) for line in lines):
        if line:
            text = append_line(text, line, vocabulary)
    return text


def assemble(paragraphs: Iterable[str]) -> str:
    """Paragraphs as one text, a blank line between them, empty ones dropped."""
    return "\n\n".join(p for p in paragraphs if p)


def clean_paragraphs(paragraphs: Iterable[str]) -> list[str]:
    """Whole paragraphs (from DOCX or HTML) normalised, on one line, without bullets."""
    cleaned = []
    for paragraph in paragraphs:
        text = strip_bullet(collapse(normalise_characters(paragraph)))
        if text:
            cleaned.append(text)
    return cleaned


def ends_sentence(line: str) -> bool:
    """Whether a line ends with sentence punctuation (perhaps inside a closing quote)."""
    return bool(SENTENCE_END.search(line.rstrip()))
