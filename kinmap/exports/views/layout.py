"""Genogram layout by generation: rows, order within a row, x positions and line tracks.

Computed, not simulated, so the same case map always gives the same drawing:

1. rows from `generations.generations` (parent ties, partners side by side);
2. partners of one row form a unit drawn side by side; a person with several
   partners sits between them, earlier partners to the left, and a partner who
   has partners of their own further out, so each couple line stays short;
3. units are ordered by a depth-first walk of the family, then by barycentre
   sweeps (down: under the parents; up: over the children);
4. x positions: sweeps that pull each unit towards its parents' couple line (or
   its children's centre), each row solved exactly by weighted isotonic
   regression with minimum gaps, so symbols never overlap and the result is
   the least-squares best for that order;
5. couple lines that would overlap go on deeper tracks; so do sibship bars.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from .generations import generations
from .kinship import Couple, Family, Kinship

SWEEPS = 6


@dataclass(frozen=True)
class Geometry:
    """Sizes of a genogram drawing, in SVG user units (px)."""

    slot: float = 140.0          # between symbol centres of neighbours in a row
    symbol: float = 40.0
    label: float = 64.0          # name and detail lines under a symbol
    track: float = 12.0          # between stacked couple lines or sibship bars
    row_gap: float = 26.0        # below the lowest couple line, above the bars
    margin: float = 16.0
    band_gap: float = 30.0       # above the band of people outside the family


@dataclass
class GenogramLayout:
    """Where everything of a genogram goes."""

    geometry: Geometry
    generation: dict[str, int]
    rows: list[list[str]]
    x: dict[str, float]
    row_top: list[float]
    couple_y: dict[frozenset[str], float] = field(default_factory=dict)
    cross_row_couples: list[Couple] = field(default_factory=list)
    drop: dict[tuple[str, ...], float] = field(default_factory=dict)
    bar_y: dict[tuple[str, ...], float] = field(default_factory=dict)
    width: float = 0.0
    height: float = 0.0
    #: The row of people outside the family (None when there is none).
    band_row: int | None = None

    def centre(self, pid: str) -> tuple[float, float]:
        """The centre of a person's symbol."""
        return self.x[pid], self.row_top[self.generation[pid]] + self.geometry.symbol / 2


def _when(couple: Couple) -> str | None:
    rel = couple.relationship
    return (rel.since or rel.until) if rel else None


def couples_in_time_order(couples: list[Couple], kin: Kinship) -> list[Couple]:
    """Couples earliest first: by date when every one is dated, else by what the ties say.

    Undated, a past couple (separated, divorced, or only known as a child's
    parents) comes before a current one, and a step-parent's couple last: the
    step-parent came into a child's life after the child's parents.
    """
    step = {frozenset((o.source, p)) for o in kin.overlays if o.kind == "step"
            for p in kin.parents.get(o.target, [])}

    def rank(couple: Couple) -> int:
        if couple.key in step:
            return 2
        return 0 if not couple.recorded or couple.status in ("separated", "divorced") else 1
    index = {id(c): i for i, c in enumerate(couples)}
    if all(_when(c) for c in couples):
        return sorted(couples, key=lambda c: (_when(c), index[id(c)]))
    return sorted(couples, key=lambda c: (rank(c), _when(c) or "9999", index[id(c)]))


def unit_order(members: list[str], couples: list[Couple], kin: Kinship) -> list[str]:
    """The left-to-right order of people joined by couple lines in one row.

    A person with several partners has them in time order from left to right:
    the earliest on their left, the later ones on their right.
    """
    position = {pid: i for i, pid in enumerate(kin.people)}
    partners: dict[str, list[str]] = defaultdict(list)
    for couple in couples_in_time_order(couples, kin):
        partners[couple.a].append(couple.b)
        partners[couple.b].append(couple.a)
    root = min(members, key=lambda p: (-len(partners[p]), position[p]))
    placed: set[str] = set()

    def size(pid: str, parent: str, seen: set[str]) -> int:
        seen.add(pid)
        return 1 + sum(size(q, pid, seen) for q in partners[pid] if q != parent and q not in seen)

    def side(pid: str, direction: int) -> list[str]:
        placed.add(pid)
        others = [q for q in partners[pid] if q not in placed]
        for q in others:
            placed.add(q)
        outward = [item for q in sorted(others, key=lambda q: size(q, pid, {pid}))
                   for item in side(q, direction)]
        return [pid] + outward if direction > 0 else outward + [pid]

    placed.add(root)
    others = [q for q in partners[root] if q not in placed]
    for q in others:
        placed.add(q)
    # The first partner on the left, the later ones on the right in time order.
    left, right = (others[:1], others[1:]) if len(others) > 1 else ([], others)
    if len(others) == 1 and kin.people[root].sex == "female" \
            and kin.people[others[0]].sex == "male":
        left, right = right, left  # a couple: the man on the left, as genograms draw it
    left_items = [item for q in left for item in side(q, -1)]
    right_items = [item for q in right for item in side(q, 1)]
    order = left_items + [root] + right_items
    order += [p for p in members if p not in order]  # a cycle of partners: the rest
    return order


