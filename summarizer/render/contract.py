"""The JSON contract of every command: one envelope, the dicts inside it, the shipped schemas.

Each command's JSON is ``envelope(...)``: ``schema_version`` and ``generator`` first, then the
command's own fields. Strings are plain and unescaped, exactly as extracted; escaping is the
consumer's job. Each output has a JSON Schema in ``summarizer/schema/KIND.schema.json``.
"""

from __future__ import annotations

import importlib.resources
import json
import math
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import orjson

from summarizer import __version__, models

from .claims import Claim, briefing_claims

if TYPE_CHECKING:  # stories imports scikit-learn, which rendering never needs
    from summarizer.stories import Grouping

SCHEMA_VERSION = "1.1"
# One JSON Schema per JSON output, shipped as summarizer/schema/KIND.schema.json.
SCHEMA_KINDS = ("briefing", "summaries", "inspection", "figures")
GENERATOR_NAME = "summarizer"


def to_json(data: object) -> str:
    """Deterministic, indented JSON text with a final newline (the contracts' serialisation).

    The layout of ``json.dumps(data, ensure_ascii=False, indent=2)``, written by orjson: the
    json module indents in pure Python (0.9 s of a 13 MB briefing; orjson 0.06 s). Only floats
    below 1e-4 read differently (``0.00001``, not ``1e-05``). What orjson refuses (a lone
    surrogate, an integer beyond 64 bits) goes through the json module.
    """
    try:
        text = orjson.dumps(data, option=orjson.OPT_INDENT_2 | orjson.OPT_NON_STR_KEYS).decode()
    except TypeError:
        text = json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False)
    return text + "\n"


def envelope(**fields: object) -> dict[str, object]:
    """A command's JSON document: the schema version and generator, then ``fields`` in order."""
    return {"schema_version": SCHEMA_VERSION, "generator": generator(), **fields}


def generator() -> dict[str, str]:
    """Who wrote the document: this tool's name and version."""
    return {"name": GENERATOR_NAME, "version": __version__}


def finite(number: float | None) -> float | None:
    """JSON has no NaN or infinity; an unbounded or unknown number is null."""
    if number is None or not math.isfinite(number):
        return None
    return number


def nullable(text: str | None) -> str | None:
    """Empty text as null."""
    return text or None


def jsonable(value: object) -> object:
    """Options may hold tuples, sets or paths; turn them into plain, deterministic JSON values."""
    if isinstance(value, Mapping):
        return {str(key): jsonable(item) for key, item in value.items()}
    if isinstance(value, set | frozenset):
        return sorted((jsonable(item) for item in value), key=repr)
    if isinstance(value, list | tuple):
        return [jsonable(item) for item in value]
    if isinstance(value, float):
        return finite(value)
    if value is None or isinstance(value, str | int | bool):
        return value
    return str(value)


def quote_dict(sentence: models.Sentence) -> dict[str, object]:
    """A verbatim quote: source id, text and raw span."""
    return {
        "source": sentence.source,
        "text": sentence.text,
        "span": [sentence.start, sentence.end],
    }


def comparison_dict(comparison: models.Comparison) -> dict[str, object]:
    """An agree, diverge or only-in note with its quotes."""
    return {
        "note": comparison.note,
        "sources": list(comparison.sources),
        "quotes": [quote_dict(q) for q in comparison.quotes],
    }


def mention_dict(figure: models.Figure) -> dict[str, object]:
    """One figure as a source states it."""
    return {
        "source": figure.source,
        "value": finite(figure.value),
        "low": finite(figure.low),
        "high": finite(figure.high),
        "unit": figure.unit,
        "approximate": figure.approximate,
        "attribution": nullable(figure.attribution),
        "as_of": nullable(figure.as_of),
        "certainty": figure.certainty,
        "text": figure.text,
        "span": [figure.span[0], figure.span[1]],
        "date": nullable(figure.date),
    }


def article_dict(article: models.Article) -> dict[str, object]:
    """An article's id, path and metadata: how every output that lists sources starts them."""
    return {
        "id": article.id,
        "path": article.path,
        "title": nullable(article.title),
        "outlet": nullable(article.outlet),
        "date": nullable(article.date),
        "url": nullable(article.url),
    }


def source_dict(info: models.SourceInfo) -> dict[str, object]:
    """A source with its metadata, readability and extractive summary."""
    return {
        **article_dict(info.article),
        "words": info.readability.words,
        "reading_minutes": finite(info.readability.reading_minutes),
        "readability": {
            "flesch_reading_ease": finite(info.readability.flesch_reading_ease),
            "grade_level": finite(info.readability.grade_level),
        },
        "duplicate_of": nullable(info.duplicate_of),
        "summary": [
            {**quote_dict(ranked.sentence), "rank": ranked.rank}
            for ranked in info.summary.sentences
        ],
    }


def claim_dict(claim: Claim) -> dict[str, object]:
    """One claim: its representative quote, the other wordings, who reports it."""
    return {
        "quote": quote_dict(claim.quote),
        "wordings": [quote_dict(q) for q in claim.wordings],
        "sources": list(claim.sources),
        "origins": claim.origins,
        "single_source": claim.single_source,
        "contested": claim.contested,
    }


