"""`kinmap sparql`: any read-only SPARQL query over the store, parameters bound as terms.

The query is parsed with rdflib's SPARQL 1.1 query grammar first: an update
(INSERT, DELETE, DROP, LOAD, ...) is not a query and is refused before anything
reaches the store. So is a federated query (a SERVICE clause, wherever it is in
the parse tree) unless the user asks for it: it would send data off the machine.
"""
from __future__ import annotations

import re
from typing import Any

import pyoxigraph

from ..errors import KinmapError, QueryRefused
from .federation import service_refusal, services_in
from .store import PREFIXES, QueryResult, Store

PARAMETER = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)=(.*)$", re.S)


def query_form(text: str) -> str:
    """'select', 'ask', 'construct' or 'describe'; KinmapError for anything else."""
    return _parse(text)[1].name.removesuffix("Query").lower()


def _parse(text: str) -> Any:
    """rdflib's parse tree of a query; QueryRefused for an update or broken text."""
    from pyparsing import ParseException
    from rdflib.plugins.sparql.parser import parseQuery

    added = "" if _declares_prefixes(text) else PREFIXES
    try:
        return parseQuery(added + text)
    except ParseException as error:
        line = error.lineno - added.count("\n")
        raise QueryRefused(f"not a read-only SPARQL query (line {line}, column "
                           f"{error.col}): kinmap sparql runs SELECT, ASK, CONSTRUCT and "
                           "DESCRIBE queries; updates are refused") from None
    except Exception as error:  # rdflib's grammar actions raise plain exceptions too
        raise QueryRefused(f"not a SPARQL query rdflib can read ({error}); check the "
                           "syntax") from None


def service_endpoints(parsed: Any) -> list[str]:
    """The endpoints of every SERVICE clause in a parse tree (FILTER EXISTS, subqueries...)."""
    from pyparsing import ParseResults
    from rdflib.plugins.sparql.parserutils import CompValue

    found: list[str] = []
    stack = [parsed]
    while stack:
        node = stack.pop()
        if isinstance(node, CompValue):
            if node.name == "ServiceGraphPattern":
                term = node.get("term")
                found.append(term.n3() if hasattr(term, "n3") else str(term))
            stack.extend(node.values())
        elif isinstance(node, dict):
            stack.extend(node.values())
        elif isinstance(node, (ParseResults, list, tuple)):
            stack.extend(node)
    return found


def _declares_prefixes(text: str) -> bool:
    return re.search(r"^\s*PREFIX\s", text, re.I | re.M) is not None


def parse_parameter(text: str) -> tuple[str, Any]:
    """'name=<iri>' gives an IRI, 'name=text' a string literal, 'name=12' an integer."""
    match = PARAMETER.match(text)
    if not match:
        raise KinmapError(f"--param {text!r}: write NAME=VALUE, e.g. review=<https://...> "
                          "or kind=strategy_meeting")
    name, value = match.groups()
    if value.startswith("<") and value.endswith(">"):
        try:
            return name, pyoxigraph.NamedNode(value[1:-1])
        except ValueError as error:
            raise KinmapError(f"--param {text!r}: {value} is not an IRI ({error}); write "
                              "a full IRI without spaces, e.g. <https://w3id.org/kinmap/"
                              "graph/riverside-child-m>") from None
    if re.fullmatch(r"-?[0-9]+", value):
        return name, pyoxigraph.Literal(value, datatype=pyoxigraph.NamedNode(
            "http://www.w3.org/2001/XMLSchema#integer"))
    return name, pyoxigraph.Literal(value)


def run_sparql(store: Store, text: str, parameters: dict[str, Any] | None = None, *,
               allow_service: bool = False) -> QueryResult | bool | list[pyoxigraph.Triple]:
    """Run a read-only query: rows for SELECT, a bool for ASK, triples for the others.

    A query with a SERVICE clause is refused unless `allow_service`.
    """
    parsed = _parse(text)
    form = parsed[1].name.removesuffix("Query").lower()
    if not allow_service:
        # the parse tree, and the stores' own token check (which also runs below)
        endpoints = service_endpoints(parsed) or services_in(text)
        if endpoints:
            raise QueryRefused(service_refusal(endpoints))
    before = store.allow_service
    store.allow_service = allow_service
    try:
        return _run(store, form, text, parameters)
    finally:
        store.allow_service = before


def _run(store: Store, form: str, text: str, parameters: dict[str, Any] | None
         ) -> QueryResult | bool | list[pyoxigraph.Triple]:
    full = text if _declares_prefixes(text) else PREFIXES + text
    if form == "select":
        star = re.search(r"SELECT\s+(DISTINCT\s+|REDUCED\s+)?\*", full, re.I)
        missing = [] if star else [n for n in parameters or {} if not re.search(
            rf"SELECT\b[^{{]*[?$]{n}\b", full, re.I | re.S)]
        if missing:
            raise KinmapError(f"--param {missing[0]}: ?{missing[0]} must be one of the "
                              "variables the query SELECTs to be bound")
        return store.select(full, parameters)
    if parameters:
        raise KinmapError("--param binds SELECT variables only")
    if form == "ask":
        return store.ask(full)
    return store.construct(full)
