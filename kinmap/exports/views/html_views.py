"""The genogram, ecomap and chronology as interactive HTML pages around their SVG drawings."""
from __future__ import annotations

from markupsafe import Markup

from ...model import CaseMap
from .ecomap import ecomap_drawing
from .genogram import Drawing, genogram_drawing
from .dates import positions
from .page import render, trusted_svg
from .portrait import portrait_copy
from .svg import legend_swatch_svg, to_string


def legend_rows(drawing: Drawing, prefix: str) -> list[tuple[Markup, str]]:
    """(swatch, text) for each legend entry, each swatch with its own marker ids."""
    return [(trusted_svg(legend_swatch_svg(item, f"{prefix}{i}")), item.text)
            for i, item in enumerate(drawing.legend)]


def date_control(drawing: Drawing, *, all_dates: bool = False) -> dict:
    """What the page's date control needs: its positions, where it starts, what it says.

    With `all_dates`, one more position after the last date shows everything at once.
    """
    dates = list(drawing.dates)
    if drawing.at and drawing.at not in dates:
        dates = positions(dates + [drawing.at])
    if not dates:
        return {"dates": [], "all_dates": False, "at_index": 0, "at_text": ""}
    if drawing.at:
        at_index = dates.index(drawing.at)
    else:
        at_index = len(dates) if all_dates else len(dates) - 1
    at_text = dates[at_index] if at_index < len(dates) else "all dates"
    return {"dates": dates, "all_dates": all_dates, "at_index": at_index, "at_text": at_text}


def genogram_page(casemap: CaseMap, *, cultural: bool = False,
                  pseudonymised: bool = False) -> str:
    """The genogram page: the SVG with zoom, pan, details and a key."""
    drawing = genogram_drawing(casemap, cultural=cultural, standalone=False)
    portrait = portrait_copy(drawing, lambda window: genogram_drawing(
        casemap, cultural=cultural, standalone=False, window=window))
    control = date_control(drawing)
    return render("genogram.html", view="genogram", view_name="Genogram",
                  title=drawing.title, subtitle=drawing.subtitle,
                  data={"view": "genogram", "details": drawing.details.items, **control},
                  scripts=["panel.js", "svgview.js"], pseudonymised=pseudonymised,
                  svg=trusted_svg(to_string(drawing.svg)), legend=legend_rows(drawing, "gk"),
                  portrait_svg=portrait, **control)


def ecomap_page(casemap: CaseMap, *, person: str | None = None, at: str | None = None,
                pseudonymised: bool = False) -> str:
    """The ecomap page: the SVG with zoom, pan, details, a key and a date control."""
    drawing = ecomap_drawing(casemap, person=person, at=at, standalone=False)
    portrait = portrait_copy(drawing, lambda window: ecomap_drawing(
        casemap, person=person, at=at, standalone=False, window=window))
    control = date_control(drawing, all_dates=True)
    return render("ecomap.html", view="ecomap", view_name="Ecomap",
                  title=drawing.title, subtitle=drawing.subtitle,
                  data={"view": "ecomap", "details": drawing.details.items, **control},
                  scripts=["panel.js", "svgview.js"], pseudonymised=pseudonymised,
                  svg=trusted_svg(to_string(drawing.svg)), legend=legend_rows(drawing, "ek"),
                  portrait_svg=portrait, **control)


def timeline_page(casemap: CaseMap, *, at: str | None = None,
                  pseudonymised: bool = False) -> str:
    """The chronology page: the SVG with zoom, pan, details, a key and a date control."""
    from .timeline import timeline_drawing
    drawing = timeline_drawing(casemap, at=at, standalone=False)
    # Portrait paper gets the same items laid out taller, shown only when printed so.
    portrait = timeline_drawing(casemap, at=at, standalone=False, portrait=True)
    portrait.svg.set("class", "kinmap-view print-portrait")
    portrait.svg.set("aria-hidden", "true")
    assert portrait.details.items == drawing.details.items   # the same refs in both
    control = date_control(drawing, all_dates=True)
    return render("timeline.html", view="timeline", view_name="Chronology",
                  title=drawing.title, subtitle=drawing.subtitle,
                  data={"view": "timeline", "details": drawing.details.items, **control},
                  scripts=["panel.js", "svgview.js"], pseudonymised=pseudonymised,
                  svg=trusted_svg(to_string(drawing.svg)), legend=legend_rows(drawing, "tk"),
                  portrait_svg=trusted_svg(to_string(portrait.svg)), **control)
