"""The workbench's parts without a browser: draft state on disk, and the safety rules.

Drafts are real folders; the application is the real Flask app over a real
embedded store, called through Flask's test client.
"""
from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest
from conftest import DATA, EXAMPLES

from kinmap.drafts import DraftError, DraftFolder, quote_segments, reviewer_name
from kinmap.forms import FormError
from kinmap.quotes import QuoteNotFound, find_quote

REVIEW = DATA / "workbench" / "child-wren.txt"
MISSING = "Ms Avery was also supported by the Brightwater Tenancy Support Project"


@pytest.fixture(scope="module")
def drafted(tmp_path_factory) -> Path:
    """A drafts folder holding the draft of child-wren.txt, made once (extraction is slow)."""
    root = tmp_path_factory.mktemp("drafts")
    assert DraftFolder(root).draft_document(REVIEW) == ["fernmoor-wren"]
    return root


@pytest.fixture
def drafts(drafted, tmp_path) -> DraftFolder:
    """A fresh copy of the drafted folder for each test."""
    import shutil
    shutil.copytree(drafted, tmp_path / "drafts")
    return DraftFolder(tmp_path / "drafts")


# ---------------------------------------------------------------- draft state

def test_a_draft_keeps_the_text_the_extractors_draft_and_a_state(drafts):
    draft = drafts.open("fernmoor-wren")
    assert draft.text == REVIEW.read_text(encoding="utf-8")
    assert draft.casemap.extractor.startswith("kinmap-rules ")
    assert draft.keys["people"][:2] == ["people-0", "people-1"]
    assert draft.progress()["people"] == (0, len(draft.casemap.people))
    assert sorted(p.name for p in draft.folder.iterdir()) == \
        ["draft-0.yaml", "extracted.yaml", "state.json", "text.txt"]


def test_edits_deletions_and_additions_survive_reopening(drafts):
    quote = drafts.open("fernmoor-wren").casemap.relationships[0].quote
    drafts.edit("fernmoor-wren", "relationships-0", {"type": "partner", "from": "mother",
                                             "to": "mr-kestrel", "quote": quote})
    # "her partner": no tie names them now, only the household's members
    assert drafts.delete("fernmoor-wren", "people-4") == ["households-0"]
    drafts.accept("fernmoor-wren", "people-0")
    key = drafts.add("fernmoor-wren", "agencies", {"id": "brightwater", "kind": "housing",
                                          "label": "Brightwater", "quote": MISSING})
    again = DraftFolder(drafts.root).open("fernmoor-wren")   # as after a server restart
    assert again.casemap.relationships[0].to == "mr-kestrel"
    assert "her-partner" not in again.casemap.ids()
    assert again.casemap.agencies[-1].quote == MISSING and key == "agencies-6"
    assert {k: again.status(k) for k in ("people-0", "relationships-0", key)} == \
        {"people-0": "accepted", "relationships-0": "edited", key: "added"}
    people = len(again.casemap.people)
    assert again.progress()["people"] == (2, people + 1)   # accepted and deleted, of all
    assert [p.name for p in again.folder.glob("draft-*.yaml")] == ["draft-4.yaml"]
    assert again.extracted.people[4].id == "her-partner"   # the extractor's draft stays


def test_deleting_a_person_takes_the_ties_that_cannot_stand_without_them(drafts):
    also = drafts.delete("fernmoor-wren", "people-4")   # her-partner, still in relationship 0
    draft = drafts.open("fernmoor-wren")
    assert "relationships-0" in also and "households-0" in also
    assert all("her-partner" not in (r.from_, r.to) for r in draft.casemap.relationships)
    assert "her-partner" not in draft.casemap.households[0].members
    assert len(draft.state["deleted"]) == 2


def test_a_wrong_value_is_refused_in_the_validators_words_and_changes_nothing(drafts):
    before = (drafts.root / "fernmoor-wren" / "state.json").read_text()
    with pytest.raises(FormError, match="'mum' is not a role; did you mean 'mother'"):
        drafts.edit("fernmoor-wren", "people-1", {"id": "mother", "role": "mum"})
    with pytest.raises(DraftError, match="not a defined id"):
        drafts.edit("fernmoor-wren", "relationships-0", {"type": "partner", "from": "mother",
                                                 "to": "nobody"})
    with pytest.raises(QuoteNotFound, match="not in the document"):
        drafts.add("fernmoor-wren", "agencies", {"id": "x", "kind": "housing",
                                        "quote": "words that are not there"})
    with pytest.raises(DraftError, match="no person has `subject: true`"):
        drafts.delete("fernmoor-wren", "people-0")   # the subject child: mark another one first
    with pytest.raises(DraftError, match="select the sentence"):
        drafts.add("fernmoor-wren", "agencies", {"id": "x", "kind": "housing"})
    assert (drafts.root / "fernmoor-wren" / "state.json").read_text() == before


