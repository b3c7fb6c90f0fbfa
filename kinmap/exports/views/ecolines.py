"""How ecomap lines are drawn: Hartman's strengths, flows and information sharing.

strong: a thick line; moderate: a plain line; tenuous: dashed; stressful: red
and jagged; broken: a line cut by two bars. Arrows show which way energy or
resources flow. Information sharing: missed is a red dashed arrow with a cross
at its middle, partial an orange dashed arrow, shared a thin green arrow.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET

from .svg import LINE_COLOURS, LegendItem, Point, midpoint, polyline_d, sub, ticks, zigzag

#: Sectors of the ring, clockwise from the top: (key, heading, agency kinds in it).
SECTORS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("family", "Family", ()),
    ("carers", "Carers", ()),
    ("education", "School & education", ("education",)),
    ("health", "Health", ("health", "ambulance")),
    ("mental_health", "Mental health", ("mental_health",)),
    ("early_help", "Early help", ("early_help",)),
    ("social_care", "Social care", ("social_care",)),
    ("justice", "Police & justice", ("police", "youth_justice", "probation", "legal")),
    ("housing", "Housing", ("housing",)),
    ("voluntary", "Voluntary & community services", ("voluntary",)),
    ("community", "Community & others", ()),
    ("partnership", "Safeguarding partnership", ("partnership",)),
    ("other", "Other agencies", ("other",)),
)
AGENCY_COLOURS = {"social_care": "#8250df", "early_help": "#bf3989", "police": "#0a3069",
                  "health": "#1a7f37", "ambulance": "#1a7f37", "mental_health": "#0e8a83",
                  "education": "#bc4c00", "youth_justice": "#4d2d00", "probation": "#4d2d00",
                  "legal": "#4d2d00", "housing": "#6e5494", "voluntary": "#9a6700",
                  "partnership": "#57606a", "other": "#57606a"}
INK = LINE_COLOURS["ink"]
STRENGTH_TEXT = {"strong": "strong (thick line)", "moderate": "moderate",
                 "tenuous": "tenuous (dashed)", "stressful": "stressful (red, jagged)",
                 "broken": "broken (line cut by bars)", None: "involvement, strength not recorded"}
FLOW_TEXT = {"to_person": "arrow: flow towards the person",
             "to_agency": "arrow: flow towards the agency", "both": "arrows: flow both ways"}
SHARING_TEXT = {"missed": "information sharing missed (red, crossed)",
                "partial": "information shared in part", "shared": "information shared"}


def sector_of_agency(kind: str) -> str:
    """The ring sector an agency kind is drawn in."""
    for key, _, kinds in SECTORS:
        if kind in kinds:
            return key
    return "other"


def _markers(flow: str | None, prefix: str, colour: str) -> dict[str, str]:
    """Arrowheads for a line drawn from agency to person."""
    arrow = f"url(#{prefix}-arrow-{colour})"
    return {"marker-end": arrow if flow in ("to_person", "both") else None,
            "marker-start": arrow if flow in ("to_agency", "both") else None}


def involvement_path(parent: ET.Element, strength: str | None, flow: str | None,
                     points: list[Point], prefix: str) -> None:
    """An agency's involvement with a person, from the agency to the person."""
    d = polyline_d(points)
    if strength == "strong":
        sub(parent, "path", {"d": d, "stroke": INK, "stroke-width": 5, "fill": "none",
                             **_markers(flow, prefix, "ink")})
    elif strength == "moderate":
        sub(parent, "path", {"d": d, "stroke": INK, "stroke-width": 2.2, "fill": "none",
                             **_markers(flow, prefix, "ink")})
    elif strength == "tenuous":
        sub(parent, "path", {"d": d, "stroke": INK, "stroke-width": 2, "fill": "none",
                             "stroke-dasharray": "7 5", **_markers(flow, prefix, "ink")})
    elif strength == "stressful":
        sub(parent, "path", {"d": polyline_d(zigzag(points, 4.5, 10)), "fill": "none",
                             "stroke": LINE_COLOURS["harm"], "stroke-width": 2.4,
                             "stroke-linejoin": "round", **_markers(flow, prefix, "harm")})
    elif strength == "broken":
        centre, direction = midpoint(points)
        sub(parent, "path", {"d": d, "stroke": INK, "stroke-width": 2.2, "fill": "none",
                             **_markers(flow, prefix, "ink")})
        sub(parent, "path", {"d": f"M{centre[0] - direction[0] * 6:.1f},"
                                  f"{centre[1] - direction[1] * 6:.1f} "
                                  f"L{centre[0] + direction[0] * 6:.1f},"
                                  f"{centre[1] + direction[1] * 6:.1f}",
                             "stroke": "#ffffff", "stroke-width": 6})
        sub(parent, "path", {"d": ticks(centre, direction, 2, size=8, spacing=10, slant=0),
                             "stroke": INK, "stroke-width": 2.2, "fill": "none"})
    else:
        sub(parent, "path", {"d": d, "stroke": LINE_COLOURS["grey"], "stroke-width": 1.4,
                             "fill": "none", **_markers(flow, prefix, "grey")})


