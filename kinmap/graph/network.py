"""The networkx projection: reviews as a typed MultiDiGraph for algorithms and layouts.

Nodes are people, households, agencies, meetings, decisions, events,
information-sharing links, findings and recommendations, keyed
`<review id>/<element id>`; each has `element` (person, agency, ...), `review`,
`id`, `label` and the element's own fields (`kind` is the agency's or meeting's
kind of the format). Edges carry `type`: the relationship
types of the format (parent, sibling, harmed, ...) between people, and
member_of, part_of, involved_with, about, invited, attended, absent, by,
decided_at, shared_from, shared_to and addressed_to for the rest. Every node and
edge keeps its `quote`.
"""
from __future__ import annotations

from typing import Any, Iterable

import networkx as nx

from ..model import REFS, REFS_OR_ONE, REF, REF_OR_NULL, SPECS, CaseMap, Element

#: Reference fields drawn as edges: (section, field) -> edge type.
EDGE_TYPES = {
    ("households", "members"): "member_of",      # person -> household
    ("agencies", "part_of"): "part_of",
    ("meetings", "about"): "about",
    ("meetings", "invited"): "invited",
    ("meetings", "attended"): "attended",
    ("meetings", "absent"): "absent",
    ("decisions", "about"): "about",
    ("decisions", "by"): "by",
    ("decisions", "meeting"): "decided_at",
    ("events", "about"): "about",
    ("events", "by"): "by",
    ("information_sharing", "from_"): "shared_from",
    ("information_sharing", "to"): "shared_to",
    ("information_sharing", "about"): "about",
    ("recommendations", "to"): "addressed_to",
}
#: Edges that point from the referenced element to the referring one.
REVERSED = {"member_of"}
#: Sections drawn as edges rather than nodes.
EDGE_SECTIONS = {"relationships", "involvements"}
ELEMENT_OF_SECTION = {"people": "person", "households": "household", "agencies": "agency",
                   "meetings": "meeting", "decisions": "decision", "events": "event",
                   "information_sharing": "information_sharing", "findings": "finding",
                   "recommendations": "recommendation"}


def node_key(review_id: str, element_id: str) -> str:
    """The node key of an element: `<review id>/<element id>`."""
    return f"{review_id}/{element_id}"


def _attributes(element: Element) -> dict[str, Any]:
    attrs = {}
    for spec in SPECS[element.section]:
        if spec.kind in (REF, REF_OR_NULL, REFS, REFS_OR_ONE):
            continue
        value = getattr(element, spec.attr)
        if value is not None and value != []:
            attrs[spec.key] = value
    return attrs


def to_networkx(casemaps: Iterable[CaseMap]) -> nx.MultiDiGraph:
    """One MultiDiGraph of the given reviews."""
    graph = nx.MultiDiGraph()
    for cm in casemaps:
        rid = cm.review.id
        graph.graph.setdefault("reviews", []).append(rid)
        for section, position, element in cm.elements():
            if section in EDGE_SECTIONS:
                continue
            eid = element.id or f"_{element.sort}-{position}"
            graph.add_node(node_key(rid, eid), **{
                "label": getattr(element, "label", None) or eid, **_attributes(element),
                "element": ELEMENT_OF_SECTION[section], "review": rid})
            for (sec, attr), edge_type in EDGE_TYPES.items():
                if sec != section:
                    continue
                value = getattr(element, attr)
                for target in value if isinstance(value, list) else [value]:
                    if target is None:
                        continue
                    ends = (node_key(rid, target), node_key(rid, eid))
                    src, dst = ends if edge_type in REVERSED else ends[::-1]
                    graph.add_edge(src, dst, type=edge_type, review=rid)
        for rel in cm.relationships:
            graph.add_edge(node_key(rid, rel.from_), node_key(rid, rel.to),
                           **{**_attributes(rel), "type": rel.type, "review": rid})
        for inv in cm.involvements:
            graph.add_edge(node_key(rid, inv.agency), node_key(rid, inv.person),
                           **{**_attributes(inv), "type": "involved_with", "review": rid})
    return graph
