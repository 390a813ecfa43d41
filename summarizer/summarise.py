"""Extractive summaries: rank an article's sentences with one of sumy's algorithms."""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from functools import cache
from typing import Any, Protocol

import numpy
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
from .segment import Tokenizer, word_tokens
from .vectors import snowball_stemmer, stop_words


class SumySummarizer(Protocol):
    """What this module uses of a sumy summarizer (sumy keeps its base class private)."""

    stop_words: Collection[str]

    def __call__(self, document: ObjectDocumentModel, sentences_count: Any) -> Sequence[Any]: ...


SUMMARIZERS: dict[str, Callable[[Callable[[str], str]], SumySummarizer]] = {
    "lexrank": LexRankSummarizer,
    "textrank": TextRankSummarizer,
    "lsa": LsaSummarizer,
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
    # Ties break by document position so that equal scores give the same ranks on every run.
    order = sorted(range(len(sentences)), key=lambda i: (-scores[i], i))
    rank_of = {position: rank for rank, position in enumerate(order, start=1)}
    return tuple(
        RankedSentence(sentence, rank_of[i], round(float(scores[i]), 6))
        for i, sentence in enumerate(sentences)
    )


def _sumy_scores(summarizer: SumySummarizer, sentences: Sequence[Sentence]) -> list[float]:
    """Ask sumy for a rating of every sentence; fall back to lead order if it cannot rate them."""
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
    except (ValueError, ZeroDivisionError, ArithmeticError, IndexError):
        captured.clear()
    scores = [0.0] * len(sentences)
    if len(captured) != len(sentences):
        # Degenerate input (no content words, singular matrices): lead order is the honest default.
        return [float(len(sentences) - i) for i in range(len(sentences))]
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
