"""The embedded store: Oxigraph (pyoxigraph) in a folder on disk; no server to start.

Oxigraph was chosen by measurement (benchmarks/README.md): on 2,000 synthetic
reviews it loads and counts far faster than rdflib's memory store saved as TriG,
and each SPARQL update is one transaction, so a failed load changes nothing.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable

import pyoxigraph

from ..errors import StoreError
from ..ontology import graph_iri
from .store import QueryResult, Store


_DERIVED = pyoxigraph.NamedNode("http://www.w3.org/ns/prov#wasDerivedFrom")
_SELECTOR = pyoxigraph.NamedNode("http://www.w3.org/ns/oa#hasSelector")
_EXACT = pyoxigraph.NamedNode("http://www.w3.org/ns/oa#exact")


#: Quads written between two flushes to disk. After a bulk load of 2,000 reviews
#: (2.3 million quads, loaded without a flush), the flush on closing hung for good in
#: RocksDB's WaitForFlushMemTables with every thread idle, whether the load ran in one
#: thread or two (pyoxigraph 0.5.13; reproduced three times). Flushing every 250,000
#: quads never hung, costs about 1 s each, and leaves little for the final flush.
FLUSH_EVERY = 250_000


class EmbeddedStore(Store):
    """A persistent Oxigraph store in `location` (a folder, made on first use)."""

    _unflushed = 0

    def __init__(self, location: str | Path, *, create: bool = True) -> None:
        self.location = str(location)
        path = Path(location)
        if path.exists() and not path.is_dir():
            raise StoreError(f"{self.location}: is a file, not a store folder; give "
                             "--store a folder (it is made if missing)")
        if not path.exists() and not create:
            raise StoreError(f"{self.location}: no store here yet; `kinmap load` makes one")
        try:
            self._store: pyoxigraph.Store | None = pyoxigraph.Store(str(path))
        except OSError as error:
            hint = "another kinmap is using it; wait for it to finish" if "lock" in \
                str(error).lower() else "check the folder's permissions"
            raise StoreError(f"{self.location}: cannot open the store ({hint})") from None

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
            raise StoreError(f"{self.location}: update failed: {error}") from None
        # Counted by size, about 100 bytes a quad in N-Triples, so that many updates
        # in a row (replacing reviews, reindex, a script) are flushed as they go too.
        self._wrote(max(1, len(sparql) // 100))

    def _put(self, review_ids, quads, existing) -> None:
        if existing:
            super()._put(review_ids, quads, existing)  # an update, counted there
            return
        # Nothing to drop: a transactional extend is the same change, and faster
        # than parsing an INSERT DATA update (about 10% of a bulk load).
        try:
            self.oxigraph.extend(quads)
        except (OSError, RuntimeError) as error:
            raise StoreError(f"{self.location}: load failed: {error}") from None
        self._wrote(len(quads))

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
        solutions = self._query(sparql, substitutions=substitutions or None)
        columns = [v.value for v in solutions.variables]
        return QueryResult(columns, [tuple(s[i] for i in range(len(columns)))
                                     for s in solutions])

    def _query(self, sparql: str, **options: Any) -> Any:
        try:
            return self.oxigraph.query(sparql, **options)
        except (OSError, SyntaxError, RuntimeError) as error:
            raise StoreError(f"{self.location}: query failed: {error}") from None

    def ask(self, sparql: str) -> bool:
        return bool(self._query(sparql))

    def construct(self, sparql: str) -> list[pyoxigraph.Triple]:
        return list(self._query(sparql))

    def quotes(self, element_iris):
        """Quotes by direct index lookups: faster than any query for many elements."""
        store, found = self.oxigraph, {}
        for iri in set(filter(None, element_iris)):
            element = pyoxigraph.NamedNode(iri)
            for derived in store.quads_for_pattern(element, _DERIVED, None):
                for selector in store.quads_for_pattern(derived.object, _SELECTOR, None):
                    for exact in store.quads_for_pattern(selector.object, _EXACT, None):
                        found[iri] = exact.object.value
        return found

    def triple_count(self) -> int:
        # kinmap writes nothing to the default graph, so every quad is a review's
        # or a side graph's; len() is faster than any count query
        return len(self.oxigraph) - self.side_triple_count()

    def graph_triples(self, review_id: str) -> list[pyoxigraph.Triple]:
        graph = pyoxigraph.NamedNode(graph_iri(review_id))
        return [pyoxigraph.Triple(q.subject, q.predicate, q.object)
                for q in self.oxigraph.quads_for_pattern(None, None, None, graph)]

    def close(self) -> None:
        if self._store is not None and self._unflushed:
            self._flush()
        self._store = None  # dropping the last reference closes RocksDB and frees the lock


class MemoryStore(EmbeddedStore):
    """An Oxigraph store in memory, nothing on disk: one review's graph, to query it alone."""

    def __init__(self, quads: Iterable[pyoxigraph.Quad] = ()) -> None:
        self.location = "(in memory)"
        self._store = pyoxigraph.Store()
        self._store.extend(quads)

    def close(self) -> None:
        self._store = None
