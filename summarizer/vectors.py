"""Words as vectors: stop words, stems, content terms and TF-IDF.

Shared by every stage that compares text (themes, compare, digest, pipeline), so that "similar"
means the same thing everywhere.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache, partial
from operator import is_not

import numpy as np
from nltk.stem.snowball import SnowballStemmer
from scipy.sparse import csr_matrix

from . import lang
from .models import Sentence
from .segment import word_tokens

LANGUAGE = "english"

Key = tuple[str, int]  # (source id, sentence index)


# Distinct words whose stems one process remembers: a news vocabulary fits with room to spare.
STEM_CACHE_SIZE = 1 << 17


@cache
def stop_words() -> frozenset[str]:
    """The language's stop words (``data/lang/en/stop_words.txt``: sumy's English list)."""
    return lang.words("stop_words")


@cache
def snowball_stemmer() -> Callable[[str], str]:
    """NLTK's English Snowball stemmer (what sumy's ``Stemmer("english")`` wraps), remembering
    its answers: stemming every word of every sentence is costly, a run's vocabulary repeats."""
    # Built directly: sumy's Stemmer would first look the language up in pycountry (slow).
    return lru_cache(maxsize=STEM_CACHE_SIZE)(SnowballStemmer(LANGUAGE).stem)  # needs no data


@cache
def stem(word: str) -> str:
    """Lower-case, drop a possessive 's, and stem one word."""
    word = word.lower().replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    return snowball_stemmer()(word)


def words(text: str) -> tuple[str, ...]:
    """A text's words with a letter or digit (``segment.word_tokens``), in order."""
    return tuple(w for w in word_tokens(text) if any(c.isalnum() for c in w))


# Distinct sentences whose stems one process remembers: the theme fit, the theme assignment and
# theme discovery read the same sentences of a run (10,000 articles: about 150,000 sentences).
# Stems are shared strings (``stem`` remembers them), so an entry costs little more than a tuple.
STEMS_CACHE_SIZE = 1 << 18


@lru_cache(maxsize=STEMS_CACHE_SIZE)
def stems(text: str) -> tuple[str, ...]:
    """The stems of a text's words, in order (remembered per text)."""
    return tuple(map(stem, words(text)))


def content_terms(text: str) -> list[str]:
    """Stems of the words that carry content: no stop words, no bare numbers."""
    return list(filter(_IS_TERM, map(content_term, word_tokens(text))))


_IS_TERM = partial(is_not, None)  # content_term gave a stem


@lru_cache(maxsize=STEM_CACHE_SIZE)
def content_term(word: str) -> str | None:
    """One word's stem if it carries content, else None (a stop word or a bare number);
    remembered per word, since every sentence of a run asks about the same vocabulary."""
    if word.lower() in stop_words() or not any(c.isalpha() for c in word):
        return None
    return stem(word)


def tfidf_matrix(texts: Sequence[str]) -> csr_matrix:
    """L2-normalised TF-IDF rows (sublinear tf, smoothed idf over ``texts``) of content terms."""
    return TermCounts.of(texts).tfidf()


