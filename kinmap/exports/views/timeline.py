"""The chronology of a review as SVG: a time axis, a lane for the family and one per agency.

Reviews are built on multi-agency chronologies; this draws one. Time runs left
to right in columns, one per date the review gives (a year, a month or a day),
under a band of years; undated items sit in a column at the right, in the
order the case map gives them. Each lane is a row: the family (and anyone who
is not an agency) on top, then every agency, teams after the agency they are
part of. An event or decision sits in the lane of the agency that made it, or
the family's; a meeting sits in the family's lane with a line down to the
agencies that were there (dot) or absent (red ring with a cross); information
sharing is an arrow from the sharing agency's lane to the receiving one, drawn
as in the ecomap (missed red and crossed, partial orange, shared green).

Labels are laid out in a grid, so none overlaps another: each cell stacks its
items, and labels are wrapped, then shortened with the full text in the
details panel. Dates are never shortened: they are the axis. Every item
carries `data-since` (its date) for the date control and a `data-ref` to its
details and quote.
"""
from __future__ import annotations

import math
from itertools import product
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

from ...model import Agency, CaseMap, Decision, Event, InformationSharing, Meeting
from .dates import positions
from .details import (
    Details,
    agency_details,
    decision_details,
    event_details,
    label_of,
    meeting_details,
    sharing_details,
)
from .ecolines import AGENCY_COLOURS, sharing_legend, sharing_path
from .ecomap import check_date
from .genogram import Drawing
from .svg import LINE_COLOURS, LegendItem, add_title, arrow_markers, standalone_frame, sub, svg_root
from .text import active_at, clean, humanise, wrap

PREFIX = "tl"
SIZE = 14.0            # every label, in drawing units (the page fits the drawing to the window)
LINE = 16.0            # one line of a label
CHARS = 16             # characters a label line wraps at
PAD = 4.0              # inside a card
GAP = 4.0              # between cards stacked in a cell
MARK = 18.0            # the symbol column of a card
SLOT = 14.0            # one connector's width in a column's gutter
AXIS_H = 68.0          # the band of years and two rows of months above the lanes
TITLE_HEIGHT = 74.0
LEGEND_WIDTH = 330.0
#: The window a fitted page gives the drawing at 1400 x 900 (the side panel takes the rest).
VIEW_W, VIEW_H = 1040.0, 770.0
#: Portrait A4 less margins, title and key, in drawing units at 7 pt for its 14-unit text.
PORTRAIT = (1080.0, 1320.0)

FAMILY = "#f6f8fa"
MEETING_COLOUR = "#0b5cad"
OUTCOME_COLOURS = {"made": "#1a7f37", "declined": LINE_COLOURS["missed"],
                   "not_completed": LINE_COLOURS["missed"], "delayed": LINE_COLOURS["partial"]}
OUTCOME_TEXT = {"made": "✓ made", "declined": "✗ declined", "not_completed": "✗ not completed",
                "delayed": "… delayed"}
SERIOUS_EVENTS = {"death", "serious_injury", "assault"}
#: Vocabulary values whose words are abbreviations people know by their letters.
WORDS = {"icpc": "ICPC", "rcpc": "RCPC", "cin_meeting": "CIN meeting", "lac_review": "LAC review",
         "marac": "MARAC", "mappa": "MAPPA", "mash": "MASH meeting",
         "gp_safeguarding": "GP safeguarding meeting", "cin_plan": "CIN plan",
         "cp_plan": "child protection plan", "s47_enquiry": "s47 enquiry",
         "deprivation_of_liberty": "deprivation of liberty (DoLS)"}
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_NARROW = set("il.,:;'!|()[]{}ftj -")
_WIDE = set("mwMW@%ÆŒ")


def text_width(text: str, size: float = SIZE, bold: bool = False) -> float:
    """A generous estimate of how wide a line of text is drawn (DejaVu Sans is the widest)."""
    units = sum(0.36 if c in _NARROW else 0.92 if c in _WIDE or not c.isascii() else
                0.72 if c.isupper() else 0.59 for c in text)
    return units * size * (1.1 if bold else 1.0)


def words(value: str | None) -> str:
    """A vocabulary value as a reader says it: 'cp_plan' -> 'child protection plan'."""
    return WORDS.get(value or "", humanise(value))


def column_label(value: str) -> str:
    """What a date column says under its year: 'Jun', '14 Jun', or '(year)'."""
    parts = value.split("-")
    if len(parts) == 1:
        return "(year)"
    month = MONTHS[int(parts[1]) - 1]
    return month if len(parts) == 2 else f"{int(parts[2])} {month}"


