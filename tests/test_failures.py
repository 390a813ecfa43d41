"""Every failure a user can provoke names its cause (issue 13, gaps 5, 9 and 10).

Each case used to end in "internal error", a hang, a silently accepted input, or a device
replaced by a regular file. Device cases use device nodes made in a temporary folder (we run
as root), so a regression replaces only that copy, never the machine's /dev/null.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from helpers import STORY

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "story.txt"
    path.write_text(STORY)
    return path


def one_error(result, fragment: str, code: int = 2) -> str:  # type: ignore[no-untyped-def]
    assert result.exit_code == code, (result.exit_code, result.stderr)
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("summarizer: error: "), lines[0]
    assert "internal error" not in lines[0]
    assert fragment in lines[0], lines[0]
    return lines[0]


def shell(command: str, **kwargs: object) -> subprocess.CompletedProcess[str]:
    """Run a shell line with ``summarizer`` meaning this checkout's ``python -m summarizer``."""
    summarizer = f"{sys.executable} -m summarizer"
    return subprocess.run(
        ["bash", "-c", command.replace("summarizer", summarizer, 1)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        check=False,
        **kwargs,  # type: ignore[arg-type]
    )


# --- conventions: exit codes in --help, completion, inspect takes one file -------------------


@pytest.mark.parametrize("command", [[], ["brief"], ["summarize"], ["inspect"], ["figures"]])
def test_help_lists_the_exit_codes(run_cli, command):
    text = run_cli(*command, "--help").stdout
    for line in ("Exit codes:", "0    success", "1    internal error", "2    bad input"):
        assert line in text
    assert "130  interrupted" in text


@pytest.mark.parametrize(
    ("shell_name", "marker"),
    [("bash", "complete -o nosort -F"), ("zsh", "#compdef summarizer"), ("fish", "complete")],
)
def test_shell_completion_script_is_produced(run_cli, shell_name, marker):
    # In-process: click answers the completion variable inside main(), before any command runs.
    done = run_cli(env={"_SUMMARIZER_COMPLETE": f"{shell_name}_source"})
    assert done.exit_code == 0, done.stderr
    assert marker in done.stdout and "_SUMMARIZER_COMPLETE" in done.stdout


def test_completion_completes_command_names(run_cli):
    done = run_cli(
        env={
            "_SUMMARIZER_COMPLETE": "bash_complete",
            "COMP_WORDS": "summarizer br",
            "COMP_CWORD": "1",
        }
    )
    assert "plain,brief" in done.stdout.split()


def test_inspect_refuses_a_folder(run_cli, article):
    one_error(run_cli("inspect", str(article.parent)), "is a folder; inspect takes one")


def test_inspect_refuses_a_glob_matching_several_files(run_cli, article):
    (article.parent / "other.txt").write_text(STORY)
    one_error(run_cli("inspect", str(article.parent / "*.txt")), "matches 2 files")


def test_inspect_accepts_a_glob_matching_one_file(run_cli, article):
    result = run_cli("inspect", str(article.parent / "sto*.txt"))
    assert result.exit_code == 0, result.stderr


# --- output to devices, named pipes and stdout ------------------------------------------------


def device(folder: Path, name: str, major: int, minor: int) -> Path:
    """A private copy of a character device (e.g. 1,3 is /dev/null): needs root."""
    path = folder / name
    os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(major, minor))
    return path


def test_output_to_a_null_device_writes_through_and_keeps_the_device(run_cli, article, tmp_path):
    null = device(tmp_path, "null", 1, 3)
    result = run_cli("brief", str(article), "-o", str(null))
    assert result.exit_code == 0, result.stderr
    assert stat.S_ISCHR(os.stat(null).st_mode), "the device was replaced by a regular file"
    assert os.major(os.stat(null).st_rdev) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["null", "story.txt"]


