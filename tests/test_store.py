"""The store, embedded (Oxigraph folder) and remote (a real Oxigraph server): same answers."""
from __future__ import annotations

import socket

import pytest
from conftest import EXAMPLE_FILES, GOLD_FILES

from kinmap.errors import StoreError
from kinmap.graph.store import open_store
from kinmap.loaders.casemap import read_casemap
from kinmap.ontology import graph_iri

ALL_FILES = GOLD_FILES + EXAMPLE_FILES
RIVERSIDE = next(p for p in EXAMPLE_FILES if p.name == "riverside-child-m.yaml")
DIGEST = next(p for p in EXAMPLE_FILES if p.name == "digest-two-reviews.yaml")

#: stats() key -> CaseMap section it counts.
SECTION_OF_COUNT = {"Person": "people", "Relationship": "relationships",
                    "Household": "households", "Agency": "agencies",
                    "Involvement": "involvements", "Meeting": "meetings",
                    "Decision": "decisions", "Event": "events",
                    "InformationSharing": "information_sharing", "Finding": "findings",
                    "Recommendation": "recommendations"}


def read_all(paths) -> list:
    return [cm for path in paths for cm in read_casemap(path)]


def expected_counts(casemaps) -> dict[str, int]:
    """What stats() should say, counted straight from the CaseMap objects."""
    counts = {"Review": len(casemaps),
              "SubjectChild": sum(len(cm.subjects) for cm in casemaps)}
    for name, section in SECTION_OF_COUNT.items():
        counts[name] = sum(len(getattr(cm, section)) for cm in casemaps)
    counts["Quote"] = sum((cm.review.quote is not None)
                          + sum(e.quote is not None for _, _, e in cm.elements())
                          for cm in casemaps)
    return counts


def dump(store) -> list[str]:
    return sorted(str(q) for q in store.quads())


def test_loading_gold_gives_its_review_ids(store):
    casemaps = read_all(GOLD_FILES)
    for path in GOLD_FILES:
        store.load(read_casemap(path))
    assert store.review_ids() == sorted(cm.review.id for cm in casemaps)
    assert len(store.review_ids()) == len(casemaps)  # no two gold reviews share an id


def test_loading_twice_keeps_one_copy_and_says_replaced(store):
    casemaps = read_casemap(DIGEST)
    first = store.load(casemaps)
    stats_once = store.stats()
    second = store.load(read_casemap(DIGEST))
    assert first == [("digest-child-p", False), ("digest-siblings-t", False)]
    assert second == [("digest-child-p", True), ("digest-siblings-t", True)]
    assert store.stats() == stats_once
    assert stats_once["Review"] == 2 and stats_once["Triples"] > 0
    assert store.review_ids() == ["digest-child-p", "digest-siblings-t"]


def test_remove_drops_exactly_one_review(store):
    store.load(read_casemap(DIGEST))
    store.load(read_casemap(RIVERSIDE))
    kept = store.stats()["Triples"] - len(store.graph_triples("riverside-child-m"))
    assert store.remove("riverside-child-m") is True
    assert store.review_ids() == ["digest-child-p", "digest-siblings-t"]
    assert store.stats()["Triples"] == kept
    assert store.remove("riverside-child-m") is False
    assert store.remove("no-such-review") is False
    assert store.review_ids() == ["digest-child-p", "digest-siblings-t"]


def test_empty_load_is_a_no_op(store):
    assert store.load([]) == []
    assert store.review_ids() == []


@pytest.mark.parametrize("path", ALL_FILES, ids=lambda p: p.name)
def test_casemap_reads_back_equal(store, path):
    casemaps = read_casemap(path)
    store.load(casemaps)
    for cm in casemaps:
        assert store.casemap(cm.review.id) == cm
    assert list(store.casemaps()) == sorted(casemaps, key=lambda cm: cm.review.id)


def test_casemap_of_an_unknown_review_is_a_store_error(store):
    store.load(read_casemap(RIVERSIDE))
    with pytest.raises(StoreError, match="no review 'nope'"):
        store.casemap("nope")


def test_stats_match_the_case_maps(store):
    casemaps = read_all(ALL_FILES)
    for path in ALL_FILES:
        store.load(read_casemap(path))
    stats = store.stats()
    triples = stats.pop("Triples")
    assert stats == expected_counts(casemaps)
    assert triples == len(list(store.quads()))


def test_stats_of_an_empty_store_are_zero(store):
    assert set(store.stats().values()) == {0}


def test_summaries_rows(store):
    casemaps = read_all(EXAMPLE_FILES)
    for path in EXAMPLE_FILES:
        store.load(read_casemap(path))
    expected = sorted(
        (cm.review.id, cm.review.title, cm.review.type, cm.review.source_file,
         len(cm.people), sum(1 for _ in cm.elements()))
        for cm in casemaps)
    got = [(s.id, s.title, s.type, s.source, s.people, s.elements)
           for s in store.summaries()]
    assert got == expected
    riverside = next(s for s in store.summaries() if s.id == "riverside-child-m")
    assert (riverside.type, riverside.people, riverside.source) == \
        ("lcspr", 9, "riverside-child-m.txt")


