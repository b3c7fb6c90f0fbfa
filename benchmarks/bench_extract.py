"""Measure the rule-based extractor's speed, and write its case maps for the seed reviews.

    python benchmarks/bench_extract.py [--texts 2000] [--workers 2] [--write OUT]

1. One long review: the seed reviews of ../shared/seeds concatenated until the
   text holds at least 10,000 words. Reported: words per second and seconds per
   10,000 words for `extract()`, with two baselines measured in the same run on
   the same text, `str.split()` and the sentence splitter alone (`Document`), and
   the extractor's time as a multiple of each. The issue's bar is under 0.5 s per
   10,000 words on one core; nothing here asserts a time.
2. A corpus: `--texts` synthetic, fictional review texts (deterministic, built
   from the templates below), extracted on one core and then on `--workers`
   processes (multiprocessing); reported: texts and words per second, speed-up.

With `--write OUT`, also writes the extractor's case maps for each seed
`NAME.txt` to `OUT/NAME.yaml`, ready for
`python ../shared/tools/score_casemap.py --gold ../shared/gold --pred OUT --sources ../shared/seeds`.
"""
from __future__ import annotations

import argparse
import multiprocessing
import random
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # run from a checkout without installing

from kinmap.exports.casemap import write_casemap  # noqa: E402
from kinmap.loaders.extract import EXTRACTOR_NAME, EXTRACTOR_VERSION, extract  # noqa: E402
from kinmap.loaders.extract.sentences import Document  # noqa: E402

SEEDS = HERE.parent.parent / "shared" / "seeds"
TARGET_WORDS = 10_000
RUNS = 7

# ---------------------------------------------------------------- synthetic reviews
# Fictional names, places and services only.
NAMES = ("Ash", "Bo", "Cass", "Dex", "Eden", "Fox", "Gray", "Hollis", "Indi", "Jem", "Kit",
         "Lark", "Milo", "Nico", "Orla", "Pax", "Quill", "Reece", "Sky", "Tate")
PLACES = ("Brackenford", "Coldwater", "Dunmere", "Elmstead", "Farrowby", "Glenholt", "Harlow Vale",
          "Ivymoor", "Kestrel Bay", "Larchfield")
TEMPLATES = (
    "{name} lived with {pos} mother, {pos} stepfather and {pos} two younger brothers.",
    "{name}'s father had supervised contact with {obj} at a family centre.",
    ("In {month} {year} the school raised concerns about bruising and made a referral to "
     "{place} children's social care."),
    "A strategy discussion was held with {place} Police, but the GP was not invited.",
    "The strategy discussion decided that a Section 47 enquiry was not needed.",
    "{name} went missing from home in {month} {year} and was found by police two days later.",
    "{sub} disclosed to a teacher that {pos} stepfather had hit {obj}.",
    "This information was not shared with the health visitor.",
    ("An Initial Child Protection Conference decided that {name} should be subject to a child "
     "protection plan."),
    "The first core group meeting was delayed by six weeks.",
    "{pos_cap} maternal grandmother cared for {obj} most weekends.",
    ("A request to step up to children's social care was declined because the threshold was "
     "not met."),
    "The family did not engage with Early Help and the case was closed.",
    "{name} was permanently excluded from school in Year 9.",
    "The Youth Offending Service worked with {obj} after {sub_low} was arrested.",
    "It is not clear what information was shared with the school nurse.",
    "Professionals did not always hear the voice of {name}.",
    "The review found that records were incomplete and supervision was inconsistent.",
)
ADVICE = (
    "Strategy meetings should be held whenever a child goes missing.",
    "{place} Police should share domestic abuse notifications with schools.",
    "The partnership should review its escalation policy.",
)


def synthetic_review(i: int, rng: random.Random) -> str:
    name, place = rng.choice(NAMES), rng.choice(PLACES)
    male = rng.random() < 0.5
    words = {"name": name, "place": place, "pos": "his" if male else "her",
             "pos_cap": "His" if male else "Her", "obj": "him" if male else "her",
             "sub": "He" if male else "She", "sub_low": "he" if male else "she",
             "month": rng.choice(("January", "April", "June", "October")),
             "year": rng.choice(("2019", "2020", "2021", "2022"))}
    paragraphs = [f"{place} Safeguarding Children Partnership",
                  f"Local Child Safeguarding Practice Review – {name.upper()}", "Background"]
    for _ in range(rng.randint(10, 16)):
        paragraphs.append(" ".join(rng.choice(TEMPLATES).format(**words)
                                   for _ in range(rng.randint(3, 6))))
    paragraphs.append("Recommendations")
    paragraphs += [f"{n}. {rng.choice(ADVICE).format(**words)}" for n in range(1, 4)]
    return "\n\n".join(paragraphs) + "\n"


