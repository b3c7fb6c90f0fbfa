"""SVG building blocks shared by the views: elements, line styles, arrows and legends.

Every element is built with xml.etree, so text and attribute values are escaped
by the serialiser; callers pass document text through `text.clean` first to
drop what XML cannot hold at all.
"""
from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import Iterable

from .text import clean, shorten

SVG_NS = "http://www.w3.org/2000/svg"
Point = tuple[float, float]

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"


def _value(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".")
    return str(value)


def sub(parent: ET.Element, tag: str, attrs: dict[str, object] | None = None,
        text: str | None = None) -> ET.Element:
    """A child element; attribute names use '-' ('stroke-width'), None values are left out."""
    element = ET.SubElement(parent, tag, {k: _value(v) for k, v in (attrs or {}).items()
                                          if v is not None})
    if text is not None:
        element.text = clean(text)
    return element


def svg_root(width: float, height: float, label: str, *, css_class: str = "kinmap-view"
             ) -> ET.Element:
    """An <svg> element sized to its content, with an accessible name."""
    root = ET.Element("svg", {"xmlns": SVG_NS, "viewBox": f"0 0 {_value(width)} {_value(height)}",
                              "width": _value(width), "height": _value(height),
                              "role": "img", "aria-label": clean(label), "class": css_class,
                              "font-family": FONT})
    return root


def to_string(root: ET.Element) -> str:
    """The SVG as text (no XML declaration: the same text is inlined into HTML)."""
    return ET.tostring(root, encoding="unicode", short_empty_elements=True)


def text_lines(parent: ET.Element, x: float, y: float, lines: Iterable[str],
               size: float = 11.5, step: float | None = None, **attrs: object) -> float:
    """Lines of text centred (by default) on x, the first baseline at y; returns the last y."""
    step = step or size * 1.2
    attrs = {"text-anchor": "middle", "font-size": size, **attrs}
    for i, line in enumerate(lines):
        sub(parent, "text", {"x": x, "y": y + i * step, **attrs}, line)
    return y + (len(list(lines)) - 1) * step if lines else y


def add_title(element: ET.Element, text: str) -> None:
    """A native tooltip (<title>) for a static SVG element."""
    sub(element, "title", None, text)


# -- geometry of lines ---------------------------------------------------------

def quad_points(p: Point, c: Point, q: Point, n: int) -> list[Point]:
    """n+1 points along a quadratic Bézier curve."""
    out = []
    for i in range(n + 1):
        t = i / n
        out.append(((1 - t) ** 2 * p[0] + 2 * (1 - t) * t * c[0] + t * t * q[0],
                    (1 - t) ** 2 * p[1] + 2 * (1 - t) * t * c[1] + t * t * q[1]))
    return out


def bend(p: Point, q: Point, amount: float) -> Point:
    """The control point of a curve from p to q bowed sideways by `amount`."""
    mx, my = (p[0] + q[0]) / 2, (p[1] + q[1]) / 2
    dx, dy = q[0] - p[0], q[1] - p[1]
    length = math.hypot(dx, dy) or 1.0
    return mx - dy / length * amount, my + dx / length * amount


def trim(p: Point, q: Point, start: float, end: float) -> tuple[Point, Point]:
    """The segment p-q shortened by `start` at p and `end` at q (to stop at a symbol's edge)."""
    dx, dy = q[0] - p[0], q[1] - p[1]
    length = math.hypot(dx, dy) or 1.0
    ux, uy = dx / length, dy / length
    return (p[0] + ux * start, p[1] + uy * start), (q[0] - ux * end, q[1] - uy * end)


def crosses(points: list[Point], box: tuple[float, float, float, float]) -> bool:
    """Whether a polyline passes through a box (x0, y0, x1, y1)."""
    x0, y0, x1, y1 = box
    for (ax, ay), (bx, by) in zip(points, points[1:]):
        if max(ax, bx) < x0 or min(ax, bx) > x1 or max(ay, by) < y0 or min(ay, by) > y1:
            continue
        # Clip the segment to the box (Liang-Barsky): it crosses if anything is left.
        t0, t1, dx, dy = 0.0, 1.0, bx - ax, by - ay
        for p, q in ((-dx, ax - x0), (dx, x1 - ax), (-dy, ay - y0), (dy, y1 - ay)):
            if p == 0:
                if q < 0:
                    break
                continue
            t = q / p
            if p < 0:
                t0 = max(t0, t)
            else:
                t1 = min(t1, t)
            if t0 > t1:
                break
        else:
            return True
    return False


