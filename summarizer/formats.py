"""The format registry: each command's output formats (the first is its default) and renderer.

The CLI builds its ``--format`` choices from here and ``summarizer.render`` checks formats
against it, so the two cannot drift apart. Importing this module is cheap: renderers are
looked up in ``summarizer.render`` only when asked for.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class CommandOutput:
    """What one command can write: its formats, its renderer, and its name in messages."""

    command: str
    formats: tuple[str, ...]  # the first is the default
    renderer: str  # a public function of summarizer.render
    what: str  # used in "unknown briefing format 'x'"


REGISTRY: dict[str, CommandOutput] = {
    entry.command: entry
    for entry in (
        CommandOutput("brief", ("md", "html", "json"), "render_briefing", "briefing"),
        CommandOutput("summarize", ("text", "md", "json"), "render_summaries", "summaries"),
        CommandOutput("inspect", ("text", "json"), "render_inspect", "inspect"),
        CommandOutput("figures", ("text", "md", "json"), "render_figures", "figures"),
        CommandOutput("stories", ("md", "html", "json"), "render_story_index", "stories"),
    )
}

# Output formats a file extension selects when -f is not given (only among the command's own).
FORMAT_BY_EXTENSION = {
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".json": "json",
    ".txt": "text",
}


def formats(command: str) -> tuple[str, ...]:
    """The command's output formats, its default first."""
    return REGISTRY[command].formats


def renderer(command: str) -> Callable[..., str]:
    """The command's render function, looked up at call time (so it can be replaced in tests)."""
    module = importlib.import_module("summarizer.render")
    return getattr(module, REGISTRY[command].renderer)
