"""Find what happened: deaths, injuries, missing episodes, disclosures, assaults, arrests.

An event is named by a cue ("died by suicide", "went missing", "disclosed",
"was arrested", "convicted of the rape of", "gave notice on her placement") in a
sentence about the case; "who go missing" in a recommendation is no event, and
neither is "at risk of going missing". A person dies once, and the injuries of
one person are one event; other cues give one event per paragraph. A child's
death fills `died:` (or `deceased:`) on the child.
"""
from __future__ import annotations

import re

from ...model import Event
from .builder import Builder
from .data import rules
from .people import Registry

SPACE = re.compile(r"\s+")


def _subject_before(builder: Builder, sentence, at: int) -> bool:
    """Whether the child is the one who speaks: named, or 'he'/'she', before the cue."""
    subject = builder.subject
    if subject is None:
        return False
    named = any(m.ref == subject.id and m.end <= at for m in builder.mentioned_people(sentence))
    return named or subject.id in builder.about(sentence, default_subject=False)


def _offender(builder: Builder, sentence, at: int) -> list[str]:
    """The person an arrest or conviction is about: named before the cue, not the child."""
    subject = builder.subject
    before = [m.ref for m in builder.mentioned_people(sentence) if m.end <= at]
    others = [ref for ref in before if subject is None or ref != subject.id]
    return others[:1]


def find_events(builder: Builder, registry: Registry) -> None:
    """Add the events of the review."""
    seen: dict[tuple, Event] = {}
    found = []
    for rule in rules("events"):
        for m, sentence in builder.doc.matches(rule.pattern):
            if sentence.happened and (rule.requires is None or rule.requires.search(sentence.text)):
                found.append((m.start(), rule, m, sentence))
    kinds_in_sentence: dict[int, set[str]] = {}
    for _start, rule, _m, sentence in found:
        kinds_in_sentence.setdefault(sentence.index, set()).add(rule.value)
    subject = builder.subject
    for _start, rule, m, sentence in sorted(found, key=lambda f: f[0]):
        unless = rule.options.get("unless") or []
        if set([unless] if isinstance(unless, str) else unless) & kinds_in_sentence[sentence.index]:
            continue
        if rule.options.get("by_subject") and not _subject_before(builder, sentence, m.start()):
            continue
        about = builder.about(sentence)
        if rule.options.get("offender"):
            about = _offender(builder, sentence, m.start()) or about
        if rule.options.get("once_per_person"):
            who = subject.id if subject and subject.id in about else about[0] if about else ""
            keys = [(rule.value, who)]
        else:
            keys = [(rule.name, sentence.block), (rule.value, sentence.index),
                    (rule.name, SPACE.sub(" ", sentence.text).strip(" .;").lower())]
        known = next((seen[k] for k in keys if k in seen), None)
        if known is not None:
            if not known.date:
                known.date = builder.date_near(m.start(), m.end(), sentence)
                if known.date and rule.value == "death" and subject is not None \
                        and subject.id in known.about:
                    subject.died, subject.deceased = known.date, None
            continue
        event = Event(id=builder.new_id(rule.value.replace("_", "-"), "event"), kind=rule.value,
                      about=about)
        event.date = builder.date_near(m.start(), m.end(), sentence)
        builder.add("events", event, rule.name, sentence.start, sentence.end, rule.confidence,
                    focus=(m.start(), m.end()))
        for key in keys:
            seen[key] = event
        if rule.value == "death" and subject is not None and subject.id in about:
            if event.date:
                subject.died = event.date
            else:
                subject.deceased = True
