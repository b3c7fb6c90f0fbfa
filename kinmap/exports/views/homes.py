"""Where a person lived over time: their homes and placements in order, and the one at a date.

Reviews date some homes ("placed with foster carers in 2016") and not others
("a series of short-term placements followed"). The case map lists them as the
reviewer read them, so:

- dated homes go in date order;
- an undated home keeps its place in the case map relative to the dated homes
  around it: after the dated home listed before it, before the next one;
- a hospital stay is an event in the child's life, not a home (`is_stay`).

`home_at` answers "where was the child living at this date?" with what the
review supports: a dated home from its start until it ended; an undated home
only where the order says it must be (before the first dated home, or after
one that ended). With no date it is the latest home.
"""
from __future__ import annotations

from ...model import CaseMap, Household
from .text import date_bounds

#: Household kinds that are stays rather than homes: drawn as events, never as a boundary.
STAY_KINDS = frozenset({"hospital"})


def is_stay(household: Household) -> bool:
    """A stay (a hospital admission) rather than somewhere the person lived."""
    return household.kind in STAY_KINDS


def _start(household: Household) -> str | None:
    return household.since or household.until


def in_order(households: list[Household]) -> list[Household]:
    """Households in time order: dated by date, undated where the case map put them.

    Each undated household follows the nearest dated one listed before it (or,
    with none before it, goes before the first dated one); households that
    fall in the same place keep the case map's order.
    """
    index = {id(h): i for i, h in enumerate(households)}
    dated = sorted((h for h in households if _start(h)),
                   key=lambda h: (date_bounds(_start(h))[0], index[id(h)]))
    rank = {id(h): r for r, h in enumerate(dated)}
    keys = {}
    before: Household | None = None
    for h in households:
        if _start(h):
            before = h
            keys[id(h)] = (rank[id(h)], 0, index[id(h)])
        elif before is not None:
            keys[id(h)] = (rank[id(before)], 1, index[id(h)])
        else:
            keys[id(h)] = (-1, 1, index[id(h)])
    return sorted(households, key=lambda h: keys[id(h)])


def homes_of(casemap: CaseMap, person_id: str) -> list[Household]:
    """A person's homes and placements in time order, stays left out."""
    return in_order([h for h in casemap.households
                     if person_id in h.members and not is_stay(h)])


def stays_of(casemap: CaseMap, person_id: str) -> list[Household]:
    """A person's stays (hospital admissions) in time order."""
    return in_order([h for h in casemap.households if person_id in h.members and is_stay(h)])


def home_at(casemap: CaseMap, person_id: str, at: str | None) -> Household | None:
    """Where the person lived at the partial date `at`; with no date, their latest home."""
    homes = homes_of(casemap, person_id)
    if not at:
        return homes[-1] if homes else None
    first, last = date_bounds(at)
    current: Household | None = None
    dated_seen = ended = False
    for h in homes:
        start = _start(h)
        if start is None:
            # Undated: only where the order says it must hold at `at`.
            if not dated_seen or ended:
                current, ended = h, False
            continue
        if h.since and date_bounds(h.since)[0] > last:
            break  # starts after `at`: it and everything after are later
        dated_seen = True
        if h.until and date_bounds(h.until)[1] < first:
            current, ended = h, True  # over by then; an undated successor may hold
        else:
            current, ended = h, False
    return None if ended else current  # a dated home that had ended: not known where
