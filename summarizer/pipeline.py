"""The whole pipeline as one pure function: articles in, a decided Briefing out."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, replace
from functools import partial
from itertools import compress

import numpy as np

from . import __version__
from .compare import SimilarityGraph, compare_theme, similarity_graph, theme_rows
from .contested import ContestCue, contest_cue, find_contests
from .defaults import (
    DEFAULT_ALGORITHM,
    DEFAULT_DIGEST_WORDS,
    DEFAULT_PER_CELL,
    DEFAULT_SENTENCES,
)
from .digest import ClaimCue, claim_cue, make_digest
from .errors import SummarizerError
from .figures import SentenceFacts, extract_figures_and_facts, group_figures
from .models import (
    Article,
    Briefing,
    Comparison,
    Contest,
    Figure,
    FigureGroup,
    RankedSentence,
    Readability,
    Sentence,
    SourceInfo,
    Summary,
    Theme,
    ThemeCell,
    ThemeRow,
    ThemeSet,
)
from .parallel import started_aside, started_in_order, workers_for
from .progress import Progress
from .readability import measure_sentences
from .segment import collapse_whitespace, segment
from .stemtable import StemTable
from .summarise import rank_sentences, summarize
from .themes import (
    OTHER,
    assign,
    best_theme,
    builtin_themes,
    hits_by_sentence,
    load_themes,
    matched_share,
    theme_hits,
)
from .vectors import Key, SentenceVectors, content_terms, similar_pairs

BUILTIN_FIT = 0.5  # the built-in themes are used when they match a clear majority of sentences
SYNDICATED = 0.8  # share of a source's sentences repeated in an earlier source: a syndicated copy
SAME_SENTENCE = 0.9  # cosine above which two sentences are the same sentence, lightly edited
# Content sentences up to which parts of the tail run in forked processes (the mixed-pile check
# beside the sentence comparison, the digest beside the theme rows and contested statements):
# their working memory then adds to the main process's instead of following it (+270 MB of
# peak PSS at 10,000 articles, 150,000 sentences; 982 articles have 14,550).
ASIDE_MAX_SENTENCES = 50_000
# Stage names passed to a progress callback.
STAGE_ARTICLES = "Reading articles"
STAGE_DISCOVERY = "Finding themes"  # while the workers read the articles (jobs > 1)
STAGE_THEMES = "Comparing by theme"


@dataclass(frozen=True)
class Options:
    """Every choice a briefing depends on; recorded in the output."""

    algorithm: str = DEFAULT_ALGORITHM
    sentences: int | None = DEFAULT_SENTENCES
    words: int | None = None
    per_cell: int = DEFAULT_PER_CELL
    digest_words: int = DEFAULT_DIGEST_WORDS
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


def analyse(article: Article, algorithm: str = DEFAULT_ALGORITHM) -> ArticleAnalysis:
    """Segment, rank and extract figures from one article."""
    return analyse_with_facts(article, algorithm)[0]


def analyse_with_facts(
    article: Article,
    algorithm: str = DEFAULT_ALGORITHM,
    sentences: tuple[Sentence, ...] | None = None,
) -> tuple[ArticleAnalysis, dict[int, SentenceFacts]]:
    """``analyse``, and each content sentence's facts read from the same sentence views
    (``sentences``: ``segment(article)``, when the caller has it already)."""
    sentences = segment(article) if sentences is None else sentences
    content = [s for s in sentences if s.furniture is None]
    ranked = rank_sentences(content, algorithm)
    figures, facts = extract_figures_and_facts(article, content)
    return ArticleAnalysis(article, sentences, ranked, figures), facts


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


@dataclass(frozen=True)
class ArticleWork:
    """Everything the per-article stage computes, in a worker process when ``jobs`` > 1."""

    analysis: ArticleAnalysis
    readability: Readability
    summary: Summary
    terms: tuple[tuple[str, ...], ...]  # content terms of each content sentence, in order
    # The numbers each content sentence states (figures.stated_values), in order: compare needs
    # them for many sentences; the workers read them from the views figure extraction builds.
    values: tuple[frozenset[float], ...]
    # What the digest and contested ask of each content sentence alone, in order: computed here,
    # in the workers, so that the main process only combines them across articles.
    claim_cues: tuple[ClaimCue, ...]
    contest_cues: tuple[ContestCue, ...]


def work_on(
    article: Article, options: Options, sentences: tuple[Sentence, ...] | None = None
) -> ArticleWork:
    """The per-article stage: segment, rank, figures, readability, summary and content terms
    (``sentences``: ``segment(article)``, when the caller has it already)."""
    analysis, facts = analyse_with_facts(article, options.algorithm, sentences)
    summary = summarize(
        article.id,
        analysis.content,
        algorithm=options.algorithm,
        max_sentences=options.sentences,
        max_words=options.words,
        ranked=analysis.ranked,
    )
    return ArticleWork(
        analysis,
        measure_sentences([s.text for s in analysis.content]),
        summary,
        tuple(tuple(content_terms(s.text)) for s in analysis.content),
        tuple(facts[s.index].values for s in analysis.content),
        tuple(claim_cue(s.text) for s in analysis.content),
        tuple(contest_cue(s.text, facts[s.index].subject) for s in analysis.content),
    )


def _work_without_article(
    article: Article, options: Options, sentences: tuple[Sentence, ...] | None = None
) -> ArticleWork:
    """``work_on``, minus the article itself: the parent has it, so a worker need not send it."""
    work = work_on(article, options, sentences)
    return replace(work, analysis=replace(work.analysis, article=None))  # type: ignore[arg-type]


def _work_on_segmented(item: tuple[Article, tuple[Sentence, ...]], options: Options) -> ArticleWork:
    """``_work_without_article`` for an article the parent has already segmented."""
    article, sentences = item
    return _work_without_article(article, options, sentences)


def work_on_all(
    articles: Sequence[Article],
    options: Options,
    *,
    jobs: int = 1,
    progress: Progress | None = None,
) -> list[ArticleWork]:
    """``work_on`` every article, in ``jobs`` worker processes; results in input order."""
    with started_in_order(
        partial(_work_without_article, options=options), articles, jobs
    ) as detached:
        return _collected(articles, detached, progress)


def _collected(
    articles: Sequence[Article], detached: Iterable[ArticleWork], progress: Progress | None
) -> list[ArticleWork]:
    """The workers' results with the caller's own article objects put back (no second copy)."""
    done = []
    # Each result arrives with its own copy of every term string: one copy of each is kept.
    vocabulary: dict[str, str] = {}
    for article, work in zip(articles, detached, strict=True):
        terms = tuple(tuple(vocabulary.setdefault(t, t) for t in row) for row in work.terms)
        done.append(replace(work, analysis=replace(work.analysis, article=article), terms=terms))
        if progress is not None:
            progress(STAGE_ARTICLES, len(done), len(articles))
    return done


def summarize_articles(
    articles: Sequence[Article],
    options: Options = Options(),
    *,
    jobs: int = 1,
    progress: Progress | None = None,
) -> tuple[SourceInfo, ...]:
    """Per-article summaries and readability, without comparing the articles."""
    works = work_on_all(articles, options, jobs=jobs, progress=progress)
    return tuple(_source_info(work, None) for work in works)


def resolve_themes(spec: str | None, content: Sequence[Sentence]) -> ThemeSet:
    """The theme set named by ``--themes`` (None picks built-in or auto from the articles)."""
    return _resolve_themes(spec, _ThemeMatcher(content))


class _ThemeMatcher:
    """A run's content sentences, tokenised once, and their hits for each theme set matched."""

    def __init__(self, content: Sequence[Sentence], fork: bool = False) -> None:
        self.content = content
        self.fork = fork  # discovery may fit in a forked process too
        self.table = StemTable.of([sentence.text for sentence in content])
        self._hits: dict[tuple[Theme, ...], np.ndarray] = {}

    def hits(self, theme_set: ThemeSet) -> np.ndarray:
        """Each sentence's keyword hits per theme (the built-in fit and the assignment share)."""
        if theme_set.themes not in self._hits:
            self._hits[theme_set.themes] = theme_hits(self.table, theme_set.themes)
        return self._hits[theme_set.themes]

    def assign(self, theme_set: ThemeSet) -> dict[Key, dict[str, int]]:
        return hits_by_sentence(self.content, theme_set, self.hits(theme_set))


