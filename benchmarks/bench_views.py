"""Time to a drawn view in headless Chromium, and the size of each HTML file.

    python benchmarks/bench_views.py [--nodes 500] [--edges 1500] [--runs 5]
                                     [--docs-images docs/images]

Measured in the same run, page load by page load in a fresh tab of Debian's
Chromium (/usr/bin/chromium, driven by Playwright):

  baseline     a blank HTML page of the same kind (file://, inline script only)
  network      the network view of a synthetic store of NODES people, households
               and agencies and about EDGES ties (kinmap.exports.views.synthetic):
               until vis-network's first complete drawing (`data-drawn`)
  genogram     the genogram (HTML) of a synthetic family of 64 people over four
               generations: until its script is ready (`data-ready`)
  ecomap       the ecomap (HTML) of examples/northfield-alex.yaml

Reported per view: median milliseconds from navigation start to drawn, the ratio
to the blank page, the HTML file size, and the time kinmap took to write the
file. Bars (not asserted): the network drawn within 3 s, every file under 2 MB.
With --docs-images, also writes the genogram and ecomap of
examples/riverside-child-m.yaml as PNG screenshots into that folder.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # run from a checkout without installing

from kinmap.exports import views  # noqa: E402
from kinmap.exports.views.synthetic import synthetic_family, synthetic_network  # noqa: E402
from kinmap.loaders import read  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
BLANK = ("<!DOCTYPE html><html><head><meta charset='utf-8'><title>blank</title></head>"
         "<body><script>document.body.setAttribute('data-drawn', String(performance.now()));"
         "document.body.setAttribute('data-ready', '1');</script></body></html>")


def time_to_drawn(browser, path: Path, marker: str, runs: int) -> tuple[float, int]:
    """Median ms from navigation start to `marker` on <body>, and requests made."""
    times, requests = [], 0
    for _ in range(runs):
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        seen: list[str] = []
        page.on("request", lambda r: seen.append(r.url))
        page.goto(path.resolve().as_uri())
        page.wait_for_selector(f"body[{marker}]", state="attached", timeout=60_000)
        if marker == "data-drawn":
            times.append(float(page.get_attribute("body", "data-drawn")))
        else:  # ready: the script ran; one more frame and the SVG is painted
            times.append(page.evaluate("new Promise(r => requestAnimationFrame(() => "
                                       "requestAnimationFrame(() => r(performance.now()))))"))
        requests = max(requests, len(seen) - 1)
        page.close()
    return statistics.median(times), requests


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--nodes", type=int, default=500)
    parser.add_argument("--edges", type=int, default=1500)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--docs-images", type=Path, default=None)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    folder = Path(tempfile.mkdtemp(prefix="kinmap-bench-views-"))
    files: dict[str, tuple[Path, str, float]] = {}
    (folder / "blank.html").write_text(BLANK, encoding="utf-8")
    files["baseline (blank page)"] = (folder / "blank.html", "data-drawn", 0.0)
    started = time.perf_counter()
    views.write_network(synthetic_network(args.nodes, args.edges), folder / "network.html")
    files[f"network ({args.nodes} nodes, ~{args.edges} edges)"] = (
        folder / "network.html", "data-drawn", time.perf_counter() - started)
    started = time.perf_counter()
    views.write_genogram(synthetic_family(64, 4), folder / "genogram.html")
    files["genogram (64 people, 4 generations)"] = (folder / "genogram.html", "data-ready",
                                                   time.perf_counter() - started)
    [alex] = read(HERE.parent / "examples" / "northfield-alex.yaml")
    started = time.perf_counter()
    views.write_ecomap(alex, folder / "ecomap.html")
    files["ecomap (northfield-alex)"] = (folder / "ecomap.html", "data-ready",
                                         time.perf_counter() - started)

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        rows = []
        for name, (path, marker, write_s) in files.items():
            ms, requests = time_to_drawn(browser, path, marker, args.runs)
            rows.append((name, ms, path.stat().st_size, write_s, requests))
        if args.docs_images:
            shoot_docs(browser, args.docs_images)
        browser.close()

    base = rows[0][1]
    print(f"Chromium {CHROMIUM}, median of {args.runs} loads; files in {folder}")
    print("| view | drawn (ms) | x blank page | HTML size | kinmap write (s) | requests |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, ms, size, write_s, requests in rows:
        print(f"| {name} | {ms:.0f} | {ms / base:.1f} | {size / 1e6:.2f} MB | "
              f"{write_s:.2f} | {requests} |")
    network = rows[1]
    print(f"\nnetwork drawn within 3 s: {'yes' if network[1] < 3000 else 'NO'}; "
          f"every file under 2 MB: {'yes' if all(r[2] < 2e6 for r in rows) else 'NO'}")


def shoot_docs(browser, out: Path) -> None:
    """PNG screenshots of the riverside genogram and ecomap for the documentation."""
    out.mkdir(parents=True, exist_ok=True)
    [riverside] = read(HERE.parent / "examples" / "riverside-child-m.yaml")
    folder = Path(tempfile.mkdtemp(prefix="kinmap-docs-"))
    for name, write in (("genogram", lambda p: views.write_genogram(riverside, p, cultural=True)),
                        ("ecomap", lambda p: views.write_ecomap(riverside, p))):
        path = folder / f"{name}.html"
        write(path)
        page = browser.new_page(viewport={"width": 1500, "height": 1000},
                                device_scale_factor=1)
        page.goto(path.resolve().as_uri())
        page.wait_for_selector("body[data-ready='1']")
        page.screenshot(path=str(out / f"{name}.png"))
        page.close()


if __name__ == "__main__":
    main()
