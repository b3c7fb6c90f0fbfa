"""Find a review's subject children: pseudonym, sex, age and cultural background.

The name comes from the title ("Review – OWAIN", "Child Q", a digest entry's
"...: Ash and Bo"), else from "known for the purposes of this report as
Kian", else from the most frequent "Child X". The label is the form the review
uses most ("Tamsin" when "Child Tamsin" appears once and "Tamsin" eighty times).
Sex comes from "a 14-year-old boy", else from the pronouns of the sentences
that name the child; age from "Tamsin ... was aged 13", "a 16-year-old girl"
or "his second birthday".
"""
from __future__ import annotations

import re
from collections import Counter
from typing import Callable

from ...model import Person
from . import stretches
from .builder import Builder, Mention
from .digest import TITLE_WORDS, name_part
from .naming import Names
from .sentences import Sentence

NAME = r"(?:Child|Baby|Young Person|Family)\s+[A-Z][A-Za-z]{0,12}\d{0,3}\b|[A-Z][a-z]{1,14}\b|[A-Z]{2,14}\b"
KNOWN_AS = re.compile(r"\b(?:(?:known|referred to)\b[^.]{0,60}?\bas,?|(?:shall|will|would) "
                      r"(?:call|refer to as|name)|(?:is|was|been) (?:called|named))\s+['\"‘“]?"
                      r"(?P<name>(?:Child\s+)?[A-Z][a-z]{1,14})\b")
#: another person named between a subject's name and an age: the age is theirs
OTHER_PERSON = re.compile(r"\b(?:Child|Baby|Mr|Mrs|Ms|Miss|Father|Mother|Sibling|Adult)\s+[A-Z0-9]|"
                          r"\b(?:brother|sister|sibling|mother|father|cousin)\s+of\b")
AGE_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
             "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
             "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17}
_AGE = r"(?:\d{1,2}|" + "|".join(AGE_WORDS) + r")"
#: "concerns three children aged three, five and six": unnamed subjects told by their ages
AGED_CHILDREN = re.compile(r"\b(?:concerns?|about|involves?|is about|relates to)\s+(?:two|three|four|five|"
                           r"six|\d)\s+(?:children|siblings|brothers|sisters|boys|girls)\s+aged\s+"
                           rf"(?P<ages>{_AGE}(?:\s*,\s*{_AGE})*\s*(?:and|&)\s*{_AGE})\b",
                           re.IGNORECASE)
AGED_PAIR = re.compile(r"\b(?:an?)\s+(?P<a>brother|sister|boy|girl|son|daughter)\s+aged\s+"
                       r"(?P<x>\d{1,2})\s+and\s+(?:an?)\s+(?P<b>brother|sister|boy|girl|son|"
                       r"daughter)\s+aged\s+(?P<y>\d{1,2})\b", re.IGNORECASE)
SEXED = {"brother": "male", "boy": "male", "son": "male", "sister": "female", "girl": "female",
         "daughter": "female"}
BORN = re.compile(r"\b(?:was|were) born\b")
#: "an older male known as 'Dee'": a name given to an adult, not to the child
ADULT_BEFORE = re.compile(r"\b(?:man|woman|male|female|adult|boyfriend|girlfriend|perpetrator|"
                          r"person|friend|partner)\b[^.]{0,25}$", re.IGNORECASE)
KIN_NAMES = frozenset({"mother", "father", "mum", "dad", "parent", "parents", "stepfather",
                       "stepmother", "grandmother", "grandfather", "sibling", "brother", "sister"})
#: How reviews name a child they anonymise: 'Child D', 'Baby F', 'Child HD', 'Young Person 3'.
DESIGNATOR = re.compile(r"\b(?:Child|Baby|Infant|Young\s+Person|Sibling)\s+(?:[A-Z]{1,3}\d?|\d{1,2}|"
                        r"[A-Z][a-z]{2,14})\b(?![''’-]\w)")
