"""GEDCOM of reviews' families (7.0, or 5.5.1): for genogram and family-history software.

Each person is an individual (INDI) with sex, birth and death; each couple and
each set of parents is a family (FAM) with its children, the child's pedigree
(PEDI) telling birth, foster, step-parent, special guardian or carer; a child
with one known parent gets a family with one spouse. Ties GEDCOM has no family
for (harm, contact, grandparents, siblings with no parent recorded) become
associations (ASSO). Each review is a source (SOUR) and every record cites it,
the element in PAGE and its quote in the citation's TEXT.

Names and quotes are untrusted text: no value can break a line or start a
pointer (line breaks become CONT lines, a leading @ is doubled, characters
GEDCOM bans are dropped), and a name cannot fake a surname's slashes.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import IO, Iterator, Sequence

from .. import __version__
from ..model import CaseMap, Person, Relationship
from ..vocab import VOCABULARIES

MONTHS = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
SEX = {"female": "F", "male": "M", "unknown": "U"}
#: Relationship types that put a child in a family, in the order a child joins families,
#: with the GEDCOM 7 pedigree and its phrase.
PEDIGREE = {"parent": ("BIRTH", None), "foster_parent": ("FOSTER", None),
            "step_parent": ("OTHER", "step-parent"),
            "special_guardian": ("OTHER", "special guardian"), "carer": ("OTHER", "carer")}
#: GEDCOM 5.5.1 knows birth, adopted, foster and sealing only.
PEDIGREE_551 = {"BIRTH": "birth", "FOSTER": "foster"}
SIBLINGS = {"sibling", "half_sibling", "step_sibling"}
#: What GEDCOM bans in a file (7.0, section 1.2): C0 controls but tab and line breaks,
#: DEL, surrogates and the two non-characters.
BANNED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
MAX_LINE_551 = 255


def gedcom_date(value: str | None) -> str | None:
    """'2021-06-14' -> '14 JUN 2021', '2021-06' -> 'JUN 2021', '2021' -> '2021'."""
    if not value or not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value):
        return None
    parts = value.split("-")
    if len(parts) > 1 and not 1 <= int(parts[1]) <= 12:
        return parts[0]
    words = [str(int(parts[2]))] if len(parts) == 3 else []
    words += [MONTHS[int(parts[1]) - 1]] if len(parts) > 1 else []
    return " ".join([*words, parts[0]])


def one_line(text: str) -> str:
    """Text for a payload that may not break: whitespace runs become one space."""
    return " ".join(BANNED.sub("", text).split())


def person_name(text: str) -> str:
    """A personal name with no surname slashes: a label's '/' is a look-alike slash."""
    return one_line(text).replace("/", "\u2215") or "Unknown"


@dataclass
class Family:
    """A couple or a set of parents, and the children placed with them."""

    spouses: tuple[str, ...]
    children: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    couples: list[Relationship] = field(default_factory=list)
    ties: list[Relationship] = field(default_factory=list)
    #: (child, spouse) -> the relationship type that ties them (parent, step_parent, ...).
    kinds: dict[tuple[str, str], str] = field(default_factory=dict)


def families_of(casemap: CaseMap) -> list[Family]:
    """The review's families, in the order their first tie is met: couples, then parents."""
    people = {p.id: p for p in casemap.people}
    found: dict[frozenset[str], Family] = {}

    def family(spouses: Sequence[str]) -> Family:
        key = frozenset(spouses)
        if key not in found:
            found[key] = Family(tuple(sorted(spouses, key=lambda s: _order(people, s))))
        return found[key]

    partners = {frozenset((r.from_, r.to)): r for r in casemap.relationships
                if r.type == "partner" and r.from_ != r.to and {r.from_, r.to} <= people.keys()}
    for key, rel in partners.items():
        family(tuple(key)).couples.append(rel)
    for kind, (pedigree, phrase) in PEDIGREE.items():
        ties: dict[str, list[Relationship]] = {}
        for rel in casemap.relationships:
            if rel.type == kind and rel.from_ != rel.to and {rel.from_, rel.to} <= people.keys():
                ties.setdefault(rel.to, []).append(rel)
        for child, rels in ties.items():
            for group in _parent_groups(kind, child, rels, casemap, partners):
                spouses = tuple(dict.fromkeys(r.from_ for r in group))
                home = family(spouses)
                home.ties.extend(group)
                home.children.setdefault(child, (pedigree, phrase))  # the first kind stays
                for rel in group:
                    home.kinds.setdefault((child, rel.from_), rel.type)
    return list(found.values())


