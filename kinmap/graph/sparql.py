"""`kinmap sparql`: any read-only SPARQL query over the store, parameters bound as terms.

The query is parsed with rdflib's SPARQL 1.1 query grammar first: an update
(INSERT, DELETE, DROP, LOAD, ...) is not a query and is refused before anything
reaches the store.
"""
from __future__ import annotations

import re
from typing import Any

import pyoxigraph

from ..errors import KinmapError
from .store import PREFIXES, QueryResult, Store

PARAMETER = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)=(.*)$", re.S)


def query_form(text: str) -> str:
    """'select', 'ask', 'construct' or 'describe'; KinmapError for anything else."""
    from pyparsing import ParseException
    from rdflib.plugins.sparql.parser import parseQuery

    added = "" if _declares_prefixes(text) else PREFIXES
    try:
        parsed = parseQuery(added + text)
    except ParseException as error:
        line = error.lineno - added.count("\n")
        raise KinmapError(f"not a read-only SPARQL query (line {line}, column "
                          f"{error.col}): kinmap sparql runs SELECT, ASK, CONSTRUCT and "
                          "DESCRIBE queries; updates are refused") from None
    return parsed[1].name.removesuffix("Query").lower()


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
        return name, pyoxigraph.NamedNode(value[1:-1])
    if re.fullmatch(r"-?\d+", value):
        return name, pyoxigraph.Literal(value, datatype=pyoxigraph.NamedNode(
            "http://www.w3.org/2001/XMLSchema#integer"))
    return name, pyoxigraph.Literal(value)


def run_sparql(store: Store, text: str, parameters: dict[str, Any] | None = None
               ) -> QueryResult | bool | list[pyoxigraph.Triple]:
    """Run a read-only query: rows for SELECT, a bool for ASK, triples for the others."""
    form = query_form(text)
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
