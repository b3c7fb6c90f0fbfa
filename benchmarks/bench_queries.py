"""Time every named query on a synthetic store, against rdflib's memory graph as baseline.

    python benchmarks/bench_queries.py [--reviews 2000] [--baseline-limit 120]

Loads N synthetic reviews (benchmarks/synthetic.py) into a fresh embedded store
(Oxigraph) and into rdflib's in-memory Dataset, then runs each named query's
SPARQL over the whole store and over one review on both, in the same run. The
kinmap column is the full named query (SPARQL plus its Python step), the
others the SPARQL alone. rdflib runs in a child process with a time limit, so
a query that does not finish is reported as '> limit' instead of hanging the
benchmark. Reports medians of 5 runs and the ratio rdflib / Oxigraph. The bar
of issue 5: every named query under 200 ms on the embedded store.
"""
from __future__ import annotations

import argparse
import multiprocessing
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import synthetic_corpus  # noqa: E402

from kinmap.graph.queries import QUERIES, Options, bindings, run_query  # noqa: E402
from kinmap.graph.store import PREFIXES, open_store  # noqa: E402

RUNS = 5


def median_ms(fn, runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def sparql_of(name: str) -> str:
    return PREFIXES + QUERIES[name].text


def _rdflib_worker(nquads: bytes, jobs: list, queue) -> None:
    """Load the dataset into rdflib and time each (label, sparql, bindings) job."""
    from rdflib import Dataset, URIRef

    dataset = Dataset()
    start = time.perf_counter()
    dataset.parse(data=nquads.decode("utf-8"), format="nquads")
    queue.put(("load", (time.perf_counter() - start) * 1000))
    for label, text, bound in jobs:
        init = {k: URIRef(v) for k, v in bound.items()}
        queue.put((label, median_ms(lambda: list(dataset.query(text, initBindings=init)),
                                    runs=3)))


def rdflib_times(nquads: bytes, jobs: list, limit_s: float) -> dict[str, float | None]:
    """Per job: median ms on rdflib, None when it ran over `limit_s`.

    A job over its limit is stopped with its worker, and a new worker (which
    loads the data again) goes on with the jobs after it.
    """
    found: dict[str, float | None] = {}
    remaining = list(jobs)
    while remaining:
        queue = multiprocessing.Queue()
        worker = multiprocessing.Process(target=_rdflib_worker,
                                         args=(nquads, remaining, queue))
        worker.start()
        try:
            label, ms = queue.get(timeout=max(limit_s, 600))  # the load
            found.setdefault(label, ms)
            while remaining:
                label, ms = queue.get(timeout=limit_s)
                found[label] = ms
                remaining = [job for job in remaining if job[0] != label]
        except Exception:  # queue.Empty: the next job ran over its limit
            if remaining:
                found[remaining[0][0]] = None
                remaining = remaining[1:]
        finally:
            worker.terminate()
            worker.join()
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reviews", type=int, default=2000)
    parser.add_argument("--baseline-limit", type=float, default=120,
                        help="seconds rdflib may take for one query (default 120)")
    args = parser.parse_args(argv)

    corpus = synthetic_corpus(args.reviews)
    one = corpus[0].review.id
    with tempfile.TemporaryDirectory() as folder, open_store(f"{folder}/store") as store:
        start = time.perf_counter()
        for cm in corpus:
            store.load([cm])
        load_s = time.perf_counter() - start
        triples = store.stats()["Triples"]
        rows, jobs = [], []
        for name in QUERIES:
            for scope, options in (("store", Options()), ("review", Options(review=one))):
                kind = name == "absent-agencies"
                bound = bindings(store, options, kind=kind)
                text = sparql_of(name)
                full = median_ms(lambda: run_query(store, name, options))
                raw = median_ms(lambda: store.select(text, bound))
                label = f"{name} ({scope})"
                rows.append([label, full, raw])
                jobs.append((label, text, {k: v.value for k, v in bound.items()}))
        from pyoxigraph import RdfFormat, serialize
        nquads = serialize(store.oxigraph.quads_for_pattern(None, None, None),
                           format=RdfFormat.N_QUADS)
    baseline = rdflib_times(nquads, jobs, args.baseline_limit)

    print(f"{args.reviews} synthetic reviews, {triples:,} triples; Oxigraph load "
          f"{load_s:.1f} s; rdflib load "
          + (f"{baseline['load'] / 1000:.1f} s" if "load" in baseline else "did not finish"))
    print(f"{'query':36} {'kinmap ms':>10} {'SPARQL ms':>10} {'rdflib ms':>10} {'ratio':>8}")
    for label, full, raw in rows:
        base = baseline.get(label)
        over = f"> {int(args.baseline_limit)} s"
        shown = f"{base:10.1f}" if base is not None else f"{over:>10}"
        ratio = f"{base / raw:7.0f}x" if base is not None and raw else "       -"
        print(f"{label:36} {full:10.1f} {raw:10.1f} {shown} {ratio}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
