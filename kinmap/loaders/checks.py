"""The rules of case map format 1 and 1.1: every problem of one YAML document, with its place.

`check_document` returns problems instead of raising, so that `kinmap validate`
can list them all and `read_casemap` can stop at the first. The verdicts follow
`shared/tools/check_casemap.py`; the messages add how to fix the problem.
"""
from __future__ import annotations

import datetime
import difflib
import re
from dataclasses import dataclass
from typing import Any

from .. import vocab
from ..model import (AGE, BOOL, DATE, NUMBER, REF, REFS, REFS_OR_ONE,
                     SECTIONS, SPECS, TEXT, VOCAB, VOCAB_LIST, FieldSpec)
from .yamlmarks import MarkedDict, MarkedList

SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
#: ASCII digits only: Python's \d and int() also take full-width and other digits (２０２１).
PARTIAL_DATE = re.compile(r"^([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?$")
COMMON_KEYS = ("quote", "confidence", "notes")
TOP_LEVEL = ("kinmap", "review", *SECTIONS)
#: Ties along which nobody may become their own ancestor.
DESCENT = {"parent", "step_parent", "foster_parent", "special_guardian", "grandparent"}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a document: where it is and what to do."""

    path: str
    message: str
    line: int | None


def partial_date(value: Any) -> str | None:
    """The ISO partial date string of a YAML value, or None if it is not one."""
    if isinstance(value, bool) or isinstance(value, datetime.datetime):
        return None
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, int):
        return str(value) if 1000 <= value <= 9999 else None
    if isinstance(value, str):
        match = PARTIAL_DATE.match(value)
        if not match:
            return None
        year, month, day = match.groups()
        try:
            datetime.date(int(year), int(month or 1), int(day or 1))
        except ValueError:
            return None
        return value
    return None


def _no_such_day(value: Any) -> str:
    """Why a well-formed date does not exist ('day is out of range for month'), else ''."""
    match = PARTIAL_DATE.match(value) if isinstance(value, str) else None
    if match:
        year, month, day = match.groups()
        try:
            datetime.date(int(year), int(month or 1), int(day or 1))
        except ValueError as error:
            return str(error)
    return ""


def suggest(value: Any, vocabulary: str, choices: tuple[str, ...]) -> str:
    """'; did you mean 'mother'?' for a near miss, else the list of allowed values."""
    if isinstance(value, str):
        word = value.strip().lower().replace(" ", "_").replace("-", "_")
        if word in choices:
            return f"; did you mean '{word}'?"
        known = vocab.SYNONYMS.get(vocabulary, {}).get(word)
        close = [known] if known else difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
        if close:
            return f"; did you mean '{close[0]}'?"
    return f"; use one of: {', '.join(choices)}"


def _type_name(value: Any) -> str:
    return {dict: "a mapping", MarkedDict: "a mapping", list: "a list",
            MarkedList: "a list", str: "text", int: "a number", float: "a number",
            bool: "true/false"}.get(type(value), type(value).__name__)


class DocumentChecker:
    """Collects the problems of one YAML document of a case map stream."""

    def __init__(self, document: Any, start_line: int) -> None:
        self.document = document
        self.start_line = start_line
        self.problems: list[Problem] = []
        self.version: Any = None

    def problem(self, path: str, message: str, line: int | None) -> None:
        self.problems.append(Problem(path, message, line))

    # -- the document ------------------------------------------------------

    def run(self) -> list[Problem]:
        doc = self.document
        if not isinstance(doc, dict):
            self.problem("(top)", f"a document must be a mapping, got {_type_name(doc)}",
                         self.start_line)
            return self.problems
        line_of = doc.line_of if isinstance(doc, MarkedDict) else (lambda _k: self.start_line)
        for key in doc:
            if key not in TOP_LEVEL:
                near = difflib.get_close_matches(str(key), TOP_LEVEL, n=1)
                hint = f"; did you mean '{near[0]}'?" if near else \
                    f"; sections are: {', '.join(TOP_LEVEL)}"
                self.problem(str(key), f"unknown top-level key{hint}", line_of(key))
        version = doc.get("kinmap")
        if "kinmap" not in doc:
            self.problem("kinmap", "missing; start the document with `kinmap: 1`",
                         self.start_line)
        elif version not in vocab.FORMAT_VERSIONS or isinstance(version, bool) \
                or not isinstance(version, (int, float)):
            self.problem("kinmap", f"must be 1 or 1.1 (the format versions), got {version!r}",
                         line_of("kinmap"))
        self.version = version
        if "review" not in doc:
            self.problem("review", "missing; every document needs `review: {id: ...}`",
                         self.start_line)
        else:
            self.check_review(doc["review"], line_of("review"))

        sections: dict[str, list] = {}
        for section in SECTIONS:
            value = doc.get(section)
            if value is None:
                sections[section] = []
            elif not isinstance(value, list):
                self.problem(section, f"must be a list, got {_type_name(value)}",
                             line_of(section))
                sections[section] = []
            else:
                sections[section] = value
        ids = self.collect_ids(sections)
        for section, elements in sections.items():
            for position, element in enumerate(elements):
                path = f"{section}[{position}]"
                line = elements.line_of(position) if isinstance(elements, MarkedList) \
                    else line_of(section)
                if not isinstance(element, dict):
                    self.problem(path, f"must be a mapping, got {_type_name(element)}", line)
                    continue
                self.check_element(path, section, element, ids, line)
        self.check_subjects(sections["people"], line_of("people"))
        self.check_descent(sections["relationships"], line_of("relationships"))
        return self.problems

    def collect_ids(self, sections: dict[str, list]) -> dict[str, str]:
        """Map id -> sort of element; report ids that are not slugs or are used twice."""
        ids: dict[str, str] = {}
        where: dict[str, str] = {}
        for section, elements in sections.items():
            for position, element in enumerate(elements):
                if not isinstance(element, dict) or "id" not in element:
                    continue
                path = f"{section}[{position}].id"
                line = element.line_of("id") if isinstance(element, MarkedDict) else None
                value = element["id"]
                if not isinstance(value, str) or not SLUG.match(value):
                    self.problem(path, f"{value!r} is not a slug; an id is lower-case "
                                 "letters, digits, '-' and '_' (e.g. 'older-sister')", line)
                elif value in ids:
                    self.problem(path, f"duplicate id {value!r} (also {where[value]}); "
                                 "give each element its own id", line)
                else:
                    ids[value] = SECTIONS[section].sort
                    where[value] = path
        return ids

    # -- review ------------------------------------------------------------

    def check_review(self, review: Any, line: int) -> None:
        if not isinstance(review, dict):
            self.problem("review", f"must be a mapping, got {_type_name(review)}", line)
            return
        allowed = {"id", "title", "type", "partnership", "area", "published", "period",
                   "source", *COMMON_KEYS}
        self.check_keys("review", review, allowed, line)
        key_line = review.line_of if isinstance(review, MarkedDict) else (lambda _k: line)
        if review.get("id") is None:
            self.problem("review.id", "required key missing; give the review an id "
                         "such as 'child-m'", line)
        elif not isinstance(review["id"], str) or not SLUG.match(review["id"]):
            self.problem("review.id", f"{review['id']!r} is not a slug; an id is lower-case "
                         "letters, digits, '-' and '_'", key_line("id"))
        for nested, inner in (("period", ("from", "to")), ("source", ("file",))):
            value = review.get(nested)
            if value is None:
                continue
            if not isinstance(value, dict):
                self.problem(f"review.{nested}", "must be a mapping {%s}" %
                             ", ".join(f"{k}: ..." for k in inner), key_line(nested))
                continue
            self.check_keys(f"review.{nested}", value, set(inner), key_line(nested))
        flat = dict(review)
        for nested in ("period", "source"):
            value = flat.pop(nested, None)
            if isinstance(value, dict):
                for key, inner_value in value.items():
                    flat[f"{nested}.{key}"] = inner_value
        for spec in SPECS["review"]:
            if spec.attr == "id" or spec.key not in flat:
                continue
            top = spec.key.split(".")[0]
            self.check_value(f"review.{spec.key}", spec, flat[spec.key], {}, key_line(top))

    # -- one element -------------------------------------------------------

    def check_element(self, path: str, section: str, element: dict, ids: dict[str, str],
                      line: int) -> None:
        specs = SPECS[section]
        key_line = element.line_of if isinstance(element, MarkedDict) else (lambda _k: line)
        self.check_keys(path, element, {s.key for s in specs}, line)
        for spec in specs:
            if spec.required and element.get(spec.key) is None:
                self.problem(f"{path}.{spec.key}", "required key missing", line)
                continue
            if spec.key not in element or spec.attr == "id":
                continue  # ids are checked by collect_ids
            self.check_value(f"{path}.{spec.key}", spec, element[spec.key], ids,
                             key_line(spec.key), element)
        if section == "relationships":
            self.check_relationship(path, element, line)
        if section == "agencies" and element.get("service") is not None:
            self.check_service(path, element, key_line("service"))
        if section == "people" and element.get("role") == "subject" \
                and element.get("subject") is not True:
            self.problem(f"{path}.role", "role 'subject' needs `subject: true`",
                         key_line("role"))

    def check_keys(self, path: str, element: dict, allowed: set[str], line: int) -> None:
        key_line = element.line_of if isinstance(element, MarkedDict) else (lambda _k: line)
        for key in element:
            if key in allowed or key in COMMON_KEYS:
                continue
            near = difflib.get_close_matches(str(key), sorted(allowed | set(COMMON_KEYS)), n=1)
            hint = f"did you mean '{near[0]}'?" if near else \
                f"allowed: {', '.join(sorted(allowed | set(COMMON_KEYS)))}"
            self.problem(f"{path}.{key}", f"unknown key; {hint}", key_line(key))

    def check_value(self, path: str, spec: FieldSpec, value: Any, ids: dict[str, str],
                    line: int, element: dict | None = None) -> None:
        kind = spec.kind
        if value is None and kind not in (REF,):
            return
        if kind == TEXT:
            if not isinstance(value, str) or not value.strip():
                self.problem(path, "is empty; write the text or leave the key out"
                             if isinstance(value, str) else
                             f"must be text, got {_type_name(value)}", line)
        elif kind == DATE:
            if partial_date(value) is None:
                no_such_day = _no_such_day(value)
                self.problem(path, f"{value!r} is not a date that exists ({no_such_day}); "
                             "write an ISO partial date (2021, 2021-06 or 2021-06-14)"
                             if no_such_day else f"{value!r} is not an ISO partial date "
                             "(2021, 2021-06 or 2021-06-14); put vaguer times in `when:`",
                             line)
        elif kind == BOOL:
            if not isinstance(value, bool):
                self.problem(path, f"must be true or false, got {value!r}", line)
        elif kind == AGE:
            ok = (isinstance(value, (int, float)) and not isinstance(value, bool)
                  and value >= 0) or (isinstance(value, str) and value.strip())
            if not ok:
                self.problem(path, "must be a number or a short text such as '14 weeks', "
                             f"got {value!r}", line)
        elif kind == NUMBER:
            if isinstance(value, bool) or not isinstance(value, (int, float)) \
                    or not 0 <= value <= 1:
                self.problem(path, f"must be a number from 0 to 1, got {value!r}", line)
        elif kind == VOCAB:
            if spec.vocab == "nature":
                return  # depends on the relationship type: check_relationship
            choices = vocab.VOCABULARIES[spec.vocab]
            if value not in choices:
                self.problem(path, f"{value!r} is not {vocab.a_noun(spec.vocab)}"
                             + suggest(value, spec.vocab, choices), line)
        elif kind == VOCAB_LIST:
            self.check_vocab_list(path, spec, value, line)
        else:
            self.check_reference(path, spec, value, ids, line)

    def check_vocab_list(self, path: str, spec: FieldSpec, value: Any, line: int) -> None:
        if not isinstance(value, list):
            self.problem(path, f"must be a list, e.g. [{value}]", line)
            return
        choices = vocab.VOCABULARIES[spec.vocab]
        for position, item in enumerate(value):
            if item not in choices:
                item_line = value.line_of(position) if isinstance(value, MarkedList) else line
                self.problem(f"{path}[{position}]", f"{item!r} is not "
                             f"{vocab.a_noun(spec.vocab)}" + suggest(item, spec.vocab, choices),
                             item_line)

    def check_reference(self, path: str, spec: FieldSpec, value: Any, ids: dict[str, str],
                        line: int) -> None:
        shape = spec.kind
        if value is None:
            if shape == REF:
                self.problem(path, "must name an id, got null", line)
            return
        if isinstance(value, list):
            if shape not in (REFS, REFS_OR_ONE):
                self.problem(path, "must be a single id, not a list", line)
                return
            targets = value
        else:
            if shape == REFS:
                self.problem(path, f"must be a list of ids, e.g. [{value}]", line)
                return
            targets = [value]
        sorts = spec.to or frozenset()
        wanted = " or ".join(sorted(sorts))
        for position, target in enumerate(targets):
            where = f"{path}[{position}]" if isinstance(value, list) else path
            item_line = value.line_of(position) if isinstance(value, MarkedList) else line
            if not isinstance(target, str):
                self.problem(where, f"{target!r} is not an id", item_line)
            elif target not in ids:
                near = difflib.get_close_matches(
                    target, [i for i, s in ids.items() if s in sorts], n=1)
                hint = f"; did you mean '{near[0]}'?" if near else \
                    f"; define {_article(wanted)} with this id first"
                self.problem(where, f"{target!r} is not a defined id{hint}", item_line)
            elif ids[target] not in sorts:
                self.problem(where, f"{target!r} is {_article(ids[target])}, "
                             f"expected {_article(wanted)}", item_line)

    def check_relationship(self, path: str, element: dict, line: int) -> None:
        key_line = element.line_of if isinstance(element, MarkedDict) else (lambda _k: line)
        kind = element.get("type")
        nature = element.get("nature")
        if nature is not None:
            scheme = vocab.NATURE_OF.get(kind)
            if scheme is None:
                self.problem(f"{path}.nature", "`nature:` is only for harmed and contact "
                             "relationships; move it to `notes:`", key_line("nature"))
            elif nature not in vocab.VOCABULARIES[scheme]:
                choices = vocab.VOCABULARIES[scheme]
                self.problem(f"{path}.nature", f"{nature!r} is not a nature of {kind}"
                             + suggest(nature, scheme, choices), key_line("nature"))
        if element.get("status") is not None and kind != "partner":
            self.problem(f"{path}.status", "`status:` is only for partner relationships",
                         key_line("status"))
        if element.get("from") is not None and element.get("from") == element.get("to"):
            self.problem(path, "from and to are the same person", line)

    def check_service(self, path: str, element: dict, line: int) -> None:
        """A service needs format 1.1 and must belong to the agency's kind."""
        service, kind = element["service"], element.get("kind")
        if self.version != vocab.SERVICE_VERSION:
            self.problem(f"{path}.service", "needs `kinmap: 1.1` at the top of the document "
                         "(format 1 has no service)", line)
        elif service in vocab.SERVICE_KIND and kind in vocab.AGENCY_KIND \
                and vocab.SERVICE_KIND[service] != kind:
            fits = [s for s, k in vocab.SERVICE_KIND.items() if k == kind]
            hint = f"services of kind {kind!r}: {', '.join(fits)}" if fits else \
                f"kind {kind!r} has no services; leave `service:` out"
            self.problem(f"{path}.service", f"{service!r} belongs to kind "
                         f"{vocab.SERVICE_KIND[service]!r}, but kind is {kind!r}; {hint}",
                         line)

    # -- whole document ----------------------------------------------------

    def check_subjects(self, people: list, line: int) -> None:
        people = [p for p in people if isinstance(p, dict)]
        if not people:
            return
        subjects = [p for p in people if p.get("subject") is True]
        if not subjects:
            self.problem("people", "no person has `subject: true`; mark the subject child",
                         line)
        elif subjects[0].get("role") not in (None, "subject"):
            self.problem("people", f"the first subject child {subjects[0].get('id')!r} has "
                         f"role {subjects[0].get('role')!r}; roles are relative to it, so it "
                         "must be 'subject'", line)

    def check_descent(self, relationships: list, line: int) -> None:
        """Nobody can be their own ancestor through parent-like ties.

        The problem is placed on the line of the tie that closes the loop.
        """
        parents: dict[str, dict[str, int]] = {}
        for position, r in enumerate(relationships):
            if isinstance(r, dict) and r.get("type") in DESCENT \
                    and isinstance(r.get("from"), str) and isinstance(r.get("to"), str) \
                    and r["from"] != r["to"]:  # a self-loop is reported on its own
                tie_line = relationships.line_of(position) \
                    if isinstance(relationships, MarkedList) else line
                parents.setdefault(r["to"], {}).setdefault(r["from"], tie_line)
        done: set[str] = set()
        on_path: list[str] = []

        def visit(person: str, via_line: int) -> bool:
            if person in on_path:
                loop = on_path[on_path.index(person):] + [person]
                self.problem("relationships", "parentage cycle: " + " <- ".join(loop)
                             + "; one of these ties points the wrong way", via_line)
                return True
            if person in done:
                return False
            on_path.append(person)
            found = any(visit(p, tie) for p, tie in sorted(parents.get(person, {}).items()))
            on_path.pop()
            done.add(person)
            return found

        for person in sorted(parents):
            if person not in done and visit(person, line):
                return


def _article(noun: str) -> str:
    noun = noun.replace("_", " ")
    return ("an " if noun[:1] in "aeiou" else "a ") + noun


def check_document(document: Any, start_line: int = 1) -> list[Problem]:
    """Every problem of one case map document, in the order they stand."""
    return DocumentChecker(document, start_line).run()
