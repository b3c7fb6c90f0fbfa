"""What text a pattern's every match must hold: the words the extractor looks up first.

A long review has ten thousand sentences and the extractor some hundreds of
patterns; running each pattern over each sentence would be most of its time.
So each pattern is read once, with the standard library's own parser, for the
strings every match contains: `factor_sets` gives sets of strings, and a match
holds one string of each set. Only the sentences holding one of each are searched
(`Document.candidates`), and the matches found are exactly those of a search of
every sentence, since each condition is necessary.

As in RE2's prefilter, a part of a pattern that matches only a few strings keeps
them whole ("M" then "r|rs|s|iss" is "mr|mrs|ms|miss", where the parser had cut
off the common first letter), and longer strings are made by joining such
parts, so "[Mm]other" requires "mother", not "other". A word boundary beside a
string (`\\b`, `(?<!\\w)`, `(?!\\w)`) is kept in it as BOUND: "\\bwas\\b"
requires the word "was" itself, a far rarer thing than the letters "was"
("washed", "Oswald"), and a sentence's words are looked up in an index.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

try:  # the stdlib's own regular-expression parser
    from re import _constants as _sre  # type: ignore[attr-defined]
    from re import _parser as _sre_parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python < 3.11
    import sre_constants as _sre  # type: ignore[no-redef]
    import sre_parse as _sre_parser  # type: ignore[no-redef]

#: In a required string: a word boundary. Beside a word character it says that the
#: character next to it in the text is not one (the word starts or ends there).
BOUND = "\x01"

#: A required "string" that is no string: two capital letters in a row, as a
#: case-sensitive "[A-Z]{2,3}" (initials) requires. Looked up in the text as it is.
CAPITALS = "\x02"

#: At most this many strings are kept for one part of a pattern; past it, the part
#: gives a set of strings to require, and joining starts again.
_MOST_STRINGS = 16

#: At most this many sets are made of one alternation (see `_either`).
_MOST_SETS = 8

_REPEATS = {getattr(_sre, name) for name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")
            if hasattr(_sre, name)}
_GROUPS = {getattr(_sre, name) for name in ("SUBPATTERN", "ATOMIC_GROUP") if hasattr(_sre, name)}
_WORD_RUN = re.compile(r"\w+")


class _Info(NamedTuple):
    """What a part of a pattern matches: every string it can match, when they are few
    (`exact`, None otherwise), else the sets of strings it requires one of each."""

    exact: frozenset[str] | None
    need: tuple[frozenset[str], ...] = ()


_EMPTY = _Info(frozenset({""}))   # matches only the empty string (an anchor, a look-around)
_UNKNOWN = _Info(None)            # matches we cannot say what (a class, a dot)


def plain(word: str) -> str:
    """A required string as the text holds it: without its word boundaries."""
    return word.replace(BOUND, "")


def _capitals(av, ignore_case: bool) -> bool:
    """Whether a repeat is two or more capital letters, case-sensitive: '[A-Z]{2,3}'."""
    low, _, item = av
    return (not ignore_case and low >= 2 and len(item) == 1 and item[0][0] is _sre.IN
            and list(item[0][1]) == [(_sre.RANGE, (ord("A"), ord("Z")))])


def _telling(word: str) -> bool:
    """Whether looking for a required string can rule sentences out: not one letter or
    digit (in nearly every sentence), but a sign such as '&' or '/' is rare enough."""
    if word == CAPITALS:
        return True
    text = plain(word)
    return len(text) >= 2 or (len(text) == 1 and not text.isalnum() and not text.isspace())


def _needs(info: _Info) -> list[frozenset[str]]:
    """The sets of strings a part requires one of each: its exact strings as one set."""
    if info.exact is None:
        return list(info.need)
    if info.exact and all(_telling(w) for w in info.exact):
        return [info.exact]
    return []


def _sequence(items, ignore_case: bool) -> _Info:
    """A parsed sequence: its parts' strings joined while they stay few, and the sets
    required by the parts that are not (each part must match, in turn)."""
    exact: frozenset[str] = frozenset({""})
    need: list[frozenset[str]] = []
    whole = True  # every part so far matches only the strings joined in `exact`
    for op, av in items:
        part = _part(op, av, ignore_case)
        if part.exact is not None and len(exact) * len(part.exact) <= _MOST_STRINGS:
            exact = frozenset(a + b for a in exact for b in part.exact)
            continue
        whole = False
        need += _needs(_Info(exact))
        if part.exact is not None:
            exact = part.exact
        else:
            need += part.need
            exact = frozenset({""})
    if whole:
        return _Info(exact)
    return _Info(None, tuple(need + _needs(_Info(exact))))


def _part(op, av, ignore_case: bool) -> _Info:
    """One node of the parse tree, in a case-insensitive part of the pattern or not."""
    if op is _sre.LITERAL:
        return _Info(frozenset({chr(av).lower()}))
    if op is _sre.IN:
        if all(kind is _sre.LITERAL for kind, _ in av):
            chars = frozenset(chr(c).lower() for _, c in av)
            return _Info(chars) if len(chars) <= 4 else _UNKNOWN
        return _UNKNOWN
    if op is _sre.SUBPATTERN:  # (group, flags added, flags removed, pattern): (?-i:...)
        if av[2] & re.IGNORECASE:
            ignore_case = False
        elif av[1] & re.IGNORECASE:
            ignore_case = True
        return _sequence(av[-1], ignore_case)
    if op in _GROUPS:
        return _sequence(av, ignore_case)
    if op is _sre.BRANCH:
        return _branches([_sequence(b, ignore_case) for b in av[1]])
    if op in _REPEATS:
        if _capitals(av, ignore_case):
            return _Info(None, (frozenset({CAPITALS}),))
        low, high, item = av
        inner = _sequence(item, ignore_case)
        if high == 1 and inner.exact is not None:
            return _Info(inner.exact | ({""} if low == 0 else set()))
        return _Info(None, tuple(_needs(inner))) if low >= 1 else _UNKNOWN
    if op is _sre.AT:
        return _Info(frozenset({BOUND})) if av is _sre.AT_BOUNDARY else _EMPTY
    if op is _sre.ASSERT_NOT:
        _, item = av  # (?<!\w), (?![\w'-]): no word character beside it
        if len(item) == 1 and item[0][0] is _sre.IN and \
                (_sre.CATEGORY, _sre.CATEGORY_WORD) in item[0][1]:
            return _Info(frozenset({BOUND}))
        return _EMPTY
    if op is _sre.ASSERT:
        return _EMPTY
    return _UNKNOWN


def _selective(option: frozenset[str]) -> tuple[int, int]:
    """How rare a set of required strings is likely to be: longest shortest, then fewest."""
    return (min(len(plain(w)) if w != CAPITALS else 2 for w in option), -len(option))


def _branches(infos: list[_Info]) -> _Info:
    """An alternation: the union of its branches' strings while they stay few, else the
    sets required by every branch (`_either`)."""
    if all(i.exact is not None for i in infos):
        union = frozenset().union(*(i.exact for i in infos))
        if len(union) <= _MOST_STRINGS:
            return _Info(union)
    return _Info(None, tuple(_either(infos)))


def _either(infos: list[_Info]) -> list[frozenset[str]]:
    """The sets an alternation requires one of: with A1 and A2 required by one branch and
    B by the other, a match holds one of A1 | B and one of A2 | B. Only a few: when the
    pairings would be many, the union of each branch's most selective set."""
    each = [sorted(_needs(i), key=_selective, reverse=True) for i in infos]
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

    A string may carry BOUND where the pattern puts a word boundary (see `word_spec`).
    A match holds one string of each set, so only a sentence holding one of each can
    match: the extractor keeps the sentences that pass all of them. Empty when the
    pattern requires no literal text at all.
    """
    try:
        parsed = _sre_parser.parse(pattern.pattern, pattern.flags)
        found = _needs(_sequence(parsed, bool(parsed.state.flags & re.IGNORECASE)))
    except Exception:  # noqa: BLE001 - any surprise means: no shortcut, scan everything
        return ()
    unique = list(dict.fromkeys(found))  # in pattern order, for a stable choice among equals
    return tuple(tuple(sorted(o)) for o in sorted(unique, key=_selective, reverse=True))


@lru_cache(maxsize=4096)
def plain_sets(pattern: re.Pattern[str]) -> tuple[tuple[str, ...], ...]:
    """`factor_sets` as the lowercase text holds them, without word boundaries (and
    without the sets that capital letters are in)."""
    return tuple(tuple(dict.fromkeys(plain(w) for w in words))
                 for words in factor_sets(pattern) if CAPITALS not in words)


def factors(pattern: re.Pattern[str]) -> tuple[str, ...] | None:
    """The most selective set of `factor_sets` (None: the pattern requires no literal
    text). Found from the pattern's parse tree, so the YAML needs no keyword lists."""
    sets = factor_sets(pattern)
    return sets[0] if sets else None


@lru_cache(maxsize=16384)
def word_spec(word: str) -> tuple[str, tuple[tuple[str, bool, bool], ...]]:
    """A required string as (its text, its runs of word characters), each run with
    whether the text's word starts with it and whether it ends with it.

    A run that a non-word character of the string comes before starts a word of the
    text, as does the first run where BOUND comes before it; likewise for the end.
    'strategy meeting' holds the words 'strategy' (or one ending so) and 'meeting'
    (or one starting so); BOUND + 'was' + BOUND holds the word 'was'.
    """
    text = plain(word)
    starts = word.startswith(BOUND)
    ends = word.endswith(BOUND)
    runs = []
    for m in _WORD_RUN.finditer(text):
        runs.append((m.group(0), m.start() > 0 or starts, m.end() < len(text) or ends))
    return text, tuple(runs)
