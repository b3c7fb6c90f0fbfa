"""Services that mean the same across reviews (format 1.1, issue 13 part 5).

The fixture `tests/data/queries/services.yaml` names GP practices in two ways
("Dr Rowe's surgery", given; "General Practitioner", inferred); the answers
below are worked out by hand from it.
"""
from __future__ import annotations

import pyoxigraph
import pytest
from click.testing import CliRunner
from rdflib import Graph, URIRef
from rdflib.namespace import SKOS

from kinmap import vocab
from kinmap.cli import cli
from kinmap.errors import KinmapError
from kinmap.exports.casemap import dumps_casemap
from kinmap.graph.mapping import casemap_to_triples, casemaps_from_triples
from kinmap.graph.queries import Options, run_query
from kinmap.graph.shacl import validate_triples
from kinmap.graph.store import PREFIXES
from kinmap.loaders import read
from kinmap.loaders.casemap import read_casemap_text
from kinmap.loaders.extract import extract
from kinmap.loaders.extract.services import infer_services, service_of_label
from kinmap.ontology import KM, KMV_IRI, ONTOLOGY_FILE

from conftest import DATA

FIXTURE = DATA / "queries" / "services.yaml"
CIN = "https://w3id.org/kinmap/align/cin-census/source-of-referral/"


@pytest.fixture
def loaded(store):
    store.load(read(FIXTURE))
    return store


def rows(store, name, **options):
    return [r for r in run_query(store, name, Options(**options)).rows]


def agencies(casemap):
    return {a.id: a for a in casemap.agencies}


# ---------------------------------------------------------------- the format

def test_versions_1_and_1_1_are_read_and_services_kept_as_given():
    s, t = read(FIXTURE)
    assert agencies(s)["surgery"].service == "gp_practice"
    assert agencies(s)["hv"].service is None
    assert all(a.service is None for a in t.agencies)


def test_written_as_1_1_only_where_a_service_is_given():
    s, t = read(FIXTURE)
    text = dumps_casemap([s, t])
    first, second = text.split("\n---\n")
    assert "kinmap: 1.1\n" in first and "service: gp_practice" in first
    assert second.startswith("kinmap: 1\n") and "service" not in second
    assert read_casemap_text(text) == [s, t]


@pytest.mark.parametrize("label, kind, service", [
    ("the GP", "health", "gp_practice"),
    ("General Practitioner", "health", "gp_practice"),
    ("Child M's GP practice", "health", "gp_practice"),
    ("0–19 health visiting service", "health", "health_visiting"),
    ("Brackenford Police", "police", "police"),
    ("child exploitation unit", "police", "police"),  # the kind has one service
    ("London Borough of Ashby (LBA) Children’s Social Care (CSC)", "social_care",
     "childrens_social_care"),
    ("adult mental health services", "mental_health", "adult_mental_health"),
    ("mental health services", "mental_health", None),  # the child's or a parent's?
    ("health visitor and school nurse", "health", None),  # two services
    ("Local NHS Foundation Trust", "health", None),  # a trust runs many services
    ("the hospital", "health", None),  # ward or A&E?
    ("school nurse", "education", None),  # a health service, filed under education
    ("other Local Authority", "other", None),  # names a service of another kind
    ("private residential provider", "other", "other"),  # kind other: service other
])
def test_a_label_names_a_service_only_when_the_gazetteer_is_sure(label, kind, service):
    assert service_of_label(label, kind) == service


def test_inferred_services_are_kept_apart_from_given_ones():
    s, t = read(FIXTURE)
    s2, t2 = infer_services(s), infer_services(t)
    assert agencies(s2)["surgery"].service == "gp_practice"
    assert agencies(s2)["surgery"].inferred_service is None  # given wins, nothing inferred
    assert agencies(s2)["hv"].inferred_service == "health_visiting"
    assert agencies(t2)["gp"].service is None
    assert agencies(t2)["gp"].inferred_service == "gp_practice"
    assert agencies(t2)["hospital"].inferred_service is None
    assert s.agencies[1].inferred_service is None, "the case map read is not changed"
    back = casemaps_from_triples(casemap_to_triples(t2))[0]
    assert [(a.service, a.inferred_service) for a in back.agencies] == \
        [(a.service, a.inferred_service) for a in t2.agencies]


