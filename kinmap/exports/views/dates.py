"""The date control shared by the SVG views: its positions, and what each element shows at each.

A view steps through `positions`: the dates of everything it draws, in time
order. An element whose visibility follows from its own dates carries
`data-since`/`data-until`, and the page hides it when the chosen date is
outside them. Where Python must decide (the household a child lived in at a
date follows from the order of homes, not from one element's dates), the
element carries `data-shown`: one character per position, "1" where it is
shown. `svgview.js` reads both.
"""
from __future__ import annotations

from typing import Callable, Iterable

from .text import active_at, date_bounds


def positions(dates: Iterable[str | None]) -> list[str]:
    """The distinct partial dates in time order (a year before its months, a month before its days)."""
    seen = {d for d in dates if d}
    return sorted(seen, key=lambda d: (date_bounds(d)[0], len(d)))


def shown_mask(points: list[str], shown_at: Callable[[str], bool]) -> str | None:
    """'1'/'0' for each position; None when the element shows at every position."""
    mask = "".join("1" if shown_at(p) else "0" for p in points)
    return None if "0" not in mask else mask


def active_mask(points: list[str], since: str | None, until: str | None) -> str | None:
    """The mask of something that holds from `since` to `until` (either may be unknown)."""
    return shown_mask(points, lambda p: active_at(since, until, p))
