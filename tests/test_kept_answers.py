"""Store-wide answers kept by the writer: equal to the folded ones, never used when stale."""
from __future__ import annotations

import io
import json

import pytest
from click.testing import CliRunner

from kinmap.cli import cli
from kinmap.graph import identity, kept
from kinmap.graph.queries import QUERIES, Options, get_query, run_query, storewide
from kinmap.graph.queries.facts import stats_over_store
from kinmap.graph.store import open_store
from kinmap.loaders import read
from kinmap.ontology import answers_graph_iri, graph_iri
from kinmap.output import write_rows

from conftest import DATA, EXAMPLE_FILES, GOLD_FILES

FIXTURE = DATA / "queries" / "two-reviews.yaml"


def folded(store, name, options):
    query = get_query(name)
    extra = {"same": identity.links(store)} if query.follows_links else {}
    return storewide.folded_answer(store, query, options, extra)


def links_of(store, name):
    return identity.links(store) if get_query(name).follows_links else None


def assert_kept_is_folded(store, stats_live: bool = True):
    """Every kept answer is there, and is what folding the store gives, rows and text."""
    for name, options in kept.kept_options():
        table = kept.kept_table(store, name, options, links_of(store, name))
        assert table is not None, (name, options)
        answer = folded(store, name, options)
        assert table == answer, (name, options)
        for fmt in kept.FORMATS:
            out = io.StringIO()
            write_rows(answer.columns, answer.rows, fmt, out)
            assert kept.kept_query_text(store, name, options, fmt) == out.getvalue()
    if stats_live:
        assert store.stats() == store.live_stats()
    assert store.stats() == stats_over_store(store)
    assert store.summaries() == store.live_summaries()
    assert kept.kept_rows(store, "stats") is not None
    assert kept.kept_rows(store, "reviews") is not None


def nothing_kept_is_used(store):
    return all(kept.kept_table(store, name, options, links_of(store, name)) is None
               for name, options in kept.kept_options()) and \
        kept.kept_rows(store, "stats") is None and kept.kept_rows(store, "reviews") is None


def test_kept_answers_follow_load_replace_and_remove(store):
    for path in [FIXTURE, *EXAMPLE_FILES, *GOLD_FILES[:3]]:
        store.load(read(path))
    assert nothing_kept_is_used(store)  # the library's load keeps nothing by itself
    assert "stats" in kept.keep(store)
    assert_kept_is_folded(store)
    assert store.stats()["Triples"] == len(list(store.quads()))  # kept graph is no review's
    # replaced by a smaller version of itself: what was kept is stale, the answer is not
    before = run_query(store, "themes", Options())
    smaller = read(EXAMPLE_FILES[0])[0]
    smaller.findings = []
    store.load([smaller])
    assert nothing_kept_is_used(store)
    assert run_query(store, "themes", Options()) == folded(store, "themes", Options())
    assert run_query(store, "themes", Options()) != before
    kept.keep(store)
    assert_kept_is_folded(store)
    assert store.remove(smaller.review.id)
    assert nothing_kept_is_used(store)
    assert smaller.review.id not in {s.id for s in store.summaries()}
    kept.keep(store)
    assert_kept_is_folded(store)
    assert smaller.review.id not in {s.id for s in store.summaries()}


def test_writes_that_keep_nothing_are_noticed(store):
    """An older kinmap, a stopped load, another tool on a shared server: no stale answer."""
    store.load(read(FIXTURE))
    store.load(read(EXAMPLE_FILES[0]))
    kept.keep(store)
    # stored answers written again without a token (an older kinmap's load, a reindex)
    graph = answers_graph_iri("q-child-j")
    store.update(f"DELETE WHERE {{ GRAPH <{graph}> {{ ?a {kept.TOKEN} ?t }} }}")
    assert nothing_kept_is_used(store)
    kept.keep(store)
    assert_kept_is_folded(store)
    # another tool drops a review's graph and leaves its stored answers behind
    store.update(f"DROP SILENT GRAPH <{graph_iri('q-child-j')}>")
    assert nothing_kept_is_used(store)
    assert "q-child-j" not in {s.id for s in store.summaries()}
    assert all("q-child-j" not in str(row) for row in run_query(store, "chronology").rows)
    kept.keep(store)
    assert_kept_is_folded(store, stats_live=False)  # see the test below
    store.update(f"DROP SILENT GRAPH <{graph}>")
    # another tool adds a review of its own, with no stored answers at all
    review = graph_iri("elsewhere")
    store.update(f"""PREFIX km: <https://w3id.org/kinmap/ontology#>
INSERT DATA {{ GRAPH <{review}> {{ <{review}> km:describes <{review}#review> .
  <{review}#review> a km:Review }} }}""")
    assert nothing_kept_is_used(store)
    assert "elsewhere" in {s.id for s in store.summaries()}
    kept.keep(store)
    assert_kept_is_folded(store)
    assert "elsewhere" in {s.id for s in store.summaries()}


