"""The cross-source digest ("The story in brief"): salient, non-redundant sentences across sources.

How a sentence is chosen, in order:

1. Candidates: content sentences that read as a claim. Very short lines, questions, quote-only
   fragments and lines that are mostly a dateline or an attribution are set aside (they are used
   only if nothing else is left); furniture (captions, headlines, bylines) never enters.
2. Features, each computed in bulk over the run and only when the model asks for it
   (``FEATURES``): position in the article (the lead prior of inverted-pyramid news),
   cross-source and within-source centrality (LexRank power iterations over the sparse TF-IDF
   matrix), similarity to the other outlets' text (support) and to its own, the best match in
   another outlet (echo), the centrality of each outlet's lead, and text features (length,
   names, numbers, quoted and attribution share, cut off, anaphoric opener).
3. Salience: a small linear model over some of those features (``SelectorModel``), shipped as
   ``data/digest_selector.toml`` and trained by ``bench/train_selector.py`` (logistic
   regression on greedy ROUGE-2 oracle labels, cross-validated by story). Only numpy runs here.
4. Selection: maximal marginal relevance (MMR) against what is already chosen, plus a hard
   similarity ceiling so the same claim from two outlets appears once, greedily within the word
   budget; a sentence that leans on the one before it only after that one. The per-article rank
   from ``--algorithm`` only breaks exact ties.
5. Order: by position in the source (every outlet's lead first), then report date, then input
   order; a leaning sentence right after the one it leans on.
"""

from __future__ import annotations

import hashlib
import math
import re
import tomllib
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache, cached_property
from importlib import resources
from typing import Any

import numpy as np
from scipy.sparse import csr_matrix

from . import lang
from .models import Sentence
from .segment import word_tokens, word_tuple
from .vectors import BLOCK_ENTRIES, SentenceVectors, TermCounts, stop_words

DEFAULT_WORD_BUDGET = 120

# Sentences shorter than this are headlines, captions or fragments, not claims.
MIN_WORDS = 6
# PageRank damping (Brin & Page; Erkan & Radev use the same for LexRank).
DAMPING = 0.85
# Edges between sentences from different sources count this many times an in-source edge.
CROSS_SOURCE_WEIGHT = 2.0
# MMR relevance/novelty trade-off (Carbonell & Goldstein suggest about 0.7 for summaries).
MMR_LAMBDA = 0.7
# Cosine similarity above which two sentences are taken to make the same claim.
REDUNDANCY_CEILING = 0.5

_QUOTE_OPEN = "\"“«„'‘"
_QUOTE_CLOSE = "\"”»'’"
# The file the shipped selector model is read from (under summarizer/data/).
MODEL_FILE = "digest_selector.toml"
_WORDLIKE = re.compile(r"[^\W\d_]", re.UNICODE)


@dataclass(frozen=True)
class Candidate:
    """A sentence with what selection needs: its source order, position, rank and length."""

    sentence: Sentence
    source_order: int  # position of its source among the inputs
    position: int  # position among its source's candidates (0 = the source's first claim)
    rank_score: float  # per-article rank scaled to [0, 1], 1 = best
    words: int


def make_digest(
    content: Mapping[str, Sequence[Sentence]],
    ranks: Mapping[str, Mapping[int, int]],
    *,
    word_budget: int = DEFAULT_WORD_BUDGET,
    vectors: SentenceVectors | None = None,
    model: SelectorModel | None = None,
    dates: Mapping[str, str | None] | None = None,
    cues: Mapping[tuple[str, int], ClaimCue] | None = None,
) -> tuple[Sentence, ...]:
    """Pick salient, non-redundant sentences across sources within ``word_budget`` words.

    ``vectors`` (of every content sentence) saves tokenising the candidates again; the TF-IDF
    weights are still counted over the candidates alone. ``model``: the selector (default: the
    one set by ``selector_model``, else the shipped one). ``dates``: each source's ISO date,
    which orders sentences of equal position (earlier reports first). ``cues``: the sentences'
    ``claim_cue`` by (source, index), when the per-article stage computed them already.
    """
    candidates, matrix = candidate_matrix(content, ranks, vectors, cues)
    if not candidates or word_budget <= 0:
        return ()
    model = model or _ACTIVE_MODEL.get() or shipped_model()
    scores = model.score(candidate_features(candidates, matrix, model.features))
    return digest_of_scores(candidates, matrix, scores, word_budget, dates)


