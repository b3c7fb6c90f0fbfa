"""What the browser tests share: Debian's headless Chromium, a page visit, and the view metrics.

The `browser` and `shots` fixtures (in conftest.py) use `launch` and `screenshot_folder`; tests open a
page with `Visit`, measure text as `../shared/tools/view_metrics.py` does with
`text_boxes` and `overlapping`, and lay a page out as Chromium prints it with
`as_printed`.
"""
from __future__ import annotations

import base64
import os
import re
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]

#: A4 less the views' 9 mm print margins, in CSS px (96 per inch).
PAGE_PX = {"landscape": (round(279 / 25.4 * 96), round(192 / 25.4 * 96)),
           "portrait": (round(192 / 25.4 * 96), round(279 / 25.4 * 96))}

#: Every visible SVG text under `root`: its box on screen, its font size in CSS px after
#: the SVG's scaling, and its words.
TEXT_BOXES = """(root) => {
  const out = [];
  for (const t of document.querySelectorAll((root || '') + ' svg text')) {
    const r = t.getBoundingClientRect();
    const cs = getComputedStyle(t);
    if (!r.width || !r.height || cs.visibility === 'hidden' || cs.display === 'none') continue;
    if (!t.textContent.trim()) continue;
    const m = t.getScreenCTM();
    const scale = m ? Math.hypot(m.a, m.b) : 1;
    out.push([r.left, r.top, r.width, r.height, parseFloat(cs.fontSize) * scale,
              t.textContent]);
  }
  return out;
}"""


#: Where a line of the drawing runs through a label: [label's words, the label's owner
#: (data-ref), the line's owner (data-ref, or its group's class), the label's kind
#: ('line-label' for a label on a line, else its group's first class), the line's kind
#: (its group's first class), and whether the line ends at the person the label names]
#: for every visible SVG
#: text under `root` and every visible line of a view (couple, child, tie, involvement,
#: sharing and team lines; not the invisible wide strokes that catch clicks). A label's
#: box is its text's box less 15 % of its height above and below (the glyphs, not the
#: line spacing); each line is sampled every 2 px along its length.
LINE_CROSSINGS = """(root) => {
  const LINES = 'g.couple, g.children, g.child-line, g.tie, g.involvement, g.sharing, ' +
                'path.team';
  const seen = (el) => el.getClientRects().length > 0;
  const labels = [];
  for (const t of document.querySelectorAll((root || '') + ' svg text')) {
    if (!seen(t) || !t.textContent.trim()) continue;
    const r = t.getBoundingClientRect();
    const owner = t.closest('[data-ref]');
    const person = owner && owner.getAttribute('data-person');
    labels.push({words: t.textContent, ref: owner ? owner.getAttribute('data-ref') : null,
                 kind: t.classList.contains('line-label') ? 'line-label'
                   : owner ? owner.getAttribute('class').split(' ')[0] : null,
                 person: person,
                 x0: r.left, x1: r.right, y0: r.top + r.height * 0.15,
                 y1: r.bottom - r.height * 0.15});
  }
  const out = [];
  for (const el of document.querySelectorAll((root || '') + ' svg path, ' + (root || '') + ' svg line')) {
    if (el.classList.contains('hit') || el.closest('defs, text') || !el.closest(LINES) || !seen(el)) continue;
    const group = el.closest('[data-ref]') || el.closest(LINES);
    const ref = group.getAttribute('data-ref') || group.getAttribute('class');
    const kind = (group.getAttribute('class') || '').split(' ')[0];
    // A family's lines end at its parents and children.
    const ends = ['data-ends', 'data-parents', 'data-children']
      .flatMap(a => (group.getAttribute(a) || '').split(' '));
    const m = el.getScreenCTM();
    const length = el.getTotalLength();
    const points = [];
    for (let s = 0; s <= length; s += 2) {
      const p = el.getPointAtLength(s);
      points.push([m.a * p.x + m.c * p.y + m.e, m.b * p.x + m.d * p.y + m.f]);
    }
    for (const label of labels) {
      if (label.ref !== null && label.ref === ref) continue;   // its own line
      if (points.some(([x, y]) => x > label.x0 && x < label.x1 && y > label.y0 && y < label.y1))
        out.push([label.words, label.ref, ref, label.kind, kind,
                  label.person !== null && ends.includes(label.person)]);
    }
  }
  return out;
}"""


