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
  (or the column's name), and `%`-escaped; where two columns meet, `%s`
  stands for the spaces between them. And (`widths`) those widths, how many
  lines, and which lines end before their last column. The whole answer's
  widths are the widest of every review's, and each `%s` becomes the spaces
  that pad its column to them: the text once through `bytes % args`, one pass
  in C, where replacing a marker per column took ten passes.

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
def _output_digest() -> str:
    """A digest of the module that decides how a row prints."""
    path = Path(__file__).parent.parent.parent / "output.py"
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12]


PRINTED = _output_digest()


def fragment_name(name: str, part: str) -> str:
    """The stored name (for `stored.rows_predicate`) of one part of a listing's text:
    a format, or `widths`."""
    return f"{name}.{part}.{PRINTED}"


def named(review_id: str, text: str) -> str:
    """A stored value: the review's id on a line, then its text.

    So the prompt reads the values alone, in one pass, and orders them by the id
    they carry: at 2,000 full-length reviews, reading each value's graph IRI too
    cost 45 ms (a lookup of each IRI's string), the values themselves 20 ms.
    """
    return f"{review_id}\n{text}"


def unnamed(value: str) -> tuple[str, str]:
    """(review id, text) of a stored value; ValueError when it names none."""
    review, newline, text = value.partition("\n")
    if not newline or not review:
        raise ValueError("not a stored text")
    return review, text


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
    out["widths"] = json.dumps(widths, separators=(",", ":"))
    return out


def table_fragment(columns: Sequence[str], rows: Sequence[Sequence[Any]]
                   ) -> tuple[str, dict[str, Any]]:
    """The lines of a table of these rows padded to their own widths, `%s` where two
    columns meet; and those widths (at least the names'), the number of lines and
    the lines cut short: [line, how many columns meet on it]."""
    from ...output import _cell
    cells = [[_cell(v) for v in row] for row in rows]
    widths = [len(c) for c in columns]
    for row in cells:
        for i, c in enumerate(row):
            if len(c) > widths[i]:
                widths[i] = len(c)
    lines, short = [], []
    for number, row in enumerate(cells):
        padded = [c.ljust(w).replace("%", "%%") for c, w in zip(row, widths)]
        # the line ends where the whole answer's does, after its last character that
        # is not whitespace: padding only adds spaces after cells
        last = max((i for i, c in enumerate(row) if not c.isspace() and c), default=0)
        lines.append("%s".join([*padded[:last], padded[last].rstrip()]) + "\n")
        if last < len(columns) - 1:
            short.append([number, last])
    return "".join(lines), {"widths": widths, "lines": len(rows), "short": short}


def header(columns: Sequence[str], widths: Sequence[int]) -> str:
    """The first line of a table with these widths, as `write_rows` prints it."""
    return "  ".join(c.ljust(w) for c, w in zip(columns, widths)).rstrip() + "\n"


def padded(text: bytes, own: dict[str, Any], widths: Sequence[int]) -> bytes:
    """A review's table text (UTF-8) with its columns padded to the answer's widths.

    ValueError (or TypeError) when the text is not what `table_fragment` made."""
    spaces = tuple(b" " * (2 + widths[i] - w) for i, w in enumerate(own["widths"][:-1]))
    args: Sequence[bytes] = spaces * own["lines"]
    if own["short"]:
        args = list(args)
        for line, meet in reversed(own["short"]):
            del args[line * len(spaces) + meet:(line + 1) * len(spaces)]
        args = tuple(args)
    return text % args
