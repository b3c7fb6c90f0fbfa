"""Portrait paper: the area a view's drawing gets on a portrait A4 sheet, and its copy for it.

A drawing shaped for a screen (wider than tall) is width-limited on portrait
paper, so its text prints small. A view whose drawing can be shaped otherwise
(the genogram's strip of homes, the ecomap's ring, the chronology's columns)
draws a second copy for the sheet's shape; the page shows it only when
printed portrait (`views.css`), and `svgview.js` applies the date control and
the layer switches to every drawing of the page.
"""
from __future__ import annotations

import math
from typing import Callable

from markupsafe import Markup

from .genogram import Drawing
from .page import trusted_svg
from .svg import to_string

#: A4 less the views' 9 mm print margins, in CSS px (96 per inch).
PAPER = (192 / 25.4 * 96, 279 / 25.4 * 96)
#: What the sheet keeps for the title, subtitle, printed state and the key's heading,
#: and for each row of the key (three entries a row under the drawing), in CSS px,
#: as measured in Chromium's print layout.
HEAD, KEY_ROW, KEY_COLUMNS = 125.0, 25.0, 3
#: How much larger the portrait copy must print to be worth its place on the page.
GAIN = 1.03


def portrait_window(legend_entries: int) -> tuple[float, float]:
    """The width and height a drawing gets on portrait A4 above a key of that many entries."""
    rows = math.ceil(legend_entries / KEY_COLUMNS)
    return PAPER[0], max(PAPER[1] - HEAD - KEY_ROW * rows, PAPER[1] / 3)


def fitted_scale(drawing: Drawing, window: tuple[float, float]) -> float:
    """The scale a drawing is shown at when fitted to a window (its viewBox in it)."""
    _, _, width, height = (float(v) for v in drawing.svg.get("viewBox", "0 0 1 1").split())
    return min(window[0] / width, window[1] / height)


def portrait_copy(screen: Drawing, draw: Callable[[tuple[float, float]], Drawing]) -> Markup:
    """The drawing again, shaped for portrait paper, marked to print only there.

    `draw(window)` draws it for a window. Empty when the screen's drawing
    prints as large on portrait paper: then that one serves.
    """
    window = portrait_window(len(screen.legend))
    portrait = draw(window)
    if fitted_scale(portrait, window) < fitted_scale(screen, window) * GAIN:
        return Markup("")
    portrait.svg.set("class", "kinmap-view print-portrait")
    portrait.svg.set("aria-hidden", "true")
    assert portrait.details.items == screen.details.items   # the same refs in both
    return trusted_svg(to_string(portrait.svg))