def _isotonic(desired: list[float], weight: list[float], gaps: list[float]) -> list[float]:
    """Positions in order, at least `gaps` apart, as close as possible to `desired`."""
    offset = [0.0]
    for gap in gaps:
        offset.append(offset[-1] + gap)
    blocks: list[list[float]] = []  # [weighted sum, weight, count]
    for d, w, off in zip(desired, weight, offset):
        blocks.append([(d - off) * w, w, 1])
        while len(blocks) > 1 and blocks[-2][0] / blocks[-2][1] > blocks[-1][0] / blocks[-1][1]:
            s, ww, n = blocks.pop()
            blocks[-1][0] += s
            blocks[-1][1] += ww
            blocks[-1][2] += n
    out: list[float] = []
    for s, w, n in blocks:
        out.extend([s / w] * n)
    return [y + off for y, off in zip(out, offset)]


class _Layout:
    """The working state of one layout run."""

    def __init__(self, kin: Kinship, geometry: Geometry) -> None:
        self.kin = kin
        self.g = geometry
        self.gen = generations(kin)
        self.band_row = self._outsiders_apart(kin)
        self.nrows = max(self.gen.values(), default=-1) + 1
        self.position = {pid: i for i, pid in enumerate(kin.people)}
        self.family_of = {c: f for f in kin.families for c in f.children}
        self.families_of_parent: dict[str, list[Family]] = defaultdict(list)
        for family in kin.families:
            for parent in family.parents:
                self.families_of_parent[parent].append(family)
        self.housemates: dict[str, list[str]] = defaultdict(list)
        for members in kin.households:
            for m in members:
                self.housemates[m] += [o for o in members if o != m and o not in
                                       self.housemates[m]]
        self.cared_for: dict[str, list[str]] = defaultdict(list)
        outside = set(kin.outsiders)
        for overlay in kin.overlays:
            if overlay.kind in ("care", "foster", "guardian", "step", "grandparent"):
                self.cared_for[overlay.source].append(overlay.target)
            elif outside & {overlay.source, overlay.target}:
                # Someone outside the family stands under the people they are tied to.
                for a, b in ((overlay.source, overlay.target), (overlay.target, overlay.source)):
                    if a in outside:
                        self.cared_for[a].append(b)
        self._units()

    def _outsiders_apart(self, kin: Kinship) -> int | None:
        """Family rows numbered from 0 with no gaps; outsiders in one row below them all."""
        outside = set(kin.outsiders)
        family_rows = sorted({g for p, g in self.gen.items() if p not in outside})
        renumber = {g: i for i, g in enumerate(family_rows)}
        for pid in self.gen:
            if pid not in outside:
                self.gen[pid] = renumber[self.gen[pid]]
        if not outside:
            return None
        band = len(family_rows)
        for pid in outside:
            self.gen[pid] = band
        return band

    # -- units and order ---------------------------------------------------

    def _units(self) -> None:
        same_row = [c for c in self.kin.couples if self.gen[c.a] == self.gen[c.b]]
        self.cross = [c for c in self.kin.couples if self.gen[c.a] != self.gen[c.b]]
        links: dict[str, set[str]] = defaultdict(set)
        for c in same_row:
            links[c.a].add(c.b)
            links[c.b].add(c.a)
        self.units: list[list[str]] = []
        seen: set[str] = set()
        for pid in self.kin.people:
            if pid in seen:
                continue
            members, todo = [], [pid]
            seen.add(pid)
            while todo:
                node = todo.pop()
                members.append(node)
                for nxt in sorted(links[node] - seen, key=self.position.get):
                    seen.add(nxt)
                    todo.append(nxt)
            couples = [c for c in same_row if c.a in members]
            self.units.append(unit_order(sorted(members, key=self.position.get), couples,
                                         self.kin) if couples else members)
        self.unit_of = {pid: i for i, unit in enumerate(self.units) for pid in unit}
        discovery = self._discovery()
        self.rows: list[list[int]] = [[] for _ in range(self.nrows)]
        for index in sorted(range(len(self.units)),
                            key=lambda i: min(discovery[p] for p in self.units[i])):
            self.rows[self.gen[self.units[index][0]]].append(index)

    def _discovery(self) -> dict[str, int]:
        """Depth-first order over kinship, starting from the subject child."""
        kin = self.kin
        neighbours: dict[str, list[str]] = defaultdict(list)
        for couple in kin.couples:
            neighbours[couple.a].append(couple.b)
            neighbours[couple.b].append(couple.a)
        for family in kin.families:
            for child in family.children:
                neighbours[child].extend(family.parents)
                neighbours[child].extend(c for c in family.children if c != child)
                for parent in family.parents:
                    neighbours[parent].append(child)
        order: dict[str, int] = {}
        starts = [p.id for p in kin.people.values() if p.subject] + list(kin.people)
        kin_people = set(neighbours)
        for start in [s for s in starts if s in kin_people] + starts:
            stack = [start]
            while stack:
                node = stack.pop()
                if node in order:
                    continue
                order[node] = len(order)
                stack.extend(reversed(neighbours[node]))
        return order

    def _person_pos(self) -> dict[str, float]:
        pos = {}
        for row in self.rows:
            people = [p for u in row for p in self.units[u]]
            for i, pid in enumerate(people):
                pos[pid] = i - (len(people) - 1) / 2
        return pos

    def _down_key(self, unit: int, pos: dict[str, float]) -> float | None:
        keys = []
        for pid in self.units[unit]:
            family = self.family_of.get(pid)
            if family and family.parents:
                rank = family.children.index(pid) / (len(family.children) + 1)
                keys.append(sum(pos[p] for p in family.parents) / len(family.parents)
                            + rank * 0.01)
        if not keys:  # someone outside the family: under the people they are tied to
            keys = [pos[c] for pid in self.units[unit] for c in self.cared_for[pid]
                    if self.gen[c] != self.gen[pid]]
        return sum(keys) / len(keys) if keys else None

    def _up_key(self, unit: int, pos: dict[str, float]) -> float | None:
        keys = [pos[c] for pid in self.units[unit] for f in self.families_of_parent[pid]
                for c in f.children]
        if not keys:
            keys = [pos[c] for pid in self.units[unit] for c in self.cared_for[pid]]
        return sum(keys) / len(keys) if keys else None

    def _sort_row(self, r: int, key) -> None:
        pos = self._person_pos()
        row = self.rows[r]
        keys = {u: key(u, pos) for u in row}
        # Someone with no family in the drawing goes beside a person they lived
        # with: before them if that person is the eldest of their family, else after.
        for u in row:
            if keys[u] is None:
                mates = [m for pid in self.units[u] for m in self.housemates[pid]
                         if self.unit_of[m] != u and keys.get(self.unit_of[m]) is not None]
                if mates:
                    mate = mates[0]
                    family = self.family_of.get(mate)
                    first = family is None or family.children[0] == mate
                    keys[u] = keys[self.unit_of[mate]] + (-0.011 if first else 0.011)
        movable = sorted((keys[u], i, u) for i, u in enumerate(row) if keys[u] is not None)
        slots = [i for i, u in enumerate(row) if keys[u] is not None]
        for slot, (_, _, u) in zip(slots, movable):
            row[slot] = u

    def order(self) -> None:
        for _ in range(SWEEPS // 2):
            for r in range(1, self.nrows):
                self._sort_row(r, self._down_key)
            for r in range(self.nrows - 2, -1, -1):
                self._sort_row(r, self._up_key)
        for r in range(1, self.nrows):
            self._sort_row(r, self._down_key)

    # -- x positions ---------------------------------------------------------

    def _gap(self, left: int, right: int) -> float:
        slot = self.g.slot
        family = [self.family_of.get(p) for p in (self.units[left][-1], self.units[right][0])]
        if family[0] is not None and family[0] is family[1]:
            return slot
        kinless = [not self._has_kin(p) for p in (self.units[left][-1], self.units[right][0])]
        return slot * (1.5 if any(kinless) else 1.2)

    def _has_kin(self, pid: str) -> bool:
        return pid in self.family_of or bool(self.families_of_parent[pid]) \
            or len(self.units[self.unit_of[pid]]) > 1

    def _solve_row(self, r: int, target) -> None:
        row = self.rows[r]
        if not row:
            return
        gaps = [(len(self.units[a]) - 1) * self.g.slot + self._gap(a, b)
                for a, b in zip(row, row[1:])]
        desired, weight = [], []
        for i, u in enumerate(row):
            wanted = target(u)
            if wanted is not None:
                desired.append(wanted[0])
                weight.append(wanted[1])
            else:  # nothing pulls it: it keeps close to its left neighbour
                desired.append(desired[-1] + gaps[i - 1] if i else self.ux[u])
                weight.append(0.001)
        for u, x in zip(row, _isotonic(desired, weight, gaps)):
            self.ux[u] = x

    def px(self, pid: str) -> float:
        return self.ux[self.unit_of[pid]] + self.units[self.unit_of[pid]].index(pid) * self.g.slot

    def drop_x(self, family: Family) -> float:
        if family.parents:
            return sum(self.px(p) for p in family.parents) / len(family.parents)
        return sum(self.px(c) for c in family.children) / len(family.children)

    def _down_target(self, u: int) -> tuple[float, float] | None:
        wants = []
        for i, pid in enumerate(self.units[u]):
            family = self.family_of.get(pid)
            if family and family.parents:
                n = len(family.children)
                here = family.children.index(pid)
                wants.append(self.drop_x(family) + (here - (n - 1) / 2) * self.g.slot
                             - i * self.g.slot)
        if not wants:  # someone outside the family: under the people they are tied to
            wants = [self.px(c) - i * self.g.slot for i, pid in enumerate(self.units[u])
                     for c in self.cared_for[pid] if self.gen[c] != self.gen[pid]]
            return (sum(wants) / len(wants), 0.3 * len(wants)) if wants else None
        return (sum(wants) / len(wants), float(len(wants))) if wants else None

    def _up_target(self, u: int) -> tuple[float, float] | None:
        wants, weights = [], []
        for i, pid in enumerate(self.units[u]):
            for family in self.families_of_parent[pid]:
                xs = [self.px(c) for c in family.children]
                centre = (min(xs) + max(xs)) / 2
                offset = sum(self.units[u].index(p) for p in family.parents
                             if p in self.units[u]) / len(family.parents) * self.g.slot
                wants.append((centre - offset) * len(xs))
                weights.append(len(xs))
            for child in self.cared_for[pid]:
                wants.append((self.px(child) - i * self.g.slot) * 0.3)
                weights.append(0.3)
        return (sum(wants) / sum(weights), sum(weights)) if weights else None

    def place(self) -> None:
        self.ux: dict[int, float] = {}
        for row in self.rows:
            x = 0.0
            for a, b in zip(row, row[1:] + [None]):
                self.ux[a] = x
                if b is not None:
                    x += (len(self.units[a]) - 1) * self.g.slot + self._gap(a, b)
        best = (self._misfit(), dict(self.ux))
        for _ in range(SWEEPS):
            for r in range(1, self.nrows):
                self._solve_row(r, self._down_target)
            best = min(best, (self._misfit(), dict(self.ux)), key=lambda b: b[0])
            for r in range(self.nrows - 2, -1, -1):
                self._solve_row(r, self._up_target)
            best = min(best, (self._misfit(), dict(self.ux)), key=lambda b: b[0])
        self.ux = best[1]

    def _misfit(self) -> float:
        """How far, in all, children's lines are from straight down from their parents."""
        total = 0.0
        for family in self.kin.families:
            if family.parents:
                xs = [self.px(c) for c in family.children]
                total += abs((min(xs) + max(xs)) / 2 - self.drop_x(family)) * len(xs)
        return total

    # -- result ----------------------------------------------------------------

    def result(self) -> GenogramLayout:
        g = self.g
        x = {pid: self.px(pid) for pid in self.kin.people}
        shift = g.margin + g.slot / 2 - min(x.values(), default=0.0)
        x = {pid: round(v + shift, 2) for pid, v in x.items()}
        rows = [[p for u in row for p in self.units[u]] for row in self.rows]
        self.rows_people = rows
        layout = GenogramLayout(g, self.gen, rows, x, [], cross_row_couples=self.cross)
        couple_tracks = self._couple_tracks(x)
        bar_tracks, spans = self._bar_tracks(x)
        top = g.margin
        layout.band_row = self.band_row
        for r in range(self.nrows):
            if r == self.band_row:
                top += g.band_gap
            layout.row_top.append(top)
            below = top + g.symbol + max(
                (self.label_height.get(pid, g.label) for pid in rows[r]), default=g.label)
            depth = max((t for c, t in couple_tracks.items() if self.gen[c.a] == r), default=-1)
            for couple, t in couple_tracks.items():
                if self.gen[couple.a] == r:
                    layout.couple_y[couple.key] = below + t * g.track
            bars = max((t for k, t in bar_tracks.items() if spans[k][2] == r), default=-1)
            bar_base = below + (depth + 1) * g.track + g.row_gap / 2
            for key, t in bar_tracks.items():
                if spans[key][2] == r:
                    layout.bar_y[key] = bar_base + (bars - t) * g.track
            top = bar_base + (bars + 1) * g.track + g.row_gap / 2
        self._drops(layout, x, couple_tracks)
        layout.width = max(x.values(), default=0.0) + g.slot / 2 + g.margin
        layout.height = top + g.margin / 2
        return layout

    def _drops(self, layout: GenogramLayout, x: dict[str, float],
               tracks: dict[Couple, int]) -> None:
        """Where each family's line leaves its parents' couple line.

        The middle of the couple line, unless someone stands between the two
        partners (a spanning couple line): then the middle of the widest free
        stretch, so the line cannot be read as coming from the person between.
        """
        couple_of = {c.key: c for c in tracks}
        taken: dict[int, list[float]] = defaultdict(list)
        for family in sorted(self.kin.families, key=lambda f: tracks.get(
                couple_of.get(frozenset(f.parents)), 0)):
            drop = self._drop_from(family, x)
            couple = couple_of.get(frozenset(family.parents)) if len(family.parents) == 2 else None
            if couple is not None:
                row = self.gen[couple.a]
                lo, hi = sorted((x[couple.a], x[couple.b]))
                between = [x[p] for p in self.rows_people[row] if lo < x[p] < hi]
                between += [d for d in taken[row] if lo < d < hi]
                if between:
                    stops = [lo] + sorted(between) + [hi]
                    gaps = sorted(((b - a, -abs((a + b) / 2 - drop), (a + b) / 2)
                                   for a, b in zip(stops, stops[1:])), reverse=True)
                    drop = gaps[0][2]
                taken[row].append(drop)
            layout.drop[family.key] = round(drop, 2)

    def _drop_from(self, family: Family, x: dict[str, float]) -> float:
        if family.parents:
            return sum(x[p] for p in family.parents) / len(family.parents)
        return sum(x[c] for c in family.children) / len(family.children)

    def _couple_tracks(self, x: dict[str, float]) -> dict[Couple, int]:
        """Track 0 for couples side by side; deeper tracks where couple lines would overlap."""
        tracks: dict[Couple, int] = {}
        by_row: dict[int, list[Couple]] = defaultdict(list)
        for c in self.kin.couples:
            if self.gen[c.a] == self.gen[c.b]:
                by_row[self.gen[c.a]].append(c)
        for couples in by_row.values():
            taken: dict[int, list[tuple[float, float]]] = defaultdict(list)
            for c in sorted(couples, key=lambda c: (abs(x[c.a] - x[c.b]), min(x[c.a], x[c.b]))):
                lo, hi = sorted((x[c.a], x[c.b]))
                t = 0
                # Lines that meet at one person go on different tracks: each
                # partnership reads as its own line, not one long bar.
                while any(lo <= b and a <= hi for a, b in taken[t]):
                    t += 1
                taken[t].append((lo, hi))
                tracks[c] = t
        return tracks

    def _bar_tracks(self, x: dict[str, float]):
        """Sibship bars in the gap above the children, stacked where they overlap."""
        spans: dict[tuple[str, ...], tuple[float, float, int]] = {}
        for family in self.kin.families:
            child_row = min(self.gen[c] for c in family.children)
            xs = [x[c] for c in family.children] + [self._drop_from(family, x)]
            spans[family.key] = (min(xs), max(xs), child_row - 1)
        tracks: dict[tuple[str, ...], int] = {}
        taken: dict[tuple[int, int], list[tuple[float, float]]] = defaultdict(list)
        for key, (lo, hi, r) in sorted(spans.items(), key=lambda kv: (kv[1][2], kv[1][0])):
            t = 0
            while any(lo - 8 < b and a < hi + 8 for a, b in taken[(r, t)]):
                t += 1
            taken[(r, t)].append((lo, hi))
            tracks[key] = t
        return tracks, spans


def layout_genogram(kin: Kinship, geometry: Geometry | None = None,
                    label_height: dict[str, float] | None = None) -> GenogramLayout:
    """The layout of a family network, the same every time for the same input.

    `label_height` gives the height of the text under each person's symbol
    (default: `geometry.label`): each row is as tall as its tallest label.
    """
    work = _Layout(kin, geometry or Geometry())
    work.label_height = label_height or {}
    if not kin.people:
        return GenogramLayout(work.g, {}, [], {}, [], width=2 * work.g.margin,
                              height=2 * work.g.margin)
    work.order()
    work.place()
    return work.result()
