"""The network view (`kinmap network`): built with pyvis, drawn offline by the
vis-network pyvis ships, a parent's families counted by partners, each review's
cluster captioned, filters that re-fit, a one-page print, and a whole store
pseudonymised that draws. Browser checks run in Debian's headless Chromium
(fixtures from conftest.py, helpers from chromium.py); the projection itself is test_network.py.
"""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from conftest import DATA, EXAMPLE_FILES, GOLD_FILES, ROOT
from test_cli import console_script
from test_views import assert_offline_page, json_data
from chromium import Visit

from kinmap.errors import KinmapError
from kinmap.exports import views
from kinmap.exports.views.network import caption_lines, interconnections, network_data
from kinmap.exports.views.visjs import vis_network_script
from kinmap.loaders import read
from kinmap.model import Agency, CaseMap, Person, Review

THREE_MOTHERS = DATA / "valid" / "three-mothers.yaml"
HOSTILE = DATA / "valid" / "hostile.yaml"
RIVERSIDE = next(p for p in EXAMPLE_FILES if p.name == "riverside-child-m.yaml")
STORE_FILES = GOLD_FILES + EXAMPLE_FILES + [HOSTILE, THREE_MOTHERS]


def kinmap(*args: object) -> subprocess.CompletedProcess:
    """The real command line, as a user runs it."""
    return subprocess.run([console_script(), *map(str, args)], capture_output=True, text=True,
                          cwd=ROOT, timeout=300)


@pytest.fixture(scope="module")
def whole_store(tmp_path_factory) -> Path:
    """A store holding the gold, the examples, the hostile review and three-mothers."""
    store = tmp_path_factory.mktemp("network-store") / "store"
    done = kinmap("--store", store, "load", *STORE_FILES)
    assert done.returncode == 0, done.stderr
    return store


@pytest.fixture(scope="module")
def review_count(whole_store) -> int:
    done = kinmap("--store", whole_store, "reviews", "--format", "csv")
    return len(done.stdout.strip().splitlines()) - 1


# -- built with pyvis, drawn by the vis-network it ships ------------------------------------------

def test_the_page_inlines_the_vis_network_pyvis_ships_and_no_copy_of_its_own():
    import pyvis
    [cm] = read(RIVERSIDE)
    html = views.network_html([cm])
    assert_offline_page(html)
    version, script = vis_network_script()
    shipped = sorted((Path(pyvis.__file__).parent / "lib").glob("vis-*/vis-network.min.js"))
    assert shipped and version == shipped[-1].parent.name.removeprefix("vis-")
    assert str(script) in html and f"@version {version}" in html
    assert html.count("@version") == 1   # one vis-network, and it is pyvis's
    assert not (ROOT / "kinmap/exports/views/static/vis-network.min.js").exists()
    for licence in ("vis-network.LICENSE-MIT", "vis-network.LICENSE-APACHE-2.0"):
        assert (ROOT / "kinmap/exports/views/static" / licence).stat().st_size > 500
    # pyvis's own templates would add these: a CDN, Bootstrap, a heading
    assert "cdn" not in html.lower().replace(str(script).lower(), "")
    assert "bootstrap" not in html.lower()


def test_nodes_edges_and_options_are_pyvis_network_data_with_physics_off():
    from pyvis.network import Network
    [cm] = read(RIVERSIDE)
    data = network_data([cm])
    assert data["options"]["physics"] == {"enabled": False}
    assert data["options"]["interaction"]["dragNodes"] is False
    assert data["options"]["edges"]["smooth"]["enabled"] is False
    assert data["options"]["nodes"]["physics"] is False
    groups = data["options"]["groups"]
    assert {node["group"] for node in data["nodes"]} <= set(groups)
    assert groups["bridge"]["borderWidth"] == 5 and groups["subject"]["borderWidth"] == 4
    # Fed back to pyvis, the same nodes and edges make the same network.
    net = Network(directed=True)
    for node in data["nodes"]:
        net.add_node(node["id"], **{k: v for k, v in node.items() if k != "id"})
    for edge in data["edges"]:
        net.add_edge(edge["from"], edge["to"],
                     **{k: v for k, v in edge.items() if k not in ("from", "to")})
    assert net.get_network_data()[:2] == (data["nodes"], data["edges"])
    child = next(n for n in data["nodes"] if n["id"] == "riverside-child-m/child-m")
    assert (child["label"], child["shape"], child["group"]) == ("Child M", "dot", "subject")
    shapes = {(n["kind"], n["shape"]) for n in data["nodes"]}
    assert shapes == {("person", "dot"), ("person", "square"), ("household", "hexagon"),
                      ("agency", "box")}
    mother = next(n for n in data["nodes"] if n["id"] == "riverside-child-m/mother")
    assert mother["group"] == "bridge" and mother["bridge"] is True
    assert child["x"] == pytest.approx(child["x"]) and isinstance(child["y"], float)


