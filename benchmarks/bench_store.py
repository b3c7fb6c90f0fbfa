"""Compare storage engines for kinmap's store on a synthetic corpus of reviews.

    python benchmarks/bench_store.py [--reviews 2000] [--engines rdflib,oxigraph,...]

Each engine runs in a fresh subprocess (so peak RSS is its own) on the same
deterministic corpus (benchmarks/synthetic.py), loading one review per
transaction as `kinmap load` does file by file. Reported per engine: load time,
re-open time, peak RSS, median time of the store-wide grouped count that
`kinmap stats` runs, median time to read one review back as a CaseMap, and
size on disk. Ratios are against the rdflib memory store measured in the same
run; nothing here asserts a time.

Engines:
  rdflib           rdflib.Dataset in memory; the whole dataset saved as TriG at the
                   end (load = add + save) and re-opened by parsing the TriG (baseline)
  oxigraph         kinmap's EmbeddedStore (pyoxigraph on disk), loaded as `kinmap load`
                   does: store.load_each([[cm] for cm in corpus]), one transaction per
                   review, each with its stored query answers, the next review prepared
                   in a second thread while one is written
  oxigraph-update  the same store, but each review written with
                   store.update(replace_graphs_update([cm])) in one thread: the same
                   data, without the second thread or load()'s check of which reviews
                   are already there (a diagnostic of kinmap's load path)
  oxrdflib         rdflib's Dataset API over a pyoxigraph store on disk (oxrdflib)
"""
from __future__ import annotations

import argparse
import gc
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # run from a checkout without installing
sys.path.insert(0, str(HERE))

ENGINES = ("rdflib", "oxigraph", "oxigraph-update", "oxrdflib")
BASELINE = "rdflib"
COUNT_RUNS = 5
QUERY_LIMIT_S = 300.0  # per engine, for the runs of one query; --query-limit
READ_SAMPLES = 20
PROGRESS_EVERY = 250
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


# ---------------------------------------------------------------- helpers

