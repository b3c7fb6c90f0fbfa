"""Sentence and block splitting: exact offsets, headings, lists, zones, advice; pattern helpers."""
from __future__ import annotations

import re
from pathlib import Path

from kinmap.loaders.extract.data import loosen, rx
from kinmap.loaders.extract.digest import split_reviews
from kinmap.loaders.extract.required import BOUND as B
from kinmap.loaders.extract.required import factor_sets, factors, plain
from kinmap.loaders.extract.sentences import Document, flatten

DATA = Path(__file__).parent / "data" / "extract"

TEXT = """Learning Review – TAMSIN

Background

Tamsin lived with her aunt, e.g. at weekends. Dr. Hale saw her twice. She was 12.

Recommendations

1. The partnership should review its policy.
2. Strategy meetings should be held within a day.
"""


def blocks(doc: Document) -> list[tuple[str, str, str]]:
    return [("heading" if b.heading else "item" if b.item else "para", b.zone, b.text)
            for b in doc.blocks]


def test_sentences_are_exact_slices_of_the_input():
    doc = Document(TEXT)
    for sentence in doc.sentences:
        assert TEXT[sentence.start:sentence.end] == sentence.text
    texts = [s.text for s in doc.sentences]
    assert "Tamsin lived with her aunt, e.g. at weekends." in texts  # "e.g." does not end it
    assert "Dr. Hale saw her twice." in texts                       # neither does "Dr."
    assert "She was 12." in texts


def test_headings_list_items_and_zones():
    doc = Document(TEXT)
    found = blocks(doc)
    assert ("heading", "narrative", "Background") in found
    assert ("heading", "recommendation", "Recommendations") in found
    assert ("item", "recommendation", "The partnership should review its policy.") in found
    items = [b for b in doc.blocks if b.item]
    assert [b.marker for b in items] == ["1.", "2."]


def test_advice_is_marked_modal_and_never_a_fact():
    doc = Document(TEXT)
    advice = next(s for s in doc.sentences if s.text.startswith("Strategy meetings"))
    assert advice.modal and not advice.fact
    fact = next(s for s in doc.sentences if s.text.startswith("Tamsin lived"))
    assert fact.fact


def test_a_reported_decision_is_not_advice():
    doc = Document("Background\n\nThe conference decided that she should be subject to a "
                   "child protection plan.\n")
    assert doc.sentences[-1].fact


def test_conclusion_and_recommendations_is_a_learning_section():
    doc = Document("Conclusion and Recommendations\n\nThere is an overarching theme.\n")
    assert doc.blocks[-1].zone == "learning"


def test_inline_zones_of_digest_paragraphs():
    doc = Document("Death of a 9-year-old boy.\n\nLearning includes: listening to children; "
                   "sharing records.\n\nRecommendations include: audit case files.\n\n"
                   "Other resources Read practice review (PDF)\n")
    zones = [b.zone for b in doc.blocks]
    assert zones == ["narrative", "learning", "recommendation", "ignore"]


def test_hard_wrapped_lines_make_one_sentence():
    text = ("Background\n\nThe strategy discussion was held with the police, but the family\n"
            "doctor was not invited to it at all.\n")
    doc = Document(text)
    assert len(doc.sentences) == 2
    sentence = doc.sentences[1]
    assert "\n" in text[sentence.start:sentence.end]
    assert sentence.text == text[sentence.start:sentence.end].replace("\n", " ")


def test_flat_text_keeps_every_offset():
    text = "one\ntwo\r\nthree\tfour"
    assert len(flatten(text)) == len(text)
    assert flatten(text) == "one two  three four"


def test_numbered_paragraphs_start_after_their_number():
    doc = Document("1.1 The review began in 2022. It ended in 2023.\n")
    assert doc.sentences[0].text == "The review began in 2022."
    assert doc.blocks[0].marker == "1.1"


def test_quoted_criteria_lists_are_ignored():
    doc = Document("The regulations require a review where:\n\n- (i) the child has died or\n")
    assert doc.blocks[-1].zone == "ignore"


