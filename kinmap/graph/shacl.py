"""SHACL validation of reviews against ontology/shapes.ttl, one review at a time.

pyshacl runs with inference off: on 51k triples RDFS inference took 11 s where
plain validation took 0.7 s, and the shapes need none (types are explicit).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

import pyoxigraph

from ..model import CaseMap
from ..ontology import DATA_IRI, KM, KMV_IRI, ONTOLOGY_FILE, SHAPES_FILE
from .mapping import casemap_to_triples


@dataclass(frozen=True)
class Violation:
    """One SHACL result: which review, which node, which property, what message."""

    review: str
    focus: str
    path: str | None
    message: str

    def __str__(self) -> str:
        where = f"{self.focus} {self.path}" if self.path else self.focus
        return f"review '{self.review}': SHACL: {where}: {self.message}"


@lru_cache(maxsize=1)
def _shapes():
    from rdflib import Graph
    return Graph().parse(SHAPES_FILE, format="turtle")


@lru_cache(maxsize=1)
def _concepts() -> str:
    """The SKOS concepts of the ontology as N-Triples: what the scheme checks look up."""
    from rdflib import Graph
    from rdflib.namespace import SKOS
    ontology = Graph().parse(ONTOLOGY_FILE, format="turtle")
    concepts = Graph()
    for triple in ontology:
        if triple[1] in (SKOS.inScheme,) or str(triple[2]).startswith(str(KM._NS)) \
                and str(triple[0]).startswith(KMV_IRI) or triple[1] == SKOS.broadMatch \
                and str(triple[2]).startswith(KMV_IRI):  # a service's kind
            concepts.add(triple)
    return concepts.serialize(format="nt")


def _rdflib_graph(triples: Iterable[pyoxigraph.Triple]):
    """The review's triples plus the concepts, as one rdflib graph for pyshacl.

    pyshacl mixes `ont_graph` in only when it infers, and inference is off.
    """
    from rdflib import Graph
    data = pyoxigraph.serialize(list(triples), format=pyoxigraph.RdfFormat.N_TRIPLES)
    return Graph().parse(data=data.decode("utf-8") + _concepts(), format="nt")


def _short(iri: str) -> str:
    for prefix, base in (("km:", str(KM._NS)), ("", DATA_IRI), ("kmv:", KMV_IRI)):
        if iri.startswith(base):
            return prefix + iri[len(base):]
    return iri


def validate_triples(review_id: str, triples: Iterable[pyoxigraph.Triple]) -> list[Violation]:
    """The SHACL violations of one review's triples (empty when it conforms)."""
    from pyshacl import validate
    from rdflib import URIRef
    from rdflib.namespace import SH

    conforms, report, _ = validate(_rdflib_graph(triples), shacl_graph=_shapes(),
                                   inference="none", advanced=False, allow_warnings=True)
    if conforms:
        return []
    found = []
    nested = set(report.objects(None, SH.detail))  # details repeat their parent result
    for result in report.subjects(URIRef(str(SH.resultSeverity)), None):
        if result in nested:
            continue
        focus = report.value(result, SH.focusNode)
        path = report.value(result, SH.resultPath)
        message = report.value(result, SH.resultMessage)
        value = report.value(result, SH.value)
        text = str(message) if message else "breaks a shape"
        if value is not None and "conform to Shape" in text:
            text = f"{_short(str(value))} is not an allowed value here"
        found.append(Violation(review_id, _short(str(focus)),
                               _short(str(path)) if path else None, text))
    return sorted(found, key=lambda v: (v.focus, v.path or "", v.message))


def validate_casemap(casemap: CaseMap) -> list[Violation]:
    """The SHACL violations of one case map once mapped to RDF."""
    return validate_triples(casemap.review.id, casemap_to_triples(casemap))
