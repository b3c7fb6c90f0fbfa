"""A genogram's homes over time: the households at the chosen date, and the strip of all homes.

The genogram draws, as dashed boundaries, only the households people lived
in at the chosen date (`homes.home_at`): one boundary per household and set of
members living there then, each carrying `data-shown` (one character per date
position) so the page can switch them with the date control. Under the
drawing, a strip lists every home and placement in time order (`homes.in_order`)
with its number, kind, label and dates; a hospital stay sits in the strip as a
stay, never as a boundary.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ...model import Household
from .dates import shown_mask
from .details import household_details
from .homes import home_at, in_order, is_stay
from .svg import LINE_COLOURS, LegendItem, rounded_polygon_d, sub
from .text import clean, humanise, span, wrap

if TYPE_CHECKING:
    from .genogram import _Genogram

HOUSEHOLD_COLOURS = ("#00796b", "#5d4037", "#3949ab", "#ad1457", "#827717", "#0277bd",
                     "#6d4c41", "#7b1fa2")
STAY_COLOUR = "#616161"
#: Text sizes of the strip (SVG px; the page scales the drawing to fit).
HEAD_SIZE, TEXT_SIZE = 15.0, 13.0
BOX_W, BOX_GAP = 250.0, 16.0


def numbers(households: list[Household]) -> dict[str, int]:
    """Each home's number in time order (stays are not numbered: they are not homes)."""
    homes = [h for h in in_order(households) if not is_stay(h)]
    return {h.id: i + 1 for i, h in enumerate(homes)}


@dataclass
class Boundary:
    """One household drawn round the members who lived there at some of the date positions."""

    household: Household
    members: list[str]
    mask: str | None       # None: shown at every position


def boundaries(gg: _Genogram) -> list[Boundary]:
    """The household boundaries of every date position, each set of members once."""
    cm = gg.cm
    # People outside the family get no boundary: the strip lists who lived where.
    drawn = [p for p in gg.layout.x if p not in set(gg.kin.outsiders)]
    # The last position is the latest the review tells: each person's latest home,
    # including undated homes the case map lists after the last dated one.
    points: list[str | None] = list(gg.dates[:-1]) + [None]
    home: dict[tuple[str, int], str | None] = {}
    for pid in drawn:
        for i, at in enumerate(points):
            found = home_at(cm, pid, at)
            home[(pid, i)] = found.id if found else None
    shown: dict[tuple[str, frozenset[str]], list[int]] = defaultdict(list)
    for household in cm.households:
        if is_stay(household):
            continue
        for i in range(len(points)):
            members = frozenset(m for m in household.members
                                if m in drawn and home[(m, i)] == household.id)
            if members:
                shown[(household.id, members)].append(i)
    by_id = {h.id: h for h in cm.households}
    out = []
    for (hid, members), at in shown.items():
        mask = shown_mask(gg.dates, lambda p, at=set(at): gg.dates.index(p) in at) \
            if gg.dates else None
        order = [m for m in by_id[hid].members if m in members]
        out.append(Boundary(by_id[hid], order, mask))
    return out


def draw_boundaries(gg: _Genogram, parent: ET.Element) -> None:
    """A dashed boundary round the people of each household at the chosen date."""
    number = numbers(gg.cm.households)
    for b in boundaries(gg):
        now = b.mask is None or gg.at_index is None or b.mask[gg.at_index] == "1"
        if gg.standalone and not now:
            continue  # a static drawing shows the chosen date only
        colour = gg.colour[b.household.id]
        ref = gg.details.add(f"household:{b.household.id}",
                             household_details(b.household, gg.cm))
        classes = "household" + ("" if now else " hidden-by-date")
        group = sub(parent, "g", {"class": classes, "data-ref": ref, "tabindex": 0,
                                  "data-household": b.household.id, "data-shown": b.mask,
                                  "data-members": " ".join(b.members)})
        gg.title(group, ref)
        shapes = gg.household_shapes(b.members, 4)
        for i, rects in enumerate(shapes):
            d = rounded_polygon_d(_outline(rects), 12)
            sub(group, "path", {"d": d, "fill": colour, "fill-opacity": 0.05, "stroke": colour,
                                "stroke-width": 1.8, "stroke-dasharray": "7 4"})
            # A wide invisible edge: the boundary is easy to point at and click.
            sub(group, "path", {"d": d, "fill": "none", "stroke": "#000000",
                                "stroke-opacity": 0, "stroke-width": 12, "class": "hit"})
            gg.extent(rects[0][1] - 11)
            if i:  # parts of one household in rows apart: joined by a dashed line
                (ax0, _, ax1, ay1), (bx0, by0, bx1, _) = shapes[i - 1][-1], rects[0]
                sub(group, "path", {"d": f"M{(ax0 + ax1) / 2:.1f},{ay1:.1f} "
                                          f"L{(bx0 + bx1) / 2:.1f},{by0:.1f}",
                                    "stroke": colour, "stroke-width": 2.2,
                                    "stroke-dasharray": "7 4", "fill": "none"})
        x0, y0 = shapes[0][0][0], shapes[0][0][1]
        badge(group, x0 + 18, y0, number.get(b.household.id, 0), colour)
        gg.obstacles.append((x0 + 6, y0 - 12, x0 + 30, y0 + 12))  # no tie label over it
        gg.name_boxes.append((None, (x0 + 7, y0 - 11, x0 + 29, y0 + 11)))  # no tie through it
        gg.use("household", household_legend())