def digest_of_scores(
    candidates: Sequence[Candidate],
    matrix: csr_matrix,
    scores: np.ndarray,
    word_budget: int,
    dates: Mapping[str, str | None] | None = None,
) -> tuple[Sentence, ...]:
    """Selection and order for given salience scores (higher: better), as ``make_digest`` does.

    Public so that ``bench/replay_selector.py`` can score other selectors on cached candidates.
    """
    if not candidates or word_budget <= 0:
        return ()
    chosen = _select(candidates, matrix, percentiles(scores), word_budget)
    return _readable_order([candidates[i] for i in chosen], dates or {})


def candidate_matrix(
    content: Mapping[str, Sequence[Sentence]],
    ranks: Mapping[str, Mapping[int, int]],
    vectors: SentenceVectors | None = None,
    cues: Mapping[tuple[str, int], ClaimCue] | None = None,
) -> tuple[list[Candidate], csr_matrix]:
    """The claim candidates and their L2-normalised TF-IDF rows (idf over the candidates).

    ``cues``: ``claim_cue`` of some sentences by (source, index), already computed elsewhere.
    """
    candidates = claim_candidates(content, ranks, cues)
    sentences = [c.sentence for c in candidates]
    if vectors is not None and all((s.source, s.index) in vectors.row for s in sentences):
        return candidates, vectors.counts.tfidf(vectors.rows(sentences))
    return candidates, TermCounts.of([s.text for s in sentences]).tfidf()


@dataclass(frozen=True, slots=True)
class ClaimCue:
    """What candidate selection asks of one sentence alone (``claim_cue``): the per-article
    stage computes it in the worker processes, so the main process only combines them."""

    key: bytes  # digest of the lower-cased words (b"" without words): trivial copies share it
    words: int  # len(word_tokens(text))
    claim: bool  # is_claim(text)


def claim_cue(text: str) -> ClaimCue:
    """The ``ClaimCue`` of a sentence's text."""
    words = word_tuple(text)  # remembered since ranking: not copied
    key = _normalised_text(text, words)
    # A 128-bit digest stands for the words: as exact as the text for telling copies apart, and
    # small to hold and to send from a worker.
    digest = hashlib.blake2b(key.encode(), digest_size=16).digest() if key else b""
    return ClaimCue(digest, len(words), is_claim(text, words))


def claim_candidates(
    content: Mapping[str, Sequence[Sentence]],
    ranks: Mapping[str, Mapping[int, int]],
    cues: Mapping[tuple[str, int], ClaimCue] | None = None,
) -> list[Candidate]:
    """Every distinct sentence that reads as a claim; all distinct sentences if none does.

    ``cues``: ``claim_cue`` of some sentences by (source, index); the others are computed here.
    """
    everything: list[tuple[int, Sentence, float, ClaimCue]] = []
    seen_keys: set[bytes] = set()
    known = cues or {}
    for source_order, (source, sentences) in enumerate(content.items()):
        source_ranks = ranks.get(source, {})
        for sentence in sentences:
            if sentence.furniture is not None:
                continue
            cue = known.get((sentence.source, sentence.index)) or claim_cue(sentence.text)
            # A word-for-word copy is one origin relayed twice (wire copy), not independent echo,
            # so it neither appears twice nor adds to its own centrality.
            if not cue.key or cue.key in seen_keys:
                continue
            seen_keys.add(cue.key)
            rank_score = _rank_score(source_ranks.get(sentence.index), len(sentences))
            everything.append((source_order, sentence, rank_score, cue))
    claims = [item for item in everything if item[3].claim]
    return _with_positions(claims or everything)


