"""Render a Briefing (and the smaller per-command results) as Markdown, HTML, JSON or plain text.

Templates do presentation only; every value they show is computed here as a small view object.
Article text is untrusted: Markdown output escapes every expression by default (no markup,
attribute list or autolink can form), HTML output is autoescaped, and text output has terminal
control characters stripped. Every template, ours or the user's, runs in Jinja's sandbox.
"""

from __future__ import annotations

import importlib.resources
import json
import math
import re
import urllib.parse
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from jinja2 import (
    BaseLoader,
    ChoiceLoader,
    FileSystemLoader,
    FunctionLoader,
    StrictUndefined,
    TemplateError,
    select_autoescape,
)
from jinja2.exceptions import SecurityError
from jinja2.loaders import split_template_path
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from summarizer import __version__
from summarizer.errors import SummarizerError
from summarizer.models import (
    Article,
    Briefing,
    Comparison,
    Contest,
    Figure,
    FigureGroup,
    Sentence,
    SourceInfo,
    ThemeRow,
)
from summarizer.stories import Grouping, Story

FORMATS = ("md", "html", "json")
SUMMARY_FORMATS = ("text", "md", "json")
INSPECT_FORMATS = ("text", "json")
FIGURE_FORMATS = ("text", "md", "json")

SCHEMA_VERSION = "1.1"
# One JSON Schema per JSON output, shipped as summarizer/schema/KIND.schema.json.
SCHEMA_KINDS = ("briefing", "summaries", "inspection", "figures")
GENERATOR_NAME = "summarizer"
NOT_COVERED = "— not covered —"
MISSING = "—"
UNTITLED = "(untitled)"

# Diverging figures matter most to a reader checking facts, so they are listed first.
VERDICT_ORDER = ("diverge", "updated", "agree", "single")
VERDICT_LABELS = {
    "agree": "sources agree",
    "diverge": "sources diverge",
    "updated": "updated over time",
    "single": "one source",
}

_BUILTIN_PROBE = "briefing.md.j2"


# --- escaping -------------------------------------------------------------------------------


class MarkdownText(str):
    """Text that is already valid, inert Markdown: the Markdown finalizer passes it through."""

    __slots__ = ()


# C0 controls except \t and \n, DEL, and C1 controls (0x9b is an 8-bit CSI some terminals obey).
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

# Every character that can start Markdown/GFM syntax. <, >, & become HTML entities so no raw
# HTML or entity forms; "~" becomes an entity because Python-Markdown does not honour "\~".
_MARKDOWN_ESCAPES = str.maketrans(
    {
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        # Inline markup needs only these: with "[" and "]" escaped no link or image can form,
        # so "(", ")", "." and "-" stay readable in the raw Markdown. "{" and "}" would let
        # Python-Markdown's attr_list (MkDocs) put attributes such as onclick on an element.
        **{char: "\\" + char for char in "\\`*_[]|{}"},
    }
)
# At the start of a line these would open a heading, list, rule or (under a paragraph line) a
# setext heading: escape them there. Python-Markdown makes a heading of "#word" too, and "---"
# is a rule, so only a numbered list marker needs the space after it.
_LINE_START_MARKER = re.compile(r"^(?:[#+=-]|\d+[.)](?=\s|$))")
# GFM strikethrough needs a closing "~" right after a non-space; an opening one alone (as in
# "~3,000") is inert, so only possible closers become entities and "~" stays readable.
# (Every "~" after a non-space: CommonMark's finer "right-flanking" rule misses "~_~", as "_"
# counts as punctuation there but as a word character in a regex.)
_CLOSING_TILDE = re.compile(r"(?<=\S)~")
# Autolinks (GFM's extended autolinks, linkify in markdown-it, GitLab and others) are cut by
# writing one character of the link as an entity, which every renderer shows as the character
# but no autolinker reads as one: the ":" of "scheme://", the second "/" of "//host", the "."
# after "www" and the "." before a top-level domain (two or more letters, so "U.S." and "3.5"
# stay readable). Any non-space may end a host name: linkify-it takes "~.com" for one.
_AUTOLINK_PARTS = re.compile(r":(?=//)|(?<=/)/|(?<=www)\.|(?<=\S)\.(?=[^\W\d_]{2})", re.I)
_AUTOLINK_ENTITIES = {":": "&#58;", "/": "&#47;", ".": "&#46;"}
# cmark-gfm (GitHub) joins entities back into the text before it looks for e-mail addresses,
# so an "@" after a non-space gets an invisible WORD JOINER (U+2060) in front of it instead.
_EMAIL_AT = re.compile(r"(?<=\S)@")
WORD_JOINER = "\u2060"
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def strip_controls(text: str) -> str:
    """Drop characters that could drive a terminal or corrupt a document; tabs become spaces."""
    return _CONTROL_CHARS.sub("", text.replace("\t", " "))


