"""The whole-store network: the overview against the full network, in the same run.

    python benchmarks/bench_overview.py [--reviews 200 2000] [--stores DIR] [--runs 3]
                                        [--no-full-above 2000] [--keep] [--docs-image PNG]

For each size, a store of that many synthetic reviews (benchmarks/synthetic.py) is
built in DIR (default: a temporary folder; a store already there with every review
and this version's stored answers is reused, as building 2,000 takes minutes). Then
`kinmap network` writes, as a user runs it:

  overview     the default over many reviews (kinds of family and agencies, counts)
  full         the old full network (`--full`): every person, household and agency

and each page is opened in Debian's headless Chromium (Playwright, file://, no
network) with a blank page as the baseline. Reported: the HTML size, the time and
CPU kinmap took to write it, and the median ms from navigation start to the
page's drawn mark (`data-drawn`, set on vis-network's first `afterDrawing`), and
the requests the page made besides itself. `--no-full-above N` skips the full
network past N reviews (it takes minutes to write). Bars (not asserted): the
overview under 10 MB and drawn in under 2 s at 2,000 reviews. With --docs-image, the
overview of the largest store is also shot at 1400x900 with one kind of family chosen,
its reviews and the drill-down command showing (docs/images/network-overview.png).
"""
from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))  # run from a checkout without installing

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
BLANK = ("<!DOCTYPE html><html><head><meta charset='utf-8'><title>blank</title></head>"
         "<body><script>document.body.setAttribute('data-drawn', String(performance.now()));"
         "</script></body></html>")


def store_of(folder: Path, n: int) -> Path:
    """A store of n synthetic reviews with current stored answers, built if missing."""
    from kinmap.graph.queries.stored import current_reviews
    from kinmap.graph.store import open_store
    from synthetic import synthetic_corpus

    path = folder / f"synthetic-{n}"
    if path.exists():
        with open_store(str(path), read_only=True) as store:
            if len(current_reviews(store)) == n == len(store.review_ids()):
                print(f"reusing {path}", file=sys.stderr)
                return path
        shutil.rmtree(path)
    started = time.perf_counter()
    corpus = synthetic_corpus(n)
    with open_store(str(path)) as store:
        for result in store.load_each([corpus[i:i + 50] for i in range(0, n, 50)]):
            if isinstance(result, Exception):
                raise result
    print(f"built {path} in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return path


def write(store: Path, out: Path, *args: str) -> tuple[float, float, str]:
    """Run `kinmap network` as a user does: wall seconds, CPU seconds, stderr."""
    kinmap = shutil.which("kinmap", path=str(Path(sys.executable).parent)) or "kinmap"
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run([kinmap, "--store", str(store), "network", *args, "-o", str(out)],
                          capture_output=True, text=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode:
        raise SystemExit(done.stderr)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, done.stderr


def time_to_drawn(browser, path: Path, runs: int) -> tuple[float, float, int]:
    """Median ms from navigation start to `data-drawn` on <body>, median CPU ms of the
    page's main thread by then (Chrome's ThreadTime: less moved by a busy machine than
    the wall clock), and requests made."""
    times, cpu, requests = [], [], 0
    for _ in range(runs):
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        cdp = page.context.new_cdp_session(page)
        cdp.send("Performance.enable")
        seen: list[str] = []
        page.on("request", lambda r: seen.append(r.url))
        page.goto(path.resolve().as_uri(), timeout=300_000)
        page.wait_for_selector("body[data-drawn]", state="attached", timeout=300_000)
        times.append(float(page.get_attribute("body", "data-drawn")))
        metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
        cpu.append(metrics.get("ThreadTime", 0.0) * 1000)
        requests = max(requests, len(seen) - 1)
        page.close()
    return statistics.median(times), statistics.median(cpu), requests


def shoot(browser, page_path: Path, png: Path) -> None:
    """The overview at 1400x900 with 'Several homes' chosen: its counts, reviews, command."""
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto(page_path.resolve().as_uri(), timeout=300_000)
    page.wait_for_selector("body[data-ready='1']", timeout=300_000)
    at = page.evaluate("kinmapOverviewState.where('family/several_homes')")
    page.mouse.click(at["x"], at["y"])
    page.mouse.move(700, 240)   # off the node, so its tooltip does not hide its label
    page.wait_for_timeout(300)
    png.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(png))
    page.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reviews", type=int, nargs="+", default=[200, 2000])
    parser.add_argument("--stores", type=Path, default=None)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-full-above", type=int, default=2000)
    parser.add_argument("--keep", action="store_true", help="Keep the pages written.")
    parser.add_argument("--docs-image", type=Path, default=None)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    folder = Path(tempfile.mkdtemp(prefix="kinmap-bench-overview-"))
    stores = args.stores or folder
    stores.mkdir(parents=True, exist_ok=True)
    (folder / "blank.html").write_text(BLANK, encoding="utf-8")
    rows = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        blank, blank_cpu, _ = time_to_drawn(browser, folder / "blank.html", args.runs)
        rows.append(("baseline (blank page)", "-", 0, 0.0, 0.0, blank, blank_cpu, 0))
        for n in args.reviews:
            store = store_of(stores, n)
            kinds = [("overview", ())]
            if n <= args.no_full_above:
                kinds.append(("full network (--full, the old default)", ("--full",)))
            for name, flags in kinds:
                out = folder / f"{n}-{flags[0][2:] if flags else 'overview'}.html"
                wall, cpu, _ = write(store, out, *flags)
                drawn, page_cpu, requests = time_to_drawn(browser, out, args.runs)
                rows.append((name, f"{n:,}", out.stat().st_size, wall, cpu, drawn, page_cpu,
                             requests))
                if args.docs_image and not flags and n == max(args.reviews):
                    shoot(browser, out, args.docs_image)
                if not args.keep:
                    out.unlink()
        browser.close()
    load = os.getloadavg()[0]
    print(f"load average {load:.1f} on {os.cpu_count()} cores; median of {args.runs} loads\n")
    print("| page | reviews | HTML size | kinmap wall (s) | kinmap CPU (s) | drawn (ms) | "
          "x blank page | page CPU (ms) | requests |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name, n, size, wall, cpu, drawn, page_cpu, requests in rows:
        print(f"| {name} | {n} | {size / 1e6:.2f} MB | {wall:.1f} | {cpu:.1f} | {drawn:.0f} | "
              f"{drawn / blank:.1f} | {page_cpu:.0f} | {requests} |")
    if not args.stores:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