def _with_positions(items: Sequence[tuple[int, Sentence, float, ClaimCue]]) -> list[Candidate]:
    """Number each source's candidates from 0, so a skipped headline does not demote the lead."""
    next_position: dict[int, int] = {}
    candidates = []
    for source_order, sentence, rank_score, cue in items:
        position = next_position.get(source_order, 0)
        next_position[source_order] = position + 1
        candidates.append(Candidate(sentence, source_order, position, rank_score, cue.words))
    return candidates


def _normalised_text(text: str, words: Sequence[str] | None = None) -> str:
    """Lower-cased words only, so trivially different copies of a sentence compare equal."""
    # Lower-casing the joined words equals lower-casing each: its one contextual rule (final
    # sigma) reads only letters, and a space separates the words.
    return " ".join(word_tokens(text) if words is None else words).lower()


def _rank_score(rank: int | None, count: int) -> float:
    """Rank 1 -> 1.0, falling linearly to 1/count for the last; unranked -> 0."""
    if rank is None or rank < 1 or count <= 0:
        return 0.0
    return max(0.0, (count - rank + 1) / count)


def is_claim(text: str, words: Sequence[str] | None = None) -> bool:
    """True unless the sentence is short, a question, a bare quote, or dateline/attribution only.

    ``words``: ``word_tokens(text)``, when the caller already has them.
    """
    words = word_tokens(text) if words is None else words
    if len(words) < MIN_WORDS:
        return False
    stripped = text.rstrip().rstrip(_QUOTE_CLOSE + ")]").rstrip()
    if stripped.endswith("?"):
        return False
    if quoted_share(text) >= 0.8:
        return False
    return _has_content_word_outside_attribution(words)


_QUOTE_MARK = re.compile("[" + re.escape(_QUOTE_OPEN + _QUOTE_CLOSE) + "]")


def quoted_share(text: str) -> float:
    """Share of word characters inside quotation marks (an unclosed quote runs to the end)."""
    # One regex pass per stretch between quote marks instead of a Python step per character.
    marks = [mark.start() for mark in _QUOTE_MARK.finditer(text)]
    if not marks:
        return 0.0  # most sentences: nothing is quoted, whatever the letters
    marks = [index for index in marks if not _is_apostrophe(text, index)]
    if not marks:
        return 0.0  # apostrophes only ("Kim's", "don't"): nothing is quoted either
    inside = False
    quoted = total = 0
    stretch_start = 0
    first_mark = ""
    for index in marks:
        letters = len(_WORDLIKE.findall(text, stretch_start, index))
        total += letters
        quoted += letters if inside else 0
        inside = not inside
        stretch_start = index + 1
        first_mark = first_mark or text[index]
    letters = len(_WORDLIKE.findall(text, stretch_start))
    total += letters
    quoted += letters if inside else 0
    # A fragment that only *closes* a quote ("...he said.") reads the same as one that opens it.
    if total and first_mark and first_mark in "”»":
        quoted = total - quoted
    return quoted / total if total else 0.0


def _is_apostrophe(text: str, index: int) -> bool:
    """A single quote between two letters (don't, O'Neill) is an apostrophe, not a quote mark."""
    if text[index] not in "'’":
        return False
    before = text[index - 1] if index > 0 else " "
    after = text[index + 1] if index + 1 < len(text) else " "
    # "troops’ families": a possessive plural also ends a word with an apostrophe.
    return before.isalpha() and (after.isalpha() or (before in "sS" and not after.isalnum()))


@cache
def attribution_words() -> frozenset[str]:
    """Words that only say who reported what, or when (attribution, weekday, month, time words)."""
    months = lang.table("months")
    return (
        lang.words("attribution_words")
        | lang.words("weekdays")
        | lang.words("weekday_abbreviations")
        | lang.words("relative_time_words")
        | frozenset(months["names"])
        | frozenset(months["abbreviations"])
    )