def test_loosened_spaces_match_line_breaks_but_not_inside_classes_or_lookbehinds():
    assert loosen(r"\bno further action\b") == r"\bno\s+further\s+action\b"
    assert loosen(r"[\w -]{0,5} x") == r"[\w -]{0,5}\s+x"
    assert loosen(r"(?<!risk of )missing") == r"(?<!risk of )missing"
    assert loosen(r"a ?b") == r"a\s?b"
    assert rx(r"\bno further action\b").search("closed with no\nfurther  action")


def test_factors_are_words_every_match_contains():
    # BOUND: a word boundary beside the word ("strategy" starts a word of the text)
    assert factors(rx(r"\bstrategy (?:meeting|discussion)s?\b")) == (f"{B}strategy",)
    assert factor_sets(rx(r"\bstrategy (?:meeting|discussion)s?\b"))[1] == (
        f"discussion{B}", f"discussions{B}", f"meeting{B}", f"meetings{B}")
    assert {plain(w) for w in factors(rx(r"\bwent missing\b|\breported missing\b"))} <= {
        "missing", "reported", "went"}
    assert factors(rx(r"\b[A-Z]\d\b")) is None
    # the parser cuts "Mr|Mrs|Ms|Miss" into "M" and "r|rs|s|iss": the strings are kept whole
    assert factors(rx(r"(?:Mr|Mrs|Ms|Miss)\.? [A-Z]", case=True)) == (
        "miss", "miss.", "mr", "mr.", "mrs", "mrs.", "ms", "ms.")
    assert factors(rx(r"(?<![\w'])(?:[Mm]other|[Ff]ather)\b", case=True)) == (
        f"{B}father{B}", f"{B}mother{B}")
    assert factors(rx(r"\b(?:was|were)\b")) == (f"{B}was{B}", f"{B}were{B}")
    # the shortcut never loses a match: every sentence with a match is a candidate
    doc = Document("Background\n\nShe WENT  MISSING twice. Nothing else happened.\n")
    pattern = rx(r"\bwent missing\b")
    assert [s.index for s in doc.candidates(pattern)] == [1]
    assert [m.group(0) for m, _ in doc.matches(pattern)] == ["WENT  MISSING"]


def test_a_pattern_runs_only_where_each_word_it_requires_one_of_is():
    pattern = rx(r"\b(?:mother|father)\s+(?:then\s+)?(?:told|said)\b")
    assert sorted(factor_sets(pattern)) == [(f"{B}father", f"{B}mother"),
                                            (f"said{B}", f"told{B}")]
    # either branch: one of "went" | "reported", and "missing" in both
    either = factor_sets(rx(r"\bwent missing\b|\breported missing\b"))
    assert either[0] == factors(rx(r"\bwent missing\b|\breported missing\b")) == (
        f"missing{B}",)
    assert ("reported", "went") in either  # the parser took the common \b out of the branches
    assert factor_sets(rx(r"\b[A-Z]\d\b")) == ()
    # one letter is in every sentence, a sign such as '&' is not
    assert factor_sets(rx(r"\bA\s?&\s?E\b")) == (("&",),)
    doc = Document("Background\n\nHer mother told us. The father left. She said nothing. "
                   "Then FATHER  THEN\nSAID yes.\n")
    # sentence 1 holds "mother" and "told"; 2 only "father"; 3 only "said"; 4 both
    assert [s.index for s in doc.candidates(pattern)] == [1, 4]
    assert [m.group(0) for m, _ in doc.matches(pattern)] == ["mother told", "FATHER  THEN SAID"]
    # the shortcut never loses a match: the same as searching every sentence
    assert [m.group(0) for s in doc.sentences for m in pattern.finditer(doc.flat, s.start, s.end)
            ] == ["mother told", "FATHER  THEN SAID"]


def test_a_single_review_is_one_segment_and_a_digest_several():
    assert len(split_reviews(TEXT)) == 1
    digest = ("Reviews published in May 2022\n\n1. Serious case review: Baby N\n\nDeath of a baby.\n\n"
              "2. Child safeguarding practice review concerning Rowan\n\nInjury to a boy.\n")
    segments = split_reviews(digest)
    assert len(segments) == 2
    assert all(s.digest and s.published == "2022-05" for s in segments)
    assert [digest[s.title_start:s.title_end] for s in segments] == [
        "Serious case review: Baby N", "Child safeguarding practice review concerning Rowan"]
    assert re.search("Death of a baby", digest[segments[0].start:segments[0].end])


