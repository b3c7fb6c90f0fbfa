"""Answers and exports are written as they are read, never held whole a second time."""
from __future__ import annotations

import io
import json

import pytest
from click.testing import CliRunner
from conftest import EXAMPLE_FILES

from kinmap.cli import cli
from kinmap.exports import casemaps_to_export
from kinmap.exports.rdf import quads_of, write_nquads, write_ntriples
from kinmap.graph.embedded import EmbeddedStore
from kinmap.graph.store import open_store
from kinmap.loaders import read
from kinmap.output import write_rows


class Watched:
    """An iterator that counts how many items were taken from it."""

    def __init__(self, items):
        self.items, self.taken = iter(items), 0

    def __iter__(self):
        return self

    def __next__(self):
        item = next(self.items)
        self.taken += 1
        return item


class Recording(io.BytesIO):
    """A stream that notes, at every write, how many items its source had given."""

    def __init__(self, source: Watched):
        super().__init__()
        self.source, self.seen = source, []

    def write(self, data):
        self.seen.append(self.source.taken)
        return super().write(data)


@pytest.fixture(scope="module")
def casemaps():
    return [cm for path in EXAMPLE_FILES for cm in read(path)]


@pytest.mark.parametrize("writer", [write_nquads, write_ntriples])
def test_line_formats_write_each_review_before_reading_the_next(casemaps, writer):
    source = Watched(casemaps)
    out = Recording(source)
    writer(source, out)
    assert len(casemaps) >= 3
    # every write happened while at most one review had been read past what was written
    assert sorted(set(out.seen)) == list(range(1, len(casemaps) + 1))


def test_streamed_nquads_are_the_bytes_written_all_at_once(casemaps):
    import pyoxigraph
    streamed = io.BytesIO()
    write_nquads(iter(casemaps), streamed)
    whole = pyoxigraph.serialize(quads_of(casemaps), format=pyoxigraph.RdfFormat.N_QUADS)
    assert streamed.getvalue() == whole


def test_reviews_to_export_are_read_one_at_a_time(tmp_path, casemaps, monkeypatch):
    read_so_far = []
    real = EmbeddedStore.casemap
    monkeypatch.setattr(EmbeddedStore, "casemap",
                        lambda self, rid: read_so_far.append(rid) or real(self, rid))
    with open_store(str(tmp_path / "store")) as store:
        store.load(casemaps)
        exported = casemaps_to_export(store)
        assert read_so_far == []
        first = next(exported)
        assert read_so_far == [first.review.id]
        assert [first.review.id] + [cm.review.id for cm in exported] == store.review_ids()
        with pytest.raises(Exception, match="no review 'nobody'"):
            next(casemaps_to_export(store, [store.review_ids()[0], "nobody"]))
        assert len(read_so_far) == len(casemaps)  # the unknown id stopped it before any read


def test_export_nq_of_the_whole_store_streams_from_the_store(tmp_path, casemaps, monkeypatch):
    import kinmap.exports.rdf as rdf
    location = str(tmp_path / "store")
    with open_store(location) as store:
        store.load(casemaps)
        back = [store.casemap(rid) for rid in store.review_ids()]
    import pyoxigraph
    whole = pyoxigraph.serialize(quads_of(back), format=pyoxigraph.RdfFormat.N_QUADS)
    read_so_far, seen = [], []
    real_casemap, real_serialize = EmbeddedStore.casemap, rdf.pyoxigraph.serialize
    monkeypatch.setattr(EmbeddedStore, "casemap",
                        lambda self, rid: read_so_far.append(rid) or real_casemap(self, rid))

    class Serialize:
        def __getattr__(self, name):
            return getattr(real_pyoxigraph, name)

        @staticmethod
        def serialize(*args, **kwargs):
            seen.append(len(read_so_far))
            return real_serialize(*args, **kwargs)
    real_pyoxigraph = rdf.pyoxigraph
    monkeypatch.setattr(rdf, "pyoxigraph", Serialize())
    result = CliRunner().invoke(cli, ["--store", location, "export", "--format", "nq",
                                      "-o", str(tmp_path / "all.nq")])
    assert result.exit_code == 0, result.output
    assert seen == list(range(1, len(casemaps) + 1))  # one review read per review written
    assert (tmp_path / "all.nq").read_bytes() == whole  # what writing them all at once gave


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_rows_are_written_as_they_come(fmt):
    rows = Watched([("a", 1), ("b", 2), ("c", 3)])

    class Out(io.StringIO):
        def __init__(self):
            super().__init__()
            self.seen = []

        def write(self, text):
            self.seen.append(rows.taken)
            return super().write(text)
    out = Out()
    write_rows(("name", "n"), rows, fmt, out)
    assert 1 in out.seen and 2 in out.seen  # written before the last row was read
    if fmt == "json":
        assert json.loads(out.getvalue()) == [{"name": "a", "n": 1}, {"name": "b", "n": 2},
                                              {"name": "c", "n": 3}]


def test_json_rows_are_the_bytes_json_dump_writes():
    columns = ["text", "n", "x", "flag", "nested", 'odd "name"']
    rows = [("é\n\u2028<script>", 1, 2.5, True, None, ""),
            ("", -3, float("inf"), False, [1, {"k": [2, None]}], "z"),
            ({"z": 1}, 0, 1e300, None, [], "x")]
    for given in ([], rows):
        streamed, whole = io.StringIO(), io.StringIO()
        write_rows(columns, iter(given), "json", streamed)
        json.dump([dict(zip(columns, row)) for row in given], whole, indent=2,
                  ensure_ascii=False, default=str)
        assert streamed.getvalue() == whole.getvalue() + "\n"
