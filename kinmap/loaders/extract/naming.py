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


@lru_cache(maxsize=1)
def _place_rules() -> tuple[re.Pattern[str], re.Pattern[str]]:
    data = patterns()["naming"]
    return rx(data["before_place"], case=True), rx(data["after_place"], case=True)


class Names:
    """One text's words, indexed once, to tell names from heading words and places."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.lower: set[str] = set()
        self.at: dict[str, list[int]] = {}
        for m in WORD.finditer(text):
            word = m.group(0)
            if word[0].islower():
                self.lower.add(word)
            else:
                self.at.setdefault(word, []).append(m.start())
        self.known: dict[str, bool] = {}

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
        if word.lower() in self.lower:
            return False
        before, after = _place_rules()
        uses = self.at.get(word, [])
        places = sum(1 for at in uses
                     if before.search(self.text, max(0, at - 12), at)
                     or after.match(self.text, at + len(word)))
        return places * 2 < len(uses)  # a name now and then after "in" is still a name