@dataclass(frozen=True)
class TermCounts:
    """Content-term counts of a list of texts: tokenised and stemmed once, weighted on demand."""

    counts: csr_matrix  # one row per text, one column per term (sorted), values: counts

    @classmethod
    def of(cls, texts: Sequence[str]) -> TermCounts:
        return cls.of_terms([content_terms(text) for text in texts])

    @classmethod
    def of_terms(cls, terms: Sequence[Sequence[str]]) -> TermCounts:
        """Counts from each text's content terms (``content_terms``), e.g. computed in workers."""
        vocabulary = {t: i for i, t in enumerate(sorted({t for row in terms for t in row}))}
        lengths = np.fromiter((len(row) for row in terms), dtype=np.int64, count=len(terms))
        columns = np.fromiter(
            (vocabulary[t] for row in terms for t in row), dtype=np.int64, count=int(lengths.sum())
        )
        rows = np.repeat(np.arange(len(terms)), lengths)
        counts = csr_matrix(
            (np.ones(len(columns)), (rows, columns)), shape=(len(terms), max(len(vocabulary), 1))
        )
        counts.sum_duplicates()
        counts.sort_indices()
        return cls(counts)

    def tfidf(self, rows: Sequence[int] | np.ndarray | None = None) -> csr_matrix:
        """L2-normalised TF-IDF of ``rows`` (default: all), idf counted over those rows only."""
        counts = self.counts if rows is None else self.counts[np.asarray(rows, dtype=np.int64)]
        counts = csr_matrix(counts, copy=True)
        total = counts.shape[0]
        frequency = np.bincount(counts.indices, minlength=counts.shape[1])
        # math.log, not np.log: the same idf, to the last bit, as the per-term formula always gave.
        idf = np.array([math.log((1 + total) / (1 + f)) + 1.0 for f in frequency.tolist()])
        largest = int(counts.data.max()) if counts.nnz else 0
        tf = np.array([1.0 + math.log(c) if c else 0.0 for c in range(largest + 1)])
        counts.data = tf[counts.data.astype(np.int64)] * idf[counts.indices]
        norms = np.sqrt(_row_sums_in_order(counts.data * counts.data, counts.indptr))
        norms[norms == 0] = 1.0
        counts.data /= np.repeat(norms, np.diff(counts.indptr))
        return counts


def _row_sums_in_order(values: np.ndarray, indptr: np.ndarray) -> np.ndarray:
    """Per-row sums added left to right, as Python's sum() does, so results match it bit for bit."""
    lengths = np.diff(indptr)
    sums = np.zeros(len(lengths))
    for position in range(int(lengths.max()) if len(lengths) else 0):
        rows = np.flatnonzero(lengths > position)
        sums[rows] += values[indptr[rows] + position]
    return sums


# Product entries computed per block: bounds the memory of one sparse product (about 12 bytes
# each, twice that while it is filtered). At 4,000,000 the products of compare and the digest set
# the main process's peak memory on 1,000 articles (about 100 MB above the rest); smaller blocks
# cost no measurable time.
BLOCK_ENTRIES = 1_000_000