#: A review named by its subject's initials: 'Serious Case Review PT', 'PT SCR'.
REVIEW_OF = re.compile(r"\b(?:Case Review|Practice Review|SCR|CSPR|LCSPR|LSCPR)\s+(?:of\s+|into\s+|"
                       r"concerning\s+)?(?P<a>[A-Z]{1,3})\b(?![\w'’-])|\b(?P<b>[A-Z]{1,3})\s+"
                       r"(?:SCR|CSPR|LCSPR|LSCPR)\b")
#: Initials opening a sentence about a person: 'HD was born', 'D died', 'SR has'.
INITIALS_SUBJECT = re.compile(r"(?:^|[.;:]\s+|\band\s+)(?P<name>[A-Z]{1,3})\s+(?:was|had|has|is|died|lived|"
                              r"attended|became|started|stayed|moved)\b")
#: Capitals that open sentences but are not a person's initials.
NOT_INITIALS = frozenset({"A", "I", "GP", "CSC", "SCR", "LSCB", "IMR", "NHS", "MASH", "CAMHS",
                          "YOT", "YOS", "ED", "AE", "HV", "SW", "DV", "CP", "CIN", "LAC", "IRO",
                          "ICPC", "RCPC", "PLO", "SEN", "OCG", "UK", "MARAC", "MAPPA", "CPS",
                          "PC", "DS", "DC", "CPR", "CSE", "CCE", "ASD", "ADHD", "TAF", "CAF"})
CHILD_X = re.compile(r"\bChild\s+[A-Z][a-z]?\b")
HEAD_SEPARATOR = re.compile(r"\s+[–—-]\s+|:\s+|\b(?:concerning|regarding|re|about|into the "
                            r"(?:death|circumstances) of|following the death of)\s+",
                            re.IGNORECASE)
NOT_NAME_LINE = re.compile(r"^\W*(?:author|written by|date|published|version|reviewer|"
                           r"independent|chair|approved|status|contents)\b", re.IGNORECASE)
SPLIT_NAMES = re.compile(r"\s*(?:,|&|\band\b)\s*")
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
            "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10}
NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
AGE_NOUN = r"(?:boy|girl|child|young person|teenager|baby|infant|male|female|son|daughter)"
YEAR_OLD = re.compile(r"(?<!another )\b(?:a|an|the)?\s*(?P<age>\d{1,2})[- ]?(?:year|yr)s?[- ]old\b"
                      r"(?:\s+[A-Z][a-z]+)?\s+(?P<noun>" + AGE_NOUN + r")", re.IGNORECASE)
WEEKS_OLD = re.compile(r"\b(?:aged\s+)?(?P<age>\d{1,2})[- ](?P<unit>weeks?|months?)[- ]old\b|"
                       r"\baged\s+(?P<age2>\d{1,2})[- ](?P<unit2>weeks?|months?)\b", re.IGNORECASE)
BIRTHDAY = re.compile(r"\b(?P<ord>" + "|".join(ORDINALS) + r")\s+birthday\b", re.IGNORECASE)
CULTURE = re.compile(r"\b(?:was|is|were|are)\s+of\s+(?:a\s+|an\s+)?(?P<c>[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*)"
                     r"\s+(?:ethnic\s+)?(?:background|heritage|origin)\b|\b(?:their|his|her)\s+"
                     r"(?P<c2>[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*)\s+(?:heritage|background)\b")
#: The words every match of each pattern above holds (in lower case for the case-blind
#: ones), for stretches.py: these patterns never cross a full stop, so a review's text
#: is searched only between the full stops around these words, not at every offset.
YEAR_OLD_NEEDS = (("-old", " old"), ("year", "yr"))
WEEKS_OLD_NEEDS = (("-wee", " wee", "-mont", " mont"),)
BIRTHDAY_NEEDS = (("rthday",),)   # not "birthday": "i" folds with other letters
CULTURE_NEEDS = (("background", "heritage", "origin"),)
MALE = re.compile(r"\b(?:he|his|him|himself|boy|son)\b", re.IGNORECASE)
FEMALE = re.compile(r"\b(?:she|her|hers|herself|girl|daughter)\b", re.IGNORECASE)
SIBLING_SUBJECTS = re.compile(r"\b(?:(?P<n>two|three|four)\s+)?(?:(?P<sex>male|female)\s+)?"
                              r"(?P<what>twins?|twin siblings|siblings|brothers|sisters)\b",
                              re.IGNORECASE)


