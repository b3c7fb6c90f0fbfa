"""Where the time of one long document goes on its way into the store, stage by stage.

    python benchmarks/profile_ingest.py [DOCUMENT] [--kb 300] [--cprofile 25]

Without DOCUMENT, a 300 kB fictional review is made (ingest_corpus.py). Reported: CPU
seconds (time.process_time, so a busy machine changes them little) of each stage a
worker and the writer run for one file, best of --runs, and their share:

  read        the document reader (text, HTML, PDF, Word) to clean text
  extract     the rule-based extractor, text to CaseMaps
  map         CaseMaps to quads (mapping.py, services inferred)
  answers     the named queries' stored answers (queries/stored.py)
  serialise   the quads as N-Quads bytes, to cross to the writer
  write       the writer: parse the bytes, then into a fresh embedded store (the bulk
              loader from embedded.BULK_FROM quads, else one transaction)
  flush       RocksDB's flush to disk of what a transaction wrote (done every 250,000
              quads in a load; nothing for a file the bulk loader wrote)

With --cprofile N, the N functions of most cumulative time over one whole run follow.
"""
from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def stages(path: Path) -> dict[str, float]:
    from pyoxigraph import RdfFormat, serialize

    from kinmap.graph.mapping import casemap_to_quads
    from kinmap.graph.queries.stored import answer_quads
    from kinmap.graph.store import open_store
    from kinmap.loaders.documents import read_document
    from kinmap.loaders.extract import EXTRACTOR_NAME, EXTRACTOR_VERSION, explain
    from kinmap.loaders.extract.services import infer_services

    out: dict[str, float] = {}

    def timed(name, fn, *args):
        start = time.process_time()
        result = fn(*args)
        out[name] = time.process_time() - start
        return result

    document = timed("read", read_document, path)
    found = timed("extract", explain, document.text, document.name)
    casemaps = [cm for cm, _ in found]
    for cm in casemaps:
        cm.extractor = f"{EXTRACTOR_NAME} {EXTRACTOR_VERSION}"
    quads = timed("map", lambda: [q for i, cm in enumerate(casemaps)
                                  for q in casemap_to_quads(infer_services(cm), i)])
    answers = timed("answers", lambda: [q for cm in casemaps
                                        for q in answer_quads(cm.review.id, quads)])
    data = timed("serialise", lambda: serialize(quads + answers, format=RdfFormat.N_QUADS))
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(folder)  # once per load, not per file: not counted
        timed("write", store.write_prepared, [cm.review.id for cm in casemaps], data)
        timed("flush", store.close)
    out["quads"] = len(quads) + len(answers)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("document", type=Path, nargs="?")
    parser.add_argument("--kb", type=int, default=300)
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--cprofile", type=int, default=0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = args.document
        if path is None:
            from ingest_corpus import write_document
            path = write_document(Path(tmp) / "review.txt", args.kb * 1000, 0)
        stages(path)  # imports, compiled patterns
        runs = [stages(path) for _ in range(args.runs)]
        best = {k: min(r[k] for r in runs) for k in runs[0]}
        total = sum(v for k, v in best.items() if k != "quads")
        print(f"{path.name}: {path.stat().st_size / 1000:.0f} kB, {best['quads']:.0f} quads, "
              f"{total:.2f} s CPU in all (best of {args.runs})")
        for name, seconds in best.items():
            if name != "quads":
                print(f"  {name:<10} {seconds:6.2f} s  {seconds / total:5.0%}")
        if args.cprofile:
            profile = cProfile.Profile()
            profile.runcall(stages, path)
            pstats.Stats(profile).sort_stats("cumulative").print_stats(args.cprofile)
    return 0


if __name__ == "__main__":
    sys.exit(main())