def test_stats_leave_out_the_facts_of_a_review_graph_dropped_by_another_tool(tmp_path):
    with open_store(str(tmp_path / "store")) as store:
        store.load(read(FIXTURE))
        store.update(f"DROP SILENT GRAPH <{graph_iri('q-child-j')}>")
        assert stats_over_store(store) == store.live_stats()


def test_a_new_identity_link_is_noticed_and_kept(store):
    store.load(read(FIXTURE))
    kept.keep(store)
    a, b = "q-child-j/mum", "q-child-v/nan"
    assert identity.link(store, a, b)
    name = "interconnected-families"
    assert kept.kept_table(store, name, Options(), identity.links(store)) is None
    assert kept.kept_table(store, "themes", Options()) is not None  # not about links
    assert kept.keep(store, only=[name]) == [f"query-{name}"]
    assert_kept_is_folded(store)
    joined = run_query(store, name, Options())
    assert any("the same person" in row[3] for row in joined.rows)


def test_answers_kept_by_another_version_are_not_used(store, monkeypatch):
    store.load(read(FIXTURE))
    kept.keep(store)
    monkeypatch.setattr(kept, "version", lambda: "0000000000000000")
    assert nothing_kept_is_used(store)
    assert run_query(store, "themes", Options()) == folded(store, "themes", Options())


def test_unreadable_kept_rows_are_not_used(store):
    store.load(read(FIXTURE))
    kept.keep(store)
    predicate = kept._predicate("query-themes", "rows")
    graph = f"<{kept.KEPT_GRAPH}>"
    store.update(f"""DELETE {{ GRAPH {graph} {{ {graph} {predicate} ?v }} }}
INSERT {{ GRAPH {graph} {{ {graph} {predicate} "{{\\"columns\\": 7}}" }} }}
WHERE {{ GRAPH {graph} {{ {graph} {predicate} ?v }} }}""")
    assert kept.kept_table(store, "themes", Options()) is None
    assert run_query(store, "themes", Options()).rows[0][:3] == ("voice_of_child", 2, 2)


def test_what_reading_a_kept_answer_knows_of_the_queries_is_what_they_say():
    from kinmap.graph.queries import COUNTS_BY
    from kinmap.graph.queries.answers import BY
    assert kept.DEFAULT_OPTIONS == vars(Options())
    assert kept.COUNTS_BY == COUNTS_BY and kept.BY == BY
    assert kept.FOLLOW_LINKS == tuple(n for n, q in QUERIES.items() if q.follows_links)


def test_only_default_and_by_options_are_kept():
    assert kept.query_key("themes", Options()) == "query-themes"
    assert kept.query_key("known-to", Options(by="service")) == "query-known-to-by-service"
    assert kept.query_key("themes", Options(review="r")) is None
    assert kept.query_key("absent-agencies", Options(kind="any")) is None
    assert kept.query_key("known-to", Options(by="kind", min_agencies=1)) is None
    assert kept.query_key("chronology", Options(detail=True)) is None
    names = {name for name, _ in kept.kept_options()}
    assert names == set(QUERIES) - kept.LISTINGS


