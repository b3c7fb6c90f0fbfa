"""read_casemap: valid files load, broken ones give one located line that says how to fix it."""
from __future__ import annotations

import subprocess
import sys

import pytest
import yaml

from kinmap.errors import CaseMapError
from kinmap.loaders.casemap import check_casemap_file, read_casemap, read_casemap_text

from conftest import BROKEN_FILES, DATA, EXAMPLE_FILES, GOLD_FILES, SHARED

EXPECTED = yaml.safe_load((DATA / "broken" / "expected.yaml").read_text(encoding="utf-8"))
CHECKER = SHARED / "tools" / "check_casemap.py"


def reference_verdict(path) -> bool:
    """True when shared/tools/check_casemap.py accepts the file."""
    done = subprocess.run([sys.executable, str(CHECKER), str(path)], capture_output=True,
                          text=True)
    return done.returncode == 0


@pytest.mark.parametrize("path", GOLD_FILES + EXAMPLE_FILES, ids=lambda p: p.name)
def test_valid_files_load(path):
    casemaps = read_casemap(path)
    assert casemaps and all(cm.review.id for cm in casemaps)
    assert check_casemap_file(path) == []


@pytest.mark.parametrize("path", BROKEN_FILES, ids=lambda p: p.name)
def test_broken_file_gives_located_error(path):
    expected = EXPECTED[path.name]
    with pytest.raises(CaseMapError) as caught:
        read_casemap(path)
    error = caught.value
    text = str(error)
    assert "\n" not in text
    assert text.startswith(f"{path}:{expected['line']}:")
    assert error.line == expected["line"]
    assert error.path == expected["path"]
    if expected["doc"] is not None and expected["path"] is not None:
        assert error.document == expected["doc"]
    assert expected["contains"].lower() in text.lower()


@pytest.mark.parametrize("path", GOLD_FILES + EXAMPLE_FILES + BROKEN_FILES,
                         ids=lambda p: p.name)
def test_verdict_agrees_with_reference_checker(path):
    assert (check_casemap_file(path) == []) == reference_verdict(path)


def test_did_you_mean_for_near_misses():
    text = """kinmap: 1
review: {id: r}
people:
  - {id: c, subject: true, role: subject}
  - {id: m, role: mum}
meetings:
  - {id: s, kind: strategy_discusion}
"""
    messages = [str(e) for e in check_casemap_file(_named(text))]
    assert "people[1].role: 'mum' is not a role; did you mean 'mother'?" in messages[0]
    assert "did you mean 'strategy_meeting'" in messages[1]


def test_all_problems_listed_and_first_raised_with_count():
    text = """kinmap: 1
review: {id: r}
people:
  - {id: c, subject: true, role: subject, sex: girl}
  - {id: d, role: dad, age: [1]}
"""
    errors = check_casemap_file(_named(text))
    assert [e.path for e in errors] == ["people[0].sex", "people[1].role", "people[1].age"]
    with pytest.raises(CaseMapError, match=r"and 2 more problem"):
        read_casemap_text(text, "three.yaml")


def test_quotes_are_checked_against_the_source_when_found(tmp_path):
    (tmp_path / "review.txt").write_text("The child lived with her\n  grandmother.", "utf-8")
    good = """kinmap: 1
review: {id: r, source: {file: review.txt}}
people:
  - {id: c, subject: true, quote: "lived with her grandmother"}
"""
    (tmp_path / "good.yaml").write_text(good, "utf-8")
    assert read_casemap(tmp_path / "good.yaml")[0].people[0].quote
    (tmp_path / "bad.yaml").write_text(good.replace("grandmother\"", "aunt\""), "utf-8")
    with pytest.raises(CaseMapError, match=r"people\[0\]\.quote: not found in the source"):
        read_casemap(tmp_path / "bad.yaml")


def test_canonical_values():
    text = """kinmap: 1
review: {id: r, published: 2021, period: {from: 2020-01-05, to: 2021-06}}
people:
  - {id: c, subject: true}
agencies:
  - {id: a, kind: police}
decisions:
  - {id: d, kind: referral, by: a}
"""
    [cm] = read_casemap_text(text, "canon.yaml")
    assert (cm.review.published, cm.review.period_from, cm.review.period_to) == \
        ("2021", "2020-01-05", "2021-06")
    assert cm.decisions[0].by == ["a"]
    assert cm.decisions[0].about == []


def test_unreadable_and_empty_files(tmp_path):
    with pytest.raises(CaseMapError, match="cannot read the file"):
        read_casemap(tmp_path / "missing.yaml")
    (tmp_path / "empty.yaml").write_text("", "utf-8")
    with pytest.raises(CaseMapError, match="holds no case map"):
        read_casemap(tmp_path / "empty.yaml")
    (tmp_path / "latin1.yaml").write_bytes("kinmap: 1\nreview: {id: z, title: Zo\xeb}\n"
                                           .encode("latin-1"))
    with pytest.raises(CaseMapError, match="not UTF-8"):
        read_casemap(tmp_path / "latin1.yaml")


def test_hostile_text_is_kept_verbatim():
    [cm] = read_casemap(DATA / "valid" / "hostile.yaml")
    labels = " ".join(p.label or "" for p in cm.people)
    assert "<img src=x onerror=alert(1)>" in labels + (cm.review.title or "")


def _named(text: str):
    import io

    stream = io.StringIO(text)
    stream.name = "inline.yaml"
    return stream


@pytest.mark.parametrize("value, start, problem", [
    ("2021-02-30", "review.published: ", "day is out of range"),
    ("2021-13-45", "review.published: ", "month must be in 1..12"),
    ("!!float 1e400}", "not valid YAML: ", "is not a float")])
def test_values_yaml_cannot_construct_are_one_line_with_their_line(value, start, problem):
    """PyYAML's constructors raised a plain ValueError: a traceback, found by the fuzz test.

    An impossible date stays text, so the checks name its element like any bad date.
    """
    text = f"kinmap: 1\nreview:\n  id: fenmarsh\n  published: {value}\n"
    with pytest.raises(CaseMapError) as caught:
        read_casemap_text(text, "dates.yaml")
    message = str(caught.value)
    assert message.startswith("dates.yaml:4: ") and start in message and problem in message
    assert "\n" not in message and "indentation" not in message
