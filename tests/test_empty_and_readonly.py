"""Issue 16's small cases: empty paths are errors, a read-only output needs --force."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from summarizer.errors import SummarizerError
from summarizer.writer import check_output_path


@pytest.mark.parametrize(
    ("args", "flag"),
    [
        (["brief", "{seeds}", "-o", ""], "'--output'"),
        (["summarize", "{seeds}", "-o", ""], "'--output'"),
        (["brief", "{seeds}", "--themes", ""], "'--themes'"),
        (["themes", "{seeds}", "--write", ""], "'--write'"),
        (["stories", "{seeds}", "-o", ""], "'--output'"),
    ],
)
def test_an_empty_path_is_a_clear_error_not_stdout(run_cli, seeds_dir, args, flag):
    result = run_cli(*[a.format(seeds=seeds_dir) for a in args])
    assert result.exit_code == 2
    assert result.stdout == ""  # nothing was written to standard output instead
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("summarizer: error:") and flag in line and "empty" in line


def test_a_read_only_output_is_refused_even_for_root_unless_forced(run_cli, seeds_dir, tmp_path):
    output = tmp_path / "briefing.md"
    output.write_text("kept\n")
    output.chmod(0o444)
    refused = run_cli("brief", str(seeds_dir), "-o", str(output))
    assert refused.exit_code == 2
    assert "read-only" in refused.stderr and "--force" in refused.stderr
    assert output.read_text() == "kept\n"
    forced = run_cli("brief", str(seeds_dir), "-o", str(output), "--force")
    assert forced.exit_code == 0, forced.stderr
    assert output.read_text().startswith("# ")
    assert not os.stat(output).st_mode & 0o222  # its mode is kept


def test_the_writer_checks_mode_bits_not_access_rights(tmp_path: Path):
    target = tmp_path / "out.json"
    target.write_text("{}")
    target.chmod(0o400)
    with pytest.raises(SummarizerError, match="read-only"):
        check_output_path(str(target))
    check_output_path(str(target), force=True)  # no error
    writable = tmp_path / "copy.json"
    shutil.copy(target, writable)
    writable.chmod(0o600)
    check_output_path(str(writable))
