"""The network view: people, households and agencies of one review or a whole store.

Positions are computed here, review by review (households with their members
round them, people living elsewhere on a ring, agencies on an outer ring by
kind), and handed to pyvis's `Network` as its nodes and edges with physics
off, so even a large store draws at once and the same data always draws the
same way. The page is kinmap's own template with the vis-network that pyvis
ships inlined (`visjs`), not pyvis's HTML. People who join families (someone
in two households, a parent with children by several partners) are marked as
interconnections; with several reviews, each review's cluster is captioned.
"""
from __future__ import annotations

import logging
import math
import re
from collections import defaultdict
from typing import Any, Iterable

from ...errors import KinmapError
from ...model import CaseMap
from .details import (
    Details,
    agency_details,
    household_details,
    involvement_details,
    person_details,
    relationship_details,
    sharing_details,
)
from .ecolines import AGENCY_COLOURS
from .page import render
from .text import clean, humanise, shorten

log = logging.getLogger(__name__)

BRIDGE = "#e8590c"
SEX_SHAPES = {"male": "square", "female": "dot"}
EDGE_STYLES = {
    "parent": ("#24292f", False, 1.6), "partner": ("#24292f", False, 2.2),
    "harmed": ("#c62828", False, 2.4), "contact": ("#1565c0", True, 1.6),
    "member_of": ("#00796b", True, 1.2), "involved_with": ("#8c959f", False, 1.2),
    "part_of": ("#8c959f", True, 1.0), "missed": ("#d50000", True, 2.4),
    "partial": ("#ef6c00", True, 1.8), "shared": ("#2e7d32", False, 1.2),
}
ARROWED = ("parent", "harmed", "contact", "carer", "foster_parent", "special_guardian",
           "step_parent", "grandparent")
KIND_TEXT = (("person", "People"), ("household", "Households"), ("agency", "Agencies"))
FONT = "system-ui, sans-serif"
#: Label sizes in network units; at Fit a single review is drawn near 1:1.
PERSON_FONT, HOUSEHOLD_FONT, AGENCY_FONT = 15, 14, 13
#: Width to height of the area the clusters are packed into: a landscape window or page.
ASPECT = 1.35
_NUMBERED = re.compile(r"(Review \d+): (.+)")
_TITLE_PARTS = re.compile(r"\s+[–—-]\s+|:\s+|\s+concerning\s+")


def interconnections(casemap: CaseMap) -> dict[str, str]:
    """People who join families, by id, with the reason in words.

    A parent's families are counted by partners: the other parents of their
    children. One child's moves between homes and placements are that child's,
    not more families of the parent's.
    """
    homes: dict[str, list[str]] = defaultdict(list)
    for h in casemap.households:
        for m in h.members:
            homes[m].append(h.id)
    parents: dict[str, list[str]] = defaultdict(list)
    children: dict[str, list[str]] = defaultdict(list)
    for rel in casemap.relationships:
        if rel.type == "parent":
            parents[rel.to].append(rel.from_)
            children[rel.from_].append(rel.to)
    labels = {p.id: clean(p.label or p.id) for p in casemap.people}
    out: dict[str, str] = {}
    for person in casemap.people:
        reasons = []
        lived = len(set(homes[person.id]))
        if lived >= 2:
            reasons.append(f"lives or lived in {lived} households")
        partners: list[str] = []
        for kid in children.get(person.id, []):
            for other in parents[kid]:
                if other != person.id and other not in partners:
                    partners.append(other)
        if len(partners) >= 2:
            named = [labels.get(p, p) for p in partners]
            shown = ", ".join(named[:3]) + (f" and {len(named) - 3} more" if len(named) > 3
                                            else "")
            reasons.append(f"has children with {len(partners)} partners: {shown}")
        if reasons:
            out[person.id] = "; ".join(reasons)
    return out


