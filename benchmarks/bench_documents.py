"""Compare pypdf and pdfplumber as kinmap's PDF text layer, on PDFs made here.

    python benchmarks/bench_documents.py [--repeat 5]

Needs the test extras plus pdfplumber (pip install pdfplumber fpdf2), which kinmap
itself does not use. The PDFs are made from the fictional review in
tests/data/documents/: by reportlab (tests/documents_fixtures.py: 2 pages, 20
pages, and 2 pages drawn with fi/fl ligature glyphs) and by fpdf2 (its own line
breaking, header and footer). For each PDF and backend it reports the best time
of ``--repeat`` runs and the text quality against the source text:

  raw words   similarity of the backend's plain extract_text() to the source: F1 of
              word pairs (headers, page numbers and split words count as errors)
  words       the same for the clean text, when the backend's lines (with position,
              size and weight) go through kinmap's paragraph rebuilding and cleaning
  paragraphs  share of the source's paragraphs found exactly in that clean text

Ratios are against pypdf in the same run; nothing here asserts a time. Last, the
time kinmap's read_document takes on each seed review (../shared/seeds) and on
the 20-page PDF.
"""
from __future__ import annotations

import argparse
import itertools
import re
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE.parent / "tests"))

from documents_fixtures import DEJAVU, HEADER, blocks_of, write_pdf  # noqa: E402

from kinmap.loaders.documents.clean import collapse, normalise_characters  # noqa: E402
from kinmap.loaders.documents.pdf import _BOLD, Line, page_lines, paragraphs_with_pages  # noqa: E402

SOURCE = HERE.parent / "tests" / "data" / "documents" / "fictional-review.txt"


def write_fpdf(text: str, path: Path) -> None:
    """The review laid out by fpdf2: its own wrapping, header and footer."""
    from fpdf import FPDF

    class Briefing(FPDF):
        def header(self) -> None:
            self.set_font("DejaVu", size=8)
            self.cell(0, 8, HEADER, new_x="LMARGIN", new_y="NEXT")
            self.ln(4)

        def footer(self) -> None:
            self.set_y(-15)
            self.set_font("DejaVu", size=8)
            self.cell(0, 8, f"Page {self.page_no()} of {{nb}}", align="R")

    pdf = Briefing(format=(148, 210))
    pdf.add_font("DejaVu", fname=str(DEJAVU))
    pdf.add_font("DejaVu", style="B", fname=str(DEJAVU.with_name("DejaVuSans-Bold.ttf")))
    pdf.add_page()
    for block in blocks_of(text):
        heading = block.kind == "heading"
        pdf.set_font("DejaVu", style="B" if heading else "", size=12 if heading else 10)
        pdf.multi_cell(0, 5.5, block.text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
    pdf.output(str(path))


def plumber_lines(page: Any, number: int) -> list[Line]:
    """pdfplumber's lines as kinmap Lines (baseline from the bottom, dominant font)."""
    lines = []
    for found in page.extract_text_lines(return_chars=True):
        chars = [c for c in found["chars"] if c["text"].strip()] or found["chars"]
        sizes = [round(c["size"], 1) for c in chars]
        bold = sum(bool(_BOLD.search(c["fontname"])) for c in chars) > 0.8 * len(chars)
        lines.append(Line(collapse(normalise_characters(found["text"])), found["x0"],
                          page.height - found["bottom"], max(set(sizes), key=sizes.count),
                          bold, number))
    return lines


def pypdf_raw(path: Path) -> str:
    import pypdf
    return "\n".join(p.extract_text() for p in pypdf.PdfReader(path).pages)


def pypdf_clean(path: Path) -> str:
    import pypdf
    return paragraphs_with_pages([page_lines(p, n) for n, p in
                                  enumerate(pypdf.PdfReader(path).pages)])[0]


def plumber_raw(path: Path) -> str:
    import pdfplumber
    with pdfplumber.open(path) as pdf:
        return "\n".join(p.extract_text() for p in pdf.pages)


def plumber_clean(path: Path) -> str:
    import pdfplumber
    with pdfplumber.open(path) as pdf:
        return paragraphs_with_pages([plumber_lines(p, n) for n, p in
                                      enumerate(pdf.pages)])[0]


def best_time(function: Callable[[Path], str], path: Path, repeat: int) -> tuple[float, str]:
    best, out = float("inf"), ""
    for _ in range(repeat):
        start = time.perf_counter()
        out = function(path)
        best = min(best, time.perf_counter() - start)
    return best, out


def word_similarity(source: str, text: str) -> float:
    """F1 of word pairs (bigrams) shared with the source, counted with repeats."""
    def pairs(words: list[str]) -> Counter[tuple[str, str]]:
        return Counter(itertools.pairwise(words))
    want, got = pairs(source.split()), pairs(text.split())
    shared = sum((want & got).values())
    return 2 * shared / (sum(want.values()) + sum(got.values()))


def paragraph_share(source: str, text: str) -> float:
    wanted = [collapse(p) for p in re.split(r"\n\s*\n", source.strip())]
    found = {collapse(p) for p in text.split("\n\n")}
    return sum(p in found for p in wanted) / len(wanted)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    source = SOURCE.read_text(encoding="utf-8")
    folder = Path(tempfile.mkdtemp(prefix="kinmap-bench-docs-"))
    pdfs = {
        "reportlab, 2 pages": (folder / "two.pdf", source),
        "reportlab, 20 pages": (folder / "twenty.pdf", "\n\n".join([source] * 12)),
        "reportlab, ligatures": (folder / "ligatures.pdf", source),
        "fpdf2, 3 pages": (folder / "fpdf.pdf", source),
    }
    write_pdf(source, pdfs["reportlab, 2 pages"][0])
    write_pdf(source, pdfs["reportlab, 20 pages"][0], repeat=12)
    write_pdf(source, pdfs["reportlab, ligatures"][0], ligatures=True)
    write_fpdf(source, pdfs["fpdf2, 3 pages"][0])
    backends = {"pypdf": (pypdf_raw, pypdf_clean), "pdfplumber": (plumber_raw, plumber_clean)}
    print(f"{'PDF':22} {'backend':11} {'raw s':>8} {'clean s':>8} {'ratio':>6} "
          f"{'raw words':>9} {'words':>6} {'paragraphs':>10}")
    for label, (path, truth) in pdfs.items():
        base = None
        for backend, (raw, clean) in backends.items():
            raw_time, raw_text = best_time(raw, path, args.repeat)
            clean_time, clean_text = best_time(clean, path, args.repeat)
            base = base or clean_time
            print(f"{label:22} {backend:11} {raw_time:8.3f} {clean_time:8.3f} "
                  f"{clean_time / base:6.1f} {word_similarity(truth, raw_text):9.3f} "
                  f"{word_similarity(truth, clean_text):6.3f} "
                  f"{paragraph_share(truth, clean_text):10.0%}")
    print("\nread_document (best of --repeat), the seeds and the 20-page PDF:")
    from kinmap.loaders.documents import read_document
    seeds = sorted((HERE.parent.parent / "shared" / "seeds").glob("*.txt"))
    for path in [*seeds, pdfs["reportlab, 20 pages"][0]]:
        seconds, _ = best_time(lambda p: read_document(p).text, path, args.repeat)
        print(f"  {path.name:28} {path.stat().st_size:8,} bytes {seconds * 1000:8.2f} ms")


if __name__ == "__main__":
    main()
