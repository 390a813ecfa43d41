"""The public Python API: load articles, build a briefing or summaries, render them.

Everything here is also importable from the package itself (``from summarizer import brief``);
docs/api.md documents it with examples that the tests run.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

# A name imported "as" itself is only re-exported (it is in __all__, unused here).
from . import __all__ as package_names
from . import render as rendering
from .defaults import DEFAULT_COLUMNS
from .errors import SummarizerError as SummarizerError
from .ingest import DEFAULT_MAX_BYTES, DEFAULT_MAX_FILES, PathArg, load_articles
from .models import Article, Briefing, SourceInfo
from .models import FigureGroup as FigureGroup
from .models import Sentence as Sentence
from .pipeline import Options, build_briefing, summarize_articles
from .render import SCHEMA_KINDS as SCHEMA_KINDS
from .render import json_schema as json_schema

# The package's list is the one list of public names; here it is without the version.
__all__ = [name for name in package_names if name != "__version__"]


def brief(
    paths: PathArg | Iterable[PathArg],
    options: Options | None = None,
    *,
    manifest: PathArg | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_files: int = DEFAULT_MAX_FILES,
) -> Briefing:
    """Read the articles at ``paths`` and build their comparative briefing (``summarizer brief``).

    The loading warnings (skipped files, duplicates, non-English text…) end up in
    ``Briefing.warnings``.
    """
    articles, warnings = load_articles(
        paths, manifest=manifest, max_bytes=max_bytes, max_files=max_files
    )
    return build_briefing(articles, options or Options(), warnings)


def summarize(
    articles: Sequence[Article], options: Options | None = None
) -> tuple[SourceInfo, ...]:
    """Each article's extractive summary and readability, without comparing them."""
    return summarize_articles(articles, options or Options())


def render_briefing(
    briefing: Briefing,
    fmt: str = "md",
    *,
    templates_dir: str | None = None,
    columns: int = DEFAULT_COLUMNS,
) -> str:
    """The briefing as Markdown (``md``), one self-contained HTML page (``html``) or ``json``.

    ``columns``: up to this many sources are also shown side by side, one column each.
    """
    # Not called ``render``: that name is the summarizer.render module, an attribute of the package.
    return rendering.render_briefing(briefing, fmt, templates_dir=templates_dir, columns=columns)


def render_summaries(
    sources: Sequence[SourceInfo], fmt: str = "text", *, templates_dir: str | None = None
) -> str:
    """Summaries from ``summarize`` as ``text``, ``md`` or ``json`` (``summarizer summarize``)."""
    return rendering.render_summaries(sources, fmt, templates_dir=templates_dir)


def render_figures(
    briefing: Briefing, fmt: str = "text", *, templates_dir: str | None = None
) -> str:
    """The briefing's figure comparison alone as ``text``, ``md`` or ``json`` (``figures``)."""
    return rendering.render_figures(
        briefing.figures, briefing.sources, fmt, templates_dir=templates_dir
    )
