"""Each review's share of what the listings print, made when it is loaded.

`kinmap query chronology` and `decisions` print every review's rows: tens of MB
at 2,000 full-length reviews, too much to keep whole (graph/kept.py). So when a
review is loaded, its rows are printed once in each format and the text is
stored beside its rows, in its stored-answers graph (`stored.py`), and the
prompt streams the reviews' texts in review order (`printed.py`):

- **csv**: the review's lines, without the header.
- **json**: its objects, each written as `,\\n  {...}` (the first `,` of the
  whole answer becomes `[`).
- **table**: its lines, each cell padded to the widest cell *of this review*
  (and the column's name), a column's two spaces written as a space and a
  marker (`MARKERS`); and those widths. The whole answer's widths are the
  widest of every review's, and each marker becomes the spaces that pad the
  column to them: the cells never change, only the padding after them.

The text is what `kinmap.output.write_rows` prints for the rows, because it is
made by it (or, for the table, by the same `_cell`), from the rows as stored.
Its predicate carries this folder's version (`stored.VERSION`, which covers
this module) and a digest of `output.py`, so text printed by another kinmap is
never streamed.
"""
from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path
from typing import Any, Sequence

from .rows import COLUMNS

#: The listings, whose store-wide answer is every review's rows in review order.
LISTINGS = ("chronology", "decisions")
FORMATS = ("table", "csv", "json")
#: One character per column boundary of a table, standing for the padding that the
#: whole answer's widths add there. C0 control characters: `output.printable`
#: escapes them in every cell, so none can be part of a cell; ASCII, so a review's
#: ASCII text stays ASCII (Python's fastest strings); not those `str.rstrip` takes
#: for whitespace (U+0009-000D, U+001C-001F).
MARKERS = tuple(map(chr, [*range(0x01, 0x09), *range(0x0e, 0x1c)]))


def _output_digest() -> str:
    """A digest of the module that decides how a row prints."""
    path = Path(__file__).parent.parent.parent / "output.py"
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12]


PRINTED = _output_digest()


def fragment_name(name: str, part: str) -> str:
    """The stored name (for `stored.rows_predicate`) of one part of a listing's text:
    a format, or `widths`."""
    return f"{name}.{part}.{PRINTED}"


def fragments(name: str, rows: Sequence[Sequence[Any]]) -> dict[str, str]:
    """One review's text of a listing in each format, and its table widths (JSON)."""
    from ...output import write_json, write_rows
    columns = COLUMNS[name]
    out: dict[str, str] = {}
    text = io.StringIO()
    write_rows(columns, rows, "csv", text)
    csv = text.getvalue()
    out["csv"] = csv[csv.index("\n") + 1:]
    text = io.StringIO()
    write_json(columns, rows, text)
    # "[\n  {..},\n  {..}\n]\n" -> ",\n  {..},\n  {..}"
    out["json"] = "," + text.getvalue()[1:-3] if rows else ""
    out["table"], widths = table_fragment(columns, rows)
    out["widths"] = json.dumps(widths)
    return out


def table_fragment(columns: Sequence[str], rows: Sequence[Sequence[Any]]
                   ) -> tuple[str, list[int]]:
    """The lines of a table of these rows padded to their own widths, a marker after
    the first space between two columns; and those widths (at least the names')."""
    from ...output import _cell
    cells = [[_cell(v) for v in row] for row in rows]
    widths = [len(c) for c in columns]
    for row in cells:
        for i, c in enumerate(row):
            if len(c) > widths[i]:
                widths[i] = len(c)
    lines = []
    for row in cells:
        padded = [c.ljust(w) for c, w in zip(row, widths)]
        # where the whole answer's line ends: its last character that is not
        # whitespace is this one's (padding only adds spaces after cells)
        end = len("  ".join(padded).rstrip())
        marked = [p + " " + m for p, m in zip(padded[:-1], MARKERS)] + padded[-1:]
        lines.append("".join(marked)[:end])
    return "".join(line + "\n" for line in lines), widths


def header(columns: Sequence[str], widths: Sequence[int]) -> str:
    """The first line of a table with these widths, as `write_rows` prints it."""
    return "  ".join(c.ljust(w) for c, w in zip(columns, widths)).rstrip() + "\n"


def padding(own: Sequence[int], widths: Sequence[int]) -> list[tuple[str, str]]:
    """(marker, what it becomes) for a review whose table was padded to `own` widths,
    in an answer padded to `widths`."""
    return [(MARKERS[i], " " * (1 + widths[i] - own[i])) for i in range(len(widths) - 1)]
