"""Discover a story's themes automatically by clustering its sentences (``--themes auto``).

Sentences are clustered (NMF topics over TF-IDF of stemmed content words and word pairs);
each cluster becomes a Theme whose keywords are chosen so that plain keyword matching, the
rule ``summarizer.themes`` applies, reproduces the cluster as closely as it can.
"""

from __future__ import annotations

import math
import re
import textwrap
import warnings
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from itertools import pairwise, product

import numpy as np
from scipy.sparse import csc_matrix, csr_matrix
from sklearn.decomposition import NMF
from sklearn.exceptions import ConvergenceWarning
from sklearn.feature_extraction.text import TfidfTransformer
from sklearn.metrics import pairwise_distances, silhouette_score
from sklearn.preprocessing import normalize
from threadpoolctl import threadpool_limits

from summarizer import lang
from summarizer.models import Sentence, Theme, ThemeSet
from summarizer.parallel import started_aside
from summarizer.stemtable import StemTable
from summarizer.themes import OTHER_ID, best_theme, match_themes
from summarizer.vectors import stem, stems, stop_words

Phrase = tuple[str, ...]  # a stem unigram or bigram

MIN_KEYWORDS = 4
MAX_KEYWORDS = 10
MIN_CLUSTER_SIZE = 2
RANDOM_STATE = 0
SILHOUETTE_SAMPLE = 2_000  # sentences the silhouette of a clustering is measured on, at most
# Sentences themes are discovered from, at most (a larger run: an even sample of them). About
# 1,500 news articles' worth; NMF and the phrase corpus grow with every sentence.
MAX_DISCOVERY_SENTENCES = 20_000
# A phrase in more than this share of sentences is the story's subject, not one of its themes.
MAX_PHRASE_SHARE = 0.3
# ...unless leaving such phrases out leaves fewer than this share of sentences with any phrase.
MIN_TOPICAL_COVERAGE = 0.8
# Keywords come from this many of a cluster's most characteristic phrases, so they read as topic.
KEYWORD_POOL = 25
# Keywords that match more stray sentences than members do are not distinctive.
MIN_KEYWORD_PRECISION = 0.5
# A label is a two-word phrase when one scores at least this share of the best single word.
BIGRAM_LABEL_RATIO = 0.5
# Words every news story uses whatever it is about (reporting verbs, vague time and quantity,
# all-purpose verbs and adjectives): useless as theme keywords or labels.
NEWS_STOP_WORDS = lang.words("news_stop_words").union(
    lang.table("months")["names"], lang.table("months")["abbreviations"]
)

_POSSESSIVE = re.compile(r"['’]s$", re.IGNORECASE)
# A sentence with this share of capitalised words is a headline: its casing says nothing.
HEADLINE_CAPITALS_SHARE = 0.6


# --- words -----------------------------------------------------------------------------------


@cache
def _stop_words() -> frozenset[str]:
    return frozenset(w.replace("’", "'") for w in stop_words()) | NEWS_STOP_WORDS


@cache
def _stop_stems() -> frozenset[str]:
    return frozenset(stem(word) for word in _stop_words())


@cache
def _is_content_word(word: str) -> bool:
    """A word that can carry a theme: no stop word, no number, two letters or more."""
    lowered = word.lower().replace("’", "'").rstrip(".")
    if lowered.isascii() and lowered.isalpha():  # most words: no digit, every character a letter
        if len(lowered) < 2:
            return False
    elif any(char.isdigit() for char in lowered) or sum(char.isalpha() for char in lowered) < 2:
        return False
    return lowered not in _stop_words() and stem(lowered) not in _stop_stems()


# --- the corpus ------------------------------------------------------------------------------


def _is_headline_case(word_ids: np.ndarray, table: StemTable) -> np.ndarray:
    """Per text: True for Title Case Text, whose capitals do not mark names."""
    starts_alpha = np.fromiter((w[:1].isalpha() for w in table.words), bool, len(table.words))
    capital = np.fromiter((w[:1].isupper() for w in table.words), bool, len(table.words))
    text_at = table.text_of()
    alphabetic = np.bincount(text_at, weights=starts_alpha[word_ids], minlength=len(table))
    capitalised = np.bincount(
        text_at, weights=(starts_alpha & capital)[word_ids], minlength=len(table)
    )
    return (alphabetic >= 3) & (capitalised >= HEADLINE_CAPITALS_SHARE * alphabetic)


class _Index(Mapping[Phrase, frozenset[int]]):
    """Recurring content phrase -> the sentences whose stems contain it, stop words included, as
    the keyword matcher reads them (looked up on demand: only candidate keywords ever are)."""

    def __init__(self, presence: csc_matrix, column: Mapping[Phrase, int]) -> None:
        self._presence = presence
        self._column = column
        self._found: dict[Phrase, frozenset[int]] = {}

    def __getitem__(self, phrase: Phrase) -> frozenset[int]:
        if phrase not in self._found:
            column = self._column[phrase]
            start, end = self._presence.indptr[column], self._presence.indptr[column + 1]
            self._found[phrase] = frozenset(self._presence.indices[start:end].tolist())
        return self._found[phrase]

    def __iter__(self) -> Iterator[Phrase]:
        return iter(self._column)

    def __len__(self) -> int:
        return len(self._column)