def _failing_updates() -> dict[str, str]:
    graph = graph_iri("riverside-child-m")
    start = (f"DROP GRAPH <{graph}> ;\n"
             "INSERT DATA { GRAPH <urn:kinmap-test:g> { <urn:a> <urn:b> <urn:c> } } ;\n")
    return {
        "syntax-error": start + "INSERT DATA { oops",
        "load-from-nowhere": start + "LOAD <http://127.0.0.1:1/nothing>",
        "drop-missing-graph": start + "DROP GRAPH <urn:kinmap-test:does-not-exist>",
    }


@pytest.mark.parametrize("failing", sorted(_failing_updates()))
def test_failed_update_changes_nothing(store, failing):
    """The first operations of a failed update must be rolled back, and the
    failure reported as a StoreError (one line in the CLI, not a traceback)."""
    store.load(read_casemap(RIVERSIDE))
    before = dump(store)
    with pytest.raises(StoreError):
        store.update(_failing_updates()[failing])
    assert dump(store) == before
    assert store.review_ids() == ["riverside-child-m"]


def test_embedded_and_remote_give_the_same_answers(tmp_path, sparql_server):
    with open_store(sparql_server) as remote:
        with open_store(str(tmp_path / "store")) as embedded:
            for path in ALL_FILES:
                embedded.load(read_casemap(path))
                remote.load(read_casemap(path))
            assert embedded.review_ids() == remote.review_ids()
            assert embedded.stats() == remote.stats()
            assert embedded.summaries() == remote.summaries()
            assert list(embedded.casemaps()) == list(remote.casemaps())
            assert len(embedded.review_ids()) == len(read_all(ALL_FILES))


def test_embedded_store_on_a_file_is_a_store_error(tmp_path):
    path = tmp_path / "not-a-folder"
    path.write_text("hello", encoding="utf-8")
    with pytest.raises(StoreError, match="is a file"):
        open_store(str(path))
    assert path.read_text(encoding="utf-8") == "hello"


def test_embedded_store_not_created_when_asked_not_to(tmp_path):
    with pytest.raises(StoreError, match="no store here yet"):
        open_store(str(tmp_path / "missing"), create=False)
    assert not (tmp_path / "missing").exists()


def test_embedded_store_persists_after_close(tmp_path):
    with open_store(str(tmp_path / "store")) as store:
        store.load(read_casemap(RIVERSIDE))
    with open_store(str(tmp_path / "store"), create=False) as again:
        assert again.review_ids() == ["riverside-child-m"]


def test_remote_store_where_nothing_listens_is_a_clear_store_error():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    store = open_store(f"http://127.0.0.1:{port}")  # nothing listens there now
    with pytest.raises(StoreError) as caught:
        store.review_ids()
    message = str(caught.value)
    assert f"127.0.0.1:{port}" in message
    assert "cannot reach the SPARQL server" in message
    assert "running" in message


def test_a_bulk_load_is_flushed_as_it_goes(tmp_path, monkeypatch):
    # A single flush after millions of unflushed quads hung in RocksDB (embedded.py).
    import kinmap.graph.embedded as embedded
    monkeypatch.setattr(embedded, "FLUSH_EVERY", 500)
    flushes = []
    with open_store(str(tmp_path / "store")) as store:
        original = store._flush
        monkeypatch.setattr(store, "_flush", lambda: (flushes.append(1), original())[1])
        for outcome in store.load_each([read_casemap(p) for p in ALL_FILES]):
            assert isinstance(outcome, list)
            assert store._unflushed < 500 + 3000  # never far past the threshold
        loaded = store.review_ids()
        first = len(flushes)
        assert first >= 3
        for outcome in store.load_each([read_casemap(p) for p in ALL_FILES]):
            assert all(replaced for _, replaced in outcome)  # updates, counted by size
        assert len(flushes) >= 2 * first - 1
    with open_store(str(tmp_path / "store"), create=False) as again:
        assert again.review_ids() == loaded


def test_term_values_by_datatype():
    """Literals read as Python values by their datatype's local name, whoever's vocabulary
    it is; unbound, IRIs and text as before (the reading is decided once per datatype)."""
    from pyoxigraph import BlankNode, Literal, NamedNode

    from kinmap.graph.store import term_value
    xsd = "http://www.w3.org/2001/XMLSchema#"
    cases = [(Literal("7", datatype=NamedNode(xsd + "integer")), 7),
             (Literal("7", datatype=NamedNode("https://example.test/v#long")), 7),
             (Literal("2.5", datatype=NamedNode(xsd + "decimal")), 2.5),
             (Literal("1", datatype=NamedNode(xsd + "boolean")), True),
             (Literal("false", datatype=NamedNode(xsd + "boolean")), False),
             (Literal("7"), "7"), (Literal("sept", language="fr"), "sept"),
             (Literal("7", datatype=NamedNode(xsd + "integerish")), "7"),
             (NamedNode("https://example.test/a"), "https://example.test/a"),
             (BlankNode("b1"), "b1"), (None, None)]
    for _ in range(2):  # the second time from the converters already decided
        for term, value in cases:
            assert term_value(term) == value and type(term_value(term)) is type(value), term