def test_the_sentences_holding_a_word_are_those_whose_text_holds_it():
    # the index of words finds a word inside longer words ("grandmother" holds "mother"),
    # a word of several runs ("child's", "strategy meeting"), a sign ("&"), in any case
    doc = Document("Background\n\nHer Grandmother came. The child's strategy  meeting was "
                   "held. A&E saw him. Nobody else came to the meeting.\n")
    assert doc._holding("mother") == {1}
    assert doc._holding("child's") == {2}
    assert doc._holding("strategy meeting") == set()  # two spaces in the text
    assert doc._holding("meeting") == {2, 4}
    assert doc._holding("&") == {3}
    assert doc._holding("absent") == set()
    # the same as looking in each sentence's text, for every word of a review and its pieces
    text = (DATA / "cspr_child_d_full.txt").read_text(encoding="utf-8")
    doc = Document(text)
    lowers = [doc.lower[s.start:s.end] for s in doc.sentences]
    words = {w for w in re.findall(r"\w+", doc.lower)}
    probes = words | {w[1:-1] for w in words if len(w) > 3} | {
        "child's", "social care", "& ", "s.47", "-", "mother and", "e.g."}
    for word in sorted(probes):
        assert doc._holding(word) == {i for i, low in enumerate(lowers) if word in low}, word


def test_every_pattern_the_extractor_runs_is_searched_in_every_sentence_it_can_match(
        monkeypatch):
    # the shortcut never loses a match: for each pattern each extractor runs over each
    # fixture review, every sentence with a match is among the candidates it searches
    from kinmap.loaders.extract import explain
    seen: list[tuple[Document, re.Pattern[str]]] = []
    matches = Document.matches

    def recording(self, pattern):
        seen.append((self, pattern))
        return matches(self, pattern)

    monkeypatch.setattr(Document, "matches", recording)
    texts = sorted(DATA.glob("*.txt")) + sorted((DATA / "heldout" / "texts").glob("*.txt"))[:4]
    assert len(texts) >= 5
    for path in texts:
        explain(path.read_text(encoding="utf-8"), path.name)
    checked = set()
    for doc, pattern in seen:
        if (id(doc), pattern) in checked:
            continue
        checked.add((id(doc), pattern))
        searched = {s.index for s in doc.candidates(pattern)}
        for s in doc.sentences:
            if s.index not in searched:
                assert pattern.search(doc.flat, s.start, s.end) is None, (pattern.pattern, s.text)
    assert len({p for _, p in seen}) > 100  # the extractors' patterns, not a handful


def test_a_name_used_twice_is_found_without_counting_every_use():
    from kinmap.loaders.extract.sentences import matched_at_least
    text = "RB said so. Later RB left; RBX and ARB are other words. RB again."
    pattern = re.compile(r"\bRB\b")
    assert matched_at_least(pattern, text, 2, literal="RB")
    assert matched_at_least(pattern, text, 3)
    assert not matched_at_least(pattern, text, 4, literal="RB")  # 5 'RB's, 3 words
    assert not matched_at_least(pattern, text, 2, pos=12, endpos=40)  # one: 'RB left'
    assert not matched_at_least(re.compile(r"\bLM\b"), text, 1, literal="LM")


def test_initials_are_looked_for_only_in_sentences_with_two_capitals_in_a_row():
    from kinmap.loaders.extract.required import CAPITALS
    pattern = rx(r"\b(?-i:[A-Z]{2,3}) was\b")
    assert (CAPITALS,) in factor_sets(pattern)
    assert (CAPITALS,) not in factor_sets(rx(r"\b[A-Z]{2,3} was\b"))  # any case: "he was"
    assert (CAPITALS,) not in factor_sets(rx(r"\b(?-i:[A-Z]) was\b", case=True))  # one letter
    doc = Document("Background\n\nRB was there. He was not. Then SW was told.\n")
    assert [s.index for s in doc.candidates(pattern)] == [1, 3]
    assert [m.group(0) for m, _ in doc.matches(pattern)] == ["RB was", "SW was"]
