"""Documents to a loaded store: `kinmap load --jobs 1` against `--jobs 2` in the same run.

    python benchmarks/bench_ingest.py FOLDER [--count N] [--jobs 1,2] [--keep DIR]
    python benchmarks/bench_ingest.py --make 40 [--kb 300]   # documents from ingest_corpus.py

Runs the installed `kinmap load -q --jobs J` (a fresh store each time) on the first N
review documents of FOLDER, and reports for each J: wall time, CPU time of the whole
process tree (the command, its forkserver and its workers: psutil samples the tree every
0.1 s and keeps each process's last CPU times; a worker that ends between two samples
loses at most 0.1 s), the peak of the tree's summed resident memory, the store's size
on disk, and the speed-up of each J over the first in the same run. The load average
is printed before and after: on a busy machine the wall times, and so the speed-up,
say more about the neighbours than about kinmap; the CPU times less so.

Nothing here asserts a time (see benchmarks/README.md).
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

DOCUMENT_SUFFIXES = (".txt", ".md", ".html", ".htm", ".pdf", ".docx")


def kinmap_command() -> list[str]:
    found = shutil.which("kinmap", path=str(Path(sys.executable).parent)) or \
        shutil.which("kinmap")
    return [found] if found else [sys.executable, "-m", "kinmap.cli"]


def measure(command: list[str]) -> dict[str, float]:
    """Wall, CPU of the process tree, peak summed RSS; the command's exit status."""
    start = time.perf_counter()
    process = psutil.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    cpu: dict[int, float] = {}
    peak = 0
    while process.poll() is None:
        rss = 0
        try:
            tree = [process] + process.children(recursive=True)
        except psutil.Error:
            tree = []
        for p in tree:
            try:
                times = p.cpu_times()
                cpu[p.pid] = times.user + times.system  # children are sampled themselves
                rss += p.memory_info().rss
            except psutil.Error:
                pass
        peak = max(peak, rss)
        time.sleep(0.1)
    wall = time.perf_counter() - start
    stderr = process.stderr.read().decode("utf-8", "replace") if process.stderr else ""
    return {"wall": wall, "cpu": sum(cpu.values()), "peak_mb": peak / 1e6,
            "status": process.returncode, "stderr": stderr.strip().splitlines()[-1:]}


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, nargs="?")
    parser.add_argument("--count", type=int, default=None, help="first N documents")
    parser.add_argument("--jobs", default="1,2")
    parser.add_argument("--make", type=int, help="make this many documents first")
    parser.add_argument("--kb", type=int, default=300)
    parser.add_argument("--keep", type=Path, help="keep the stores in this folder")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench_ingest_"))
    try:
        folder = args.folder
        if args.make:
            from ingest_corpus import write_document
            folder = work / "documents"
            folder.mkdir()
            for n in range(args.make):
                write_document(folder / f"review_{n:04d}.txt", args.kb * 1000, n)
        if folder is None:
            parser.error("give a folder of documents, or --make N")
        documents = sorted(p for p in folder.rglob("*") if p.suffix.lower() in DOCUMENT_SUFFIXES)
        documents = documents[:args.count] if args.count else documents
        chosen = work / "chosen"
        chosen.mkdir()
        for p in documents:
            (chosen / p.name).symlink_to(p.resolve())
        size = sum(p.stat().st_size for p in documents)
        print(f"{len(documents)} documents, {size / 1e6:.1f} MB, {os.cpu_count()} cores, "
              f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        print(f"{'jobs':>4} {'wall s':>8} {'CPU s':>8} {'s/doc':>6} {'peak MB':>8} "
              f"{'store MB':>8} {'speed-up':>8}  outcome")
        first = None
        for jobs in (int(j) for j in args.jobs.split(",")):
            store = (args.keep or work) / f"store-jobs{jobs}"
            shutil.rmtree(store, ignore_errors=True)
            got = measure(kinmap_command() + ["--store", str(store), "load", "-q",
                                              "--jobs", str(jobs), str(chosen)])
            first = first or got["wall"]
            print(f"{jobs:>4} {got['wall']:>8.1f} {got['cpu']:>8.1f} "
                  f"{got['wall'] / max(1, len(documents)):>6.2f} {got['peak_mb']:>8.0f} "
                  f"{folder_size(store) / 1e6 if store.exists() else 0:>8.1f} "
                  f"{first / got['wall']:>7.2f}x  "
                  f"exit {got['status']}: {' '.join(got['stderr'])}")
        print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