def peak_rss_mb() -> float:
    """Peak resident set size of this process so far (ru_maxrss is KiB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def disk_bytes(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def median_ms(fn: Callable[[], Any], runs: int) -> tuple[float, Any]:
    """Median wall time of `runs` calls in milliseconds, and the last result."""
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), result


class QueryTooSlow(Exception):
    """A timed query ran past the time limit and was stopped."""


def timed_query(fn: Callable[[], Any], runs: int, limit_s: float) -> dict:
    """Time up to `runs` calls of fn: median and min in ms, the runs done, the last result.

    A call still running after limit_s is stopped (a SIGALRM interrupts rdflib's
    pure-Python evaluation) and the median is None; once the calls so far add up
    to more than limit_s, no further call is made.
    """
    import signal

    def stop(_signum: int, _frame: Any) -> None:
        raise QueryTooSlow

    times: list[float] = []
    cpu_times: list[float] = []
    result = None
    previous = signal.signal(signal.SIGALRM, stop)
    try:
        for _ in range(runs):
            start, cpu = time.perf_counter(), time.process_time()
            signal.setitimer(signal.ITIMER_REAL, limit_s)
            try:
                result = fn()
            except QueryTooSlow:
                return {"median_ms": None, "min_ms": None, "cpu_ms": None,
                        "runs": len(times), "stopped_after_s": limit_s, "result": result}
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
            times.append((time.perf_counter() - start) * 1000)
            cpu_times.append((time.process_time() - cpu) * 1000)
            if sum(times) > limit_s * 1000:
                break
    finally:
        signal.signal(signal.SIGALRM, previous)
    return {"median_ms": statistics.median(times), "min_ms": min(times),
            "cpu_ms": statistics.median(cpu_times), "runs": len(times),
            "stopped_after_s": None, "result": result}


def record_count(out: dict, timing: dict, counts: Callable[[Any], dict]) -> None:
    """Put a timed grouped count in the results of an engine."""
    out["count_ms"], out["count_min_ms"] = timing["median_ms"], timing["min_ms"]
    out["count_cpu_ms"] = timing["cpu_ms"]
    out["count_runs"], out["count_stopped_s"] = timing["runs"], timing["stopped_after_s"]
    out["counts"] = counts(timing["result"]) if timing["result"] is not None else None


def settle(limit_s: float = 120.0) -> float:
    """Wait until this process is idle (RocksDB compacts in background threads after a
    big load and a re-open) so queries are timed in the steady state; seconds waited."""
    start = time.perf_counter()
    while time.perf_counter() - start < limit_s:
        cpu = time.process_time()
        time.sleep(1.0)
        if time.process_time() - cpu < 0.02:
            break
    return time.perf_counter() - start


def progress(engine: str, done: int, total: int, start: float) -> None:
    if done % PROGRESS_EVERY == 0 or done == total:
        print(f"  [{engine}] {done}/{total} reviews, {time.perf_counter() - start:.1f} s",
              file=sys.stderr, flush=True)


def to_rdflib(term: Any) -> Any:
    """A pyoxigraph term as an rdflib term (xsd:string literals as plain literals,
    which RDF 1.1 makes the same term and rdflib would otherwise keep apart)."""
    import pyoxigraph as ox
    from rdflib import BNode, Literal, URIRef
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    datatype = term.datatype.value
    if datatype == XSD_STRING:
        return Literal(term.value)
    return Literal(term.value, datatype=URIRef(datatype))


def from_rdflib(term: Any) -> Any:
    """An rdflib term as a pyoxigraph term (the inverse of to_rdflib)."""
    import pyoxigraph as ox
    from rdflib import BNode, Literal, URIRef
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    assert isinstance(term, Literal)
    if term.language:
        return ox.Literal(str(term), language=term.language)
    if term.datatype is None:
        return ox.Literal(str(term))
    return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))


def count_query() -> str:
    """The store-wide count of Store.stats(), with its prefixes."""
    from kinmap.graph.store import count_by_type_query
    return count_by_type_query()


def time_reads(out: dict, corpus: list, read: Callable[[str], Any]) -> None:
    """Median time to read one review back as a CaseMap, over READ_SAMPLES reviews
    spread over the corpus, and how many came back equal to what was loaded."""
    n = len(corpus)
    picks = sorted({round(i * (n - 1) / max(READ_SAMPLES - 1, 1)) for i in range(READ_SAMPLES)})
    times, same = [], 0
    for cm in (corpus[i] for i in picks):
        start = time.perf_counter()
        back = read(cm.review.id)
        times.append((time.perf_counter() - start) * 1000)
        same += back == cm
    out["read_ms"] = statistics.median(times)
    out["read_equal"] = f"{same}/{len(picks)}"


# ---------------------------------------------------------------- engines
# Each runs in its own process and returns a dict of measurements.

def run_oxigraph(corpus: list, folder: Path, engine: str) -> dict:
    from kinmap.graph.embedded import EmbeddedStore
    from kinmap.graph.store import replace_graphs_update
    out: dict[str, Any] = {}
    path = folder / "store"
    store = EmbeddedStore(path)
    start, cpu = time.perf_counter(), time.process_time()
    if engine == "oxigraph":  # what `kinmap load` does: one transaction per file
        for done, outcome in enumerate(store.load_each([[cm] for cm in corpus]), 1):
            if not isinstance(outcome, list):
                raise outcome
            progress(engine, done, len(corpus), start)
    else:  # one update per review, in one thread, without load()'s check
        for done, cm in enumerate(corpus, 1):
            store.update(replace_graphs_update([cm]))
            progress(engine, done, len(corpus), start)
    store.close()
    out["load_s"], out["load_cpu_s"] = time.perf_counter() - start, time.process_time() - cpu

    start = time.perf_counter()
    store = EmbeddedStore(path, create=False)
    out["reopen_s"] = time.perf_counter() - start
    out["triples"] = store.triple_count()  # the reviews' triples, not the stored answers
    out["side_triples"] = store.side_triple_count()
    out["settle_s"] = settle()
    sparql = count_query()
    record_count(out, timed_query(lambda: store.select(sparql), COUNT_RUNS, QUERY_LIMIT_S),
                 lambda result: {str(t.value): int(n.value) for t, n in result.rows
                                 if not t.value.endswith("#StoredAnswers")})
    out["stats_ms"], _ = median_ms(store.stats, COUNT_RUNS)
    time_reads(out, corpus, store.casemap)
    store.close()
    out["disk_bytes"] = disk_bytes(path)
    return out


def count_rdflib(out: dict, dataset: Any) -> None:
    """Triples, then the timed store-wide count, through an rdflib Dataset."""
    out["triples"] = len(dataset)
    out["settle_s"] = settle()
    sparql = count_query()
    record_count(out, timed_query(lambda: list(dataset.query(sparql)), COUNT_RUNS,
                                  QUERY_LIMIT_S),
                 lambda result: {str(t): int(n) for t, n in result})


def rdflib_reader(dataset: Any) -> Callable[[str], Any]:
    """Read one review back as a CaseMap from an rdflib Dataset."""
    import pyoxigraph as ox
    from rdflib import URIRef

    from kinmap.graph.mapping import casemaps_from_triples
    from kinmap.ontology import graph_iri

    def read(review_id: str) -> Any:
        graph = dataset.graph(URIRef(graph_iri(review_id)))
        return casemaps_from_triples(
            [ox.Triple(from_rdflib(s), from_rdflib(p), from_rdflib(o)) for s, p, o in graph])[0]
    return read


def run_rdflib(corpus: list, folder: Path, engine: str) -> dict:
    from rdflib import Dataset, URIRef

    from kinmap.graph.mapping import casemap_to_triples
    from kinmap.ontology import graph_iri
    out: dict[str, Any] = {}
    path = folder / "store.trig"
    dataset = Dataset()
    convert_s = 0.0
    start, cpu = time.perf_counter(), time.process_time()
    for done, cm in enumerate(corpus, 1):
        graph = dataset.graph(URIRef(graph_iri(cm.review.id)))
        graph.remove((None, None, None))  # replace any earlier copy, as DROP GRAPH does
        triples = casemap_to_triples(cm)
        t0 = time.perf_counter()
        quads = [(to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object), graph)
                 for t in triples]
        convert_s += time.perf_counter() - t0
        dataset.addN(quads)
        progress(engine, done, len(corpus), start)
    out["add_s"] = time.perf_counter() - start
    out["convert_s"] = convert_s
    t0 = time.perf_counter()
    dataset.serialize(destination=str(path), format="trig")
    out["save_s"] = time.perf_counter() - t0
    out["load_s"] = out["add_s"] + out["save_s"]
    out["load_cpu_s"] = time.process_time() - cpu
    del dataset, graph, quads
    gc.collect()

    start = time.perf_counter()
    dataset = Dataset()
    dataset.parse(str(path), format="trig")
    out["reopen_s"] = time.perf_counter() - start
    count_rdflib(out, dataset)
    # The same count without GRAPH ?g, over the union of the named graphs: how
    # rdflib would have to be queried to be usable (not what Store.stats() sends).
    dataset.default_union = True
    union = count_query().replace("GRAPH ?g { ?s a ?type }", "?s a ?type")
    union_timing = timed_query(lambda: list(dataset.query(union)), COUNT_RUNS, QUERY_LIMIT_S)
    out["count_union_ms"] = union_timing["median_ms"]
    dataset.default_union = False

    time_reads(out, corpus, rdflib_reader(dataset))
    out["disk_bytes"] = disk_bytes(path)
    return out


def run_oxrdflib(corpus: list, folder: Path, engine: str) -> dict:
    from rdflib import Dataset, URIRef

    from kinmap.graph.mapping import casemap_to_triples
    from kinmap.ontology import graph_iri
    out: dict[str, Any] = {}
    path = folder / "store"
    dataset = Dataset(store="Oxigraph")
    dataset.open(str(path), create=True)
    start, cpu = time.perf_counter(), time.process_time()
    for done, cm in enumerate(corpus, 1):
        graph = dataset.graph(URIRef(graph_iri(cm.review.id)))
        dataset.remove_graph(graph)  # replace any earlier copy
        graph = dataset.graph(URIRef(graph_iri(cm.review.id)))
        dataset.addN([(to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object), graph)
                      for t in casemap_to_triples(cm)])  # one extend() = one transaction
        progress(engine, done, len(corpus), start)
    dataset.close()
    out["load_s"], out["load_cpu_s"] = time.perf_counter() - start, time.process_time() - cpu
    del dataset
    gc.collect()

    start = time.perf_counter()
    dataset = Dataset(store="Oxigraph")
    dataset.open(str(path))
    out["reopen_s"] = time.perf_counter() - start
    count_rdflib(out, dataset)

    time_reads(out, corpus, rdflib_reader(dataset))
    dataset.close()
    out["disk_bytes"] = disk_bytes(path)
    return out


RUNNERS = {"rdflib": run_rdflib, "oxigraph": run_oxigraph, "oxigraph-update": run_oxigraph,
           "oxrdflib": run_oxrdflib}


class LoadSampler(threading.Thread):
    """The highest 1-minute load average seen while an engine runs: other work on
    the machine slows wall times (CPU times much less), so the report shows it."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.highest = os.getloadavg()[0]
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(2.0):
            self.highest = max(self.highest, os.getloadavg()[0])


