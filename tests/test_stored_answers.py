"""Stored answers: worked out at load, equal to the live answers, never trusted when stale."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from pyoxigraph import Literal

from kinmap.cli import cli
from kinmap.errors import StoreError
from kinmap.graph.queries import QUERIES, Options, run_query
from kinmap.graph.queries.rows import COLUMNS
from kinmap.graph.queries.stored import (VERSION, current_reviews, decode, encode, reindex,
                                         rows_predicate, stored_rows)
from kinmap.graph.store import PREFIXES, open_store
from kinmap.loaders import read
from kinmap.ontology import ANSWERS_IRI, answers_graph_iri

from conftest import DATA, EXAMPLE_FILES, GOLD_FILES

FIXTURE = DATA / "queries" / "two-reviews.yaml"
STORE_WIDE = [Options(), Options(kind="any"), Options(detail=True), Options(min_agencies=1)]


def answers(store):
    return {(name, options): run_query(store, name, options)
            for name in QUERIES for options in STORE_WIDE}


def test_stored_rows_are_the_live_rows_of_every_review(store):
    for path in [FIXTURE, *EXAMPLE_FILES, *GOLD_FILES]:
        store.load(read(path))
    ids = store.review_ids()
    assert current_reviews(store) == set(ids)
    for name, query in QUERIES.items():
        kept = stored_rows(store, name)
        assert set(kept) == set(ids), name
        for rid in ids:
            assert kept[rid] == query.collect(store, rid), (name, rid)


def test_store_wide_answers_are_the_same_read_live(store):
    store.load(read(FIXTURE))
    store.load(read(EXAMPLE_FILES[0]))
    kept = answers(store)
    assert all(not table.notes for table in kept.values())
    store.update("DROP SILENT GRAPH <%s>" % answers_graph_iri("q-child-j"))
    live = answers(store)
    assert live == kept
    assert all("1 review(s) had no stored answers" in table.notes[0] for table in live.values())


def test_answers_of_another_version_or_unreadable_are_not_used(store):
    store.load(read(FIXTURE))
    graph = answers_graph_iri("q-child-j")
    older = f"{ANSWERS_IRI}v/0000000000000000/"
    store.update(f"""DELETE {{ GRAPH <{graph}> {{ ?a ?p ?rows }} }}
INSERT {{ GRAPH <{graph}> {{ ?a ?older ?rows }} }}
WHERE {{ GRAPH <{graph}> {{ ?a ?p ?rows }}
        FILTER(STRSTARTS(STR(?p), "{ANSWERS_IRI}v/"))
        BIND(IRI(CONCAT("{older}", STRAFTER(STR(?p), "{VERSION}/"))) AS ?older) }}""")
    assert current_reviews(store) == {"q-child-v"}
    assert set(stored_rows(store, "themes")) == {"q-child-v"}
    graph = answers_graph_iri("q-child-v")
    forged = Literal('{"columns": 7}')
    store.update(f"""DELETE {{ GRAPH <{graph}> {{ <{graph}> {rows_predicate("themes")} ?r }} }}
