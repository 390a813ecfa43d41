"""The cross-source digest: the most central, non-redundant sentences across all sources.

How a sentence is chosen, in order:

1. Candidates: content sentences that read as a claim. Very short lines, questions, quote-only
   fragments and lines that are mostly a dateline or an attribution are set aside (they are used
   only if nothing else is left).
2. Salience: the mean of two signals, each turned into a percentile over the candidates so that
   neither dominates by having a wider spread:
   - centrality: continuous LexRank over the TF-IDF cosine graph of every candidate from every
     source, with edges between *different* sources counted double, so a claim echoed by several
     outlets outranks a claim one outlet repeats to itself;
   - a lead prior (earlier claims of an article rank higher), because news is written in
     inverted-pyramid style and every outlet's lead is its own summary of the story.
   The per-article rank from ``--algorithm`` breaks ties. It is not a third equal signal because
   it only orders sentences *within* one article: every article has a rank-1 sentence, however
   peripheral the article is to the story (bench/README.md has the measurements).
3. Selection: maximal marginal relevance (MMR) against what is already chosen, plus a hard
   similarity ceiling so the same claim from two outlets appears once, greedily within the word
   budget.

No number here was fitted to a corpus: the two signals are averaged unweighted, and the graph
damping, MMR trade-off and redundancy ceiling are the usual defaults from the literature.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from scipy.sparse import csr_matrix

from .models import Sentence
from .segment import word_tokens
from .vectors import SentenceVectors, TermCounts, stop_words

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
# Words that only say who reported what, or when: a sentence made of nothing else is no claim.
_ATTRIBUTION_VOCABULARY = """
    said say says saying told tell tells according report reports reported reporting added adds
    noted notes note stated states wrote writes cited citing cites quoted quoting claimed claims
    announced announces statement statements source sources spokesman spokeswoman spokesperson
    official officials agency agencies news press correspondent correspondents reporter
    reporters editor editors update updated posted published write written photo photos image
    images copyright rights reserved read more monday tuesday wednesday thursday friday saturday
    sunday january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec today yesterday am pm gmt utc
"""
_ATTRIBUTION_WORDS = frozenset(_ATTRIBUTION_VOCABULARY.split())
_WORDLIKE = re.compile(r"[^\W\d_]", re.UNICODE)


@dataclass(frozen=True)
class _Candidate:
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
) -> tuple[Sentence, ...]:
    """Pick central, non-redundant sentences across sources within ``word_budget`` words.

    ``vectors`` (of every content sentence) saves tokenising the candidates again; the TF-IDF
    weights are still counted over the candidates alone.
    """
    candidates = claim_candidates(content, ranks)
    if not candidates or word_budget <= 0:
        return ()
    sentences = [c.sentence for c in candidates]
    if vectors is not None and all((s.source, s.index) in vectors.row for s in sentences):
        matrix = vectors.counts.tfidf(vectors.rows(sentences))
    else:
        matrix = TermCounts.of([s.text for s in sentences]).tfidf()
    salience = _salience(candidates, matrix)
    chosen = _select(candidates, matrix, salience, word_budget)
    return _readable_order([candidates[i] for i in chosen])


def claim_candidates(
    content: Mapping[str, Sequence[Sentence]], ranks: Mapping[str, Mapping[int, int]]
) -> list[_Candidate]:
    """Every distinct sentence that reads as a claim; all distinct sentences if none does."""
    everything: list[tuple[int, Sentence, float, list[str]]] = []
    seen_texts: set[str] = set()
    for source_order, (source, sentences) in enumerate(content.items()):
        source_ranks = ranks.get(source, {})
        for sentence in sentences:
            words = word_tokens(sentence.text)  # once per sentence: every check below reuses it
            key = _normalised_text(sentence.text, words)
            # A word-for-word copy is one origin relayed twice (wire copy), not independent echo,
            # so it neither appears twice nor adds to its own centrality.
            if sentence.furniture is not None or not key or key in seen_texts:
                continue
            seen_texts.add(key)
            rank_score = _rank_score(source_ranks.get(sentence.index), len(sentences))
            everything.append((source_order, sentence, rank_score, words))
    claims = [item for item in everything if is_claim(item[1].text, item[3])]
    return _with_positions(claims or everything)


def _with_positions(items: Sequence[tuple[int, Sentence, float, list[str]]]) -> list[_Candidate]:
    """Number each source's candidates from 0, so a skipped headline does not demote the lead."""
    next_position: dict[int, int] = {}
    candidates = []
    for source_order, sentence, rank_score, words in items:
        position = next_position.get(source_order, 0)
        next_position[source_order] = position + 1
        candidates.append(_Candidate(sentence, source_order, position, rank_score, len(words)))
    return candidates


