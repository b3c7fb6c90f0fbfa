"""Case map elements from a form's text values, checked as `kinmap validate` checks them.

The workbench's forms send text; these turn it into case map values (numbers,
true/false, lists of ids) and refuse a wrong value in the validator's words.
"""
from __future__ import annotations

import re
from typing import Any

from .errors import KinmapError
from .model import (AGE, BOOL, NUMBER, REF, REF_OR_NULL, REFS, REFS_OR_ONE, SECTIONS, SPECS,
                    VOCAB_LIST, Element, Review)


class FormError(KinmapError):
    """A value a reviewer typed that the case map format does not allow."""


def form_values(section: str, values: dict[str, str]) -> dict[str, Any]:
    """A form's text values as case map values: numbers, true/false, lists of ids."""
    data: dict[str, Any] = {}
    for spec in SPECS[section]:
        raw = values.get(spec.key)
        if raw is None or not str(raw).strip():
            continue
        text = str(raw).strip()
        if spec.kind in (REFS, REFS_OR_ONE, VOCAB_LIST):
            value: Any = [v for v in re.split(r"[\s,]+", text) if v]
        elif spec.kind == BOOL:
            value = {"true": True, "yes": True, "false": False, "no": False}.get(text.lower(),
                                                                               text)
        elif spec.kind == NUMBER:
            try:
                value = float(text)
            except ValueError:
                value = text
        elif spec.kind == AGE:
            value = int(text) if text.isdigit() else text
        elif spec.kind in (REF, REF_OR_NULL):
            value = text
        else:
            value = str(raw) if spec.attr == "quote" else text
        if "." in spec.key:
            outer, inner = spec.key.split(".")
            data.setdefault(outer, {})[inner] = value
        else:
            data[spec.key] = value
    return data


def element_from_form(section: str, data: dict[str, Any]) -> Element:
    """An element from form data, refused in the validator's words when a value is wrong."""
    from .loaders.casemap import element_from_dict
    from .loaders.checks import check_document

    cls = SECTIONS.get(section)
    document: dict[str, Any] = {"kinmap": 1, "review": data} if section == "review" else \
        {"kinmap": 1, "review": {"id": "draft"}, section: [data]}
    # Only the element's own problems: the ids it names, a subject child and the like
    # are checked in the whole case map before a draft is saved (drafts.py).
    own = "review" if section == "review" else f"{section}[0]"
    found = [p for p in check_document(document) if p.path.startswith(own)
             and "is not a defined id" not in p.message]
    if found:
        raise FormError(found[0].message)
    return element_from_dict(Review if cls is None else cls, data)