def sharing_path(parent: ET.Element, status: str, points: list[Point], prefix: str) -> None:
    """Information passing (or not) from one agency to another."""
    colour = LINE_COLOURS.get(status, LINE_COLOURS["grey"])
    arrow = f"url(#{prefix}-arrow-{status if status in LINE_COLOURS else 'grey'})"
    if status == "shared":
        sub(parent, "path", {"d": polyline_d(points), "stroke": colour, "stroke-width": 1.5,
                             "fill": "none", "marker-end": arrow})
        return
    sub(parent, "path", {"d": polyline_d(points), "stroke": colour,
                         "stroke-width": 3 if status == "missed" else 2.2, "fill": "none",
                         "stroke-dasharray": "9 5", "marker-end": arrow})
    if status == "missed":
        (x, y), _ = midpoint(points)
        sub(parent, "circle", {"cx": x, "cy": y, "r": 8, "fill": "#ffffff", "stroke": colour,
                               "stroke-width": 2})
        sub(parent, "path", {"d": f"M{x - 4:.1f},{y - 4:.1f} L{x + 4:.1f},{y + 4:.1f} "
                                  f"M{x + 4:.1f},{y - 4:.1f} L{x - 4:.1f},{y + 4:.1f}",
                             "stroke": colour, "stroke-width": 2.2})


def involvement_legend(strength: str | None, flow: str | None = None) -> LegendItem:
    """The legend entry of an involvement strength (or, with `flow`, of an arrow)."""
    def draw(parent: ET.Element, x: float, y: float, prefix: str) -> None:
        involvement_path(parent, strength, flow, [(x + 1, y + 9), (x + 35, y + 9)], prefix)
    return LegendItem(draw, FLOW_TEXT[flow] if flow else STRENGTH_TEXT.get(strength, "?"))


def sharing_legend(status: str) -> LegendItem:
    """The legend entry of an information-sharing status."""
    def draw(parent: ET.Element, x: float, y: float, prefix: str) -> None:
        sharing_path(parent, status, [(x + 1, y + 9), (x + 18, y + 9), (x + 35, y + 9)],
                     prefix)
    return LegendItem(draw, SHARING_TEXT.get(status, status))


def absent_legend() -> LegendItem:
    """The legend entry of an agency absent from a meeting about the child."""
    def draw(parent: ET.Element, x: float, y: float, prefix: str) -> None:
        sub(parent, "circle", {"cx": x + 18, "cy": y + 9, "r": 10, "fill": "none",
                               "stroke": LINE_COLOURS["missed"], "stroke-width": 2,
                               "stroke-dasharray": "4 2"})
        sub(parent, "circle", {"cx": x + 18, "cy": y + 9, "r": 6, "fill": "#eeeeee",
                               "stroke": "#57606a", "stroke-width": 1.5})
    return LegendItem(draw, "agency absent from a meeting about the child")


