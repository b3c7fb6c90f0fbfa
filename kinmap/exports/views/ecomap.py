"""The ecomap of a case map as SVG: a child at the centre and the systems around them.

After Hartman (1978): the child's household is the circle in the middle; family
elsewhere, carers, the community and every agency sit around it, grouped by
kind in sectors (a ring layout computed here, not simulated). Lines show each
agency's involvement: thick for strong, plain for moderate, dashed for tenuous,
red and jagged for stressful, broken with bars for broken, arrows for the flow of
energy or resources. Agencies absent from a meeting about the child get a red
double ring and missed information sharing a red dashed arrow, so both stand
out. Every dated element carries `data-since`/`data-until` for the time control.
"""
from __future__ import annotations

import math
import xml.etree.ElementTree as ET

from ...errors import KinmapError
from ...loaders.checks import partial_date
from ...model import CaseMap, Household, Person
from .details import (
    Details,
    agency_details,
    involvement_details,
    person_details,
    relationship_details,
    sharing_details,
)
from .ecolines import (
    AGENCY_COLOURS,
    SECTORS,
    absent_legend,
    involvement_legend,
    involvement_path,
    sector_of_agency,
    sharing_legend,
    sharing_path,
)
from .genogram import Drawing, household_caption
from .kinship import CARE_TYPES, KIN_ROLES
from .relines import overlay_legend, overlay_path
from .svg import (
    LINE_COLOURS,
    LegendItem,
    add_title,
    arrow_markers,
    bend,
    legend_group,
    quad_points,
    sub,
    svg_root,
    text_lines,
    trim,
)
from .symbols import draw_symbol, symbol_legend
from .text import active_at, clean, humanise, shorten, wrap

PREFIX = "eg"
NODE_R = 42.0
TITLE_HEIGHT = 74.0
LEGEND_WIDTH = 330.0
KIN_TYPES = {"parent", "sibling", "half_sibling", "step_sibling", "grandparent", "partner",
             "step_parent"}
CARER_ROLES = {"foster_carer", "special_guardian"}
FAMILY_ROLES = KIN_ROLES | {"mother", "father", "stepmother", "stepfather", "parent",
                            "partner_of_parent", "child_of_subject", "partner"}


def centre_of(casemap: CaseMap, person: str | None) -> Person | None:
    """The person an ecomap is drawn around: `person`, else the first subject child."""
    if person is not None:
        for p in casemap.people:
            if p.id == person:
                return p
        known = ", ".join(p.id for p in casemap.people) or "none"
        raise KinmapError(f"no person {person!r} in review {casemap.review.id!r}; "
                          f"people: {known}")
    return (casemap.subjects or casemap.people or [None])[0]


def check_date(at: str | None) -> str | None:
    """`at` as an ISO partial date, or a KinmapError saying what is wrong."""
    if at is None:
        return None
    value = partial_date(str(at))
    if value is None:
        raise KinmapError(f"--at {at!r} is not a date; write 2021, 2021-06 or 2021-06-14")
    return value


def home_of(casemap: CaseMap, person: Person, at: str | None) -> Household | None:
    """The household a person lived in at `at`, else their latest recorded one."""
    homes = [h for h in casemap.households if person.id in h.members]
    if at:
        homes = [h for h in homes if active_at(h.since, h.until, at)] or homes
    order = {h.id: i for i, h in enumerate(casemap.households)}
    # Open-ended first, then the latest start; ties keep the case map's order.
    return max(homes, key=lambda h: (h.until is None, h.since or "", -order[h.id]),
               default=None)


def _sector_of_person(person: Person, casemap: CaseMap) -> str:
    if person.role in CARER_ROLES or any(r.from_ == person.id and r.type in CARE_TYPES
                                         and r.type != "step_parent"
                                         for r in casemap.relationships):
        return "carers"
    if person.role in FAMILY_ROLES or any(
            r.type in KIN_TYPES and person.id in (r.from_, r.to) for r in casemap.relationships):
        return "family"
    return "community"


