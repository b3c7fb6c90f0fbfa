"""The ecomap of a case map as SVG: a child at the centre and the systems around them.

After Hartman (1978): the child's home is the circle in the middle, with who
lived there; family elsewhere, carers, the community and every agency sit on a
ring around it, grouped by kind in sectors. Lines show each agency's
involvement: thick for strong, plain for moderate, dashed for tenuous, red and
jagged for stressful, broken with bars for broken, arrows for the flow of
energy or resources. Agencies absent from a meeting about the child get a red
dashed border and the meeting in red, missed information sharing a red dashed
arrow, so both stand out.

The home at the centre is the one the child lived in at the chosen date (the
latest with none), and a child who moved has an ecomap per home: when the
child lived with foster carers, their mother is family elsewhere, on the ring,
not in the circle. So the HTML page holds one drawing ("frame") per home the
child had at the dates the control steps through, each carrying `data-shown`
(one character per date: shown or not), and the page shows the frame for the
chosen date. Inside a frame every dated element carries `data-since` /
`data-until`: people from their birth, lines from when they began (and not
before both ends existed), absences from the meeting.
"""
from __future__ import annotations

import math
import xml.etree.ElementTree as ET

from ...errors import KinmapError
from ...loaders.checks import partial_date
from ...model import CaseMap, Household, Person
from .dates import positions, shown_mask
from .details import (
    Details,
    agency_details,
    household_details,
    involvement_details,
    person_details,
    relationship_details,
    sharing_details,
)
from .ecolines import (
    AGENCY_COLOURS,
    SECTORS,
    absent_legend,
    age_legend,
    agency_legend,
    group_legend,
    home_legend,
    involvement_legend,
    involvement_path,
    sector_of_agency,
    sharing_legend,
    sharing_path,
    team_legend,
    unknown_receiver_legend,
)
from .ecoplace import (
    CAPTION,
    HEADING,
    LABEL,
    LINE_STEP,
    SCREEN,
    Box,
    Boxes,
    RingItem,
    block,
    box_at,
    edge_of_box,
    grow,
    hits,
    ring_positions,
    text_width,
    union,
)
from .genogram import Drawing, household_caption
from .homes import home_at, homes_of
from .kinship import CARE_TYPES, KIN_ROLES
from .relines import overlay_legend, overlay_path
from .svg import (
    LINE_COLOURS,
    LegendItem,
    add_title,
    arrow_markers,
    bend,
    set_size,
    standalone_frame,
    quad_points,
    sub,
    svg_root,
    text_lines,
    trim,
)
from .symbols import draw_symbol, is_deceased, symbol_legend
from .text import active_at, clean, date_bounds, humanise, names_a_group, short_age, shorten, wrap

PREFIX = "eg"
TITLE_HEIGHT = 74.0
LEGEND_WIDTH = 330.0
MIN_SIZE = (820.0, 600.0)   # the smallest drawing box: text of a tiny ecomap stays text-sized
CENTRE_SIZE = 44.0
PERSON_SIZE = 32.0
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


def _later(*dates: str | None) -> str | None:
    """The latest of some partial dates (by their first day), None when there are none."""
    known = [d for d in dates if d]
    return max(known, key=lambda d: (date_bounds(d)[0], len(d))) if known else None


def _sector_of_person(person: Person, casemap: CaseMap) -> str:
    if person.role in CARER_ROLES or any(r.from_ == person.id and r.type in CARE_TYPES
                                         and r.type != "step_parent"
                                         for r in casemap.relationships):
        return "carers"
    if person.role in FAMILY_ROLES or any(
            r.type in KIN_TYPES and person.id in (r.from_, r.to) for r in casemap.relationships):
        return "family"
    return "community"


def _absences(casemap: CaseMap, centre: Person | None) -> dict[str, list]:
    """The meetings about the centre person each agency was absent from."""
    out: dict[str, list] = {}
    for meeting in casemap.meetings:
        if meeting.about and not (centre and centre.id in meeting.about):
            continue
        for who in meeting.absent:
            out.setdefault(who, []).append(meeting)
    return out


