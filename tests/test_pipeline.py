"""The bounded pipeline under `load` and `extract`: order, bound, failures, dead workers."""
from __future__ import annotations

import pytest
import psutil
from pipeline_work import doubled, dying_on_three, failing_on_three, slow

from kinmap.errors import KinmapError
from kinmap.pipeline import WorkerFailure, ordered_map


@pytest.mark.parametrize("jobs", [1, 2])
def test_results_come_back_in_input_order(jobs):
    assert list(ordered_map(doubled, range(12), jobs)) == [(n, n * 2) for n in range(12)]


@pytest.mark.parametrize("jobs,bound", [(1, None), (2, None), (2, 3), (3, 7)])
def test_no_more_items_are_in_flight_than_the_bound(jobs, bound):
    taken = []

    def items():
        for n in range(40):
            taken.append(n)
            yield n

    limit = 1 if jobs == 1 else max(bound or 2 * jobs, jobs)
    seen = 0
    most = 0
    for n, result in ordered_map(doubled, items(), jobs, bound):
        in_flight = len(taken) - seen  # taken from the input, not yet handed back
        most = max(most, in_flight)
        assert in_flight <= limit
        seen += 1
        assert result == n * 2
    assert seen == 40
    assert most == limit  # the pipeline does fill up to the bound: the check bites


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_failure_is_that_items_result_and_the_rest_go_on(jobs):
    results = dict(ordered_map(failing_on_three, range(8), jobs))
    assert isinstance(results[3], KinmapError) and str(results[3]) == "item 3: refused"
    assert isinstance(results[5], WorkerFailure)
    assert "5: kinmap failed on this file (ValueError: a bug)" in str(results[5])
    assert "\n" not in str(results[5])
    assert {n: r for n, r in results.items() if n not in (3, 5)} == \
        {n: n * 2 for n in range(8) if n not in (3, 5)}


def test_a_worker_that_dies_fails_only_its_own_item():
    results = list(ordered_map(dying_on_three, range(10), 2))
    assert [n for n, _ in results] == list(range(10))
    failed = [(n, r) for n, r in results if isinstance(r, KinmapError)]
    assert len(failed) == 1 and failed[0][0] == 3
    assert "stopped abruptly" in str(failed[0][1])
    assert all(r == n * 2 for n, r in results if n != 3)


def test_a_run_stopped_early_ends_its_workers_at_once():
    run = ordered_map(slow, range(6), 2)
    assert next(run) == (0, 0)
    me = psutil.Process()
    workers = [p for p in me.children(recursive=True) if p.ppid() != me.pid]  # the forkserver's
    run.close()  # what Ctrl-C or a lost store does to the run: the rest is not wanted
    gone, alive = psutil.wait_procs(workers, timeout=20)  # a bound, not a measurement
    assert workers and not alive
