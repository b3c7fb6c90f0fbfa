"""The embedded store: Oxigraph (pyoxigraph) in a folder on disk; no server to start.

Oxigraph was chosen by measurement (benchmarks/README.md): on 2,000 synthetic
reviews it loads and counts far faster than rdflib's memory store saved as TriG,
and each SPARQL update is one transaction, so a failed load changes nothing.
"""
from __future__ import annotations

import os
import re
import threading
import time
from pathlib import Path
from typing import Any, Iterable

import pyoxigraph

from ..errors import StoreError
from ..ontology import graph_iri
from .store import QueryResult, Store, one_line


_DERIVED = pyoxigraph.NamedNode("http://www.w3.org/ns/prov#wasDerivedFrom")
_SELECTOR = pyoxigraph.NamedNode("http://www.w3.org/ns/oa#hasSelector")
_EXACT = pyoxigraph.NamedNode("http://www.w3.org/ns/oa#exact")


#: Quads written between two flushes to disk. After a bulk load of 2,000 reviews
#: (2.3 million quads, loaded without a flush), the flush on closing hung for good in
#: RocksDB's WaitForFlushMemTables with every thread idle, whether the load ran in one
#: thread or two (pyoxigraph 0.5.13; reproduced three times). Flushing every 250,000
#: quads never hung, costs about 1 s each, and leaves little for the final flush.
FLUSH_EVERY = 250_000


#: From this many quads, a file's reviews are written with Oxigraph's bulk loader
#: (sorted files of their own, ingested by RocksDB) rather than a transaction. Both
#: are atomic: since pyoxigraph 0.5 the bulk loader ingests all its files in one
#: step, so a failed or interrupted load adds nothing. A transaction's cost grows
#: with the store (each quad is looked up before it is written); the bulk loader's
#: does not. Measured on a store of 100 national reviews (pyoxigraph 0.5.13), CPU for
#: one review's quads: 2,000 quads 64 ms by transaction, 50 ms bulk; 8,000 quads
#: 235 ms and 140 ms; 500 quads 8 ms and 30 ms, so small files keep the transaction.
BULK_FROM = 2_000

#: A load gathers the files of reviews new to the store until they hold this many
#: quads (about 13 national reviews, 25 MB of N-Quads held) and streams them into one
#: bulk load. RocksDB takes each bulk load in as files that overlap the whole store,
#: and merges them into it in the background: the fewer and bigger they are, the
#: less it rewrites. See benchmarks/README-national.md for what it saved.
GATHER_QUADS = 100_000


#: The umask while a store is open for writing: RocksDB makes its files (.sst hold
#: the quotes in plain text) as the process's umask allows, so only this account
#: may read them, and the folder is made 0700.
PRIVATE_UMASK = 0o077
_umask_lock = threading.Lock()
_writers_open = 0
_saved_umask = 0


def _private_files_begin() -> None:
    """Make files private from now on (the first writer open sets the umask)."""
    global _writers_open, _saved_umask
    with _umask_lock:
        if _writers_open == 0:
            _saved_umask = os.umask(PRIVATE_UMASK)
        _writers_open += 1


def _private_files_end() -> None:
    """The last writer closed: give the process its own umask back."""
    global _writers_open
    with _umask_lock:
        _writers_open -= 1
        if _writers_open == 0:
            os.umask(_saved_umask)


def make_private(folder: Path) -> None:
    """The store folder 0700 and its files 0600, whatever the umask was when made; the
    same for a folder in it (the listings kinmap keeps there, graph/listings.py)."""
    try:
        folder.chmod(0o700)
        for entry in os.scandir(folder):
            if entry.is_file(follow_symlinks=False):
                os.chmod(entry.path, 0o600)
            elif entry.is_dir(follow_symlinks=False):
                make_private(Path(entry.path))
    except OSError:
        pass  # not ours to change (another account's store, read only): leave it


def _remove_unloaded(folder: Path) -> None:
    """Remove the files a bulk load left when it was stopped before RocksDB took them in
    (`bulk-*.sst`, none of them in the store): called holding the writer's lock, so no
    load is under way. Each file RocksDB took in is its own copy or link by then."""
    for leftover in folder.glob("bulk-*.sst"):
        try:
            leftover.unlink()
        except OSError:
            pass  # not ours to remove: it only takes space


