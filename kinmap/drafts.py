"""Drafts under review: a document's text, the extractor's draft and the reviewer's decisions.

A drafts folder (`kinmap serve --drafts DIR`, by default `drafts/` beside the
store folder) holds one folder per draft:

    <draft id>/text.txt          the document's clean text, which every quote is a span of
    <draft id>/extracted.yaml    the extractor's draft as it came, for agreement
    <draft id>/draft-<n>.yaml    the case map as the reviewer has it now (revision n)
    <draft id>/state.json        per-element review state, and which draft-<n>.yaml is current

Every change writes a new `draft-<n+1>.yaml`, then replaces `state.json` (write
to a temporary file, then rename), then removes the old revision: a reader sees
one consistent pair, a crash leaves the last one, and a second tab or a second
server serialises on a lock file. Elements keep a key for life (`people-3`), so
a form from an older page still names the same element, or none.
"""
from __future__ import annotations

import contextlib
import fcntl
import json
import os
import re
import tempfile
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterator

from .errors import KinmapError
from .forms import element_from_form, form_values
from .model import REF, REF_OR_NULL, REFS, REFS_OR_ONE, SECTIONS, SPECS, CaseMap, Element
from .quotes import exact_quote, find_quote

#: Review states of an element. "drafted" is the extractor's and not yet checked.
DRAFTED, ACCEPTED, EDITED, ADDED = "drafted", "accepted", "edited", "added"
CHECKED = (ACCEPTED, EDITED, ADDED)
DRAFT_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,80}$")
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


class DraftError(KinmapError):
    """A draft that cannot be found, read or changed as asked."""


@dataclass
class Problem:
    """A validation problem in the reviewer's words, placed at an element when it has one."""

    key: str | None  # element key, or None for the whole case map
    message: str


@dataclass
class Draft:
    """One draft: its document text, case map now, and per-element state."""

    folder: Path
    id: str
    text: str
    casemap: CaseMap
    state: dict[str, Any]

    @property
    def keys(self) -> dict[str, list[str]]:
        """Element keys by section, in the case map's order."""
        return self.state["keys"]

    def status(self, key: str) -> str:
        return self.state["status"].get(key, DRAFTED)

    def elements(self, section: str) -> list[tuple[str, Element]]:
        """(key, element) of one section."""
        if section == "review":
            return [("review", self.casemap.review)]
        return list(zip(self.keys[section], getattr(self.casemap, section)))

    def find(self, key: str) -> tuple[str, int, Element]:
        """(section, position, element) of a key; DraftError when it is gone."""
        if key == "review":
            return "review", 0, self.casemap.review
        for section, keys in self.keys.items():
            if key in keys:
                position = keys.index(key)
                return section, position, getattr(self.casemap, section)[position]
        raise DraftError(f"element {key!r} is no longer in the draft (deleted, perhaps in "
                         "another tab); reload the page")

    def progress(self) -> dict[str, tuple[int, int]]:
        """(checked, total) per section: deleted elements count as checked."""
        deleted: dict[str, int] = {}
        for gone in self.state["deleted"]:
            deleted[gone["section"]] = deleted.get(gone["section"], 0) + 1
        out = {"review": (1 if self.status("review") in CHECKED else 0, 1)}
        for section in SECTIONS:
            keys = self.keys[section]
            checked = sum(1 for k in keys if self.status(k) in CHECKED)
            out[section] = (checked + deleted.get(section, 0), len(keys) + deleted.get(section, 0))
        return out

    @property
    def extracted(self) -> CaseMap:
        """The extractor's draft as it came."""
        return _read_yaml(self.folder / "extracted.yaml")

    def summary(self) -> dict[str, Any]:
        totals = self.progress().values()
        return {"id": self.id, "document": self.state["document"],
                "review": self.casemap.review.id, "title": self.casemap.review.title,
                "created": self.state["created"], "checked": sum(c for c, _ in totals),
                "total": sum(t for _, t in totals), "loaded": self.state.get("loaded")}


