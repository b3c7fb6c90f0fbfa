"""The kinmap vocabulary as Python names: KM for classes and properties, concepts for values.

`KM.Person` is an IRI; a misspelt term raises AttributeError, so it fails where
it is written instead of writing triples nobody can find. The files
`kinmap.ttl` (OWL + SKOS), `shapes.ttl` (SHACL) and `context.jsonld` (JSON-LD
context) sit beside this module.

The IRIs as plain text and the functions on them are here; the rdflib terms
(KM, OA, KMV, `concept`) live in `terms.py` and are imported on first use, so
that a command that only reads the store never imports rdflib.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from ..vocab import VOCABULARIES

HERE = Path(__file__).parent
ONTOLOGY_FILE = HERE / "kinmap.ttl"
SHAPES_FILE = HERE / "shapes.ttl"
CONTEXT_FILE = HERE / "context.jsonld"

KM_IRI = "https://w3id.org/kinmap/ontology#"
KMV_IRI = "https://w3id.org/kinmap/vocab/"
#: Instances: reviews, and the elements of each under the review's IRI.
DATA_IRI = "https://w3id.org/kinmap/review/"
#: Named graphs: one per review.
GRAPH_IRI = "https://w3id.org/kinmap/graph/"
#: Companion graphs: the named queries' stored answers for each review.
ANSWERS_IRI = "https://w3id.org/kinmap/answers/"

#: The names `terms.py` gives, imported from there on first use (rdflib is slow to import).
_TERMS = ("KM", "OA", "KMV", "KM_FROM", "KM_TO", "concept")


def __getattr__(name: str) -> Any:
    if name in _TERMS:
        from . import terms
        return getattr(terms, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@lru_cache(maxsize=None)
def concept_value(iri: str) -> tuple[str, str]:
    """(scheme, value) of a concept IRI; KeyError when it is not a kinmap concept."""
    if not iri.startswith(KMV_IRI) or "-" not in iri:
        raise KeyError(iri)
    scheme, _, value = iri[len(KMV_IRI):].partition("-")
    if value not in VOCABULARIES.get(scheme, ()):
        raise KeyError(iri)
    return scheme, value


def review_iri(review_id: str) -> str:
    """The IRI of a review; its elements live below it (`<review>/<id>`)."""
    return f"{DATA_IRI}{review_id}"


def graph_iri(review_id: str) -> str:
    """The IRI of the named graph that holds one review."""
    return f"{GRAPH_IRI}{review_id}"


def answers_graph_iri(review_id: str) -> str:
    """The IRI of the companion graph that holds one review's stored query answers."""
    return f"{ANSWERS_IRI}{review_id}"


def review_id_of_answers(iri: str) -> str | None:
    """The review id of a stored-answers graph IRI, or None for any other IRI."""
    rest = iri[len(ANSWERS_IRI):] if iri.startswith(ANSWERS_IRI) else ""
    return rest if rest and "/" not in rest else None


def review_id_of_graph(iri: str) -> str | None:
    """The review id of a named graph IRI, or None for a graph kinmap did not make."""
    return iri[len(GRAPH_IRI):] if iri.startswith(GRAPH_IRI) else None
