"""The remote store: any SPARQL 1.1 server a partnership shares, over HTTP.

`--store http://host:port/path` names the dataset; queries go to `<url>/query`
and updates to `<url>/update` (the layout of Oxigraph's server, and of Fuseki
with the dataset's URL, e.g. http://host:3030/kinmap). Updates are sent as the
server's own SPARQL Update requests, one request per load, so a server that runs
each request as a transaction (Oxigraph and Fuseki do) keeps loads atomic.
rdflib's SPARQLUpdateStore is not used: it rewrites updates into the wrong graph
(rdflib issues #2019 and #2538).
"""
from __future__ import annotations

import http.client
import json
import os
import socket
import urllib.error
import urllib.request
from typing import Any

import pyoxigraph

from ..errors import StoreError, StoreUnreachable
from ..ontology import graph_iri
from .store import QueryResult, Store, one_line, sparql_term

ENV_TIMEOUT = "KINMAP_TIMEOUT"
#: Seconds to wait for the server to send anything (a connection, or the next bytes
#: of an answer): a server that accepts and never answers is reported, not waited
#: on for ever. Oxigraph streams its answers, so a long export keeps sending.
TIMEOUT = 30.0


def default_timeout() -> float:
    """$KINMAP_TIMEOUT in seconds, else TIMEOUT."""
    text = os.environ.get(ENV_TIMEOUT, "").strip()
    if not text:
        return TIMEOUT
    try:
        seconds = float(text)
    except ValueError:
        seconds = -1
    if not 0 < seconds < float("inf"):
        raise StoreError(f"{ENV_TIMEOUT}={text!r}: give the seconds to wait for the store "
                         "server, a number above 0, e.g. 30")
    return seconds


class RemoteStore(Store):
    """A SPARQL 1.1 Query + Update endpoint pair."""

    def __init__(self, url: str, *, query_url: str | None = None,
                 update_url: str | None = None, timeout: float | None = None) -> None:
        self.location = url.rstrip("/")
        self.timeout = timeout if timeout is not None else default_timeout()
        self.query_url = query_url or f"{self.location}/query"
        self.update_url = update_url or f"{self.location}/update"

    def _post(self, url: str, body: str, content_type: str, accept: str) -> bytes:
        request = urllib.request.Request(
            url, data=body.encode("utf-8"), method="POST",
            headers={"Content-Type": content_type, "Accept": accept})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return response.read()
        except urllib.error.HTTPError as error:
            detail = error.read().decode("utf-8", "replace").strip().splitlines()
            reason = detail[0][:200] if detail else error.reason
            raise StoreError(f"{url}: the server refused the request "
                             f"(HTTP {error.code}: {reason})") from None
        except (urllib.error.URLError, OSError, http.client.HTTPException) as error:
            reason = getattr(error, "reason", error)
            if isinstance(reason, (socket.timeout, TimeoutError)):
                raise StoreUnreachable(
                    f"{url}: no answer from the SPARQL server within {self.timeout:g} s; "
                    "check that it is running, or wait longer with --timeout or "
                    f"{ENV_TIMEOUT}") from None
            raise StoreUnreachable(f"{url}: cannot reach the SPARQL server "
                                   f"({one_line(reason)}); check the URL and that the "
                                   "server is running") from None

    def _ask_server(self, sparql: str, accept: str) -> bytes:
        return self._post(self.query_url, self._checked(sparql), "application/sparql-query",
                          accept)

    def update(self, sparql: str) -> None:
        self._post(self.update_url, sparql, "application/sparql-update", "*/*")

    def select(self, sparql: str, bindings: dict[str, Any] | None = None) -> QueryResult:
        if bindings:
            sparql = bind_values(sparql, bindings)
        raw = self._ask_server(sparql, "application/sparql-results+json")
        try:
            data = json.loads(raw)
            columns = data["head"]["vars"]
            rows = [tuple(_term(b.get(c)) for c in columns)
                    for b in data["results"]["bindings"]]
        except (ValueError, KeyError, TypeError) as error:
            raise StoreError(f"{self.query_url}: not a SPARQL JSON result ({error})") from None
        return QueryResult(columns, rows)

    def ask(self, sparql: str) -> bool:
        raw = self._ask_server(sparql, "application/sparql-results+json")
        try:
            return bool(json.loads(raw)["boolean"])
        except (ValueError, KeyError, TypeError) as error:
            raise StoreError(f"{self.query_url}: not a SPARQL JSON answer ({error})") from None

    def construct(self, sparql: str) -> list[pyoxigraph.Triple]:
        raw = self._ask_server(sparql, "application/n-triples")
        try:
            return list(pyoxigraph.parse(raw, format=pyoxigraph.RdfFormat.N_TRIPLES))
        except SyntaxError as error:
            raise StoreError(f"{self.query_url}: not N-Triples ({error})") from None

    def graph_triples(self, review_id: str) -> list[pyoxigraph.Triple]:
        return self.construct(
            f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph_iri(review_id)}> {{ ?s ?p ?o }} }}")

    def close(self) -> None:
        pass


def bind_values(sparql: str, bindings: dict[str, Any]) -> str:
    """Fix variables with a trailing VALUES block of serialised terms.

    The terms are pyoxigraph terms printed as N-Triples, so a value can never
    become query syntax.
    """
    names = " ".join(f"?{name}" for name in bindings)
    values = " ".join(sparql_term(term) for term in bindings.values())
    return f"{sparql}\nVALUES ({names}) {{ ({values}) }}"


def _term(binding: dict | None) -> Any:
    if binding is None:
        return None
    kind, value = binding["type"], binding["value"]
    if kind == "uri":
        return pyoxigraph.NamedNode(value)
    if kind == "bnode":
        return pyoxigraph.BlankNode(value)
    if "xml:lang" in binding:
        return pyoxigraph.Literal(value, language=binding["xml:lang"])
    if "datatype" in binding:
        return pyoxigraph.Literal(value, datatype=pyoxigraph.NamedNode(binding["datatype"]))
    return pyoxigraph.Literal(value)

