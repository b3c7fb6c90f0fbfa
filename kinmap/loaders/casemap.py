"""Read case map YAML (format v1) into CaseMap objects, refusing anything broken.

`read_casemap` returns one CaseMap per document of a YAML stream, or raises a
CaseMapError naming file, document, line and element path of the first problem.
`check_casemap_file` returns every problem, for `kinmap validate`.
"""
from __future__ import annotations

import io
import os
import re
from pathlib import Path
from typing import IO, Any

import yaml

from ..errors import CaseMapError
from ..model import (DATE, REFS, REFS_OR_ONE, SECTIONS, SPECS, VOCAB_LIST, CaseMap,
                     Element, Review)
from .checks import Problem, check_document, partial_date
from .yamlmarks import BadValue, DuplicateKey, load_marked_stream

WHITESPACE = re.compile(r"\s+")


def normalise_space(text: str) -> str:
    """Collapse every run of whitespace to one space (how quotes are compared)."""
    return WHITESPACE.sub(" ", text).strip()


def _read_text(source: str | os.PathLike | IO) -> tuple[str, str]:
    """(text, name) of a path or an open file."""
    if hasattr(source, "read"):
        data = source.read()
        name = getattr(source, "name", "<stream>")
        if isinstance(data, bytes):
            data = _decode(data, str(name))
        return data, str(name)
    path = Path(source)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise CaseMapError(f"cannot read the file ({error.strerror or error}); "
                           "check the path", file=str(path)) from None
    return _decode(data, str(path)), str(path)


def _decode(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise CaseMapError(f"not UTF-8 text (byte {error.start}); save the case map as "
                           "UTF-8", file=name) from None


def find_source(casemap_file: str, source_file: str | None) -> Path | None:
    """The review text a case map quotes, looked up as check_casemap.py does."""
    if not source_file or casemap_file.startswith("<"):
        return None
    base = Path(casemap_file).resolve().parent
    for candidate in (base / source_file, base / "seeds" / source_file,
                      base.parent / "seeds" / source_file, Path.cwd() / source_file):
        if candidate.is_file():
            return candidate
    return None


def _documents(text: str, name: str) -> list[tuple[int, int, Any]]:
    """(index, start line, document) for the non-empty documents of a stream."""
    try:
        found = [(index, line, doc) for index, (line, doc)
                 in enumerate(load_marked_stream(text)) if doc is not None]
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        if not isinstance(error, (DuplicateKey, BadValue)):
            problem += "; check the indentation and quoting near this line"
        raise CaseMapError(f"not valid YAML: {problem}", file=name,
                           line=mark.line + 1 if mark else None) from None
    if not found:
        raise CaseMapError("holds no case map; a case map starts with `kinmap: 1` and "
                           "`review: {id: ...}`", file=name)
    return found


def _review_id(document: Any) -> str | None:
    review = document.get("review") if isinstance(document, dict) else None
    rid = review.get("id") if isinstance(review, dict) else None
    return rid if isinstance(rid, str) else None


def check_text(text: str, name: str = "<case map>", *,
               check_quotes: bool = True) -> list[CaseMapError]:
    """Every problem of a case map stream, as CaseMapErrors in document order."""
    errors: list[CaseMapError] = []
    seen: dict[str, int] = {}
    sources: dict[str, str | None] = {}
    for index, start, document in _documents(text, name):
        rid = _review_id(document)
        problems = check_document(document, start)
        if rid is not None:
            if rid in seen:
                line = document["review"].line_of("id") if hasattr(
                    document["review"], "line_of") else start
                problems.append(Problem("review.id", f"review id {rid!r} already used by "
                                        f"doc[{seen[rid]}]; review ids must be unique",
                                        line))
            else:
                seen[rid] = index
        if check_quotes and not problems:
            problems.extend(_quote_problems(document, name, sources))
        problems.sort(key=lambda p: p.line or 0)
        errors.extend(CaseMapError(p.message, file=name, document=index, review=rid,
                                   line=p.line, path=p.path) for p in problems)
    return errors


def _quote_problems(document: dict, name: str, cache: dict[str, str | None]) -> list[Problem]:
    """Quotes that are not in the review text, when that text can be found."""
    source = (document["review"].get("source") or {}).get("file")
    found = find_source(name, source)
    if found is None:
        return []
    key = str(found)
    if key not in cache:
        try:
            cache[key] = normalise_space(found.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError):
            cache[key] = None
    text = cache[key]
    if text is None:
        return []
    problems = []
    items: list[tuple[str, Any]] = [("review", document["review"])]
    for section in SECTIONS:
        items += [(f"{section}[{i}]", e) for i, e in enumerate(document.get(section) or [])]
    for path, element in items:
        quote = element.get("quote")
        if isinstance(quote, str) and normalise_space(quote) not in text:
            shown = normalise_space(quote)
            shown = shown if len(shown) <= 60 else shown[:57] + "..."
            problems.append(Problem(f"{path}.quote", f"not found in the source text "
                                    f"{found.name}: {shown!r}; copy the exact words",
                                    element.line_of("quote")))
    return problems


def check_casemap_file(source: str | os.PathLike | IO) -> list[CaseMapError]:
    """Every problem of a case map file (empty when it is valid)."""
    try:
        text, name = _read_text(source)
        return check_text(text, name)
    except CaseMapError as error:
        return [error]


def read_casemap(source: str | os.PathLike | IO, *, check_quotes: bool = True) -> list[CaseMap]:
    """Read a case map file or stream: one CaseMap per YAML document.

    Raises CaseMapError for the first problem found. Quotes are checked against
    the review text when `review.source.file` can be found beside the file.
    """
    text, name = _read_text(source)
    errors = check_text(text, name, check_quotes=check_quotes)
    if errors:
        error = errors[0]
        if len(errors) > 1:
            error.message += f" (and {len(errors) - 1} more problem(s): "\
                             "run `kinmap validate` to list them)"
        raise error
    return [casemap_from_dict(doc) for _, _, doc in _documents(text, name)]


def read_casemap_text(text: str, name: str = "<case map>") -> list[CaseMap]:
    """Read case maps from a string (see read_casemap)."""
    return read_casemap(_Named(text, name))


class _Named(io.StringIO):
    def __init__(self, text: str, name: str) -> None:
        super().__init__(text)
        self.name = name


# -- building the model -----------------------------------------------------

def _canonical(spec_kind: str, value: Any) -> Any:
    if spec_kind == DATE:
        return partial_date(value)
    if spec_kind in (REFS, VOCAB_LIST):
        return list(value or [])
    if spec_kind == REFS_OR_ONE:
        return [] if value is None else list(value) if isinstance(value, list) else [value]
    return value


def element_from_dict(cls: type[Element], data: dict) -> Element:
    """One element from a checked mapping, with canonical values."""
    kwargs = {}
    for spec in SPECS[cls.section]:
        value = data
        for part in spec.key.split("."):
            value = value.get(part) if isinstance(value, dict) else None
        kwargs[spec.attr] = _canonical(spec.kind, value)
    return cls(**kwargs)


def casemap_from_dict(document: dict) -> CaseMap:
    """A CaseMap from one checked document."""
    sections = {name: [element_from_dict(cls, item) for item in document.get(name) or []]
                for name, cls in SECTIONS.items()}
    return CaseMap(review=element_from_dict(Review, document["review"]), **sections)

