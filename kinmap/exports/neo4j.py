"""CSV files for `neo4j-admin database import`, and a Cypher script that loads the same files.

The folder holds one node file per kind of element (`nodes-person.csv`, ...)
and one relationship file, with the header rules of Neo4j's import tool: the
element's key as `id:ID` (`<review id>/<element id>`, so ids are unique across
reviews), `:LABEL` (Element, the kind, and SubjectChild for a subject child),
`:START_ID`, `:END_ID` and `:TYPE` (PARENT, MEMBER_OF, ABSENT, ...), and typed
properties (`age:long`, `subject:boolean`, `themes:string[]`, and `start:date` /
`end:date`, the same dates as the GEXF timeline). `import.cypher` creates the
same graph with LOAD CSV, for a running database; `README.txt` gives both commands.
"""
from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any, Iterable, Sequence

from ..graph.network import to_networkx
from ..model import CaseMap
from .network import timed

ARRAY_DELIMITER = ";"
#: Every node carries this label too: the one a LOAD CSV matches ids on.
ELEMENT_LABEL = "Element"
RELATIONSHIPS_FILE = "relationships.csv"
DATES = ("start", "end")


def _label(element: str) -> str:
    """information_sharing -> InformationSharing."""
    return "".join(part.capitalize() for part in element.split("_"))


def _relationship_type(tie: str) -> str:
    """involved_with -> INVOLVED_WITH."""
    return tie.upper()


def _clean(text: str) -> str:
    return text.replace("\x00", "")


def _typed_columns(rows: Iterable[dict[str, Any]]) -> dict[str, str]:
    """Each property's import type: long, double, boolean, date, string[] or string."""
    types: dict[str, set[str]] = {}
    for row in rows:
        for key, value in row.items():
            types.setdefault(key, set()).add(_value_type(key, value))
    return {key: found.pop() if len(found) == 1 else "string"
            for key, found in sorted(types.items())}


def _value_type(key: str, value: Any) -> str:
    if key in DATES:
        return "date"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "long"
    if isinstance(value, float):
        return "double"
    if isinstance(value, list):
        safe = all(isinstance(v, str) and ARRAY_DELIMITER not in v for v in value)
        return "string[]" if safe else "string"
    return "string"


def _cell(value: Any, kind: str) -> str:
    if value is None or value == [] or value == "":
        return ""
    if kind == "boolean":
        return "true" if value else "false"
    if kind == "string[]":
        return ARRAY_DELIMITER.join(_clean(v) for v in value)
    if isinstance(value, list):
        return _clean("; ".join(str(v) for v in value))
    return _clean(str(value))


def _properties(attrs: dict[str, Any], skip: set[str]) -> dict[str, Any]:
    return {k: v for k, v in attrs.items()
            if k not in skip and v is not None and v != [] and v != ""}


