"""The ontology, its Python namespace, the vocabularies and the SHACL shapes agree."""
from __future__ import annotations

import pyoxigraph
import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, SKOS

from kinmap import vocab
from kinmap.graph.mapping import casemap_to_triples
from kinmap.graph.shacl import validate_casemap, validate_triples
from kinmap.loaders import read
from kinmap.ontology import KM, KM_IRI, KMV_IRI, ONTOLOGY_FILE, concept, concept_value

from conftest import EXAMPLE_FILES, GOLD_FILES

ONTOLOGY = Graph().parse(ONTOLOGY_FILE)
CIN = "https://w3id.org/kinmap/align/cin-census/source-of-referral/"


def ontology_terms() -> set[str]:
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
    return {str(s)[len(KM_IRI):] for kind in kinds for s in ONTOLOGY.subjects(RDF.type, kind)
            if str(s).startswith(KM_IRI)}


def test_namespace_and_ontology_agree_both_ways():
    in_code = set(KM.__annotations__) | set(KM._extras)
    assert in_code == ontology_terms()


def test_misspelt_term_fails():
    with pytest.raises(AttributeError):
        KM.Persn  # noqa: B018


def test_every_km_term_used_in_code_exists():
    import pathlib
    import re

    import kinmap
    used = set()
    for path in pathlib.Path(kinmap.__file__).parent.rglob("*.py"):
        used |= set(re.findall(r"\bKM\.([A-Za-z]+)", path.read_text(encoding="utf-8")))
        used |= set(re.findall(r"\bKM\[\"([A-Za-z]+)\"\]", path.read_text(encoding="utf-8")))
    used.discard("_NS")
    assert used, "the scan found no KM terms at all"
    assert used <= ontology_terms()


def test_vocabularies_are_skos_schemes_both_ways():
    every = {str(s) for s in ONTOLOGY.subjects(RDF.type, SKOS.ConceptScheme)}
    schemes = {s[len(KMV_IRI):] for s in every if s.startswith(KMV_IRI)}
    assert schemes == set(vocab.VOCABULARIES)
    # the only other scheme is what the services are aligned with (the census codes)
    assert every - {KMV_IRI + s for s in schemes} == {CIN}
    for scheme, values in vocab.VOCABULARIES.items():
        in_ttl = {str(n) for c in ONTOLOGY.subjects(SKOS.inScheme, URIRef(KMV_IRI + scheme))
                  for n in ONTOLOGY.objects(c, SKOS.notation)}
        assert in_ttl == set(values), scheme


def test_concept_iris_round_trip_and_refuse_unknown_values():
    assert concept_value(str(concept("role", "half_sister"))) == ("role", "half_sister")
    with pytest.raises(KeyError):
        concept("role", "mum")


@pytest.mark.parametrize("path", GOLD_FILES + EXAMPLE_FILES, ids=lambda p: p.name)
def test_every_gold_and_example_review_conforms(path):
    for cm in read(path):
        assert validate_casemap(cm) == []


def _without(triples, predicate_iri, subject_suffix):
    return [t for t in triples if not (t.predicate.value == predicate_iri
                                       and t.subject.value.endswith(subject_suffix))]


def test_shapes_catch_a_wrong_vocabulary_value_and_a_missing_kind():
    [cm] = read(EXAMPLE_FILES[0]) if len(read(EXAMPLE_FILES[0])) == 1 else read(GOLD_FILES[0])
    triples = casemap_to_triples(cm)
    person = next(t.subject for t in triples if t.predicate.value == str(KM.role))
    agency = next(t.subject for t in triples if t.predicate.value == str(KM.agencyKind))
    broken = [t for t in triples if not (t.subject == person and
                                         t.predicate.value == str(KM.role))]
    broken.append(pyoxigraph.Triple(person, pyoxigraph.NamedNode(str(KM.role)),
                                    pyoxigraph.NamedNode(str(concept("sex", "male")))))
    broken = _without(broken, str(KM.agencyKind), agency.value)
    found = validate_triples(cm.review.id, broken)
    assert len(found) == 2
    messages = " | ".join(map(str, found))
    assert "km:role" in messages and "kmv:sex-male is not an allowed value" in messages
    assert "km:agencyKind" in messages
