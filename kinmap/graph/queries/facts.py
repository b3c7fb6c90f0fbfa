"""What `kinmap stats` and `kinmap reviews` say of one review, worked out when it is loaded.

Counted over the whole store, these take time that grows with it: `len()` of a
store of 25 million quads, a grouped count of every typed element, a summary
query that visits every element of every review. Over one review's quads, at
load, they cost a few milliseconds. So they are kept beside the named queries'
rows in the review's stored answers (`stored.py`), under the same versioned
predicates (`facts-counts`, `facts-summary`), and a store-wide answer adds up
one small JSON value per review. Reviews without current facts (an older
kinmap, another tool writing to a shared server) are counted live, graph by
graph; `kinmap reindex` stores theirs.

The live forms (`Store.live_stats`, `Store.live_summaries`) stay the reference:
tests compare both after load, replace and remove.
"""
from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Iterable

from ...ontology import KM_IRI, graph_iri

if TYPE_CHECKING:
    from pyoxigraph import Quad

    from ..store import ReviewSummary, Store

#: The stored facts, by the name that goes in their predicate.
COUNTS, SUMMARY = "facts-counts", "facts-summary"
FACTS = (COUNTS, SUMMARY)

_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_QUOTE_TYPE = "http://www.w3.org/ns/oa#TextQuoteSelector"
_TITLE = "http://purl.org/dc/terms/title"


def counted_types() -> dict[str, str]:
    """The class IRIs `stats` counts, by the name it shows."""
    from ..store import COUNTED
    types = {KM_IRI + name: name for name in COUNTED}
    types[_QUOTE_TYPE] = "Quote"
    return types


def review_facts(review_id: str, quads: Iterable["Quad"]) -> dict[str, Any]:
    """The counts and summary row of one review, from its quads (others are ignored).

    Counted as the store counts: distinct quads, distinct typed subjects.
    """
    graph = graph_iri(review_id)
    mine = {q for q in quads if q.graph_name.value == graph}
    types = counted_types()
    typed: dict[str, set] = {name: set() for name in types.values()}
    people: set = set()
    describes: list = []
    by_subject: dict[str, list] = {}
    elements_of: dict[Any, set] = {}
    for q in mine:
        p = q.predicate.value
        if p == _TYPE:
            name = types.get(q.object.value)
            if name:
                typed[name].add(q.subject)
            if q.object.value == KM_IRI + "Person":
                people.add(q.subject)
        elif p == KM_IRI + "describes":
            if q.subject.value == graph:
                describes.append(q.object)
        elif p == KM_IRI + "review":
            elements_of.setdefault(q.object, set()).add(q.subject)
        if p in (_TITLE, KM_IRI + "reviewType", KM_IRI + "source", KM_IRI + "sourceFile"):
            by_subject.setdefault(q.subject, []).append((p, q.object))
    counts = {name: len(found) for name, found in typed.items()}
    counts["Triples"] = len(mine)
    summary = None
    if describes:
        review = describes[0]

        def first(subject: Any, predicate: str) -> Any:
            values = sorted((o for p, o in by_subject.get(subject, ()) if p == predicate),
                            key=str)
            return values[0] if values else None

        rtype = first(review, KM_IRI + "reviewType")
        source = first(review, KM_IRI + "source")
        source_file = first(source, KM_IRI + "sourceFile") if source is not None else None
        title = first(review, _TITLE)
        elements = elements_of.get(review, set())
        summary = {"title": title.value if title is not None else None,
                   "type": rtype.value.rsplit("-", 1)[-1] if rtype is not None else None,
                   "source": source_file.value if source_file is not None else None,
                   "people": len(elements & people), "elements": len(elements)}
    return {COUNTS: counts, SUMMARY: summary}


def encode(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def stored_facts(store: "Store", name: str) -> dict[str, Any]:
    """The current stored facts of one kind, by review id; unreadable ones are left out."""
    from .stored import stored_texts
    found: dict[str, Any] = {}
    for review, text in stored_texts(store, name):
        try:
            value = json.loads(text)
        except ValueError:
            continue
        if value is None or isinstance(value, dict):
            found[review] = value
    return found


def stats_over_store(store: "Store") -> dict[str, int]:
    """`stats` of the whole store: the stored counts added up, missing ones counted live."""
    kept = stored_facts(store, COUNTS)
    names = list(counted_types().values()) + ["Triples"]
    reviews = store.review_ids()
    missing = [rid for rid in reviews if not _counts_ok(kept.get(rid), names)]
    totals = dict.fromkeys(names, 0)
    # Only the reviews in the store: another tool may drop a review's graph and leave
    # its stored answers behind.
    for rid in set(reviews).difference(missing):
        for name in names:
            totals[name] += kept[rid][name]
    if missing:
        for name, n in live_counts(store, missing).items():
            totals[name] += n
    return totals


def _counts_ok(counts: Any, names: list[str]) -> bool:
    return isinstance(counts, dict) and all(isinstance(counts.get(n), int) for n in names)


def live_counts(store: "Store", review_ids: list[str]) -> dict[str, int]:
    """`stats` of some reviews only, counted in their graphs by SPARQL."""
    from ..store import PREFIXES, term_value
    types = counted_types()
    totals = dict.fromkeys(list(types.values()) + ["Triples"], 0)
    for start in range(0, len(review_ids), 500):
        graphs = " ".join(f"<{graph_iri(rid)}>" for rid in review_ids[start:start + 500])
        values = " ".join(f"<{iri}>" for iri in types)
        result = store.select(PREFIXES + f"""SELECT ?type (COUNT(?s) AS ?n) WHERE {{
  VALUES ?g {{ {graphs} }} VALUES ?type {{ {values} }} GRAPH ?g {{ ?s a ?type }} }}
GROUP BY ?type""")
        for t, n in result.rows:
            totals[types[term_value(t)]] += term_value(n)
        result = store.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ VALUES ?g {{ {graphs} }} "
                              "GRAPH ?g { ?s ?p ?o } }")
        totals["Triples"] += sum(term_value(n) for (n,) in result.rows)
    return totals


def summaries_over_store(store: "Store") -> list["ReviewSummary"]:
    """`reviews` of the whole store: the stored summary rows, missing ones read live."""
    from ..store import ReviewSummary
    kept = stored_facts(store, SUMMARY)
    ids = store.review_ids()
    missing = [rid for rid in ids if not isinstance(kept.get(rid), dict)]
    out = {rid: ReviewSummary(rid, s["title"], s["type"], s["source"], s["people"],
                              s["elements"])
           for rid, s in kept.items() if isinstance(s, dict) and rid not in missing}
    if missing:
        out.update((s.id, s) for s in store.live_summaries(missing))
    return [out[rid] for rid in sorted(set(out) & set(ids))]