class DraftFolder:
    """The drafts folder: make drafts from documents, open and change them."""

    def __init__(self, root: str | os.PathLike) -> None:
        self.root = Path(root)

    def ids(self) -> list[str]:
        if not self.root.is_dir():
            return []
        return sorted(p.name for p in self.root.iterdir()
                      if DRAFT_ID.match(p.name) and (p / "state.json").exists())

    def summaries(self) -> list[dict[str, Any]]:
        out = []
        for draft_id in self.ids():
            with contextlib.suppress(KinmapError):
                out.append(self.open(draft_id).summary())
        return out

    # -- making drafts --------------------------------------------------------

    def draft_document(self, path: str | os.PathLike, name: str | None = None) -> list[str]:
        """Read a review document with the bounded readers, draft it, save one draft per
        review it holds; their ids."""
        from .loaders.documents import read_document
        from .loaders.extract import EXTRACTOR_NAME, EXTRACTOR_VERSION, explain

        document = read_document(path)
        shown = name or document.name
        made = []
        for casemap, _hits in explain(document.text, shown):
            casemap.extractor = f"{EXTRACTOR_NAME} {EXTRACTOR_VERSION}"
            made.append(self._create(casemap, document.text, shown))
        return made

    def _create(self, casemap: CaseMap, text: str, document: str) -> str:
        self.root.mkdir(parents=True, exist_ok=True)
        base = slug(casemap.review.id or Path(document).stem) or "draft"
        with self._lock("folder"):
            draft_id, n = base, 1
            while (self.root / draft_id).exists():
                n += 1
                draft_id = f"{base}-{n}"
            folder = self.root / draft_id
            folder.mkdir()
        _write_atomic(folder / "text.txt", text)
        _write_atomic(folder / "extracted.yaml", _yaml(casemap))
        keys = {section: [f"{section}-{i}" for i in range(len(getattr(casemap, section)))]
                for section in SECTIONS}
        state = {"document": document, "created": now(), "revision": 0, "keys": keys,
                 "status": {}, "deleted": [],
                 "next": {s: len(k) for s, k in keys.items()}, "loaded": None,
                 "extractor": casemap.extractor}
        self._commit(folder, casemap, state)
        return draft_id

    # -- reading and changing -------------------------------------------------

    def open(self, draft_id: str) -> Draft:
        folder = self._folder(draft_id)
        try:
            state = json.loads((folder / "state.json").read_text(encoding="utf-8"))
            casemap = _read_yaml(folder / f"draft-{state['revision']}.yaml")
            text = (folder / "text.txt").read_text(encoding="utf-8")
        except (OSError, ValueError, KeyError) as error:
            raise DraftError(f"draft {draft_id!r} cannot be read ({error}); its folder is "
                             f"{folder}") from None
        casemap.extractor = state.get("extractor")
        return Draft(folder, draft_id, text, casemap, state)

    @contextlib.contextmanager
    def change(self, draft_id: str) -> Iterator[Draft]:
        """Open a draft for one change, holding its lock; saved when the block ends
        without an error, left untouched otherwise."""
        self._folder(draft_id)
        with self._lock(draft_id):
            draft = self.open(draft_id)
            yield draft
            _check(draft.casemap)  # a draft on disk is always a readable case map
            self._commit(draft.folder, draft.casemap, draft.state)

    def accept(self, draft_id: str, key: str) -> None:
        with self.change(draft_id) as draft:
            draft.find(key)
            if draft.status(key) not in (EDITED, ADDED):
                draft.state["status"][key] = ACCEPTED

    def delete(self, draft_id: str, key: str) -> list[str]:
        """Delete an element; elements that cannot stand without it go too (a tie to a
        deleted person), and lists naming it lose the name. What else changed."""
        if key == "review":
            raise DraftError("the review itself cannot be deleted; delete the draft instead")
        with self.change(draft_id) as draft:
            return _delete(draft, key)

    def edit(self, draft_id: str, key: str, values: dict[str, str]) -> None:
        """Set an element's fields from a form (text values), checked as `kinmap validate`
        checks a case map; DraftError in the reviewer's words when a value is wrong."""
        with self.change(draft_id) as draft:
            section, position, element = draft.find(key)
            data = form_values(section, values)
            quote = data.get("quote")
            if quote is not None:
                data["quote"] = exact_quote(draft.text, quote)
            new = element_from_form(section, data)
            if section == "review":
                new = replace(new, source_file=draft.casemap.review.source_file)
                draft.casemap.review = new
            else:
                old_id = getattr(element, "id", None)
                getattr(draft.casemap, section)[position] = new
                if old_id and getattr(new, "id", None) != old_id:
                    _rename_references(draft.casemap, old_id, new.id)
            if draft.status(key) != ADDED:
                draft.state["status"][key] = EDITED

    def add(self, draft_id: str, section: str, values: dict[str, str]) -> str:
        """Add a missing element whose quote the reviewer selected in the text; its key."""
        if section not in SECTIONS:
            raise DraftError(f"{section!r} is not a section of a case map; choose one of "
                             + ", ".join(SECTIONS))
        with self.change(draft_id) as draft:
            data = form_values(section, values)
            if not data.get("quote"):
                raise DraftError("select the sentence that states it in the document first, "
                                 "so its quote is captured exactly")
            data["quote"] = exact_quote(draft.text, data["quote"])
            data.setdefault("confidence", 1.0)
            new = element_from_form(section, data)
            key = f"{section}-{draft.state['next'][section]}"
            draft.state["next"][section] += 1
            getattr(draft.casemap, section).append(new)
            draft.keys[section].append(key)
            draft.state["status"][key] = ADDED
            return key

    def mark_loaded(self, draft_id: str, checked_by: str, checked_at: str) -> None:
        with self.change(draft_id) as draft:
            draft.state["loaded"] = {"by": checked_by, "at": checked_at}

    # -- the reviewed case map -------------------------------------------------

    def reviewed(self, draft_id: str, checked_by: str | None = None) -> CaseMap:
        """The case map as the reviewer has it, with who checked it and when."""
        draft = self.open(draft_id)
        cm = draft.casemap
        if checked_by is not None:
            cm.checked_by = reviewer_name(checked_by)
            cm.checked_at = now()
        return cm

    # -- helpers ---------------------------------------------------------------

    def _folder(self, draft_id: str) -> Path:
        if not DRAFT_ID.match(draft_id) or not (self.root / draft_id / "state.json").exists():
            raise DraftError(f"no draft {draft_id!r} in {self.root}")
        return self.root / draft_id

    @contextlib.contextmanager
    def _lock(self, name: str) -> Iterator[None]:
        self.root.mkdir(parents=True, exist_ok=True)
        with open(self.root / f".{name}.lock", "a+b") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def _commit(self, folder: Path, casemap: CaseMap, state: dict[str, Any]) -> None:
        old = state["revision"]
        state["revision"] = old + 1 if (folder / "state.json").exists() else old
        _write_atomic(folder / f"draft-{state['revision']}.yaml", _yaml(casemap))
        _write_atomic(folder / "state.json", json.dumps(state, indent=1, ensure_ascii=False))
        for stale in folder.glob("draft-*.yaml"):
            if stale.name != f"draft-{state['revision']}.yaml":
                stale.unlink(missing_ok=True)


