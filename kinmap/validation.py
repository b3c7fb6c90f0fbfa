"""`kinmap validate`: the format rules, then the SHACL shapes, for files or stored reviews.

The shapes run as SPARQL (graph/shape_queries.py): over the whole store at once,
or over one file's reviews in a store in memory. pyshacl stays the reference the
tests hold those queries to (graph/shacl.py).
"""
from __future__ import annotations

import logging
import os
from typing import Iterable

from .errors import KinmapError
from .loaders import read, reader_for, readable_files
from .loaders.casemap import check_casemap_file

log = logging.getLogger(__name__)


def validate_files(paths: Iterable[str | os.PathLike]) -> tuple[int, list[str]]:
    """(number of reviews checked, every problem as one line) for files and folders."""
    from .graph.embedded import MemoryStore
    from .graph.mapping import casemap_to_quads
    from .graph.shape_queries import store_violations

    problems: list[str] = []
    checked = 0
    for path in readable_files(paths):
        try:
            casemaps = read(path)
        except KinmapError as error:
            # The reader stops at the first problem; list them all for a case map.
            listed = check_casemap_file(path) if reader_for(path).name == "casemap" else []
            problems.extend(str(e) for e in listed or [error])
            continue
        for cm in casemaps:
            checked += 1
            with MemoryStore(casemap_to_quads(cm)) as memory:
                problems.extend(f"{path}: {v}" for v in store_violations(memory, jobs=1))
    return checked, problems


def validate_store(store, jobs: int | None = None) -> tuple[int, list[str]]:
    """(number of reviews checked, SHACL problems) for every review in a store.

    Each constraint is one query over every review (`jobs` at a time, by default
    the machine's cores), not one review at a time: what Python holds is the
    problems found, never the store's triples.
    """
    from .errors import StoreError
    from .graph.shape_queries import store_violations

    jobs = jobs or os.cpu_count() or 1
    ids = store.review_ids()
    try:
        found = store_violations(store, jobs=jobs)
    except StoreError as error:
        from .graph.embedded import EmbeddedStore
        if isinstance(store, EmbeddedStore):
            raise
        # Virtuoso's SPARQL compiler fails on some of the checks (SP031, "side effect
        # var passed"): pyshacl review by review gives the same verdicts, slowly.
        log.warning("%s: the server refused a SHACL check (%s); checking review by "
                    "review with pyshacl instead", store.location, error)
        from .graph.shacl import validate_triples
        found = [v for rid in ids for v in validate_triples(rid, store.graph_triples(rid))]
    return len(ids), [f"{store.location}: {v}" for v in found]


__all__ = ["validate_files", "validate_store"]
