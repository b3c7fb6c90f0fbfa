"""People a review names by designation, and the family ties it states between them.

Reviews anonymise a family with designations: "Mother", "Father 1", "Father 2",
"Child 1" to "Child 4", "Mr G", "Ms Q", "Adult S", often in a family table
("Ms Q / F / Age 25 / Mother", flattened one cell a line by a PDF). This module
finds those people (family tables are read by `tables.py`), gives each their
tie to the first subject child, and reads the family statements made between
named people: "Child R was the younger
brother of Child 3 and Child 4", "Mother had two older children from a previous
marriage to Father 1, Child 1, aged 8 and Child 2". Nothing here names anyone:
the designations are patterns (`patterns.yaml`, section `family`).
"""
from __future__ import annotations

import re
from functools import lru_cache

from .builder import Builder, Mention
from .data import patterns, rx
from .people import Kin, Registry, lexicon
from .sentences import Sentence, matched_at_least
from .subjects import NOT_INITIALS

#: designation word -> (role when tied to the subject, sex, generation)
DESIGNATION_ROLES = {
    "father": ("father", "male", 1), "mother": ("mother", "female", 1),
    "parent": ("parent", "unknown", 1), "stepfather": ("stepfather", "male", 1),
    "stepmother": ("stepmother", "female", 1), "child": ("sibling", "unknown", 2),
    "sibling": ("sibling", "unknown", 2), "brother": ("brother", "male", 2),
    "sister": ("sister", "female", 2), "adult": ("other", "unknown", 1),
    "mr": ("other", "male", 1), "mrs": ("other", "female", 1), "ms": ("other", "female", 1),
    "miss": ("other", "female", 1),
}

#: roles a child has one of: a kinship phrase and a designation with this role are one person
UNIQUE_ROLES = frozenset({"mother", "father", "stepfather", "stepmother"})


@lru_cache(maxsize=1)
def _rules() -> dict[str, re.Pattern[str]]:
    data = patterns()["family"]
    names = ("designation", "initials_person", "table_role", "table_kin", "table_name", "table_sex", "table_age", "parent_cue",
             "sibling_of", "children_from", "age_after", "possessive_partner",
             "parent_associate", "new_partner", "child_with_other", "name_kin", "owned_partner",
             "group_names", "group_member", "couple_names", "other_children", "couple",
             "special_guardian", "child_together")
    out = {name: rx(data[name], case=name in ("designation", "initials_person", "table_name",
                                              "table_sex"))
           for name in names}
    out["bare_grandparents"] = rx(patterns()["bare_grandparents"])
    out["professional_before"] = rx(rf"(?:{patterns()['professionals']})\s*,?\s*$")
    return out


def _stated(builder: Builder, rule: str):
    """(match, sentence) of one family rule in the sentences that state facts of the case."""
    for m, sentence in builder.doc.matches(_rules()[rule]):
        if sentence.fact:
            yield m, sentence


def _subject_ids(builder: Builder) -> dict[str, str]:
    """Each form of a subject's name -> the subject's id."""
    out = {}
    for person in builder.subjects:
        out[person.label or ""] = person.id
    for name in builder.subject_names:
        if builder.subjects:
            out.setdefault(name, builder.subjects[0].id)
    return out


def _norm(name: str) -> str:
    return re.sub(r"\s+", " ", name).strip()


def _add_named(builder: Builder, registry: Registry, name: str, role: str, sex: str,
               generation: int, sentence: Sentence, start: int, end: int, rule: str) -> str:
    """The person a designation names, made once and remembered as an alias."""
    if name in registry.aliases:
        pid = registry.aliases[name]
        _upgrade(registry, pid, role)
        return pid
    pid = registry.add(role=role, sex=sex, generation=generation, plural=False, mods=[],
                       label=name, sentence=sentence, start=start, end=end, rule=rule,
                       kin=role not in ("other",), key=f"name:{name.lower()}")
    registry.aliases[name] = pid
    if role in UNIQUE_ROLES:
        # "his father" and "Father 2" are one person once the review names him
        for record in list(registry.records.values()):
            if record.role == role and not record.plural and record.person.id != pid \
                    and not record.key.startswith("name:") and not record.person.subject:
                registry.merge(record.person.id, pid)
    return pid


#: a role a person may be told more exactly later: "Child Q" (a sibling) is "an older brother"
VAGUER = {"other": None, "sibling": {"brother", "sister", "half_brother", "half_sister"},
          "parent": {"mother", "father"}}


