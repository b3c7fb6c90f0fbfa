"""Genogram symbols: square, circle or diamond by sex, double outline, cross, age inside.

Also the legend entries of symbols, child lines and households, shared by the
genogram and the ecomap.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET

from ...model import Person
from .svg import LINE_COLOURS, LegendItem, sub
from .text import clean, names_a_group, short_age, year


def is_deceased(person: Person) -> bool:
    """Whether the map says the person has died (deceased, or a date of death)."""
    return bool(person.deceased or person.died)


def detail_line(person: Person, age_inside: bool) -> str:
    """The line under a name: age (when not inside the symbol), birth and death years.

    Never shortened: a death date is a fact; the caller wraps it.
    """
    parts = []
    if person.age is not None and not age_inside:
        parts.append(f"age {clean(person.age)}")
    if person.born:
        parts.append(f"b. {year(person.born)}")
    if is_deceased(person):
        parts.append(f"d. {year(person.died)}" if person.died else "deceased")
    return " · ".join(parts)


def draw_symbol(parent: ET.Element, person: Person, cx: float, cy: float,
                size: float = 40.0, age_size: float | None = None,
                timeline: bool = False) -> None:
    """A person's genogram symbol centred on (cx, cy).

    A dated death's cross carries `data-since` (the date control shows it from
    the death on) and, with `timeline`, the age inside the symbol is drawn too,
    with `data-until` (shown before the death).
    """
    half = size / 2
    deceased = is_deceased(person)
    fill = "#eeeeee" if deceased else "#ffffff"
    style = {"fill": fill, "stroke": LINE_COLOURS["ink"], "stroke-width": 2}
    group_of = names_a_group(person.label)

    def shape(inset: float, attrs: dict) -> None:
        h = half - inset
        if person.sex == "male":
            sub(parent, "rect", {"x": cx - h, "y": cy - h, "width": 2 * h, "height": 2 * h,
                                 **attrs})
        elif person.sex == "female":
            sub(parent, "circle", {"cx": cx, "cy": cy, "r": h, **attrs})
        else:
            d = h * 1.12
            sub(parent, "path", {"d": f"M{cx:.1f},{cy - d:.1f} L{cx + d:.1f},{cy:.1f} "
                                      f"L{cx:.1f},{cy + d:.1f} L{cx - d:.1f},{cy:.1f} Z",
                                 **attrs})
    if group_of:  # several people drawn as one: a second symbol behind
        sub_group = sub(parent, "g", {"transform": "translate(5,-5)"})
        parent, outer = sub_group, parent
        shape(0, {**style, "fill": "#f5f5f5"})
        parent = outer
    shape(0, style)
    if person.subject:
        shape(4.5, {"fill": "none", "stroke": LINE_COLOURS["ink"], "stroke-width": 1.6})
    if deceased:
        d = half * (0.62 if person.sex == "female" else 0.78)
        sub(parent, "path", {"d": f"M{cx - d:.1f},{cy - d:.1f} L{cx + d:.1f},{cy + d:.1f} "
                                  f"M{cx + d:.1f},{cy - d:.1f} L{cx - d:.1f},{cy + d:.1f}",
                             "stroke": LINE_COLOURS["ink"], "stroke-width": 2,
                             "class": "death", "data-since": person.died})
    age = short_age(person.age)
    if age and (not deceased or (timeline and person.died)):
        big, small = (age_size, age_size - 2) if age_size else (13, 11.5)
        sub(parent, "text", {"x": cx, "y": cy + 0.36 * (age_size or 12.5),
                             "text-anchor": "middle",
                             "font-size": big if len(age) < 3 else small,
                             "font-weight": 600, "fill": "#333333", "class": "age",
                             "data-until": person.died if deceased else None}, age)


def symbol_legend(sex: str | None, *, subject: bool = False, deceased: bool = False,
                  text: str) -> LegendItem:
    """The legend entry of a symbol."""
    person = Person(id="legend", sex=sex, subject=subject, deceased=deceased or None)

    def draw(parent: ET.Element, x: float, y: float, prefix: str) -> None:
        draw_symbol(parent, person, x + 18, y + 9, size=18)
    return LegendItem(draw, text)


def household_legend(colour: str) -> LegendItem:
    """The legend entry of a household boundary."""
    def draw(parent: ET.Element, x: float, y: float, prefix: str) -> None:
        sub(parent, "rect", {"x": x + 1, "y": y, "width": 35, "height": 18, "rx": 6,
                             "fill": colour, "fill-opacity": 0.06, "stroke": colour,
                             "stroke-width": 1.6, "stroke-dasharray": "6 3"})
    return LegendItem(draw, "household: people who lived together, with dates")


def child_legend(adopted: bool) -> LegendItem:
    """The legend entry of a child line (dashed for an adopted child)."""
    def draw(parent: ET.Element, x: float, y: float, prefix: str) -> None:
        sub(parent, "path", {"d": f"M{x + 4},{y + 2} H{x + 32} M{x + 18},{y + 2} V{y + 18}",
                             "stroke": LINE_COLOURS["ink"], "stroke-width": 1.6, "fill": "none",
                             "stroke-dasharray": "4 3" if adopted else None})
    return LegendItem(draw, "adopted child (dashed)" if adopted else
                      "child line from the parents' couple line")
