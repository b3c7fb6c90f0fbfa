"""Federated queries: find a SPARQL query's SERVICE clauses, so none leaves the machine unasked.

A SERVICE clause makes the engine send part of the query to another server:
Oxigraph does so from the analyst's own machine. kinmap promises that nothing
leaves the machine, so every query the stores run is checked here first, and
one with a SERVICE clause is refused unless the user opted in
(`kinmap sparql --allow-service`). kinmap's own queries never need one.

The check reads the query as SPARQL tokens, not as a string: comments, string
literals and IRIs are skipped whole (so `# SERVICE` or `"service"` is no
clause), a keyword is matched in any case, and `\\u` escapes are expanded first,
as the SPARQL grammar allows them anywhere. It runs on every query a store is
given, so it must stay a single linear scan.
"""
from __future__ import annotations

import re

from ..errors import QueryRefused

_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")

#: One SPARQL token at a time; the first alternative that matches wins.
_TOKEN = re.compile(r"""
    (?P<comment>\#[^\n\r]*)
  | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
              | '''(?:[^'\\]|\\.|'(?!''))*'''
              | "(?:[^"\\\n\r]|\\.)*"
              | '(?:[^'\\\n\r]|\\.)*')
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$][\w\u00B7\u0300-\u036F\u203F-\u2040]+)
  | (?P<pname>(?:[^\W\d_][\w\-.\u00B7]*)?:[\w\-.:%\\\u00B7]*)
  | (?P<word>\w+)
  | (?P<other>\S)
""", re.VERBOSE | re.DOTALL)

_WORDS = re.compile(r"service|\\u|\\U", re.IGNORECASE)


def _expanded(text: str) -> str:
    def char(match: re.Match) -> str:
        code = int(match.group(1) or match.group(2), 16)
        return chr(code) if code <= 0x10FFFF else match.group(0)
    return _ESCAPE.sub(char, text)


def services_in(query: str) -> list[str]:
    """The endpoints (IRI, variable or prefixed name) of the query's SERVICE clauses."""
    if not _WORDS.search(query):  # the common case: nothing to tokenize
        return []
    found: list[str] = []
    tokens = [(m.lastgroup, m.group()) for m in _TOKEN.finditer(_expanded(query))
              if m.lastgroup not in ("comment",)]
    for i, (kind, text) in enumerate(tokens):
        if kind != "word" or text.lower() != "service":
            continue
        after = [t for k, t in tokens[i + 1:i + 3]]
        if after and after[0].lower() == "silent":
            after = after[1:]
        found.append(after[0] if after else "?")
    return found


def refuse_service(query: str) -> None:
    """Raise QueryRefused when the query has a SERVICE clause (see services_in)."""
    found = services_in(query)
    if found:
        raise QueryRefused(service_refusal(found))


def service_refusal(endpoints: list[str]) -> str:
    """The one line that refuses a federated query."""
    shown = endpoints[0] if len(endpoints[0]) <= 80 else endpoints[0][:77] + "..."
    more = f" (and {len(endpoints) - 1} more)" if len(endpoints) > 1 else ""
    return (f"the query calls a remote service (SERVICE {shown}{more}), which would send "
            "data off this machine; remove the SERVICE clause, or run it with "
            "--allow-service if you mean to")