AGENCY_KIND_TEXT = {"social_care": "social care", "early_help": "early help", "police": "police",
                    "health": "health", "ambulance": "health", "mental_health": "mental health",
                    "education": "school and education", "youth_justice": "justice",
                    "probation": "justice", "legal": "justice", "housing": "housing",
                    "voluntary": "voluntary and community", "partnership": "partnership",
                    "other": "other"}


def agency_legend(kind: str) -> LegendItem:
    """The legend entry of an agency box in its kind's colour."""
    colour = AGENCY_COLOURS.get(kind, AGENCY_COLOURS["other"])

    def draw(parent: ET.Element, x: float, y: float, prefix: str) -> None:
        sub(parent, "rect", {"x": x + 4, "y": y + 1, "width": 28, "height": 16, "rx": 5,
                             "fill": colour, "fill-opacity": 0.12, "stroke": colour,
                             "stroke-width": 2})
    return LegendItem(draw, f"agency: {AGENCY_KIND_TEXT.get(kind, kind.replace('_', ' '))}")


def team_legend() -> LegendItem:
    """The legend entry of the dotted link from a team to the agency it is part of."""
    def draw(parent: ET.Element, x: float, y: float, prefix: str) -> None:
        sub(parent, "path", {"d": f"M{x + 1},{y + 9} H{x + 35}", "stroke": "#57606a",
                             "stroke-width": 1.4, "stroke-dasharray": "2 3"})
    return LegendItem(draw, "dotted: a team and the agency it is part of")


def home_legend() -> LegendItem:
    """The legend entry of the household circle at the centre."""
    def draw(parent: ET.Element, x: float, y: float, prefix: str) -> None:
        sub(parent, "circle", {"cx": x + 18, "cy": y + 9, "r": 10, "fill": "#f6f8fa",
                               "stroke": INK, "stroke-width": 1.8})
    return LegendItem(draw, "large circle: the child's home at the chosen date "
                            "(the latest home when no date is chosen), with who lived there")


def unknown_receiver_legend() -> LegendItem:
    """The legend entry of sharing whose receiver the review does not name."""
    def draw(parent: ET.Element, x: float, y: float, prefix: str) -> None:
        sub(parent, "path", {"d": f"M{x + 1},{y + 9} H{x + 22}", "stroke": LINE_COLOURS["missed"],
                             "stroke-width": 2.2, "stroke-dasharray": "5 3"})
        sub(parent, "text", {"x": x + 30, "y": y + 15, "font-size": 16, "font-weight": 700,
                             "text-anchor": "middle", "fill": LINE_COLOURS["missed"]}, "?")
    return LegendItem(draw, "?: the review does not say who should have received it")


def age_legend() -> LegendItem:
    """The legend entry of the age written inside a symbol."""
    def draw(parent: ET.Element, x: float, y: float, prefix: str) -> None:
        sub(parent, "rect", {"x": x + 8, "y": y - 1, "width": 20, "height": 20, "fill": "#ffffff",
                             "stroke": INK, "stroke-width": 1.6})
        sub(parent, "text", {"x": x + 18, "y": y + 13.5, "font-size": 13, "font-weight": 600,
                             "text-anchor": "middle"}, "15")
    return LegendItem(draw, "number inside a symbol: age in years (m: months, w: weeks)")


def group_legend() -> LegendItem:
    """The legend entry of several people drawn as one (a group)."""
    def draw(parent: ET.Element, x: float, y: float, prefix: str) -> None:
        for dx, dy in ((5, -3), (0, 0)):
            sub(parent, "circle", {"cx": x + 16 + dx, "cy": y + 10 + dy, "r": 7,
                                   "fill": "#ffffff", "stroke": INK, "stroke-width": 1.6})
    return LegendItem(draw, "stacked symbols: several people drawn as one (a group)")
