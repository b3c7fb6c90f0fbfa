"""The national corpus, end to end: documents to a loaded store, then answers at the prompt.

    python benchmarks/bench_national.py --reviews 2000 --baseline-reviews 200 \\
        --workdir /var/tmp/kinmap-national --json national.json

One run, with its baselines measured in the same run:

1. corpus: `national.py` writes N fictional full-length review documents (reused
   when the work folder already holds them for the same N, seed and size).
2. load: `kinmap load --jobs 1` and `kinmap load --jobs 2` of the same first B
   documents (B = --baseline-reviews, default N), each into a fresh store, then
   `kinmap load --jobs 2` of all N when B < N. Each is a subprocess: wall time,
   CPU of the process and its children (wait4), peak memory of the process tree
   (PSS summed over the tree, sampled every 0.2 s), the largest process's RSS,
   and the store's size on disk. Without `--jobs` in `kinmap load --help` (before
   the parallel ingest lands), plain `kinmap load` runs instead, and says so.
3. prompt: over the store of all N, `kinmap --version`, `stats`, `reviews`, and
   `query NAME` for every named query (`kinmap query --list`), also with
   `--format json`: the median of --repeat runs after one warm-up, each a fresh
   process as an analyst types it. Baseline: the same answer in the library, in
   one process with the store open (`run_query`, `store.stats()`,
   `store.summaries()`), median of the same number of runs.
4. export: `kinmap export --format nq` of the whole store: time and peak memory.
5. validate: `kinmap validate` of the whole store: time.
6. network: `kinmap network` of the whole store: time, peak memory and the size of
   what it writes by default.

The 1-minute load average is sampled through the run (the machine may be shared).
Tables are printed as Markdown; --json writes every figure. Nothing is asserted.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
STEPS = ("corpus", "load", "prompt", "export", "validate", "network")


# --- measuring one command ------------------------------------------------------------

@dataclass
class Run:
    """One measured command."""

    label: str
    argv: list[str]
    wall: float = 0.0
    cpu: float = 0.0              # user + system of the process and its waited-for children
    max_rss_mb: float = 0.0       # the largest single process of the tree (ru_maxrss)
    peak_mb: float | None = None  # the whole tree's memory at its sampled peak (PSS, else RSS)
    returncode: int | None = None
    timed_out: bool = False
    stdout_bytes: int = 0
    stderr_tail: str = ""
    load_average: tuple[float, float] = (0.0, 0.0)  # 1-minute, at start and end


def _sample_tree(root, cpu_seen: dict[int, float]) -> float | None:
    """Memory of a process and its descendants in bytes (PSS where Linux gives it), and
    each one's CPU seconds so far into cpu_seen: worker processes that their parent does
    not wait for (a forkserver's children) never reach the parent's rusage."""
    import psutil
    try:
        procs = [root, *root.children(recursive=True)]
    except psutil.Error:
        return None
    total = 0.0
    for proc in procs:
        try:
            with proc.oneshot():
                times = proc.cpu_times()
                cpu_seen[proc.pid] = times.user + times.system
                try:
                    info = proc.memory_full_info()
                    total += getattr(info, "pss", info.rss)
                except psutil.AccessDenied:
                    total += proc.memory_info().rss
        except psutil.Error:
            pass
    return total


def measure(label: str, argv: list[str], *, timeout: float, stdout: Path | None = None,
            stderr: Path | None = None, sample: bool = True) -> Run:
    """Run argv to completion (or the timeout), measuring it as the module docstring says."""
    run = Run(label, [str(a) for a in argv])
    out = open(stdout, "wb") if stdout else subprocess.DEVNULL
    err_path = stderr or Path(os.devnull)
    err = open(err_path, "wb")
    start_load = os.getloadavg()[0]
    start = time.perf_counter()
    proc = subprocess.Popen(run.argv, stdout=out, stderr=err, start_new_session=True)
    watcher = None
    if sample:
        try:
            import psutil
            watcher = psutil.Process(proc.pid)
        except (ImportError, Exception):
            watcher = None
    peak = None
    cpu_seen: dict[int, float] = {}
    status, usage = 0, None
    killer = None
    if not sample:  # wait4 blocks: a timer stops a command that hangs
        def stop() -> None:
            run.timed_out = True
            os.killpg(proc.pid, signal.SIGKILL)
        killer = threading.Timer(timeout, stop)
        killer.start()
    try:
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG if sample else 0)
            if pid:
                break
            if watcher is not None:
                now = _sample_tree(watcher, cpu_seen)
                if now is not None:
                    peak = max(peak or 0.0, now)
            if time.perf_counter() - start > timeout:
                run.timed_out = True
                os.killpg(proc.pid, signal.SIGKILL)
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.2)
    except KeyboardInterrupt:
        os.killpg(proc.pid, signal.SIGKILL)
        raise
    finally:
        if killer is not None:
            killer.cancel()
        if stdout:
            out.close()
        err.close()
    proc.returncode = os.waitstatus_to_exitcode(status)
    run.wall = time.perf_counter() - start
    # wait4 counts the process and the children it waited for, to the end; the samples
    # count every process of the tree, but each only up to the last sample.
    run.cpu = max(usage.ru_utime + usage.ru_stime, sum(cpu_seen.values()))
    run.max_rss_mb = usage.ru_maxrss / 1024
    run.peak_mb = peak / 2**20 if peak else None
    run.returncode = proc.returncode
    run.load_average = (start_load, os.getloadavg()[0])
    if stdout:
        run.stdout_bytes = stdout.stat().st_size
    if stderr:
        lines = stderr.read_text(encoding="utf-8", errors="replace").strip().splitlines()
        run.stderr_tail = "\n".join(lines[-3:])
    return run


class LoadAverage:
    """The 1-minute load average, sampled every few seconds in a background thread."""

    def __init__(self, every: float = 5.0) -> None:
        self.samples: list[float] = [os.getloadavg()[0]]
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(every,), daemon=True)
        self._thread.start()

    def _run(self, every: float) -> None:
        while not self._stop.wait(every):
            self.samples.append(os.getloadavg()[0])

    def stop(self) -> dict[str, float]:
        self._stop.set()
        self.samples.append(os.getloadavg()[0])
        return {"min": min(self.samples), "mean": statistics.fmean(self.samples),
                "max": max(self.samples), "samples": len(self.samples)}


def folder_size(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


# --- the library baseline (runs in a subprocess of its own) -----------------------------

def library_timings(store_path: str, repeat: int) -> dict:
    """Median seconds of each answer in the library, the store opened once."""
    from kinmap.graph.queries import QUERIES, run_query
    from kinmap.graph.store import open_store

    def timed(fn) -> dict[str, float]:
        fn()  # warm-up, as the prompt runs get one
        walls, cpus = [], []
        for _ in range(repeat):
            start, cpu = time.perf_counter(), time.process_time()
            fn()
            walls.append(time.perf_counter() - start)
            cpus.append(time.process_time() - cpu)
        return {"wall": statistics.median(walls), "cpu": statistics.median(cpus)}

    out: dict[str, dict[str, float]] = {}
    start, cpu = time.perf_counter(), time.process_time()
    with open_store(store_path, create=False, read_only=True) as store:
        out["open"] = {"wall": time.perf_counter() - start, "cpu": time.process_time() - cpu}
        out["stats"] = timed(store.stats)
        out["reviews"] = timed(lambda: list(store.summaries()))
        for name in QUERIES:
            out[f"query {name}"] = timed(lambda: run_query(store, name))
    return out


# --- the steps --------------------------------------------------------------------------

def kinmap_command(given: str | None) -> list[str]:
    if given:
        return [given]
    beside = Path(sys.executable).with_name("kinmap")
    if beside.exists():
        return [str(beside)]
    found = shutil.which("kinmap")
    if not found:
        sys.exit("bench_national: no `kinmap` command; install kinmap or pass --kinmap")
    return [found]


def has_jobs_flag(kinmap: list[str]) -> bool:
    """Whether `kinmap load` takes --jobs (the parallel ingest of issue 12)."""
    done = subprocess.run([*kinmap, "load", "--help"], capture_output=True, text=True)
    return "--jobs" in done.stdout


def make_corpus(args, folder: Path, log: list[str]) -> dict:
    """The documents, written by national.py unless the folder already holds them."""
    manifest = folder / ".national.json"
    wanted = {"reviews": args.reviews, "seed": args.seed, "size": args.size,
              "names": args.names}
    if manifest.exists() and json.loads(manifest.read_text())["corpus"] == wanted:
        log.append(f"corpus: reusing {folder}")
        info = json.loads(manifest.read_text())
        info["reused"] = True
        return info
    if folder.exists():
        shutil.rmtree(folder)
    run = measure("generate", [sys.executable, str(HERE / "national.py"), str(folder),
                               "--reviews", str(args.reviews), "--seed", str(args.seed),
                               "--size", str(args.size), "--jobs", str(args.generate_jobs),
                               "--names", args.names],
                  timeout=args.timeout, stderr=folder.parent / "generate.log")
    if run.returncode != 0:
        sys.exit(f"bench_national: the generator failed: {run.stderr_tail}")
    files = sorted(p for p in folder.iterdir() if not p.name.startswith("."))
    formats: dict[str, int] = {}
    for p in files:
        formats[p.suffix.lstrip(".")] = formats.get(p.suffix.lstrip("."), 0) + 1
    info = {"corpus": wanted, "documents": len(files),
            "bytes": sum(p.stat().st_size for p in files), "formats": formats,
            "generate": asdict(run), "reused": False}
    manifest.write_text(json.dumps(info, indent=1))
    return info


def documents_of(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if not p.name.startswith("."))


def load_runs(args, kinmap: list[str], docs: list[Path], work: Path, log: list[str]
              ) -> tuple[list[dict], Path, bool]:
    """The measured loads, and the store holding all N documents."""
    jobs_flag = has_jobs_flag(kinmap)
    baseline = min(args.baseline_reviews or len(docs), len(docs))
    plan: list[tuple[str, int | None, int]] = []  # label, jobs, documents
    if jobs_flag:
        plan += [("jobs 1", 1, baseline), ("jobs 2", 2, baseline)]
        if baseline < len(docs):
            plan.append(("jobs 2, all", 2, len(docs)))
    else:
        log.append("load: `kinmap load` has no --jobs yet (the parallel ingest is not merged): "
                   "plain `kinmap load` ran instead, and no jobs-2 figure exists")
        plan.append(("plain load", None, baseline))
        if baseline < len(docs):
            plan.append(("plain load, all", None, len(docs)))
    results = []
    full_store = None
    for label, jobs, count in plan:
        store = work / f"store-{'plain' if jobs is None else f'jobs{jobs}'}-{count}"
        if store.exists():
            shutil.rmtree(store)
        argv = [*kinmap, "--store", str(store), "load", "-q"]
        if jobs is not None:
            argv += ["--jobs", str(jobs)]
        argv += [str(p) for p in docs[:count]]
        print(f"  load: {label}, {count} documents ...", file=sys.stderr, flush=True)
        run = measure(label, argv, timeout=args.timeout, stderr=work / f"load-{label}.log")
        row = asdict(run)
        row.pop("argv")
        row.update(jobs=jobs, documents=count, store_mb=folder_size(store) / 1e6
                   if store.exists() else None, store=str(store),
                   reviews_in_store=reviews_in(kinmap, store))
        results.append(row)
        if count == len(docs) and run.returncode in (0, 1) and not run.timed_out:
            full_store = store
        elif not args.keep_stores:
            shutil.rmtree(store, ignore_errors=True)  # measured; 2,000 reviews take GBs
    return results, full_store, jobs_flag


def reviews_in(kinmap: list[str], store: Path) -> int | None:
    """How many reviews a store holds (fewer than the documents when drafts share an id)."""
    if not store.exists():
        return None
    done = subprocess.run([*kinmap, "--store", str(store), "reviews", "--format", "csv"],
                          capture_output=True, text=True)
    return max(0, len(done.stdout.splitlines()) - 1) if done.returncode == 0 else None


def prompt_runs(args, kinmap: list[str], store: Path, work: Path) -> list[dict]:
    """Each command at the prompt, median of --repeat after a warm-up, beside the library."""
    listed = subprocess.run([*kinmap, "query", "--list", "--format", "csv"],
                            capture_output=True, text=True, check=True).stdout.splitlines()
    names = [line.split(",", 1)[0] for line in listed[1:] if line.strip()]
    commands: list[tuple[str, list[str], str | None]] = [
        ("kinmap --version", ["--version"], None),
        ("kinmap stats", ["--store", str(store), "stats"], "stats"),
        ("kinmap reviews", ["--store", str(store), "reviews"], "reviews"),
    ]
    for name in names:
        commands.append((f"kinmap query {name}", ["--store", str(store), "query", name],
                         f"query {name}"))
        commands.append((f"kinmap query {name} --format json",
                         ["--store", str(store), "query", name, "--format", "json"],
                         f"query {name}"))
    print("  prompt: the library baseline ...", file=sys.stderr, flush=True)
    done = subprocess.run([sys.executable, __file__, "--library", str(store),
                           "--repeat", str(args.repeat)], capture_output=True, text=True)
    library = json.loads(done.stdout) if done.returncode == 0 else {}
    if done.returncode != 0:
        print(f"  prompt: the library baseline failed: {done.stderr.strip()[-300:]}",
              file=sys.stderr)
    rows = []
    for label, extra, key in commands:
        print(f"  prompt: {label} ...", file=sys.stderr, flush=True)
        runs = [measure(label, [*kinmap, *extra], timeout=args.timeout,
                        stdout=work / "prompt.out", stderr=work / "prompt.err", sample=False)
                for _ in range(args.repeat + 1)][1:]
        wall = statistics.median(r.wall for r in runs)
        rows.append({"command": label, "wall": wall,
                     "cpu": statistics.median(r.cpu for r in runs),
                     "max_rss_mb": max(r.max_rss_mb for r in runs),
                     "stdout_bytes": runs[-1].stdout_bytes,
                     "returncode": runs[-1].returncode, "stderr_tail": runs[-1].stderr_tail,
                     "library": library[key]["wall"] if key in library else None,
                     "library_cpu": library[key]["cpu"] if key in library else None,
                     "library_open": (library.get("open") or {}).get("wall"),
                     "all_walls": [r.wall for r in runs]})
    return rows


def whole_store_runs(args, kinmap: list[str], store: Path, work: Path, steps: list[str]
                     ) -> list[dict]:
    rows = []
    if "export" in steps:
        target = work / "export" / "all.nq"
        target.parent.mkdir(exist_ok=True)
        target.unlink(missing_ok=True)
        print("  export --format nq ...", file=sys.stderr, flush=True)
        run = measure("kinmap export --format nq", [*kinmap, "--store", str(store), "export",
                                                     "--format", "nq", "-o", str(target)],
                      timeout=args.timeout, stderr=work / "export.log")
        rows.append({**asdict(run), "output_bytes": folder_size(target.parent)})
    if "validate" in steps:
        print("  validate (the store) ...", file=sys.stderr, flush=True)
        run = measure("kinmap validate", [*kinmap, "--store", str(store), "validate"],
                      timeout=args.validate_timeout, stdout=work / "validate.out",
                      stderr=work / "validate.log")
        rows.append({**asdict(run), "output_bytes": run.stdout_bytes})
    if "network" in steps:
        folder = work / "network"
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir()
        print("  network ...", file=sys.stderr, flush=True)
        run = measure("kinmap network", [*kinmap, "--store", str(store), "network", "-o",
                                         str(folder / "all-reviews.html")],
                      timeout=args.validate_timeout, stderr=work / "network.log")
        rows.append({**asdict(run), "output_bytes": folder_size(folder),
                     "output_files": sorted(str(p.relative_to(folder))
                                            for p in folder.rglob("*") if p.is_file())})
    for row in rows:
        row.pop("argv")
    return rows


# --- printing ---------------------------------------------------------------------------

def _f(value, digits: int = 2, scale: float = 1.0) -> str:
    if value is None:
        return "–"
    return f"{value * scale:,.{digits}f}"


def _status(row: dict) -> str:
    if row.get("timed_out"):
        return "stopped (timeout)"
    return "ok" if row.get("returncode") == 0 else f"exit {row.get('returncode')}"


def report(result: dict) -> str:
    out: list[str] = []
    c = result.get("corpus")
    if c:
        gen = c.get("generate") or {}
        formats = ", ".join(f"{k} {v}" for k, v in sorted(c["formats"].items()))
        out += ["### Corpus", "",
                f"{c['documents']:,} documents, {c['bytes'] / 1e6:,.0f} MB ({formats}); "
                + ("reused from an earlier run." if c.get("reused") else
                   f"written in {_f(gen.get('wall'), 1)} s wall, {_f(gen.get('cpu'), 1)} s CPU."),
                ""]
    loads = result.get("load") or []
    if loads:
        out += ["### Documents to a loaded store", "",
                "| run | documents | reviews in store | wall (s) | CPU (s) | wall per review (s) "
                "| CPU per review (s) | peak memory (MB) | largest process RSS (MB) "
                "| store on disk (MB) | status | load avg |",
                "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|"]
        for r in loads:
            out.append(f"| {r['label']} | {r['documents']:,} | "
                       f"{_f(r['reviews_in_store'], 0)} | {_f(r['wall'], 1)} | "
                       f"{_f(r['cpu'], 1)} | {_f(r['wall'] / r['documents'], 3)} | "
                       f"{_f(r['cpu'] / r['documents'], 3)} | "
                       f"{_f(r['peak_mb'], 0)} | {_f(r['max_rss_mb'], 0)} | "
                       f"{_f(r['store_mb'], 0)} | {_status(r)} | "
                       f"{r['load_average'][0]:.1f} → {r['load_average'][1]:.1f} |")
        one = next((r for r in loads if r["label"] == "jobs 1"), None)
        two = next((r for r in loads if r["label"] == "jobs 2"), None)
        if one and two:
            out += ["", f"jobs 1 / jobs 2 on the same {one['documents']:,} documents: wall "
                    f"**{one['wall'] / two['wall']:.2f}×**, CPU {one['cpu'] / two['cpu']:.2f}×."]
        for r in loads:
            if r["documents"] < 2000 and r["wall"] and not r["timed_out"]:
                out.append(f"- {r['label']}: at this rate 2,000 such reviews would take "
                           f"{r['wall'] / r['documents'] * 2000 / 60:.0f} min wall and "
                           f"{r['cpu'] / r['documents'] * 2000 / 60:.0f} min of CPU "
                           "(extrapolated, not measured).")
        out.append("")
    prompt = result.get("prompt") or []
    if prompt:
        out += ["### At the prompt against the library", "",
                "| command | prompt (ms) | prompt CPU (ms) | library (ms) | library CPU (ms) "
                "| prompt / library | CPU: prompt / library | output (kB) | max RSS (MB) "
                "| status |",
                "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|"]
        for r in prompt:
            ratio = (r["wall"] / r["library"]) if r.get("library") else None
            cpu_ratio = (r["cpu"] / r["library_cpu"]) if r.get("library_cpu") else None
            out.append(f"| `{r['command']}` | {_f(r['wall'], 0, 1000)} | {_f(r['cpu'], 0, 1000)} | "
                       f"{_f(r['library'], 1, 1000)} | {_f(r.get('library_cpu'), 1, 1000)} | "
                       f"{_f(ratio, 1)} | {_f(cpu_ratio, 1)} | "
                       f"{_f(r['stdout_bytes'], 1, 1 / 1000)} | {_f(r['max_rss_mb'], 0)} | "
                       f"{_status(r)} |")
        opened = next((r["library_open"] for r in prompt if r.get("library_open")), None)
        out += ["", f"Library: the store opened once ({_f(opened, 0, 1000)} ms), each answer "
                "the median of the same number of runs after a warm-up.", ""]
    whole = result.get("whole_store") or []
    if whole:
        out += ["### Whole-store commands", "",
                "| command | wall (s) | CPU (s) | peak memory (MB) | largest process RSS (MB) "
                "| output (MB) | status |", "|---|---:|---:|---:|---:|---:|---|"]
        for r in whole:
            out.append(f"| `{r['label']}` | {_f(r['wall'], 1)} | {_f(r['cpu'], 1)} | "
                       f"{_f(r['peak_mb'], 0)} | {_f(r['max_rss_mb'], 0)} | "
                       f"{_f(r['output_bytes'], 1, 1e-6)} | {_status(r)} |")
        out.append("")
    la = result.get("load_average")
    if la:
        out.append(f"1-minute load average during the run: min {la['min']:.1f}, mean "
                   f"{la['mean']:.1f}, max {la['max']:.1f} ({la['samples']} samples; the "
                   f"machine has {os.cpu_count()} cores).")
    for line in result.get("notes", []):
        out.append(f"- {line}")
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reviews", type=int, default=2000, help="documents in the corpus")
    parser.add_argument("--baseline-reviews", type=int, default=None,
                        help="documents for the jobs-1 against jobs-2 runs (default: all)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--size", type=int, default=300_000, help="characters per review")
    parser.add_argument("--workdir", default=None,
                        help="keep documents and stores here (default: a temporary folder, "
                             "removed afterwards)")
    parser.add_argument("--steps", default=",".join(STEPS),
                        help=f"comma-separated, of: {','.join(STEPS)}")
    parser.add_argument("--store", default=None,
                        help="with --steps without load: the loaded store to measure")
    parser.add_argument("--repeat", type=int, default=5, help="runs per prompt command")
    parser.add_argument("--timeout", type=float, default=7200, help="seconds per command")
    parser.add_argument("--validate-timeout", type=float, default=1800,
                        help="seconds for validate and network of the whole store")
    parser.add_argument("--keep-stores", action="store_true",
                        help="keep the baseline stores too (default: only the store of all N)")
    parser.add_argument("--generate-jobs", type=int, default=2)
    parser.add_argument("--names", choices=("unique", "common"), default="unique",
                        help="subjects' pseudonyms (national.py --names)")
    parser.add_argument("--kinmap", default=None, help="the kinmap command (default: the "
                                                       "one beside this Python)")
    parser.add_argument("--json", default=None, help="also write every figure here")
    parser.add_argument("--library", metavar="STORE", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.library:
        print(json.dumps(library_timings(args.library, args.repeat)))
        return
    steps = [s.strip() for s in args.steps.split(",") if s.strip()]
    unknown = set(steps) - set(STEPS)
    if unknown:
        parser.error(f"unknown steps: {', '.join(sorted(unknown))}")
    kinmap = kinmap_command(args.kinmap)
    temporary = args.workdir is None
    work = Path(args.workdir or __import__("tempfile").mkdtemp(prefix="kinmap-national-"))
    work.mkdir(parents=True, exist_ok=True)
    version = subprocess.run([*kinmap, "--version"], capture_output=True, text=True).stdout
    commit = subprocess.run(["git", "-C", str(HERE), "rev-parse", "--short", "HEAD"],
                            capture_output=True, text=True).stdout.strip()
    result: dict = {"machine": {"cores": os.cpu_count(), "python": platform.python_version(),
                                "kinmap": version.strip(), "commit": commit,
                                "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())},
                    "args": vars(args), "notes": []}
    sampler = LoadAverage()
    try:
        folder = work / f"documents-{args.reviews}-{args.seed}-{args.size}-{args.names}"
        if "corpus" in steps or "load" in steps:
            print(f"corpus: {args.reviews} documents in {folder} ...", file=sys.stderr)
            result["corpus"] = make_corpus(args, folder, result["notes"])
        store = Path(args.store) if args.store else None
        if "load" in steps:
            docs = documents_of(folder)
            result["load"], store, result["jobs_flag"] = load_runs(args, kinmap, docs, work,
                                                                   result["notes"])
        if store is None and any(s in steps for s in ("prompt", "export", "validate",
                                                      "network")):
            sys.exit("bench_national: no store of all the documents to measure; run the load "
                     "step or pass --store")
        if "prompt" in steps:
            result["prompt"] = prompt_runs(args, kinmap, store, work)
        if any(s in steps for s in ("export", "validate", "network")):
            result["whole_store"] = whole_store_runs(args, kinmap, store, work, steps)
    finally:
        result["load_average"] = sampler.stop()
        if temporary:
            shutil.rmtree(work, ignore_errors=True)
    m = result["machine"]
    print(f"\n## National corpus, {m['date']} ({m['kinmap']}, commit {m['commit']}, "
          f"Python {m['python']}, {m['cores']} cores)\n")
    print(report(result))
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=1, default=str))


if __name__ == "__main__":
    main()
