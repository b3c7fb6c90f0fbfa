"""Hostile and careless input at the command line: one line and exit 1, never a traceback.

Issue 10, items 6 and 7. The fixtures are in tests/data/hostile/ (README there).
"""
from __future__ import annotations

import socket
import threading
import time

import pytest
from click.testing import CliRunner
from conftest import DATA, EXAMPLES, start_oxigraph

from kinmap.cli import cli
from kinmap.errors import CaseMapError, StoreError
from kinmap.graph.load import load_files
from kinmap.graph.store import open_store
from kinmap.loaders import read
from kinmap.loaders.casemap import check_text, read_casemap, read_casemap_text

HOSTILE = DATA / "hostile"
RIVERSIDE = "riverside-child-m"


def kinmap(*args, input: str | None = None, env: dict | None = None):
    result = CliRunner().invoke(cli, [str(a) for a in args], input=input, env=env)
    assert "Traceback" not in result.output
    assert not result.exception or isinstance(result.exception, SystemExit), result.exception
    return result


def one_error_line(result) -> str:
    assert result.exit_code == 1, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("kinmap: error: "), lines
    return lines[0]


@pytest.fixture(scope="module")
def loaded(tmp_path_factory) -> str:
    store = str(tmp_path_factory.mktemp("hostile") / "store")
    with open_store(store) as opened:
        opened.load([cm for p in sorted(EXAMPLES.glob("*.yaml")) for cm in read(p)]
                    + read_casemap(HOSTILE / "escape-codes.yaml"))
    return store


# -- case maps --------------------------------------------------------------

@pytest.mark.parametrize("name, line, path", [
    ("impossible-date-feb-30.yaml", 54, "meetings[0].date"),
    ("impossible-date-13-45.yaml", 8, "review.published"),
    ("full-width-date.yaml", 54, "meetings[0].date"),
])
def test_an_impossible_or_foreign_date_is_a_located_error(tmp_path, name, line, path):
    file = HOSTILE / name
    with pytest.raises(CaseMapError) as caught:
        read_casemap(file)
    assert str(caught.value).startswith(f"{file}:{line}: doc[0] review 'brook-child-a': "
                                        f"{path}: ")
    assert "partial date" in str(caught.value)
    result = kinmap("--store", tmp_path / "store", "load", file)
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert f"{file}:{line}:" in result.stderr
    assert not (tmp_path / "store").exists()


def test_messages_use_the_right_article_and_say_what_is_wrong():
    text = """kinmap: 1
review: {id: r, title: "  "}
events:
  - {id: e1, kind: visit}
"""
    with pytest.raises(CaseMapError) as caught:
        read_casemap_text(text)
    message = str(caught.value)
    assert "title: is empty" in message and "got text" not in message
    problems = [str(p) for p in check_text(text, check_quotes=False)]
    assert any("'visit' is not an event kind" in p for p in problems), problems


# -- options ----------------------------------------------------------------

def test_a_param_iri_with_a_space_is_one_line(loaded):
    line = one_error_line(kinmap("--store", loaded, "sparql", "--param", "g=<a b>", "-",
                                 input="SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"))
    assert "--param 'g=<a b>'" in line and "not an IRI" in line


def test_a_param_in_full_width_digits_is_text_not_a_number():
    from kinmap.graph.sparql import parse_parameter
    _, value = parse_parameter("n=２０２１")
    assert value.datatype.value.endswith("#string")


@pytest.mark.parametrize("url", ["http://[::1", "http://[::1]:99999", "ftp://host/store",
                                 "http://"])
def test_a_broken_store_url_is_one_line(url):
    line = one_error_line(kinmap("--store", url, "reviews"))
    assert repr(url) in line


