"""Review documents (text, Markdown, HTML, PDF, DOCX) as clean text with offsets.

`read_document` picks a reader by the file's first bytes as well as its suffix
(a PDF saved as .txt is read as a PDF) and returns a :class:`Document`: the
text the extractor searches and quotes from, one paragraph a line with a blank
line between paragraphs. Plain text is returned as written (only the BOM and
line endings change), so quotes match the original file. Anything unreadable
raises :class:`~kinmap.errors.ExtractionError` naming the file and what to do.
PDF and DOCX libraries are imported only when such a file is read.
"""
from __future__ import annotations

import io
import os
import zipfile
from dataclasses import dataclass
from pathlib import Path

from ...errors import ExtractionError

DOCUMENT_SUFFIXES: tuple[str, ...] = (".txt", ".text", ".md", ".markdown", ".html",
                                      ".htm", ".xhtml", ".pdf", ".docx")
KINDS = ("txt", "md", "html", "pdf", "docx")
_SUFFIX_KIND = {".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md",
                ".html": "html", ".htm": "html", ".xhtml": "html", ".pdf": "pdf",
                ".docx": "docx"}
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .doc, or an encrypted Office file


@dataclass(frozen=True)
class Document:
    """A review document's clean text; ``pages`` are (start, end) offsets, PDFs only."""

    name: str
    text: str
    kind: str  # txt | md | html | pdf | docx
    pages: list[tuple[int, int]] | None = None

    def page_of(self, offset: int) -> int | None:
        """The 1-based page holding a text offset, when the document has pages."""
        for number, (start, end) in enumerate(self.pages or (), start=1):
            if start <= offset < end:
                return number
        return None


def sniff_kind(data: bytes, suffix: str) -> str:
    """The kind of a document from its first bytes, falling back on its suffix."""
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return "docx" if _is_word(data) else "zip"
    if data.startswith(_OLE):
        return "ole"
    if data.startswith(b"{\\rtf"):
        return "rtf"
    kind = _SUFFIX_KIND.get(suffix.lower(), "txt")
    if kind in ("pdf", "docx"):
        return kind  # the reader says what is wrong with it
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if start.startswith((b"<!doctype html", b"<html")) or (
            start.startswith((b"<?xml", b"<!--")) and b"<html" in start):
        return "html"
    return kind


def _is_word(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError):
        return False


def read_document(path: str | os.PathLike) -> Document:
    """A review document as clean text, whatever its kind; ExtractionError if unreadable."""
    path = Path(path)
    name = path.name
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ExtractionError(f"{path}: cannot read the file ({error.strerror or error}); "
                              "check the path and permissions") from None
    if not data.strip():
        raise ExtractionError(f"{name}: the document is empty; check that the file was "
                              "saved or downloaded completely")
    kind = sniff_kind(data, path.suffix)
    if kind == "pdf":
        from .pdf import read_pdf
        text, pages = read_pdf(data, name)
        return Document(name, text, "pdf", pages)
    if kind == "docx":
        from .docx import read_docx
        return Document(name, read_docx(data, name), "docx")
    if kind == "html":
        from .html import read_html
        return Document(name, read_html(data, name), "html")
    if kind in ("zip", "ole", "rtf"):
        what = {"zip": "a zip archive but not a Word document",
                "ole": "a legacy Word .doc or a password-protected Office file",
                "rtf": "an RTF document"}[kind]
        raise ExtractionError(f"{name}: {what}; save the review as .docx, PDF or UTF-8 "
                              "text (without a password)")
    from .text import read_markdown, read_txt
    reader = read_markdown if kind == "md" else read_txt
    return Document(name, reader(data, name), kind)