def neighbours(
    left: csr_matrix,
    right: csr_matrix,
    threshold: float,
    *,
    upper: bool = False,
    block_entries: int = BLOCK_ENTRIES,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every (row of left, row of right, cosine) with cosine >= ``threshold``.

    The product is taken a block of left rows at a time, each block sized so that its product has
    at most about ``block_entries`` non-zeros, and only entries above the threshold are kept, so
    memory stays bounded however many rows there are. ``upper`` keeps only pairs i < j (left is
    right).
    """
    found_left, found_right, found_score = [], [], []
    right_t = right.T.tocsr()
    frequency = np.bincount(right.indices, minlength=right.shape[1]).astype(np.float64)
    # An upper bound on each left row's product non-zeros: the rows sharing any of its terms.
    pattern = csr_matrix((np.ones(left.nnz), left.indices, left.indptr), shape=left.shape)
    cost = np.minimum(pattern @ frequency[: left.shape[1]], right.shape[0]) + 1
    ends = np.cumsum(cost)
    start = 0
    while start < left.shape[0]:
        stop = int(np.searchsorted(ends, ends[start] - cost[start] + block_entries, side="right"))
        stop = max(stop, start + 1)
        block = (left[start:stop] @ right_t).tocoo()
        keep = block.data >= threshold
        if upper:
            keep &= block.col > block.row + start
        found_left.append(block.row[keep].astype(np.int64) + start)
        found_right.append(block.col[keep].astype(np.int64))
        found_score.append(block.data[keep])
        start = stop
    if not found_left:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty.copy(), np.zeros(0)
    return np.concatenate(found_left), np.concatenate(found_right), np.concatenate(found_score)


def similar_pairs(
    matrix: csr_matrix, threshold: float, *, block_entries: int = BLOCK_ENTRIES
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every (row i, row j, cosine) of ``matrix``'s L2-normalised rows with i < j and cosine >=
    ``threshold``, sorted by (i, j); the cosines equal ``neighbours``'s to the last bit.

    Prefix filtering (Bayardo et al., "Scaling up all pairs similarity search", 2007): terms are
    ordered from the most to the least frequent, and each row's leading terms whose norm stays
    below the threshold are left out of the index. Two rows that reach the threshold share an
    indexed term (their common leading terms add up to less than it), so only rows sharing one
    are scored. At a high threshold this skips nearly all the frequent terms that make the full
    product cost the sum of their squared frequencies.
    """
    candidates = _indexed_terms(matrix, threshold)
    first, second, _ = neighbours(
        candidates, candidates, 0.5, upper=True, block_entries=block_entries
    )
    order = np.lexsort((second, first))
    first, second = first[order], second[order]
    scores = np.empty(len(first))
    width = max(1, block_entries // max(1, int(np.diff(matrix.indptr).max(initial=1))))
    for start in range(0, len(first), width):
        shared = matrix[first[start : start + width]].multiply(
            matrix[second[start : start + width]]
        )
        shared = csr_matrix(shared)
        shared.sort_indices()
        # Summed over the shared terms in column order from zero, as the sparse product sums them.
        scores[start : start + width] = _row_sums_in_order(shared.data, shared.indptr)
    keep = scores >= threshold
    return first[keep], second[keep], scores[keep]


def _indexed_terms(matrix: csr_matrix, threshold: float) -> csr_matrix:
    """A 0/1 matrix of each row's terms after its leading (most frequent) terms whose norm is
    below ``threshold`` (with a margin for rounding)."""
    lengths = np.diff(matrix.indptr)
    frequency = np.bincount(matrix.indices, minlength=matrix.shape[1])
    rank = np.empty(matrix.shape[1], dtype=np.int64)
    rank[np.argsort(-frequency, kind="stable")] = np.arange(matrix.shape[1])
    rows = np.repeat(np.arange(matrix.shape[0]), lengths)
    order = np.lexsort((rank[matrix.indices], rows))
    # One running sum over all rows, less its value where each row starts: its drift (about 1e-16
    # per row) stays far inside the margin.
    leading = np.cumsum(matrix.data[order] ** 2)
    before_row = np.repeat(np.concatenate(([0.0], leading))[matrix.indptr[:-1]], lengths)
    indexed = order[leading - before_row >= threshold * threshold * (1 - 1e-6)]
    return csr_matrix(
        (np.ones(len(indexed)), (rows[indexed], matrix.indices[indexed])), shape=matrix.shape
    )


@dataclass(frozen=True)
class SentenceVectors:
    """TF-IDF vectors of a set of sentences, looked up by (source, index)."""

    matrix: csr_matrix
    row: dict[Key, int]
    counts: TermCounts  # the same sentences' raw term counts, to weight a subset on its own

    @classmethod
    def of(
        cls, sentences: Sequence[Sentence], terms: Sequence[Sequence[str]] | None = None
    ) -> SentenceVectors:
        """Vectors of ``sentences``; ``terms`` are their content terms if already computed."""
        counts = (
            TermCounts.of_terms(terms)
            if terms is not None
            else TermCounts.of([s.text for s in sentences])
        )
        row = {(s.source, s.index): i for i, s in enumerate(sentences)}
        return cls(counts.tfidf(), row, counts)

    def rows(self, sentences: Sequence[Sentence]) -> np.ndarray:
        """The matrix rows of ``sentences``."""
        return np.fromiter(
            (self.row[(s.source, s.index)] for s in sentences), dtype=np.int64, count=len(sentences)
        )

    def similarity(self, first: Sequence[Sentence], second: Sequence[Sentence]) -> np.ndarray:
        """Cosine similarities, one row per sentence of ``first``, one column per ``second``."""
        if not first or not second:
            return np.zeros((len(first), len(second)))
        a = self.matrix[self.rows(first)]
        b = self.matrix[self.rows(second)]
        return (a @ b.T).toarray()
