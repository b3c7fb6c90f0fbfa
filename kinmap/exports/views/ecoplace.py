"""Where an ecomap puts things: text sizes, boxes that must not overlap, the ring of systems.

The ecomap is read on a projector, so its text is large for its size and every
label claims a box: items on the ring are spaced by the room their symbol and
label take along the ring (an ellipse, wider than tall like a screen), and a
label on a line goes to the first place along the line where its box is free.
Text widths are estimated from character counts (kinmap draws no fonts of its
own), on the generous side so that estimates do not let labels touch.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from .svg import crosses

Box = tuple[float, float, float, float]   # x0, y0, x1, y1
Point = tuple[float, float]

#: Text sizes in drawing units; the drawing is sized to show at about 1:1 in a laptop window.
LABEL = 15.0       # names of people and agencies
CAPTION = 15.0     # the household's caption, labels on lines, absences
HEADING = 15.0     # sector headings
LINE_STEP = 1.18   # line height as a multiple of the size


def text_width(text: str, size: float, bold: bool = False) -> float:
    """An upper estimate of a line's width in drawing units."""
    return len(text) * size * (0.62 if bold else 0.58)


def block(lines: list[str], size: float, bold: bool = False) -> tuple[float, float]:
    """Width and height of lines of text."""
    width = max((text_width(line, size, bold) for line in lines), default=0.0)
    return width, len(lines) * size * LINE_STEP


def box_at(cx: float, cy: float, w: float, h: float) -> Box:
    return (cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)


def grow(box: Box, pad: float) -> Box:
    return (box[0] - pad, box[1] - pad, box[2] + pad, box[3] + pad)


