"""Tables for people and programs: the `--format table|csv|json` of every listing command."""
from __future__ import annotations

import csv
import json
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


def _cell(value: Any) -> str:
    if value is None:
        return "-"
    text = str(value).replace("\n", " ")
    return text if len(text) <= 70 else text[:67] + "..."