def md_escape(value: object) -> MarkdownText:
    """Make any text inert inline Markdown: one line, no markup, entities, raw HTML or autolink.

    Rendered, the text reads exactly as given, except for an invisible U+2060 before an "@"
    that follows a non-space character.
    """
    if isinstance(value, MarkdownText):
        return value
    one_line = " ".join(strip_controls(str(value)).split())
    escaped = _LINE_START_MARKER.sub(_escape_marker, one_line.translate(_MARKDOWN_ESCAPES), count=1)
    escaped = _CLOSING_TILDE.sub("&#126;", escaped)
    escaped = _AUTOLINK_PARTS.sub(lambda match: _AUTOLINK_ENTITIES[match.group()], escaped)
    return MarkdownText(_EMAIL_AT.sub(WORD_JOINER + "@", escaped))


def visible_markdown_text(text: str) -> str:
    """The one-line text a reader sees once md_escape(text) is rendered (a test and docs aid)."""
    return _EMAIL_AT.sub(WORD_JOINER + "@", " ".join(strip_controls(text).split()))


def _escape_marker(match: re.Match[str]) -> str:
    marker = match.group()
    if marker == "=":
        return "&#61;"  # Python-Markdown shows a backslash before "=" rather than dropping it
    return "\\" + marker if len(marker) == 1 else marker[:-1] + "\\" + marker[-1]


def _finalize_markdown(value: object) -> object:
    # Escape by default, so a template (built-in or user-supplied) cannot forget to.
    if isinstance(value, MarkdownText):
        return value
    if isinstance(value, int | float):
        return str(value)  # numerals carry no markup; escaping "3.5" would only add noise
    return md_escape(value)


def _finalize_html(value: object) -> object:
    # Autoescaping runs after this, so only control characters need handling here.
    if isinstance(value, str) and not isinstance(value, Markup):
        return strip_controls(value)
    return value


def _finalize_text(value: object) -> object:
    return strip_controls(value) if isinstance(value, str) else value


def _tool_md(text: str) -> MarkdownText:
    """Mark tool-made text (numbers, spans) that contains no Markdown syntax as safe."""
    return MarkdownText(text)


# --- template environments ------------------------------------------------------------------


def _builtin_templates() -> Traversable:
    """The shipped templates: package data when installed, else the source tree's templates/."""
    try:
        packaged = importlib.resources.files("summarizer.templates")
        if packaged.joinpath(_BUILTIN_PROBE).is_file():
            return packaged
    except ModuleNotFoundError:
        pass
    return Path(__file__).resolve().parent.parent / "templates"


def _traversable_loader(root: Traversable) -> BaseLoader:
    """A loader over a Traversable, which also works when the package is zipped."""

    def load(name: str) -> tuple[str, str, Callable[[], bool]] | None:
        candidate = root
        # One part at a time: Python 3.11's MultiplexedPath.joinpath takes a single name.
        for part in split_template_path(name):  # also rejects ".." escapes
            candidate = candidate.joinpath(part)
        if not candidate.is_file():
            return None
        # The name doubles as the file name, so an error points at the template by name.
        return candidate.read_text(encoding="utf-8"), name, lambda: True

    return FunctionLoader(load)


_FINALIZERS: dict[str, Callable[[object], object]] = {
    "md": _finalize_markdown,
    "html": _finalize_html,
    "text": _finalize_text,
}


@lru_cache(maxsize=16)
def _environment(kind: str, templates_dir: str | None) -> SandboxedEnvironment:
    """A Jinja environment for one output kind, with the user's templates shadowing ours.

    Sandboxed, because a templates folder is shared like a themes file: a template may lay
    out the view objects it is given but cannot reach Python internals, files or commands.
    """
    builtin = _traversable_loader(_builtin_templates())
    loader: BaseLoader = builtin
    if templates_dir is not None:
        loader = ChoiceLoader([FileSystemLoader(templates_dir), builtin])
    env = SandboxedEnvironment(
        loader=loader,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=select_autoescape(
            enabled_extensions=("html.j2",), default_for_string=False, default=False
        ),
        finalize=_FINALIZERS[kind],
    )
    env.filters["md"] = md_escape
    env.filters["md_url"] = md_link_destination
    return env


