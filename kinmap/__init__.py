"""kinmap: safeguarding practice reviews as a knowledge graph of children, families and agencies.

    from kinmap import read_casemap, write_casemap, open_store
    casemaps = read_casemap("examples/riverside-child-m.yaml")
    with open_store("kinmap-store") as store:
        store.load(casemaps)
"""
from __future__ import annotations

__version__ = "0.1.0"

from .errors import CaseMapError, KinmapError, StoreError, UnknownFormat  # noqa: E402
from .exports.casemap import write_casemap  # noqa: E402
from .graph.store import open_store  # noqa: E402
from .loaders.casemap import read_casemap  # noqa: E402
from .model import CaseMap  # noqa: E402

__all__ = ["CaseMap", "CaseMapError", "KinmapError", "StoreError", "UnknownFormat",
           "open_store", "read_casemap", "write_casemap", "__version__"]
