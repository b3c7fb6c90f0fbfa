"""The analysts' named queries: SPARQL files run on any store, answers with review and quote.

Each query is a `.rq` file in this folder whose first line is
`# name: one-line description`. `QUERIES` maps the name to two steps:
`collect` runs the SPARQL over one review and gives its rows (`rows.py`), and
`answer` applies the analyst's options and, over the whole store, folds every
review's rows into rankings and counts (`answers.py`). Over one review the rows
are read live; over the whole store they are the rows stored beside each review
when it was loaded (`stored.py`). Parameters are bound as RDF terms, never
pasted into the query text.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from ...errors import KinmapError, StoreError
from ...vocab import MEETING_KIND, SERVICE
from .. import identity
from ..store import Store
from . import answers, rows, storewide

HERE = Path(__file__).parent


@dataclass
class Table:
    """The answer to a named query: columns and rows of plain values."""

    columns: list[str]
    rows: list[tuple[Any, ...]] = field(default_factory=list)
    #: What the analyst should know about how the answer was made (shown on stderr).
    notes: list[str] = field(default_factory=list, compare=False)

    def records(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row)) for row in self.rows]


@dataclass(frozen=True)
class Options:
    """What the CLI can ask of a query."""

    review: str | None = None
    kind: str | None = None
    min_agencies: int = 3
    detail: bool = False
    #: Store-wide: what absent-agencies, missed-sharing and known-to count by
    #: (label, kind, service, partnership); None is each query's own default.
    by: str | None = None
    #: Only rows about agencies of this service ('no service' for none).
    service: str | None = None


@dataclass(frozen=True)
class NamedQuery:
    """A registered query: its SPARQL file, the rows it finds, the answer they make."""

    name: str
    collect: Callable[[Store, str | None], rows.Rows]
    answer: Callable[..., Table]
    #: The answer also takes `same`: the people identified as one across reviews.
    follows_links: bool = False

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
    NamedQuery("absent-agencies", rows.collect_absent_agencies, answers.absent_agencies),
    NamedQuery("missed-sharing", rows.collect_missed_sharing, answers.missed_sharing),
    NamedQuery("interconnected-families", rows.collect_interconnected_families,
               answers.interconnected_families, follows_links=True),
    NamedQuery("known-to", rows.collect_known_to, answers.known_to),
    NamedQuery("decisions", rows.collect_decisions, answers.decisions),
    NamedQuery("themes", rows.collect_themes, answers.themes),
    NamedQuery("chronology", rows.collect_chronology, answers.chronology),
    NamedQuery("overview", rows.collect_overview, answers.overview),
)}


def get_query(name: str) -> NamedQuery:
    """A named query by name."""
    try:
        return QUERIES[name]
    except KeyError:
        raise KinmapError(f"no query named {name!r}; `kinmap query --list` lists them: "
                          f"{', '.join(QUERIES)}") from None


def check_options(store: Store, options: Options) -> None:
    """A review asked for must be in the store, and a meeting kind must be one."""
    if options.review and not store.present([options.review]):
        raise StoreError(f"no review {options.review!r} in the store {store.location}; "
                         "`kinmap reviews` lists the ones there")
    if options.kind not in (None, "any") and options.kind not in MEETING_KIND:
        raise KinmapError(f"--kind {options.kind!r} is not a meeting kind; use one of: any, "
                          + ", ".join(MEETING_KIND))
    if options.by is not None and options.by not in answers.BY:
        raise KinmapError(f"--by {options.by!r}: use one of: {', '.join(answers.BY)}")
    if options.service not in (None, answers.NO_SERVICE) and options.service not in SERVICE:
        raise KinmapError(f"--service {options.service!r} is not a service; use one of: "
                          + ", ".join(SERVICE) + f", or '{answers.NO_SERVICE}'")


#: The queries that count by label, kind, service or partnership (--by, --service).
COUNTS_BY = ("absent-agencies", "missed-sharing", "known-to")


def run_query(store: Store, name: str, options: Options | None = None) -> Table:
    """Run a named query over one review (live) or the whole store (stored rows)."""
    query = get_query(name)
    options = options or Options()
    if (options.by or options.service) and name not in COUNTS_BY:
        raise KinmapError(f"--by and --service are for {', '.join(COUNTS_BY)}, not {name}")
    check_options(store, options)
    extra = {"same": identity.links(store)} if query.follows_links else {}
    if options.review:
        return query.answer(query.collect(store, options.review), options, **extra)
    return storewide.answer_over_store(store, query, options, extra)
