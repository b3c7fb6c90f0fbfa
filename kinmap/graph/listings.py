"""The listings at the prompt: each review's printed text, streamed in review order.

`kinmap query chronology` and `decisions` print every review's rows, tens of
MB over a big store. Their text is not kept whole (graph/kept.py: it took a
load's end over 1 GB); instead each review's share of it is printed when the
review is loaded and stored beside its rows (queries/fragments.py). Here the
shares are read and written out in review order, each as it is, so the answer
is never built, nor held twice (see `_values`):

- CSV: the header, then each review's lines.
- JSON: each review's objects; the first `,` becomes `[`, and `\\n]` closes.
- table: first every review's widths (a few numbers each), whose widest are
  the answer's; then each review's lines, the spaces that pad each column to
  those widths put in where the columns meet (`fragments.padded`).

A review without current text (loaded by an older kinmap, written by another
tool, or stored in part) is printed from its stored rows, or its rows read
live (with the same note as before), by the same code that prints at load, so
the output is byte for byte what the answer folded from rows prints.
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Iterable, Iterator, Sequence

if TYPE_CHECKING:
    from .store import Store

#: Reviews asked of a server at once (one request each), so memory holds a batch.
BATCH = 100


def streams(name: str, options: dict[str, Any]) -> bool:
    """Whether `kinmap query NAME` with these options is a listing streamed from the
    reviews' printed text (a listing over the whole store, nothing else asked)."""
    from .kept import DEFAULT_OPTIONS  # what a question asks when it asks nothing
    from .queries.fragments import LISTINGS
    return name in LISTINGS and dict(options) == DEFAULT_OPTIONS


#: The folder, inside an embedded store's, where the writer keeps each listing's
#: whole printed answer (`keep_files`); one file per listing and format.
KEPT_FOLDER = "kinmap-listings"
#: Bytes at the start of a kept listing file for its head (JSON, then newlines).
_HEAD = 4096


def print_listing(store: "Store", name: str, fmt: str, out: IO[bytes]) -> list[str]:
    """What `kinmap query NAME --format FMT` prints over the whole store: a copy of the
    file the writer kept, if it is current (`copy_kept`), else streamed from each
    review's stored text (`write_listing`). Returns the notes for the analyst."""
    notes = copy_kept(store, name, fmt, out)
    return write_listing(store, name, fmt, out) if notes is None else notes


def keep_files(store: "Store", made: dict[str, Any]) -> None:
    """Keep each listing's whole printed answer, in every format, as a file in an
    embedded store's folder, stamped with the store as it was made (`kept.stamp`).

    Streaming a listing costs 0.1-0.5 s at 2,000 full-length reviews for 21-80 MB;
    copying a file costs a tenth of that. Kept in files, not in the store: the whole
    text in one value held 1.3 GB at the end of a load. Written by the writer
    when its writes are done (`kept.keep`), each through a new file renamed over
    the old, so a reader never sees half a file. A server has no folder of ours:
    its listings are streamed."""
    folder = _kept_folder(store)
    if folder is None:
        return
    from .kept import version
    from .queries.fragments import FORMATS, LISTINGS
    try:
        folder.mkdir(exist_ok=True)
    except OSError:
        return  # not kept (a full or read-only disk): the listings are streamed
    for name in sorted(LISTINGS):
        for fmt in FORMATS:
            path = folder / f"{name}.{fmt}"
            partial = path.with_name(path.name + ".partial")
            try:
                with open(partial, "wb") as out:
                    out.write(b"\n" * _HEAD)  # room for the head, written once notes are known
                    notes = write_listing(store, name, fmt, out)
                    head = json.dumps({"version": version(), "stamp": made, "notes": notes})
                    if len(head) >= _HEAD:
                        raise ValueError("too long a head")
                    out.seek(0)
                    out.write(head.encode())
                os.replace(partial, path)
            except (OSError, ValueError):
                # not kept: the listing is streamed at the prompt as before
                partial.unlink(missing_ok=True)
                path.unlink(missing_ok=True)


