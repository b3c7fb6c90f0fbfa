"""GraphML and GEXF of the networkx projection, for Gephi, yEd and Cytoscape.

GEXF (version 1.3) is dynamic: nodes and edges carry `start` and `end` dates
from the case map, so Gephi's timeline plays a child's world over time.

networkx's writers refuse None, lists and dates, and a key holding numbers in
one node and text in another does not read back; so every attribute is
normalised first: one type per key (text when types mix), lists joined with
'; ', missing values left out.
"""
from __future__ import annotations

import calendar
import re
from typing import IO, Any, Iterable, Sequence

import networkx as nx
from networkx.readwrite.gexf import GEXFWriter

from .. import __version__
from ..graph.network import to_networkx
from ..model import CaseMap


#: What XML 1.0 cannot hold at all, even escaped: C0 controls but tab and line breaks,
#: surrogates and two non-characters. A document's text could carry them.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _plain(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        value = "; ".join(str(v) for v in value)
    elif not isinstance(value, (bool, int, float, str)):
        value = str(value)
    return NOT_XML.sub("\ufffd", value) if isinstance(value, str) else value


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
    """GEXF 1.3 of the reviews' network, dated for Gephi's timeline."""
    graph = timed(normalised(to_networkx(casemaps)))
    graph.graph["mode"] = "dynamic"  # with no date at all, every element is always there
    for *_, attrs in graph.edges(data=True):
        # GEXF's edge `type` is directed/undirected/mutual: the tie is the edge's label.
        attrs["label"] = attrs.pop("type")
    _Gexf13(graph).write(out)


class _Gexf13(GEXFWriter):
    """networkx's GEXF 1.3 writer, made valid against the 1.3 schema and the same every day.

    networkx 3.6 misspells the XML Schema instance namespace, writes a graph
    `name` the schema does not allow and stamps today's date in `meta`.
    """

    def __init__(self, graph: nx.MultiDiGraph) -> None:
        super().__init__(encoding="utf-8", prettyprint=True, version="1.3")
        self.xml.set("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance")
        meta = self.xml.find("meta")
        meta.attrib.pop("lastmodifieddate", None)
        meta.find("creator").text = f"kinmap {__version__}"
        self.add_graph(graph)
        self.graph_element.attrib.pop("name", None)


#: The case map keys that open and close each kind of node's time.
NODE_TIMES = {"person": ("born", "died"), "household": ("since", "until"),
              "meeting": ("date", "date"), "decision": ("date", "date"),
              "event": ("date", "date"), "information_sharing": ("date", "date")}
#: Nodes that happen at one time: an edge to them happens then too.
POINTS = {"meeting", "decision", "event", "information_sharing"}
_ISO = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", re.ASCII)


def first_day(value: Any) -> str | None:
    """The first day of an ISO partial date: '2021' -> '2021-01-01'."""
    match = _ISO.fullmatch(value) if isinstance(value, str) else None
    if not match:
        return None
    year, month, day = match.groups()
    return f"{year}-{month or '01'}-{day or '01'}"


def last_day(value: Any) -> str | None:
    """The last day of an ISO partial date: '2021-02' -> '2021-02-28'."""
    match = _ISO.fullmatch(value) if isinstance(value, str) else None
    if not match:
        return None
    year, month, day = match.groups()
    if day:
        return value
    month = month or "12"
    if not 1 <= int(month) <= 12:
        return None
    return f"{year}-{month}-{calendar.monthrange(int(year), int(month))[1]:02d}"


def _set_interval(attrs: dict, start: str | None, end: str | None) -> None:
    if start and end and end < start:  # a case map that ends before it starts: keep the start
        end = None
    for key, value in (("start", start), ("end", end)):
        if value:
            attrs[key] = value


def timed(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The graph with `start` and `end` (ISO dates) on every node and edge the case map dates.

    People live from birth to death, households (placements too) from `since` to
    `until`, meetings, decisions, events and information sharing on their date.
    An edge has its own `since`/`until` (relationships, involvements); a member of
    a household is there while the household is; an edge to a meeting, decision,
    event or sharing is there on its date. Partial dates cover their whole
    period: a start of '2021' is 1 January, an end of '2021' is 31 December.
    """
    for _, attrs in graph.nodes(data=True):
        keys = NODE_TIMES.get(attrs.get("element"))
        if keys:
            _set_interval(attrs, first_day(attrs.get(keys[0])), last_day(attrs.get(keys[1])))
    for source, target, attrs in graph.edges(data=True):
        if "since" in attrs or "until" in attrs:
            _set_interval(attrs, first_day(attrs.get("since")), last_day(attrs.get("until")))
            continue
        ends = [graph.nodes[source], graph.nodes[target]]
        dated = next((n for n in ends if n.get("element") in POINTS), None)
        if dated is None and attrs.get("type") == "member_of":
            dated = next((n for n in ends if n.get("element") == "household"), None)
        if dated is not None:
            _set_interval(attrs, dated.get("start"), dated.get("end"))
    return graph
