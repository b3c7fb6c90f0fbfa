"""Family tables flattened one cell a line: a name, a relationship, a sex, an age.

PDFs lose a family composition table's grid and give its cells one a line
("Ms Q / F / Age 25 / Mother", or "Mr C / Father 2 (Leo's father); Ms H's
partner / 29 / Ms H, Ruby, Leo"). A row is a name cell and a relationship cell
with sex, age and 'lived with' cells around them, in either order; the
relationship cell gives the tie to the subject child and the ties to others of
the table. The cells' patterns are in `patterns.yaml` (section `family`).
"""
from __future__ import annotations

import re

from .builder import Builder
from .family import (DESIGNATION_ROLES, _add_named, _norm, _record_alias_mentions, _rules,
                     _subject_ids)
from .people import Registry


#: Two sentences in one cell: a chronology entry's text, not a relationship cell.
_SENTENCES = re.compile(r"\w[.!?]\s+[A-Z]")


def find_table(builder: Builder, registry: Registry) -> None:
    """A family table flattened one cell a block: a name cell, a relationship cell ('Mother',
    'Father 1 (Ruby's father)', "Father 2; Ms H's partner") and sex, age and 'lived with'
    cells around them, in either order."""
    rules = _rules()
    blocks = builder.doc.blocks
    subjects = _subject_ids(builder)
    rows: list[tuple[str, str, int, int | None, str | None]] = []
    for i, block in enumerate(blocks):
        cell = block.text.strip()
        if "," in cell or len(cell.split()) > 12 or not rules["table_kin"].search(cell):
            continue
        if _SENTENCES.search(cell):
            continue  # "Text message to Mother. No concerns." under a date: a chronology
        name = sex = age = None
        name_at = None
        for k in range(i - 1, max(-1, i - 4), -1):
            text = blocks[k].text.strip()
            if sex is None and rules["table_sex"].fullmatch(text):
                sex = "male" if text[0] in "Mm" else "female"
            elif age is None and (a := rules["table_age"].fullmatch(text)):
                age = int(a.group("age"))
            elif rules["table_name"].fullmatch(text) and not rules["table_kin"].fullmatch(text):
                name, name_at = _norm(text), k
                break
            else:
                break
        if name is None:
            continue
        for k in range(i + 1, min(len(blocks), i + 3)):
            text = blocks[k].text.strip()
            if age is None and (a := rules["table_age"].fullmatch(text)):
                age = int(a.group("age"))
            elif sex is None and rules["table_sex"].fullmatch(text):
                sex = "male" if text[0] in "Mm" else "female"
        if sex is None and age is None and not (name_at is not None and name_at == i - 1 and
                                                 _table_neighbours(blocks, i, rules)):
            continue  # a name and a kin word alone are a sentence or heading, not a table row
        rows.append((name, cell, block.index, age, sex))
    for name, cell, index, age, sex in rows:
        block = blocks[index]
        if not block.sentences:
            continue
        sentence = builder.doc.sentences[block.sentences[0]]
        role, ties = _cell_role(cell, name, subjects, rows, rules)
        if role == "subject" or name in subjects:
            person = builder.person(subjects[name]) if name in subjects else None
            if person is not None:
                person.sex = sex or person.sex
                person.age = age if person.age is None else person.age
                if person.role == "sibling" and person.sex in ("male", "female"):
                    person.role = "brother" if person.sex == "male" else "sister"
            continue
        word = role.split("_")[-1] if role else "other"
        _, default_sex, generation = DESIGNATION_ROLES.get(word, ("other", "unknown", 1))
        pid = _add_named(builder, registry, name, role, sex or default_sex, generation,
                         sentence, block.start, block.end, "family-table")
        if age is not None:
            registry.records[pid].person.age = age
        for m in rules["designation"].finditer(cell):
            registry.aliases.setdefault(_norm(m.group(0)), pid)  # "Father 2" is Mr C
        for kind, other, reverse in ties:
            registry.pending.append((kind, other, name, reverse, sentence))
    for kind, other, name, reverse, sentence in registry.pending:
        a, b = registry.aliases.get(other) or subjects.get(other), registry.aliases.get(name)
        if a and b:
            # "Leo's father" in Mr C's row: Mr C is the parent, so the tie runs from him
            registry.stated.append((kind, b, a, "family-table", sentence) if reverse
                                   else (kind, a, b, "family-table", sentence))
    registry.pending.clear()
    _record_alias_mentions(builder, registry)


def _table_neighbours(blocks, i: int, rules) -> bool:
    """Whether the blocks around a name and relationship pair are cells too (short, no
    sentence): a table set out with no sex or age column."""
    around = [b.text.strip() for b in blocks[max(0, i - 6):i + 4]]
    return sum(1 for t in around if len(t.split()) <= 6 and not t.endswith(".")) >= 6


def _cell_role(cell: str, name: str, subjects: dict[str, str], rows, rules
               ) -> tuple[str, list[tuple[str, str, bool]]]:
    """The role a relationship cell gives (tie to the subject), and the ties it states to
    other people of the table: "Leo's father" (parent of Leo), "Ms H's partner"."""
    own: list[str] = []
    ties: list[tuple[str, str, bool]] = []
    names = {r[0] for r in rows}
    partner_of = None
    for m in rules["table_kin"].finditer(cell):
        kin = _table_role(m.group("kin"))
        owner = (m.group("owner") or "").strip().rstrip("'’s").strip()
        owner = owner[:-2] if owner.endswith(("'s", "’s")) else owner
        if not owner or owner in subjects:
            own.append(kin)
        elif owner in names:
            if kin in ("father", "mother", "parent"):
                ties.append(("parent", owner, True))     # name is the parent of owner
            elif kin == "partner_of_parent":
                ties.append(("partner", owner, False))
                partner_of = owner
    qualified = [k for k in own if k != "partner_of_parent"]
    explicit = [m for m in rules["table_kin"].finditer(cell) if m.group("owner")]
    if partner_of and not any((m.group("owner") or "").strip().rstrip("'’s") in subjects
                              for m in explicit):
        return "partner_of_parent", ties
    if explicit and any((m.group("owner") or "").strip()[:-2] in subjects for m in explicit):
        for m in explicit:
            if (m.group("owner") or "").strip()[:-2] in subjects:
                return _table_role(m.group("kin")), ties
    if qualified and not (explicit and not partner_of):
        return qualified[0], ties
    if qualified:
        return ("other" if ties else qualified[0]), ties
    return "other", ties


def _table_role(cell: str) -> str:
    word = re.sub(r"[\s-]+", "_", cell.strip().lower())
    return {"mum": "mother", "dad": "father", "step_father": "stepfather",
            "step_mother": "stepmother", "mother_s_partner": "partner_of_parent",
            "mothers_partner": "partner_of_parent", "partner": "partner_of_parent",
            "maternal_grandmother": "grandmother", "paternal_grandmother": "grandmother",
            "maternal_grandfather": "grandfather", "paternal_grandfather": "grandfather",
            "subject_child": "subject", "child": "sibling"}.get(word, word)