def _has_content_word_outside_attribution(words: Sequence[str]) -> bool:
    """Whether a lower-case content word is not attribution or date vocabulary."""
    stops, attributing = stop_words(), attribution_words()
    for position, word in enumerate(words):
        # Capitalised words after the first are names (of outlets, agencies, people).
        if not word.isalpha() or (position > 0 and word[0].isupper()):
            continue
        lowered = word.lower()
        if lowered not in stops and lowered not in attributing:
            return True
    return False


_TERMINAL = ".!?…"
_FIRST_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


# The selector's computed features, registered by ``_feature`` in definition order.
_COMPUTED_FEATURES: list[str] = []


def _feature(method: Callable[[_FeatureTable], np.ndarray]) -> cached_property[np.ndarray]:
    """Make a ``_FeatureTable`` method a feature column named after it (its docstring says what)."""
    _COMPUTED_FEATURES.append(method.__name__)
    return cached_property(method)


class _FeatureTable:
    """The features of one run's candidates, each computed once, on demand."""

    def __init__(self, candidates: Sequence[Candidate], matrix: csr_matrix) -> None:
        self.candidates = candidates
        self.matrix = matrix
        self.positions = np.array([c.position for c in candidates], dtype=float)
        self.sources = np.array([c.source_order for c in candidates], dtype=np.int64)

    def column(self, name: str) -> np.ndarray:
        if name not in FEATURES:
            raise ValueError(f"unknown digest feature {name!r}")
        if name in _TEXT_FEATURES:
            return self.text_features[:, _TEXT_FEATURES.index(name)]
        return getattr(self, name)

    @cached_property
    def per_source(self) -> np.ndarray:
        return np.bincount(self.sources)[self.sources].astype(float)

    @cached_property
    def within(self) -> csr_matrix:
        return _within_source_similarity(self.sources, self.matrix)

    @cached_property
    def similarity_sums(self) -> tuple[np.ndarray, np.ndarray]:
        """Each candidate's summed cosine to the other candidates of its source, and of others."""
        matrix = self.matrix
        within = self.within
        diagonal = np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel()
        everything = np.asarray(matrix @ np.asarray(matrix.sum(axis=0)).ravel()).ravel()
        own = np.asarray(within.sum(axis=1)).ravel() - diagonal
        return own, everything - own - diagonal

    @_feature
    def lead(self) -> np.ndarray:
        """Percentile of the position among the source's candidates (first = 1)."""
        return percentiles(-self.positions)

    @_feature
    def first_claim(self) -> np.ndarray:
        """1 for a source's first claim."""
        return (self.positions == 0).astype(float)

    @_feature
    def relative_position(self) -> np.ndarray:
        """Position / (the source's candidates - 1): 0 first, 1 last."""
        spread = np.maximum(self.per_source - 1, 1)
        return np.where(self.per_source > 1, self.positions / spread, 0.0)

    @_feature
    def centrality(self) -> np.ndarray:
        """Percentile of cross-source LexRank (cross-source edges count double)."""
        return percentiles(sentence_centrality(self.candidates, self.matrix, self.within))

    @_feature
    def centrality_within(self) -> np.ndarray:
        """Percentile of LexRank within the sentence's own source."""
        return percentiles(within_source_centrality(self.candidates, self.matrix, self.within))

    @_feature
    def support(self) -> np.ndarray:
        """Percentile of the mean cosine to the other sources' candidates."""
        return percentiles(self.support_raw)

    @_feature
    def support_raw(self) -> np.ndarray:
        """That mean cosine itself, times the number of other sources."""
        others = len(self.candidates) - self.per_source
        other_sources = len(np.unique(self.sources)) - 1
        mean_cross = np.where(others > 0, self.similarity_sums[1] / np.maximum(others, 1), 0.0)
        return mean_cross * other_sources

    @_feature
    def echo(self) -> np.ndarray:
        """The highest cosine to any one sentence of another source (another outlet's echo)."""
        return best_cross_source_similarity(self.matrix, self.sources)

    @_feature
    def own_similarity(self) -> np.ndarray:
        """Percentile of the mean cosine to the rest of its own source."""
        own = self.similarity_sums[0]
        return percentiles(
            np.where(self.per_source > 1, own / np.maximum(self.per_source - 1, 1), 0.0)
        )

    @_feature
    def lead_centrality(self) -> np.ndarray:
        """Centrality of a source's first claim, 0 past it: which outlet's lead is most central."""
        return self.first_claim * self.centrality

    @cached_property
    def text_features(self) -> np.ndarray:
        rows = [_text_features(c) for c in self.candidates]
        return np.array(rows, dtype=float).reshape(len(rows), len(_TEXT_FEATURES))