def ecomap_dates(casemap: CaseMap, centre: Person | None) -> list[str]:
    """Every date the ecomap of `centre` can change at, in time order."""
    found: list[str | None] = []
    for p in casemap.people:
        if centre is None or p.id != centre.id:
            found += [p.born, p.died]
    if centre is not None:
        for home in homes_of(casemap, centre.id):
            found += [home.since, home.until]
    for rel in casemap.relationships:
        found += [rel.since, rel.until]
    for inv in casemap.involvements:
        found += [inv.since, inv.until]
    for meetings in _absences(casemap, centre).values():
        found += [m.date for m in meetings]
    found += [link.date for link in casemap.information_sharing]
    return positions(found)


class _Ecomap:
    """One ecomap being drawn: the centre person in one home (or none)."""

    def __init__(self, casemap: CaseMap, centre: Person | None, home: Household | None,
                 at: str | None, titles: bool, details: Details,
                 window: tuple[float, float] = SCREEN, prefix: str = PREFIX) -> None:
        self.cm = casemap
        self.window = window    # the area the drawing is fitted to (the ring's shape follows)
        self.prefix = prefix    # of the arrowheads' ids
        self.at = at
        self.titles = titles
        self.centre = centre
        self.home = home
        self.details = details
        self.used: dict[str, LegendItem] = {}
        self.people = {p.id: p for p in casemap.people}
        self.pos: dict[str, tuple[float, float]] = {}     # symbol centres
        self.shape: dict[str, Box] = {}                   # agency boxes (line ends)
        self.label_lines: dict[str, list[str]] = {}
        self.label_above: set[str] = set()                # ring people named above their symbol
        self.ring_box: dict[str, Box] = {}
        self.absences = _absences(casemap, centre)
        self.boxes = Boxes()
        members = [m for m in (home.members if home else [])
                   if centre and m != centre.id and m in self.people]
        self.cluster = ([centre.id] if centre else []) + members
        self._place_cluster()
        self._place_ring()
        self.frame_box = grow(self.extent(), 10)  # sector headings must fit inside it

    # -- layout ---------------------------------------------------------------------

    def _person_block(self, pid: str, size: float, width: int) -> tuple[float, float]:
        person = self.people[pid]
        lines = wrap(person.label or person.id, width, 6)
        self.label_lines[f"person:{pid}"] = lines
        w, h = block(lines, LABEL, pid == (self.centre.id if self.centre else None))
        return max(w, size), size + 6 + h

    def _place_cluster(self) -> None:
        """The centre person in the middle, the rest of the home round them, inside a circle."""
        self.cluster_boxes: list[Box] = []
        if not self.centre:
            self.cluster_r = 0.0
            self.inner = (-60.0, -60.0, 60.0, 60.0)
            return
        cw, ch = self._person_block(self.centre.id, CENTRE_SIZE, 16)
        self.pos[f"person:{self.centre.id}"] = (0.0, 0.0)
        centre_box = (-cw / 2, -CENTRE_SIZE / 2, cw / 2, -CENTRE_SIZE / 2 + ch)
        members = self.cluster[1:]
        sizes = {m: self._person_block(m, PERSON_SIZE, 14) for m in members}
        radius = 80.0
        while True:
            boxes = [centre_box]
            for i, m in enumerate(members):
                angle = -math.pi / 2 + 2 * math.pi * (i + 0.5) / len(members)
                x, y = radius * math.cos(angle) * 1.15, radius * math.sin(angle)
                w, h = sizes[m]
                self.pos[f"person:{m}"] = (x, y)
                boxes.append((x - w / 2, y - PERSON_SIZE / 2, x + w / 2, y - PERSON_SIZE / 2 + h))
            if not any(hits(grow(a, 6), b) for k, a in enumerate(boxes) for b in boxes[k + 1:]) \
                    or radius > 600:
                break
            radius += 12
        far = max(math.hypot(x, y) for b in boxes for x in (b[0], b[2]) for y in (b[1], b[3]))
        self.cluster_r = max(far + 12, 72.0) if self.home else max(far + 10, 40.0)
        self.cluster_boxes = boxes
        r = self.cluster_r
        inner = [(-r, -r, r, r)]
        if self.home:
            lines = wrap(household_caption(self.home), 30, 3)
            w, h = block(lines, CAPTION, True)
            self.caption = (lines, -r - 8 - h)
            inner.append((-w / 2, -r - 10 - h, w / 2, -r))
        self.inner = union(inner)

    def _place_ring(self) -> None:
        items: list[RingItem] = []
        groups: dict[str, list[RingItem]] = {key: [] for key, _, _ in SECTORS}
        for person in self.cm.people:
            if person.id in self.cluster:
                continue
            w, h = self._person_block(person.id, PERSON_SIZE, 12)
            groups[_sector_of_person(person, self.cm)].append(
                RingItem(f"person:{person.id}", "", w, h))
        for agency in sorted(self.cm.agencies, key=self._agency_order):
            lines = wrap(agency.label or agency.id, 13, 6)
            self.label_lines[f"agency:{agency.id}"] = lines
            absent = [wrap(self._absence_text(m), 20, 3) for m in self.absences.get(agency.id, [])]
            w, h = block(lines, LABEL, True)
            for a in absent:
                aw, ah = block(a, CAPTION, True)
                w, h = max(w, aw), h + ah + 2
            groups[sector_of_agency(agency.kind)].append(
                RingItem(f"agency:{agency.id}", "", max(w + 18, 96.0), h + 18))
        self.sector_of: dict[str, str] = {}
        for key, text, _ in SECTORS:
            for item in groups[key]:
                item.sector = key
                self.sector_of[item.key] = text
                items.append(item)
        self.ring_items = items
        caption = []
        if self.home:
            lines, top = self.caption
            w, h = block(lines, CAPTION, True)
            caption.append((-w / 2, top, w / 2, top + h))
        placed, self.rx, self.ry = ring_positions(
            items, self.inner, disc=self.cluster_r if self.home else 0.0,
            keep_out=tuple(caption + ([] if self.home else [self.inner])), window=self.window)
        for item in items:
            x, y = placed[item.key]
            box = box_at(x, y, item.w, item.h)
            self.boxes.add(box)
            if item.key.startswith("agency:"):
                self.shape[item.key] = box
                self.pos[item.key] = (x, y)
            else:
                # In the upper half the name goes above the symbol, so that lines from
                # the centre reach the symbol without crossing the name.
                above = y < -PERSON_SIZE
                if above:
                    self.label_above.add(item.key)
                self.pos[item.key] = (x, box[3] - PERSON_SIZE / 2 if above
                                      else box[1] + PERSON_SIZE / 2)
            self.ring_box[item.key] = box
        for box in self.cluster_boxes:
            self.boxes.add(box)
        if self.home:
            lines, top = self.caption
            w, h = block(lines, CAPTION, True)
            self.boxes.add((-w / 2, top, w / 2, top + h))

    def _agency_order(self, agency) -> tuple:
        """Agencies by sector, each team right after the agency it is part of."""
        index = {a.id: i for i, a in enumerate(self.cm.agencies)}
        root = agency.part_of if agency.part_of in index else agency.id
        return (index[root], agency.id != root, index[agency.id])

    @staticmethod
    def _absence_text(meeting) -> str:
        return "absent: " + humanise(meeting.kind) + (f" {meeting.date}" if meeting.date else "")

    def extent(self) -> Box:
        boxes = list(self.boxes.taken)
        if self.cluster_r:
            boxes.append((-self.cluster_r, -self.cluster_r, self.cluster_r, self.cluster_r))
        return union(boxes) if boxes else (-100.0, -100.0, 100.0, 100.0)

    # -- helpers for drawing ----------------------------------------------------------

    def end(self, key: str, towards: tuple[float, float]) -> tuple[float, float] | None:
        """Where a line to `towards` leaves a drawn element."""
        if key not in self.pos:
            return None
        if key in self.shape:
            return edge_of_box(self.pos[key], self.shape[key], towards)
        centre = self.pos[key]
        r = (CENTRE_SIZE if self._is_centre(key) else PERSON_SIZE) / 2 + 4
        return trim(centre, towards, r, 0)[0]

    def _is_centre(self, key: str) -> bool:
        return bool(self.centre) and key == f"person:{self.centre.id}"

    def _line_ends(self, a: str, b: str):
        if a not in self.pos or b not in self.pos:
            return None
        return self.end(a, self.pos[b]), self.end(b, self.pos[a])

    def title(self, element: ET.Element, ref: str) -> None:
        if self.titles:
            add_title(element, self.details.title(ref))

    def born(self, key: str) -> str | None:
        """From when a person end of a line exists (None for agencies and the centre)."""
        if not key.startswith("person:") or self._is_centre(key):
            return None
        person = self.people.get(key.split(":", 1)[1])
        return person.born if person else None

    def timed(self, attrs: dict, since: str | None, until: str | None) -> dict:
        """Attributes for the date control, and hidden now if outside `at`."""
        attrs = {**attrs, "data-since": since, "data-until": until}
        if not active_at(since, until, self.at):
            attrs["class"] = (attrs.get("class", "") + " hidden-by-date").strip()
            if self.titles:  # a standalone SVG has no script to show it again
                attrs["display"] = "none"
        return attrs

    def use(self, key: str, item: LegendItem) -> None:
        self.used.setdefault(key, item)

    def line_label(self, group: ET.Element, points, text: str, colour: str, own: str) -> None:
        """A label on a line where its box is free and no other line crosses it; left off
        (the details keep it) when there is no such place."""
        w, h = text_width(text, CAPTION, True) + 4, CAPTION * 1.25
        box = self.boxes.along(points, w, h, own)
        if box is None:
            return
        cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
        sub(group, "text", {"x": cx, "y": cy + CAPTION * 0.36, "text-anchor": "middle",
                            "font-size": CAPTION, "font-weight": 700,
                            "class": "halo line-label", "fill": colour}, text)

    # -- drawing -------------------------------------------------------------------------

    def draw(self, root: ET.Element) -> None:
        layers = {name: sub(root, "g", {"class": f"layer-{name}"})
                  for name in ("sectors", "household", "family", "lines", "sharing", "nodes")}
        self._household(layers["household"])
        self._nodes(layers["nodes"])
        self.labels: list[tuple] = []   # labels on lines, placed once every line is drawn
        self._relationships(layers["family"])
        self._involvements(layers["lines"])
        self._sharing(layers["sharing"])
        for args in self.labels:
            self.line_label(*args)
        self._sectors(layers["sectors"])

    def _sectors(self, parent: ET.Element) -> None:
        """Each sector's heading just outside its items, where there is room."""
        spans: dict[str, list] = {}
        for item in self.ring_items:
            spans.setdefault(self.sector_of[item.key], []).append(item)
        for text, items in spans.items():
            boxes = [box_at(*self._ring_centre(i), i.w, i.h) for i in items]
            xs = sum((b[0] + b[2]) / 2 for b in boxes) / len(boxes)
            ys = sum((b[1] + b[3]) / 2 for b in boxes) / len(boxes)
            lines = wrap(text.upper(), 16, 3)
            w, h = block(lines, HEADING, True)
            length = math.hypot(xs, ys) or 1.0
            ux, uy = xs / length, ys / length
            for step in range(12):
                r = length + 20 + step * 14
                cx, cy = ux * r, uy * r
                box = box_at(cx, cy, w + 4, h)
                inside = box[0] >= self.frame_box[0] and box[2] <= self.frame_box[2] and \
                    box[1] >= self.frame_box[1] and box[3] <= self.frame_box[3]
                if inside and self.boxes.free(box, 4):
                    break
            else:
                continue
            self.boxes.add(box)
            text_lines(parent, cx, box[1] + HEADING, lines, size=HEADING,
                       step=HEADING * LINE_STEP,
                       **{"font-weight": 700, "fill": "#57606a", "letter-spacing": 0.4})

    def _ring_centre(self, item: RingItem) -> tuple[float, float]:
        x0, y0, x1, y1 = self.ring_box[item.key]
        return (x0 + x1) / 2, (y0 + y1) / 2

    def _household(self, parent: ET.Element) -> None:
        if not self.centre or not self.home:
            return
        ref = self.details.add(f"household:{self.home.id}",
                               household_details(self.home, self.cm))
        group = sub(parent, "g", {"class": "household", "data-ref": ref, "tabindex": 0,
                                  "data-home": self.home.id})
        self.title(group, ref)
        sub(group, "circle", {"cx": 0, "cy": 0, "r": self.cluster_r, "fill": "#f6f8fa",
                              "stroke": "#24292f", "stroke-width": 2.4})
        lines, top = self.caption
        text_lines(group, 0, top + CAPTION, lines, size=CAPTION, step=CAPTION * LINE_STEP,
                   **{"fill": "#3d444d", "font-weight": 700, "class": "halo"})
        self.use("home", home_legend())

    def _relationships(self, parent: ET.Element) -> None:
        index = {id(r): i for i, r in enumerate(self.cm.relationships)}
        seen: dict[frozenset[str], int] = {}
        labelled: set[tuple[frozenset[str], str]] = set()
        inside = set(self.cluster)
        for rel in self.cm.relationships:
            if rel.from_ in inside and rel.to in inside:
                continue  # the household circle already shows they live together
            if self.centre and self.centre.id not in (rel.from_, rel.to) and \
                    rel.type not in ("harmed", "associate", "contact"):
                continue
            a, b = f"person:{rel.from_}", f"person:{rel.to}"
            ends = self._line_ends(a, b)
            if ends is None:
                continue
            pair = frozenset((rel.from_, rel.to))
            n = seen.get(pair, 0)
            seen[pair] = n + 1
            kind = _relationship_kind(rel)
            points = quad_points(ends[0], bend(ends[0], ends[1], (12 + 16 * n) * (-1) ** n),
                                 ends[1], 24)
            ref = self.details.add(f"rel:{index[id(rel)]}", relationship_details(rel, self.cm))
            since = _later(rel.since, self.born(a), self.born(b))
            group = sub(parent, "g", self.timed({"class": f"tie tie-{kind}", "data-ref": ref,
                                                 "tabindex": 0,
                                                 "data-ends": f"{rel.from_} {rel.to}"},
                                                since, rel.until))
            self.title(group, ref)
            overlay_path(group, kind, points, self.prefix, rel.type in ("harmed", "contact"), {})
            _hit(group, points)
            self.boxes.lines.append((ref, points))
            if rel.type in ("harmed", "contact"):
                label = humanise(rel.nature) or rel.type
                if rel.type == "contact":
                    label = f"{label} contact" if rel.nature else "contact"
                if (pair, label) not in labelled:  # the same words twice on one pair say nothing
                    labelled.add((pair, label))
                    self.labels.append((group, points, shorten(label, 26),
                                        LINE_COLOURS["harm" if rel.type == "harmed"
                                                     else "contact"], ref))
            self.use(f"tie:{kind}", overlay_legend(kind))

    def _involvements(self, parent: ET.Element) -> None:
        for i, inv in enumerate(self.cm.involvements):
            a, b = f"agency:{inv.agency}", f"person:{inv.person}"
            ends = self._line_ends(a, b)
            if ends is None:
                continue
            ref = self.details.add(f"inv:{i}", involvement_details(inv, self.cm))
            group = sub(parent, "g", self.timed({"class": f"involvement strength-{inv.strength}",
                                                 "data-ref": ref, "tabindex": 0,
                                                 "data-ends": f"{inv.agency} {inv.person}"},
                                                _later(inv.since, self.born(b)), inv.until))
            self.title(group, ref)
            points = quad_points(ends[0], bend(ends[0], ends[1], 10), ends[1], 24)
            involvement_path(group, inv.strength, inv.flow, points, self.prefix)
            _hit(group, points)
            self.boxes.lines.append((ref, points))
            self.use(f"strength:{inv.strength}", involvement_legend(inv.strength))
            if inv.flow:
                self.use(f"flow:{inv.flow}", involvement_legend("moderate", inv.flow))

    def _around(self, p: tuple[float, float], q: tuple[float, float], lane: int
                ) -> list[tuple[float, float]]:
        """A path from p to q that runs round the home, not through it.

        It goes in to a lane (an ellipse between the home and the ring), along
        the lane the shorter way round, and out again; each link has its own lane.
        """
        hw = max(abs(self.inner[0]), abs(self.inner[2])) + 22 + 12 * (lane % 5)
        hh = max(abs(self.inner[1]), abs(self.inner[3])) + 22 + 12 * (lane % 5)
        a = math.atan2(p[1] / hh, p[0] / hw)
        b = math.atan2(q[1] / hh, q[0] / hw)
        sweep = (b - a + math.pi) % (2 * math.pi) - math.pi
        inside = (p[0] / hw) ** 2 + (p[1] / hh) ** 2 < 1 or (q[0] / hw) ** 2 + (q[1] / hh) ** 2 < 1
        if inside or abs(sweep) < 0.45:
            return quad_points(p, bend(p, q, 30), q, 24)
        steps = max(6, int(abs(sweep) * 16))
        arc = [(hw * math.cos(a + sweep * i / steps), hh * math.sin(a + sweep * i / steps))
               for i in range(steps + 1)]
        return [p] + arc + [q]

    def _sharing(self, parent: ET.Element) -> None:
        lane = 0
        for i, link in enumerate(self.cm.information_sharing):
            source, target = self._key(link.from_), self._key(link.to)
            if source is None:
                continue
            ref = self.details.add(f"share:{i}", sharing_details(link, self.cm))
            group = sub(parent, "g", self.timed({"class": f"sharing sharing-{link.status}",
                                                 "data-ref": ref, "tabindex": 0,
                                                 "data-ends": f"{link.from_} {link.to or ''}"},
                                                link.date, None))
            self.title(group, ref)
            sx, sy = self.pos[source]
            if target is None:  # the review does not say who should have received it
                length = math.hypot(sx, sy) or 1.0
                ux, uy = -sx / length, -sy / length   # towards the centre
                p = self.end(source, (0.0, 0.0))
                tx, ty = p[0] + ux * 70, p[1] + uy * 70
                points = [p, (tx, ty)]
                qx, qy = tx + ux * 12, ty + uy * 12
                self.boxes.add(box_at(qx, qy, 14, 20))
                sub(group, "text", {"x": qx, "y": qy + 6, "text-anchor": "middle",
                                    "font-size": 18, "font-weight": 700,
                                    "fill": LINE_COLOURS[link.status], "class": "halo"}, "?")
                self.use("share:unknown", unknown_receiver_legend())
            else:
                ends = self._line_ends(source, target)
                if ends is None:
                    continue
                points = self._around(ends[0], ends[1], lane)
                lane += 1
            sharing_path(group, link.status, points, self.prefix)
            _hit(group, points)
            self.boxes.lines.append((ref, points))
            self.use(f"share:{link.status}", sharing_legend(link.status))

    def _key(self, ref: str | None) -> str | None:
        if ref is None:
            return None
        for key in (f"agency:{ref}", f"person:{ref}"):
            if key in self.pos:
                return key
        return None

    def _nodes(self, parent: ET.Element) -> None:
        for agency in self.cm.agencies:
            self._agency(parent, agency)
        for person in self.cm.people:
            self._person(parent, person)

    def _agency(self, parent: ET.Element, agency) -> None:
        key = f"agency:{agency.id}"
        x0, y0, x1, y1 = self.shape[key]
        missed = self.absences.get(agency.id, [])
        ref = self.details.add(key, agency_details(agency, self.cm, missed))
        colour = AGENCY_COLOURS.get(agency.kind, "#57606a")
        if agency.part_of and f"agency:{agency.part_of}" in self.shape:
            other = f"agency:{agency.part_of}"
            p = edge_of_box(self.pos[key], self.shape[key], self.pos[other])
            q = edge_of_box(self.pos[other], self.shape[other], self.pos[key])
            sub(parent, "path", {"d": f"M{p[0]:.1f},{p[1]:.1f} L{q[0]:.1f},{q[1]:.1f}",
                                 "stroke": colour, "stroke-width": 1.4,
                                 "stroke-dasharray": "2 3", "class": "team"})
            self.use("team", team_legend())
        group = sub(parent, "g", {"class": "agency" + (" absent" if missed else ""),
                                  "data-ref": ref, "data-person": agency.id, "tabindex": 0})
        self.title(group, ref)
        sub(group, "rect", {"x": x0, "y": y0, "width": x1 - x0, "height": y1 - y0, "rx": 10,
                            "fill": colour, "fill-opacity": 0.1, "stroke": colour,
                            "stroke-width": 2})
        swatch = agency_legend(agency.kind if agency.kind in AGENCY_COLOURS else "other")
        self.use(f"kind:{swatch.text}", swatch)
        y = y0 + 8 + LABEL * 0.9
        lines = self.label_lines[key]
        text_lines(group, (x0 + x1) / 2, y, lines, size=LABEL, step=LABEL * LINE_STEP,
                   **{"fill": "#1f2328", "font-weight": 600})
        y += len(lines) * LABEL * LINE_STEP + 2
        if missed:
            # The border shows from the first absence (always, if one is undated).
            first = None if any(not m.date for m in missed) else \
                min((m.date for m in missed), key=lambda d: date_bounds(d)[0])
            sub(group, "rect", self.timed({"x": x0 - 5, "y": y0 - 5, "width": x1 - x0 + 10,
                                           "height": y1 - y0 + 10, "rx": 13, "fill": "none",
                                           "stroke": LINE_COLOURS["missed"], "stroke-width": 2.5,
                                           "stroke-dasharray": "6 3", "class": "absent-mark"},
                                          first, None))
            for meeting in missed:
                lines = wrap(self._absence_text(meeting), 20, 3)
                mark = sub(group, "g", self.timed({"class": "absence"}, meeting.date, None))
                text_lines(mark, (x0 + x1) / 2, y - LABEL * 0.9 + CAPTION * 0.9, lines,
                           size=CAPTION,
                           step=CAPTION * LINE_STEP,
                           **{"fill": LINE_COLOURS["missed"], "font-weight": 700})
                y += len(lines) * CAPTION * LINE_STEP + 2
            self.use("absent", absent_legend())

    def _person(self, parent: ET.Element, person: Person) -> None:
        key = f"person:{person.id}"
        x, y = self.pos[key]
        centre = person is self.centre
        ref = self.details.add(key, person_details(person, self.cm))
        group = sub(parent, "g", self.timed(
            {"class": "person" + (" centre" if centre else ""), "data-ref": ref,
             "data-person": person.id, "tabindex": 0},
            None if centre else person.born, None))
        self.title(group, ref)
        size = CENTRE_SIZE if centre else PERSON_SIZE
        draw_symbol(group, person, x, y, size)
        for text in group.iter("text"):  # the age inside the symbol, as large as names
            text.set("font-size", "15")
            text.set("y", f"{y + 5:.1f}")
        lines = self.label_lines[key]
        first = y + size / 2 + 6 + LABEL * 0.95
        if key in self.label_above:
            first = y - size / 2 - 6 - LABEL * 0.25 - (len(lines) - 1) * LABEL * LINE_STEP
        text_lines(group, x, first, lines, size=LABEL, step=LABEL * LINE_STEP,
                   **{"font-weight": 700 if centre else 500, "class": "halo"})
        sex = person.sex if person.sex in ("male", "female") else None
        self.use(f"sex:{sex}", symbol_legend(sex, text=sex or "sex not recorded"))
        if person.subject:
            self.use("subject", symbol_legend("female", subject=True,
                                              text="subject child (double outline)"))
        if is_deceased(person):
            self.use("deceased", symbol_legend(sex, deceased=True, text="cross: has died"))
        elif short_age(person.age):
            self.use("age", age_legend())
        if names_a_group(person.label):
            self.use("group", group_legend())


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
    sub(group, "path", {"d": d, "stroke": "#000000", "stroke-opacity": 0, "stroke-width": 16,
                        "fill": "none", "class": "hit"})


