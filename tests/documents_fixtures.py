"""Make review documents for the reader tests: PDF (reportlab) and DOCX (python-docx).

The plain-text form is the truth: paragraphs separated by a blank line, a short
line without a full stop is a heading, a paragraph starting "1. " is a numbered
list item, one starting "• " a bullet. The PDF is laid out by hand on a small page
so that one review spans several pages, each with a running header and a
"Page n of m" footer, and long words that do not fit at a line end are hyphenated
("safe-" / "guarding"), as a typesetter would. Nothing here is a real review.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib.pagesizes import A5
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

NUMBERED = re.compile(r"^(\d+)\.\s+")
BULLET = "• "
HEADER = "Eastwold Safeguarding Children Partnership – briefing"
DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


@dataclass
class Block:
    """One paragraph of the source text and how it is set."""

    kind: str  # heading | item | bullet | body
    text: str


def blocks_of(text: str) -> list[Block]:
    """The paragraphs of a plain-text review, each with its kind."""
    blocks = []
    for para in re.split(r"\n\s*\n", text.strip()):
        para = " ".join(para.split())
        if para.startswith(BULLET):
            blocks.append(Block("bullet", para[len(BULLET):]))
        elif NUMBERED.match(para):
            blocks.append(Block("item", para))
        elif len(para) < 70 and not para.endswith((".", "?", "!", ":")):
            blocks.append(Block("heading", para))
        else:
            blocks.append(Block("body", para))
    return blocks


@dataclass
class PdfLayout:
    """What the PDF writer did, so tests can check the fixture is what they need."""

    pages: int = 0
    hyphenated: list[str] = field(default_factory=list)  # words split with an added hyphen
    lines: list[list[str]] = field(default_factory=list)  # the lines drawn, per page


def _wrap(text: str, font: str, size: float, width: float, hyphenate: bool,
          split_words: list[str]) -> list[str]:
    """Greedy line breaking; a long word that will not fit is hyphenated."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        trial = f"{line} {word}" if line else word
        if pdfmetrics.stringWidth(trial, font, size) <= width:
            line = trial
            continue
        prefix = f"{line} " if line else ""
        head = ""
        if "-" in word[:-1]:  # a real hyphen: break after it, add nothing
            cut = word.index("-") + 1
            if pdfmetrics.stringWidth(prefix + word[:cut], font, size) <= width:
                head, word = word[:cut], word[cut:]
        elif hyphenate and word.isalpha() and len(word) >= 8:
            for cut in range(len(word) - 3, 2, -1):
                if pdfmetrics.stringWidth(prefix + word[:cut] + "-", font, size) <= width:
                    head, word = word[:cut] + "-", word[cut:]
                    split_words.append(head + word)
                    break
        if head:
            lines.append(prefix + head)
        elif line:
            lines.append(line)
        line = word
    if line:
        lines.append(line)
    return lines


def write_pdf(text: str, path: Path, *, header: str = HEADER, hyphenate: bool = True,
              page_size: tuple[float, float] = A5, ligatures: bool = False,
              repeat: int = 1) -> PdfLayout:
    """Lay out a plain-text review as a PDF with headers, page numbers and hyphenation.

    ``ligatures`` draws "fi"/"fl" as the single glyphs U+FB01/U+FB02 (DejaVu Sans),
    as many typeset PDFs do; ``repeat`` sets the text that many times, for long PDFs.
    """
    body_font, bold_font = "Helvetica", "Helvetica-Bold"
    if ligatures:
        pdfmetrics.registerFont(TTFont("DejaVu", str(DEJAVU)))
        body_font = bold_font = "DejaVu"
    width, height = page_size
    margin, size, leading = 42.0, 10.5, 14.0
    column = width - 2 * margin
    layout = PdfLayout()
    pages: list[list[tuple[str, str, float, float, float, str]]] = [[]]
    y = height - 62
    blocks = blocks_of(text) * repeat
    for block in blocks:
        font, fsize, indent, gap = body_font, size, 0.0, 7.0
        if block.kind == "heading":
            font, fsize, gap = bold_font, 12.5, 11.0
        elif block.kind in ("item", "bullet"):
            indent = 14.0
        words = block.text
        marker = ""
        if block.kind == "item":
            number = NUMBERED.match(words)
            marker, words = number.group(0).strip(), words[number.end():]
        elif block.kind == "bullet":
            marker = "•"
        lines = _wrap(words, font, fsize, column - indent, hyphenate, layout.hyphenated)
        y -= gap
        for n, line in enumerate(lines):
            if y < 52:
                pages.append([])
                y = height - 62 - gap
            pages[-1].append((marker if n == 0 else "", line, margin + indent, y, fsize, font))
            y -= leading * fsize / size
    if ligatures:
        def draw_text(line: str) -> str:
            return line.replace("fi", "\ufb01").replace("fl", "\ufb02")
    else:
        def draw_text(line: str) -> str:
            return line
    pdf = canvas.Canvas(str(path), pagesize=page_size, invariant=1)
    for number, page in enumerate(pages, start=1):
        pdf.setFont(body_font, 8)
        pdf.drawString(margin, height - 30, header)
        pdf.drawRightString(width - margin, 28, f"Page {number} of {len(pages)}")
        drawn = []
        for marker, line, x, y_pos, fsize, font in page:
            pdf.setFont(font, fsize)
            if marker:
                pdf.drawString(margin, y_pos, marker)
            pdf.drawString(x, y_pos, draw_text(line))
            drawn.append(f"{marker} {line}".strip())
        layout.lines.append(drawn)
        pdf.showPage()
    pdf.save()
    layout.pages = len(pages)
    return layout


def write_docx(text: str, path: Path, *, header: str = HEADER) -> None:
    """The same review as a Word document: real headings, numbered and bulleted lists."""
    import docx

    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = header
    for block in blocks_of(text):
        if block.kind == "heading":
            document.add_heading(block.text, level=2)
        elif block.kind == "item":
            document.add_paragraph(NUMBERED.sub("", block.text), style="List Number")
        elif block.kind == "bullet":
            document.add_paragraph(block.text, style="List Bullet")
        else:
            document.add_paragraph(block.text)
    document.save(str(path))
