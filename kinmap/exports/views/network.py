"""The network view: people, households and agencies of one review or a whole store.

Positions are computed here, review by review (households with their members
round them, people living elsewhere on a ring, agencies on an outer ring by
kind), and drawn by the vendored vis-network with physics off, so even a large
store draws at once and the same data always draws the same way. People who
join families — someone in two households, a parent with children in several
households or by several partners — are marked as interconnections.
"""
from __future__ import annotations

import math
from collections import defaultdict
from typing import Any, Iterable

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

BRIDGE = "#e8590c"
SEX_SHAPES = {"male": "square", "female": "dot"}
EDGE_STYLES = {
    "parent": ("#24292f", False, 1.6), "partner": ("#24292f", False, 2.2),
    "harmed": ("#c62828", False, 2.4), "contact": ("#1565c0", True, 1.6),
    "member_of": ("#00796b", True, 1.2), "involved_with": ("#8c959f", False, 1.2),
    "part_of": ("#8c959f", True, 1.0), "missed": ("#d50000", True, 2.4),
    "partial": ("#ef6c00", True, 1.8), "shared": ("#2e7d32", False, 1.2),
}
KIND_TEXT = (("person", "People"), ("household", "Households"), ("agency", "Agencies"))


def interconnections(casemap: CaseMap) -> dict[str, str]:
    """People who join families, by id, with the reason in words."""
    homes: dict[str, list[str]] = defaultdict(list)
    for h in casemap.households:
        for m in h.members:
            homes[m].append(clean(h.label or humanise(h.kind)))
    parents: dict[str, list[str]] = defaultdict(list)
    children: dict[str, list[str]] = defaultdict(list)
    for rel in casemap.relationships:
        if rel.type == "parent":
            parents[rel.to].append(rel.from_)
            children[rel.from_].append(rel.to)
    out: dict[str, str] = {}
    for person in casemap.people:
        reasons = []
        if len(homes[person.id]) >= 2:
            reasons.append(f"lives or lived in {len(homes[person.id])} households")
        kids = children.get(person.id, [])
        child_homes = {h for k in kids for h in homes.get(k, [])}
        others = {p for k in kids for p in parents[k] if p != person.id}
        if len(child_homes) >= 2:
            reasons.append(f"has children in {len(child_homes)} households")
        if len(others) >= 2:
            reasons.append(f"has children with {len(others)} partners")
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
        spread = {hid: max(55.0, len(ms) * 46 / (2 * math.pi)) for hid, ms in members.items()}
        biggest = max(spread.values(), default=0.0)
        homes = casemap.households
        home_r = 0.0 if len(homes) <= 1 else \
            max(150.0, len(homes) * 2 * (biggest + 45) / (2 * math.pi))
        for i, h in enumerate(homes):
            angle = -math.pi / 2 + 2 * math.pi * i / max(len(homes), 1)
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


def _pack(cells: list[_Cell]) -> list[tuple[float, float]]:
    """Centres for the cells, packed row by row into a roughly square area."""
    area = sum((2 * c.radius) ** 2 for c in cells)
    row_width = max(math.sqrt(area) * 1.2, max((2 * c.radius for c in cells), default=0))
    centres, x, y, row_h = [], 0.0, 0.0, 0.0
    for cell in cells:
        size = 2 * cell.radius
        if x and x + size > row_width:
            x, y, row_h = 0.0, y + row_h, 0.0
        centres.append((x + cell.radius, y + cell.radius))
        x += size
        row_h = max(row_h, size)
    return centres