def test_a_review_loaded_without_services_is_written_back_without_them(loaded):
    t = loaded.casemap("sv-child-t")
    assert agencies(t)["gp"].inferred_service == "gp_practice"
    assert agencies(t)["gp"].service is None
    text = dumps_casemap([t])
    assert text.startswith("kinmap: 1\n") and "service" not in text
    assert t == read(FIXTURE)[1]
    found = loaded.select(PREFIXES + """SELECT ?p ?o WHERE { GRAPH ?g {
        ?a dcterms:identifier "gp" ; ?p ?o . FILTER(?p IN (km:service, km:inferredService)) } }""")
    assert [(p.value, o.value) for p, o in found.rows] == [
        (str(KM.inferredService), KMV_IRI + "service-gp_practice")]


def test_the_extractor_fills_services_and_writes_1_1():
    text = ("Practice Review – Child Z\n\nChild Z lived with her mother. The GP saw Child Z "
            "twice in 2021. The health visitor visited the home. Brackenford Police "
            "attended a domestic incident in May 2021.\n")
    [draft] = extract(text, "child-z.txt")
    services = {a.label: a.service for a in draft.agencies}
    assert services.get("GP") == "gp_practice"
    assert services.get("health visitor") == "health_visiting"
    assert services.get("Brackenford Police") == "police"
    written = [line for line in dumps_casemap([draft]).splitlines() if not line.startswith("#")]
    assert written[0] == "kinmap: 1.1"
    assert read_casemap_text(dumps_casemap([draft]), "draft.yaml")[0] == draft


# ---------------------------------------------------------------- ontology and shapes

def test_every_service_has_its_kind_and_a_census_alignment_except_mash():
    ontology = Graph().parse(ONTOLOGY_FILE)
    census = {str(c) for c in ontology.subjects(SKOS.inScheme, URIRef(CIN))}
    assert len(census) == 22  # 1A-1D, 2A-2B, 3A-3F, 4, 5A-5D, 6, 7, 8, 9, 10
    for service, kind in vocab.SERVICE_KIND.items():
        concept = URIRef(f"{KMV_IRI}service-{service}")
        broader = {str(o) for o in ontology.objects(concept, SKOS.broadMatch)}
        assert f"{KMV_IRI}agency_kind-{kind}" in broader, service
        aligned = {str(o) for p in (SKOS.exactMatch, SKOS.closeMatch, SKOS.broadMatch)
                   for o in ontology.objects(concept, p) if str(o).startswith(CIN)}
        assert len(aligned) == (0 if service == "mash" else 1), service
        assert aligned <= census
    gp = URIRef(f"{KMV_IRI}service-gp_practice")
    assert URIRef(CIN + "3A") in set(ontology.objects(gp, SKOS.exactMatch))


def test_shapes_catch_a_service_of_another_kind_and_a_service_both_given_and_inferred():
    s = infer_services(read(FIXTURE)[0])
    triples = casemap_to_triples(s)
    assert validate_triples("sv-child-s", triples) == []
    school = next(t.subject for t in triples if t.object.value.endswith("/school")
                  or t.subject.value.endswith("/school"))
    police = next(t.subject for t in triples if t.subject.value.endswith("/police"))
    service = pyoxigraph.NamedNode(str(KM.service))
    wrong = [t for t in triples if not (t.subject == school and t.predicate.value
                                        == str(KM.inferredService))]
    wrong.append(pyoxigraph.Triple(school, service,
                                   pyoxigraph.NamedNode(KMV_IRI + "service-gp_practice")))
    wrong.append(pyoxigraph.Triple(police, pyoxigraph.NamedNode(str(KM.inferredService)),
                                   pyoxigraph.NamedNode(KMV_IRI + "service-police")))
    found = " | ".join(map(str, validate_triples("sv-child-s", wrong)))
    assert "service-gp_practice belongs to another agency kind" in found
    assert "a given service or an inferred one, not both" in found