def corpus(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return [synthetic_review(i, rng) for i in range(n)]


def _extract_count(text: str) -> int:
    return len(extract(text, "synthetic.txt"))


# ---------------------------------------------------------------- measuring

def best_of(run, runs: int = RUNS, clock=time.perf_counter) -> float:
    """The shortest of `runs` timings (the least disturbed by other work on the machine)."""
    times = []
    for _ in range(runs):
        start = clock()
        run()
        times.append(clock() - start)
    return min(times)


def long_review() -> str:
    seeds = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    if not seeds:
        raise SystemExit(f"no seed reviews in {SEEDS}")
    parts: list[str] = []
    while sum(len(p.split()) for p in parts) < TARGET_WORDS:
        parts.extend(seeds)
    return "\n\n".join(parts)


def bench_long(report) -> None:
    text = long_review()
    words = len(text.split())
    extract(text, "long.txt")  # load the data files and compile the patterns once
    t_extract = best_of(lambda: extract(text, "long.txt"))
    cpu_extract = best_of(lambda: extract(text, "long.txt"), clock=time.process_time)
    t_split = best_of(lambda: text.split())
    t_sentences = best_of(lambda: Document(text))
    per_10k = t_extract * TARGET_WORDS / words
    report(f"one review of {words} words (the seeds concatenated), best of {RUNS} runs:")
    report(f"  extract()           {t_extract:8.4f} s  {words / t_extract:10,.0f} words/s  "
           f"{per_10k:.3f} s per 10,000 words (bar: < 0.5)")
    report(f"  extract(), CPU     {cpu_extract:8.4f} s  {words / cpu_extract:10,.0f} words/s  "
           f"{cpu_extract * TARGET_WORDS / words:.3f} s per 10,000 words (process time)")
    report(f"  sentence splitting  {t_sentences:8.4f} s  extract() is {t_extract / t_sentences:5.1f}x")
    report(f"  str.split()         {t_split:8.4f} s  extract() is {t_extract / t_split:5.0f}x")


def bench_corpus(report, n: int, workers: int, seed: int) -> None:
    texts = corpus(n, seed)
    words = sum(len(t.split()) for t in texts)
    report(f"{n} synthetic reviews, {words:,} words ({words // n} per review):")
    start = time.perf_counter()
    for text in texts:
        _extract_count(text)
    one = time.perf_counter() - start
    report(f"  1 process   {one:8.2f} s  {n / one:8.1f} reviews/s  {words / one:10,.0f} words/s")
    ctx = multiprocessing.get_context("fork" if sys.platform != "win32" else "spawn")
    start = time.perf_counter()
    with ctx.Pool(workers) as pool:
        reviews = sum(pool.map(_extract_count, texts, chunksize=max(1, n // (workers * 8))))
    many = time.perf_counter() - start
    report(f"  {workers} processes {many:8.2f} s  {n / many:8.1f} reviews/s  "
           f"{words / many:10,.0f} words/s  speed-up {one / many:.2f}x  ({reviews} case maps)")
    sizes = [len(t.split()) for t in texts]
    report(f"  review length: median {statistics.median(sizes):.0f} words, "
           f"max {max(sizes)} words")


def write_seeds(out: Path, report) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for path in sorted(SEEDS.glob("*.txt")):
        casemaps = extract(path.read_text(encoding="utf-8"), path.name)
        write_casemap(casemaps, out / f"{path.stem}.yaml")
        report(f"wrote {out / (path.stem + '.yaml')} ({len(casemaps)} review(s))")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=int, default=2000, help="synthetic reviews (0: none)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--write", type=Path, metavar="OUT",
                        help="also write the seed case maps to OUT/NAME.yaml")
    parser.add_argument("--skip-timing", action="store_true", help="only --write")
    args = parser.parse_args(argv)

    def report(line: str) -> None:
        print(line, flush=True)

    report(f"{EXTRACTOR_NAME} {EXTRACTOR_VERSION}, Python {sys.version.split()[0]}")
    if args.write:
        write_seeds(args.write, report)
    if not args.skip_timing:
        bench_long(report)
        if args.texts:
            bench_corpus(report, args.texts, args.workers, args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
