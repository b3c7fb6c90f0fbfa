"""Every export format gives the same bytes for the same reviews: run twice, from two stores.

Each export runs in its own Python process with its own hash seed, so an order
that comes from a set or a dict of strings (rdflib's store, a blank node made
at random) shows up as a difference, as it would between two days' exports.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLES, ROOT

from kinmap.exports import WRITERS, format_names

#: Exports every format from one store through the real CLI, in one process.
EXPORT_ALL = """
import sys
from kinmap.cli import cli
from kinmap.exports import WRITERS
store, out = sys.argv[1], sys.argv[2]
for fmt in sys.argv[3:]:
    target = f"{out}/{fmt}" if WRITERS[fmt].folder else f"{out}/{fmt}{WRITERS[fmt].suffix}"
    cli.main(["--store", store, "export", "--format", fmt, "-o", target],
             standalone_mode=False)
"""


def _run(seed: str, *args: str) -> None:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    subprocess.run([sys.executable, "-c", *args], check=True, env=env, cwd=ROOT,
                   capture_output=True)


def _export_everything(tmp_path: Path, name: str, seed: str) -> dict[str, bytes]:
    store, out = tmp_path / f"store-{name}", tmp_path / f"out-{name}"
    out.mkdir()
    _run(seed, "from kinmap.cli import main; main()", "--store", str(store), "load", "-q",
         str(EXAMPLES))
    _run(seed, EXPORT_ALL, str(store), str(out), *format_names())
    return {str(path.relative_to(out)): path.read_bytes()
            for path in sorted(out.rglob("*")) if path.is_file()}


@pytest.fixture(scope="module")
def two_exports(tmp_path_factory):
    """Every format exported from two fresh stores of the examples, in processes seeded apart."""
    tmp_path = tmp_path_factory.mktemp("deterministic")
    return _export_everything(tmp_path, "a", "1"), _export_everything(tmp_path, "b", "2")


@pytest.mark.parametrize("fmt", format_names())
def test_every_format_exports_the_same_bytes_twice(two_exports, fmt):
    first, second = two_exports
    top = {fmt, fmt + WRITERS[fmt].suffix}
    files = sorted(name for name in first if name.split("/")[0] in top)
    assert files, f"{fmt} wrote nothing"
    assert files == sorted(name for name in second if name.split("/")[0] in top)
    for name in files:
        assert first[name], name
        assert first[name] == second[name], f"{name} differs between two exports"


def test_list_blank_nodes_are_named_after_their_owner():
    """The cells of an ordered list are labelled from the element and predicate that own it."""
    from kinmap.graph.mapping import casemap_to_quads
    from kinmap.loaders import read

    casemap = read(EXAMPLES / "riverside-child-m.yaml")[0]
    cells = lambda: sorted({q.subject.value for q in casemap_to_quads(casemap)  # noqa: E731
                            if type(q.subject).__name__ == "BlankNode"})
    labels = cells()
    assert labels and labels == cells()
    # Unique across reviews: another review's lists share no label.
    other = read(EXAMPLES / "eastbrook-baby-r.yaml")[0]
    assert not set(labels) & {q.subject.value for q in casemap_to_quads(other)
                              if type(q.subject).__name__ == "BlankNode"}
