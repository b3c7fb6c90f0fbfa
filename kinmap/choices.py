"""The names the command line offers as choices, written out so that `kinmap --help`
imports no registry (the registries import rdflib, pyoxigraph and the query code).

A test checks them against the registries (`kinmap.exports.WRITERS`,
`kinmap.graph.queries.QUERIES`), so they cannot drift apart.
"""
from __future__ import annotations

#: Every name and alias `kinmap export --format` takes, sorted.
EXPORT_FORMATS = ("casemap", "ged", "gedcom", "gedcom5", "gedcom551", "gedcom7", "gexf",
                  "graphml", "json-ld", "jsonld", "n-quads", "n-triples", "neo4j", "nq",
                  "nquads", "nt", "ntriples", "trig", "ttl", "turtle", "yaml", "yml")

#: The analysts' named queries, in the order `kinmap query --list` gives them.
QUERY_NAMES = ("absent-agencies", "missed-sharing", "interconnected-families", "known-to",
               "decisions", "themes", "chronology", "overview")