class _Cell:
    """Positions of one review's nodes around (0, 0), and the radius they need."""

    def __init__(self, casemap: CaseMap) -> None:
        self.pos: dict[str, tuple[float, float]] = {}
        first_home: dict[str, str] = {}
        for h in casemap.households:
            for m in h.members:
                first_home.setdefault(m, h.id)
        members = {h.id: [m for m in h.members if first_home.get(m) == h.id]
                   for h in casemap.households}
        # Room for the labels under the members: about 90 units between neighbours. A home
        # whose people are all drawn at an earlier home (a child's later placements) is
        # small, and each home takes its share of the ring by its size.
        spread = {hid: max(85.0, len(ms) * 90 / (2 * math.pi)) if ms else 25.0
                  for hid, ms in members.items()}
        biggest = max(spread.values(), default=0.0)
        homes = casemap.households
        arcs = [2 * spread[h.id] + 90 for h in homes]
        home_r = 0.0 if len(homes) <= 1 else max(200.0, sum(arcs) / (2 * math.pi))
        used = 0.0
        for h, arc in zip(homes, arcs):
            angle = -math.pi / 2 + 2 * math.pi * (used + arc / 2 - arcs[0] / 2) / sum(arcs)
            used += arc
            hx, hy = home_r * math.cos(angle), home_r * math.sin(angle)
            self.pos[h.id] = (hx, hy)
            for j, m in enumerate(members[h.id]):
                a = angle + 2 * math.pi * j / max(len(members[h.id]), 1) + 0.3
                self.pos[m] = (hx + spread[h.id] * math.cos(a), hy + spread[h.id] * math.sin(a))
        loose = [p.id for p in casemap.people if p.id not in first_home]
        loose_r = (home_r + biggest + 90) if homes else max(60.0, len(loose) * 56 / (2 * math.pi))
        loose_r = max(loose_r, len(loose) * 56 / (2 * math.pi))
        for i, pid in enumerate(loose):
            a = -math.pi / 2 + 2 * math.pi * (i + 0.5) / max(len(loose), 1)
            self.pos[pid] = (loose_r * math.cos(a), loose_r * math.sin(a))
        agencies = sorted(casemap.agencies, key=lambda a: (a.kind, a.part_of or a.id, a.id))
        agency_r = max(loose_r + 120 if loose else home_r + biggest + 140,
                       len(agencies) * 80 / (2 * math.pi))
        for i, agency in enumerate(agencies):
            a = -math.pi / 2 + 2 * math.pi * (i + 0.5) / max(len(agencies), 1)
            self.pos[agency.id] = (agency_r * math.cos(a), agency_r * math.sin(a))
        self.radius = max(math.hypot(x, y) for x, y in self.pos.values()) + 90 \
            if self.pos else 120.0


def _pack(cells: list[_Cell], band: float = 0.0) -> list[tuple[float, float]]:
    """Centres for the cells, packed row by row to fill a landscape area best,
    each with a free `band` above it for its caption."""
    if not cells:
        return []
    widest = max(2 * c.radius for c in cells)
    total = sum(2 * c.radius for c in cells)
    # Try row widths from one cell to all in a row: the one drawn largest in the area wins.
    tries = {widest + (total - widest) * k / 24 for k in range(25)}
    tries.add(max(widest, math.sqrt(sum((2 * c.radius) * (2 * c.radius + band) for c in cells)
                                    * ASPECT)))
    best: tuple[float, list[tuple[float, float]]] | None = None
    for row_width in sorted(tries):
        centres, width, height = _rows(cells, band, row_width)
        scale = min(ASPECT / width, 1 / height)
        if best is None or scale > best[0] * 1.0001:
            best = (scale, centres)
    return best[1]


def _rows(cells: list[_Cell], band: float,
          row_width: float) -> tuple[list[tuple[float, float]], float, float]:
    """Cells in rows no wider than `row_width`: their centres, and the width and height used."""
    centres, x, y, row_h, width = [], 0.0, 0.0, 0.0, 0.0
    for cell in cells:
        size = 2 * cell.radius
        if x and x + size > row_width + 1e-6:
            x, y, row_h = 0.0, y + row_h, 0.0
        centres.append((x + cell.radius, y + band + cell.radius))
        x += size
        width = max(width, x)
        row_h = max(row_h, size + band)
    return centres, width, y + row_h