INSERT {{ GRAPH <{graph}> {{ <{graph}> {rows_predicate("themes")} {forged} }} }}
WHERE {{ GRAPH <{graph}> {{ <{graph}> {rows_predicate("themes")} ?r }} }}""")
    assert stored_rows(store, "themes") == {}
    table = run_query(store, "themes", Options())
    assert "2 review(s) had no stored answers" in table.notes[0]
    assert [row[:3] for row in table.rows][0] == ("voice_of_child", 2, 2)


def test_reindex_stores_what_is_missing_and_only_that(store):
    store.load(read(FIXTURE))
    before = answers(store)
    store.update("DROP SILENT GRAPH <%s>" % answers_graph_iri("q-child-v"))
    assert reindex(store) == ["q-child-v"]
    assert reindex(store) == []
    assert current_reviews(store) == {"q-child-j", "q-child-v"}
    assert answers(store) == before
    assert all(not table.notes for table in answers(store).values())
    assert reindex(store, ["q-child-j"], everything=True) == ["q-child-j"]


def test_removing_or_replacing_a_review_takes_its_answers_with_it(store):
    store.load(read(FIXTURE))
    store.load(read(FIXTURE))  # replaced: one set of answers, not two
    result = store.select(PREFIXES + "SELECT ?a WHERE { GRAPH ?a { ?a km:answersFor ?g } }")
    assert len(result.rows) == 2
    assert store.stats()["Triples"] == len(list(store.quads()))
    store.remove("q-child-j")
    assert set(stored_rows(store, "chronology")) == {"q-child-v"}
    assert store.stats()["Triples"] == len(list(store.quads()))


def test_rows_survive_their_json_form():
    rows = [{"review": "r", "date": None, "agencies": 3, "subject": True, "quote": 'a "b" ☂'}]
    assert decode(encode(rows)) == rows
    assert decode(encode([])) == []
    with pytest.raises(ValueError):
        decode(json.dumps({"columns": "x", "rows": []}))
    with pytest.raises(ValueError):
        decode(json.dumps({"columns": ["review"], "rows": [["r", 1]]}))
    with pytest.raises(ValueError):  # well formed, but not what themes' answers read
        decode(json.dumps({"columns": ["review"], "rows": [["r"]]}), COLUMNS["themes"])


def test_every_query_gives_the_columns_it_declares(store):
    store.load(read(FIXTURE))
    for name, query in QUERIES.items():
        rows = query.collect(store, "q-child-j")
        assert rows and all(list(r) == COLUMNS[name] for r in rows), name
    assert len(VERSION) == 16


def test_load_each_writes_batches_in_order(store):
    fixture, riverside = read(FIXTURE), read(EXAMPLE_FILES[0])
    outcomes = list(store.load_each([fixture, riverside, fixture]))
    assert outcomes == [[("q-child-j", False), ("q-child-v", False)],
                        [(cm.review.id, False) for cm in riverside],
                        [("q-child-j", True), ("q-child-v", True)]]
    assert len(store.review_ids()) == 2 + len(riverside)
    assert current_reviews(store) == set(store.review_ids())
    assert list(store.load_each([])) == []


def test_load_each_gives_each_failed_batch_its_error():
    from conftest import _free_port
    with open_store(f"http://127.0.0.1:{_free_port()}") as nowhere:
        outcomes = list(nowhere.load_each([read(FIXTURE), read(EXAMPLE_FILES[0])]))
    assert len(outcomes) == 2
    assert all(isinstance(o, StoreError) and "cannot reach" in str(o) for o in outcomes)


def test_cli_reindex_and_note(tmp_path):
    location = str(tmp_path / "store")
    runner = CliRunner()
    assert runner.invoke(cli, ["--store", location, "load", str(FIXTURE)]).exit_code == 0
    with open_store(location) as store:
        store.update("DROP SILENT GRAPH <%s>" % answers_graph_iri("q-child-j"))
    result = runner.invoke(cli, ["--store", location, "query", "themes"])
    assert result.exit_code == 0
    assert "kinmap: note: 1 review(s) had no stored answers" in result.stderr
    assert "voice_of_child" in result.stdout and "note" not in result.stdout
    result = runner.invoke(cli, ["--store", location, "reindex"])
    assert result.exit_code == 0 and "stored the answers of 1 review(s)" in result.stderr
    assert "note" not in runner.invoke(cli, ["--store", location, "query", "themes"]).stderr
    result = runner.invoke(cli, ["--store", location, "reindex", "nope"])
    assert result.exit_code == 1 and "no review 'nope'" in result.stderr


def test_unknown_review_is_refused_before_any_work(store):
    store.load(read(FIXTURE))
    with pytest.raises(StoreError, match="no review 'nope'"):
        run_query(store, "chronology", Options(review="nope"))
