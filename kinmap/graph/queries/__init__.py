"""The analysts' named queries: SPARQL files run on any store, answers with review and quote.

Each query is a `.rq` file in this folder whose first line is
`# name: one-line description`; `QUERIES` maps the name to the file and to the
Python step that finishes the answer (partial-date logic, networkx grouping,
store-wide summaries). Parameters are bound as RDF terms, never pasted into the
query text.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from pyoxigraph import NamedNode

from ...errors import KinmapError, StoreError
from ...ontology import concept, graph_iri
from ...vocab import MEETING_KIND
from ..store import PREFIXES, Store
from . import answers

HERE = Path(__file__).parent


@dataclass
class Table:
    """The answer to a named query: columns and rows of plain values."""

    columns: list[str]
    rows: list[tuple[Any, ...]] = field(default_factory=list)

    def records(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row)) for row in self.rows]


@dataclass(frozen=True)
class Options:
    """What the CLI can ask of a query."""

    review: str | None = None
    kind: str | None = None
    min_agencies: int = 3
    detail: bool = False


@dataclass(frozen=True)
class NamedQuery:
    """A registered query: its SPARQL file and the step that shapes the answer."""

    name: str
    finish: Callable[[Store, Any, Options], Table]

    @property
    def path(self) -> Path:
        return HERE / f"{self.name}.rq"

    @property
    def text(self) -> str:
        return self.path.read_text(encoding="utf-8")

    @property
    def description(self) -> str:
        first = self.text.splitlines()[0].lstrip("# ")
        return first.split(":", 1)[1].strip() if ":" in first else first


QUERIES: dict[str, NamedQuery] = {q.name: q for q in (
    NamedQuery("absent-agencies", answers.absent_agencies),
    NamedQuery("missed-sharing", answers.missed_sharing),
    NamedQuery("interconnected-families", answers.interconnected_families),
    NamedQuery("known-to", answers.known_to),
    NamedQuery("decisions", answers.decisions),
    NamedQuery("themes", answers.themes),
    NamedQuery("chronology", answers.chronology),
)}


def get_query(name: str) -> NamedQuery:
    """A named query by name."""
    try:
        return QUERIES[name]
    except KeyError:
        raise KinmapError(f"no query named {name!r}; `kinmap query --list` lists them: "
                          f"{', '.join(QUERIES)}") from None


def sparql(file_name: str) -> str:
    """The text of a query file with kinmap's prefixes in front."""
    return PREFIXES + (HERE / file_name).read_text(encoding="utf-8")


def bindings(store: Store, options: Options, *, kind: bool = False) -> dict[str, Any]:
    """The RDF terms the options fix: ?g for a review, ?kind for a meeting kind."""
    bound: dict[str, Any] = {}
    if options.review:
        if not store.present([options.review]):
            raise StoreError(f"no review {options.review!r} in the store {store.location}; "
                             "`kinmap reviews` lists the ones there")
        bound["g"] = NamedNode(graph_iri(options.review))
    if kind and options.kind != "any":
        name = options.kind or "strategy_meeting"
        if name not in MEETING_KIND:
            raise KinmapError(f"--kind {name!r} is not a meeting kind; use one of: any, "
                              + ", ".join(MEETING_KIND))
        bound["kind"] = NamedNode(concept("meeting_kind", name))
    return bound


def run_query(store: Store, name: str, options: Options | None = None) -> Table:
    """Run a named query over one review or the whole store."""
    query = get_query(name)
    return query.finish(store, query, options or Options())
