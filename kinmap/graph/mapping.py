"""CaseMap ⇄ RDF: one named graph per review, every quote kept as provenance.

Each element becomes a resource `<review IRI>/<id>` typed with its km: class,
linked to its review (km:review) and placed by km:order. Vocabulary values are
SKOS concepts; dates are xsd:gYear, xsd:gYearMonth or xsd:date. A quote becomes

    <element> prov:wasDerivedFrom <element#quote> .
    <element#quote> a oa:SpecificResource ; oa:hasSource <review/_source> ;
        oa:hasSelector <element#selector> .
    <element#selector> a oa:TextQuoteSelector ; oa:exact "the words" .

Reference lists are plain triples for querying (km:about, km:attended, ...) and,
when they hold more than one value, an rdf:List as well (km:aboutList, ...), so
the order a reviewer gave comes back. `casemaps_from_triples` inverts
`casemap_to_quads` exactly: case map -> graph -> case map comes back equal.

Terms are pyoxigraph's: building and loading them is the hot path of a load.
"""
from __future__ import annotations

from collections import defaultdict
from hashlib import sha256
from typing import Any, Callable, Iterable

from pyoxigraph import BlankNode, Literal, NamedNode, Quad, Triple
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, XSD

from ..errors import KinmapError
from ..model import (DATE, REF, REF_OR_NULL, REFS, REFS_OR_ONE, SECTIONS,
                     SPECS, VOCAB, VOCAB_LIST, CaseMap, Element, Review)
from ..ontology import KM, OA, concept, concept_value, graph_iri, review_iri
from ..vocab import NATURE_OF

_N = NamedNode
TYPE = _N(RDF.type)
FIRST, REST, NIL = _N(RDF.first), _N(RDF.rest), _N(RDF.nil)
XSD_STRING, XSD_BOOLEAN = _N(XSD.string), _N(XSD.boolean)
XSD_INTEGER, XSD_DOUBLE, XSD_DECIMAL = _N(XSD.integer), _N(XSD.double), _N(XSD.decimal)
DATE_TYPES = {4: _N(XSD.gYear), 7: _N(XSD.gYearMonth), 10: _N(XSD.date)}
DATE_TYPE_IRIS = {str(t.value) for t in DATE_TYPES.values()}
IDENTIFIER, LABEL, COMMENT, TITLE = _N(DCTERMS.identifier), _N(RDFS.label), \
    _N(RDFS.comment), _N(DCTERMS.title)
DERIVED_FROM = _N(PROV.wasDerivedFrom)
GENERATED_BY, ACTIVITY, USED = _N(PROV.wasGeneratedBy), _N(PROV.Activity), _N(PROV.used)
OA_RESOURCE, OA_SELECTOR_CLASS = _N(OA.SpecificResource), _N(OA.TextQuoteSelector)
OA_SOURCE, OA_SELECTOR, OA_EXACT = _N(OA.hasSource), _N(OA.hasSelector), _N(OA.exact)
K = {name: _N(KM[name]) for name in ("review", "describes", "order", "confidence",
                                       "sourceFile", "source", "SourceDocument",
                                       "SubjectChild", "Review")}

CLASS_OF = {name: _N(KM[cls.__name__]) for name, cls in SECTIONS.items()}
SECTION_OF_CLASS = {v.value: k for k, v in CLASS_OF.items()}

