"""The work on one file that `kinmap load` and `kinmap extract` hand to worker processes.

Each function takes a path and returns a compact payload for the single writer:
for a load, the file's review ids and its quads (stored answers included) as
N-Quads bytes, which cross between processes far faster than pickled quads
(for a 300 kB review, 25,000 quads: 0.02 s to serialise and 0.15 s to parse back
against 1.0 s to pickle and 0.7 s to unpickle); for an extraction, the YAML to
write. Failures are raised as KinmapError; pipeline.py turns them into values.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class PreparedFile:
    """One file, ready to write: its reviews' ids and quads."""

    review_ids: tuple[str, ...]
    nquads: bytes   # every quad loading writes, as N-Quads (UTF-8)
    quads: int      # how many
    sources: tuple[str | None, ...] = ()  # each review's source document, if it names one


@dataclass(frozen=True)
class DraftedFile:
    """One document drafted: the case map YAML and, if asked, the rules that fired."""

    yaml: bytes
    hits: list = field(default_factory=list)


def prepare_file(path: Path) -> PreparedFile:
    """Read and check one file (extracting a document) and work out what loading writes."""
    from pyoxigraph import RdfFormat, serialize

    from .graph.store import prepare
    from .loaders import read

    casemaps = read(path)
    quads = prepare(casemaps)
    return PreparedFile(tuple(cm.review.id for cm in casemaps),
                        serialize(quads, format=RdfFormat.N_QUADS), len(quads),
                        tuple(cm.review.source_file for cm in casemaps))


def draft_file(path: Path, explain: bool = False) -> DraftedFile:
    """Draft the case maps of one review document, as `kinmap extract` writes them."""
    from .exports.casemap import dumps_casemap
    from .loaders.reviews import explain_review

    found = explain_review(path)
    return DraftedFile(dumps_casemap([cm for cm, _ in found]).encode("utf-8"),
                       [h for _, hits in found for h in hits] if explain else [])


def draft_file_explained(path: Path) -> DraftedFile:
    """`draft_file` with the rules that fired (a module-level function, to pickle)."""
    return draft_file(path, explain=True)
