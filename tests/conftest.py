"""Shared fixtures: the bundled seeds and a way to run the CLI in-process."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, settings

# Hypothesis budgets: "ci" keeps the property tests to about a minute on two cores; run
# `pytest --hypothesis-profile thorough` for a long local search (about ten minutes).
for _name, _examples in (("ci", 150), ("thorough", 2_000)):
    settings.register_profile(
        _name,
        max_examples=_examples,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def run_cli():
    """Run the CLI entry point in-process; returns click's Result (exit code from sys.exit).

    Session-wide (it keeps no state), so that module-wide fixtures can run the CLI once.
    """
    from summarizer.cli import main

    def run(
        *args: str, input: bytes | str | None = None, env: Mapping[str, str] | None = None
    ) -> Result:
        runner = CliRunner()
        return runner.invoke(_Entry(main), list(args), input=input, env=env, catch_exceptions=False)

    return run


class _Entry:
    """Adapts ``main(argv)`` to what CliRunner.invoke expects of a command."""

    def __init__(self, main):  # type: ignore[no-untyped-def]
        self._main = main
        self.name = "summarizer"

    def main(self, args, prog_name=None, **_):  # type: ignore[no-untyped-def]
        self._main(args)
