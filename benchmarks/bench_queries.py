"""Time every named query on a synthetic store, against rdflib's memory graph as baseline.

    python benchmarks/bench_queries.py [--reviews 2000] [--baseline-limit 120]

Loads N synthetic reviews (benchmarks/synthetic.py) into a fresh embedded store
(Oxigraph) the way `kinmap load` does (each review with its stored answers),
and into rdflib's in-memory Dataset, then times, in the same run:

- kinmap: the named query as `kinmap query` runs it (over the whole store it
  folds the stored answers; over one review it runs the SPARQL live);
- live SPARQL: the query's SPARQL file on Oxigraph, unbound over the whole
  store or with ?g bound to one review (what kinmap did before stored answers);
- rdflib: the same SPARQL on rdflib's memory Dataset, in a child process with a
  time limit, so a query that does not finish is reported as '> limit'.

Medians of 5 runs (3 on rdflib), and the ratio rdflib / kinmap. It also
reports what the stored answers cost at load time. The bar of issue 5: every
named query under 200 ms on the embedded store.
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

from kinmap.graph.mapping import casemap_to_quads  # noqa: E402
from kinmap.graph.queries import QUERIES, Options, run_query  # noqa: E402
from kinmap.graph.queries.rows import query_text  # noqa: E402
from kinmap.graph.store import open_store, prepare  # noqa: E402
from kinmap.ontology import graph_iri  # noqa: E402
from pyoxigraph import NamedNode  # noqa: E402

RUNS = 5


def median_ms(fn, runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def _time_job(dataset, text: str, bound: dict, queue) -> None:
    from rdflib import URIRef
    init = {k: URIRef(v) for k, v in bound.items()}
    queue.put(median_ms(lambda: list(dataset.query(text, initBindings=init)), runs=3))


def _rdflib_worker(nquads: bytes, jobs: list, limit_s: float, queue) -> None:
    """Load the dataset into rdflib once, then time each (label, sparql, bindings) job.

    Each job runs in a child forked from this process, which shares the loaded
    dataset; a job over `limit_s` is stopped by killing its child only.
    """
    from rdflib import Dataset

    dataset = Dataset()
    start = time.perf_counter()
    dataset.parse(data=nquads.decode("utf-8"), format="nquads")
    queue.put(("load", (time.perf_counter() - start) * 1000))
    fork = multiprocessing.get_context("fork")
    for label, text, bound in jobs:
        answer = fork.Queue()
        child = fork.Process(target=_time_job, args=(dataset, text, bound, answer))
        child.start()
        try:
            queue.put((label, answer.get(timeout=limit_s)))
        except Exception:  # queue.Empty: over the limit
            queue.put((label, None))
        finally:
            child.kill()
            child.join()
    queue.put(("done", None))


def rdflib_times(nquads: bytes, jobs: list, limit_s: float) -> dict[str, float | None]:
    """Per job: median ms on rdflib, None when it ran over `limit_s`."""
    queue = multiprocessing.get_context("fork").Queue()
    worker = multiprocessing.get_context("fork").Process(
        target=_rdflib_worker, args=(nquads, jobs, limit_s, queue))
    worker.start()
    found: dict[str, float | None] = {}
    try:
        while True:
            label, ms = queue.get(timeout=3600)
            if label == "done":
                break
            found[label] = ms
    finally:
        worker.terminate()
        worker.join()
    return found


def answer_cost_ms(corpus: list, sample: int = 200) -> tuple[float, float]:
    """Per review: ms to make its quads alone, and with its stored answers."""
    picks = corpus[:sample]
    start = time.perf_counter()
    for cm in picks:
        casemap_to_quads(cm)
    quads_ms = (time.perf_counter() - start) * 1000 / len(picks)
    start = time.perf_counter()
    for cm in picks:
        prepare([cm])
    return quads_ms, (time.perf_counter() - start) * 1000 / len(picks)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reviews", type=int, default=2000)
    parser.add_argument("--baseline-limit", type=float, default=120,
                        help="seconds rdflib may take for one query (default 120)")
    parser.add_argument("--no-baseline", action="store_true",
                        help="skip rdflib (at 2,000 reviews it takes minutes to load, and "
                             "its store-wide queries do not finish)")
    args = parser.parse_args(argv)

    corpus = synthetic_corpus(args.reviews)
    one = corpus[len(corpus) // 2].review.id
    quads_ms, prepared_ms = answer_cost_ms(corpus)
    with tempfile.TemporaryDirectory() as folder, open_store(f"{folder}/store") as store:
        start = time.perf_counter()
        for outcome in store.load_each([[cm] for cm in corpus]):
            if not isinstance(outcome, list):
                raise outcome
        load_s = time.perf_counter() - start
        triples = store.triple_count()
        rows, jobs = [], []
        for name in QUERIES:
            for scope, options in (("store", Options()), ("review", Options(review=one))):
                bound = {"g": graph_iri(one)} if options.review else {}
                text = query_text(f"{name}.rq")
                full = median_ms(lambda: run_query(store, name, options))
                raw = median_ms(lambda: store.select(
                    text, {k: NamedNode(v) for k, v in bound.items()}), runs=3)
                label = f"{name} ({scope})"
                rows.append([label, full, raw])
                jobs.append((label, text, bound))
        from pyoxigraph import RdfFormat, serialize
        nquads = serialize(store.quads(), format=RdfFormat.N_QUADS)
    baseline = {} if args.no_baseline else rdflib_times(nquads, jobs, args.baseline_limit)

    print(f"{args.reviews} synthetic reviews, {triples:,} triples; Oxigraph load "
          f"{load_s:.1f} s; rdflib load "
          + ("not run" if args.no_baseline else f"{baseline['load'] / 1000:.1f} s"
             if "load" in baseline else "did not finish"))
    print(f"stored answers at load: quads {quads_ms:.2f} ms/review, quads and answers "
          f"{prepared_ms:.2f} ms/review (done in a second thread while writing)")
    print(f"{'query':36} {'kinmap ms':>10} {'live ms':>10} {'rdflib ms':>10} {'ratio':>8}")
    for label, full, raw in rows:
        base = baseline.get(label)
        over = "not run" if args.no_baseline else f"> {args.baseline_limit:g} s"
        shown = f"{base:10.1f}" if base is not None else f"{over:>10}"
        ratio = f"{base / full:7.0f}x" if base is not None and full else "       -"
        print(f"{label:36} {full:10.1f} {raw:10.1f} {shown} {ratio}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
