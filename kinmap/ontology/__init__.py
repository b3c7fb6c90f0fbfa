"""The kinmap vocabulary as Python names: KM for classes and properties, concepts for values.

`KM.Person` is an IRI; a misspelt term raises AttributeError, so it fails where
it is written instead of writing triples nobody can find. The files
`kinmap.ttl` (OWL + SKOS), `shapes.ttl` (SHACL) and `context.jsonld` (JSON-LD
context) sit beside this module.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

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

KMV = Namespace(KMV_IRI)


class OA(DefinedNamespace):
    """The W3C Web Annotation terms kinmap uses for quotes."""

    _NS = Namespace("http://www.w3.org/ns/oa#")
    _fail = True

    SpecificResource: URIRef
    TextQuoteSelector: URIRef
    hasSource: URIRef
    hasSelector: URIRef
    exact: URIRef


class KM(DefinedNamespace):
    """Classes and properties of the kinmap ontology (kinmap.ttl)."""

    _NS = Namespace(KM_IRI)
    _fail = True
    _extras = ["from", "to"]  # Python keywords or clashes; reach them as KM["from"]

    # classes
    Element: URIRef
    Review: URIRef
    SourceDocument: URIRef
    Person: URIRef
    SubjectChild: URIRef
    Household: URIRef
    Agency: URIRef
    Relationship: URIRef
    Involvement: URIRef
    Meeting: URIRef
    Decision: URIRef
    Event: URIRef
    InformationSharing: URIRef
    Finding: URIRef
    Recommendation: URIRef
    Theme: URIRef
    # common
    review: URIRef
    describes: URIRef
    order: URIRef
    confidence: URIRef
    sourceFile: URIRef
    source: URIRef
    # review
    reviewType: URIRef
    partnership: URIRef
    area: URIRef
    published: URIRef
    periodFrom: URIRef
    periodTo: URIRef
    # people
    isSubject: URIRef
    role: URIRef
    sex: URIRef
    age: URIRef
    born: URIRef
    died: URIRef
    deceased: URIRef
    culture: URIRef
    # relationships
    relationshipType: URIRef
    nature: URIRef
    partnerStatus: URIRef
    quality: URIRef
    since: URIRef
    until: URIRef
    when: URIRef
    # households and agencies
    householdKind: URIRef
    member: URIRef
    memberList: URIRef
    agencyKind: URIRef
    partOf: URIRef
    service: URIRef
    inferredService: URIRef
    # involvements
    agency: URIRef
    person: URIRef
    strength: URIRef
    flow: URIRef
    involvementRole: URIRef
    # meetings, decisions, events
    meetingKind: URIRef
    about: URIRef
    aboutList: URIRef
    invited: URIRef
    invitedList: URIRef
    attended: URIRef
    attendedList: URIRef
    absent: URIRef
    absentList: URIRef
    date: URIRef
    decisionKind: URIRef
    by: URIRef
    byList: URIRef
    meeting: URIRef
    outcome: URIRef
    eventKind: URIRef
    # information sharing
    sharingStatus: URIRef
    what: URIRef
    # findings and recommendations
    text: URIRef
    theme: URIRef
    themeList: URIRef
    addressedTo: URIRef
    addressedToList: URIRef
    # stored answers of the named queries (derived, beside each review's graph)
    StoredAnswers: URIRef
    answersFor: URIRef
    rows: URIRef


# `from` is a Python keyword; rdflib's DefinedNamespace serves it by item access.
KM_FROM = KM["from"]
KM_TO = KM["to"]


def concept(scheme: str, value: str) -> URIRef:
    """The SKOS concept IRI of a vocabulary value; KeyError for an unknown one."""
    if value not in VOCABULARIES[scheme]:
        raise KeyError(f"{value!r} is not in vocabulary {scheme!r}")
    return URIRef(f"{KMV_IRI}{scheme}-{value}")


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
