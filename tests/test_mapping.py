"""CaseMap -> RDF -> CaseMap: one named graph per review, quotes kept as provenance."""
from __future__ import annotations

import pytest
from pyoxigraph import Literal, NamedNode, Store

from kinmap.graph.mapping import casemap_to_quads, casemaps_from_triples
from kinmap.loaders import read
from kinmap.loaders.casemap import read_casemap_text
from kinmap.ontology import KM, graph_iri

from conftest import EXAMPLE_FILES, GOLD_FILES

XSD = "http://www.w3.org/2001/XMLSchema#"

SMALL = """kinmap: 1
review: {id: r1, published: 2021-06, source: {file: r1.txt}}
people:
  - {id: child, subject: true, role: subject, age: 7, born: 2014-03-02,
     quote: "The child, then aged seven, lived with her father."}
  - {id: dad, role: father, age: "in his forties"}
agencies:
  - {id: police, kind: police, confidence: 0.8}
  - {id: school, kind: education}
events:
  - {id: arrest, kind: arrest, about: [dad, child], date: 2021}
meetings:
  - {id: sm, kind: strategy_meeting, attended: [school], absent: [police]}
"""


def store_with(casemaps) -> Store:
    store = Store()
    store.extend(q for i, cm in enumerate(casemaps) for q in casemap_to_quads(cm, i))
    return store


@pytest.mark.parametrize("path", GOLD_FILES + EXAMPLE_FILES, ids=lambda p: p.name)
def test_round_trip_is_equal(path):
    casemaps = read(path)
    quads = [q for i, cm in enumerate(casemaps) for q in casemap_to_quads(cm, i)]
    assert casemaps_from_triples(quads) == casemaps


def test_one_named_graph_per_review():
    casemaps = read(next(p for p in GOLD_FILES if len(read(p)) > 1))
    store = store_with(casemaps)
    graphs = {g.value for g in store.named_graphs()}
    assert graphs == {graph_iri(cm.review.id) for cm in casemaps}


def test_quote_is_a_text_quote_selector_on_the_source():
    [cm] = read_casemap_text(SMALL, "small.yaml")
    store = store_with([cm])
    rows = list(store.query("""
        PREFIX oa: <http://www.w3.org/ns/oa#> PREFIX prov: <http://www.w3.org/ns/prov#>
        PREFIX km: <https://w3id.org/kinmap/ontology#>
        SELECT ?element ?exact ?file WHERE { GRAPH ?g {
          ?element prov:wasDerivedFrom ?q . ?q a oa:SpecificResource ;
            oa:hasSource ?doc ; oa:hasSelector ?s .
          ?s a oa:TextQuoteSelector ; oa:exact ?exact . ?doc km:sourceFile ?file } }"""))
    assert [(r["element"].value, r["exact"].value, r["file"].value) for r in rows] == [
        ("https://w3id.org/kinmap/review/r1/child",
         "The child, then aged seven, lived with her father.", "r1.txt")]


def test_values_have_their_rdf_datatypes():
    [cm] = read_casemap_text(SMALL, "small.yaml")
    store = store_with([cm])

    def value(subject, prop):
        [quad] = store.quads_for_pattern(NamedNode(subject), NamedNode(str(prop)), None)
        return quad.object

    base = "https://w3id.org/kinmap/review/r1"
    assert value(base, KM.published) == Literal("2021-06", datatype=NamedNode(XSD + "gYearMonth"))
    born = Literal("2014-03-02", datatype=NamedNode(XSD + "date"))
    assert value(f"{base}/child", KM.born) == born
    assert value(f"{base}/child", KM.age) == Literal("7", datatype=NamedNode(XSD + "integer"))
    assert value(f"{base}/dad", KM.age) == Literal("in his forties")
    assert value(f"{base}/arrest", KM.date) == Literal("2021", datatype=NamedNode(XSD + "gYear"))
    assert value(f"{base}/police", KM.confidence).value == "0.8"
    assert value(f"{base}/sm", KM.absent) == NamedNode(f"{base}/police")
    assert value(f"{base}/child", KM.role).value.endswith("role-subject")


def test_reference_lists_keep_the_order_given():
    [cm] = read_casemap_text(SMALL, "small.yaml")
    [back] = casemaps_from_triples(casemap_to_quads(cm))
    assert back.events[0].about == ["dad", "child"]


def test_merged_triples_of_several_reviews_come_apart():
    one = read_casemap_text(SMALL, "a.yaml")
    two = read_casemap_text(SMALL.replace("id: r1", "id: r2"), "b.yaml")
    triples = [q.triple for q in casemap_to_quads(one[0], 0) + casemap_to_quads(two[0], 1)]
    assert [cm.review.id for cm in casemaps_from_triples(triples)] == ["r1", "r2"]
    assert casemaps_from_triples(triples) == one + two


def test_a_reviewers_check_is_prov_beside_the_extractors_record(tmp_path):
    """Who checked a draft and when: PROV on the review's graph, read back unchanged."""
    from kinmap.graph.mapping import casemap_to_quads, casemaps_from_triples
    from kinmap.graph.store import open_store
    from kinmap.model import CaseMap, Person, Review

    cm = CaseMap(review=Review(id="checked"), people=[Person(id="a", label="A")],
                 extractor="kinmap-rules 0.1.0", checked_by="Sam Reviewer\n<b>",
                 checked_at="2026-12-02T01:00:00Z")
    [back] = casemaps_from_triples(casemap_to_quads(cm))
    assert (back.extractor, back.checked_by, back.checked_at) == \
        ("kinmap-rules 0.1.0", "Sam Reviewer\n<b>", "2026-12-02T01:00:00Z")
    with open_store(str(tmp_path / "store")) as store:
        store.load([cm])
        rows = store.select("""PREFIX prov: <http://www.w3.org/ns/prov#>
            PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
            SELECT ?who ?when ?tool WHERE { GRAPH ?g {
              ?g prov:wasGeneratedBy ?check . ?check prov:wasAssociatedWith ?r ;
                 prov:endedAtTime ?when ; prov:wasInformedBy ?extraction .
              ?r a prov:Agent ; rdfs:label ?who . ?extraction rdfs:label ?tool } }""").values()
        assert rows == [("Sam Reviewer\n<b>", "2026-12-02T01:00:00Z", "kinmap-rules 0.1.0")]
        assert store.casemap("checked").checked_by == "Sam Reviewer\n<b>"
    from kinmap.exports.casemap import dumps_casemap
    text = dumps_casemap([cm])
    assert text.startswith("# Checked against the review by Sam Reviewer <b> on "
                           "2026-12-02T01:00:00Z.\nkinmap: 1\n")
