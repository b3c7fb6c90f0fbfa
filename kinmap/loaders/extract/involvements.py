"""Find which agency was involved with which person: the lines of the ecomap.

An agency and a person named in one sentence about the case are involved
("Owain was known to Children's Social Care for 11 years"); advice and
recommendations name no involvement. The tie is strong when the sentence
speaks of a trusted or positive relationship, tenuous when of disengagement.
"""
from __future__ import annotations

import re

from ...model import Involvement
from .builder import Builder
from .people import Registry

STRONG = re.compile(r"\b(?:trusted|positive|strong|good) (?:professional )?relationships?\b",
                    re.IGNORECASE)
MALE = re.compile(r"\b(?:he|him|his)\b", re.IGNORECASE)
FEMALE = re.compile(r"\b(?:she|her)\b", re.IGNORECASE)
CHILD_AGED = re.compile(r"\b\d{1,2}[- ](?:year|week|month)s?[- ]old (?:boy|girl|child|baby)\b",
                        re.IGNORECASE)
TENUOUS = re.compile(r"\b(?:disengag\w*|unwilling to engage|did not engage|little progress|"
                     r"engagement remained problematic)\b", re.IGNORECASE)


def _pronoun_child(builder: Builder, sentence) -> list[str]:
    """The subject child, when a sentence naming nobody speaks of 'him'/'her' or 'a 16-year-old boy'."""
    subject = builder.subject
    if subject is None:
        return []
    words = MALE if builder.subject_sex == "male" else \
        FEMALE if builder.subject_sex == "female" else None
    if (words and words.search(sentence.text)) or CHILD_AGED.search(sentence.text):
        return [subject.id]
    return []


def find_involvements(builder: Builder, registry: Registry) -> None:
    """Add an involvement for each agency and person named together in a case sentence."""
    seen: dict[tuple[str, str], Involvement] = {}
    for sentence in builder.doc.sentences:
        # the cheap test first: most sentences name no agency
        if sentence.index not in builder.agency_mentions or not sentence.fact:
            continue
        agencies = builder.mentioned_agencies(sentence)
        if not agencies:
            continue
        people = builder.about(sentence, default_subject=False) or _pronoun_child(builder,
                                                                                  sentence)
        if not people:
            continue
        strength = "strong" if STRONG.search(sentence.text) else \
            "tenuous" if TENUOUS.search(sentence.text) else None
        for a in agencies:
            for person in people:
                record = registry.records.get(person)
                if record is not None and record.person.role == "perpetrator":
                    continue
                key = (a.ref, person)
                if key in seen:
                    if strength and not seen[key].strength:
                        seen[key].strength = strength
                    continue
                tie = Involvement(agency=a.ref, person=person, strength=strength)
                at = next((m for m in builder.mentioned_people(sentence) if m.ref == person), a)
                builder.add("involvements", tie, "co-mention", sentence.start, sentence.end, 0.5,
                            focus=(min(a.start, at.start), max(a.end, at.end)))
                seen[key] = tie