def child(engine: str, reviews: int, seed: int, folder: Path) -> dict:
    """Measure one engine in this (fresh) process."""
    sampler = LoadSampler()
    sampler.start()
    from synthetic import synthetic_corpus

    from kinmap.graph.mapping import casemap_to_triples
    start = time.perf_counter()
    corpus = synthetic_corpus(reviews, seed)
    generate_s = time.perf_counter() - start
    rss_corpus = peak_rss_mb()
    start = time.perf_counter()
    expected = sum(len(casemap_to_triples(cm)) for cm in corpus)
    mapping_s = time.perf_counter() - start
    gc.collect()
    result = RUNNERS[engine](corpus, folder, engine)
    result.update(engine=engine, reviews=reviews, generate_s=generate_s, mapping_s=mapping_s,
                  expected_triples=expected, rss_corpus_mb=rss_corpus,
                  peak_rss_mb=peak_rss_mb(), max_loadavg=sampler.highest, cpus=os.cpu_count())
    sampler.done.set()
    return result


# ---------------------------------------------------------------- report

COLUMNS = (("load_s", "load (s)", "{:.1f}"), ("load_cpu_s", "load CPU (s)", "{:.1f}"),
           ("reopen_s", "re-open (s)", "{:.2f}"), ("peak_rss_mb", "peak RSS (MB)", "{:.0f}"),
           ("count_ms", "count query (ms)", "{:.0f}"), ("count_cpu_ms", "count CPU (ms)", "{:.0f}"),
           ("read_ms", "read 1 review (ms)", "{:.1f}"), ("disk_bytes", "on disk (MB)", "{:.0f}"))


