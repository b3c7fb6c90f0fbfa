"""Answers at the prompt: `kinmap` commands end to end, against the same answer in the library.

    python benchmarks/bench_prompt.py build --reviews 2000 --scale 11 --copies 10 --store /tmp/full-2000
    python benchmarks/bench_prompt.py build --reviews 6000 --copies 10 --store /tmp/synthetic-6000
    python benchmarks/bench_prompt.py keep --store /tmp/full-2000   # a store built before
    python benchmarks/bench_prompt.py run --store /tmp/full-2000 --store /tmp/synthetic-6000
    python benchmarks/bench_prompt.py load-cost --reviews 10 --scale 11
    python benchmarks/bench_prompt.py load-cost --reviews 16 --documents /var/tmp/nat24

`build` loads synthetic reviews through the library (much faster than
extracting documents; `--scale 11` gives full-length reviews of about 12,500
triples each) and, as `kinmap load` does when its writes are done, keeps the
store-wide answers (kinmap/graph/kept.py). `keep` does only that last step, for
a store built by an older kinmap (on a copy: it writes). Build each store once
and reuse it: `run` only reads.

`run` times each command as an analyst runs it, a new `kinmap` process with
its output to a file (median of 5, after one run that writes the .pyc files as
on a user's machine), and beside it, in this process with the store already
open, the CPU time of the answer kept by the writer (for the listings, the
listing streamed from each review's printed text to a file, as the prompt
writes it), of writing the answer's rows out, and of the answer folded from
every review's stored rows (what kinmap did before, and still does when the
kept answer is stale): the baselines of the same run. CPU time is shown for
the child processes too: on a busy machine it is steadier than wall time, and
the child's peak memory. Start-up is `kinmap --version` and `--help`.

`load-cost` measures what making the listings' printed text at load
(kinmap/graph/queries/fragments.py) adds to preparing a review for the store:
CPU per review and the size of what is stored.
"""
from __future__ import annotations

import argparse
import io
import os
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
        kept_wall, kept_cpu = keep_answers(store)
        triples = store.stats()["Triples"]
    print(f"built {store_path}: {reviews} reviews (scale {scale}, {distinct} distinct x "
          f"{copies}), {triples:,} triples, {time.perf_counter() - start:.0f} s wall, "
          f"{time.process_time() - cpu:.0f} s CPU, of which keeping the store-wide answers "
          f"{kept_wall:.0f} s wall, {kept_cpu:.0f} s CPU")


def load_cost(reviews: int, scale: int, seed: int = 7, documents: str | None = None) -> None:
    """What making the listings' printed text (queries/fragments.py) adds to preparing
    a review for the store: CPU per review, and what it adds to the stored values.
    Synthetic reviews, or with `documents` the reviews read from the documents of that
    folder (reading them is not timed)."""
    from synthetic import synthetic_reviews

    if documents:
        from kinmap.loaders import read
        paths = sorted(Path(documents).iterdir())[:reviews]
        casemaps = [c for path in paths for c in read(path)]
        what = f"{len(casemaps)} reviews read from {documents}"
    else:
        casemaps = synthetic_reviews(reviews, seed, scale)
        what = f"{reviews} synthetic reviews at scale {scale}"

    from kinmap.graph.queries import stored
    from kinmap.graph.store import prepare

    made = {"cpu": 0.0}
    printed_quads = stored._printed_quads

    def timed(*args):
        start = time.process_time()
        try:
            return printed_quads(*args)
        finally:
            made["cpu"] += time.process_time() - start
    stored._printed_quads = timed
    total_cpu, sizes = 0.0, {"review": 0, "rows": 0, "printed": 0}
    try:
        count = 0
        for casemap in casemaps:
            count += 1
            start = time.process_time()
            quads = prepare([casemap])
            total_cpu += time.process_time() - start
            for q in quads:
                size = len(q.object.value.encode()) if hasattr(q.object, "value") else 0
                stored_name = q.predicate.value.partition(f"/v/{stored.VERSION}/")[2]
                # a stored value is named after its query or fact; printed text NAME.PART.DIGEST
                part = "printed" if "." in stored_name else "rows" if stored_name else "review"
                sizes[part] += size
    finally:
        stored._printed_quads = printed_quads
    reviews = count
    print(f"{what}: preparing one for the store "
          f"{total_cpu / reviews * 1000:.0f} ms CPU, of which the listings' printed text "
          f"{made['cpu'] / reviews * 1000:.1f} ms ({100 * made['cpu'] / total_cpu:.1f}%)")
    print(f"  stored values per review: literals of the review {sizes['review'] / reviews / 1e3:.0f}"
          f" kB, stored rows and facts {sizes['rows'] / reviews / 1e3:.0f} kB, the listings' "
          f"printed text {sizes['printed'] / reviews / 1e3:.0f} kB")


