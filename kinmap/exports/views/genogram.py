"""The genogram of a case map as SVG: symbols, couple and child lines, households, ties.

Drawn with McGoldrick & Gerson's conventions (see `relines`): male square,
female circle, sex unknown diamond, the subject child with a double outline, a
deceased person crossed with the year of death, the age inside the symbol.
One couple line per couple, a person's partners in time order from left to
right; children hang from the couple line of their two parents, or from the one
parent known, so half-siblings by different partners hang from different
lines. Step, foster, special-guardian and other care ties are lines of their
own. People outside the family (perpetrators who are not kin, associates,
exploiters) stand in a band apart from the generations. The households at the
chosen date are dashed boundaries; every home and placement is in a strip
under the drawing, in time order (`homestrip`).

Everything dated carries the date control's attributes (`dates`): a person
`data-since` their birth, a death's cross `data-since` the death, ties their
`since`/`until`, households `data-shown`.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

from ...model import CaseMap, Household, Person
from .dates import positions
from .details import Details, person_details, relationship_details
from .homestrip import HOUSEHOLD_COLOURS, SCREEN, draw_boundaries, numbers, strip
from .kinship import Family, Kinship, Overlay, kinship_of
from .layout import GenogramLayout, Geometry, layout_genogram
from .relines import OVERLAY_TEXT, couple_legend, couple_path, overlay_legend, overlay_path
from .svg import (
    LINE_COLOURS,
    LegendItem,
    add_title,
    arrow_markers,
    bend,
    crosses,
    set_size,
    standalone_frame,
    polyline_d,
    quad_points,
    sub,
    svg_root,
    text_lines,
    trim,
)
from .symbols import (
    child_legend,
    detail_line,
    draw_symbol,
    is_deceased,
    symbol_legend,
)
from .text import clean, humanise, short_age, span, wrap

PREFIX = "gg"
TITLE_HEIGHT = 74.0
LEGEND_WIDTH = 380.0
#: Text sizes (SVG px). The page fits the drawing to the window, so the drawing
#: is kept compact enough that these stay at least 12 px on a 1400x900 screen.
NAME_SIZE, DETAIL_SIZE, TIE_SIZE = 14.0, 13.0, 13.0
#: Characters per line of a name and of a detail line under a symbol.
NAME_CHARS, DETAIL_CHARS = 16, 19
#: Average advance of a character, as a share of the font size (for label boxes).
CHAR_WIDTH = 0.6
Box = tuple[float, float, float, float]


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
    #: The text boxes drawn (x0, y0, x1, y1), in drawing units, for layout checks.
    boxes: list[Box] = field(default_factory=list)


@dataclass
class PersonText:
    """The lines under a person's symbol."""

    name: list[str]
    detail: list[str]
    culture: list[str]

    @property
    def height(self) -> float:
        return (len(self.name) * NAME_SIZE * 1.2 + len(self.detail) * DETAIL_SIZE * 1.2
                + len(self.culture) * DETAIL_SIZE * 1.2 + 10)


def person_text(person: Person, cultural: bool) -> PersonText:
    age_inside = short_age(person.age) is not None and not is_deceased(person)
    detail = detail_line(person, age_inside)
    return PersonText(wrap(person.label or person.id, NAME_CHARS, 5),
                      wrap(detail, DETAIL_CHARS, 4) if detail else [],
                      wrap(person.culture, DETAIL_CHARS, 8)
                      if cultural and person.culture else [])


def _dates_of(casemap: CaseMap) -> list[str]:
    """Every date the genogram draws something by: births, deaths, ties, households."""
    values: list[str | None] = []
    for p in casemap.people:
        values += [p.born, p.died]
    for r in casemap.relationships:
        values += [r.since, r.until]
    for h in casemap.households:
        values += [h.since, h.until]
    # The end of the period the review covers: where the slider starts, with
    # everyone in the latest home the review tells of.
    values += [casemap.review.period_from, casemap.review.period_to]
    return positions(values)


