"""CPU per review of each stage of a load, this kinmap against another, in the same run.

    python benchmarks/compare_stages.py /var/tmp/nat24/* --old /tmp/base/.venv/bin/python

`--old` is the Python of another checkout's virtual environment (an editable install:
PYTHONPATH does not override it), e.g. `git archive 950ebc0 | tar -x -C /tmp/base`,
then `python3 -m venv /tmp/base/.venv && /tmp/base/.venv/bin/pip install -e /tmp/base`.
Each interpreter times the stages of profile_ingest.py (read, extract, map, answers,
serialise, write, flush) on every document, best of --runs after a warm-up. The
kinmaps take turns, --rounds times, so that both see the same load on a shared
machine; each figure is the fastest round's. The table gives the mean per document.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
STAGES = ("read", "extract", "map", "answers", "serialise", "write", "flush")


def worker(paths: list[Path], runs: int) -> None:
    """Print each document's best CPU seconds per stage, as JSON (run by each interpreter)."""
    sys.path.insert(0, str(HERE))
    from profile_ingest import stages

    stages(paths[0])  # imports, compiled patterns
    out = {}
    for path in paths:
        timed = [stages(path) for _ in range(runs)]
        out[str(path)] = {k: min(t[k] for t in timed) for k in timed[0]}
    print(json.dumps(out))


def measure(python: str, paths: list[Path], runs: int) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    done = subprocess.run([python, __file__, "--worker", "--runs", str(runs),
                           *map(str, paths)], capture_output=True, text=True, env=env,
                          check=True)
    return json.loads(done.stdout)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("documents", type=Path, nargs="+")
    parser.add_argument("--old", help="Python of the other kinmap's virtual environment")
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.documents, args.runs)
        return 0
    pythons = {"new": sys.executable} | ({"old": args.old} if args.old else {})
    best: dict[str, dict] = {}
    for round_ in range(args.rounds):
        order = list(pythons) if round_ % 2 else list(reversed(pythons))
        for name in order:
            found = measure(pythons[name], args.documents, args.runs)
            mine = best.setdefault(name, {})
            for doc, times in found.items():
                mine[doc] = {k: min(v, mine.get(doc, {}).get(k, v)) for k, v in times.items()}
    n = len(args.documents)
    mean = {name: {k: sum(d[k] for d in docs.values()) / n for k in (*STAGES, "quads")}
            for name, docs in best.items()}
    load = os.getloadavg()[0]
    print(f"{n} documents, best of {args.runs} runs and {args.rounds} rounds; "
          f"1-minute load average at the end {load:.1f}\n")
    names = [k for k in ("old", "new") if k in mean]
    print("| stage | " + " | ".join(f"{k} (ms)" for k in names) +
          (" | new / old |" if len(names) == 2 else " |"))
    print("|---|" + "---:|" * (len(names) + (len(names) == 2)))
    for stage in (*STAGES, "all"):
        values = [sum(mean[k][s] for s in STAGES) if stage == "all" else mean[k][stage]
                  for k in names]
        ratio = f" | {values[1] / values[0]:.2f}" if len(names) == 2 and values[0] else \
            (" | –" if len(names) == 2 else "")
        print(f"| {stage} | " + " | ".join(f"{v * 1000:,.0f}" for v in values) + ratio + " |")
    print(f"\nquads per document: " + ", ".join(f"{k} {mean[k]['quads']:,.0f}" for k in names))
    return 0


if __name__ == "__main__":
    sys.exit(main())