def _render_template(name: str, templates_dir: str | None, **context: object) -> str:
    """Render one template by name; template problems become a one-line SummarizerError."""
    if templates_dir is not None and not Path(templates_dir).is_dir():
        raise SummarizerError(f"templates directory not found: {templates_dir}")
    kind = name.removesuffix(".j2").rsplit(".", 1)[-1]
    try:
        template = _environment(kind, templates_dir).get_template(name)
        return template.render(**context)
    except TemplateError as error:
        raise template_failure(name, error) from error
    except UnicodeDecodeError as error:
        # Raised while loading: error.object holds the whole file, so find which file it is.
        file = _template_holding(error.object, templates_dir) or name
        line = error.object[: error.start].count(b"\n") + 1
        bad = error.object[error.start : error.start + 1].hex()
        raise SummarizerError(f"template {file} line {line}: not UTF-8 (byte 0x{bad})") from None
    except SummarizerError:
        raise
    except RecursionError as error:
        if templates_dir is None:  # only a user's template can recurse: ours is a bug
            raise
        where = _template_frame(error, name)
        raise SummarizerError(
            f"template {where}: includes, extends or calls itself without end"
        ) from None
    except Exception as error:  # a runtime error inside template code, e.g. {{ 1 / 0 }}
        if templates_dir is None:
            raise
        where = _template_frame(error, name)
        message = " ".join(str(error).split())
        raise SummarizerError(f"template {where}: {type(error).__name__}: {message}") from None


def template_failure(name: str, error: TemplateError) -> SummarizerError:
    """One line naming the template (the included one, if the error is there) and its line."""
    where, lineno = name, getattr(error, "lineno", None)
    # Jinja rewrites the traceback of a rendering error so that its frames point at template
    # files and lines; the innermost such frame is where the template went wrong.
    frame = error.__traceback__
    while frame is not None:
        if frame.tb_frame.f_globals.get("__jinja_exception__") is error:
            where, lineno = frame.tb_frame.f_code.co_filename, frame.tb_lineno
        frame = frame.tb_next
    at_line = f" line {lineno}" if lineno else ""
    message = " ".join(str(error.message or error).split())
    if isinstance(error, SecurityError):
        message = message.rstrip(".") + " (templates run in a sandbox)"
    return SummarizerError(f"template {where}{at_line}: {message}")


def web_link(url: str | None) -> str | None:
    """The URL as a link target when it is an absolute http(s) URL, else None.

    Characters a URL may not hold (spaces, quotes, angle brackets, backslashes, non-ASCII) are
    percent-encoded, so the target cannot leave its attribute or Markdown link.
    """
    if not url or _CONTROL_CHARS.search(url):
        return None
    try:
        parts = urllib.parse.urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return urllib.parse.quote(url.strip(), safe="/:?#[]@!$&'()*+,;=%-._~")


def md_link_destination(url: str) -> MarkdownText:
    """A web_link() target as a Markdown link destination (written in angle brackets)."""
    # "&" as an entity so that "&copy=1" in a query cannot turn into an entity itself.
    return MarkdownText("<" + url.replace("&", "&amp;") + ">")


def _template_holding(data: bytes, templates_dir: str | None) -> str | None:
    """The user template whose bytes are ``data`` (only user templates can be malformed)."""
    if templates_dir is None:
        return None
    for path in sorted(Path(templates_dir).rglob("*")):
        if path.is_file() and path.stat().st_size == len(data) and path.read_bytes() == data:
            return str(path)
    return None


def _template_frame(error: BaseException, name: str) -> str:
    """``FILE line N`` of the innermost template frame of the error (Jinja maps template code
    to template lines in tracebacks), else just the template's name."""
    import traceback

    for frame in reversed(traceback.extract_tb(error.__traceback__)):
        if frame.filename.endswith(".j2") or "/templates/" in frame.filename:
            return f"{frame.filename} line {frame.lineno}"
    return name


def _check_format(fmt: str, allowed: Sequence[str], what: str) -> None:
    if fmt not in allowed:
        raise SummarizerError(f"unknown {what} format {fmt!r} (choose {', '.join(allowed)})")


