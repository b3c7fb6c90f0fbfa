"""Draft and check: a document's draft beside its text, each element accepted, edited,
deleted or added, then saved as a case map or loaded into the store."""
from __future__ import annotations

import re
import tempfile
from pathlib import Path

from flask import (Blueprint, Response, abort, flash, redirect, render_template, request,
                   url_for)

from ..drafts import (ADDED, CHECKED, DraftError, exact_quote, label_of, now, problems,
                      quote_segments, reviewer_name)
from ..errors import KinmapError
from ..model import SECTIONS, SPECS
from .app import bench

pages = Blueprint("workbench", __name__)

#: What a reviewer may add by selecting its sentence, with the words the page uses.
ADDABLE = {"people": "person", "relationships": "relationship", "agencies": "agency",
           "households": "household", "involvements": "involvement", "meetings": "meeting",
           "decisions": "decision", "events": "event",
           "information_sharing": "information sharing", "findings": "finding",
           "recommendations": "recommendation"}
SAFE_NAME = re.compile(r"[^A-Za-z0-9._ -]+")


def _back(draft_id: str, **args) -> Response:
    return redirect(url_for("workbench.draft", draft_id=draft_id, **args))


@pages.post("/drafts")
def upload():
    """Draft an uploaded review document (PDF, Word, HTML, text)."""
    from ..loaders.documents import DOCUMENT_SUFFIXES
    sent = request.files.get("document")
    if sent is None or not sent.filename:
        flash("choose a review document to upload first", "error")
        return redirect(url_for("library.index"))
    name = SAFE_NAME.sub("_", Path(sent.filename).name)[-120:] or "document.txt"
    suffix = Path(name).suffix.lower()
    if suffix not in DOCUMENT_SUFFIXES:
        flash(f"{name}: kinmap reads review documents ending "
              f"{', '.join(DOCUMENT_SUFFIXES)}", "error")
        return redirect(url_for("library.index"))
    with tempfile.TemporaryDirectory(prefix="kinmap-upload-") as folder:
        path = Path(folder) / name
        sent.save(path)
        made = _draft(path, name)
    return made


@pages.post("/drafts/from-folder")
def from_folder():
    """Draft a document chosen from the --documents folder."""
    from .library import _documents
    name = request.form.get("name", "")
    if name not in _documents():
        abort(404)
    return _draft(bench().settings.documents / name, name)


def _draft(path: Path, name: str) -> Response:
    try:
        made = bench().drafts.draft_document(path, name)
    except KinmapError as error:
        flash(str(error), "error")
        return redirect(url_for("library.index"))
    if len(made) > 1:
        flash(f"{name} holds {len(made)} reviews: one draft each", "note")
    return _back(made[0])


@pages.get("/drafts/<draft_id>")
def draft(draft_id: str):
    found = bench().drafts.open(draft_id)
    chosen = request.args.get("el")
    at = request.args.get("at", type=int)
    segments = quote_segments(found)
    starts: dict[str, int] = {}
    for _text, start, keys in segments:
        for key in keys:
            starts.setdefault(key, start)
    here: tuple[str, ...] = ()
    if at is not None:
        here = next((keys for text, start, keys in segments
                     if start <= at < start + len(text)), ())
    issues: dict[str | None, list[str]] = {}
    for problem in problems(found):
        issues.setdefault(problem.key, []).append(problem.message)
    sections = [("review", found.elements("review"))] + \
        [(s, found.elements(s)) for s in SECTIONS]
    edit = request.args.get("edit")
    adding = request.args.get("add")
    return render_template(
        "draft.html", draft=found, segments=segments, chosen=chosen, at=at, here=here,
        sections=sections, progress=found.progress(), starts=starts, issues=issues, label_of=label_of,
        specs=SPECS, edit=edit, adding=adding if adding in ADDABLE else None,
        addable=ADDABLE, checked=CHECKED, added=ADDED, vocab=_vocabularies())


def _vocabularies() -> dict[str, tuple[str, ...]]:
    from .. import vocab
    return {name: tuple(values) for name, values in vocab.VOCABULARIES.items()}


def _form() -> dict[str, str]:
    return {k: v for k, v in request.form.items() if k not in ("token", "key", "section")}


@pages.post("/drafts/<draft_id>/accept")
def accept(draft_id: str):
    key = request.form.get("key", "")
    try:
        bench().drafts.accept(draft_id, key)
    except KinmapError as error:  # a wrong value, a quote not in the text, a stale page
        flash(f"not accepted: {error}", "error")
    return _back(draft_id, _anchor=f"el-{key}")


