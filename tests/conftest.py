"""Shared fixtures: the bundled seeds and a way to run the CLI in-process."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"


@pytest.fixture
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture
def run_cli():
    """Run the CLI entry point in-process; returns click's Result (exit code from sys.exit)."""
    from summarizer.cli import main

    def run(*args: str, input: bytes | str | None = None) -> Result:
        runner = CliRunner()
        return runner.invoke(_Entry(main), list(args), input=input, catch_exceptions=False)

    return run


class _Entry:
    """Adapts ``main(argv)`` to what CliRunner.invoke expects of a command."""

    def __init__(self, main):  # type: ignore[no-untyped-def]
        self._main = main
        self.name = "summarizer"

    def main(self, args, prog_name=None, **_):  # type: ignore[no-untyped-def]
        self._main(args)
