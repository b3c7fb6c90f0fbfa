"""The document readers' shortcuts change nothing: each gives what the plain way gave.

normalise_characters replaces only the characters its table changes instead of
translating every character, collapse leaves lines with single spaces alone, and
the Markdown reader runs an inline pattern only on a line holding its mark. Quotes
must match the document character for character, so each is compared with the
plain way on texts made of every character they touch.
"""
from __future__ import annotations

import random
import re

from kinmap.loaders.documents import clean, text

#: Characters the readers treat specially, and ordinary ones around them.
ALPHABET = ("ab Z1.-–'’\n\r\t*_~`[]()<>!:|#" + "".join(map(chr, clean._TRANSLATION)) +
            "\x00\x07\x1f\x7f\u2028\u2029é")


def samples(n: int = 3000, seed: int = 12) -> list[str]:
    rng = random.Random(seed)
    return [""] + ["".join(rng.choice(ALPHABET) for _ in range(rng.randint(1, 40)))
                   for _ in range(n)]


def test_normalise_characters_is_the_table_translation():
    for sample in samples():
        plain = sample.replace("\r\n", "\n").replace("\r", "\n")
        plain = re.sub(r"[\x00-\x08\x0e-\x1f\x7f]", "", plain.translate(clean._TRANSLATION))
        assert clean.normalise_characters(sample) == plain, repr(sample)


def test_collapse_is_one_space_for_every_run():
    for sample in samples() + ["a b", " a  b ", "a\nb", "a \n b"]:
        assert clean.collapse(sample) == re.sub(r"[ \n]+", " ", sample).strip(), repr(sample)


def _inline_every_pattern(line: str) -> str:
    """What text._inline gave before it looked for marks: every pattern on every line."""
    line = text._IMAGE.sub(r"\1", line)
    line = text._LINK.sub(r"\1", line)
    line = text._REF_LINK.sub(r"\1", line)
    line = text._AUTOLINK.sub(r"\1", line)
    line = text._CODE.sub(r"\1", line)
    for pattern in (text._STRONG, text._STRIKE):
        line = pattern.sub(lambda m: m.group(m.lastindex), line)
    line = text._EM_STAR.sub(r"\1", line)
    return text._EM_UNDER.sub(r"\1", line)


def test_markdown_inline_marks_go_as_before():
    written = ["**bold** and __strong__ ~~gone~~ `code` *em* _em_ snake_case_name",
               "![a picture](p.png) [a link](https://x.test/(a)) [ref][1] <https://x.test>",
               "2 * 3 * 4 and a_b_c", "**[link](u)** `*not em*`", "~~*both*~~ __*x*__"]
    for line in written + samples():
        assert text._inline(line) == _inline_every_pattern(line), repr(line)
