"""Named queries over the whole store: every review's stored rows, folded into one answer.

Only reads what `stored.py` wrote, so changing this module keeps stored answers
current (it is left out of their version).

Listings (`chronology`, `decisions`) are answered without folding: their answer
is every review's rows, in the columns they are stored in, so the stored arrays
become the answer's rows directly, with no dict per row on the way.
"""
from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Iterator

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
        found, live = every_review_rows(store, query)
        table = query.answer(found, options, **extra)
    if live:
        table.notes.append(live_note(len(live)))
    return table


def every_review_rows(store: "Store", query: "NamedQuery") -> tuple["EveryReviewRows", list[str]]:
    """One query's rows for every review, in review order, kept compact
    (`EveryReviewRows`), and the reviews read live (no usable stored rows)."""
    columns = COLUMNS.get(query.name)
    texts = dict(stored.stored_texts(store, query.name))
    rows = EveryReviewRows()
    live: list[str] = []
    same: dict[str, str] = {}  # one copy of each text: ids, kinds, quotes recur in many rows
    for review in store.review_ids():
        text = texts.pop(review, None)
        try:
            found = stored.decode(text, columns) if text is not None else None
        except (ValueError, KeyError, TypeError):
            found = None  # unreadable: read live
        if found is None:
            live.append(review)
            found = query.collect(store, review)
        if found:
            names = list(found[0])
            rows.add(names, [[same.setdefault(v, v) if type(v) is str else v
                              for v in (r.get(n) for n in names)] for r in found])
    return rows, live


class EveryReviewRows(Sequence):
    """Every review's rows of one query, in order, kept as lists of values and given as a
    new dict each time one is read.

    At 2,000 full-length reviews a dict a row held 0.8 GB for absent-agencies alone
    (415,000 rows), and the fold at the end of a load went past 1 GB; lists of values
    that share one copy of each recurring text (`every_review_rows`) hold far less. A
    new dict each time also means an answer cannot change the rows the next answer
    reads.
    """

    def __init__(self) -> None:
        self._parts: list[tuple[list[str], list[list[Any]]]] = []
        self._size = 0

    def add(self, names: list[str], rows: list[list[Any]]) -> None:
        self._parts.append((names, rows))
        self._size += len(rows)

    def __len__(self) -> int:
        return self._size

    def __iter__(self) -> Iterator[dict[str, Any]]:
        for names, rows in self._parts:
            for row in rows:
                yield dict(zip(names, row))

    def __getitem__(self, index):  # type: ignore[override]
        if isinstance(index, slice):
            return list(self)[index]
        if index < 0:
            index += self._size
        for names, rows in self._parts:
            if 0 <= index < len(rows):
                return dict(zip(names, rows[index]))
            index -= len(rows)
        raise IndexError("row index out of range")


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
