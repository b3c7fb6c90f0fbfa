"""The store: where reviews live as named graphs, behind one interface for two engines.

`open_store(location)` gives the embedded store (a folder on disk, Oxigraph) or
a remote SPARQL 1.1 server (an http(s) URL). Both speak SPARQL, so the logic is
here once: loading replaces each review's named graph in a single update (one
transaction: all of it or nothing), reading back goes through the mapping.
"""
from __future__ import annotations

import os
import re
from abc import ABC, abstractmethod
from dataclasses import dataclass
from pathlib import Path
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Sequence

from pyoxigraph import BlankNode, Literal, NamedNode, Quad, Triple

from ..errors import KinmapError, ReviewIdTaken, StoreError
from ..ontology import (GRAPH_IRI, KM_IRI, KMV_IRI, answers_graph_iri, graph_iri,
                        review_id_of_graph)
from .federation import refuse_service

if TYPE_CHECKING:
    from ..ingest import PreparedFile
    from ..model import CaseMap

ENV_STORE = "KINMAP_STORE"
SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]*$")

#: The graph of people an analyst identified as the same across reviews (identity.py).
LINKS_GRAPH = "https://w3id.org/kinmap/links"
#: The graph of store-wide answers the writer keeps (kept.py).
KEPT_GRAPH = "https://w3id.org/kinmap/store-answers"

PREFIXES = f"""PREFIX km: <{KM_IRI}>
PREFIX kmv: <{KMV_IRI}>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""

#: What `stats` counts: the classes of the ontology a reviewer cares about.
COUNTED = ("Review", "Person", "SubjectChild", "Relationship", "Household", "Agency",
           "Involvement", "Meeting", "Decision", "Event", "InformationSharing", "Finding",
           "Recommendation")


def default_location() -> str:
    """$KINMAP_STORE, else $XDG_DATA_HOME/kinmap/store, else ~/.local/share/kinmap/store."""
    if os.environ.get(ENV_STORE):
        return os.environ[ENV_STORE]
    data = os.environ.get("XDG_DATA_HOME") or os.path.join(Path.home(), ".local", "share")
    return os.path.join(data, "kinmap", "store")


@dataclass(frozen=True)
class ReviewSummary:
    """One line of `kinmap reviews`."""

    id: str
    title: str | None
    type: str | None
    source: str | None
    people: int
    elements: int


@dataclass
class QueryResult:
    """Rows of a SELECT query: column names and pyoxigraph terms (None when unbound)."""

    columns: list[str]
    rows: list[tuple[Any, ...]]

    def values(self) -> list[tuple[Any, ...]]:
        """The rows with literals as Python values and IRIs as strings."""
        return [tuple(term_value(t) for t in row) for row in self.rows]


def term_value(term: Any) -> Any:
    """A plain Python value for a term: str for IRIs and text, int, float, bool."""
    if term is None:
        return None
    if isinstance(term, Literal):
        convert = _literal_converter(term.datatype.value)
        return term.value if convert is None else convert(term.value)
    return term.value if hasattr(term, "value") else str(term)


@lru_cache(maxsize=64)
def _literal_converter(datatype: str) -> Callable[[str], Any] | None:
    """How term_value reads a literal of this datatype (None: as its text). Decided once
    per datatype, not for each of the 15,000 values a review's stored answers read."""
    if datatype.endswith(("#integer", "#long", "#int")):
        return int
    if datatype.endswith(("#double", "#decimal", "#float")):
        return float
    if datatype.endswith("#boolean"):
        return _boolean
    return None


def _boolean(text: str) -> bool:
    return text in ("true", "1")


def one_line(reason: object) -> str:
    """An engine's or server's error as one short line: its first line, not what follows
    (a server's HTML page, a payload)."""
    lines = [line.strip() for line in str(reason).splitlines() if line.strip()]
    text = lines[0] if lines else type(reason).__name__
    text = text.removesuffix(" with payload:").rstrip(":")
    return text if len(text) <= 200 else text[:197] + "..."


def sparql_term(term: Any) -> str:
    """A term as SPARQL/N-Triples text (pyoxigraph terms print that way)."""
    return str(term)


