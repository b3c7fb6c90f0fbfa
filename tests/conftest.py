"""Shared fixtures: where the gold and examples are, and the stores.

The remote store is a real SPARQL server started on 127.0.0.1 for the session,
each in a temporary folder of its own on free ports: Oxigraph (`oxigraph serve`,
from the `oxigraph` package of the test extras) and Virtuoso (Debian's
`virtuoso-opensource`, which `.ci/run` installs). Tests of the remote store run
against both (`sparql_server`, and `store_location` beside the embedded store).
"""
from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
GOLD = SHARED / "gold"
SEEDS = SHARED / "seeds"
EXAMPLES = ROOT / "examples"
DATA = Path(__file__).resolve().parent / "data"

GOLD_FILES = sorted(GOLD.glob("*.yaml"))
EXAMPLE_FILES = sorted(EXAMPLES.glob("*.yaml"))
BROKEN_FILES = sorted(p for p in (DATA / "broken").glob("*.yaml") if p.name != "expected.yaml")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_oxigraph(folder: Path) -> tuple[subprocess.Popen, str]:
    """A real Oxigraph SPARQL server on 127.0.0.1 storing in folder: (process, base URL)."""
    # The server comes with the test extras, beside the interpreter running the tests.
    binary = shutil.which("oxigraph", path=str(Path(sys.executable).parent)) \
        or shutil.which("oxigraph")
    if binary is None:
        pytest.fail("the `oxigraph` server is missing: install the test extras "
                    "(pip install -e '.[test]')")
    port = _free_port()
    process = subprocess.Popen([binary, "serve", "--location", str(folder), "--bind",
                                f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    _wait_for(process, f"{url}/query?query=ASK%7B%7D", "Oxigraph", 30)
    return process, url


#: The settings kinmap needs for each server: its endpoint layout and, for
#: Virtuoso's authenticated update endpoint, the fresh database's own account.
SERVER_ENV = {
    "oxigraph": {},
    "virtuoso": {"KINMAP_STORE_PROFILE": "virtuoso", "KINMAP_STORE_USER": "dba",
                 "KINMAP_STORE_PASSWORD": "dba"},
}

VIRTUOSO_INI = """[Database]
DatabaseFile = {folder}/virtuoso.db
ErrorLogFile = {folder}/virtuoso.log
LockFile = {folder}/virtuoso.lck
TransactionFile = {folder}/virtuoso.trx
xa_persistent_file = {folder}/virtuoso.pxa
[TempDatabase]
DatabaseFile = {folder}/virtuoso-temp.db
TransactionFile = {folder}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
DirsAllowed = {folder}
[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {folder}
ServerThreads = 10
Charset = UTF-8
[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 600
"""


def _wait_for(process: subprocess.Popen, ask_url: str, name: str, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            urllib.request.urlopen(ask_url, timeout=1).read()
            return
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"the {name} server did not start")
            time.sleep(0.2)


def start_virtuoso(folder: Path) -> tuple[subprocess.Popen, str]:
    """A real Virtuoso server on 127.0.0.1 with its database in folder: (process, base URL)."""
    binary = shutil.which("virtuoso-t")
    if binary is None:
        pytest.fail("the Virtuoso server is missing: install Debian's virtuoso-opensource "
                    "(apt-get install virtuoso-opensource; .ci/run does)")
    sql_port, http_port = _free_port(), _free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.format(folder=folder, sql_port=sql_port, http_port=http_port),
                   encoding="utf-8")
    process = subprocess.Popen([binary, "+foreground", "+configfile", str(ini)], cwd=folder,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{http_port}"
    _wait_for(process, f"{url}/sparql?query=ASK%7B%7D", "Virtuoso", 120)
    return process, url


SERVERS = {"oxigraph": start_oxigraph, "virtuoso": start_virtuoso}


@pytest.fixture(scope="session")
def sparql_servers(tmp_path_factory):
    """The session's servers by name, each started the first time a test asks for it."""
    running: dict[str, tuple[subprocess.Popen, str]] = {}

    def url(name: str) -> str:
        if name not in running:
            running[name] = SERVERS[name](tmp_path_factory.mktemp(name))
        return running[name][1]

    yield url
    for process, _ in running.values():
        process.terminate()
    for process, _ in running.values():
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()


def clear_remote(url: str) -> None:
    """Drop every graph kinmap made on a shared server (never the server's own graphs)."""
    from kinmap.graph.store import open_store
    with open_store(url) as store:
        graphs = store.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } "
                              "FILTER(STRSTARTS(STR(?g), \"https://w3id.org/kinmap/\")) }")
        drops = [f"DROP SILENT GRAPH <{g.value}>" for (g,) in graphs.rows]
        if drops:
            store.update(" ;\n".join(drops))


def remote(name: str, servers, monkeypatch) -> str:
    """The URL of a server, emptied of kinmap's graphs, with kinmap set up to speak to it."""
    for key in ("KINMAP_STORE_PROFILE", "KINMAP_STORE_USER", "KINMAP_STORE_PASSWORD",
                "KINMAP_STORE_QUERY", "KINMAP_STORE_UPDATE"):
        monkeypatch.delenv(key, raising=False)
    for key, value in SERVER_ENV[name].items():
        monkeypatch.setenv(key, value)
    url = servers(name)
    clear_remote(url)
    return url


@pytest.fixture
def oxigraph_server(sparql_servers, monkeypatch):
    """The base URL of the session's Oxigraph server, emptied of kinmap's graphs."""
    return remote("oxigraph", sparql_servers, monkeypatch)


@pytest.fixture(params=list(SERVERS))
def sparql_server(request, sparql_servers, monkeypatch):
    """Each real SPARQL server in turn (Oxigraph, Virtuoso), emptied, kinmap set up for it."""
    return remote(request.param, sparql_servers, monkeypatch)


@pytest.fixture(params=["embedded", *SERVERS])
def store_location(request, tmp_path, sparql_servers, monkeypatch):
    """A fresh, empty store location of each kind: a folder, or a server's URL."""
    if request.param == "embedded":
        return str(tmp_path / "store")
    return remote(request.param, sparql_servers, monkeypatch)


@pytest.fixture
def store(store_location):
    """An open, empty store of each kind."""
    from kinmap.graph.store import open_store
    with open_store(store_location) as opened:
        yield opened


@pytest.fixture(scope="module")
def browser():
    """Debian's headless Chromium, one per test module (see chromium.py)."""
    from chromium import launch
    with launch() as running:
        yield running


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    """Where screenshots go: $KINMAP_SCREENSHOTS, else a temporary folder."""
    from chromium import screenshot_folder
    return screenshot_folder(tmp_path_factory)