class _Wordings(Mapping[Phrase, str]):
    """Content phrase -> its most frequent wording, capitalised only where it always is mid-text
    (worked out on demand: only candidate keywords and labels are ever shown)."""

    def __init__(self, table: StemTable, codes: np.ndarray, positions: np.ndarray) -> None:
        self._table = table
        by_code = np.argsort(codes, kind="stable")  # each phrase's occurrences in reading order
        self._codes = codes[by_code]
        self._positions = positions[by_code]
        text_at = table.text_of()
        headline = _is_headline_case(table.tokens, table)
        first = np.arange(len(text_at)) == table.offsets[text_at]
        self._uninformative = headline[text_at] | first  # casing says nothing about the word
        self._stem_id = {word_stem: i for i, word_stem in enumerate(table.stems)}
        self._spelled: dict[str, list[int]] | None = None
        self._cases: dict[str, Counter[str]] = {}
        self._found: dict[Phrase, str] = {}

    def __getitem__(self, phrase: Phrase) -> str:
        if phrase not in self._found:
            self._found[phrase] = self._usual_wording(phrase)
        return self._found[phrase]

    def __iter__(self) -> Iterator[Phrase]:
        return iter(self._found)

    def __len__(self) -> int:
        return len(self._found)

    def _usual_wording(self, phrase: Phrase) -> str:
        ids = [self._stem_id.get(word_stem) for word_stem in phrase]
        if None in ids:
            raise KeyError(phrase)
        counts = Counter(w.lower() for w, _ in self._occurrences(_code(ids, len(self._stem_id))))
        if not counts:
            raise KeyError(phrase)
        wording = _most_common(_fold_possessives(counts))
        spellings = self._mid_text_spellings(wording)
        if spellings:  # the phrase's own mid-text casing, e.g. "Foreign Office"
            return _usual_case(wording, spellings)
        words = wording.split()  # word by word
        return " ".join(_usual_case(w, self._mid_text_spellings(w)) for w in words)

    def _occurrences(self, code: int) -> Iterator[tuple[str, bool]]:
        """(wording, casing uninformative) of each content occurrence of a phrase."""
        start, end = np.searchsorted(self._codes, [code, code + 1])
        positions = self._positions[start:end].tolist()
        spelled = self._table.words
        tokens = self._table.tokens
        flags = self._uninformative[positions].tolist()
        if code < len(self._stem_id):
            wordings = [spelled[t] for t in tokens[positions].tolist()]
        else:
            firsts, seconds = tokens[positions].tolist(), tokens[np.add(positions, 1)].tolist()
            wordings = [f"{spelled[a]} {spelled[b]}" for a, b in zip(firsts, seconds, strict=True)]
        return zip(wordings, flags, strict=True)

    def _mid_text_spellings(self, lowered: str) -> Counter[str]:
        """How a lowercase wording is written mid-text ("Putin's" shows how "Putin" is written)."""
        if lowered not in self._cases:
            spellings: Counter[str] = Counter()
            for code in self._codes_written(lowered):
                for wording, uninformative in self._occurrences(code):
                    if uninformative:
                        continue
                    plain = _without_possessives(wording)
                    if wording.lower() == lowered:
                        spellings[wording] += 1
                    if plain != wording and plain.lower() == lowered:
                        spellings[plain] += 1
            self._cases[lowered] = spellings
        return self._cases[lowered]

    def _codes_written(self, lowered: str) -> set[int]:
        """Codes of the phrases an occurrence of which may read ``lowered`` (possessive or not)."""
        if self._spelled is None:
            self._spelled = {}
            for word_id, word in enumerate(self._table.words):
                form = word.lower()
                self._spelled.setdefault(form, []).append(word_id)
                if "'" in word or "’" in word:  # "Putin's" is also a spelling of "putin"
                    plain = _without_possessives(word).lower()
                    if plain != form:
                        self._spelled.setdefault(plain, []).append(word_id)
        word_stems = self._table.word_stems
        choices = [
            {int(word_stems[w]) for w in self._spelled.get(word, ())} for word in lowered.split()
        ]
        if not 1 <= len(choices) <= 2:
            return set()
        return {_code(ids, len(self._stem_id)) for ids in product(*choices)}


def _code(stem_ids: Sequence[int], n_stems: int) -> int:
    """A phrase's number: a stem's id, or past them all, the pair's."""
    if len(stem_ids) == 1:
        return stem_ids[0]
    return n_stems + stem_ids[0] * n_stems + stem_ids[1]


_NO_SPELLINGS: Counter[str] = Counter()


def _usual_case(wording: str, spellings: Counter[str]) -> str:
    """Lowercase if ever written so mid-sentence (or never seen there), else its usual spelling."""
    return wording if not spellings or wording in spellings else _most_common(spellings)


@lru_cache(maxsize=1 << 16)  # a story repeats its wordings many times
def _without_possessives(wording: str) -> str:
    return " ".join(_POSSESSIVE.sub("", word) for word in wording.split())