class Store(ABC):
    """Reviews as named graphs: load, list, read back, remove, query."""

    location: str
    #: Whether queries may call remote services (SERVICE); only `kinmap sparql
    #: --allow-service` sets it. Every engine refuses them otherwise (federation.py).
    allow_service: bool = False

    # -- what each engine provides -----------------------------------------

    @abstractmethod
    def update(self, sparql: str) -> None:
        """Run a SPARQL 1.1 update as one transaction."""

    @abstractmethod
    def select(self, sparql: str, bindings: dict[str, Any] | None = None) -> QueryResult:
        """Run a SELECT query; `bindings` fix variables to terms (never pasted as text)."""

    @abstractmethod
    def ask(self, sparql: str) -> bool:
        """Run an ASK query."""

    @abstractmethod
    def construct(self, sparql: str) -> list[Triple]:
        """Run a CONSTRUCT or DESCRIBE query."""

    @abstractmethod
    def graph_triples(self, review_id: str) -> list[Triple]:
        """Every triple of one review's named graph."""

    @abstractmethod
    def close(self) -> None:
        """Let go of the store (the embedded one holds a lock on its folder)."""

    def _checked(self, sparql: str) -> str:
        """The query, if it may run here: no SERVICE clause unless allowed."""
        if not self.allow_service:
            refuse_service(sparql)
        return sparql

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- shared logic ------------------------------------------------------

    def load(self, casemaps: Sequence[CaseMap]) -> list[tuple[str, bool]]:
        """Put reviews in the store, each replacing any earlier copy, all in one transaction.

        An earlier review of that id drafted from another document is not a copy:
        then nothing is written and ReviewIdTaken is raised (`refuse_taken`).

        Returns (review id, replaced an earlier copy) per review. If anything
        fails, nothing is written.
        """
        if not casemaps:
            return []
        return self._write(casemaps, prepare(casemaps))

    def load_each(self, batches: Sequence[Sequence[CaseMap]]
                  ) -> Iterator[list[tuple[str, bool]] | KinmapError]:
        """Load batches in order, each in its own transaction, as `load` would.

        Yields what `load` returns for each batch, or the error that stopped
        it (that batch changed nothing). The next batch's quads and stored
        answers are worked out in a second thread while this one is written:
        the store's writes release the GIL, so on two cores a bulk load takes
        about a quarter less time (benchmarks/README.md).
        """
        if not batches:
            return
        # imported here: with the logging it pulls in, 5-10 ms of every command's start
        from concurrent.futures import ThreadPoolExecutor
        with ThreadPoolExecutor(max_workers=1) as pool:
            pending = pool.submit(prepare, batches[0])
            for i, batch in enumerate(batches):
                done = pending
                if i + 1 < len(batches):
                    pending = pool.submit(prepare, batches[i + 1])
                try:
                    yield self._write(batch, done.result())
                except KinmapError as error:
                    yield error

    def write_prepared(self, review_ids: Sequence[str], nquads: bytes,
                       sources: Sequence[str | None] = ()) -> list[tuple[str, bool]]:
        """Load one file prepared by a worker (ingest.prepare_file), as `load` would:
        its reviews' quads and stored answers as N-Quads, in one transaction.
        `sources` are the reviews' source documents (see `refuse_taken`)."""
        from pyoxigraph import RdfFormat, parse
        existing = self.present(review_ids)
        self.refuse_taken(review_ids, sources, existing)
        quads = list(parse(nquads, format=RdfFormat.N_QUADS))  # blank node labels kept
        self._put(review_ids, quads, existing)
        return [(rid, rid in existing) for rid in review_ids]

    #: A load gathers the files of reviews new to the store until they hold this many
    #: quads, and writes them in one step (`write_new`); 0: this store writes each file
    #: alone.
    gather_quads = 0

    def write_new(self, files: Sequence[PreparedFile]) -> None:
        """Write files prepared by workers whose reviews are none of them in the store
        (`present`), together: all of them or none (a store with `gather_quads`)."""
        raise NotImplementedError

    def _write(self, casemaps: Sequence[CaseMap], quads: list[Quad]) -> list[tuple[str, bool]]:
        ids = [cm.review.id for cm in casemaps]
        existing = self.present(ids)
        self.refuse_taken(ids, [cm.review.source_file for cm in casemaps], existing)
        self._put(ids, quads, existing)
        return [(rid, rid in existing) for rid in ids]

    def refuse_taken(self, review_ids: Sequence[str], sources: Sequence[str | None],
                     existing: set[str]) -> None:
        """Raise ReviewIdTaken when a review would replace one drafted from another document.

        Loading a review whose id is in the store replaces it: a corrected draft of the
        same document, as the reviewer means. But partnerships name their children
        alike, and two documents' reviews can share an id; replacing would silently
        lose one. So when both the stored review and the new one name their source
        document and the names differ, nothing is loaded. Reviews without a source
        (hand-made case maps) are replaced as before.
        """
        new = {rid: src for rid, src in zip(review_ids, sources) if rid in existing and src}
        if not new:
            return
        stored = self.source_files(list(new))
        for rid, src in new.items():
            old = stored.get(rid)
            if old and _file_name(old) != _file_name(src):
                raise ReviewIdTaken(
                    f"review '{rid}' is already in the store, drafted from another document "
                    f"({_file_name(old)}): nothing of this file was loaded; give one of them "
                    f"its own id (review: id: in its case map, e.g. from `kinmap extract`), "
                    f"or `kinmap remove {rid}` first")

    def source_files(self, review_ids: Sequence[str]) -> dict[str, str]:
        """The source document each of these stored reviews names, where it names one."""
        review_ids = [rid for rid in review_ids if SLUG.match(rid)]
        if not review_ids:
            return {}
        values = " ".join(f"<{graph_iri(rid)}>" for rid in review_ids)
        result = self.select(f"{PREFIXES}SELECT ?g ?file WHERE {{ VALUES ?g {{ {values} }} "
                             "GRAPH ?g { ?g km:describes ?review . "
                             "?review km:source/km:sourceFile ?file } }")
        return {review_id_of_graph(term_value(g)): term_value(f) for g, f in result.rows}

    def _put(self, review_ids: Sequence[str], quads: list[Quad], existing: set[str]) -> None:
        """Drop the reviews' graphs and insert them anew, in one transaction."""
        self.update(drop_graphs(review_ids) + insert_data(quads))

    def present(self, review_ids: Sequence[str]) -> set[str]:
        """Which of these reviews are in the store (without listing the whole store)."""
        # Only a slug can name a review; anything else never reaches the query text.
        review_ids = [rid for rid in review_ids if SLUG.match(rid)]
        if not review_ids:
            return set()
        values = " ".join(f"<{graph_iri(rid)}>" for rid in review_ids)
        result = self.select(f"SELECT ?g WHERE {{ VALUES ?g {{ {values} }} "
                             "GRAPH ?g { ?g ?p ?o } }")
        return {review_id_of_graph(term_value(g)) for (g,) in result.rows}

    def remove(self, review_id: str) -> bool:
        """Drop one review; False when it was not there."""
        if not self.present([review_id]):
            return False
        self.update(drop_graphs([review_id]))
        return True

    def review_ids(self) -> list[str]:
        """The ids of the reviews in the store, sorted."""
        result = self.select(PREFIXES + "SELECT ?g WHERE { GRAPH ?g { ?g km:describes ?r } }")
        ids = (review_id_of_graph(term_value(g)) for (g,) in result.rows)
        return sorted(i for i in ids if i)

    def casemap(self, review_id: str) -> CaseMap:
        """One review read back from the store."""
        from .mapping import casemaps_from_triples  # rdflib's namespaces: not for queries
        found = casemaps_from_triples(self.graph_triples(review_id))
        if not found:
            raise StoreError(f"no review {review_id!r} in the store {self.location}; "
                             "`kinmap reviews` lists the ones there")
        return found[0]

    def casemaps(self, review_ids: Iterable[str] | None = None) -> Iterator[CaseMap]:
        """Reviews read back from the store (all of them by default), in id order."""
        for rid in (self.review_ids() if review_ids is None else review_ids):
            yield self.casemap(rid)

    def quads(self, review_id: str | None = None) -> Iterator[Quad]:
        """The quads of one review or of every review."""
        for rid in ([review_id] if review_id else self.review_ids()):
            graph = NamedNode(graph_iri(rid))
            for t in self.graph_triples(rid):
                yield Quad(t.subject, t.predicate, t.object, graph)

    def quotes(self, element_iris: Iterable[str]) -> dict[str, str]:
        """The quote of each element that has one, looked up by IRI in batches.

        Named queries attach quotes this way: as an OPTIONAL over the whole
        store, the same lookup cost seconds on Oxigraph.
        """
        wanted = sorted({iri for iri in element_iris if iri})
        found: dict[str, str] = {}
        for start in range(0, len(wanted), 500):
            values = " ".join(str(NamedNode(iri)) for iri in wanted[start:start + 500])
            result = self.select(PREFIXES + f"""SELECT ?e ?quote WHERE {{
  VALUES ?e {{ {values} }}
  GRAPH ?g {{ ?e prov:wasDerivedFrom ?q . ?q oa:hasSelector ?s . ?s oa:exact ?quote }} }}""")
            found.update((e.value, q.value) for e, q in result.rows)
        return found

    def summaries(self) -> list[ReviewSummary]:
        """What `kinmap reviews` shows: id, title, type, source and counts.

        Read from each review's stored facts (queries/facts.py), so the time does
        not grow with the size of the reviews; reviews without them are read live.
        The writer keeps the whole list (kept.py): then it is one value.
        """
        from .kept import kept_rows
        kept = kept_rows(self, "reviews")
        if kept is not None:
            return [ReviewSummary(rid, title, rtype, source, people, elements)
                    for rid, rtype, people, elements, source, title in kept[1]]
        from .queries.facts import summaries_over_store
        return summaries_over_store(self)

    def stats(self) -> dict[str, int]:
        """How many reviews, people, agencies, ... and quotes the store holds.

        Each review's counts are stored when it is loaded (queries/facts.py);
        reviews without them are counted live. The writer keeps the totals (kept.py).
        """
        from .kept import kept_rows
        kept = kept_rows(self, "stats")
        if kept is not None:
            return dict(kept[1])
        from .queries.facts import stats_over_store
        return stats_over_store(self)

    def live_summaries(self, review_ids: Sequence[str] | None = None) -> list[ReviewSummary]:
        """`summaries` worked out by SPARQL over the reviews' graphs (these ones only, if given)."""
        only = "" if review_ids is None else "VALUES ?g { " + " ".join(
            f"<{graph_iri(rid)}>" for rid in review_ids if SLUG.match(rid)) + " }"
        result = self.select(PREFIXES + f"""
SELECT ?g ?title ?type ?file (COUNT(DISTINCT ?person) AS ?people)
       (COUNT(DISTINCT ?element) AS ?elements)
WHERE {{ {only}
  GRAPH ?g {{
    ?g km:describes ?review .
    OPTIONAL {{ ?review dcterms:title ?title }}
    OPTIONAL {{ ?review km:reviewType ?type }}
    OPTIONAL {{ ?review km:source/km:sourceFile ?file }}
    OPTIONAL {{ ?element km:review ?review .
               OPTIONAL {{ ?element a km:Person . BIND(?element AS ?person) }} }}
  }}
  FILTER(STRSTARTS(STR(?g), "{GRAPH_IRI}"))
}}
GROUP BY ?g ?title ?type ?file ORDER BY ?g""")
        out = []
        for g, title, rtype, source, people, elements in result.rows:
            out.append(ReviewSummary(review_id_of_graph(g.value) or g.value, term_value(title),
                                     term_value(rtype).rsplit("-", 1)[-1] if rtype else None,
                                     term_value(source), term_value(people),
                                     term_value(elements)))
        return out

    def live_stats(self) -> dict[str, int]:
        """`stats` counted by SPARQL over the whole store: the reference `stats` must equal."""
        result = self.select(count_by_type_query())
        by_type = {term_value(t): term_value(n) for t, n in result.rows}
        counts = {name: by_type.get(KM_IRI + name, 0) for name in COUNTED}
        counts["Quote"] = by_type.get("http://www.w3.org/ns/oa#TextQuoteSelector", 0)
        counts["Triples"] = self.triple_count()
        return counts

    def triple_count(self) -> int:
        """How many triples the reviews' named graphs hold together.

        Counted graph by graph, keeping kinmap's review graphs only: a shared
        server holds other graphs too (Virtuoso keeps its own system graphs).
        """
        result = self.select("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } "
                             "GROUP BY ?g")
        return sum(term_value(n) for g, n in result.rows
                   if review_id_of_graph(term_value(g)))

    def side_triple_count(self) -> int:
        """Triples of kinmap's graphs that hold no review: stored answers (each review's
        and the store-wide ones kept by the writer), identity links."""
        result = self.select(PREFIXES + f"""SELECT (COUNT(*) AS ?n) WHERE {{
  {{ GRAPH ?a {{ ?a km:answersFor ?g . ?a ?p ?o }} }}
  UNION {{ GRAPH <{LINKS_GRAPH}> {{ ?s ?p ?o }} }}
  UNION {{ GRAPH <{KEPT_GRAPH}> {{ ?s ?p ?o }} }} }}""")
        return term_value(result.rows[0][0]) if result.rows else 0


