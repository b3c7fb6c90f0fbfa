"""The single writer of a load, alone: one transaction a file against Oxigraph's bulk loader.

    python benchmarks/bench_writer.py DOCUMENTS... [--copies 20] [--workdir DIR]

Each document is prepared once as a load's worker prepares it (ingest.prepare_file:
its quads and stored answers as N-Quads). The writer then writes COPIES renamed
copies of each (review ids and blank-node labels given a suffix, so every copy is
a review of its own) into a fresh embedded store, in two ways in the same run:

  transaction   pyoxigraph's Store.extend, one transaction a file, flushed every
                embedded.FLUSH_EVERY quads (kinmap before the bulk loader)
  bulk          pyoxigraph's Store.bulk_extend, files gathered up to --gather quads
                (default embedded.GATHER_QUADS, as a load gathers new reviews) and
                streamed into one bulk load; --gather 0: one bulk load a file

Both parse the bytes as the writer does. Reported every 250 files and at the end:
CPU seconds a file (time.process_time, RocksDB's background threads included),
wall seconds a file, peak memory and the store's size on disk.
"""
from __future__ import annotations

import argparse
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def prepared(documents: list[Path]) -> list[tuple[list[bytes], bytes]]:
    from kinmap.ingest import prepare_file
    out = []
    for path in documents:
        done = prepare_file(path)
        out.append(([rid.encode() for rid in done.review_ids], done.nquads))
    return out


def renamed(ids: list[bytes], data: bytes, copy: int) -> bytes:
    for rid in ids:
        data = data.replace(b"/" + rid, b"/" + rid + b"-c%d" % copy)
    return data.replace(b"_:", b"_:c%d" % copy)


def folder_mb(folder: Path) -> float:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file()) / 1e6


def write(way: str, files: list[tuple[list[bytes], bytes]], copies: int, folder: Path,
          gather: int, report) -> dict:
    from pyoxigraph import RdfFormat, Store, parse

    from kinmap.graph.embedded import FLUSH_EVERY
    shutil.rmtree(folder, ignore_errors=True)
    store = Store(str(folder))
    cpu, wall = time.process_time(), time.perf_counter()
    unflushed = written = 0
    gathered: list[bytes] = []
    gathered_quads = 0
    for copy in range(copies):
        for ids, data in files:
            data = renamed(ids, data, copy)
            if way == "bulk":
                gathered.append(data)
                gathered_quads += data.count(b"\n")
                if gathered_quads >= gather:
                    store.bulk_extend(q for d in gathered
                                      for q in parse(d, format=RdfFormat.N_QUADS))
                    gathered, gathered_quads = [], 0
            else:
                quads = list(parse(data, format=RdfFormat.N_QUADS))
                store.extend(quads)
                unflushed += len(quads)
                if unflushed >= FLUSH_EVERY:
                    store.flush()
                    unflushed = 0
            written += 1
            if written % 250 == 0:
                report(f"  {way}: {written} files, "
                       f"{(time.process_time() - cpu) / written * 1000:.0f} ms CPU and "
                       f"{(time.perf_counter() - wall) / written * 1000:.0f} ms wall a file")
    if gathered:
        store.bulk_extend(q for d in gathered for q in parse(d, format=RdfFormat.N_QUADS))
    store.flush()
    label = way if way != "bulk" else \
        f"bulk, gathered to {gather:,} quads" if gather else "bulk, one a file"
    result = {"way": label, "files": written, "quads": len(store),
              "cpu_ms": (time.process_time() - cpu) / written * 1000,
              "wall_ms": (time.perf_counter() - wall) / written * 1000}
    del store
    result["store_mb"] = folder_mb(folder)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("documents", type=Path, nargs="+")
    parser.add_argument("--copies", type=int, default=20)
    parser.add_argument("--workdir", type=Path, help="stores here (default: a temporary folder)")
    parser.add_argument("--ways", default="transaction,bulk")
    parser.add_argument("--gather", type=int, help="quads a bulk load gathers (default: "
                        "embedded.GATHER_QUADS; 0: one bulk load a file)")
    args = parser.parse_args()
    from kinmap.graph.embedded import GATHER_QUADS
    gather = GATHER_QUADS if args.gather is None else args.gather
    files = prepared(args.documents)
    print(f"{len(files)} documents x {args.copies} copies = {len(files) * args.copies} files",
          flush=True)
    results = []
    with tempfile.TemporaryDirectory(dir=args.workdir) as work:
        for way in args.ways.split(","):
            results.append(write(way, files, args.copies, Path(work) / way, gather,
                                 lambda line: print(line, flush=True)))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1000
    print("\n| writer | files | quads | CPU a file | wall a file | store |")
    print("|---|---:|---:|---:|---:|---:|")
    for r in results:
        print(f"| {r['way']} | {r['files']:,} | {r['quads']:,} | {r['cpu_ms']:.0f} ms | "
              f"{r['wall_ms']:.0f} ms | {r['store_mb']:,.0f} MB |")
    if len(results) == 2:
        print(f"\nbulk / transaction, CPU a file: {results[1]['cpu_ms'] / results[0]['cpu_ms']:.2f}")
    print(f"peak memory of the run: {peak:,.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
