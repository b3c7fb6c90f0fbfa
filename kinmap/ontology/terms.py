"""The kinmap vocabulary as rdflib terms: KM for classes and properties, OA, KMV, concepts.

Imported on first use of one of these names from `kinmap.ontology`, not before:
rdflib takes a good part of a second to import, and reading the store needs none of it.
"""
from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

from ..vocab import VOCABULARIES
from . import KM_IRI, KMV_IRI

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


