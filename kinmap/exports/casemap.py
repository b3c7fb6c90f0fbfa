"""Write CaseMaps as case map YAML: what a reviewer reads and corrects.

A document is written as format 1.1 only when one of its agencies carries a
service the reviewer (or the extractor's draft) gave; otherwise as format 1, so
a file read and written back is unchanged. A service kinmap only inferred is
never written: the file must not claim a service nobody gave.

Keys come in the order the format lists them, empty values are left out, and
lists of ids are written inline (`members: [alpha, sister]`). Several reviews
make one YAML stream, as a digest does.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import IO, Any, Sequence

import yaml

from ..model import SECTIONS, SPECS, CaseMap, Element
from ..vocab import FORMAT_VERSION, SERVICE_VERSION

try:
    _Base: type = yaml.CSafeDumper
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Base = yaml.SafeDumper


class _Dumper(_Base):  # type: ignore[misc, valid-type]
    pass


class _Inline(list):
    """A list written in flow style: `[a, b]`."""


_Dumper.add_representer(_Inline, lambda d, v: d.represent_sequence(
    "tag:yaml.org,2002:seq", v, flow_style=True))


def element_to_dict(element: Element) -> dict[str, Any]:
    """The mapping of one element, keys in format order, empty values left out."""
    out: dict[str, Any] = {}
    for spec in SPECS[element.section]:
        value = getattr(element, spec.attr)
        if value is None or value == []:
            continue
        if isinstance(value, list):
            value = _Inline(value)
        if "." in spec.key:  # review.period.from, review.source.file
            outer, inner = spec.key.split(".")
            out.setdefault(outer, {})[inner] = value
        else:
            out[spec.key] = value
    return out


def format_version(casemap: CaseMap) -> int | float:
    """1.1 when an agency carries a given service, else 1."""
    return SERVICE_VERSION if any(a.service for a in casemap.agencies) else FORMAT_VERSION


def casemap_to_dict(casemap: CaseMap) -> dict[str, Any]:
    """One case map document as plain data."""
    doc: dict[str, Any] = {"kinmap": format_version(casemap),
                           "review": element_to_dict(casemap.review)}
    for section in SECTIONS:
        elements = getattr(casemap, section)
        if elements:
            doc[section] = [element_to_dict(e) for e in elements]
    return doc


def dumps_casemap(casemaps: Sequence[CaseMap]) -> str:
    """Case map YAML text for one or several reviews.

    A case map drafted by the extractor starts with a comment saying so: it is a
    draft for a reviewer to check against the review before it is relied on.
    """
    drafted = sorted({cm.extractor for cm in casemaps if cm.extractor and not cm.checked_by})
    header = "".join(f"# Drafted by {name} from the review's text: check every element "
                     "against the review, correct it, then load it.\n" for name in drafted)
    header += "".join(f"# Checked against the review by {_one_line(cm.checked_by)}"
                      f"{' on ' + _one_line(cm.checked_at) if cm.checked_at else ''}.\n"
                      for cm in casemaps if cm.checked_by)
    return header + yaml.dump_all([casemap_to_dict(cm) for cm in casemaps], Dumper=_Dumper,
                         sort_keys=False, allow_unicode=True, width=100,
                         explicit_start=len(casemaps) > 1)


def _one_line(text: str) -> str:
    """Text for a YAML comment: a line break would end the comment and start YAML."""
    return " ".join(str(text).split())


def write_casemap(casemaps: Sequence[CaseMap], out: IO[bytes] | str | os.PathLike) -> None:
    """Write case maps to a binary stream or a path."""
    data = dumps_casemap(casemaps).encode("utf-8")
    if isinstance(out, (str, os.PathLike)):
        Path(out).write_bytes(data)
    else:
        out.write(data)