#: (section, attribute) -> predicate, where it is not km:<attribute>.
PREDICATE_EXCEPTIONS = {
    ("review", "title"): DCTERMS.title,
    ("review", "type"): KM.reviewType,
    ("review", "source_file"): KM.sourceFile,
    ("review", "period_from"): KM.periodFrom,
    ("review", "period_to"): KM.periodTo,
    ("people", "subject"): KM.isSubject,
    ("relationships", "type"): KM.relationshipType,
    ("relationships", "from_"): KM["from"],
    ("relationships", "status"): KM.partnerStatus,
    ("households", "kind"): KM.householdKind,
    ("households", "members"): KM.member,
    ("agencies", "kind"): KM.agencyKind,
    ("agencies", "part_of"): KM.partOf,
    ("involvements", "role"): KM.involvementRole,
    ("meetings", "kind"): KM.meetingKind,
    ("decisions", "kind"): KM.decisionKind,
    ("events", "kind"): KM.eventKind,
    ("information_sharing", "status"): KM.sharingStatus,
    ("information_sharing", "from_"): KM["from"],
    ("findings", "themes"): KM.theme,
    ("recommendations", "to"): KM.addressedTo,
}
COMMON_PREDICATES = {"id": DCTERMS.identifier, "label": RDFS.label, "notes": RDFS.comment}
#: Predicates of the ordered copies of reference lists.
LIST_PREDICATES = {KM.member: KM.memberList, KM.about: KM.aboutList,
                   KM.invited: KM.invitedList, KM.attended: KM.attendedList,
                   KM.absent: KM.absentList, KM.by: KM.byList, KM.theme: KM.themeList,
                   KM.addressedTo: KM.addressedToList}


def predicate(section: str, attr: str) -> NamedNode:
    """The predicate of one key of one section."""
    iri = PREDICATE_EXCEPTIONS.get((section, attr)) or COMMON_PREDICATES.get(attr) \
        or KM[attr]
    return _N(iri)


PREDICATES = {section: [(spec, predicate(section, spec.attr)) for spec in specs
                        if spec.attr != "quote"]
              for section, specs in SPECS.items()}
_LIST_OF = {str(k): str(v) for k, v in LIST_PREDICATES.items()}  # URIRef != str in rdflib
LISTS = {p.value: _N(_LIST_OF[p.value]) for specs in PREDICATES.values()
         for _, p in specs if p.value in _LIST_OF}


# ---------------------------------------------------------------- CaseMap -> RDF

def literal(kind: str, value: Any) -> Literal:
    """The RDF literal of a case map value."""
    if kind == DATE:
        return Literal(value, datatype=DATE_TYPES[len(value)])
    if isinstance(value, bool):
        return Literal(value)
    if isinstance(value, int):
        return Literal(str(value), datatype=XSD_INTEGER)
    if isinstance(value, float):
        return Literal(repr(value), datatype=XSD_DOUBLE)
    return Literal(value)


def element_iri(base: str, element: Element, position: int) -> str:
    """`<review>/<id>`, or `<review>/_<sort>-<n>` for an element without an id."""
    eid = getattr(element, "id", None)
    return f"{base}/{eid}" if eid else f"{base}/_{element.sort}-{position}"


def casemap_to_triples(casemap: CaseMap, position: int = 0) -> list[Triple]:
    """The triples of one review's named graph."""
    return _statements(casemap, position, Triple)


def casemap_to_quads(casemap: CaseMap, position: int = 0) -> list[Quad]:
    """The quads of one review, in its own named graph."""
    graph = _N(graph_iri(casemap.review.id))
    # Built as quads directly: copying terms out of triples costs more than the mapping.
    return _statements(casemap, position, lambda s, p, o: Quad(s, p, o, graph))


def _statements(casemap: CaseMap, position: int, make: Callable) -> list:
    """One review as statements, each made by `make(subject, predicate, object)`."""
    rid = casemap.review.id
    base = review_iri(rid)
    review = _N(base)
    source = _N(f"{base}/_source")
    iris: dict[str, NamedNode] = {e.id: _N(f"{base}/{e.id}") for e in casemap.ids().values()}
    out: list = [
        make(_N(graph_iri(rid)), K["describes"], review),
        make(review, TYPE, K["Review"]),
        make(review, K["order"], Literal(str(position), datatype=XSD_INTEGER)),
        make(review, K["source"], source),
        make(source, TYPE, K["SourceDocument"]),
    ]
    _describe(out, make, "review", casemap.review, review, iris, source)
    if casemap.extractor:
        activity = _N(f"{base}/_extraction")
        out += [make(_N(graph_iri(rid)), GENERATED_BY, activity),
                make(activity, TYPE, ACTIVITY),
                make(activity, USED, source),
                make(activity, LABEL, Literal(casemap.extractor))]
    for section, index, element in casemap.elements():
        subject = _N(element_iri(base, element, index))
        out.append(make(subject, TYPE, CLASS_OF[section]))
        out.append(make(subject, K["review"], review))
        out.append(make(subject, K["order"], Literal(str(index), datatype=XSD_INTEGER)))
        if section == "people" and element.subject:
            out.append(make(subject, TYPE, K["SubjectChild"]))
        _describe(out, make, section, element, subject, iris, source)
    return out


