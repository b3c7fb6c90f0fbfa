"""Find the agencies a review names, from the gazetteer, acronym definitions and agency lists.

Three sources, in this order of trust: the gazetteer (`gazetteer.yaml`: named
forces, partnerships, services, teams, with their kind); organisations the
review defines with an acronym ("British Association for Counselling and
Psychotherapy (BACP)"), whose acronym then counts as a mention; and the items
of a list introduced as the agencies that contributed to the review ("- BRIGHTWAY").
Mentions of one agency are merged (`merge:` in the gazetteer) and every mention
is kept for the other extractors (involvements, meetings, information sharing).
Each agency gets the service its label names (services.py), else its entry's.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from ...model import Agency
from .builder import Builder, Mention
from .data import gazetteer, rx
from .sentences import Sentence
from .services import service_of

NOT_PREFIX = re.compile(r"^(?:The|This|That|Local|And|Of|To|In|At|By|For|With|Our|Their|His|"
                        r"Her|Its|From|On|Between|Within|Across|Both|All|Each|Other)\s+")
ITEM_MAX_WORDS = 6


@dataclass(frozen=True)
class Entry:
    """One gazetteer entry, compiled."""

    id: str
    label: str
    kind: str
    merge: str
    patterns: tuple[re.Pattern[str], ...]
    part_of: str | None
    determiner: str | bool
    case_facts: bool
    item_only: bool
    not_names: re.Pattern[str] | None
    order: int
    label_as_entry: bool = False
    #: The service of every agency this entry finds (format 1.1); None when it cannot tell.
    service: str | None = None


@dataclass
class Candidate:
    """A mention found in the text before mentions are merged into agencies."""

    start: int
    end: int
    sentence: Sentence
    entry: Entry | None
    key: str
    name: str | None
    rule: str


@lru_cache(maxsize=1)
def entries() -> tuple[Entry, ...]:
    """The gazetteer, compiled."""
    out = []
    for order, raw in enumerate(gazetteer()["agencies"]):
        out.append(Entry(raw["id"], raw["label"], raw["kind"], raw.get("merge", "one"),
                         tuple(rx(p) for p in raw["patterns"]), raw.get("part_of"),
                         raw.get("determiner", False), bool(raw.get("case_facts")),
                         bool(raw.get("item_only")),
                         rx(raw["not_names"], case=True) if raw.get("not_names") else None,
                         order, bool(raw.get("label_as_entry")), raw.get("service")))
    return tuple(out)


def _clean_name(name: str | None, entry: Entry) -> str | None:
    if not name:
        return None
    name = re.sub(r"\s+", " ", name.strip())
    while NOT_PREFIX.match(name) and len(name.split()) > 1:
        name = NOT_PREFIX.sub("", name, count=1)
    if entry.not_names and entry.not_names.match(name):
        return None
    return name


def _determiner_ok(builder: Builder, entry: Entry, m: re.Match[str], sentence: Sentence) -> bool:
    if not entry.determiner or (entry.determiner == "bare" and m.groupdict().get("name")):
        return True
    names = "|".join(re.escape(n) for n in builder.subject_names if n[:1].isupper()) or "child"
    pattern = rx(gazetteer()["determiners"].replace("SUBJECT", f"(?:{names})"))
    before = builder.flat[max(sentence.start, m.start() - 40):m.start()]
    return bool(pattern.search(before))


def _gazetteer_candidates(builder: Builder) -> list[Candidate]:
    out = []
    for entry in entries():
        if entry.item_only:
            continue
        for pattern in entry.patterns:
            for m, sentence in builder.doc.matches(pattern):
                if sentence.zone == "ignore" or (sentence.heading and entry.determiner):
                    continue
                if entry.case_facts and not sentence.fact:
                    continue
                if not _determiner_ok(builder, entry, m, sentence):
                    continue
                groups = m.groupdict()
                if groups.get("q1") and groups.get("q2"):
                    for q, (a, b) in ((groups["q1"], m.span("q1")),
                                      (groups["q2"], (m.start("q2"), m.end()))):
                        name = f"{q.lower()} school"
                        out.append(Candidate(a, b, sentence, entry, f"{entry.id}:{name}", name,
                                             f"gazetteer:{entry.id}"))
                    continue
                name = _clean_name(groups.get("name"), entry)
                key = entry.id if entry.merge == "one" or not name else \
                    f"{entry.id}:{name.lower()}"
                out.append(Candidate(m.start(), m.end(), sentence, entry, key, name,
                                     f"gazetteer:{entry.id}"))
    return out


#: no agency mention is longer than this many characters (for windowed look-ups)
MAX_MENTION = 300


def _resolve(candidates: list[Candidate]) -> list[Candidate]:
    """Keep the longest of overlapping mentions (the earlier gazetteer entry on a tie).

    The kept mentions never overlap, so each candidate is checked against its two
    neighbours in start order (bisect), not against every kept mention: linear time
    in the length of the review, whatever its number of mentions."""
    starts: list[int] = []
    ends: list[int] = []
    kept: list[Candidate] = []
    for c in sorted(candidates, key=lambda c: (-(c.end - c.start),
                                               c.entry.order if c.entry else 999, c.start)):
        i = bisect_left(starts, c.start)
        if (i > 0 and ends[i - 1] > c.start) or (i < len(starts) and starts[i] < c.end):
            continue
        starts.insert(i, c.start)
        ends.insert(i, c.end)
        kept.insert(i, c)
    return kept


def _acronyms(builder: Builder, kept: list[Candidate]) -> list[Candidate]:
    """Organisations defined with an acronym, and later uses of the acronym."""
    data = gazetteer()
    words, refuse = rx(data["organisation_words"], case=True), rx(data["not_organisation"],
                                                                    case=True)
    starts = [k.start for k in kept]  # kept is in text order
    extra: list[Candidate] = []
    defined: set[str] = set()  # an acronym defined again is the same organisation
    for m, sentence in builder.doc.matches(rx(data["acronym_definition"], case=True)):
        abbr, name = m.group("abbr"), m.group("name")
        if sum(ch.isupper() for ch in abbr) < 2 or sentence.zone == "ignore" or abbr in defined:
            continue
        defined.add(abbr)
        near = bisect_left(starts, m.start("name") - MAX_MENTION)
        inside = [k for k in kept[near:bisect_left(starts, m.end("name"))]
                  if m.start("name") <= k.start < m.end("name")
                  or k.start <= m.start("name") < k.end]
        if inside:
            key = inside[-1].key
        elif words.search(name) and not refuse.search(name):
            key = f"acronym:{abbr}"
            while NOT_PREFIX.match(name) and len(name.split()) > 2:
                name = NOT_PREFIX.sub("", name, count=1)
            extra.append(Candidate(m.start(), m.end(), sentence, None, key,
                                   f"{name} ({abbr})", "acronym-definition"))
        else:
            continue
        for use, where in builder.doc.matches(rx(rf"\b{re.escape(abbr)}\b", case=True)):
            if use.start() > m.end() and where.zone != "ignore" and not where.heading:
                extra.append(Candidate(use.start(), use.end(), where, None, key, None,
                                       "acronym-use"))
    return extra


def _list_items(builder: Builder, kept: list[Candidate]) -> tuple[list[Candidate],
                                                                   dict[str, str]]:
    """Each item of 'the following agencies have contributed to the review:' is an agency,
    labelled as the list writes it."""
    extra: list[Candidate] = []
    labels: dict[str, str] = {}
    item_entries = [e for e in entries() if e.item_only]
    starts = [k.start for k in kept]  # kept is in text order
    for block in builder.doc.blocks:
        if not block.item or block.intro_block is None or \
                builder.doc.blocks[block.intro_block].intro != "agencies":
            continue
        body = block.text.strip(" .;,")
        if not body or len(body.split()) > ITEM_MAX_WORDS or not block.sentences:
            continue
        sentence = builder.doc.sentences[block.sentences[0]]
        start = block.start + block.text.index(body)
        inside = kept[bisect_left(starts, block.start):bisect_left(starts, block.end)]
        if inside:
            labels.setdefault(inside[0].key, body)
            if "/" in body:
                for part in body.split("/")[1:]:
                    extra.extend(_alias_uses(builder, part.strip(), inside[0].key, block.end))
            continue
        entry = next((e for e in item_entries if any(p.search(body) for p in e.patterns)), None)
        key = entry.id if entry else f"item:{body.lower()}"
        extra.append(Candidate(start, start + len(body), sentence, entry, key, body,
                               "agency-list-item"))
        labels.setdefault(key, body)
    return extra, labels


def _alias_uses(builder: Builder, alias: str, key: str, after: int) -> list[Candidate]:
    out = []
    if len(alias) < 3:
        return out
    for use, where in builder.doc.matches(rx(rf"\b{re.escape(alias)}\b", case=True)):
        if use.start() >= after and where.zone != "ignore" and not where.heading:
            out.append(Candidate(use.start(), use.end(), where, None, key, None, "agency-alias"))
    return out


def find_agencies(builder: Builder) -> None:
    """Add every agency of the review, with its mentions."""
    kept = _resolve(_gazetteer_candidates(builder))
    kept = _resolve(kept + _acronyms(builder, kept))
    items, item_labels = _list_items(builder, kept)
    kept = _attach_unnamed(_resolve(kept + items))
    labels = _labels(builder, kept, item_labels)
    agencies: dict[str, Agency] = {}
    entry_of: dict[str, Entry | None] = {}
    area = builder.casemap.review.area
    for c in kept:
        agency = agencies.get(c.key)
        if agency is None:
            label = labels[c.key]
            kind = c.entry.kind if c.entry else "other"
            agency = Agency(id=builder.new_id(label, "agency"), kind=kind, label=label,
                            service=service_of(label, kind, c.entry.service if c.entry
                                               else None))
            if area and area.lower() in label.lower():
                agency.area = area
            builder.add("agencies", agency, c.rule, c.sentence.start, c.sentence.end,
                        confidence=0.85 if c.entry else 0.6, focus=(c.start, c.end))
            agencies[c.key] = agency
            entry_of[c.key] = c.entry
        builder.agency_mentions.setdefault(c.sentence.index, []).append(
            Mention(agency.id, c.start, c.end, c.sentence.index, c.rule))
    for key, agency in agencies.items():
        entry = entry_of[key]
        if entry and entry.part_of:
            parent = agencies.get(entry.part_of)
            if parent is not None:
                agency.part_of = parent.id


def _labels(builder: Builder, kept: list[Candidate], fixed: dict[str, str]) -> dict[str, str]:
    """Each agency's label: a list item as written, else its first proper name
    ('Brackenford Police' over 'Police'), else its first mention."""
    labels = dict(fixed)
    for c in kept:
        if c.key not in labels and c.name:
            labels[c.key] = c.name
    for c in kept:
        if c.key not in labels and not (c.entry and c.entry.label_as_entry):
            labels[c.key] = _surface(builder, c)
    for c in kept:
        if c.key not in labels:
            labels[c.key] = c.entry.label if c.entry else _surface(builder, c)
    return labels


def _surface(builder: Builder, c: Candidate) -> str:
    text = re.sub(r"\s+", " ", builder.text[c.start:c.end]).strip()
    return re.sub(r"^(?:the|this|that)\s+", "", text, flags=re.IGNORECASE)


def _attach_unnamed(kept: list[Candidate]) -> list[Candidate]:
    """For `merge: name` entries, an unnamed mention joins the latest named one."""
    latest: dict[str, str] = {}
    for c in kept:
        if c.entry is None or c.entry.merge != "name":
            continue
        if c.name:
            latest[c.entry.id] = c.key
        elif c.entry.id in latest:
            c.key = latest[c.entry.id]
    return kept