def _csv_text(header: list[str], rows: list[list[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def neo4j_files(casemaps: Sequence[CaseMap]) -> dict[str, str]:
    """The folder's files by name: node CSVs, the relationship CSV, the Cypher script."""
    graph = timed(to_networkx(casemaps))
    for _, attrs in [*graph.nodes(data=True), *((u, a) for u, _, a in graph.edges(data=True))]:
        if "id" in attrs:  # `id` is the import key, <review id>/<element id>
            attrs["element_id"] = attrs.pop("id")
    files: dict[str, str] = {}
    cypher = [_CYPHER_HEAD]
    by_kind: dict[str, list[tuple[str, dict]]] = {}
    for key, attrs in graph.nodes(data=True):
        by_kind.setdefault(attrs["element"], []).append((key, attrs))
    for kind in sorted(by_kind):
        nodes = by_kind[kind]
        props = [_properties(a, {"element"}) for _, a in nodes]
        columns = _typed_columns(props)
        header = ["id:ID", ":LABEL", *(f"{k}:{t}" for k, t in columns.items())]
        rows = [[_clean(key), ARRAY_DELIMITER.join(_labels(kind, attrs)),
                 *(_cell(p.get(k), t) for k, t in columns.items())]
                for (key, attrs), p in zip(nodes, props)]
        name = f"nodes-{kind.replace('_', '-')}.csv"
        files[name] = _csv_text(header, rows)
        cypher.append(_load_nodes(name, kind, columns))
    edges = [(u, v, _properties(a, {"type"}), a["type"]) for u, v, a in graph.edges(data=True)]
    columns = _typed_columns(p for *_, p, _ in edges)
    header = [":START_ID", ":END_ID", ":TYPE", *(f"{k}:{t}" for k, t in columns.items())]
    files[RELATIONSHIPS_FILE] = _csv_text(header, [
        [_clean(u), _clean(v), _relationship_type(tie),
         *(_cell(p.get(k), t) for k, t in columns.items())] for u, v, p, tie in edges])
    for tie in sorted({tie for *_, tie in edges}):
        cypher.append(_load_relationships(_relationship_type(tie), columns))
    files["import.cypher"] = "\n".join(cypher)
    files["README.txt"] = _readme(sorted(n for n in files if n.startswith("nodes-")))
    return files


def _labels(kind: str, attrs: dict) -> list[str]:
    labels = [ELEMENT_LABEL, _label(kind)]
    if kind == "person" and attrs.get("subject") is True:
        labels.append("SubjectChild")
    return labels


def write_neo4j(casemaps: Sequence[CaseMap], folder: str | Path) -> Path:
    """Write the import folder; returns its path."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in neo4j_files(casemaps).items():
        (folder / name).write_text(text, encoding="utf-8", newline="")
    return folder


# ---------------------------------------------------------------- Cypher

_CYPHER_HEAD = """// kinmap: the same graph as the CSV files, with LOAD CSV, for a running Neo4j 5.
// Put the CSV files in the database's import folder, then run this script
// (cypher-shell -f import.cypher). Ids are `<review id>/<element id>`.
CREATE CONSTRAINT kinmap_element_id IF NOT EXISTS
FOR (n:Element) REQUIRE n.id IS UNIQUE;
"""
_CONVERT = {"long": "toInteger({})", "double": "toFloat({})", "boolean": "toBoolean({})",
            "date": "date({})", "string[]": "split({}, ';')", "string": "{}"}


def _assignments(variable: str, columns: dict[str, str]) -> str:
    return ",\n    ".join(f"{variable}.`{k}` = " + _CONVERT[t].format(f"row.`{k}:{t}`")
                         for k, t in columns.items())


def _load_nodes(name: str, kind: str, columns: dict[str, str]) -> str:
    subject = ("\nFOREACH (_ IN CASE WHEN 'SubjectChild' IN split(row.`:LABEL`, ';') "
               "THEN [1] ELSE [] END | SET n:SubjectChild)") if kind == "person" else ""
    sets = f"\nSET {_assignments('n', columns)}" if columns else ""
    return (f"LOAD CSV WITH HEADERS FROM 'file:///{name}' AS row\n"
            f"CREATE (n:{ELEMENT_LABEL}:{_label(kind)} {{id: row.`id:ID`}}){sets}{subject};\n")


def _load_relationships(tie: str, columns: dict[str, str]) -> str:
    sets = f"\nSET {_assignments('r', columns)}" if columns else ""
    return (f"LOAD CSV WITH HEADERS FROM 'file:///{RELATIONSHIPS_FILE}' AS row\n"
            f"WITH row WHERE row.`:TYPE` = '{tie}'\n"
            f"MATCH (a:{ELEMENT_LABEL} {{id: row.`:START_ID`}}), "
            f"(b:{ELEMENT_LABEL} {{id: row.`:END_ID`}})\n"
            f"CREATE (a)-[r:{tie}]->(b){sets};\n")


def _readme(node_files: list[str]) -> str:
    nodes = " ".join(f"--nodes={name}" for name in node_files)
    return (
        "kinmap export for Neo4j 5.\n\n"
        "Into a new database, offline (quotes may hold line breaks, hence --multiline-fields):\n\n"
        f"  neo4j-admin database import full --multiline-fields=true {nodes} "
        f"--relationships={RELATIONSHIPS_FILE} neo4j\n\n"
        "Into a running database: copy the CSV files into its import folder, then\n\n"
        "  cypher-shell -f import.cypher\n")