def _layout(cells: list[_Cell], captioned: bool) -> tuple[list[tuple[float, float]], float]:
    """Centres of the cells and the caption band above each.

    A captioned cell is at least 2/5 as wide as the widest, so its caption
    has room beside its neighbours', and the band is about 1/16 of the whole
    drawing, so three lines of caption fit above a cluster when the view is fitted."""
    if not captioned:
        return _pack(cells), 0.0
    widest = max((c.radius for c in cells), default=0.0)
    for cell in cells:
        cell.radius = max(cell.radius, widest / 2.5)
    centres = _pack(cells)
    extent = max((max(x + c.radius, y + c.radius) for c, (x, y) in zip(cells, centres)),
                 default=0.0)
    band = max(60.0, extent / 16)
    return _pack(cells, band), band


def caption_lines(title: str | None, fallback: str) -> list[str]:
    """A review's caption: the shortest part of its title first (the child's name,
    as a rule), then the rest. The pseudonymised stamp is on the page, not here."""
    text = clean(title or fallback).removesuffix(" (pseudonymised)")
    numbered = _NUMBERED.fullmatch(text)   # pseudonymised: the number is the name
    parts = list(numbered.groups()) if numbered else \
        [p.strip() for p in _TITLE_PARTS.split(text) if p.strip()]
    if len(parts) < 2:
        return [text]
    short = 0 if numbered else min(range(len(parts)), key=lambda i: len(parts[i]))
    name = parts[short]
    if name.count(" ") == 1:   # "Child M", "Review 3": one name, never split over lines
        name = name.replace(" ", "\u00a0")
    return [name, " – ".join(p for i, p in enumerate(parts) if i != short)]


class _Graph:
    """pyvis's `Network` for kinmap: nodes and edges checked as they are added.

    pyvis keeps node ids in a list and looks each new node and edge end up in
    it, so a large store would take quadratic time; a set beside the list keeps
    that linear. pyvis also drops a node whose id it has seen silently; here that
    is an error, since two elements would be drawn as one (and the page's
    vis-network would refuse the second).
    """

    def __init__(self) -> None:
        from pyvis.network import Network

        self.net = Network(directed=True, heading="", cdn_resources="local")
        self.net.node_ids = _IdList()

    def node(self, node_id: str, what: str, **options: Any) -> None:
        if node_id in self.net.node_ids:
            raise KinmapError(f"cannot draw the network: two elements have the id {node_id!r} "
                              f"({what}); give each element of a review its own id")
        for axis in ("x", "y"):
            if not math.isfinite(options[axis]):
                raise KinmapError(f"cannot draw the network: no position for {node_id!r}")
        self.net.add_node(node_id, **options)

    def edge(self, source: str, target: str, what: str, **options: Any) -> None:
        """An edge, or none (with a warning) when an end is not drawn: a case map that
        passed the reader's checks has no such reference, and the rest still draws."""
        for end in (source, target):
            if end not in self.net.node_ids:
                log.warning("network: %s refers to %r, which is not a person, household or "
                            "agency of its review; that line is left out", what, end)
                return
        self.net.add_edge(source, target, id=f"e{len(self.net.edges)}", **options)


class _IdList(list):
    """A list of node ids that answers `in` from a set."""

    def __init__(self) -> None:
        super().__init__()
        self._members: set[Any] = set()

    def append(self, item: Any) -> None:
        super().append(item)
        self._members.add(item)

    def __contains__(self, item: object) -> bool:
        return item in self._members


