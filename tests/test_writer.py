"""Atomic output: all or nothing, even when interrupted."""

from __future__ import annotations

import os

import pytest

from summarizer import writer
from summarizer.errors import SummarizerError


def test_writes_and_replaces(tmp_path):
    target = tmp_path / "out.md"
    writer.write_atomic(str(target), "one\n")
    writer.write_atomic(str(target), "two\n")
    assert target.read_text() == "two\n"
    assert os.listdir(tmp_path) == ["out.md"]


def test_interrupt_keeps_old_file_and_leaves_no_temporary(tmp_path, monkeypatch):
    target = tmp_path / "out.md"
    target.write_text("old\n")

    def interrupted(*_):
        raise KeyboardInterrupt

    monkeypatch.setattr(writer.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        writer.write_atomic(str(target), "new\n")
    assert target.read_text() == "old\n"
    assert os.listdir(tmp_path) == ["out.md"]


def test_keeps_permissions_of_existing_file(tmp_path):
    target = tmp_path / "out.md"
    target.write_text("old\n")
    target.chmod(0o640)
    writer.write_atomic(str(target), "new\n")
    assert (target.stat().st_mode & 0o777) == 0o640


def test_check_output_path(tmp_path):
    source = tmp_path / "in.txt"
    source.write_text("x")
    with pytest.raises(SummarizerError, match="directory"):
        writer.check_output_path(str(tmp_path))
    with pytest.raises(SummarizerError, match="input"):
        writer.check_output_path(str(source), [str(source)])
    with pytest.raises(SummarizerError, match="does not exist"):
        writer.check_output_path(str(tmp_path / "no" / "out.md"))
    writer.check_output_path(str(tmp_path / "new.md"), [str(source)])


def test_unwritable_folder(tmp_path, monkeypatch):
    # CI runs as root, which can write anywhere, so simulate the permission check's answer.
    locked = tmp_path / "locked"
    locked.mkdir()
    real_access = os.access
    monkeypatch.setattr(
        writer.os,
        "access",
        lambda p, mode: False if str(p) == str(locked) else real_access(p, mode),
    )
    with pytest.raises(SummarizerError, match="not writable"):
        writer.check_output_path(str(locked / "out.md"))
