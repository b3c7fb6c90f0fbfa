"""A bounded, ordered pipeline: work on files in worker processes, results back in input order.

`kinmap load` and `kinmap extract` read, extract and map each file in a worker
process and write in one place (the store's single writer, or the output
folder), in the order the files were named. At most `bound` files are in flight
(sent to a worker and not yet handed back), so memory stays flat however many
files there are.

A file's failure is a value, never the end of the run: a KinmapError from the
work is handed back as the file's result; any other exception (a bug) becomes a
one-line WorkerFailure; a worker that dies (killed, out of memory) breaks the
process pool, and then the files that were in flight are tried again one at a
time, each in a fresh worker, so that only the file that kills its worker fails.

Workers come from a forkserver (a clean process started for the purpose, see
`worker_context`), never forked from the parent: the parent may hold the
store's RocksDB threads open, and forking a process with threads is unsafe.
"""
from __future__ import annotations

import multiprocessing
import os
import pickle
import signal
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, TypeVar

from .errors import KinmapError

T = TypeVar("T")
R = TypeVar("R")


class WorkerFailure(KinmapError):
    """A file whose worker raised something unexpected or died."""


#: Below this many bytes of input in all, a load or extraction runs in one process by
#: default: starting workers (about 0.3 s of CPU each, importing the extractor) costs
#: more than the work they would share.
SMALL_INPUT = 1_000_000


def choose_jobs(jobs: int | None, files: list[Path]) -> int:
    """The worker count for these files: `jobs` if given, else the machine's cores
    (one process for a small input); never more than there are files."""
    if jobs is None:
        size = 0
        for path in files:
            try:
                size += path.stat().st_size
            except OSError:
                pass  # the reader says what is wrong with it
        jobs = (os.cpu_count() or 1) if size >= SMALL_INPUT else 1
    return max(1, min(jobs, len(files)))


def worker_context() -> multiprocessing.context.BaseContext:
    """Forkserver where there is one (Linux, macOS), else spawn: never a plain fork."""
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def _ignore_interrupt() -> None:
    # Ctrl-C reaches the whole process group: the parent stops the run, and each
    # worker only finishes (or is cancelled with) the file it has.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def run_one(work: Callable[[T], R], item: T) -> R | KinmapError:
    """The work's result, or its failure as a value that survives the trip between processes."""
    try:
        return work(item)
    except KinmapError as error:
        try:
            pickle.loads(pickle.dumps(error))
            return error
        except Exception:  # an error class that does not pickle: keep its line
            return KinmapError(str(error))
    except (MemoryError, RecursionError) as error:
        return WorkerFailure(f"{item}: too big or too deeply nested to read "
                             f"({type(error).__name__}); split or simplify the file")
    except Exception as error:  # a bug in kinmap: one line for this file, the rest go on
        text = str(error).splitlines()[0][:200] if str(error) else ""
        return WorkerFailure(f"{item}: kinmap failed on this file ({type(error).__name__}: "
                             f"{text}); please report it with the file")


def ordered_map(work: Callable[[T], R], items: Iterable[T], jobs: int,
                bound: int | None = None) -> Iterator[tuple[T, R | KinmapError]]:
    """(item, work(item) or its failure) for each item, in input order.

    `jobs` 1 runs the work here, in this process; more runs it in that many worker
    processes, with at most `bound` items (default 2 x jobs) taken from `items`
    and not yet yielded. `work` must be a module-level function (it is pickled).
    """
    if jobs <= 1:
        for item in items:
            yield item, run_one(work, item)
        return
    bound = max(bound or 2 * jobs, jobs)
    items = iter(items)
    pool = _pool(jobs)
    in_flight: deque[tuple[T, Future]] = deque()
    try:
        while True:
            while len(in_flight) < bound:
                item = next(items, _END)
                if item is _END:
                    break
                in_flight.append((item, _submit(pool, work, item)))
            if not in_flight:
                return
            item, future = in_flight.popleft()
            try:
                result = future.result()
            except BrokenProcessPool:
                pool.shutdown(wait=True, cancel_futures=True)
                suspects = [(item, future)] + list(in_flight)
                in_flight.clear()
                yield from _one_at_a_time(work, suspects)
                pool = _pool(jobs)
                continue
            yield item, result
    finally:
        if in_flight:  # stopped early (Ctrl-C, the store gone): the work is not wanted
            _stop(pool)
        pool.shutdown(wait=True, cancel_futures=True)


_END: Any = object()


def _submit(pool: ProcessPoolExecutor, work: Callable, item: Any) -> Future:
    """The item's future; one that failed unrun when the pool broke before it was sent."""
    try:
        return pool.submit(run_one, work, item)
    except BrokenProcessPool as error:
        future: Future = Future()
        future.set_exception(error)
        return future


def _stop(pool: ProcessPoolExecutor) -> None:
    """End the pool's workers now, mid-file: they write nothing (the writer is here), so
    nothing is lost but work not wanted. (Python 3.14 has pool.terminate_workers().)"""
    processes = getattr(pool, "_processes", None) or {}
    for process in list(processes.values()):
        process.terminate()


def _pool(jobs: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(max_workers=jobs, mp_context=worker_context(),
                               initializer=_ignore_interrupt)


def _one_at_a_time(work: Callable[[T], R], suspects: list[tuple[T, Future]]
                   ) -> Iterator[tuple[T, R | KinmapError]]:
    """After a worker died: the results that came back, and the rest tried alone."""
    for item, future in suspects:
        if future.done() and not future.cancelled() and future.exception() is None:
            yield item, future.result()
            continue
        with ProcessPoolExecutor(max_workers=1, mp_context=worker_context(),
                                 initializer=_ignore_interrupt) as alone:
            try:
                yield item, alone.submit(run_one, work, item).result()
            except BrokenProcessPool:
                yield item, WorkerFailure(
                    f"{item}: the worker reading this file stopped abruptly (out of memory "
                    "or killed); nothing of it was loaded, the other files go on")