def _upgrade(registry: Registry, pid: str, role: str) -> None:
    """Give a person the more exact role the text now states."""
    record = registry.records.get(pid)
    if record is None or record.role == role or record.role not in VAGUER:
        return
    allowed = VAGUER[record.role]
    if allowed is None or role in allowed:
        record.role = record.person.role = role
        record.kin = record.kin or role != "other"


def find_designated(builder: Builder, registry: Registry) -> None:
    """'Father 2', 'Child 3', 'Mr G', 'Adult S': one person per designation, with their role."""
    rules = _rules()
    subjects = _subject_ids(builder)
    seen: dict[str, list[Sentence]] = {}
    first: dict[str, tuple[Sentence, int, int]] = {}
    for m, sentence in builder.doc.matches(rules["designation"]):
        if sentence.zone not in ("narrative", "learning") and not sentence.item:
            continue
        name = _norm(m.group(0))
        if name in subjects or rules["professional_before"].search(
                builder.flat, max(sentence.start, m.start() - 40), m.start()):
            continue  # "the school SENCO, Mrs Adeyemi": a professional, drawn in the agency
        seen.setdefault(name, []).append(sentence)
        first.setdefault(name, (sentence, m.start(), m.end()))
    twice: dict[str, bool] = {}  # whether a name is used twice in the text: found once a name
    body = None
    for m, sentence in builder.doc.matches(rules["initials_person"]):
        group = "name" if m.group("name") else "name2"
        name = m.group(group)
        if group == "name" and name not in twice:
            if body is None:
                body = builder.flat[builder.doc.start:builder.doc.end]
            twice[name] = matched_at_least(re.compile(rf"\b{name}\b"), body, 2, literal=name)
        used = group == "name2" or twice[name]
        if sentence.fact and name not in subjects and name not in NOT_INITIALS and used:
            # initials used twice, or once as the one a harm verb was done to ("assaulted LM")
            seen.setdefault(name, []).append(sentence)
            first.setdefault(name, (sentence, m.start(group), m.end(group)))
    fathers = [n for n in seen if n.split()[0].lower() == "father"]
    for name, sentences in seen.items():
        word = name.split()[0].lower()
        role, sex, generation = DESIGNATION_ROLES.get(word, ("other", "unknown", 1))
        if role in ("father", "mother", "parent") and not (
                len(fathers) == 1 and word == "father" or any(
                    rules["parent_cue"].search(s.text) and any(f in s.text for f in subjects)
                    for s in sentences)):
            role = "other"  # "Father 1": the father of other children, unless tied to the subject
        sentence, start, end = first[name]
        pid = _add_named(builder, registry, name, role, sex, generation, sentence, start, end,
                         "designation")
        age = rules["age_after"].match(builder.flat, end)
        person = registry.records[pid].person
        if age and person.age is None:
            person.age = int(age.group("age")) if not age.group("unit") else \
                f"{age.group('age')} {age.group('unit').rstrip('s')}s"
    _record_alias_mentions(builder, registry)


def _record_alias_mentions(builder: Builder, registry: Registry) -> None:
    """Every mention of a designation, for the ties that read mentions (harm, contact)."""
    names = sorted(registry.aliases, key=len, reverse=True)
    if not names:
        return
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in names) +
                         r")\b(?![’']s\s+(?:partner|mother|father)\b)")
    for m, sentence in builder.doc.matches(pattern):
        mentions = builder.person_mentions.setdefault(sentence.index, [])
        if any(x.start <= m.start() < x.end for x in mentions):
            continue
        ref = registry.aliases.get(_norm(m.group(0)))
        if ref:
            mentions.append(Mention(ref, m.start(), m.end(), sentence.index, "alias"))


def _named_in(builder: Builder, registry: Registry, sentence: Sentence, start: int,
              end: int) -> list[str]:
    """The people named (by designation, alias or subject name) in text[start:end] of a
    sentence, in the order the text first names them."""
    subjects = set(_subject_ids(builder).values())
    first: dict[str, int] = {}
    for m in builder.mentioned_people(sentence):  # in text order
        if start <= m.start < end:
            first.setdefault(m.ref, m.start)
    return [ref for ref in first if ref in registry.records or ref in subjects]


