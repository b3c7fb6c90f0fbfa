"""Show that extraction time grows linearly with a review's length, on three kinds of text.

    python benchmarks/bench_extract_scaling.py [--sizes 10,100,400,1000,5000] [--runs 3]

For each size (kB) and each kind of text, the time of `extract()` and, as the
baseline measured in the same run on the same text, the time of the sentence
splitter alone (`Document`). Reported: seconds, seconds per 10,000 words, and the
time per kB as a multiple of the same kind's smallest size (1.0 everywhere is
linear; quadratic time doubles it with each doubling of the size).

- prose: the seed reviews of ../shared/seeds one after another (full stops,
  headings, lists), the shape of a real overview report;
- paragraph: the same words with every full stop turned into a comma, one
  paragraph with no sentence end (a PDF that lost its punctuation);
- digest: fictional repository entries ("3. Serious case review: Baby N"), so
  that the document splits into many reviews.

Nothing here asserts a time (see benchmarks/README.md).
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # run from a checkout without installing

from kinmap.loaders.extract import extract  # noqa: E402
from kinmap.loaders.extract.sentences import Document  # noqa: E402

SEEDS = HERE.parent.parent / "shared" / "seeds"
ENTRY = ("{n}. Serious case review: Baby {name}\n\n{name} was six weeks old when {name} was "
         "admitted to hospital with a fractured skull. The police and children's social care "
         "held a strategy discussion; the health visitor was not invited. The father was "
         "convicted of causing grievous bodily harm in {year}.\n\n")
NAMES = ("Ash", "Bo", "Cass", "Dex", "Eden", "Fox", "Gray", "Hollis", "Indi", "Jem")


def texts(size_kb: int) -> dict[str, str]:
    """The three kinds of text, each cut to size_kb kilobytes."""
    seeds = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
    size = size_kb * 1000
    prose = (seeds * (size // len(seeds) + 1))[:size]
    paragraph = " ".join(prose.replace(".", ",").split())[:size]
    entries = []
    total = 0
    n = 0
    while total < size:
        entry = ENTRY.format(n=n + 1, name=f"{NAMES[n % len(NAMES)]}{n}", year=2000 + n % 25)
        entries.append(entry)
        total += len(entry)
        n += 1
    return {"prose": prose, "paragraph": paragraph, "digest": "".join(entries)[:size]}


def best(fn, text: str, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn(text)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10,100,400,1000,5000", help="kB, comma-separated")
    parser.add_argument("--runs", type=int, default=3, help="best of this many runs (1 above 1 MB)")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    extract("Child A was born in 2020. His mother was known to police.", "warm.txt")
    print(f"{'text':10} {'kB':>6} {'words':>8} {'extract s':>10} {'Document s':>11} "
          f"{'s/10k words':>12} {'per kB vs smallest':>19}")
    first: dict[str, float] = {}
    for size in sizes:
        for kind, text in texts(size).items():
            runs = args.runs if size <= 1000 else 1
            took = best(lambda t: extract(t, "bench.txt"), text, runs)
            split = best(lambda t: Document(t), text, runs)
            words = len(text.split())
            per_kb = took / size
            first.setdefault(kind, per_kb)
            print(f"{kind:10} {size:6d} {words:8d} {took:10.2f} {split:11.3f} "
                  f"{took / words * 10_000:12.3f} {per_kb / first[kind]:19.2f}")
    print(f"(python {sys.version.split()[0]}; times are the best of {args.runs} runs up to 1 MB)",
          file=sys.stderr)


if __name__ == "__main__":
    main()
