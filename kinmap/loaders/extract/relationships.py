"""Find the ties between people: kinship, partners, contact, harm and association.

Only what the review states: a kinship word gives its tie to the subject
("his mother" is a parent, "her older sisters" siblings); a stepfather and the
mother are partners, and so are "their parents"; "their mother" is also the
mother of the sibling group; "his older brother and sister" are siblings of
each other. Harm needs a harm verb between two named people ("his brother
physically hit Owain", "trafficked by their father", "convicted of the rape
of Tamsin"), never an acquittal or an allegation. Contact needs "contact with"
or "Family Time with" a parent; association a link to an organised crime group.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ...model import Relationship
from .builder import Builder, Mention
from .data import patterns, rx
from .family import children_together, couple_and_guardians, family_statements
from .people import Record, Registry
from .sentences import Sentence

SYMMETRIC = {"sibling", "half_sibling", "step_sibling", "partner", "associate"}
#: role -> (relationship type, True when the tie points from the person to the subject)
TIES = {"mother": ("parent", True), "father": ("parent", True),
        "stepfather": ("step_parent", True), "stepmother": ("step_parent", True),
        "sister": ("sibling", False), "brother": ("sibling", False),
        "sibling": ("sibling", False), "half_sister": ("half_sibling", False),
        "half_brother": ("half_sibling", False), "step_sibling": ("step_sibling", False),
        "grandmother": ("grandparent", True), "grandfather": ("grandparent", True),
        "foster_carer": ("foster_parent", True), "special_guardian": ("special_guardian", True),
        "partner": ("partner", False), "child_of_subject": ("parent", False)}
PASSIVE_BEFORE = re.compile(r"\b(?:been|was|were|being|is|are)\s+(?:\w+\s+)?$", re.IGNORECASE)
COORDINATED_VERB = re.compile(r"\band\s+$", re.IGNORECASE)
HALF = re.compile(r"\bhalf\b", re.IGNORECASE)  # "older half siblings": a half_sibling tie
CLAUSE_START = re.compile(r"[;:(]|\bthat\b|\bwhich\b|\bwho\b|\bwhere\b", re.IGNORECASE)


class Ties:
    """The relationships of one review, without duplicates."""

    def __init__(self, builder: Builder) -> None:
        self.builder = builder
        # A dict, not a set: rules that go over the ties found so far then go in the
        # order they were found, the same on every run (a set's order of strings changes
        # with each process's hash seed, and so did the drafts).
        self.seen: dict[tuple, None] = {}

    def add(self, kind: str, source: str, target: str, rule: str, sentence: Sentence,
            confidence: float, **values: str) -> None:
        if source == target or not source or not target:
            return
        key = (kind, *sorted((source, target))) if kind in SYMMETRIC else (kind, source, target)
        if key in self.seen:
            return
        self.seen[key] = None
        tie = Relationship(type=kind, from_=source, to=target)
        for name, value in values.items():
            setattr(tie, name, value)
        named = [m for m in self.builder.mentioned_people(sentence) if m.ref in (source, target)]
        focus = (min(m.start for m in named), max(m.end for m in named)) if named else None
        self.builder.add("relationships", tie, rule, sentence.start, sentence.end, confidence,
                         focus=focus)


def _first_mention(builder: Builder, person_id: str, rule: str | None = None) -> Mention | None:
    found = [m for ms in builder.person_mentions.values() for m in ms
             if m.ref == person_id and (rule is None or m.rule == rule)]
    return min(found, key=lambda m: m.start) if found else None


def _sentence(builder: Builder, mention: Mention) -> Sentence:
    return builder.doc.sentences[mention.sentence]


def kin_ties(builder: Builder, registry: Registry, ties: Ties) -> None:
    """Each family member's tie to the subject child, and the ties kinship words imply."""
    subject = builder.subject
    if subject is None:
        return
    records = [r for r in registry.records.values() if r.kin and r.person.id != subject.id]
    for record in records:
        kind, upward = TIES.get(record.role, (None, False))
        mention = _first_mention(builder, record.person.id)
        if kind is None or mention is None:
            continue
        if kind == "sibling" and HALF.search(record.person.label or ""):
            kind = "half_sibling"
        if kind == "sibling" and _another_parents_child(registry, ties, record.person.id):
            continue  # a half sibling only by derivation, which a reviewer leaves out
        source, target = (record.person.id, subject.id) if upward else (subject.id,
                                                                         record.person.id)
        ties.add(kind, source, target, "kin-tie", _sentence(builder, mention), 0.8)
    by_role = {}
    for record in records:
        if not record.plural:
            by_role.setdefault(record.role, record)
    for step, parent in (("stepfather", "mother"), ("stepmother", "father")):
        if step in by_role and parent in by_role:
            mention = _first_mention(builder, by_role[step].person.id)
            ties.add("partner", by_role[parent].person.id, by_role[step].person.id,
                     "step-parent-partner", _sentence(builder, mention), 0.6)
    for record in records:
        if record.key.startswith("parent-partner:") and record.key[15:] in by_role:
            mention = _first_mention(builder, record.person.id)
            ties.add("partner", by_role[record.key[15:]].person.id, record.person.id,
                     "parent-partner", _sentence(builder, mention), 0.7)
    _parents(builder, by_role, records, ties)
    _coordinated_siblings(builder, registry, ties)


