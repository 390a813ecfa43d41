"""Words as vectors: stop words, stems, content terms and TF-IDF.

Shared by every stage that compares text (themes, compare, digest, pipeline), so that "similar"
means the same thing everywhere.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np
from nltk.stem.snowball import SnowballStemmer
from scipy.sparse import csr_matrix
from sumy.utils import get_stop_words

from .models import Sentence
from .segment import word_tokens

LANGUAGE = "english"

Key = tuple[str, int]  # (source id, sentence index)


@cache
def stop_words() -> frozenset[str]:
    """sumy's English stop words (shipped with sumy, no download)."""
    return frozenset(get_stop_words(LANGUAGE))


@cache
def _stemmer() -> SnowballStemmer:
    return SnowballStemmer(LANGUAGE)  # needs no NLTK data


@cache
def stem(word: str) -> str:
    """Lower-case, drop a possessive 's, and stem one word."""
    word = word.lower().replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    return _stemmer().stem(word)


def stems(text: str) -> tuple[str, ...]:
    """The stems of a text's words, in order."""
    return tuple(stem(w) for w in word_tokens(text) if any(c.isalnum() for c in w))


def content_terms(text: str) -> list[str]:
    """Stems of the words that carry content: no stop words, no bare numbers."""
    stop = stop_words()
    return [
        stem(word)
        for word in word_tokens(text)
        if word.lower() not in stop and any(c.isalpha() for c in word)
    ]


def tfidf_matrix(texts: Sequence[str]) -> csr_matrix:
    """L2-normalised TF-IDF rows (sublinear tf, smoothed idf over ``texts``) of content terms."""
    term_counts = [Counter(content_terms(text)) for text in texts]
    vocabulary = {t: i for i, t in enumerate(sorted({t for counts in term_counts for t in counts}))}
    frequency = Counter(t for counts in term_counts for t in counts)
    idf = {t: math.log((1 + len(texts)) / (1 + frequency[t])) + 1.0 for t in vocabulary}
    rows, columns, values = [], [], []
    for row, counts in enumerate(term_counts):
        weights = {t: (1.0 + math.log(c)) * idf[t] for t, c in sorted(counts.items())}
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        for term, weight in weights.items():
            rows.append(row)
            columns.append(vocabulary[term])
            values.append(weight / norm)
    return csr_matrix((values, (rows, columns)), shape=(len(texts), max(len(vocabulary), 1)))


@dataclass(frozen=True)
class SentenceVectors:
    """TF-IDF vectors of a set of sentences, looked up by (source, index)."""

    matrix: csr_matrix
    row: dict[Key, int]

    @classmethod
    def of(cls, sentences: Sequence[Sentence]) -> SentenceVectors:
        return cls(
            tfidf_matrix([s.text for s in sentences]),
            {(s.source, s.index): i for i, s in enumerate(sentences)},
        )

    def similarity(self, first: Sequence[Sentence], second: Sequence[Sentence]) -> np.ndarray:
        """Cosine similarities, one row per sentence of ``first``, one column per ``second``."""
        if not first or not second:
            return np.zeros((len(first), len(second)))
        a = self.matrix[[self.row[(s.source, s.index)] for s in first]]
        b = self.matrix[[self.row[(s.source, s.index)] for s in second]]
        return (a @ b.T).toarray()