def network_data(casemaps: Iterable[CaseMap]) -> dict[str, Any]:
    """Nodes, edges and options (pyvis's data model), details, interconnections and
    captions of the given reviews, laid out."""
    maps = list(casemaps)
    _reviews_apart(maps)
    many = len(maps) > 1
    cells = [_Cell(cm) for cm in maps]
    centres, band = _layout(cells, many)
    graph = _Graph()
    details = Details()
    bridges: list[tuple[str, str]] = []
    clusters: list[dict[str, Any]] = []
    for number, (cm, cell, (cx, cy)) in enumerate(zip(maps, cells, centres), start=1):
        rid = cm.review.id
        title = clean(cm.review.title or rid)

        def key(element_id: str) -> str:
            return f"{rid}/{element_id}"

        def at(element_id: str) -> dict[str, float]:
            x, y = cell.pos.get(element_id, (0.0, 0.0))
            return {"x": round(cx + x, 1), "y": round(cy + y, 1)}

        joined = interconnections(cm)
        ids: list[str] = []
        for person in cm.people:
            ref = details.add(key(person.id), person_details(person, cm))
            bridge = person.id in joined
            if bridge:
                details.items[ref]["facts"].append(["interconnection", joined[person.id]])
                bridges.append((key(person.id), f"{clean(person.label or person.id)}: "
                                                f"{joined[person.id]}"
                                + (f" ({title})" if many else "")))
            name = clean(person.label or person.id)
            graph.node(key(person.id), f"a person of {rid}",
                       **_person_style(person.sex, bool(person.subject), bridge),
                       label=shorten(name, 32), ref=ref, kind="person", search=name.lower(),
                       bridge=bridge, review=number, **at(person.id))
            ids.append(key(person.id))
        for home in cm.households:
            ref = details.add(key(home.id), household_details(home, cm))
            name = clean(home.label or humanise(home.kind))
            graph.node(key(home.id), f"a household of {rid}", **_household_style(),
                       label=shorten(name, 28), ref=ref, kind="household",
                       search=name.lower(), review=number, **at(home.id))
            ids.append(key(home.id))
        for agency in cm.agencies:
            ref = details.add(key(agency.id), agency_details(agency, cm, []))
            name = clean(agency.label or agency.id)
            graph.node(key(agency.id), f"an agency of {rid}",
                       **_agency_style(agency.kind),
                       label=shorten(name, 28), ref=ref, kind="agency", search=name.lower(),
                       review=number, **at(agency.id))
            ids.append(key(agency.id))
        for home in cm.households:
            ref = details.add(key(home.id), {})  # the household's own ref, added above
            for m in home.members:
                graph.edge(key(m), key(home.id), f"household {home.id!r} of {rid}",
                           **_edge_style("member_of", ref))
        for agency in cm.agencies:
            if agency.part_of:
                graph.edge(key(agency.id), key(agency.part_of), f"agency {agency.id!r} of {rid}",
                           **_edge_style("part_of", details.add(key(agency.id), {})))
        for i, rel in enumerate(cm.relationships):
            ref = details.add(key(f"~rel{i}"), relationship_details(rel, cm))
            graph.edge(key(rel.from_), key(rel.to), f"relationship {i + 1} of {rid}",
                       **_edge_style(rel.type, ref, arrow=rel.type in ARROWED))
        for i, inv in enumerate(cm.involvements):
            ref = details.add(key(f"~inv{i}"), involvement_details(inv, cm))
            graph.edge(key(inv.agency), key(inv.person), f"involvement {i + 1} of {rid}",
                       **_edge_style("involved_with", ref))
        for i, link in enumerate(cm.information_sharing):
            if link.from_ and link.to:
                ref = details.add(key(f"~share{i}"), sharing_details(link, cm))
                graph.edge(key(link.from_), key(link.to), f"information sharing {i + 1} of {rid}",
                           **_edge_style(link.status, ref, arrow=True))
        if many:
            clusters.append({"number": number, "nodes": ids,
                             "caption": caption_lines(cm.review.title, rid),
                             "x": round(cx, 1), "top": round(cy - cell.radius, 1),
                             "width": round(2 * cell.radius, 1)})
    return {"view": "network", "nodes": graph.net.nodes, "edges": graph.net.edges,
            "options": _options(graph, len(graph.net.edges)), "details": details.items,
            "bridges": bridges, "clusters": clusters, "captionBand": round(band, 1)}


def _reviews_apart(maps: list[CaseMap]) -> None:
    """Refuse to draw one review twice: its nodes would collide."""
    seen: set[str] = set()
    for cm in maps:
        if cm.review.id in seen:
            raise KinmapError(f"cannot draw the network: review {cm.review.id!r} is given twice; "
                              "pseudonymise (which numbers the reviews) or give it once")
        seen.add(cm.review.id)


def _font(size: int, colour: str = "#1f2328") -> dict[str, Any]:
    return {"size": size, "face": FONT, "color": colour, "strokeWidth": 3,
            "strokeColor": "#ffffff"}


