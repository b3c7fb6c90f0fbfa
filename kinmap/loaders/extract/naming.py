"""Whether a capitalised word from a title is a name, or a heading word or a place.

A pseudonym ("Rowan", "Child Q", "HK") is written with its capital wherever the
review uses it; a heading word ("Domestic Violence", "Effects") is written in
lower case in the running text too; a place ("Bradford") mostly stands after "in" or
before an organisation word ("Bradford Safeguarding Children Board").
"""
from __future__ import annotations

import re
from functools import lru_cache

from .data import patterns, rx


@lru_cache(maxsize=1)
def _place_rules() -> tuple[re.Pattern[str], re.Pattern[str]]:
    data = patterns()["naming"]
    return rx(data["before_place"], case=True), rx(data["after_place"], case=True)


def name_like(word: str, text: str) -> bool:
    """True when a capitalised word is used as a person's name in the text."""
    if not word or not word[:1].isupper():
        return False
    if word.isupper() or any(c.isdigit() for c in word):
        return True  # initials and codes ("HK", "BDS12") are never written in lower case
    lower = word.lower()
    if re.search(rf"(?<![\w'’-]){re.escape(lower)}\b", text):
        return False
    before, after = _place_rules()
    uses = places = 0
    for m in re.finditer(rf"\b{re.escape(word)}\b", text):
        uses += 1
        if before.search(text, max(0, m.start() - 12), m.start()) or after.match(text, m.end()):
            places += 1
    return places * 2 < uses  # a name now and then after "in" is still a name