# --- JSON -----------------------------------------------------------------------------------


def _to_json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False) + "\n"


def _finite(number: float | None) -> float | None:
    """JSON has no NaN or infinity; an unbounded or unknown number is null."""
    if number is None or not math.isfinite(number):
        return None
    return number


def _nullable(text: str | None) -> str | None:
    return text or None


def _jsonable(value: object) -> object:
    """Options may hold tuples, sets or paths; turn them into plain, deterministic JSON values."""
    if isinstance(value, Mapping):
        return {str(key): _jsonable(item) for key, item in value.items()}
    if isinstance(value, set | frozenset):
        return sorted((_jsonable(item) for item in value), key=repr)
    if isinstance(value, list | tuple):
        return [_jsonable(item) for item in value]
    if isinstance(value, float):
        return _finite(value)
    if value is None or isinstance(value, str | int | bool):
        return value
    return str(value)


def _generator() -> dict[str, str]:
    return {"name": GENERATOR_NAME, "version": __version__}


def _quote_dict(sentence: Sentence) -> dict[str, object]:
    return {
        "source": sentence.source,
        "text": sentence.text,
        "span": [sentence.start, sentence.end],
    }


def _comparison_dict(comparison: Comparison) -> dict[str, object]:
    return {
        "note": comparison.note,
        "sources": list(comparison.sources),
        "quotes": [_quote_dict(q) for q in comparison.quotes],
    }


def _mention_dict(figure: Figure) -> dict[str, object]:
    return {
        "source": figure.source,
        "value": _finite(figure.value),
        "low": _finite(figure.low),
        "high": _finite(figure.high),
        "unit": figure.unit,
        "approximate": figure.approximate,
        "attribution": _nullable(figure.attribution),
        "as_of": _nullable(figure.as_of),
        "certainty": figure.certainty,
        "text": figure.text,
        "span": [figure.span[0], figure.span[1]],
        "date": figure.date,
    }


def _source_dict(info: SourceInfo) -> dict[str, object]:
    article = info.article
    return {
        "id": article.id,
        "path": article.path,
        "title": _nullable(article.title),
        "outlet": _nullable(article.outlet),
        "date": _nullable(article.date),
        "url": _nullable(article.url),
        "words": info.words,
        "reading_minutes": _finite(info.reading_minutes),
        "readability": {
            "flesch_reading_ease": _finite(info.flesch_reading_ease),
            "grade_level": _finite(info.grade_level),
        },
        "duplicate_of": _nullable(info.duplicate_of),
        "summary": [
            {**_quote_dict(ranked.sentence), "rank": ranked.rank}
            for ranked in info.summary.sentences
        ],
    }


def _theme_dict(row: ThemeRow, source_ids: Sequence[str]) -> dict[str, object]:
    cells = {cell.source: cell for cell in row.cells}
    return {
        "id": row.theme.id,
        "label": row.theme.label,
        "description": row.theme.description,
        "cells": {
            sid: [_quote_dict(q) for q in cells[sid].quotes] if sid in cells else []
            for sid in source_ids
        },
        "counts": {sid: cells[sid].count if sid in cells else 0 for sid in source_ids},
        "agree": [_comparison_dict(c) for c in row.agree],
        "diverge": [_comparison_dict(c) for c in row.diverge],
        "only_in": [_comparison_dict(c) for c in row.only_in],
        "figure_notes": list(row.figure_notes),
    }


def _figure_dict(group: FigureGroup) -> dict[str, object]:
    return {
        "measure": group.measure,
        "key": group.key,
        "theme": group.theme,
        "verdict": group.verdict,
        "origins": group.origins,
        "note": group.note,
        "mentions": [_mention_dict(f) for f in group.mentions],
    }


def json_schema(kind: str = "briefing") -> dict[str, Any]:
    """The shipped JSON Schema (draft 2020-12) of one JSON output; ``kind`` is one of
    ``SCHEMA_KINDS``: briefing (brief), summaries (summarize), inspection (inspect), figures."""
    if kind not in SCHEMA_KINDS:
        raise ValueError(f"unknown schema {kind!r}; choose from {', '.join(SCHEMA_KINDS)}")
    text = importlib.resources.files("summarizer").joinpath(f"schema/{kind}.schema.json")
    return json.loads(text.read_text(encoding="utf-8"))


