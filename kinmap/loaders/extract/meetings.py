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
    """Add the meetings of the review, with attendance where stated. Mentions of one kind
    are one meeting, unless they give it different dates ('a referral to MARAC in July
    2008', 'a repeat referral ... in January 2009'); a meeting the text says was not held,
    or would be held if, is none."""
    by_kind: dict[str, list[Meeting]] = {}
    not_held = rx(patterns()["meeting_not_held"])
    found: list[tuple[int, Rule, object, Sentence]] = []
    for rule in rules("meetings"):
        for m, sentence in builder.doc.matches(rule.pattern):
            found.append((m.start(), rule, m, sentence))
    for _start, rule, m, sentence in sorted(found, key=lambda f: f[0]):
        if not sentence.happened or (rule.requires and not rule.requires.search(sentence.text)):
            continue
        clause = builder.clause(sentence.start, sentence.end, (m.start(), m.end()))
        if not_held.search(builder.flat, clause[0], clause[1]):
            continue
        date = builder.date_near(m.start(), m.end(), sentence)
        held = by_kind.setdefault(rule.value, [])
        meeting = next((x for x in held if date and x.date and (
            x.date.startswith(date) or date.startswith(x.date))), None) or next(
            (x for x in held if not date or not x.date), None)  # "2023" is "October 2023"
        if meeting is not None and date and not meeting.date:
            meeting.date = date
        if meeting is None:
            meeting = Meeting(id=builder.new_id(_label(rule.value), "meeting"), kind=rule.value,
                              about=builder.about(sentence))
            meeting.date = date or builder.date_in(sentence.start, sentence.end)
            builder.add("meetings", meeting, rule.name, sentence.start, sentence.end,
                        confidence=rule.confidence, focus=(m.start(), m.end()))
            held.append(meeting)
        builder.meeting_mentions.setdefault(sentence.index, []).append(
            Mention(meeting.id, m.start(), m.end(), sentence.index, rule.name))
        _attendance_of(builder, meeting, sentence)
