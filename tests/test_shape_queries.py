"""The SHACL shapes as store-wide SPARQL agree with pyshacl, constraint by constraint.

For every check compiled from shapes.ttl, the tests break a fictional review
(examples/eastbrook-baby-r.yaml) so that the constraint fails, then ask both
pyshacl and the SPARQL checks what is wrong: the same focus nodes, paths,
constraint components and values, or the test fails. A constraint added to
shapes.ttl gets its broken review here by the same rules, and one the compiler
cannot turn into SPARQL stops it (UnsupportedShape).
"""
from __future__ import annotations

from pathlib import Path

import pyoxigraph
import pytest
from rdflib import BNode, Graph, URIRef
from rdflib.namespace import SH

from kinmap.graph.embedded import MemoryStore
from kinmap.graph.mapping import casemap_to_triples
from kinmap.graph.shacl import _rdflib_graph, _shapes
from kinmap.graph.shape_queries import (SH as SH_IRI, Compiler, UnsupportedShape,
                                        check_rows, shape_checks, store_violations)
from kinmap.loaders import read
from kinmap.ontology import GRAPH_IRI, KMV_IRI, SHAPES_FILE, graph_iri, review_iri

from conftest import EXAMPLE_FILES, GOLD_FILES

ROOT = Path(__file__).resolve().parent.parent
BASE = read(ROOT / "examples" / "eastbrook-baby-r.yaml")[0]
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD = "http://www.w3.org/2001/XMLSchema#"
KM = "https://w3id.org/kinmap/ontology#"
N, L = pyoxigraph.NamedNode, pyoxigraph.Literal

#: Parameters of shapes.ttl that say how, not what, to check.
NOT_CONSTRAINTS = {SH_IRI + name for name in (
    "targetClass", "property", "path", "message", "name", "description", "flags",
    "prefixes", "declare", "prefix", "namespace")}


# ---------------------------------------------------------------- both verdicts

def value_key(term) -> str | None:
    if term is None:
        return None
    if isinstance(term, (pyoxigraph.BlankNode, BNode)):
        return "_:blank"
    # a pyoxigraph term's text is .value; an rdflib literal's .value is a Python value
    return term.value if isinstance(term, (pyoxigraph.NamedNode, pyoxigraph.Literal)) \
        else str(term)


def pyshacl_verdict(triples) -> set[tuple]:
    """(focus, path, component, value) of every result pyshacl gives."""
    import rdflib
    from pyshacl import validate
    # rdflib would rewrite an ill-typed "maybe"^^xsd:boolean as "false": keep the text
    rdflib.NORMALIZE_LITERALS = False
    try:
        _, report, _ = validate(_rdflib_graph(triples), shacl_graph=_shapes(),
                                inference="none", advanced=False, allow_warnings=True)
    finally:
        rdflib.NORMALIZE_LITERALS = True
    nested = set(report.objects(None, SH.detail))
    found = set()
    for result in report.subjects(URIRef(str(SH.resultSeverity)), None):
        if result in nested:
            continue
        component = str(report.value(result, SH.sourceConstraintComponent))
        component = component[len(SH_IRI):].removesuffix("ConstraintComponent")
        value = report.value(result, SH.value)
        if component in ("MinCount", "MaxCount"):
            value = None
        path = report.value(result, SH.resultPath)
        found.add((value_key(report.value(result, SH.focusNode)),
                   str(path) if path else None, component, value_key(value)))
    return found


def sparql_verdict(triples, review_id: str, *, in_one_query: bool = False) -> set[tuple]:
    """The same, from the SPARQL checks over a store holding the review."""
    graph = N(graph_iri(review_id))
    found = set()
    with MemoryStore(pyoxigraph.Quad(t.subject, t.predicate, t.object, graph)
                     for t in triples) as store:
        for check in shape_checks():
            for row in check_rows(store, check, in_one_query=in_one_query):
                assert row["g"] == graph
                value = row.get("value") if check.component != "SPARQL" else row["this"]
                found.add((value_key(row["this"]), check.path, check.component,
                           value_key(value)))
    return found


# ---------------------------------------------------------------- breaking a review

def instances(triples, classes) -> list:
    return sorted({t.subject for t in triples if t.predicate.value == RDF_TYPE
                   and t.object.value in classes}, key=str)


def wrong_concept(path: str | None) -> pyoxigraph.NamedNode:
    """A concept of a scheme no constrained property takes here."""
    return N(KMV_IRI + ("role-mother" if path == KM + "sex" else "sex-male"))


