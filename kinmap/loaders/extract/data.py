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
