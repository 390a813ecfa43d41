"""Extractive summaries: rank an article's sentences with one of sumy's algorithms."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Collection, Sequence
from functools import cache, lru_cache, partial
from itertools import chain
from operator import is_not
from typing import Any, Protocol

import numpy
from scipy.sparse import csr_matrix
from sumy.models.dom import ObjectDocumentModel, Paragraph
from sumy.models.dom import Sentence as SumySentence
from sumy.summarizers.edmundson import EdmundsonSummarizer
from sumy.summarizers.kl import KLSummarizer
from sumy.summarizers.lex_rank import LexRankSummarizer
from sumy.summarizers.lsa import LsaSummarizer
from sumy.summarizers.luhn import LuhnSummarizer
from sumy.summarizers.reduction import ReductionSummarizer
from sumy.summarizers.sum_basic import SumBasicSummarizer
from sumy.summarizers.text_rank import TextRankSummarizer

from .defaults import DEFAULT_ALGORITHM
from .errors import SummarizerError
from .models import RankedSentence, Sentence, Summary
from .segment import Tokenizer, word_tokens, word_tuple
from .vectors import STEM_CACHE_SIZE, snowball_stemmer, stop_words


class SumySummarizer(Protocol):
    """What this module uses of a sumy summarizer (sumy keeps its base class private)."""

    stop_words: Collection[str]

    def __call__(self, document: ObjectDocumentModel, sentences_count: Any) -> Sequence[Any]: ...


# Similarities closer than this to LexRank's threshold are recomputed with sumy's own scalar
# formula, so that float rounding in the bulk product never moves an edge of the graph.
_THRESHOLD_BAND = 1e-9
# Multiply-adds (sentences² x terms) up to which the similarities are one dense product.
_DENSE_WORK = 1 << 20
_IS_TERM = partial(is_not, None)  # a word's term, not None for a stop word


class BulkLexRankSummarizer(LexRankSummarizer):  # type: ignore[misc]
    """sumy's LexRank with the same graph built in bulk: one sparse product instead of a Python
    loop over every pair of sentences, document frequencies counted once, stems remembered.

    The thresholded, degree-normalised matrix is identical to sumy's (pairs within
    ``_THRESHOLD_BAND`` of the threshold are decided by sumy's own ``cosine_similarity``), so the
    power method, and so every rating, comes out the same.
    """

    def __init__(self, stemmer: Callable[[str], str]) -> None:
        super().__init__(stemmer)
        # Per word: its stem, or None for a stop word (the stop words are fixed once set).
        self._term_of = lru_cache(maxsize=STEM_CACHE_SIZE)(self._term)

    def _term(self, word: str) -> str | None:
        normal = self.normalize_word(word)
        return None if normal in self._stop_words else self.stem_word(normal)

    def _to_words_set(self, sentence: Any) -> list[str]:
        return self.terms(sentence.words)

    def terms(self, words: Sequence[str]) -> list[str]:
        """The terms sumy's ``_to_words_set`` makes of a sentence's ``words``: stems of the words
        that are not stop words."""
        return list(filter(_IS_TERM, map(self._term_of, words)))

    def rate(self, sentences: Sequence[Sequence[str]]) -> numpy.ndarray:
        """sumy's LexRank score of every sentence (its terms), in order."""
        return self.power_method(self._graph(sentences, self.threshold), self.epsilon)

    def rate_words(self, sentences: Sequence[Sequence[str]]) -> numpy.ndarray:
        """``rate`` of the sentences' terms, given their words: each distinct word of the
        article is looked up once, not once per sentence."""
        similarity = self._word_similarities(sentences)
        graph = self._thresholded(
            similarity, self.threshold, lambda: [self.terms(words) for words in sentences]
        )
        return self.power_method(graph, self.epsilon)

    @staticmethod
    def _compute_tf(sentences: Sequence[Sequence[str]]) -> list[dict[str, float]]:
        """sumy's term frequencies (each count over the sentence's largest), one comprehension
        per sentence."""
        metrics = []
        for counts in map(Counter, sentences):
            largest = max(counts.values()) if counts else 1
            metrics.append({term: n / largest for term, n in counts.items()})
        return metrics

    @staticmethod
    def _compute_idf(sentences: Sequence[Sequence[str]]) -> dict[str, float]:
        count = len(sentences)
        containing = Counter(chain.from_iterable(map(set, sentences)))
        return {term: math.log(count / (1 + n)) for term, n in containing.items()}

    def __call__(self, document: ObjectDocumentModel, sentences_count: Any) -> Sequence[Any]:
        """sumy's ``LexRankSummarizer.__call__``, with the graph built by ``_graph``."""
        sentences = document.sentences
        sentences_words = [self._to_words_set(s) for s in sentences]
        if not sentences_words:
            return ()
        scores = self.rate(sentences_words)
        # A dictionary as sumy's: sentences with equal text share the last one's rating.
        ratings = dict(zip(sentences, scores, strict=True))
        return self._get_best_sentences(sentences, sentences_count, ratings)

    def _graph(self, sentences: Sequence[Sequence[str]], threshold: float) -> numpy.ndarray:
        """The matrix sumy's ``_create_matrix`` makes: similarities above ``threshold`` as edges,
        each row divided by its degree."""
        return self._thresholded(self._similarities(sentences), threshold, lambda: sentences)

    def _thresholded(
        self,
        similarity: numpy.ndarray,
        threshold: float,
        terms: Callable[[], Sequence[Sequence[str]]],
    ) -> numpy.ndarray:
        """``_graph`` of the sentences whose bulk similarities are given (``terms()``: their
        terms, asked for only to settle a similarity within rounding of the threshold)."""
        near = numpy.argwhere(numpy.abs(similarity - threshold) < _THRESHOLD_BAND)
        if len(near):
            # Rare: only then are sumy's per-sentence dictionaries made.
            sentences = terms()
            tf_metrics, idf_metrics = self._compute_tf(sentences), self._compute_idf(sentences)
            for row, col in near.tolist():
                similarity[row, col] = self.cosine_similarity(
                    sentences[row], sentences[col], tf_metrics[row], tf_metrics[col], idf_metrics
                )
        edges = similarity > threshold
        # Each row over its degree (1 for a row without edges): 1.0 / degree as floats, as sumy.
        degrees = numpy.maximum(numpy.count_nonzero(edges, axis=1), 1)
        return edges / degrees[:, None]

    @staticmethod
    def _similarities(sentences: Sequence[Sequence[str]]) -> numpy.ndarray:
        """sumy's idf-modified cosine of every pair of sentences (lists of terms), as one dense
        matrix."""
        lengths = numpy.fromiter(map(len, sentences), dtype=numpy.intp, count=len(sentences))
        flat = list(chain.from_iterable(sentences))
        column = {term: i for i, term in enumerate(dict.fromkeys(flat))}  # in order of first use
        indices = numpy.fromiter(map(column.__getitem__, flat), dtype=numpy.intp, count=len(flat))
        rows_of = numpy.repeat(numpy.arange(len(sentences)), lengths)
        return BulkLexRankSummarizer._cosines(rows_of, indices, len(sentences), len(column))

    def _word_similarities(self, sentences: Sequence[Sequence[str]]) -> numpy.ndarray:
        """``_similarities`` of the sentences' terms, given their words."""
        flat = list(chain.from_iterable(sentences))
        # Each distinct word's term column (in order of first use), or -1 for a stop word.
        column_of: dict[str, int] = dict.fromkeys(flat, -1)
        columns: dict[str, int] = {}
        for word, term in zip(column_of, map(self._term_of, column_of), strict=True):
            if term is not None:
                column_of[word] = columns.setdefault(term, len(columns))
        positions = numpy.fromiter(map(column_of.__getitem__, flat), numpy.intp, len(flat))
        words = numpy.fromiter(map(len, sentences), dtype=numpy.intp, count=len(sentences))
        row_of = numpy.repeat(numpy.arange(len(sentences)), words)
        kept = positions >= 0
        return self._cosines(row_of[kept], positions[kept], len(sentences), len(columns))

    @staticmethod
    def _cosines(
        rows_of: numpy.ndarray, indices: numpy.ndarray, rows: int, terms: int
    ) -> numpy.ndarray:
        """The cosines of ``_similarities`` between ``rows`` sentences: the k-th term occurrence
        is in sentence ``rows_of[k]`` (in order), in column ``indices[k]`` (of ``terms``).
        Every tf-idf weight is the one sumy computes, as the same float operations."""
        width = max(terms, 1)
        idf_of_count = _idf_of_count(rows)
        if rows * rows * width <= _DENSE_WORK:
            # A typical article: a dense product without BLAS is cheaper than building sparse
            # matrices, and einsum (unoptimised) never spreads over threads.
            cells = rows_of * width + indices
            counts = numpy.bincount(cells, minlength=rows * width).reshape(rows, width)
            # Integer counts over the largest (1 for a sentence without terms): true division
            # turns both into floats first, as dividing by the float largest did.
            tfidf = counts / numpy.maximum(counts.max(axis=1), 1)[:, None]
            tfidf *= idf_of_count[numpy.count_nonzero(counts, axis=0)]
            products = numpy.einsum("ik,jk->ij", tfidf, tfidf)
        else:
            # Sparse, not a dense matmul: BLAS spreads even a small product over threads, which
            # on a busy machine (or beside --jobs workers) costs a hundred times the arithmetic.
            lengths = numpy.bincount(rows_of, minlength=rows)
            offsets = numpy.concatenate(([0], numpy.cumsum(lengths)))
            sparse = csr_matrix(
                (numpy.ones(len(indices)), indices, offsets), shape=(rows, width), dtype=float
            )
            sparse.sum_duplicates()  # each term once per sentence, with its count
            largest = sparse.max(axis=1).toarray().ravel()
            largest[largest == 0] = 1.0
            row_of = numpy.repeat(numpy.arange(rows), numpy.diff(sparse.indptr))
            containing = numpy.bincount(sparse.indices, minlength=width)
            sparse.data = sparse.data / largest[row_of] * idf_of_count[containing[sparse.indices]]
            products = (sparse @ sparse.T).toarray()
        norms = numpy.sqrt(numpy.diag(products))
        scale = norms[:, None] * norms  # numpy.outer's product
        # Divided only where both norms are positive; 0 where a sentence has no weight.
        return numpy.divide(products, scale, out=numpy.zeros_like(products), where=scale > 0)