# Read from the text itself by ``_text_features``: log word count, share of numbers, share of
# capitalised words after the first (names), quoted share, attribution share, 1 when cut off
# (no terminal punctuation), 1 when the first word leans on the previous sentence (But, He, This).
_TEXT_FEATURES = (
    "length",
    "numbers",
    "names",
    "quoted",
    "attribution",
    "unterminated",
    "anaphoric_opener",
)
# Names of the selector's features, in the column order of ``candidate_features``: the computed
# ones, then those read from the text.
FEATURES = (*_COMPUTED_FEATURES, *_TEXT_FEATURES)


def candidate_features(
    candidates: Sequence[Candidate], matrix: csr_matrix, names: Sequence[str] = FEATURES
) -> np.ndarray:
    """One row per candidate, one column per feature in ``names``, computed in bulk.

    Only the features asked for are computed (the shipped model needs a few of them).
    """
    table = _FeatureTable(candidates, matrix)
    if not candidates:
        return np.zeros((0, len(names)))
    return np.column_stack([table.column(name) for name in names])


def _text_features(candidate: Candidate) -> tuple[float, ...]:
    """Length, numbers, names, quoted, attribution, unterminated, anaphoric opener."""
    text = candidate.sentence.text
    words = word_tokens(text)
    total = max(len(words), 1)
    numbers = sum(any(ch.isdigit() for ch in w) for w in words) / total
    names = sum(w[:1].isupper() for w in words[1:]) / total
    attributing = attribution_words()
    attribution = sum(w.lower() in attributing for w in words) / total
    ending = text.rstrip().rstrip(_QUOTE_CLOSE + ")]").rstrip()
    unterminated = float(not ending.endswith(tuple(_TERMINAL)))
    first = _FIRST_WORD.match(text)
    opener = float(bool(first) and first.group().lower() in lang.words("anaphoric_openers"))
    length = math.log(max(candidate.words, 1))
    return (length, numbers, names, quoted_share(text), attribution, unterminated, opener)


@dataclass(frozen=True)
class SelectorModel:
    """A linear scorer over standardised features: score = ((x - mean) / scale) . weights + bias.

    ``features`` names columns of ``candidate_features``; a model may use any subset of them.
    """

    version: str
    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    weights: tuple[float, ...]
    intercept: float = 0.0
    note: str = ""

    def __post_init__(self) -> None:
        unknown = [name for name in self.features if name not in FEATURES]
        sizes = {len(self.features), len(self.mean), len(self.scale), len(self.weights)}
        if unknown or len(sizes) != 1:
            raise ValueError(f"selector model {self.version!r} does not fit: {unknown or sizes}")

    def score(self, features: np.ndarray) -> np.ndarray:
        """The score of each row of ``candidate_features(..., self.features)`` (higher: better)."""
        standardised = (features - np.array(self.mean)) / np.array(self.scale)
        return standardised @ np.array(self.weights) + self.intercept

    @classmethod
    def unsupervised(cls) -> SelectorModel:
        """The earlier, unfitted salience: the mean of the centrality and lead percentiles."""
        return cls("unsupervised", ("centrality", "lead"), (0.0, 0.0), (1.0, 1.0), (0.5, 0.5))

    @classmethod
    def from_table(cls, table: Mapping[str, Any]) -> SelectorModel:
        """A model from its TOML table (see ``data/digest_selector.toml``)."""
        return cls(
            str(table["version"]),
            tuple(table["features"]),
            tuple(float(v) for v in table["mean"]),
            tuple(float(v) for v in table["scale"]),
            tuple(float(v) for v in table["weights"]),
            float(table.get("intercept", 0.0)),
            str(table.get("note", "")),
        )


