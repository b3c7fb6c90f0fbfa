"""Search a long text for a rare pattern by its cue words, finding exactly what a whole-text search finds.

`re.search(pattern, text)` over a 300 kB review tries the pattern at every
offset: 5-30 ms for a pattern that opens with a look-behind or `\\b` (the
regular-expression engine then cannot skip ahead), and a few such patterns
ran over every review. Most need a cue word ("old", "birthday", the child's
name), so here a pattern runs only where its cue words are:

- `finditer_at`: every match starts with a cue word ("Child Q was aged 3",
  `\\bChild Q\\b`). The pattern is tried at each place the word is, and
  nowhere else.
- `finditer`: every match holds one word of each group of `needs` and never
  crosses a full stop ("a 14-year-old boy"). The text is cut at full stops,
  and the pattern runs only on the stretches between two full stops that
  hold its words.

    >>> AGE = re.compile(r"\\b(?P<age>\\d+)[- ]year[- ]old\\b")
    >>> [m.group("age") for m in finditer(AGE, "A 14-year-old. Told them.", [["-old"]])]
    ['14']

Both give exactly `pattern.finditer(text)` (same matches, same offsets) when:

- the words are looked for in `text`, or, for a case-insensitive pattern, in
  `lower`: the text in lower case, same length. Cue words of a case-insensitive
  pattern must then be of characters whose only case forms are ASCII: not i,
  k or s, which Unicode folds with other letters (the tests check the words);
- the pattern never matches the empty string;
- for `finditer`, no match holds the barrier (a full stop), no look-ahead
  reads it, and the pattern has no `$`. A search from `pos` still sees the text
  before it (look-behinds, `\\b`), and a search that ends at a full stop sees
  what `\\b` or a look-ahead that cannot match a full stop would see there.

`tests/test_stretches.py` compares both with whole-text searches over every
review text of the project.
"""
from __future__ import annotations

import re
from typing import Iterator, Sequence

BARRIER = "."


def _haystack(text: str, words: Sequence[str], lower: str | None) -> str | None:
    """Where to look for the words: None when they cannot be looked for (search all)."""
    hay = text if lower is None else lower
    return hay if len(hay) == len(text) and all(words) else None


def _positions(hay: str, word: str, pos: int = 0, endpos: int | None = None) -> Iterator[int]:
    """Where a word starts in hay[pos:endpos] (the whole word inside it)."""
    endpos = len(hay) if endpos is None else endpos
    i = hay.find(word, pos, endpos)
    while i >= 0:
        yield i
        i = hay.find(word, i + 1, endpos)


def finditer_at(pattern: re.Pattern[str], text: str, words: Sequence[str],
                lower: str | None = None) -> Iterator[re.Match[str]]:
    """What `pattern.finditer(text)` gives, for a pattern whose every match starts with
    one of `words`: the pattern is tried only where they are."""
    hay = _haystack(text, words, lower)
    if hay is None:
        yield from pattern.finditer(text)
        return
    end = 0
    for i in sorted({i for word in words for i in _positions(hay, word)}):
        if i < end:
            continue  # inside the last match: finditer goes on from its end
        found = pattern.match(text, i)
        if found:
            yield found
            end = found.end()


def search_at(pattern: re.Pattern[str], text: str, words: Sequence[str],
              lower: str | None = None) -> re.Match[str] | None:
    """What `pattern.search(text)` gives (see `finditer_at`)."""
    return next(finditer_at(pattern, text, words, lower), None)


def stretches(text: str, needs: Sequence[Sequence[str]], lower: str | None = None,
              pos: int = 0, endpos: int | None = None, barrier: str = BARRIER
              ) -> list[tuple[int, int]] | None:
    """(start, end) of each stretch of text[pos:endpos] between barriers that holds a
    word of every group of `needs`, in order; None when the words cannot be looked
    for (then search all)."""
    hay = _haystack(text, [w for group in needs for w in group], lower)
    if hay is None or any(barrier in w for group in needs for w in group):
        return None
    endpos = len(text) if endpos is None else endpos
    first, rest = needs[0], needs[1:]
    out: list[tuple[int, int]] = []
    end = -1
    for i in sorted(i for word in first for i in _positions(hay, word, pos, endpos)):
        if i < end:
            continue  # in the stretch already taken
        start = max(pos, text.rfind(barrier, pos, i) + 1)
        end = text.find(barrier, i, endpos)
        if end < 0:
            end = endpos
        if all(any(hay.find(w, start, end) >= 0 for w in group) for group in rest):
            out.append((start, end))
    return out


def finditer(pattern: re.Pattern[str], text: str, needs: Sequence[Sequence[str]],
             lower: str | None = None, pos: int = 0, endpos: int | None = None
             ) -> Iterator[re.Match[str]]:
    """What `pattern.finditer(text, pos, endpos)` gives, searching only the stretches
    holding `needs`."""
    endpos = len(text) if endpos is None else endpos
    spans = stretches(text, needs, lower, pos, endpos)
    if spans is None:
        yield from pattern.finditer(text, pos, endpos)
        return
    for start, end in spans:
        yield from pattern.finditer(text, start, end)


def search(pattern: re.Pattern[str], text: str, needs: Sequence[Sequence[str]],
           lower: str | None = None) -> re.Match[str] | None:
    """What `pattern.search(text)` gives: the first match, or None."""
    return next(finditer(pattern, text, needs, lower), None)
