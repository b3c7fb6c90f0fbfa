"""Print is what you see: Chromium's PDF of each view, landscape and portrait A4.

One page each way; the layers switched off on screen stay off on paper; the
date the control was at, the title and the "pseudonymised" stamp are printed;
text on paper is at least 7 pt each way, in every view of the examples and the
gold (measured in print media at the page's size: the drawing a sheet shows,
the portrait copy on portrait paper where the view has one).
"""
from __future__ import annotations


import pytest
from conftest import DATA
from chromium import Visit, as_printed, pdf_pages, set_date, text_boxes
from test_views_browser import MAPS, RIVERSIDE

from kinmap.exports import views
from kinmap.loaders import read

#: The smallest text on paper, either way round; CSS px to pt.
MIN_PT, PT_PER_PX = 7.0, 0.75
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
        for orientation in ("landscape", "portrait"):
            as_printed(visit.page, orientation)
            on_paper = text_boxes(visit.page, "#view")
            assert on_paper or not (casemap.people or casemap.agencies), orientation
            if on_paper:
                smallest = min(on_paper, key=lambda b: b[4])
                assert smallest[4] * PT_PER_PX >= MIN_PT, (orientation, smallest)
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
