"""Answers at the prompt: `kinmap` commands end to end, against the same answer in the library.

    python benchmarks/bench_prompt.py build --reviews 2000 --scale 11 --store /tmp/full-2000
    python benchmarks/bench_prompt.py build --reviews 6000 --store /tmp/synthetic-6000
    python benchmarks/bench_prompt.py run --store /tmp/full-2000 --store /tmp/synthetic-6000

`build` loads synthetic reviews through the library (much faster than
extracting documents; `--scale 11` gives full-length reviews of about 12,500
triples each). Build each store once and reuse it: `run` only reads.

`run` times each command as an analyst runs it, a new `kinmap` process with
its output to a file (median of 5), and beside it the same answer made in this
process with the store already open (median of 5): the baseline of the same
run, so the ratio says what start-up, opening the store and writing the output
add. Start-up is `kinmap --version` and `--help`. CPU time of the child
processes is shown too: on a busy machine it is steadier than wall time.
"""
from __future__ import annotations

import argparse
import io
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

RUNS = 5
KINMAP = [str(Path(sys.executable).parent / "kinmap")]


def build(store_path: str, reviews: int, scale: int, copies: int = 1, seed: int = 7) -> None:
    """A store of synthetic reviews, loaded through the library.

    With `copies` above 1, reviews / copies distinct reviews are prepared by the
    library (their graphs, stored answers and facts, as `kinmap load` writes them)
    and each is written `copies` times under other ids, its N-Quads with the id
    replaced, by Oxigraph's bulk loader: a store of 25 million triples then takes
    minutes to make instead of over an hour on a shared 2-core machine. Each copy
    is what loading that review under the other id writes (every IRI, answer
    row and fact of a review derives from its id), so the store-wide answers
    have the size and shape of a store of that many reviews.
    """
    from pyoxigraph import RdfFormat, serialize
    from synthetic import synthetic_reviews

    from kinmap.graph.store import open_store, prepare

    if reviews % copies:
        raise SystemExit("--reviews must be a multiple of --copies")
    distinct = reviews // copies
    start, cpu = time.perf_counter(), time.process_time()
    with open_store(store_path) as store:
        chunk: list[bytes] = []

        def write() -> None:
            text = b"".join(chunk)
            for copy in range(copies):
                renamed = text if copy == 0 else _renamed(text, copy, distinct)
                store.oxigraph.bulk_load(renamed, format=RdfFormat.N_QUADS)
            chunk.clear()
        for n, casemap in enumerate(synthetic_reviews(distinct, seed, scale), 1):
            chunk.append(serialize(prepare([casemap]), format=RdfFormat.N_QUADS))
            if len(chunk) == 50:
                write()
                print(f"  {n * copies} reviews, {time.perf_counter() - start:.0f} s",
                      file=sys.stderr, flush=True)
        write()
        store.oxigraph.flush()
        store.oxigraph.optimize()  # compact what the bulk loader wrote, as a store in use is
        triples = store.stats()["Triples"]
    print(f"built {store_path}: {reviews} reviews (scale {scale}, {distinct} distinct x "
          f"{copies}), {triples:,} triples, {time.perf_counter() - start:.0f} s wall, "
          f"{time.process_time() - cpu:.0f} s CPU")


def _renamed(nquads: bytes, copy: int, distinct: int) -> bytes:
    """N-Quads of synthetic reviews with each id `synthetic-NNNNN` moved up by
    copy * distinct, and blank node labels kept apart from other copies'."""
    import re
    shifted = re.sub(rb"synthetic-(\d{5})",
                     lambda m: b"synthetic-%05d" % (int(m.group(1)) + copy * distinct), nquads)
    return re.sub(rb"(^|\s)_:", rb"\1_:c%dx" % copy, shifted, flags=re.M)


def commands() -> list[tuple[str, list[str]]]:
    """Every command timed: each named query (table and JSON), stats, reviews."""
    from kinmap.choices import QUERY_NAMES
    out = [(f"query {name}", ["query", name]) for name in QUERY_NAMES]
    out += [(f"query {name} --format json", ["query", name, "--format", "json"])
            for name in QUERY_NAMES]
    out += [("stats", ["stats"]), ("reviews", ["reviews"])]
    return out


