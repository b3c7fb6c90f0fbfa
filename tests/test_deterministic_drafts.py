"""The extractor drafts the same case map from the same text on every run.

Each run is its own Python process with its own hash seed, so an order taken
from a set of strings shows up as a difference. One did: the parents given to
siblings "named together" followed a set's order, and a dev text's draft
changed between two runs.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import DATA, ROOT, SEEDS, SHARED

#: Drafts every text given, in this one process (-j 1), through the real CLI.
EXTRACT_ALL = """
import sys
from kinmap.cli import cli
cli.main(["extract", "-j", "1", "-o", sys.argv[1], *sys.argv[2:]], standalone_mode=False)
"""


def _texts() -> list[Path]:
    found = sorted(SEEDS.glob("*.txt")) + sorted((SHARED / "dev" / "texts").glob("*.txt"))
    extract = DATA / "extract"
    return found + sorted(extract.glob("*.txt")) + sorted(extract.glob("heldout*/texts/*.txt"))


def _drafts(out: Path, seed: str, texts: list[Path]) -> dict[str, bytes]:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    subprocess.run([sys.executable, "-c", EXTRACT_ALL, str(out), *map(str, texts)],
                   check=True, env=env, cwd=ROOT, capture_output=True)
    return {p.name: p.read_bytes() for p in sorted(out.glob("*.yaml"))}


def test_two_runs_with_other_hash_seeds_draft_the_same_bytes(tmp_path):
    texts = _texts()
    first = _drafts(tmp_path / "one", "1", texts)
    second = _drafts(tmp_path / "two", "2", texts)
    assert len(first) == len(texts)
    assert sorted(first) == sorted(second)
    changed = [name for name in first if first[name] != second[name]]
    assert not changed, f"drafts differ between runs: {changed}"
