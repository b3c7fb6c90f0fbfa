"""How genogram ties are drawn: couple lines by partner status, and relationship lines.

McGoldrick & Gerson's conventions: a couple line is solid when married, dashed
when living together, with one slash when separated and two when divorced.
Relationship lines over the family tree: two parallel lines for close, a dotted
line for distant, a jagged line for conflict (red and heavier for hostility), a
broken line with bars for a cut-off, and harm as a red jagged arrow towards the
person harmed, labelled with its nature.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET

from .svg import LINE_COLOURS, LegendItem, Point, midpoint, offset, polyline_d, sub, ticks, zigzag

INK = LINE_COLOURS["ink"]
GREY = LINE_COLOURS["grey"]

#: Couple line styles by partner status (None: recorded, status not said).
COUPLE_STYLES: dict[str | None, dict[str, object]] = {
    "married": {"stroke": INK, "stroke-width": 2.2},
    "cohabiting": {"stroke": INK, "stroke-width": 2.2, "stroke-dasharray": "8 5"},
    "dating": {"stroke": INK, "stroke-width": 1.8, "stroke-dasharray": "2 4",
               "stroke-linecap": "round"},
    "separated": {"stroke": INK, "stroke-width": 2.2},
    "divorced": {"stroke": INK, "stroke-width": 2.2},
    None: {"stroke": INK, "stroke-width": 1.6},
    "inferred": {"stroke": "#9e9e9e", "stroke-width": 1.6},
}
SLASHES = {"separated": 1, "divorced": 2}
COUPLE_TEXT = {"married": "married", "cohabiting": "living together (cohabiting)",
               "dating": "dating", "separated": "separated (one slash)",
               "divorced": "divorced (two slashes)", None: "partners (status not recorded)",
               "inferred": "parents of a child; no partner tie recorded"}

#: Relationship line kinds: (colour, what the legend says).
OVERLAY_TEXT = {
    "harm": (LINE_COLOURS["harm"], "harm: who harmed whom (arrow), with its nature"),
    "contact": (LINE_COLOURS["contact"], "contact (supervised / unsupervised)"),
    "care": (LINE_COLOURS["care"], "carer or kinship carer (dashed, arrow to the child)"),
    "foster": (LINE_COLOURS["care"], "foster carer (dotted, arrow to the child)"),
    "guardian": (LINE_COLOURS["care"], "special guardian (long and short dashes, arrow)"),
    "step": (INK, "step-parent (dash and dot, arrow to the child)"),
    "grandparent": (GREY, "grandparent (parent between not recorded)"),
    "sibling": (GREY, "sibling, half- or step-sibling (no shared parent recorded)"),
    "associate": (GREY, "associate"),
    "kin": (GREY, "family tie"),
    "close": (LINE_COLOURS["close"], "close"),
    "distant": (GREY, "distant"),
    "conflict": (LINE_COLOURS["conflict"], "conflict"),
    "hostile": (LINE_COLOURS["harm"], "hostile"),
    "cutoff": (INK, "cut-off"),
}


#: Ties of care, each its own dash pattern (all drawn from carer to child).
CARE_DASHES = {"care": "9 5", "foster": "1 5", "guardian": "14 4 3 4", "step": "10 4 2 4"}
DIRECTED = ("harm", "contact", *CARE_DASHES)


def couple_path(parent: ET.Element, points: list[Point], status: str | None,
                inferred: bool, attrs: dict[str, object], slash_x: float | None = None) -> None:
    """A couple line through `points` (down, across, up), slashed by status at `slash_x`."""
    style = COUPLE_STYLES["inferred" if inferred else status if status in COUPLE_STYLES else None]
    sub(parent, "path", {"d": polyline_d(points), "fill": "none", **style, **attrs})
    count = SLASHES.get(status or "", 0)
    if count:
        across = [p for p in points if p[1] == points[1][1]]
        at = (slash_x if slash_x is not None else (across[0][0] + across[-1][0]) / 2,
              across[0][1])
        sub(parent, "path", {"d": ticks(at, (1.0, 0.0), count, size=7, spacing=6,
                                        slant=0.6), "stroke": INK, "stroke-width": 2,
                             "fill": "none"})


def overlay_path(parent: ET.Element, kind: str, points: list[Point], prefix: str,
                 directed: bool, attrs: dict[str, object]) -> None:
    """A relationship line of one kind along `points` (from source to target)."""
    colour = OVERLAY_TEXT.get(kind, (GREY, ""))[0]
    end = {"marker-end": f"url(#{prefix}-arrow-{_marker(kind)})"} if directed else {}
    base = {"fill": "none", "stroke": colour, **attrs}
    if kind == "harm":
        sub(parent, "path", {"d": polyline_d(zigzag(points, 4.5, 10)), "stroke-width": 2.4,
                             "stroke-linejoin": "round", **base, **end})
    elif kind in ("conflict", "hostile"):
        width = 2.6 if kind == "hostile" else 1.8
        sub(parent, "path", {"d": polyline_d(zigzag(points, 3.5, 8)), "stroke-width": width,
                             "stroke-linejoin": "round", **base, **end})
    elif kind == "close":
        for side in (-2.2, 2.2):
            sub(parent, "path", {"d": polyline_d(offset(points, side)), "stroke-width": 1.6,
                                 **base})
    elif kind == "distant":
        sub(parent, "path", {"d": polyline_d(points), "stroke-width": 2.2,
                             "stroke-dasharray": "0.5 6", "stroke-linecap": "round", **base})
    elif kind == "cutoff":
        centre, direction = midpoint(points)
        sub(parent, "path", {"d": polyline_d(points), "stroke-width": 1.6, **base})
        sub(parent, "path", {"d": _along(centre, direction, 4), "stroke": "#ffffff",
                             "stroke-width": 5, "fill": "none"})
        sub(parent, "path", {"d": ticks(centre, direction, 2, size=7, spacing=8, slant=0),
                             "stroke": colour, "stroke-width": 2, "fill": "none"})
    elif kind == "contact":
        sub(parent, "path", {"d": polyline_d(points), "stroke-width": 1.8,
                             "stroke-dasharray": "6 4", **base, **end})
    elif kind in CARE_DASHES:
        sub(parent, "path", {"d": polyline_d(points), "stroke-width": 2,
                             "stroke-dasharray": CARE_DASHES[kind],
                             "stroke-linecap": "round" if kind == "foster" else None,
                             **base, **end})
    elif kind == "kin":
        sub(parent, "path", {"d": polyline_d(points), "stroke-width": 1.4, **base})
    elif kind == "sibling":
        sub(parent, "path", {"d": polyline_d(points), "stroke-width": 1.4,
                             "stroke-dasharray": "8 3 2 3", **base})
    else:  # associate, grandparent and anything new
        sub(parent, "path", {"d": polyline_d(points), "stroke-width": 1.4,
                             "stroke-dasharray": "3 3", **base, **end})


def _along(centre: Point, direction: Point, half: float) -> str:
    return (f"M{centre[0] - direction[0] * half:.1f},{centre[1] - direction[1] * half:.1f} "
            f"L{centre[0] + direction[0] * half:.1f},{centre[1] + direction[1] * half:.1f}")


def _marker(kind: str) -> str:
    if kind == "step":
        return "ink"
    return "care" if kind in CARE_DASHES else {"harm": "harm", "contact": "contact"}.get(
        kind, "grey")


def couple_legend(status: str | None, inferred: bool = False) -> LegendItem:
    """The legend entry of a couple line style."""
    def draw(parent: ET.Element, x: float, y: float, prefix: str) -> None:
        couple_path(parent, [(x + 2, y + 2), (x + 2, y + 12), (x + 36, y + 12), (x + 36, y + 2)],
                    status, inferred, {})
    return LegendItem(draw, COUPLE_TEXT["inferred" if inferred else status])


def overlay_legend(kind: str) -> LegendItem:
    """The legend entry of a relationship line kind."""
    def draw(parent: ET.Element, x: float, y: float, prefix: str) -> None:
        overlay_path(parent, kind, [(x + 1, y + 9), (x + 36, y + 9)], prefix,
                     kind in DIRECTED, {})
    return LegendItem(draw, OVERLAY_TEXT.get(kind, (GREY, kind))[1])