def _forms(name: str, text: str) -> tuple[str, list[str]]:
    """(label, all forms) of a subject's name as the review writes it."""
    base = name.strip(" '\"‘’“”")
    if base.isupper() and len(base) > 3:
        base = base.title()  # "OWAIN" in a title is "Owain" in the text; "LWT" stays initials
    words = base.split()
    if words and words[0].lower() == "child" and len(words) == 2:
        words[0] = "Child"
        base = " ".join(words)
        bare = words[1]
        with_child = _uses(rf"\bChild\s+{re.escape(bare)}\b", text, "Child")
        alone = _uses(rf"(?<!Child )\b{re.escape(bare)}\b", text, bare)
        if (len(bare) > 2 or bare.isupper()) and alone >= with_child:
            return bare, [base, bare]
        return base, [base]
    return base, [base]


def _head_name(builder: Builder) -> str | None:
    """A name from the title lines at the top of the review."""
    doc = builder.doc
    body_text = builder.flat[builder.segment.start:builder.segment.end]
    names: Names | None = None
    for block in doc.blocks[:6]:
        if not block.heading and block.index > 2:
            break
        if not block.heading and len(block.text.split()) > 16:
            continue
        body = block.text.strip(" *#")
        if NOT_NAME_LINE.match(body):
            continue
        if re.fullmatch(r"(?:Child|CHILD|Baby|BABY)\s+[A-Z][A-Za-z]{0,14}", body):
            return body
        parts = HEAD_SEPARATOR.split(body)
        for part in reversed(parts[1:]):  # "Board - Serious Case Review: Jordan - Overview"
            tail = re.sub(r"\s*\([^)]*\)", "", part).strip(" .'\"‘’“”")
            words = re.findall(r"[A-Za-z]+", tail)
            if 1 <= len(words) <= 3 and all(w.lower() not in TITLE_WORDS for w in words[-1:]) \
                    and _recurs(tail, body_text):
                if names is None:  # indexing every word of a long review takes 0.1 s: only
                    names = Names(body_text)  # once, and only for a title word that recurs
                if any(names.name_like(w) for w in words):
                    return tail
    return None


def _recurs(name: str, text: str) -> bool:
    """Whether a name from a title line is used in the text too (a pseudonym is; a
    protective marking such as 'SENSITIVE' is not)."""
    forms = {name, name.title()} if name.isupper() else {name}
    words = name.split()
    if len(words) == 2 and words[0].lower() in ("child", "baby") and len(words[1]) > 2:
        forms |= {words[1], words[1].title()}  # "Child Juniper" is "Juniper" in the text
    return sum(_uses(rf"\b{re.escape(f)}\b", text, f) for f in forms) >= 2


def _uses(pattern: str, text: str, word: str) -> int:
    """How many times a pattern that starts with `word` matches in the text: tried only
    where the word is (stretches.py), not at every offset of a long review."""
    return sum(1 for _ in stretches.finditer_at(re.compile(pattern), text, (word,)))


def _designated(builder: Builder, text: str) -> list[str]:
    """'Child D and Child B', 'Baby F', 'Child HD' in the title lines: the subjects a
    review names in its title, when the text names them too. 'Family R' is not a child."""
    out: list[str] = []
    for block in builder.doc.blocks[:6]:
        if not block.heading and len(block.text.split()) > 40:
            break
        found = [m.group(0) for m in DESIGNATOR.finditer(block.text)] + \
            [m.group("a") or m.group("b") for m in REVIEW_OF.finditer(block.text)]
        for name in found:
            name = re.sub(r"\s+", " ", name)
            if name in NOT_INITIALS:
                continue
            if name.split()[-1].lower() in TITLE_WORDS:
                continue  # "Child Safeguarding Practice Review"
            if name not in out and _uses(rf"\b{re.escape(name)}\b", text, name) >= 2:
                out.append(name)
    return out


