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

import base64
import os
from pathlib import Path

import pytest
from conftest import DATA, EXAMPLE_FILES, GOLD_FILES

from kinmap.exports import views
from kinmap.loaders import read

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
RIVERSIDE = next(p for p in EXAMPLE_FILES if p.name == "riverside-child-m.yaml")
HOSTILE = DATA / "valid" / "hostile.yaml"
MAPS = [(f"{path.stem}-{i}", cm) for path in EXAMPLE_FILES + GOLD_FILES
        for i, cm in enumerate(read(path))]


def _unavailable() -> str | None:
    if not Path(CHROMIUM).exists():
        return f"{CHROMIUM} is missing (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed (pip install playwright)"
    return None


@pytest.fixture(scope="module")
def browser():
    reason = _unavailable()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"browser tests cannot run in CI: {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
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
        assert visit.page.locator("#view svg g[transform='translate(5,-5)']").count() == 2
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