def _another_parents_child(registry: Registry, ties: Ties, person_id: str) -> bool:
    """Whether the review names a parent of this person who is not the subject's parent
    (Child 1 of Mother's previous marriage to Father 1)."""
    return any(k == "parent" and t == person_id and s in registry.records
               and registry.records[s].role not in ("mother", "father", "parent")
               for k, s, t in ties.seen)


def _parents(builder: Builder, by_role: dict[str, Record], records: list[Record],
             ties: Ties) -> None:
    """'their parents' are a couple and the parents of the sibling group too."""
    mother, father = by_role.get("mother"), by_role.get("father")
    couple = ("his parents", "her parents", "their parents", "both parents")
    if mother and father and any(d in mother.determiners for d in couple):
        mention = _first_mention(builder, mother.person.id, "kin-parents")
        if mention is not None:
            ties.add("partner", mother.person.id, father.person.id, "parents-couple",
                     _sentence(builder, mention), 0.5)
    groups = [r for r in records if r.plural and r.role == "sibling"]
    for parent in (mother, father):
        if parent is None or not any(d.startswith("their") for d in parent.determiners):
            continue
        mention = _first_mention(builder, parent.person.id)
        for group in groups:
            ties.add("parent", parent.person.id, group.person.id, "their-parent",
                     _sentence(builder, mention), 0.6)


def _coordinated_siblings(builder: Builder, registry: Registry, ties: Ties) -> None:
    """'his older brother and sister': two siblings named together are siblings of each other."""
    sibling_roles = {"sister", "brother", "sibling", "half_sister", "half_brother"}
    for index, mentions in builder.person_mentions.items():
        groups: dict[int, list[str]] = {}
        for m in mentions:
            record = registry.records.get(m.ref)
            if m.group is not None and record and record.kin and not record.plural \
                    and record.role in sibling_roles and m.ref not in groups.get(m.group, []):
                groups.setdefault(m.group, []).append(m.ref)
        for members in groups.values():
            for i, a in enumerate(members):
                for b in members[i + 1:]:
                    ties.add("sibling", a, b, "coordinated-siblings",
                             builder.doc.sentences[index], 0.6)


@lru_cache(maxsize=1)
def _harm_rules() -> tuple:
    data = patterns()["harm"]
    verbs = [(rx(rf"\b(?P<verb>{v['verbs']})\b"), v["nature"]) for v in data["verbs"]]
    return verbs, rx(data["nominal"]), data["nouns"], data["groups"], rx(patterns()["negation"])


@lru_cache(maxsize=1)
def _harm_nominals() -> tuple[re.Pattern[str], re.Pattern[str]]:
    data = patterns()["harm"]
    return rx(data["nominal_possessive"]), rx(data["nominal_by"])


def _pronoun_fits(builder: Builder, pronoun: str) -> bool:
    """Whether 'his', 'her' or 'their' can stand for the subject child."""
    sex = builder.subject_sex
    return pronoun.lower() == "their" or sex in (None, "unknown") or \
        (pronoun.lower() == "his") == (sex == "male")


