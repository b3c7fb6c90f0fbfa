"""`kinmap demo`: load the bundled fictional examples and write what kinmap makes of them.

The demo keeps its own store inside the folder it writes, so it never touches
the store a reviewer works in.
"""
from __future__ import annotations

import io
import shutil
from pathlib import Path

from . import __version__
from .exports import get_writer
from .exports.views import write_demo_views
from .graph.load import load_files
from .graph.queries import QUERIES, run_query
from .graph.store import open_store
from .output import write_rows

#: What the demo exports, and the file it writes each to.
EXPORTS = {"trig": "examples.trig", "jsonld": "examples.jsonld",
           "graphml": "examples.graphml", "gexf": "examples.gexf",
           "gedcom": "examples.ged", "casemap": "examples.yaml"}


#: The named queries whose answers the report shows.
DEMO_QUERIES = ("absent-agencies", "missed-sharing", "interconnected-families", "known-to",
                "decisions", "themes")


def _text_table(table) -> str:
    out = io.StringIO()
    write_rows(table.columns, table.rows, "table", out)
    return out.getvalue().rstrip()


def examples_folder() -> Path:
    """The bundled examples: inside the installed package, or examples/ of a checkout."""
    packaged = Path(__file__).parent / "examples"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "examples"


def run_demo(out: Path) -> Path:
    """Load the examples into a fresh store in `out`, export them, write report.md."""
    out.mkdir(parents=True, exist_ok=True)
    store_dir = out / "store"
    if store_dir.exists():
        shutil.rmtree(store_dir)
    report = load_files(lambda: open_store(str(store_dir)), [examples_folder()])
    with open_store(str(store_dir)) as store:
        casemaps = list(store.casemaps())
        for fmt, name in EXPORTS.items():
            with open(out / name, "wb") as handle:
                get_writer(fmt).load()(casemaps, handle)
        views = write_demo_views(casemaps, out / "views")
        stats = store.stats()
        summaries = store.summaries()
        answers = {name: run_query(store, name) for name in DEMO_QUERIES}
    lines = [f"# kinmap demo (kinmap {__version__})", "",
             f"Examples: `{examples_folder()}` (fictional reviews written for kinmap).",
             f"Store: `{store_dir}` (embedded, Oxigraph).", "", f"{report.summary()}.", "",
             "## Reviews", "", "| review | type | title | people | elements |",
             "|---|---|---|---|---|"]
    lines += [f"| {s.id} | {s.type or ''} | {s.title or ''} | {s.people} | {s.elements} |"
              for s in summaries]
    lines += ["", "## What the store holds", "", "| kind | count |", "|---|---|"]
    lines += [f"| {kind} | {count} |" for kind, count in stats.items()]
    for name, table in answers.items():
        lines += ["", f"## kinmap query {name}", "", f"{QUERIES[name].description}.", "",
                  "```", _text_table(table), "```"]
    lines += ["", "## Views (open in a browser; they work offline)", ""]
    lines += [f"- `{path.relative_to(out)}`" for path in views]
    lines += ["", "## Files", ""]
    lines += [f"- `{name}`: {get_writer(fmt).description}" for fmt, name in EXPORTS.items()]
    path = out / "report.md"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