def _fold_possessives(counts: Counter[str]) -> Counter[str]:
    """Count "putin's" as "putin" when the plain form also occurs (both stem alike); a name like
    "king's cross" that never appears without its 's keeps it."""
    folded: Counter[str] = Counter()
    for wording, count in counts.items():
        plain = _without_possessives(wording)
        folded[plain if plain in counts else wording] += count
    return folded


def _most_common(counter: Counter[str]) -> str:
    return min(counter.items(), key=lambda item: (-item[1], item[0]))[0]


def _sort_key(sentence: Sentence) -> tuple[str, int, int, int, str]:
    return (sentence.source, sentence.index, sentence.start, sentence.end, sentence.text)


@dataclass(frozen=True)
class _Corpus:
    """The content sentences in canonical order with everything derived from them once.

    A content phrase is a content word's stem or two adjacent ones; the recurring ones (in two or
    more sentences) are the features, numbered in the order of their keys ("stem stem").
    """

    sentences: tuple[Sentence, ...]
    counts: csr_matrix  # sentence x feature: content occurrences (stored as CountVectorizer does)
    presence: csr_matrix  # sentence x feature: 1 where the stems contain it, stop words included
    features: tuple[Phrase, ...]
    column: dict[Phrase, int]  # feature -> its column
    index: Mapping[Phrase, frozenset[int]]  # feature -> sentences the keyword matcher matches
    wordings: Mapping[Phrase, str]  # content phrase -> its usual wording


def _build_corpus(sentences: Iterable[Sentence], table: StemTable | None = None) -> _Corpus:
    """The corpus of ``sentences`` (``table``: their words, when they are already canonical)."""
    ordered = tuple(sorted({s for s in sentences if s.furniture is None}, key=_sort_key))
    return _canonical_corpus(ordered, table)


def _canonical_corpus(ordered: tuple[Sentence, ...], table: StemTable | None) -> _Corpus:
    """The corpus of sentences already in canonical order, without furniture or repeats."""
    if table is None or len(table) != len(ordered):
        table = StemTable.of([sentence.text for sentence in ordered])
    n_stems = len(table.stems)
    stem_at = table.position_stems()
    text_at = table.text_of()
    is_content = np.fromiter(map(_is_content_word, table.words), bool, len(table.words))
    content = is_content[table.tokens]
    paired = text_at[:-1] == text_at[1:]  # position i and i + 1 are in the same sentence
    single = np.flatnonzero(content)
    double = np.flatnonzero(content[:-1] & content[1:] & paired)
    # Reading order: each content word, then the pair it starts (the order CountVectorizer saw).
    order = np.argsort(np.concatenate([2 * single, 2 * double + 1]), kind="stable")
    positions = np.concatenate([single, double])[order]
    codes = np.concatenate(
        [stem_at[single], n_stems + stem_at[double] * n_stems + stem_at[double + 1]]
    )[order]
    counts, feature_codes, features = _feature_counts(
        codes, text_at[positions], len(ordered), table
    )
    column = {phrase: position for position, phrase in enumerate(features)}
    every_pair = np.flatnonzero(paired)
    every_code = n_stems + stem_at[every_pair] * n_stems + stem_at[every_pair + 1]
    presence = _presence(
        np.concatenate([stem_at, every_code]),
        np.concatenate([text_at, text_at[every_pair]]),
        feature_codes,
        len(ordered),
    )
    return _Corpus(
        sentences=ordered,
        counts=counts,
        presence=presence,
        features=features,
        column=column,
        index=_Index(presence.tocsc(), column),
        wordings=_Wordings(table, codes, positions),
    )


def _phrases(codes: np.ndarray, table: StemTable) -> list[Phrase]:
    """The phrase of each code (``_code``), decoded in bulk."""
    n_stems = len(table.stems)
    pair = codes >= n_stems
    first, second = np.divmod(codes - n_stems, n_stems)
    firsts = np.where(pair, first, codes).tolist()
    seconds = np.where(pair, second, -1).tolist()
    stems = table.stems
    return [
        (stems[a], stems[b]) if b >= 0 else (stems[a],)
        for a, b in zip(firsts, seconds, strict=True)
    ]


