"""`stats` and `reviews` add up facts stored at load: always what counting live gives."""
from __future__ import annotations

from conftest import DATA, EXAMPLE_FILES, GOLD_FILES

from kinmap.graph.queries.facts import COUNTS, SUMMARY, review_facts, stored_facts
from kinmap.graph.queries.stored import reindex, rows_predicate
from kinmap.graph.store import review_quads
from kinmap.loaders import read
from kinmap.ontology import answers_graph_iri

FIXTURE = DATA / "queries" / "two-reviews.yaml"
HOSTILE = DATA / "valid" / "hostile.yaml"


def same_as_live(store) -> None:
    assert store.stats() == store.live_stats()
    assert store.summaries() == store.live_summaries()


def test_stored_facts_equal_live_counts_after_load_replace_and_remove(store):
    same_as_live(store)  # empty
    assert set(store.stats().values()) == {0}
    for path in [FIXTURE, HOSTILE, *EXAMPLE_FILES, *GOLD_FILES[:4]]:
        store.load(read(path))
    assert len(stored_facts(store, COUNTS)) == len(store.review_ids())
    same_as_live(store)
    before = store.stats()
    # replaced by a smaller version of itself: the counts go down with it
    smaller = read(EXAMPLE_FILES[0])[0]
    smaller.relationships, smaller.findings = smaller.relationships[:1], []
    store.load([smaller])
    same_as_live(store)
    assert store.stats()["Triples"] < before["Triples"]
    assert store.stats()["Relationship"] < before["Relationship"]
    assert store.stats()["Finding"] < before["Finding"]
    assert store.remove(smaller.review.id)
    same_as_live(store)
    assert store.stats()["Review"] == before["Review"] - 1
    assert smaller.review.id not in {s.id for s in store.summaries()}


def test_reviews_without_stored_facts_are_counted_live(store):
    store.load(read(FIXTURE))
    store.load(read(EXAMPLE_FILES[0]))
    expected = (store.stats(), store.summaries())
    gone = store.review_ids()[0]
    store.update(f"DROP SILENT GRAPH <{answers_graph_iri(gone)}>")
    assert gone not in stored_facts(store, COUNTS)
    assert (store.stats(), store.summaries()) == expected
    # unreadable facts are not trusted either
    other = store.review_ids()[1]
    graph = answers_graph_iri(other)
    store.update(f"""DELETE {{ GRAPH <{graph}> {{ ?a {rows_predicate(COUNTS)} ?v }} }}
INSERT {{ GRAPH <{graph}> {{ ?a {rows_predicate(COUNTS)} "{{\\"Person\\": \\"many\\"}}" }} }}
WHERE {{ GRAPH <{graph}> {{ ?a {rows_predicate(COUNTS)} ?v }} }}""")
    assert store.stats() == expected[0]
    assert reindex(store) == [gone]  # missing ones; unreadable ones take --all
    assert reindex(store, [other], everything=True) == [other]
    assert set(stored_facts(store, SUMMARY)) == set(store.review_ids())
    assert (store.stats(), store.summaries()) == expected


def test_facts_of_one_review_count_what_its_graph_holds():
    casemap = read(EXAMPLE_FILES[0])[0]
    facts = review_facts(casemap.review.id, review_quads(casemap))
    assert facts[COUNTS]["Review"] == 1
    assert facts[COUNTS]["Person"] == len(casemap.people)
    assert facts[COUNTS]["Agency"] == len(casemap.agencies)
    assert facts[SUMMARY]["people"] == len(casemap.people)
    assert facts[SUMMARY]["title"] == casemap.review.title
    # quads of other graphs (the stored answers) are not the review's
    assert facts[COUNTS]["Triples"] < len(review_quads(casemap))