class _Genogram:
    """One genogram being drawn."""

    def __init__(self, casemap: CaseMap, cultural: bool, standalone: bool = True,
                 window: tuple[float, float] = SCREEN, prefix: str = PREFIX) -> None:
        self.cm = casemap
        self.standalone = standalone
        self.window = window    # the area the drawing is fitted to (the strip's shape follows)
        self.prefix = prefix    # of the arrowheads' ids
        self.titles = standalone
        self.cultural = cultural
        self.kin: Kinship = kinship_of(casemap)
        self.texts = {p.id: person_text(p, cultural) for p in casemap.people}
        label = max((t.height for t in self.texts.values()), default=40.0)
        self.layout: GenogramLayout = layout_genogram(
            self.kin, Geometry(label=label), {pid: t.height for pid, t in self.texts.items()})
        self.details = Details()
        self.used: dict[str, LegendItem] = {}
        self.rel_index = {id(r): i for i, r in enumerate(casemap.relationships)}
        self.min_y = 0.0
        self.dates = _dates_of(casemap)
        self.at = self.dates[-1] if self.dates else None
        self.at_index = len(self.dates) - 1 if self.dates else None
        L, g = self.layout, self.layout.geometry
        #: Symbols and text drawn so far: where a tie label must not go.
        self.obstacles: list[Box] = [
            (x - g.symbol / 2 - 2, L.row_top[L.generation[pid]] - 2,
             x + g.symbol / 2 + 2, L.row_top[L.generation[pid]] + g.symbol + 2)
            for pid, x in L.x.items()]
        #: Text boxes only (what must never overlap).
        self.text_boxes: list[Box] = []
        #: The boxes of the words under each person's symbol (and of the households'
        #: numbers, with no person): what a tie must not cross.
        self.name_boxes: list[tuple[str | None, Box]] = []
        #: Every line drawn, with whose it is (its data-ref): what a label must not cross.
        self.lines: list[tuple[str | None, list[tuple[float, float]]]] = []
        number = numbers(casemap.households)
        self.colour = {h.id: HOUSEHOLD_COLOURS[(number.get(h.id, i + 1) - 1)
                                               % len(HOUSEHOLD_COLOURS)]
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

    def box(self, x: float, y: float, width: float, height: float) -> None:
        """Note a text box (left, top, width, height) drawn."""
        b = (x, y, x + width, y + height)
        self.text_boxes.append(b)
        self.obstacles.append(b)

    def label_at(self, points: list[tuple[float, float]], text: str,
                 own: str | None = None) -> tuple[float, float]:
        """Where along a tie its label fits without covering another label, a symbol or
        a line other than its own (`own`: the tie's data-ref)."""
        width, n = CHAR_WIDTH * TIE_SIZE * len(text) + 6, len(points) - 1
        height = TIE_SIZE * 1.3
        best: tuple[float, float, float] | None = None
        spots = sorted((abs(t - 0.5), t) for t in (i / 24 for i in range(3, 22)))
        shifts = [(0, dy) for dy in (0, 16, -16, 32, -32, 48, -48)] + \
            [(dx, dy) for dx in (40, -40, 80, -80) for dy in (0, 16, -16, 32, -32)]
        for dx, dy in shifts:
            for _, t in spots:
                x, y = points[round(t * n)]
                x, y = x + dx, y + dy
                b = (x - width / 2, y - height / 2 - 4, x + width / 2, y + height / 2 - 4)
                cover = sum(max(0.0, min(b[2], o[2]) - max(b[0], o[0]))
                            * max(0.0, min(b[3], o[3]) - max(b[1], o[1]))
                            for o in self.obstacles)
                # Over (or run on from) another text or a symbol is worst of all: labels
                # never overlap, and a gap of a word's space keeps them apart in reading.
                near = (b[0] - 8, b[1] - 1, b[2] + 8, b[3] + 1)
                cover += 1e9 * sum(1 for o in self.obstacles
                                   if min(near[2], o[2]) > max(near[0], o[0])
                                   and min(near[3], o[3]) > max(near[1], o[1]))
                # A line through the label is worse than any overlap with a box.
                pad = (b[0] - 4, b[1] - 4, b[2] + 4, b[3] + 4)   # jagged lines swing 4 px
                cover += 1e6 * sum(1 for ref, line in self.lines
                                   if ref != own and crosses(line, pad))
                if best is None or cover < best[0]:
                    best = (cover, x, y)
                if cover == 0:
                    break
            if best and best[0] == 0:
                break
        _, x, y = best
        self.box(x - width / 2, y - height / 2 - 4, width, height)
        return x, y

    def use(self, key: str, item: LegendItem) -> None:
        self.used.setdefault(key, item)

    def household_shapes(self, members: list[str], pad: float) -> list[list[Box]]:
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
            if not runs:
                continue
            top = L.row_top[r]
            bottom = top + g.symbol + max(self.texts[p].height for p in row if p in members)
            for run in runs:
                rects.append((r, L.x[row[run[0]]] - g.slot / 2 + 8 - pad, top - 12 - pad,
                              L.x[row[run[-1]]] + g.slot / 2 - 8 + pad, bottom + pad))
        shapes: list[list[Box]] = []
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

    # -- layers ----------------------------------------------------------------

    def band(self, parent: ET.Element) -> None:
        """The band of people outside the family, apart from the generations, labelled."""
        L, g = self.layout, self.layout.geometry
        if L.band_row is None:
            return
        top = L.row_top[L.band_row]
        height = g.symbol + max(self.texts[p].height for p in L.rows[L.band_row]) + 16
        sub(parent, "rect", {"x": g.margin / 2, "y": top - 24, "width": L.width - g.margin,
                             "height": height + 20, "rx": 10, "fill": "#fafafa",
                             "stroke": "#bdbdbd", "stroke-width": 1.2, "class": "band"})
        self.band_top = (top, height)
        self.use("band", LegendItem(_band_swatch, "band: people outside the family "
                                                  "(not kin: perpetrators, associates, groups)"))

    def band_title(self, parent: ET.Element) -> None:
        """The band's title in its top edge, where no line comes into the band."""
        L, g = self.layout, self.layout.geometry
        if L.band_row is None:
            return
        top, height = self.band_top
        text = "Outside the family"
        w, h = len(text) * DETAIL_SIZE * CHAR_WIDTH, DETAIL_SIZE * 1.25
        left, right = g.margin / 2 + 10, L.width - g.margin / 2 - 10 - w
        spots = [(left + (right - left) * i / 8, y) for y in (top - 8, top + height - 10)
                 for i in (0, 8, 4, 2, 6, 1, 3, 5, 7)]

        def clear(x: float, y: float) -> bool:
            box = (x - 4, y - DETAIL_SIZE - 4, x + w + 4, y - DETAIL_SIZE + h + 4)
            return not any(crosses(line, box) for _, line in self.lines) and not any(
                box[0] < o[2] and o[0] < box[2] and box[1] < o[3] and o[1] < box[3]
                for o in self.obstacles)
        x, y = next(((x, y) for x, y in spots if clear(x, y)), spots[0])
        sub(parent, "text", {"x": x, "y": y, "font-size": DETAIL_SIZE,
                             "font-style": "italic", "fill": "#555555"}, text)
        self.box(x, y - DETAIL_SIZE, w, h)

    def couples(self, parent: ET.Element) -> None:
        L, g = self.layout, self.layout.geometry
        for couple in self.kin.couples:
            if couple.relationship is not None:
                ref = self.details.add(self.rel_key(couple.relationship),
                                       relationship_details(couple.relationship, self.cm))
            else:
                ref = self.details.add(f"couple:{couple.a}:{couple.b}",
                                       self._inferred_couple(couple.a, couple.b))
            rel = couple.relationship
            group = sub(parent, "g", {"class": "couple", "data-ref": ref, "tabindex": 0,
                                      "data-ends": f"{couple.a} {couple.b}",
                                      "data-status": "inferred" if not couple.recorded
                                      else couple.status or "recorded",
                                      "data-since": rel.since if rel else None})
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
            _hit(group, points)
            self.lines.append((ref, points))
            status = "inferred" if not couple.recorded else couple.status
            self.use(f"couple:{status}", couple_legend(couple.status, not couple.recorded))

    def _inferred_couple(self, a: str, b: str) -> dict:
        """What the review says of two people drawn as a couple because they share a child."""
        rels = [r for r in self.cm.relationships if r.type == "parent" and r.from_ in (a, b)]
        names = {p.id: clean(p.label or p.id) for p in self.cm.people}
        children = sorted({names.get(r.to, r.to) for r in rels
                           if set(self.kin.parents.get(r.to, [])[:2]) == {a, b}})
        quotes = [clean(r.quote) for r in rels if r.quote]
        return {"heading": f"{names.get(a, a)} and {names.get(b, b)}",
                "kind": "parents of a child (no partner tie recorded)",
                "facts": [["children", ", ".join(children)]] if children else [],
                "quote": " … ".join(dict.fromkeys(quotes)) or None, "notes": None}

    def _child_details(self, family: Family, child: str) -> dict:
        names = {p.id: clean(p.label or p.id) for p in self.cm.people}
        rels = [r for r in self.cm.relationships
                if r.type == "parent" and r.to == child and r.from_ in family.parents]
        parents = " and ".join(names.get(p, p) for p in family.parents) or "parents not recorded"
        inferred = [p for p in family.parents if (p, child) in self.kin.inferred_parents]
        facts = [["parents", parents]]
        if inferred:
            facts.append(["inferred", "from sibling or grandparent ties: "
                          + ", ".join(names.get(p, p) for p in inferred)])
        if child in family.adopted:
            facts.append(["adopted", "yes"])
        quotes = [clean(r.quote) for r in rels if r.quote]
        return {"heading": f"{parents} → {names.get(child, child)}", "kind": "child line",
                "facts": facts, "quote": " … ".join(quotes) or None,
                "notes": "; ".join(clean(r.notes) for r in rels if r.notes) or None}

    def children(self, parent: ET.Element) -> None:
        L, g = self.layout, self.layout.geometry
        multi = {p for p in L.x if sum(p in f.parents for f in self.kin.families) > 1}
        for family in self.kin.families:
            rows = [L.generation[c] for c in family.children]
            child_top = L.row_top[min(rows)]
            bar_y = L.bar_y.get(family.key, child_top - 16)
            drop = L.drop[family.key]
            group = sub(parent, "g", {"class": "children",
                                      "data-parents": " ".join(family.parents),
                                      "data-children": " ".join(family.children)})
            line = {"stroke": LINE_COLOURS["ink"], "stroke-width": 1.6, "fill": "none"}
            twin_of = {c: tuple(t) for t in family.twins for c in t}
            apexes = {t: sum(L.x[c] for c in t) / len(t) for t in map(tuple, family.twins)}
            xs = [apexes.get(twin_of.get(c), L.x[c]) for c in family.children]
            parts = []
            if len(family.parents) == 2 and frozenset(family.parents) in L.couple_y:
                parts.append(f"M{drop:.1f},{L.couple_y[frozenset(family.parents)]:.1f} "
                             f"V{bar_y:.1f}")
                xs.append(drop)
            elif family.parents:
                # One parent known: the line leaves that parent's symbol (never mid-air).
                top = L.row_top[L.generation[family.parents[0]]] + g.symbol
                parts.append(f"M{drop:.1f},{top:.1f} V{bar_y:.1f}")
                xs.append(drop)
                self.use("one-parent", LegendItem(_one_parent_swatch,
                                                  "child line from the one parent known"))
            # Siblings with no parent recorded: the sibling bar alone, no line up.
            if len(xs) > 1:
                parts.append(f"M{min(xs):.1f},{bar_y:.1f} H{max(xs):.1f}")
                self.lines.append((None, [(min(xs), bar_y), (max(xs), bar_y)]))
            if len(xs) > len(family.children):   # the line down from the parents
                top_y = L.couple_y.get(frozenset(family.parents)) \
                    if len(family.parents) == 2 else None
                if top_y is None:
                    top_y = L.row_top[L.generation[family.parents[0]]] + g.symbol
                self.lines.append((None, [(drop, top_y), (drop, bar_y)]))
            sub(group, "path", {"d": " ".join(parts), **line})
            born = [self.kin.people[c].born for c in family.children]
            for child in family.children:
                top = L.row_top[L.generation[child]]
                start = apexes.get(twin_of.get(child), L.x[child])
                ref = self.details.add(f"child:{'+'.join(family.parents)}:{child}",
                                       self._child_details(family, child))
                one = sub(group, "g", {"class": "child-line", "data-ref": ref, "tabindex": 0,
                                       "data-ends": " ".join([*family.parents, child]),
                                       "data-since": self.kin.people[child].born})
                path = [(start, bar_y), (L.x[child], top)]
                sub(one, "path", {"d": polyline_d(path), **line, "stroke-dasharray":
                                  "5 4" if child in family.adopted else None})
                _hit(one, path)
                self.lines.append((ref, path))
                if child in family.adopted:
                    self.use("adopted", child_legend(True))
            del born
            self.use("child", child_legend(False))
            if family.twins:
                self.use("twins", LegendItem(_twins_swatch, "twins: lines from one point"))
            if set(family.parents) & multi:
                self.use("half", LegendItem(_half_swatch, "half-siblings: children of one "
                                                          "parent hang from different couples"))

    def overlays(self, parent: ET.Element, labels: ET.Element) -> None:
        seen: dict[frozenset[str], int] = {}
        kinds_by_pair: dict[frozenset[str], set[str]] = {}
        for o in self.kin.overlays:
            kinds_by_pair.setdefault(frozenset((o.source, o.target)), set()).add(o.kind)
        care = {"care", "foster", "guardian", "step"}
        named: list[tuple[Overlay, list[tuple[float, float]], str]] = []
        for o in self.kin.overlays:
            pair = frozenset((o.source, o.target))
            if o.kind == "grandparent" and care & kinds_by_pair[pair]:
                continue  # the care line already joins them
            n = seen.get(pair, 0)
            seen[pair] = n + 1
            points = self._route(o, n)
            rel = o.relationship
            ref = self.details.add(self.rel_key(rel), relationship_details(rel, self.cm))
            group = sub(parent, "g", {"class": f"tie tie-{o.kind}", "data-ref": ref,
                                      "tabindex": 0, "data-ends": f"{o.source} {o.target}",
                                      "data-since": rel.since, "data-until": rel.until})
            self.title(group, ref)
            overlay_path(group, o.kind, points, self.prefix, o.directed, {})
            _hit(group, points)
            self.lines.append((ref, points))
            self.extent(min(p[1] for p in points) - 6)
            if o.kind in ("harm", "contact", "sibling", "grandparent", *care):
                named.append((o, points, ref))
            self.use(f"tie:{o.kind}", overlay_legend(o.kind))
        # Labels once every line is drawn, so that none is put across a later line.
        for o, points, ref in named:
            rel = o.relationship
            text = clean(o.label)
            mx, my = self.label_at(points, text, ref)
            colour = OVERLAY_TEXT.get(o.kind, ("#555555", ""))[0]
            sub(labels, "text", {"x": mx, "y": my, "text-anchor": "middle",
                                 "font-size": TIE_SIZE, "fill": colour, "font-weight": 600,
                                 "class": "halo line-label", "data-ref": ref,
                                 "data-ends": f"{o.source} {o.target}",
                                 "data-since": rel.since, "data-until": rel.until}, text)

    def _route(self, o: Overlay, n: int) -> list[tuple[float, float]]:
        L = self.layout
        (ax, ay), (bx, by) = L.centre(o.source), L.centre(o.target)
        if L.generation[o.source] == L.generation[o.target]:
            lift = 34 + 0.12 * abs(bx - ax) + 16 * n
            p, q = (ax, ay - 24), (bx, by - 24)
            c = ((ax + bx) / 2, min(ay, by) - 24 - lift)
            return quad_points(p, c, q, 28)
        p, q = trim((ax, ay), (bx, by), 26, 29)
        sign = 1 if n % 2 == 0 else -1
        amount = 26 + 14 * (n // 2)
        # The usual bow, else the least bow either way that runs through no one else's
        # name (their own names the tie may leave through).
        others = [b for pid, b in self.name_boxes if pid not in (o.source, o.target)]
        best = None
        for k, bow in enumerate([sign * amount] + [s * a for a in (amount, 60, 100, 140, 190)
                                                    for s in (-sign, sign)]):
            points = quad_points(p, bend(p, q, bow), q, 28)
            crossed = sum(1 for b in others if crosses(points, b))
            if best is None or crossed < best[0]:
                best = (crossed, points)
            if crossed == 0:
                break
        return best[1]

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
                                      "data-ref": ref, "data-person": person.id, "tabindex": 0,
                                      "data-since": person.born})
            self.title(group, ref)
            draw_symbol(group, person, cx, cy, g.symbol, age_size=15)
            text = self.texts[person.id]
            y = cy + g.symbol / 2 + NAME_SIZE + 2
            text_lines(group, cx, y, text.name, size=NAME_SIZE,
                       **{"font-weight": 700 if person.subject else 500, "class": "halo"})
            self._boxes(cx, y, text.name, NAME_SIZE, person.id)
            y += len(text.name) * NAME_SIZE * 1.2
            if text.detail:
                text_lines(group, cx, y, text.detail, size=DETAIL_SIZE,
                           **{"fill": "#333333", "class": "halo"})
                self._boxes(cx, y, text.detail, DETAIL_SIZE, person.id)
                y += len(text.detail) * DETAIL_SIZE * 1.2
            if text.culture:
                text_lines(group, cx, y, text.culture, size=DETAIL_SIZE,
                           **{"fill": "#6d4c41", "font-style": "italic", "class": "halo"})
                self._boxes(cx, y, text.culture, DETAIL_SIZE, person.id)
            self._symbol_legend(person)

    def _boxes(self, cx: float, y: float, lines: list[str], size: float,
               pid: str | None = None) -> None:
        for i, line in enumerate(lines):
            w = len(line) * size * CHAR_WIDTH
            self.box(cx - w / 2, y + i * size * 1.2 - size, w, size * 1.25)
            if pid is not None:
                self.name_boxes.append((pid, self.text_boxes[-1]))

    def _symbol_legend(self, person: Person) -> None:
        names = {"male": "male", "female": "female"}
        sex = person.sex if person.sex in names else None
        self.use(f"sex:{sex}", symbol_legend(sex, text=names.get(sex or "", "sex not recorded")))
        if person.subject:
            self.use("subject", symbol_legend("female", subject=True,
                                              text="subject child (double outline)"))
        if is_deceased(person):
            self.use("deceased", symbol_legend("male", deceased=True,
                                               text="deceased (crossed; d. year of death "
                                                    "under the name)"))
        if short_age(person.age) and not is_deceased(person):
            self.use("age", LegendItem(_age_swatch, "number inside a symbol: age (w weeks, "
                                                    "m months, else years)"))
        from .text import names_a_group
        if names_a_group(person.label):
            self.use("group", LegendItem(_group_swatch, "several people drawn as one "
                                                        "(a group)"))


