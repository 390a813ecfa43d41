"""Ctrl-C and SIGTERM at any moment: one line, exit 130, no traceback, the old output kept.

Issue 13, gap 2. Each test runs the real command in a subprocess with ``python -X importtime``,
which prints a line to stderr as each module finishes importing; the test reads stderr until a
chosen line appears and signals the process then. So the signal lands at a known stage (while
click imports, while the heavy stages import, while the run works) without any sleeping.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
IMPORT_LINE = "import time:"


def start(tmp_path: Path, *args: str) -> tuple[subprocess.Popen[bytes], Path]:
    """Run ``brief`` on a copy of the seeds with an existing output; returns the process."""
    inputs = tmp_path / "news"
    shutil.copytree(SEEDS, inputs)
    output = tmp_path / "briefing.md"
    output.write_text("previous briefing\n")
    command = ["-m", "summarizer", *args, "brief", str(inputs), "-o", str(output)]
    process = subprocess.Popen(
        [sys.executable, "-X", "importtime", *command],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    return process, output


def wait_for(process: subprocess.Popen[bytes], module: str) -> list[str]:
    """Read stderr lines until ``module`` has been imported; returns the lines read."""
    assert process.stderr is not None
    seen: list[str] = []
    while True:
        line = process.stderr.readline().decode("utf-8", "replace")
        assert line, f"the command ended before {module} was imported: {seen[-5:]}"
        seen.append(line)
        if line.startswith(IMPORT_LINE) and line.rsplit("|", 1)[-1].strip() == module:
            return seen


def assert_interrupted(process: subprocess.Popen[bytes], seen: list[str], tmp_path: Path) -> None:
    stdout, rest = process.communicate(timeout=120)
    lines = seen + rest.decode("utf-8", "replace").splitlines()
    messages = [line for line in lines if line.strip() and IMPORT_LINE not in line]
    assert process.returncode == 130, (process.returncode, messages)
    assert messages == ["summarizer: error: interrupted; no output was written"], messages
    assert not any("Traceback" in line for line in lines)
    assert stdout == b""
    assert (tmp_path / "briefing.md").read_text() == "previous briefing\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["briefing.md", "news"]


# The import lines that mark each moment: the CLI's own import (click, right after the handler
# is installed), the heavy stages importing (NumPy comes early in that chain), and the run
# itself (the pipeline module has finished importing and the articles are being read).
MOMENTS = {"starting": "click", "importing": "numpy", "working": "summarizer.pipeline"}


# A signal while the pipeline works costs a full import and run: that case is in the slow set.
_MOMENT_PARAMS = [
    pytest.param(moment, marks=pytest.mark.slow) if moment == "working" else moment
    for moment in MOMENTS
]


@pytest.mark.parametrize("moment", _MOMENT_PARAMS)
@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_signal_at_each_moment_exits_130_with_one_line(tmp_path, moment, signum):
    process, _ = start(tmp_path)
    seen = wait_for(process, MOMENTS[moment])
    process.send_signal(signum)
    assert_interrupted(process, seen, tmp_path)


@pytest.mark.parametrize("moment", ["importing", pytest.param("working", marks=pytest.mark.slow)])
def test_a_second_signal_during_clean_up_changes_nothing(tmp_path, moment):
    process, _ = start(tmp_path)
    seen = wait_for(process, MOMENTS[moment])
    process.send_signal(signal.SIGINT)
    process.send_signal(signal.SIGTERM)
    process.send_signal(signal.SIGINT)
    assert_interrupted(process, seen, tmp_path)


@pytest.mark.parametrize("args", [["--help"], ["--version"], ["brief", "--format", "pdf", "x"]])
def test_help_version_and_usage_errors_import_nothing_heavy(args):
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "summarizer", *args],
        capture_output=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        check=False,
    )
    assert done.returncode == (2 if "brief" in args else 0), done.stderr
    imported = {
        line.rsplit("|", 1)[-1].strip().split(".")[0]
        for line in done.stderr.decode().splitlines()
        if line.startswith(IMPORT_LINE)
    }
    assert "click" in imported
    assert not imported & {"numpy", "scipy", "sumy", "nltk", "sklearn", "lxml", "jinja2"}
    assert not imported & {"textstat", "markdown"}


def test_cli_choices_match_the_stages():
    from summarizer import defaults, ingest, summarise

    assert defaults.ALGORITHMS == summarise.ALGORITHMS
    assert defaults.DEFAULT_MAX_BYTES == ingest.DEFAULT_MAX_BYTES


@pytest.mark.slow
def test_ctrl_c_to_the_process_group_stops_the_workers_too(tmp_path):
    # Ctrl-C reaches every process of the terminal's process group, workers included: they must
    # leave the report to the parent, which cancels the queued work and exits 130, at once.
    inputs = tmp_path / "news"
    inputs.mkdir()
    for copy in range(6):
        for seed in sorted(SEEDS.iterdir()):
            text = seed.read_text(encoding="utf-8") + f"\nEdition {copy} of the report ends here.\n"
            (inputs / f"{copy}_{seed.name}").write_text(text, encoding="utf-8")
    output = tmp_path / "briefing.md"
    output.write_text("previous briefing\n")
    command = [sys.executable, "-m", "summarizer", "-v", "brief", str(inputs), "--jobs", "2"]
    process = subprocess.Popen(
        [*command, "-o", str(output)],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        start_new_session=True,  # its own process group, as a terminal gives a command
    )
    assert process.stderr is not None
    seen = []
    while not any("read the inputs" in line for line in seen):  # the workers start next
        line = process.stderr.readline().decode("utf-8", "replace")
        assert line, seen
        seen.append(line)
    os.killpg(process.pid, signal.SIGINT)
    stdout, rest = process.communicate(timeout=120)
    lines = seen + rest.decode("utf-8", "replace").splitlines()
    assert process.returncode == 130, lines
    assert [line for line in lines if "error" in line] == [
        "summarizer: error: interrupted; no output was written"
    ]
    assert not any("Traceback" in line or "KeyboardInterrupt" in line for line in lines), lines
    assert stdout == b""
    assert output.read_text() == "previous briefing\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["briefing.md", "news"]
