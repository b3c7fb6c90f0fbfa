"""`kinmap validate` of a whole store: this code against a baseline commit, in one run.

Reads a store of fictional full-length reviews (about 12,500 triples each, a
300 kB overview report): `--store PATH` as it is (read only), or one it builds
once with `synthetic_corpus` and the library's `store.load_each`. Then, in the
same run and in this order:

- baseline: `validate_store` of `--baseline` (a git commit, default `main`),
  in a child process running that commit's kinmap (`git archive` into a
  temporary folder), with `--jobs` threads;
- each check alone: this code's queries, one check after another, no screens
  (`store_violations(screened=False)`), with `--jobs` threads;
- new: `validate_store` as `kinmap validate` runs it (the screens of
  graph/shape_plan.py), with 1 thread and with `--jobs` threads;
- optionally (`--pyshacl N`), pyshacl on N reviews spread over the store,
  extrapolated: what `kinmap validate` did before the checks became SPARQL.

Times are wall and CPU (the process's own, all its threads); on a shared machine
CPU is the steadier figure, and the load average is printed before and after.
See benchmarks/README-validate.md for the figures and what they mean.

    .venv/bin/python benchmarks/bench_validate.py --store /var/tmp/full-2000
    .venv/bin/python benchmarks/bench_validate.py --reviews 100  # builds one, then reuses it
"""
from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from synthetic import synthetic_casemap  # noqa: E402

from kinmap.graph.store import open_store  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
#: Reviews a transaction of the build holds, and reviews generated at once.
BATCH = 50

#: What the child process runs: the baseline commit's validate_store, timed.
BASELINE = """
import json, sys, time
from kinmap.graph.store import open_store
from kinmap.validation import validate_store
from kinmap.graph.shape_queries import shape_checks
shape_checks()
with open_store(sys.argv[1], read_only=True) as store:
    start, cpu = time.perf_counter(), time.process_time()
    checked, problems = validate_store(store, jobs=int(sys.argv[2]))
    print(json.dumps({"reviews": checked, "problems": len(problems),
                      "wall_s": time.perf_counter() - start,
                      "cpu_s": time.process_time() - cpu}))
"""


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


def baseline(location: str, commit: str, jobs: int) -> dict:
    """validate_store of `commit`'s kinmap over the store, in a child process."""
    with tempfile.TemporaryDirectory(prefix="kinmap-baseline-") as folder:
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", commit, "kinmap"],
                                 check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", folder], input=archive, check=True)
        child = subprocess.run([sys.executable, "-c", BASELINE, location, str(jobs)],
                               env={**os.environ, "PYTHONPATH": folder}, cwd=folder,
                               check=True, capture_output=True, text=True)
    figures = json.loads(child.stdout.strip().splitlines()[-1])
    figures["commit"] = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short",
                                        commit], capture_output=True, text=True).stdout.strip()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", default=None,
                        help="the store folder (built if missing, else read as it is)")
    parser.add_argument("--reviews", type=int, default=100, help="reviews to build")
    parser.add_argument("--size", type=int, default=11, help="11: full-length reviews")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--baseline", default="main", help="the commit to compare with "
                        "(none: skip it)")
    parser.add_argument("--jobs", type=int, default=2, help="threads (default 2)")
    parser.add_argument("--pyshacl", type=int, default=0, metavar="N",
                        help="also time pyshacl on N reviews, extrapolated")
    parser.add_argument("--no-alone", action="store_true",
                        help="skip the run of each check alone (this code, no screens)")
    parser.add_argument("--json", default=None, help="also write the figures here")
    args = parser.parse_args()
    location = args.store or f"/tmp/kinmap-bench-validate-{args.reviews}x{args.size}"
    if not Path(location).exists():
        print(f"building {location}", file=sys.stderr)
        build(location, args.reviews, args.size, args.seed)

    from kinmap.graph.shape_queries import shape_checks, store_violations
    from kinmap.validation import validate_store

    figures: dict = {"store": location, "load_average": os.getloadavg()}
    _, _, compile_cpu = timed(shape_checks)
    figures["compile"] = {"checks": len(shape_checks()), "cpu_s": compile_cpu}
    rows: list[tuple[str, dict]] = []
    if args.baseline != "none":
        print(f"baseline {args.baseline} ...", file=sys.stderr, flush=True)
        figures["baseline"] = baseline(location, args.baseline, args.jobs)
        rows.append((f"baseline {figures['baseline']['commit']}, {args.jobs} threads",
                     figures["baseline"]))
    with open_store(location, read_only=True) as store:
        ids = store.review_ids()
        figures["reviews"] = len(ids)
        figures["triples"] = store.triple_count()
        if not args.no_alone:
            print("each check alone ...", file=sys.stderr, flush=True)
            found, wall, cpu = timed(lambda: store_violations(store, jobs=args.jobs,
                                                              screened=False))
            figures["each_check_alone"] = {"problems": len(found), "wall_s": wall,
                                           "cpu_s": cpu}
            rows.append((f"each check alone, {args.jobs} threads",
                         figures["each_check_alone"]))
        for jobs in sorted({1, args.jobs}):
            print(f"new, {jobs} thread(s) ...", file=sys.stderr, flush=True)
            (checked, problems), wall, cpu = timed(lambda: validate_store(store, jobs=jobs))
            figures[f"new_jobs{jobs}"] = {"reviews": checked, "problems": len(problems),
                                          "wall_s": wall, "cpu_s": cpu}
            rows.append((f"new (screens), {jobs} thread{'s' * (jobs > 1)}",
                         figures[f"new_jobs{jobs}"]))
        if args.pyshacl:
            from kinmap.graph.shacl import validate_triples
            sample = ids[::max(1, len(ids) // args.pyshacl)][:args.pyshacl]
            problems, wall, cpu = timed(lambda: sum(
                len(validate_triples(rid, store.graph_triples(rid))) for rid in sample))
            scale = len(ids) / len(sample)
            figures["pyshacl"] = {"sample": len(sample), "problems": problems,
                                  "wall_s": wall * scale, "cpu_s": cpu * scale}
            rows.append((f"pyshacl per review ({len(sample)}, extrapolated)",
                         figures["pyshacl"]))
    figures["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    figures["load_average_after"] = os.getloadavg()

    reference = rows[0][1]["cpu_s"]
    print(f"{figures['reviews']} reviews, {figures['triples']:,} triples in {location}; "
          f"load average {figures['load_average'][0]:.1f} before, "
          f"{figures['load_average_after'][0]:.1f} after")
    print("| run | wall (s) | CPU (s) | CPU per review (ms) | CPU x first row | problems |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, row in rows:
        print(f"| {name} | {row['wall_s']:.1f} | {row['cpu_s']:.1f} | "
              f"{1000 * row['cpu_s'] / figures['reviews']:.0f} | "
              f"{row['cpu_s'] / reference:.2f} | {row['problems']} |")
    print(f"compiling {figures['compile']['checks']} checks: "
          f"{figures['compile']['cpu_s']:.2f} s CPU; peak RSS {figures['peak_rss_mb']} MB")
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
