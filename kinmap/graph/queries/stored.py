"""Each review's query answers, worked out when it is loaded and kept beside it.

Run over every review's graph at once, the named queries take seconds on a
store of 2,000 reviews: Oxigraph joins each pattern across the whole store.
Over one review (its graph bound) they take about a millisecond. So when a
review is loaded, each named query's rows for it (`rows.py`) are worked out on
an in-memory copy of its graph and written, in the same transaction as the
review, to a companion graph `<https://w3id.org/kinmap/answers/{id}>`:

    <answers/{id}> a km:StoredAnswers ; km:answersFor <graph/{id}> ;
        <answers/v/{VERSION}/themes> "{...rows...}"^^rdf:JSON ;   # one per query
        ...

A question over the whole store then reads one value per review with a single
triple pattern, `GRAPH ?a { ?a <answers/v/{VERSION}/themes> ?rows }`, and
folds them (`answers.py`). Each join costs Oxigraph about 7 µs a row on disk,
which is why the query and version are in the predicate, not in triples of
their own.

`VERSION` is a digest of this folder's query files and code, so rows written
by another kinmap never match. Those, unreadable rows, and reviews with none
(written to a shared server by another tool) are worked out live instead, one
review at a time, and `kinmap reindex` stores them again.
"""
from __future__ import annotations

import hashlib
import json
import re
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, Sequence

from pyoxigraph import Literal, NamedNode, Quad

from ...ontology import (ANSWERS_IRI, KM_IRI, answers_graph_iri, graph_iri,
                         review_id_of_answers)
from ..embedded import MemoryStore
from ..store import PREFIXES, Store, insert_data
from .rows import COLUMNS, Rows

if TYPE_CHECKING:
    from . import NamedQuery

RDF_JSON = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#JSON")
_TYPE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_STORED, _FOR = NamedNode(KM_IRI + "StoredAnswers"), NamedNode(KM_IRI + "answersFor")


#: Modules that only read stored rows at query time (folding them, writing them out):
#: what is stored does not depend on them, so changing them keeps stored answers current.
READ_ONLY = ("answers.py", "storewide.py")


def _version() -> str:
    """A digest of the files that decide what the rows are: the queries and their code."""
    digest = hashlib.sha256()
    here = Path(__file__).parent
    for path in sorted(here.glob("*.rq")) + sorted(here.glob("*.py")):
        if path.name not in READ_ONLY:
            digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


VERSION = _version()


def rows_predicate(name: str) -> NamedNode:
    """The predicate of one query's stored rows, for this version of kinmap."""
    return NamedNode(f"{ANSWERS_IRI}v/{VERSION}/{name}")


@lru_cache(maxsize=None)
def used_terms() -> frozenset[str]:
    """Every IRI the query files name, and the path from an element to its quote.

    Only triples with these predicates (and rdf:type triples naming these
    classes) can match a query's patterns: no query has a variable predicate.
    """
    prefixes = dict(re.findall(r"PREFIX (\w+): <([^>]+)>", PREFIXES))
    here = Path(__file__).parent
    text = "\n".join(line for path in here.glob("*.rq")
                     for line in path.read_text(encoding="utf-8").splitlines()
                     if not line.lstrip().startswith("#"))
    names = {prefixes[p] + local for p, local in re.findall(r"\b(\w+):([\w-]+)", text)
             if p in prefixes}
    return frozenset(names | {str(_TYPE.value), "http://www.w3.org/ns/prov#wasDerivedFrom",
                              "http://www.w3.org/ns/oa#hasSelector",
                              "http://www.w3.org/ns/oa#exact"})


def queried(quads: Iterable[Quad]) -> list[Quad]:
    """The quads a named query can match: half of a review, so its copy loads faster."""
    used, rdf_type = used_terms(), _TYPE.value
    return [q for q in quads if (p := q.predicate.value) in used
            and (p != rdf_type or q.object.value in used)]


def encode(rows: Rows) -> str:
    """Rows as compact JSON: the column names once, then one array per row."""
    columns = list(rows[0]) if rows else []
    return json.dumps({"columns": columns, "rows": [[r[c] for c in columns] for r in rows]},
                      ensure_ascii=False, separators=(",", ":"))


def decode(text: str, columns: list[str] | None = None) -> Rows:
    """Rows back from `encode`; ValueError when the text is not what `encode` writes.

    With `columns`, rows with other columns are refused too: rows that do not
    match what the answers expect would stop a query.
    """
    data = json.loads(text)
    names, rows = data["columns"], data["rows"]
    if not isinstance(names, list) or not isinstance(rows, list) or \
            any(not isinstance(row, list) or len(row) != len(names) for row in rows):
        raise ValueError("not stored rows")
    if columns is not None and rows and names != columns:
        raise ValueError("not the columns of this query")
    return [dict(zip(names, row)) for row in rows]


