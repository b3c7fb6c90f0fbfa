"""The remote store: any SPARQL 1.1 server a partnership shares, over HTTP.

`--store URL` names the server, and a small profile says where its endpoints
are (`--store-profile`, or $KINMAP_STORE_PROFILE):

    oxigraph (default)  URL/query and URL/update         URL = the server
    fuseki              URL/query and URL/update         URL = the dataset
    graphdb             URL and URL/statements           URL = the repository
    virtuoso            URL/sparql and URL/sparql-auth   URL = the server

`--store-query URL` and `--store-update URL` ($KINMAP_STORE_QUERY,
$KINMAP_STORE_UPDATE) name either endpoint outright. A server that asks for a
user name and password (HTTP Basic or Digest, as Virtuoso's /sparql-auth does)
gets them from $KINMAP_STORE_USER and $KINMAP_STORE_PASSWORD, never from the
command line, where other users could read them.

Every server gets the same SPARQL and the same requests, the SPARQL 1.1
Protocol's form-encoded POST (`query=`, `update=`), which every server takes;
answers are read as the protocol's JSON results and N-Triples. Loads are the
server's own SPARQL Update requests, one request per load, so a server that
runs each request as a transaction (Oxigraph and Fuseki do) keeps loads atomic.
rdflib's SPARQLUpdateStore is not used: it rewrites updates into the wrong graph
(rdflib issues #2019 and #2538).
"""
from __future__ import annotations

import http.client
import json
import os
import socket
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import Any

import pyoxigraph

from ..errors import StoreError, StoreUnreachable
from ..ontology import graph_iri
from .store import QueryResult, Store, one_line, sparql_term

ENV_TIMEOUT = "KINMAP_TIMEOUT"
ENV_PROFILE = "KINMAP_STORE_PROFILE"
ENV_QUERY = "KINMAP_STORE_QUERY"
ENV_UPDATE = "KINMAP_STORE_UPDATE"
ENV_USER = "KINMAP_STORE_USER"
ENV_PASSWORD = "KINMAP_STORE_PASSWORD"

#: Where each kind of server keeps its endpoints, below the --store URL.
PROFILES: dict[str, tuple[str, str]] = {
    "oxigraph": ("/query", "/update"),
    "fuseki": ("/query", "/update"),
    "graphdb": ("", "/statements"),
    "virtuoso": ("/sparql", "/sparql-auth"),
}


@dataclass(frozen=True)
class Endpoints:
    """Where a remote store answers queries and takes updates, and who kinmap is there."""

    query: str
    update: str
    user: str | None = None
    password: str | None = None


def endpoints(url: str, *, profile: str | None = None, query_url: str | None = None,
              update_url: str | None = None) -> Endpoints:
    """The endpoints of a store URL: from the profile, unless named outright (or in the
    environment); credentials from the environment."""
    profile = profile or os.environ.get(ENV_PROFILE, "").strip() or "oxigraph"
    if profile not in PROFILES:
        raise StoreError(f"store profile {profile!r}: use one of {', '.join(PROFILES)}, or "
                         "name the endpoints with --store-query and --store-update")
    query_path, update_path = PROFILES[profile]
    base = url.rstrip("/")
    query = query_url or os.environ.get(ENV_QUERY, "").strip() or base + query_path
    update = update_url or os.environ.get(ENV_UPDATE, "").strip() or base + update_path
    user = os.environ.get(ENV_USER) or None
    password = os.environ.get(ENV_PASSWORD) or None
    if password and not user:
        raise StoreError(f"${ENV_PASSWORD} is set but ${ENV_USER} is not; set both")
    return Endpoints(query, update, user, password)
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
                 update_url: str | None = None, timeout: float | None = None,
                 profile: str | None = None) -> None:
        self.location = url.rstrip("/")
        self.timeout = timeout if timeout is not None else default_timeout()
        self.endpoints = endpoints(url, profile=profile, query_url=query_url,
                                   update_url=update_url)
        self.query_url = self.endpoints.query
        self.update_url = self.endpoints.update
        handlers: list = []
        if self.endpoints.user:
            passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
            for endpoint in {self.query_url, self.update_url}:
                passwords.add_password(None, endpoint, self.endpoints.user,
                                       self.endpoints.password or "")
            handlers = [urllib.request.HTTPBasicAuthHandler(passwords),
                        urllib.request.HTTPDigestAuthHandler(passwords)]
        self._opener = urllib.request.build_opener(*handlers)

    def _post(self, url: str, form: dict[str, str], accept: str) -> bytes:
        request = urllib.request.Request(
            url, data=urllib.parse.urlencode(form).encode("ascii"), method="POST",
            headers={"Content-Type": "application/x-www-form-urlencoded; charset=UTF-8",
                     "Accept": accept})
        try:
            with self._opener.open(request, timeout=self.timeout) as response:
                return response.read()
        except urllib.error.HTTPError as error:
            if error.code == 401:
                who = "the user name and password in $KINMAP_STORE_USER and " \
                    "$KINMAP_STORE_PASSWORD were refused" if self.endpoints.user else \
                    f"set ${ENV_USER} and ${ENV_PASSWORD}"
                raise StoreError(f"{url}: the server asks who you are (HTTP 401); {who}") \
                    from None
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
        return self._post(self.query_url, {"query": self._checked(sparql)}, accept)

    def update(self, sparql: str) -> None:
        self._post(self.update_url, {"update": sparql}, "*/*")

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
            data = json.loads(raw)
            if "boolean" in data:
                return bool(data["boolean"])
            # Virtuoso answers ASK as a table: one row (__ASK_RETVAL 1) or none
            rows = data["results"]["bindings"]
            if len(rows) > 1:
                raise ValueError("more than one row")
            return any(value["value"] not in ("0", "false")
                       for row in rows for value in row.values())
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
    """Fix variables with a VALUES block of serialised terms, first in the WHERE clause.

    The terms are pyoxigraph terms printed as N-Triples, so a value can never
    become query syntax. The block goes at the start of the query's outermost
    WHERE group, which means the same as a VALUES clause after the query (the
    SPARQL algebra joins both with the WHERE pattern) and which every server
    applies: Virtuoso ignores a trailing VALUES in a query with GROUP BY. A query
    whose WHERE group cannot be found keeps the trailing clause.
    """
    names = " ".join(f"?{name}" for name in bindings)
    values = " ".join(sparql_term(term) for term in bindings.values())
    block = f"VALUES ({names}) {{ ({values}) }}"
    at = _where_group(sparql)
    if at is None:
        return f"{sparql}\n{block}"
    return f"{sparql[:at]} {block}\n{sparql[at:]}"


def _where_group(sparql: str) -> int | None:
    """Where the outermost WHERE group's contents start (after its `{`), or None."""
    from .federation import _TOKEN

    depth, form, seen_where, groups = 0, None, False, 0
    for match in _TOKEN.finditer(sparql):
        kind, text = match.lastgroup, match.group()
        if kind == "word" and depth == 0:
            word = text.lower()
            if form is None and word in ("select", "ask", "construct", "describe"):
                form = word
            elif word == "where":
                seen_where = True
        elif kind == "other" and text == "{":
            # CONSTRUCT WHERE { ... } (no template) may hold triples only
            short = form == "construct" and groups == 0
            if depth == 0 and not short and (seen_where or form in ("select", "ask")):
                return match.end()
            depth += 1
        elif kind == "other" and text == "}":
            depth -= 1
            groups += depth == 0
    return None


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