def unavailable() -> str | None:
    """Why the browser tests cannot run here, or None."""
    if not Path(CHROMIUM).exists():
        return f"{CHROMIUM} is missing (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed (pip install playwright)"
    return None


@contextmanager
def launch() -> Iterator:
    """Chromium for a module's tests; skipped with a reason where missing, failed in CI."""
    reason = unavailable()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"browser tests cannot run in CI: {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


def screenshot_folder(tmp_path_factory) -> Path:
    """$KINMAP_SCREENSHOTS, else a temporary folder."""
    folder = os.environ.get("KINMAP_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        return Path(folder)
    return tmp_path_factory.mktemp("screenshots")


class Visit:
    """One page opened from a file, with everything it asked for and complained of."""

    def __init__(self, browser, path: Path, size=(1280, 860)) -> None:
        self.url = path.resolve().as_uri()
        self.page = browser.new_page(viewport={"width": size[0], "height": size[1]})
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("console", lambda m: m.type in ("error", "warning") and
                     self.errors.append(f"{m.type}: {m.text}"))
        self.page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))

        def dialog(d) -> None:
            self.dialogs.append(d.message)
            d.dismiss()
        self.page.on("dialog", dialog)
        self.page.goto(self.url)
        self.page.wait_for_selector("body[data-ready='1']", timeout=15_000)
        self.page.wait_for_timeout(150)

    def assert_clean(self) -> None:
        assert self.errors == []
        assert self.dialogs == []
        assert self.requests == [self.url], "the page asked for something besides itself"

    def screenshot(self, path: Path) -> None:
        self.page.screenshot(path=str(path))
        assert not blank(self.page, path.read_bytes()), f"{path.name} is blank"

    def close(self) -> None:
        self.page.close()


def blank(page, png: bytes) -> bool:
    """Whether a screenshot is one flat colour (pixel variance measured in the browser)."""
    data = base64.b64encode(png).decode()
    variance = page.evaluate("""async (data) => {
        const img = new Image();
        img.src = "data:image/png;base64," + data;
        await img.decode();
        const c = document.createElement("canvas");
        c.width = img.width; c.height = img.height;
        const g = c.getContext("2d");
        g.drawImage(img, 0, 0);
        const px = g.getImageData(0, 0, c.width, c.height).data;
        let n = 0, sum = 0, sq = 0;
        for (let i = 0; i < px.length; i += 16) {
            const v = (px[i] + px[i + 1] + px[i + 2]) / 3; n++; sum += v; sq += v * v;
        }
        const mean = sum / n;
        return sq / n - mean * mean;
    }""", data)
    return variance < 25.0


def text_boxes(page, root: str = "") -> list:
    """[left, top, width, height, font px, words] of every visible SVG text under `root`."""
    return page.evaluate(TEXT_BOXES, root)


def overlapping(boxes) -> list[tuple[str, str]]:
    """Pairs of text boxes overlapping by more than 30 % of the smaller one (view_metrics.py)."""
    out = []
    for i, (x1, y1, w1, h1, _, t1) in enumerate(boxes):
        for x2, y2, w2, h2, _, t2 in boxes[i + 1:]:
            ix = min(x1 + w1, x2 + w2) - max(x1, x2)
            iy = min(y1 + h1, y2 + h2) - max(y1, y2)
            if ix > 0 and iy > 0 and ix * iy > 0.3 * min(w1 * h1, w2 * h2):
                out.append((t1, t2))
    return out


def line_crossings(page, root: str = "") -> list[tuple]:
    """(label's words, its owner, the line's owner, the label's kind, the line's kind,
    whether the line ends at the label's person) wherever a line runs through a label."""
    return [tuple(c) for c in page.evaluate(LINE_CROSSINGS, root)]


def pdf_pages(pdf: bytes) -> int:
    """How many pages a PDF has."""
    return len(re.findall(rb"/Type\s*/Page(?!s)", pdf))


def as_printed(page, orientation: str) -> None:
    """Lay the page out as Chromium prints it: print media, at the paper's size."""
    page.set_viewport_size(dict(zip(("width", "height"), PAGE_PX[orientation])))
    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")


def set_date(page, index: int) -> None:
    """Move the page's date control to position `index`."""
    page.eval_on_selector("#at", "(el, i) => { el.value = i; "
                          "el.dispatchEvent(new Event('input')); }", index)