def _feature_counts(
    codes: np.ndarray, texts: np.ndarray, n_texts: int, table: StemTable
) -> tuple[csr_matrix, np.ndarray, tuple[Phrase, ...]]:
    """Counts of the phrases in two or more texts, exactly as CountVectorizer(min_df=2) stores
    them (columns in key order, each row's entries in order of first appearance), and the
    phrase code and the phrase of each column."""
    if not len(codes):
        return csr_matrix((n_texts, 0)), np.zeros(0, dtype=np.int64), ()
    distinct, first, inverse = np.unique(codes, return_index=True, return_inverse=True)
    entries, per_entry = np.unique(texts * len(distinct) + inverse, return_counts=True)
    rows, phrases = np.divmod(entries, len(distinct))
    recurring = np.flatnonzero(np.bincount(phrases, minlength=len(distinct)) >= 2)
    recurring_phrases = _phrases(distinct[recurring], table)
    keys = [" ".join(phrase) for phrase in recurring_phrases]
    by_key = sorted(range(len(keys)), key=keys.__getitem__)
    column_of = np.full(len(distinct), -1, dtype=np.int64)
    column_of[recurring[by_key]] = np.arange(len(by_key))
    keep = column_of[phrases] >= 0
    rows, phrases, per_entry = rows[keep], phrases[keep], per_entry[keep]
    order = np.lexsort((first[phrases], rows))
    indptr = np.zeros(n_texts + 1, dtype=np.int64)
    indptr[1:] = np.cumsum(np.bincount(rows, minlength=n_texts))
    counts = csr_matrix(
        (per_entry[order].astype(np.float64), column_of[phrases[order]], indptr),
        shape=(n_texts, len(by_key)),
    )
    return counts, distinct[recurring[by_key]], tuple(recurring_phrases[i] for i in by_key)


def _presence(
    codes: np.ndarray, texts: np.ndarray, feature_codes: np.ndarray, n_texts: int
) -> csr_matrix:
    """Texts x features: 1 where one of the text's phrases (``codes``) is the feature."""
    if not len(feature_codes):
        return csr_matrix((n_texts, 0))
    sorted_codes = np.argsort(feature_codes)
    where = np.minimum(np.searchsorted(feature_codes[sorted_codes], codes), len(feature_codes) - 1)
    found = feature_codes[sorted_codes][where] == codes
    columns = sorted_codes[where[found]]
    presence = csr_matrix(
        (np.ones(int(found.sum())), (texts[found], columns)),
        shape=(n_texts, len(feature_codes)),
    )
    presence.sum_duplicates()
    presence.data[:] = 1.0
    return presence


# --- clustering ------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Vectors:
    """TF-IDF of recurring phrases: all of them for scoring, the story-subject-free ones for
    clustering (rows renormalised)."""

    scoring: csr_matrix
    clustering: csr_matrix
    topical: np.ndarray  # bool per feature: kept for clustering


def _vectorize(corpus: _Corpus) -> _Vectors | None:
    """TF-IDF over phrases seen in two or more sentences, or None when no phrase recurs."""
    if not corpus.features:
        return None
    counts = corpus.counts.copy()
    # What TfidfVectorizer(min_df=2, sublinear_tf=True) computes from these counts, bit for bit.
    weighting = TfidfTransformer(sublinear_tf=True).fit(counts)
    scoring = csr_matrix(weighting.transform(counts, copy=False))
    document_frequency = np.asarray((scoring > 0).sum(axis=0)).ravel()
    ceiling = max(MIN_CLUSTER_SIZE, math.ceil(MAX_PHRASE_SHARE * scoring.shape[0]))
    topical = np.flatnonzero(document_frequency <= ceiling)
    covered = np.count_nonzero(scoring[:, topical].getnnz(axis=1))
    if covered < MIN_TOPICAL_COVERAGE * scoring.shape[0]:
        # Too few sentences left to group (a short text where each theme spans a large share):
        # cluster on every recurring phrase instead.
        topical = np.arange(scoring.shape[1])
    clustering = csr_matrix(normalize(scoring[:, topical]))
    kept = np.zeros(scoring.shape[1], dtype=bool)
    kept[topical] = True
    return _Vectors(scoring, clustering, kept)