def test_the_commands_that_write_keep_the_answers(tmp_path):
    location = str(tmp_path / "store")
    runner = CliRunner()

    def run(*args):
        result = runner.invoke(cli, ["--store", location, *args])
        assert result.exit_code == 0, result.output
        return result

    def printed_is_folded():
        with open_store(location, read_only=True) as store:
            assert kept.kept_rows(store, "stats") is not None  # kept, so what follows read it
            expected = {}
            for fmt in kept.FORMATS:
                answer = folded(store, "absent-agencies", Options(by="service"))
                out = io.StringIO()
                write_rows(answer.columns, answer.rows, fmt, out)
                expected[fmt] = out.getvalue()
            counts = store.live_stats()
        for fmt in kept.FORMATS:
            assert run("query", "absent-agencies", "--by", "service", "--format",
                       fmt).stdout == expected[fmt]
        assert {r["kind"]: r["count"] for r in json.loads(
            run("stats", "--format", "json").stdout)} == counts

    run("load", str(FIXTURE), str(EXAMPLE_FILES[0]))
    printed_is_folded()
    run("remove", "q-child-j")
    printed_is_folded()
    assert "q-child-j" not in run("reviews").stdout
    with open_store(location) as store:
        store.update(f"DROP SILENT GRAPH <{answers_graph_iri('q-child-v')}>")
    run("reindex")
    printed_is_folded()
    run("load", str(FIXTURE))
    run("same-person", "q-child-j/mum", "q-child-v/nan")
    printed_is_folded()
    assert "the same person" in run("query", "interconnected-families", "--format", "json").stdout


@pytest.mark.parametrize("fmt", kept.FORMATS)
def test_a_query_the_writer_did_not_keep_is_folded(tmp_path, fmt):
    location = str(tmp_path / "store")
    runner = CliRunner()
    assert runner.invoke(cli, ["--store", location, "load", str(FIXTURE)]).exit_code == 0
    result = runner.invoke(cli, ["--store", location, "query", "absent-agencies", "--kind",
                                 "any", "--format", fmt])
    with open_store(location, read_only=True) as store:
        answer = run_query(store, "absent-agencies", Options(kind="any"))
    out = io.StringIO()
    write_rows(answer.columns, answer.rows, fmt, out)
    assert result.exit_code == 0 and result.stdout == out.getvalue()


def test_printing_a_kept_answer_needs_none_of_the_queries_code(tmp_path):
    import subprocess
    import sys
    location = str(tmp_path / "store")
    assert CliRunner().invoke(cli, ["--store", location, "load", str(FIXTURE)]).exit_code == 0
    probe = ("import sys\nfrom kinmap.cli import main\n"
             f"sys.argv = ['kinmap', '--store', {location!r}, 'query', 'themes']\n"
             "try:\n    main()\nexcept SystemExit:\n    pass\n"
             "print(sorted(m for m in sys.modules if m.startswith('kinmap.graph.queries')))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          check=True)
    assert "voice_of_child" in done.stdout
    assert done.stdout.splitlines()[-1] == "[]"


def test_the_listings_are_not_kept_and_are_named_alike_in_both_modules():
    assert kept.LISTINGS == set(storewide.LISTINGS)
    assert not {name for name, _ in kept.kept_options()} & kept.LISTINGS
    assert kept.query_key("chronology", Options()) is None


def test_every_reviews_rows_are_the_stored_rows_kept_compact(tmp_path):
    from kinmap.graph.queries import stored
    with open_store(str(tmp_path / "store")) as store:
        for path in EXAMPLE_FILES:
            store.load(read(path))
        # one review without stored rows: read live
        store.update(f"DROP SILENT GRAPH <{answers_graph_iri(store.review_ids()[0])}>")
        for name, query in QUERIES.items():
            rows, live = storewide.every_review_rows(store, query)
            plain, plain_live = stored.rows_over_store(store, query)
            assert live == plain_live == [store.review_ids()[0]]
            assert list(rows) == plain and len(rows) == len(plain), name
            if plain:
                assert rows[0] == plain[0] and rows[-1] == plain[-1] and rows[1:3] == plain[1:3]
                first = rows[0]
                first["changed"] = True  # each read is a new dict: answers cannot leak
                assert "changed" not in rows[0]
                with pytest.raises(IndexError):
                    rows[len(plain)]
        assert any(len(storewide.every_review_rows(store, q)[0]) > 10 for q in QUERIES.values())
