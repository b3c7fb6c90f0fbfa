"""`kinmap validate`: the format rules, then the SHACL shapes, for files or stored reviews."""
from __future__ import annotations

import os
from typing import Iterable

from .errors import KinmapError
from .loaders import read, reader_for, readable_files
from .loaders.casemap import check_casemap_file


def validate_files(paths: Iterable[str | os.PathLike]) -> tuple[int, list[str]]:
    """(number of reviews checked, every problem as one line) for files and folders."""
    from .graph.shacl import validate_casemap

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
            problems.extend(f"{path}: {v}" for v in validate_casemap(cm))
    return checked, problems


def validate_store(store) -> tuple[int, list[str]]:
    """(number of reviews checked, SHACL problems) for every review in a store."""
    from .graph.shacl import validate_triples

    problems: list[str] = []
    ids = store.review_ids()
    for rid in ids:
        problems.extend(f"{store.location}: {v}"
                        for v in validate_triples(rid, store.graph_triples(rid)))
    return len(ids), problems


__all__ = ["validate_files", "validate_store"]
