"""The genogram and ecomap as interactive HTML pages around the same SVG drawing."""
from __future__ import annotations

from markupsafe import Markup

from ...model import CaseMap
from .ecomap import ecomap_drawing
from .genogram import Drawing, genogram_drawing
from .page import render, trusted_svg
from .svg import legend_swatch_svg, to_string


def legend_rows(drawing: Drawing, prefix: str) -> list[tuple[Markup, str]]:
    """(swatch, text) for each legend entry, each swatch with its own marker ids."""
    return [(trusted_svg(legend_swatch_svg(item, f"{prefix}{i}")), item.text)
            for i, item in enumerate(drawing.legend)]


def genogram_page(casemap: CaseMap, *, cultural: bool = False,
                  pseudonymised: bool = False) -> str:
    """The genogram page: the SVG with zoom, pan, details and a key."""
    drawing = genogram_drawing(casemap, cultural=cultural, standalone=False)
    return render("genogram.html", view="genogram", view_name="Genogram",
                  title=drawing.title, subtitle=drawing.subtitle,
                  data={"view": "genogram", "details": drawing.details.items},
                  scripts=["panel.js", "svgview.js"], pseudonymised=pseudonymised,
                  svg=trusted_svg(to_string(drawing.svg)), legend=legend_rows(drawing, "gk"))


def ecomap_page(casemap: CaseMap, *, person: str | None = None, at: str | None = None,
                pseudonymised: bool = False) -> str:
    """The ecomap page: the SVG with zoom, pan, details, a key and a date control."""
    drawing = ecomap_drawing(casemap, person=person, at=at, standalone=False)
    dates = list(drawing.dates)
    if drawing.at and drawing.at not in dates:
        dates = sorted(dates + [drawing.at])
    at_index = dates.index(drawing.at) if drawing.at else len(dates)
    return render("ecomap.html", view="ecomap", view_name="Ecomap",
                  title=drawing.title, subtitle=drawing.subtitle,
                  data={"view": "ecomap", "details": drawing.details.items, "dates": dates},
                  scripts=["panel.js", "svgview.js", "ecomap.js"], pseudonymised=pseudonymised,
                  svg=trusted_svg(to_string(drawing.svg)), legend=legend_rows(drawing, "ek"),
                  dates=dates, at_index=at_index,
                  at_text=drawing.at if drawing.at else "all dates")