def household_caption(household: Household) -> str:
    """'Foster placement: Mrs F's foster home (2019-11 – 2021-03)'."""
    text = humanise(household.kind).capitalize()
    if household.label:
        text += f": {clean(household.label)}"
    when = span(household.since, household.until) or clean(household.when or "")
    return f"{text} ({when})" if when else text


def _hit(group: ET.Element, points: list[tuple[float, float]]) -> None:
    """A wide invisible stroke so a thin line is easy to point at and click."""
    sub(group, "path", {"d": polyline_d(points), "stroke": "#000000", "stroke-opacity": 0,
                        "stroke-width": 12, "fill": "none", "class": "hit"})


def _twins_swatch(parent: ET.Element, x: float, y: float, prefix: str) -> None:
    sub(parent, "path", {"d": f"M{x + 4},{y + 2} H{x + 32} M{x + 18},{y + 2} L{x + 8},{y + 18} "
                              f"M{x + 18},{y + 2} L{x + 28},{y + 18}",
                         "stroke": LINE_COLOURS["ink"], "stroke-width": 1.6, "fill": "none"})


def _one_parent_swatch(parent: ET.Element, x: float, y: float, prefix: str) -> None:
    sub(parent, "rect", {"x": x + 12, "y": y - 2, "width": 10, "height": 10, "fill": "#ffffff",
                         "stroke": LINE_COLOURS["ink"], "stroke-width": 1.6})
    sub(parent, "path", {"d": f"M{x + 17},{y + 8} V{y + 18}", "stroke": LINE_COLOURS["ink"],
                         "stroke-width": 1.6, "fill": "none"})