def polyline_d(points: list[Point]) -> str:
    return "M" + " L".join(f"{x:.1f},{y:.1f}" for x, y in points)


def curve_d(p: Point, c: Point, q: Point) -> str:
    return f"M{p[0]:.1f},{p[1]:.1f} Q{c[0]:.1f},{c[1]:.1f} {q[0]:.1f},{q[1]:.1f}"


def zigzag(points: list[Point], amplitude: float = 4.0, wavelength: float = 9.0) -> list[Point]:
    """A jagged version of a polyline (conflict, hostility, harm, stress)."""
    dense: list[Point] = []
    for a, b in zip(points, points[1:]):
        steps = max(1, int(math.hypot(b[0] - a[0], b[1] - a[1]) / (wavelength / 2)))
        dense += [(a[0] + (b[0] - a[0]) * i / steps, a[1] + (b[1] - a[1]) * i / steps)
                  for i in range(steps)]
    dense.append(points[-1])
    out = [dense[0]]
    for i in range(1, len(dense) - 1):
        (x0, y0), (x1, y1) = dense[i - 1], dense[i + 1]
        length = math.hypot(x1 - x0, y1 - y0) or 1.0
        nx, ny = -(y1 - y0) / length, (x1 - x0) / length
        sign = 1 if i % 2 else -1
        out.append((dense[i][0] + nx * amplitude * sign, dense[i][1] + ny * amplitude * sign))
    out.append(dense[-1])
    return out


def offset(points: list[Point], distance: float) -> list[Point]:
    """A polyline moved sideways by `distance` (for double lines)."""
    out = []
    for i, (x, y) in enumerate(points):
        a = points[max(0, i - 1)]
        b = points[min(len(points) - 1, i + 1)]
        length = math.hypot(b[0] - a[0], b[1] - a[1]) or 1.0
        out.append((x - (b[1] - a[1]) / length * distance, y + (b[0] - a[0]) / length * distance))
    return out


def midpoint(points: list[Point]) -> tuple[Point, Point]:
    """The point halfway along a polyline and the unit direction there."""
    lengths = [math.hypot(b[0] - a[0], b[1] - a[1]) for a, b in zip(points, points[1:])]
    half = sum(lengths) / 2
    for (a, b), length in zip(zip(points, points[1:]), lengths):
        if half <= length and length > 0:
            t = half / length
            return ((a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t),
                    ((b[0] - a[0]) / length, (b[1] - a[1]) / length))
        half -= length
    return points[-1], (1.0, 0.0)


def ticks(centre: Point, direction: Point, count: int, size: float = 7.0,
          spacing: float = 5.0, slant: float = 0.5) -> str:
    """Short strokes across a line at its middle: one slash, two slashes, bars."""
    dx, dy = direction
    nx, ny = -dy, dx
    parts = []
    for i in range(count):
        shift = (i - (count - 1) / 2) * spacing
        cx, cy = centre[0] + dx * shift, centre[1] + dy * shift
        ax, ay = nx + dx * slant, ny + dy * slant
        parts.append(f"M{cx - ax * size:.1f},{cy - ay * size:.1f} "
                     f"L{cx + ax * size:.1f},{cy + ay * size:.1f}")
    return " ".join(parts)


def convex_hull(points: list[Point]) -> list[Point]:
    """The convex hull, counter-clockwise (monotone chain)."""
    pts = sorted(set(points))
    if len(pts) <= 2:
        return pts

    def cross(o: Point, a: Point, b: Point) -> float:
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])
    lower: list[Point] = []
    for p in pts:
        while len(lower) >= 2 and cross(lower[-2], lower[-1], p) <= 0:
            lower.pop()
        lower.append(p)
    upper: list[Point] = []
    for p in reversed(pts):
        while len(upper) >= 2 and cross(upper[-2], upper[-1], p) <= 0:
            upper.pop()
        upper.append(p)
    return lower[:-1] + upper[:-1]