def count_by_type_query() -> str:
    """The store-wide count `stats` sends: elements of each counted class, and quotes.

    Naming the classes (VALUES) rather than grouping every rdf:type triple took
    the count over 2,000 reviews from 103 to 84 ms on Oxigraph.
    """
    types = " ".join(f"km:{name}" for name in COUNTED) + " oa:TextQuoteSelector"
    return PREFIXES + f"""SELECT ?type (COUNT(?s) AS ?n) WHERE {{
  VALUES ?type {{ {types} }} GRAPH ?g {{ ?s a ?type }} }} GROUP BY ?type"""


def review_quads(casemap: CaseMap, position: int = 0) -> list[Quad]:
    """A review's quads, and beside them its named queries' stored answers.

    Agencies the case map gives no service get the one their label names, where
    the gazetteer is sure, recorded as inferred (km:inferredService).
    """
    from ..loaders.extract.services import infer_services
    from .mapping import casemap_to_quads
    from .queries.stored import answer_quads
    quads = casemap_to_quads(infer_services(casemap), position)
    return quads + answer_quads(casemap.review.id, quads)


#: Statements per operation of an insert: Virtuoso's SPARQL compiler gives up on an
#: operation of a few thousand (SP030 "memory exhausted", SP031 "generated SQL text
#: has exceeded 10000 lines"), but takes any number of operations in one request.
CHUNK = 1000