def _outline(rects: list[tuple[float, float, float, float]]) -> list[tuple[float, float]]:
    """The outline of rectangles stacked top to bottom, each touching the next."""
    right = [p for x0, y0, x1, y1 in rects for p in ((x1, y0), (x1, y1))]
    left = [p for x0, y0, x1, y1 in reversed(rects) for p in ((x0, y1), (x0, y0))]
    points: list[tuple[float, float]] = []
    for p in right + left:
        if not points or p != points[-1]:
            points.append(p)
    out = []
    for i, p in enumerate(points):  # drop points in the middle of a straight run
        a, b = points[i - 1], points[(i + 1) % len(points)]
        if (a[0] == p[0] == b[0]) or (a[1] == p[1] == b[1]):
            continue
        out.append(p)
    return out


def badge(parent: ET.Element, x: float, y: float, number: int, colour: str) -> None:
    """A household's number in a filled circle."""
    sub(parent, "circle", {"cx": x, "cy": y, "r": 11, "fill": colour, "stroke": "#ffffff",
                           "stroke-width": 1.5})
    sub(parent, "text", {"x": x, "y": y + 4.6, "text-anchor": "middle", "font-size": 13,
                         "font-weight": 700, "fill": "#ffffff"}, str(number))


def household_legend() -> LegendItem:
    def draw(parent: ET.Element, x: float, y: float, prefix: str) -> None:
        sub(parent, "rect", {"x": x + 1, "y": y, "width": 35, "height": 18, "rx": 6,
                             "fill": HOUSEHOLD_COLOURS[0], "fill-opacity": 0.06,
                             "stroke": HOUSEHOLD_COLOURS[0], "stroke-width": 1.6,
                             "stroke-dasharray": "6 3"})
        sub(parent, "circle", {"cx": x + 6, "cy": y, "r": 5, "fill": HOUSEHOLD_COLOURS[0]})
    return LegendItem(draw, "household at the chosen date (number: its place in the "
                            "strip of homes below)")


def stay_legend() -> LegendItem:
    def draw(parent: ET.Element, x: float, y: float, prefix: str) -> None:
        sub(parent, "rect", {"x": x + 1, "y": y + 1, "width": 35, "height": 16, "rx": 8,
                             "fill": "#f5f5f5", "stroke": STAY_COLOUR, "stroke-width": 1.6,
                             "stroke-dasharray": "2 3"})
    return LegendItem(draw, "a stay in hospital: an event, not a home")


def current_legend() -> LegendItem:
    def draw(parent: ET.Element, x: float, y: float, prefix: str) -> None:
        sub(parent, "rect", {"x": x + 1, "y": y + 1, "width": 35, "height": 16, "rx": 6,
                             "fill": "none", "stroke": LINE_COLOURS["ink"], "stroke-width": 3})
    return LegendItem(draw, "in the strip: the home at the chosen date")


# -- the strip -----------------------------------------------------------------------

#: The drawing area of the page at 1400x900 (without the side panel): the strip's
#: entries per line are chosen so the whole drawing fits it (or the window the
#: genogram is drawn for) at the largest scale.
SCREEN = (1040.0, 735.0)
LINE = TEXT_SIZE * 1.25
ENTRY_CHARS = 28


def _entry_lines(home: Household) -> tuple[str, list[str], list[str]]:
    """The kind (bold), the kind and label wrapped, and the dates of one entry."""
    head = "Hospital stay" if is_stay(home) else humanise(home.kind).capitalize()
    text = f"{head}: {clean(home.label)}" if home.label else head
    when = span(home.since, home.until) or clean(home.when or "") or "dates not recorded"
    return head, wrap(text, ENTRY_CHARS, 8), wrap(when, ENTRY_CHARS + 2, 3)


def _entry_height(lines: tuple[str, list[str], list[str]]) -> float:
    return 12 + (len(lines[1]) + len(lines[2])) * LINE


