"""The listings streamed from each review's printed text: what the folded answer prints."""
from __future__ import annotations

import io
import json
import random

import pytest
from click.testing import CliRunner
from pyoxigraph import Literal, NamedNode, Quad

from kinmap.cli import cli
from kinmap.graph import listings
from kinmap.graph.queries import Options, get_query, stored, storewide
from kinmap.graph.queries import fragments as fragments_module
from kinmap.graph.queries.fragments import FORMATS, LISTINGS, fragment_name, fragments
from kinmap.graph.queries.rows import COLUMNS
from kinmap.graph.store import insert_data, open_store
from kinmap.loaders import read
from kinmap.ontology import answers_graph_iri, graph_iri
from kinmap.output import write_rows

from conftest import DATA, EXAMPLE_FILES, GOLD_FILES

FIXTURE = DATA / "queries" / "two-reviews.yaml"


def folded_text(store, name: str, fmt: str) -> tuple[str, list[str]]:
    """What the answer folded from each review's rows prints, and its notes."""
    table = storewide.folded_answer(store, get_query(name), Options(), {})
    out = io.StringIO()
    write_rows(table.columns, table.rows, fmt, out)
    return out.getvalue(), table.notes


def streamed_text(store, name: str, fmt: str) -> tuple[str, list[str]]:
    out = io.BytesIO()
    notes = listings.write_listing(store, name, fmt, out)
    return out.getvalue().decode("utf-8"), notes


def assert_streamed_is_folded(store) -> None:
    for name in LISTINGS:
        for fmt in FORMATS:
            streamed, notes = streamed_text(store, name, fmt)
            folded, folded_notes = folded_text(store, name, fmt)
            assert streamed == folded, (name, fmt)
            assert notes == folded_notes, (name, fmt)


def drop_printed(store, review: str, parts=(*FORMATS, "widths")) -> None:
    """Take a review's printed text away, its rows left: as an older kinmap stored it."""
    graph = f"<{answers_graph_iri(review)}>"
    store.update(" ;\n".join(
        f"DELETE WHERE {{ GRAPH {graph} {{ {graph} "
        f"{stored.rows_predicate(fragment_name(name, part))} ?v }} }}"
        for name in LISTINGS for part in parts))


def set_printed(store, review: str, name: str, part: str, text: str,
                named: bool = True) -> None:
    graph = NamedNode(answers_graph_iri(review))
    predicate = stored.rows_predicate(fragment_name(name, part))
    value = fragments_module.named(review, text) if named else text
    store.update(f"DELETE WHERE {{ GRAPH {graph} {{ {graph} {predicate} ?v }} }} ;\n"
                 + insert_data([Quad(graph, predicate, Literal(value), graph)]))


def test_streamed_listings_are_the_folded_ones_with_current_and_older_reviews(store):
    for path in [FIXTURE, *EXAMPLE_FILES, *GOLD_FILES[:4]]:
        store.load(read(path))
    reviews = store.review_ids()
    assert len(reviews) >= 6
    assert_streamed_is_folded(store)
    # one review stored by an older kinmap (rows, no printed text): printed from its rows
    drop_printed(store, reviews[1])
    # one with the table's widths but not its text, and one the other way round
    drop_printed(store, reviews[2], parts=("table",))
    drop_printed(store, reviews[3], parts=("widths", "json"))
    # one with no stored answers at all (written by another tool): read live, with a note
    store.update(f"DROP SILENT GRAPH <{answers_graph_iri(reviews[-1])}>")
    assert_streamed_is_folded(store)
    streamed, notes = streamed_text(store, "chronology", "csv")
    assert notes == [storewide.live_note(1)]
    # and the first review among them (JSON's opening bracket comes from the next one)
    drop_printed(store, reviews[0])
    store.update(f"DROP SILENT GRAPH <{answers_graph_iri(reviews[0])}>")
    assert_streamed_is_folded(store)


