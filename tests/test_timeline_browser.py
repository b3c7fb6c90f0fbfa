"""The chronology in a real browser (Debian's headless Chromium, driven by Playwright).

Offline with no request, page error or dialog; a click or keyboard focus shows
the quote; at 1400 x 900 after Fit, text is at least 12 px with no two labels
overlapping (the method of ../shared/tools/view_metrics.py); landscape A4 prints
on one page with text of at least 7 pt, and so does portrait. Skipped like test_views_browser.py
when Chromium or Playwright is missing (a failure in CI).
"""
from __future__ import annotations


import pytest
from conftest import DATA, EXAMPLE_FILES, GOLD_FILES
from chromium import PAGE_PX, Visit, overlapping, pdf_pages, text_boxes

from kinmap.exports import views
from kinmap.loaders import read

CHRONOLOGY = DATA / "valid" / "chronology.yaml"
HOSTILE = DATA / "valid" / "hostile-chronology.yaml"
MAPS = [(f"{path.stem}-{i}", cm) for path in EXAMPLE_FILES + GOLD_FILES + [CHRONOLOGY]
        for i, cm in enumerate(read(path))]

#: The drawing on screen (the page also holds a portrait copy, shown only on portrait paper).
SCREEN = "#view > svg:not(.print-portrait)"


@pytest.mark.parametrize("name, casemap", MAPS, ids=[n for n, _ in MAPS])
def test_the_chronology_reads_in_a_room_and_prints_on_one_page(browser, shots, tmp_path,
                                                                name, casemap):
    path = tmp_path / f"{name}-timeline.html"
    views.write_timeline(casemap, path)
    visit = Visit(browser, path, size=(1400, 900))
    page = visit.page
    try:
        visit.assert_clean()
        page.click("[data-action='fit']")
        boxes = text_boxes(page)
        assert boxes
        assert min(b[4] for b in boxes) >= 12.0, min(boxes, key=lambda b: b[4])
        assert overlapping(boxes) == []
        visit.screenshot(shots / f"{name}-timeline.png")
        for landscape, paper in ((True, PAGE_PX["landscape"]), (False, PAGE_PX["portrait"])):
            page.emulate_media(media="screen")
            assert pdf_pages(page.pdf(format="A4", landscape=landscape,
                                      print_background=True)) == 1
            page.set_viewport_size({"width": paper[0], "height": paper[1]})
            page.emulate_media(media="print")
            on_paper = text_boxes(page)
            assert on_paper
            assert min(b[4] for b in on_paper) * 0.75 >= 7.0, landscape   # px to pt
        visit.assert_clean()
    finally:
        visit.close()


def test_clicking_or_focusing_an_item_shows_its_quote(browser, tmp_path):
    [cm] = read(CHRONOLOGY)
    path = tmp_path / "chronology.html"
    views.write_timeline(cm, path)
    visit = Visit(browser, path, size=(1400, 900))
    page = visit.page
    try:
        # Its words on the card (the group also holds its line across the lanes).
        page.locator(f"{SCREEN} g.item.meeting text", has_text="strategy").click()
        details = page.text_content("#details-body")
        assert "The strategy meeting on 9 March went ahead without the GP." in details
        assert "Child J's GP" in details   # absent, in the facts
        page.locator(f"{SCREEN} g.item.sharing-missed").focus()
        details = page.text_content("#details-body")
        assert "The school did not pass its concerns about bruising" in details
        page.locator(f"{SCREEN} g.item.sharing-missed text").first.hover()
        assert "bruising" in page.text_content("#tooltip")
        visit.assert_clean()
    finally:
        visit.close()


def test_the_date_control_hides_what_had_not_happened_yet(browser, tmp_path):
    [cm] = read(CHRONOLOGY)
    path = tmp_path / "chronology.html"
    views.write_timeline(cm, path)
    visit = Visit(browser, path)
    page = visit.page
    plan = f"{SCREEN} g.item[data-since='2022-04']"
    injury = f"{SCREEN} g.item[data-since='2022-02-20']"
    undated = f"{SCREEN} g.item.meeting:not([data-since])"
    try:
        assert page.is_visible(plan) and page.is_visible(injury)
        dates = page.evaluate("JSON.parse(document.getElementById('kinmap-data').textContent)"
                              ".dates")
        page.eval_on_selector("#at", "(el, i) => { el.value = i; "
                              "el.dispatchEvent(new Event('input')); }", dates.index("2022-02-20"))
        assert page.text_content("#at-value") == "2022-02-20"
        assert not page.is_visible(plan) and page.is_visible(injury)
        assert page.is_visible(undated)
        # The portrait copy, printed on portrait paper, hides the same items.
        copy = "svg.print-portrait g.item[data-since='2022-04']"
        assert "hidden-by-date" in page.get_attribute(copy, "class")
        assert "hidden-by-date" not in page.get_attribute(
            "svg.print-portrait g.item[data-since='2022-02-20']", "class")
        visit.assert_clean()
    finally:
        visit.close()


def test_hostile_text_in_a_chronology_is_shown_literally_and_never_run(browser, shots,
                                                                        tmp_path):
    [cm] = read(HOSTILE)
    path = tmp_path / "hostile-timeline.html"
    views.write_timeline(cm, path)
    visit = Visit(browser, path, size=(1400, 900))
    page = visit.page
    try:
        visit.assert_clean()
        assert page.locator("img, iframe, #view script, #view svg svg, #view b").count() == 0
        assert "<script>alert(1)</script>" in page.text_content("h1")
        page.locator(f"{SCREEN} g.item.meeting text").first.click()
        details = page.text_content("#details-body")
        assert "</script><script>alert(3)</script>" in details
        assert "Police</text><script>alert(2)</script>" in details   # the absent agency
        assert "[U+202E]" in details and "\u202e" not in details
        page.locator(f"{SCREEN} g.item.sharing text").first.click()
        assert '<a href="javascript:alert(7)">nothing</a>' in page.text_content("#details-body")
        visit.screenshot(shots / "hostile-timeline.png")
        assert visit.dialogs == [] and visit.errors == []
    finally:
        visit.close()


def test_the_pseudonymised_chronology_draws(browser, shots, tmp_path):
    [cm] = read(CHRONOLOGY)
    path = tmp_path / "pseudo-timeline.html"
    views.write_timeline(cm, path, pseudonymise=True)
    visit = Visit(browser, path, size=(1400, 900))
    try:
        visit.assert_clean()
        assert "pseudonymised" in visit.page.text_content(".subtitle")
        assert "Kestrel" not in visit.page.content()
        visit.screenshot(shots / "chronology-timeline-pseudonymised.png")
    finally:
        visit.close()
