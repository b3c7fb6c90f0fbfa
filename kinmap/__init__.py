"""kinmap: safeguarding practice reviews as a knowledge graph of children, families and agencies.

    from kinmap import read_casemap, write_casemap, open_store
    casemaps = read_casemap("examples/riverside-child-m.yaml")
    with open_store("kinmap-store") as store:
        store.load(casemaps)
"""
from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

from .errors import CaseMapError, KinmapError, StoreError, UnknownFormat  # noqa: E402

#: The library's entry points, each imported on first use: `import kinmap` (and so
#: every `kinmap` command) stays quick, and pulls in no rdflib, pyoxigraph or YAML.
_LAZY = {"write_casemap": ".exports.casemap", "open_store": ".graph.store",
         "read_casemap": ".loaders.casemap", "CaseMap": ".model"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(_LAZY[name], __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


__all__ = ["CaseMap", "CaseMapError", "KinmapError", "StoreError", "UnknownFormat",
           "open_store", "read_casemap", "write_casemap", "__version__"]
