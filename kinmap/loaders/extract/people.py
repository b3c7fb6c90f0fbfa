"""Find the people around the subject child: family members and the others the review names.

Family members come from kinship phrases tied to the subject: "his mother",
"Owain's stepfather", "their older sisters" (a group), "his older brother and
sister" (two people, both older), "one of her sisters" (a new person),
"mother's history" (a review that uses "mother" as a name). "His" or "her"
that does not fit the subject's sex belongs to someone else and is skipped.
Mentions of one person are merged: "his brother" is the "older brother" named
before. People outside the family are found by `others.py`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ...model import Person
from .builder import Builder, Mention
from .data import patterns, rx
from .sentences import Sentence, matched_at_least


#: "the brother of ...": a kinship word that describes someone else's tie
OF_SOMEONE = re.compile(r"\s+of\s+(?!(?:the|this|that)\s+(?:child|children|baby|subject)\b)")


@dataclass
class Kin:
    """One kinship word of patterns.yaml."""

    role: str
    sex: str
    generation: int
    plural: bool


@dataclass
class Record:
    """What the registry knows of one person beyond the case map fields."""

    person: Person
    role: str
    generation: int
    plural: bool
    distinct: frozenset[str]
    first: int
    block: int
    kin: bool = False
    key: str = ""
    determiners: set[str] = field(default_factory=set)


@lru_cache(maxsize=1)
def lexicon() -> dict[str, Kin]:
    """Kinship word -> what it means."""
    out = {}
    for word, spec in patterns()["kin"].items():
        out[word] = Kin(spec[0], spec[1], int(spec[2]), len(spec) > 3 and spec[3] == "plural")
    return out


@lru_cache(maxsize=64)
def kin_pattern(subject_possessive: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(first phrase, continuation) patterns for kinship phrases about the subject."""
    data = patterns()
    words = sorted(lexicon(), key=len, reverse=True)
    kin = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)
    mods = rf"(?:(?:{data['kin_modifiers']})\s+)*"
    owner = rf"(?:{data['possessives']}|the|{subject_possessive})" if subject_possessive else \
        rf"(?:{data['possessives']}|the)"
    first = rx(rf"\b(?P<new>one of\s+)?(?P<det>{owner})\s+(?P<mods>{mods})(?P<kin>{kin})\b"
               r"(?![''’-]\w)")
    more = rx(rf"\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s+or\s+)(?P<det>(?:{data['possessives']}|the)\s+)?"
              rf"(?P<mods>{mods})(?P<kin>{kin})\b(?![''’-]\w)")
    return first, more


class Registry:
    """The people of one review, and the merging of their mentions."""

    def __init__(self, builder: Builder) -> None:
        self.builder = builder
        self.records: dict[str, Record] = {}
        self.distinguishing = frozenset(patterns()["kin_distinguishing"])
        self.aliases: dict[str, str] = {}
        self.phrases = 0  # numbers the coordinations ("his older brother and sister")
        #: ties stated while people were found ("her (then) partner"), for relationships.py
        self.stated: list[tuple[str, str, str, str, Sentence]] = []
        #: ties named in a family table before all its people are known
        self.pending: list[tuple[str, str, str, bool, Sentence]] = []
        for person in builder.casemap.people:
            self.records[person.id] = Record(person, person.role or "subject", 2, False,
                                             frozenset(), 0, 0, key="subject")

    def add(self, *, role: str, sex: str, generation: int, plural: bool, mods: list[str],
            label: str, sentence: Sentence, start: int, end: int, rule: str, kin: bool,
            new: bool = False, key: str = "", group: int | None = None,
            determiner: str = "") -> str:
        """The id of the person a mention refers to, making the person if needed."""
        distinct = frozenset(m for m in mods if m in self.distinguishing)
        found = None if new else self._find(role, plural, distinct, key)
        if found is None:
            person = Person(id=self.builder.new_id(label.replace("(group)", ""), "person"),
                            label=label, role=role, sex=sex)
            block = self.builder.doc.block_of(sentence)
            self.builder.add("people", person, rule, sentence.start, sentence.end,
                             confidence=0.8 if kin else 0.6, focus=(start, end))
            found = Record(person, role, generation, plural, distinct, start, block.index,
                           kin=kin, key=key)
            self.records[person.id] = found
        elif distinct and not found.distinct:
            found.distinct = distinct
            found.person.label = label
        found.determiners.add(determiner)
        mentions = self.builder.person_mentions.setdefault(sentence.index, [])
        mentions.append(Mention(found.person.id, start, end, sentence.index, rule, group))
        return found.person.id

    def _find(self, role: str, plural: bool, distinct: frozenset[str], key: str) -> Record | None:
        for record in self.records.values():
            if key and record.key == key:
                return record
            if key or record.key or record.role != role or record.plural != plural:
                continue
            if not distinct or not record.distinct or distinct == record.distinct:
                return record
        return None

    def drop(self, person_id: str) -> None:
        """Forget a person and their mentions (a phrase that named no one new)."""
        record = self.records.pop(person_id, None)
        if record is None:
            return
        for sentence, mentions in self.builder.person_mentions.items():
            self.builder.person_mentions[sentence] = [m for m in mentions if m.ref != person_id]
        self.builder.drop("people", record.person)

    def merge(self, old: str, into: str) -> None:
        """Fold one person into another: mentions, rule hits and the case map entry."""
        if old == into or old not in self.records or into not in self.records:
            return
        record = self.records.pop(old)
        for mentions in self.builder.person_mentions.values():
            for m in mentions:
                if m.ref == old:
                    m.ref = into
        for name, ref in self.aliases.items():  # "Mother (Ms F)": the name stays hers
            if ref == old:
                self.aliases[name] = into
        self.builder.drop("people", record.person)
        self.builder.rename("people", old, into)
        self.records[into].determiners |= record.determiners