def _colour(background: str, border: str, lit_background: str = "#ddf4ff",
            lit_border: str = "#0969da", hover_border: str = "#0969da") -> dict[str, Any]:
    return {"background": background, "border": border,
            "highlight": {"background": lit_background, "border": lit_border},
            "hover": {"background": "#f6f8fa", "border": hover_border}}


def _groups() -> dict[str, dict[str, Any]]:
    """vis-network node groups: each kind's look, said once in the options, not per node."""
    shadow = {"enabled": True, "color": "rgba(232,89,12,.45)", "size": 12, "x": 0, "y": 0}
    household = _colour("#e0f2f1", "#00796b", "#b2dfdb", "#004d40", "#00796b")
    household["hover"]["background"] = "#b2dfdb"
    groups = {
        "person": {"font": _font(PERSON_FONT), "borderWidth": 1.5,
                   "color": _colour("#ffffff", "#24292f")},
        "subject": {"font": _font(PERSON_FONT), "borderWidth": 4,
                    "color": _colour("#ffffff", "#24292f")},
        "bridge": {"font": _font(PERSON_FONT), "borderWidth": 5,
                   "color": _colour("#ffffff", BRIDGE), "shadow": shadow},
        "household": {"size": 14, "borderWidth": 1.5, "color": household,
                      "font": _font(HOUSEHOLD_FONT, "#00695c")}}
    for kind, colour in AGENCY_COLOURS.items():
        groups[f"agency-{kind}"] = {
            "font": {"size": AGENCY_FONT, "face": FONT, "color": colour},
            "borderWidth": 2, "margin": 6, "widthConstraint": {"maximum": 150},
            "color": _colour("#ffffff", colour, hover_border=colour)}
    return groups


def _person_style(sex: str | None, subject: bool, bridge: bool) -> dict[str, Any]:
    return {"group": "bridge" if bridge else "subject" if subject else "person",
            "shape": SEX_SHAPES.get(sex or "", "diamond"), "size": 16 if subject else 11}


# pyvis gives every node a shape ("dot" unless told), which would override its group's.
def _household_style() -> dict[str, Any]:
    return {"group": "household", "shape": "hexagon"}


def _agency_style(kind: str) -> dict[str, Any]:
    return {"group": f"agency-{kind if kind in AGENCY_COLOURS else 'other'}", "shape": "box"}


def _edge_style(kind: str, ref: str, arrow: bool = False) -> dict[str, Any]:
    """An edge's own look; what all edges share (highlight colours, arrow size) is in
    the options."""
    colour, dashes, width = EDGE_STYLES.get(kind, ("#8c959f", False, 1.2))
    return {"kind": kind, "ref": ref, "width": width, "color": {"color": colour},
            "arrows": "to" if arrow else "", **({"dashes": True} if dashes else {})}


def _options(graph: _Graph, edge_count: int) -> dict[str, Any]:
    return vis_options(graph.net, _groups(), hide_edges_on_drag=edge_count > 800)


def vis_options(net: Any, groups: dict[str, Any], *, arrow_scale: float = 0.6,
                hide_edges_on_drag: bool = False,
                edges: dict[str, Any] | None = None) -> dict[str, Any]:
    """vis-network's options, set through pyvis: kinmap's positions, physics off, hover
    tips, the keyboard, and what all edges share (`edges` adds to it). The store
    overview draws with the same."""
    import json

    net.toggle_physics(False)
    net.toggle_drag_nodes(False)
    net.toggle_hide_edges_on_drag(hide_edges_on_drag)
    net.inherit_edge_colors(False)
    net.options.edges.smooth.enabled = False
    options = json.loads(net.options.to_json())
    options["physics"] = {"enabled": False}   # pyvis's solver settings are moot with it off
    options["layout"] = {"improvedLayout": False, "randomSeed": 1}
    options["interaction"].update({
        "hover": True, "keyboard": {"enabled": True, "bindToWindow": False},
        "tooltipDelay": 3600000, "zoomView": True, "dragView": True})
    options["edges"].update({
        "selectionWidth": 2, "arrows": {"to": {"scaleFactor": arrow_scale}},
        "color": {"highlight": "#0969da", "hover": "#0969da", "inherit": False},
        **(edges or {})})
    options["nodes"] = {"physics": False, "shapeProperties": {"interpolation": False}}
    options["groups"] = groups
    return options