def hits(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def union(boxes: list[Box]) -> Box:
    return (min(b[0] for b in boxes), min(b[1] for b in boxes),
            max(b[2] for b in boxes), max(b[3] for b in boxes))


class Boxes:
    """The boxes taken so far in one drawing."""

    def __init__(self) -> None:
        self.taken: list[Box] = []
        #: The lines drawn, each with whose it is: a label on a line crosses no other.
        self.lines: list[tuple[str, list[Point]]] = []

    def add(self, box: Box) -> Box:
        self.taken.append(box)
        return box

    def free(self, box: Box, pad: float = 2.0) -> bool:
        grown = grow(box, pad)
        return not any(hits(grown, b) for b in self.taken)

    def clear_of_lines(self, box: Box, own: str | None = None) -> bool:
        """Whether no line but `own` passes through the box (jagged lines swing 4 px)."""
        grown = grow(box, 4)
        return not any(key != own and crosses(line, grown) for key, line in self.lines)

    def along(self, points: list[Point], w: float, h: float, own: str | None = None,
              stops: tuple[float, ...] = (0.5, 0.4, 0.6, 0.3, 0.7, 0.22, 0.78, 0.15, 0.85)
              ) -> Box | None:
        """A free box of w x h on or beside the polyline, nearest its middle, that no
        other line crosses; else (rather than lose the label) the first free box on the
        line; None when there is none."""
        shifts = (0.0, -h * 0.7, h * 0.7, -h * 1.4, h * 1.4)
        for t in stops:
            x, y = point_along(points, t)
            for dy in shifts:
                box = box_at(x, y + dy, w, h)
                if self.free(box) and self.clear_of_lines(box, own):
                    return self.add(box)
        for t in stops:
            x, y = point_along(points, t)
            for dy in shifts[:3]:
                box = box_at(x, y + dy, w, h)
                if self.free(box):
                    return self.add(box)
        return None


def point_along(points: list[Point], t: float) -> Point:
    """The point a fraction t of the way along a polyline."""
    lengths = [math.hypot(b[0] - a[0], b[1] - a[1]) for a, b in zip(points, points[1:])]
    goal = sum(lengths) * t
    for (a, b), length in zip(zip(points, points[1:]), lengths):
        if goal <= length and length > 0:
            f = goal / length
            return a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f
        goal -= length
    return points[-1]


def edge_of_box(centre: Point, box: Box, towards: Point, pad: float = 3.0) -> Point:
    """Where the segment from a box's centre towards a point leaves the box (plus `pad`)."""
    dx, dy = towards[0] - centre[0], towards[1] - centre[1]
    hw, hh = (box[2] - box[0]) / 2 + pad, (box[3] - box[1]) / 2 + pad
    if dx == 0 and dy == 0:
        return centre
    t = min(hw / abs(dx) if dx else math.inf, hh / abs(dy) if dy else math.inf)
    return centre[0] + dx * t, centre[1] + dy * t


@dataclass
class RingItem:
    """Something on the ring: its size (width, height) and the sector it belongs to."""

    key: str
    sector: str
    w: float
    h: float


#: The part of a 1400 x 900 window an SVG view gets beside the side panel, in CSS px.
SCREEN = (1040.0, 760.0)


def ring_positions(items: list[RingItem], inner: Box, gap: float = 12.0,
                   sector_gap: float = 26.0, disc: float = 0.0,
                   keep_out: tuple[Box, ...] = (), window: tuple[float, float] = SCREEN
                   ) -> tuple[dict[str, Point], float, float]:
    """Centres for ring items round the `inner` box, in order, the first sector at the top.

    With `disc` (the radius of the home's circle) and `keep_out` (its caption),
    items need only clear those, not the whole inner box, so they may come
    closer at the diagonals.

    The ring is an ellipse a little wider than tall, shaped for the `window`
    the drawing is fitted to (a screen's; nearer round for portrait paper). Each item takes the room
    its box needs along the ring where it stands (its width at the top and
    bottom, its height at the sides); the ring grows until every item fits and
    none touches the inner box or another item. When that makes the ring much
    larger than the inner box needs, every other item steps outwards (two
    staggered rings) if that fits the screen at a larger scale. Returns
    centres, rx, ry.
    """
    if not items:
        return {}, 0.0, 0.0
    max_w = max(i.w for i in items)
    max_h = max(i.h for i in items)
    rx0 = (inner[2] - inner[0]) / 2 + max_w / 2 + 34
    ry0 = (inner[3] - inner[1]) / 2 + max_h / 2 + 26
    if disc:  # start small: the ring grows until it is clear
        rx0, ry0 = disc + max_w / 2, disc + max_h / 2
    rx0 = max(rx0, ry0 * 1.4 * (window[0] / window[1]) / (SCREEN[0] / SCREEN[1]))
    shapes = (disc, keep_out or ((inner,) if not disc else ()))
    first = items[0].sector
    lead = sum(i.w + gap for i in items if i.sector == first) / 2
    best = None
    for stagger in ((0.0, max_h + 10) if len(items) > 6 else (0.0,)):
        rx, ry = rx0, ry0
        placed = None
        for _ in range(80):
            placed = _try_ring(items, rx, ry, gap, sector_gap,
                               lead / 2 if stagger else lead, stagger)
            if placed is not None and _clear(items, placed, *shapes):
                break
            rx, ry = rx * 1.03, ry * 1.03
        if placed is None:
            continue
        boxes = [box_at(*placed[i.key], i.w, i.h) for i in items] + [inner]
        x0, y0, x1, y1 = union(boxes)
        scale = min(window[0] / (x1 - x0 + 60), window[1] / (y1 - y0 + 60))
        if best is None or scale > best[0] * 1.04:
            best = (scale, placed, rx, ry)
    assert best is not None
    return best[1], best[2], best[3]


def _ellipse(rx: float, ry: float, samples: int = 1440) -> tuple[list[Point], list[float]]:
    """Points round an ellipse clockwise from the top and the arc length up to each."""
    pts = [(rx * math.sin(2 * math.pi * k / samples), -ry * math.cos(2 * math.pi * k / samples))
           for k in range(samples + 1)]
    acc = [0.0]
    for a, b in zip(pts, pts[1:]):
        acc.append(acc[-1] + math.hypot(b[0] - a[0], b[1] - a[1]))
    return pts, acc


def _footprint(item: RingItem, tangent: Point, gap: float) -> float:
    return abs(item.w * tangent[0]) + abs(item.h * tangent[1]) + gap


def _try_ring(items: list[RingItem], rx: float, ry: float, gap: float, sector_gap: float,
              lead: float, stagger: float = 0.0) -> dict[str, Point] | None:
    pts, acc = _ellipse(rx, ry)
    total = acc[-1]

    def at(s: float) -> tuple[Point, Point]:
        s %= total
        lo, hi = 0, len(acc) - 1
        while lo < hi - 1:
            mid = (lo + hi) // 2
            if acc[mid] <= s:
                lo = mid
            else:
                hi = mid
        a, b = pts[lo], pts[hi]
        length = math.hypot(b[0] - a[0], b[1] - a[1]) or 1.0
        f = (s - acc[lo]) / length
        return (a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f), \
            ((b[0] - a[0]) / length, (b[1] - a[1]) / length)

    # Three rounds: each learns the footprint of every item where the last round put it.
    need = [i.w + gap for i in items]
    for _round in range(3):
        breaks = sum(1 for a, b in zip(items, items[1:]) if a.sector != b.sector) + 1
        used = sum(need) * (0.55 if stagger else 1.0) + sector_gap * breaks
        if used > total:
            return None
        slack = (total - used) / len(items)
        s = -lead
        out: dict[str, Point] = {}
        new_need = []
        for k, item in enumerate(items):
            if k and items[k - 1].sector != item.sector:
                s += sector_gap
            half = (need[k] * (0.55 if stagger else 1.0) + slack) / 2
            s += half
            centre, tangent = at(s)
            if stagger and k % 2:  # the same angle on a larger ellipse
                t = math.atan2(centre[0] / rx, -centre[1] / ry)
                centre = ((rx + stagger) * math.sin(t), -(ry + stagger) * math.cos(t))
            out[item.key] = centre
            new_need.append(_footprint(item, tangent, gap))
            s += half
        need = new_need
    return out


def _clear(items: list[RingItem], placed: dict[str, Point], disc: float,
           keep_out: tuple[Box, ...]) -> bool:
    boxes = [box_at(*placed[i.key], i.w, i.h) for i in items]
    grown = [grow(box, 22) for box in keep_out]
    for k, b in enumerate(boxes):
        if any(hits(b, g) for g in grown):
            return False
        if disc:  # the nearest point of the box to the centre stays outside the circle
            nx = min(max(0.0, b[0]), b[2])
            ny = min(max(0.0, b[1]), b[3])
            if math.hypot(nx, ny) < disc + 22:
                return False
        for other in boxes[k + 1:]:
            if hits(grow(b, 4), other):
                return False
    return True