def test_titles_and_labels_are_data_not_markup():
    [cm] = read(HOSTILE)
    html = views.network_html([cm])
    page_without_script = html.replace(str(vis_network_script()[1]), "")
    assert "<img" not in page_without_script and "<svg/onload" not in page_without_script
    data = json_data(html)
    labels = {n["label"] for n in data["nodes"]}
    assert any("<img src=x" in label for label in labels)
    assert not any("title" in n for n in data["nodes"] + data["edges"])  # no vis popups


# -- a parent's families, by partners --------------------------------------------------------------

def test_a_parents_families_are_counted_by_partners_not_by_a_childs_placements():
    [cm] = read(THREE_MOTHERS)
    joined = interconnections(cm)
    assert joined["father"] == "has children with 3 partners: W's mother (Ms E), Ms F, Ms G"
    # Child W's four homes are his moves, not four families of his mother's
    assert joined["child-w"] == "lives or lived in 4 households"
    assert "mother-w" not in joined and "grandmother" not in joined
    assert not any("households" in reason and "children" in reason
                   for reason in joined.values())


@pytest.mark.parametrize("path", GOLD_FILES + EXAMPLE_FILES, ids=lambda p: p.name)
def test_no_parent_is_said_to_have_children_in_households(path):
    for cm in read(path):
        for person, reason in interconnections(cm).items():
            assert "children in" not in reason, (cm.review.id, person, reason)
            match = re.search(r"children with (\d+) partners", reason)
            if match:
                partners = {r.from_ for kid in {r.to for r in cm.relationships
                                                if r.type == "parent" and r.from_ == person}
                            for r in cm.relationships
                            if r.type == "parent" and r.to == kid and r.from_ != person}
                assert int(match.group(1)) == len(partners) >= 2


# -- captions, ids, refusals --------------------------------------------------------------------------

@pytest.mark.parametrize("title, lines", [
    ("Rapid Review – Baby R", ["Baby\u00a0R", "Rapid Review"]),
    ("Local child safeguarding practice review (LCSPR): David", ["David",
     "Local child safeguarding practice review (LCSPR)"]),
    ("Child A: Child safeguarding practice review", ["Child\u00a0A",
     "Child safeguarding practice review"]),
    ("Child safeguarding practice review concerning Marie", ["Marie",
     "Child safeguarding practice review"]),
    ("Review 3: Serious case review (pseudonymised)", ["Review\u00a03", "Serious case review"]),
    ("Westmoor learning digest – the T siblings", ["the T siblings",
     "Westmoor learning digest"]),
    ("Review 13: Review (pseudonymised)", ["Review\u00a013", "Review"]),
    ("Annual report", ["Annual report"]),
    (None, ["fallback-id"]),
])
def test_a_caption_puts_the_short_name_first(title, lines):
    assert caption_lines(title, "fallback-id") == lines


def test_several_reviews_get_a_caption_each_and_one_gets_none():
    maps = [cm for path in EXAMPLE_FILES for cm in read(path)]
    data = network_data(maps)
    assert [c["number"] for c in data["clusters"]] == list(range(1, len(maps) + 1))
    assert [c["caption"][0] for c in data["clusters"]][:2] == ["Child\u00a0P", "the T siblings"]
    for cluster, cm in zip(data["clusters"], maps):
        assert {i.split("/")[0] for i in cluster["nodes"]} <= {cm.review.id}
    assert network_data(maps[:1])["clusters"] == []


def test_a_review_given_twice_is_refused_in_one_line():
    [cm] = read(RIVERSIDE)
    with pytest.raises(KinmapError, match="review 'riverside-child-m' is given twice"):
        views.network_html([cm, cm])
    assert json_data(views.network_html([cm, cm], pseudonymise=True))["clusters"]


