"""Ctrl-C and SIGTERM for the command line: one clean exit, whenever the signal comes.

Installed first thing by the entry point, before anything heavy is imported. The first
signal raises ``Interrupted`` wherever the run is, and from then on the handler ignores
further signals so that clean-up (removing a temporary file, printing the message) cannot itself be
interrupted. Short critical sections (creating or renaming the output file) hold a signal
until they are done. This module imports only the standard library.
"""

from __future__ import annotations

import contextlib
import signal
from collections.abc import Callable, Iterator
from types import FrameType

SIGNALS = (signal.SIGINT, signal.SIGTERM)
MESSAGE = "interrupted; no output was written"
EXIT_CODE = 130  # 128 + SIGINT, what shells report for Ctrl-C; used for SIGTERM too


class Interrupted(BaseException):
    """Ctrl-C or SIGTERM; a BaseException so that ``except Exception`` cannot swallow it."""


class _State:
    installed = False
    handling = False  # a signal has been acted on: ignore the rest
    held = 0  # depth of critical sections
    pending = False  # a signal arrived inside a critical section
    committed = False  # the output is in place: a late signal changes nothing


_state = _State()


def _handler(_signum: int, _frame: FrameType | None) -> None:
    if _state.handling or _state.committed:
        return
    if _state.held:
        _state.pending = True
        return
    _stop()


def _stop() -> None:
    # Later signals are ignored by _handler itself: switching to SIG_IGN here would make
    # CPython raise "OSError: Signal 15 ignored due to race condition" for one already queued.
    _state.handling = True
    raise Interrupted


def install() -> dict[int, Callable[..., object] | int | None]:
    """Route SIGINT and SIGTERM to ``Interrupted``; returns the previous handlers."""
    previous = {sig: signal.getsignal(sig) for sig in SIGNALS}
    _state.handling = _state.pending = _state.committed = False
    _state.held = 0
    for sig in SIGNALS:
        signal.signal(sig, _handler)
    _state.installed = True
    return previous


def restore(previous: dict[int, Callable[..., object] | int | None]) -> None:
    """Put back the handlers ``install`` replaced (for in-process callers such as tests)."""
    for sig, handler in previous.items():
        signal.signal(sig, handler if handler is not None else signal.SIG_DFL)
    _state.installed = False


def ignore() -> None:
    """The process is about to exit: a signal now must not print a traceback."""
    _state.handling = True


@contextlib.contextmanager
def held() -> Iterator[None]:
    """Hold a signal until the block ends, then act on it (e.g. create-and-register a file)."""
    _state.held += 1
    try:
        yield
    finally:
        _state.held -= 1
    if not _state.held and _state.pending and _state.installed:
        _state.pending = False
        _stop()


@contextlib.contextmanager
def commit() -> Iterator[None]:
    """Run the step that puts the output in place; a signal during or after it is ignored.

    Once the complete output is in place, saying "no output was written" would be false.
    """
    _state.held += 1
    try:
        yield
        _state.committed = True
    finally:
        _state.held -= 1


def is_installed() -> bool:
    """Whether ``install`` is in effect (the entry point installs it before importing the CLI)."""
    return _state.installed
