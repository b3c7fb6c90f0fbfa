"""Named queries over the whole store: every review's stored rows, folded into one answer.

Only reads what `stored.py` wrote, so changing this module keeps stored answers
current (it is left out of their version).

Listings (`chronology`, `decisions`) are answered without folding: their answer
is every review's rows, in the columns they are stored in, so the stored arrays
become the answer's rows directly, with no dict per row on the way.
"""
from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from . import answers, stored
from .rows import COLUMNS

if TYPE_CHECKING:
    from ..store import Store
    from . import NamedQuery, Options, Table

#: Queries whose store-wide answer is the stored rows themselves, in their order.
LISTINGS = {"chronology": answers.chronology, "decisions": answers.decisions}


def answer_over_store(store: "Store", query: "NamedQuery", options: "Options",
                      extra: dict[str, Any]) -> "Table":
    """One named query's answer over every review: the answer the writer kept
    (`graph/kept.py`) if it is current, else folded from the rows stored at load."""
    from ..kept import kept_table
    table = kept_table(store, query.name, options, extra.get("same"))
    if table is not None:
        return table
    return folded_answer(store, query, options, extra)


def folded_answer(store: "Store", query: "NamedQuery", options: "Options",
                  extra: dict[str, Any]) -> "Table":
    """One named query's answer over every review, folded from the rows stored at load."""
    if LISTINGS.get(query.name) is query.answer:
        table, live = listing_over_store(store, query)
    else:
        found, live = stored.rows_over_store(store, query)
        table = query.answer(found, options, **extra)
    if live:
        table.notes.append(live_note(len(live)))
    return table


def live_note(count: int) -> str:
    """What the analyst is told when reviews had to be read live."""
    return (f"{count} review(s) had no stored answers from this version of kinmap and were "
            "read live, which is slower; `kinmap reindex` stores them")


def listing_over_store(store: "Store", query: "NamedQuery") -> tuple["Table", list[str]]:
    """A listing's answer: each review's stored rows as they are, in review order; the
    reviews without usable stored rows are read live. Returns the table and those."""
    from . import Table
    columns = COLUMNS[query.name]
    kept: dict[str, list] = {}
    for review, text in stored.stored_texts(store, query.name):
        try:
            data = json.loads(text)
            names, rows = data["columns"], data["rows"]
        except (ValueError, KeyError, TypeError):
            continue
        if isinstance(rows, list) and (not rows or names == columns) and \
                all(isinstance(row, list) and len(row) == len(columns) for row in rows):
            kept[review] = rows
    out: list[tuple] = []
    live: list[str] = []
    for review in store.review_ids():
        if review in kept:
            out.extend(map(tuple, kept[review]))
        else:
            live.append(review)
            out.extend(tuple(r[c] for c in columns) for r in query.collect(store, review))
    return Table(list(columns), out), live