def _candidate_ks(points: csr_matrix, min_themes: int, max_themes: int) -> range:
    """Cluster counts worth trying: within the bounds, two distinct points per cluster or more."""
    # Each row as the bytes of its columns and rounded weights, read straight from the CSR
    # arrays: equal bytes, equal rows (weights are positive, so no -0.0 or NaN).
    columns = points.indices.astype(np.int64).tobytes()
    weights = np.round(points.data, 9).tobytes()
    bounds = (points.indptr.astype(np.int64) * 8).tolist()  # 8 bytes per column and per weight
    distinct = len({(columns[a:b], weights[a:b]) for a, b in pairwise(bounds)})
    upper = min(max_themes, distinct // MIN_CLUSTER_SIZE, points.shape[1])
    lower = max(2, min(min_themes, upper))
    return range(lower, upper + 1)


def _nmf_clusters(points: csr_matrix, k: int) -> np.ndarray:
    """Each sentence's dominant NMF topic (NNDSVDA start: deterministic)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        # Near-duplicate points can drive NMF's reported loss a hair below zero (sqrt warning);
        # the factorisation itself is fine.
        warnings.simplefilter("ignore", RuntimeWarning)
        model = NMF(n_components=k, init="nndsvda", random_state=RANDOM_STATE, max_iter=400)
        weights = model.fit_transform(points)
    return weights.argmax(axis=1)


# --- keywords and labels ---------------------------------------------------------------------


def _f1(true_hits: int, false_hits: int, size: int) -> float:
    if true_hits == 0:
        return 0.0
    precision = true_hits / (true_hits + false_hits)
    recall = true_hits / size
    return 2 * precision * recall / (precision + recall)


def _characteristic_scores(members: frozenset[int], vectors: _Vectors) -> np.ndarray:
    """Per phrase: mean TF-IDF weight inside the cluster minus mean weight outside it."""
    inside_rows = np.zeros(vectors.scoring.shape[0], dtype=bool)
    inside_rows[sorted(members)] = True
    inside = np.asarray(vectors.scoring[inside_rows].mean(axis=0)).ravel()
    outside = np.zeros_like(inside)
    if not inside_rows.all():
        outside = np.asarray(vectors.scoring[~inside_rows].mean(axis=0)).ravel()
    return inside - outside


def _keyword_pool(members: frozenset[int], corpus: _Corpus, scores: np.ndarray) -> list[Phrase]:
    """The cluster's most characteristic phrases that recur inside it, best first."""
    rows = np.array(sorted(members), dtype=np.int64)
    said_inside = corpus.counts[rows].getnnz(axis=0) > 0  # a member has it as a content phrase
    recurring = corpus.presence[rows].getnnz(axis=0) >= MIN_CLUSTER_SIZE
    candidates = np.flatnonzero(said_inside & recurring & (scores > 0)).tolist()
    score = scores.tolist()
    candidates.sort(key=lambda c: (-score[c], corpus.features[c]))
    return [corpus.features[c] for c in candidates[:KEYWORD_POOL]]


def _without_redundant_words(pool: Sequence[Phrase], corpus: _Corpus) -> list[Phrase]:
    """Drop a word when a phrase containing it matches the same sentences: the phrase reads
    better ("Red Cross" rather than "Cross")."""
    pairs = [p for p in pool if len(p) == 2]
    return [
        phrase
        for phrase in pool
        if len(phrase) == 2
        or not any(phrase[0] in p and corpus.index[p] == corpus.index[phrase] for p in pairs)
    ]


def _select_keywords(
    members: frozenset[int], corpus: _Corpus, pool: Sequence[Phrase]
) -> list[Phrase]:
    """Greedily add the phrase that most improves the F1 of keyword matching on the cluster,
    then pad up to the minimum count."""
    chosen: list[Phrase] = []
    hit_in: set[int] = set()
    hit_out: set[int] = set()
    current = 0.0
    readable = _without_redundant_words(pool, corpus)
    while len(chosen) < MAX_KEYWORDS:
        best: tuple[tuple[float, int, int], Phrase] | None = None
        for rank, phrase in enumerate(readable):
            if phrase in chosen:
                continue
            hits = corpus.index[phrase]
            new_in = len((hits & members) - hit_in)
            new_out = len(hits - members - hit_out)
            score = _f1(len(hit_in) + new_in, len(hit_out) + new_out, len(members))
            key = (score, -new_out, -rank)
            if new_in and (best is None or key > best[0]):
                best = (key, phrase)
        if best is None or best[0][0] <= current:
            break
        chosen.append(best[1])
        hit_in |= corpus.index[best[1]] & members
        hit_out |= corpus.index[best[1]] - members
        current = best[0][0]
    return _padded(members, corpus, pool, chosen, hit_out)


def _padded(
    members: frozenset[int],
    corpus: _Corpus,
    pool: Sequence[Phrase],
    chosen: list[Phrase],
    hit_out: set[int],
) -> list[Phrase]:
    """Keywords up to the minimum: first ones adding no stray match (new words before repeats),
    then others while the keywords stay distinctive."""
    keywords = list(chosen)
    used_stems = {word_stem for phrase in chosen for word_stem in phrase}

    def tier(phrase: Phrase) -> int:
        harmless = corpus.index[phrase] - members <= hit_out
        return (0 if harmless else 2) + bool(set(phrase) & used_stems)

    for phrase in sorted((p for p in pool if p not in chosen), key=tier):  # stable: pool order
        if len(keywords) >= MIN_KEYWORDS:
            break
        if _precision(members, corpus, [*keywords, phrase]) >= MIN_KEYWORD_PRECISION:
            keywords.append(phrase)
    return keywords


def _precision(members: frozenset[int], corpus: _Corpus, keywords: Sequence[Phrase]) -> float:
    """Share of the sentences these keywords match that are members of the cluster."""
    hits = frozenset().union(*(corpus.index[phrase] for phrase in keywords))
    return len(hits & members) / len(hits) if hits else 0.0


def _label_phrase(
    pool: Sequence[Phrase],
    corpus: _Corpus,
    vectors: _Vectors,
    scores: np.ndarray,
    taken: set[Phrase],
) -> Phrase | None:
    """The most characteristic phrase not yet used as a label, preferring a two-word one and
    one that is not the whole story's subject."""
    free = [phrase for phrase in pool if phrase not in taken]
    free = [p for p in free if vectors.topical[corpus.column[p]]] or free
    if not free:
        return None
    best_score = scores[corpus.column[free[0]]]
    pairs = [p for p in free if len(p) == 2]
    if pairs and scores[corpus.column[pairs[0]]] >= BIGRAM_LABEL_RATIO * best_score:
        return pairs[0]
    return free[0]


def _title_case(wording: str) -> str:
    """Capitalise each word's first letter, keeping acronyms and inner capitals as written."""
    return " ".join(word[:1].upper() + word[1:] for word in wording.split())


def _slug(label: str, taken: set[str]) -> str:
    """A unique lowercase slug for the label, e.g. "drone-technology"."""
    base = re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-") or "theme"
    slug, counter = base, 2
    while slug in taken:
        slug, counter = f"{base}-{counter}", counter + 1
    taken.add(slug)
    return slug


# --- themes ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Cluster:
    members: frozenset[int]  # positions in _Corpus.sentences
    theme: Theme


@dataclass(frozen=True)
class _Discovery:
    corpus: _Corpus
    clusters: tuple[_Cluster, ...]
    k: int = 0
    dropped: int = 0
    tried: tuple[int, ...] = ()
    total: int = 0  # sentences given, when the corpus is a sample of them (discovery_sample)


@dataclass
class _Draft:
    """A cluster on its way to a Theme: keywords may still be tuned against the others."""

    members: frozenset[int]
    label: str
    pool: list[Phrase]  # the phrases keywords may be drawn from
    keywords: list[Phrase]


def _draft_for(
    members: frozenset[int], corpus: _Corpus, vectors: _Vectors, taken_labels: set[Phrase]
) -> _Draft | None:
    """A draft theme for one cluster, or None when it is tiny or its keywords not distinctive."""
    if len(members) < MIN_CLUSTER_SIZE:
        return None
    scores = _characteristic_scores(members, vectors)
    # Only phrases whose wording the matcher reads back as the same stems can be keywords.
    pool = [p for p in _keyword_pool(members, corpus, scores) if stems(corpus.wordings[p]) == p]
    keywords = _select_keywords(members, corpus, pool)
    if len(keywords) < MIN_KEYWORDS:
        return None
    if _precision(members, corpus, keywords) < MIN_KEYWORD_PRECISION:
        return None
    label_phrase = _label_phrase(pool, corpus, vectors, scores, taken_labels)
    if label_phrase is None:
        return None
    taken_labels.add(label_phrase)
    label = _title_case(corpus.wordings[label_phrase])
    if len(label_phrase) == 1:
        # One word rarely names a topic ("Million", "British"); the next most characteristic
        # phrase of the cluster, with no word in common, usually makes it recognisable.
        companion = next(
            (
                p
                for p in pool
                if not set(p) & set(label_phrase)
                and corpus.wordings[p].lower() not in label.lower()
                and label.lower() not in corpus.wordings[p].lower()
            ),
            None,
        )
        if companion is not None:
            label = f"{label}, {_title_case(corpus.wordings[companion])}"
    return _Draft(members, label, pool, keywords)


def _tune_keywords(drafts: Sequence[_Draft], corpus: _Corpus) -> None:
    """Add or drop keywords while that files more sentences under their own cluster's theme.

    Each cluster's keywords were chosen alone; here they compete as the briefing uses them
    (most keyword hits wins, ties go to the earlier theme).
    """
    if not drafts:
        return
    size = len(corpus.sentences)
    expected = np.full(size, -1)
    for position, draft in enumerate(drafts):
        expected[sorted(draft.members)] = position

    def hit_vector(phrase: Phrase) -> np.ndarray:
        vector = np.zeros(size, dtype=int)
        vector[sorted(corpus.index[phrase])] = 1
        return vector

    def fitting(counts: np.ndarray, expected: np.ndarray) -> int:
        best = np.where(counts.max(axis=0) > 0, counts.argmax(axis=0), -1)
        return int((best == expected).sum())

    counts = np.array([sum(hit_vector(p) for p in d.keywords) for d in drafts]).reshape(-1, size)
    current = fitting(counts, expected)
    for _round in range(4):  # each round only ever raises the count, so this settles quickly
        before = current
        for position, draft in enumerate(drafts):
            for phrase in [*reversed(draft.keywords), *draft.pool]:
                removing = phrase in draft.keywords
                if removing and len(draft.keywords) <= MIN_KEYWORDS:
                    continue
                if not removing and len(draft.keywords) >= MAX_KEYWORDS:
                    continue
                # Only the sentences the phrase matches can change their theme: refit just them.
                columns = np.array(sorted(corpus.index[phrase]), dtype=np.int64)
                before_change = counts[:, columns]
                trial = before_change.copy()
                trial[position] += -1 if removing else 1
                wanted = expected[columns]
                change = fitting(trial, wanted) - fitting(before_change, wanted)
                if change > 0:
                    counts[:, columns] = trial
                    current += change
                    if removing:
                        draft.keywords.remove(phrase)
                    else:
                        draft.keywords.append(phrase)
        if current == before:
            break


def _theme_from(draft: _Draft, corpus: _Corpus, taken_slugs: set[str]) -> Theme:
    # Most characteristic first (the pool's order), so the description names the core.
    ranked = sorted(draft.keywords, key=draft.pool.index)
    keyword_texts = tuple(corpus.wordings[phrase] for phrase in ranked)
    about = ", ".join(keyword_texts[:3])
    return Theme(
        id=_slug(draft.label, taken_slugs),
        label=draft.label,
        keywords=keyword_texts,
        description=f"Sentences about {about} (found automatically)",
    )


def _clusters_for(
    assignment: np.ndarray, rows: Sequence[int], corpus: _Corpus, vectors: _Vectors
) -> tuple[list[_Cluster], int]:
    """Themes for each cluster, largest first; also how many clusters were dropped."""
    groups: dict[int, set[int]] = {}
    for row, group in zip(rows, assignment.tolist(), strict=True):
        groups.setdefault(group, set()).add(row)
    ordered = sorted((frozenset(g) for g in groups.values()), key=lambda g: (-len(g), min(g)))
    taken_labels: set[Phrase] = set()
    drafts = [_draft_for(members, corpus, vectors, taken_labels) for members in ordered]
    kept = [draft for draft in drafts if draft is not None]
    _tune_keywords(kept, corpus)
    taken_slugs = {OTHER_ID}  # reserved for the briefing's "Other reporting" row
    clusters = [_Cluster(d.members, _theme_from(d, corpus, taken_slugs)) for d in kept]
    return clusters, len(ordered) - len(clusters)


def _discover(corpus: _Corpus, min_themes: int, max_themes: int, fork: bool = False) -> _Discovery:
    """Cluster for each candidate count; keep the best silhouette that yields enough themes."""
    # One BLAS/OpenMP thread: NMF's products are small, and on a busy machine (the per-article
    # workers run meanwhile) spinning helper threads doubled its CPU time for no gain in speed.
    with threadpool_limits(limits=1):
        return _discover_in_one_thread(corpus, min_themes, max_themes, fork)


def _discover_in_one_thread(
    corpus: _Corpus, min_themes: int, max_themes: int, fork: bool = False
) -> _Discovery:
    vectors = _vectorize(corpus)
    if vectors is None:
        return _Discovery(corpus, ())
    rows = np.flatnonzero(vectors.clustering.getnnz(axis=1)).tolist()
    points = vectors.clustering[rows]
    ks = _candidate_ks(points, min_themes, max_themes)
    measured = _silhouette_rows(points.shape[0])
    # The sampled sentences' distances are the same for every k: computed once, and before a
    # fork, so that the forked process has them too.
    distances = (
        pairwise_distances(points if measured is None else points[measured], metric="cosine")
        if len(ks)
        else None
    )

    def trial(k: int) -> tuple[float, int, np.ndarray] | None:
        """The clustering into k groups and its silhouette (None: fewer than two groups)."""
        assignment = _nmf_clusters(points, k)
        if len(set(assignment.tolist())) < 2:
            return None
        labels = assignment if measured is None else assignment[measured]
        quality = float(silhouette_score(distances, labels, metric="precomputed"))
        return (round(quality, 9), k, assignment)

    # Each k is fitted on its own: with ``fork``, every other k in a forked process.
    with started_aside(lambda: [trial(k) for k in ks[1::2]], fork) as aside:
        found = [trial(k) for k in ks[0::2]]
        found += aside()
    trials = [each for each in found if each is not None]
    trials.sort(key=lambda trial: (-trial[0], trial[1]))
    best = _Discovery(corpus, ())
    for _quality, k, assignment in trials:
        clusters, dropped = _clusters_for(assignment, rows, corpus, vectors)
        found = _Discovery(corpus, tuple(clusters), k, dropped, tuple(ks))
        if len(clusters) >= min(min_themes, ks[-1]):
            return found
        if len(clusters) > len(best.clusters):
            best = found
    return best


def _silhouette_rows(count: int) -> np.ndarray | None:
    """The rows a clustering's silhouette is measured on: None for all of them, or, above
    SILHOUETTE_SAMPLE (exact silhouette is quadratic in the sentences), the fixed random sample
    ``silhouette_score(sample_size=..., random_state=RANDOM_STATE)`` would draw."""
    if count <= SILHOUETTE_SAMPLE:
        return None
    return np.random.RandomState(RANDOM_STATE).permutation(count)[:SILHOUETTE_SAMPLE]


@dataclass(frozen=True)
class _Sample:
    """The sentences discovery reads, in canonical order; their words too, when known."""

    sentences: tuple[Sentence, ...]
    table: StemTable | None = field(default=None, compare=False, hash=False)
    fork: bool = field(default=False, compare=False, hash=False)  # the result is the same


@lru_cache(maxsize=8)  # discover_themes then keyword_fit on the same sentences cluster once
def _cached_discovery(sample: _Sample, min_themes: int, max_themes: int) -> _Discovery:
    corpus = _canonical_corpus(sample.sentences, sample.table)
    return _discover(corpus, min_themes, max_themes, sample.fork)


def _discovery(
    sentences: Sequence[Sentence],
    min_themes: int,
    max_themes: int,
    table: StemTable | None = None,
    fork: bool = False,
) -> _Discovery:
    # Canonical order first, so the cache and the result ignore the caller's ordering.
    canonical = tuple(sorted({s for s in sentences if s.furniture is None}, key=_sort_key))
    sample = discovery_sample(canonical)
    words = None
    if table is not None and len(table) == len(sentences):
        row = {sentence: position for position, sentence in enumerate(sentences)}
        words = table.subset([row[sentence] for sentence in sample])
    found = _cached_discovery(_Sample(sample, words, fork), min_themes, max_themes)
    return replace(found, total=len(canonical)) if len(sample) < len(canonical) else found


def discovery_sample(sentences: Sequence[Sentence]) -> tuple[Sentence, ...]:
    """At most MAX_DISCOVERY_SENTENCES of ``sentences``, evenly spread over them (every k-th).

    Themes are what many sentences share, so a large run's sample finds the same ones; keyword
    matching then files every sentence. This bounds discovery's time and memory on a large run.
    """
    if len(sentences) <= MAX_DISCOVERY_SENTENCES:
        return tuple(sentences)
    step = len(sentences) / MAX_DISCOVERY_SENTENCES
    return tuple(sentences[int(k * step)] for k in range(MAX_DISCOVERY_SENTENCES))


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def _note(discovery: _Discovery) -> str:
    """How many themes were found and how the number was chosen, in one or two sentences."""
    corpus = discovery.corpus
    counted = (
        f"{_count(len(corpus.sentences), 'sentence')} from "
        f"{_count(len({sentence.source for sentence in corpus.sentences}), 'source')}"
    )
    if discovery.total > len(corpus.sentences):
        counted = f"an even sample of {counted} (of {discovery.total} sentences)"
    if not discovery.clusters:
        return f"No themes found automatically: {counted} share too little vocabulary to group."
    tried = discovery.tried
    chosen = (
        "the only count the data allow"
        if len(tried) == 1
        else f"the count among {tried[0]}-{tried[-1]} with the best silhouette score"
    )
    dropped = (
        f"; {_count(discovery.dropped, 'group')} too small or indistinct dropped"
        if discovery.dropped
        else ""
    )
    return (
        f"{_count(len(discovery.clusters), 'theme')} found automatically: {counted} grouped by "
        f"topic (NMF over TF-IDF) into {discovery.k} groups, {chosen}{dropped}."
    )


def discover_themes(
    sentences: Sequence[Sentence],
    *,
    min_themes: int = 3,
    max_themes: int = 8,
    table: StemTable | None = None,
    fork: bool = False,
) -> ThemeSet:
    """Cluster the sources' content sentences into themes with labels and matching keywords.

    ``table``: ``StemTable.of`` the sentences' texts in their order, if the caller has it (saves
    tokenising them again). ``fork``: fit half of the candidate cluster counts in a forked
    process (the result is the same)."""
    discovery = _discovery(sentences, min_themes, max_themes, table, fork)
    themes = tuple(cluster.theme for cluster in discovery.clusters)
    return ThemeSet(themes=themes, origin="auto", note=_note(discovery))


# --- fit and export --------------------------------------------------------------------------


def keyword_fit(
    sentences: Sequence[Sentence],
    theme_set: ThemeSet,
    *,
    min_themes: int = 3,
    max_themes: int = 8,
) -> float:
    """Share of sentences that keyword matching files under the theme of their cluster.

    A sentence in no kept cluster fits when no keyword matches it. The clusters are recomputed
    (cached), so pass the bounds the themes were discovered with.
    """
    discovery = _discovery(sentences, min_themes, max_themes)
    corpus = discovery.corpus
    if not corpus.sentences:
        return 1.0
    expected = {m: cluster.theme.id for cluster in discovery.clusters for m in cluster.members}
    fitting = sum(
        best_theme(match_themes(sentence.text, theme_set), theme_set) == expected.get(position)
        for position, sentence in enumerate(corpus.sentences)
    )
    return fitting / len(corpus.sentences)


_TOML_ESCAPES = {
    '"': '\\"',
    "\\": "\\\\",
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\f": "\\f",
    "\r": "\\r",
}


def _toml_string(text: str) -> str:
    """A TOML basic string: quotes, backslashes and control characters escaped."""
    escaped = []
    for char in text:
        if char in _TOML_ESCAPES:
            escaped.append(_TOML_ESCAPES[char])
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            escaped.append(f"\\u{ord(char):04X}")
        else:
            escaped.append(char)
    return '"' + "".join(escaped) + '"'


def themes_to_toml(theme_set: ThemeSet) -> str:
    """The themes as an editable TOML file (the format ``--themes FILE`` reads)."""
    lines = [
        "# Themes proposed automatically by `summarizer` from the articles' own wording.",
        "# Edit freely: rename labels, add or remove keywords, merge or delete themes, then pass",
        "# this file with --themes FILE. A sentence joins every theme with a matching keyword.",
    ]
    lines += [f"# {line}" for line in textwrap.wrap(theme_set.note, width=98)]
    for theme in theme_set.themes:
        keywords = ", ".join(_toml_string(keyword) for keyword in theme.keywords)
        lines += [
            "",
            "[[theme]]",
            f"id = {_toml_string(theme.id)}",
            f"label = {_toml_string(theme.label)}",
            f"description = {_toml_string(theme.description)}",
            f"keywords = [{keywords}]",
        ]
    return "\n".join(lines) + "\n"