def briefing_to_dict(briefing: Briefing) -> dict:
    """The JSON contract (schema_version 1.1; see summarizer/schema/briefing.schema.json)."""
    source_ids = [info.article.id for info in briefing.sources]
    return {
        "schema_version": SCHEMA_VERSION,
        "generator": _generator(),
        "title": briefing.title,
        "note": briefing.note,
        "options": _jsonable(briefing.options),
        "warnings": list(briefing.warnings),
        "themes_origin": briefing.themes.origin,
        "themes_note": briefing.themes.note,
        "sources": [_source_dict(info) for info in briefing.sources],
        "digest": [_quote_dict(s) for s in briefing.digest],
        "themes": [_theme_dict(row, source_ids) for row in briefing.rows],
        "figures": [_figure_dict(group) for group in briefing.figures],
        "contested": [_contest_dict(contest) for contest in briefing.contested],
    }


# --- contested statements (contested.py): JSON and the view data of _contested.*.j2 ----------


def _contest_dict(contest: Contest) -> dict[str, object]:
    return {
        "id": contest.id,
        "theme": contest.theme,
        "label": contest.label,
        "sides": [
            {
                "stance": side.stance,
                "attribution": side.attribution,
                "sources": list(side.sources),
                "quotes": [_quote_dict(q) for q in side.quotes],
            }
            for side in contest.sides
        ],
    }


@dataclass(frozen=True)
class ContestSideView:
    stance: str  # asserts | denies | differs
    who: str  # the speaker, or the sources when the sentence names none
    quotes: tuple[QuoteView, ...]


@dataclass(frozen=True)
class ContestView:
    label: str
    sides: tuple[ContestSideView, ...]


def contest_views(contests: Sequence[Contest]) -> list[ContestView]:
    """What the _contested partials show: each contest's tool label and its quoted sides."""
    return [
        ContestView(
            label=contest.label,
            sides=tuple(
                ContestSideView(
                    stance=side.stance,
                    who=side.attribution or ", ".join(side.sources),
                    quotes=tuple(_quote_view(q) for q in side.quotes),
                )
                for side in contest.sides
            ),
        )
        for contest in contests
    ]


# --- view objects for templates -------------------------------------------------------------


@dataclass(frozen=True)
class QuoteView:
    source: str
    text: str
    span: MarkdownText  # "start–end" in raw offsets
    rank: int | None = None


@dataclass(frozen=True)
class SourceView:
    id: str
    label: str  # column heading: "000 · Outlet"
    path: str
    title: str
    outlet: str
    date: str
    url: str
    href: str | None  # url as a link target, only for http(s) URLs (see web_link)
    words: MarkdownText
    reading: MarkdownText
    flesch: MarkdownText
    grade: MarkdownText
    duplicate_of: str | None
    summary: tuple[QuoteView, ...]


@dataclass(frozen=True)
class CellView:
    source: str
    quotes: tuple[QuoteView, ...]
    placeholder: str  # shown when there are no quotes


@dataclass(frozen=True)
class NoteView:
    heading: str  # "Agree", "Diverge", "Only in 003"
    note: str
    sources: str
    quotes: tuple[QuoteView, ...]


@dataclass(frozen=True)
class RowView:
    id: str
    label: str
    description: str
    cells: tuple[CellView, ...]
    notes: tuple[NoteView, ...]
    figure_notes: tuple[str, ...]
    counts: tuple[int, ...]


@dataclass(frozen=True)
class MentionView:
    text: str
    attribution: str | None


@dataclass(frozen=True)
class FigureView:
    measure: str
    verdict: str
    verdict_label: str
    origins: str
    note: str
    sources: str
    cells: tuple[tuple[MentionView, ...], ...]  # one per source, in source order


def _span_text(start: int, end: int) -> MarkdownText:
    return _tool_md(f"{start}–{end}")


def _quote_view(sentence: Sentence, rank: int | None = None) -> QuoteView:
    return QuoteView(sentence.source, sentence.text, _span_text(sentence.start, sentence.end), rank)


def _number_text(number: float, digits: int = 1) -> MarkdownText:
    return _tool_md(f"{number:.{digits}f}" if math.isfinite(number) else MISSING)


def _reading_text(minutes: float) -> MarkdownText:
    if not math.isfinite(minutes):
        return _tool_md(MISSING)
    # Half-up rounding: Python's round() would show 2.5 minutes as "2 min".
    return _tool_md("under 1 min" if minutes < 1 else f"{math.floor(minutes + 0.5)} min")