# ---------------------------------------------------------------- checking

def problems(draft: Draft) -> list[Problem]:
    """What `kinmap validate` would say of the draft (format rules, quotes, SHACL),
    each placed at its element's key."""
    from .graph.shacl import validate_casemap
    from .loaders.casemap import check_text

    found = [Problem(_key_of_path(draft, e.path), e.message)
             for e in check_text(_yaml(draft.casemap), "draft", check_quotes=False)]
    found += [Problem(key, "quote not found in the document: copy the exact words")
              for key, quote in _quotes(draft) if find_quote(draft.text, quote) is None]
    if not found:
        found += [Problem(None, str(v)) for v in validate_casemap(draft.casemap)]
    return found


def _quotes(draft: Draft) -> Iterator[tuple[str, str]]:
    if draft.casemap.review.quote:
        yield "review", draft.casemap.review.quote
    for section in SECTIONS:
        for key, element in draft.elements(section):
            if element.quote:
                yield key, element.quote


def _key_of_path(draft: Draft, path: str | None) -> str | None:
    match = re.match(r"^(\w+)\[(\d+)\]", path or "")
    if match and match.group(1) in draft.keys:
        keys = draft.keys[match.group(1)]
        position = int(match.group(2))
        return keys[position] if position < len(keys) else None
    return "review" if (path or "").startswith("review") else None


def _check(casemap: CaseMap) -> None:
    """Refuse a change that breaks the format rules, in the validator's words."""
    from .loaders.casemap import check_text

    errors = check_text(_yaml(casemap), "draft", check_quotes=False)
    if errors:
        raise DraftError(errors[0].message)


# ---------------------------------------------------------------- quotes