@lru_cache(maxsize=1024)
def _idf_of_count(rows: int) -> numpy.ndarray:
    """sumy's idf of a term found in k of ``rows`` sentences, math.log(rows / (1 + k)), for
    every k (remembered per article length; read only)."""
    return numpy.array([math.log(rows / (1 + k)) for k in range(rows + 1)])


class OrderedLsaSummarizer(LsaSummarizer):  # type: ignore[misc]
    """sumy's LSA with its words numbered in sorted order: sumy numbers them in the order of a
    frozenset, which changes with Python's string hashing from one process to the next, and the
    SVD's last bits (which decide ties between sentences) follow the order of the rows."""

    def _create_dictionary(self, document: ObjectDocumentModel) -> dict[str, int]:
        return {word: row for row, word in enumerate(sorted(super()._create_dictionary(document)))}


SUMMARIZERS: dict[str, Callable[[Callable[[str], str]], SumySummarizer]] = {
    "lexrank": BulkLexRankSummarizer,
    "textrank": TextRankSummarizer,
    "lsa": OrderedLsaSummarizer,
    "luhn": LuhnSummarizer,
    "edmundson": EdmundsonSummarizer,
    "kl": KLSummarizer,
    "sumbasic": SumBasicSummarizer,
    "reduction": ReductionSummarizer,
}
ALGORITHMS: tuple[str, ...] = tuple(SUMMARIZERS)