def nominal_harm(builder: Builder, ties: Ties) -> None:
    """'<X> has been found guilty of his murder' and 'Abduction of a girl, by her teacher,
    Mr K': harm to the subject told as a noun, with the one who did it named."""
    subject = builder.subject
    if subject is None:
        return
    nouns = patterns()["harm"]["nouns"]
    possessive, by = _harm_nominals()
    negation = _harm_rules()[4]
    for m, sentence in builder.doc.matches(possessive):
        poss = m.group("poss")
        if poss.lower() in ("his", "her", "their"):
            victim = subject.id if _pronoun_fits(builder, poss) else None
        elif poss[:-2] in builder.subject_names:  # "convicted of Lily's murder"
            victim = subject.id
        else:  # "... of Ms P's murder": whoever the name is
            victim = next((x.ref for x in builder.mentioned_people(sentence)
                           if x.start <= m.start("poss") < x.end + 3), None)
        if not sentence.fact or negation.search(sentence.text) or victim is None:
            continue
        agents = [x for x in builder.mentioned_people(sentence)
                  if x.end <= m.start() and x.ref != victim
                  and not _in_brackets(builder.flat, sentence.start, x.start, m.start())]
        if agents:
            ties.add("harmed", agents[-1].ref, victim, "harm-possessive", sentence, 0.7,
                     nature=nouns[m.group("noun").lower()])
    for m, sentence in builder.doc.matches(by):
        if not sentence.fact or negation.search(sentence.text):
            continue
        agents = [x for x in builder.mentioned_people(sentence)
                  if x.start >= m.end() and x.start - m.end() < 40 and x.ref != subject.id]
        if agents:
            ties.add("harmed", agents[0].ref, subject.id, "harm-nominal-by", sentence, 0.6,
                     nature=nouns[m.group("noun").lower()])


def _in_brackets(text: str, start: int, at: int, stop: int) -> bool:
    """Whether text[at] stands inside brackets closed before stop: '(who was not his father)'."""
    opened = text.count("(", start, at) > text.count(")", start, at)
    return opened and ")" in text[at:stop]


def perpetrators(builder: Builder, registry: Registry, ties: Ties) -> None:
    """Someone the review names only as 'other' who harmed a subject child is a perpetrator."""
    subjects = {p.id for p in builder.subjects}
    for kind, source, target in list(ties.seen):
        record = registry.records.get(source)
        if kind == "harmed" and target in subjects and record and record.role == "other":
            record.role = record.person.role = "perpetrator"


def harm_ties(builder: Builder, registry: Registry, ties: Ties) -> None:
    """Who harmed whom, when the review says so of named people."""
    verbs, nominal, nouns, groups, negation = _harm_rules()
    named = builder.person_mentions
    for sentence in builder.doc.sentences:
        # the cheap test first: most sentences name fewer than two people
        if len(named.get(sentence.index, ())) < 2 or not sentence.fact or \
                negation.search(sentence.text):
            continue
        mentions = builder.mentioned_people(sentence)
        for m in builder.doc.search_in(nominal, sentence):
            after = [x for x in mentions if x.start >= m.end() and x.start - m.end() < 15]
            if not after:
                continue
            before = [x for x in mentions if x.end <= m.start() and x.ref != after[0].ref]
            if before:
                ties.add("harmed", before[-1].ref, after[0].ref, "harm-convicted", sentence,
                         0.7, nature=nouns[(m.group("noun") or m.group("verb")).lower()])
        for pattern, nature in verbs:
            for m in builder.doc.search_in(pattern, sentence):
                _verb_tie(builder, ties, sentence, mentions, m, nature)
    subject = builder.subject
    for record in registry.records.values():
        label = (record.person.label or "").split(" (")[0].split()[-1:]
        if subject and record.role == "perpetrator" and record.plural and label \
                and label[0] in groups:
            mention = _first_mention(builder, record.person.id)
            ties.add("harmed", record.person.id, subject.id, "harm-perpetrator-group",
                     _sentence(builder, mention), 0.5, nature=groups[label[0]])


def _verb_tie(builder: Builder, ties: Ties, sentence: Sentence, mentions: list[Mention],
              m: re.Match[str], nature: str) -> None:
    text = builder.flat
    passive = PASSIVE_BEFORE.search(text, sentence.start, m.start()) is not None \
        and re.match(r"\s+by\b", text[m.end():m.end() + 4]) is not None
    if passive:
        agents = [x for x in mentions if x.start > m.end() and x.start - m.end() < 20]
        starts = [c.end() for c in CLAUSE_START.finditer(text, sentence.start, m.start())]
        clause = starts[-1] if starts else sentence.start
        patients = [x for x in mentions if clause <= x.start and x.end <= m.start()]
        if agents:
            for patient in patients:
                ties.add("harmed", agents[0].ref, patient.ref, "harm-passive", sentence, 0.7,
                         nature=nature)
        return
    before = [x for x in mentions if x.end <= m.start() and m.start() - x.end < 25]
    if not before and COORDINATED_VERB.search(text, sentence.start, m.start()):
        # "(RB) forced entry to the flat and assaulted LM": the subject of the clause
        starts = [c.end() for c in CLAUSE_START.finditer(text, sentence.start, m.start())]
        clause = starts[-1] if starts else sentence.start
        before = [x for x in mentions if clause <= x.start and x.end <= m.start()][:1]
    after = [x for x in mentions if x.start >= m.end() and x.start - m.end() < 15]
    if before and after:
        ties.add("harmed", before[-1].ref, after[0].ref, "harm-active", sentence, 0.7,
                 nature=nature)


