"""Find the meetings held about the child: strategy meetings, conferences, reviews, panels.

A meeting is named by its kind ("strategy discussion", "ICPC", "core group",
"LAC Reviews", "multi-disciplinary safeguarding meetings at the GP practice")
in a sentence about the case; "strategy meetings should be held" in a learning
point or a recommendation is advice, not a meeting. All mentions of one kind
are one meeting (the review rarely tells two strategy meetings apart). An agency
in a sentence that says the meeting was held or chaired by it attended; one that
was asked to contribute but did not, or did not attend, was absent.
"""
from __future__ import annotations

import re
from functools import lru_cache
from itertools import pairwise

from ...model import Meeting
from .builder import Builder, Mention
from .data import Rule, patterns, rules, rx
from .sentences import Sentence

CLAUSE = re.compile(r",\s*(?:but|and|whilst|although)\b|;|\bbut\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def _attendance():
    data = patterns()["attendance"]
    return rx(data["attended"]), rx(data["absent"])


def _label(kind: str) -> str:
    return kind.replace("_", "-")


def _attendance_of(builder: Builder, meeting: Meeting, sentence: Sentence) -> None:
    """Agencies a clause says attended (held, chaired) or missed (not invited, absent)."""
    attended, absent = _attendance()
    mentions = builder.mentioned_agencies(sentence)
    if not mentions:
        return
    cuts = [sentence.start] + [m.end() for m in CLAUSE.finditer(builder.flat, sentence.start,
                                                               sentence.end)] + [sentence.end]
    for a, b in pairwise(cuts):
        clause = builder.flat[a:b]
        target = meeting.absent if absent.search(clause) else \
            meeting.attended if attended.search(clause) else None
        if target is None:
            continue
        for m in mentions:
            if a <= m.start < b and m.ref not in meeting.attended and m.ref not in meeting.absent:
                target.append(m.ref)


def find_meetings(builder: Builder) -> None:
    """Add the meetings of the review (one per kind), with attendance where stated."""
    by_kind: dict[str, Meeting] = {}
    found: list[tuple[int, Rule, object, Sentence]] = []
    for rule in rules("meetings"):
        for m, sentence in builder.doc.matches(rule.pattern):
            found.append((m.start(), rule, m, sentence))
    for _start, rule, m, sentence in sorted(found, key=lambda f: f[0]):
        if not sentence.happened or (rule.requires and not rule.requires.search(sentence.text)):
            continue
        meeting = by_kind.get(rule.value)
        if meeting is None:
            meeting = Meeting(id=builder.new_id(_label(rule.value), "meeting"), kind=rule.value,
                              about=builder.about(sentence))
            meeting.date = builder.date_in(m.end(), sentence.end) or \
                builder.date_in(sentence.start, sentence.end)
            builder.add("meetings", meeting, rule.name, sentence.start, sentence.end,
                        confidence=rule.confidence, focus=(m.start(), m.end()))
            by_kind[rule.value] = meeting
        builder.meeting_mentions.setdefault(sentence.index, []).append(
            Mention(meeting.id, m.start(), m.end(), sentence.index, rule.name))
        _attendance_of(builder, meeting, sentence)
