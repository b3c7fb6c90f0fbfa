"""The workbench as a reviewer uses it: `kinmap serve` in a real Chromium, driven by Playwright.

A fixture starts `kinmap serve --port 0` as a subprocess on a store of its own
and waits for the address it prints. The reviewer uploads a fictional review
(tests/data/workbench/child-wren.txt), corrects a relationship the extractor
drew to a person who is not there, deletes that false person, adds the agency
the extractor missed by selecting its sentence, reloads mid-way (and the server
restarts) to find the draft intact, loads the result, sees it in the genogram,
and runs absent-agencies and downloads its CSV. The hostile run uploads a review
whose text is markup and opens a review whose names are, and asserts that no
script of theirs runs. Every page must ask for nothing but the workbench itself.

Screenshots of each step go to $KINMAP_SCREENSHOTS, else to a temporary folder;
`KINMAP_SCREENSHOTS=docs/images pytest tests/test_workbench_browser.py` renews
the README's (docs/images/workbench-*.png).
"""
from __future__ import annotations

import csv
import io
import os
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import DATA, EXAMPLES

REVIEW = DATA / "workbench" / "child-wren.txt"
HOSTILE_DOCUMENT = DATA / "workbench" / "hostile-review.txt"
HOSTILE_MAP = DATA / "valid" / "hostile.yaml"
MISSING = "Ms Avery was also supported by the Brightwater Tenancy Support Project"


try:
    import flask  # noqa: F401  (the workbench's framework: the web extra)
except ImportError:
    if os.environ.get("CI"):
        raise
    pytest.skip("flask is not installed (pip install -e '.[test]')", allow_module_level=True)


