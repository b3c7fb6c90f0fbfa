"""Long fictional review documents for the ingest benchmarks, made from the project's fixtures.

    python benchmarks/ingest_corpus.py OUT_DIR [--count 40] [--kb 300]

Each document is one review: the head and body of tests/data/extract/cspr_child_d_full.txt
(its subject renamed, so every document is a review of its own), then the bodies of the
other fictional texts of tests/data/extract (their title lines left out, so they do not
start a review of their own), over and over up to the size asked. (Shuffled orders made
the extractor fail, see LEFT_OUT, so the order is fixed.)
A stand-in for the national corpus generator (benchmarks/national.py) when only the
per-document path is measured: profiles, the --jobs comparison, draft fingerprints.
"""
from __future__ import annotations

import argparse
import string
from functools import lru_cache
from pathlib import Path

from kinmap.loaders.extract.digest import split_reviews

EXTRACT = Path(__file__).resolve().parent.parent / "tests" / "data" / "extract"
HEAD = "cspr_child_d_full.txt"
#: Bodies left out: after some of the others, their "mum" and "mother" make the extractor
#: fail (a person's alias outlives the person; a bug of the extractor, reported).
LEFT_OUT = ("04_oakhurst-ruby-family-table.txt", "05_thornby-lily-overview.txt")


@lru_cache(maxsize=1)
def _parts() -> tuple[str, tuple[str, ...]]:
    head = (EXTRACT / HEAD).read_text(encoding="utf-8")
    others = sorted(EXTRACT.glob("*.txt")) + sorted(EXTRACT.glob("heldout*/texts/*.txt"))
    bodies = ("\n".join(p.read_text(encoding="utf-8").splitlines()[6:]) for p in others
              if "digest" not in p.name and p.name != HEAD and p.name not in LEFT_OUT)
    kept: list[str] = []
    for body in bodies:  # only bodies that keep the whole one review (no line reads as a title)
        if len(split_reviews("\n\n".join([head, *kept, body, *kept, body]))) == 1:
            kept.append(body)
    return head, tuple(kept)


def subject_name(seed: int) -> str:
    """A two-letter subject, 'Child DA', different for each of 676 seeds."""
    letters = string.ascii_uppercase
    return f"Child {letters[seed // 26 % 26]}{letters[seed % 26]}"


def document(size: int, seed: int) -> str:
    """One review document of about `size` characters."""
    head, bodies = _parts()
    parts, total, i = [head.replace("Child D", subject_name(seed))], len(head), 0
    while total < size:
        parts.append(bodies[i % len(bodies)])
        total += len(parts[-1]) + 2
        i += 1
    return "\n\n".join(parts)[:size]


def write_document(path: Path, size: int, seed: int) -> Path:
    """Write one document (UTF-8 text) and return its path."""
    path.write_text(document(size, seed), encoding="utf-8")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--count", type=int, default=40)
    parser.add_argument("--kb", type=int, default=300)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for n in range(args.count):
        write_document(args.out / f"review_{n:04d}.txt", args.kb * 1000, n)


if __name__ == "__main__":
    main()