# Edmundson's cue method needs bonus and stigma words; these are generic to news reporting.
_EDMUNDSON_BONUS = ("said", "according", "estimate", "report", "confirmed", "official", "first")
_EDMUNDSON_STIGMA = ("click", "subscribe", "advertisement", "share", "newsletter", "comment")


@cache
def _stemmer() -> Callable[[str], str]:
    # sumy's Stemmer("english") is NLTK's English Snowball stemmer; the shared, remembering one
    # gives the same stems for a third less ranking time (sumy stems every word it reads).
    return snowball_stemmer()


def make_summarizer(algorithm: str) -> SumySummarizer:
    """A configured sumy summarizer for ``algorithm``."""
    try:
        summarizer_class = SUMMARIZERS[algorithm]
    except KeyError:
        known = ", ".join(ALGORITHMS)
        raise SummarizerError(f"unknown algorithm {algorithm!r} (choose from {known})") from None
    summarizer = summarizer_class(_stemmer())
    summarizer.stop_words = stop_words()
    if isinstance(summarizer, EdmundsonSummarizer):
        summarizer.bonus_words = _EDMUNDSON_BONUS
        summarizer.stigma_words = _EDMUNDSON_STIGMA
        summarizer.null_words = stop_words()
    return summarizer


@cache
def _configured(algorithm: str) -> SumySummarizer:
    # One per process: configuring normalises every stop word again, and sumy's summarizers keep
    # no state between documents (only what their setters store).
    return make_summarizer(algorithm)


def rank_sentences(
    sentences: Sequence[Sentence], algorithm: str = DEFAULT_ALGORITHM
) -> tuple[RankedSentence, ...]:
    """Rank every sentence (1 = most salient) with ``algorithm``; result in document order."""
    if not sentences:
        return ()
    summarizer = _configured(algorithm)
    scores = _sumy_scores(summarizer, sentences) if len(sentences) > 1 else [1.0]
    # Ties break by document position so that equal scores give the same ranks on every run:
    # sorted is stable, so positions with equal scores stay in document order.
    negated = [-score for score in scores]
    ranks = [0] * len(sentences)
    for rank, position in enumerate(sorted(range(len(sentences)), key=negated.__getitem__), 1):
        ranks[position] = rank
    rounded = [round(float(score), 6) for score in scores]
    return tuple(map(RankedSentence, sentences, ranks, rounded))


