"""Review ids stay apart across a national corpus.

Partnerships name their children alike ("Child A", "Baby S"). A draft's id
carries the partnership's area, and a load never replaces a review drafted
from another document: before, 2,000 documents with pseudonyms drawn as
partnerships draw them held about 90 reviews once loaded.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from conftest import EXAMPLES
from test_cli import kinmap

from kinmap.errors import ReviewIdTaken
from kinmap.graph.store import open_store
from kinmap.loaders import read

BABY_R = EXAMPLES / "eastbrook-baby-r.yaml"

#: A fictional review written for this test; {area} and {month} make each copy another review.
DOCUMENT = """{area} Safeguarding Children Partnership

Local Child Safeguarding Practice Review: Child A

Child A was a six-year-old boy who lived with his mother and her partner, Mr T.
In {month} 2021 the school made a referral to children's social care after Child A
arrived with a bruise to his cheek. A strategy discussion was held the next day;
the GP was not invited. Mr T was later convicted of assaulting Child A.
"""


def _document(folder: Path, name: str, area: str, month: str = "March") -> Path:
    path = folder / name
    path.write_text(DOCUMENT.format(area=area, month=month), encoding="utf-8")
    return path


def _with_source(path: Path, folder: Path, source: str | None) -> Path:
    """The Baby R example, naming another source document (or none)."""
    text = path.read_text(encoding="utf-8").replace(
        "  source: {file: eastbrook-baby-r.txt}\n",
        f"  source: {{file: {source}}}\n" if source else "")
    out = folder / f"baby-r-{abs(hash(source))}.yaml"
    out.write_text(text, encoding="utf-8")
    return out


def test_drafts_of_two_partnerships_child_a_get_ids_of_their_own(tmp_path):
    one = _document(tmp_path, "one.txt", "Eastmoor")
    two = _document(tmp_path, "two.txt", "Westbrook")
    assert kinmap("extract", one, two, "-o", tmp_path / "drafts", "-j", "1").exit_code == 0
    ids = sorted(cm.review.id for p in sorted((tmp_path / "drafts").glob("*.yaml"))
                 for cm in read(p))
    assert ids == ["eastmoor-child-a", "westbrook-child-a"]


def test_a_review_from_another_document_is_refused_and_nothing_changes(tmp_path):
    first = read(_with_source(BABY_R, tmp_path, "eastbrook-baby-r.pdf"))
    other = read(_with_source(BABY_R, tmp_path, "another-baby-r.pdf"))
    with open_store(str(tmp_path / "store")) as store:
        store.load(first)
        before = store.triple_count()
        with pytest.raises(ReviewIdTaken, match="another-baby-r|eastbrook-baby-r.pdf"):
            store.load(other)
        assert store.triple_count() == before
        assert store.source_files(["eastbrook-baby-r"]) == {
            "eastbrook-baby-r": "eastbrook-baby-r.pdf"}


@pytest.mark.parametrize("source", ["eastbrook-baby-r.pdf", "drafts/eastbrook-baby-r.pdf",
                                    "'C:\\Reviews\\eastbrook-baby-r.pdf'", None])
def test_the_same_document_or_a_hand_made_map_still_replaces(tmp_path, source):
    with open_store(str(tmp_path / "store")) as store:
        store.load(read(_with_source(BABY_R, tmp_path, "eastbrook-baby-r.pdf")))
        again = read(_with_source(BABY_R, tmp_path, source))
        assert store.load(again) == [("eastbrook-baby-r", True)]


def test_kinmap_load_reports_the_taken_id_in_one_line_and_loads_the_rest(tmp_path):
    first = _document(tmp_path, "eastmoor-2021.txt", "Eastmoor")
    second = _document(tmp_path, "eastmoor-2023.txt", "Eastmoor", month="June")
    store = tmp_path / "store"
    result = kinmap("--store", store, "load", first, second, "-j", "1", "--quiet")
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("kinmap: error:")]
    assert len(errors) == 1
    assert str(second) in errors[0] and "eastmoor-child-a" in errors[0]
    assert "kinmap remove eastmoor-child-a" in errors[0]
    listed = kinmap("--store", store, "reviews", "--format", "csv")
    assert "eastmoor-2021.txt" in listed.stdout and "eastmoor-2023" not in listed.stdout
