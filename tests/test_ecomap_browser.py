"""The ecomap in Chromium at 1400 x 900: readable after Fit, true to the date control, inspectable.

Readability is measured as `../shared/tools/view_metrics.py` measures it: every
visible SVG text's font size on screen after pressing Fit, and the pairs of
text boxes that overlap by more than 30 % of the smaller one.
"""
from __future__ import annotations

import pytest
from conftest import DATA
from chromium import Visit, overlapping, set_date, text_boxes
from test_views_browser import MAPS, RIVERSIDE

from kinmap.exports import views
from kinmap.loaders import read

WRENFORD = DATA / "views" / "wrenford-child-j.yaml"
ECOMAPS = MAPS + [(WRENFORD.stem, cm) for cm in read(WRENFORD)]

def _open(browser, cm, tmp_path, name: str) -> Visit:
    path = tmp_path / f"{name}-ecomap.html"
    views.write_ecomap(cm, path)
    return Visit(browser, path, size=(1400, 900))


def _at(page, date: str | None) -> None:
    """Move the date control to `date` (None: all dates)."""
    dates = page.evaluate("JSON.parse(document.getElementById('kinmap-data').textContent).dates")
    index = len(dates) if date is None else dates.index(date)
    set_date(page, index)


def _measure(page) -> list:
    page.click("[data-action='fit']")
    page.wait_for_timeout(100)
    return text_boxes(page)


@pytest.mark.parametrize("name, cm", ECOMAPS, ids=[n for n, _ in ECOMAPS])
def test_every_ecomap_is_readable_in_a_room(browser, tmp_path, name, cm):
    visit = _open(browser, cm, tmp_path, name)
    try:
        dates = visit.page.evaluate(
            "JSON.parse(document.getElementById('kinmap-data').textContent).dates || []")
        # All dates, and each home's frame (the first date of each home) for a child who moved.
        homes = visit.page.evaluate("""() => [...document.querySelectorAll('.ecomap-frame')]
            .map(f => (f.getAttribute('data-shown') || '').indexOf('1'))""")
        for index in [None] + [i for i in homes if i >= 0]:
            if index is not None:
                _at(visit.page, dates[index])
            boxes = _measure(visit.page)
            sizes = [b[4] for b in boxes]
            assert sizes, "the ecomap shows no text"
            assert min(sizes) >= 12, (index, sorted(zip(sizes, (b[5] for b in boxes)))[:3])
            assert overlapping(boxes) == [], index
        visit.assert_clean()
    finally:
        visit.close()


def test_the_date_control_hides_people_born_later_and_later_meetings(browser, tmp_path):
    [cm] = read(RIVERSIDE)
    visit = _open(browser, cm, tmp_path, "riverside")
    page = visit.page
    shown = ".ecomap-frame:not(.hidden-by-date) "
    baby = shown + "g.person[data-person='baby-half-brother']"
    gp_absent = shown + "g.agency[data-person='gp'] .absence"
    try:
        assert page.is_visible(baby) and page.is_visible(gp_absent)
        assert page.locator(shown + "g.household").count() == 1
        _at(page, "2018-10")
        assert page.text_content("#at-value") == "2018-10"
        assert not page.is_visible(baby)            # born 2021-08-19
        assert not page.is_visible(gp_absent)       # the strategy meeting of 2021-12-06
        assert page.locator(shown + "g.household").count() == 0   # no home recorded yet
        assert page.is_visible(shown + "g.person[data-person='partner']")  # on the ring
        _at(page, "2021-12-06")
        assert page.is_visible(baby) and page.is_visible(gp_absent)
        assert page.locator(shown + "g.household").count() == 1
        visit.assert_clean()
    finally:
        visit.close()


def test_the_centre_follows_the_date_for_a_child_who_moved(browser, tmp_path):
    [cm] = read(WRENFORD)
    visit = _open(browser, cm, tmp_path, "wrenford")
    page = visit.page
    # The drawing on screen (the page may also hold a copy for portrait paper).
    home = "#view > svg:not(.print-portrait) .ecomap-frame:not(.hidden-by-date) g.household"
    try:
        assert page.get_attribute(home, "data-home") == "foster-home"
        for date, expected in (("2017-09", "mothers-home"), ("2018-06", "grandmothers-home"),
                               ("2020-09", "grandmothers-home"), ("2020-11", "foster-home")):
            _at(page, date)
            assert page.locator(home).count() == 1
            assert page.get_attribute(home, "data-home") == expected, date
        _at(page, "2018-02")
        assert not page.is_visible(".ecomap-frame:not(.hidden-by-date) "
                                   "g.person[data-person='half-brother']")
        visit.assert_clean()
    finally:
        visit.close()


def test_lines_and_the_home_answer_a_click_and_the_keyboard(browser, tmp_path):
    [cm] = read(RIVERSIDE)
    visit = _open(browser, cm, tmp_path, "riverside")
    page = visit.page
    frame = ".ecomap-frame:not(.hidden-by-date) "
    try:
        page.click("[data-action='fit']")
        line = page.locator(frame + "g.involvement[data-ends='nursery child-m'] path.hit")
        line.click(force=True)
        assert "Child M's nursery" in page.text_content("#details-body")
        page.focus(frame + "g.household")
        assert "mother's flat" in page.text_content("#details-body")
        page.focus(frame + "g.sharing")
        assert "information sharing" in page.text_content("#details-body")
        visit.assert_clean()
    finally:
        visit.close()