def theme_dict(
    row: models.ThemeRow, source_ids: Sequence[str], claims: Sequence[Claim] = ()
) -> dict[str, object]:
    """One theme row: cells and counts for every source, its claims, then the tool's notes."""
    cells = {cell.source: cell for cell in row.cells}
    return {
        "id": row.theme.id,
        "label": row.theme.label,
        "description": row.theme.description,
        "cells": {
            sid: [quote_dict(q) for q in cells[sid].quotes] if sid in cells else []
            for sid in source_ids
        },
        "counts": {sid: cells[sid].count if sid in cells else 0 for sid in source_ids},
        "claims": [claim_dict(c) for c in claims],
        "agree": [comparison_dict(c) for c in row.agree],
        "diverge": [comparison_dict(c) for c in row.diverge],
        "only_in": [comparison_dict(c) for c in row.only_in],
        "figure_notes": list(row.figure_notes),
    }


def figure_dict(group: models.FigureGroup) -> dict[str, object]:
    """A figure group with its verdict and every mention."""
    return {
        "measure": group.measure,
        "key": group.key,
        "theme": group.theme,
        "verdict": group.verdict,
        "origins": group.origins,
        "note": group.note,
        "mentions": [mention_dict(f) for f in group.mentions],
    }


def contest_dict(contest: models.Contest) -> dict[str, object]:
    """A contested statement: the tool's label and each side's stance, speaker and quotes."""
    return {
        "id": contest.id,
        "theme": contest.theme,
        "label": contest.label,
        "sides": [
            {
                "stance": side.stance,
                "attribution": side.attribution,
                "sources": list(side.sources),
                "quotes": [quote_dict(q) for q in side.quotes],
            }
            for side in contest.sides
        ],
    }


def json_schema(kind: str = "briefing") -> dict[str, Any]:
    """The shipped JSON Schema (draft 2020-12) of one JSON output; ``kind`` is one of
    ``SCHEMA_KINDS``: briefing (brief), summaries (summarize), inspection (inspect), figures."""
    if kind not in SCHEMA_KINDS:
        raise ValueError(f"unknown schema {kind!r}; choose from {', '.join(SCHEMA_KINDS)}")
    return _schema_file(kind)


def stories_json_schema() -> dict[str, Any]:
    """The JSON Schema of the story grouping, as shipped in the package."""
    return _schema_file("stories")


def _schema_file(kind: str) -> dict[str, Any]:
    text = importlib.resources.files("summarizer").joinpath(f"schema/{kind}.schema.json")
    return json.loads(text.read_text(encoding="utf-8"))


def briefing_to_dict(briefing: models.Briefing) -> dict:
    """The JSON contract of ``brief`` (see summarizer/schema/briefing.schema.json)."""
    source_ids = [info.article.id for info in briefing.sources]
    return envelope(
        title=briefing.title,
        note=briefing.note,
        options=jsonable(briefing.options),
        warnings=list(briefing.warnings),
        themes_origin=briefing.themes.origin,
        themes_note=briefing.themes.note,
        sources=[source_dict(info) for info in briefing.sources],
        digest=[quote_dict(s) for s in briefing.digest],
        themes=[
            theme_dict(row, source_ids, claims)
            for row, claims in zip(briefing.rows, briefing_claims(briefing), strict=True)
        ],
        figures=[figure_dict(group) for group in briefing.figures],
        contested=[contest_dict(contest) for contest in briefing.contested],
    )


def summaries_to_dict(sources: Sequence[models.SourceInfo]) -> dict[str, object]:
    """The JSON contract of ``summarize``."""
    return envelope(sources=[source_dict(info) for info in sources])


def figures_to_dict(
    groups: Sequence[models.FigureGroup], sources: Sequence[models.SourceInfo]
) -> dict[str, object]:
    """The JSON contract of ``figures``."""
    return envelope(
        sources=[
            {
                "id": info.article.id,
                "outlet": nullable(info.article.outlet),
                "title": nullable(info.article.title),
            }
            for info in sources
        ],
        figures=[figure_dict(g) for g in groups],
    )


def inspection_to_dict(
    article: models.Article,
    sentences: Sequence[models.Sentence],
    themes_by_sentence: Mapping[int, Sequence[str]],
    figures_by_sentence: Mapping[int, Sequence[models.Figure]],
) -> dict[str, object]:
    """The JSON contract of ``inspect``."""
    return envelope(
        source={
            **article_dict(article),
            "format": article.format,
            "warnings": list(article.warnings),
        },
        sentences=[
            {
                "index": s.index,
                "text": s.text,
                "span": [s.start, s.end],
                "paragraph": s.paragraph,
                "furniture": s.furniture,
                "furniture_rule": s.furniture_rule,
                "themes": list(themes_by_sentence.get(s.index, ())),
                "figures": [
                    {"measure": f.measure, **mention_dict(f)}
                    for f in figures_by_sentence.get(s.index, ())
                ],
            }
            for s in sentences
        ],
    )


def grouping_to_dict(
    grouping: Grouping,
    leads: Mapping[str, models.Sentence | None] | None = None,
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
                    "outlet": nullable(s.outlet),
                    "date": nullable(s.date),
                    "confidence": s.confidence,
                }
                for s in story.sources
            ],
        }
        if leads is not None:
            lead = leads.get(story.id)
            entry["lead"] = quote_dict(lead) if lead else None
        if briefings is not None:
            entry["briefing"] = briefings.get(story.id)
        stories.append(entry)
    return envelope(stories=stories)