@cache
def shipped_model() -> SelectorModel:
    """The selector model that ships with the package (read once, offline)."""
    path = resources.files("summarizer").joinpath(f"data/{MODEL_FILE}")
    return SelectorModel.from_table(tomllib.loads(path.read_text(encoding="utf-8")))


_ACTIVE_MODEL: ContextVar[SelectorModel | None] = ContextVar("digest_model", default=None)


@contextmanager
def selector_model(model: SelectorModel | None) -> Iterator[None]:
    """Within the block, digests use ``model`` (None: the shipped one); for evaluation."""
    token = _ACTIVE_MODEL.set(model)
    try:
        yield
    finally:
        _ACTIVE_MODEL.reset(token)


def percentiles(values: np.ndarray) -> np.ndarray:
    """Each value's rank among ``values`` scaled to [0, 1] (ties share their mean rank)."""
    count = len(values)
    if count < 2:
        return np.ones(count)
    _, group, sizes = np.unique(values, return_inverse=True, return_counts=True)
    # Tied values occupy ranks first..first+size-1 in sorted order; they share the mean of those.
    first = np.concatenate(([0], np.cumsum(sizes)[:-1]))
    mean_rank = first + (sizes - 1) / 2.0
    return mean_rank[group.ravel()] / (count - 1)


def sentence_centrality(
    candidates: Sequence[Candidate], matrix: csr_matrix, within: csr_matrix | None = None
) -> np.ndarray:
    """Continuous LexRank with cross-source edges up-weighted (stationary distribution).

    The weight matrix W = 2*S_cross + S_within (no self-loops), with S = M M^T the cosine matrix,
    is never formed: W y = 2 M (M^T y) - S_within y - diag(S) y, where S_within holds only the
    small blocks of sentences from one source. Each power step is linear in the matrix size.
    ``within``: that block matrix, when the caller has it already.
    """
    count = len(candidates)
    if count == 1:
        return np.ones(1)
    sources = np.array([c.source_order for c in candidates])
    within = _within_source_similarity(sources, matrix) if within is None else within
    diagonal = np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel()
    matrix_t = matrix.T.tocsr()

    def weighted(y: np.ndarray) -> np.ndarray:
        return CROSS_SOURCE_WEIGHT * (matrix @ (matrix_t @ y)) - within @ y - diagonal * y

    return _stationary(weighted, _linked(matrix, sources), count)


def within_source_centrality(
    candidates: Sequence[Candidate], matrix: csr_matrix, within: csr_matrix | None = None
) -> np.ndarray:
    """Continuous LexRank over same-source edges only: how central a sentence is to its article.

    ``within``: the same-source cosine matrix, when the caller has it already.
    """
    count = len(candidates)
    if count == 1:
        return np.ones(1)
    if within is None:
        sources = np.array([c.source_order for c in candidates])
        within = _within_source_similarity(sources, matrix)
    diagonal = within.diagonal()
    pattern = within.copy()
    pattern.data = (pattern.data > 0).astype(float)
    # Linked: shares a term with another sentence of its own source (the diagonal is itself).
    linked = np.asarray(pattern.sum(axis=1)).ravel() - (diagonal > 0) > 0

    def weighted(y: np.ndarray) -> np.ndarray:
        return within @ y - diagonal * y

    return _stationary(weighted, linked, count)


