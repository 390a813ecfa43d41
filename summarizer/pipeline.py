"""The whole pipeline as one pure function: articles in, a decided Briefing out."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass

from . import __version__
from .compare import compare_theme
from .digest import make_digest
from .errors import SummarizerError
from .figures import extract_figures, group_figures
from .models import (
    Article,
    Briefing,
    Comparison,
    Figure,
    FigureGroup,
    RankedSentence,
    Sentence,
    SourceInfo,
    Theme,
    ThemeCell,
    ThemeRow,
    ThemeSet,
)
from .readability import measure
from .segment import collapse_whitespace, segment
from .summarise import rank_sentences, summarize
from .themes import OTHER, assign, best_theme, builtin_themes, fit_share, load_themes
from .vectors import Key, SentenceVectors

BUILTIN_FIT = 0.5  # the built-in themes are used when they match a clear majority of sentences
SYNDICATED = 0.8  # share of a source's sentences repeated in an earlier source: a syndicated copy
SAME_SENTENCE = 0.9  # cosine above which two sentences are the same sentence, lightly edited


@dataclass(frozen=True)
class Options:
    """Every choice a briefing depends on; recorded in the output."""

    algorithm: str = "lexrank"
    sentences: int | None = 5
    words: int | None = None
    per_cell: int = 2
    digest_words: int = 120
    themes: str | None = None  # None: built-in if it fits, else auto; "auto"; "builtin"; a path
    title: str | None = None


@dataclass(frozen=True)
class ArticleAnalysis:
    """One article taken apart: all its sentences, the content ranking and the figures."""

    article: Article
    sentences: tuple[Sentence, ...]
    ranked: tuple[RankedSentence, ...]
    figures: tuple[Figure, ...]

    @property
    def content(self) -> tuple[Sentence, ...]:
        return tuple(r.sentence for r in self.ranked)


def analyse(article: Article, algorithm: str = "lexrank") -> ArticleAnalysis:
    """Segment, rank and extract figures from one article."""
    sentences = segment(article)
    content = [s for s in sentences if s.furniture is None]
    ranked = rank_sentences(content, algorithm)
    figures = extract_figures(article, content)
    return ArticleAnalysis(article, sentences, ranked, figures)


@dataclass(frozen=True)
class Inspection:
    """One article as the pipeline sees it, for ``summarizer inspect``."""

    analysis: ArticleAnalysis
    themes_by_sentence: dict[int, list[str]]
    figures_by_sentence: dict[int, list[Figure]]


def inspect_article(article: Article, themes: str | None = None) -> Inspection:
    """Every sentence of one article with its themes and figures (keys: Sentence.index)."""
    analysis = analyse(article)
    theme_set = resolve_themes(themes, analysis.content)
    matches = assign(analysis.content, theme_set)
    figures: dict[int, list[Figure]] = {}
    for figure in analysis.figures:
        figures.setdefault(figure.sentence.index, []).append(figure)
    return Inspection(
        analysis, {index: sorted(hits) for (_, index), hits in matches.items()}, figures
    )


def summarize_articles(
    articles: Sequence[Article], options: Options = Options()
) -> tuple[SourceInfo, ...]:
    """Per-article summaries and readability, without comparing the articles."""
    return tuple(
        _source_info(analyse(article, options.algorithm), options, None) for article in articles
    )


def resolve_themes(spec: str | None, content: Sequence[Sentence]) -> ThemeSet:
    """The theme set named by ``--themes`` (None picks built-in or auto from the articles)."""
    if spec == "auto":
        return _auto(content, "Themes were discovered from the articles (--themes auto).")
    if spec == "builtin":
        return builtin_themes()
    if spec is not None:
        return load_themes(spec)
    builtin = builtin_themes()
    share = fit_share(content, builtin)
    if share >= BUILTIN_FIT:
        return ThemeSet(
            builtin.themes,
            builtin.origin,
            f"Built-in themes: they match {share:.0%} of content sentences.",
        )
    found = _auto(
        content,
        f"The built-in themes match only {share:.0%} of content sentences, so themes were"
        " discovered from the articles instead.",
    )
    if found.themes or share == 0:
        return found
    # Too little text to discover themes from: a partial fit still beats one "Other" row.
    return ThemeSet(
        builtin.themes,
        builtin.origin,
        f"Built-in themes, although they match only {share:.0%} of content sentences: the"
        " articles were too short to discover themes from.",
    )


def _auto(content: Sequence[Sentence], reason: str) -> ThemeSet:
    from .autothemes import discover_themes

    found = discover_themes(content)
    return ThemeSet(found.themes, found.origin, f"{reason} {found.note}".strip())


def drop_identical(articles: Sequence[Article]) -> tuple[list[Article], list[str]]:
    """Keep the first of articles whose text is identical; say which were dropped."""
    seen: dict[str, str] = {}
    kept, warnings = [], []
    for article in articles:
        text = collapse_whitespace(article.body)
        if text in seen:
            warnings.append(
                f"{article.id} ({article.path}) is identical to {seen[text]} and is counted once."
            )
            continue
        seen[text] = article.id
        kept.append(article)
    return kept, warnings


def syndicated_copies(
    analyses: Sequence[ArticleAnalysis], vectors: SentenceVectors
) -> dict[str, str]:
    """Source id -> earlier source id it mostly repeats (near-identical syndicated copies)."""
    copies: dict[str, str] = {}
    for position, later in enumerate(analyses):
        if not later.content:
            continue
        for earlier in analyses[:position]:
            if earlier.article.id in copies or not earlier.content:
                continue
            closest = vectors.similarity(later.content, earlier.content).max(axis=1)
            if (closest >= SAME_SENTENCE).mean() >= SYNDICATED:
                copies[later.article.id] = earlier.article.id
                break
    return copies


def build_briefing(
    articles: Sequence[Article], options: Options = Options(), warnings: Sequence[str] = ()
) -> Briefing:
    """Run every stage on already-ingested articles."""
    if not articles:
        raise SummarizerError("no articles to brief")
    kept, dropped = drop_identical(articles)
    notes = [*warnings, *dropped]
    analyses = [analyse(article, options.algorithm) for article in kept]
    for analysis in analyses:
        if not analysis.content:
            notes.append(
                f"{analysis.article.id} ({analysis.article.path}) has no article text"
                " once page furniture is removed."
            )
    all_content = [s for a in analyses for s in a.content]
    if not all_content:
        raise SummarizerError("no article text found in the inputs (only page furniture or empty)")
    if len(analyses) == 1:
        notes.append("Only one source: there is nothing to compare it with.")

    theme_set = resolve_themes(options.themes, all_content)
    matches = assign(all_content, theme_set)
    vectors = SentenceVectors.of(all_content)
    copies = syndicated_copies(analyses, vectors)
    for copy, original in copies.items():
        notes.append(
            f"{copy} is a near-identical copy of {original}: their agreement is not counted as"
            " independent corroboration."
        )

    sources = tuple(_source_info(a, options, copies.get(a.article.id)) for a in analyses)
    # A syndicated copy's numbers are its original's: counting them again would fake agreement.
    figure_groups = _figure_groups(
        [a for a in analyses if a.article.id not in copies], matches, theme_set
    )
    all_rows = [
        _theme_row(theme, analyses, matches, vectors, options, copies, figure_groups)
        for theme in (*theme_set.themes, OTHER)
    ]
    # A row no source covers is only noise in a side-by-side view; the themes note names it.
    rows = tuple(row for row in all_rows if any(cell.count for cell in row.cells))
    uncovered = [row.theme.label for row in all_rows if row not in rows and row.theme is not OTHER]
    if uncovered:
        theme_set = ThemeSet(
            theme_set.themes,
            theme_set.origin,
            f"{theme_set.note} No source covers: {', '.join(uncovered)}.".strip(),
        )
    digest = make_digest(
        {a.article.id: a.content for a in analyses if a.article.id not in copies},
        {a.article.id: {r.sentence.index: r.rank for r in a.ranked} for a in analyses},
        word_budget=options.digest_words,
    )
    return Briefing(
        title=options.title or _title(analyses),
        note=_generation_note(len(sources), options, theme_set),
        sources=sources,
        digest=digest,
        themes=theme_set,
        rows=rows,
        figures=figure_groups,
        warnings=tuple(notes),
        options=asdict(options),
    )


def _source_info(
    analysis: ArticleAnalysis, options: Options, duplicate_of: str | None
) -> SourceInfo:
    text = " ".join(s.text for s in analysis.content)
    scores = measure(text)
    summary = summarize(
        analysis.article.id,
        analysis.content,
        algorithm=options.algorithm,
        max_sentences=options.sentences,
        max_words=options.words,
        ranked=analysis.ranked,
    )
    return SourceInfo(
        article=analysis.article,
        words=scores.words,
        reading_minutes=scores.reading_minutes,
        flesch_reading_ease=scores.flesch_reading_ease,
        grade_level=scores.grade_level,
        summary=summary,
        duplicate_of=duplicate_of,
    )


def _figure_groups(
    analyses: Sequence[ArticleAnalysis],
    matches: Mapping[Key, Mapping[str, int]],
    theme_set: ThemeSet,
) -> tuple[FigureGroup, ...]:
    figures = [f for a in analyses for f in a.figures]

    def theme_of(figure: Figure) -> str | None:
        return best_theme(matches.get((figure.source, figure.sentence.index), {}), theme_set)

    return group_figures(figures, theme_of=theme_of)


def _theme_row(
    theme: Theme,
    analyses: Sequence[ArticleAnalysis],
    matches: Mapping[Key, Mapping[str, int]],
    vectors: SentenceVectors,
    options: Options,
    copies: Mapping[str, str],
    figure_groups: Sequence[FigureGroup],
) -> ThemeRow:
    on_theme: dict[str, list[Sentence]] = {}
    cells = []
    for analysis in analyses:
        source = analysis.article.id
        if theme is OTHER:
            members = [s for s in analysis.content if not matches[(s.source, s.index)]]
        else:
            members = [s for s in analysis.content if theme.id in matches[(s.source, s.index)]]
        on_theme[source] = members
        quotes = _most_salient(members, theme, matches, options)
        cells.append(ThemeCell(theme=theme.id, source=source, quotes=quotes, count=len(members)))

    def same_origin(a: str, b: str) -> bool:
        return copies.get(a, a) == copies.get(b, b)

    agree, only_in = compare_theme(cells, on_theme, vectors, same_origin=same_origin)
    on_row = [g for g in figure_groups if g.theme == theme.id]
    diverge = tuple(_divergence(g) for g in on_row if g.verdict == "diverge")
    figure_notes = tuple(g.note for g in on_row if g.verdict == "agree")
    return ThemeRow(theme, tuple(cells), agree, diverge, only_in, figure_notes)


def _divergence(group: FigureGroup) -> Comparison:
    """A diverging figure group as a theme-row note, quoting each mention's sentence once."""
    quotes: dict[Key, Sentence] = {}
    for mention in group.mentions:
        quotes.setdefault((mention.source, mention.sentence.index), mention.sentence)
    return Comparison(
        kind="diverge",
        note=f"{group.measure}: {group.note}",
        sources=tuple(sorted({m.source for m in group.mentions})),
        quotes=tuple(quotes[k] for k in sorted(quotes)),
    )


