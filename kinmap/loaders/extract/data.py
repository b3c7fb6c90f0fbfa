"""The extractor's data files (patterns, gazetteer, themes), read and compiled once.

The rules live in YAML next to this module so that a reviewer can read and
extend them without touching code: `patterns.yaml` (cue words of every
extractor), `gazetteer.yaml` (agencies) and `themes.yaml` (finding themes).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from typing import Any

import yaml

from ...errors import ExtractionError


@cache
def load(name: str) -> dict[str, Any]:
    """One data file as a mapping (read once per process)."""
    try:
        text = resources.files(__package__).joinpath(name).read_text(encoding="utf-8")
        data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # libyaml when built in
    except (OSError, yaml.YAMLError) as error:
        raise ExtractionError(f"cannot read the extractor's {name}: {error}") from None
    if not isinstance(data, dict):
        raise ExtractionError(f"the extractor's {name} must be a mapping")
    return data


def patterns() -> dict[str, Any]:
    """patterns.yaml: cue words of every extractor."""
    return load("patterns.yaml")


def gazetteer() -> dict[str, Any]:
    """gazetteer.yaml: the agencies of English safeguarding."""
    return load("gazetteer.yaml")


def themes() -> dict[str, list[str]]:
    """themes.yaml: theme -> its patterns."""
    return load("themes.yaml")["themes"]


def loosen(pattern: str) -> str:
    """Let each literal space of a pattern match any run of whitespace.

    Review texts are often hard-wrapped or doubly spaced ("no\nfurther action"),
    while the patterns are written with single spaces. Spaces inside character
    classes and look-behinds (which must keep a fixed width) stay as they are.
    """
    out: list[str] = []
    groups: list[bool] = []     # for each open group: is it a look-behind?
    in_class = escaped = False
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            groups.append(pattern.startswith(("(?<=", "(?<!"), i))
        elif ch == ")" and groups:
            groups.pop()
        elif ch == " " and not any(groups):
            quantified = i + 1 < len(pattern) and pattern[i + 1] in "?*+{"
            out.append(r"\s" if quantified else r"\s+")
            i += 1
            continue
        out.append(ch)
        i += 1
    return "".join(out)


@lru_cache(maxsize=4096)
def rx(pattern: str, case: bool = False) -> re.Pattern[str]:
    """A compiled pattern, case-insensitive unless `case`, spaces loosened; compiled once."""
    try:
        return re.compile(loosen(pattern), 0 if case else re.IGNORECASE)
    except re.error as error:
        raise ExtractionError(f"bad pattern {pattern!r} in the extractor's data: {error}") \
            from None


try:  # the stdlib's own regular-expression parser, to find what a pattern must contain
    from re import _constants as _sre_constants  # type: ignore[attr-defined]
    from re import _parser as _sre_parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python < 3.11
    import sre_constants as _sre_constants  # type: ignore[no-redef]
    import sre_parse as _sre_parser  # type: ignore[no-redef]

_REPEATS = {getattr(_sre_constants, name) for name in
            ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") if hasattr(_sre_constants, name)}


def _selective(option: frozenset[str]) -> tuple[int, int]:
    """How rare a set of required strings is likely to be: longest shortest, then fewest."""
    return (min(len(w) for w in option), -len(option))


def _options(items) -> list[frozenset[str]]:
    """Every set of literal strings that a parsed sequence requires one of: one set for
    each part of the sequence that must match ('strategy' ... 'meeting': two sets)."""
    options: list[frozenset[str]] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            options.append(frozenset({"".join(run).lower()}))
            run.clear()

    for op, av in items:
        if op is _sre_constants.LITERAL:
            run.append(chr(av))
            continue
        flush()
        if op is _sre_constants.SUBPATTERN:  # a group matches whole: all it requires
            options += _options(av[-1])
        elif op is _sre_constants.BRANCH:
            options += _either(av[1])
        elif op in _REPEATS and av[0] >= 1:
            options += _options(av[2])
    flush()
    return [o for o in options if all(_telling(w) for w in o)]


def _telling(word: str) -> bool:
    """Whether looking for a required string can rule sentences out: not one letter or
    digit (in nearly every sentence), but a sign such as '&' or '/' is rare enough."""
    return len(word) >= 2 or (len(word) == 1 and not word.isalnum() and not word.isspace())


#: At most this many sets are made of one alternation (see `_either`).
_MOST_SETS = 8


def _either(branches) -> list[frozenset[str]]:
    """The sets an alternation requires one of: with A1 and A2 required by one branch and
    B by the other, a match holds one of A1 | B and one of A2 | B. Only a few: when the
    pairings would be many, the union of each branch's most selective set."""
    each = [sorted(_options(b), key=_selective, reverse=True) for b in branches]
    if not all(each):
        return []
    count = 1
    for options in each:
        count *= len(options)
    if count > _MOST_SETS:
        return [frozenset().union(*(options[0] for options in each))]
    pairings: list[frozenset[str]] = [frozenset()]
    for options in each:
        pairings = [done | option for done in pairings for option in options]
    return pairings


@lru_cache(maxsize=4096)
def factor_sets(pattern: re.Pattern[str]) -> tuple[tuple[str, ...], ...]:
    """Every set of lowercase strings of which a match holds one, most selective first.

    A match holds one string of each set, so only a sentence holding one of each can
    match: the extractor keeps the sentences that pass all of them (`factors` is the
    first). Empty when the pattern requires no literal text at all.
    """
    try:
        parsed = _sre_parser.parse(pattern.pattern, pattern.flags)
        found = _options(parsed)
    except Exception:  # noqa: BLE001 - any surprise means: no shortcut, scan everything
        return ()
    unique = list(dict.fromkeys(found))  # in pattern order, for a stable choice among equals
    return tuple(tuple(sorted(o)) for o in sorted(unique, key=_selective, reverse=True))


def factors(pattern: re.Pattern[str]) -> tuple[str, ...] | None:
    """The most selective set of `factor_sets` (None: the pattern requires no literal
    text). Found from the pattern's parse tree, so the YAML needs no keyword lists."""
    sets = factor_sets(pattern)
    return sets[0] if sets else None


@dataclass(frozen=True)
class Rule:
    """One cue of patterns.yaml: its name, what it yields, and its compiled pattern."""

    name: str
    value: str                      # the kind, status or type the rule yields
    pattern: re.Pattern[str]
    confidence: float = 0.7
    requires: re.Pattern[str] | None = None
    options: dict[str, Any] = field(default_factory=dict)


@cache
def rules(section: str, value_key: str = "kind") -> tuple[Rule, ...]:
    """The rules of one list section of patterns.yaml (meetings, decisions, ...)."""
    out = []
    for entry in patterns()[section]:
        known = {"rule", value_key, "pattern", "confidence", "requires", "case"}
        out.append(Rule(
            name=entry["rule"], value=entry[value_key],
            pattern=rx(entry["pattern"], bool(entry.get("case"))),
            confidence=float(entry.get("confidence", 0.7)),
            requires=rx(entry["requires"]) if entry.get("requires") else None,
            options={k: v for k, v in entry.items() if k not in known}))
    return tuple(out)
