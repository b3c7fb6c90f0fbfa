"""SERVICE clauses: nothing leaves the machine unless the user asks (issue 10, item 1).

A real listener on 127.0.0.1 stands in for the remote service; each test says
whether it may receive a request, and checks that it did or did not.
"""
from __future__ import annotations

import socket
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import DATA, EXAMPLES

from kinmap.cli import cli
from kinmap.errors import QueryRefused
from kinmap.graph.federation import services_in
from kinmap.graph.queries import QUERIES
from kinmap.graph.sparql import _parse, service_endpoints
from kinmap.graph.store import open_store

FEDERATED = sorted((DATA / "hostile" / "service").glob("*.rq"))
LOOKALIKES = sorted((DATA / "hostile" / "service-lookalikes").glob("*.rq"))


class Listener:
    """A TCP server on 127.0.0.1 that counts connections and answers an HTML error page."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.requests: list[bytes] = []
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.sock.getsockname()[1]}/sparql"

    def _serve(self) -> None:
        while not self.stopped.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            with conn:
                conn.settimeout(2)
                try:
                    self.requests.append(conn.recv(65536))
                    page = (b"<html>\n<body>\n<h1>Internal error</h1>\n<p>secret</p>\n"
                            b"</body>\n</html>\n")
                    conn.sendall(b"HTTP/1.1 500 Internal Server Error\r\nContent-Type: text/html"
                                 b"\r\nContent-Length: %d\r\nConnection: close\r\n\r\n" % len(page)
                                 + page)
                except OSError:
                    pass

    def close(self) -> None:
        self.stopped.set()
        self.thread.join(timeout=5)
        self.sock.close()


@pytest.fixture
def listener():
    server = Listener()
    yield server
    server.close()


@pytest.fixture(scope="module")
def loaded(tmp_path_factory) -> str:
    store = str(tmp_path_factory.mktemp("federation") / "store")
    with open_store(store) as opened:
        from kinmap.loaders import read
        opened.load([cm for p in sorted(EXAMPLES.glob("*.yaml")) for cm in read(p)])
    return store


def run(store: str, query: str, *args: str):
    result = CliRunner().invoke(cli, ["--store", store, "sparql", *args, "-"], input=query)
    assert "Traceback" not in result.output
    assert not result.exception or isinstance(result.exception, SystemExit), result.exception
    return result


def text_of(path: Path, listener: Listener) -> str:
    return path.read_text(encoding="utf-8").replace("ENDPOINT", listener.endpoint)


@pytest.mark.parametrize("path", FEDERATED, ids=lambda p: p.stem)
def test_a_federated_query_is_refused_in_one_line_and_sends_nothing(loaded, listener, path):
    result = run(loaded, text_of(path, listener))
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "remote service" in lines[0] and "--allow-service" in lines[0]
    assert result.stdout == ""
    assert listener.requests == []


@pytest.mark.parametrize("path", FEDERATED, ids=lambda p: p.stem)
def test_both_detectors_find_every_hostile_clause(path):
    text = path.read_text(encoding="utf-8").replace("ENDPOINT", "http://127.0.0.1:9/")
    assert services_in(text)
    assert service_endpoints(_parse(text))


@pytest.mark.parametrize("path", LOOKALIKES, ids=lambda p: p.stem)
def test_service_in_comments_strings_and_names_is_no_clause(loaded, listener, path):
    text = text_of(path, listener)
    assert services_in(text) == [] and service_endpoints(_parse(text)) == []
    result = run(loaded, text)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("service")
    assert listener.requests == []


@pytest.mark.parametrize("form", ["SELECT * WHERE", "ASK", "CONSTRUCT { ?s ?p ?o } WHERE"])
def test_an_allowed_service_that_fails_is_one_line(loaded, listener, form):
    query = f"{form} {{ SERVICE <{listener.endpoint}> {{ ?s ?p ?o }} }}"
    result = run(loaded, query, "--allow-service")
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("kinmap: error:")
    assert "500" in lines[0] and "<html>" not in lines[0] and "secret" not in result.stderr
    assert listener.requests, "the listener should have been asked, as the user allowed it"


def test_the_store_itself_refuses_service_from_any_caller(loaded, listener):
    with open_store(loaded, read_only=True) as store:
        with pytest.raises(QueryRefused):
            store.select(f"SELECT * WHERE {{ SERVICE <{listener.endpoint}> {{ ?s ?p ?o }} }}")
        with pytest.raises(QueryRefused):
            store.ask(f"ASK {{ sErViCe SILENT <{listener.endpoint}> {{ ?s ?p ?o }} }}")
    assert listener.requests == []


def test_the_remote_store_does_not_forward_service(sparql_server, listener):
    with open_store(sparql_server) as store:
        with pytest.raises(QueryRefused):
            store.select(f"SELECT * WHERE {{ SERVICE <{listener.endpoint}> {{ ?s ?p ?o }} }}")
    result = run(sparql_server, f"ASK {{ SERVICE <{listener.endpoint}> {{ ?s ?p ?o }} }}")
    assert result.exit_code == 1 and "--allow-service" in result.stderr
    assert listener.requests == []


NAMED = sorted(Path(QUERIES[next(iter(QUERIES))].path).parent.glob("*.rq"))


@pytest.mark.parametrize("path", NAMED, ids=lambda p: p.stem)
def test_no_named_query_is_federated(path):
    text = path.read_text(encoding="utf-8")
    assert services_in(text) == []
    assert service_endpoints(_parse(text)) == []
