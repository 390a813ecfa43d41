"""What the command line tells the user on stderr: errors, warnings, timings, progress.

Everything goes through ``terminal_safe`` first: file names and article text are untrusted,
and an escape sequence in a file name must not recolour, retitle or rewrite the terminal.
Imports only the standard library (the CLI loads it before anything heavy).
"""

from __future__ import annotations

import contextlib
import re
import sys
import time
from collections.abc import Iterator
from typing import TextIO

PROG = "summarizer"

# ANSI/ECMA-48 sequences (CSI, OSC/DCS/APC/PM/SOS strings, two-character escapes), then any
# remaining C0/C1 control character, then the bidirectional overrides and isolates that can
# make a line read differently from what it holds.
_ESCAPES = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]"
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[ -/]*[0-~]"
)
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_SURROGATES = re.compile("[\ud800-\udfff]")


def terminal_safe(text: str) -> str:
    """One printable line: escape sequences and control characters removed, lone surrogates
    (undecodable bytes in file names) shown as U+FFFD, line breaks and tabs made spaces."""
    text = _ESCAPES.sub("", text.replace("\t", " ").replace("\n", " ").replace("\r", " "))
    return _SURROGATES.sub("\ufffd", _CONTROLS.sub("", text))


class Console:
    """The user's choice of chattiness (-q, -v) and the one place that writes to stderr."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.quiet = False
        self.verbose = False
        self._stream = stream
        self.deferred: list[str] = []  # warnings to print once the output is written

    def _write(self, kind: str, message: str) -> None:
        stream = self._stream or sys.stderr
        if stream is None:  # started with stderr closed (2>&-): nowhere to say it
            return
        prefix = f"{PROG}: {kind}: " if kind else f"{PROG}: "
        stream.write(prefix + terminal_safe(message) + "\n")
        stream.flush()

    def error(self, message: str) -> None:
        """Always shown, whatever -q says."""
        self._write("error", message)

    def warning(self, message: str) -> None:
        if not self.quiet:
            self._write("warning", message)

    def later(self, message: str) -> None:
        """A warning to print after the output, so that a run that fails prints one line."""
        self.deferred.append(message)

    def progress(self, message: str) -> None:
        """Progress of a long run; silenced by -q."""
        if not self.quiet:
            self._write("", message)

    def info(self, message: str) -> None:
        """Detail for -v only."""
        if self.verbose and not self.quiet:
            self._write("", message)

    @contextlib.contextmanager
    def stage(self, what: str) -> Iterator[None]:
        """Time one stage of the run; -v prints how long it took."""
        start = time.perf_counter()
        yield
        self.info(f"{what}: {time.perf_counter() - start:.2f} s")

    def cpu_used(self) -> None:
        """-v: the CPU time used so far, here and in the worker processes that have ended (the
        stages' times are wall time; with workers the two differ)."""
        try:
            import resource
        except ImportError:  # not on every platform
            return
        own, workers = (
            resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
        )
        self.info(
            f"CPU time: {own.ru_utime + own.ru_stime:.2f} s in this process,"
            f" {workers.ru_utime + workers.ru_stime:.2f} s in worker processes"
        )
