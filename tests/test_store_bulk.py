"""Large files go into the embedded store through Oxigraph's bulk loader (embedded.py,
BULK_FROM), small ones in a transaction: the same store either way, private files,
and a file there whole or not at all, even when the writer is killed mid-load."""
from __future__ import annotations

import random
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import EXAMPLES
from test_store_sharing import assert_private, umask_022  # noqa: F401 - a fixture

import kinmap.graph.embedded as embedded
from kinmap.graph.store import open_store
from kinmap.loaders import read

EXAMPLE_FILES = sorted(EXAMPLES.glob("*.yaml"))


def dump(folder: Path) -> list[str]:
    with open_store(str(folder), read_only=True) as store:
        return sorted(str(q) for q in store.oxigraph)


def load_examples(folder: Path) -> int:
    """Load each example file; the quads left to flush (none when bulk-loaded)."""
    with open_store(str(folder)) as store:
        for path in EXAMPLE_FILES:
            store.load(read(path))
        return store._unflushed


def test_the_bulk_loader_and_a_transaction_write_the_same_store(tmp_path, monkeypatch,
                                                                 umask_022):
    monkeypatch.setattr(embedded, "BULK_FROM", 10**9)
    assert load_examples(tmp_path / "transactions") > 1000
    monkeypatch.setattr(embedded, "BULK_FROM", 100)  # every example file is bigger
    assert load_examples(tmp_path / "bulk") == 0  # written to files of their own
    assert dump(tmp_path / "bulk") == dump(tmp_path / "transactions")
    assert_private(tmp_path / "bulk")
    assert not list((tmp_path / "bulk").glob("bulk-*.sst"))
    # loaded again: each review is replaced (an update, which names list cells anew)
    assert load_examples(tmp_path / "bulk") > 1000
    assert load_examples(tmp_path / "transactions") > 1000
    unnamed = sorted(re.sub(r"_:\w+", "_:", q) for q in dump(tmp_path / "bulk"))
    assert unnamed == sorted(re.sub(r"_:\w+", "_:", q) for q in dump(tmp_path / "transactions"))


WRITER = r"""
import sys
from kinmap.graph.store import open_store
from kinmap.ontology import graph_iri
store = open_store(sys.argv[1])
for i in range(1000):
    rid = f"crash-{i:03d}"
    g = f"<{graph_iri(rid)}>"
    lines = [f"{g} <https://w3id.org/kinmap/ontology#describes> <https://example.test/{rid}> {g} ."]
    lines += [f"<https://example.test/{rid}/e{k}> <https://example.test/p> \"value {k} of {rid}\" {g} ."
              for k in range(19_999)]
    store.write_prepared([rid], ("\n".join(lines) + "\n").encode())
    print(rid, flush=True)
"""


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_writer_killed_mid_load_leaves_each_file_whole_or_absent(tmp_path, seed):
    folder = tmp_path / "store"
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(folder)],
                              stdout=subprocess.PIPE, text=True)
    assert writer.stdout is not None
    assert writer.stdout.readline().startswith("crash-000")  # one file written
    time.sleep(random.Random(seed).uniform(0.05, 1.0))  # then killed at any moment
    writer.send_signal(signal.SIGKILL)
    writer.wait()
    with open_store(str(folder)) as store:  # the next writer clears what was not taken in
        counts = dict(store.select(
            "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g").rows)
    assert counts and {n.value for n in counts.values()} == {"20000"}, counts
    assert not list(folder.glob("bulk-*.sst"))


def load_all(folder: Path, paths, gather: int | None = None, store_class=None):
    from kinmap.graph.load import load_files
    opener = (lambda: store_class(str(folder))) if store_class else \
        (lambda: open_store(str(folder)))
    if gather is not None:
        import kinmap.graph.embedded as module
        module.EmbeddedStore.gather_quads = gather
    try:
        return load_files(opener, paths)
    finally:
        embedded.EmbeddedStore.gather_quads = embedded.GATHER_QUADS


def test_a_load_gathers_new_reviews_and_writes_the_same_store(tmp_path):
    alone = load_all(tmp_path / "alone", EXAMPLE_FILES, gather=0)
    gathered = load_all(tmp_path / "gathered", EXAMPLE_FILES)
    assert gathered.loaded == alone.loaded and not gathered.failed
    assert dump(tmp_path / "gathered") == dump(tmp_path / "alone")
    # loaded again: replaced, each file alone (an update), the same reviews
    again = load_all(tmp_path / "gathered", EXAMPLE_FILES)
    assert {(p, r) for p, r, _ in again.loaded} == {(p, r) for p, r, _ in alone.loaded}
    assert all(replaced for _, _, replaced in again.loaded)


def test_when_gathered_files_cannot_be_written_together_each_is_written_alone(tmp_path):
    from kinmap.errors import StoreError

    class Refusing(embedded.EmbeddedStore):
        """A store whose writing of gathered files fails (a full disk, say)."""
        def write_new(self, files):
            raise StoreError(f"{self.location}: load failed: no space left on device")

    report = load_all(tmp_path / "store", EXAMPLE_FILES, store_class=Refusing)
    assert not report.failed
    assert len({p for p, _, _ in report.loaded}) == len(EXAMPLE_FILES)
    load_all(tmp_path / "plain", EXAMPLE_FILES)
    assert dump(tmp_path / "store") == dump(tmp_path / "plain")


def test_a_review_named_twice_in_one_load_is_replaced_by_the_later_file(tmp_path):
    first, second = tmp_path / "first.yaml", tmp_path / "second.yaml"
    text = (EXAMPLES / "riverside-child-m.yaml").read_text(encoding="utf-8")
    first.write_text(text, encoding="utf-8")
    second.write_text(text.replace("title: ", "title: Revised - ", 1), encoding="utf-8")
    report = load_all(tmp_path / "store", [first, second])
    assert [(p.name, replaced) for p, _, replaced in report.loaded] == [
        ("first.yaml", False), ("second.yaml", True)]
    with open_store(str(tmp_path / "store"), read_only=True) as store:
        titles = [t.value for t, in store.select(
            "SELECT ?t WHERE { GRAPH ?g { ?r <http://purl.org/dc/terms/title> ?t } }").rows]
    assert len(titles) == 1 and titles[0].startswith("Revised - ")


def test_gathered_files_are_written_all_or_none_even_when_one_breaks_midway(tmp_path):
    from kinmap.errors import StoreError
    from kinmap.ingest import PreparedFile
    from kinmap.ontology import graph_iri

    def prepared(rid: str, count: int, broken: bool = False) -> PreparedFile:
        g = f"<{graph_iri(rid)}>"
        lines = [f"<https://example.test/{rid}/e{k}> <https://example.test/p> \"{k}\" {g} ."
                 for k in range(count)]
        if broken:
            lines[count // 2] = "<not a quad"
        return PreparedFile((rid,), ("\n".join(lines) + "\n").encode(), count)

    with open_store(str(tmp_path / "store")) as store:
        with pytest.raises(StoreError, match="load failed"):
            store.write_new([prepared("one", 3000), prepared("two", 3000, broken=True)])
        assert len(store.oxigraph) == 0  # the first file's quads were read, not written
        store.write_new([prepared("one", 3000), prepared("two", 3000)])
        assert len(store.oxigraph) == 6000
