"""Every default is written once: the command line shows the defaults pipeline.Options uses."""

from __future__ import annotations

import json

import click

from summarizer.cli import cli
from summarizer.pipeline import Options


def _defaults(command: str) -> dict[str, object]:
    group = cli
    assert isinstance(group, click.Group)
    return {param.name: param.default for param in group.commands[command].params}


def test_brief_defaults_are_the_options_defaults() -> None:
    defaults = _defaults("brief")
    options = Options()
    for name in ("algorithm", "sentences", "words", "per_cell", "digest_words", "themes", "title"):
        assert defaults[name] == getattr(options, name), name


def test_summarize_defaults_are_the_options_defaults() -> None:
    defaults = _defaults("summarize")
    options = Options()
    for name in ("algorithm", "sentences", "words"):
        assert defaults[name] == getattr(options, name), name


def test_figures_follows_the_themes_it_is_given(run_cli, seeds_dir, tmp_path) -> None:
    themes = tmp_path / "themes.toml"
    themes.write_text(
        '[[theme]]\nid = "fighting"\nlabel = "Fighting"\nkeywords = ["killed", "troops"]\n',
        encoding="utf-8",
    )
    result = run_cli("figures", str(seeds_dir), "--themes", str(themes), "-f", "json")
    assert result.exit_code == 0, result.output
    groups = json.loads(result.stdout)["figures"]
    assert groups
    assert {group["theme"] for group in groups} <= {"fighting", None}
    assert "fighting" in {group["theme"] for group in groups}