def _initials(builder: Builder, text: str) -> str | None:
    """Initials used as a name: 'D was born on ...', 'HD died ...'; the most used one that
    opens sentences about a child (never an acronym of an agency or of the review)."""
    counts: Counter[str] = Counter()
    for sentence in builder.doc.sentences:
        if sentence.heading:
            continue
        for m in INITIALS_SUBJECT.finditer(sentence.text):
            if m.group("name") not in NOT_INITIALS:
                counts[m.group("name")] += 1
    if not counts:
        return None
    name, n = counts.most_common(1)[0]
    born = re.search(rf"\b{name}\s+(?:was|had been)\s+born\b|\b{name}[’']s\s+(?:birth|death)\b",
                     text)
    return name if n >= 2 or born else None


def _names(builder: Builder) -> list[str]:
    """The subject names of one review, first subject first."""
    text = builder.flat[builder.segment.start:builder.segment.end]
    if not builder.segment.digest:
        designated = _designated(builder, text)
        if designated:
            return designated[:4]
    if builder.segment.digest:
        title = builder.text[builder.segment.title_start:builder.segment.title_end]
        part = name_part(title) or ""
        part = re.sub(r"['‘][^'’]*['’]|\b(?:the\s+)?(?:overview report|executive summary)\b",
                      " ", part)
        names = []
        for n in re.findall(NAME + r"|[A-Z]{2,6}\d{1,3}\b", part):
            bare = n.rstrip("0123456789")
            if bare != n and re.search(rf"\b{re.escape(bare)}\b", text):
                n = bare  # "LW4" in a listing is "LW" in its summary
            if n.lower() not in TITLE_WORDS:
                names.append(n)
        return names[:4]
    head = _head_name(builder)
    if head:
        return [n for n in SPLIT_NAMES.split(head) if n][:4]
    known = next((m for m in KNOWN_AS.finditer(text)
                  if m.group("name").lower() not in KIN_NAMES
                  and not ADULT_BEFORE.search(text, max(0, m.start() - 40), m.start())), None)
    if known:  # "referred to as Mother and Father 2" names the parents, not the child
        return [known.group("name")]
    counts = Counter(CHILD_X.findall(text))
    if counts:
        return [counts.most_common(1)[0][0]]
    initials = _initials(builder, text)
    return [initials] if initials else []


def _sex(year_old: re.Match[str] | None, sentences: Callable[[], list[Sentence]]) -> str | None:
    """From the first "a 14-year-old boy", else from the pronouns of `sentences()` (worked
    out only then: most reviews tell the sex by the first)."""
    if year_old:
        noun = year_old.group("noun").lower()
        if noun in ("boy", "male", "son"):
            return "male"
        if noun in ("girl", "female", "daughter"):
            return "female"
    sentences = sentences()
    male = sum(len(MALE.findall(s.text)) for s in sentences)
    female = sum(len(FEMALE.findall(s.text)) for s in sentences)
    if male > 1.5 * female and male >= 1:
        return "male"
    if female > 1.5 * male and female >= 1:
        return "female"
    return None