def _stationary(
    weighted: Callable[[np.ndarray], np.ndarray], linked: np.ndarray, count: int
) -> np.ndarray:
    """PageRank's stationary distribution for the implicit weight matrix ``weighted``."""
    # A sentence sharing no terms with any other links uniformly (the usual dangling-node fix).
    row_sums = np.where(linked, weighted(np.ones(count)), 0.0)
    linked = linked & (row_sums > 0)
    inverse = np.where(linked, 1.0 / np.where(linked, row_sums, 1.0), 0.0)
    scores = np.full(count, 1.0 / count)
    for _ in range(200):
        flow = np.where(linked, weighted(scores * inverse), 0.0)
        dangling = scores[~linked].sum()
        updated = DAMPING * (flow + dangling / count) + (1 - DAMPING) / count * scores.sum()
        if np.abs(updated - scores).sum() < 1e-10:
            scores = updated
            break
        scores = updated
    return scores


def best_cross_source_similarity(matrix: csr_matrix, sources: np.ndarray) -> np.ndarray:
    """Each row's highest cosine to a row of another source (0 when it has no such neighbour).

    The sparse product M M^T is taken a block of rows at a time (each block's product has about
    ``BLOCK_ENTRIES`` non-zeros at most), so memory stays bounded on large runs, and only against
    the rows from the block on: each pair is multiplied once and counts for both its rows.
    """
    count = matrix.shape[0]
    best = np.zeros(count)
    if count == 0:
        return best
    frequency = np.bincount(matrix.indices, minlength=matrix.shape[1]).astype(np.float64)
    # An upper bound on each row's product non-zeros: the rows sharing any of its terms.
    pattern = csr_matrix((np.ones(matrix.nnz), matrix.indices, matrix.indptr), shape=matrix.shape)
    ends = np.cumsum(np.minimum(pattern @ frequency, count) + 1)
    start = 0
    while start < count:
        limit = (ends[start - 1] if start else 0) + BLOCK_ENTRIES
        stop = max(int(np.searchsorted(ends, limit, side="right")), start + 1)
        block = (matrix[start:stop] @ matrix[start:].T).tocoo()
        rows = block.row.astype(np.int64) + start
        columns = block.col.astype(np.int64) + start
        cross = sources[rows] != sources[columns]
        np.maximum.at(best, rows[cross], block.data[cross])
        np.maximum.at(best, columns[cross], block.data[cross])
        start = stop
    return best


def _within_source_similarity(sources: np.ndarray, matrix: csr_matrix) -> csr_matrix:
    """The cosine matrix of same-source pairs only (block diagonal, self pairs included).

    One sparse product: each term is split into one column per source, so rows of different
    sources share no column and their products vanish.
    """
    row_of_entry = np.repeat(np.arange(matrix.shape[0]), np.diff(matrix.indptr))
    split = matrix.indices.astype(np.int64) + matrix.shape[1] * sources[row_of_entry]
    _, columns = np.unique(split, return_inverse=True)
    columns = columns.ravel()
    by_source = csr_matrix(
        (matrix.data, columns, matrix.indptr),
        shape=(matrix.shape[0], int(columns.max(initial=-1)) + 1),
    )
    return csr_matrix(by_source @ by_source.T)


def _linked(matrix: csr_matrix, sources: np.ndarray) -> np.ndarray:
    """True for sentences that share at least one term with another sentence."""
    frequency = np.bincount(matrix.indices, minlength=matrix.shape[1])
    pattern = csr_matrix((np.ones(matrix.nnz), matrix.indices, matrix.indptr), shape=matrix.shape)
    return np.asarray(pattern @ (frequency > 1).astype(float)).ravel() > 0


