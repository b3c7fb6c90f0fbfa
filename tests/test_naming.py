"""Names works out where a capitalised word stands, and whether a lower-case word is there,
only when asked: the same answers as indexing every word of the text, which the subject
finder did for every long review."""
from __future__ import annotations

import random
import re

from conftest import ROOT, SEEDS, SHARED
from kinmap.loaders.extract.naming import WORD, Names


def indexed(text: str) -> tuple[set[str], dict[str, list[int]]]:
    """Every word of the text indexed, as Names did: lower-case words, capitalised ones' places."""
    lower: set[str] = set()
    at: dict[str, list[int]] = {}
    for m in WORD.finditer(text):
        if m.group(0)[0].islower():
            lower.add(m.group(0))
        else:
            at.setdefault(m.group(0), []).append(m.start())
    return lower, at


def check(text: str, words: list[str]) -> None:
    lower, at = indexed(text)
    names = Names(text)
    for word in words:
        assert names.at(word) == at.get(word, []), (word, text[:80])
        assert names.has(word.lower()) == (word.lower() in lower), (word, text[:80])
    for word in lower:
        assert names.has(word)


def test_places_of_words_in_review_texts():
    texts = sorted(SEEDS.glob("*.txt"))[:12] + sorted((SHARED / "dev" / "texts").glob("*"))[:6]
    assert texts
    for path in texts:
        text = path.read_text(encoding="utf-8", errors="replace")
        words = [w for w, _ in __import__("collections").Counter(
            re.findall(r"[A-Z][\w'’-]*", text)).most_common(40)]
        check(text, words + ["Child Q", "É", "", "x"])


def test_places_of_words_where_words_run_together():
    """Words inside others ('McAdam', '3Ava', 'ÉAva', "O'Neil", 'Ava-Ava'), at both ends."""
    rng = random.Random(5)
    pieces = ["Ava", "ava", "Ben", " ", "3", "É", "é", "_", "'", "’", "-", ".", "Mc", "\n"]
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 14)))
        check(text, ["Ava", "Ben", "McAva", "Ava-Ava", "Ava_", "É", "ava", "Ava Ben", "3Ava"])


def test_a_word_named_is_told_from_a_heading_word_and_a_place():
    text = ("Rowan lived with Rowan's mother. Rowan went to school in Eastholm. The Effects "
            "were clear: effects on Rowan. Eastholm Council wrote. In Eastholm again.")
    names = Names(text)
    assert names.name_like("Rowan") and not names.name_like("Effects")
    assert not names.name_like("Eastholm") and names.name_like("PT")
