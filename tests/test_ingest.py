"""Loading and extracting through the pipeline: --jobs 1 and --jobs 2 give the same result."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import DATA, EXAMPLES

from kinmap.cli import cli
from kinmap.extract_files import extract_files
from kinmap.graph.load import load_files
from kinmap.graph.store import open_store

TEXTS = sorted((DATA / "extract").glob("*.txt"))
RIVERSIDE = EXAMPLES / "riverside-child-m.yaml"


def stored(location: Path) -> tuple[set[str], int, list]:
    """A store's quads without blank nodes, how many have one, and its reviews read back.

    Blank node labels are left out of the comparison: replacing a review (an update
    with an INSERT template) gives the cells of its lists fresh labels, whoever loads.
    """
    with open_store(str(location), read_only=True) as store:
        quads = [str(q) for q in store.oxigraph]
        plain = {q for q in quads if "_:" not in q}
        return plain, len(quads) - len(plain), list(store.casemaps())


@pytest.fixture(scope="module")
def mixed(tmp_path_factory) -> list[Path]:
    """Documents, case maps and one broken file; the same review twice (a copy later on)."""
    folder = tmp_path_factory.mktemp("mixed")
    for path in TEXTS[:4] + sorted(EXAMPLES.glob("*.yaml")):
        shutil.copy(path, folder / path.name)
    (folder / "m_broken.yaml").write_text("kinmap: 1\nreview: [\n")
    shutil.copy(RIVERSIDE, folder / "z_riverside_again.yaml")
    return sorted(folder.iterdir())


@pytest.fixture(scope="module")
def loads(mixed, tmp_path_factory):
    """The same files loaded with one process and with two workers."""
    out = {}
    for jobs in (1, 2):
        store = tmp_path_factory.mktemp(f"jobs{jobs}") / "store"
        out[jobs] = store, load_files(lambda s=store: open_store(str(s)), mixed, jobs=jobs)
    return out


def test_one_and_two_workers_make_the_same_store(loads):
    (one, _), (two, _) = loads[1], loads[2]
    quads, blank, casemaps = stored(one)
    assert len(quads) > 4_000 and blank > 0 and len(casemaps) == 10
    assert stored(two) == (quads, blank, casemaps)


def test_files_load_in_the_order_named_and_a_later_copy_replaces(loads, mixed):
    for jobs in (1, 2):
        report = loads[jobs][1]
        files = [f for f, _, _ in report.loaded]
        assert files == sorted(files) and set(files) == set(mixed) - {mixed[0].parent /
                                                                      "m_broken.yaml"}
        replaced = [(f.name, rid) for f, rid, r in report.loaded if r]
        assert replaced == [("z_riverside_again.yaml", "riverside-child-m")]


def test_a_broken_file_fails_alone(loads, mixed):
    for jobs in (1, 2):
        report = loads[jobs][1]
        assert [f.name for f, _ in report.failed] == ["m_broken.yaml"]
        assert "m_broken.yaml" in str(report.failed[0][1])
        assert len({f for f, _, _ in report.loaded}) == len(mixed) - 1


def test_the_cli_loads_with_jobs_and_says_one_line_per_failure(mixed, tmp_path):
    result = CliRunner().invoke(cli, ["--store", str(tmp_path / "s"), "load", "--jobs", "2",
                                      "-q", str(mixed[0].parent)])
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 2 and lines[0].startswith("kinmap: error: ") and \
        "m_broken.yaml" in lines[0]
    assert lines[1].startswith(f"loaded {len(mixed) - 1 + 2} review(s)")  # a digest holds two
    assert "(1 replaced an earlier copy)" in lines[1]


def test_when_every_file_is_broken_no_store_is_made(tmp_path):
    for n in range(3):
        (tmp_path / f"bad{n}.yaml").write_text("kinmap: 1\nreview: [\n")
    report = load_files(lambda: open_store(str(tmp_path / "store")), [tmp_path], jobs=2)
    assert len(report.failed) == 3 and not report.loaded
    assert not (tmp_path / "store").exists()


def test_the_remote_store_loads_through_the_same_writer(oxigraph_server, tmp_path):
    files = TEXTS[:2] + [RIVERSIDE]
    report = load_files(lambda: open_store(oxigraph_server), files, jobs=2)
    assert not report.failed and len(report.loaded) == 3
    embedded = tmp_path / "store"
    load_files(lambda: open_store(str(embedded)), files, jobs=1)
    with open_store(oxigraph_server) as remote, open_store(str(embedded)) as local:
        assert remote.review_ids() == local.review_ids()
        for rid in local.review_ids():
            assert remote.casemap(rid) == local.casemap(rid)


def test_parallel_extraction_writes_the_same_drafts(tmp_path):
    reports = {jobs: extract_files(TEXTS, tmp_path / f"j{jobs}", jobs=jobs) for jobs in (1, 2)}
    names = sorted(p.name for p in (tmp_path / "j1").iterdir())
    assert len(names) == len(TEXTS)
    assert names == sorted(p.name for p in (tmp_path / "j2").iterdir())
    for name in names:
        assert (tmp_path / "j1" / name).read_bytes() == (tmp_path / "j2" / name).read_bytes()
    assert [(d, w.name, len(h)) for d, w, h in reports[1].written] == \
        [(d, w.name, len(h)) for d, w, h in reports[2].written]
    assert all(h for _, _, h in reports[2].written)  # the rules behind each element came back