def family_statements(builder: Builder, registry: Registry, ties) -> None:
    """Ties stated between named people: '<A> was the younger brother of <B> and <C>',
    '<M> had two older children from a previous marriage to <F>, <C1> and <C2>'; and the
    ties found with the people ('her (then) partner')."""
    for kind, source, target, rule, sentence in registry.stated:
        if source in registry.records and target in registry.records:
            ties.add(kind, source, target, rule, sentence, 0.6)
    for m, sentence in _stated(builder, "sibling_of"):
        left = _named_in(builder, registry, sentence, sentence.start, m.start("kin"))
        right = _named_in(builder, registry, sentence, m.end("kin"), sentence.end)
        if not left or not right:
            continue
        kind = "half_sibling" if "half" in m.group("kin").lower() else "sibling"
        for other in right:
            ties.add(kind, left[-1], other, "sibling-of", sentence, 0.7)
    for m, sentence in _stated(builder, "children_from"):
        parents = _named_in(builder, registry, sentence, sentence.start, m.start("children"))
        former = _named_in(builder, registry, sentence, m.start("to"), m.end("to"))
        children = _named_in(builder, registry, sentence, m.end("to"), sentence.end)
        if not parents:
            continue
        parent = parents[-1]
        if former:
            ties.add("partner", parent, former[0], "children-from", sentence, 0.6)
        for child in children:
            ties.add("parent", parent, child, "children-from", sentence, 0.7)
            if former:
                ties.add("parent", former[0], child, "children-from", sentence, 0.7)


def _owner(builder: Builder, registry: Registry, sentence: Sentence, before: int,
           sex: str | None = None) -> str | None:
    """The person a possessive points back to: the nearest one named before it in the
    sentence, of the right sex, who is not a subject child."""
    subjects = {p.id for p in builder.subjects}
    found = None
    for m in sorted(builder.person_mentions.get(sentence.index, []), key=lambda m: m.start):
        if m.start >= before or m.ref in subjects or m.ref not in registry.records:
            continue
        person = registry.records[m.ref].person
        if sex and person.sex not in (sex, "unknown", None):
            continue
        found = m.ref
    return found


def _role_beside(registry: Registry, owner: str, own_role: str) -> str:
    """The role of someone tied to the owner: 'partner_of_parent' beside a parent."""
    parent = registry.records[owner].role in ("mother", "father", "parent")
    return own_role if parent else "other"


#: the two roles of a couple named "Mr and Mrs X" after what they are to the child
COUPLE_ROLES = {"grandparents": ("grandfather", "grandmother"), "parents": ("father", "mother"),
                "adoptive parents": ("father", "mother"),
                "special guardians": ("special_guardian", "special_guardian")}
PARTNER = Kin("partner_of_parent", "unknown", 1, False)