def _age(text: str, lower: str, forms: list[str], year_old: re.Match[str] | None
         ) -> tuple[int | str | None, int | None]:
    """(age, offset of the statement) of the subject at the time of the incident.

    `lower` is the text in lower case and `year_old` its first "14-year-old boy". Each
    pattern is tried only where it can match (stretches.py): where the child's name is,
    or between the full stops around its words.
    """
    for form in forms:
        found = stretches.search_at(re.compile(
            rf"\b{re.escape(form)}\b[^.]{{0,60}}?\bat the age of\s+(\d{{1,2}})\b"
            rf"(?:[- ](weeks?|months?)\b)?"), text, (form,))
        if found and not OTHER_PERSON.search(found.group(0)[len(form):]):
            if found.group(2):
                return f"{found.group(1)} {found.group(2).rstrip('s')}s", found.start()
            return int(found.group(1)), found.start()
        found = stretches.search_at(re.compile(
            rf"\b{re.escape(form)}\b[^.]{{0,60}}?(?:\b(?:was|is|girl|boy|child|baby|"
            rf"toddler|teenager)|[,–:-])\s*aged\s+"
            rf"(\d{{1,2}})\b(?:[- ](weeks?|months?)\b)?"), text, (form,))
        if found and not OTHER_PERSON.search(found.group(0)[len(form):]):
            if found.group(2):
                return f"{found.group(1)} {found.group(2).rstrip('s')}s", found.start()
            return int(found.group(1)), found.start()
    found = stretches.search(WEEKS_OLD, text, WEEKS_OLD_NEEDS, lower)
    if found:
        unit = (found.group("unit") or found.group("unit2")).rstrip("s") + "s"
        return f"{found.group('age') or found.group('age2')} {unit}", found.start()
    if year_old:
        return int(year_old.group("age")), year_old.start()
    for form in forms:
        found = stretches.search_at(re.compile(
            rf"(?<!When )(?<!when )\b{re.escape(form)}(?:,\s*(?:who\s+)?(?:was\s+)?"
            rf"aged|,?\s+(?:who\s+)?was)\s+(\d{{1,2}})(?:\s+years?\s+old)?\s*"
            rf"(?:,|when\b|at the time\b)"), text, (form,))
        if found:
            return int(found.group(1)), found.start()
    found = stretches.search(BIRTHDAY, text, BIRTHDAY_NEEDS, lower)
    if found:
        return ORDINALS[found.group("ord").lower()], found.start()
    return None, None


def find_subjects(builder: Builder) -> None:
    """Add the subject children of the review to the builder's case map."""
    doc = builder.doc
    seg = builder.segment
    text = builder.flat[seg.start:seg.end]
    lower = doc.lower[seg.start:seg.end]
    names = _names(builder)
    facts = [s for s in doc.sentences if s.zone in ("narrative", "learning") and not s.heading]
    people: list[tuple[str, list[str]]] = []
    for name in names:
        label, forms = _forms(name, text)
        if label.startswith("Family ") and builder.segment.digest:
            people.extend(_family_subjects(label, facts))
        else:
            people.append((label, forms))
    aged = None
    if not people:
        aged = next((m for m, s_ in doc.matches(AGED_CHILDREN) if s_.fact), None)
        if aged:  # "This review concerns three children aged three, five and six"
            people = [(f"child aged {a}", [aged.group(0)]) for a in _ages(aged.group("ages"))]
        else:
            pair = next((m for m, s_ in doc.matches(AGED_PAIR) if s_.fact), None)
            if pair:  # "a brother aged 8 and a sister aged 5"
                people = [(f"{pair.group('a')} aged {pair.group('x')}", [pair.group(0)]),
                          (f"{pair.group('b')} aged {pair.group('y')}", [pair.group(0)])]
                aged = pair
    if not people:
        people = [("the child", ["the child"])]
    # every "14-year-old boy", found once for the sex, the age and how many ages are told
    year_olds = list(stretches.finditer(YEAR_OLD, text, YEAR_OLD_NEEDS, lower))
    year_old = year_olds[0] if year_olds else None
    sex = _sex(year_old, lambda: [s for s in facts if any(
        f in s.text for _, forms in people for f in forms)] or facts)
    builder.subject_sex = sex
    age, age_at = _age(text, lower, [f for _, forms in people for f in forms], year_old)
    ages = {m.group("age") for m in year_olds}
    # sentences naming two subjects or more: none when there is one (most reviews)
    together = [s.text for s in facts
                if sum(any(f in s.text for f in forms) for _, forms in people) >= 2] \
        if len(people) > 1 else []
    siblings = SIBLING_SUBJECTS.search(" ".join([s.text for s in facts[:2]] + together[:6]))
    for i, (label, forms) in enumerate(people):
        role = "subject" if i == 0 else (
            {"male": "brother", "female": "sister"}.get(sex or "", "sibling") if siblings else "other")
        if aged is not None:
            role = "subject" if i == 0 else "sibling"
        person = Person(id=builder.new_id(label, "child"), label=label, subject=True, role=role,
                        sex=sex or "unknown")
        if aged is not None:
            person.age = _ages(aged.group("ages"), numbers=True)[i] if "ages" in \
                aged.groupdict() else int(aged.group("x" if i == 0 else "y"))
            noun = label.split()[0]
            if noun in SEXED:
                person.sex = SEXED[noun]
                person.role = "subject" if i == 0 else {"male": "brother",
                                                        "female": "sister"}[SEXED[noun]]
        elif age is not None and (len(people) == 1 or len(ages) <= 1):
            person.age = age
        quote_at = age_at if age_at is not None else _first_mention(builder, forms)
        sentence = doc.sentence_at(quote_at) if quote_at is not None else None
        start, end = (sentence.start, sentence.end) if sentence else _title_span(builder)
        builder.add("people", person, "subject-name" if names else "subject-default",
                    start, end, 0.9 if names else 0.4)
        builder.subject_names.extend(forms)
        _record_mentions(builder, person.id, forms)
    _culture(builder, text)
    _born(builder)