def owner_ok(det: str, builder: Builder) -> bool:
    """Whether 'his'/'her' can point at the subject child (else it is someone else's)."""
    det = det.lower()
    if det == "his":
        return builder.subject_sex in (None, "male", "unknown")
    if det == "her":
        return builder.subject_sex in (None, "female", "unknown")
    return True


def _label(mods: list[str], word: str, plural: bool) -> str:
    text = " ".join([*mods, re.sub(r"\s+", " ", word.lower())])
    return f"{text} (group)" if plural else text


def find_family(builder: Builder, registry: Registry) -> None:
    """Family members named by kinship phrases."""
    names = [n for n in builder.subject_names if n[:1].isupper()]
    owner = "|".join(rf"{re.escape(n)}[''’]s" for n in sorted(names, key=len, reverse=True))
    first, more = kin_pattern(owner)
    words = lexicon()
    taken: list[tuple[int, int]] = []
    for m, sentence in builder.doc.matches(first):
        if sentence.zone not in ("narrative", "learning") or sentence.heading:
            continue
        det = m.group("det").lower()
        if not owner_ok(det, builder):
            continue
        if det == "the" and OF_SOMEONE.match(builder.flat, m.end()):
            continue  # "the younger brother of Child 3" says who the subject is, not a new person
        if words[_norm(m.group("kin"))].generation == 3 and (
                det in ("the", "their") or (det in ("his", "her") and (
                    builder.subject_sex in (None, "unknown") or
                    _other_named_before(builder, sentence, m.start())))):
            continue  # "her son" is the subject's only when the subject is surely "her"
        phrase = [(m.group("det"), m.group("mods").split(), m.group("kin"), m.start(), m.end())]
        pos = m.end()
        while (c := more.match(builder.flat, pos)) and c.end() <= sentence.end:
            if c.group("det") and not owner_ok(c.group("det").strip(), builder):
                break
            phrase.append((c.group("det") or "", c.group("mods").split(), c.group("kin"),
                           c.start() + len(c.group(0)) - len(c.group(0).lstrip(" ,")), c.end()))
            pos = c.end()
        taken.append((m.start(), pos))
        _add_phrase(builder, registry, sentence, phrase, words, new=bool(m.group("new")))
    _bare_parents(builder, registry, taken)
    _parent_partners(builder, registry, owner)


def _other_named_before(builder: Builder, sentence: Sentence, at: int) -> bool:
    """Whether someone other than a subject child is named before `at` in the sentence:
    'Mr E told social workers that his daughter ...' is Mr E's daughter."""
    subjects = {p.id for p in builder.subjects}
    return any(m.ref not in subjects and m.start < at
               for m in builder.person_mentions.get(sentence.index, []))