def _half_swatch(parent: ET.Element, x: float, y: float, prefix: str) -> None:
    sub(parent, "path", {"d": f"M{x + 2},{y} V{y + 6} H{x + 18} V{y} M{x + 18},{y + 10} "
                              f"H{x + 34} V{y} M{x + 10},{y + 6} V{y + 18} M{x + 26},{y + 10} "
                              f"V{y + 18}", "stroke": LINE_COLOURS["ink"], "stroke-width": 1.4,
                         "fill": "none"})


def _age_swatch(parent: ET.Element, x: float, y: float, prefix: str) -> None:
    sub(parent, "circle", {"cx": x + 18, "cy": y + 9, "r": 10, "fill": "#ffffff",
                           "stroke": LINE_COLOURS["ink"], "stroke-width": 1.6})
    sub(parent, "text", {"x": x + 18, "y": y + 13.5, "text-anchor": "middle", "font-size": 12.5,
                         "font-weight": 600}, "13")


def _group_swatch(parent: ET.Element, x: float, y: float, prefix: str) -> None:
    for dx, dy, fill in ((5, -3, "#f5f5f5"), (0, 0, "#ffffff")):
        sub(parent, "rect", {"x": x + 10 + dx, "y": y + 2 + dy, "width": 15, "height": 15,
                             "fill": fill, "stroke": LINE_COLOURS["ink"], "stroke-width": 1.6})