HALO_CSS = (".halo{paint-order:stroke;stroke:#ffffff;stroke-width:4px;stroke-linejoin:round}"
            ".hidden-by-date{display:none}")


def ecomap_drawing(casemap: CaseMap, *, person: str | None = None, at: str | None = None,
                   standalone: bool = True, window: tuple[float, float] | None = None
                   ) -> Drawing:
    """The ecomap around `person` (default: the first subject child) at date `at`.

    Standalone (an SVG file): one drawing, at `at`. For the HTML page: one
    frame per home the person had at the dates of the control, each with its
    `data-shown` mask, the one for `at` (or the latest home) showing.
    It is shaped for a screen's window, or for another `window` (width, height),
    such as a sheet of portrait paper; its arrowheads then have ids of their
    own, so both drawings can share a page.
    """
    prefix = PREFIX if window is None else PREFIX + "p"
    at = check_date(at)
    centre = centre_of(casemap, person)
    dates = ecomap_dates(casemap, centre)
    if at and at not in dates:
        dates = positions(dates + [at])
    details = Details()

    def home(date: str | None) -> Household | None:
        return home_at(casemap, centre.id, date) if centre else None

    default = home(at)
    frames: list[tuple[Household | None, str | None]] = [(default, None)]
    if not standalone and centre:
        homes = [home(d) for d in dates]
        keys = [h.id if h else None for h in homes]
        for h in homes:
            if all((f.id if f else None) != (h.id if h else None) for f, _ in frames):
                frames.append((h, None))
        frames = [(h, shown_mask(dates, lambda d, k=(h.id if h else None):
                                 keys[dates.index(d)] == k)) for h, _ in frames]
    ecos = [_Ecomap(casemap, centre, h, at, standalone, details, window or SCREEN, prefix)
            for h, _ in frames]

    title = clean(casemap.review.title or casemap.review.id)
    who = clean(centre.label or centre.id) if centre else "no one recorded"
    subtitle = " · ".join(x for x in (f"Ecomap around {shorten(who, 50)}",
                                      f"at {at}" if at else "",
                                      clean(casemap.review.partnership or "")) if x)
    root = svg_root(100, 100, f"Ecomap: {title}")
    sub(root, "style", None, HALO_CSS)
    defs = sub(root, "defs")
    arrow_markers(defs, prefix, LINE_COLOURS)
    sub(root, "rect", {"x": 0, "y": 0, "width": "100%", "height": "100%", "fill": "#ffffff"})
    main = sub(root, "g", {"class": "ecomap"})
    latest = home(None)
    for k, (eco, (h, mask)) in enumerate(zip(ecos, frames)):
        attrs = {"class": "ecomap-frame", "data-home": h.id if h else "",
                 "data-shown": mask if len(ecos) > 1 else None,
                 "data-all": "1" if len(ecos) > 1 and h is latest else None}
        if k:  # only the frame for the chosen date (or the latest home) shows at first
            attrs["class"] += " hidden-by-date"
        frame = sub(main, "g", attrs)
        eco.draw(frame)
        # Each frame centred on its own box, so the page's box is the largest frame, not
        # the union of frames that lean different ways.
        fx0, fy0, fx1, fy1 = eco.extent()
        frame.set("transform", f"translate({-(fx0 + fx1) / 2:.1f},{-(fy0 + fy1) / 2:.1f})")
    if not casemap.people and not casemap.agencies:
        sub(main, "text", {"x": 0, "y": 0, "text-anchor": "middle", "font-size": 16},
            "This review records no people or agencies.")
    # The drawing's box after drawing (labels and headings included), at least a
    # screen's worth, so a small ecomap is not blown up to poster size by Fit.
    boxes = [grow(e.extent(), 14) for e in ecos]
    half_w = max(max((b[2] - b[0]) / 2 for b in boxes), MIN_SIZE[0] / 2)
    half_h = max(max((b[3] - b[1]) / 2 for b in boxes), MIN_SIZE[1] / 2)
    x0, y0 = -half_w, -half_h
    top = TITLE_HEIGHT if standalone else 0.0
    width, height = 2 * half_w, 2 * half_h + top
    main.set("transform", f"translate({-x0:.1f},{top - y0:.1f})")
    set_size(root, width, height)
    used: dict[str, LegendItem] = {}
    for eco in ecos:
        for key, item in eco.used.items():
            used.setdefault(key, item)
    legend = [used[k] for k in sorted(used, key=_legend_order)]
    if standalone:
        standalone_frame(root, title=title, subtitle=subtitle, legend=legend, width=width,
                         height=height, top=top, x=30, prefix=prefix, legend_width=LEGEND_WIDTH,
                         subtitle_size=14)
    return Drawing(root, details, legend, title, subtitle, dates, at)


_ORDER = ("home", "sex:male", "sex:female", "sex:None", "subject", "age", "deceased", "group",
          "strength:strong", "strength:moderate", "strength:tenuous", "strength:stressful",
          "strength:broken", "strength:None", "flow:to_person", "flow:to_agency", "flow:both",
          "share:missed", "share:partial", "share:shared", "share:unknown", "absent", "team")


def _legend_order(key: str) -> tuple[int, str]:
    return (_ORDER.index(key) if key in _ORDER else len(_ORDER), key)