@pytest.mark.slow
def test_dev_null_itself_stays_a_device(article):
    # In a private mount namespace with its own /dev, so that a regression replaces only
    # that copy of /dev/null, never the machine's.
    done = shell(
        "unshare -m bash -c 'mount --make-rprivate / && mount -t tmpfs tmpfs /dev"
        " && mknod -m 666 /dev/null c 1 3"
        f" && summarizer -q brief {article} -o /dev/null; echo $?"
        " ; stat -c %F /dev/null; ls -A /dev'"
    )
    assert done.stdout.split("\n")[:3] == ["0", "character special file", "null"], done


def test_output_to_a_full_device_names_the_cause(run_cli, article, tmp_path):
    full = device(tmp_path, "full", 1, 7)
    one_error(run_cli("brief", str(article), "-o", str(full)), "No space left on device", code=1)
    assert stat.S_ISCHR(os.stat(full).st_mode)


def test_output_to_a_named_pipe_is_written_through_it(run_cli, article, tmp_path):
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    received: list[bytes] = []

    def read() -> None:
        with open(fifo, "rb") as pipe:  # blocks until the command opens the pipe to write
            received.append(pipe.read())

    reader = threading.Thread(target=read)
    reader.start()
    result = run_cli("brief", str(article), "-o", str(fifo))
    reader.join()
    assert result.exit_code == 0, result.stderr
    assert received[0].startswith(b"# ")
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe.md", "story.txt"]


@pytest.mark.slow
def test_dev_stdout_appended_to_a_log_keeps_the_log(article, tmp_path):
    # /dev/stdout resolves to the log file itself: renaming over it, or opening it to write
    # (which truncates), would lose what the log already held.
    log = tmp_path / "log.txt"
    log.write_text("earlier entry\n")
    done = shell(f"summarizer -q brief {article} -o /dev/stdout >> {log}")
    assert done.returncode == 0, done.stderr
    text = log.read_text()
    assert text.startswith("earlier entry\n# ")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["log.txt", "story.txt"]


def test_output_through_a_symbolic_link_replaces_the_target_and_keeps_the_link(
    run_cli, article, tmp_path
):
    target = tmp_path / "archive.md"
    target.write_text("old\n")
    link = tmp_path / "latest.md"
    link.symlink_to(target.name)
    result = run_cli("brief", str(article), "-o", str(link))
    assert result.exit_code == 0, result.stderr
    assert link.is_symlink() and target.read_text().startswith("# ")