def _band_swatch(parent: ET.Element, x: float, y: float, prefix: str) -> None:
    sub(parent, "rect", {"x": x + 1, "y": y + 1, "width": 35, "height": 16, "rx": 4,
                         "fill": "#fafafa", "stroke": "#bdbdbd", "stroke-width": 1.2})


LEGEND_ORDER = ("sex:male", "sex:female", "sex:None", "subject", "age", "deceased", "group",
                "couple:married", "couple:cohabiting", "couple:dating", "couple:separated",
                "couple:divorced", "couple:None", "couple:inferred", "child", "one-parent",
                "half", "adopted", "twins", "tie:step", "tie:foster", "tie:guardian",
                "tie:care", "household", "current", "stay", "band")


def _legend_key(key: str) -> tuple[int, str]:
    return (LEGEND_ORDER.index(key) if key in LEGEND_ORDER else len(LEGEND_ORDER), key)


HALO_CSS = (".halo{paint-order:stroke;stroke:#ffffff;stroke-width:3.5px;stroke-linejoin:round}"
            "text{fill-opacity:1}")


def genogram_drawing(casemap: CaseMap, *, cultural: bool = False,
                     standalone: bool = True, window: tuple[float, float] | None = None
                     ) -> Drawing:
    """The genogram of a case map at its latest date.

    Standalone (an SVG file) adds the title and legend inside the SVG and draws
    only what holds at that date; for the HTML page everything dated is drawn,
    with the date control's attributes, and the legend goes in the side panel.
    It is shaped for a screen's window, or for another `window` (width, height),
    such as a sheet of portrait paper; its arrowheads then have ids of their
    own, so both drawings can share a page.
    """
    prefix = PREFIX if window is None else PREFIX + "p"
    gg = _Genogram(casemap, cultural, standalone=standalone, window=window or SCREEN,
                   prefix=prefix)
    L = gg.layout
    title = clean(casemap.review.title or casemap.review.id)
    subtitle = " · ".join(x for x in ("Genogram" + (" (cultural)" if cultural else ""),
                                      clean(casemap.review.partnership or ""),
                                      span(casemap.review.period_from,
                                           casemap.review.period_to)) if x)
    root = svg_root(1, 1, f"Genogram: {title}")
    sub(root, "style", None, HALO_CSS)
    defs = sub(root, "defs")
    arrow_markers(defs, prefix, LINE_COLOURS)
    sub(root, "rect", {"x": 0, "y": 0, "width": "100%", "height": "100%", "fill": "#ffffff"})
    main = sub(root, "g", {"class": "genogram"})
    layers = {name: sub(main, "g", {"class": f"layer-{name}"})
              for name in ("band", "households", "couples", "children", "ties", "people",
                           "labels", "placements")}
    gg.band(layers["band"])
    draw_boundaries(gg, layers["households"])
    gg.couples(layers["couples"])
    gg.children(layers["children"])
    gg.people(layers["people"])       # people first: tie labels keep clear of their names
    gg.overlays(layers["ties"], layers["labels"])
    gg.band_title(layers["band"])
    if not casemap.people:
        sub(layers["people"], "text", {"x": L.geometry.margin, "y": 60, "font-size": 14},
            "This review records no people.")
    body = max(L.height, 120.0 if not casemap.people else 0.0)
    # Ties arc above the top row: move everything down so they stay in view.
    lift = max(0.0, 8.0 - gg.min_y)
    width, body = strip(gg, layers["placements"], L.width, body)
    top = (TITLE_HEIGHT if standalone else 0.0) + lift
    body += lift
    main.set("transform", f"translate(0,{top:.1f})")
    legend = [gg.used[k] for k in sorted(gg.used, key=_legend_key)]
    width = max(width, 560.0)  # a family of one or two is not blown up to the window
    height = top + body
    if standalone:
        standalone_frame(root, title=title, subtitle=subtitle, legend=legend, width=width,
                         height=height, top=TITLE_HEIGHT, x=L.geometry.margin, prefix=prefix,
                         legend_width=LEGEND_WIDTH)
    else:
        set_size(root, width, height)
    boxes = [(x0, y0 + top, x1, y1 + top) for x0, y0, x1, y1 in gg.text_boxes]
    return Drawing(root, gg.details, legend, title, subtitle, list(gg.dates), gg.at, boxes)