class Server:
    """`kinmap serve` in a subprocess, on a free port, until stopped."""

    def __init__(self, store: Path, drafts: Path) -> None:
        self.store, self.drafts = store, drafts
        self.process: subprocess.Popen | None = None
        self.url = ""
        self.urls: list[str] = []  # every address it had (a restart picks a new port)

    def start(self) -> "Server":
        kinmap = Path(sys.executable).parent / "kinmap"
        self.process = subprocess.Popen(
            [str(kinmap), "--store", str(self.store), "serve", "--port", "0", "--drafts",
             str(self.drafts)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        seen = []
        for line in self.process.stderr:  # the address, once it listens
            seen.append(line)
            found = re.search(r"(http://127\.0\.0\.1:\d+/)", line)
            if found:
                self.url = found.group(1)
                self.urls.append(self.url)
                # keep reading, so a full pipe never stops the server
                threading.Thread(target=self.process.stderr.read, daemon=True).start()
                return self
        self.process.wait(timeout=10)
        pytest.fail("kinmap serve did not start: " + "".join(seen))

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=20)


@pytest.fixture
def server(tmp_path):
    """The workbench on a store holding the bundled examples."""
    from kinmap.graph.load import load_files
    from kinmap.graph.store import open_store
    store = tmp_path / "store"
    load_files(lambda: open_store(str(store)), [EXAMPLES])
    running = Server(store, tmp_path / "drafts").start()
    yield running
    running.stop()


class Session:
    """One browser page on the workbench, with every request, error and dialog it saw."""

    def __init__(self, browser, server: Server, shots: Path) -> None:
        self.server, self.shots = server, shots
        self.context = browser.new_context(viewport={"width": 1400, "height": 900},
                                           accept_downloads=True)
        self.page = self.context.new_page()
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.context.on("request", lambda r: self.requests.append(r.url))
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

        def dialog(d) -> None:
            self.dialogs.append(d.message)
            d.dismiss()
        self.page.on("dialog", dialog)

    def go(self, path: str = "") -> None:
        self.page.goto(self.server.url + path)

    def shot(self, name: str) -> None:
        self.page.screenshot(path=str(self.shots / f"workbench-{name}.png"))

    def element(self, key: str):
        return self.page.locator(f"#el-{key}")

    def outside(self) -> list[str]:
        """Requests for anything but the workbench (data: URLs are the page's own)."""
        return [u for u in self.requests if not u.startswith(tuple(self.server.urls))
                and not u.startswith(("data:", "about:"))]


def _select_text(page, words: str) -> None:
    """Select words in the document as a reviewer would with the mouse."""
    box = page.locator("#doc-text")
    box.evaluate("""(root, words) => {
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        let text = "", nodes = [];
        while (walker.nextNode()) { nodes.push([walker.currentNode, text.length]);
                                    text += walker.currentNode.data; }
        const start = text.indexOf(words), end = start + words.length;
        const at = (offset) => { for (const [node, from] of nodes) {
            if (offset <= from + node.data.length) return [node, offset - from]; } };
        const range = document.createRange();
        range.setStart(...at(start)); range.setEnd(...at(end));
        const selection = window.getSelection();
        selection.removeAllRanges(); selection.addRange(range);
        root.scrollIntoView();
    }""", words)
    bounds = box.bounding_box()
    page.mouse.move(bounds["x"] + 20, bounds["y"] + 20)
    box.dispatch_event("mouseup")


def test_a_reviewer_checks_a_draft_loads_it_and_asks_a_question(browser, server, shots):
    s = Session(browser, server, shots)
    page = s.page
    s.go()
    assert page.locator("#reviews").get_by_text("riverside-child-m").count() == 1
    s.shot("1-library")

    # upload a review document: the draft appears beside the text
    page.set_input_files("#document", str(REVIEW))
    page.get_by_role("button", name="Upload and draft").click()
    page.wait_for_url(re.compile(r"/drafts/fernmoor-wren"))
    draft_url = page.url
    assert "Brightwater Tenancy Support Project" in page.text_content("#doc-text")
    assert "confidence 0.6" in s.element("relationships-0").text_content()
    assert page.locator("#progress [data-section='people']").text_content().strip() == \
        "people 0/9"

    # choosing an element highlights its quote; choosing a highlight lists its elements
    s.element("people-4").get_by_role("link", name="show in the text").click()
    chosen = page.locator("#doc-text a.q.chosen").first
    assert "her partner, Mr Kestrel" in chosen.text_content()
    assert chosen.is_visible()
    chosen.click()
    supports = page.text_content("#supports")
    assert "people-4" in supports and "relationships-0" in supports
    s.shot("2-draft-beside-text")

    # correct the wrongly drafted relationship: the partner is Mr Kestrel
    page.goto(draft_url)
    s.element("relationships-0").get_by_role("link", name="Edit").click()
    page.fill("#relationships-0-to", "mr-kestrel")
    s.shot("3-edit-relationship")
    s.element("relationships-0").get_by_role("button", name="Save").click()
    assert "partner: mother → mr-kestrel" in s.element("relationships-0").text_content()
    assert s.element("relationships-0").locator(".state").text_content() == "edited"

    # delete the false person ("her partner" is Mr Kestrel again)
    s.element("people-4").get_by_role("button", name="Delete").click()
    assert s.element("people-4").count() == 0
    assert "her partner" in page.text_content("#bench-deleted")
    assert page.locator("#progress [data-section='people']").text_content().strip() == \
        "people 1/9"

    # mid-way: reload, and even restart the server: the draft is as it was
    server.stop()
    server.start()
    draft_url = server.url + draft_url.split("/", 3)[3]  # a new port
    page.goto(draft_url)
    assert s.element("people-4").count() == 0
    assert "mr-kestrel" in s.element("relationships-0").text_content()
    s.element("people-0").get_by_role("button", name="Accept").click()
    assert page.locator("#progress [data-section='people']").text_content().strip() == \
        "people 2/9"
    page.reload()
    assert s.element("people-0").locator(".state").text_content() == "accepted"

    # add the agency the extractor missed, by selecting its sentence
    _select_text(page, MISSING)
    assert page.input_value("#add-quote") == MISSING
    page.select_option("#add-section", "agencies")
    page.click("#add-next")
    assert page.input_value("#add-quote") == MISSING
    page.fill("#new-id", "brightwater")
    page.select_option("#new-kind", "housing")
    page.fill("#new-label", "Brightwater Tenancy Support Project")
    s.shot("4-add-missing-agency")
    page.click("#add-submit")
    added = s.element("agencies-6")
    assert "Brightwater Tenancy Support Project" in added.text_content()
    assert added.locator(".state").text_content() == "added"
    assert MISSING in added.locator("blockquote").text_content()

    # a wrong value is refused in the validator's words, and changes nothing
    s.element("people-1").get_by_role("link", name="Edit").click()
    page.select_option("#people-1-role", "")
    page.fill("#people-1-born", "June 2019")
    s.element("people-1").get_by_role("button", name="Save").click()
    assert "not saved" in page.text_content(".flash.error")
    assert "date" in page.text_content(".flash.error")
    page.goto(draft_url)

    # agreement: the draft against the reviewer's result, as the scorer computes it
    page.click("#agreement-link")
    from kinmap.agreement import casemap_agreement
    from kinmap.drafts import DraftFolder
    on_disk = DraftFolder(server.drafts).open("fernmoor-wren")
    expected = casemap_agreement(on_disk.extracted, on_disk.casemap)
    assert page.text_content("#micro-f1") == f"{expected.micro[2]:.3f}"
    assert 0 < expected.micro[2] < 1
    s.shot("5-agreement")

    # save and load into the store, checked by the reviewer
    page.goto(draft_url)
    page.fill("#reviewer", "A. Reviewer")
    page.click("#load")
    page.wait_for_url(re.compile(r"/reviews/fernmoor-wren"))
    assert "checked by A. Reviewer" in page.text_content("main")
    assert "Brightwater Tenancy Support Project" in page.text_content("#elements")

    # the change is in the genogram: a couple of the mother and Mr Kestrel, no false person
    genogram = page.frame_locator("#view-genogram iframe")
    genogram.locator("body[data-ready='1']").wait_for(timeout=15_000)
    assert genogram.locator("[data-person='mr-kestrel']").count() == 1
    assert genogram.locator("[data-person='her-partner']").count() == 0
    assert genogram.locator("g.couple[data-ends~='mr-kestrel'][data-ends~='mother']").count() == 1
    page.locator("#view-genogram").scroll_into_view_if_needed()
    s.shot("6-genogram-after-load")

    # the store the CLI reads has it, with who checked it
    from kinmap.graph.store import open_store
    with open_store(str(server.store), read_only=True) as store:
        loaded = store.casemap("fernmoor-wren")
    assert loaded.checked_by == "A. Reviewer" and loaded.extractor
    assert "her-partner" not in loaded.ids() and "brightwater" in loaded.ids()

    # a question: absent-agencies over the new review, and its CSV
    page.click("text=Questions")
    page.click("text=absent-agencies")
    page.select_option("#review", "fernmoor-wren")
    page.get_by_role("button", name="Ask").click()
    answer = page.text_content("#answer")
    assert "GP" in answer and "nursery" in answer
    s.shot("7-absent-agencies")
    with page.expect_download() as download:
        page.click("#csv")
    rows = list(csv.reader(io.StringIO(Path(download.value.path()).read_text("utf-8"))))
    from kinmap.graph.queries import Options, run_query
    with open_store(str(server.store), read_only=True) as store:
        table = run_query(store, "absent-agencies", Options(review="fernmoor-wren"))
    assert rows[0] == table.columns
    assert rows[1:] == [["" if v is None else str(v) for v in row] for row in table.rows]
    assert {"GP", "nursery"} <= {r[table.columns.index("agency")] for r in rows[1:]}

    assert s.errors == [] and s.dialogs == []
    assert s.outside() == [], "a request left the workbench"
    s.context.close()


def test_hostile_text_is_shown_literally_and_no_request_leaves(browser, server, shots):
    from kinmap.graph.load import load_files
    from kinmap.graph.store import open_store
    load_files(lambda: open_store(str(server.store)), [HOSTILE_MAP])  # beside the server
    s = Session(browser, server, shots)
    page = s.page
    s.go()
    page.set_input_files("#document", str(HOSTILE_DOCUMENT))
    page.get_by_role("button", name="Upload and draft").click()
    page.wait_for_url(re.compile(r"/drafts/"))
    text = page.text_content("#doc-text")
    assert "<script>alert('doc')</script>" in text
    assert '<img src="http://example.invalid/pixel.png" onerror="alert(2)">' in text
    assert page.locator("#doc-text img, #doc-text script, #doc-text iframe").count() == 0

    # a hostile sentence, selected and added, stays text
    _select_text(page, "<b>Mr Bold</b> was the <i>father</i>")
    page.select_option("#add-section", "findings")
    page.click("#add-next")
    page.fill("#new-id", "hostile-finding")
    page.fill("#new-text", "</textarea><script>alert(3)</script>")
    page.click("#add-submit")
    added = page.locator(".element", has_text="</textarea><script>alert(3)</script>")
    assert added.count() == 1
    assert "<b>Mr Bold</b> was the <i>father</i>" in added.locator("blockquote").text_content()
    s.shot("hostile-draft")

    # the library and a review whose title, names and quotes are markup
    s.go()
    assert "<img src=x onerror=alert(1)>" in page.text_content("#reviews")
    page.locator("#reviews a", has_text="hostile").first.click()
    title = page.text_content("h1")
    assert "<img src=x onerror=alert(1)>" in title and "{{ jinja }}" in title
    frame = page.frame_locator("#view-genogram iframe")
    frame.locator("body[data-ready='1']").wait_for(timeout=15_000)
    frame.locator("[data-person='zoe']").first.click()
    assert "</script><script>alert(1)</script>" in frame.locator("#details-body").text_content()
    s.shot("hostile-review")
    page.wait_for_timeout(200)
    assert s.dialogs == [], "a script from a document ran"
    assert page.locator("main img, main script").count() == 0
    assert s.outside() == [], "a request left the workbench"
    assert s.errors == []
    s.context.close()


def test_a_request_without_the_session_token_changes_nothing(browser, server, shots):
    """A page of another site posting to the workbench (CSRF) is refused."""
    s = Session(browser, server, shots)
    s.go()
    s.page.set_input_files("#document", str(REVIEW))
    s.page.get_by_role("button", name="Upload and draft").click()
    s.page.wait_for_url(re.compile(r"/drafts/fernmoor-wren"))
    before = (server.drafts / "fernmoor-wren" / "state.json").read_text()
    attacker = s.context.new_page()
    attacker.set_content(f"""<form method="post" action="{server.url}drafts/wren/delete">
        <input name="key" value="people-0"><input name="token" value="guessed"></form>""")
    with attacker.expect_navigation():
        attacker.evaluate("document.forms[0].submit()")
    assert "refused" in attacker.text_content("body")
    time.sleep(0.1)
    assert (server.drafts / "fernmoor-wren" / "state.json").read_text() == before
    s.context.close()
