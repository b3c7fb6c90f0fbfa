"""Tables for people and programs: the `--format table|csv|json` of every listing command.

Rows are written as they come (any iterable, a generator included): CSV and
JSON never hold the whole answer a second time. An aligned table has to know
every cell's width before its first line, so it reads the rows twice, working
each cell's text out again rather than keeping a copy of them all.
"""
from __future__ import annotations

import re
from typing import IO, Any, Iterable, Sequence

FORMATS = ("table", "csv", "json")


def write_rows(columns: Sequence[str], rows: Iterable[Sequence[Any]], fmt: str,
               out: IO[str]) -> None:
    """Write rows as an aligned text table, CSV or a JSON list of objects."""
    if fmt == "json":
        write_json(columns, rows, out)
    elif fmt == "csv":
        import csv
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows(["" if v is None else v for v in row] for row in rows)
    else:
        rows = rows if isinstance(rows, Sequence) else list(rows)
        widths = [len(c) for c in columns]
        for row in rows:
            for i, v in enumerate(row):
                n = len(_cell(v))
                if n > widths[i]:
                    widths[i] = n
        out.write("  ".join(c.ljust(w) for c, w in zip(columns, widths)).rstrip() + "\n")
        for row in rows:
            out.write("  ".join(_cell(v).ljust(w) for v, w in zip(row, widths)).rstrip() + "\n")


def write_json(columns: Sequence[str], rows: Iterable[Sequence[Any]], out: IO[str]) -> None:
    """A JSON list of one object per row, written row by row.

    The text is what `json.dump(..., indent=2, ensure_ascii=False, default=str)`
    writes, byte for byte; but that runs Python's slow encoder for every value
    (an indent turns the C one off), so each value is encoded on its own here
    and the layout written around it.
    """
    import json
    encoder = json.JSONEncoder(ensure_ascii=False, default=str)
    keys = [f"\n    {encoder.encode(str(c))}: " for c in columns]
    scalar = (str, int, float, bool, type(None))
    first = True
    for row in rows:
        parts = []
        for key, value in zip(keys, row):
            if isinstance(value, scalar):
                text = encoder.encode(value)
            else:  # a list or object: its own indented layout, one level deeper
                text = json.dumps(value, indent=2, ensure_ascii=False,
                                  default=str).replace("\n", "\n    ")
            parts.append(key + text)
        out.write(("[\n  {" if first else ",\n  {") + ",".join(parts)
                  + ("\n  }" if parts else "}"))
        first = False
    out.write("[]\n" if first else "\n]\n")


#: What a terminal would act on rather than show: C0 and C1 control characters (ESC
#: starts colour, cursor and title sequences), DEL, and the bidirectional controls
#: that reorder what is shown.
CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """Text safe to print on a terminal: line breaks and tabs become spaces, every other
    control character its visible escape (ESC shows as \\x1b), so a label from a
    document can neither colour, move nor retitle the terminal."""
    return CONTROL.sub(_escape, text)


def _escape(match: re.Match) -> str:
    char = match.group()
    if char in "\n\r\t":
        return " "
    code = ord(char)
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def _cell(value: Any) -> str:
    if value is None:
        return "-"
    text = printable(str(value))
    return text if len(text) <= 70 else text[:67] + "..."
