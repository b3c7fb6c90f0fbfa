"""`kinmap extract`: draft one case map file per review document, failures reported."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from .errors import KinmapError
from .exports.casemap import write_casemap
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


def extract_files(paths: Iterable[str | os.PathLike], out_dir: Path) -> ExtractReport:
    """Extract every review document named (folders are searched) into out_dir."""
    from .loaders.reviews import explain_review

    report = ExtractReport()
    documents = [p for p in readable_files(paths) if p.suffix.lower() in DOCUMENT_SUFFIXES]
    for path in documents:
        try:
            found = explain_review(path)
            out_dir.mkdir(parents=True, exist_ok=True)
            target = out_dir / f"{path.stem}.yaml"
            write_casemap([cm for cm, _ in found], target)
            report.written.append((path, target, [h for _, hits in found for h in hits]))
        except KinmapError as error:
            report.failed.append((path, error))
    return report