def _parent_groups(kind: str, child: str, rels: list[Relationship], casemap: CaseMap,
                   partners: dict[frozenset[str], Relationship]) -> Iterator[list[Relationship]]:
    """The ties of one kind that make one family each: parents two at a time.

    A step-parent's family is the step-parent and the child's parent they are
    the partner of, when the case map says so.
    """
    if kind == "step_parent":
        birth = [r for r in casemap.relationships if r.type == "parent" and r.to == child]
        for rel in rels:
            partner = next((b for b in birth if frozenset((b.from_, rel.from_)) in partners),
                           None)
            yield [partner, rel] if partner else [rel]
        return
    unique = list({r.from_: r for r in reversed(rels)}.values())[::-1]
    for start in range(0, len(unique), 2):
        yield unique[start:start + 2]


def _order(people: dict[str, Person], pid: str) -> int:
    return list(people).index(pid)


class _Writer:
    """Lines of one GEDCOM file, each payload made safe for its version."""

    def __init__(self, version: str) -> None:
        self.version = version
        self.lines: list[str] = []

    def line(self, level: int, tag: str, payload: str | None = None, xref: str = "") -> None:
        head = f"{level} {xref + ' ' if xref else ''}{tag}"
        if payload is None or payload == "":
            self.lines.append(head)
            return
        self.lines.append(f"{head} {self._escaped(payload)}")

    def text(self, level: int, tag: str, text: str) -> None:
        """A payload that may hold line breaks: CONT lines carry the rest."""
        first, *rest = LINE_BREAK.split(BANNED.sub("", text))
        self._long(level, tag, first)
        for part in rest:
            self._long(level + 1, "CONT", part)

    def _long(self, level: int, tag: str, text: str) -> None:
        if self.version == "7.0" or not text:
            self.line(level, tag, text)
            return
        room = MAX_LINE_551 - len(f"{level + 1} CONC ") - 2
        pieces = _split(text, room)
        self.line(level, tag, pieces[0])
        for piece in pieces[1:]:
            self.line(level + 1, "CONC", piece)

    def _escaped(self, payload: str) -> str:
        if self.version == "7.0":
            return "@" + payload if payload.startswith("@") else payload
        return payload.replace("@", "@@")

    def pointer(self, level: int, tag: str, xref: str) -> None:
        self.lines.append(f"{level} {tag} @{xref}@")


def _split(text: str, room: int) -> list[str]:
    """5.5.1 line pieces of at most `room` characters, never cut next to a space."""
    pieces = []
    while len(text) > room:
        cut = room
        while cut > 1 and (text[cut - 1] == " " or text[cut] == " "):
            cut -= 1
        pieces.append(text[:cut])
        text = text[cut:]
    return [*pieces, text]


def write_gedcom(casemaps: Sequence[CaseMap], out: IO[bytes]) -> None:
    """GEDCOM 7.0 of the reviews' families."""
    out.write(dumps_gedcom(casemaps, "7.0").encode("utf-8"))


def write_gedcom551(casemaps: Sequence[CaseMap], out: IO[bytes]) -> None:
    """GEDCOM 5.5.1 of the reviews' families, for software that reads no 7.0."""
    out.write(dumps_gedcom(casemaps, "5.5.1").encode("utf-8"))


def dumps_gedcom(casemaps: Sequence[CaseMap], version: str = "7.0") -> str:
    """The GEDCOM text of several reviews, each with its own people and families."""
    w = _Writer(version)
    _header(w, version)
    for number, casemap in enumerate(casemaps, start=1):
        _review(w, casemap, number, len(casemaps) > 1)
    w.line(0, "TRLR")
    # GEDCOM 7 is UTF-8 always; the byte-order mark it allows tells readers of 5.5.1
    # (Gramps 5 among them), which would otherwise take it for ANSEL.
    mark = "\ufeff" if version == "7.0" else ""
    return mark + "\n".join(w.lines) + "\n"