class _Ecomap:
    """One ecomap being drawn."""

    def __init__(self, casemap: CaseMap, person: str | None, at: str | None,
                 titles: bool) -> None:
        self.cm = casemap
        self.at = check_date(at)
        self.titles = titles
        self.centre = centre_of(casemap, person)
        self.details = Details()
        self.used: dict[str, LegendItem] = {}
        self.dates: set[str] = set()
        self.pos: dict[str, tuple[float, float]] = {}
        self.radius: dict[str, float] = {}
        self.home = home_of(casemap, self.centre, self.at) if self.centre else None
        members = [m for m in (self.home.members if self.home else []) if m != self.centre.id] \
            if self.centre else []
        self.cluster = ([self.centre.id] if self.centre else []) + members
        self._place()

    # -- layout ---------------------------------------------------------------------

    def _place(self) -> None:
        cm = self.cm
        others = [p.id for p in cm.people if p.id not in self.cluster]
        count = len(self.cluster) - 1
        inner = max(80.0, count * 66 / (2 * math.pi)) if count else 0.0
        self.cluster_r = inner + 52 if count else 58.0
        if self.cluster:
            self.pos[self.cluster[0]] = (0.0, 0.0)
        for i, pid in enumerate(self.cluster[1:]):
            angle = -math.pi / 2 + 2 * math.pi * (i + 0.5) / count
            self.pos[pid] = (inner * math.cos(angle), inner * math.sin(angle) - 8)
        people = {p.id: p for p in cm.people}
        groups: dict[str, list[str]] = {key: [] for key, _, _ in SECTORS}
        for pid in others:
            groups[_sector_of_person(people[pid], cm)].append(f"person:{pid}")
        agencies = sorted(cm.agencies, key=lambda a: self._agency_order(a))
        for agency in agencies:
            groups[sector_of_agency(agency.kind)].append(f"agency:{agency.id}")
        sectors = [(key, text, items) for (key, text, _), items in
                   ((s, groups[s[0]]) for s in SECTORS) if items]
        gap = 0.6  # an empty part of a place between sectors
        slots = sum(len(items) for _, _, items in sectors) + gap * len(sectors)
        spacing = 2 * NODE_R + 34
        needed = slots * spacing / (2 * math.pi)
        two_rings = needed > self.cluster_r + 420
        ring = max(self.cluster_r + 170, (needed / 2 + 60) if two_rings else needed)
        self.ring = ring
        self.sectors: list[tuple[str, float, float]] = []
        step = 2 * math.pi / max(slots, 1)
        # The first sector (family, when there is any) is centred at the top.
        slot = gap / 2 - (len(sectors[0][2]) / 2 if sectors else 0)
        self.step = step
        for key, text, items in sectors:
            start = slot
            for i, item in enumerate(items):
                angle = -math.pi / 2 + step * (slot + 0.5)
                r = ring + (NODE_R * 2.4 if two_rings and i % 2 else 0.0)
                self.pos[item] = (r * math.cos(angle), r * math.sin(angle))
                slot += 1
            self.sectors.append((text, -math.pi / 2 + step * start,
                                 -math.pi / 2 + step * slot))
            slot += gap
        self.outer = ring + (NODE_R * 2.4 if two_rings else 0.0) + NODE_R
        self.two_rings = two_rings
        for item in list(self.pos):
            if ":" not in item:
                self.pos[f"person:{item}"] = self.pos[item]

    def _agency_order(self, agency) -> tuple:
        """Agencies by sector, each team right after the agency it is part of."""
        index = {a.id: i for i, a in enumerate(self.cm.agencies)}
        root = agency.part_of if agency.part_of in index else agency.id
        return (index[root], agency.id != root, index[agency.id])

    def end(self, key: str) -> tuple[tuple[float, float], float] | None:
        """The centre of a drawn element and how far its edge is from it."""
        if key not in self.pos:
            return None
        if key.startswith("agency:"):
            return self.pos[key], NODE_R + 2
        pid = key.split(":", 1)[1]
        return self.pos[key], 24.0 if self.centre and pid == self.centre.id else 18.0

    def title(self, element: ET.Element, ref: str) -> None:
        if self.titles:
            add_title(element, self.details.title(ref))

    def timed(self, attrs: dict, since: str | None, until: str | None) -> dict:
        """Attributes for the time control, and hidden now if outside `at`."""
        for d in (since, until):
            if d:
                self.dates.add(d)
        attrs = {**attrs, "data-since": since, "data-until": until}
        if not active_at(since, until, self.at):
            attrs["class"] = (attrs.get("class", "") + " hidden-by-date").strip()
            attrs["display"] = "none"
        return attrs

    def use(self, key: str, item: LegendItem) -> None:
        self.used.setdefault(key, item)

    # -- drawing -------------------------------------------------------------------------

    def draw(self, root: ET.Element) -> None:
        layers = {name: sub(root, "g", {"class": f"layer-{name}"})
                  for name in ("sectors", "household", "sharing-under", "family", "lines",
                               "sharing", "nodes", "labels")}
        self._sectors(layers["sectors"])
        self._household(layers["household"])
        self._relationships(layers["family"])
        self._involvements(layers["lines"])
        self._sharing(layers["sharing"])
        self._nodes(layers["nodes"])

    def _sectors(self, parent: ET.Element) -> None:
        """Each sector's heading outside the ring, and a grey arc along it."""
        for text, a0, a1 in self.sectors:
            mid = (a0 + a1) / 2
            r = self.outer + 34
            x, y = r * math.cos(mid), r * math.sin(mid)
            anchor = "middle" if abs(math.cos(mid)) < 0.35 else \
                "start" if math.cos(mid) > 0 else "end"
            lines = wrap(text.upper(), 16, 2)
            y += 4 - (len(lines) - 1) * 7 if abs(math.sin(mid)) < 0.9 else \
                (4 if math.sin(mid) > 0 else -(len(lines) - 1) * 14)
            text_lines(parent, x, y, lines, size=11.5, step=14,
                       **{"text-anchor": anchor, "font-weight": 700, "fill": "#6e7781",
                          "letter-spacing": 0.5})
            arc_r = self.outer + 12
            b0, b1 = a0 + self.step * 0.15, a1 - self.step * 0.15
            large = 1 if b1 - b0 > math.pi else 0
            sub(parent, "path", {"d": f"M{arc_r * math.cos(b0):.1f},{arc_r * math.sin(b0):.1f} "
                                      f"A{arc_r:.1f},{arc_r:.1f} 0 {large} 1 "
                                      f"{arc_r * math.cos(b1):.1f},{arc_r * math.sin(b1):.1f}",
                                 "fill": "none", "stroke": "#d0d7de", "stroke-width": 4,
                                 "stroke-linecap": "round"})

    def _household(self, parent: ET.Element) -> None:
        if not self.centre:
            return
        attrs = {"cx": 0, "cy": 0, "r": self.cluster_r, "fill": "#f6f8fa",
                 "stroke": "#24292f", "stroke-width": 2.2}
        if self.home is None:
            sub(parent, "circle", attrs)
            return
        ref = self.details.add(f"household:{self.home.id}", {
            **person_details(self.centre, self.cm), "heading": household_caption(self.home),
            "kind": "household", "facts": [["members", ", ".join(
                clean(p.label or p.id) for p in self.cm.people if p.id in self.home.members)]],
            "quote": clean(self.home.quote, keep_lines=True) or None,
            "notes": clean(self.home.notes, keep_lines=True) or None})
        group = sub(parent, "g", {"class": "household", "data-ref": ref})
        self.title(group, ref)
        sub(group, "circle", attrs)
        lines = wrap(household_caption(self.home), 40, 2)
        text_lines(group, 0, -self.cluster_r - 8 - (len(lines) - 1) * 13, lines, size=11,
                   **{"fill": "#57606a", "font-weight": 600, "class": "halo"})

    def _line_ends(self, a: str, b: str) -> tuple[tuple[float, float], tuple[float, float]] | None:
        ea, eb = self.end(a), self.end(b)
        if ea is None or eb is None:
            return None
        return trim(ea[0], eb[0], ea[1], eb[1] + 3)

    def _relationships(self, parent: ET.Element) -> None:
        index = {id(r): i for i, r in enumerate(self.cm.relationships)}
        seen: dict[frozenset[str], int] = {}
        inside = set(self.cluster)
        for rel in self.cm.relationships:
            if rel.from_ in inside and rel.to in inside:
                continue  # the household circle already shows they live together
            if self.centre and self.centre.id not in (rel.from_, rel.to) and \
                    rel.type not in ("harmed", "associate", "contact"):
                continue
            ends = self._line_ends(f"person:{rel.from_}", f"person:{rel.to}")
            if ends is None:
                continue
            pair = frozenset((rel.from_, rel.to))
            n = seen.get(pair, 0)
            seen[pair] = n + 1
            kind = _relationship_kind(rel)
            points = quad_points(ends[0], bend(ends[0], ends[1], (12 + 16 * n) * (-1) ** n),
                                 ends[1], 24)
            ref = self.details.add(f"rel:{index[id(rel)]}", relationship_details(rel, self.cm))
            group = sub(parent, "g", self.timed({"class": f"tie tie-{kind}", "data-ref": ref,
                                                 "data-ends": f"{rel.from_} {rel.to}"},
                                                rel.since, rel.until))
            self.title(group, ref)
            overlay_path(group, kind, points, PREFIX, rel.type in ("harmed", "contact"), {})
            _hit(group, points)
            if rel.type in ("harmed", "contact"):
                (mx, my) = points[len(points) // 2]
                label = humanise(rel.nature) or rel.type
                if rel.type == "contact":
                    label += " contact"
                sub(group, "text", {"x": mx, "y": my - 6, "text-anchor": "middle",
                                    "font-size": 10.5, "font-weight": 600, "class": "halo",
                                    "fill": LINE_COLOURS["harm" if rel.type == "harmed"
                                                         else "contact"]}, shorten(label, 28))
            self.use(f"tie:{kind}", overlay_legend(kind))

    def _involvements(self, parent: ET.Element) -> None:
        for i, inv in enumerate(self.cm.involvements):
            ends = self._line_ends(f"agency:{inv.agency}", f"person:{inv.person}")
            if ends is None:
                continue
            ref = self.details.add(f"inv:{i}", involvement_details(inv, self.cm))
            group = sub(parent, "g", self.timed({"class": f"involvement strength-{inv.strength}",
                                                 "data-ref": ref,
                                                 "data-ends": f"{inv.agency} {inv.person}"},
                                                inv.since, inv.until))
            self.title(group, ref)
            points = quad_points(ends[0], bend(ends[0], ends[1], 10), ends[1], 24)
            involvement_path(group, inv.strength, inv.flow, points, PREFIX)
            _hit(group, points)
            self.use(f"strength:{inv.strength}", involvement_legend(inv.strength))
            if inv.flow:
                self.use(f"flow:{inv.flow}", involvement_legend("moderate", inv.flow))

    def _around(self, p: tuple[float, float], q: tuple[float, float], lane: int
                ) -> list[tuple[float, float]]:
        """A path from p to q that runs round the household circle, not through it.

        It goes in to a lane between the household and the ring, along the
        lane the shorter way round, and out again; each link has its own lane.
        """
        lane_r = max(self.cluster_r + 26, self.ring - NODE_R - 30 - 11 * (lane % 6))
        a, b = math.atan2(p[1], p[0]), math.atan2(q[1], q[0])
        sweep = (b - a + math.pi) % (2 * math.pi) - math.pi
        if math.hypot(*p) < lane_r or math.hypot(*q) < lane_r or abs(sweep) < 0.35:
            c = bend(p, q, 30)
            return quad_points(p, c, q, 24)
        steps = max(6, int(abs(sweep) * 16))
        arc = [(lane_r * math.cos(a + sweep * i / steps), lane_r * math.sin(a + sweep * i / steps))
               for i in range(steps + 1)]
        return [p] + arc + [q]

    def _sharing(self, parent: ET.Element) -> None:
        lane = 0
        for i, link in enumerate(self.cm.information_sharing):
            source = self._key(link.from_)
            target = self._key(link.to)
            if source is None:
                continue
            ref = self.details.add(f"share:{i}", sharing_details(link, self.cm))
            group = sub(parent, "g", self.timed({"class": f"sharing sharing-{link.status}",
                                                 "data-ref": ref,
                                                 "data-ends": f"{link.from_} {link.to or ''}"},
                                                link.date, None))
            self.title(group, ref)
            sx, sy = self.pos[source]
            if target is None:  # the review does not say who should have received it
                length = math.hypot(sx, sy) or 1.0
                tx, ty = sx - sx / length * 95, sy - sy / length * 95
                p, q = trim((sx, sy), (tx, ty), NODE_R + 2, 0)
                points = [p, q]
                sub(group, "text", {"x": tx - sx / length * 10, "y": ty - sy / length * 10 + 5,
                                    "text-anchor": "middle", "font-size": 15, "font-weight": 700,
                                    "fill": LINE_COLOURS[link.status], "class": "halo"}, "?")
            else:
                ends = self._line_ends(source, target)
                if ends is None:
                    continue
                points = self._around(ends[0], ends[1], lane)
                lane += 1
            sharing_path(group, link.status, points, PREFIX)
            _hit(group, points)
            self.use(f"share:{link.status}", sharing_legend(link.status))

    def _key(self, ref: str | None) -> str | None:
        if ref is None:
            return None
        for key in (f"agency:{ref}", f"person:{ref}"):
            if key in self.pos:
                return key
        return None

    def _absences(self) -> dict[str, list]:
        about_centre = [m for m in self.cm.meetings
                        if not m.about or (self.centre and self.centre.id in m.about)]
        out: dict[str, list] = {}
        for meeting in about_centre:
            for who in meeting.absent:
                out.setdefault(who, []).append(meeting)
        return out

    def _nodes(self, parent: ET.Element) -> None:
        absences = self._absences()
        for agency in self.cm.agencies:
            x, y = self.pos[f"agency:{agency.id}"]
            missed = absences.get(agency.id, [])
            ref = self.details.add(f"agency:{agency.id}",
                                   agency_details(agency, self.cm, missed))
            group = sub(parent, "g", {"class": "agency" + (" absent" if missed else ""),
                                      "data-ref": ref, "data-person": agency.id,
                                      "tabindex": 0})
            self.title(group, ref)
            colour = AGENCY_COLOURS.get(agency.kind, "#57606a")
            if agency.part_of and f"agency:{agency.part_of}" in self.pos:
                px, py = self.pos[f"agency:{agency.part_of}"]
                p, q = trim((x, y), (px, py), NODE_R, NODE_R)
                sub(parent, "path", {"d": f"M{p[0]:.1f},{p[1]:.1f} L{q[0]:.1f},{q[1]:.1f}",
                                     "stroke": colour, "stroke-width": 1.2,
                                     "stroke-dasharray": "2 3"})
            if missed:
                sub(group, "circle", {"cx": x, "cy": y, "r": NODE_R + 6, "fill": "none",
                                      "stroke": LINE_COLOURS["missed"], "stroke-width": 2.5,
                                      "stroke-dasharray": "5 3"})
                label = "absent: " + ", ".join(
                    humanise(m.kind) + (f" {m.date}" if m.date else "") for m in missed)
                # Outside the ring, where no other agency sits.
                angle = math.atan2(y, x)
                lx, ly = x + math.cos(angle) * (NODE_R + 12), y + math.sin(angle) * (NODE_R + 12)
                anchor = "middle" if abs(math.cos(angle)) < 0.35 else \
                    "start" if math.cos(angle) > 0 else "end"
                text_lines(group, lx, ly + (12 if math.sin(angle) > 0.35 else 4),
                           wrap(label, 26, 2), size=10,
                           **{"text-anchor": anchor, "font-weight": 700, "class": "halo",
                              "fill": LINE_COLOURS["missed"]})
                self.use("absent", absent_legend())
            sub(group, "circle", {"cx": x, "cy": y, "r": NODE_R, "fill": colour,
                                  "fill-opacity": 0.12, "stroke": colour, "stroke-width": 2})
            lines = wrap(agency.label or agency.id, 12, 3)
            text_lines(group, x, y - (len(lines) - 1) * 6.6 + 4, lines, size=11,
                       **{"fill": "#1f2328", "font-weight": 600})
        for person in self.cm.people:
            x, y = self.pos[f"person:{person.id}"]
            ref = self.details.add(f"person:{person.id}", person_details(person, self.cm))
            group = sub(parent, "g", {"class": "person" + (" centre" if person is self.centre
                                                           else ""),
                                      "data-ref": ref, "data-person": person.id, "tabindex": 0})
            self.title(group, ref)
            size = 44.0 if person is self.centre else 32.0
            draw_symbol(group, person, x, y, size)
            text_lines(group, x, y + size / 2 + 14, wrap(person.label or person.id, 18, 2),
                       size=12 if person is self.centre else 11,
                       **{"font-weight": 700 if person is self.centre else 500, "class": "halo"})
            sex = person.sex if person.sex in ("male", "female") else None
            self.use(f"sex:{sex}", symbol_legend(sex, text=sex or "sex not recorded"))
            if person.subject:
                self.use("subject", symbol_legend("female", subject=True,
                                                  text="subject child (double outline)"))


def _relationship_kind(rel) -> str:
    """The genogram line kind a relationship is drawn with in the ecomap."""
    if rel.type == "harmed":
        return "harm"
    if rel.type == "contact":
        return "contact"
    if rel.quality:
        return rel.quality
    if rel.type in CARE_TYPES:
        return "care"
    return "associate" if rel.type == "associate" else "kin"


def _hit(group: ET.Element, points: list[tuple[float, float]]) -> None:
    """A wide invisible stroke so a thin line is easy to point at."""
    d = "M" + " L".join(f"{x:.1f},{y:.1f}" for x, y in points)
    sub(group, "path", {"d": d, "stroke": "#000000", "stroke-opacity": 0, "stroke-width": 12,
                        "fill": "none"})


HALO_CSS = ".halo{paint-order:stroke;stroke:#ffffff;stroke-width:3.5px;stroke-linejoin:round}"


def ecomap_drawing(casemap: CaseMap, *, person: str | None = None, at: str | None = None,
                   standalone: bool = True) -> Drawing:
    """The ecomap around `person` (default: the first subject child) at date `at`."""
    eco = _Ecomap(casemap, person, at, titles=standalone)
    title = clean(casemap.review.title or casemap.review.id)
    who = clean(eco.centre.label or eco.centre.id) if eco.centre else "no one recorded"
    subtitle = " · ".join(x for x in (f"Ecomap around {shorten(who, 50)}",
                                      f"at {eco.at}" if eco.at else "",
                                      clean(casemap.review.partnership or "")) if x)
    half_w, half_h = eco.outer + 175, eco.outer + 62
    top = TITLE_HEIGHT if standalone else 10.0
    width, height = 2 * half_w, 2 * half_h + top
    root = svg_root(width, height, f"Ecomap: {title}")
    sub(root, "style", None, HALO_CSS)
    defs = sub(root, "defs")
    arrow_markers(defs, PREFIX, LINE_COLOURS)
    sub(root, "rect", {"x": 0, "y": 0, "width": "100%", "height": "100%", "fill": "#ffffff"})
    main = sub(root, "g", {"class": "ecomap", "transform": f"translate({half_w:.1f},"
                                                           f"{half_h + top:.1f})"})
    eco.draw(main)
    if not casemap.people and not casemap.agencies:
        sub(main, "text", {"x": 0, "y": 0, "text-anchor": "middle", "font-size": 14},
            "This review records no people or agencies.")
    legend = [eco.used[k] for k in sorted(eco.used, key=_legend_order)]
    if standalone:
        sub(root, "text", {"x": 30, "y": 32, "font-size": 19, "font-weight": 700},
            shorten(title, 110))
        sub(root, "text", {"x": 30, "y": 54, "font-size": 12.5, "fill": "#555555"},
            shorten(subtitle, 140))
        legend_h = legend_group(root, legend, width + 10, top + 10, PREFIX)
        width += LEGEND_WIDTH
        height = max(height, top + legend_h + 30)
        root.set("viewBox", f"0 0 {width:.0f} {height:.0f}")
        root.set("width", f"{width:.0f}")
        root.set("height", f"{height:.0f}")
    return Drawing(root, eco.details, legend, title, subtitle, sorted(eco.dates), eco.at)


_ORDER = ("sex:male", "sex:female", "sex:None", "subject", "strength:strong",
          "strength:moderate", "strength:tenuous", "strength:stressful", "strength:broken",
          "strength:None", "flow:to_person", "flow:to_agency", "flow:both", "share:missed",
          "share:partial", "share:shared", "absent")


def _legend_order(key: str) -> tuple[int, str]:
    return (_ORDER.index(key) if key in _ORDER else len(_ORDER), key)
