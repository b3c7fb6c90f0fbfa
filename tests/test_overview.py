"""The overview of a whole store (`kinmap network` over many reviews, `kinmap query overview`):
counts checked by hand on four fictional reviews, a size bounded by the vocabularies and not
by the store, the drill-down to a review's own network, the full network behind --full with
its warning, nothing of a name in the pseudonymised page, and the page drawn in Debian's
headless Chromium with no request, error or dialog.
"""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import DATA, EXAMPLE_FILES, GOLD_FILES, ROOT
from chromium import Visit
from test_cli import console_script
from test_views import assert_offline_page, json_data

from kinmap.cli import cli
from kinmap.exports.views import overview as overview_view
from kinmap.exports.views.visjs import vis_network_script
from kinmap.graph.overview import STRUCTURE_WORDS, tally
from kinmap.graph.store import open_store
from kinmap.vocab import AGENCY_KIND

HAND = sorted((DATA / "overview").glob("*.yaml"))
HOSTILE = DATA / "valid" / "hostile.yaml"
GODMOTHER = DATA / "valid" / "godmother-everywhere.yaml"
THREE_MOTHERS = DATA / "valid" / "three-mothers.yaml"
#: The most nodes the kinds layer can have: kinds of family, "none recorded", agency
#: kinds, strategy meetings. No count of reviews is in it.
MOST_NODES = len(STRUCTURE_WORDS) + 1 + len(AGENCY_KIND) + 1
MOST_EDGES = (len(STRUCTURE_WORDS) * overview_view.TOGETHER_PER_FAMILY + len(AGENCY_KIND)
              + overview_view.SHARING_PAIRS)


