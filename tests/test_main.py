"""Tests for summarizer.__main__: how the command's process ends."""

from __future__ import annotations

import io
import subprocess
import sys
import threading

import pytest

from summarizer import __main__ as entry


@pytest.fixture
def exits(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The codes ``os._exit`` was called with (it is not really called)."""
    codes: list[int] = []
    monkeypatch.setattr(entry.os, "_exit", codes.append)
    return codes


def test_leave_flushes_the_streams_then_ends_with_the_code(exits, monkeypatch) -> None:
    out, err = io.StringIO(), io.StringIO()
    flushed: list[str] = []
    monkeypatch.setattr(out, "flush", lambda: flushed.append("out"))
    monkeypatch.setattr(err, "flush", lambda: flushed.append("err"))
    monkeypatch.setattr(sys, "stdout", out)
    monkeypatch.setattr(sys, "stderr", err)
    monkeypatch.setattr(entry.threading, "active_count", lambda: 1)  # the runner's own threads
    entry._leave(3)
    assert flushed == ["out", "err"]
    assert exits == [3]


def test_leave_ends_even_when_a_stream_was_closed_at_start(exits, monkeypatch) -> None:
    monkeypatch.setattr(sys, "stdout", None)  # started with >&-
    monkeypatch.setattr(entry.threading, "active_count", lambda: 1)
    entry._leave(1)
    assert exits == [1]


def test_leave_keeps_the_teardown_while_a_thread_runs(exits) -> None:
    release = threading.Event()
    worker = threading.Thread(target=release.wait)
    worker.start()
    try:
        entry._leave(0)
    finally:
        release.set()
        worker.join()
    assert exits == []


def test_leave_keeps_the_teardown_when_the_pipe_is_closed(exits, monkeypatch) -> None:
    class ClosedPipe(io.StringIO):
        def flush(self) -> None:
            raise BrokenPipeError

    monkeypatch.setattr(sys, "stdout", ClosedPipe())
    entry._leave(0)
    assert exits == []


@pytest.mark.parametrize(
    ("args", "code", "stream", "text"),
    [
        (["--version"], 0, "stdout", "summarizer, version"),
        (["brief", "/nonexistent/summarizer-input"], 2, "stderr", "summarizer: error:"),
    ],
)
def test_the_process_ends_with_the_commands_code_and_its_output(args, code, stream, text) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "summarizer", *args], capture_output=True, text=True, check=False
    )
    assert done.returncode == code, done.stderr
    assert getattr(done, stream).startswith(text)
    assert getattr(done, stream).endswith("\n")
    assert "Traceback" not in done.stderr
