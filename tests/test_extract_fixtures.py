"""End to end on fictional reviews unlike the seeds: the key facts of tests/data/extract/expected.yaml.

Also: every case map is valid (kinmap's checks and shared/tools/check_casemap.py),
every quote is an exact span of the input, every element has the rule that made
it, and the same input always gives the same output.
"""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import DATA, SHARED

from kinmap.errors import ExtractionError
from kinmap.exports.casemap import casemap_to_dict, dumps_casemap, write_casemap
from kinmap.loaders.checks import check_document
from kinmap.loaders.extract import EXTRACTOR_NAME, EXTRACTOR_VERSION, explain, extract, read_text
from kinmap.model import CaseMap

FIXTURES = DATA / "extract"
EXPECTED = yaml.safe_load((FIXTURES / "expected.yaml").read_text(encoding="utf-8"))
NAMES = sorted(EXPECTED)


def role_of(cm: CaseMap):
    roles = {p.id: ("subject" if p.subject and p is cm.subjects[0] else p.role) for p in cm.people}
    return roles.get


def extracted(name: str) -> list[CaseMap]:
    return extract((FIXTURES / name).read_text(encoding="utf-8"), name)


@pytest.mark.parametrize("name", NAMES)
def test_key_facts(name):
    casemaps = extracted(name)
    assert len(casemaps) == len(EXPECTED[name])
    for cm, want in zip(casemaps, EXPECTED[name]):
        check_review(cm, want)


def check_review(cm: CaseMap, want: dict) -> None:
    review = cm.review
    for key in ("title", "type", "partnership", "area", "published"):
        if key in want:
            assert getattr(review, key) == want[key], key
    if "period" in want:
        assert [review.period_from, review.period_to] == want["period"]
    subject = cm.subjects[0]
    for key, value in want["subject"].items():
        assert getattr(subject, key) == value, f"subject {key}"
    assert sorted({p.role for p in cm.people if not p.subject}) == want["people"]
    role = role_of(cm)
    ties = {(r.type, role(r.from_), role(r.to), r.nature) for r in cm.relationships}
    ties |= {(t, b, a, n) for t, a, b, n in ties if t in ("sibling", "half_sibling", "partner")}
    for tie in want.get("relationships", []):
        assert (*tie, None)[:4] in ties, tie
    for kind in want.get("no_relationships", []):
        assert kind not in {t[0] for t in ties}
    agencies = {(a.label, a.kind) for a in cm.agencies}
    for label, kind in want.get("agencies", []):
        assert (label, kind) in agencies, label
    for label in want.get("no_agencies", []):
        assert label not in {a.label for a in cm.agencies}
    if "meetings" in want:
        assert sorted(m.kind for m in cm.meetings) == want["meetings"]
    labels = {a.id: a.label for a in cm.agencies}
    for kind, who in want.get("attendance", {}).items():
        meeting = next(m for m in cm.meetings if m.kind == kind)
        assert [labels[a] for a in meeting.attended] == who["attended"]
        assert [labels[a] for a in meeting.absent] == who["absent"]
    outcomes = {(d.kind, d.outcome) for d in cm.decisions}
    for kind, outcome in want.get("decisions", {}).items():
        assert (kind, outcome) in outcomes, kind
    events = {e.kind for e in cm.events}
    assert set(want.get("events", [])) <= events
    assert not set(want.get("no_events", [])) & events
    if "sharing" in want:
        assert [s.status for s in cm.information_sharing] == want["sharing"]
    for key in ("findings", "recommendations"):
        if key in want:
            assert len(getattr(cm, key)) == want[key], key


@pytest.mark.parametrize("name", NAMES)
def test_valid_case_maps_with_exact_quotes(name, tmp_path):
    text = (FIXTURES / name).read_text(encoding="utf-8")
    casemaps = extract(text, name)
    flat = " ".join(text.split())
    for cm in casemaps:
        assert check_document(casemap_to_dict(cm)) == []
        assert cm.review.source_file == name
        for _section, _position, element in cm.elements():
            assert element.quote and " ".join(element.quote.split()) in flat
            assert 0 < element.confidence <= 1
    out = tmp_path / "out.yaml"
    write_casemap(casemaps, out)
    checker = SHARED / "tools" / "check_casemap.py"
    done = subprocess.run([sys.executable, str(checker), str(out), "--source",
                           str(FIXTURES / name)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("name", NAMES)
def test_every_element_has_its_rule(name):
    text = (FIXTURES / name).read_text(encoding="utf-8")
    for cm, hits in explain(text, name):
        made = {(h.section, h.element) for h in hits}
        for section, position, element in cm.elements():
            ref = getattr(element, "id", None) or position
            assert (section, ref) in made, (section, ref)
        assert all(h.rule and h.quote for h in hits)
        assert ("review", cm.review.id) in made


@pytest.mark.parametrize("name", NAMES)
def test_same_input_same_output(name):
    assert dumps_casemap(extracted(name)) == dumps_casemap(extracted(name))


SEED_NAMES = ("Alsami", "Alpha", "Ak", "Sam", "David", "Daniel", "Alan", "Marie", "Knowsley",
              "Wandsworth", "Oldham", "Merseyside", "MARTHA", "SHIELD", "Family First", "Roma")


def test_the_rules_name_no_child_or_place_of_the_seed_reviews():
    """The rules must generalise: no pseudonym, area or local service of a seed in them."""
    folder = Path(extract.__code__.co_filename).parent
    files = sorted(folder.glob("*.py")) + sorted(folder.glob("*.yaml"))
    assert len(files) >= 15
    for path in files:
        text = path.read_text(encoding="utf-8")
        for name in SEED_NAMES:
            assert not re.search(rf"\b{re.escape(name)}\b", text), (path.name, name)


def test_extractor_name_and_version():
    assert EXTRACTOR_NAME == "kinmap-rules"
    assert EXTRACTOR_VERSION.count(".") == 2


def test_read_text_and_its_errors(tmp_path):
    path = FIXTURES / "briefing_kian.txt"
    assert dumps_casemap(read_text(path)) == dumps_casemap(extracted("briefing_kian.txt"))
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"Review \xff\xfe")
    with pytest.raises(ExtractionError, match="not UTF-8"):
        read_text(bad)
    with pytest.raises(ExtractionError, match="cannot read"):
        read_text(tmp_path / "missing.txt")
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    with pytest.raises(ExtractionError, match="no text"):
        read_text(empty)
