"""RDF serialisations of reviews: Turtle, TriG, N-Triples, N-Quads and JSON-LD.

Oxigraph writes the line formats and Turtle/TriG fast; JSON-LD is written by
rdflib so that it can be compacted with kinmap's own context, shipped inline:
a context given as a URL would need the network to read the file back.
"""
from __future__ import annotations

import json
from typing import IO, Iterable, Sequence

import pyoxigraph

from ..model import CaseMap
from ..ontology import CONTEXT_FILE
from ..graph.mapping import casemap_to_quads

CONTEXT: dict = json.loads(CONTEXT_FILE.read_text(encoding="utf-8"))["@context"]
PREFIXES = {k: v for k, v in CONTEXT.items() if k not in ("review", "graph")}


def quads_of(casemaps: Sequence[CaseMap]) -> list[pyoxigraph.Quad]:
    """The quads of several reviews, each in its named graph."""
    return [q for i, cm in enumerate(casemaps) for q in casemap_to_quads(cm, i)]


def _triples(casemaps: Sequence[CaseMap]) -> list[pyoxigraph.Triple]:
    return [pyoxigraph.Triple(q.subject, q.predicate, q.object) for q in quads_of(casemaps)]


def write_turtle(casemaps: Sequence[CaseMap], out: IO[bytes]) -> None:
    """Turtle: the triples of every review in one graph (reviews stay apart by km:review)."""
    pyoxigraph.serialize(_triples(casemaps), out, pyoxigraph.RdfFormat.TURTLE,
                         prefixes=PREFIXES)


def write_trig(casemaps: Sequence[CaseMap], out: IO[bytes]) -> None:
    """TriG: one named graph per review."""
    pyoxigraph.serialize(quads_of(casemaps), out, pyoxigraph.RdfFormat.TRIG,
                         prefixes=PREFIXES)


def write_ntriples(casemaps: Iterable[CaseMap], out: IO[bytes]) -> None:
    """N-Triples, one triple a line.

    Written review by review as the case maps come (a line format needs nothing
    of the others), so a whole store streams in the memory of one review.
    """
    for i, cm in enumerate(casemaps):
        triples = [pyoxigraph.Triple(q.subject, q.predicate, q.object)
                   for q in casemap_to_quads(cm, i)]
        pyoxigraph.serialize(triples, out, pyoxigraph.RdfFormat.N_TRIPLES)


def write_nquads(casemaps: Iterable[CaseMap], out: IO[bytes]) -> None:
    """N-Quads, one quad a line, the review's graph fourth; streamed review by review."""
    for i, cm in enumerate(casemaps):
        pyoxigraph.serialize(casemap_to_quads(cm, i), out, pyoxigraph.RdfFormat.N_QUADS)


def write_jsonld(casemaps: Sequence[CaseMap], out: IO[bytes]) -> None:
    """JSON-LD compacted with kinmap's context, given inline (works offline)."""
    from rdflib import Dataset

    dataset = Dataset()
    nquads = pyoxigraph.serialize(quads_of(casemaps), format=pyoxigraph.RdfFormat.N_QUADS)
    dataset.parse(data=nquads.decode("utf-8"), format="nquads")
    text = dataset.serialize(format="json-ld", context=CONTEXT, indent=1)
    document = canonical_json(json.loads(text))
    out.write(json.dumps(document, indent=1, sort_keys=True, ensure_ascii=False).encode("utf-8"))
    out.write(b"\n")


def canonical_json(node):
    """The same JSON-LD with every unordered array sorted, so two exports are byte-identical.

    rdflib lists nodes and values in its store's hash order, which changes from one
    run to the next. In JSON-LD every array is a set except an `@list` (and
    `@context`, whose order matters), so sorting the others changes no meaning.
    """
    if isinstance(node, dict):
        return {key: _ordered_list(value) if key == "@list"
                else value if key == "@context"
                else canonical_json(value) for key, value in node.items()}
    if isinstance(node, list):
        items = [canonical_json(item) for item in node]
        return sorted(items, key=lambda item: json.dumps(item, sort_keys=True,
                                                         ensure_ascii=False))
    return node


def _ordered_list(value):
    """An `@list`: its items made canonical, its order kept."""
    return [canonical_json(v) for v in value] if isinstance(value, list) \
        else canonical_json(value)
