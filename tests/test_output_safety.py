"""Never lose a user's file: an output path that is any file the run reads is refused.

Issue 13, gap 1: the check used to compare ``-o`` with the raw arguments, so a folder, a glob
or ``themes --write`` could overwrite an article and exit 0.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from helpers import STORY


@pytest.fixture
def news(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    folder.mkdir()
    for name in ("001_a.txt", "002_b.txt", "003_c.txt"):
        (folder / name).write_text(STORY.replace("4,000", name[:3]), encoding="utf-8")
    return folder


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def assert_refused(result, target: str) -> None:  # type: ignore[no-untyped-def]
    assert result.exit_code == 2, (result.exit_code, result.stderr)
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("summarizer: error: "), lines[0]
    assert "would overwrite the input" in lines[0] and target in lines[0], lines[0]
    assert result.stdout == ""


@pytest.mark.parametrize("command", ["brief", "summarize", "figures"])
def test_output_inside_an_input_folder_is_refused(run_cli, news, command):
    before = snapshot(news)
    target = str(news / "001_a.txt")
    assert_refused(run_cli(command, str(news), "-o", target), target)
    assert snapshot(news) == before


def test_output_matched_by_an_input_glob_is_refused(run_cli, news):
    before = snapshot(news)
    target = str(news / "002_b.txt")
    assert_refused(run_cli("brief", str(news / "*.txt"), "-o", target), target)
    assert snapshot(news) == before


def test_output_that_is_a_symlink_to_a_file_in_an_input_folder_is_refused(run_cli, news, tmp_path):
    before = snapshot(news)
    link = tmp_path / "briefing.md"
    link.symlink_to(news / "003_c.txt")
    assert_refused(run_cli("brief", str(news), "-o", str(link)), str(link))
    assert snapshot(news) == before
    assert link.is_symlink()


def test_output_through_a_symlinked_folder_is_refused(run_cli, news, tmp_path):
    before = snapshot(news)
    alias = tmp_path / "alias"
    alias.symlink_to(news, target_is_directory=True)
    target = str(alias / "001_a.txt")
    assert_refused(run_cli("brief", str(news), "-o", target), target)
    assert snapshot(news) == before


def test_themes_write_over_an_article_in_the_folder_is_refused(run_cli, news):
    before = snapshot(news)
    target = str(news / "003_c.txt")
    assert_refused(run_cli("themes", str(news), "--write", target), target)
    assert snapshot(news) == before


def test_output_over_the_themes_file_or_manifest_is_refused(run_cli, news, tmp_path):
    themes = tmp_path / "themes.toml"
    themes.write_text('[[theme]]\nid = "a"\nlabel = "A"\nkeywords = ["rain"]\n')
    manifest = tmp_path / "sources.toml"
    manifest.write_text('[[source]]\npath = "001_a.txt"\noutlet = "Example"\n')
    for extra, target in (
        (("--themes", str(themes)), themes),
        (("--sources", str(manifest)), manifest),
    ):
        before = target.read_bytes()
        assert_refused(run_cli("brief", str(news), *extra, "-o", str(target)), str(target))
        assert target.read_bytes() == before


def test_an_earlier_briefing_in_the_input_folder_may_be_replaced(run_cli, news):
    output = news / "briefing.md"
    first = run_cli("brief", str(news), "-o", str(output))
    assert first.exit_code == 0, first.stderr
    again = run_cli("brief", str(news), "--title", "Second run", "-o", str(output))
    assert again.exit_code == 0, again.stderr
    assert "Second run" in output.read_text(encoding="utf-8")


def test_a_new_file_in_the_input_folder_is_allowed(run_cli, news):
    result = run_cli("brief", str(news), "-o", str(news / "new-briefing.md"))
    assert result.exit_code == 0, result.stderr
    assert sorted(os.listdir(news)) == ["001_a.txt", "002_b.txt", "003_c.txt", "new-briefing.md"]
