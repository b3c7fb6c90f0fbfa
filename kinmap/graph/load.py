"""Load files into a store: each file in its own transaction, failures reported, not fatal.

Files stream through worker processes (`kinmap/pipeline.py`) that read, check,
extract and map them; one writer loads each in the order named. The store opens
only when the first good file is ready, so a load in which every file is broken
does not even create a store. A broken file changes nothing
and does not stop the others; the report says which loaded, which replaced an
earlier copy, and which failed.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, TypeVar

from ..errors import KinmapError, ReviewIdTaken, StoreUnreachable
from ..loaders import readable_files
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


def load_files(open_store: Callable[[], Store], paths: Iterable[str | os.PathLike],
               progress: Callable[[Iterable, str], Iterable] = _no_progress,
               jobs: int | None = 1) -> LoadReport:
    """Read, check and load each file into the store, each in its own transaction.

    Files are read, extracted and mapped to quads in `jobs` worker processes
    (pipeline.py), at most 2 x jobs at a time, and written here, one writer, in
    the order named; `jobs` None picks the count (pipeline.choose_jobs). The store is opened when the first file is ready, so a load
    in which every file is broken does not even create a store.
    """
    from ..ingest import prepare_file
    from ..pipeline import choose_jobs, ordered_map

    report = LoadReport()
    files = list(readable_files(paths))
    outcomes = _Progressing(ordered_map(prepare_file, files, choose_jobs(jobs, files)),
                            len(files), report)
    store: Store | None = None
    try:
        for i, (path, prepared) in enumerate(progress(outcomes, "loading")):
            if isinstance(prepared, KinmapError):
                report.failed.append((path, prepared))
                continue
            if store is None:
                store = open_store()
            try:
                outcome = store.write_prepared(prepared.review_ids, prepared.nquads,
                                               prepared.sources)
            except StoreUnreachable as error:
                # the next files would only fail the same way, one error each
                report.failed.append((path, error))
                report.not_tried = files[i + 1:]
                break
            except ReviewIdTaken as error:
                report.failed.append((path, ReviewIdTaken(f"{path}: {error}")))
                continue
            except KinmapError as error:
                report.failed.append((path, error))
                continue
            report.loaded += [(path, rid, replaced) for rid, replaced in outcome]
        if store is not None and report.loaded:
            from .kept import keep_after_writing
            keep_after_writing(store, progress)  # one fold of the store, not one per file
    finally:
        outcomes.close()
        if store is not None:
            store.close()
    return report


class _Progressing:
    """The pipeline's outcomes with their count (for a progress bar's length and time
    left) and a status line: reviews loaded so far."""

    def __init__(self, outcomes: Iterator, total: int, report: LoadReport) -> None:
        self._outcomes, self._total, self._report = outcomes, total, report

    def __len__(self) -> int:
        return self._total

    def __iter__(self) -> Iterator:
        return self._outcomes

    def close(self) -> None:
        self._outcomes.close()

    def status(self) -> str:
        return f"{len(self._report.loaded)} review(s)"
