"""Render a Briefing (and the smaller per-command results) as Markdown, HTML, JSON or plain text.

The package is split by concern: ``escape`` (inert Markdown, terminal-safe text, link targets),
``environment`` (the sandboxed Jinja environments), ``contract`` (the JSON envelope and
schemas), ``views`` (the view objects templates lay out), ``claims`` and ``charts``. This
module holds the public renderers; ``summarizer.formats`` says which command writes which format.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from summarizer import __version__
from summarizer.defaults import DEFAULT_COLUMNS
from summarizer.formats import formats
from summarizer.models import Article, Briefing, Figure, FigureGroup, Sentence, SourceInfo

from .charts import style
from .claims import briefing_claims
from .contract import (
    GENERATOR_NAME,
    SCHEMA_KINDS,
    SCHEMA_VERSION,
    briefing_to_dict,
    figures_to_dict,
    grouping_to_dict,
    inspection_to_dict,
    json_schema,
    stories_json_schema,
    summaries_to_dict,
    to_json,
)
from .environment import check_format, render_template, template_failure
from .escape import (
    WORD_JOINER,
    MarkdownText,
    md_escape,
    md_link_destination,
    strip_controls,
    tool_md,
    visible_markdown_text,
    web_link,
)
from .views import (
    MISSING,
    NOT_COVERED,
    UNTITLED,
    VERDICT_LABELS,
    VERDICT_ORDER,
    InspectedSentence,
    by_verdict,
    contest_views,
    coverage_view,
    figure_label,
    figure_views,
    generation_line,
    layout,
    quote_view,
    row_view,
    source_view,
    sources_in_print_order,
    span_text,
    story_view,
    theme_view,
    timeline_chart,
)

if TYPE_CHECKING:  # stories imports scikit-learn, which rendering never needs
    from summarizer.stories import Grouping

FORMATS = formats("brief")
SUMMARY_FORMATS = formats("summarize")
INSPECT_FORMATS = formats("inspect")
FIGURE_FORMATS = formats("figures")
STORY_FORMATS = formats("stories")

__all__ = [
    "FIGURE_FORMATS",
    "FORMATS",
    "GENERATOR_NAME",
    "INSPECT_FORMATS",
    "MISSING",
    "NOT_COVERED",
    "SCHEMA_KINDS",
    "SCHEMA_VERSION",
    "STORY_FORMATS",
    "SUMMARY_FORMATS",
    "UNTITLED",
    "VERDICT_LABELS",
    "VERDICT_ORDER",
    "WORD_JOINER",
    "MarkdownText",
    "briefing_to_dict",
    "grouping_to_dict",
    "json_schema",
    "md_escape",
    "md_link_destination",
    "render_briefing",
    "render_figures",
    "render_inspect",
    "render_story_index",
    "render_summaries",
    "stories_json_schema",
    "strip_controls",
    "template_failure",
    "to_json",
    "visible_markdown_text",
    "web_link",
]


def render_briefing(
    briefing: Briefing,
    fmt: str,
    *,
    templates_dir: str | None = None,
    columns: int = DEFAULT_COLUMNS,
) -> str:
    """Render the whole comparative briefing as Markdown, HTML or JSON.

    ``columns``: the most sources shown side by side, one column each; beyond that the claims
    alone carry the comparison and the per-source summaries become a compact list.
    """
    check_format(fmt, FORMATS, "briefing")
    if fmt == "json":
        return to_json(briefing_to_dict(briefing))
    return render_template(
        f"briefing.{fmt}.j2", templates_dir, **briefing_context(briefing, columns, fmt == "html")
    )


def briefing_context(briefing: Briefing, columns: int, charts: bool) -> dict[str, object]:
    """Everything the briefing templates show, as view objects."""
    settings = style()["layout"]
    sources = [source_view(info) for info in briefing.sources]
    source_ids = [s.id for s in sources]
    figures = figure_views(briefing.figures, sources, charts=charts)
    rows = [row_view(row, source_ids) for row in briefing.rows]
    page = layout(len(sources), columns, settings["compact_sources_from"])
    themes = [
        theme_view(row, claims, source_ids, settings["shown_claims"], page.grid)
        for row, claims in zip(briefing.rows, briefing_claims(briefing), strict=True)
    ]
    return {
        "title": briefing.title,
        "note": briefing.note,
        "generated": generation_line(briefing.note),
        "version": tool_md(__version__),
        "warnings": briefing.warnings,
        "sources": sources,
        "sources_table": sources_in_print_order(sources),
        "duplicates": [s for s in sources if s.duplicate_of],
        "digest": [quote_view(s) for s in briefing.digest],
        "themes_origin": briefing.themes.origin,
        "themes_note": briefing.themes.note,
        "rows": rows,
        "themes": themes,
        "not_covered": NOT_COVERED,
        "figures": figures,
        "figures_by_verdict": by_verdict(figures),
        "key_figures": [f for f in figures if f.verdict != "diverge"],
        "diverging": [f for f in figures if f.verdict == "diverge"],
        "contested": contest_views(briefing.contested),
        "layout": page,
        "coverage": coverage_view(rows, sources, settings["coverage_group_from"]),
        "timeline": timeline_chart(sources) if charts else None,
        "verdict_colours": style()["verdict"],
    }


def render_summaries(
    sources: Sequence[SourceInfo], fmt: str, *, templates_dir: str | None = None
) -> str:
    """Render per-article summaries only (the `summarize` command)."""
    check_format(fmt, SUMMARY_FORMATS, "summaries")
    if fmt == "json":
        return to_json(summaries_to_dict(sources))
    return render_template(
        f"summaries.{fmt}.j2",
        templates_dir,
        version=tool_md(__version__),
        sources=[source_view(info) for info in sources],
    )


def render_inspect(
    article: Article,
    sentences: Sequence[Sentence],
    themes_by_sentence: Mapping[int, Sequence[str]],
    figures_by_sentence: Mapping[int, Sequence[Figure]],
    fmt: str,
    *,
    templates_dir: str | None = None,
) -> str:
    """Render every sentence of one article with its span, furniture reason, themes and figures."""
    check_format(fmt, INSPECT_FORMATS, "inspect")
    if fmt == "json":
        return to_json(
            inspection_to_dict(article, sentences, themes_by_sentence, figures_by_sentence)
        )
    views = [
        InspectedSentence(
            index=s.index,
            span=span_text(s.start, s.end),
            paragraph=s.paragraph,
            furniture=s.furniture,
            furniture_rule=s.furniture_rule,
            text=s.text,
            themes=tuple(themes_by_sentence.get(s.index, ())),
            figures=tuple(figure_label(f) for f in figures_by_sentence.get(s.index, ())),
        )
        for s in sentences
    ]
    return render_template(
        "inspect.text.j2",
        templates_dir,
        version=tool_md(__version__),
        article=article,
        title=article.title or tool_md(UNTITLED),
        outlet=article.outlet or MISSING,
        date=article.date or MISSING,
        sentences=views,
        dropped=sum(1 for s in sentences if s.furniture),
    )


def render_figures(
    groups: Sequence[FigureGroup],
    sources: Sequence[SourceInfo],
    fmt: str,
    *,
    templates_dir: str | None = None,
) -> str:
    """Render the figure groups alone (the `figures` command)."""
    check_format(fmt, FIGURE_FORMATS, "figures")
    if fmt == "json":
        return to_json(figures_to_dict(groups, sources))
    source_views = [source_view(info) for info in sources]
    figures = figure_views(groups, source_views)
    return render_template(
        f"figures.{fmt}.j2",
        templates_dir,
        version=tool_md(__version__),
        sources=source_views,
        figures=figures,
        figures_by_verdict=by_verdict(figures),
    )


def render_story_index(
    grouping: Grouping,
    fmt: str,
    *,
    leads: Mapping[str, Sentence | None],
    briefings: Mapping[str, str],
    warnings: Sequence[str] = (),
    templates_dir: str | None = None,
) -> str:
    """The index of stories: title, dates, sources and outlets, lead quote, briefing link."""
    check_format(fmt, STORY_FORMATS, "stories")
    if fmt == "json":
        return to_json(grouping_to_dict(grouping, leads, briefings))
    views = [story_view(s, leads.get(s.id), briefings.get(s.id)) for s in grouping.stories]
    count = sum(v.count for v in views)
    shared = sum(1 for v in views if v.count >= 2)
    note = (
        f"{count} article{'s' if count != 1 else ''} grouped into {len(views)}"
        f" stor{'ies' if len(views) != 1 else 'y'}, {shared} with two or more sources."
    )
    if briefings:
        note += " Each of those has its own briefing."
    return render_template(
        f"stories.{fmt}.j2",
        templates_dir,
        title="Stories",
        generated=generation_line(note),
        version=tool_md(__version__),
        warnings=tuple(warnings),
        stories=views,
    )