def long_date(value: str) -> str:
    """A partial date as people write it: '2021', 'Jun 2021', '14 Jun 2021'."""
    parts = value.split("-")
    if len(parts) == 1:
        return value
    return " ".join(([str(int(parts[2]))] if len(parts) == 3 else [])
                    + [MONTHS[int(parts[1]) - 1], parts[0]])


@dataclass
class Line:
    """One line of a card: its text and how it is drawn."""

    text: str
    fill: str = "#1f2328"
    weight: int = 400
    italic: bool = False

    @property
    def width(self) -> float:
        return text_width(self.text, SIZE, self.weight >= 600)


@dataclass
class Item:
    """One thing on the chronology: an event, meeting, decision or information sharing."""

    key: str
    kind: str                       # event | meeting | decision | sharing
    element: Event | Meeting | Decision | InformationSharing
    order: int                      # where the case map gives it
    lane: int                       # the lane its card sits in
    lines: list[Line]
    links: dict[int, str] = field(default_factory=dict)   # lane -> attended|invited|absent|to
    column: int = 0
    x: float = 0.0
    y: float = 0.0
    slot: int = -1                  # its connector's place in the column's gutter

    @property
    def date(self) -> str | None:
        return self.element.date

    @property
    def width(self) -> float:
        return MARK + max(line.width for line in self.lines) + PAD * 2

    @property
    def height(self) -> float:
        return len(self.lines) * LINE + PAD * 2


@dataclass
class Lane:
    """A row of the chronology: the family, or one agency."""

    key: str
    label: str
    lines: list[str]
    agency: Agency | None = None
    y: float = 0.0
    height: float = 0.0


@dataclass
class Column:
    """A date (or a part of the undated column) and where it is drawn."""

    date: str | None
    x: float = 0.0
    gutter: float = 0.0
    width: float = 0.0
    row: int = 0                    # which of the axis's two rows its label is in

    @property
    def right(self) -> float:
        return self.x + self.gutter + self.width