def broken_values(check, triples) -> list:
    """Values that break this check's constraint (for checks on values)."""
    source = N(review_iri(BASE.review.id) + "/_source")
    c, arg = check.component, check.parameter
    if c == "Class":
        not_it = source if str(arg) != KM + "SourceDocument" else N(review_iri(BASE.review.id))
        return [not_it, L("not a node")]
    if c == "Datatype":
        return [L("x", language="en")] if str(arg) == XSD + "string" else \
            [L("x"), L("maybe" if str(arg) == XSD + "boolean" else "1.5",
                       datatype=N(str(arg)))]
    if c == "Pattern":
        return [L("Not A Slug")]
    if c == "MinLength":
        return [L("")]
    if c == "MinInclusive":
        return [L("-1", datatype=N(XSD + "decimal")), L("low")]
    if c == "MaxInclusive":
        return [L("2", datatype=N(XSD + "decimal"))]
    if c == "Node":
        return [wrong_concept(check.path), L("yesterday"), pyoxigraph.BlankNode()]
    raise AssertionError(f"no way to break {c} yet: add one here")


def break_review(triples, check, focus) -> list:
    """The review's triples with `focus` breaking `check`."""
    out = list(triples)
    path = N(check.path) if check.path else None
    if check.component == "MinCount":
        return [t for t in out if not (t.subject == focus and t.predicate == path)]
    if check.component == "MaxCount":
        return out + [pyoxigraph.Triple(focus, path, L(f"extra {i}"))
                      for i in range(int(check.parameter) + 1)]
    if check.component == "SPARQL":
        service, inferred = N(KM + "service"), N(KM + "inferredService")
        out = [t for t in out if not (t.subject == focus and t.predicate in (service, inferred))]
        if "both" in check.message:
            return out + [pyoxigraph.Triple(focus, service, N(KMV_IRI + "service-police")),
                          pyoxigraph.Triple(focus, inferred, N(KMV_IRI + "service-police"))]
        kind = next(t.object.value for t in triples
                    if t.subject == focus and t.predicate.value == KM + "agencyKind")
        other = "service-gp_practice" if kind.endswith("police") else "service-police"
        return out + [pyoxigraph.Triple(focus, service, N(KMV_IRI + other))]
    out = [t for t in out if not (t.subject == focus and t.predicate == path)]
    return out + [pyoxigraph.Triple(focus, path, v) for v in broken_values(check, triples)]


def batches() -> list[tuple[list, list]]:
    """Every check broken once, in as few reviews as keep the breakages apart: in a
    batch, no focus node is broken twice on one path (SPARQL checks: at all)."""
    triples = casemap_to_triples(BASE)
    out: list[tuple[list, list, set]] = []
    for check in shape_checks():
        candidates = instances(triples, set(check.targets))
        assert candidates, f"{BASE.review.id} has no {check.targets}: pick a richer base"
        if check.component == "SPARQL":
            candidates = [c for c in candidates if any(
                t.subject == c and t.predicate.value == KM + "agencyKind" for t in triples)]
        touched = [KM + "service", KM + "inferredService", KM + "agencyKind"] \
            if check.component == "SPARQL" else [check.path]
        for broken, expected, used in out:
            free = [c for c in candidates if (c, "*") not in used
                    and not any((c, p) in used for p in touched)]
            if free:
                break
        else:
            out.append((triples, [], set()))
            broken, expected, used = out[-1]
            free = candidates
        focus = free[0]
        used.add((focus, check.path if check.component != "SPARQL" else "*"))
        if check.component == "SPARQL":
            used.update((focus, p) for p in (KM + "service", KM + "inferredService",
                                             KM + "agencyKind"))
        out[out.index((broken, expected, used))] = (break_review(broken, check, focus),
                                                     expected + [(focus, check)], used)
    return [(b, e) for b, e, _ in out]


BATCHES = batches()


@pytest.mark.parametrize("batch", range(len(BATCHES)))
def test_sparql_checks_and_pyshacl_find_the_same_violations(batch):
    triples, expected = BATCHES[batch]
    reference = pyshacl_verdict(triples)
    for focus, check in expected:  # each breakage is one pyshacl sees
        assert any(r[0] == focus.value and r[1] == check.path and r[2] == check.component
                   for r in reference), (check.shape, check.path, check.component)
    assert sparql_verdict(triples, BASE.review.id) == reference
    assert sparql_verdict(triples, BASE.review.id, in_one_query=True) == reference


def test_every_check_is_broken_by_some_batch():
    broken = {id(check) for _, expected in BATCHES for _, check in expected}
    assert broken == {id(check) for check in shape_checks()}