def _header(w: _Writer, version: str) -> None:
    w.line(0, "HEAD")
    w.line(1, "GEDC")
    w.line(2, "VERS", version)
    if version != "7.0":
        w.line(2, "FORM", "LINEAGE-LINKED")
        w.line(1, "CHAR", "UTF-8")
    w.line(1, "SOUR", "KINMAP")
    w.line(2, "VERS", __version__)
    w.line(2, "NAME", "kinmap")
    if version != "7.0":
        w.pointer(1, "SUBM", "U1")
    w.line(1, "LANG", "en" if version == "7.0" else "English")
    if version != "7.0":
        w.line(0, "SUBM", xref="@U1@")
        w.line(1, "NAME", "kinmap")


def _review(w: _Writer, casemap: CaseMap, number: int, several: bool) -> None:
    prefix = f"R{number}" if several else ""
    source = f"S{number}"
    people = {p.id: f"{prefix}I{i}" for i, p in enumerate(casemap.people, start=1)}
    families = families_of(casemap)
    xref_of = {id(f): f"{prefix}F{i}" for i, f in enumerate(families, start=1)}
    as_child: dict[str, list[tuple[Family, tuple[str, str | None]]]] = {}
    as_spouse: dict[str, list[Family]] = {}
    for fam in families:
        for child, pedigree in fam.children.items():
            as_child.setdefault(child, []).append((fam, pedigree))
        for spouse in fam.spouses:
            as_spouse.setdefault(spouse, []).append(fam)
    parents: dict[str, set[str]] = {}
    for fam in families:
        for child in fam.children:
            parents.setdefault(child, set()).update(fam.spouses)
    associations = [r for r in casemap.relationships
                    if r.type not in PEDIGREE and r.type != "partner"
                    and r.from_ in people and r.to in people
                    # siblings who share a parent are siblings in the families already
                    and not (r.type in SIBLINGS
                             and parents.get(r.from_, set()) & parents.get(r.to, set()))]
    for person in casemap.people:
        w.line(0, "INDI", xref=f"@{people[person.id]}@")
        w.line(1, "NAME", person_name(person.label or person.id))
        if person.sex in SEX:
            w.line(1, "SEX", SEX[person.sex])
        _event(w, "BIRT", person.born, False)
        _event(w, "DEAT", person.died, bool(person.deceased))
        for fam, (pedigree, phrase) in as_child.get(person.id, []):
            w.pointer(1, "FAMC", xref_of[id(fam)])
            _pedigree(w, pedigree, phrase)
            if w.version != "7.0" and pedigree not in PEDIGREE_551:
                _parent_relations(w, fam, person.id, casemap)
        for fam in as_spouse.get(person.id, []):
            w.pointer(1, "FAMS", xref_of[id(fam)])
        for rel in associations:
            if rel.from_ == person.id:
                _association(w, rel, people[rel.to], source)
        _cite(w, 1, source, f"people: {person.id}", person.quote)
    for fam in families:
        _family(w, fam, xref_of[id(fam)], people, casemap, source)
    _source(w, casemap, source)


def _event(w: _Writer, tag: str, date: str | None, happened: bool) -> None:
    value = gedcom_date(date)
    if value:
        w.line(1, tag)
        w.line(2, "DATE", value)
    elif date or happened:
        w.line(1, tag, "Y")


def _pedigree(w: _Writer, pedigree: str, phrase: str | None) -> None:
    if w.version == "7.0":
        w.line(2, "PEDI", pedigree)
        if phrase:
            w.line(3, "PHRASE", phrase)
    elif pedigree in PEDIGREE_551:
        w.line(2, "PEDI", PEDIGREE_551[pedigree])
    else:  # 5.5.1 has no pedigree for these: say it, rather than let "birth" be assumed
        w.line(2, "NOTE", f"Pedigree: {phrase}")