class _Timeline:
    """One chronology being drawn."""

    def __init__(self, casemap: CaseMap, at: str | None, titles: bool,
                 window: tuple[float, float] = (VIEW_W, VIEW_H), prefix: str = PREFIX) -> None:
        self.cm = casemap
        self.window = window
        self.prefix = prefix
        self.at = check_date(at)
        self.titles = titles
        self.details = Details()
        self.used: dict[str, LegendItem] = {}
        self._agencies = {a.id for a in casemap.agencies}
        self.lanes = self._lanes()
        self.lane_of = {lane.agency.id: i for i, lane in enumerate(self.lanes) if lane.agency}
        self.chars = CHARS
        self.items = self._items()
        self.dates = positions(i.date for i in self.items)
        self._headers_wrap(CHARS)
        self._layout()

    def _headers_wrap(self, chars: int) -> None:
        """Wrap the lanes' names at `chars` (at most two lines) and size their column."""
        busy = {i.lane for i in self.items}
        for n, lane in enumerate(self.lanes):
            # A lane with nothing in it is one line high; its full name is in the panel.
            lane.lines = wrap(lane.label, chars, (3 if chars <= 10 else 2) if n in busy else 1)
        self.header_w = max([90.0] + [text_width(t, SIZE, True) + 20
                                      for lane in self.lanes for t in lane.lines])

    # -- what goes where ----------------------------------------------------------

    def _lanes(self) -> list[Lane]:
        """The family; the meetings, when there are any; decisions whose agency is not named,
        when there are any; then each agency, teams after the agency they are part of."""
        subject = (self.cm.subjects or [None])[0]
        family = "Family" + (f" of {clean(subject.label or subject.id)}" if subject else "")
        lanes = [Lane("family", family, [family])]
        if self.cm.meetings:
            lanes.append(Lane("meetings", "Meetings", ["Meetings"]))
        people = {p.id for p in self.cm.people}
        if any(not any(b in people or b in self._agencies for b in d.by)
               for d in self.cm.decisions):
            lanes.append(Lane("unnamed", "Decisions, agency not named",
                              ["Decisions, agency not named"]))
        index = {a.id: i for i, a in enumerate(self.cm.agencies)}

        def order(agency: Agency) -> tuple:
            root = agency.part_of if agency.part_of in index else agency.id
            return (index[root], agency.id != root, index[agency.id])
        for agency in sorted(self.cm.agencies, key=order):
            label = clean(agency.label or agency.id)
            lanes.append(Lane(f"agency:{agency.id}", label, [label], agency))
        return lanes

    def _special(self, key: str) -> int:
        return next(n for n, lane in enumerate(self.lanes) if lane.key == key)

    def _lane(self, ref: str | None) -> int:
        """The lane of an agency by id; people (and no one) are in the family's lane."""
        return self.lane_of.get(ref, 0) if ref else 0

    def _items(self) -> list[Item]:
        items: list[Item] = []
        for i, meeting in enumerate(self.cm.meetings):
            items.append(self._meeting(f"meeting:{i}", meeting, len(items)))
        for i, decision in enumerate(self.cm.decisions):
            items.append(self._decision(f"decision:{i}", decision, len(items)))
        for i, event in enumerate(self.cm.events):
            items.append(self._event(f"event:{i}", event, len(items)))
        for i, link in enumerate(self.cm.information_sharing):
            items.append(self._sharing(f"share:{i}", link, len(items)))
        for item in items:
            if item.date:
                item.lines.insert(0, Line(long_date(item.date), fill="#57606a"))
        return items

    def _text(self, element, fallback: str) -> list[Line]:
        """What a card says about an element whose kind is 'other': its notes or quote, short."""
        text = clean(element.notes) or clean(element.quote) or fallback
        return [Line(t) for t in wrap(text, self.chars, 2)]

    def _when(self, element) -> list[Line]:
        """The review's words for when, under a date one line, else two (in full in the panel)."""
        if not element.when:
            return []
        return [Line(t, fill="#57606a", italic=True)
                for t in wrap(clean(element.when), self.chars, 1 if element.date else 2)]

    def _meeting(self, key: str, meeting: Meeting, order: int) -> Item:
        lines = [Line(t, weight=600) for t in wrap(words(meeting.kind) if meeting.kind != "other"
                                                   else "meeting", self.chars, 3)]
        links: dict[int, str] = {}
        for who in meeting.invited:
            links[self._lane(who)] = "invited"
        for who in meeting.attended:
            links[self._lane(who)] = "attended"
        for who in meeting.absent:
            links[self._lane(who)] = "absent"
        if meeting.absent:
            names = ", ".join(label_of(self.cm, a) for a in meeting.absent)
            lines += [Line(t, fill=LINE_COLOURS["missed"], weight=600)
                      for t in wrap("absent: " + names, self.chars, 2)]
            self.used["absent"] = absent_mark_legend()
        if meeting.attended or meeting.invited:
            self.used["attended"] = attended_legend()
        self.used["meeting"] = symbol_legend("meeting", "meeting (line to who was there)")
        lane = self._special("meetings")
        links.pop(lane, None)
        return Item(key, "meeting", meeting, order, lane, lines + self._when(meeting), links)

    def _decision(self, key: str, decision: Decision, order: int) -> Item:
        lane = next((self.lane_of[b] for b in decision.by if b in self.lane_of), None)
        if lane is None:
            lane = 0 if decision.by else self._special("unnamed")
        lines = [Line(t, weight=600) for t in wrap(words(decision.kind), self.chars, 3)] \
            if decision.kind != "other" else self._text(decision, "decision")
        if decision.outcome:
            lines.append(Line(OUTCOME_TEXT.get(decision.outcome, humanise(decision.outcome)),
                              fill=OUTCOME_COLOURS.get(decision.outcome, "#57606a"), weight=700))
        self.used[f"decision:{decision.outcome}"] = decision_legend(decision.outcome)
        return Item(key, "decision", decision, order, lane, lines + self._when(decision))

    def _event(self, key: str, event: Event, order: int) -> Item:
        lane = next((self.lane_of[b] for b in event.by if b in self.lane_of), 0)
        lines = [Line(t, weight=600) for t in wrap(words(event.kind), self.chars, 3)] \
            if event.kind != "other" else self._text(event, "event")
        serious = event.kind in SERIOUS_EVENTS
        self.used[f"event:{serious}"] = symbol_legend(
            "event-serious" if serious else "event",
            "death, serious injury or assault" if serious else "event")
        return Item(key, "event", event, order, lane, lines + self._when(event))

    def _sharing(self, key: str, link: InformationSharing, order: int) -> Item:
        status = link.status
        colour = LINE_COLOURS.get(status, LINE_COLOURS["grey"])
        head = {"missed": "missed sharing", "partial": "shared in part"}.get(status, "shared")
        lines = [Line(head, fill=colour, weight=700)]
        source = self._lane(link.from_) if link.from_ else None
        target = self._lane(link.to) if link.to else None
        links: dict[int, str] = {}
        if source is None:
            lines.append(Line("from: not named", fill="#57606a", italic=True))
        if target is None:
            lines.append(Line("to: not named", fill="#57606a", italic=True))
        elif source is None:
            pass  # drawn in the receiver's lane, with nothing to point from
        elif target == source:
            lines += [Line(t) for t in wrap("to " + label_of(self.cm, link.to), self.chars, 2)]
        else:
            links[target] = "to"
        if link.what:
            lines += [Line(t) for t in wrap(clean(link.what), self.chars, 2)]
        self.used[f"share:{status}"] = sharing_legend(status)
        lane = source if source is not None else (target if target is not None else 0)
        return Item(key, "sharing", link, order, lane, lines + self._when(link), links)

    # -- layout ------------------------------------------------------------------------

    def _layout(self) -> None:
        """Place every card, choosing how labels wrap, how many tracks a lane has and how
        many parts the undated column has: whatever lets the fitted drawing's text be
        largest (up to the size it is drawn at), then the least shortened labels.
        """
        best = None
        for chars in (18, 16, 14, 12, 10):
            self.chars = chars
            self.items = self._items()
            undated = [i for i in self.items if not i.date]
            per_lane = max([1] + [sum(1 for i in undated if i.lane == n)
                                  for n in range(len(self.lanes))])
            for heads, tracks, parts in product((10, 12, 16, 22, 30), (1, 2, 3, 4),
                                                range(1, min(per_lane, 8) + 1)):
                self._headers_wrap(heads)
                self._place(tracks, parts)
                scale = min(self.window[0] / self.width, self.window[1] / self.height, 1.0)
                key = (round(scale, 3), chars, heads, -tracks, -parts)
                if best is None or key > best[0]:
                    best = (key, chars, heads, tracks, parts)
        _, self.chars, heads, tracks, parts = best
        self.items = self._items()
        self._headers_wrap(heads)
        self._place(tracks, parts)

    def _place(self, tracks: int, parts: int) -> None:
        """Dated items left to right in time order, each lane's in up to `tracks` rows.

        A date's cards start where the lanes they are in (and the lanes its
        lines cross) are free, so items in different lanes share the width;
        the axis only moves right. Undated items follow in their own column.
        """
        lanes = len(self.lanes)
        free = [[self.header_w + 4.0] * tracks for _ in range(lanes)]
        track_h = [[0.0] * tracks for _ in range(lanes)]
        rows_free = [self.header_w + 4.0] * 2    # the axis's two rows of labels
        year_free = last_x = self.header_w + 4.0
        self.columns = []
        placed: list[tuple[Item, int, int, float]] = []      # item, lane, track, y in track
        last_year = None
        for date in self.dates:
            items = [i for i in self.items if i.date == date]
            linked = [i for i in items if i.links]
            for slot, item in enumerate(linked):
                item.slot = slot
            gutter = 8.0 + SLOT * len(linked)
            crossed = set()
            for item in linked:
                ends = [item.lane, *item.links]
                crossed |= set(range(min(ends), max(ends) + 1))
            cells: dict[int, list[Item]] = {}
            for item in items:
                cells.setdefault(item.lane, []).append(item)
            new_year = date[:4] != last_year
            # Cards start left to right in time order, and so do their dates on the axis.
            base = max([min(rows_free), last_x + 8 - gutter, year_free if new_year else 0.0]
                       + [max(free[lane]) for lane in crossed])
            # The top track that is free by then, else the one free soonest.
            chosen = {lane: next((t for t in range(tracks) if free[lane][t] <= base),
                                 min(range(tracks), key=lambda t: (free[lane][t], t)))
                      for lane in cells}
            x = max([base] + [free[lane][t] for lane, t in chosen.items()])
            column = Column(date, x, gutter)
            self.columns.append(column)
            for lane, cell in cells.items():
                t = chosen[lane]
                width = max(i.width for i in cell)
                column.width = max(column.width, width)
                top = 0.0
                for item in cell:
                    item.column = len(self.columns) - 1
                    placed.append((item, lane, t, top))
                    top += item.height + GAP
                track_h[lane][t] = max(track_h[lane][t], top - GAP)
                free[lane][t] = x + gutter + width + 8
            for lane in crossed:
                free[lane] = [max(f, x + gutter) for f in free[lane]]
            column.row = next(r for r in (0, 1) if rows_free[r] <= x)
            rows_free[column.row] = x + text_width(column_label(date), SIZE) + 12
            if new_year:
                year_free = x + text_width(date[:4], SIZE, True) + 16
                last_year = date[:4]
            last_x = x + gutter
        x = max(rows_free + [year_free] + [f for row in free for f in row])
        undated_x = x
        by_lane: dict[int, list[Item]] = {}
        for item in self.items:
            if not item.date:
                by_lane.setdefault(item.lane, []).append(item)
        undated_cols = [Column(None, x) for _ in range(parts if by_lane else 0)]
        for lane_items in by_lane.values():
            per = math.ceil(len(lane_items) / parts)
            for n, item in enumerate(lane_items):
                item.column = len(self.columns) + n // per
        for n, column in enumerate(undated_cols):
            index = len(self.columns)
            self.columns.append(column)
            linked = [i for i in self.items if i.column == index and not i.date and i.links]
            for slot, item in enumerate(linked):
                item.slot = slot
            column.x = x
            column.gutter = 8.0 + SLOT * len(linked)
            column.width = max([60.0] + [i.width for i in self.items
                                         if i.column == index and not i.date]) + 6
            x = column.right
        if undated_cols:
            needed = max(text_width(t, SIZE, True) for t in ("Undated", "in review order")) + 12
            if x - undated_x < needed:
                undated_cols[-1].width += needed - (x - undated_x)
                x = undated_x + needed
        self.undated_x = undated_x if undated_cols else None
        self.width = x + 4
        stacks: dict[int, float] = {}
        for item in self.items:
            if not item.date:
                cell = (item.lane, item.column)
                stacks[cell] = stacks.get(cell, -GAP) + item.height + GAP
        y = AXIS_H
        track_top: dict[tuple[int, int], float] = {}
        for n, lane in enumerate(self.lanes):
            lane.y = y
            top = y + 4
            for t in range(tracks):
                track_top[(n, t)] = top
                top += track_h[n][t] + (GAP if track_h[n][t] else 0.0)
            lane.height = max([len(lane.lines) * LINE + 10, 26.0, top - y + 4]
                              + [h + 8 for (ln, _), h in stacks.items() if ln == n])
            y += lane.height
        self.height = y + 8
        for item, lane, t, offset in placed:
            item.x = self.columns[item.column].x + self.columns[item.column].gutter
            item.y = track_top[(lane, t)] + offset
        undated_top: dict[tuple[int, int], float] = {}
        for item in self.items:
            if not item.date:
                column = self.columns[item.column]
                item.x = column.x + column.gutter
                item.y = undated_top.get((item.lane, item.column), self.lanes[item.lane].y + 4)
                undated_top[(item.lane, item.column)] = item.y + item.height + GAP

    # -- drawing ---------------------------------------------------------------------

    def title(self, element: ET.Element, ref: str) -> None:
        if self.titles:
            add_title(element, self.details.title(ref))

    def draw(self, root: ET.Element) -> None:
        layers = {name: sub(root, "g", {"class": f"layer-{name}"})
                  for name in ("lanes", "axis", "items", "sharing", "headers")}
        self._bands(layers["lanes"])
        self._axis(layers["axis"])
        for item in self.items:
            self._item(layers["sharing" if item.kind == "sharing" else "items"], item)
        self._headers(layers["headers"])
        if not self.items:
            sub(root, "text", {"x": self.header_w + 12, "y": AXIS_H + 22, "font-size": SIZE,
                               "fill": "#57606a"},
                "This review records no events, meetings, decisions or information sharing.")

    def _bands(self, parent: ET.Element) -> None:
        for n, lane in enumerate(self.lanes):
            sub(parent, "rect", {"x": 0, "y": lane.y, "width": self.width, "height": lane.height,
                                 "fill": FAMILY if n == 0 else "#ffffff" if n % 2 else "#fbfcfd",
                                 "stroke": "#d0d7de", "stroke-width": 0.8})
        bottom = self.lanes[-1].y + self.lanes[-1].height
        for column in self.columns:
            if column.date:   # behind the cards, which are opaque
                sub(parent, "path", {"d": f"M{column.x:.1f},{AXIS_H:.1f} V{bottom:.1f}",
                                     "stroke": "#d0d7de", "stroke-width": 1,
                                     "stroke-dasharray": "2 4"})
        if self.undated_x is not None:
            sub(parent, "rect", {"x": self.undated_x, "y": 0, "width": self.width - self.undated_x,
                                 "height": bottom, "fill": "#8c959f", "fill-opacity": 0.08})

    def _axis(self, parent: ET.Element) -> None:
        years: list[list] = []
        for column in self.columns:
            if column.date is None:
                continue
            if not years or years[-1][0] != column.date[:4]:
                years.append([column.date[:4], column.x])
            # Ticks and guides keep clear of the other row's labels.
            sub(parent, "path", {"d": f"M{column.x:.1f},{AXIS_H - 44:.1f} V{AXIS_H - 38:.1f}"
                                 if column.row == 0 else
                                 f"M{column.x:.1f},{AXIS_H - 19:.1f} V{AXIS_H - 4:.1f}",
                                 "stroke": "#1f2328", "stroke-width": 1.5})
            sub(parent, "text", {"x": column.x + 3, "y": AXIS_H - 24 + 17 * column.row,
                                 "font-size": SIZE,
                                 "fill": "#57606a"}, column_label(column.date))
        end = (self.undated_x if self.undated_x is not None else self.width) - 8
        for n, (year, x0) in enumerate(years):
            x1 = years[n + 1][1] - 6 if n + 1 < len(years) else end
            sub(parent, "path", {"d": f"M{x0:.1f},{AXIS_H - 44:.1f} H{x1:.1f}",
                                 "stroke": "#1f2328", "stroke-width": 2})
            sub(parent, "text", {"x": x0 + 3, "y": AXIS_H - 49, "font-size": SIZE,
                                 "font-weight": 700}, year)
        if self.undated_x is not None:
            sub(parent, "text", {"x": self.undated_x + 8, "y": AXIS_H - 49, "font-size": SIZE,
                                 "font-weight": 700}, "Undated")
            sub(parent, "text", {"x": self.undated_x + 8, "y": AXIS_H - 6, "font-size": SIZE,
                                 "fill": "#57606a"}, "in review order")
        sub(parent, "text", {"x": 8, "y": AXIS_H - 6, "font-size": SIZE, "fill": "#57606a",
                             "font-style": "italic"}, "Lane")

    def _headers(self, parent: ET.Element) -> None:
        sub(parent, "rect", {"x": 0, "y": AXIS_H, "width": self.header_w - 4,
                             "height": self.height - AXIS_H - 8, "fill": "#ffffff",
                             "fill-opacity": 0.0})
        busy = {i.lane for i in self.items}
        for n, lane in enumerate(self.lanes):
            if n not in busy:
                # Nothing in the lane: its name may run on until the first line across it.
                crossing = [self.columns[i.column].x for i in self.items if i.links and
                            min(i.lane, *i.links) <= n <= max(i.lane, *i.links)]
                room = min(crossing + [self.width]) - 18
                lane.lines = wrap(lane.label, max(8, int(room / (0.62 * SIZE * 1.08))), 1)
            if lane.agency:
                absent = [m for m in self.cm.meetings if lane.agency.id in m.absent]
                ref = self.details.add(lane.key, agency_details(lane.agency, self.cm, absent))
            else:
                ref = self.details.add(lane.key, self._lane_details(lane))
            group = sub(parent, "g", {"class": "lane-head", "data-ref": ref, "tabindex": 0})
            self.title(group, ref)
            sub(group, "rect", {"x": 2, "y": lane.y + 2, "width": self.header_w - 8,
                                "height": lane.height - 4, "fill": "#ffffff", "fill-opacity": 0,
                                "rx": 3})
            colour = AGENCY_COLOURS.get(lane.agency.kind, "#57606a") if lane.agency else "#1f2328"
            sub(group, "rect", {"x": 3, "y": lane.y + 5, "width": 4, "height": lane.height - 10,
                                "fill": colour})
            for i, text in enumerate(lane.lines):
                sub(group, "text", {"x": 13, "y": lane.y + 18 + i * LINE, "font-size": SIZE,
                                    "font-weight": 700}, text)

    def _lane_details(self, lane: Lane) -> dict:
        """What the panel says about the family's lane, or the meetings' or decisions'."""
        if lane.key == "family":
            facts = [["people", ", ".join(clean(p.label or p.id) for p in self.cm.people)]] \
                if self.cm.people else []
            hint = "Events no agency is named for, and what family members did."
        elif lane.key == "meetings":
            facts = [["meetings", str(len(self.cm.meetings))]]
            hint = "Each meeting has a line to the lanes of who came (dot) or was absent (cross)."
        else:
            facts = []
            hint = "Decisions the review gives without saying which agency made them."
        return {"heading": lane.label, "kind": "lane", "facts": facts, "quote": None,
                "notes": hint}

    def _timed(self, attrs: dict, date: str | None) -> dict:
        attrs = {**attrs, "data-since": date}
        if not active_at(date, None, self.at):
            attrs["class"] += " hidden-by-date"
            attrs["display"] = "none"
        return attrs

    def _item(self, parent: ET.Element, item: Item) -> None:
        element = item.element
        detail = {"meeting": meeting_details, "decision": decision_details,
                  "event": event_details, "sharing": sharing_details}[item.kind](element, self.cm)
        ref = self.details.add(item.key, detail)
        css = f"item {item.kind}" + (f" sharing-{element.status}" if item.kind == "sharing" else "")
        group = sub(parent, "g", self._timed({"class": css, "data-ref": ref, "tabindex": 0},
                                             item.date))
        self.title(group, ref)
        sub(group, "rect", {"x": item.x, "y": item.y, "width": item.width, "height": item.height,
                            "rx": 4, "fill": "#ffffff", "stroke": "#afb8c1", "stroke-width": 1})
        if item.links:
            self._connector(group, item)
        self._symbol(group, item, item.x + PAD + 6, item.y + PAD + LINE / 2 - 1)
        for i, line in enumerate(item.lines):
            sub(group, "text", {"x": item.x + PAD + MARK, "y": item.y + PAD + 13 + i * LINE,
                                "font-size": SIZE, "fill": line.fill,
                                "font-weight": line.weight if line.weight != 400 else None,
                                "font-style": "italic" if line.italic else None}, line.text)

    def _connector(self, group: ET.Element, item: Item) -> None:
        """A meeting's line to the lanes of who was there, or sharing's arrow to its receiver."""
        column = self.columns[item.column]
        cx = column.x + 6 + SLOT * item.slot + SLOT / 2
        cy = item.y + PAD + LINE / 2 - 1
        centre = {n: self.lanes[n].y + self.lanes[n].height / 2 for n in item.links}
        if item.kind == "sharing":
            [(target, _)] = item.links.items()
            ty = centre[target] + (-8 if target > item.lane else 8)
            points = [(item.x, cy), (cx, cy), (cx, ty)]
            sharing_path(group, item.element.status, points, self.prefix)
            _hit(group, points)
            return
        ys = [cy] + list(centre.values())
        path = f"M{item.x:.1f},{cy:.1f} H{cx:.1f} M{cx:.1f},{min(ys):.1f} V{max(ys):.1f}"
        sub(group, "path", {"d": path, "stroke": MEETING_COLOUR, "stroke-width": 1.6,
                            "fill": "none"})
        _hit(group, [(cx, min(ys)), (cx, max(ys))])
        for lane, how in item.links.items():
            y = centre[lane]
            if how == "absent":
                _absent_mark(group, cx, y)
            else:
                sub(group, "circle", {"cx": cx, "cy": y, "r": 5,
                                      "fill": MEETING_COLOUR if how == "attended" else "#ffffff",
                                      "stroke": MEETING_COLOUR, "stroke-width": 1.6})

    def _symbol(self, group: ET.Element, item: Item, x: float, y: float) -> None:
        if item.kind == "meeting":
            _draw_symbol(group, "meeting", x, y)
        elif item.kind == "event":
            _draw_symbol(group, "event-serious" if item.element.kind in SERIOUS_EVENTS
                         else "event", x, y)
        elif item.kind == "decision":
            _draw_symbol(group, "decision", x, y, OUTCOME_COLOURS.get(item.element.outcome))
        else:
            colour = LINE_COLOURS.get(item.element.status, LINE_COLOURS["grey"])
            sub(group, "path", {"d": f"M{x - 5:.1f},{y:.1f} H{x + 5:.1f}", "stroke": colour,
                                "stroke-width": 2.5,
                                "marker-end": f"url(#{self.prefix}-arrow-{item.element.status})"
                                if item.element.status in LINE_COLOURS else None})