def _most_salient(
    members: Sequence[Sentence],
    theme: Theme,
    matches: Mapping[Key, Mapping[str, int]],
    options: Options,
) -> tuple[Sentence, ...]:
    """Up to per_cell sentences: best theme fit, then the summariser's rank within the theme."""
    if not members or options.per_cell <= 0:
        return ()
    ranked = rank_sentences(members, options.algorithm)

    def strength(item: RankedSentence) -> tuple[int, int]:
        hits = matches[(item.sentence.source, item.sentence.index)].get(theme.id, 0)
        return (-min(hits, 2), item.rank)

    chosen = sorted(ranked, key=strength)[: options.per_cell]
    return tuple(sorted((r.sentence for r in chosen), key=lambda s: s.index))


def _title(analyses: Sequence[ArticleAnalysis]) -> str:
    titles = [a.article.title for a in analyses if a.article.title]
    if not titles:
        return f"Comparative briefing: {len(analyses)} sources"
    return f"Comparative briefing: {titles[0]}"


def _generation_note(count: int, options: Options, theme_set: ThemeSet) -> str:
    plural = "source" if count == 1 else "sources"
    return (
        f"Generated by summarizer {__version__} from {count} {plural} with the"
        f" {options.algorithm} summariser; themes: {theme_set.origin}. Quoted sentences are"
        " verbatim from the sources; everything marked as a tool note is the tool's own wording."
    )


__all__ = [
    "ArticleAnalysis",
    "Inspection",
    "Options",
    "analyse",
    "build_briefing",
    "inspect_article",
    "summarize_articles",
]
