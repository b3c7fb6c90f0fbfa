"""The genogram in a room: at 1400x900 after Fit, text of at least 12 px and no label on another.

Measured as `../shared/tools/view_metrics.py` measures it: every visible SVG
text's font size on screen (font size times the SVG's scale) and every pair of
text boxes overlapping by more than 30 % of the smaller one. On the examples,
the gold and our own fictional families (`data/views/`). Also: a line and a
household box answer a click and keyboard focus with what the review says.
"""
from __future__ import annotations

import pytest
from conftest import DATA
from chromium import Visit, overlapping, text_boxes
from test_views_browser import MAPS

from kinmap.exports import views
from kinmap.loaders import read

OURS = [(f"{p.stem}-0", read(p)[0]) for p in sorted((DATA / "views").glob("*.yaml"))]
ALL = MAPS + OURS

@pytest.mark.parametrize("name, casemap", ALL, ids=[n for n, _ in ALL])
def test_readable_after_fit_at_1400_by_900(browser, shots, tmp_path, name, casemap):
    path = tmp_path / f"{name}-genogram.html"
    views.write_genogram(casemap, path, cultural=True)
    visit = Visit(browser, path, size=(1400, 900))
    try:
        visit.page.click("button[data-action='fit']")
        visit.page.wait_for_timeout(100)
        boxes = text_boxes(visit.page)
        assert boxes
        smallest = min(b[4] for b in boxes)
        assert smallest >= 12.0, f"{name}: smallest text {smallest:.1f} px"
        assert overlapping(boxes) == []
        visit.screenshot(shots / f"{name}-genogram-fit.png")
    finally:
        visit.close()


def test_lines_and_boxes_answer_a_click_and_keyboard_focus(browser, tmp_path):
    cm = read(DATA / "views" / "moves.yaml")[0]
    path = tmp_path / "moves-genogram.html"
    views.write_genogram(cm, path)
    visit = Visit(browser, path, size=(1400, 900))
    page = visit.page
    try:
        visit.assert_clean()
        # A couple line, by keyboard focus.
        page.locator("g.couple[data-ends='mother mum-partner']").focus()
        assert "R's mother – mother's partner (Mr T)" in page.text_content("#details-body")
        # A child line, clicked on its wide hit area.
        page.locator("g.child-line[data-ends='mother mum-partner half-sister'] path.hit")\
            .click(force=True)
        assert "Mia (maternal half-sister)" in page.text_content("#details-body")
        # A box of the strip of homes.
        page.locator("g.placement[data-household='nan-home']").click()
        assert "grandmother's house" in page.text_content("#details-body")
        assert visit.errors == []
    finally:
        visit.close()


def test_the_date_control_moves_the_child_between_her_homes(browser, tmp_path):
    cm = read(DATA / "views" / "moves.yaml")[0]
    path = tmp_path / "moves-genogram.html"
    views.write_genogram(cm, path)
    visit = Visit(browser, path, size=(1400, 900))
    page = visit.page

    def homes_round_r() -> list[str]:
        return page.evaluate("""() => [...document.querySelectorAll('g.household')]
            .filter(g => getComputedStyle(g).display !== 'none'
                    && g.dataset.members.split(' ').includes('child-r'))
            .map(g => g.dataset.household)""")

    def at(date: str) -> None:
        page.evaluate("""(date) => {
            const dates = JSON.parse(document.getElementById('kinmap-data').textContent).dates;
            const range = document.getElementById('at');
            range.value = dates.indexOf(date);
            range.dispatchEvent(new Event('input'));
        }""", date)
    try:
        assert homes_round_r() == ["aunt-home"]          # the latest: special guardianship
        at("2020-06")
        assert homes_round_r() == ["nan-home"]           # the kinship move
        at("2021-03")
        assert homes_round_r() == ["foster"]             # the foster move
        # Born 2020-11: the half-sister is not yet drawn in 2020-06.
        at("2020-06")
        assert not page.locator("[data-person='half-sister']").is_visible()
        assert visit.errors == []
    finally:
        visit.close()