def _draw_symbol(parent: ET.Element, kind: str, x: float, y: float,
                 colour: str | None = None) -> None:
    if kind == "meeting":
        sub(parent, "rect", {"x": x - 5.5, "y": y - 5.5, "width": 11, "height": 11,
                             "fill": MEETING_COLOUR})
    elif kind == "decision":
        sub(parent, "path", {"d": f"M{x:.1f},{y - 7:.1f} L{x + 7:.1f},{y:.1f} "
                                  f"L{x:.1f},{y + 7:.1f} L{x - 7:.1f},{y:.1f} Z",
                             "fill": colour or "#57606a"})
    else:
        serious = kind == "event-serious"
        sub(parent, "circle", {"cx": x, "cy": y, "r": 6,
                               "fill": LINE_COLOURS["harm"] if serious else "#57606a"})


def _absent_mark(parent: ET.Element, x: float, y: float) -> None:
    colour = LINE_COLOURS["missed"]
    sub(parent, "circle", {"cx": x, "cy": y, "r": 7, "fill": "#ffffff", "stroke": colour,
                           "stroke-width": 2})
    sub(parent, "path", {"d": f"M{x - 3.5:.1f},{y - 3.5:.1f} L{x + 3.5:.1f},{y + 3.5:.1f} "
                              f"M{x + 3.5:.1f},{y - 3.5:.1f} L{x - 3.5:.1f},{y + 3.5:.1f}",
                         "stroke": colour, "stroke-width": 2})


