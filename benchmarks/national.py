"""Generate a national corpus: N fictional full-length review documents in many house styles.

    python benchmarks/national.py OUT [--reviews 2000] [--seed 7] [--size 300000] [--jobs 2]
                                      [--names unique|common]

Each document is an overview report of the length real ones run to (50-100
pages, about 300 kB of text): a title page, contents, introduction, the family
(a table or a list or prose), a long multi-agency chronology (a table or dated
paragraphs), analysis by theme, findings, recommendations and appendices.
Documents differ in everything a partnership's house style varies: .txt, .md,
.html and a small share of .docx; numbered, flat-numbered or unnumbered
paragraphs; heading styles; "Child Q", first-name or "Baby S" pseudonyms; date
formats; a chronology as a Markdown pipe table, an HTML or Word table,
tab-separated or pipe-separated text, cells one a line, or dated paragraphs;
hard-wrapped text with page furniture, as converted from a PDF.

Document i depends only on (seed, i): the same seed gives the same bytes, and a
subset is a prefix of the full corpus. Subjects' pseudonyms are unique across
the corpus unless `--names common` is asked (see README-national.md). Every name, place and sentence comes
from `national_phrases.py` (written from the project's fictional fixtures and
`synthetic.py`'s vocabularies), never from a real review.
"""
from __future__ import annotations

import argparse
import datetime as dt
import html
import io
import os
import random
import re
import sys
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import national_phrases as P  # noqa: E402

#: Shares of the file formats (docx only when python-docx can give its template).
FORMATS = (("txt", 40), ("md", 25), ("html", 30), ("docx", 5))
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
WORDS = ("nought", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
         "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen")


@dataclass
class Style:
    """How one partnership writes: the choices a document is rendered with."""

    fmt: str                # txt | md | html | docx
    numbering: str          # decimal ("3.14") | flat ("57.") | none
    headings: str           # numbered | caps | section | part
    pseudonym: str          # letter ("Child Q") | first ("Ruby") | baby ("Baby S")
    adults: str             # titles ("Ms H") | roles ("Mother") | adults ("Adult A")
    dates: str              # dmy | long | iso | dotted | ordinal
    chronology: str         # table | paragraphs
    table: str              # pipe | tsv | cells | markdown | html | word
    family: str             # table | list | prose
    wrap: int = 0           # hard-wrap width for txt, 0 for none
    furniture: bool = False  # running header and "Page N of M" lines (txt)


@dataclass
class Case:
    """One fictional review: the child, the family, the agencies, the dates."""

    index: int
    rng: random.Random
    style: Style
    slots: dict[str, str] = field(default_factory=dict)
    agencies: list[str] = field(default_factory=list)   # slots of the agencies involved
    column: dict[str, str] = field(default_factory=dict)  # slot -> chronology Agency column
    #: name, tie to the child, age, lived with
    family: list[tuple[str, str, str, str]] = field(default_factory=list)
    start: dt.date = dt.date(2020, 1, 1)
    end: dt.date = dt.date(2022, 1, 1)
    slug: str = ""


def choose_style(rng: random.Random, docx_ok: bool) -> Style:
    formats = [(f, w) for f, w in FORMATS if docx_ok or f != "docx"]
    fmt = rng.choices([f for f, _ in formats], [w for _, w in formats])[0]
    chronology = rng.choices(("table", "paragraphs"), (3, 2))[0]
    table = {"txt": rng.choice(("pipe", "tsv", "cells")), "md": "markdown",
             "html": "html", "docx": "word"}[fmt]
    wrap = rng.choice((0, 0, 78, 92)) if fmt == "txt" else 0
    return Style(fmt=fmt, numbering=rng.choice(("decimal", "decimal", "flat", "none")),
                 headings=rng.choice(("numbered", "caps", "section", "part")),
                 pseudonym=rng.choices(("letter", "first", "baby"), (5, 4, 1))[0],
                 adults=rng.choices(("titles", "roles", "adults"), (6, 3, 1))[0],
                 dates=rng.choice(("dmy", "long", "iso", "dotted", "ordinal")),
                 chronology=chronology, table=table,
                 family=rng.choices(("table", "list", "prose"), (3, 2, 1))[0],
                 wrap=wrap, furniture=fmt == "txt" and rng.random() < 0.4)


