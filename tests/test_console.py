"""What a user sees on stderr: warnings (issue 13, gap 3), -q and -v, the inferred format
(gap 4), and no terminal escape sequences from untrusted names (gap 11)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from helpers import STORY

from summarizer.console import terminal_safe


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    news = tmp_path / "news"
    news.mkdir()
    (news / "a.txt").write_text(STORY)
    (news / "copy.txt").write_text(STORY)  # a duplicate: counted once, with a warning
    (news / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    return news


def warning_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("summarizer: warning: ")]


def test_every_warning_in_the_briefing_is_also_on_stderr(run_cli, folder, tmp_path):
    output = tmp_path / "briefing.json"
    result = run_cli("brief", str(folder), "-o", str(output))
    assert result.exit_code == 0, result.stderr
    in_briefing = json.loads(output.read_text())["warnings"]
    assert any("binary" in w for w in in_briefing) and any("identical" in w for w in in_briefing)
    assert warning_lines(result.stderr) == [f"summarizer: warning: {w}" for w in in_briefing]


@pytest.mark.parametrize("command", ["summarize", "figures", "themes"])
def test_other_commands_print_the_warnings_of_reading_too(run_cli, folder, command):
    result = run_cli(command, str(folder))
    assert result.exit_code == 0, result.stderr
    assert any("photo.txt" in line for line in warning_lines(result.stderr)), result.stderr


@pytest.mark.parametrize("where", ["before", "after"])
def test_quiet_silences_warnings_wherever_it_is_given(run_cli, folder, where):
    args = ["-q", "brief", str(folder)] if where == "before" else ["brief", str(folder), "-q"]
    result = run_cli(*args)
    assert result.exit_code == 0
    assert result.stderr == ""
    assert "binary" in result.stdout  # still in the briefing itself


def test_quiet_keeps_errors(run_cli, tmp_path):
    result = run_cli("-q", "brief", str(tmp_path / "missing.txt"))
    assert result.exit_code == 2
    assert result.stderr.startswith("summarizer: error: ")


def test_verbose_prints_a_timing_per_stage(run_cli, folder):
    result = run_cli("brief", str(folder), "-v")
    assert result.exit_code == 0
    timings = [line for line in result.stderr.splitlines() if line.endswith(" s")]
    stages = [line.split(": ")[1] for line in timings]
    assert stages == [
        "imported the stages",
        "read the inputs",
        "built the briefing",
        "rendered md",
        "wrote the output",
    ]
    assert all(line.startswith("summarizer: ") for line in timings)
    cpu = result.stderr.splitlines()[len(timings)]  # then the CPU time, here and in workers
    own, workers = re.fullmatch(
        r"summarizer: CPU time: ([\d.]+) s in this process, ([\d.]+) s in worker processes", cpu
    ).groups()
    assert float(own) > 0 and float(workers) >= 0


@pytest.mark.parametrize(
    ("command", "name", "check"),
    [
        ("brief", "out.html", lambda text: text.startswith("<!DOCTYPE html>")),
        ("brief", "out.HTM", lambda text: text.startswith("<!DOCTYPE html>")),
        ("brief", "out.json", lambda text: json.loads(text)["schema_version"]),
        ("brief", "out.markdown", lambda text: text.startswith("# ")),
        ("brief", "out.txt", lambda text: text.startswith("# ")),  # brief has no text format
        ("summarize", "out.txt", lambda text: not text.startswith("#") and "[" in text),
        ("figures", "out.json", lambda text: "figures" in json.loads(text)),
    ],
)
def test_format_follows_the_output_extension(run_cli, tmp_path, command, name, check):
    article = tmp_path / "a.txt"
    article.write_text(STORY)
    output = tmp_path / name
    result = run_cli(command, str(article), "-o", str(output))
    assert result.exit_code == 0, result.stderr
    assert check(output.read_text())
    assert "although the file name" not in result.stderr


def test_explicit_format_that_contradicts_the_extension_is_kept_with_a_warning(run_cli, tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(STORY)
    output = tmp_path / "out.html"
    result = run_cli("brief", str(article), "-f", "md", "-o", str(output))
    assert result.exit_code == 0, result.stderr
    assert output.read_text().startswith("# ")
    assert f"summarizer: warning: {output}: writing md although the file name ends in .html" in (
        result.stderr.splitlines()
    )


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("a\x1b[31mred\x1b[0m.txt", "ared.txt"),
        ("t\x1b]0;owned\x07.txt", "t.txt"),
        ("link\x1b]8;;http://x\x1b\\here\x1b]8;;\x1b\\.txt", "linkhere.txt"),
        ("c1\x9b2J.txt", "c1.txt"),
        ("bell\x07\x08.txt", "bell.txt"),
        ("rtl\u202eexe.txt", "rtlexe.txt"),
        ("two\nlines.txt", "two lines.txt"),
        ("bad\udcff.txt", "bad\ufffd.txt"),
    ],
)
def test_terminal_safe_removes_escape_sequences_and_controls(raw, shown):
    assert terminal_safe(raw) == shown


def test_escape_sequences_in_a_file_name_never_reach_the_terminal(run_cli, tmp_path):
    name = tmp_path / "evil\x1b]0;title\x07\x1bc.txt"
    result = run_cli("brief", str(name))
    assert result.exit_code == 2
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert "evil.txt: no such file or directory" in result.stderr


def test_warnings_about_an_escape_named_file_are_cleaned_too(run_cli, tmp_path):
    (tmp_path / "a.txt").write_text(STORY)
    (tmp_path / "b\x1b[2J.txt").write_bytes(b"\x00\x01binary")
    result = run_cli("brief", str(tmp_path))
    assert result.exit_code == 0, result.stderr
    assert "\x1b" not in result.stderr
    assert any("b[2J.txt" not in line and "b.txt" in line for line in warning_lines(result.stderr))


def test_a_library_warning_becomes_one_of_our_warning_lines(run_cli, tmp_path):
    # sumy's LSA warns (a Python UserWarning) when an article has fewer distinct words than
    # sentences; the user must see one clean line, not Python's two-line form with a path.
    article = tmp_path / "short.txt"
    article.write_text("Rain fell.\nRain fell again.\nRain fell more.\nRain fell today.\nRain.\n")
    result = run_cli("brief", str(article), "--algorithm", "lsa")
    assert result.exit_code == 0, result.stderr
    assert "UserWarning" not in result.stderr and "lsa.py" not in result.stderr
    lines = warning_lines(result.stderr)
    assert any("LSA algorithm may not work properly" in line for line in lines)
    assert all(line.startswith("summarizer: ") for line in result.stderr.splitlines())
    quiet = run_cli("-q", "brief", str(article), "--algorithm", "lsa")
    assert quiet.stderr == ""


def test_a_failing_run_prints_only_its_error_even_with_a_format_warning_due(run_cli, tmp_path):
    output = tmp_path / "out.html"
    result = run_cli("brief", str(tmp_path / "missing.txt"), "-f", "md", "-o", str(output))
    assert result.exit_code == 2
    assert len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith("summarizer: error: ")
