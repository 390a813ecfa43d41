"""Run a per-item function in worker processes, results in input order.

Workers start with ``fork`` where the platform has it, so they inherit the modules (and caches)
the parent already loaded instead of importing everything again.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

# Below this many items per worker, starting processes costs more than it saves.
MIN_ITEMS_PER_WORKER = 4


def default_jobs() -> int:
    """The number of CPUs this process may use (at least 1)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on every platform
        return max(1, os.cpu_count() or 1)


def map_in_order(
    function: Callable[[Item], Result], items: Sequence[Item], jobs: int = 1
) -> Iterator[Result]:
    """``map(function, items)``, in ``jobs`` processes when that pays; results in input order.

    ``function`` must be a module-level function (it is pickled by name).
    """
    workers = min(jobs, len(items) // MIN_ITEMS_PER_WORKER)
    if workers <= 1:
        yield from map(function, items)
        return
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    # Small chunks keep every worker busy to the end; large enough to amortise pickling.
    chunk = max(1, min(16, len(items) // (workers * 8)))
    pool = ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=_leave_signals_to_the_parent
    )
    try:
        yield from pool.map(function, items, chunksize=chunk)
    except BaseException:
        # Interrupted (Ctrl-C, SIGTERM) or failed: drop the queued work instead of finishing it.
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown(wait=True)


def _leave_signals_to_the_parent() -> None:
    """Workers ignore Ctrl-C (sent to the whole process group): the parent reports it and stops
    them. A SIGTERM aimed at a worker alone ends it quietly."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