def _hit(group: ET.Element, points: list[tuple[float, float]]) -> None:
    """A wide invisible stroke so a thin line is easy to point at."""
    d = "M" + " L".join(f"{x:.1f},{y:.1f}" for x, y in points)
    sub(group, "path", {"d": d, "stroke": "#000000", "stroke-opacity": 0, "stroke-width": 12,
                        "fill": "none"})


def symbol_legend(kind: str, text: str) -> LegendItem:
    """The key entry of a card's symbol."""
    def draw(parent: ET.Element, x: float, y: float, prefix: str) -> None:
        _draw_symbol(parent, kind, x + 18, y + 9)
    return LegendItem(draw, text)


def decision_legend(outcome: str | None) -> LegendItem:
    """The key entry of a decision with its outcome."""
    def draw(parent: ET.Element, x: float, y: float, prefix: str) -> None:
        _draw_symbol(parent, "decision", x + 18, y + 9, OUTCOME_COLOURS.get(outcome))
    text = f"decision: {humanise(outcome)}" if outcome else "decision, outcome not recorded"
    return LegendItem(draw, text)


def attended_legend() -> LegendItem:
    def draw(parent: ET.Element, x: float, y: float, prefix: str) -> None:
        sub(parent, "path", {"d": f"M{x + 18:.1f},{y:.1f} V{y + 18:.1f}",
                             "stroke": MEETING_COLOUR, "stroke-width": 1.6})
        sub(parent, "circle", {"cx": x + 18, "cy": y + 9, "r": 5, "fill": MEETING_COLOUR})
    return LegendItem(draw, "attended the meeting (hollow: invited)")