def _date_text(date: str | None) -> str:
    if not date:
        return MISSING
    # A plain ISO date cannot hold markup; leaving it unescaped keeps the raw Markdown readable.
    return _tool_md(date) if _ISO_DATE.fullmatch(date) else date


def _generation_line(note: str) -> str:
    """The tool's generation note, led by the generator and version unless the note says it."""
    generated = f"Generated by {GENERATOR_NAME} {__version__}"
    if note.startswith(f"Generated by {GENERATOR_NAME}"):
        return note
    return f"{generated}: {note}" if note else generated


def _source_view(info: SourceInfo) -> SourceView:
    article = info.article
    return SourceView(
        id=article.id,
        label=f"{article.id} · {article.outlet}" if article.outlet else article.id,
        path=article.path,
        title=article.title or _tool_md(UNTITLED),
        outlet=article.outlet or MISSING,
        date=_date_text(article.date),
        url=article.url or MISSING,
        href=web_link(article.url),
        words=_tool_md(f"{info.words:,}"),
        reading=_reading_text(info.reading_minutes),
        flesch=_number_text(info.flesch_reading_ease),
        grade=_number_text(info.grade_level),
        duplicate_of=info.duplicate_of,
        summary=tuple(_quote_view(r.sentence, r.rank) for r in info.summary.sentences),
    )


def _cell_view(row: ThemeRow, source_id: str) -> CellView:
    cell = next((c for c in row.cells if c.source == source_id), None)
    if cell is None or not cell.covered:
        return CellView(source_id, (), NOT_COVERED)
    quotes = tuple(_quote_view(q) for q in cell.quotes)
    placeholder = "" if quotes else f"{cell.count} on-theme sentence(s), none quoted"
    return CellView(source_id, quotes, placeholder)


def _note_view(heading: str, comparison: Comparison) -> NoteView:
    return NoteView(
        heading=heading,
        note=comparison.note,
        sources=", ".join(comparison.sources),
        quotes=tuple(_quote_view(q) for q in comparison.quotes),
    )


def _row_view(row: ThemeRow, source_ids: Sequence[str]) -> RowView:
    notes = (
        *(_note_view("Agree", c) for c in row.agree),
        *(_note_view("Diverge", c) for c in row.diverge),
        *(_note_view(f"Only in {', '.join(c.sources)}", c) for c in row.only_in),
    )
    cells = tuple(_cell_view(row, sid) for sid in source_ids)
    counts_by_source = {c.source: c.count for c in row.cells}
    return RowView(
        id=row.theme.id,
        label=row.theme.label,
        description=row.theme.description,
        cells=cells,
        notes=notes,
        figure_notes=row.figure_notes,
        counts=tuple(counts_by_source.get(sid, 0) for sid in source_ids),
    )


def _origins_text(origins: int) -> str:
    return "1 origin" if origins == 1 else f"{origins} independent origins"


def _figure_view(group: FigureGroup, source_ids: Sequence[str]) -> FigureView:
    cells = tuple(
        tuple(MentionView(f.text, f.attribution) for f in group.mentions if f.source == sid)
        for sid in source_ids
    )
    reporting = dict.fromkeys(f.source for f in group.mentions)
    return FigureView(
        measure=group.measure,
        verdict=group.verdict,
        verdict_label=VERDICT_LABELS.get(group.verdict, group.verdict),
        origins=_origins_text(group.origins),
        note=group.note,
        sources=", ".join(reporting),
        cells=cells,
    )


def _by_verdict(views: Sequence[FigureView]) -> list[FigureView]:
    """Diverging groups first, then agreeing, then single-source; stable within each."""

    def position(view: FigureView) -> int:
        verdict = view.verdict
        return VERDICT_ORDER.index(verdict) if verdict in VERDICT_ORDER else len(VERDICT_ORDER)

    return sorted(views, key=position)


def _figure_views(groups: Sequence[FigureGroup], sources: Sequence[SourceView]) -> list[FigureView]:
    source_ids = [s.id for s in sources]
    return [_figure_view(g, source_ids) for g in groups]


# --- public renderers -----------------------------------------------------------------------


