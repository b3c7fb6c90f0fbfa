"""The national-corpus generator (`benchmarks/national.py`): same seed, same documents;
full length; many house styles; and every style is a review kinmap can draft and load."""
from __future__ import annotations

import sys
from collections import Counter

import yaml
from click.testing import CliRunner
from conftest import ROOT

from kinmap.cli import cli
from kinmap.loaders.documents import read_document

sys.path.insert(0, str(ROOT / "benchmarks"))
import national  # noqa: E402

SIZE = 300_000


def kinmap(*args):
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert "Traceback" not in result.output
    return result


def test_same_seed_same_bytes_and_another_seed_others(tmp_path):
    one = national.write_corpus(tmp_path / "one", reviews=4, seed=3, size=40_000)
    two = national.write_corpus(tmp_path / "two", reviews=4, seed=3, size=40_000, jobs=2)
    other = national.write_corpus(tmp_path / "other", reviews=4, seed=4, size=40_000)
    assert [p.name for p in one] == [p.name for p in two]
    assert all(a.read_bytes() == b.read_bytes() for a, b in zip(one, two))
    assert all(a.read_bytes() != b.read_bytes() for a, b in zip(one, other))
    # A subset is the start of the full corpus: document i depends on (seed, i) alone.
    assert national.national_document(3, 3, 40_000) == (two[2].name, two[2].read_bytes())


def test_documents_are_full_length_reviews(tmp_path):
    """About 300 kB of text each, whatever the format, with the parts of an overview report."""
    found = set()
    for index in range(1, 9):
        name, data = national.national_document(index, 7, SIZE)
        path = tmp_path / name
        path.write_bytes(data)
        document = read_document(path)
        found.add(document.kind)
        assert 0.8 * SIZE <= len(document.text) <= 1.25 * SIZE, (name, len(document.text))
        for part in ("Contents", "Introduction", "family", "chronology", "Findings",
                     "Recommendations"):
            assert part.lower() in document.text.lower(), (name, part)
    assert len(found) >= 3


def test_house_styles_vary_across_a_small_corpus():
    styles = [national.make_case(i, 7).style for i in range(1, 41)]
    assert len({s.fmt for s in styles}) >= 3
    assert {s.chronology for s in styles} == {"table", "paragraphs"}
    assert len({s.table for s in styles if s.chronology == "table"}) >= 3
    assert len({s.family for s in styles}) == 3
    assert len({s.pseudonym for s in styles}) >= 2
    assert len({s.dates for s in styles}) >= 3
    assert len({s.numbering for s in styles}) == 3
    # Some documents are hard-wrapped with page furniture, as a converted PDF is.
    assert any(s.wrap for s in styles) and any(s.furniture for s in styles)
    # No two documents tell the same case.
    children = Counter((national.make_case(i, 7).slots["area"],
                        national.make_case(i, 7).slots["child"]) for i in range(1, 41))
    assert children.most_common(1)[0][1] == 1


def test_subjects_are_unique_across_a_national_corpus_unless_common_names_are_asked():
    """kinmap names a drafted review after its subject, so 2,000 documents make 2,000 reviews
    only if no two subjects share a pseudonym; common names share them, as real ones do."""
    unique = Counter(national.make_case(i, 7).slots["child"] for i in range(1, 2001))
    assert unique.most_common(1)[0][1] == 1
    common = Counter(national.make_case(i, 7, names="common").slots["child"]
                     for i in range(1, 201))
    assert common.most_common(1)[0][1] > 1
    # Everything but the subject's pseudonym is the same case.
    a, b = national.make_case(5, 7), national.make_case(5, 7, names="common")
    assert a.style == b.style and a.slots["child"] != b.slots["child"]
    assert [row[0] for row in a.family[1:]] == [row[0] for row in b.family[1:]]


def test_a_chronology_is_rendered_as_its_style_says():
    """The same case's chronology as a table in each format, or as dated paragraphs."""
    seen = {}
    for index in range(1, 200):
        case = national.make_case(index, 7)
        key = case.style.table if case.style.chronology == "table" else "paragraphs"
        if key in seen or case.style.fmt == "docx":
            continue
        seen[key] = national.national_document(index, 7, 20_000)[1].decode("utf-8")
        if len(seen) == 6:
            break
    assert "<td>" in seen["html"] and "<th>Date</th>" in seen["html"]
    assert "|---|---|---|" in seen["markdown"]
    assert "\nDate\tAgency\tEvent\n" in seen["tsv"]
    assert "\nDate | Agency | Event\n" in seen["pipe"] and "|---" not in seen["pipe"]
    assert "\nDate\nAgency\nEvent\n" in seen["cells"]  # a PDF's table, one cell a line
    assert not any(header in seen["paragraphs"] for header in (
        "<th>Date</th>", "Date | Agency", "Date\tAgency", "Date\nAgency"))


def _one_of_each_format() -> list[int]:
    first: dict[str, int] = {}
    for index in range(1, 400):
        first.setdefault(national.make_case(index, 7).style.fmt, index)
    assert set(first) == {"txt", "md", "html", "docx"}
    return sorted(first.values())


def test_every_format_drafts_a_review_that_validates_and_loads(tmp_path):
    """kinmap extract finds the family, the agencies and the meetings of each document
    (one review each, never split as a digest), the drafts pass validate, and they load."""
    size = 60_000
    indices = _one_of_each_format()
    docs = tmp_path / "docs"
    docs.mkdir()
    for index in indices:
        name, data = national.national_document(index, 7, size)
        (docs / name).write_bytes(data)
    drafts = tmp_path / "drafts"
    result = kinmap("extract", *sorted(docs.iterdir()), "-o", drafts)
    assert result.exit_code == 0, result.output
    people_sets, ids = [], []
    for draft in sorted(drafts.glob("*.yaml")):
        documents = list(yaml.safe_load_all(draft.read_text(encoding="utf-8")))
        assert len(documents) == 1, draft.name
        casemap = documents[0]
        assert len(casemap["people"]) >= 4, draft.name
        assert len(casemap["agencies"]) >= 8, draft.name
        assert casemap.get("meetings"), draft.name
        assert casemap.get("events") or casemap.get("decisions"), draft.name
        people_sets.append(frozenset(p["label"] for p in casemap["people"]))
        ids.append(casemap["review"]["id"])
    assert len(people_sets) == len(indices) == len(set(people_sets))
    # Each review is named after its partnership's area and its own subject, so none
    # replaces another on load.
    cases = [national.make_case(i, 7).slots for i in indices]
    assert ids == [national._slugify(f"{c['area']} {c['child']}") for c in cases]
    result = kinmap("validate", drafts)
    assert result.exit_code == 0, result.output
    store = tmp_path / "store"
    result = kinmap("--store", store, "load", "-q", drafts)
    assert result.exit_code == 0, result.output
    out = kinmap("--store", store, "stats", "--format", "csv").output
    stats = {kind: int(n) for kind, n in (line.split(",") for line in out.splitlines()[1:])}
    assert stats["Review"] == len(indices)
    assert stats["Meeting"] >= len(indices)