def test_dash_as_output_means_standard_output(run_cli, article, tmp_path):
    result = run_cli("brief", str(article), "-o", "-", "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("{")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["story.txt"]


# --- closed and full standard streams ---------------------------------------------------------


@pytest.mark.slow
def test_stdout_closed(article):
    done = shell(f"summarizer brief {article} >&-")
    assert done.returncode == 1, done.stderr
    assert done.stderr == "summarizer: error: standard output is closed; give a file with -o FILE\n"


@pytest.mark.slow
def test_stdin_closed_when_reading_dash():
    done = shell("summarizer brief - <&-")
    assert done.returncode == 2, done.stderr
    assert done.stderr == "summarizer: error: -: standard input is closed; nothing to read\n"


@pytest.mark.slow
def test_stdout_on_a_full_disk(article):
    done = shell(f"summarizer brief {article} > /dev/full")
    assert done.returncode == 1, done.stderr
    assert done.stderr == (
        "summarizer: error: standard output: cannot write output (No space left on device)\n"
    )


def test_stdin_that_is_a_directory_stops_the_interpreter_before_our_code():
    # CPython refuses to start when stdin is a directory, before any of our code runs; the
    # README documents this. The test pins the behaviour so the README stays true.
    done = shell("summarizer brief - < /")
    assert done.returncode == 1
    assert "<stdin> is a directory" in done.stderr


# --- inputs the parsers cannot take --------------------------------------------------------------


def test_json_nested_100000_deep(run_cli, tmp_path):
    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000 + "]" * 100_000)
    one_error(run_cli("brief", str(path)), "deep.json: JSON nested too deeply")


def test_json_lines_nested_too_deep(run_cli, tmp_path):
    path = tmp_path / "deep.jsonl"
    path.write_text('{"text": "A sentence."}\n' + "[" * 100_000 + "]" * 100_000 + "\n")
    one_error(run_cli("brief", str(path)), "line 2: JSON nested too deeply")


def test_json_with_a_5000_digit_integer(run_cli, tmp_path):
    path = tmp_path / "big.json"
    path.write_text('{"text": "Some words. More words.", "id": ' + "7" * 5000 + "}")
    one_error(run_cli("brief", str(path)), "big.json: JSON holds a number too large to read")


def test_themes_toml_nested_too_deep(run_cli, article, tmp_path):
    themes = tmp_path / "deep.toml"
    themes.write_text("x = " + "[" * 100_000 + "]" * 100_000 + "\n")
    one_error(run_cli("brief", str(article), "--themes", str(themes)), "nested too deeply")


def test_sources_manifest_nested_too_deep(run_cli, article, tmp_path):
    manifest = tmp_path / "deep.toml"
    manifest.write_text("x = " + "[" * 100_000 + "]" * 100_000 + "\n")
    one_error(run_cli("brief", str(article), "--sources", str(manifest)), "nested too deeply")


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ('{% include "briefing.md.j2" %}\n', "line 1: includes, extends or calls itself"),
        ('{% extends "briefing.md.j2" %}\n', "line 1: includes, extends or calls itself"),
        ("first line\n{{ 1 / 0 }}\n", "line 2: ZeroDivisionError: division by zero"),
        (b"first line\n\xff\xfe not UTF-8\n", "line 2: not UTF-8 (byte 0xff)"),
    ],
    ids=["includes itself", "extends itself", "divides by zero", "not UTF-8"],
)
def test_broken_templates_name_the_file_and_line(run_cli, article, tmp_path, content, fragment):
    folder = tmp_path / "templates"
    folder.mkdir()
    template = folder / "briefing.md.j2"
    if isinstance(content, bytes):
        template.write_bytes(content)
    else:
        template.write_text(content)
    line = one_error(run_cli("brief", str(article), "--templates", str(folder)), fragment)
    assert f"template {template}" in line


@pytest.mark.parametrize(
    "option", ["--max-bytes", "--max-files", "--sentences", "--words", "--per-cell"]
)
def test_numbers_too_large_for_an_option(run_cli, article, option):
    line = one_error(run_cli("brief", str(article), option, str(10**30)), option)
    assert "is not in the range" in line


def test_a_number_with_thousands_of_digits_is_refused_too(run_cli, article):
    one_error(run_cli("brief", str(article), "--max-bytes", "9" * 5000), "--max-bytes")


# --- named pipes with no writer -------------------------------------------------------------------


def test_a_named_pipe_article_with_no_writer_times_out(run_cli, tmp_path, monkeypatch):
    from summarizer.ingest import paths

    monkeypatch.setattr(paths, "PIPE_TIMEOUT", 0.05)  # the code under test waits, not the test
    fifo = tmp_path / "article.txt"
    os.mkfifo(fifo)
    line = one_error(run_cli("brief", str(fifo)), "no data came within 0.05 s")
    assert "not a regular file" in line


def test_a_named_pipe_article_with_a_writer_is_read(run_cli, tmp_path):
    fifo = tmp_path / "article.txt"
    os.mkfifo(fifo)

    def feed() -> None:
        with open(fifo, "w") as pipe:  # blocks until the command opens the pipe to read
            pipe.write(STORY)

    writer = threading.Thread(target=feed)
    writer.start()
    result = run_cli("brief", str(fifo), "-f", "json")
    writer.join()
    assert result.exit_code == 0, result.stderr
    assert '"article"' in result.stdout


@pytest.mark.parametrize("option", ["--themes", "--sources"])
def test_a_named_pipe_as_themes_or_manifest_is_refused_at_once(run_cli, article, tmp_path, option):
    fifo = tmp_path / "settings.toml"
    os.mkfifo(fifo)
    one_error(run_cli("brief", str(article), option, str(fifo)), "not a regular file")