def copy_kept(store: "Store", name: str, fmt: str, out: IO[bytes]) -> list[str] | None:
    """Copy the kept file of a listing to `out` and return its notes, or None (and
    write nothing) when there is none, or it is not of this kinmap or not of the
    store as it is now (written since by the library, another kinmap, a load that
    stopped: the stamp tells, as for the kept answers)."""
    folder = _kept_folder(store)
    if folder is None:
        return None
    from ..errors import StoreError
    from .kept import stamp, version
    path = folder / f"{name}.{fmt}"
    try:
        kept = open(path, "rb")
    except OSError:
        return None
    with kept:
        try:
            head = json.loads(kept.read(_HEAD))
            if head.get("version") != version() or head.get("stamp") != stamp(store) or \
                    not isinstance(head.get("notes"), list):
                return None
        except (OSError, ValueError, AttributeError):
            return None
        while True:
            try:  # once copying has begun, a failure cannot fall back to streaming
                chunk = kept.read(1 << 20)
            except OSError as error:
                reason = error.strerror or error
                raise StoreError(f"{path}: cannot read the kept listing ({reason}); delete "
                                 f"the folder {folder} and ask again") from None
            if not chunk:
                break
            out.write(chunk)  # a failure to write is the output's, as for any answer
    return [str(note) for note in head["notes"]]


def _kept_folder(store: "Store") -> "Path | None":
    from .embedded import EmbeddedStore
    if not isinstance(store, EmbeddedStore):
        return None
    return Path(store.location) / KEPT_FOLDER


def write_listing(store: "Store", name: str, fmt: str, out: IO[bytes]) -> list[str]:
    """Write what `kinmap query NAME --format FMT` prints over the whole store (UTF-8,
    to a binary stream); returns the notes for the analyst (reviews read live)."""
    from .queries.fragments import FORMATS, fragment_name
    from .queries.rows import COLUMNS
    from .queries.stored import rows_predicate
    if fmt not in FORMATS:
        raise ValueError(f"no format {fmt!r}")
    columns = COLUMNS[name]
    ids = store.review_ids()
    source = _Fallback(store, name)
    text_predicate = rows_predicate(fragment_name(name, fmt))
    if fmt == "table":
        _write_table(store, name, columns, ids, source, out)
    elif fmt == "csv":
        out.write((",".join(columns) + "\n").encode())  # names that need no quoting
        for review, text in _values(store, text_predicate, ids):
            out.write((text if text is not None else source.part(review, "csv")).encode())
    else:
        first = True
        for review, text in _values(store, text_predicate, ids):
            if text is None or (text and not text.startswith(",")):
                text = source.part(review, "json")
            if text:
                out.write(("[" + text[1:] if first else text).encode())
                first = False
        out.write(b"[]\n" if first else b"\n]\n")
    if source.live:
        from .queries.storewide import live_note
        return [live_note(len(source.live))]
    return []


def _write_table(store: "Store", name: str, columns: Sequence[str], ids: list[str],
                 source: "_Fallback", out: IO[bytes]) -> None:
    """The aligned table: the widest widths first, then each review's lines padded."""
    from .queries.fragments import fragment_name, header, padded
    from .queries.stored import rows_predicate
    own: dict[str, dict[str, Any]] = {}
    for review, text in _all_values(store, rows_predicate(fragment_name(name, "widths"))
                                    ).items():
        found = _widths(text, len(columns))
        if found is not None:
            own[review] = found
    # reviews without stored text are printed from their rows first: their widths count
    made = {review: source.printed(review) for review in ids if review not in own}
    for review, printed in made.items():
        own[review] = json.loads(printed["widths"])
    widths = [len(c) for c in columns]
    for found in own.values():
        widths = list(map(max, widths, found["widths"]))
    out.write(header(columns, widths).encode())
    wanted = [review for review in ids if review not in made]
    fetched = _values(store, rows_predicate(fragment_name(name, "table")), wanted)
    for review in ids:
        if review in made:
            text = made.pop(review)["table"]
        else:
            text = next(fetched)[1]
        try:
            if text is None:
                raise ValueError("widths but no text")
            lines = padded(text.encode(), own[review], widths)
        except (ValueError, TypeError):  # not what kinmap stores: printed from its rows
            printed = source.printed(review)
            lines = padded(printed["table"].encode(), json.loads(printed["widths"]), widths)
        out.write(lines)


def _widths(text: str, count: int) -> dict[str, Any] | None:
    """A review's stored table widths (fragments.table_fragment), if they look sound
    (`fragments.padded` refuses the rest)."""
    try:
        found = json.loads(text)
        widths = found["widths"]
        if len(widths) == count and isinstance(found["lines"], int) and \
                isinstance(found["short"], list) and all(type(w) is int for w in widths):
            return found
    except (ValueError, KeyError, TypeError):
        pass
    return None