def _born(builder: Builder) -> None:
    """'HD was born on 4 June 2004': the date goes on the subject it is told of."""
    for person in builder.subjects:
        forms = [f for f in builder.subject_names if f[:1].isupper()] if person is \
            builder.subjects[0] else [person.label or ""]
        for m, sentence in builder.doc.matches(BORN):
            if person.born is None and any(
                    re.search(rf"\b{re.escape(f)}\b", builder.flat[sentence.start:m.start()])
                    for f in forms if f):
                person.born = builder.date_near(m.start(), m.end(), sentence)


def _ages(text: str, numbers: bool = False) -> list:
    """'three, five and six' -> ['three', 'five', 'six'] (or [3, 5, 6])."""
    words = [w for w in re.split(r"\s*(?:,|\band\b|&)\s*", text.strip()) if w]
    if not numbers:
        return words
    return [int(w) if w.isdigit() else AGE_WORDS.get(w.lower()) for w in words]


def _family_subjects(label: str, facts: list[Sentence]) -> list[tuple[str, list[str]]]:
    """The children of a 'Family W' entry: 'female twin siblings' are two subjects."""
    found = SIBLING_SUBJECTS.search(" ".join(s.text for s in facts[:2]))
    if not found:
        return [(f"child ({label})", [label])]
    n = NUMBER_WORDS.get((found.group("n") or "").lower(), 2)
    noun = "twin" if found.group("what").lower().startswith("twin") else "child"
    return [(f"{noun} {i} ({label})", [label]) for i in range(1, n + 1)]


def _first_mention(builder: Builder, forms: list[str]) -> int | None:
    for sentence in builder.doc.sentences:
        if not sentence.heading and any(f in sentence.text for f in forms):
            return sentence.start
    return None


def _title_span(builder: Builder) -> tuple[int, int]:
    seg = builder.segment
    if seg.title_start is not None and seg.title_end is not None:
        return seg.title_start, seg.title_end
    first = builder.doc.blocks[0] if builder.doc.blocks else None
    return (first.start, first.end) if first else (seg.start, seg.end)


def _record_mentions(builder: Builder, person_id: str, forms: list[str]) -> None:
    names = sorted({f for f in forms if f[:1].isupper()}, key=len, reverse=True)
    if not names:
        return
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(n) for n in names) + r")\b(?![''’]s\s+\w)")
    for m, sentence in builder.doc.matches(pattern):
        if sentence.heading:
            continue
        mentions = builder.person_mentions.setdefault(sentence.index, [])
        if not any(x.start <= m.start() < x.end for x in mentions):
            mentions.append(Mention(person_id, m.start(), m.end(), sentence.index, "name"))


def _culture(builder: Builder, text: str) -> None:
    subject = builder.subject
    if subject is None:
        return
    found = stretches.search(CULTURE, text, CULTURE_NEEDS)
    if found:
        subject.culture = found.group("c") or found.group("c2")
