"""Read plain-text (.txt) and Markdown (.md) reviews.

Plain text is kept exactly as written, apart from a byte-order mark and line
endings: quotes are checked against the original file, so nothing may move.
Markdown loses its markup (heading hashes, emphasis, link syntax, bullets, code
fences, block quotes) and its hard-wrapped paragraphs are joined, one paragraph
a line; numbered list items keep their numbers. A pipe table keeps one row a
line ("12/09/2022 | Police | Officers attend..."), as a chronology table reads
in plain text, and loses its delimiter row.
"""
from __future__ import annotations

import logging
import re

from ...errors import ExtractionError
from .clean import assemble, collapse, normalise_characters

log = logging.getLogger(__name__)

_JUNK = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_HEADING = re.compile(r"^ {0,3}#{1,6}(?:\s+|$)(.*?)(?:\s+#+)?\s*$")
_SETEXT = re.compile(r"^ {0,3}(?:=+|-+)\s*$")
_RULE = re.compile(r"^ {0,3}(?:(?:\*\s*){3,}|(?:-\s*){3,}|(?:_\s*){3,})$")
_FENCE = re.compile(r"^ {0,3}(?:```|~~~)")
_BULLET = re.compile(r"^\s*[-*+]\s+(?:\[[ xX]\]\s+)?")
_NUMBERED = re.compile(r"^\s*\d{1,3}[.)]\s+")
_QUOTE = re.compile(r"^\s*(?:>\s?)+")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\((?:[^()]|\([^)]*\))*\)")
_REF_LINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
_REF_DEF = re.compile(r"^ {0,3}\[[^\]]+\]:\s+\S+")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EM_STAR = re.compile(r"(?<![\w*])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![\w*])")
_EM_UNDER = re.compile(r"(?<![\w_])_(?=[^\s_])(.+?)(?<=[^\s_])_(?![\w_])")
_STRIKE = re.compile(r"~~(?=\S)(.+?)(?<=\S)~~")
_CODE = re.compile(r"`+([^`]+)`+")
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_TABLE_ROW = re.compile(r"^\s*\|(.*)\|\s*$")
_TABLE_DELIMITER = re.compile(r"^\s*\|?(?:\s*:?-+:?\s*\|)+\s*(?::?-+:?\s*)?$")


def decode_text(data: bytes, name: str) -> str:
    """The text of a file that should be text, or an ExtractionError saying why not."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if not data.strip():
        raise ExtractionError(f"{name}: the document is empty; check that the file was "
                              "saved or downloaded completely")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")  # what older Windows editors wrote
        except UnicodeDecodeError:
            text = ""
        if not text or _looks_binary(text):
            raise ExtractionError(f"{name}: not a text document (binary data that is not "
                                  "PDF, DOCX or HTML); convert it to PDF, DOCX or UTF-8 "
                                  "text") from None
        log.warning("%s: not UTF-8; read as Windows-1252", name)
    if _looks_binary(text):
        raise ExtractionError(f"{name}: not a text document (it holds binary data); "
                              "convert it to PDF, DOCX or UTF-8 text")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _looks_binary(text: str) -> bool:
    if "\x00" in text:
        return True
    sample = text[:65536]
    return len(_JUNK.findall(sample)) > max(2, len(sample) // 200)


def read_txt(data: bytes, name: str) -> str:
    """A plain-text review as written: only the BOM and line endings change."""
    return decode_text(data, name)


def _inline(line: str) -> str:
    """A Markdown line without inline markup."""
    # Each pattern runs only on a line holding the character every match of it holds:
    # most lines have no markup, and a pattern that opens with a look-behind (_EM_STAR,
    # _EM_UNDER) is tried at every offset of the line (a quarter of reading a review).
    if "[" in line:
        line = _IMAGE.sub(r"\1", line)
        line = _LINK.sub(r"\1", line)
        line = _REF_LINK.sub(r"\1", line)
    if "<" in line:
        line = _AUTOLINK.sub(r"\1", line)
    if "`" in line:
        line = _CODE.sub(r"\1", line)
    if "**" in line or "__" in line:
        line = _STRONG.sub(lambda m: m.group(m.lastindex), line)
    if "~~" in line:
        line = _STRIKE.sub(lambda m: m.group(m.lastindex), line)
    if "*" in line:
        line = _EM_STAR.sub(r"\1", line)
    return _EM_UNDER.sub(r"\1", line) if "_" in line else line


def markdown_to_text(markdown: str) -> str:
    """Markdown as plain paragraphs, one a line, a blank line between them."""
    markdown = _HTML_COMMENT.sub("", normalise_characters(markdown))
    paragraphs: list[str] = []
    current: list[str] = []
    in_fence = False

    def flush() -> None:
        if current:
            paragraphs.append(collapse(" ".join(current)))
            current.clear()

    for raw in markdown.split("\n"):
        if _FENCE.match(raw):
            flush()
            in_fence = not in_fence
            continue
        if in_fence:  # code keeps its lines
            if raw.strip():
                paragraphs.append(raw.strip())
            continue
        line = _QUOTE.sub("", raw)
        if not line.strip() or _RULE.match(line) or _REF_DEF.match(line):
            flush()
            continue
        if _SETEXT.match(line) and current:  # the line above was a heading
            flush()
            continue
        row = _TABLE_ROW.match(line)
        if row:  # a table row is a line of its own, never joined with the next
            flush()
            if not _TABLE_DELIMITER.match(line):
                paragraphs.append(collapse(_inline(" | ".join(
                    cell.strip() for cell in row.group(1).split("|")))))
            continue
        heading = _HEADING.match(line)
        if heading:
            flush()
            paragraphs.append(collapse(_inline(heading.group(1))))
            continue
        if _BULLET.match(line) or _NUMBERED.match(line):
            flush()
            line = _BULLET.sub("", line)
        current.append(_inline(line.strip()))
    flush()
    return assemble(paragraphs)


def read_markdown(data: bytes, name: str) -> str:
    """A Markdown review as plain paragraphs."""
    return markdown_to_text(decode_text(data, name))