class _Fallback:
    """A review's printed text made from its stored rows, or its rows read live."""

    def __init__(self, store: "Store", name: str) -> None:
        self.store, self.name = store, name
        self.live: list[str] = []

    def printed(self, review: str) -> dict[str, str]:
        from .queries.fragments import fragments
        from .queries.rows import COLUMNS
        from .queries.stored import rows_predicate
        columns = COLUMNS[self.name]
        text = _value_of(self.store, rows_predicate(self.name), review)
        rows = _decoded(text, columns) if text is not None else None
        if rows is None:
            from .queries import QUERIES
            self.live.append(review)
            rows = [[r[c] for c in columns] for r in QUERIES[self.name].collect(self.store,
                                                                                review)]
        return fragments(self.name, rows)

    def part(self, review: str, fmt: str) -> str:
        return self.printed(review)[fmt]


def _decoded(text: str, columns: list[str]) -> list | None:
    """Stored rows as the folded listing takes them (storewide.listing_over_store)."""
    try:
        data = json.loads(text)
        names, rows = data["columns"], data["rows"]
    except (ValueError, KeyError, TypeError):
        return None
    if isinstance(rows, list) and (not rows or names == columns) and \
            all(isinstance(row, list) and len(row) == len(columns) for row in rows):
        return rows
    return None


def _values(store: "Store", predicate: Any, ids: Iterable[str]
            ) -> Iterator[tuple[str, str | None]]:
    """(review, its stored text of `predicate` or None) for each review, in order.

    The embedded store reads every review's value in one pass of its index, in the
    index's order (a digest of each value), and hands them out in review order,
    letting each go once it is handed out: the answer is held once, at most, and
    never a second time. Looking each review's value up on its own kept memory to
    one review's but took twice as long at 2,000 reviews (about 80 µs a lookup,
    against 10 µs a value in one pass). A server is asked one batch of reviews at
    a time (one request each), in order, so memory holds a batch.
    """
    from .embedded import EmbeddedStore
    if isinstance(store, EmbeddedStore):
        found = _all_values(store, predicate)
        for review in ids:
            yield review, found.pop(review, None)
        return
    from ..ontology import answers_graph_iri
    ids = list(ids)
    for start in range(0, len(ids), BATCH):
        batch = ids[start:start + BATCH]
        graphs = " ".join(f"<{answers_graph_iri(review)}>" for review in batch)
        result = store.select(f"SELECT ?v WHERE {{ VALUES ?a {{ {graphs} }} "
                              f"GRAPH ?a {{ ?a {predicate} ?v }} }}")
        found = _named(value.value for (value,) in result.rows)
        for review in batch:
            yield review, found.get(review)


def _value_of(store: "Store", predicate: Any, review: str) -> str | None:
    """One review's stored value of `predicate` (its rows), or None."""
    from pyoxigraph import NamedNode

    from ..ontology import answers_graph_iri
    from .embedded import EmbeddedStore
    graph = NamedNode(answers_graph_iri(review))
    if isinstance(store, EmbeddedStore):
        for quad in store.oxigraph.quads_for_pattern(graph, predicate, None, graph):
            return quad.object.value
        return None
    result = store.select(f"SELECT ?v WHERE {{ GRAPH {graph} {{ {graph} {predicate} ?v }} }}")
    return result.rows[0][0].value if result.rows else None


def _all_values(store: "Store", predicate: Any) -> dict[str, str]:
    """Every review's stored text of `predicate`, by the review each names.

    Only the values are read, not the IRIs of the graphs they are in: each IRI
    read is a lookup of its string, which cost more than reading the values."""
    from .embedded import EmbeddedStore
    query = f"SELECT ?v WHERE {{ GRAPH ?a {{ ?a {predicate} ?v }} }}"
    if isinstance(store, EmbeddedStore):
        return _named(value.value for (value,) in store.oxigraph.query(query))
    return _named(value.value for (value,) in store.select(query).rows)


def _named(values: Iterable[str]) -> dict[str, str]:
    """Stored texts by the review each names; a review named twice has none."""
    from .queries.fragments import unnamed
    found: dict[str, str] = {}
    twice: set[str] = set()
    for value in values:
        try:
            review, text = unnamed(value)
        except ValueError:
            continue
        if review in found:
            twice.add(review)
        found[review] = text
    for review in twice:
        del found[review]
    return found
