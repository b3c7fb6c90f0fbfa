"""The views in a real browser (Debian's headless Chromium, driven by Playwright).

Every view of every example and gold case map must draw with no console error
and no network request at all (only the file:// page itself), show hostile
text literally without running it, and answer a click with the source quote.
Screenshots go to $KINMAP_SCREENSHOTS (default: a pytest temporary folder) and
must not be blank.

Skipped with a reason when /usr/bin/chromium or Playwright is missing, except
in CI (CI set), where that is a failure.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from chromium import Visit, blank
from conftest import DATA, EXAMPLE_FILES, GOLD_FILES

from kinmap.exports import views
from kinmap.loaders import read

RIVERSIDE = next(p for p in EXAMPLE_FILES if p.name == "riverside-child-m.yaml")
HOSTILE = DATA / "valid" / "hostile.yaml"
MAPS = [(f"{path.stem}-{i}", cm) for path in EXAMPLE_FILES + GOLD_FILES
        for i, cm in enumerate(read(path))]


def _write(kind: str, casemap, folder: Path, name: str) -> Path:
    path = folder / f"{name}-{kind}.html"
    if kind == "genogram":
        views.write_genogram(casemap, path, cultural=True)
    elif kind == "ecomap":
        views.write_ecomap(casemap, path)
    else:
        views.write_network([casemap], path)
    return path


@pytest.mark.parametrize("kind", ["genogram", "ecomap", "network"])
@pytest.mark.parametrize("name, casemap", MAPS, ids=[n for n, _ in MAPS])
def test_every_view_draws_offline_with_no_error(browser, shots, tmp_path, kind, name, casemap):
    visit = Visit(browser, _write(kind, casemap, tmp_path, name))
    try:
        visit.assert_clean()
        visit.screenshot(shots / f"{name}-{kind}.png")
        if kind == "network":
            assert visit.page.get_attribute("body", "data-drawn")
        else:
            assert visit.page.locator("#view svg [data-ref]").count() > 0 or not (
                casemap.people or casemap.agencies)
    finally:
        visit.close()


def test_the_network_of_every_review_at_once(browser, shots, tmp_path):
    path = tmp_path / "all-network.html"
    views.write_network([cm for _, cm in MAPS], path)
    visit = Visit(browser, path)
    try:
        visit.assert_clean()
        visit.screenshot(shots / "all-network.png")
        visit.page.fill("#search", "mother")
        count = visit.page.text_content("#search-count")
        assert count and int(count.split()[0]) >= 5
        visit.page.locator("#matches button").first.click()
        assert "mother" in visit.page.text_content("#details-body").lower()
    finally:
        visit.close()


@pytest.mark.parametrize("kind", ["genogram", "ecomap", "network"])
def test_hostile_text_is_shown_literally_and_never_run(browser, shots, tmp_path, kind):
    [cm] = read(HOSTILE)
    visit = Visit(browser, _write(kind, cm, tmp_path, "hostile"))
    page = visit.page
    try:
        visit.assert_clean()
        assert page.locator("img").count() == 0
        assert page.locator("#view svg svg, #view b, #view script").count() == 0
        title = page.text_content("h1")
        assert "<img src=x onerror=alert(1)>" in title and "{{ jinja }}" in title
        if kind == "network":
            page.fill("#search", "zo")
            page.locator("#matches button").first.click()
        else:
            page.locator("[data-person='zoe']").first.click()
        details = page.text_content("#details-body")
        assert "Zoë – Ł <img src=x onerror=alert(1)>" in details
        assert "</script><script>alert(1)</script>" in details   # the quote, as text
        page.wait_for_timeout(100)
        assert visit.dialogs == [] and visit.errors == []
        visit.screenshot(shots / f"hostile-{kind}.png")
    finally:
        visit.close()


def test_clicking_a_person_shows_the_source_quote(browser, tmp_path):
    [cm] = read(RIVERSIDE)
    visit = Visit(browser, _write("genogram", cm, tmp_path, "riverside"))
    try:
        visit.page.locator("[data-person='child-m']").click()
        text = visit.page.text_content("#details-body")
        assert "Child M" in text
        assert "Child M is a White British girl who was three years old" in text
        visit.page.hover("[data-person='mother']")
        assert visit.page.is_visible("#tooltip")
        assert "M's mother" in visit.page.text_content("#tooltip")
        # Zoom and fit change what is shown, not the drawing.
        before = visit.page.get_attribute("#view svg", "viewBox")
        visit.page.click("[data-action='zoom-in']")
        assert visit.page.get_attribute("#view svg", "viewBox") != before
        visit.page.click("[data-action='fit']")
        assert visit.page.get_attribute("#view svg", "viewBox") == before
    finally:
        visit.close()


def test_the_ecomap_date_control_hides_what_was_not_there(browser, tmp_path):
    [cm] = read(RIVERSIDE)
    visit = Visit(browser, _write("ecomap", cm, tmp_path, "riverside"))
    page = visit.page
    early_help = "g[data-ends='riverside-early-help mother']"
    try:
        assert page.is_visible(early_help)
        dates = page.evaluate("JSON.parse(document.getElementById('kinmap-data').textContent)"
                              ".dates")
        page.eval_on_selector("#at", "(el, i) => { el.value = i; "
                              "el.dispatchEvent(new Event('input')); }", dates.index("2022-01"))
        assert page.text_content("#at-value") == "2022-01"
        assert not page.is_visible(early_help)
        page.eval_on_selector("#at", "(el, i) => { el.value = i; "
                              "el.dispatchEvent(new Event('input')); }", dates.index("2021-09"))
        assert page.is_visible(early_help)
        visit.assert_clean()
    finally:
        visit.close()


def test_pseudonymised_views_draw(browser, shots, tmp_path):
    [cm] = read(RIVERSIDE)
    path = tmp_path / "pseudo.html"
    views.write_genogram(cm, path, pseudonymise=True)
    visit = Visit(browser, path)
    try:
        visit.assert_clean()
        assert "pseudonymised" in visit.page.text_content(".subtitle")
        visit.screenshot(shots / "riverside-genogram-pseudonymised.png")
    finally:
        visit.close()


def test_the_pseudonymised_network_of_every_review_draws(browser, shots, tmp_path):
    """Every review pseudonymised at once: ids stay apart, so the page draws them all."""
    path = tmp_path / "all-network-pseudonymised.html"
    views.write_network([cm for _, cm in MAPS], path, pseudonymise=True)
    visit = Visit(browser, path)
    try:
        visit.assert_clean()
        assert visit.page.get_attribute("body", "data-drawn")
        visit.screenshot(shots / "all-network-pseudonymised.png")
        visit.page.fill("#search", "(group)")
        count = visit.page.text_content("#search-count")
        assert count and int(count.split()[0]) >= 8
    finally:
        visit.close()


@pytest.mark.parametrize("kind", ["genogram", "ecomap"])
def test_pseudonymised_groups_are_drawn_as_groups(browser, shots, tmp_path, kind):
    [cm] = read(DATA / "valid" / "godmother-everywhere.yaml")
    path = tmp_path / f"godmother-{kind}.html"
    write = views.write_genogram if kind == "genogram" else views.write_ecomap
    write(cm, path, pseudonymise=True)
    visit = Visit(browser, path)
    try:
        visit.assert_clean()
        visit.screenshot(shots / f"godmother-{kind}-pseudonymised.png")
        body = visit.page.text_content("body")
        assert "Sisters (group)" in body and "Quarrendon" not in body
        # in the drawing on screen (the page may also hold a copy for portrait paper)
        screen = "#view > svg:not(.print-portrait)"
        assert visit.page.locator(f"{screen} g[transform='translate(5,-5)']").count() == 2
    finally:
        visit.close()


def test_the_svg_file_opens_on_its_own(browser, shots, tmp_path):
    [cm] = read(RIVERSIDE)
    path = tmp_path / "riverside.svg"
    views.write_genogram(cm, path)
    page = browser.new_page(viewport={"width": 1300, "height": 800})
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    try:
        page.goto(path.resolve().as_uri())
        assert requests == [path.resolve().as_uri()]
        page.screenshot(path=str(shots / "riverside-genogram-svg.png"))
        page.goto("about:blank")  # an SVG document has no <canvas> to measure with
        assert not blank(page, (shots / "riverside-genogram-svg.png").read_bytes())
    finally:
        page.close()