def insert_data(quads: Sequence[Quad]) -> str:
    """An update that inserts quads: operations of at most CHUNK statements, in one request.

    Quads without blank nodes go in INSERT DATA operations, graph by graph. Quads
    with blank nodes (the cells of an ordered list) go in `INSERT { ... } WHERE {}`
    operations, each holding whole lists of one graph (a blank node's label means
    one node only within its operation): SPARQL 1.1 allows blank nodes in INSERT DATA, but
    Virtuoso refuses them there ("not allowed in a constant clause"). Every SPARQL
    1.1 server takes both forms, and several operations in one request.
    """
    plain: list[Quad] = []
    linked: dict[str, list[Quad]] = {}   # quads by the first blank node of their list
    root: dict[str, str] = {}

    def find(label: str) -> str:
        while root.setdefault(label, label) != label:
            label = root[label]
        return label

    for q in quads:
        blanks = [t.value for t in (q.subject, q.object) if isinstance(t, BlankNode)]
        if not blanks:
            plain.append(q)
            continue
        first = find(blanks[0])
        for other in blanks[1:]:
            other = find(other)
            if other != first:
                root[other] = first
                linked.setdefault(first, []).extend(linked.pop(other, []))
        linked.setdefault(first, []).append(q)
    operations = [f"INSERT DATA {{\n{_graphs(plain[start:start + CHUNK])}}}"
                  for start in range(0, len(plain), CHUNK)]
    operations += [f"INSERT {{\n{_graphs(chunk)}}} WHERE {{}}"
                   for chunk in _whole_groups(list(linked.values()))]
    return " ;\n".join(operations) or "INSERT DATA {}"