def contact_ties(builder: Builder, registry: Registry, ties: Ties) -> None:
    """'unsupervised contact with his father', 'Family Time with her parents'."""
    subject = builder.subject
    if subject is None:
        return
    natures = patterns()["contact_nature"]
    negated = rx(r"\b(?:no|not|never|without)\s+(?:\w+\s+){0,2}$")
    to_subject = rx(r"\s*(?:him|her|them|the child)\b")
    for m, sentence in builder.doc.matches(rx(patterns()["contact"])):
        if not sentence.fact or negated.search(builder.flat, sentence.start, m.start()):
            continue
        nature = natures.get((m.group("nature") or m.group("nature2") or "").lower())
        values = {"nature": nature} if nature else {}
        stop = min([i for i in (builder.flat.find(";", m.end(), sentence.end),) if i >= 0]
                   or [sentence.end])
        mentions = builder.mentioned_people(sentence)
        parents = [x for x in mentions if _parent_like(registry, x)]
        after = [x for x in parents if m.end() <= x.start < stop]
        if not m.group(0).rstrip().lower().endswith("with") or not after and (to_subject.match(builder.flat, m.end()) or any(
                x.ref == subject.id and 0 <= x.start - m.end() < 3 for x in mentions)):
            after = [x for x in parents if x.end <= m.start()][-1:]
        for x in after:
            ties.add("contact", x.ref, subject.id, "contact", sentence, 0.7, **values)


def _parent_like(registry: Registry, mention: Mention) -> bool:
    record = registry.records.get(mention.ref)
    return bool(record and record.kin and record.generation <= 1)


def associate_ties(builder: Builder, registry: Registry, ties: Ties) -> None:
    """The subject's link to an organised crime group."""
    subject = builder.subject
    group = next((r for r in registry.records.values() if r.key == "crime-group"), None)
    if subject is None or group is None:
        return
    for m, sentence in builder.doc.matches(rx(patterns()["associate"])):
        if sentence.zone in ("narrative", "learning") and not sentence.modal:
            ties.add("associate", subject.id, group.person.id, "associate-crime-group",
                     sentence, 0.6)
            return


def subject_siblings(builder: Builder, ties: Ties) -> None:
    """Two subject children of one review who are siblings (twins, brothers)."""
    subjects = builder.subjects
    if len(subjects) < 2 or subjects[1].role not in ("brother", "sister", "sibling"):
        return
    for other in subjects[1:]:
        sentence = next((s for s in builder.doc.sentences if s.text.strip() in
                         (other.quote or "")), None) or builder.doc.sentences[0]
        ties.add("sibling", subjects[0].id, other.id, "subject-siblings", sentence, 0.7)


def shared_parents(builder: Builder, ties: Ties) -> None:
    """The subject's parents and grandparents are those of the other subject children
    named with them (a review of brothers, of 'three children aged three, five and six')."""
    subject = builder.subject
    if subject is None:
        return
    others = builder.subjects[1:] if len(builder.subjects) > 1 and \
        builder.subjects[1].role in ("brother", "sister", "sibling") else []
    elders = sorted((source, kind) for kind, source, target in ties.seen
                    if target == subject.id and kind in ("parent", "grandparent", "special_guardian"))
    if children_together(builder):  # "their third child together": full siblings named
        parents = [e for e, k in elders if k == "parent"]
        stated = [t for t in list(ties.seen) if t[0] == "sibling" and subject.id in t[1:]]
        for _, a, b in stated:
            other = b if a == subject.id else a
            mention = _first_mention(builder, other)
            sentence = _sentence(builder, mention) if mention else builder.doc.sentences[0]
            for elder in parents:
                ties.add("parent", elder, other, "children-together", sentence, 0.5)
    for other in others:
        sentence = next((s for s in builder.doc.sentences if s.text.strip() in
                         (other.quote or "")), None) or builder.doc.sentences[0]
        for elder, kind in elders:
            ties.add(kind, elder, other.id, "shared-parents", sentence, 0.5)


def find_relationships(builder: Builder, registry: Registry) -> None:
    """All the ties of one review."""
    ties = Ties(builder)
    subject_siblings(builder, ties)
    family_statements(builder, registry, ties)
    kin_ties(builder, registry, ties)
    couple_and_guardians(builder, registry, ties)
    shared_parents(builder, ties)
    harm_ties(builder, registry, ties)
    nominal_harm(builder, ties)
    perpetrators(builder, registry, ties)
    contact_ties(builder, registry, ties)
    associate_ties(builder, registry, ties)