def keep_answers(store) -> tuple[float, float]:
    """What `kinmap load` does when its writes are done: fold the store once and keep
    the store-wide answers (kinmap/graph/kept.py). (wall s, CPU s)"""
    from kinmap.graph.kept import keep
    start, cpu = time.perf_counter(), time.process_time()
    keep(store)
    return time.perf_counter() - start, time.process_time() - cpu


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


def answer(store, args: list[str], folded: bool = False) -> tuple[list, list]:
    """The columns and rows of `kinmap ARGS`, made in this process: as kept by the
    writer (what the library answers when they are current), or `folded` from each
    review's stored rows (what it answers when they are not, and did before)."""
    from kinmap.graph import identity
    from kinmap.graph.queries import Options, get_query, run_query, storewide
    from kinmap.graph.queries.facts import stats_over_store, summaries_over_store

    if args[0] == "query":
        query = get_query(args[1])
        if folded:
            extra = {"same": identity.links(store)} if query.follows_links else {}
            table = storewide.folded_answer(store, query, Options(), extra)
        else:
            table = run_query(store, args[1], Options())
        return table.columns, table.rows
    if args[0] == "stats":
        counts = stats_over_store(store) if folded else store.stats()
        return ["kind", "count"], list(counts.items())
    summaries = summaries_over_store(store) if folded else store.summaries()
    return (["review", "type", "people", "elements", "source", "title"],
            [(s.id, s.type, s.people, s.elements, s.source, s.title) for s in summaries])


def streamed(store, args: list[str], out_path: str) -> bool:
    """A listing written as the prompt writes it, from each review's printed text
    (kinmap/graph/listings.py), to a file; False for the other commands."""
    from kinmap.graph.listings import streams, write_listing
    from kinmap.graph.queries import Options
    if args[0] != "query" or not streams(args[1], vars(Options())):
        return False
    fmt = args[args.index("--format") + 1] if "--format" in args else "table"
    with open(out_path, "wb") as out:
        write_listing(store, args[1], fmt, out)
    return True


def written(columns: list, rows: list, args: list[str]) -> None:
    """The answer written out in this process, to memory, as the command prints it."""
    from kinmap.output import write_rows
    fmt = args[args.index("--format") + 1] if "--format" in args else "table"
    write_rows(columns, rows, fmt, io.StringIO())


#: As on a user's machine: Python writes each module's bytecode (.pyc) on first import
#: and reads it afterwards. The sandbox sets PYTHONDONTWRITEBYTECODE=1, which would
#: compile kinmap's own modules from source at every start; `run` starts each command
#: once before timing it, which writes them.
USER_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def timed_process(argv: list[str], out_path: str) -> tuple[float, float]:
    """(wall s, CPU s of the child) of one command, its output to a file."""
    start = time.perf_counter()
    with open(out_path, "wb") as out:
        child = subprocess.Popen(argv, stdout=out, stderr=subprocess.DEVNULL, env=USER_ENV)
        _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status):
        raise subprocess.CalledProcessError(os.waitstatus_to_exitcode(status), argv)
    return wall, usage.ru_utime + usage.ru_stime


def peak_of(argv: list[str], out_path: str) -> float:
    """The peak memory (MB) of one command, measured by /usr/bin/time: the child's own
    getrusage counts the memory of this process it was forked from."""
    report = out_path + ".peak"
    with open(out_path, "wb") as out:
        subprocess.run(["/usr/bin/time", "-f", "%M", "-o", report, *argv], stdout=out,
                       stderr=subprocess.DEVNULL, check=True, env=USER_ENV)
    with open(report) as peak:
        return int(peak.read().split()[-1]) / 1024


def median_of(fn, runs: int = RUNS) -> float:
    """Median CPU seconds of this process over `runs` calls (steadier than wall time
    on a shared machine; the store's reads run in this thread)."""
    times = []
    for _ in range(runs):
        start = time.process_time()
        fn()
        times.append(time.process_time() - start)
    return statistics.median(times)