def test_two_elements_with_one_id_are_refused_not_drawn_as_one():
    cm = CaseMap(review=Review(id="clash"))
    cm.people.append(Person(id="gp", label="Dr Q", role="other"))
    cm.agencies.append(Agency(id="gp", label="GP practice", kind="health"))
    with pytest.raises(KinmapError, match="two elements have the id 'clash/gp'"):
        views.network_html([cm])


def test_the_command_exits_1_with_one_line_when_the_network_cannot_be_drawn(tmp_path,
                                                                             monkeypatch):
    """The CLI turns the refusal into one line and exit status 1 (no traceback)."""
    from click.testing import CliRunner

    from kinmap.cli import cli
    from kinmap.graph.store import Store
    [cm] = read(RIVERSIDE)
    store = str(tmp_path / "store")
    assert CliRunner().invoke(cli, ["--store", store, "load", str(RIVERSIDE)]).exit_code == 0
    # A store that hands over one review twice: its nodes would collide.
    monkeypatch.setattr(Store, "casemaps", lambda self, ids=None: iter([cm, cm]))
    result = CliRunner().invoke(cli, ["--store", store, "network", "-o",
                                      str(tmp_path / "n.html")])
    assert result.exit_code == 1
    assert result.output.startswith("kinmap: error: cannot draw the network: review "
                                    "'riverside-child-m' is given twice")
    assert "Traceback" not in result.output and len(result.output.strip().splitlines()) == 1
    assert not (tmp_path / "n.html").exists()


def test_the_pseudonymised_network_of_a_whole_store_gives_each_review_its_own_ids(
        whole_store, review_count, tmp_path):
    out = tmp_path / "all.html"
    done = kinmap("--store", whole_store, "network", "--full", "--pseudonymise", "-o", out)
    assert done.returncode == 0, done.stderr
    data = json_data(out.read_text(encoding="utf-8"))
    ids = [n["id"] for n in data["nodes"]]
    assert len(ids) == len(set(ids)) > 100
    assert {i.split("/")[0] for i in ids} <= {f"review-{n}" for n in range(1, review_count + 1)}
    assert len(data["clusters"]) == review_count


# -- in the browser -------------------------------------------------------------------------------------

def fit(visit: Visit) -> dict:
    visit.page.click("[data-action='fit']")
    visit.page.wait_for_timeout(100)
    return visit.page.evaluate("kinmapNetworkState.measure()")


def pdf_pages(visit: Visit, path: Path, landscape: bool = True) -> int:
    pdf = visit.page.pdf(format="A4", landscape=landscape, print_background=True)
    path.write_bytes(pdf)
    return len(re.findall(rb"/Type\s*/Page(?!s)", pdf))


def _no_overlap(boxes: list[dict]) -> bool:
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            if min(a["right"], b["right"]) > max(a["left"], b["left"]) and \
                    min(a["bottom"], b["bottom"]) > max(a["top"], b["top"]):
                return False
    return True


def test_whole_store_pseudonymised_draws_offline_captioned_on_one_page(browser, shots, whole_store, review_count, tmp_path):
    out = tmp_path / "store-network-pseudonymised.html"
    assert kinmap("--store", whole_store, "network", "--full", "--pseudonymise", "-o",
                  out).returncode == 0
    visit = Visit(browser, out, size=(1400, 900))
    try:
        drawn = visit.page.evaluate("kinmapNetwork.body.data.nodes.length")
        assert drawn == len(json_data(out.read_text(encoding="utf-8"))["nodes"])
        seen = fit(visit)
        assert seen["outside"] == 0 and seen["shown"] == drawn
        captions = seen["captions"]
        assert sorted(c["review"] for c in captions) == list(range(1, review_count + 1))
        assert all(re.fullmatch(r"Review\u00a0\d+", c["lines"][0]) for c in captions)
        assert min(c["px"] for c in captions) >= 12
        width, height = seen["width"], seen["height"]
        assert all(c["left"] >= 0 and c["right"] <= width and c["top"] >= 0
                   and c["bottom"] <= height for c in captions)
        assert _no_overlap(captions)
        visit.screenshot(shots / "store-network-pseudonymised.png")
        assert pdf_pages(visit, shots / "store-network-pseudonymised.pdf") == 1
        printed = visit.page.evaluate("kinmapNetworkState.printedAt")
        assert printed["outside"] == 0 and len(printed["captions"]) == review_count
        assert min(c["px"] for c in printed["captions"]) >= 9
        visit.assert_clean()
    finally:
        visit.close()


