"""How `kinmap validate` runs the shape checks over a whole store: screens first.

In a store kinmap loaded, nearly every check finds nothing, and what it costs is
reading the triples it looks at. A screen is one cheaper query that proves a
group of checks finds nothing; the checks of a group run only when its screen
does not clear them. So the verdicts are always the checks' own (held to
pyshacl by tests/test_shape_queries.py): a screen can cost time, never change
what is reported. tests/test_shape_plan.py shows that each screen stops at every
breakage of its checks.

- **Counts** (sh:maxCount 1, all the shapes' on one property at once): if the
  property's triples are as many as its distinct subjects, no subject has two
  values in any graph. Counting is a scan; grouping every subject (what the
  check does) is several times dearer in Oxigraph.
- **A missing value** (sh:minCount 1, all the shapes' on one property at once):
  one anti-join of every target of those shapes against the property's triples,
  instead of one for each shape, each reading all the property's triples again.
- **Values** (the checks that judge a value alone, such as a datatype, a pattern
  or a partial date): one pass over the property's distinct values with the
  tests of every such check on it, instead of one pass per check.
- **The same first step**: checks whose first step is the same query (the same
  partial date asked of km:date by four shapes) run it once.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any, Iterator

from .shape_queries import Check, Compiler, check_rows, iri, violation


@dataclass(frozen=True)
class Unit:
    """Checks that run together: a screen (or none), and the checks it stands for."""

    checks: tuple[Check, ...]
    #: a query whose answer clears every check of the unit, or None
    screen: str | None = None
    #: how the answer clears them: "no rows", or "equal counts" (?n = ?d)
    clears_when: str = "no rows"

    def cleared(self, store: Any) -> bool:
        if self.screen is None:
            return False
        result = store.select(self.screen)
        if self.clears_when == "no rows":
            return not result.rows
        row = dict(zip(result.columns, result.rows[0]))
        return row["n"].value == row["d"].value


def count_screen(path: str) -> str:
    """?n triples of `path` and ?d distinct subjects: equal when none has two values."""
    return (f"SELECT (COUNT(*) AS ?n) (COUNT(DISTINCT ?s) AS ?d) "
            f"WHERE {{ GRAPH ?g {{ ?s {iri(path)} ?o }} }}")


def value_screen(path: str, tests: list[str]) -> str:
    """A distinct value of `path` that fails any of `tests` (each over ?value)."""
    return (f"SELECT ?value WHERE {{ {{ SELECT DISTINCT ?value WHERE {{ GRAPH ?g {{ "
            f"?s {iri(path)} ?value }} }} }} FILTER(!({' && '.join(tests)})) }} LIMIT 1")


def lacking_screen(path: str, targets: tuple[str, ...]) -> str:
    """A target of any of the classes that has no value of `path`."""
    return (f"SELECT ?g ?this WHERE {{ GRAPH ?g {{ {Compiler.target_pattern(targets)} }} "
            f"MINUS {{ GRAPH ?g {{ ?this {iri(path)} ?any }} }} }} LIMIT 1")


def plan(checks: tuple[Check, ...]) -> list[Unit]:
    """The checks as units: screened groups, and checks sharing a first step.

    A group of one check other than a count gets no screen: its screen would be
    the check itself."""
    counts: dict[str, list[Check]] = defaultdict(list)
    lacking: dict[str, list[Check]] = defaultdict(list)
    values: dict[str, list[Check]] = defaultdict(list)
    rest: dict[str, list[Check]] = defaultdict(list)
    for check in checks:
        one = str(check.parameter) == "1" and check.path
        if check.component == "MaxCount" and one:
            counts[check.path].append(check)
        elif check.component == "MinCount" and one:
            lacking[check.path].append(check)
        elif check.test is not None and check.path:
            values[check.path].append(check)
        else:
            rest[check.find or check.query].append(check)
    # The dearest kinds first, so that the threads end together: what reads a
    # class's members (a missing value, a class), then the passes over values, and
    # last the counts, many and cheap.
    units = []
    for path, group in lacking.items():
        targets = tuple(sorted({t for check in group for t in check.targets}))
        units.append(Unit(tuple(group), lacking_screen(path, targets))
                     if len(group) > 1 else Unit(tuple(group)))
    units += [Unit(tuple(group)) for group in rest.values()]
    for path, group in values.items():
        units.append(Unit(tuple(group), value_screen(path, [c.test for c in group]))
                     if len(group) > 1 else Unit(tuple(group)))
    units += [Unit(tuple(group), count_screen(path), "equal counts")
              for path, group in counts.items()]
    return units


def unit_rows(store: Any, unit: Unit) -> Iterator[tuple[Check, dict[str, Any]]]:
    """(check, answer row) for every fault the unit's checks find."""
    if unit.cleared(store):
        return
    found: dict[str, Any] = {}  # a first step's answer, asked once for the unit
    for check in unit.checks:
        if check.find is not None and check.find not in found:
            found[check.find] = store.select(check.find)
        for row in check_rows(store, check, found=found.get(check.find or "")):
            yield check, row


def unit_violations(store: Any, unit: Unit) -> list[Any]:
    return [violation(check, row) for check, row in unit_rows(store, unit)]


__all__ = ["Unit", "count_screen", "lacking_screen", "plan", "unit_rows", "unit_violations",
           "value_screen"]
