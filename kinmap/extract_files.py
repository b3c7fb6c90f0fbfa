"""`kinmap extract`: draft one case map file per review document, failures reported."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from .errors import KinmapError
from .loaders import readable_files
from .loaders.documents import DOCUMENT_SUFFIXES


@dataclass
class ExtractReport:
    """What an extraction run wrote and what failed."""

    written: list[tuple[Path, Path, list]] = field(default_factory=list)  # doc, yaml, hits
    failed: list[tuple[Path, KinmapError]] = field(default_factory=list)

    def summary(self) -> str:
        text = f"drafted {len(self.written)} case map file(s)"
        if self.failed:
            text += f"; {len(self.failed)} document(s) failed: " + \
                ", ".join(str(p) for p, _ in self.failed)
        return text


def extract_files(paths: Iterable[str | os.PathLike], out_dir: Path, jobs: int | None = 1,
                  explain: bool = True) -> ExtractReport:
    """Extract every review document named (folders are searched) into out_dir.

    Documents are drafted in `jobs` worker processes (pipeline.py) and written
    here in the order named, so the output is the same whatever `jobs` is (None:
    pipeline.choose_jobs picks). The
    rules behind each element are kept in the report only when `explain` is set.
    """
    from .ingest import draft_file, draft_file_explained
    from .pipeline import choose_jobs, ordered_map

    report = ExtractReport()
    documents = [p for p in readable_files(paths) if p.suffix.lower() in DOCUMENT_SUFFIXES]
    work = draft_file_explained if explain else draft_file
    outcomes = ordered_map(work, documents, choose_jobs(jobs, documents))
    try:
        for path, drafted in outcomes:
            if isinstance(drafted, KinmapError):
                report.failed.append((path, drafted))
                continue
            try:
                out_dir.mkdir(parents=True, exist_ok=True)
                target = out_dir / f"{path.stem}.yaml"
                target.write_bytes(drafted.yaml)
            except OSError as error:
                report.failed.append((path, KinmapError(
                    f"{out_dir}: cannot write the draft of {path} ({error.strerror or error}); "
                    "check the folder's permissions and free space")))
                continue
            report.written.append((path, target, drafted.hits))
    finally:
        outcomes.close()
    return report