def quote_segments(draft: Draft, chosen: str | None = None
                   ) -> list[tuple[str, int, tuple[str, ...]]]:
    """The text cut where quotes begin and end: (text, offset, keys of the elements
    whose quote covers it), for highlighting."""
    spans = []
    for key, quote in _quotes(draft):
        found = find_quote(draft.text, quote)
        if found:
            spans.append((found[0], found[1], key))
    cuts = sorted({0, len(draft.text)} | {s for s, _, _ in spans} | {e for _, e, _ in spans})
    out = []
    for start, end in zip(cuts, cuts[1:]):
        keys = tuple(k for s, e, k in spans if s <= start and end <= e)
        out.append((draft.text[start:end], start, keys))
    return out


# ---------------------------------------------------------------- deleting

def _delete(draft: Draft, key: str) -> list[str]:
    section, position, element = draft.find(key)
    gone_id = getattr(element, "id", None)
    _forget(draft, section, position)
    also: list[str] = []
    if not gone_id:
        return also
    for other_section in SECTIONS:
        for other_key, other in list(draft.elements(other_section)):
            for spec in SPECS[other_section]:
                value = getattr(other, spec.attr)
                if spec.kind == REF and value == gone_id:
                    _forget(draft, other_section, draft.keys[other_section].index(other_key))
                    also.append(other_key)
                    break
                if spec.kind == REF_OR_NULL and value == gone_id:
                    setattr(other, spec.attr, None)
                    also.append(other_key)
                elif spec.kind in (REFS, REFS_OR_ONE) and gone_id in (value or []):
                    setattr(other, spec.attr, [v for v in value if v != gone_id])
                    also.append(other_key)
    return sorted(set(also))


def _forget(draft: Draft, section: str, position: int) -> None:
    element = getattr(draft.casemap, section).pop(position)
    key = draft.keys[section].pop(position)
    draft.state["status"].pop(key, None)
    draft.state["deleted"].append({"section": section, "key": key,
                                   "label": label_of(element), "quote": element.quote})


def _rename_references(casemap: CaseMap, old: str, new: str) -> None:
    for section in SECTIONS:
        for element in getattr(casemap, section):
            for spec in SPECS[section]:
                value = getattr(element, spec.attr)
                if spec.kind in (REF, REF_OR_NULL) and value == old:
                    setattr(element, spec.attr, new)
                elif spec.kind in (REFS, REFS_OR_ONE) and old in (value or []):
                    setattr(element, spec.attr, [new if v == old else v for v in value])


# ---------------------------------------------------------------- small things

def label_of(element: Element) -> str:
    """A short name for an element: label, text, kind or type, and id."""
    for attr in ("label", "title", "text", "what"):
        value = getattr(element, attr, None)
        if value:
            return value if len(value) <= 80 else value[:77] + "..."
    parts = [getattr(element, a, None) for a in ("type", "kind", "status")]
    ends = [getattr(element, a, None) for a in ("from_", "to", "agency", "person")]
    text = " ".join(str(p) for p in parts if p)
    linked = [str(e) for e in ends if e and isinstance(e, str)]
    if linked:
        text += ": " + " → ".join(linked)
    return text or getattr(element, "id", None) or element.section


def reviewer_name(name: str) -> str:
    """A reviewer's name as one line, or DraftError when there is none."""
    text = " ".join(CONTROL.sub(" ", name or "").split())
    if not text:
        raise DraftError("say who checked the draft: your name or initials")
    if len(text) > 100:
        raise DraftError("the reviewer's name is longer than 100 characters")
    return text


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60]


def now() -> str:
    """The time in UTC, ISO 8601 to the second."""
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def _yaml(casemap: CaseMap) -> str:
    from .exports.casemap import dumps_casemap
    return dumps_casemap([casemap])


def _read_yaml(path: Path) -> CaseMap:
    from .loaders.casemap import read_casemap
    [casemap] = read_casemap(path, check_quotes=False)
    return casemap


def _write_atomic(path: Path, text: str) -> None:
    """Write a file whole or not at all: a temporary file beside it, then a rename."""
    handle = tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent,
                                         prefix=f".{path.name}.", delete=False)
    try:
        with handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(handle.name, path)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise


__all__ = ["Draft", "DraftFolder", "DraftError", "Problem", "problems", "quote_segments",
           "find_quote", "exact_quote", "form_values", "reviewer_name", "label_of"]