def run(stores: list[str], out_dir: str) -> None:
    from kinmap.graph.store import open_store

    load = os.getloadavg()
    print(f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} on {os.cpu_count()} cores; "
          f"median of {RUNS}; .pyc written as on a user's machine")
    out_path = os.path.join(out_dir, "answer.out")
    startup = []
    for label, args in (("--version", ["--version"]), ("--help", ["--help"])):
        timed_process(KINMAP + args, out_path)  # writes the .pyc files
        walls, cpus = zip(*(timed_process(KINMAP + args, out_path) for _ in range(RUNS)))
        startup.append((label, statistics.median(walls), statistics.median(cpus)))
    python = [timed_process([sys.executable, "-c", "pass"], out_path) for _ in range(RUNS)]
    print(f"\nstart-up (bare python: {statistics.median(w for w, _ in python) * 1000:.0f} ms "
          f"wall, {statistics.median(c for _, c in python) * 1000:.0f} ms CPU)")
    for label, wall, cpu in startup:
        print(f"  kinmap {label:10} {wall * 1000:6.0f} ms wall {cpu * 1000:6.0f} ms CPU")
    for path in stores:
        with open_store(path, read_only=True) as store:
            reviews, triples = len(store.review_ids()), store.stats()["Triples"]
            print(f"\n{path}: {reviews:,} reviews, {triples:,} triples")
            print("  library columns: CPU ms in this process, store open: the kept answer, "
                  "the listing streamed from each review's printed text to a file, writing "
                  "the answer's rows out, the answer folded from each review's rows (as before)")
            print(f"  {'command':44} {'prompt ms':>10} {'CPU ms':>8} {'kept':>7} "
                  f"{'stream':>7} {'output':>7} {'folded':>7} {'size':>8} {'peak':>7}")
            rows = []
            for label, args in commands():
                columns, found = answer(store, args)
                if streamed(store, args, out_path):
                    kept = None
                    stream = median_of(lambda: streamed(store, args, out_path), RUNS)
                else:
                    kept = median_of(lambda: answer(store, args), RUNS)
                    stream = None
                output = median_of(lambda: written(columns, found, args), RUNS)
                folded = median_of(lambda: answer(store, args, folded=True), max(1, RUNS // 2))
                rows.append((label, args, kept, stream, output, folded))
        for label, args, kept, stream, output, folded in rows:
            argv = KINMAP + ["--store", path] + args
            timed_process(argv, out_path)
            walls, cpus = zip(*(timed_process(argv, out_path) for _ in range(RUNS)))
            peak = peak_of(argv, out_path)
            wall, cpu = statistics.median(walls), statistics.median(cpus)
            size = os.path.getsize(out_path)
            print(f"  {label:44} {wall * 1000:10.0f} {cpu * 1000:8.0f} {_ms(kept):>7} "
                  f"{_ms(stream):>7} {output * 1000:7.0f} {folded * 1000:7.0f} "
                  f"{size / 1e6:7.2f}M {peak:6.0f}M", flush=True)
    load = os.getloadavg()
    print(f"\nload average at the end {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")


def _ms(seconds: float | None) -> str:
    return "-" if seconds is None else f"{seconds * 1000:.0f}"


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
    k = sub.add_parser("keep", help="keep the store-wide answers of a store built before "
                       "(as `kinmap load` does when its writes are done)")
    k.add_argument("--store", required=True)
    c = sub.add_parser("load-cost", help="CPU and size the listings' printed text adds to "
                       "preparing a review")
    c.add_argument("--reviews", type=int, default=10)
    c.add_argument("--scale", type=int, default=11)
    c.add_argument("--documents", help="a folder of review documents to read instead")
    r = sub.add_parser("run", help="time the commands over stores built before")
    r.add_argument("--store", action="append", required=True)
    r.add_argument("--out", default=None, help="folder for the answers (default: a temporary one)")
    r.add_argument("--runs", type=int, default=RUNS, help=f"runs per timing (default {RUNS})")
    args = parser.parse_args(argv)
    if args.command == "build":
        build(args.store, args.reviews, args.scale, args.copies)
    elif args.command == "load-cost":
        load_cost(args.reviews, args.scale, documents=args.documents)
    elif args.command == "keep":
        from kinmap.graph.store import open_store
        with open_store(args.store) as store:
            wall, cpu = keep_answers(store)
        print(f"kept the store-wide answers of {args.store}: {wall:.1f} s wall, "
              f"{cpu:.1f} s CPU")
    else:
        import tempfile
        RUNS = args.runs
        with tempfile.TemporaryDirectory() as folder:
            run(args.store, args.out or folder)
    return 0


if __name__ == "__main__":
    sys.exit(main())