def test_a_subclass_instance_is_a_target_and_a_member_of_its_class():
    triples = casemap_to_triples(BASE)
    special = N("https://example.org/fictional#SpecialPerson")
    person = instances(triples, {KM + "Person"})[0]
    graph_of = [pyoxigraph.Triple(special, N("http://www.w3.org/2000/01/rdf-schema#subClassOf"),
                                  N(KM + "Person"))]
    stranger = N(review_iri(BASE.review.id) + "/stranger")
    relationship = instances(triples, {KM + "Relationship"})[0]
    changed = [t for t in triples if not (t.subject == relationship and
                                          t.predicate.value == KM + "to")]
    changed += graph_of + [
        pyoxigraph.Triple(stranger, N(RDF_TYPE), special),  # a Person lacking everything
        pyoxigraph.Triple(relationship, N(KM + "to"), stranger),  # ... and one to point at
        pyoxigraph.Triple(person, N(RDF_TYPE), special)]
    reference = pyshacl_verdict(changed)
    assert any(r[0] == stranger.value and r[2] == "MinCount" for r in reference)
    assert not any(r[0] == relationship.value for r in reference)
    assert sparql_verdict(changed, BASE.review.id) == reference


@pytest.mark.parametrize("path", GOLD_FILES + EXAMPLE_FILES, ids=lambda p: p.name)
def test_gold_and_example_reviews_break_no_check(path):
    for cm in read(path):
        assert sparql_verdict(casemap_to_triples(cm), cm.review.id) == set()


# ---------------------------------------------------------------- nothing unchecked

def test_every_constraint_of_shapes_ttl_has_a_sparql_check():
    shapes = Graph().parse(SHAPES_FILE, format="turtle")
    from kinmap.graph.shacl import _concepts
    checks = Compiler(shapes, Graph().parse(data=_concepts(), format="nt")).checks()
    covered = {(node, parameter) for check in checks for node, parameter in check.covers}
    constraints = {(s, str(p)) for s, p, _ in shapes
                   if str(p).startswith(SH_IRI) and str(p) not in NOT_CONSTRAINTS}
    assert len(constraints) > 150
    assert constraints - covered == set()


@pytest.mark.parametrize("extra", [
    "kms:ReviewShape sh:property [ sh:path dcterms:title ; sh:maxLength 200 ] .",
    "kms:PersonShape sh:property [ sh:path ( km:role km:sex ) ; sh:minCount 1 ] .",
    "kms:PersonShape sh:targetNode kmv:role-mother .",
    "kms:AgencyShape sh:sparql [ sh:message \"new\" ; sh:select \"SELECT $this WHERE {}\" ] .",
])
def test_a_constraint_the_compiler_does_not_know_stops_it(extra):
    from kinmap.graph.shacl import _concepts
    text = SHAPES_FILE.read_text(encoding="utf-8") + "\n" + extra + "\n"
    shapes = Graph().parse(data=text, format="turtle")
    with pytest.raises(UnsupportedShape, match="shapes.ttl"):
        Compiler(shapes, Graph().parse(data=_concepts(), format="nt")).checks()


# ---------------------------------------------------------------- what a user reads

def test_a_problem_names_review_element_path_and_what_to_do(tmp_path):
    triples = casemap_to_triples(BASE)
    person = instances(triples, {KM + "Person"})[0]
    broken = [t for t in triples if not (t.subject == person and t.predicate.value ==
                                         "http://purl.org/dc/terms/identifier")]
    broken.append(pyoxigraph.Triple(person, N(KM + "sex"), N(KMV_IRI + "role-mother")))
    graph = N(graph_iri(BASE.review.id))
    with MemoryStore(pyoxigraph.Quad(t.subject, t.predicate, t.object, graph)
                     for t in broken) as store:
        lines = [str(v) for v in store_violations(store, jobs=2)]
    focus = person.value.removeprefix("https://w3id.org/kinmap/review/")
    assert f"review '{BASE.review.id}': SHACL: {focus} km:sex: kmv:role-mother is not " \
           "an allowed value here" in lines
    assert f"review '{BASE.review.id}': SHACL: {focus} dcterms:identifier: missing: " \
           "give it a value" in lines
    assert lines == sorted(lines) or len(lines) == 3


def test_only_review_graphs_are_checked():
    triples = casemap_to_triples(BASE)
    person = instances(triples, {KM + "Person"})[0]
    elsewhere = N("https://example.org/fictional/other-graph")
    with MemoryStore(pyoxigraph.Quad(person, N(RDF_TYPE), N(KM + "Person"), elsewhere)
                     for _ in [0]) as store:
        assert store_violations(store) == []
    assert GRAPH_IRI.endswith("/")