def _resolve_themes(spec: str | None, matcher: _ThemeMatcher) -> ThemeSet:
    if spec == "auto":
        return _auto(matcher, "Themes were discovered from the articles (--themes auto).")
    if spec == "builtin":
        return builtin_themes()
    if spec is not None:
        return load_themes(spec)
    builtin = builtin_themes()
    share = matched_share(matcher.hits(builtin))
    if share >= BUILTIN_FIT:
        return ThemeSet(
            builtin.themes,
            builtin.origin,
            f"Built-in themes: they match {share:.0%} of content sentences.",
        )
    found = _auto(
        matcher,
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


def _auto(matcher: _ThemeMatcher, reason: str) -> ThemeSet:
    from .autothemes import discover_themes

    found = discover_themes(matcher.content, table=matcher.table, fork=matcher.fork)
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
    analyses: Sequence[ArticleAnalysis], repeats: SentencePairs
) -> dict[str, str]:
    """Source id -> earlier source id it mostly repeats (near-identical syndicated copies).

    A copy repeats at least SYNDICATED of its sentences nearly word for word: ``repeats`` holds
    those pairs (``repeated_sentences``), found through an index, not by comparing articles pair
    by pair.
    """
    position = {a.article.id: p for p, a in enumerate(analyses)}
    row_position = np.array([position[s.source] for s in repeats.sentences], dtype=np.int64)
    # Rows follow the input order, so in each pair the first row is the earlier source.
    later_rows, earlier = repeats.second, row_position[repeats.first]
    # Each later sentence counts once per earlier source it repeats (pairs coded as one integer).
    width = len(analyses)
    sentence_pairs = np.unique(later_rows * width + earlier)
    source_pairs, counts = np.unique(
        row_position[sentence_pairs // width] * width + sentence_pairs % width, return_counts=True
    )
    repeated: dict[int, dict[int, int]] = {}
    for pair, count in zip(source_pairs.tolist(), counts.tolist(), strict=True):
        repeated.setdefault(pair // width, {})[pair % width] = count
    copies: dict[str, str] = {}
    for copy in sorted(repeated):
        later_analysis = analyses[copy]
        for original in sorted(repeated[copy]):
            earlier_analysis = analyses[original]
            if earlier_analysis.article.id in copies:
                continue
            if repeated[copy][original] / len(later_analysis.content) >= SYNDICATED:
                copies[later_analysis.article.id] = earlier_analysis.article.id
                break
    return copies


@dataclass(frozen=True)
class SentencePairs:
    """Pairs of near-identical sentences (cosine at least SAME_SENTENCE) from different sources:
    rows of ``sentences``, first < second."""

    sentences: tuple[Sentence, ...]
    first: np.ndarray
    second: np.ndarray
    source: np.ndarray  # per row: the position of its source in ``sources``
    sources: tuple[str, ...]


def repeated_sentences(sentences: Sequence[Sentence], vectors: SentenceVectors) -> SentencePairs:
    """Every pair of ``sentences`` (the rows of ``vectors``) from different sources that are
    the same sentence, lightly edited."""
    first, second, _ = similar_pairs(vectors.matrix, SAME_SENTENCE)
    position: dict[str, int] = {}
    source = np.fromiter(
        (position.setdefault(s.source, len(position)) for s in sentences),
        dtype=np.int64,
        count=len(sentences),
    )
    cross = source[first] != source[second]
    return SentencePairs(tuple(sentences), first[cross], second[cross], source, tuple(position))


def _copied_rows(repeats: SentencePairs, copies: Mapping[str, str]) -> np.ndarray:
    """The rows of copies' sentences that repeat a sentence of their original: the original's
    sentence stands for them when sources are compared."""
    position = {source: p for p, source in enumerate(repeats.sources)}
    original = np.array([position.get(copies.get(s, ""), -1) for s in repeats.sources] or [-1])
    copied = original[repeats.source[repeats.second]] == repeats.source[repeats.first]
    return np.unique(repeats.second[copied])


def build_briefing(
    articles: Sequence[Article],
    options: Options = Options(),
    warnings: Sequence[str] = (),
    *,
    jobs: int = 1,
    progress: Progress | None = None,
) -> Briefing:
    """Run every stage on already-ingested articles.

    ``jobs``: worker processes for the per-article stage (the output is the same for any
    number). ``progress(stage, done, total)`` is told how far each stage has got.
    """
    if not articles:
        raise SummarizerError("no articles to brief")
    kept, dropped = drop_identical(articles)
    notes = [*warnings, *dropped]
    early_themes: tuple[ThemeSet, dict[Key, dict[str, int]]] | None = None
    if workers_for(len(kept), jobs) > 1:
        # The workers rank and extract; meanwhile this process, otherwise idle, finds the themes,
        # which need only the content sentences. It segments each article once, for both: the
        # workers get the sentences with the article and start on the first ones at once.
        early_content: list[Sentence] = []

        def segmented() -> Iterator[tuple[Article, tuple[Sentence, ...]]]:
            for article in kept:
                sentences = segment(article)
                early_content.extend(s for s in sentences if s.furniture is None)
                yield article, sentences

        work = partial(_work_on_segmented, options=options)
        with started_in_order(work, segmented(), jobs, count=len(kept)) as detached:
            if progress is not None:
                progress(STAGE_DISCOVERY, 0, 1)
            early_themes = _themes_and_matches(early_content, options, fork=True)
            del early_content[:]  # the workers send every sentence back
            if progress is not None:
                progress(STAGE_DISCOVERY, 1, 1)
            works = _collected(kept, detached, progress)
    else:
        works = work_on_all(kept, options, jobs=jobs, progress=progress)
    analyses = [work.analysis for work in works]
    all_content = [s for a in analyses for s in a.content]
    # Whether a process may be forked for a part of the tail (ASIDE_MAX_SENTENCES).
    fork_tail = workers_for(len(kept), jobs) > 1 and len(all_content) <= ASIDE_MAX_SENTENCES
    # A pile of several stories makes a meaningless comparison: say so (stories.py, issue 10).
    # With workers, a forked process checks while this one compares the sentences.
    terms = [work.terms for work in works]
    with started_aside(partial(_mixed_pile, analyses, terms), fork_tail) as mixed_pile:
        empty = [
            f"{analysis.article.id} ({analysis.article.path}) has no article text once page"
            " furniture is removed."
            for analysis in analyses
            if not analysis.content
        ]
        if not all_content:
            raise SummarizerError(
                "no article text found in the inputs (only page furniture or empty)"
            )
        theme_set, matches = early_themes or _themes_and_matches(all_content, options)
        vectors = SentenceVectors.of(all_content, [t for row in terms for t in row])
        themes = (*theme_set.themes, OTHER)
        members_of = _members_by_theme(analyses, matches)
        drafts = [_theme_cells(theme, analyses, members_of, matches, options) for theme in themes]
        repeats = repeated_sentences(all_content, vectors)
        copies = syndicated_copies(analyses, repeats)
        copied = _copied_rows(repeats, copies)
        rows_of = [theme_rows(on_theme, vectors) for _, on_theme in drafts]
        graph = similarity_graph(
            all_content,
            vectors,
            [v for work in works for v in work.values],
            groups=rows_of,
            left_out=copied,
        )
        mixed = mixed_pile()
    if mixed:
        notes.append(mixed)
    notes.extend(empty)
    if len(analyses) == 1:
        notes.append("Only one source: there is nothing to compare it with.")
    for copy, original in copies.items():
        notes.append(
            f"{copy} is a near-identical copy of {original}: their agreement is not counted as"
            " independent corroboration."
        )

    claim_cues = {
        (s.source, s.index): cue
        for work in works
        for s, cue in zip(work.analysis.content, work.claim_cues, strict=True)
    }

    def digest() -> tuple[Sentence, ...]:
        return make_digest(
            {a.article.id: a.content for a in analyses if a.article.id not in copies},
            {a.article.id: {r.sentence.index: r.rank for r in a.ranked} for a in analyses},
            word_budget=options.digest_words,
            vectors=vectors,
            dates={a.article.id: a.article.date for a in analyses},
            cues=claim_cues,
        )

    # The digest needs nothing the theme rows or the contested statements make: with workers,
    # a forked process finds it while this one builds those (else one core sits idle; the two
    # halves take about the same time).
    with started_aside(digest, fork_tail) as digest_made:
        # A copy and its original are one origin: their agreement is not independent.
        graph = graph.with_origins(copies)
        sources = tuple(_source_info(work, copies.get(work.analysis.article.id)) for work in works)
        # A syndicated copy's numbers are its original's: counting them again would fake
        # agreement.
        figure_groups = _figure_groups(
            [a for a in analyses if a.article.id not in copies], matches, theme_set
        )
        all_rows = []
        for done, (theme, (cells, on_theme), rows) in enumerate(
            zip(themes, drafts, rows_of, strict=True), start=1
        ):
            all_rows.append(_theme_row(theme, cells, on_theme, rows, graph, figure_groups))
            if progress is not None:
                progress(STAGE_THEMES, done, len(themes))
        # The theme rows do not change what contested files under which theme (best_theme
        # reads the themes, not the note the rows add to).
        # A copy's repeats of its original would only echo the original's contests.
        compared = np.ones(len(all_content), dtype=bool)
        compared[copied] = False
        kept = compared.tolist()
        contest_cues = [cue for work in works for cue in work.contest_cues]
        contested = _contested(
            analyses,
            list(compress(all_content, kept)),
            vectors,
            copies,
            matches,
            theme_set,
            list(compress(contest_cues, kept)),
        )
        digest_sentences = digest_made()
    # A row no source covers is only noise in a side-by-side view; the themes note names it.
    rows = tuple(row for row in all_rows if any(cell.count for cell in row.cells))
    uncovered = [row.theme.label for row in all_rows if row not in rows and row.theme is not OTHER]
    if uncovered:
        theme_set = ThemeSet(
            theme_set.themes,
            theme_set.origin,
            f"{theme_set.note} No source covers: {', '.join(uncovered)}.".strip(),
        )
    return Briefing(
        title=options.title or _title(analyses),
        note=_generation_note(len(sources), options, theme_set),
        sources=sources,
        digest=digest_sentences,
        themes=theme_set,
        rows=rows,
        figures=figure_groups,
        warnings=tuple(notes),
        contested=contested,
        options=asdict(options),
    )


def _mixed_pile(
    analyses: Sequence[ArticleAnalysis], terms: Sequence[Sequence[Sequence[str]]]
) -> str | None:
    """``stories.looks_mixed`` on the run's articles (imported here: it loads scikit-learn's
    clustering, which nothing else in a briefing needs)."""
    from .stories import looks_mixed

    return looks_mixed([a.article for a in analyses], terms)


def _themes_and_matches(
    content: Sequence[Sentence], options: Options, fork: bool = False
) -> tuple[ThemeSet, dict[Key, dict[str, int]]] | None:
    """The run's theme set and each content sentence's theme hits (None without content;
    ``fork``: discovery may use a forked process)."""
    if not content:
        return None
    matcher = _ThemeMatcher(content, fork)
    theme_set = _resolve_themes(options.themes, matcher)
    return theme_set, matcher.assign(theme_set)


def _source_info(work: ArticleWork, duplicate_of: str | None) -> SourceInfo:
    return SourceInfo(
        article=work.analysis.article,
        readability=work.readability,
        summary=work.summary,
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


def _contested(
    analyses: Sequence[ArticleAnalysis],
    sentences: Sequence[Sentence],
    vectors: SentenceVectors,
    copies: Mapping[str, str],
    matches: Mapping[Key, Mapping[str, int]],
    theme_set: ThemeSet,
    cues: Sequence[ContestCue],
) -> tuple[Contest, ...]:
    """Contested statements across sources (contested.py), filed under their best theme
    (``cues``: each sentence's ``contest_cue``)."""
    years = {a.article.id: int(a.article.date[:4]) if a.article.date else None for a in analyses}

    def theme_of(sentence: Sentence) -> str | None:
        return best_theme(matches.get(_key(sentence), {}), theme_set)

    return find_contests(
        sentences, vectors, origin_of=copies, year_of=years, theme_of=theme_of, cues=cues
    )


def _theme_cells(
    theme: Theme,
    analyses: Sequence[ArticleAnalysis],
    members_of: Mapping[tuple[str, str], Sequence[RankedSentence]],
    matches: Mapping[Key, Mapping[str, int]],
    options: Options,
) -> tuple[list[ThemeCell], dict[str, list[Sentence]]]:
    """Each source's cell on ``theme`` and all its sentences on the theme (``members_of``:
    (source, theme id) -> the source's ranked sentences on that theme, ``_members_by_theme``)."""
    on_theme: dict[str, list[Sentence]] = {}
    cells = []
    for analysis in analyses:
        source = analysis.article.id
        members = members_of.get((source, theme.id), ())
        on_theme[source] = [r.sentence for r in members]
        quotes = _most_salient(members, theme, matches, options)
        cells.append(ThemeCell(theme=theme.id, source=source, quotes=quotes, count=len(members)))
    return cells, on_theme


def _members_by_theme(
    analyses: Sequence[ArticleAnalysis], matches: Mapping[Key, Mapping[str, int]]
) -> dict[tuple[str, str], list[RankedSentence]]:
    """(source, theme id) -> the source's ranked sentences matching the theme, in ranked order;
    a sentence matching no theme is on OTHER. One pass over the sentences for all themes."""
    members: dict[tuple[str, str], list[RankedSentence]] = {}
    for analysis in analyses:
        source = analysis.article.id
        for ranked in analysis.ranked:
            for theme_id in matches[_key(ranked.sentence)] or (OTHER.id,):
                members.setdefault((source, theme_id), []).append(ranked)
    return members


def _key(sentence: Sentence) -> Key:
    return (sentence.source, sentence.index)


def _theme_row(
    theme: Theme,
    cells: Sequence[ThemeCell],
    on_theme: Mapping[str, Sequence[Sentence]],
    rows: np.ndarray,
    graph: SimilarityGraph,
    figure_groups: Sequence[FigureGroup],
) -> ThemeRow:
    agree, only_in = compare_theme(cells, on_theme, graph, rows)
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
    members: Sequence[RankedSentence],
    theme: Theme,
    matches: Mapping[Key, Mapping[str, int]],
    options: Options,
) -> tuple[Sentence, ...]:
    """Up to per_cell sentences: best theme fit, then the summariser's rank in the article.

    The article was ranked once (``analyse``); a cell reuses that ranking instead of asking the
    summariser again for every theme.
    """
    if not members or options.per_cell <= 0:
        return ()

    def strength(item: RankedSentence) -> tuple[int, int]:
        hits = matches[_key(item.sentence)].get(theme.id, 0)
        return (-min(hits, 2), item.rank)

    chosen = sorted(members, key=strength)[: options.per_cell]
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
    "ArticleWork",
    "Inspection",
    "Options",
    "SentencePairs",
    "analyse",
    "build_briefing",
    "inspect_article",
    "repeated_sentences",
    "summarize_articles",
    "syndicated_copies",
    "work_on",
]