def network_page(casemaps: Iterable[CaseMap], *, pseudonymised: bool = False) -> str:
    """The network as one offline HTML page with filters, search, details and captions."""
    from .visjs import vis_network_script

    maps = list(casemaps)
    data = network_data(maps)
    data["bridgeColour"] = BRIDGE
    counts: dict[str, int] = defaultdict(int)
    for node in data["nodes"]:
        counts[node["kind"]] += 1
    if len(maps) == 1:
        title = clean(maps[0].review.title or maps[0].review.id)
    else:
        title = f"{len(maps)} reviews"
    subtitle = (f"Network of people, households and agencies · {counts['person']} people, "
                f"{counts['household']} households, {counts['agency']} agencies")
    vis_version, vis_script = vis_network_script()
    return render("network.html", view="network", view_name="Network", title=title,
                  subtitle=subtitle, data=data,
                  scripts=["panel.js", vis_script, "visview.js", "network.js"],
                  pseudonymised=pseudonymised, legend=_legend(),
                  kinds=[(k, text, counts[k]) for k, text in KIND_TEXT],
                  bridges=data["bridges"], vis_version=vis_version)


def _legend() -> list[tuple[Any, str]]:
    """The network's key: node shapes and edge colours, as (swatch, text)."""
    import xml.etree.ElementTree as ET

    from .page import trusted_svg
    from .svg import LegendItem, legend_swatch_svg, sub

    def node(shape: str, stroke: str = "#24292f", fill: str = "#ffffff", width: float = 1.5):
        def draw(parent: ET.Element, x: float, y: float, prefix: str) -> None:
            cx, cy = x + 18, y + 9
            if shape == "square":
                sub(parent, "rect", {"x": cx - 7, "y": cy - 7, "width": 14, "height": 14,
                                     "fill": fill, "stroke": stroke, "stroke-width": width})
            elif shape == "hexagon":
                pts = " ".join(f"{cx + 8 * math.cos(a * math.pi / 3):.1f},"
                               f"{cy + 8 * math.sin(a * math.pi / 3):.1f}" for a in range(6))
                sub(parent, "polygon", {"points": pts, "fill": "#e0f2f1", "stroke": "#00796b",
                                        "stroke-width": width})
            elif shape == "box":
                sub(parent, "rect", {"x": cx - 14, "y": cy - 7, "width": 28, "height": 14,
                                     "rx": 3, "fill": fill, "stroke": stroke,
                                     "stroke-width": 2})
            else:
                sub(parent, "circle", {"cx": cx, "cy": cy, "r": 7, "fill": fill,
                                       "stroke": stroke, "stroke-width": width})
        return draw

    def edge(kind: str):
        colour, dashes, width = EDGE_STYLES[kind]

        def draw(parent: ET.Element, x: float, y: float, prefix: str) -> None:
            sub(parent, "path", {"d": f"M{x + 1},{y + 9} H{x + 35}", "stroke": colour,
                                 "stroke-width": width + 0.4, "fill": "none",
                                 "stroke-dasharray": "6 4" if dashes else None})
        return draw

    items = [LegendItem(node("square"), "person (square male, circle female)"),
             LegendItem(node("circle", width=4), "subject child (thick outline)"),
             LegendItem(node("circle", stroke=BRIDGE, width=4),
                        "interconnection: joins households or families"),
             LegendItem(node("hexagon"), "household or placement"),
             LegendItem(node("box", stroke="#8250df"), "agency or team (colour by kind)"),
             LegendItem(edge("parent"), "parent (arrow to child), partner, sibling"),
             LegendItem(edge("harmed"), "harm"),
             LegendItem(edge("contact"), "contact"),
             LegendItem(edge("member_of"), "lives or lived in the household"),
             LegendItem(edge("involved_with"), "agency involved with the person"),
             LegendItem(edge("missed"), "information sharing missed"),
             LegendItem(edge("partial"), "information shared in part")]
    return [(trusted_svg(legend_swatch_svg(item, f"nk{i}")), item.text)
            for i, item in enumerate(items)]