def _place(rng: random.Random) -> str:
    return rng.choice(P.PLACE_START) + rng.choice(P.PLACE_END)


def unique_pseudonym(index: int, pseudonym: str) -> str:
    """A subject's pseudonym that no other document of the corpus uses: initials ("Child AK",
    "Baby QR", three letters past 529 documents) or an invented first name (up to 2,268)."""
    n = len(P.LETTERS)
    if pseudonym == "first" and index < len(P.SYLLABLES[0]) * len(P.SYLLABLES[1]) * \
            len(P.SYLLABLES[2]):
        a, b, c = P.SYLLABLES
        return a[index % len(a)] + b[index // len(a) % len(b)] + \
            c[index // (len(a) * len(b)) % len(c)]
    letters = P.LETTERS[index // n % n] + P.LETTERS[index % n]
    if index >= n * n:
        letters = P.LETTERS[index // (n * n) % n] + letters
    return f"{'Baby' if pseudonym == 'baby' else 'Child'} {letters}"


def make_case(index: int, seed: int, docx_ok: bool = True, names: str = "unique") -> Case:
    """The case of document `index`: drawn from its own generator, so independent of others.

    `names` "unique" gives every subject a pseudonym of its own across the corpus;
    "common" draws them as most partnerships do ("Child Q", "Ruby"), so many documents
    share one (kinmap's drafts then share a review id: see README-national.md)."""
    rng = random.Random(f"kinmap-national-{seed}-{index}")
    style = choose_style(rng, docx_ok)
    case = Case(index, rng, style)
    area = _place(rng)
    if rng.random() < 0.2:
        area = f"{area} and {rng.choice(P.SECOND_PLACE)}"
    kind = rng.choices(P.REVIEW_KINDS, [k[3] for k in P.REVIEW_KINDS])[0]
    sex = rng.choice(("female", "male"))
    first = [n for n in P.FIRST_NAMES if (n in P.GIRLS) == (sex == "female")]
    letters = rng.sample(P.LETTERS, 9)
    if style.pseudonym == "letter":
        child = f"Child {letters[0]}"
    elif style.pseudonym == "baby":
        child = f"Baby {letters[0]}"
    else:
        child = rng.choice(first)
    if names == "unique":
        child = unique_pseudonym(index, style.pseudonym)
    age = rng.randint(0, 1) if style.pseudonym == "baby" else rng.randint(2, 16)
    age_phrase = (f"{rng.randint(6, 40)} weeks old" if age == 0 else
                  f"{WORDS[age]} years old" if rng.random() < 0.5 else f"{age} years old")
    start_year = rng.randint(2012, 2021)
    case.start = dt.date(start_year, rng.randint(1, 12), rng.randint(1, 28))
    case.end = case.start + dt.timedelta(days=rng.randint(500, 1400))
    he, him, his = ("she", "her", "her") if sex == "female" else ("he", "him", "his")
    sib_sex = rng.choice(("female", "male"))

    def named(sex: str, *taken: str) -> str:
        return rng.choice([n for n in P.FIRST_NAMES
                           if (n in P.GIRLS) == (sex == "female") and n not in taken])

    sibling = named(sib_sex, child) if style.adults != "adults" else f"Child {letters[1]}"
    if style.adults == "titles":
        mother, father, partner, gran = (f"Ms {letters[2]}", f"Mr {letters[3]}",
                                         f"Mr {letters[4]}", f"Mrs {letters[5]}")
    elif style.adults == "roles":
        mother, father, partner, gran = "Mother", "Father", f"Mr {letters[4]}", "MGM"
    else:
        mother, father, partner, gran = (f"Adult {letters[2]}", f"Adult {letters[3]}",
                                         f"Adult {letters[4]}", f"Adult {letters[5]}")
    partnership = kind[2].format(area=area)
    labels = {slot: label.format(area=area, place=_place(rng)) for slot, label, _ in P.AGENCIES}
    case.column = {slot: P.CHRONOLOGY_AGENCY[slot].format(area=area, place=labels[slot].split()[0])
                   for slot in labels}
    core = ["police", "csc", "school" if age >= 4 else "nursery", "gp", "hv", "hospital", "mash"]
    rest = [s for s in labels if s not in core]
    case.agencies = core + rng.sample(rest, rng.randint(4, len(rest)))
    incident = case.end
    case.slots = {
        "child": child, "he": he, "him": him, "his": his, "He": he.capitalize(),
        "His": his.capitalize(), "mother": mother, "father": father, "partner": partner,
        "sibling": sibling, "sibling_tie": "half-brother" if sib_sex == "male" else "half-sister",
        "gran": gran, "area": area, "partnership": partnership,
        "review_title": kind[0], "review_name": kind[1], "age": age_phrase,
        "incident_month": f"{MONTHS[incident.month - 1]} {incident.year}",
        "rapid_month": f"{MONTHS[(incident.month % 12)]} {incident.year + (incident.month == 12)}",
        "period_from": f"{MONTHS[case.start.month - 1]} {case.start.year}",
        "period_to": f"{MONTHS[incident.month - 1]} {incident.year}",
        "reviewer": rng.choice(P.REVIEWERS), "year": str(rng.randint(start_year, incident.year)),
        "injury": rng.choice(P.INJURY), **labels,
    }
    # Family members: name, tie to the child, age, lived with.
    mother_age = age + rng.randint(17, 30)
    ties = [(child, "Subject child", str(age), f"{mother}, {partner}, {sibling}"),
            (mother, "Mother", str(mother_age), f"{child}, {partner}, {sibling}"),
            (father, f"Father ({child}'s father)", str(mother_age + rng.randint(0, 8)),
             "Alone, in another area"),
            (partner, f"Mother's partner; {sibling}'s father", str(mother_age + rng.randint(-3, 9)),
             f"{mother}, {child}, {sibling}"),
            (sibling, "Half-brother" if sib_sex == "male" else "Half-sister",
             str(max(0, age - rng.randint(1, 4))), f"{mother}, {partner}, {child}"),
            (gran, "Maternal grandmother", str(mother_age + rng.randint(18, 30)), "Alone")]
    if rng.random() < 0.5:
        sister = rng.random() < 0.5
        extra = named("female" if sister else "male", child, sibling)
        ties.append((extra, "Older sister" if sister else "Older brother",
                     str(age + rng.randint(1, 5)), f"{father}"))
    if rng.random() < 0.3:
        ties.append((f"Ms {letters[6]}", "Paternal aunt", str(mother_age + rng.randint(-5, 10)),
                     "Her own family"))
    case.family = ties
    case.slug = f"{index:05d}_{_slugify(area)}-{_slugify(child)}"
    return case


def _slugify(text: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in text.lower()).strip("-")


# --- dates -----------------------------------------------------------------------------

def format_date(day: dt.date, how: str) -> str:
    if how == "dmy":
        return f"{day.day:02d}/{day.month:02d}/{day.year}"
    if how == "iso":
        return day.isoformat()
    if how == "dotted":
        return f"{day.day:02d}.{day.month:02d}.{day.year}"
    if how == "ordinal":
        suffix = "th" if 10 <= day.day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(
            day.day % 10, "th")
        return f"{day.day}{suffix} {MONTHS[day.month - 1]} {day.year}"
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


# --- the document as blocks ------------------------------------------------------------
# ("title", lines) ("contents", headings) ("h", number, text) ("p", number, text)
# ("table", header, rows) ("list", items)

def _fill(template: str, slots: dict[str, str]) -> str:
    return template.format_map(slots)


def build_blocks(case: Case, size: int) -> list[tuple]:
    """The document's blocks, sized to about `size` characters of text."""
    rng, s, style = case.rng, case.slots, case.style
    target = int(size * rng.uniform(0.88, 1.12))
    sections: list[tuple[str, list[tuple]]] = []

    def para(text: str) -> tuple:
        return ("p", text)

    intro = [para(_fill(t, s)) for t in P.INTRODUCTION]
    intro.insert(1, para(_fill(rng.choice(P.INCIDENT), s)))
    intro += [para(_fill(t, s)) for t in rng.sample(P.METHOD, 3)]
    sections.append(("Introduction", intro))

    family: list[tuple] = [para(f"The family members referred to in this report are set out "
                                f"below. Ages are at the time of the incident in "
                                f"{s['incident_month']}.")]
    if style.family == "table":
        family.append(("table", ("Name", f"Relationship to {s['child']}", "Age", "Lived with"),
                       [list(row) for row in case.family]))
    elif style.family == "list":
        family.append(("list", [f"{name} ({tie.lower() if tie != 'Mother' else 'mother'}, {age})"
                                for name, tie, age, _ in case.family]))
    family += [para(_fill(t, s)) for t in P.FAMILY_PROSE]
    sections.append(("The family", family))

    # The chronology: dated entries by the agencies of the case, until its share is reached.
    # (Indexing by rng.random() is the fast way to choose; the slots dict is updated in place.)
    rand = rng.random

    def pick(seq):
        return seq[int(rand() * len(seq))]

    chronology_chars = int(target * rng.uniform(0.25, 0.4))
    span = (case.end - case.start).days + 1
    entries: list[tuple[int, str, str]] = []
    used = 0
    first_day = case.start.toordinal()
    while used < chronology_chars:
        slot = pick(case.agencies)
        s.update(risk=pick(P.RISK), category=pick(P.CATEGORY), pct=str(55 + int(rand() * 35)),
                 term=pick(P.TERM), bodypart=pick(P.BODYPART), worker=pick(P.WORKERS),
                 nth=pick(P.NTH), months=str(2 + int(rand() * 10)))
        if rand() < 0.65:  # routine contact: most entries of a real chronology
            s.update(topic=pick(P.TOPICS), centile=pick(P.CENTILES))
            text = (f"{pick(P.ROUTINE_CONTACT)} {pick(P.ROUTINE_WHO)}. "
                    f"{pick(P.ROUTINE_SEEN)}").format_map(s)
            if rand() < 0.5:
                text += " " + pick(P.ROUTINE_SEEN).format_map(s)
            entries.append((first_day + int(rand() * span), slot, text))
            used += len(text) + 30
            continue
        text = pick(P.EVENTS[slot]).format_map(s)
        if rand() < 0.6:
            text += " " + pick(P.DETAILS).format_map(s)
            if rand() < 0.3:
                text += " " + pick(P.DETAILS).format_map(s)
        entries.append((first_day + int(rand() * span), slot, text))
        used += len(text) + 30
    entries.sort(key=lambda e: e[0])
    dates = {day: format_date(dt.date.fromordinal(day), style.dates) for day, _, _ in entries}
    chronology: list[tuple] = [para(f"The combined chronology below summarises the involvement of "
                                    f"agencies with {s['child']} and {s['his']} family from "
                                    f"{s['period_from']} to {s['period_to']}.")]
    if style.chronology == "table":
        chronology.append(("table", ("Date", "Agency", "Event"),
                           [[dates[day], case.column[slot], text] for day, slot, text in entries]))
    else:
        for day, slot, text in entries:
            when = dates[day]
            lead = rand()
            if lead < 0.4:
                chronology.append(para(f"On {when}, {case.column[slot]} recorded: {text}"))
            elif lead < 0.7:
                chronology.append(para(f"{when} – {case.column[slot]}. {text}"))
            else:
                chronology.append(para(f"{when}: {text}"))
    sections.append(("Multi-agency chronology", chronology))

    # Analysis by theme, to fill what is left before findings and recommendations.
    findings = [_fill(t, s) for t in rng.sample(P.FINDINGS, rng.randint(5, len(P.FINDINGS)))]
    recommendations = [_fill(t, s) for t in
                       rng.sample(P.RECOMMENDATIONS, rng.randint(4, len(P.RECOMMENDATIONS)))]
    written = sum(len(b[1]) if b[0] == "p" else 2000 for _, blocks in sections[:-1]
                  for b in blocks)  # introduction and family; the chronology is `used`
    analysis_chars = target - written - used - 3000
    themes = rng.sample(P.THEMES, rng.randint(4, 9))
    per_theme = max(1, analysis_chars // len(themes))
    long_dates = [format_date(dt.date.fromordinal(day), "long") for day, _, _ in entries[::7]] \
        or [format_date(case.start, "long")]
    years = [d[-4:] for d in long_dates]
    for theme in themes:
        s["theme"] = theme.lower()
        blocks: list[tuple] = []
        got = 0
        while got < per_theme:
            sentences = []
            for _ in range(3 + int(rand() * 5)):
                s["year"] = pick(years)
                if rand() < 0.7:  # most analysis is discussion, not a new fact of the case
                    sentences.append(pick(P.DISCURSIVE).format_map(s))
                    continue
                claim = pick(P.CLAIMS).format_map(s)
                opener = pick(P.OPENERS)
                if opener:
                    sentence = opener + claim
                elif rand() < 0.3:
                    sentence = f"In {pick(long_dates)}, {claim}"
                else:
                    sentence = claim[0].upper() + claim[1:]
                sentences.append(sentence + pick(P.TAILS).format_map(s))
                if rand() < 0.15:
                    sentences.append(pick(P.REFLECTIONS).format_map(s))
            text = " ".join(sentences)
            blocks.append(para(text))
            got += len(text)
        sections.append((theme, blocks))

    how = rng.choice(("Finding {n}: ", "Learning point {n}: ", ""))
    sections.append(("Findings", [para(how.format(n=n) + f) for n, f in enumerate(findings, 1)]))
    rec = rng.choice(("Recommendation {n}: ", ""))
    sections.append(("Recommendations", [para(rec.format(n=n) + r)
                                         for n, r in enumerate(recommendations, 1)]))
    sections.append(("Appendix: glossary", [("list", [f"{a} – {b}" for a, b in P.GLOSSARY])]))

    # The cover names the review and its subject on one line, as most do ("Lily" alone on a
    # line of its own is not taken as the subject by kinmap's extractor today).
    naming = rng.choice(("Overview report: {child}", "{review_title}: {child}",
                         "Concerning: {child}", "{review_title} – {child}"))
    title = [s["partnership"], s["review_title"], naming.format_map(s),
             f"Author: {s['reviewer']}",
             f"Published {MONTHS[rng.randint(0, 11)]} "
             f"{min(2026, case.end.year + rng.randint(1, 2))}"]
    out: list[tuple] = [("title", title),
                        ("contents", [_heading(style, n, name) for n, (name, _) in
                                      enumerate(sections, 1)])]
    total = 0
    for n, (name, blocks) in enumerate(sections, 1):
        out.append(("h", _heading(style, n, name)))
        k = 0
        for block in blocks:
            if block[0] == "p":
                k += 1
                total += 1
                out.append(("p", _number(style, n, k, total), block[1]))
            else:
                out.append(block)
    return out


def _heading(style: Style, n: int, name: str) -> str:
    if style.headings == "caps":
        return name.upper()
    if style.headings == "section":
        return f"Section {n}: {name}"
    if style.headings == "part":
        return f"Part {n} – {name}"
    return f"{n}. {name}"


def _number(style: Style, section: int, k: int, total: int) -> str:
    if style.numbering == "decimal":
        return f"{section}.{k}"
    if style.numbering == "flat":
        return f"{total}."
    return ""


# --- renderers: one per format -----------------------------------------------------------

_WRAPS: dict[int, re.Pattern[str]] = {}


def _wrap(text: str, width: int) -> str:
    """Hard-wrapped at width, as a PDF converter or an old editor leaves text."""
    if not width or len(text) <= width:
        return text
    pattern = _WRAPS.get(width) or _WRAPS.setdefault(
        width, re.compile(r"(\S.{0,%d})(?: +|$)" % (width - 1)))
    return "\n".join(pattern.findall(text))


def render_txt(blocks: list[tuple], case: Case) -> str:
    style = case.style
    out: list[str] = []
    for block in blocks:
        kind = block[0]
        if kind == "title":
            out += block[1]
        elif kind == "contents":
            out.append("Contents")
            out.append("\n".join(f"{h} {'.' * max(3, 60 - len(h))} {3 + 4 * i}"
                                 for i, h in enumerate(block[1])))
        elif kind == "h":
            out.append(block[1])
        elif kind == "p":
            text = f"{block[1]} {block[2]}" if block[1] else block[2]
            out.append(_wrap(text, style.wrap))
        elif kind == "list":
            out.append("\n".join(f"• {item}" for item in block[1]))
        elif kind == "table":
            header, rows = block[1], block[2]
            if style.table == "tsv":
                out.append("\n".join("\t".join(r) for r in [header, *rows]))
            elif style.table == "pipe":
                out.append("\n".join(" | ".join(r) for r in [header, *rows]))
            else:  # cells one a line, as a PDF's table comes out
                out.append("\n\n".join("\n".join(r) for r in [header, *rows]))
    text = "\n\n".join(out) + "\n"
    if style.furniture:
        text = _paginate(text, case)
    return text


def _paginate(text: str, case: Case) -> str:
    """A running header and "Page N of M" between paragraphs about every 3,000 characters."""
    paragraphs = text.split("\n\n")
    pages: list[list[str]] = [[]]
    size = 0
    for p in paragraphs:
        if size > 3000:
            pages.append([])
            size = 0
        pages[-1].append(p)
        size += len(p)
    slots = case.slots
    header = case.rng.choice((
        f"{slots['partnership']}  -  {slots['review_title']}: {slots['child']}",
        "OFFICIAL - SENSITIVE",
        f"{slots['review_title']} - {slots['child']}\n\nOFFICIAL - SENSITIVE"))
    total = len(pages)
    return "\n\n".join(
        (header + "\n\n" if n > 1 else "") + "\n\n".join(page) + f"\n\nPage {n} of {total}"
        for n, page in enumerate(pages, 1)) + "\n"


def render_md(blocks: list[tuple], case: Case) -> str:
    out: list[str] = []
    for block in blocks:
        kind = block[0]
        if kind == "title":
            out.append(f"# {block[1][0]}")
            out.append(f"## {block[1][1]}: {block[1][2]}")
            out += [f"*{line}*" for line in block[1][3:]]
        elif kind == "contents":
            out.append("## Contents")
            out.append("\n".join(f"- {h}" for h in block[1]))
        elif kind == "h":
            out.append(f"## {block[1]}")
        elif kind == "p":
            out.append(f"**{block[1]}** {block[2]}" if block[1] else block[2])
        elif kind == "list":
            out.append("\n".join(f"- {item}" for item in block[1]))
        elif kind == "table":
            header, rows = block[1], block[2]
            lines = [f"| {' | '.join(header)} |", "|" + "---|" * len(header)]
            lines += [f"| {' | '.join(c.replace('|', '/') for c in r)} |" for r in rows]
            out.append("\n".join(lines))
    return "\n\n".join(out) + "\n"


def render_html(blocks: list[tuple], case: Case) -> str:
    e = html.escape
    title = case.slots["review_title"] + ": " + case.slots["child"]
    out = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
           f"<title>{e(title)}</title></head><body>",
           f'<nav><a href="/">{e(case.slots["partnership"])}</a> &gt; Reviews</nav><main>']
    for block in blocks:
        kind = block[0]
        if kind == "title":
            out.append(f"<h1>{e(block[1][0])}</h1>")
            out += [f"<p class=\"cover\">{e(line)}</p>" for line in block[1][1:]]
        elif kind == "contents":
            out.append("<h2>Contents</h2><ul>" +
                       "".join(f"<li>{e(h)}</li>" for h in block[1]) + "</ul>")
        elif kind == "h":
            out.append(f"<h2>{e(block[1])}</h2>")
        elif kind == "p":
            out.append(f"<p>{e(block[1]) + ' ' if block[1] else ''}{e(block[2])}</p>")
        elif kind == "list":
            out.append("<ul>" + "".join(f"<li>{e(i)}</li>" for i in block[1]) + "</ul>")
        elif kind == "table":
            header, rows = block[1], block[2]
            out.append("<table><thead><tr>" + "".join(f"<th>{e(h)}</th>" for h in header) +
                       "</tr></thead><tbody>")
            out += ["<tr>" + "".join(f"<td>{e(c)}</td>" for c in r) + "</tr>" for r in rows]
            out.append("</tbody></table>")
    out.append("</main><footer>© the partnership. Cookies | Accessibility</footer></body></html>")
    return "\n".join(out) + "\n"


_DOCX_TEMPLATE: dict[str, bytes] | None = None


def _docx_template() -> dict[str, bytes] | None:
    """python-docx's own blank document, part by part, or None without python-docx."""
    global _DOCX_TEMPLATE
    if _DOCX_TEMPLATE is None:
        try:
            import docx
        except ImportError:
            return None
        buffer = io.BytesIO()
        docx.Document().save(buffer)
        with zipfile.ZipFile(buffer) as archive:
            _DOCX_TEMPLATE = {name: archive.read(name) for name in archive.namelist()}
    return _DOCX_TEMPLATE


def render_docx(blocks: list[tuple], case: Case) -> bytes:
    """A Word document: python-docx's blank template with this body (headings styled,
    tables as Word tables), written straight as WordprocessingML for speed."""
    parts = _docx_template()
    assert parts is not None

    def run(text: str) -> str:
        return f'<w:r><w:t xml:space="preserve">{html.escape(text, quote=False)}</w:t></w:r>'

    def p(text: str, style: str | None = None) -> str:
        props = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
        return f"<w:p>{props}{run(text)}</w:p>"

    body: list[str] = []
    for block in blocks:
        kind = block[0]
        if kind == "title":
            body.append(p(block[1][0], "Title"))
            body += [p(line, "Subtitle") for line in block[1][1:]]
        elif kind == "contents":
            body.append(p("Contents", "TOCHeading"))
            body += [p(h) for h in block[1]]
        elif kind == "h":
            body.append(p(block[1], "Heading1"))
        elif kind == "p":
            body.append(p(f"{block[1]} {block[2]}" if block[1] else block[2]))
        elif kind == "list":
            body += [p(item, "ListBullet") for item in block[1]]
        elif kind == "table":
            rows = [block[1], *block[2]]
            body.append('<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/></w:tblPr>' + "".join(
                "<w:tr>" + "".join(f"<w:tc>{p(c)}</w:tc>" for c in r) + "</w:tr>"
                for r in rows) + "</w:tbl>")
    document = parts["word/document.xml"].decode("utf-8")
    document = document.replace("<w:body>", "<w:body>" + "".join(body), 1)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for name, data in parts.items():
            archive.writestr(name, document.encode("utf-8") if name == "word/document.xml"
                             else data)
    return buffer.getvalue()


RENDERERS = {"txt": render_txt, "md": render_md, "html": render_html, "docx": render_docx}


def national_document(index: int, seed: int = 7, size: int = 300_000, names: str = "unique"
                      ) -> tuple[str, bytes]:
    """Document `index` of the corpus of `seed`: its file name and its bytes."""
    case = make_case(index, seed, docx_ok=_docx_template() is not None, names=names)
    blocks = build_blocks(case, size)
    rendered = RENDERERS[case.style.fmt](blocks, case)
    data = rendered if isinstance(rendered, bytes) else rendered.encode("utf-8")
    return f"{case.slug}.{case.style.fmt}", data


def _write_one(job: tuple[Path, int, int, int, str]) -> tuple[str, int]:
    folder, index, seed, size, names = job
    name, data = national_document(index, seed, size, names)
    (folder / name).write_bytes(data)
    return name, len(data)


def write_corpus(folder: str | os.PathLike, reviews: int = 2000, seed: int = 7,
                 size: int = 300_000, jobs: int = 1, first: int = 1, names: str = "unique"
                 ) -> list[Path]:
    """Write documents first..first+reviews-1 into folder, one file each as it is made."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    work = [(folder, i, seed, size, names) for i in range(first, first + reviews)]
    if jobs > 1:
        import multiprocessing
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            names = [name for name, _ in pool.imap(_write_one, work, chunksize=8)]
    else:
        names = [_write_one(job)[0] for job in work]
    return [folder / name for name in names]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", help="folder for the documents (made if missing)")
    parser.add_argument("--reviews", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--size", type=int, default=300_000, help="characters of text per review")
    parser.add_argument("--jobs", type=int, default=1, help="processes that write documents")
    parser.add_argument("--names", choices=("unique", "common"), default="unique",
                        help="subjects' pseudonyms: unique across the corpus (default), or "
                             "common ones many documents share, as in real repositories")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    paths = write_corpus(args.output, args.reviews, args.seed, args.size, args.jobs,
                         names=args.names)
    total = sum(p.stat().st_size for p in paths)
    print(f"{len(paths)} documents, {total / 1e6:.1f} MB, in {args.output} "
          f"({time.perf_counter() - start:.1f} s)", file=sys.stderr)


if __name__ == "__main__":
    main()