def find_named_kin(builder: Builder, registry: Registry) -> None:
    """'Ms V (mother)', 'Child Q (older brother)', 'Mum (Ms F)': a name given with its tie
    to the subject; the name then stands for that relative."""
    rules = _rules()
    words = lexicon()
    subjects = _subject_ids(builder)
    for m, sentence in builder.doc.matches(rules["name_kin"]):
        name = _norm(m.group("name") or m.group("name2") or m.group("name3"))
        kin_word = (m.group("kin") or m.group("kin2") or m.group("kin3")).lower().replace(" ", "-")
        if m.group("kin3"):
            kin_word = ((m.group("mods3") or "").lower().replace(" ", "") + kin_word) \
                if (m.group("mods3") or "").lower().strip(" -") in ("half", "step") else kin_word
            if kin_word == "partner":
                continue  # "her partner DM": whose partner is for find_relatives
        kin = words.get(kin_word) or words.get(kin_word.replace("-", " ")) or \
            (PARTNER if kin_word == "partner" else None)
        if kin is None or name in subjects or name in NOT_INITIALS:
            continue
        mods = (m.group("mods") or m.group("mods3") or "").lower().split()
        owner = m.group("owner") if m.group("kin") else None
        if owner and _norm(owner) not in subjects:
            if kin_word != "partner":
                continue  # "Mr S (his sister's father)" is not the subject's father
            partner_of = registry.aliases.get(_norm(owner))
            if partner_of is None:
                continue
            pid = _add_named(builder, registry, name, _role_beside(
                registry, partner_of, "partner_of_parent"), "unknown", 1, sentence, m.start(),
                m.end(), "name-kin")
            registry.stated.append(("partner", partner_of, pid, "name-kin", sentence))
            continue
        if kin_word == "partner":
            continue
        pid = _add_named(builder, registry, name, kin.role, kin.sex, kin.generation,
                         sentence, m.start(), m.end(), "name-kin")
        if m.group("age") and registry.records[pid].person.age is None:
            registry.records[pid].person.age = int(m.group("age"))
        if kin.role in UNIQUE_ROLES:
            for record in list(registry.records.values()):
                if record.role == kin.role and record.person.id != pid and not record.plural \
                        and not record.key.startswith("name:"):
                    registry.merge(record.person.id, pid)
        if mods and registry.records[pid].person.label == name:
            registry.records[pid].person.label = f"{name} ({' '.join(mods)} {kin_word})"
    for m, sentence in _stated(builder, "group_names"):  # "two older siblings, Kayden (9) and Mia (7)"
        word = re.sub(r"[\s-]+", "-", m.group("kin").lower()).rstrip("s")
        role = {"sibling": "sibling", "brother": "brother", "sister": "sister",
                "half-sibling": "sibling", "half-brother": "half_brother",
                "half-sister": "half_sister"}[word]
        _, sex, generation = DESIGNATION_ROLES.get(role.split("_")[-1], ("", "unknown", 2))
        for member in rules["group_member"].finditer(m.group("list")):
            if member.group("name") in ("and",) or member.group("name") in subjects:
                continue
            pid = _add_named(builder, registry, member.group("name"), role, sex, 2, sentence,
                             m.start("list") + member.start(), m.start("list") + member.end(),
                             "group-names")
            if member.group("age") and registry.records[pid].person.age is None:
                registry.records[pid].person.age = int(member.group("age"))
        for record in list(registry.records.values()):  # the group is its members now
            if record.plural and record.role in (role, "sibling") and record.kin:
                registry.drop(record.person.id)
    for m, sentence in _stated(builder, "couple_names"):  # "foster carers, Mr and Mrs Rowlands"
        roles = COUPLE_ROLES.get(m.group("kin").lower(), ("foster_carer", "foster_carer"))
        ids = [_add_named(builder, registry, f"{title} {m.group('name')}", role, sex, 1,
                          sentence, m.start(), m.end(), "couple-names")
               for title, role, sex in (("Mr", roles[0], "male"), ("Mrs", roles[1], "female"))]
        registry.stated.append(("partner", ids[0], ids[1], "couple-names", sentence))
        for record in list(registry.records.values()):
            if record.plural and record.role == roles[0] and record.person.id not in ids:
                registry.drop(record.person.id)
    for m, sentence in builder.doc.matches(rules["owned_partner"]):
        owner = registry.aliases.get(_norm(m.group("owner")))
        if owner is None or not sentence.fact:
            continue
        role = _role_beside(registry, owner, "partner_of_parent")
        if m.group("name"):
            pid = _add_named(builder, registry, _norm(m.group("name")), role, "unknown", 1,
                             sentence, m.start(), m.end(), "owned-partner")
        else:
            pid = registry.add(role=role, sex="unknown", generation=1, plural=False, mods=[],
                               label=re.sub(r"\s+", " ", m.group(0)), sentence=sentence,
                               start=m.start(), end=m.end(), rule="owned-partner", kin=False,
                               key=f"partner-of:{owner}:{m.group('mods').strip().lower()}")
        registry.stated.append(("partner", owner, pid, "owned-partner", sentence))
    _record_alias_mentions(builder, registry)


def _relative(registry: Registry, sentence: Sentence, m: re.Match[str], group: int | str,
              role: str, key: str, rule: str, tie: tuple[str, str | None, str | None],
              plural: bool = False, generation: int = 1) -> str:
    """The person a match's group names, and the tie the text states for them: `tie` is
    (type, from, to) with None standing for this person."""
    pid = registry.add(role=role, sex="unknown", generation=generation, plural=plural, mods=[],
                       label=re.sub(r"\s+", " ", m.group(group)).strip(), sentence=sentence,
                       start=m.start(group), end=m.end(group), rule=rule, kin=False, key=key)
    kind, source, target = tie
    registry.stated.append((kind, source or pid, target or pid, rule, sentence))
    return pid


