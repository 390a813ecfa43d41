"""Run a per-item function in worker processes, results in input order.

Workers start with ``fork`` where the platform has it, so they inherit the modules (and caches)
the parent already loaded instead of importing everything again.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

# Below this many items per worker, starting processes costs more than it saves.
MIN_ITEMS_PER_WORKER = 4
# How far ``started_in_order``'s workers step back for the process that started them (Unix
# niceness): while they work through the articles, that process does work nobody can share
# (importing the stages, finding the themes), which is then the longest chain of the run. At 5
# the scheduler gives that process a core of its own on 2 cores (982 articles: themes found at
# 5.5 s instead of 8.5 s); 10 did no better, and would leave the workers a tenth of a core
# beside any other busy program.
WORKER_NICENESS = 5


def default_jobs() -> int:
    """The number of CPUs this process may use (at least 1)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on every platform
        return max(1, os.cpu_count() or 1)


def workers_for(count: int, jobs: int) -> int:
    """How many worker processes ``count`` items get with ``jobs`` allowed (0 or 1: none)."""
    return min(jobs, count // MIN_ITEMS_PER_WORKER)


def map_in_order(
    function: Callable[[Item], Result], items: Sequence[Item], jobs: int = 1
) -> Iterator[Result]:
    """``map(function, items)``, in ``jobs`` processes when that pays; results in input order.

    ``function`` must be a module-level function (it is pickled by name).
    """
    with started_in_order(function, items, jobs) as results:
        yield from results


@contextmanager
def started_in_order(
    function: Callable[[Item], Result],
    items: Iterable[Item],
    jobs: int = 1,
    count: int | None = None,
) -> Iterator[Iterator[Result]]:
    """Hand every item to ``jobs`` worker processes now; yield an iterator of their results in
    input order, so the caller can do other work while the workers run.

    ``items`` may be a generator (``count``: how many it yields): each chunk goes to the workers
    as soon as it is read, so they start while later items are still being made. Without
    workers (``workers_for`` below 2) the items are mapped lazily, as they are read.
    Leaving the block early (an error, Ctrl-C) drops the work still queued.
    """
    if count is None:
        count = len(items) if isinstance(items, Sequence) else len(items := list(items))
    workers = workers_for(count, jobs)
    if workers <= 1:
        yield map(function, items)
        return
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    # Small chunks keep every worker busy to the end; large enough to amortise pickling.
    chunk = max(1, min(16, count // (workers * 8)))
    pool = ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=_start_background_worker
    )
    # Forked workers share the parent's memory pages until they write to them, and a garbage
    # collection in a worker writes to every object it visits: frozen, the parent's objects are
    # left out of the workers' collections, so their pages stay shared (smaller total PSS).
    forked = context.get_start_method() == "fork"
    if forked:
        gc.freeze()
    try:
        # Executor.map submits every chunk at once: the workers start before the caller reads.
        try:
            results = pool.map(function, items, chunksize=chunk)
        finally:
            if forked:
                gc.unfreeze()  # the workers exist (forked at the first chunk): collect as usual
        yield results
    except BaseException:
        # Interrupted (Ctrl-C, SIGTERM) or failed: drop the queued work instead of finishing it.
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown(wait=True, cancel_futures=True)


# The function a process forked by ``started_aside`` runs: it inherits it with the memory.
_aside: list[Callable[[], object]] = []


@contextmanager
def started_aside(function: Callable[[], Result], fork: bool) -> Iterator[Callable[[], Result]]:
    """Start ``function`` in a forked process, where the platform has fork and ``fork`` is
    true, while the caller goes on; yield the function that waits for its result.

    ``function`` may be a closure over the caller's data: the process inherits it with the
    memory, and only the result is sent back. Otherwise it runs here, when its result is asked.
    """
    if not fork or "fork" not in multiprocessing.get_all_start_methods():
        yield function
        return
    pool = ProcessPoolExecutor(
        max_workers=1, mp_context=multiprocessing.get_context("fork"), initializer=_start_worker
    )
    gc.freeze()  # as in started_in_order: the parent's pages stay shared
    _aside[:] = [function]
    try:
        future = pool.submit(_run_aside)  # forks now, with the function in place
    finally:
        _aside.clear()
        gc.unfreeze()
    try:
        yield future.result
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _start_background_worker() -> None:
    """``_start_worker``, at a lower priority (``WORKER_NICENESS``) where the platform has one."""
    _start_worker()
    if hasattr(os, "nice"):
        os.nice(WORKER_NICENESS)


def _run_aside() -> object:
    return _aside[0]()


def _start_worker() -> None:
    """Workers ignore Ctrl-C (sent to the whole process group): the parent reports it and stops
    them. A SIGTERM aimed at a worker alone ends it quietly. Workers collect garbage even when
    the parent has turned its collector off (the command line does, for its own long-lived
    objects): a worker's objects are short-lived."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    gc.enable()
