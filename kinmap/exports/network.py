"""GraphML and GEXF of the networkx projection, for Gephi, yEd and Cytoscape.

networkx's writers refuse None, lists and dates, and a key holding numbers in
one node and text in another does not read back; so every attribute is
normalised first: one type per key (text when types mix), lists joined with
'; ', missing values left out.
"""
from __future__ import annotations

from typing import IO, Any, Iterable, Sequence

import networkx as nx

from ..graph.network import to_networkx
from ..model import CaseMap


def _plain(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return "; ".join(str(v) for v in value)
    if isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


def _unify(items: Iterable[dict]) -> None:
    items = list(items)
    types: dict[str, set[type]] = {}
    for attrs in items:
        for key, value in list(attrs.items()):
            if value is None:
                del attrs[key]
                continue
            attrs[key] = _plain(value)
            types.setdefault(key, set()).add(type(attrs[key]))
    mixed = {k for k, t in types.items() if len(t) > 1}
    for attrs in items:
        for key in mixed & attrs.keys():
            attrs[key] = str(attrs[key])


def normalised(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy whose attributes GraphML and GEXF can write and read back.

    The element's `id` becomes `element_id`: the GEXF writer takes an `id`
    attribute as the node id, which would merge every review's 'mother'.
    """
    copy = graph.copy()
    for _, attrs in [*copy.nodes(data=True), *((u, a) for u, _, a in copy.edges(data=True))]:
        if "id" in attrs:
            attrs["element_id"] = attrs.pop("id")
    copy.graph = {"reviews": "; ".join(graph.graph.get("reviews", []))}
    _unify(attrs for _, attrs in copy.nodes(data=True))
    _unify(attrs for _, _, attrs in copy.edges(data=True))
    return copy


def write_graphml(casemaps: Sequence[CaseMap], out: IO[bytes]) -> None:
    """GraphML of the reviews' network."""
    nx.write_graphml(normalised(to_networkx(casemaps)), out, encoding="utf-8")


def write_gexf(casemaps: Sequence[CaseMap], out: IO[bytes]) -> None:
    """GEXF of the reviews' network."""
    nx.write_gexf(normalised(to_networkx(casemaps)), out, encoding="utf-8")