def test_a_stale_page_names_a_deleted_element_and_is_told_so(drafts):
    drafts.delete("fernmoor-wren", "people-8")
    with pytest.raises(DraftError, match="no longer in the draft"):
        drafts.accept("fernmoor-wren", "people-8")
    # keys are never reused: a later addition does not take the deleted one's key
    key = drafts.add("fernmoor-wren", "people", {"id": "mrs-avery", "label": "x", "quote": MISSING})
    assert key == "people-9"


def test_changes_from_two_tabs_at_once_all_land(drafts):
    keys = drafts.open("fernmoor-wren").keys["events"] + drafts.open("fernmoor-wren").keys["decisions"] + \
        drafts.open("fernmoor-wren").keys["agencies"]
    threads = [threading.Thread(target=drafts.accept, args=("fernmoor-wren", k)) for k in keys]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    draft = drafts.open("fernmoor-wren")
    assert all(draft.status(k) == "accepted" for k in keys)
    assert draft.state["revision"] == len(keys)
    json.loads((draft.folder / "state.json").read_text())   # whole, not interleaved


def test_a_quote_is_found_across_line_breaks_and_highlighted(drafts):
    draft = drafts.open("fernmoor-wren")
    assert find_quote("a b\n  c d", "b c") == (2, 7)
    assert find_quote("a b c", "c b") is None
    segments = quote_segments(draft)
    assert "".join(text for text, _, _ in segments) == draft.text
    covering = [keys for text, _, keys in segments if "her partner, Mr Kestrel" in text]
    assert covering and {"people-1", "people-4", "relationships-0"} <= set(covering[0])


def test_a_reviewers_name_is_one_line():
    assert reviewer_name("  Sam\n\x1b[31mR  ") == "Sam [31mR"
    with pytest.raises(DraftError):
        reviewer_name(" \n ")


# ---------------------------------------------------------------- the application

@pytest.fixture
def app(drafts, tmp_path):
    from kinmap.graph.load import load_files
    from kinmap.graph.store import open_store
    from kinmap.web.app import Settings, create_app
    store = tmp_path / "store"
    load_files(lambda: open_store(str(store)), [EXAMPLES / "riverside-child-m.yaml"])
    settings = Settings(store=str(store), drafts=drafts.root, max_upload=4096)
    return create_app(settings), settings


def _post(client, path, token, **form):
    return client.post(path, data={"token": token, **form},
                       headers={"Origin": "http://127.0.0.1"}, base_url="http://127.0.0.1")


def test_a_change_without_the_session_token_is_refused(app, drafts):
    application, settings = app
    client = application.test_client()
    before = (drafts.root / "fernmoor-wren" / "state.json").read_text()
    for token in ("", "guessed", settings.token[:-1]):
        answer = _post(client, "/drafts/fernmoor-wren/delete", token, key="people-8")
        assert answer.status_code == 403 and b"session token" in answer.data
    answer = client.post("/drafts/fernmoor-wren/delete", data={"token": settings.token, "key": "people-8"},
                         headers={"Origin": "http://evil.example"},
                         base_url="http://127.0.0.1")
    assert answer.status_code == 403 and b"another site" in answer.data
    assert (drafts.root / "fernmoor-wren" / "state.json").read_text() == before
    answer = _post(client, "/drafts/fernmoor-wren/delete", settings.token, key="people-8")
    assert answer.status_code == 302
    assert "people-8" not in drafts.open("fernmoor-wren").keys["people"]


def test_only_its_own_address_is_answered(app):
    application, _ = app
    client = application.test_client()
    assert client.get("/", base_url="http://127.0.0.1:8765").status_code == 200
    assert client.get("/", base_url="http://localhost:8765").status_code == 200
    # a page of another site whose name now points here (DNS rebinding)
    assert client.get("/", base_url="http://attacker.example:8765").status_code == 421


def test_an_upload_over_the_limit_is_refused_before_it_is_read(app):
    application, settings = app
    client = application.test_client()
    big = b"The review. " * 1000   # 12 kB against a 4 kB limit
    import io
    answer = client.post("/drafts", data={"token": settings.token,
                                          "document": (io.BytesIO(big), "big.txt")},
                         headers={"Origin": "http://127.0.0.1"}, base_url="http://127.0.0.1")
    assert answer.status_code == 413
    assert b"larger than" in answer.data


def test_every_page_forbids_outside_sources_and_views_run_sandboxed(app):
    application, _ = app
    client = application.test_client()
    page = client.get("/reviews/riverside-child-m", base_url="http://127.0.0.1")
    csp = page.headers["Content-Security-Policy"]
    assert "default-src 'none'" in csp and "script-src 'self'" in csp
    assert "http" not in csp and "unsafe-inline" not in csp
    assert page.headers["X-Frame-Options"] == "DENY"
    assert b'sandbox="allow-scripts"' in page.data
    view = client.get("/reviews/riverside-child-m/view/genogram", base_url="http://127.0.0.1")
    assert "sandbox allow-scripts" in view.headers["Content-Security-Policy"]
    assert b"Child M" in view.data