#: Seconds a read-only opening keeps trying while a writer in another process swaps
#: the files the reader is about to open. Measured (pyoxigraph 0.5.13): a reader
#: opened right after a removal failed at first in 5 of 10 tries ("No such file",
#: a MANIFEST being replaced), and every one opened within 4 retries of 50 ms.
READER_PATIENCE = 5.0
_CHANGING = re.compile(r"no such file|corruption|manifest|column family not found")


class EmbeddedStore(Store):
    """A persistent Oxigraph store in `location` (a folder, made on first use).

    Opened for writing, it holds RocksDB's lock on the folder: a second writer is
    refused. Opened `read_only`, it takes no lock, so any number of readers run
    beside each other and beside one writer. A reader sees the store as it was
    when the reader opened it, loads committed by then included (a load commits
    each file in one transaction, so a file is there whole or not at all);
    whatever a writer commits later, the reader does not see until run again.
    """

    _unflushed = 0
    _private = False

    def __init__(self, location: str | Path, *, create: bool = True,
                 read_only: bool = False) -> None:
        self.location = str(location)
        path = Path(location)
        if path.exists() and not path.is_dir():
            raise StoreError(f"{self.location}: is a file, not a store folder; give "
                             "--store a folder (it is made if missing)")
        if not path.exists() and (not create or read_only):
            raise StoreError(f"{self.location}: no store here yet; `kinmap load` makes one")
        self._store: pyoxigraph.Store | None = None
        if read_only:
            self._store = self._open(pyoxigraph.Store.read_only, path)
            return
        _private_files_begin()
        self._private = True
        try:
            try:
                path.mkdir(parents=True, exist_ok=True, mode=0o700)
            except OSError as error:
                raise StoreError(f"{self.location}: cannot make the store folder "
                                 f"({error.strerror or error}); check the permissions of "
                                 "the folder above it, or give --store another folder"
                                 ) from None
            make_private(path)
            self._store = self._open(pyoxigraph.Store, path)
            _remove_unloaded(path)
        except BaseException:
            self._end_private()
            raise

    def _open(self, opener: Any, path: Path) -> pyoxigraph.Store:
        deadline = time.monotonic() + READER_PATIENCE
        while True:
            try:
                return opener(str(path))
            except (OSError, RuntimeError) as error:  # RuntimeError: a store being made
                text = str(error).lower()
                if opener is not pyoxigraph.Store and _CHANGING.search(text) and \
                        time.monotonic() < deadline:
                    time.sleep(0.05)  # a writer is swapping files: they settle in ms
                    continue
                hint = "another kinmap is writing to it; wait for it to finish" \
                    if "lock" in text else "check the folder's permissions" \
                    if "permission" in text else "a load or removal is changing it; " \
                    "run the command again" if _CHANGING.search(text) else one_line(error)
                raise StoreError(f"{self.location}: cannot open the store ({hint})") from None

    def _end_private(self) -> None:
        if self._private:
            self._private = False
            make_private(Path(self.location))
            _private_files_end()

    @property
    def oxigraph(self) -> pyoxigraph.Store:
        """The underlying pyoxigraph store, for fast direct access."""
        if self._store is None:
            raise StoreError(f"{self.location}: the store is closed")
        return self._store

    def update(self, sparql: str) -> None:
        try:
            self.oxigraph.update(sparql)
        except (OSError, SyntaxError, RuntimeError) as error:
            if "read-write" in str(error).lower():
                raise StoreError(f"{self.location}: opened read-only; cannot write") from None
            raise StoreError(f"{self.location}: update failed: {one_line(error)}") from None
        # Counted by size, about 100 bytes a quad in N-Triples, so that many updates
        # in a row (replacing reviews, reindex, a script) are flushed as they go too.
        self._wrote(max(1, len(sparql) // 100))

    gather_quads = GATHER_QUADS

    def write_new(self, files) -> None:
        from pyoxigraph import RdfFormat, parse
        self._add((q for f in files for q in parse(f.nquads, format=RdfFormat.N_QUADS)),
                  sum(f.quads for f in files))

    def _put(self, review_ids, quads, existing) -> None:
        if existing:
            super()._put(review_ids, quads, existing)  # an update, counted there
            return
        # Nothing to drop: adding the quads is the same change, and faster than
        # parsing an INSERT DATA update (about 10% of a bulk load).
        self._add(quads, len(quads))

    def _add(self, quads: Iterable[pyoxigraph.Quad], count: int) -> None:
        """Add `count` quads in one atomic step: whole or not at all (see BULK_FROM).
        The bulk loader takes them streamed and keeps them in its own compact form."""
        try:
            if count >= BULK_FROM:
                self.oxigraph.bulk_extend(quads)
                return  # written to files of its own: nothing to flush
            self.oxigraph.extend(list(quads))
        except (OSError, RuntimeError, SyntaxError, ValueError) as error:
            raise StoreError(f"{self.location}: load failed: {error}") from None
        self._wrote(count)

    def _wrote(self, quads: int) -> None:
        self._unflushed += quads
        if self._unflushed >= FLUSH_EVERY:
            self._flush()

    def _flush(self) -> None:
        try:
            self.oxigraph.flush()
        except OSError as error:
            raise StoreError(f"{self.location}: cannot write to disk: {error}") from None
        self._unflushed = 0

    def select(self, sparql: str, bindings: dict[str, Any] | None = None) -> QueryResult:
        substitutions = {pyoxigraph.Variable(k): v for k, v in (bindings or {}).items()}

        def rows(solutions: Any) -> QueryResult:
            columns = [v.value for v in solutions.variables]
            # a solution iterates over its values in the order of the variables, None
            # for an unbound one: as s[0], s[1]... but without a Python loop per value
            return QueryResult(columns, [tuple(s) for s in solutions])
        return self._query(sparql, rows, substitutions=substitutions or None)

    def _query(self, sparql: str, read: Any = None, **options: Any) -> Any:
        """Run a query and read its answer with `read`, any failure as one line."""
        self._checked(sparql)
        try:
            # Solutions are computed as they are read (a SERVICE call, an error deep
            # in the data), so reading them belongs inside the try too.
            answer = self.oxigraph.query(sparql, **options)
            return read(answer) if read else answer
        except (OSError, SyntaxError, RuntimeError, ValueError) as error:
            if isinstance(error, OSError) and _CHANGING.search(str(error).lower()):
                raise self._read_failed(error) from None
            raise StoreError(f"{self.location}: query failed: {one_line(error)}") from None

    def ask(self, sparql: str) -> bool:
        return self._query(sparql, bool)

    def construct(self, sparql: str) -> list[pyoxigraph.Triple]:
        return self._query(sparql, list)

    def _read_failed(self, error: OSError) -> StoreError:
        hint = "; a load or removal changed it while it was read: run the command again" \
            if _CHANGING.search(str(error).lower()) else ""
        return StoreError(f"{self.location}: cannot read the store: {one_line(error)}{hint}")

    def quotes(self, element_iris):
        """Quotes by direct index lookups: faster than any query for many elements."""
        store, found = self.oxigraph, {}
        try:
            for iri in set(filter(None, element_iris)):
                element = pyoxigraph.NamedNode(iri)
                for derived in store.quads_for_pattern(element, _DERIVED, None):
                    for selector in store.quads_for_pattern(derived.object, _SELECTOR, None):
                        for exact in store.quads_for_pattern(selector.object, _EXACT, None):
                            found[iri] = exact.object.value
        except OSError as error:
            raise self._read_failed(error) from None
        return found

    def triple_count(self) -> int:
        # kinmap writes nothing to the default graph, so every quad is a review's
        # or a side graph's; len() is faster than any count query
        try:
            every = len(self.oxigraph)
        except OSError as error:
            raise self._read_failed(error) from None
        return every - self.side_triple_count()

    def graph_triples(self, review_id: str) -> list[pyoxigraph.Triple]:
        graph = pyoxigraph.NamedNode(graph_iri(review_id))
        try:
            return [pyoxigraph.Triple(q.subject, q.predicate, q.object)
                    for q in self.oxigraph.quads_for_pattern(None, None, None, graph)]
        except OSError as error:
            raise self._read_failed(error) from None

    def close(self) -> None:
        try:
            if self._store is not None and self._unflushed:
                self._flush()
        finally:
            self._store = None  # dropping the last reference closes RocksDB, frees the lock
            self._end_private()


class MemoryStore(EmbeddedStore):
    """An Oxigraph store in memory, nothing on disk: one review's graph, to query it alone."""

    def __init__(self, quads: Iterable[pyoxigraph.Quad] = ()) -> None:
        self.location = "(in memory)"
        self._store = pyoxigraph.Store()
        self._store.extend(quads)

    def close(self) -> None:
        self._store = None