def test_stored_text_that_names_no_review_or_another_is_not_streamed(store):
    store.load(read(FIXTURE))
    store.load(read(EXAMPLE_FILES[1]))
    first, second = store.review_ids()[:2]
    set_printed(store, first, "decisions", "csv", "UNNAMED\n", named=False)
    set_printed(store, first, "decisions", "json", "UNNAMED", named=False)
    set_printed(store, first, "decisions", "widths", "[1]")
    # the second review's text also in the first's graph: named twice, so neither is used
    set_printed(store, first, "decisions", "table", "TWICE\n", named=False)
    graph = NamedNode(answers_graph_iri(first))
    store.update(insert_data([Quad(graph, stored.rows_predicate(
        fragment_name("decisions", "table")), Literal(fragments_module.named(
            second, "TWICE\n")), graph)]))
    for fmt in FORMATS:
        streamed = streamed_text(store, "decisions", fmt)[0]
        assert "UNNAMED" not in streamed and "TWICE" not in streamed
        assert streamed == folded_text(store, "decisions", fmt)[0]


def test_streamed_listings_follow_a_review_replaced_and_removed(store):
    store.load(read(FIXTURE))
    for example in EXAMPLE_FILES[1:3]:
        store.load(read(example))
    before = streamed_text(store, "chronology", "table")[0]
    smaller = read(EXAMPLE_FILES[1])[0]
    assert len(smaller.events) > 1 and smaller.decisions
    smaller.events = smaller.events[:1]
    smaller.decisions = []
    store.load([smaller])
    assert streamed_text(store, "chronology", "table")[0] != before
    assert_streamed_is_folded(store)
    assert store.remove(smaller.review.id)
    assert smaller.review.id not in streamed_text(store, "decisions", "csv")[0]
    assert_streamed_is_folded(store)


def test_an_empty_store_prints_what_no_rows_print(tmp_path):
    with open_store(str(tmp_path / "store")) as store:
        assert_streamed_is_folded(store)


def test_printed_text_of_another_version_is_never_streamed(store):
    """A review's text stands for its rows only while both are this kinmap's: text
    left from another version (of the rows, or of how rows print) is not used."""
    store.load(read(FIXTURE))
    reviews = store.review_ids()
    for fmt in FORMATS:
        set_printed(store, reviews[0], "chronology", fmt, "STALE\n")
    assert "STALE" in streamed_text(store, "chronology", "csv")[0]  # current: streamed
    assert streamed_text(store, "chronology", "csv")[0] != folded_text(
        store, "chronology", "csv")[0]  # which is why the comparisons above can fail
    # as if output.py had changed since: the text under the old digest is stale
    old = fragments_module.PRINTED
    try:
        fragments_module.PRINTED = "0" * 12
        for fmt in FORMATS:
            streamed, _ = streamed_text(store, "chronology", fmt)
            assert "STALE" not in streamed
            assert streamed == folded_text(store, "chronology", fmt)[0]
    finally:
        fragments_module.PRINTED = old


def test_what_decides_the_printed_text_is_in_its_version():
    """The text's predicate carries the queries' version (this folder, fragments.py
    included) and a digest of output.py: every function that prints is in one."""
    import inspect
    from pathlib import Path

    from kinmap import output
    covered = {Path(stored.__file__).parent, Path(output.__file__)}
    for function in (output.write_rows, output.write_json, output._cell, output.printable,
                     fragments, fragments_module.table_fragment, stored._printed_quads):
        path = Path(inspect.getsourcefile(function))
        assert path in covered or path.parent in covered, function
    assert stored.VERSION in stored.rows_predicate(fragment_name("chronology", "csv")).value
    assert fragments_module._output_digest() in fragment_name("chronology", "csv")
    assert "fragments.py" not in stored.READ_ONLY