def _describe(out: list, make: Callable, section: str, element: Element, subject: NamedNode,
              iris: dict[str, NamedNode], source: NamedNode) -> None:
    for spec, pred in PREDICATES[section]:
        value = getattr(element, spec.attr)
        if value is None or value == []:
            continue
        kind = spec.kind
        if section == "review" and spec.attr == "source_file":
            out.append(make(source, pred, Literal(value)))
        elif kind == VOCAB:
            scheme = NATURE_OF[element.type] if spec.vocab == "nature" else spec.vocab
            out.append(make(subject, pred, _N(concept(scheme, value))))
        elif kind in (REF, REF_OR_NULL):
            out.append(make(subject, pred, iris[value]))
        elif kind in (REFS, REFS_OR_ONE, VOCAB_LIST):
            nodes = [iris[v] for v in value] if kind != VOCAB_LIST else \
                [_N(concept(spec.vocab, v)) for v in value]
            out.extend(make(subject, pred, node) for node in dict.fromkeys(nodes))
            if len(nodes) > 1:
                out.append(make(subject, LISTS[pred.value],
                                 _rdf_list(out, make, nodes, list_label(subject, pred))))
        else:
            out.append(make(subject, pred, literal(kind, value)))
    if element.quote is not None:
        quote, selector = _N(subject.value + "#quote"), _N(subject.value + "#selector")
        out += [make(subject, DERIVED_FROM, quote),
                make(quote, TYPE, OA_RESOURCE),
                make(quote, OA_SOURCE, source),
                make(quote, OA_SELECTOR, selector),
                make(selector, TYPE, OA_SELECTOR_CLASS),
                make(selector, OA_EXACT, Literal(element.quote))]


def list_label(subject: NamedNode, pred: NamedNode) -> str:
    """A blank-node label made from the list's owner and predicate: the same on every run.

    Random labels made two exports of the same reviews differ; a digest of the
    subject and predicate is stable, valid in every RDF syntax, and unique across
    reviews because element IRIs are.
    """
    return "l" + sha256(f"{subject.value} {pred.value}".encode("utf-8")).hexdigest()[:24]


def _rdf_list(out: list, make: Callable, nodes: list[NamedNode], label: str) -> BlankNode:
    cells = [BlankNode(f"{label}x{i}") for i in range(len(nodes))]
    for i, (cell, node) in enumerate(zip(cells, nodes)):
        out.append(make(cell, FIRST, node))
        out.append(make(cell, REST, cells[i + 1] if i + 1 < len(cells) else NIL))
    return cells[0]


# ---------------------------------------------------------------- RDF -> CaseMap

class _Index:
    """Triples by subject and predicate, for reading resources back."""

    def __init__(self, triples: Iterable[Triple | Quad]) -> None:
        self.by_subject: dict[Any, dict[str, list]] = defaultdict(lambda: defaultdict(list))
        for t in triples:
            self.by_subject[t.subject][t.predicate.value].append(t.object)

    def values(self, subject: Any, pred: NamedNode) -> list:
        return self.by_subject.get(subject, {}).get(pred.value, [])

    def one(self, subject: Any, pred: NamedNode) -> Any:
        found = self.values(subject, pred)
        return found[0] if found else None

    def subjects_of_type(self, cls: NamedNode) -> list:
        return [s for s, props in self.by_subject.items()
                if any(o == cls for o in props.get(TYPE.value, ()))]

    def rdf_list(self, head: Any) -> list:
        items, seen = [], set()
        while head is not None and head != NIL and head not in seen:
            seen.add(head)
            items.append(self.one(head, FIRST))
            head = self.one(head, REST)
        return items


