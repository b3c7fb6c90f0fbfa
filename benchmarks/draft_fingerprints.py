"""Fingerprint what kinmap makes of every review text, to prove a speed-up changed nothing.

    python benchmarks/draft_fingerprints.py -o before.json      # on the old code
    python benchmarks/draft_fingerprints.py --compare before.json  # on the new code

For every text of ../shared/seeds, ../shared/dev/texts, tests/data/extract and its
held-out sets, and a 300 kB document made from those fictional texts (ingest_corpus.py),
it records a SHA-256 of the drafted case map YAML (what `kinmap extract` writes) and of
the quads loading it writes, stored answers included, as sorted N-Quads (what `kinmap
load` puts in the store). `--compare` prints each text whose draft or quads differ
and exits 1 if any does. `--also` adds documents of your own, e.g. a few of
national.py's (HTML, Markdown and Word tables, page furniture). Run the old code from a copy of an older commit, e.g.
`git archive main | tar -x -C /tmp/base` then `PYTHONPATH=/tmp/base python ...`.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SHARED = ROOT.parent / "shared"

from ingest_corpus import write_document  # noqa: E402


def texts() -> list[Path]:
    """Every review text the extractor is judged on, in a fixed order."""
    extract = ROOT / "tests" / "data" / "extract"
    found = sorted((SHARED / "seeds").glob("*.txt")) + sorted((SHARED / "dev" / "texts").glob("*"))
    found += sorted(extract.glob("*.txt")) + sorted(extract.glob("heldout*/texts/*"))
    found += sorted((ROOT / "tests" / "data" / "documents").glob("*.txt"))
    return found


def fingerprint(path: Path) -> dict[str, str]:
    """SHA-256 of the drafted YAML and of the sorted N-Quads loading writes."""
    from kinmap.exports.casemap import dumps_casemap
    from kinmap.graph.store import prepare
    from kinmap.loaders.reviews import explain_review

    casemaps = [cm for cm, _ in explain_review(path)]
    draft = dumps_casemap(casemaps).encode("utf-8")
    quads = sorted(str(q) for q in prepare(casemaps))
    return {"draft": hashlib.sha256(draft).hexdigest(),
            "quads": hashlib.sha256("\n".join(quads).encode("utf-8")).hexdigest(),
            "reviews": str(len(casemaps)), "quad_count": str(len(quads))}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", type=Path, help="write the fingerprints here")
    parser.add_argument("--compare", type=Path, help="fingerprints to compare against")
    parser.add_argument("--also", type=Path, nargs="*", default=[],
                        help="more documents, e.g. some of national.py's (HTML, Markdown, Word)")
    args = parser.parse_args()
    found = {}
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "long_review_300kb.txt"
        write_document(big, 300_000, seed=0)
        for path in texts() + [big] + args.also:
            name = path.name if path == big or path in args.also else \
                str(path.relative_to(ROOT.parent))
            found[name] = fingerprint(path)
    if args.output:
        args.output.write_text(json.dumps(found, indent=1, sort_keys=True) + "\n")
    print(f"{len(found)} texts fingerprinted", file=sys.stderr)
    if args.compare:
        before = json.loads(args.compare.read_text())
        changed = [name for name in sorted(set(before) | set(found))
                   if before.get(name) != found.get(name)]
        for name in changed:
            print(f"differs: {name}: {before.get(name)} -> {found.get(name)}")
        print(f"{len(found) - len(changed)} of {len(found)} texts identical")
        return 1 if changed else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
