"""Load files into a store: each file whole or not at all, failures reported, not fatal.

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
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, TypeVar

from ..errors import KinmapError, ReviewIdTaken, StoreUnreachable
from ..loaders import readable_files
from .store import Store

if TYPE_CHECKING:
    from ..ingest import PreparedFile

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
    """Read, check and load each file into the store, each whole or not at all.

    Files are read, extracted and mapped to quads in `jobs` worker processes
    (pipeline.py), at most 2 x jobs at a time, and written here, one writer, in
    the order named; `jobs` None picks the count (pipeline.choose_jobs). The store
    is opened when the first file is ready, so a load in which every file is broken
    does not even create a store. Files of reviews new to the store are gathered and
    written together where the store can (`Store.gather_quads`): all of them or none,
    and if that fails, each alone, so that only a file that cannot be written fails.
    """
    from ..ingest import prepare_file
    from ..pipeline import choose_jobs, ordered_map

    report = LoadReport()
    files = list(readable_files(paths))
    outcomes = _Progressing(ordered_map(prepare_file, files, choose_jobs(jobs, files)),
                            len(files), report)
    writer: _Writer | None = None
    try:
        for i, (path, prepared) in enumerate(progress(outcomes, "loading")):
            if isinstance(prepared, KinmapError):
                report.failed.append((path, prepared))
                continue
            if writer is None:
                writer = _Writer(open_store(), report)
            if not writer.add(path, prepared):
                report.not_tried = writer.untried + files[i + 1:]
                break
        else:
            if writer is not None and not writer.finish():
                report.not_tried = writer.untried
        if writer is not None and report.loaded:
            from .kept import keep_after_writing
            keep_after_writing(writer.store, progress)  # one fold of the store
    finally:
        outcomes.close()
        if writer is not None:
            writer.store.close()
    return report


class _Writer:
    """The single writer of a load: each file written alone, or gathered with the next
    files of new reviews and written with them (`Store.write_new`)."""

    def __init__(self, store: Store, report: LoadReport) -> None:
        self.store, self.report = store, report
        self.gathered: list[tuple[Path, PreparedFile]] = []
        self.gathered_ids: set[str] = set()
        self.gathered_quads = 0
        self.untried: list[Path] = []  # after the store went away

    def add(self, path: Path, prepared: PreparedFile) -> bool:
        """Write a file now or gathered with others; False when the store cannot be
        reached (the next files would only fail the same way)."""
        ids = set(prepared.review_ids)
        if self.store.gather_quads and not ids & self.gathered_ids and \
                not self.store.present(prepared.review_ids):
            self.gathered.append((path, prepared))
            self.gathered_ids |= ids
            self.gathered_quads += prepared.quads
            if self.gathered_quads >= self.store.gather_quads:
                return self.finish()
            return True
        if not self.finish():
            self.untried.append(path)
            return False
        return self._alone(path, prepared)

    def finish(self) -> bool:
        """Write what was gathered."""
        gathered, self.gathered = self.gathered, []
        self.gathered_ids, self.gathered_quads = set(), 0
        if not gathered:
            return True
        try:
            self.store.write_new([prepared for _, prepared in gathered])
        except KinmapError:  # nothing of them was written: each alone, to fail only one
            for n, (path, prepared) in enumerate(gathered):
                if not self._alone(path, prepared):
                    self.untried += [path for path, _ in gathered[n + 1:]]
                    return False
            return True
        for path, prepared in gathered:
            self.report.loaded += [(path, rid, False) for rid in prepared.review_ids]
        return True

    def _alone(self, path: Path, prepared: PreparedFile) -> bool:
        report = self.report
        try:
            outcome = self.store.write_prepared(prepared.review_ids, prepared.nquads,
                                                prepared.sources)
        except StoreUnreachable as error:
            report.failed.append((path, error))
            return False
        except ReviewIdTaken as error:
            report.failed.append((path, ReviewIdTaken(f"{path}: {error}")))
        except KinmapError as error:
            report.failed.append((path, error))
        else:
            report.loaded += [(path, rid, replaced) for rid, replaced in outcome]
        return True


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