def render_briefing(briefing: Briefing, fmt: str, *, templates_dir: str | None = None) -> str:
    """Render the whole comparative briefing as Markdown, HTML or JSON."""
    _check_format(fmt, FORMATS, "briefing")
    if fmt == "json":
        return _to_json(briefing_to_dict(briefing))
    sources = [_source_view(info) for info in briefing.sources]
    source_ids = [s.id for s in sources]
    figures = _figure_views(briefing.figures, sources)
    return _render_template(
        f"briefing.{fmt}.j2",
        templates_dir,
        title=briefing.title,
        note=briefing.note,
        generated=_generation_line(briefing.note),
        version=_tool_md(__version__),
        warnings=briefing.warnings,
        sources=sources,
        duplicates=[s for s in sources if s.duplicate_of],
        digest=[_quote_view(s) for s in briefing.digest],
        themes_origin=briefing.themes.origin,
        themes_note=briefing.themes.note,
        rows=[_row_view(row, source_ids) for row in briefing.rows],
        not_covered=NOT_COVERED,
        figures=figures,
        figures_by_verdict=_by_verdict(figures),
        contested=contest_views(briefing.contested),
    )


def render_summaries(
    sources: Sequence[SourceInfo], fmt: str, *, templates_dir: str | None = None
) -> str:
    """Render per-article summaries only (the `summarize` command)."""
    _check_format(fmt, SUMMARY_FORMATS, "summaries")
    if fmt == "json":
        data = {
            "schema_version": SCHEMA_VERSION,
            "generator": _generator(),
            "sources": [_source_dict(info) for info in sources],
        }
        return _to_json(data)
    return _render_template(
        f"summaries.{fmt}.j2",
        templates_dir,
        version=_tool_md(__version__),
        sources=[_source_view(info) for info in sources],
    )


@dataclass(frozen=True)
class InspectedSentence:
    index: int
    span: str
    paragraph: int
    furniture: str | None
    furniture_rule: str | None
    text: str
    themes: tuple[str, ...]
    figures: tuple[str, ...]


def _figure_label(figure: Figure) -> str:
    """One line describing a figure for the terminal: as written, then what it counts."""
    parts = [f"{figure.text} {figure.unit}".strip(), figure.measure, figure.certainty]
    if figure.attribution:
        parts.append(f"per {figure.attribution}")
    if figure.as_of:
        parts.append(f"time: {figure.as_of}")
    return " · ".join(parts)


