"""`kinmap validate` of a whole store: pyshacl review by review against the SPARQL checks.

Builds (once, then reuses) a store of fictional full-length reviews,
`synthetic_corpus(n, scale=11)` (about 13,000 triples each, a 300 kB overview
report), loaded with the library's `store.load_each`. Then, in the same run:

- old: pyshacl on each review's triples (what `kinmap validate` did before), on a
  sample of reviews spread over the store, extrapolated to all of them;
- new: `validate_store` (graph/shape_queries.py), every constraint one query over
  the whole store, with 1 and with 2 threads.

Times are wall and CPU (the process's, threads included); CPU is the steadier
figure on a shared machine. Peak RSS is the process's.

    .venv/bin/python benchmarks/bench_validate.py --reviews 2000 --store /tmp/kinmap-2000
    .venv/bin/python benchmarks/bench_validate.py --reviews 200 --sample 3
"""
from __future__ import annotations

import argparse
import json
import os
import random
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from synthetic import synthetic_casemap  # noqa: E402

from kinmap.graph.store import open_store  # noqa: E402

#: Reviews a transaction of the build holds, and reviews generated at once.
BATCH = 50


def build(location: str, reviews: int, size: int, seed: int) -> None:
    """Load `reviews` synthetic reviews of `size` into a new store, BATCH at a time."""
    rng = random.Random(seed)
    start, cpu = time.perf_counter(), time.process_time()
    with open_store(location) as store:
        for first in range(1, reviews + 1, BATCH):
            batch = [[synthetic_casemap(i, rng, size)]
                     for i in range(first, min(reviews, first + BATCH - 1) + 1)]
            for outcome in store.load_each(batch):
                if not isinstance(outcome, list):
                    raise SystemExit(f"load failed: {outcome}")
            print(f"  built {first + len(batch) - 1} reviews, "
                  f"{time.perf_counter() - start:.0f} s", file=sys.stderr, flush=True)
    Path(location, ".bench-validate").write_text(json.dumps(
        {"reviews": reviews, "size": size, "seed": seed,
         "build_s": round(time.perf_counter() - start), "build_cpu_s":
         round(time.process_time() - cpu)}))


def timed(run):
    start, cpu = time.perf_counter(), time.process_time()
    result = run()
    return result, time.perf_counter() - start, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reviews", type=int, default=2000)
    parser.add_argument("--size", type=int, default=11)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--sample", type=int, default=5,
                        help="reviews pyshacl checks (the old way), extrapolated")
    parser.add_argument("--store", default=None,
                        help="the store folder (built if missing, else reused as it is)")
    parser.add_argument("--json", default=None, help="also write the figures here")
    args = parser.parse_args()
    location = args.store or f"/tmp/kinmap-bench-validate-{args.reviews}x{args.size}"
    if not Path(location).exists():
        print(f"building {location}", file=sys.stderr)
        build(location, args.reviews, args.size, args.seed)

    from kinmap.graph.shacl import validate_triples
    from kinmap.graph.shape_queries import shape_checks
    from kinmap.validation import validate_store

    figures: dict = {"load_average": os.getloadavg()}
    _, compile_s, compile_cpu = timed(shape_checks)
    figures["compile"] = {"checks": len(shape_checks()), "wall_s": compile_s,
                          "cpu_s": compile_cpu}
    with open_store(location, read_only=True) as store:
        ids = store.review_ids()
        figures["reviews"] = len(ids)
        figures["triples"] = store.triple_count()
        sample = ids[::max(1, len(ids) // args.sample)][:args.sample]

        def old():
            return sum(len(validate_triples(rid, store.graph_triples(rid))) for rid in sample)
        problems, wall, cpu = timed(old)
        scale = len(ids) / len(sample)
        figures["old"] = {"sample": len(sample), "problems": problems,
                          "sample_wall_s": wall, "sample_cpu_s": cpu,
                          "wall_s": wall * scale, "cpu_s": cpu * scale}
        for jobs in (1, 2):
            (checked, problems), wall, cpu = timed(lambda: validate_store(store, jobs=jobs))
            figures[f"new_jobs{jobs}"] = {"reviews": checked, "problems": len(problems),
                                          "wall_s": wall, "cpu_s": cpu}
    figures["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    figures["load_average_after"] = os.getloadavg()

    old, new1, new2 = figures["old"], figures["new_jobs1"], figures["new_jobs2"]
    print(f"{figures['reviews']} reviews, {figures['triples']:,} triples in {location}; "
          f"load average {figures['load_average'][0]:.1f}")
    print(f"{'':34s} {'wall (s)':>9s} {'CPU (s)':>9s} {'x old (CPU)':>12s}")
    print(f"{'old: pyshacl per review (extrap.)':34s} {old['wall_s']:9.1f} {old['cpu_s']:9.1f}"
          f" {1:12.1f}   ({old['sample']} reviews: {old['sample_cpu_s']:.1f} s CPU)")
    for name, row in (("new: SPARQL checks, 1 thread", new1),
                      ("new: SPARQL checks, 2 threads", new2)):
        print(f"{name:34s} {row['wall_s']:9.1f} {row['cpu_s']:9.1f} "
              f"{old['cpu_s'] / row['cpu_s']:12.1f}   ({row['problems']} problems)")
    print(f"compiling {figures['compile']['checks']} checks: "
          f"{figures['compile']['cpu_s']:.2f} s CPU; peak RSS {figures['peak_rss_mb']} MB")
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
