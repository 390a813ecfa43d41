"""summarizer: comparative, extractive briefings from a stack of news articles.

The Python API (``summarizer.api``, documented in docs/api.md) is importable from here. It is
loaded on first use (PEP 562), so ``import summarizer`` stays cheap for ``--version``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "SCHEMA_KINDS",
    "Article",
    "Briefing",
    "FigureGroup",
    "Options",
    "PathArg",
    "Sentence",
    "SourceInfo",
    "SummarizerError",
    "__version__",
    "brief",
    "build_briefing",
    "json_schema",
    "load_articles",
    "render_briefing",
    "render_figures",
    "render_summaries",
    "summarize",
]

if TYPE_CHECKING:
    from .api import (
        SCHEMA_KINDS,
        Article,
        Briefing,
        FigureGroup,
        Options,
        PathArg,
        Sentence,
        SourceInfo,
        SummarizerError,
        brief,
        build_briefing,
        json_schema,
        load_articles,
        render_briefing,
        render_figures,
        render_summaries,
        summarize,
    )


def __getattr__(name: str) -> Any:
    if name in __all__:
        from . import api

        return getattr(api, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