def strip(gg: _Genogram, parent: ET.Element, family_w: float, family_h: float
          ) -> tuple[float, float]:
    """Every home and placement in time order, under the family or beside it.

    Entries go in reading order, as many per line as let the whole drawing be
    drawn largest in the window it is drawn for: under a wide family, in a
    column beside a narrow one; fewer per line on portrait paper. Returns the drawing's width and height with the strip.
    """
    cm, margin = gg.cm, gg.layout.geometry.margin
    if not cm.households:
        return family_w, family_h
    number = numbers(cm.households)
    # The numbers are the ones on the boundaries; the subject child's home at
    # the chosen date is outlined.
    subject = cm.subjects[0].id if cm.subjects else None
    homes = in_order(list(cm.households))
    entries = [_entry_lines(h) for h in homes]
    heading = "Homes and placements in time order"
    step = BOX_W + BOX_GAP
    head_h = HEAD_SIZE * 1.35 + 4

    def size(k: int) -> tuple[float, float]:
        rows = [max(_entry_height(e) for e in entries[i:i + k]) + 8
                for i in range(0, len(entries), k)]
        return k * step - BOX_GAP, head_h + sum(rows)

    best: tuple[tuple[float, float], tuple[float, float], int, float, float] | None = None
    for k in range(1, len(entries) + 1):
        w, h = size(k)
        for x0, y0 in ((margin, family_h), (family_w, margin)):  # under, or beside
            total_w, total_h = max(family_w, x0 + w + margin), max(family_h, y0 + h + margin)
            scale = min(gg.window[0] / total_w, gg.window[1] / total_h)
            # As large as possible; of equally large ones, the most compact.
            rank = (round(scale, 9), -total_w * total_h)
            if best is None or rank > best[0]:
                best = (rank, (total_w, total_h), k, x0, y0)
    _, total, per_line, x0, y = best
    sub(parent, "text", {"x": x0, "y": y + HEAD_SIZE, "font-size": HEAD_SIZE,
                         "font-weight": 700}, heading)
    gg.box(x0, y, len(heading) * HEAD_SIZE * 0.6, HEAD_SIZE * 1.25)
    y += head_h
    for row_start in range(0, len(homes), per_line):
        row = list(range(row_start, min(row_start + per_line, len(homes))))
        h = max(_entry_height(entries[i]) for i in row)
        for col, i in enumerate(row):
            _strip_box(gg, parent, homes[i], entries[i], x0 + col * step, y, h,
                       number.get(homes[i].id), subject)
        y += h + 8
    return total


def _strip_box(gg: _Genogram, parent: ET.Element, home: Household,
               lines: tuple[str, list[str], list[str]], x: float, y: float, h: float,
               number: int | None, child: str | None) -> None:
    """One entry of the strip: number, kind and label, dates; the current home outlined."""
    stay = is_stay(home)
    colour = STAY_COLOUR if stay else gg.colour[home.id]
    ref = gg.details.add(f"household:{home.id}", household_details(home, gg.cm))
    box = sub(parent, "g", {"class": "stay" if stay else "placement", "data-ref": ref,
                            "tabindex": 0, "data-household": home.id})
    gg.title(box, ref)
    sub(box, "rect", {"x": x, "y": y, "width": BOX_W, "height": h, "rx": h / 2 if stay else 7,
                      "fill": "#f5f5f5" if stay else colour, "fill-opacity": 1 if stay else 0.07,
                      "stroke": colour, "stroke-width": 1.6,
                      "stroke-dasharray": "2 3" if stay else "7 4"})
    if child is not None and not stay and child in home.members:
        last = gg.dates[-1] if gg.dates else None
        mask = shown_mask(gg.dates, lambda p: (home_at(gg.cm, child, None if p == last else p)
                                               or Household(id="~", kind="other")).id
                          == home.id) if gg.dates else None
        latest = home_at(gg.cm, child, None)
        now = (mask[gg.at_index] == "1") if mask and gg.at_index is not None else \
            (latest is not None and latest.id == home.id)
        if (mask is not None or now) and not (gg.standalone and not now):
            sub(box, "rect", {"x": x - 3, "y": y - 3, "width": BOX_W + 6, "height": h + 6,
                              "rx": 9, "fill": "none", "stroke": LINE_COLOURS["ink"],
                              "stroke-width": 3, "data-shown": mask,
                              "class": "current" + ("" if now else " hidden-by-date")})
            gg.use("current", current_legend())
    head, text, when = lines
    tx = x + 12
    if number is not None:
        badge(box, x + 15, y + 16, number, colour)
        tx = x + 32
    ty = y + 6 + TEXT_SIZE
    for i, line in enumerate(text):
        lx = tx if i == 0 else x + 12
        t = sub(box, "text", {"x": lx, "y": ty, "font-size": TEXT_SIZE})
        if i == 0 and line.startswith(head):
            sub(t, "tspan", {"font-weight": 700, "fill": colour}, head)
            sub(t, "tspan", None, line[len(head):])
        else:
            t.text = line
        gg.box(lx, ty - TEXT_SIZE, len(line) * TEXT_SIZE * 0.6, LINE)
        ty += LINE
    for line in when:
        sub(box, "text", {"x": x + 12, "y": ty, "font-size": TEXT_SIZE, "fill": "#555555"},
            line)
        gg.box(x + 12, ty - TEXT_SIZE, len(line) * TEXT_SIZE * 0.6, LINE)
        ty += LINE
    if stay:
        gg.use("stay", stay_legend())