def _whole_groups(groups: list[list[Quad]]) -> Iterator[list[Quad]]:
    """Groups of quads packed in runs of about CHUNK, never splitting a group, one graph
    a run (Virtuoso fails on a template of several graphs: SR002 string_output_string)."""
    run: list[Quad] = []
    for group in sorted(groups, key=lambda g: str(g[0].graph_name)):
        if run and (len(run) + len(group) > CHUNK or run[0].graph_name != group[0].graph_name):
            yield run
            run = []
        run.extend(group)
    if run:
        yield run


def _graphs(quads: Sequence[Quad]) -> str:
    """Quads as GRAPH blocks of N-Triples statements."""
    by_graph: dict[str, list[str]] = {}
    for q in quads:
        by_graph.setdefault(str(q.graph_name), []).append(f"{q.subject} {q.predicate} {q.object}")
    return "".join(f"GRAPH {graph} {{\n" + " .\n".join(lines) + " .\n}\n"
                   for graph, lines in by_graph.items())


def prepare(casemaps: Sequence[CaseMap]) -> list[Quad]:
    """The quads that loading these reviews writes: their graphs and stored answers."""
    return [q for position, cm in enumerate(casemaps) for q in review_quads(cm, position)]


def _file_name(path: str) -> str:
    """A document's file name, whichever system's separators its path was written with."""
    return re.split(r"[\\/]", path)[-1]