# ---------------------------------------------------------------- the queries

def test_how_often_were_gp_practices_absent_from_strategy_meetings(loaded):
    assert rows(loaded, "absent-agencies", by="service", service="gp_practice") == [
        ("gp_practice", 2, 2, 0, 1, "sv-child-s sv-child-t")]


def test_absent_agencies_by_service_kind_and_partnership(loaded):
    assert rows(loaded, "absent-agencies", by="service") == [
        ("gp_practice", 2, 2, 0, 1, "sv-child-s sv-child-t"),
        ("no service", 2, 2, 0, 0, "sv-child-t"),
        ("health_visiting", 1, 1, 0, 1, "sv-child-s"),
        ("school", 1, 0, 1, 1, "sv-child-s")]
    assert rows(loaded, "absent-agencies", by="kind") == [
        ("health", 4, 4, 0, "sv-child-s sv-child-t"),
        ("education", 2, 1, 1, "sv-child-s sv-child-t")]
    assert rows(loaded, "absent-agencies", by="partnership") == [
        ("Bexford Safeguarding Partnership", 3, 3, 0, "sv-child-t"),
        ("Ashby Safeguarding Children Partnership", 3, 2, 1, "sv-child-s")]
    by_label = rows(loaded, "absent-agencies", by="label")
    assert by_label == rows(loaded, "absent-agencies")
    assert ("Dr Rowe's surgery", "health", 1, 1, 0, "sv-child-s") in by_label


def test_missed_sharing_by_service_and_partnership(loaded):
    assert rows(loaded, "missed-sharing", by="service") == [
        ("gp_practice", "childrens_social_care", 2, 2, 0, 1, "sv-child-s sv-child-t"),
        ("police", "health_visiting", 1, 0, 1, 1, "sv-child-s")]
    assert rows(loaded, "missed-sharing", by="partnership") == [
        ("Ashby Safeguarding Children Partnership", 2, 1, 1, "sv-child-s"),
        ("Bexford Safeguarding Partnership", 1, 1, 0, "sv-child-t")]


def test_known_to_by_service(loaded):
    assert rows(loaded, "known-to", by="service", min_agencies=1) == [
        ("childrens_social_care", 2, 2, 1, 2, "sv-child-s sv-child-t"),
        ("gp_practice", 2, 2, 1, 2, "sv-child-s sv-child-t"),
        ("health_visiting", 1, 1, 1, 1, "sv-child-s"),
        ("police", 1, 1, 0, 1, "sv-child-s"),
        ("school", 1, 1, 1, 1, "sv-child-s")]
    assert rows(loaded, "known-to", by="partnership", min_agencies=1) == [
        ("Ashby Safeguarding Children Partnership", 1, 1, 1, "sv-child-s"),
        ("Bexford Safeguarding Partnership", 1, 1, 1, "sv-child-t")]


def test_by_and_service_are_checked(loaded):
    with pytest.raises(KinmapError, match="--by and --service are for"):
        run_query(loaded, "themes", Options(by="service"))
    with pytest.raises(KinmapError, match="is not a service"):
        run_query(loaded, "absent-agencies", Options(service="gp"))


def test_cli_counts_by_service(tmp_path):
    store = str(tmp_path / "store")
    runner = CliRunner()
    assert runner.invoke(cli, ["--store", store, "load", str(FIXTURE)]).exit_code == 0
    result = runner.invoke(cli, ["--store", store, "query", "absent-agencies", "--by", "service",
                                 "--service", "gp_practice", "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "service,missing,absent,notAttending,inferred,reviews",
        "gp_practice,2,2,0,1,sv-child-s sv-child-t"]
    result = runner.invoke(cli, ["--store", store, "query", "absent-agencies", "--by", "area"])
    assert result.exit_code == 2 and "'area' is not one of" in result.output
    result = runner.invoke(cli, ["--store", store, "query", "themes", "--by", "service"])
    assert result.exit_code == 1 and "Traceback" not in result.output
