"""Find the people outside the family: adult males, perpetrators, peers, crime groups, the family.

"An adult male" (a perpetrator when the sentence tells of an arrest or a
conviction), "unknown adult males" and "older boys" (a group), "her sexual
exploiters", "another 12-yr old young person" (a peer), "a known organised
crime group" (only when the child is linked to it), "Adult B" or "Mr Q".
"His maternal family" is a group of its own; "his family" only stands for the
family when the review names no parent.
"""
from __future__ import annotations

import re

from .builder import Builder, Mention
from .data import patterns, rx
from .people import Registry, owner_ok

PERPETRATOR_CUES = re.compile(r"\b(?:arrested|convicted|charged|raped|rape|abused|assaulted|"
                              r"exploited|trafficked|sentenced)\b", re.IGNORECASE)


def find_others(builder: Builder, registry: Registry) -> None:
    """People outside the family: adult males, perpetrators, peers, crime groups."""
    names = [n for n in builder.subject_names if n[:1].isupper()]
    subject = "(?:" + "|".join(re.escape(n) for n in names) + ")" if names else "the child"
    for spec in patterns()["others"]:
        pattern = rx(spec["pattern"].replace("SUBJECT", subject), bool(spec.get("case")))
        requires = rx(spec["requires"]) if spec.get("requires") else None
        for m, sentence in builder.doc.matches(pattern):
            if sentence.zone not in ("narrative", "learning") or sentence.heading:
                continue
            if requires and not requires.search(sentence.text):
                continue
            role = spec["role"]
            if spec["rule"] in ("adult-male", "men-group") and PERPETRATOR_CUES.search(sentence.text):
                role = "perpetrator"
            label = re.sub(r"\s+", " ", m.group("label"))
            if label in registry.aliases or any(
                    x.start <= m.start() < x.end for x in builder.person_mentions.get(
                        sentence.index, [])):
                continue
            sex = spec.get("sex") or ("male" if re.search(r"\b(?:male|man|men|boy)\b", label, re.IGNORECASE)
                                      else "female" if re.search(r"\b(?:female|woman|girl)\b",
                                                                 label, re.IGNORECASE) else "unknown")
            plural = bool(spec.get("plural"))
            key = spec["rule"] if plural or spec["rule"] == "peer" else \
                f"{spec['rule']}:{label.lower()}"
            pid = registry.add(role=role, sex=sex, generation=1, plural=plural, mods=[],
                               label=f"{label} (group)" if plural else label, sentence=sentence,
                               start=m.start(), end=m.end(), rule=spec["rule"], kin=False,
                               key=key)
            if "age" in m.groupdict() and m.group("age"):
                registry.records[pid].person.age = int(m.group("age"))


def find_family_groups(builder: Builder, registry: Registry) -> None:
    """'his maternal family' (a group); 'his family' only when no parent is named."""
    names = [n for n in builder.subject_names if n[:1].isupper()]
    subject = "(?:" + "|".join(re.escape(n) for n in names) + ")" if names else "the child"
    pattern = rx(patterns()["family_group"].replace("SUBJECT", subject))
    has_parents = any(r.kin and r.generation <= 1 for r in registry.records.values())
    for m, sentence in builder.doc.matches(pattern):
        if sentence.zone not in ("narrative", "learning") or sentence.heading:
            continue
        line = (m.group("line") or "").lower()
        if not line and (has_parents or not owner_ok(m.group(0).split()[0], builder)):
            continue
        if line in ("extended", "birth"):
            continue
        label = f"{line} family (group)" if line else "family (group)"
        registry.add(role="other", sex="unknown", generation=1, plural=True, mods=[],
                     label=label, sentence=sentence, start=m.start(), end=m.end(),
                     rule="family-group", kin=False, key=f"family:{line}")
    if not has_parents:
        _the_family(builder, registry)


def _the_family(builder: Builder, registry: Registry) -> None:
    """'the family cancelled appointments': more mentions of the family group, if there is one."""
    record = next((r for r in registry.records.values() if r.key == "family:"), None)
    if record is None:
        return
    for m, sentence in builder.doc.matches(rx(r"\bthe family\b(?!\s+home)")):
        if sentence.zone in ("narrative", "learning") and not sentence.heading:
            builder.person_mentions.setdefault(sentence.index, []).append(
                Mention(record.person.id, m.start(), m.end(), sentence.index, "family-group"))