def kinmap(*args: object, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([console_script(), *map(str, args)], capture_output=True, text=True,
                          cwd=ROOT, timeout=600, **kwargs)


def loaded(folder: Path, *paths: Path) -> Path:
    store = folder / "store"
    done = kinmap("--store", store, "load", "-q", *paths)
    assert done.returncode == 0, done.stderr
    return store


@pytest.fixture(scope="module")
def hand(tmp_path_factory) -> Path:
    """Four reviews whose counts are worked out by hand below."""
    return loaded(tmp_path_factory.mktemp("hand"), *HAND)


@pytest.fixture(scope="module")
def linked(tmp_path_factory) -> Path:
    """The hand reviews and the godmother's, two people identified as one across them."""
    store = loaded(tmp_path_factory.mktemp("linked"), *HAND, GODMOTHER)
    done = kinmap("--store", store, "same-person", "ov-kinship/mother", "fenmarsh-child-q/godmother")
    assert done.returncode == 0, done.stderr
    done = kinmap("--store", store, "same-person", "ov-lone/mother", "ov-kinship/grandmother")
    assert done.returncode == 0, done.stderr
    return store


def page_of(store: Path, tmp_path: Path, *args: str) -> tuple[Path, dict]:
    out = tmp_path / "overview.html"
    done = kinmap("--store", store, "network", *args, "-o", out)
    assert done.returncode == 0, done.stderr
    return out, json_data(out.read_text(encoding="utf-8"))


def labels(data: dict) -> dict[str, str]:
    return {n["id"]: n["label"] for n in data["nodes"]}


# -- counts, checked by hand -----------------------------------------------------------------

def test_the_query_counts_each_kind_of_family_agency_absence_and_missed_link(hand):
    done = kinmap("--store", hand, "query", "overview", "--format", "json")
    assert done.returncode == 0, done.stderr
    got = {(r["group"], r["kind"]): (r["reviews"], r["count"]) for r in json.loads(done.stdout)}
    assert got == {
        ("reviews", "in the store"): (4, 4),
        # ov-lone: Child A with her mother only
        ("family", "Lone parent"): (1, 1),
        ("family", "Both parents at home"): (0, 0),
        # ov-kinship: Mr P (partner_of_parent); ov-blended: Mr S (step-parent)
        ("family", "Parent's new partner"): (2, 2),
        # ov-blended: Mr R has Child C with C's mother and Child D with Ms X
        ("family", "Half-siblings"): (1, 1),
        # ov-kinship: grandmother, then foster home
        ("family", "Several homes"): (1, 1),
        ("family", "Kinship care"): (1, 1),
        ("family", "Foster care"): (1, 1),
        ("family", "Residential or secure"): (0, 0),
        ("family", "none of these recorded"): (1, 1),          # ov-none
        ("agency", "Education"): (2, 2), ("agency", "Health"): (2, 2),
        ("agency", "Police"): (2, 2), ("agency", "Children's social care"): (2, 2),
        ("agency", "Safeguarding partnership"): (1, 1),
        ("strategy meetings", "held"): (2, 2),
        ("absent from strategy meetings", "Education"): (1, 1),   # ov-lone's school
        ("absent from strategy meetings", "Health"): (1, 1),      # ov-kinship's GP
        ("sharing missed", "Police -> Children's social care"): (1, 1),
        ("sharing missed", "Health -> Children's social care"): (1, 1),
        ("sharing partial", "Education -> Children's social care"): (1, 1),
        ("sharing missed", "Police -> not named"): (1, 1),
    }


def test_absences_are_those_the_absent_agencies_query_counts(hand):
    mine = json.loads(kinmap("--store", hand, "query", "overview", "--format", "json").stdout)
    theirs = json.loads(kinmap("--store", hand, "query", "absent-agencies", "--by", "kind",
                               "--format", "json").stdout)
    absent = {r["kind"]: r["count"] for r in mine if r["group"].startswith("absent")}
    assert absent == {f"{r['agencyKind'].title()}": r["absent"] for r in theirs}


def test_one_review_lists_the_facts_behind_each_kind(hand):
    done = kinmap("--store", hand, "query", "overview", "--review", "ov-kinship",
                  "--format", "json")
    rows = json.loads(done.stdout)
    family = {r["kind"]: r["evidence"] for r in rows if r["group"] == "family"}
    assert family == {
        "Parent's new partner": "Mr P (partner of parent)",
        "Several homes": "Child B lived in 2 homes: foster home (foster placement); "
                         "with his grandmother (kinship placement)",
        "Kinship care": "with his grandmother (kinship placement)",
        "Foster care": "foster home (foster placement); Mrs F (foster carer)"}
    health = next(r for r in rows if r["group"] == "agency" and r["kind"] == "Health")
    assert health["evidence"] == "GP practice"


def test_the_page_shows_the_same_counts_and_lists_their_reviews(hand, tmp_path):
    page, data = page_of(hand, tmp_path, "--overview")
    # the details hint speaks of kinds and counts, not of one review's quotes
    hint = re.search(r'id="details-hint">([^<]*)', page.read_text(encoding="utf-8"))[1]
    assert "draws one review's own network" in hint and "quote" not in hint
    shown = labels(data)
    assert shown["family/kinship_care"] == "Kinship care · 1 (25%)"
    assert shown["family/new_partner"] == "Parent's new partner · 2 (50%)"
    assert shown["family/none"] == "None of these recorded · 1 (25%)"
    assert shown["agency/social_care"] == "Children's social care · 2 (50%)"
    assert shown["meetings"] == "Strategy meetings · 2 in 2 reviews"
    assert "family/both_parents" not in shown and "family/residential" not in shown
    # reviews in store order: ov-blended, ov-kinship, ov-lone, ov-none
    assert [r[0] for r in data["reviews"]] == ["ov-blended", "ov-kinship", "ov-lone", "ov-none"]
    node = {n["id"]: n for n in data["nodes"]}
    assert data["drill"][node["family/new_partner"]["ref"]]["reviews"] == [0, 1]
    assert data["drill"][node["family/several_homes"]["ref"]]["reviews"] == [1]
    edges = {(e["from"], e["to"], e["family"]): e for e in data["edges"]}
    absent = edges[("agency/education", "meetings", "absent")]
    assert absent["label"] == "1" and data["drill"][absent["ref"]]["reviews"] == [2]
    missed = edges[("agency/health", "agency/social_care", "sharing")]
    assert data["details"][missed["ref"]]["facts"][:2] == [["missed", "1"], ["partial", "0"]]
    # a link with no named recipient is counted on its sender, not drawn to nowhere
    assert not any(e["to"] not in node for e in data["edges"])
    police = data["details"][node["agency/police"]["ref"]]["facts"]
    assert ["missed or partial sharing from it", "2 links"] in police
    assert data["command"].startswith("kinmap --store ")


def test_counts_come_from_the_stored_rows_not_from_reading_reviews(hand, monkeypatch):
    """The overview reads one stored value per review; no review's graph is read."""
    import dataclasses

    from kinmap.graph import queries
    from kinmap.graph.embedded import EmbeddedStore

    def refuse(*args):
        raise AssertionError(f"a review was read: {args[1:]}")
    monkeypatch.setattr(EmbeddedStore, "graph_triples", refuse)
    monkeypatch.setitem(queries.QUERIES, "overview",
                        dataclasses.replace(queries.QUERIES["overview"], collect=refuse))
    with open_store(str(hand), read_only=True) as store:
        found, families, live = overview_view.read_overview(store)
    assert live == 0 and len(found.reviews) == 4 and families == []


# -- bounded by kinds, not by reviews --------------------------------------------------------

@pytest.fixture(scope="module")
def synthetic_store(tmp_path_factory) -> Path:
    """300 generated reviews (benchmarks/synthetic.py) in a store."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from synthetic import synthetic_corpus
    path = tmp_path_factory.mktemp("synthetic") / "store"
    corpus = synthetic_corpus(300)
    with open_store(str(path)) as store:
        for result in store.load_each([corpus[i:i + 50] for i in range(0, 300, 50)]):
            assert not isinstance(result, Exception), result
    return path


def test_the_overview_is_bounded_by_the_kinds_not_by_the_reviews(synthetic_store, tmp_path):
    small = loaded(tmp_path / "small", *EXAMPLE_FILES, *GOLD_FILES)
    sizes, counts = {}, {}
    for name, store in (("examples and gold", small), ("300 synthetic", synthetic_store)):
        out, data = page_of(store, tmp_path / name.replace(" ", "-"), "--overview")
        kinds = [n for n in data["nodes"] if n["layer"] == "kinds"]
        assert len(kinds) <= MOST_NODES
        assert len([e for e in data["edges"] if e["layer"] == "kinds"]) <= MOST_EDGES
        sizes[name], counts[name] = out.stat().st_size, data["reviewCount"]
    assert counts["300 synthetic"] == 300 and counts["examples and gold"] > 12
    # 19 times the reviews, under 1.5 times the bytes: what grows is the list of review ids
    assert sizes["300 synthetic"] < 1.5 * sizes["examples and gold"]
    assert sizes["300 synthetic"] < 1_000_000


def test_past_its_budget_the_page_drops_titles_then_lists(synthetic_store):
    with open_store(str(synthetic_store), read_only=True) as store:
        found, _, _ = overview_view.read_overview(store)
    full = overview_view.overview_data(found)
    assert full["listed"] == "all" and full["reviews"][0][1]
    ids = overview_view.overview_data(found, budget=len(json.dumps(full["drill"])) + 8 * 300 * 3)
    assert ids["listed"] == "ids" and all(title is None for _, title in ids["reviews"])
    bare = overview_view.overview_data(found, budget=1000)
    assert bare["listed"] == "none" and "reviews" not in bare
    assert all(d == {"reviews": []} for d in bare["drill"].values())
    assert len(json.dumps(bare)) < 200_000     # the same nodes and counts, no lists
    assert [n["label"] for n in bare["nodes"]] == [n["label"] for n in full["nodes"]]


def test_tally_of_synthetic_rows_matches_a_count_made_from_the_case_maps():
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from synthetic import synthetic_corpus
    from kinmap.graph.embedded import MemoryStore
    from kinmap.graph.mapping import casemap_to_quads
    from kinmap.graph.queries.rows import collect_overview
    corpus = synthetic_corpus(40)
    quads = [q for n, cm in enumerate(corpus) for q in casemap_to_quads(cm, n)]
    with MemoryStore(quads) as memory:
        rows = collect_overview(memory, None)
    assert [r["review"] for r in rows] == [cm.review.id for cm in corpus]
    found = tally(rows)
    for kind in AGENCY_KIND:
        expected = {n for n, cm in enumerate(corpus) if any(a.kind == kind for a in cm.agencies)}
        assert found.agencies.get(kind, set()) == expected
        assert found.agency_count.get(kind, 0) == sum(
            1 for cm in corpus for a in cm.agencies if a.kind == kind)
    for n, (cm, row) in enumerate(zip(corpus, rows)):
        kinds = {h.kind for h in cm.households}
        assert (n in found.structures.get("kinship_care", set())) == \
            ("kinship_placement" in kinds or any(r.type == "special_guardian"
                                                 for r in cm.relationships))
        strategy = [m for m in cm.meetings if m.kind == "strategy_meeting"]
        assert row["strategyMeetings"] == len(strategy)
        assert sum(c for _, c in row["absences"]) == sum(len(set(m.absent)) for m in strategy)
        links = [i for i in cm.information_sharing if i.status in ("missed", "partial")]
        assert sum(c for *_, c in row["sharing"]) == len(links)


# -- which page, and the full network behind --full ------------------------------------------

def test_many_reviews_get_the_overview_a_few_the_full_network(hand, tmp_path, monkeypatch):
    runner = CliRunner()

    def view(*args: str) -> tuple[str, str]:
        out = tmp_path / "n.html"
        result = runner.invoke(cli, ["--store", str(hand), "network", *args, "-o", str(out)])
        assert result.exit_code == 0, result.output
        return json_data(out.read_text(encoding="utf-8"))["view"], result.output

    assert view()[0] == "network"                       # 4 reviews: a handful
    monkeypatch.setattr(overview_view, "FULL_UP_TO", 3)
    assert view()[0] == "overview"                      # more than FULL_UP_TO
    assert view("--review", "ov-lone", "--review", "ov-kinship", "--review",
                "ov-blended", "--review", "ov-none")[0] == "network"   # chosen reviews
    assert view("--review", "ov-lone", "--overview")[0] == "overview"
    monkeypatch.setattr(overview_view, "LARGE", 3)
    kind, output = view("--full")
    assert kind == "network"
    warnings = [line for line in output.splitlines() if line.startswith("kinmap: warning:")]
    assert warnings == ["kinmap: warning: the full network of 4 reviews is a page of tens of "
                        "megabytes that takes minutes to write and is slow to open; without "
                        "--full, kinmap network draws the overview"]
    kind, output = view()
    assert kind == "overview" and "warning" not in output


def test_full_and_overview_together_is_a_usage_error(hand, tmp_path):
    done = kinmap("--store", hand, "network", "--full", "--overview", "-o", tmp_path / "x.html")
    assert done.returncode == 2 and "choose one" in done.stderr


def test_show_text_is_for_the_full_network(hand, tmp_path):
    done = kinmap("--store", hand, "network", "--overview", "--pseudonymise", "--show-text",
                  "people.culture", "-o", tmp_path / "x.html")
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        "kinmap: error: --show-text people.culture is for the full network (--full): the "
        "overview shows kinds and counts, no free text"]


def test_an_unknown_review_is_one_line(hand, tmp_path):
    done = kinmap("--store", hand, "network", "--overview", "--review", "nope",
                  "-o", tmp_path / "x.html")
    assert done.returncode == 1 and "no review 'nope' in the store" in done.stderr


# -- untrusted text, pseudonymised ----------------------------------------------------------

def test_hostile_titles_are_data_not_markup(tmp_path):
    store = loaded(tmp_path, HOSTILE, *HAND)
    out, data = page_of(store, tmp_path, "--overview")
    html = out.read_text(encoding="utf-8")
    assert_offline_page(html)
    outside = html.replace(str(vis_network_script()[1]), "")
    assert "<img" not in outside and "<svg/onload" not in outside
    assert any("<img src=x" in (title or "") for _, title in data["reviews"])
    assert not any("title" in item for item in data["nodes"] + data["edges"])  # no vis popups


def test_the_pseudonymised_overview_names_no_one(linked, tmp_path):
    out, data = page_of(linked, tmp_path, "--overview", "--pseudonymise")
    html = out.read_text(encoding="utf-8")
    assert data["pseudonymised"] and "reviews" not in data and "command" not in data
    for text in ("Ottoline", "Quarrendon", "Fenmarsh", "fenmarsh", "ov-kinship", "ov-lone",
                 "Child B", "Mr P", "Child Q", "godmother", "Learning review"):
        assert text not in html, text
    people = [n["label"] for n in data["nodes"] if n["group"] == "person"]
    assert sorted(people) == ["Grandmother", "Mother", "Mother", "Person"]
    reviews = sorted(n["label"] for n in data["nodes"] if n["group"] == "review")
    assert reviews == ["Review 1", "Review 3", "Review 4"]   # fenmarsh, ov-kinship, ov-lone


def test_linked_families_join_people_across_reviews(linked, tmp_path):
    _, data = page_of(linked, tmp_path, "--overview")
    assert data["linked"] == {"families": 1, "drawn": 1, "reviews": 3}
    people = sorted(n["label"] for n in data["nodes"] if n["group"] == "person")
    assert people == ["A's mother", "B's grandmother", "B's mother",
                      "Ottoline Quarrendon\u2026"]    # a long label is cut at a word
    same = [e for e in data["edges"] if e["family"] == "same"]
    assert len(same) == 2 and all(e["label"] == "same person" for e in same)
    assert all(n["hidden"] for n in data["nodes"] if n["layer"] == "linked")


# -- in the browser ---------------------------------------------------------------------------

def click_on(visit: Visit, node_id: str) -> None:
    at = visit.page.evaluate("id => kinmapOverviewState.where(id)", node_id)
    visit.page.mouse.click(at["x"], at["y"])
    visit.page.wait_for_timeout(150)


def test_it_draws_offline_and_drills_down_to_a_review(browser, shots, linked, tmp_path):
    out, data = page_of(linked, tmp_path, "--overview")
    visit = Visit(browser, out, size=(1400, 900))
    page = visit.page
    try:
        seen = page.evaluate("kinmapOverviewState.measure()")
        kinds = [n for n in data["nodes"] if n["layer"] == "kinds"]
        assert seen["shown"] == len(kinds) and seen["outside"] == 0
        assert seen["labelPx"] >= 12
        visit.screenshot(shots / "overview-hand.png")
        click_on(visit, "family/several_homes")
        assert page.text_content("#details-body h3") == "Several homes"
        assert page.text_content("#drill-heading") == "Reviews (1)"
        assert page.text_content("#command") == (
            f"kinmap --store {linked} network --review ov-kinship -o ov-kinship-network.html")
        click_on(visit, "family/new_partner")
        assert page.text_content("#drill-heading") == "Reviews (2)"
        page.click("[data-review='ov-kinship']")
        assert page.text_content("#command").endswith(
            "network --review ov-kinship -o ov-kinship-network.html")
        page.click("text=Command for all 2 in one network")
        assert page.text_content("#command").endswith(
            "network --review ov-blended --review ov-kinship -o selected-reviews-network.html")
        # the command it shows draws that review's own network
        command = page.text_content("#command").split()
        assert command[:3] == ["kinmap", "--store", str(linked)]
        done = kinmap(*command[1:-1], tmp_path / "drilled.html")
        assert done.returncode == 0, done.stderr
        drilled = json_data((tmp_path / "drilled.html").read_text(encoding="utf-8"))
        assert drilled["view"] == "network"
        assert {n["id"].split("/")[0] for n in drilled["nodes"]} == {"ov-blended", "ov-kinship"}
        page.check("input[name=layer][value=linked]")
        page.wait_for_timeout(150)
        linked_view = page.evaluate("kinmapOverviewState.measure()")
        assert linked_view["shown"] == 7 and linked_view["outside"] == 0   # 3 reviews, 4 people
        assert linked_view["labelPx"] >= 12
        visit.screenshot(shots / "overview-linked.png")
        visit.assert_clean()
    finally:
        visit.close()


def test_the_line_switches_hide_their_lines(browser, hand, tmp_path):
    out, _ = page_of(hand, tmp_path, "--overview")
    visit = Visit(browser, out, size=(1400, 900))
    try:
        before = visit.page.evaluate("kinmapOverviewState.measure()")["edges"]
        visit.page.uncheck("[data-family=sharing]")
        after = visit.page.evaluate("kinmapOverviewState.measure()")["edges"]
        assert after == before - 3    # police, health and education to social care
        visit.assert_clean()
    finally:
        visit.close()


def test_the_overview_of_300_reviews_draws_offline(browser, shots, synthetic_store, tmp_path):
    out, data = page_of(synthetic_store, tmp_path, "--pseudonymise")
    assert data["view"] == "overview"
    visit = Visit(browser, out, size=(1400, 900))
    try:
        seen = visit.page.evaluate("kinmapOverviewState.measure()")
        assert seen["outside"] == 0 and seen["labelPx"] >= 12
        visit.page.evaluate("kinmapOverviewState.choose('agency/police')")
        listed = visit.page.evaluate("kinmapOverviewState.drill")
        assert listed["listed"][0] == f"Review {listed['reviews'][0] + 1}"
        assert visit.page.query_selector("#command") is None
        visit.screenshot(shots / "overview-300.png")
        visit.assert_clean()
    finally:
        visit.close()