def absent_mark_legend() -> LegendItem:
    def draw(parent: ET.Element, x: float, y: float, prefix: str) -> None:
        sub(parent, "path", {"d": f"M{x + 18:.1f},{y:.1f} V{y + 18:.1f}",
                             "stroke": MEETING_COLOUR, "stroke-width": 1.6})
        _absent_mark(parent, x + 18, y + 9)
    return LegendItem(draw, "absent from the meeting")


_ORDER = ("event:False", "event:True", "meeting", "attended", "absent", "decision:made",
          "decision:declined", "decision:not_completed", "decision:delayed", "decision:None",
          "share:missed", "share:partial", "share:shared")


def _legend_order(key: str) -> tuple[int, str]:
    return (_ORDER.index(key) if key in _ORDER else len(_ORDER), key)


def timeline_drawing(casemap: CaseMap, *, at: str | None = None, standalone: bool = True,
                     portrait: bool = False) -> Drawing:
    """The chronology of a review: lanes for the family and each agency, dated and undated items.

    It is laid out for a screen's window, or with `portrait` for a page of
    portrait A4 (its arrowheads then have ids of their own, so both can share a page).
    """
    prefix = PREFIX + ("p" if portrait else "")
    line = _Timeline(casemap, at, titles=standalone, prefix=prefix,
                     window=PORTRAIT if portrait else (VIEW_W, VIEW_H))
    title = clean(casemap.review.title or casemap.review.id)
    counts = [f"{len(line.items)} items", f"{sum(1 for i in line.items if not i.date)} undated"]
    subtitle = " · ".join(x for x in ("Chronology", ", ".join(counts),
                                      f"at {line.at}" if line.at else "",
                                      clean(casemap.review.partnership or "")) if x)
    top = TITLE_HEIGHT if standalone else 0.0
    width, height = line.width, line.height + top
    root = svg_root(width, height, f"Chronology: {title}")
    defs = sub(root, "defs")
    arrow_markers(defs, prefix, LINE_COLOURS)
    sub(root, "rect", {"x": 0, "y": 0, "width": "100%", "height": "100%", "fill": "#ffffff"})
    main = sub(root, "g", {"class": "timeline", "transform": f"translate(0,{top:.1f})"})
    line.draw(main)
    legend = [line.used[k] for k in sorted(line.used, key=_legend_order)]
    if standalone:
        standalone_frame(root, title=title, subtitle=subtitle, legend=legend,
                         width=width + 6, height=height, top=top, x=16, prefix=prefix,
                         legend_width=LEGEND_WIDTH - 6)
    return Drawing(root, line.details, legend, title, subtitle, line.dates, line.at)

