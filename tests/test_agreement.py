"""Agreement in the workbench is the project's scorer's: the same numbers on the same pair.

The scorer (`../shared/tools/score_casemap.py`) runs as a program on files; the
library's `kinmap.agreement` runs on CaseMaps. Both score the extractor's draft
of a real review against its gold case map, and every count must be the same.
"""
from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import GOLD, SEEDS, SHARED

from kinmap.agreement import CORE, EXTRA, casemap_agreement, combined
from kinmap.exports.casemap import write_casemap
from kinmap.loaders import read
from kinmap.loaders.reviews import read_review

SCORER = SHARED / "tools" / "score_casemap.py"
PAIRS = ["001_464b5804325a0a80", "004_d01caf61cc546630"]


@pytest.mark.parametrize("name", PAIRS)
def test_agreement_is_the_scorers_on_a_gold_and_draft_pair(tmp_path, name):
    if not SCORER.exists():
        pytest.skip(f"{SCORER} is missing")
    [draft] = read_review(SEEDS / f"{name}.txt")
    write_casemap([draft], tmp_path / f"{name}.yaml")
    scored = subprocess.run([sys.executable, str(SCORER), "--gold", str(GOLD / f"{name}.yaml"),
                             "--pred", str(tmp_path / f"{name}.yaml"), "--json"],
                            capture_output=True, text=True, check=True)
    expected = json.loads(scored.stdout)
    [gold] = read(GOLD / f"{name}.yaml")
    found = casemap_agreement(draft, gold)
    assert [s.section for s in found.sections] == CORE + EXTRA
    for section in found.sections:
        want = expected["categories"][section.section]
        assert (section.tp, section.fp, section.fn) == (want["tp"], want["fp"], want["fn"]), \
            section.section
        assert round(section.precision, 3) == want["precision"]
        assert round(section.recall, 3) == want["recall"]
        assert round(section.f1, 3) == want["f1"]
    assert [round(x, 3) for x in found.micro] == [expected["micro"][k] for k in
                                                  ("precision", "recall", "f1")]
    # a real draft is neither perfect nor empty, so the comparison means something
    assert 0 < found.micro[2] < 1


def test_agreement_over_several_reviews_is_the_scorers_over_a_folder(tmp_path):
    """A partnership's figure: counts added over reviews, as the scorer does for folders."""
    if not SCORER.exists():
        pytest.skip(f"{SCORER} is missing")
    gold_dir, pred_dir = tmp_path / "gold", tmp_path / "pred"
    gold_dir.mkdir()
    pred_dir.mkdir()
    each = []
    for name in PAIRS:
        [draft] = read_review(SEEDS / f"{name}.txt")
        write_casemap([draft], pred_dir / f"{name}.yaml")
        (gold_dir / f"{name}.yaml").write_bytes((GOLD / f"{name}.yaml").read_bytes())
        each.append(casemap_agreement(draft, read(GOLD / f"{name}.yaml")[0]))
    scored = subprocess.run([sys.executable, str(SCORER), "--gold", str(gold_dir), "--pred",
                             str(pred_dir), "--json"], capture_output=True, text=True,
                            check=True)
    expected = json.loads(scored.stdout)
    found = combined(each)
    for section in found.sections:
        want = expected["categories"][section.section]
        assert (section.tp, section.fp, section.fn) == (want["tp"], want["fp"], want["fn"])
        assert round(section.f1, 3) == want["f1"]
    assert round(found.micro[2], 3) == expected["micro"]["f1"]
    assert found.micro != each[0].micro   # the second review counts


def test_a_reviewed_map_agrees_with_itself_entirely():
    [gold] = read(GOLD / f"{PAIRS[0]}.yaml")
    found = casemap_agreement(gold, gold)
    assert found.micro == (1.0, 1.0, 1.0)
    assert all(s.fp == 0 and s.fn == 0 for s in found.sections)
