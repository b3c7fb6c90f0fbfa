"""Find where the child lived: the family home and each placement (foster, residential, secure).

"He lived with his mother, stepfather, brothers, and sisters" is the family
home with those people; "when they lived with their parents" too. Placements
are named by their kind ("a foster family", "three short term foster
placements", "a residential solo placement", "the residential school and care
home"); their members are the people the sentence names, else the subject
child; "out of borough" or "miles from her home" gives the area.
"""
from __future__ import annotations

import re

from ...model import Household
from .builder import Builder
from .data import patterns, rx
from .people import Registry

SPACE = re.compile(r"\s+")


def _members(builder: Builder, sentence, after: int | None = None) -> list[str]:
    found = []
    for m in builder.mentioned_people(sentence):
        if (after is None or m.start >= after) and m.ref not in found:
            found.append(m.ref)
    subject = builder.subject
    if subject is not None and subject.id not in found:
        found.insert(0, subject.id)
    return found


def find_households(builder: Builder, registry: Registry) -> None:
    """Add the family home and the placements of the review."""
    data = patterns()
    out_of_area = rx(data["out_of_area"])
    by_key: dict[str, Household] = {}
    found = []
    for spec in data["households"]:
        for m, sentence in builder.doc.matches(rx(spec["pattern"])):
            if sentence.fact:
                found.append((m.start(), spec, m, sentence))
    for _start, spec, m, sentence in sorted(found, key=lambda f: f[0]):
        family = bool(spec.get("family"))
        if family:
            key = "family_home"
            members = _members(builder, sentence, m.end() if spec["rule"] == "lived-with-family"
                               else None)
            label = "family home"
        else:
            label = SPACE.sub(" ", m.group("label")).lower()
            key = f"{spec['kind']}:{label}"
            members = _members(builder, sentence)
        household = by_key.get(key)
        if household is not None:
            for member in members:
                if member not in household.members:
                    household.members.append(member)
            continue
        household = Household(id=builder.new_id(label, "household"), kind=spec["kind"],
                              label=label, members=members)
        if out_of_area.search(sentence.text):
            household.area = "out of area"
        household.since = builder.date_in(sentence.start, sentence.end)
        builder.add("households", household, spec["rule"], sentence.start, sentence.end, 0.6)
        by_key[key] = household
