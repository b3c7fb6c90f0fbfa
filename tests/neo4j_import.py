"""A small reader of `neo4j-admin database import` CSV files, for the tests.

It follows the header rules of the Neo4j 5 Operations Manual, "Import" > "CSV
header format" (neo4j.com/docs/operations-manual/current/import/), as far as
kinmap's files use them, and fails where the import tool would:

- each header field is `name:type`, `name` (a string property), or a special
  field `[name]:ID[(group)]`, `:LABEL`, `:START_ID[(group)]`, `:END_ID[(group)]`,
  `:TYPE`, `:IGNORE`; types are int, long, short, byte, float, double, boolean,
  char, string, date (and a type followed by `[]` is an array split on the array
  delimiter, `;` by default);
- a node file needs one `:ID`; a named ID (`id:ID`) is also stored as a property;
  `:LABEL` holds labels split on the array delimiter;
- a relationship file needs `:START_ID`, `:END_ID` and `:TYPE`;
- an empty field sets no property; fields are RFC 4180 CSV (`"` quotes, `""` for a
  quote inside), and with `--multiline-fields=true` a quoted field may hold line
  breaks;
- a node id seen twice in one id group, a relationship to a node that is not
  there, a row with more fields than the header, and an unknown type are errors
  (the tool's defaults: no --skip-duplicate-nodes, --skip-bad-relationships or
  --ignore-extra-columns).
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Callable

FIELD = re.compile(r"^(?P<name>[^:]*)(?::(?P<type>[A-Za-z_]+)(?P<array>\[\])?"
                   r"(?:\((?P<group>[^)]*)\))?)?$")
SPECIAL = {"ID", "LABEL", "START_ID", "END_ID", "TYPE", "IGNORE"}
CONVERT: dict[str, Callable[[str], Any]] = {
    "int": int, "long": int, "short": int, "byte": int,
    "float": float, "double": float,
    "boolean": lambda v: v.strip().lower() == "true",
    "char": str, "string": str, "date": date.fromisoformat,
}


class ImportError_(ValueError):
    """What neo4j-admin import would refuse."""


@dataclass
class Column:
    name: str
    kind: str  # a special field (ID, LABEL, ...) or a property type
    array: bool = False
    group: str = ""


@dataclass
class Graph:
    nodes: dict[tuple[str, str], dict] = field(default_factory=dict)  # (group, id) -> node
    relationships: list[dict] = field(default_factory=list)


def parse_header(header: list[str]) -> list[Column]:
    columns = []
    for text in header:
        match = FIELD.match(text)
        if not match:
            raise ImportError_(f"bad header field {text!r}")
        name, kind = match["name"], match["type"] or "string"
        if kind.upper() in SPECIAL:
            kind = kind.upper()
        elif kind.lower() in CONVERT:
            kind = kind.lower()
        else:
            raise ImportError_(f"unknown type in header field {text!r}")
        if kind not in SPECIAL and not name:
            raise ImportError_(f"a property field needs a name: {text!r}")
        columns.append(Column(name, kind, bool(match["array"]), match["group"] or ""))
    return columns


def _value(column: Column, text: str, array_delimiter: str) -> Any:
    convert = CONVERT[column.kind]
    if column.array:
        return [convert(part) for part in text.split(array_delimiter)]
    return convert(text)


def _rows(path: Path) -> tuple[list[Column], list[list[str]]]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=",", quotechar='"', doublequote=True,
                               strict=True))
    if not rows:
        raise ImportError_(f"{path.name}: no header")
    columns = parse_header(rows[0])
    for number, row in enumerate(rows[1:], start=2):
        if len(row) > len(columns):
            raise ImportError_(f"{path.name}:{number}: extra column")
    return columns, rows[1:]


def read_import(folder: Path, nodes: list[str], relationships: list[str],
                array_delimiter: str = ";") -> Graph:
    """The graph that `neo4j-admin database import --nodes=... --relationships=...` makes."""
    graph = Graph()
    for name in nodes:
        columns, rows = _rows(folder / name)
        kinds = [c.kind for c in columns]
        if kinds.count("ID") != 1:
            raise ImportError_(f"{name}: a node file needs exactly one :ID field")
        for row in rows:
            node: dict[str, Any] = {"labels": set(), "properties": {}}
            key = None
            for column, text in zip(columns, row):
                if column.kind == "ID":
                    key = (column.group, text)
                    if column.name:
                        node["properties"][column.name] = text
                elif column.kind == "LABEL":
                    node["labels"].update(filter(None, text.split(array_delimiter)))
                elif column.kind != "IGNORE" and text != "":
                    node["properties"][column.name] = _value(column, text, array_delimiter)
            if key in graph.nodes:
                raise ImportError_(f"{name}: duplicate node id {key[1]!r}")
            graph.nodes[key] = node
    for name in relationships:
        columns, rows = _rows(folder / name)
        kinds = [c.kind for c in columns]
        if not {"START_ID", "END_ID", "TYPE"} <= set(kinds):
            raise ImportError_(f"{name}: a relationship file needs :START_ID, :END_ID, :TYPE")
        for row in rows:
            rel: dict[str, Any] = {"properties": {}}
            for column, text in zip(columns, row):
                if column.kind in ("START_ID", "END_ID"):
                    if (column.group, text) not in graph.nodes:
                        raise ImportError_(f"{name}: relationship to a missing node {text!r}")
                    rel["start" if column.kind == "START_ID" else "end"] = text
                elif column.kind == "TYPE":
                    rel["type"] = text
                elif column.kind != "IGNORE" and text != "":
                    rel["properties"][column.name] = _value(column, text, array_delimiter)
            graph.relationships.append(rel)
    return graph