def rounded_polygon_d(points: list[Point], radius: float = 14.0) -> str:
    """A closed path through the points with rounded corners."""
    n = len(points)
    if n < 3:
        return polyline_d(points) + " Z"
    parts = []
    for i in range(n):
        prev, here, nxt = points[i - 1], points[i], points[(i + 1) % n]
        a = trim(here, prev, 0, 0)[0]
        la = math.hypot(prev[0] - here[0], prev[1] - here[1]) or 1.0
        lb = math.hypot(nxt[0] - here[0], nxt[1] - here[1]) or 1.0
        ra, rb = min(radius, la / 2), min(radius, lb / 2)
        start = (here[0] + (prev[0] - here[0]) / la * ra, here[1] + (prev[1] - here[1]) / la * ra)
        end = (here[0] + (nxt[0] - here[0]) / lb * rb, here[1] + (nxt[1] - here[1]) / lb * rb)
        parts.append(f"{'M' if i == 0 else 'L'}{start[0]:.1f},{start[1]:.1f} "
                     f"Q{a[0]:.1f},{a[1]:.1f} {end[0]:.1f},{end[1]:.1f}")
    return " ".join(parts) + " Z"


# -- arrows ------------------------------------------------------------------------

def arrow_markers(defs: ET.Element, prefix: str, colours: dict[str, str]) -> None:
    """One arrowhead <marker> per colour name, ids `<prefix>-arrow-<name>`."""
    for name, colour in colours.items():
        marker = sub(defs, "marker", {"id": f"{prefix}-arrow-{name}", "viewBox": "0 0 10 10",
                                      "refX": 9, "refY": 5, "markerWidth": 7,
                                      "markerHeight": 7, "orient": "auto-start-reverse",
                                      "markerUnits": "userSpaceOnUse"})
        sub(marker, "path", {"d": "M0,0 L10,5 L0,10 z", "fill": colour})


@dataclass
class LegendItem:
    """One entry of a legend: a small drawing and what it means."""

    draw: object   # callable(parent, x, y, prefix): a swatch 36 x 18 at (x, y)
    text: str


def legend_group(parent: ET.Element, items: list[LegendItem], x: float, y: float,
                 prefix: str, heading: str = "Key") -> float:
    """A legend as an SVG group at (x, y); returns its height."""
    group = sub(parent, "g", {"class": "legend", "transform": f"translate({x:.1f},{y:.1f})"})
    sub(group, "text", {"x": 0, "y": 14, "font-size": 13, "font-weight": 700}, heading)
    row = 30.0
    for item in items:
        item.draw(group, 0.0, row - 12, prefix)
        sub(group, "text", {"x": 46, "y": row + 1, "font-size": 11.5}, item.text)
        row += 22
    return row


def legend_swatch_svg(item: LegendItem, prefix: str) -> str:
    """One legend drawing as a small standalone <svg> (for the HTML side panel).

    `prefix` must be unique in the page: it names the swatch's own arrow markers.
    """
    root = ET.Element("svg", {"xmlns": SVG_NS, "viewBox": "-3 -3 44 24", "width": "44",
                              "height": "24", "aria-hidden": "true"})
    defs = sub(root, "defs")
    arrow_markers(defs, prefix, LINE_COLOURS)
    item.draw(root, 0.0, 0.0, prefix)
    return to_string(root)


#: Colours of relationship lines, shared by genogram and ecomap.
LINE_COLOURS = {"ink": "#222222", "grey": "#757575", "harm": "#c62828", "contact": "#1565c0",
                "care": "#6a1b9a", "close": "#2e7d32", "conflict": "#e65100",
                "missed": "#d50000", "partial": "#ef6c00", "shared": "#2e7d32"}


def standalone_frame(root: ET.Element, *, title: str, subtitle: str, legend: list[LegendItem],
                     width: float, height: float, top: float, x: float, prefix: str,
                     legend_width: float, subtitle_size: float = 12.5) -> tuple[float, float]:
    """Title and subtitle above a standalone SVG's drawing and its key to the right.

    The drawing is `width` wide and ends at `height` (its top at `top`); returns the
    whole document's size, which is also set on `root`.
    """
    sub(root, "text", {"x": x, "y": 32, "font-size": 19, "font-weight": 700},
        shorten(title, 110))
    sub(root, "text", {"x": x, "y": 54, "font-size": subtitle_size, "fill": "#555555"},
        shorten(subtitle, 140))
    legend_h = legend_group(root, legend, width + 10, top + 10, prefix)
    width += legend_width
    height = max(height, top + legend_h + 30)
    set_size(root, width, height)
    return width, height


def set_size(root: ET.Element, width: float, height: float) -> None:
    """The SVG document's viewBox, width and height."""
    root.set("viewBox", f"0 0 {width:.0f} {height:.0f}")
    root.set("width", f"{width:.0f}")
    root.set("height", f"{height:.0f}")