def drop_graphs(review_ids: Sequence[str]) -> str:
    """The start of an update that removes reviews' graphs and stored answers, if there."""
    return "".join(f"DROP SILENT GRAPH <{graph_iri(rid)}> ;\n"
                   f"DROP SILENT GRAPH <{answers_graph_iri(rid)}> ;\n" for rid in review_ids)


def replace_graphs_update(casemaps: Sequence[CaseMap]) -> str:
    """One SPARQL update that drops and re-inserts each review's graph and stored answers."""
    return drop_graphs([cm.review.id for cm in casemaps]) + insert_data(prepare(casemaps))


#: A location that names a scheme (http://, HTTPS://, ftp://...): a URL, never a folder.
URL_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*)://")


def open_store(location: str | None = None, *, create: bool = True,
               read_only: bool = False, timeout: float | None = None,
               profile: str | None = None, query_url: str | None = None,
               update_url: str | None = None) -> Store:
    """The store at a folder (embedded) or an http(s) URL (remote SPARQL 1.1 server).

    `read_only` opens the embedded store without the writer's lock, for commands
    that only read (embedded.py says what such a reader sees during a load);
    `timeout` is the seconds a remote server has to answer; `profile`, `query_url`
    and `update_url` say where its endpoints are (remote.py).
    """
    location = location or default_location()
    scheme = URL_SCHEME.match(location)
    if scheme:
        from .remote import RemoteStore
        return RemoteStore(checked_url(location, scheme.group(1)), timeout=timeout,
                           profile=profile,
                           query_url=query_url and checked_url(query_url, _scheme(query_url)),
                           update_url=update_url and checked_url(update_url,
                                                                 _scheme(update_url)))
    from .embedded import EmbeddedStore
    return EmbeddedStore(location, create=create, read_only=read_only)


def _scheme(url: str) -> str:
    found = URL_SCHEME.match(url)
    if not found:
        raise StoreError(f"{url!r}: an endpoint is an http:// or https:// URL")
    return found.group(1)


def checked_url(location: str, scheme: str) -> str:
    """An http(s) store URL with its scheme in lower case; StoreError for a broken one."""
    from urllib.parse import urlsplit
    if scheme.lower() not in ("http", "https"):
        raise StoreError(f"--store {location!r}: kinmap speaks to SPARQL servers over "
                         "http:// or https:// only; give such a URL, or a folder")
    url = scheme.lower() + location[len(scheme):]
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - parsing the port is the check
    except ValueError as error:
        raise StoreError(f"--store {location!r}: not a valid URL ({error}); write it as "
                         "http://host:port/path, an IPv6 host in brackets") from None
    if not parts.hostname or any(c.isspace() for c in url):
        raise StoreError(f"--store {location!r}: not a valid URL; write it as "
                         "http://host:port/path")
    return url