def test_the_sparql_box_refuses_updates_and_services(app):
    application, settings = app
    client = application.test_client()
    for text, said in (("DROP ALL", b"updates are refused"),
                       ("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
                        b"remote service")):
        answer = _post(client, "/sparql", settings.token, query=text)
        assert said in answer.data
    answer = _post(client, "/sparql", settings.token,
                   query="SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s a km:Person } }")
    assert b"<td>9</td>" in answer.data


def test_the_bind_warning():
    from kinmap.web.server import bind_warning
    assert bind_warning("127.0.0.1") is None and bind_warning("localhost") is None
    assert bind_warning("::1") is None
    assert "anyone who can reach this machine" in bind_warning("0.0.0.0")


def test_serve_warns_when_told_to_listen_beyond_this_machine(tmp_path):
    """The warning comes before the server starts; here it cannot start (port taken)."""
    import socket
    import subprocess
    import sys
    with socket.socket() as taken:
        taken.bind(("0.0.0.0", 0))
        taken.listen()
        port = taken.getsockname()[1]
        kinmap = Path(sys.executable).parent / "kinmap"
        done = subprocess.run([str(kinmap), "--store", str(tmp_path / "s"), "serve", "--host",
                               "0.0.0.0", "--port", str(port)], capture_output=True,
                              text=True, timeout=60)
    assert done.returncode == 1
    assert "kinmap: warning: serving on 0.0.0.0" in done.stderr
    assert f"kinmap: error: cannot listen on 0.0.0.0:{port}" in done.stderr
    assert "Traceback" not in done.stderr


def test_the_command_line_never_imports_the_web_framework(tmp_path):
    """`kinmap query` and friends start without Flask: the workbench is an optional extra."""
    import subprocess
    import sys
    code = ("import sys; from kinmap.cli import cli\n"
            "try:\n    cli(['query', '--list'], standalone_mode=False)\n"
            "finally:\n    print(sorted(m for m in ('flask', 'werkzeug', 'kinmap.web.app')"
            " if m in sys.modules), file=sys.stderr)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip().splitlines()[-1] == "[]"
    assert "absent-agencies" in done.stdout


def test_the_examples_get_a_store_of_their_own_loaded_once(tmp_path):
    from kinmap.graph.store import open_store
    from kinmap.web.server import examples_settings
    store, drafts = examples_settings(tmp_path / "bench")
    assert drafts == tmp_path / "bench" / "drafts"
    with open_store(store, read_only=True) as opened:
        ids = opened.review_ids()
    assert "riverside-child-m" in ids and len(ids) == 5
    assert examples_settings(tmp_path / "bench") == (store, drafts)   # kept, not reloaded


def test_agreement_over_loaded_drafts(app, drafts):
    application, settings = app
    client = application.test_client()
    assert b"No draft has been loaded" in client.get("/agreement",
                                                      base_url="http://127.0.0.1").data
    drafts.delete("fernmoor-wren", "people-8")
    answer = _post(client, "/drafts/fernmoor-wren/load", settings.token, reviewer="Sam")
    assert answer.status_code == 302 and answer.location.endswith("/reviews/fernmoor-wren")
    page = client.get("/agreement", base_url="http://127.0.0.1").data.decode()
    from kinmap.agreement import casemap_agreement
    found = drafts.open("fernmoor-wren")
    f1 = casemap_agreement(found.extracted, found.casemap).micro[2]
    assert f'id="micro-f1">{f1:.3f}<' in page and "Sam" in page


def test_a_load_while_another_program_writes_the_store_is_refused_cleanly(app, drafts):
    """The store's writer's lock is held (a `kinmap load` elsewhere): one clear line, and
    neither the store nor the draft changes."""
    from kinmap.graph.store import open_store
    application, settings = app
    client = application.test_client()
    with open_store(settings.store) as writer:
        answer = _post(client, "/drafts/fernmoor-wren/load", settings.token, reviewer="Sam")
        assert answer.status_code == 400
        assert b"Traceback" not in answer.data and b'id="error"' in answer.data
        assert writer.review_ids() == ["riverside-child-m"]
    assert drafts.open("fernmoor-wren").state["loaded"] is None
    answer = _post(client, "/drafts/fernmoor-wren/load", settings.token, reviewer="Sam")
    assert answer.status_code == 302   # once the other writer is done


def test_a_document_is_chosen_from_the_folder_by_name_only(drafts, tmp_path):
    from kinmap.web.app import Settings, create_app
    settings = Settings(store=str(tmp_path / "no-store"), drafts=drafts.root,
                        documents=REVIEW.parent)
    client = create_app(settings).test_client()
    page = client.get("/", base_url="http://127.0.0.1").data.decode()
    assert "<option>child-wren.txt</option>" in page and "The store is empty" in page
    for name in ("../../conftest.py", str(REVIEW), "README.md"):
        assert _post(client, "/drafts/from-folder", settings.token, name=name).status_code == 404
    answer = _post(client, "/drafts/from-folder", settings.token, name="child-wren.txt")
    assert answer.status_code == 302 and answer.location.endswith("/drafts/fernmoor-wren-2")