@pages.post("/drafts/<draft_id>/delete")
def delete(draft_id: str):
    key = request.form.get("key", "")
    try:
        also = bench().drafts.delete(draft_id, key)
    except KinmapError as error:  # a wrong value, a quote not in the text, a stale page
        flash(f"not deleted: {error}", "error")
        return _back(draft_id, _anchor=f"el-{key}")
    if also:
        flash(f"deleted; {len(also)} element(s) that named it changed or went too: "
              + ", ".join(also), "note")
    return _back(draft_id)


@pages.post("/drafts/<draft_id>/edit")
def edit(draft_id: str):
    key = request.form.get("key", "")
    try:
        bench().drafts.edit(draft_id, key, _form())
    except KinmapError as error:  # a wrong value, a quote not in the text, a stale page
        flash(f"not saved: {error}", "error")
        return _back(draft_id, edit=key, _anchor=f"el-{key}")
    return _back(draft_id, el=key, _anchor=f"el-{key}")


@pages.post("/drafts/<draft_id>/add")
def add(draft_id: str):
    section = request.form.get("section", "")
    try:
        key = bench().drafts.add(draft_id, section, _form())
    except KinmapError as error:  # a wrong value, a quote not in the text, a stale page
        flash(f"not added: {error}", "error")
        return _back(draft_id, add=section, _anchor="add")
    flash(f"added {ADDABLE.get(section, section)} {key}", "note")
    return _back(draft_id, el=key, _anchor=f"el-{key}")


@pages.post("/drafts/<draft_id>/quote")
def check_quote(draft_id: str):
    """The add form's first step without script: the selected words, checked."""
    found = bench().drafts.open(draft_id)
    exact_quote(found.text, request.form.get("quote", ""))
    return _back(draft_id, add=request.form.get("section", "agencies"), _anchor="add")


@pages.get("/drafts/<draft_id>/casemap.yaml")
def download(draft_id: str):
    """The case map as the reviewer has it now, as YAML to keep or load elsewhere."""
    from ..exports.casemap import dumps_casemap
    casemap = bench().drafts.reviewed(draft_id)
    return Response(dumps_casemap([casemap]), mimetype="application/x-yaml", headers={
        "Content-Disposition": f'attachment; filename="{casemap.review.id}.yaml"'})


@pages.post("/drafts/<draft_id>/load")
def load(draft_id: str):
    """Load the checked case map into the store (one transaction), who and when as PROV."""
    wb = bench()
    casemap = wb.drafts.reviewed(draft_id, checked_by=request.form.get("reviewer", ""))
    issues = [p for p in problems(wb.drafts.open(draft_id))]
    if issues:
        raise DraftError(f"the draft has {len(issues)} problem(s) to fix before it can be "
                         f"loaded; the first: {issues[0].message}")
    with wb.writing() as store:
        [(rid, replaced)] = store.load([casemap])
    wb.drafts.mark_loaded(draft_id, casemap.checked_by, casemap.checked_at)
    flash(f"loaded {rid} into the store" + (", replacing the copy there" if replaced else "")
          + f", checked by {casemap.checked_by}", "note")
    return redirect(url_for("library.review", review_id=rid))


@pages.post("/drafts/<draft_id>/save")
def save(draft_id: str):
    """Save the case map into the drafts folder's `reviewed/` folder, atomically."""
    from ..drafts import _write_atomic
    from ..exports.casemap import dumps_casemap
    wb = bench()
    casemap = wb.drafts.reviewed(draft_id, checked_by=request.form.get("reviewer", ""))
    folder = wb.drafts.root / "reviewed"
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{casemap.review.id}.yaml"
    _write_atomic(target, dumps_casemap([casemap]))
    flash(f"saved {target}", "note")
    return _back(draft_id)


@pages.get("/agreement")
def agreement_overall():
    """How far the drafts were from what reviewers loaded, over every loaded draft."""
    from ..agreement import casemap_agreement, combined
    drafts = bench().drafts
    each = []
    for summary in drafts.summaries():
        if summary["loaded"]:
            found = drafts.open(summary["id"])
            each.append((summary, casemap_agreement(found.extracted, found.casemap)))
    result = combined([a for _, a in each]) if each else None
    return render_template("agreement.html", draft=None, result=result, each=each)


@pages.get("/drafts/<draft_id>/agreement")
def agreement(draft_id: str):
    """How far the extractor's draft was from the reviewer's result."""
    from ..agreement import casemap_agreement
    found = bench().drafts.open(draft_id)
    result = casemap_agreement(found.extracted, found.casemap)
    return render_template("agreement.html", draft=found, result=result, each=[])


__all__ = ["pages", "reviewer_name", "now"]
