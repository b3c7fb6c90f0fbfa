"""Tables for people and programs: the `--format table|csv|json` of every listing command."""
from __future__ import annotations

import csv
import json
import re
from typing import IO, Any, Sequence

FORMATS = ("table", "csv", "json")


def write_rows(columns: Sequence[str], rows: Sequence[Sequence[Any]], fmt: str,
               out: IO[str]) -> None:
    """Write rows as an aligned text table, CSV or a JSON list of objects."""
    if fmt == "json":
        json.dump([dict(zip(columns, row)) for row in rows], out, indent=2,
                  ensure_ascii=False, default=str)
        out.write("\n")
    elif fmt == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows(["" if v is None else v for v in row] for row in rows)
    else:
        text = [[_cell(v) for v in row] for row in rows]
        widths = [max([len(c)] + [len(r[i]) for r in text]) for i, c in enumerate(columns)]
        out.write("  ".join(c.ljust(w) for c, w in zip(columns, widths)).rstrip() + "\n")
        for row in text:
            out.write("  ".join(v.ljust(w) for v, w in zip(row, widths)).rstrip() + "\n")


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