def _normalised_text(text: str, words: Sequence[str] | None = None) -> str:
    """Lower-cased words only, so trivially different copies of a sentence compare equal."""
    return " ".join(word.lower() for word in (word_tokens(text) if words is None else words))


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
    return _content_words_outside_attribution(words) > 0


def quoted_share(text: str) -> float:
    """Share of word characters inside quotation marks (an unclosed quote runs to the end)."""
    inside = False
    quoted = total = 0
    for index, char in enumerate(text):
        if char in _QUOTE_OPEN or char in _QUOTE_CLOSE:
            if _is_apostrophe(text, index):
                continue
            inside = not inside
            continue
        if _WORDLIKE.match(char):
            total += 1
            quoted += inside
    # A fragment that only *closes* a quote ("...he said.") reads the same as one that opens it.
    if total and _starts_mid_quote(text):
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


def _starts_mid_quote(text: str) -> bool:
    """True when the first quote mark can only close a quotation begun in an earlier sentence."""
    for index, char in enumerate(text):
        if (char in _QUOTE_OPEN or char in _QUOTE_CLOSE) and not _is_apostrophe(text, index):
            return char in "”»"
    return False


def _content_words_outside_attribution(words: Sequence[str]) -> int:
    """Count lower-case content words that are not attribution or date vocabulary."""
    stops = stop_words()
    count = 0
    for position, word in enumerate(words):
        lowered = word.lower()
        if lowered in stops or lowered in _ATTRIBUTION_WORDS or not word.isalpha():
            continue
        # Capitalised words after the first are names (of outlets, agencies, people).
        if position > 0 and word[0].isupper():
            continue
        count += 1
    return count


def _salience(candidates: Sequence[_Candidate], matrix: csr_matrix) -> np.ndarray:
    """Unweighted mean of the percentiles of cross-source centrality and the lead prior."""
    centrality = percentiles(sentence_centrality(candidates, matrix))
    lead = percentiles(np.array([-c.position for c in candidates], dtype=float))
    return (centrality + lead) / 2.0


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


def sentence_centrality(candidates: Sequence[_Candidate], matrix: csr_matrix) -> np.ndarray:
    """Continuous LexRank with cross-source edges up-weighted (stationary distribution).

    The weight matrix W = 2*S_cross + S_within (no self-loops), with S = M M^T the cosine matrix,
    is never formed: W y = 2 M (M^T y) - S_within y - diag(S) y, where S_within holds only the
    small blocks of sentences from one source. Each power step is linear in the matrix size.
    """
    count = len(candidates)
    if count == 1:
        return np.ones(1)
    sources = np.array([c.source_order for c in candidates])
    within = _within_source_similarity(sources, matrix)
    diagonal = np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel()
    matrix_t = matrix.T.tocsr()

    def weighted(y: np.ndarray) -> np.ndarray:
        return CROSS_SOURCE_WEIGHT * (matrix @ (matrix_t @ y)) - within @ y - diagonal * y

    # A sentence sharing no terms with any other links uniformly (the usual dangling-node fix).
    linked = _linked(matrix, sources)
    row_sums = np.where(linked, weighted(np.ones(count)), 0.0)
    linked &= row_sums > 0
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
    candidates: Sequence[_Candidate],
    matrix: csr_matrix,
    salience: np.ndarray,
    word_budget: int,
) -> list[int]:
    """Greedy MMR within the word budget; the first pick may exceed it, later ones may not.

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
        words_used += int(lengths[picked])
        if words_used >= word_budget:
            break
        column = np.asarray((matrix @ matrix[picked].T).todense()).ravel()
        penalty = np.maximum(penalty, column)
    return chosen


def _readable_order(picked: Sequence[_Candidate]) -> tuple[Sentence, ...]:
    """Selection order (most central first), but one source's sentences stay in document order.

    Selection order reads like a news lede: the best-supported claim first, so a reader who stops
    early has the core. Within one source, a later sentence often leans on an earlier one ("He
    added..."), so that source's picks are re-sorted into its own order in the slots it holds.
    """
    by_source: dict[int, list[_Candidate]] = {}
    for candidate in picked:
        by_source.setdefault(candidate.source_order, []).append(candidate)
    in_document_order = {
        source: iter(sorted(items, key=lambda c: c.position)) for source, items in by_source.items()
    }
    return tuple(next(in_document_order[c.source_order]).sentence for c in picked)
