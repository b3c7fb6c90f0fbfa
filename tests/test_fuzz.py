"""Fuzz the readers: the only outcome of any input is a parsed result or a KinmapError.

Each target (the case map reader, the text, HTML, PDF and Word readers, the
`kinmap sparql` front end) runs in a child process (tests/fuzz_worker.py) for
KINMAP_FUZZ_SECONDS (default 12, and at least 60 mutated inputs however long a
busy machine takes) on inputs mutated from the project's fixtures
and the hostile seeds in tests/data/fuzz/, held to 2 GB of address space and
10 s a case. About 75 s of CPU in all, half that in wall time with `-n 2`.
KINMAP_FUZZ_SEED changes the inputs (default 10: the same inputs every run);
failing inputs are kept in a temporary folder named in the failure.
The counts of cases run are printed (pytest -s, or -rP) and the summaries are
written to $KINMAP_FUZZ_REPORT when it is set.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from bounded import GB, run_bounded

TARGETS = ["casemap", "text", "html", "pdf", "docx", "sparql"]
SECONDS = float(os.environ.get("KINMAP_FUZZ_SECONDS", "12"))
SEED = int(os.environ.get("KINMAP_FUZZ_SEED", "10"))
WORKER = Path(__file__).resolve().parent / "fuzz_worker.py"
MEMORY = 2 * GB
LEAST = 60


@pytest.mark.parametrize("target", TARGETS)
def test_fuzzed_input_is_parsed_or_refused_in_one_line(target, tmp_path):
    code = (f"import runpy, sys; sys.argv = [{str(WORKER)!r}, *sys.argv[1:]]; "
            f"runpy.run_path({str(WORKER)!r}, run_name='__main__')")
    # The budget is time, but never fewer than LEAST mutated cases: a busy machine makes
    # the run longer, not the test weaker (the child is still stopped after a ceiling).
    outcome = run_bounded(code, target, str(SECONDS), str(SEED),
                          str(tmp_path / "failures"), str(LEAST),
                          seconds=SECONDS + 240, memory=MEMORY)
    assert not outcome.timed_out, f"{target}: the fuzz worker did not finish in time"
    assert outcome.returncode == 0, (f"{target}: the worker died (memory or CPU limit?): "
                                     f"{outcome.stderr[-3000:]}")
    summary = json.loads(outcome.stdout.strip().splitlines()[-1])
    print(f"fuzz {target}: {summary['cases']} cases in {summary['seconds']:g} s "
          f"({summary['seeds']} seeds as they are): {summary['parsed']} parsed, "
          f"{summary['refused']} refused with a KinmapError, {summary['failed']} failed; "
          f"slowest {summary['slowest_case_seconds']} s, peak {summary['peak_rss_mb']} MB")
    report = os.environ.get("KINMAP_FUZZ_REPORT")
    if report:
        with open(report, "a", encoding="utf-8") as handle:
            handle.write(json.dumps({k: v for k, v in summary.items() if k != "failures"})
                         + "\n")
    assert summary["failures"] == [], "\n".join(
        f"{f['error']}\n  input kept at {f['input']}\n{f['trace']}"
        for f in summary["failures"][:5])
    assert summary["cases"] >= summary["seeds"] + LEAST, "too few cases to mean anything"
    assert summary["parsed"] and summary["refused"], "the mutations reach one outcome only"