def answer_quads(review_id: str, quads: Sequence[Quad]) -> list[Quad]:
    """The companion graph of one review: every named query's rows for it, and the
    counts and summary row that `stats` and `reviews` add up (`facts.py`)."""
    from . import QUERIES
    from .facts import encode as encode_fact, review_facts

    graph = NamedNode(answers_graph_iri(review_id))
    out = [Quad(graph, _TYPE, _STORED, graph),
           Quad(graph, _FOR, NamedNode(graph_iri(review_id)), graph)]
    with MemoryStore(queried(quads)) as memory:
        for query in QUERIES.values():
            rows = encode(query.collect(memory, review_id))
            out.append(Quad(graph, rows_predicate(query.name), Literal(rows, datatype=RDF_JSON),
                            graph))
            out += _printed_quads(graph, review_id, query.name, rows)
    for name, value in review_facts(review_id, quads).items():
        out.append(Quad(graph, rows_predicate(name), Literal(encode_fact(value),
                                                             datatype=RDF_JSON), graph))
    return out


def _printed_quads(graph: NamedNode, review_id: str, name: str, encoded: str) -> list[Quad]:
    """A listing's text for one review in each format (`fragments.py`), made from its
    rows as stored, so it prints what the rows print; each value names the review."""
    from .fragments import LISTINGS, fragment_name, fragments, named
    if name not in LISTINGS:
        return []
    data = json.loads(encoded)
    if data["rows"] and data["columns"] != COLUMNS[name]:
        return []  # not what the listing prints: it is printed from the rows
    return [Quad(graph, rows_predicate(fragment_name(name, part)),
                 Literal(named(review_id, text)), graph)
            for part, text in fragments(name, data["rows"]).items()]


def stored_texts(store: Store, name: str) -> Iterator[tuple[str, str]]:
    """(review id, text) of every review's current stored value of one query or fact."""
    pattern = f"?a {rows_predicate(name)} ?v"
    result = store.select(f"SELECT ?a ?v WHERE {{ GRAPH ?a {{ {pattern} }} }}")
    for graph, text in result.rows:
        review = review_id_of_answers(graph.value)
        if review:
            yield review, text.value


def stored_rows(store: Store, name: str) -> dict[str, Rows]:
    """The current stored rows of one query, by review id; unreadable ones are left out."""
    found: dict[str, Rows] = {}
    for review, text in stored_texts(store, name):
        try:
            rows = decode(text, COLUMNS.get(name))
        except (ValueError, KeyError, TypeError):
            continue
        found[review] = rows
    return found


def rows_over_store(store: Store, query: "NamedQuery") -> tuple[Rows, list[str]]:
    """One query's rows for every review, in review order, and the reviews read live."""
    stored = stored_rows(store, query.name)
    rows: Rows = []
    live: list[str] = []
    for review in store.review_ids():
        if review in stored:
            rows += stored[review]
        else:
            live.append(review)
            rows += query.collect(store, review)
    return rows, live


def current_reviews(store: Store) -> set[str]:
    """The reviews whose stored answers are all there and of this version."""
    from . import QUERIES
    from .facts import FACTS
    from .fragments import FORMATS, LISTINGS, fragment_name
    current: set[str] | None = None
    printed = [fragment_name(name, part) for name in LISTINGS for part in (*FORMATS, "widths")]
    for name in [*QUERIES, *FACTS, *printed]:
        result = store.select(
            f"SELECT ?a WHERE {{ GRAPH ?a {{ ?a {rows_predicate(name)} ?rows }} }}")
        found = {review_id_of_answers(a.value) for (a,) in result.rows} - {None}
        current = found if current is None else current & found
    return current or set()


def reindex(store: Store, review_ids: Iterable[str] | None = None, *, everything: bool = False,
            progress: Callable[[list, str], Iterable] = lambda items, label: items
            ) -> list[str]:
    """Store the answers again for reviews whose stored answers are missing or out of date.

    With `everything`, for every review (or every one named). Each review's
    answers are replaced in their own update; the reviews themselves are not
    touched. Returns the reviews whose answers were written.
    """
    ids = list(review_ids) if review_ids is not None else store.review_ids()
    if not everything:
        current = current_reviews(store)
        ids = [rid for rid in ids if rid not in current]
    for rid in progress(ids, "storing answers"):
        graph = NamedNode(graph_iri(rid))
        quads = [Quad(t.subject, t.predicate, t.object, graph)
                 for t in store.graph_triples(rid)]
        store.update(f"DROP SILENT GRAPH <{answers_graph_iri(rid)}> ;\n"
                     + insert_data(answer_quads(rid, quads)))
    return ids
