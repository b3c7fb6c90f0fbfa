"""The embedded store on a shared machine: private files, and readers beside a writer.

Issue 10, items 3 and 8: the store folder is 0700 and its files 0600 whatever
the umask; commands that only read open the store without the writer's lock,
so they run beside each other and beside a load in another process.
"""
from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import EXAMPLES

from kinmap.cli import cli
from kinmap.errors import StoreError
from kinmap.graph.store import open_store
from kinmap.loaders import read

EXAMPLE_FILES = sorted(EXAMPLES.glob("*.yaml"))
EXAMPLE_IDS = sorted(cm.review.id for p in EXAMPLE_FILES for cm in read(p))


def modes(folder: Path) -> dict[str, int]:
    """The permission bits of the folder ('.') and of everything in it, folders in it too."""
    found = {".": stat.S_IMODE(folder.stat().st_mode)}
    found.update({str(p.relative_to(folder)): stat.S_IMODE(p.stat().st_mode)
                  for p in folder.rglob("*")})
    return found


def assert_private(folder: Path) -> None:
    """Folders 0700 and files 0600: only this account reads the store."""
    found = modes(folder)
    folders = {name for name in found if (folder / name).is_dir()}
    assert {found[name] for name in folders} == {0o700}, found
    assert {mode for name, mode in found.items() if name not in folders} == {0o600}, found


@pytest.fixture
def umask_022():
    before = os.umask(0o022)
    yield
    os.umask(before)


def test_store_is_private_whatever_the_umask(tmp_path, umask_022):
    folder = tmp_path / "new" / "store"
    with open_store(str(folder)) as store:
        store.load([cm for p in EXAMPLE_FILES for cm in read(p)])
        assert modes(folder)["."] == 0o700
    found = modes(folder)
    assert found.pop(".") == 0o700
    assert len(found) > 3 and set(found.values()) == {0o600}, found
    assert os.umask(0o022) == 0o022, "the process's own umask is given back"


def test_load_through_the_cli_makes_a_private_store(tmp_path):
    folder = tmp_path / "store"
    done = subprocess.run([sys.executable, "-c", "import os; os.umask(0o022); "
                           "from kinmap.cli import main; main()", "--store", str(folder),
                           "load", str(EXAMPLES)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert_private(folder)
    assert (folder / "kinmap-listings").is_dir()  # the listings kept beside the store


def test_a_store_made_readable_by_an_older_kinmap_is_made_private(tmp_path, umask_022):
    folder = tmp_path / "store"
    import pyoxigraph
    pyoxigraph.Store(str(folder)).flush()  # as kinmap made it before: 0755 and 0644
    (folder / "kinmap-listings").mkdir()  # a copy that lost the listings' modes
    (folder / "kinmap-listings" / "chronology.csv").write_text("")
    assert modes(folder)["."] == 0o755
    with open_store(str(folder)):
        pass
    assert_private(folder)


@pytest.fixture
def loaded(tmp_path) -> str:
    store = str(tmp_path / "store")
    with open_store(store) as opened:
        opened.load([cm for p in EXAMPLE_FILES for cm in read(p)])
    return store


def kinmap(*args: str):
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert "Traceback" not in result.output
    return result


READERS = [("reviews", "--format", "json"), ("stats",), ("query", "themes"),
           ("sparql", "-"), ("export", "--format", "nq"), ("validate",),
           ("same-person", "--list")]


def run_every_reader(store: str) -> None:
    for args in READERS:
        result = CliRunner().invoke(cli, ["--store", store, *args],
                                    input="ASK { GRAPH ?g { ?s ?p ?o } }")
        assert result.exit_code == 0, (args, result.output)
    listed = json.loads(kinmap("--store", store, "reviews", "--format", "json").stdout)
    assert sorted(row["review"] for row in listed) == EXAMPLE_IDS


def test_two_readers_at_once(loaded):
    with open_store(loaded, read_only=True) as first, \
            open_store(loaded, read_only=True) as second:
        assert first.review_ids() == second.review_ids() == EXAMPLE_IDS
        run_every_reader(loaded)


def test_readers_run_while_another_process_holds_the_store_for_writing(loaded):
    writer = subprocess.Popen(
        [sys.executable, "-c", "import sys; from kinmap.graph.store import open_store\n"
         f"with open_store({loaded!r}) as s:\n"
         "    print('open', flush=True); sys.stdin.readline()"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdout.readline().strip() == "open"
        run_every_reader(loaded)
        # a second writer is still refused, in one line
        refused = kinmap("--store", loaded, "remove", "riverside-child-m")
        assert refused.exit_code == 1
        assert "another kinmap is writing to it" in refused.output
    finally:
        writer.communicate("\n", timeout=60)
    assert writer.returncode == 0


def test_a_reader_sees_what_was_committed_before_it_opened(loaded):
    with open_store(loaded) as writer:
        writer.remove("riverside-child-m")  # committed, the writer still open
        with open_store(loaded, read_only=True) as reader:
            assert "riverside-child-m" not in reader.review_ids()
            assert len(reader.review_ids()) == len(EXAMPLE_IDS) - 1


def test_a_reader_cannot_write(loaded):
    with open_store(loaded, read_only=True) as reader:
        with pytest.raises(StoreError, match="read-only"):
            reader.remove("riverside-child-m")


def test_a_reader_of_a_missing_store_is_told_to_load(tmp_path):
    result = kinmap("--store", tmp_path / "none", "reviews")
    assert result.exit_code == 1 and "no store here yet" in result.output
    assert not (tmp_path / "none").exists()
