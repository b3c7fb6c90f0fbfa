"""stretches.py finds exactly what a whole-text search finds, on every review text we have.

The subject finder searches 300 kB reviews only where its patterns' cue words are;
a difference from `pattern.finditer(text)` would change drafts. Each case compares
the spans and groups of every match, over the seed and development reviews
(../shared), the extraction fixtures, and small texts made to sit on the edges.
"""
from __future__ import annotations

import re
from collections import Counter
import pytest

from conftest import ROOT, SEEDS, SHARED
from kinmap.loaders.extract import review, stretches, subjects
from kinmap.loaders.extract.data import patterns, rx
from kinmap.loaders.extract.sentences import flatten, lowered

EXTRACT = ROOT / "tests" / "data" / "extract"
TEXTS = sorted(SEEDS.glob("*.txt")) + sorted((SHARED / "dev" / "texts").glob("*")) + \
    sorted(EXTRACT.glob("*.txt")) + sorted(EXTRACT.glob("heldout*/texts/*"))

#: (pattern, cue words, case-blind) of every search subjects.py makes with stretches.finditer
SEARCHES = [(subjects.YEAR_OLD, subjects.YEAR_OLD_NEEDS, True),
            (subjects.WEEKS_OLD, subjects.WEEKS_OLD_NEEDS, True),
            (subjects.BIRTHDAY, subjects.BIRTHDAY_NEEDS, True),
            (subjects.CULTURE, subjects.CULTURE_NEEDS, False)]


def spans(matches) -> list[tuple]:
    return [(m.span(), m.groups()) for m in matches]


def flat_texts() -> list[str]:
    return [flatten(path.read_text(encoding="utf-8", errors="replace")) for path in TEXTS]


def test_there_are_texts_to_compare_on():
    assert len(TEXTS) >= 30


@pytest.mark.parametrize("pattern,needs,blind", SEARCHES,
                         ids=["year-old", "weeks-old", "birthday", "culture"])
def test_the_subject_finders_searches_find_what_a_whole_text_search_finds(pattern, needs, blind):
    found = 0
    for text in flat_texts():
        lower = lowered(text) if blind else None
        assert spans(stretches.finditer(pattern, text, needs, lower)) == \
            spans(pattern.finditer(text))
        found += len(list(pattern.finditer(text)))
    assert found or pattern is subjects.BIRTHDAY  # the comparison saw matches, not only misses


def test_partnership_names_searched_in_stretches_of_part_of_a_text():
    """review.py looks for "<Area> Safeguarding Children Partnership" in one review of a
    document (pos, endpos): the same names as a whole search of that part."""
    named = rx(patterns()["partnership"]["named"], case=True)
    found = 0
    for text in flat_texts() + EDGES:
        for pos, endpos in ((0, len(text)), (len(text) // 3, 2 * len(text) // 3), (7, 7)):
            assert spans(stretches.finditer(named, text, review.NAMED_NEEDS, None, pos, endpos)) \
                == spans(named.finditer(text, pos, endpos))
        found += len(list(named.finditer(text)))
    assert found > 10


def test_names_searched_where_they_are_find_what_a_whole_text_search_finds():
    tried = 0
    for text in flat_texts():
        names = [w for w, _ in Counter(re.findall(r"\b(?:Child [A-Z]\w*|[A-Z][a-z]{2,})\b",
                                                  text)).most_common(6)]
        for name in names:
            for pattern in (rf"\b{re.escape(name)}\b", rf"(?<!Child )\b{re.escape(name)}\b",
                            rf"\b{re.escape(name)}\b[^.]{{0,60}}?(?:\bwas|[,–:-])\s*aged\s+(\d+)",
                            rf"(?<!when )\b{re.escape(name)},?\s+(?:who\s+)?was\s+(\w+)"):
                compiled = re.compile(pattern)
                assert spans(stretches.finditer_at(compiled, text, (name,))) == \
                    spans(compiled.finditer(text)), pattern
                tried += 1
    assert tried > 100


EDGES = [
    "A 14-year-old boy",                       # a match from the first offset to the last
    "14 year old girl. 3-year-old son. Then a 9-yr-old boy",
    "another 14-year-old boy. The 2 year old child",   # a look-behind before the stretch
    "Baby AB, aged 7-weeks-old. She was aged 3 months. No stop at the end aged 4 weeks",
    "He had his tenth BIRTHDAY. Second  birthday",
    "... . . 15-year-old. .boy",                # full stops everywhere
    "Ruby was of White British heritage. Their Irish background",
    "a 12-year-old\u00a0boy",                   # not flattened: a no-break space
    "\u0130 a 12-YEAR-OLD BOY with a dotted capital I first",  # lower() changes the length
    "Fenmoor. Fenmoor Safeguarding Children Partnership.Eastholm Safeguarding Board",
    "Local Safeguarding Children Board (LSCB). Upper Fold and\nFenmoor Safeguarding Partnerships",
]


@pytest.mark.parametrize("text", EDGES)
def test_edges_of_stretches(text):
    for pattern, needs, blind in SEARCHES:
        lower = lowered(text) if blind else None
        assert spans(stretches.finditer(pattern, text, needs, lower)) == \
            spans(pattern.finditer(text))
        first = stretches.search(pattern, text, needs, lower)
        whole = pattern.search(text)
        assert (first and first.span()) == (whole and whole.span())


def test_a_cue_word_holding_the_barrier_or_empty_searches_everything():
    pattern = re.compile(r"Mr\. X")
    assert spans(stretches.finditer(pattern, "Mr. X met Mr. X.", [["Mr. X"]])) == \
        spans(pattern.finditer("Mr. X met Mr. X."))
    assert stretches.stretches("Mr. X.", [["Mr. X"]]) is None
    assert spans(stretches.finditer_at(re.compile(r"\bx"), "x x", ("",))) == [((0, 1), ()),
                                                                              ((2, 3), ())]


def test_a_match_found_at_a_cue_word_ends_where_the_next_search_starts():
    pattern = re.compile(r"ab(?:ab)*")  # "abab" once, as finditer gives it, not "ab" twice
    assert spans(stretches.finditer_at(pattern, "xababx ab", ("ab",))) == \
        spans(pattern.finditer("xababx ab")) == [((1, 5), ()), ((7, 9), ())]


def test_cue_words_of_case_blind_patterns_have_only_ascii_case_forms():
    """Unicode folds i with dotless and dotted I, k with the Kelvin sign and s with the long s:
    a cue word holding them would miss 'BİRTHDAY' in the lower-cased text."""
    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    for pattern, needs, blind in SEARCHES:
        if not blind:
            continue
        letters = {c for group in needs for word in group for c in word}
        folded = re.findall("[" + re.escape("".join(sorted(letters))) + "]", every, re.IGNORECASE)
        assert all(c.isascii() for c in folded), (pattern.pattern, sorted(set(folded)))


def test_every_pattern_searched_by_stretches_is_case_blind_as_declared():
    for pattern, _, blind in SEARCHES:
        assert bool(pattern.flags & re.IGNORECASE) == blind


def test_cue_words_are_in_every_match():
    """A cue word missing from some match would lose that match: each declared word group
    holds a word of every match found in the texts (case-blind ones in lower case)."""
    for text in flat_texts():
        for pattern, needs, blind in SEARCHES:
            for m in pattern.finditer(text):
                matched = m.group(0).lower() if blind else m.group(0)
                assert all(any(w in matched for w in group) for group in needs), m.group(0)
                assert "." not in m.group(0)