def _select(
    candidates: Sequence[Candidate],
    matrix: csr_matrix,
    salience: np.ndarray,
    word_budget: int,
) -> list[int]:
    """Greedy MMR within the word budget; the first pick may exceed it, later ones may not.

    A sentence that leans on the one before it ("But he said...") is taken only once that one
    is in the digest: out of its context it would dangle.

    Between two picks the MMR order of the remaining candidates does not change, so each round
    sorts them once and walks down the order, dropping redundant or too-long candidates, instead
    of searching all candidates again after every rejection. Similarities to the chosen
    sentences come one column at a time from the sparse matrix.
    """
    chosen: list[int] = []
    words_used = 0
    count = len(candidates)
    remaining = np.ones(count, dtype=bool)
    # Highest similarity of each candidate to anything chosen so far (the MMR novelty penalty).
    penalty = np.zeros(count)
    rank_scores = np.array([c.rank_score for c in candidates])
    lengths = np.array([c.words for c in candidates])
    predecessors = _dangling_predecessors(candidates)
    is_chosen = np.zeros(count, dtype=bool)
    relevance = MMR_LAMBDA * salience
    while remaining.any():
        indices = np.flatnonzero(remaining)
        mmr = relevance[indices] - (1 - MMR_LAMBDA) * penalty[indices]
        # Rounding keeps float noise from hiding a genuine tie; then the better per-article rank,
        # then the earliest candidate (as max() over (mmr, rank, -index) keys would choose).
        rounded = np.array([round(float(v), 9) for v in mmr])
        order = indices[np.lexsort((indices, -rank_scores[indices], -rounded))]
        picked = None
        for index in order.tolist():
            needs = predecessors[index]
            if needs != NO_PREDECESSOR and (needs < 0 or not is_chosen[needs]):
                continue  # stays a candidate: its predecessor may still be chosen
            remaining[index] = False
            if chosen and penalty[index] > REDUNDANCY_CEILING:
                continue
            if chosen and words_used + lengths[index] > word_budget:
                continue
            picked = index
            break
        if picked is None:
            break
        chosen.append(picked)
        is_chosen[picked] = True
        words_used += int(lengths[picked])
        if words_used >= word_budget:
            break
        column = np.asarray((matrix @ matrix[picked].T).todense()).ravel()
        penalty = np.maximum(penalty, column)
    return chosen


NO_PREDECESSOR = -2  # the sentence stands on its own


def _dangling_predecessors(candidates: Sequence[Candidate]) -> np.ndarray:
    """For a sentence opening with an anaphoric word, the candidate index of the sentence before
    it (-1 when that one is no candidate); ``NO_PREDECESSOR`` for every other sentence."""
    openers = lang.words("anaphoric_openers")
    where = {(c.sentence.source, c.sentence.index): i for i, c in enumerate(candidates)}
    result = np.full(len(candidates), NO_PREDECESSOR, dtype=np.int64)
    for i, candidate in enumerate(candidates):
        first = _FIRST_WORD.match(candidate.sentence.text)
        if first and first.group().lower() in openers:
            result[i] = where.get((candidate.sentence.source, candidate.sentence.index - 1), -1)
    return result


def _readable_order(
    picked: Sequence[Candidate], dates: Mapping[str, str | None]
) -> tuple[Sentence, ...]:
    """Leads first: by position in the source, then by date (undated last), then input order.

    Every outlet's lead sets the scene before any outlet's detail, earlier reports before later
    ones, and one source's sentences stay in their own document order. A sentence that leans on
    the one before it ("He added...") follows that one directly, whatever sorts between them.
    """
    predecessors = _dangling_predecessors(picked)

    def anchor(index: int) -> Candidate:
        while predecessors[index] >= 0:
            index = int(predecessors[index])
        return picked[index]

    def key(index: int) -> tuple[int, str, int, int]:
        root = anchor(index)
        # ISO dates sort as text; "~" sorts after every digit, so undated sources come last.
        date = dates.get(root.sentence.source) or "~"
        return (root.position, date, root.source_order, picked[index].position)

    return tuple(picked[i].sentence for i in sorted(range(len(picked)), key=key))
