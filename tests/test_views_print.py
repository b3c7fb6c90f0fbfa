"""Print is what you see: Chromium's PDF of each view, landscape and portrait A4.

One page each way; the layers switched off on screen stay off on paper; the
date the control was at, the title and the "pseudonymised" stamp are printed;
text on paper is at least 7 pt (measured in print media at the page's size).
"""
from __future__ import annotations


import pytest
from conftest import DATA
from chromium import Visit, as_printed, pdf_pages, set_date
from test_views_browser import MAPS, RIVERSIDE

from kinmap.exports import views
from kinmap.loaders import read

VIEW_WRITERS = {"genogram": views.write_genogram, "ecomap": views.write_ecomap,
                "timeline": views.write_timeline}

@pytest.mark.parametrize("kind", sorted(VIEW_WRITERS))
@pytest.mark.parametrize("name, casemap", MAPS, ids=[n for n, _ in MAPS])
def test_each_view_prints_on_one_page_each_way(browser, tmp_path, kind, name,
                                               casemap):
    path = tmp_path / f"{name}-{kind}.html"
    VIEW_WRITERS[kind](casemap, path)
    visit = Visit(browser, path)
    try:
        for orientation in ("landscape", "portrait"):
            pdf = visit.page.pdf(format="A4", landscape=orientation == "landscape",
                                 print_background=True)
            assert pdf_pages(pdf) == 1, orientation
        visit.assert_clean()
    finally:
        visit.close()


def test_layers_switched_off_stay_off_on_paper_and_the_printout_says_so(browser,
                                                                       tmp_path):
    [cm] = read(RIVERSIDE)
    path = tmp_path / "riverside-genogram.html"
    views.write_genogram(cm, path)
    visit = Visit(browser, path)
    page = visit.page
    try:
        page.uncheck("[data-layer='households']")
        as_printed(page, "landscape")
        assert not page.is_visible(".layer-households g.household")
        assert page.is_visible(".layer-people g.person")
        assert page.is_visible("#print-state")
        assert "Not shown: Households." in page.text_content("#print-layers")
        assert page.is_visible("h1") and "Child M" in page.text_content("h1")
        assert not page.is_visible(".toolbar")
    finally:
        visit.close()


def test_the_date_on_screen_is_the_date_on_paper(browser, tmp_path):
    [cm] = read(RIVERSIDE)
    path = tmp_path / "riverside-ecomap.html"
    views.write_ecomap(cm, path)
    visit = Visit(browser, path)
    page = visit.page
    try:
        dates = page.evaluate("JSON.parse(document.getElementById('kinmap-data').textContent)"
                              ".dates")
        set_date(page, dates.index("2022-01"))
        as_printed(page, "portrait")
        assert page.is_visible("#print-at")
        assert page.text_content("#print-at") == "Shown at 2022-01."
        hidden = page.locator(".hidden-by-date").count()
        assert hidden > 0, "something dated outside 2022-01 is hidden on paper too"
    finally:
        visit.close()


@pytest.mark.parametrize("kind", sorted(VIEW_WRITERS))
def test_a_pseudonymised_printout_is_stamped(browser, tmp_path, kind):
    [cm] = read(DATA / "valid" / "godmother-everywhere.yaml")
    path = tmp_path / f"godmother-{kind}.html"
    VIEW_WRITERS[kind](cm, path, pseudonymise=True)
    visit = Visit(browser, path)
    try:
        as_printed(visit.page, "landscape")
        assert visit.page.is_visible("#print-state .stamp")
        assert visit.page.text_content("#print-state .stamp").strip() == "Pseudonymised"
    finally:
        visit.close()