ODD = [None, "", " ", "\u00a0\u3000", 0, 7, -1, 2.5, True, "a\tb\nc", "\x1b[31mred\u202e",
       "é\u00a0 ", "x" * 69, "y" * 70, "z" * 71, "w " * 40, '"quoted", with commas',
       "line one\r\nline two", "\u00a0trailing\u00a0"]


@pytest.mark.parametrize("name", LISTINGS)
@pytest.mark.parametrize("fmt", FORMATS)
def test_reviews_texts_joined_are_what_all_their_rows_print(name, fmt):
    """Cells of every kind (empty, blank, non-breaking spaces, control characters,
    numbers, long ones cut at 70) in reviews of none, one and many rows."""
    chosen = random.Random(12)
    columns = COLUMNS[name]
    reviews = [[[chosen.choice(ODD) for _ in columns] for _ in range(chosen.randint(0, 5))]
               for _ in range(40)]
    reviews.append([[""] * len(columns)])  # a line that is blank after its first cell
    reviews.append([[" "] * len(columns)])
    printed = [fragments(name, rows) for rows in reviews]
    expected = io.StringIO()
    write_rows(columns, [tuple(row) for rows in reviews for row in rows], fmt, expected)
    joined = io.StringIO()
    if fmt == "csv":
        write_rows(columns, [], "csv", joined)
        joined.write("".join(p["csv"] for p in printed))
    elif fmt == "json":
        body = "".join(p["json"] for p in printed)
        joined.write("[" + body[1:] + "\n]\n" if body else "[]\n")
    else:
        own = [json.loads(p["widths"]) for p in printed]
        widths = [max(ws) for ws in zip(*(o["widths"] for o in own))]
        joined.write(fragments_module.header(columns, widths))
        for p, o in zip(printed, own):
            joined.write(fragments_module.padded(p["table"].encode(), o, widths).decode())
    assert joined.getvalue() == expected.getvalue()


def test_a_cell_with_per_cent_signs_prints_them():
    columns = COLUMNS["chronology"]
    rows = [["r", "100%", "%s", "%%", "%(x)s", "", " ", None, "50 %"],
            ["r", "%", "%d", "%", "%%s", "", " ", "\u00a0", ""]]
    printed = fragments(name="chronology", rows=rows)
    expected = io.StringIO()
    write_rows(columns, rows, "table", expected)
    own = json.loads(printed["widths"])
    assert own["short"] == [[1, 4]] and own["lines"] == 2
    text = fragments_module.header(columns, own["widths"]) + fragments_module.padded(
        printed["table"].encode(), own, own["widths"]).decode()
    assert text == expected.getvalue()


class Writes(io.BytesIO):
    """Records the size of each write."""

    def __init__(self) -> None:
        super().__init__()
        self.sizes: list[int] = []

    def write(self, text: bytes) -> int:
        self.sizes.append(len(text))
        return super().write(text)


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_listing_is_written_a_review_at_a_time(tmp_path, fmt):
    """The answer is never built whole: each write is at most one review's share."""
    with open_store(str(tmp_path / "store")) as store:
        for path in [FIXTURE, *EXAMPLE_FILES, *GOLD_FILES[:3]]:
            store.load(read(path))
        out = Writes()
        listings.write_listing(store, "chronology", fmt, out)
        shares = []
        for review in store.review_ids():
            graph = NamedNode(answers_graph_iri(review))
            predicate = stored.rows_predicate(fragment_name("chronology", fmt))
            shares += [len(q.object.value)
                       for q in store.oxigraph.quads_for_pattern(graph, predicate, None, graph)]
        assert len(shares) == len(store.review_ids()) >= 5
        # a share can grow by its padding (table) or its first character (JSON's "[")
        assert max(out.sizes) <= max(shares) * 2 + 1
        assert max(out.sizes) < sum(shares) / 2


