"""The genogram of a case map as SVG: symbols, couple and child lines, households, ties.

Drawn with McGoldrick & Gerson's conventions (see `relines`): male square,
female circle, sex unknown diamond, the subject child with a double outline, a
deceased person crossed with the year of death, the age inside the symbol.
Children hang from their parents' couple line, so half-siblings by different
partners hang from different lines. Households are dashed boundaries around the
people who lived together, with their dates; each subject child's placements
are listed in time order under the drawing.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

from ...model import CaseMap, Household, Person
from .details import Details, household_details, person_details, relationship_details
from .kinship import Kinship, Overlay, kinship_of
from .layout import GenogramLayout, Geometry, layout_genogram
from .relines import OVERLAY_TEXT, couple_legend, couple_path, overlay_legend, overlay_path
from .svg import (
    LINE_COLOURS,
    LegendItem,
    add_title,
    arrow_markers,
    bend,
    legend_group,
    polyline_d,
    quad_points,
    rounded_polygon_d,
    sub,
    svg_root,
    text_lines,
    trim,
)
from .symbols import (
    child_legend,
    detail_line,
    draw_symbol,
    household_legend,
    is_deceased,
    symbol_legend,
)
from .text import clean, humanise, short_age, shorten, span, wrap

PREFIX = "gg"
HOUSEHOLD_COLOURS = ("#00796b", "#5d4037", "#3949ab", "#ad1457", "#827717", "#0277bd",
                     "#6d4c41", "#7b1fa2")
PLACEMENT_KINDS = {"foster_placement", "kinship_placement", "residential_home",
                   "residential_school", "secure", "supported_accommodation", "hospital"}
TITLE_HEIGHT = 74.0
LEGEND_WIDTH = 340.0


@dataclass
class Drawing:
    """A drawn view: the SVG root, the details behind each `data-ref`, the legend used."""

    svg: ET.Element
    details: Details
    legend: list[LegendItem] = field(default_factory=list)
    title: str = ""
    subtitle: str = ""
    dates: list[str] = field(default_factory=list)   # dates a time control can step through
    at: str | None = None                              # the date drawn, if one was chosen


class _Genogram:
    """One genogram being drawn."""

    def __init__(self, casemap: CaseMap, cultural: bool, titles: bool = True) -> None:
        self.cm = casemap
        self.titles = titles
        self.cultural = cultural
        self.kin: Kinship = kinship_of(casemap)
        label = 64.0 + (26.0 if cultural and any(p.culture for p in casemap.people) else 0.0)
        self.layout: GenogramLayout = layout_genogram(self.kin, Geometry(label=label))
        self.details = Details()
        self.used: dict[str, LegendItem] = {}
        self.rel_index = {id(r): i for i, r in enumerate(casemap.relationships)}
        self.min_y = 0.0
        self.placements_width = 0.0
        g = self.layout.geometry
        #: Boxes taken by symbols, names and tie labels: where a new tie label must not go.
        self.boxes: list[tuple[float, float, float, float]] = [
            (x - g.slot / 2 + 12, self.layout.row_top[self.layout.generation[pid]] - 2,
             x + g.slot / 2 - 12, self.layout.row_top[self.layout.generation[pid]]
             + g.symbol + 46) for pid, x in self.layout.x.items()]
        self.colour = {h.id: HOUSEHOLD_COLOURS[i % len(HOUSEHOLD_COLOURS)]
                       for i, h in enumerate(casemap.households)}

    def rel_key(self, rel) -> str:
        return f"rel:{self.rel_index[id(rel)]}"

    def title(self, element: ET.Element, ref: str) -> None:
        """A native tooltip, in a standalone SVG only (the HTML page has its own)."""
        if self.titles:
            add_title(element, self.details.title(ref))

    def extent(self, y: float) -> None:
        """Note how high the drawing reaches (ties arc above the top row)."""
        self.min_y = min(self.min_y, y)

    def label_at(self, points: list[tuple[float, float]], text: str) -> tuple[float, float]:
        """Where along a tie its label fits without covering another label or a name."""
        width, n = 6.4 * len(text) + 8, len(points) - 1
        candidates = [(t, dy) for dy in (0, 14, -14) for t in
                      (0.5, 0.42, 0.58, 0.34, 0.66, 0.26, 0.74, 0.18, 0.82)] + [(0.5, 0)]
        for t, dy in candidates:
            x, y = points[round(t * n)]
            y += dy
            box = (x - width / 2, y - 19, x + width / 2, y - 3)
            if not any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3]
                       for b in self.boxes):
                break
        self.boxes.append(box)
        return x, y - 7

    def use(self, key: str, item: LegendItem) -> None:
        self.used.setdefault(key, item)

    # -- layers ----------------------------------------------------------------

    def households(self, parent: ET.Element) -> None:
        """A dashed boundary around each household's members, with its number."""
        nesting: dict[str, int] = {}
        for number, household in enumerate(self.cm.households, start=1):
            members = [m for m in household.members if m in self.layout.x]
            if not members:
                continue
            depth = max((nesting.get(m, 0) for m in members), default=0)
            for m in members:
                nesting[m] = depth + 1
            colour = self.colour[household.id]
            ref = self.details.add(f"household:{household.id}",
                                   household_details(household, self.cm))
            group = sub(parent, "g", {"class": "household", "data-ref": ref,
                                      "data-household": household.id})
            self.title(group, ref)
            shapes = self._household_shapes(members, 3 + depth * 7)
            for i, rects in enumerate(shapes):
                sub(group, "path", {"d": rounded_polygon_d(_outline(rects), 12),
                                    "fill": colour, "fill-opacity": 0.05, "stroke": colour,
                                    "stroke-width": 1.7, "stroke-dasharray": "7 4"})
                self.extent(rects[0][1])
                if i:  # parts of one household in rows apart: joined by a dashed line
                    (ax0, _, ax1, ay1), (bx0, by0, bx1, _) = shapes[i - 1][-1], rects[0]
                    sub(group, "path", {"d": f"M{(ax0 + ax1) / 2:.1f},{ay1:.1f} "
                                              f"L{(bx0 + bx1) / 2:.1f},{by0:.1f}",
                                        "stroke": colour, "stroke-width": 2.2,
                                        "stroke-dasharray": "7 4", "fill": "none"})
            x0, y0 = shapes[0][0][0], shapes[0][0][1]
            badge(group, x0 + 16 + depth * 4, y0, number, colour)
            self.use("household", household_legend(colour))

    def _household_shapes(self, members: list[str], pad: float
                          ) -> list[list[tuple[float, float, float, float]]]:
        """Rectangles around runs of members side by side, stacked into shapes by row."""
        L, g = self.layout, self.layout.geometry
        rects = []
        for r, row in enumerate(L.rows):
            here = [i for i, pid in enumerate(row) if pid in members]
            runs: list[list[int]] = []
            for i in here:
                if runs and runs[-1][-1] == i - 1:
                    runs[-1].append(i)
                else:
                    runs.append([i])
            top = L.row_top[r]
            for run in runs:
                rects.append((r, L.x[row[run[0]]] - g.slot / 2 + 9 - pad, top - 9 - pad,
                              L.x[row[run[-1]]] + g.slot / 2 - 9 + pad,
                              top + g.symbol + g.label - 6 + pad))
        shapes: list[list[tuple[float, float, float, float]]] = []
        rows_of: list[int] = []
        for r, x0, y0, x1, y1 in rects:
            if shapes and rows_of[-1] == r - 1 and x0 < shapes[-1][-1][2] \
                    and shapes[-1][-1][0] < x1:
                last = shapes[-1][-1]
                shapes[-1][-1] = (last[0], last[1], last[2], y0)  # reach down to the next row
                shapes[-1].append((x0, y0, x1, y1))
            else:
                shapes.append([(x0, y0, x1, y1)])
            rows_of.append(r)
        return shapes

    def couples(self, parent: ET.Element) -> None:
        L, g = self.layout, self.layout.geometry
        for couple in self.kin.couples:
            ref = None
            if couple.relationship is not None:
                ref = self.details.add(self.rel_key(couple.relationship),
                                       relationship_details(couple.relationship, self.cm))
            group = sub(parent, "g", {"class": "couple", "data-ref": ref,
                                      "data-ends": f"{couple.a} {couple.b}",
                                      "data-status": "inferred" if not couple.recorded
                                      else couple.status or "recorded"})
            if ref:
                self.title(group, ref)
            if couple.key in L.couple_y:
                y = L.couple_y[couple.key]
                a, b = sorted((couple.a, couple.b), key=L.x.get)
                ya = L.row_top[L.generation[a]] + g.symbol
                points = [(L.x[a], ya), (L.x[a], y), (L.x[b], y), (L.x[b], ya)]
            else:
                points = list(trim(L.centre(couple.a), L.centre(couple.b), 22, 22))
            couple_path(group, points, couple.status, not couple.recorded, {},
                        self._free_x(couple) if couple.key in L.couple_y else None)
            status = "inferred" if not couple.recorded else couple.status
            self.use(f"couple:{status}", couple_legend(couple.status, not couple.recorded))

    def children(self, parent: ET.Element) -> None:
        L, g = self.layout, self.layout.geometry
        for family in self.kin.families:
            rows = [L.generation[c] for c in family.children]
            child_top = L.row_top[min(rows)]
            bar_y = L.bar_y.get(family.key, child_top - 16)
            drop = L.drop[family.key]
            group = sub(parent, "g", {"class": "children",
                                      "data-parents": " ".join(family.parents),
                                      "data-children": " ".join(family.children)})
            line = {"stroke": LINE_COLOURS["ink"], "stroke-width": 1.6, "fill": "none"}
            parts = []
            if len(family.parents) == 2 and frozenset(family.parents) in L.couple_y:
                parts.append(f"M{drop:.1f},{L.couple_y[frozenset(family.parents)]:.1f} "
                             f"V{bar_y:.1f}")
            elif family.parents:
                top = L.row_top[L.generation[family.parents[0]]] + g.symbol + g.label - 8
                parts.append(f"M{drop:.1f},{top:.1f} V{bar_y:.1f}")
            else:
                parts.append(f"M{drop:.1f},{bar_y - 8:.1f} V{bar_y:.1f}")
            twin_of = {c: tuple(t) for t in family.twins for c in t}
            apexes = {t: sum(L.x[c] for c in t) / len(t) for t in map(tuple, family.twins)}
            xs = [drop] + [apexes.get(twin_of.get(c), L.x[c]) for c in family.children]
            parts.append(f"M{min(xs):.1f},{bar_y:.1f} H{max(xs):.1f}")
            sub(group, "path", {"d": " ".join(parts), **line})
            for child in family.children:
                top = L.row_top[L.generation[child]]
                start = apexes.get(twin_of.get(child), L.x[child])
                sub(group, "path", {"d": f"M{start:.1f},{bar_y:.1f} L{L.x[child]:.1f},{top:.1f}",
                                    **line, "stroke-dasharray":
                                        "5 4" if child in family.adopted else None})
                if child in family.adopted:
                    self.use("adopted", child_legend(True))
            self.use("child", child_legend(False))
            if family.twins:
                self.use("twins", LegendItem(_twins_swatch, "twins: lines from one point"))

    def overlays(self, parent: ET.Element, labels: ET.Element) -> None:
        seen: dict[frozenset[str], int] = {}
        kinds_by_pair: dict[frozenset[str], set[str]] = {}
        for o in self.kin.overlays:
            kinds_by_pair.setdefault(frozenset((o.source, o.target)), set()).add(o.kind)
        for o in self.kin.overlays:
            pair = frozenset((o.source, o.target))
            if o.kind == "grandparent" and "care" in kinds_by_pair[pair]:
                continue  # the care line already joins them
            n = seen.get(pair, 0)
            seen[pair] = n + 1
            points = self._route(o, n)
            ref = self.details.add(self.rel_key(o.relationship),
                                   relationship_details(o.relationship, self.cm))
            group = sub(parent, "g", {"class": f"tie tie-{o.kind}", "data-ref": ref,
                                      "data-ends": f"{o.source} {o.target}"})
            self.title(group, ref)
            overlay_path(group, o.kind, points, PREFIX, o.directed, {})
            # A wide transparent stroke makes a thin line easy to point at.
            sub(group, "path", {"d": polyline_d(points), "stroke": "#000000",
                                "stroke-opacity": 0, "stroke-width": 12, "fill": "none",
                                "class": "hit"})
            self.extent(min(p[1] for p in points) - 6)
            if o.kind in ("harm", "contact", "care", "sibling", "grandparent"):
                text = shorten(o.label, 30)
                mx, my = self.label_at(points, text)
                colour = OVERLAY_TEXT.get(o.kind, ("#555555", ""))[0]
                sub(labels, "text", {"x": mx, "y": my, "text-anchor": "middle",
                                     "font-size": 10.5, "fill": colour, "font-weight": 600,
                                     "class": "halo", "data-ref": ref,
                                     "data-ends": f"{o.source} {o.target}"}, text)
            self.use(f"tie:{o.kind}", overlay_legend(o.kind))

    def _route(self, o: Overlay, n: int) -> list[tuple[float, float]]:
        L = self.layout
        (ax, ay), (bx, by) = L.centre(o.source), L.centre(o.target)
        if L.generation[o.source] == L.generation[o.target]:
            lift = 34 + 0.12 * abs(bx - ax) + 16 * n
            p, q = (ax, ay - 22), (bx, by - 22)
            c = ((ax + bx) / 2, min(ay, by) - 22 - lift)
        else:
            p, q = trim((ax, ay), (bx, by), 24, 27)
            sign = 1 if n % 2 == 0 else -1
            c = bend(p, q, sign * (26 + 14 * (n // 2)))
        return quad_points(p, c, q, 28)

    def _free_x(self, couple) -> float:
        """The middle of the widest stretch of a couple line no other line crosses."""
        L = self.layout
        lo, hi = sorted((L.x[couple.a], L.x[couple.b]))
        row = L.generation[couple.a]
        stops = [L.x[p] for p in L.rows[row] if lo < L.x[p] < hi]
        stops += [d for f in self.kin.families for d in [L.drop[f.key]]
                  if f.parents and L.generation[f.parents[0]] == row and lo < d < hi]
        stops = [lo] + sorted(stops) + [hi]
        gaps = max((b - a, (a + b) / 2) for a, b in zip(stops, stops[1:]))
        return gaps[1]

    def people(self, parent: ET.Element) -> None:
        L, g = self.layout, self.layout.geometry
        for person in self.cm.people:
            cx, cy = L.centre(person.id)
            ref = self.details.add(f"person:{person.id}", person_details(person, self.cm))
            group = sub(parent, "g", {"class": "person" + (" subject" if person.subject else ""),
                                      "data-ref": ref, "data-person": person.id, "tabindex": 0})
            self.title(group, ref)
            draw_symbol(group, person, cx, cy, g.symbol)
            age_inside = short_age(person.age) is not None and not is_deceased(person)
            lines = wrap(person.label or person.id, 19, 2)
            y = text_lines(group, cx, cy + g.symbol / 2 + 15, lines, size=11.5,
                           **{"font-weight": 600 if person.subject else 500, "class": "halo"})
            detail = detail_line(person, age_inside)
            if detail:
                y += 14
                sub(group, "text", {"x": cx, "y": y, "text-anchor": "middle", "font-size": 10.5,
                                    "fill": "#444444", "class": "halo"}, detail)
            if self.cultural and person.culture:
                text_lines(group, cx, y + 14, wrap(person.culture, 22, 2), size=10,
                           **{"fill": "#6d4c41", "font-style": "italic", "class": "halo"})
            self._symbol_legend(person)

    def _symbol_legend(self, person: Person) -> None:
        names = {"male": "male", "female": "female"}
        sex = person.sex if person.sex in names else None
        self.use(f"sex:{sex}", symbol_legend(sex, text=names.get(sex or "", "sex not recorded")))
        if person.subject:
            self.use("subject", symbol_legend("female", subject=True,
                                              text="subject child (double outline)"))
        if is_deceased(person):
            self.use("deceased", symbol_legend("male", deceased=True,
                                               text="deceased (crossed; year of death)"))


def household_caption(household: Household) -> str:
    """'Foster placement: Mrs F's foster home (2019-11 – 2021-03)'."""
    text = humanise(household.kind).capitalize()
    if household.label:
        text += f": {clean(household.label)}"
    when = span(household.since, household.until) or clean(household.when or "")
    return f"{text} ({when})" if when else text


def _outline(rects: list[tuple[float, float, float, float]]) -> list[tuple[float, float]]:
    """The outline of rectangles stacked top to bottom, each touching the next."""
    right = [p for x0, y0, x1, y1 in rects for p in ((x1, y0), (x1, y1))]
    left = [p for x0, y0, x1, y1 in reversed(rects) for p in ((x0, y1), (x0, y0))]
    points: list[tuple[float, float]] = []
    for p in right + left:
        if not points or p != points[-1]:
            points.append(p)
    # Drop points in the middle of a straight run.
    out = []
    for i, p in enumerate(points):
        a, b = points[i - 1], points[(i + 1) % len(points)]
        if (a[0] == p[0] == b[0]) or (a[1] == p[1] == b[1]):
            continue
        out.append(p)
    return out


def badge(parent: ET.Element, x: float, y: float, number: int, colour: str) -> None:
    """A household's number in a filled circle."""
    sub(parent, "circle", {"cx": x, "cy": y, "r": 9, "fill": colour, "stroke": "#ffffff",
                           "stroke-width": 1.5})
    sub(parent, "text", {"x": x, "y": y + 3.8, "text-anchor": "middle", "font-size": 10.5,
                         "font-weight": 700, "fill": "#ffffff"}, str(number))


def _twins_swatch(parent: ET.Element, x: float, y: float, prefix: str) -> None:
    sub(parent, "path", {"d": f"M{x + 4},{y + 2} H{x + 32} M{x + 18},{y + 2} L{x + 8},{y + 18} "
                              f"M{x + 18},{y + 2} L{x + 28},{y + 18}",
                         "stroke": LINE_COLOURS["ink"], "stroke-width": 1.6, "fill": "none"})


LEGEND_ORDER = ("sex:male", "sex:female", "sex:None", "subject", "deceased", "couple:married",
                "couple:cohabiting", "couple:dating", "couple:separated", "couple:divorced",
                "couple:None", "couple:inferred", "child", "adopted", "twins", "household")


def _legend_key(key: str) -> tuple[int, str]:
    return (LEGEND_ORDER.index(key) if key in LEGEND_ORDER else len(LEGEND_ORDER), key)


def _placements(gg: _Genogram, parent: ET.Element, y: float) -> float:
    """The households as numbered boxes: each subject child's in time order, then the rest.

    Returns the height used.
    """
    cm, margin = gg.cm, gg.layout.geometry.margin
    if not cm.households:
        return 0.0
    order = {h.id: i for i, h in enumerate(cm.households)}
    number = {h.id: i + 1 for i, h in enumerate(cm.households)}
    width = max(gg.layout.width, 4 * 226.0 + margin)
    start = y
    sections = []
    listed: set[str] = set()
    for child in cm.subjects:
        homes = sorted((h for h in cm.households if child.id in h.members),
                       key=lambda h: (h.since or h.until or "9999", order[h.id]))
        if homes:
            sections.append((f"Where {shorten(clean(child.label or child.id), 40)} lived, "
                             "in time order", homes, True))
            listed.update(h.id for h in homes)
    rest = [h for h in cm.households if h.id not in listed]
    if rest:
        sections.append(("Other households" if listed else "Households", rest, False))
    box_w, box_h, step = 196.0, 70.0, 226.0
    gg.placements_width = margin + min(max(len(h) for _, h, _ in sections), 4) * step
    for heading, homes, arrows in sections:
        sub(parent, "text", {"x": margin, "y": y + 14, "font-size": 13, "font-weight": 700},
            heading)
        y += 26
        x = margin
        for i, home in enumerate(homes):
            if i and x + box_w > width:
                x, y = margin, y + box_h + 16
            colour = gg.colour[home.id]
            ref = gg.details.add(f"household:{home.id}", household_details(home, cm))
            box = sub(parent, "g", {"class": "placement", "data-ref": ref})
            gg.title(box, ref)
            sub(box, "rect", {"x": x, "y": y, "width": box_w, "height": box_h, "rx": 8,
                              "fill": colour, "fill-opacity": 0.07, "stroke": colour,
                              "stroke-width": 1.6, "stroke-dasharray": "7 4"})
            badge(box, x + 14, y + 14, number[home.id], colour)
            sub(box, "text", {"x": x + 28, "y": y + 18, "font-size": 11.5, "font-weight": 700,
                              "fill": colour}, humanise(home.kind).capitalize())
            text_lines(box, x + 10, y + 35, wrap(home.label or "", 31, 2), size=10.5,
                       **{"text-anchor": "start"})
            when = span(home.since, home.until) or clean(home.when or "") or "dates not recorded"
            sub(box, "text", {"x": x + 10, "y": y + box_h - 8, "font-size": 10,
                              "fill": "#555555"}, shorten(when, 34))
            if arrows and i + 1 < len(homes) and x + step + box_w <= width:
                sub(parent, "path", {"d": f"M{x + box_w + 3:.1f},{y + box_h / 2:.1f} h22",
                                     "stroke": "#555555", "stroke-width": 1.6,
                                     "marker-end": f"url(#{PREFIX}-arrow-grey)"})
            x += step
        y += box_h + 22
    return y - start


HALO_CSS = (".halo{paint-order:stroke;stroke:#ffffff;stroke-width:3.5px;stroke-linejoin:round}"
            "text{fill-opacity:1}")


def genogram_drawing(casemap: CaseMap, *, cultural: bool = False,
                     standalone: bool = True) -> Drawing:
    """The genogram of a case map; standalone adds the title and legend inside the SVG."""
    gg = _Genogram(casemap, cultural, titles=standalone)
    L = gg.layout
    title = clean(casemap.review.title or casemap.review.id)
    subtitle = " · ".join(x for x in ("Genogram" + (" (cultural)" if cultural else ""),
                                      clean(casemap.review.partnership or ""),
                                      span(casemap.review.period_from,
                                           casemap.review.period_to)) if x)
    root = svg_root(1, 1, f"Genogram: {title}")
    sub(root, "style", None, HALO_CSS)
    defs = sub(root, "defs")
    arrow_markers(defs, PREFIX, LINE_COLOURS)
    sub(root, "rect", {"x": 0, "y": 0, "width": "100%", "height": "100%", "fill": "#ffffff"})
    main = sub(root, "g", {"class": "genogram"})
    layers = {name: sub(main, "g", {"class": f"layer-{name}"})
              for name in ("households", "couples", "children", "ties", "people", "labels",
                           "placements")}
    gg.households(layers["households"])
    gg.couples(layers["couples"])
    gg.children(layers["children"])
    gg.overlays(layers["ties"], layers["labels"])
    gg.people(layers["people"])
    if not casemap.people:
        sub(layers["people"], "text", {"x": L.geometry.margin, "y": 60, "font-size": 14},
            "This review records no people.")
    body = max(L.height, 120.0 if not casemap.people else 0.0)
    body += _placements(gg, layers["placements"], body)
    # Ties arc above the top row: move everything down so they stay in view.
    top = (TITLE_HEIGHT if standalone else 0.0) + max(0.0, 12.0 - gg.min_y)
    main.set("transform", f"translate(0,{top:.1f})")
    legend = [gg.used[k] for k in sorted(gg.used, key=_legend_key)]
    width = max(L.width, gg.placements_width, 560.0)
    height = top + body
    if standalone:
        sub(root, "text", {"x": L.geometry.margin, "y": 32, "font-size": 19,
                           "font-weight": 700}, shorten(title, 110))
        sub(root, "text", {"x": L.geometry.margin, "y": 54, "font-size": 12.5,
                           "fill": "#555555"}, shorten(subtitle, 140))
        legend_h = legend_group(root, legend, width + 10, TITLE_HEIGHT + 10, PREFIX)
        width += LEGEND_WIDTH
        height = max(height, TITLE_HEIGHT + legend_h + 30)
    root.set("viewBox", f"0 0 {width:.0f} {height:.0f}")
    root.set("width", f"{width:.0f}")
    root.set("height", f"{height:.0f}")
    return Drawing(root, gg.details, legend, title, subtitle)
