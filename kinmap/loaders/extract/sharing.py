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
    """Add the information-sharing links of the review."""
    negation = rx(patterns()["sharing_negation"])
    done: set[int] = set()
    found = []
    for rule in rules("sharing", "status"):
        for m, sentence in builder.doc.matches(rule.pattern):
            found.append((m.start(), rule, m, sentence))
    for at, rule, _m, sentence in sorted(found, key=lambda f: f[0]):
        if sentence.index in done or not (sentence.fact or (
                sentence.finding_head and not sentence.modal)):
            continue
        done.add(sentence.index)
        status = rule.value
        if status == "shared" and negation.search(builder.flat, sentence.start, at):
            status = "missed"
        source, target = _ends(builder, sentence, at, status,
                               bool(rule.options.get("receiver_first")))
        link = InformationSharing(status=status, id=builder.new_id(f"sharing-{len(done)}"),
                                  from_=source, to=target, about=builder.about(sentence),
                                  what=" ".join(sentence.text.split())[:200])
        builder.add("information_sharing", link, rule.name, sentence.start, sentence.end,
                    confidence=rule.confidence, focus=(_m.start(), _m.end()))
