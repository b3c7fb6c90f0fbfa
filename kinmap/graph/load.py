"""Load files into a store: each file in its own transaction, failures reported, not fatal.

Every file is read and checked before the store is opened, so a load in which
every file is broken does not even create a store. A broken file changes nothing
and does not stop the others; the report says which loaded, which replaced an
earlier copy, and which failed.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, TypeVar

from ..errors import KinmapError, StoreUnreachable
from ..loaders import read, readable_files
from ..model import CaseMap
from .store import Store

T = TypeVar("T")


def _no_progress(items: list[T], label: str) -> Iterable[T]:
    return items


@dataclass
class LoadReport:
    """What a load did."""

    loaded: list[tuple[Path, str, bool]] = field(default_factory=list)  # file, review, replaced
    failed: list[tuple[Path, KinmapError]] = field(default_factory=list)
    not_tried: list[Path] = field(default_factory=list)  # after the store went away

    def summary(self) -> str:
        files = len({f for f, _, _ in self.loaded})
        replaced = sum(1 for _, _, r in self.loaded if r)
        text = f"loaded {len(self.loaded)} review(s) from {files} file(s)"
        if replaced:
            text += f" ({replaced} replaced an earlier copy)"
        if self.failed:
            text += f"; {len(self.failed)} file(s) failed: " + \
                ", ".join(str(f) for f, _ in self.failed)
        if self.not_tried:
            shown = ", ".join(str(f) for f in self.not_tried[:3])
            more = f" and {len(self.not_tried) - 3} more" if len(self.not_tried) > 3 else ""
            text += f"; stopped, as the store cannot be reached: {len(self.not_tried)} " \
                f"file(s) not tried: {shown}{more}"
        return text


def read_files(paths: Iterable[str | os.PathLike], report: LoadReport,
               progress: Callable[[list, str], Iterable] = _no_progress
               ) -> list[tuple[Path, list[CaseMap]]]:
    """Read every file (folders are searched); failures go into the report."""
    good = []
    for path in progress(list(readable_files(paths)), "reading"):
        try:
            good.append((path, read(path)))
        except KinmapError as error:
            report.failed.append((path, error))
    return good


def load_files(open_store: Callable[[], Store], paths: Iterable[str | os.PathLike],
               progress: Callable[[list, str], Iterable] = _no_progress) -> LoadReport:
    """Read and check every file, then load each into the store in its own transaction."""
    report = LoadReport()
    good = read_files(paths, report, progress)
    if not good:
        return report
    with open_store() as store:
        outcomes = store.load_each([casemaps for _, casemaps in good])
        for i, ((path, _), outcome) in enumerate(zip(progress(good, "loading"), outcomes)):
            if isinstance(outcome, StoreUnreachable):
                # the next files would only fail the same way, one error each
                report.failed.append((path, outcome))
                report.not_tried = [p for p, _ in good[i + 1:]]
                outcomes.close()
                break
            if isinstance(outcome, KinmapError):
                report.failed.append((path, outcome))
            else:
                report.loaded += [(path, rid, replaced) for rid, replaced in outcome]
    return report
