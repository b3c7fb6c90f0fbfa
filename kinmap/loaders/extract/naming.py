"""Whether a capitalised word from a title is a name, or a heading word or a place.

A pseudonym ("Rowan", "Child Q", "PT") is written with its capital wherever the
review uses it; a heading word ("Domestic Violence", "Effects") is written in
lower case in the running text too; a place ("Eastholm") mostly stands after "in"
or before an organisation word ("Eastholm Safeguarding Children Board").
"""
from __future__ import annotations

import re
from functools import lru_cache

from .data import patterns, rx

WORD = re.compile(r"[A-Za-z][\w'’-]*")
#: A character a WORD goes on with (after its first letter).
WORD_GOES_ON = re.compile(r"[\w'’-]")
ASCII_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")


@lru_cache(maxsize=1)
def _place_rules() -> tuple[re.Pattern[str], re.Pattern[str]]:
    data = patterns()["naming"]
    return rx(data["before_place"], case=True), rx(data["after_place"], case=True)


class Names:
    """One text's words, to tell names from heading words and places.

    The text's words are what WORD finds in it, one after another. Whether a word is
    there, and where, is worked out only for the words asked about: a long review
    has 50,000 words, and listing them took longer than the few a title asks about.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.known: dict[str, bool] = {}

    def at(self, word: str) -> list[int]:
        """Where the text has this capitalised word as a whole WORD (as WORD.finditer
        finds it); nowhere for a lower-case word."""
        if not word[:1].isupper():
            return []  # never one capitalised WORD ("ava")
        return self._whole(word)

    def has(self, word: str) -> bool:
        """Whether the text has this word as a whole WORD ("effects" in "the effects of")."""
        return bool(self._whole(word, most=1))

    def _whole(self, word: str, most: int | None = None) -> list[int]:
        """Where the text has this word as a whole WORD, the first `most` of them."""
        text, out = self.text, []
        if not WORD.fullmatch(word):
            return out  # never one WORD ("Child Q", "É")
        i = text.find(word)
        while i >= 0:
            end = i + len(word)
            if (end == len(text) or not WORD_GOES_ON.match(text, end)) and self._starts(i):
                out.append(i)
                if most is not None and len(out) >= most:
                    break
            i = text.find(word, i + 1)
        return out

    def _starts(self, i: int) -> bool:
        """Whether a WORD starts at text[i] (an ASCII letter): no earlier letter opens one
        that goes on over it, in the run of word characters just before."""
        text = self.text
        j = i - 1
        while j >= 0 and WORD_GOES_ON.match(text, j):
            if text[j] in ASCII_LETTERS:
                return False
            j -= 1
        return True

    def name_like(self, word: str) -> bool:
        """True when a capitalised word is used as a person's name in the text."""
        if word not in self.known:
            self.known[word] = self._name_like(word)
        return self.known[word]

    def _name_like(self, word: str) -> bool:
        if not word or not word[:1].isupper():
            return False
        if word.isupper() or any(c.isdigit() for c in word):
            return True  # initials and codes ("PT", "LW4") are never written in lower case
        if self.has(word.lower()):
            return False
        before, after = _place_rules()
        uses = self.at(word)
        places = sum(1 for at in uses
                     if before.search(self.text, max(0, at - 12), at)
                     or after.match(self.text, at + len(word)))
        return places * 2 < len(uses)  # a name now and then after "in" is still a name

