"""The bulk LexRank's leaner array steps give the very floats of the steps first written."""

from __future__ import annotations

import math
from pathlib import Path

import numpy
import pytest

from summarizer import summarise
from summarizer.models import RankedSentence, Sentence
from summarizer.segment import sentence_spans, word_tuple
from summarizer.summarise import BulkLexRankSummarizer, make_summarizer


def _reference_cosines(lengths: numpy.ndarray, indices: numpy.ndarray, terms: int) -> numpy.ndarray:
    """``_cosines`` as first written (the dense way), from each sentence's count of terms."""
    rows = len(lengths)
    width = max(terms, 1)
    idf_of_count = numpy.array([math.log(rows / (1 + k)) for k in range(rows + 1)])
    cells = numpy.repeat(numpy.arange(rows), lengths) * width + indices
    counts = numpy.bincount(cells, minlength=rows * width).reshape(rows, width)
    largest = counts.max(axis=1)
    largest[largest == 0] = 1
    tfidf = counts / largest[:, None].astype(float)
    tfidf *= idf_of_count[numpy.count_nonzero(counts, axis=0)]
    products = numpy.einsum("ik,jk->ij", tfidf, tfidf)
    norms = numpy.sqrt(numpy.diag(products))
    scale = numpy.outer(norms, norms)
    with numpy.errstate(divide="ignore", invalid="ignore"):
        return numpy.where(scale > 0, products / numpy.where(scale > 0, scale, 1.0), 0.0)


def _reference_edges(similarity: numpy.ndarray, threshold: float) -> numpy.ndarray:
    """The end of ``_thresholded`` as first written: edges over each row's degree."""
    edges = similarity > threshold
    degrees = edges.sum(axis=1).astype(float)
    degrees[degrees == 0] = 1.0
    return numpy.asarray(edges / degrees[:, None], dtype=float)


def _random_sentences(
    generator: numpy.random.Generator,
) -> tuple[numpy.ndarray, numpy.ndarray, int]:
    """Term columns per sentence: empty sentences, repeats, a term in every sentence."""
    rows = int(generator.integers(1, 30))
    terms = int(generator.integers(0, 40))
    lengths = generator.integers(0, 12, size=rows) if terms else numpy.zeros(rows, dtype=int)
    indices = generator.integers(0, max(terms, 1), size=int(lengths.sum()))
    if terms and rows > 1 and generator.random() < 0.3:  # one term everywhere: idf may be 0 or < 0
        lengths = lengths + 1
        indices = numpy.concatenate(
            [numpy.append(part, 0) for part in numpy.split(indices, numpy.cumsum(lengths - 1)[:-1])]
        )
    return lengths, indices.astype(numpy.intp), terms


@pytest.mark.parametrize("dense_work", [0, 1 << 40], ids=["sparse", "dense"])
def test_cosines_are_the_first_written_ones_bit_for_bit(
    dense_work: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(summarise, "_DENSE_WORK", dense_work)
    generator = numpy.random.default_rng(8)
    for _ in range(150):
        lengths, indices, terms = _random_sentences(generator)
        rows = len(lengths)
        rows_of = numpy.repeat(numpy.arange(rows), lengths)
        got = BulkLexRankSummarizer._cosines(rows_of, indices, rows, terms)
        expected = _reference_cosines(lengths, indices, terms)
        if dense_work:
            assert numpy.array_equal(got, expected)  # the same operations: the same floats
        else:  # the sparse way sums in another order: within rounding
            assert numpy.allclose(got, expected, rtol=0, atol=1e-12)


def test_edges_over_degrees_are_the_first_written_ones() -> None:
    generator = numpy.random.default_rng(9)
    for _ in range(200):
        rows = int(generator.integers(1, 25))
        similarity = generator.choice([0.0, 0.05, 0.0999, 0.1001, 0.5, 1.0], size=(rows, rows))
        # (No similarity within rounding of the threshold: those are decided by sumy, see
        # test_summarise.py.)
        got = make_summarizer("lexrank")._thresholded(similarity.copy(), 0.1, list)
        assert numpy.array_equal(got, _reference_edges(similarity, 0.1))
        assert got.dtype == numpy.float64


def test_seed_articles_rank_on_the_first_written_similarities(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(summarise, "_DENSE_WORK", 1 << 40)  # the dense way for long ones too
    bulk = make_summarizer("lexrank")
    assert isinstance(bulk, BulkLexRankSummarizer)
    seeds = sorted((Path(__file__).parent.parent / "seeds").glob("*.txt"))
    assert seeds
    for path in seeds:
        text = path.read_text(encoding="utf-8")
        sentences = [word_tuple(text[start:end]) for start, end in sentence_spans(text)]
        terms = [bulk.terms(words) for words in sentences]
        column = {term: i for i, term in enumerate(dict.fromkeys(t for row in terms for t in row))}
        lengths = numpy.array([len(row) for row in terms], dtype=numpy.intp)
        indices = numpy.array([column[t] for row in terms for t in row], dtype=numpy.intp)
        expected = _reference_cosines(lengths, indices, len(column))
        assert numpy.array_equal(bulk._word_similarities(sentences), expected)
        assert numpy.array_equal(bulk._similarities(terms), expected)


def _reference_ranked(sentences: list[Sentence], scores: list[float]) -> tuple[RankedSentence, ...]:
    """rank_sentences' ranking as first written: sorted by (-score, position)."""
    order = sorted(range(len(sentences)), key=lambda i: (-scores[i], i))
    rank_of = {position: rank for rank, position in enumerate(order, start=1)}
    return tuple(
        RankedSentence(sentence, rank_of[i], round(float(scores[i]), 6))
        for i, sentence in enumerate(sentences)
    )


def test_ranks_break_ties_by_position_as_first_written(monkeypatch: pytest.MonkeyPatch) -> None:
    generator = numpy.random.default_rng(10)
    values = [0.0, -0.0, 0.25, 0.5, 0.5000001, 1.0, 1e-300, 3.0]
    for _ in range(200):
        count = int(generator.integers(2, 30))
        scores = [float(v) for v in generator.choice(values, size=count)]
        sentences = [Sentence("a", i, 0, 1, f"s{i}") for i in range(count)]
        monkeypatch.setattr(summarise, "_sumy_scores", lambda _, got, scores=scores: list(scores))
        ranked = summarise.rank_sentences(sentences)
        assert repr(ranked) == repr(_reference_ranked(sentences, scores))  # -0.0 kept as such
    monkeypatch.setattr(summarise, "_sumy_scores", lambda summarizer, got: [0.5, 1.0, 0.5])
    assert [r.rank for r in summarise.rank_sentences(sentences[:3])] == [2, 1, 3]
