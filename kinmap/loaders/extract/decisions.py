"""Find the decisions taken about the child and how they ended: made, declined, not completed, delayed.

A decision is named by its kind ("Section 47 enquiry", "single assessment",
"child protection plan", "Care Order", "DoLS", "step up", "placed with ...")
in a sentence about the case, never in advice or recommendations. Its outcome
comes from the words of its own clause: "this proposal was declined",
"did not take place", "was being progressed", "19 weeks after initial referral".
Mentions of one kind in one paragraph are one decision ("recommended a single
assessment. The single assessment did not take place"); placement moves are
counted per sentence, since a paragraph often tells several.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ...model import Decision
from .builder import Builder
from .data import Rule, patterns, rules, rx
from .sentences import Sentence

CLAUSE = re.compile(r",\s*(?:and|but|however|whilst|while|although)\b|;|\bhowever\b|"
                    r"\b(?:and|but)\s+(?=(?:the|a|an|he|she|they|it|this|his|her|their)\b)",
                    re.IGNORECASE)
AGED = re.compile(r"\b(?:aged|was)\s+(\d{1,2})(?:\s+years?\s+old)?\b", re.IGNORECASE)
PRECEDENCE = {"made": 0, "delayed": 1, "not_completed": 2, "declined": 3}


@lru_cache(maxsize=1)
def _outcomes() -> tuple[tuple[str, re.Pattern[str]], ...]:
    data = patterns()["outcomes"]
    return tuple((name, rx(data[name])) for name in ("declined", "not_completed", "delayed"))


def outcome_of(text: str) -> str:
    """The outcome the words of a clause give a decision."""
    for name, pattern in _outcomes():
        if pattern.search(text):
            return name
    return "made"


def _window(builder: Builder, sentence: Sentence, start: int, previous_end: int,
            next_start: int) -> tuple[int, int]:
    """The clause of a decision: from its clause start to the next decision or sentence end."""
    begin = max(sentence.start, previous_end)
    for m in CLAUSE.finditer(builder.flat, begin, start):
        begin = m.end()
    return begin, next_start


def _matches(builder: Builder) -> dict[int, list[tuple[re.Match[str], Rule]]]:
    """Sentence index -> the decision cues in it, in text order, earlier rules first on overlap."""
    by_sentence: dict[int, list[tuple[re.Match[str], Rule]]] = {}
    process = rx(patterns()["review_process"])
    for rule in rules("decisions"):
        for m, sentence in builder.doc.matches(rule.pattern):
            found = by_sentence.setdefault(sentence.index, [])
            if not sentence.happened or process.search(sentence.text) or (
                    rule.requires and not rule.requires.search(sentence.text)):
                continue
            if not any(m.start() < o.end() and o.start() < m.end() for o, _ in found):
                found.append((m, rule))
    for i, found in by_sentence.items():
        if any(not rule.options.get("fallback") for _, rule in found):
            found[:] = [(m, rule) for m, rule in found if not rule.options.get("fallback")]
    return {i: sorted(found, key=lambda f: f[0].start()) for i, found in by_sentence.items()}


def find_decisions(builder: Builder) -> None:
    """Add the decisions of the review with their outcomes."""
    seen: dict[tuple, Decision] = {}
    matches = _matches(builder)
    for index in sorted(matches):
        sentence = builder.doc.sentences[index]
        found = matches[index]
        for i, (m, rule) in enumerate(found):
            previous_end = found[i - 1][0].end() if i else sentence.start
            next_start = found[i + 1][0].start() if i + 1 < len(found) else sentence.end
            begin, end = _window(builder, sentence, m.start(), previous_end, next_start)
            outcome = outcome_of(builder.flat[begin:end])
            per_sentence = rule.options.get("per_sentence")
            key = (rule.value, sentence.index if per_sentence else sentence.block)
            known = seen.get(key)
            if known is not None:
                if PRECEDENCE[outcome] > PRECEDENCE[known.outcome or "made"]:
                    known.outcome = outcome
                continue
            decision = Decision(id=builder.new_id(rule.value.replace("_", "-"), "decision"),
                                kind=rule.value, about=builder.about(sentence), outcome=outcome)
            decision.date = builder.date_near(m.start(), m.end(), sentence)
            aged = AGED.search(sentence.text)
            if aged and not decision.date and re.search(r"\b(?:when|aged)\b", sentence.text,
                                                        re.IGNORECASE):
                decision.when = f"aged {aged.group(1)}"
            meetings = builder.meeting_mentions.get(sentence.index)
            if meetings:
                decision.meeting = meetings[0].ref
            by = [a.ref for a in builder.mentioned_agencies(sentence) if a.end <= m.start()
                  and a.start >= begin]
            decision.by = by[:1]
            builder.add("decisions", decision, rule.name, sentence.start, sentence.end,
                        rule.confidence, focus=(m.start(), m.end()))
            seen[key] = decision