def network_data(casemaps: Iterable[CaseMap]) -> dict[str, Any]:
    """Nodes, edges, details and interconnections of the given reviews, laid out."""
    maps = list(casemaps)
    cells = [_Cell(cm) for cm in maps]
    details = Details()
    nodes: list[dict[str, Any]] = []
    edges: list[dict[str, Any]] = []
    bridges: list[tuple[str, str]] = []
    many = len(maps) > 1
    for cm, cell, (cx, cy) in zip(maps, cells, _pack(cells)):
        rid = cm.review.id

        def key(element_id: str) -> str:
            return f"{rid}/{element_id}"

        def at(element_id: str) -> dict[str, float]:
            x, y = cell.pos.get(element_id, (0.0, 0.0))
            return {"x": round(cx + x, 1), "y": round(cy + y, 1)}

        joined = interconnections(cm)
        for person in cm.people:
            ref = details.add(key(person.id), person_details(person, cm))
            if person.id in joined:
                details.items[ref]["facts"].append(["interconnection", joined[person.id]])
                bridges.append((key(person.id), f"{clean(person.label or person.id)}: "
                                                f"{joined[person.id]}"
                                + (f" ({clean(cm.review.title or rid)})" if many else "")))
            nodes.append({"id": key(person.id), "ref": ref, "kind": "person",
                          "label": shorten(clean(person.label or person.id), 32),
                          "search": clean(person.label or person.id).lower(),
                          "shape": SEX_SHAPES.get(person.sex or "", "diamond"),
                          "size": 16 if person.subject else 11, "bridge": person.id in joined,
                          "subject": bool(person.subject), **at(person.id)})
        for home in cm.households:
            ref = details.add(key(home.id), household_details(home, cm))
            nodes.append({"id": key(home.id), "ref": ref, "kind": "household",
                          "label": shorten(clean(home.label or humanise(home.kind)), 28),
                          "search": clean(home.label or home.kind).lower(), "shape": "hexagon",
                          "size": 14, **at(home.id)})
            for m in home.members:
                edges.append(_edge(key(m), key(home.id), "member_of", ref))
        for agency in cm.agencies:
            ref = details.add(key(agency.id), agency_details(agency, cm, []))
            nodes.append({"id": key(agency.id), "ref": ref, "kind": "agency",
                          "label": shorten(clean(agency.label or agency.id), 28),
                          "search": clean(agency.label or agency.id).lower(), "shape": "box",
                          "colour": AGENCY_COLOURS.get(agency.kind, "#57606a"), **at(agency.id)})
            if agency.part_of:
                edges.append(_edge(key(agency.id), key(agency.part_of), "part_of", ref))
        for i, rel in enumerate(cm.relationships):
            ref = details.add(key(f"~rel{i}"), relationship_details(rel, cm))
            edges.append(_edge(key(rel.from_), key(rel.to), rel.type, ref,
                               arrow=rel.type in ("parent", "harmed", "contact", "carer",
                                                  "foster_parent", "special_guardian",
                                                  "step_parent", "grandparent")))
        for i, inv in enumerate(cm.involvements):
            ref = details.add(key(f"~inv{i}"), involvement_details(inv, cm))
            edges.append(_edge(key(inv.agency), key(inv.person), "involved_with", ref))
        for i, link in enumerate(cm.information_sharing):
            if link.from_ and link.to:
                ref = details.add(key(f"~share{i}"), sharing_details(link, cm))
                edges.append(_edge(key(link.from_), key(link.to), link.status, ref, arrow=True))
    return {"view": "network", "nodes": nodes, "edges": edges, "details": details.items,
            "bridges": bridges, "bridgeColour": BRIDGE}


def _edge(source: str, target: str, kind: str, ref: str, arrow: bool = False) -> dict[str, Any]:
    colour, dashes, width = EDGE_STYLES.get(kind, ("#8c959f", False, 1.2))
    return {"from": source, "to": target, "kind": kind, "ref": ref, "colour": colour,
            "dashes": dashes, "width": width, "arrow": arrow}


def network_page(casemaps: Iterable[CaseMap], *, pseudonymised: bool = False) -> str:
    """The network as one offline HTML page with filters, search and details."""
    maps = list(casemaps)
    data = network_data(maps)
    counts = defaultdict(int)
    for node in data["nodes"]:
        counts[node["kind"]] += 1
    if len(maps) == 1:
        title = clean(maps[0].review.title or maps[0].review.id)
    else:
        title = f"{len(maps)} reviews"
    subtitle = (f"Network of people, households and agencies · {counts['person']} people, "
                f"{counts['household']} households, {counts['agency']} agencies")
    return render("network.html", view="network", view_name="Network", title=title,
                  subtitle=subtitle, data=data,
                  scripts=["panel.js", "vis-network.min.js", "network.js"],
                  pseudonymised=pseudonymised, legend=_legend(),
                  kinds=[(k, text, counts[k]) for k, text in KIND_TEXT],
                  bridges=data["bridges"])


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
