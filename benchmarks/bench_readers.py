"""What a reader sees while `kinmap load` writes: run by hand, numbers in README.md.

Writes N synthetic reviews as one case map file each, starts `kinmap load` on
them in another process, and meanwhile opens the store read-only again and
again (as `kinmap query`, `reviews` and `stats` do). Each time it lists the
reviews, reads every listed one back, and checks it against its case map:
a review is either wholly there or missing, never half-loaded. Prints how
many reads ran, how many failed (and why), how many reviews each saw, and any
review that came back different from its file.

    .venv/bin/python benchmarks/bench_readers.py --reviews 300
"""
from __future__ import annotations

import argparse
import collections
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import synthetic_corpus  # noqa: E402

from kinmap.errors import KinmapError  # noqa: E402
from kinmap.exports import get_writer  # noqa: E402
from kinmap.graph.store import open_store  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reviews", type=int, default=300)
    parser.add_argument("--check-every", type=int, default=1,
                        help="compare every Nth listed review with its file")
    args = parser.parse_args(argv)

    folder = Path(tempfile.mkdtemp(prefix="kinmap-readers-"))
    files, store = folder / "files", str(folder / "store")
    files.mkdir()
    corpus = {cm.review.id: cm for cm in synthetic_corpus(args.reviews)}
    write = get_writer("casemap").load()
    for i, cm in enumerate(corpus.values()):
        with open(files / f"{i:05d}.yaml", "wb") as out:
            write([cm], out)
    # The store exists before the load starts, as when an analyst adds reviews.
    first = sorted(files.iterdir())[0]
    kinmap = [sys.executable, "-c", "from kinmap.cli import main; main()"]
    subprocess.run([*kinmap, "--store", store, "load", "-q", str(first)], check=True,
                   capture_output=True)
    started = time.perf_counter()
    loader = subprocess.Popen([*kinmap, "--store", store, "load", "-q", str(files)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    reads, failures, seen, wrong = 0, collections.Counter(), [], []
    while loader.poll() is None:
        try:
            with open_store(store, read_only=True) as reader:
                ids = reader.review_ids()
                stats = reader.stats()
                for rid in ids[::args.check_every]:
                    if reader.casemap(rid) != corpus[rid]:
                        wrong.append(rid)
            reads += 1
            seen.append((round(time.perf_counter() - started, 1), len(ids), stats["Review"]))
        except KinmapError as error:
            failures[str(error).split(": ", 1)[-1][:120]] += 1
    took = time.perf_counter() - started
    print(f"load of {args.reviews} reviews: {took:.1f} s, exit {loader.returncode}")
    print(f"reads during the load: {reads} complete, {sum(failures.values())} failed")
    for reason, count in failures.most_common():
        print(f"  {count} x {reason}")
    print(f"reviews seen by successive reads (s, listed, counted): {seen[:3]} ... {seen[-3:]}")
    print(f"reviews that came back different from their file: {len(wrong)} {wrong[:5]}")
    with open_store(store, read_only=True) as reader:
        print(f"after the load: {len(reader.review_ids())} reviews")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