def _parent_partners(builder: Builder, registry: Registry, owner: str) -> None:
    """'her mum's partner': a parent's partner, told apart from the parent."""
    pattern = rx(patterns()["parent_partner"].replace("SUBJECT[''’]s", owner or "the child"))
    words = lexicon()
    for m, sentence in builder.doc.matches(pattern):
        if sentence.zone not in ("narrative", "learning"):
            continue
        if m.group("parent") and not owner_ok(m.group(0).split()[0], builder):
            continue
        parent_word = (m.group("parent") or m.group("named")).lower()
        parent = words[parent_word]
        word = m.group("label").lower()
        sex = "male" if word.endswith(("boyfriend", "husband")) else \
            "female" if word.endswith(("girlfriend", "wife")) else \
            ("male" if parent.sex == "female" else "female") if word.endswith("partner") \
            else "unknown"
        registry.add(role=parent.role, sex=parent.sex, generation=1, plural=False, mods=[],
                     label=parent.role, sentence=sentence, start=m.start(),
                     end=m.start("label") - 1, rule="kin-phrase", kin=True,
                     determiner=m.group(0).split()[0].lower())
        registry.add(role="partner_of_parent", sex=sex, generation=1, plural=False, mods=[],
                     label=f"{parent_word}'s {word}", sentence=sentence,
                     start=m.start("label"), end=m.end(), rule="parent-partner", kin=True,
                     key=f"parent-partner:{parent.role}")


def find_aliases(builder: Builder, registry: Registry) -> None:
    """'Mother's partner (Mr K)', 'Maternal Grandmother (MGM)': later 'Mr K' and 'MGM' are them."""
    alias = rx(patterns()["person_alias"])
    apposition = rx(patterns()["person_apposition"])
    not_a_name = rx(patterns()["not_a_name"], case=True)
    subjects = {p.id for p in builder.subjects} | set(builder.subject_names)
    twice: dict[str, bool] = {}  # whether a name is used twice in the text
    for mentions in list(builder.person_mentions.values()):
        for mention in list(mentions):
            if mention.ref in subjects or mention.rule == "name":
                continue
            found = alias.match(builder.flat, mention.end)
            name = found.group("alias") if found else None
            if found is None and (found := apposition.match(builder.flat, mention.end)):
                name = found.group("alias")
                if name not in twice:
                    literal = None if any(c.isspace() for c in name) else name  # loosened
                    twice[name] = matched_at_least(
                        rx(rf"\b(?-i:{re.escape(name)})\b"), builder.flat, 2,
                        builder.doc.start, builder.doc.end, literal)
                designated = bool(re.fullmatch(r"(?:Mr|Mrs|Ms|Miss|Dr)\.?\s+[A-Z]|[A-Z]{2,3}", name))
                if not_a_name.match(name) or name in subjects or not (twice[name] or designated):
                    name = None
            if name and name not in registry.aliases:
                registry.aliases[name] = mention.ref
                person = registry.records[mention.ref].person
                if name not in (person.label or ""):
                    person.label = f"{person.label} ({name})"
    words = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in
                     sorted(lexicon(), key=len, reverse=True) if not lexicon()[w].plural)
    defined = rx(rf"(?<![\w'’-])(?P<mods>(?:(?:maternal|paternal|older|younger)\s+)?)"
                 rf"(?P<kin>{words})\b" + patterns()["person_alias"])
    for m, sentence in builder.doc.matches(defined):
        name = m.group("alias")
        if name in registry.aliases or sentence.zone not in ("narrative", "learning"):
            continue
        kin = lexicon()[_norm(m.group("kin"))]
        mods = m.group("mods").lower().split()
        registry.aliases[name] = registry.add(
            role=kin.role, sex=kin.sex, generation=kin.generation, plural=False, mods=mods,
            label=_label(mods, m.group("kin"), False), sentence=sentence, start=m.start(),
            end=m.start("alias"), rule="kin-alias", kin=True, determiner="alias")
    for name, person_id in registry.aliases.items():
        for m, sentence in builder.doc.matches(rx(rf"(?<![\w(])(?-i:{re.escape(name)})\b(?!\))")):
            mentions = builder.person_mentions.setdefault(sentence.index, [])
            if sentence.zone in ("narrative", "learning") and not any(
                    x.start <= m.start() < x.end for x in mentions):
                mentions.append(Mention(person_id, m.start(), m.end(), sentence.index, "alias"))