def in_library(store, args: list[str]) -> None:
    """The same answer as `kinmap ARGS`, made in this process, written to memory."""
    from kinmap.graph.queries import Options, run_query
    from kinmap.output import write_rows

    out = io.StringIO()
    fmt = args[args.index("--format") + 1] if "--format" in args else "table"
    if args[0] == "query":
        table = run_query(store, args[1], Options())
        write_rows(table.columns, table.rows, fmt, out)
    elif args[0] == "stats":
        write_rows(("kind", "count"), list(store.stats().items()), fmt, out)
    else:
        write_rows(("review", "type", "people", "elements", "source", "title"),
                   [(s.id, s.type, s.people, s.elements, s.source, s.title)
                    for s in store.summaries()], fmt, out)


def timed_process(argv: list[str], out_path: str) -> tuple[float, float]:
    """(wall s, CPU s of the child) of one command, its output to a file."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    with open(out_path, "wb") as out:
        subprocess.run(argv, stdout=out, stderr=subprocess.DEVNULL, check=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def median_of(fn, runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def run(stores: list[str], out_dir: str) -> None:
    from kinmap.graph.store import open_store

    print(f"load average {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} "
          f"{os.getloadavg()[2]:.2f} on {os.cpu_count()} cores; median of {RUNS}")
    out_path = os.path.join(out_dir, "answer.out")
    startup = []
    for label, args in (("--version", ["--version"]), ("--help", ["--help"])):
        walls, cpus = zip(*(timed_process(KINMAP + args, out_path) for _ in range(RUNS)))
        startup.append((label, statistics.median(walls), statistics.median(cpus)))
    python = [timed_process([sys.executable, "-c", "pass"], out_path) for _ in range(RUNS)]
    print(f"\nstart-up (bare python: {statistics.median(w for w, _ in python) * 1000:.0f} ms "
          "wall)")
    for label, wall, cpu in startup:
        print(f"  kinmap {label:10} {wall * 1000:6.0f} ms wall {cpu * 1000:6.0f} ms CPU")
    for path in stores:
        with open_store(path, read_only=True) as store:
            reviews, triples = len(store.review_ids()), store.stats()["Triples"]
            print(f"\n{path}: {reviews:,} reviews, {triples:,} triples")
            print(f"  {'command':44} {'prompt ms':>10} {'CPU ms':>8} {'library ms':>11} "
                  f"{'ratio':>6} {'output':>9}")
            rows = []
            for label, args in commands():
                library = median_of(lambda: in_library(store, args), RUNS)
                rows.append((label, args, library))
        for label, args, library in rows:
            argv = KINMAP + ["--store", path] + args
            walls, cpus = zip(*(timed_process(argv, out_path) for _ in range(RUNS)))
            wall, cpu = statistics.median(walls), statistics.median(cpus)
            size = os.path.getsize(out_path)
            print(f"  {label:44} {wall * 1000:10.0f} {cpu * 1000:8.0f} {library * 1000:11.0f} "
                  f"{wall / library:6.1f} {size / 1e6:8.2f}M")


def main(argv: list[str] | None = None) -> int:
    global RUNS
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="load a store of synthetic reviews")
    b.add_argument("--store", required=True)
    b.add_argument("--reviews", type=int, default=2000)
    b.add_argument("--scale", type=int, default=1, help="11 for full-length reviews")
    b.add_argument("--copies", type=int, default=1,
                   help="write each distinct review this many times under other ids")
    r = sub.add_parser("run", help="time the commands over stores built before")
    r.add_argument("--store", action="append", required=True)
    r.add_argument("--out", default=None, help="folder for the answers (default: a temporary one)")
    r.add_argument("--runs", type=int, default=RUNS, help=f"runs per timing (default {RUNS})")
    args = parser.parse_args(argv)
    if args.command == "build":
        build(args.store, args.reviews, args.scale, args.copies)
    else:
        import tempfile
        RUNS = args.runs
        with tempfile.TemporaryDirectory() as folder:
            run(args.store, args.out or folder)
    return 0


if __name__ == "__main__":
    sys.exit(main())