def python_value(kind: str, term: Any) -> Any:
    """The case map value of an RDF literal."""
    if not isinstance(term, Literal):
        raise KinmapError(f"expected a literal, got {term}")
    datatype = term.datatype.value
    if kind == DATE or datatype in DATE_TYPE_IRIS:
        return term.value
    if datatype == XSD_BOOLEAN.value:
        return term.value in ("true", "1")
    if datatype == XSD_INTEGER.value:
        return int(term.value)
    if datatype in (XSD_DOUBLE.value, XSD_DECIMAL.value):
        return float(term.value)
    return term.value


def _order(index: _Index, subject: Any) -> int:
    term = index.one(subject, K["order"])
    return int(term.value) if term is not None else 0


def casemaps_from_triples(triples: Iterable[Triple | Quad]) -> list[CaseMap]:
    """Every review found in a set of triples or quads, as CaseMaps.

    Works on one named graph, on a whole dataset, or on the merged triples of a
    Turtle export: elements are found through km:review.
    """
    index = _Index(triples)
    reviews = index.subjects_of_type(K["Review"])
    found = [_casemap(index, r) for r in reviews]
    found.sort(key=lambda item: (item[0], item[1].review.source_file or "", item[1].review.id))
    return [cm for _, cm in found]


def _casemap(index: _Index, review: NamedNode) -> tuple[int, CaseMap]:
    members: dict[str, list] = defaultdict(list)
    for subject, props in index.by_subject.items():
        if any(o == review for o in props.get(K["review"].value, ())):
            for cls in props.get(TYPE.value, ()):
                section = SECTION_OF_CLASS.get(cls.value)
                if section:
                    members[section].append(subject)
    ids = {s: index.one(s, IDENTIFIER).value for ss in members.values() for s in ss
           if index.one(s, IDENTIFIER) is not None}
    sections = {}
    for section, cls in SECTIONS.items():
        subjects = sorted(members.get(section, ()), key=lambda s: _order(index, s))
        sections[section] = [_element(index, section, cls, s, ids) for s in subjects]
    meta = _element(index, "review", Review, review, ids)
    extractor = index.one(index.one(_N(graph_iri(meta.id)), GENERATED_BY), LABEL)
    return _order(index, review), CaseMap(review=meta, **sections,
                                          extractor=extractor.value if extractor else None)


def _element(index: _Index, section: str, cls: type[Element], subject: Any,
             ids: dict[Any, str]) -> Element:
    kwargs: dict[str, Any] = {}
    for spec, pred in PREDICATES[section]:
        kind = spec.kind
        if section == "review" and spec.attr == "source_file":
            term = index.one(index.one(subject, K["source"]), pred)
            kwargs[spec.attr] = term.value if term is not None else None
        elif kind == VOCAB:
            term = index.one(subject, pred)
            kwargs[spec.attr] = concept_value(term.value)[1] if term is not None else None
        elif kind in (REF, REF_OR_NULL):
            term = index.one(subject, pred)
            kwargs[spec.attr] = ids[term] if term is not None else None
        elif kind in (REFS, REFS_OR_ONE, VOCAB_LIST):
            head = index.one(subject, LISTS[pred.value])
            nodes = index.rdf_list(head) if head is not None else index.values(subject, pred)
            kwargs[spec.attr] = [concept_value(n.value)[1] if kind == VOCAB_LIST else ids[n]
                                 for n in nodes]
        else:
            term = index.one(subject, pred)
            kwargs[spec.attr] = python_value(kind, term) if term is not None else None
    quote = index.one(subject, DERIVED_FROM)
    if quote is not None:
        exact = index.one(index.one(quote, OA_SELECTOR), OA_EXACT)
        kwargs["quote"] = exact.value if exact is not None else None
    return cls(**kwargs)
