"""Read reviews back from RDF files kinmap wrote: Turtle, TriG, N-Triples, N-Quads, JSON-LD.

This is how one partnership hands its graph to another. What comes back is
checked by the same rules as a case map, so a hand-edited graph that breaks
the format is refused with the element path at fault.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import IO

import pyoxigraph

from ..errors import CaseMapError
from ..exports.casemap import casemap_to_dict
from ..graph.mapping import casemaps_from_triples
from ..model import CaseMap
from .checks import check_document

FORMATS = {"ttl": pyoxigraph.RdfFormat.TURTLE, "trig": pyoxigraph.RdfFormat.TRIG,
           "nt": pyoxigraph.RdfFormat.N_TRIPLES, "nq": pyoxigraph.RdfFormat.N_QUADS,
           "jsonld": pyoxigraph.RdfFormat.JSON_LD}


def read_rdf(source: str | os.PathLike | IO[bytes], fmt: str) -> list[CaseMap]:
    """Every review in an RDF file, as checked CaseMaps."""
    name = str(getattr(source, "name", source))
    try:
        data = source.read() if hasattr(source, "read") else Path(source).read_bytes()
        parsed = list(pyoxigraph.parse(data, format=FORMATS[fmt]))
    except OSError as error:
        raise CaseMapError(f"cannot read the file ({error.strerror or error})",
                           file=name) from None
    except SyntaxError as error:
        raise CaseMapError(f"not valid {fmt.upper()}: {str(error).splitlines()[0]}",
                           file=name) from None
    try:
        casemaps = casemaps_from_triples(parsed)
    except (KeyError, ValueError, TypeError, AttributeError) as error:
        raise CaseMapError(f"not a kinmap graph: a value or reference cannot be read "
                           f"({error}); export it again with `kinmap export`",
                           file=name) from None
    if not casemaps:
        raise CaseMapError("holds no kinmap review (no km:Review); was it written by "
                           "`kinmap export`?", file=name)
    for index, cm in enumerate(casemaps):
        problems = check_document(casemap_to_dict(cm))
        if problems:
            first = problems[0]
            raise CaseMapError(first.message, file=name, document=index,
                               review=cm.review.id, path=first.path)
    return casemaps


def read_turtle(source: str | os.PathLike | IO[bytes]) -> list[CaseMap]:
    """Reviews from Turtle."""
    return read_rdf(source, "ttl")


def read_trig(source: str | os.PathLike | IO[bytes]) -> list[CaseMap]:
    """Reviews from TriG."""
    return read_rdf(source, "trig")


def read_ntriples(source: str | os.PathLike | IO[bytes]) -> list[CaseMap]:
    """Reviews from N-Triples."""
    return read_rdf(source, "nt")


def read_nquads(source: str | os.PathLike | IO[bytes]) -> list[CaseMap]:
    """Reviews from N-Quads."""
    return read_rdf(source, "nq")


def read_jsonld(source: str | os.PathLike | IO[bytes]) -> list[CaseMap]:
    """Reviews from JSON-LD."""
    return read_rdf(source, "jsonld")