# What sumy raises on degenerate input (no content words, singular matrices).
_SUMY_FAILURES = (ValueError, ZeroDivisionError, ArithmeticError, IndexError)


def _sumy_scores(summarizer: SumySummarizer, sentences: Sequence[Sentence]) -> list[float]:
    """Ask sumy for a rating of every sentence; fall back to lead order if it cannot rate them."""
    if isinstance(summarizer, BulkLexRankSummarizer):
        return _lexrank_scores(summarizer, sentences)
    return _document_scores(summarizer, sentences)


def _lead_order(count: int) -> list[float]:
    """Scores that rank sentences in document order: the honest default on degenerate input."""
    return [float(count - i) for i in range(count)]


def _lexrank_scores(
    summarizer: BulkLexRankSummarizer, sentences: Sequence[Sentence]
) -> list[float]:
    """``_document_scores`` of LexRank, without sumy's document, sentence and ranking objects:
    the same terms go to the same ``rate``, and the ratings are read as sumy hands them over."""
    texts = [s.text.strip() for s in sentences]  # a sumy sentence's text
    try:
        with numpy.errstate(all="ignore"):  # sumy divides by zero norms on degenerate input
            rated = summarizer.rate_words([word_tuple(text) for text in texts])
    except _SUMY_FAILURES:
        return _lead_order(len(sentences))
    # sumy keys the ratings by sentence text: a repeated sentence gets its last copy's rating.
    last = {text: i for i, text in enumerate(texts)}
    ratings = rated.tolist()  # as Python floats, in one step
    scores = [ratings[last[text]] for text in texts]
    return [score if score == score else 0.0 for score in scores]  # NaN -> 0


def _document_scores(summarizer: SumySummarizer, sentences: Sequence[Sentence]) -> list[float]:
    """The rating sumy's summarizer gives every sentence of a document made of ``sentences``."""
    tokenizer = Tokenizer()
    document = ObjectDocumentModel(
        [Paragraph([SumySentence(s.text, tokenizer) for s in sentences])]
    )
    captured: list[tuple[int, float]] = []

    # sumy's _get_best_sentences accepts a callable count; it receives every sentence sorted
    # by rating, which is exactly the full ranking we want (sumy exposes no other way).
    def keep_all(infos: Sequence[object]) -> Sequence[object]:
        captured.extend((info.order, float(info.rating)) for info in infos)  # type: ignore[attr-defined]
        return infos

    try:
        with numpy.errstate(all="ignore"):  # sumy divides by zero norms on degenerate input
            summarizer(document, keep_all)
    except _SUMY_FAILURES:
        captured.clear()
    scores = [0.0] * len(sentences)
    if len(captured) != len(sentences):
        return _lead_order(len(sentences))
    for order, rating in captured:
        scores[order] = rating if rating == rating else 0.0  # NaN -> 0
    return scores


def summarize(
    source: str,
    sentences: Sequence[Sentence],
    *,
    algorithm: str = DEFAULT_ALGORITHM,
    max_sentences: int | None = 5,
    max_words: int | None = None,
    ranked: Sequence[RankedSentence] | None = None,
) -> Summary:
    """Choose the best-ranked sentences within a sentence or word budget, kept in document order."""
    ranked = tuple(ranked) if ranked is not None else rank_sentences(sentences, algorithm)
    chosen = choose_within_budget(ranked, max_sentences=max_sentences, max_words=max_words)
    return Summary(source=source, algorithm=algorithm, sentences=chosen)


def choose_within_budget(
    ranked: Sequence[RankedSentence],
    *,
    max_sentences: int | None,
    max_words: int | None,
    accept: Callable[[RankedSentence], bool] | None = None,
) -> tuple[RankedSentence, ...]:
    """Take sentences best rank first until a budget is met; return them in document order."""
    chosen: list[RankedSentence] = []
    words_used = 0
    for item in sorted(ranked, key=lambda r: r.rank):
        if max_sentences is not None and len(chosen) >= max_sentences:
            break
        if accept is not None and not accept(item):
            continue
        length = len(word_tokens(item.sentence.text))
        if max_words is not None and chosen and words_used + length > max_words:
            continue
        chosen.append(item)
        words_used += length
        if max_words is not None and words_used >= max_words:
            break
    return tuple(sorted(chosen, key=lambda r: r.sentence.index))
