"""Shared fixtures: where the gold and examples are, and the two stores.

The remote store is a real Oxigraph server (`oxigraph serve`, from the
`oxigraph` package of the test extras) started on 127.0.0.1 for the session.
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
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(f"{url}/query?query=ASK%7B%7D", timeout=1).read()
            return process, url
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail("the Oxigraph server did not start")
            time.sleep(0.1)


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory):
    """The base URL of a real Oxigraph SPARQL server on 127.0.0.1, for the session."""
    process, url = start_oxigraph(tmp_path_factory.mktemp("oxigraph"))
    yield url
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(params=["embedded", "remote"])
def store_location(request, tmp_path):
    """A fresh, empty store location of each kind: a folder, or the server's URL."""
    if request.param == "embedded":
        yield str(tmp_path / "store")
        return
    url = request.getfixturevalue("oxigraph_server")
    from kinmap.graph.store import open_store
    with open_store(url) as store:
        store.update("DROP SILENT ALL")
    yield url


@pytest.fixture
def store(store_location):
    """An open, empty store of each kind."""
    from kinmap.graph.store import open_store
    with open_store(store_location) as opened:
        yield opened
