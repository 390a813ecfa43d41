"""Progress of a long run, shown on a terminal only.

The pipeline reports through a plain callback, ``progress(stage, done, total)``, and knows nothing
about terminals; the CLI passes ``terminal_progress()`` (or None to stay silent).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import TextIO

Progress = Callable[[str, int, int], None]

# A run shorter than this shows no bar at all: a flash of output is noise.
SHOW_AFTER_SECONDS = 2.0


class TerminalProgress:
    """One click progress bar per stage on ``stream``, once the run has taken SHOW_AFTER_SECONDS."""

    def __init__(self, stream: TextIO, delay: float = SHOW_AFTER_SECONDS) -> None:
        self.stream = stream
        self.started = time.monotonic()
        self.delay = delay
        self.stage: str | None = None
        self.bar = None  # type: ignore[var-annotated]
        self.shown = 0

    def __call__(self, stage: str, done: int, total: int) -> None:
        if stage != self.stage:
            self.close()
            self.stage = stage
        if self.bar is None:
            if time.monotonic() - self.started < self.delay or done >= total:
                return
            import click

            self.bar = click.progressbar(length=total, label=stage, file=self.stream)
            self.bar.__enter__()
            self.shown = 0
        self.bar.update(done - self.shown)
        self.shown = done
        if done >= total:
            self.close()

    def close(self) -> None:
        """Finish the current stage's bar, if one is showing."""
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


def terminal_progress(stream: TextIO | None = None) -> TerminalProgress | None:
    """A progress reporter for ``stream`` (default stderr), or None when it is not a terminal."""
    stream = stream if stream is not None else sys.stderr
    try:
        interactive = stream.isatty()
    except (AttributeError, ValueError):
        interactive = False
    return TerminalProgress(stream) if interactive else None