def _add_phrase(builder: Builder, registry: Registry, sentence: Sentence, phrase: list,
                words: dict[str, Kin], new: bool) -> None:
    registry.phrases += 1
    group = registry.phrases
    plurals = {words[_norm(k)].role for _, _, k, _, _ in phrase if words[_norm(k)].plural}
    both = {"brother", "sister"} <= plurals
    first_mods = phrase[0][1]
    for det, mods, word, start, end in phrase:
        kin = words[_norm(word)]
        mods = mods or ([] if det.strip() else first_mods)
        det_word = det.strip().lower()
        if kin.role == "parents":
            for role, sex, label in (("mother", "female", "mother"), ("father", "male", "father")):
                registry.add(role=role, sex=sex, generation=1, plural=False, mods=mods,
                             label=_label(mods, label, False), sentence=sentence, start=start,
                             end=end, rule="kin-parents", kin=True, group=group,
                             determiner=f"{det_word} parents")
            continue
        if kin.role == "grandparents":
            for role, sex in (("grandmother", "female"), ("grandfather", "male")):
                registry.add(role=role, sex=sex, generation=0, plural=False, mods=mods,
                             label=_label(mods, role, False), sentence=sentence, start=start,
                             end=end, rule="kin-grandparents", kin=True, group=group,
                             determiner=det_word)
            continue
        role, sex, label_word = kin.role, kin.sex, word
        if kin.plural and both and role in ("brother", "sister"):
            role, sex, label_word = "sibling", "unknown", "siblings"
        if kin.plural and new:
            plural = False
            label_word = {"brothers": "brother", "sisters": "sister", "siblings": "sibling"}.get(
                _norm(word), word.rstrip("s"))
        else:
            plural = kin.plural
        registry.add(role=role, sex=sex, generation=kin.generation, plural=plural, mods=mods,
                     label=_label(mods, label_word, plural), sentence=sentence, start=start,
                     end=end, rule="kin-phrase", kin=True, new=new, group=group,
                     determiner=det_word)


def _norm(word: str) -> str:
    return re.sub(r"\s+", " ", word.lower())


def _bare_parents(builder: Builder, registry: Registry, taken: list[tuple[int, int]]) -> None:
    """'mother's history', 'Father was known to police': parents named without a possessive."""
    data = patterns()
    blockers = rx(data["bare_parent_blockers"])
    words = lexicon()
    for m, sentence in builder.doc.matches(rx(data["bare_parents"], case=True)):
        if sentence.zone not in ("narrative", "learning") or sentence.heading or sentence.modal:
            continue
        if any(a <= m.start() < b for a, b in taken):
            continue
        if blockers.search(builder.flat[max(sentence.start, m.start() - 30):m.start()]):
            continue
        kin = words[m.group(0).lower()]
        registry.add(role=kin.role, sex=kin.sex, generation=1, plural=False, mods=[],
                     label=kin.role, sentence=sentence, start=m.start(), end=m.end(),
                     rule="bare-parent", kin=True, determiner="bare")


def merge_people(builder: Builder, registry: Registry) -> None:
    """Fold mentions that name the same person twice."""
    records = list(registry.records.values())
    # "one of her siblings ... her sister": an unsexed sibling is the sister named near it
    for record in records:
        if record.role != "sibling" or record.plural or record.key or not record.kin:
            continue
        near = [r for r in registry.records.values() if r is not record and not r.plural
                and r.role in ("sister", "brother") and r.block == record.block]
        others = [r for r in registry.records.values() if r is not record and not r.plural
                  and r.role in ("sister", "brother")]
        target = near[0] if near else (others[0] if len(others) == 1 else None)
        if target is not None and record.person.id in registry.records:
            registry.merge(record.person.id, target.person.id)
    # "two brothers, referred to as Child D and Child B": the group is the subjects
    subjects = builder.subjects
    if len(subjects) > 1:
        names = [n for n in builder.subject_names if n[:1].isupper()]
        for record in list(registry.records.values()):
            if record.plural and record.role in ("brother", "sister", "sibling"):
                mentions = [m for ms in builder.person_mentions.values() for m in ms
                            if m.ref == record.person.id]
                text = builder.doc.sentences[mentions[0].sentence].text if mentions else ""
                if sum(n in text for n in names) >= 2 or record.determiners <= {"the", "their"}:
                    registry.drop(record.person.id)  # "the brothers" of a review of two brothers
    # "multiple men", "various men": the exploiters the review names, when it does
    perpetrators = [r for r in registry.records.values() if r.plural and r.role == "perpetrator"]
    if perpetrators:
        for record in list(registry.records.values()):
            if record.key == "men-group" and record is not perpetrators[0]:
                registry.merge(record.person.id, perpetrators[0].person.id)


def find_people(builder: Builder) -> Registry:
    """Every person of the review after the subject children, with their mentions."""
    registry = Registry(builder)
    from . import family, tables
    from .others import find_family_groups, find_others
    find_family(builder, registry)
    find_aliases(builder, registry)
    tables.find_table(builder, registry)
    family.find_designated(builder, registry)
    family.find_named_kin(builder, registry)
    family.find_relatives(builder, registry)
    find_others(builder, registry)
    find_family_groups(builder, registry)
    merge_people(builder, registry)
    return registry
