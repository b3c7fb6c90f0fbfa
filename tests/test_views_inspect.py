"""Every element of a view can be inspected: by pointer and by keyboard.

For each distinct `data-ref` an SVG view draws (people, lines, boxes, markers),
there must be a point on screen where a click lands on it (not under another
element), and an element carrying it that the keyboard can reach. A real click
at that point, and focus, must show its details with the review's quote.
"""
from __future__ import annotations

import pytest
from chromium import Visit
from test_views_browser import MAPS, RIVERSIDE

from kinmap.exports import views
from kinmap.loaders import read

WRITERS = {"genogram": views.write_genogram, "ecomap": views.write_ecomap,
           "timeline": views.write_timeline}

#: For each data-ref: a point where the topmost element belongs to it, and whether
#: any element carrying it can take keyboard focus.
REACH = """(only) => {
  const svg = document.querySelector('#view svg');
  const out = {};
  for (const node of svg.querySelectorAll('[data-ref]')) {
    const ref = node.getAttribute('data-ref');
    if (only !== null && ref !== only) continue;
    const entry = out[ref] || (out[ref] = {point: null, focusable: false});
    if (node.getAttribute('tabindex') === '0') entry.focusable = true;
    if (entry.point || !node.getClientRects().length) continue;
    const r = node.getBoundingClientRect();
    const steps = 24;
    for (let i = 0; i <= steps && !entry.point; i++) {
      for (let j = 0; j <= steps && !entry.point; j++) {
        // Whole pixels, as the mouse reports them.
        const x = Math.round(r.left + r.width * i / steps), y = Math.round(r.top + r.height * j / steps);
        const hit = document.elementFromPoint(x, y);
        const owner = hit && hit.closest('[data-ref]');
        if (owner && owner.getAttribute('data-ref') === ref) entry.point = [x, y];
      }
    }
  }
  return out;
}"""


def reach(page, only: str | None = None) -> dict:
    return page.evaluate(REACH, only)


@pytest.mark.parametrize("kind", sorted(WRITERS))
@pytest.mark.parametrize("name, casemap", MAPS, ids=[n for n, _ in MAPS])
def test_every_element_can_be_clicked_and_focused(browser, tmp_path, kind, name,
                                                  casemap):
    path = tmp_path / f"{name}-{kind}.html"
    WRITERS[kind](casemap, path)
    visit = Visit(browser, path, size=(1400, 900))
    try:
        visit.page.click("[data-action='fit']")
        found = reach(visit.page)
        hidden = visit.page.evaluate(
            "() => [...document.querySelectorAll('#view svg [data-ref]')]"
            ".filter(n => !n.getClientRects().length).map(n => n.getAttribute('data-ref'))")
        shown = {ref: e for ref, e in found.items() if e["point"] or ref not in hidden}
        unclickable = sorted(ref for ref, e in shown.items() if not e["point"])
        unfocusable = sorted(ref for ref, e in shown.items() if not e["focusable"])
        assert unclickable == [], "covered or too thin to click"
        assert unfocusable == [], "no element the keyboard can reach"
        visit.assert_clean()
    finally:
        visit.close()


@pytest.mark.parametrize("kind", sorted(WRITERS))
def test_a_click_on_a_line_or_box_shows_its_quote(browser, tmp_path, kind):
    [cm] = read(RIVERSIDE)
    path = tmp_path / f"riverside-{kind}.html"
    WRITERS[kind](cm, path)
    visit = Visit(browser, path, size=(1400, 900))
    page = visit.page
    try:
        data = page.evaluate("JSON.parse(document.getElementById('kinmap-data').textContent)")
        found = reach(page)
        lines_and_boxes = [ref for ref in found if found[ref]["point"]
                           and not ref.startswith("person:")]
        assert len(lines_and_boxes) >= 5
        for ref in lines_and_boxes:
            # Where it can be clicked now: the last selection is drawn a little bolder.
            x, y = reach(page, ref)[ref]["point"]
            page.mouse.click(x, y)
            details = data["details"][ref]
            assert page.text_content("#details-body h3") == details["heading"], ref
            if details.get("quote"):
                assert page.text_content("#details-body blockquote") == details["quote"], ref
        # The keyboard reaches the same details.
        ref = lines_and_boxes[0]
        page.focus(f"#view svg [data-ref='{ref}'][tabindex='0']")
        assert page.text_content("#details-body h3") == data["details"][ref]["heading"]
        visit.assert_clean()
    finally:
        visit.close()