#: The per-parent pedigree of Gramps and Family Tree Maker (_FREL, _MREL), for 5.5.1,
#: whose PEDI has no step-parent.
PARENT_RELATIONS = {"parent": "Natural", "step_parent": "Step"}


def _parent_relations(w: _Writer, fam: Family, child: str, casemap: CaseMap) -> None:
    slots = _slots(fam.spouses, {p.id: p.sex for p in casemap.people})
    for slot, tag in (("HUSB", "_FREL"), ("WIFE", "_MREL")):
        word = PARENT_RELATIONS.get(fam.kinds.get((child, slots.get(slot, "")), ""))
        if word:
            w.line(2, tag, word)


def _association(w: _Writer, rel: Relationship, target: str, source: str) -> None:
    words = rel.type.replace("_", " ")
    if rel.nature in VOCABULARIES.get("harm_nature", ()) + VOCABULARIES.get(
            "contact_nature", ()):
        words += f": {rel.nature.replace('_', ' ')}"
    w.pointer(1, "ASSO", target)
    if w.version == "7.0":
        w.line(2, "ROLE", "OTHER")
        w.line(3, "PHRASE", words)
    else:
        w.line(2, "RELA", words)
    _cite(w, 2, source, _tie_page(rel), rel.quote)


def _family(w: _Writer, fam: Family, xref: str, people: dict[str, str], casemap: CaseMap,
            source: str) -> None:
    sexes = {p.id: p.sex for p in casemap.people}
    w.line(0, "FAM", xref=f"@{xref}@")
    slots = _slots(fam.spouses, sexes)
    for tag in ("HUSB", "WIFE"):
        if tag in slots:
            w.pointer(1, tag, people[slots[tag]])
    for child in fam.children:
        w.pointer(1, "CHIL", people[child])
    for rel in fam.couples:
        _couple(w, rel)
    cited = set()
    for rel in [*fam.couples, *fam.ties]:
        if id(rel) not in cited:
            cited.add(id(rel))
            _cite(w, 1, source, _tie_page(rel), rel.quote)


def _slots(spouses: tuple[str, ...], sexes: dict[str, str | None]) -> dict[str, str]:
    """HUSB and WIFE: a man first as HUSB and a woman as WIFE, anyone in a free slot."""
    slots: dict[str, str] = {}
    for person in sorted(spouses, key=lambda p: sexes.get(p) not in ("male", "female")):
        wanted = {"male": "HUSB", "female": "WIFE"}.get(sexes.get(person) or "", "HUSB")
        tag = wanted if wanted not in slots else ("WIFE" if wanted == "HUSB" else "HUSB")
        if tag not in slots:
            slots[tag] = person
    return slots


def _couple(w: _Writer, rel: Relationship) -> None:
    if rel.status in ("married", "divorced"):
        w.line(1, "MARR", "Y")
    if rel.status == "divorced":
        w.line(1, "DIV", "Y")
    words = f"Partners ({rel.status})" if rel.status else "Partners"
    span = [f"from {rel.since}" if gedcom_date(rel.since) else "",
            f"until {rel.until}" if gedcom_date(rel.until) else ""]
    w.line(1, "NOTE", " ".join([words, *filter(None, span)]))


def _tie_page(rel: Relationship) -> str:
    return f"relationships: {rel.type} {rel.from_} -> {rel.to}"


def _cite(w: _Writer, level: int, source: str, page: str, quote: str | None) -> None:
    w.pointer(level, "SOUR", source)
    w.text(level + 1, "PAGE", page)
    if quote:
        w.line(level + 1, "DATA")
        w.text(level + 2, "TEXT", quote)


def _source(w: _Writer, casemap: CaseMap, source: str) -> None:
    review = casemap.review
    w.line(0, "SOUR", xref=f"@{source}@")
    if review.partnership:
        w.text(1, "AUTH", review.partnership)
    w.text(1, "TITL", review.title or review.id)
    w.text(1, "ABBR", review.id)
    if review.published:
        w.text(1, "PUBL", f"Published {review.published}")
    if review.source_file:
        w.text(1, "NOTE", f"Source document: {review.source_file}")