def find_relatives(builder: Builder, registry: Registry) -> None:
    """Relatives told through another person: 'her (then) partner', 'mother's friend',
    'older child with a different partner', 'two previous children', 'maternal grandmother'."""
    rules = _rules()
    for m, sentence in _stated(builder, "bare_grandparents"):
        word = m.group("kin").lower()
        role = {"grandparents": "grandmother"}.get(word, word)
        sex = {"grandmother": "female", "aunt": "female", "grandfather": "male",
               "uncle": "male"}.get(word, "unknown")
        registry.add(role=role, sex=sex, generation=0 if "grand" in word else 1,
                     plural=word.endswith("s"), mods=[m.group("mods").lower()],
                     label=re.sub(r"\s+", " ", m.group(0).lower()), sentence=sentence,
                     start=m.start(), end=m.end(), rule="bare-relative", kin=True,
                     determiner="bare")
    for m, sentence in _stated(builder, "possessive_partner"):
        sex = "female" if m.group("det").lower() == "her" else "male"
        owner = _owner(builder, registry, sentence, m.start(), sex)
        if owner is None:
            continue
        former = "former" if re.search(r"then|former|previous|ex", m.group("mods").lower()) else ""
        _relative(registry, sentence, m, 0, _role_beside(registry, owner, "partner_of_parent"),
                  f"partner-of:{owner}:{former}", "possessive-partner", ("partner", owner, None))
    for m, sentence in _stated(builder, "new_partner"):
        owner = _owner(builder, registry, sentence, m.start())
        if owner is None:
            continue
        _relative(registry, sentence, m, "label", _role_beside(registry, owner, "partner_of_parent"),
                  f"partner-of:{owner}:new:{m.start()}", "new-partner", ("partner", owner, None))
    for m, sentence in _stated(builder, "parent_associate"):
        parent_role = {"mum": "mother", "dad": "father"}.get(m.group("parent").lower(),
                                                             m.group("parent").lower())
        owner = next((r.person.id for r in registry.records.values()
                      if r.role == parent_role and not r.plural), None)
        if owner is None:
            continue
        _relative(registry, sentence, m, 0, "other", f"associate-of:{owner}:{m.group('word').lower()}",
                  "parent-associate", ("associate", None, owner),
                  plural=m.group("word").lower().endswith("s"))
    for m, sentence in _stated(builder, "child_with_other"):
        owner = _owner(builder, registry, sentence, m.start())
        if owner is None:
            continue
        child = _relative(registry, sentence, m, "child", "other", f"child-of:{owner}",
                          "child-with-other", ("parent", owner, None), generation=2)
        _relative(registry, sentence, m, "other", "other", f"other-parent:{owner}",
                  "child-with-other", ("parent", None, child))
    for m, sentence in builder.doc.matches(rules["other_children"]):
        if not sentence.fact or rules["children_from"].search(sentence.text):
            continue
        owner = _owner(builder, registry, sentence, m.start())
        if owner is None:
            continue
        role = _role_beside(registry, owner, "sibling")
        pid = registry.add(role=role, sex="unknown", generation=2, plural=True, mods=[],
                           label=f"{re.sub(chr(92) + 's+', ' ', m.group('label'))} (group)",
                           sentence=sentence, start=m.start("label"), end=m.end("label"),
                           rule="other-children", kin=role == "sibling",
                           key=f"children-of:{owner}")
        registry.stated.append(("parent", owner, pid, "other-children", sentence))


def couple_and_guardians(builder: Builder, registry: Registry, ties) -> None:
    """The subject's parents as a couple ('her relationship with his father', 'the couple
    were separated'); relatives caring under a special guardianship order."""
    rules = _rules()
    by_role = {r.role: r.person.id for r in registry.records.values()
               if not r.plural and r.role in ("mother", "father")}
    if "mother" in by_role and "father" in by_role:
        for m, sentence in builder.doc.matches(rules["couple"]):
            if not sentence.fact:
                continue
            status = next((name for name, pattern in patterns()["family"]["couple_status"].items()
                           if rx(pattern).search(sentence.text)), None)
            values = {"status": status} if status else {}
            ties.add("partner", by_role["mother"], by_role["father"], "parents-couple",
                     sentence, 0.6, **values)
            break
    subjects = [p.id for p in builder.subjects]
    for sentence in builder.doc.candidates(rules["special_guardian"]):
        if not sentence.fact or not rules["special_guardian"].search(sentence.text):
            continue
        for m in builder.person_mentions.get(sentence.index, []):
            record = registry.records.get(m.ref)
            if record and record.kin and record.role in ("grandmother", "grandfather", "aunt",
                                                         "uncle", "sister", "brother", "cousin"):
                for subject in subjects:
                    ties.add("special_guardian", m.ref, subject, "special-guardian", sentence, 0.6)


def children_together(builder: Builder) -> bool:
    """Whether the review says the subject's siblings are the couple's children together."""
    return any(s.fact for _, s in builder.doc.matches(_rules()["child_together"]))