def cell(result: dict, key: str, fmt: str) -> str:
    value = result.get(key)
    if key == "count_ms" and value is None and result.get("count_stopped_s"):
        return f"> {result['count_stopped_s'] * 1000:.0f} (stopped)"
    if value is None:
        return "–"
    text = fmt.format(value / 1e6 if key == "disk_bytes" else value)
    if key == "count_ms" and result.get("count_runs", COUNT_RUNS) < COUNT_RUNS:
        text += f" ({result['count_runs']} run{'s' if result['count_runs'] > 1 else ''})"
    return text


def ratio(result: dict, base: dict, key: str) -> str:
    value, reference = result.get(key), base.get(key)
    # a stopped query is known only to take longer than the limit
    if key == "count_ms" and reference is None and base.get("count_stopped_s") \
            and value is not None:
        return f"< {value / (base['count_stopped_s'] * 1000):.3g}"
    if value is None or not reference:
        return "–"
    return f"{value / reference:.3g}"


def report(results: list[dict], reviews: int) -> str:
    lines = []
    ok = [r for r in results if "error" not in r]
    if ok:
        lines.append(f"{reviews} reviews, {ok[0]['expected_triples']:,} triples "
                     f"(mapping CaseMap -> triples alone: {ok[0]['mapping_s']:.1f} s; "
                     f"corpus in memory: peak RSS {ok[0]['rss_corpus_mb']:.0f} MB before "
                     "any engine)")
        lines.append("")
    lines.append("| engine | " + " | ".join(title for _, title, _ in COLUMNS)
                 + " | triples in store | read-back equal |")
    lines.append("|---" * (len(COLUMNS) + 3) + "|")
    for r in results:
        if "error" in r:
            lines.append(f"| {r['engine']} | {r['error']} |" + " |" * (len(COLUMNS) + 1))
            continue
        lines.append(f"| {r['engine']} | " + " | ".join(cell(r, k, f) for k, _, f in COLUMNS)
                     + f" | {r['triples']:,} | {r['read_equal']} |")
    base = next((r for r in ok if r["engine"] == BASELINE), None)
    if base:
        lines += ["", (f"Ratios against {BASELINE} in this run (engine / {BASELINE}; "
                       "below 1 is faster or smaller):"), ""]
        lines.append("| engine | " + " | ".join(title for _, title, _ in COLUMNS) + " |")
        lines.append("|---" * (len(COLUMNS) + 1) + "|")
        for r in ok:
            lines.append(f"| {r['engine']} | "
                         + " | ".join(ratio(r, base, k) for k, _, _ in COLUMNS) + " |")
        lines += ["", (f"{BASELINE}: load = add {base['add_s']:.1f} s (of which pyoxigraph "
                       f"-> rdflib term conversion {base['convert_s']:.1f} s) + TriG save "
                       f"{base['save_s']:.1f} s")]
        union = base.get("count_union_ms")
        lines.append(f"{BASELINE}: the same count without GRAPH ?g over default_union: "
                     + (f"median {union:.0f} ms" if union is not None else "stopped"))
    for r in ok:
        if r.get("count_min_ms") is not None:
            lines.append(f"{r['engine']}: count query min {r['count_min_ms']:.0f} ms "
                         f"over {r['count_runs']} runs")
        lines.append(f"{r['engine']}: highest 1-min load average while it ran "
                     f"{r['max_loadavg']:.1f} on {r['cpus']} CPUs (this engine counts ~1); "
                     f"waited {r['settle_s']:.0f} s after re-open for background work to end")
        if "stats_ms" in r:
            lines.append(f"{r['engine']}: whole Store.stats() (grouped count + triple count) "
                         f"median {r['stats_ms']:.0f} ms")
    counts = {r["engine"]: r["counts"] for r in ok if r.get("counts") is not None}
    if len({json.dumps(c, sort_keys=True) for c in counts.values()}) > 1:
        lines.append("WARNING: the engines disagree on the grouped count: "
                     + json.dumps(counts, sort_keys=True))
    for r in ok:
        if r["triples"] != r["expected_triples"]:
            lines.append(f"WARNING: {r['engine']} holds {r['triples']:,} triples, "
                         f"expected {r['expected_triples']:,}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    global QUERY_LIMIT_S
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reviews", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--engines", default=",".join(ENGINES),
                        help=f"comma-separated, from {', '.join(ENGINES)}")
    parser.add_argument("--timeout", type=float, default=3600,
                        help="seconds an engine may take before it is stopped")
    parser.add_argument("--query-limit", type=float, default=QUERY_LIMIT_S,
                        help="seconds the runs of one timed query may take (default "
                        "%(default)s); a run past it is stopped and reported as '>'")
    parser.add_argument("--workdir", type=Path, help="where stores are written "
                        "(default: a temporary folder, removed afterwards)")
    parser.add_argument("--json", type=Path, help="also write the raw results here")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    QUERY_LIMIT_S = args.query_limit
    if args.child:
        folder = args.workdir / args.child
        folder.mkdir(parents=True, exist_ok=True)
        print(json.dumps(child(args.child, args.reviews, args.seed, folder)))
        return 0

    engines = [e.strip() for e in args.engines.split(",") if e.strip()]
    unknown = set(engines) - set(ENGINES)
    if unknown:
        parser.error(f"unknown engine(s) {', '.join(sorted(unknown))}; use {', '.join(ENGINES)}")
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="kinmap-bench-"))
    results = []
    try:
        for engine in engines:
            print(f"{engine}: {args.reviews} reviews ...", file=sys.stderr, flush=True)
            command = [sys.executable, str(Path(__file__).resolve()), "--child", engine,
                       "--reviews", str(args.reviews), "--seed", str(args.seed),
                       "--query-limit", str(args.query_limit), "--workdir", str(workdir)]
            try:
                done = subprocess.run(command, check=False, stdout=subprocess.PIPE, text=True,
                                      timeout=args.timeout)
            except subprocess.TimeoutExpired:
                results.append({"engine": engine, "error": f"stopped after {args.timeout:.0f} s"})
                continue
            finally:
                shutil.rmtree(workdir / engine, ignore_errors=True)
            if done.returncode != 0:
                results.append({"engine": engine, "error": f"failed (exit {done.returncode})"})
                continue
            results.append(json.loads(done.stdout.strip().splitlines()[-1]))
    finally:
        if args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)
    print(report(results, args.reviews))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
