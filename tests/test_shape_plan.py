"""The screens of shape_plan.py clear clean reviews and stop at every breakage.

A screen stands for a group of checks: when it clears them they do not run. So
each breakage of tests/test_shape_queries.py (every check broken once, held to
pyshacl there) must get past the screen of its check, and the screened run must
report exactly what the checks report one by one.
"""
from __future__ import annotations

import pyoxigraph
import pytest

from kinmap.graph.embedded import MemoryStore
from kinmap.graph.mapping import casemap_to_triples
from kinmap.graph.shape_plan import plan, unit_rows
from kinmap.graph.shape_queries import shape_checks, store_violations
from kinmap.loaders import read
from kinmap.ontology import graph_iri

from conftest import EXAMPLE_FILES, GOLD_FILES
from test_shape_queries import BASE, BATCHES, KM, instances

N, L = pyoxigraph.NamedNode, pyoxigraph.Literal


def store_of(*reviews: tuple[str, list]) -> MemoryStore:
    """A store in memory holding each (review id, triples) in its review graph."""
    return MemoryStore(pyoxigraph.Quad(t.subject, t.predicate, t.object, N(graph_iri(rid)))
                       for rid, triples in reviews for t in triples)


def unit_of(check):
    return next(unit for unit in plan(shape_checks()) if check in unit.checks)


def test_every_check_is_in_exactly_one_unit():
    placed = [check for unit in plan(shape_checks()) for check in unit.checks]
    assert sorted(map(id, placed)) == sorted(map(id, shape_checks()))


def test_the_screens_clear_a_clean_review():
    with store_of((BASE.review.id, casemap_to_triples(BASE))) as store:
        screened = [unit for unit in plan(shape_checks()) if unit.screen]
        assert len(screened) > 40
        assert [unit for unit in screened if not unit.cleared(store)] == []


@pytest.mark.parametrize("batch", range(len(BATCHES)))
def test_every_breakage_gets_past_its_screen_and_is_reported_as_unscreened(batch):
    triples, expected = BATCHES[batch]
    with store_of((BASE.review.id, triples)) as store:
        for focus, check in expected:
            unit = unit_of(check)
            assert not unit.cleared(store), (check.shape, check.path, check.component)
            assert any(c is check and row["this"] == focus for c, row in unit_rows(store, unit))
        assert store_violations(store, screened=True) == store_violations(store, screened=False)


def test_two_graphs_sharing_a_subject_pass_the_count_screen_only_by_the_check():
    """The count screen counts subjects over the whole store: one subject in two
    reviews looks like two values, so the checks run, and find nothing wrong."""
    triples = casemap_to_triples(BASE)
    with store_of((BASE.review.id, triples), ("another-review", triples)) as store:
        units = [u for u in plan(shape_checks()) if u.clears_when == "equal counts"]
        assert not all(unit.cleared(store) for unit in units)
        assert store_violations(store) == store_violations(store, screened=False) == []


def test_two_values_on_an_element_that_is_no_target_are_not_reported():
    """km:nature has one value at most on a relationship; on a person it is no
    constraint: the screen lets the check run, and the check says nothing."""
    triples = casemap_to_triples(BASE)
    person = instances(triples, {KM + "Person"})[0]
    extra = [pyoxigraph.Triple(person, N(KM + "nature"), L(f"extra {i}")) for i in range(2)]
    with store_of((BASE.review.id, triples + extra)) as store:
        unit = next(u for u in plan(shape_checks())
                    if u.clears_when == "equal counts" and u.checks[0].path == KM + "nature")
        assert not unit.cleared(store)
        assert store_violations(store) == []


def test_a_broken_review_beside_clean_ones_is_found_with_its_graph():
    triples = casemap_to_triples(BASE)
    person = instances(triples, {KM + "Person"})[0]
    broken = [t for t in triples if not (t.subject == person and t.predicate.value ==
                                         "http://purl.org/dc/terms/identifier")]
    with store_of(("clean-one", triples), (BASE.review.id, broken)) as store:
        found = store_violations(store)
    assert [(v.review, v.path) for v in found] == [(BASE.review.id, "dcterms:identifier")]


@pytest.mark.parametrize("path", GOLD_FILES + EXAMPLE_FILES, ids=lambda p: p.name)
def test_gold_and_example_reviews_pass_every_screen(path):
    reviews = [(cm.review.id, casemap_to_triples(cm)) for cm in read(path)]
    with store_of(*reviews) as store:
        assert [u.checks[0].shape for u in plan(shape_checks())
                if u.screen and not u.cleared(store)] == []