def _inspect_dict(
    article: Article,
    sentences: Sequence[Sentence],
    themes_by_sentence: Mapping[int, Sequence[str]],
    figures_by_sentence: Mapping[int, Sequence[Figure]],
) -> dict[str, object]:
    return {
        "schema_version": SCHEMA_VERSION,
        "generator": _generator(),
        "source": {
            "id": article.id,
            "path": article.path,
            "title": _nullable(article.title),
            "outlet": _nullable(article.outlet),
            "date": _nullable(article.date),
            "url": _nullable(article.url),
            "format": article.format,
            "warnings": list(article.warnings),
        },
        "sentences": [
            {
                "index": s.index,
                "text": s.text,
                "span": [s.start, s.end],
                "paragraph": s.paragraph,
                "furniture": s.furniture,
                "furniture_rule": s.furniture_rule,
                "themes": list(themes_by_sentence.get(s.index, ())),
                "figures": [
                    {"measure": f.measure, **_mention_dict(f)}
                    for f in figures_by_sentence.get(s.index, ())
                ],
            }
            for s in sentences
        ],
    }


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
    _check_format(fmt, INSPECT_FORMATS, "inspect")
    if fmt == "json":
        return _to_json(_inspect_dict(article, sentences, themes_by_sentence, figures_by_sentence))
    views = [
        InspectedSentence(
            index=s.index,
            span=_span_text(s.start, s.end),
            paragraph=s.paragraph,
            furniture=s.furniture,
            furniture_rule=s.furniture_rule,
            text=s.text,
            themes=tuple(themes_by_sentence.get(s.index, ())),
            figures=tuple(_figure_label(f) for f in figures_by_sentence.get(s.index, ())),
        )
        for s in sentences
    ]
    return _render_template(
        "inspect.text.j2",
        templates_dir,
        version=_tool_md(__version__),
        article=article,
        title=article.title or _tool_md(UNTITLED),
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
    _check_format(fmt, FIGURE_FORMATS, "figures")
    if fmt == "json":
        data = {
            "schema_version": SCHEMA_VERSION,
            "generator": _generator(),
            "sources": [
                {
                    "id": info.article.id,
                    "outlet": _nullable(info.article.outlet),
                    "title": _nullable(info.article.title),
                }
                for info in sources
            ],
            "figures": [_figure_dict(g) for g in groups],
        }
        return _to_json(data)
    source_views = [_source_view(info) for info in sources]
    figures = _figure_views(groups, source_views)
    return _render_template(
        f"figures.{fmt}.j2",
        templates_dir,
        version=_tool_md(__version__),
        sources=source_views,
        figures=figures,
        figures_by_verdict=_by_verdict(figures),
    )


# --- stories (`summarizer stories`) ---------------------------------------------------------


def to_json(data: object) -> str:
    """Deterministic, indented JSON text with a final newline (the contracts' serialisation)."""
    return _to_json(data)


STORY_FORMATS = ("md", "html", "json")


def stories_json_schema() -> dict[str, Any]:
    """The JSON Schema of the story grouping, as shipped in the package."""
    text = importlib.resources.files("summarizer").joinpath("schema/stories.schema.json")
    return json.loads(text.read_text(encoding="utf-8"))


def grouping_to_dict(
    grouping: Grouping,
    leads: Mapping[str, Sentence | None] | None = None,
    briefings: Mapping[str, str] | None = None,
) -> dict[str, object]:
    """The grouping contract (summarizer/schema/stories.schema.json).

    ``leads`` and ``briefings`` (by story id) add each story's lead quote and briefing file.
    """
    stories = []
    for story in grouping.stories:
        entry: dict[str, object] = {
            "id": story.id,
            "title": story.title,
            "dates": list(story.dates),
            "sources": [
                {
                    "id": s.id,
                    "path": s.path,
                    "outlet": _nullable(s.outlet),
                    "date": _nullable(s.date),
                    "confidence": s.confidence,
                }
                for s in story.sources
            ],
        }
        if leads is not None:
            lead = leads.get(story.id)
            entry["lead"] = _quote_dict(lead) if lead else None
        if briefings is not None:
            entry["briefing"] = briefings.get(story.id)
        stories.append(entry)
    return {"schema_version": SCHEMA_VERSION, "generator": _generator(), "stories": stories}


@dataclass(frozen=True)
class StoryView:
    id: str
    title: str
    dates: MarkdownText  # "2025-01-02 – 2025-01-05", one date, or "—"
    count: int  # sources
    outlets: str  # "3 outlets: A, B, C" or "outlet unknown"
    lead: QuoteView | None
    briefing: str | None  # file name of the story's briefing, beside the index
    sources: tuple[tuple[str, str, str, MarkdownText], ...]  # id, outlet, path, confidence


def _dates_text(dates: tuple[str | None, str | None]) -> MarkdownText:
    first, last = dates
    if not first or not last:
        return _tool_md(MISSING)
    if not (_ISO_DATE.fullmatch(first) and _ISO_DATE.fullmatch(last)):
        return md_escape(first if first == last else f"{first} – {last}")
    return _tool_md(first if first == last else f"{first} – {last}")


def _story_view(story: Story, lead: Sentence | None, briefing: str | None) -> StoryView:
    outlets = story.outlets
    outlet_text = (
        f"{len(outlets)} outlet{'s' if len(outlets) != 1 else ''}: {', '.join(outlets)}"
        if outlets
        else "outlet unknown"
    )
    return StoryView(
        id=story.id,
        title=story.title,
        dates=_dates_text(story.dates),
        count=len(story.sources),
        outlets=outlet_text,
        lead=_quote_view(lead) if lead else None,
        briefing=briefing,
        sources=tuple(
            (s.id, s.outlet or MISSING, s.path, _tool_md(f"{s.confidence:.2f}"))
            for s in story.sources
        ),
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
    _check_format(fmt, STORY_FORMATS, "stories")
    if fmt == "json":
        return _to_json(grouping_to_dict(grouping, leads, briefings))
    views = [_story_view(s, leads.get(s.id), briefings.get(s.id)) for s in grouping.stories]
    count = sum(v.count for v in views)
    shared = sum(1 for v in views if v.count >= 2)
    note = (
        f"{count} article{'s' if count != 1 else ''} grouped into {len(views)}"
        f" stor{'ies' if len(views) != 1 else 'y'}, {shared} with two or more sources."
    )
    if briefings:
        note += " Each of those has its own briefing."
    return _render_template(
        f"stories.{fmt}.j2",
        templates_dir,
        title="Stories",
        generated=_generation_line(note),
        version=_tool_md(__version__),
        warnings=tuple(warnings),
        stories=views,
    )
