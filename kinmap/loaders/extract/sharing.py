"""Find information-sharing links the review calls missed, partial or (praised as) shared.

Cues: "a missed opportunity to share", "was not shared", "did not always know
what her plans were" (missed); "it is not clear what information was shared",
"how the plans were communicated could have been strengthened", "processes were
not integrated with each other" (partial); "CSC had shared with them" (shared).
The agencies at each end are those the sentence names, or the previous
sentence of the paragraph ("Tamsin's School ... were asked to contribute ...
This was a missed opportunity to share"); "them" is the agency named just before.
"""
from __future__ import annotations

import re

from ...model import InformationSharing
from .builder import Builder, Mention
from .data import patterns, rules, rx
from .sentences import Sentence


def _previous(builder: Builder, sentence: Sentence) -> Sentence | None:
    if sentence.index == 0:
        return None
    before = builder.doc.sentences[sentence.index - 1]
    return before if before.block == sentence.block else None


def _ends(builder: Builder, sentence: Sentence, at: int, status: str,
          receiver_first: bool = False) -> tuple[str | None, str | None]:
    """(from, to) agency ids for a link found at offset `at` of a sentence."""
    here = builder.mentioned_agencies(sentence)
    before = _previous(builder, sentence)
    earlier: list[Mention] = builder.mentioned_agencies(before) if before else []
    if receiver_first:
        target = next((m.ref for m in reversed(here) if m.end <= at), None)
        source = next((m.ref for m in reversed(earlier) if m.ref != target), None)
        return source, target
    between = [m.ref for m in here if m.start >= at]
    if status == "shared" and len(between) >= 2 and " between " in sentence.text:
        return between[0], between[1]
    source = next((m.ref for m in reversed(here) if m.end <= at), None)
    target = next((m.ref for m in here if m.start >= at), None)
    if status == "shared":
        if source is None and earlier:
            source = earlier[-1].ref
        if target is None and earlier and earlier[-1].ref != source:
            target = earlier[-1].ref
        return source, target
    if source is None and earlier:
        source = next((m.ref for m in earlier if m.ref != target), None)
    return source, (target if target != source else None)


def find_sharing(builder: Builder) -> None:
    """Add the information-sharing links of the review: one per clause that states one
    ('... but did not know she had a baby, and did not tell children's social care'),
    and one per receiver a clause names ('did not share it with the school or
    Children's Services')."""
    negation = rx(patterns()["sharing_negation"])
    done: set[tuple[int, int]] = set()   # (sentence, clause start) already read
    cues: dict[int, list[int]] = {}       # sentence -> where its links' cues start
    found = []
    for rule in rules("sharing", "status"):
        for m, sentence in builder.doc.matches(rule.pattern):
            found.append((m.start(), rule, m, sentence))
    count = 0
    for at, rule, m, sentence in sorted(found, key=lambda f: f[0]):
        if not (sentence.fact or (sentence.finding_head and not sentence.modal)):
            continue
        if rule.value == "shared" and sentence.generic:
            continue  # "Barriers to effective information sharing" tells of no link
        if rule.options.get("agency_after") and not any(
                0 <= a.start - m.end() <= 12 for a in builder.mentioned_agencies(sentence)):
            continue  # "contacted" is sharing only when an agency is what was contacted
        if rule.options.get("agency_before") and not any(
                a.end <= m.start() for a in builder.mentioned_agencies(sentence)) and \
                not rx(patterns()["professionals"]).search(builder.flat, sentence.start, m.start()):
            continue  # it is an agency or a professional who must not have known
        clause = builder.clause(sentence.start, sentence.end, (m.start(), m.end()))
        if (sentence.index, clause[0]) in done or any(
                abs(m.start() - c) < MIN_APART for c in cues.get(sentence.index, [])):
            continue
        done.add((sentence.index, clause[0]))
        cues.setdefault(sentence.index, []).append(m.start())
        status = rule.value
        if status == "shared" and negation.search(builder.flat, sentence.start, at):
            status = "missed"
        source, target = _ends(builder, sentence, at, status,
                               bool(rule.options.get("receiver_first")))
        targets = [target] + _more_receivers(builder, sentence, m.start(), m.end(), target,
                                             clause[1])
        for receiver in targets:
            count += 1
            link = InformationSharing(status=status, id=builder.new_id(f"sharing-{count}"),
                                      from_=source, to=receiver, about=builder.about(sentence),
                                      what=" ".join(sentence.text.split())[:200])
            builder.add("information_sharing", link, rule.name, sentence.start, sentence.end,
                        confidence=rule.confidence, focus=(m.start(), m.end()))


#: two cues of one sentence this close together state one link
MIN_APART = 60
#: the first receiver stands right after the cue's "with" or "to"
RECEIVER_AFTER = re.compile(r"\b(?:with|to|contacted|told|informed|notified)\s+(?:the\s+|a\s+)?$",
                            re.IGNORECASE)
#: receivers listed together: "with the school or Children's Services"
LISTED = re.compile(r"^\s*(?:,\s*(?:and|or|but)?|and|or|nor|but)\s+(?:not\s+)?(?:with\s+|to\s+)?"
                    r"(?:the\s+)?$",
                    re.IGNORECASE)


def _more_receivers(builder: Builder, sentence, cue_start: int, cue_end: int,
                    target: str | None, end: int) -> list[str]:
    """The other agencies listed right after the receiver that follows 'with' or 'to' the
    cue ('not shared with the health visitor or the school'), in its clause."""
    if target is None:
        return []
    here = builder.mentioned_agencies(sentence)
    out: list[str] = []
    previous = next((m for m in here if m.ref == target and m.start >= cue_end), None)
    if previous is None or not RECEIVER_AFTER.search(builder.flat, cue_start, previous.start):
        return []
    for m in here:
        if m.start < previous.end or m.start > end:
            continue
        if m is previous:
            continue
        if LISTED.match(builder.flat[previous.end:m.start]) and m.ref not in out + [target]:
            out.append(m.ref)
            previous = m
    return out