def test_captions_name_the_child_of_each_review(browser, shots, tmp_path):
    maps = [cm for path in EXAMPLE_FILES + [THREE_MOTHERS] for cm in read(path)]
    out = tmp_path / "examples-network.html"
    views.write_network(maps, out)
    visit = Visit(browser, out, size=(1400, 900))
    try:
        captions = fit(visit)["captions"]
        firsts = {c["lines"][0].replace("\u00a0", " ") for c in captions}
        assert {"Child P", "the T siblings", "Baby R", "Alex", "Child M",
                "Child W"} <= firsts
        assert _no_overlap(captions)
        visit.screenshot(shots / "examples-network.png")
        visit.assert_clean()
    finally:
        visit.close()


def test_only_interconnected_families_refits_the_view(browser, shots, tmp_path):
    maps = [cm for path in EXAMPLE_FILES + [THREE_MOTHERS] for cm in read(path)]
    out = tmp_path / "refit.html"
    views.write_network(maps, out)
    visit = Visit(browser, out, size=(1400, 900))
    page = visit.page
    try:
        everything = fit(visit)
        for _ in range(3):   # a reader zooms in, then asks for the interconnected only
            page.click("[data-action='zoom-in']")
        zoomed = page.evaluate("kinmapNetworkState.measure()")
        assert zoomed["outside"] > 0
        page.check("#only-bridges")
        page.wait_for_timeout(100)
        bridges = page.evaluate("kinmapNetworkState.measure()")
        assert 0 < bridges["shown"] < everything["shown"]
        assert bridges["outside"] == 0                       # all of what is left is in view
        # what is left fills the view: its extent is most of the canvas one way or the other
        extent = page.evaluate("""() => {
            const s = kinmapNetworkState, net = kinmapNetwork, ids = [];
            net.body.data.nodes.forEach(n => { if (!n.hidden) ids.push(n.id); });
            let l = 1e9, r = -1e9, t = 1e9, b = -1e9;
            ids.forEach(id => { const p = net.canvasToDOM(net.getPosition(id));
                l = Math.min(l, p.x); r = Math.max(r, p.x); t = Math.min(t, p.y); b = Math.max(b, p.y); });
            const c = document.getElementById('network');
            return Math.max((r - l) / c.clientWidth, (b - t) / c.clientHeight);
        }""")
        assert extent > 0.6
        assert len(bridges["captions"]) < len(everything["captions"])
        assert _no_overlap(bridges["captions"])
        visit.screenshot(shots / "examples-network-interconnected.png")
        page.uncheck("#only-bridges")
        page.wait_for_timeout(100)
        again = page.evaluate("kinmapNetworkState.measure()")
        assert again["shown"] == everything["shown"]
        assert again["scale"] == pytest.approx(everything["scale"], rel=0.01)
        visit.assert_clean()
    finally:
        visit.close()


@pytest.mark.parametrize("path", [RIVERSIDE, THREE_MOTHERS], ids=lambda p: p.stem)
def test_one_review_prints_on_one_landscape_page_with_labels(browser, shots, tmp_path, path):
    [cm] = read(path)
    out = tmp_path / f"{path.stem}-network.html"
    views.write_network([cm], out)
    visit = Visit(browser, out, size=(1400, 900))
    try:
        on_screen = fit(visit)
        assert on_screen["outside"] == 0 and on_screen["labelPx"] >= 9
        visit.screenshot(shots / f"{path.stem}-network.png")
        assert pdf_pages(visit, shots / f"{path.stem}-network.pdf") == 1
        printed = visit.page.evaluate("kinmapNetworkState.printedAt")
        # every node and its label inside the printed picture, labels drawn (vis-network
        # leaves out labels under 5 px) and readable on paper (1 px = 0.75 pt)
        assert printed["outside"] == 0 and printed["shown"] == on_screen["shown"]
        assert printed["labelPx"] * 2 >= 5 and printed["labelPx"] >= 7
        # the picture is in the page, and the screen is as it was
        assert visit.page.evaluate("document.getElementById('network-print').naturalWidth") \
            == printed["width"] * 2
        after = visit.page.evaluate("kinmapNetworkState.measure()")
        assert after["scale"] == pytest.approx(on_screen["scale"], rel=0.001)
        assert pdf_pages(visit, shots / f"{path.stem}-network-portrait.pdf", False) == 1
        visit.assert_clean()
    finally:
        visit.close()