def test_reindex_stores_the_printed_text_of_reviews_without_it(tmp_path):
    with open_store(str(tmp_path / "store")) as store:
        store.load(read(FIXTURE))
        drop_printed(store, "q-child-j", parts=("json",))
        assert "q-child-j" not in stored.current_reviews(store)
        assert stored.reindex(store) == ["q-child-j"]
        assert stored.current_reviews(store) == set(store.review_ids())
        assert_streamed_is_folded(store)


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_prompt_streams_the_listings(tmp_path, fmt):
    location = str(tmp_path / "store")
    runner = CliRunner()
    assert runner.invoke(cli, ["--store", location, "load", str(FIXTURE),
                               str(EXAMPLE_FILES[0])]).exit_code == 0
    with open_store(location) as store:
        store.update(f"DROP SILENT GRAPH <{answers_graph_iri('q-child-j')}>")
        expected = {name: folded_text(store, name, fmt)[0] for name in LISTINGS}
    for name in LISTINGS:
        result = runner.invoke(cli, ["--store", location, "query", name, "--format", fmt])
        assert result.exit_code == 0, result.output
        assert result.stdout == expected[name]
        assert "1 review(s) had no stored answers" in result.stderr
    # other options are answered as before: one review, read live
    one = runner.invoke(cli, ["--store", location, "query", "chronology", "--review",
                              "q-child-v", "--format", fmt])
    assert one.exit_code == 0 and "q-child-j" not in one.stdout


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_writer_keeps_each_listing_as_a_file_the_prompt_copies(tmp_path, fmt):
    location = str(tmp_path / "store")
    runner = CliRunner()

    def prompt(name: str) -> str:
        result = runner.invoke(cli, ["--store", location, "query", name, "--format", fmt])
        assert result.exit_code == 0, result.output
        return result.stdout

    assert runner.invoke(cli, ["--store", location, "load", str(FIXTURE),
                               str(EXAMPLE_FILES[0])]).exit_code == 0
    with open_store(location, read_only=True) as store:
        expected = {name: folded_text(store, name, fmt)[0] for name in LISTINGS}
    for name in LISTINGS:
        kept = tmp_path / "store" / listings.KEPT_FOLDER / f"{name}.{fmt}"
        assert kept.stat().st_mode & 0o777 == 0o600  # quotes from reviews: private
        assert prompt(name) == expected[name]
        # what prints is the file's text after its head: the prompt copies it
        data = kept.read_bytes()
        kept.write_bytes(data[:listings._HEAD] + b"KEPT\n")
        assert prompt(name) == "KEPT\n"
        # a file of another kinmap is not copied
        head = json.loads(data[:listings._HEAD])
        kept.write_bytes(json.dumps({**head, "version": "another"}).encode().ljust(
            listings._HEAD, b"\n") + b"KEPT\n")
        assert prompt(name) == expected[name]
        kept.write_bytes(data[:listings._HEAD] + b"KEPT\n")
    # a write that keeps nothing (the library's load) leaves the files stale: not copied
    with open_store(location) as store:
        store.load(read(GOLD_FILES[0]))
        expected = {name: folded_text(store, name, fmt)[0] for name in LISTINGS}
    assert all(prompt(name) == expected[name] for name in LISTINGS)


def test_a_server_store_keeps_no_listing_files(tmp_path):
    class Elsewhere:  # any store that is not the embedded one has no folder of ours
        location = str(tmp_path)
    listings.keep_files(Elsewhere(), {})
    assert not (tmp_path / listings.KEPT_FOLDER).exists()
    assert listings.copy_kept(Elsewhere(), "chronology", "csv", io.BytesIO()) is None


def test_only_a_listing_with_nothing_else_asked_is_streamed():
    assert listings.streams("chronology", vars(Options()))
    assert listings.streams("decisions", vars(Options()))
    assert not listings.streams("themes", vars(Options()))
    assert not listings.streams("chronology", vars(Options(review="r")))
    assert not listings.streams("decisions", vars(Options(detail=True)))
    assert set(LISTINGS) == set(storewide.LISTINGS)
    assert graph_iri("x") != answers_graph_iri("x")