def test_an_upper_case_scheme_is_a_url_not_a_folder(oxigraph_server, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    url = oxigraph_server.replace("http://", "HTTP://")
    result = kinmap("--store", url, "reviews")
    assert result.exit_code == 0, result.output
    assert list(tmp_path.iterdir()) == []  # no folder called HTTP:


# -- output files -----------------------------------------------------------

@pytest.mark.parametrize("args, name", [
    (("genogram", RIVERSIDE), "g.html"), (("ecomap", RIVERSIDE), "e.svg"),
    (("network",), "n.html"), (("export", "--format", "trig"), "all.trig"),
    (("query", "themes"), "themes.txt"), (("sparql", "-"), "answer.txt"),
])
def test_output_into_a_missing_folder_makes_it(loaded, tmp_path, args, name):
    out = tmp_path / "new" / "deeper" / name
    result = kinmap("--store", loaded, *args, "-o", out, input="ASK { ?s ?p ?o }")
    assert result.exit_code == 0, result.output
    assert out.is_file() and out.stat().st_size > 0


@pytest.mark.parametrize("args", [("export", "--format", "trig"), ("genogram", RIVERSIDE)])
def test_output_under_a_file_is_one_line(loaded, tmp_path, args):
    (tmp_path / "file").write_text("x")
    line = one_error_line(kinmap("--store", loaded, *args, "-o", tmp_path / "file" / "out.html"))
    assert "cannot make the folder" in line


# -- what reaches the terminal ----------------------------------------------

@pytest.mark.parametrize("args", [
    ("reviews",), ("query", "absent-agencies", "--review", "brook-child-a"),
    ("sparql", "-"),
])
def test_escape_codes_in_labels_are_shown_not_obeyed(loaded, args):
    query = ("SELECT ?label WHERE { GRAPH ?g { ?a rdfs:label ?label } "
             "FILTER(CONTAINS(?label, 'school')) }")
    result = kinmap("--store", loaded, *args, input=query)
    assert result.exit_code == 0, result.output
    for control in ("\x1b", "\x07", "\x9b", "\u202e"):
        assert control not in result.stdout
    assert "\\x1b" in result.stdout


# -- typos ------------------------------------------------------------------

@pytest.mark.parametrize("args, suggestion", [(("qurey",), "query"),
                                              (("query", "themse"), "themes"),
                                              (("export", "--format", "trg"), "trig")])
def test_a_typo_gets_did_you_mean(args, suggestion):
    result = kinmap(*args)
    assert result.exit_code == 2
    assert f"Did you mean '{suggestion}'?" in result.stderr


# -- remote servers that misbehave -------------------------------------------

@pytest.fixture
def silent_server():
    """A server on 127.0.0.1 that accepts connections and never answers."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept():
        sock.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(sock.accept()[0])
            except OSError:
                pass
    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    stop.set()
    thread.join(timeout=5)
    for conn in held:
        conn.close()
    sock.close()


@pytest.mark.parametrize("how", ["option", "environment"])
def test_a_server_that_never_answers_times_out_in_one_line(silent_server, how):
    args = ("--timeout", "1") if how == "option" else ()
    env = {"KINMAP_TIMEOUT": "1"} if how == "environment" else None
    started = time.monotonic()
    line = one_error_line(kinmap("--store", silent_server, *args, "stats", env=env))
    assert time.monotonic() - started < 20
    assert "no answer from the SPARQL server within 1 s" in line and "--timeout" in line


def test_a_bad_timeout_is_refused(monkeypatch):
    assert kinmap("--timeout", "0", "reviews").exit_code == 2
    assert kinmap("reviews", env={"KINMAP_TIMEOUT": "soon"}).exit_code == 2
    monkeypatch.setenv("KINMAP_TIMEOUT", "-3")
    with pytest.raises(StoreError, match="KINMAP_TIMEOUT='-3'"):
        open_store("http://127.0.0.1:9")


def test_a_server_that_dies_mid_load_stops_the_load(tmp_path):
    files = sorted(EXAMPLES.glob("*.yaml"))
    assert len(files) >= 4
    process, url = start_oxigraph(tmp_path / "server")

    def progress(items, label):
        for i, item in enumerate(items):
            if label == "loading" and i == 1:
                process.kill()  # the server dies after the first file
                process.wait()
            yield item
    try:
        report = load_files(lambda: open_store(url, timeout=5), files, progress=progress)
    finally:
        process.kill()
        process.wait()
    assert {f for f, _, _ in report.loaded} == {files[0]}
    assert len(report.failed) == 1 and "cannot reach the SPARQL server" in \
        str(report.failed[0][1])
    assert report.not_tried == files[2:]
    assert f"{len(files) - 2} file(s) not tried" in report.summary()


def test_a_full_width_date_for_the_ecomap_is_refused(loaded, tmp_path):
    line = one_error_line(kinmap("--store", loaded, "ecomap", RIVERSIDE, "--at", "２０２１",
                                 "-o", tmp_path / "e.html"))
    assert "２０２１" in line
    assert not (tmp_path / "e.html").exists()


def test_a_store_folder_that_cannot_be_made_is_one_line(tmp_path):
    (tmp_path / "file").write_text("x")
    result = kinmap("--store", tmp_path / "file" / "store", "load", EXAMPLES)
    assert result.exit_code == 1
    assert "cannot make the store folder" in result.stderr
