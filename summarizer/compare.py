"""Per-theme notes from sentence similarity: where sources agree, and what only one reports.

Divergence is decided on figures (summarizer.figures), where "different" can be made precise.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cached_property

import numpy as np
from scipy.sparse import csr_matrix

from .figures import stated_values
from .models import Comparison, Sentence, ThemeCell
from .vectors import Key, SentenceVectors, neighbours

AGREE_SIMILARITY = 0.32  # cosine over TF-IDF stems: above this two sentences state the same claim
RELATED_SIMILARITY = 0.12  # below this a sentence says something no other source says
# Far above the rounding of a cosine summed in another order (about 1e-16 per term).
CLEARLY = 1e-9
WITNESSES = 4  # sentences sharing a quote's rarest word tried before the full product
MOST_CANDIDATES = 2_000_000  # sentences sharing those words, at most, over a row's quotes
# Agreements per theme: all of them. The briefing shows them as claims and folds what does not
# fit, so a cap here would make a claim that several sources share pass for a single-source one.
MAX_NOTES: int | None = None


@dataclass(frozen=True)
class SimilarityGraph:
    """Which content sentences of a run are similar across sources, computed once per run.

    ``first``/``second``/``score``: every pair of sentences from different sources (rows of
    ``vectors``, first < second) with cosine >= AGREE_SIMILARITY, from one blocked sparse
    product.
    """

    vectors: SentenceVectors
    sentences: tuple[Sentence, ...]  # one per row of vectors
    first: np.ndarray
    second: np.ndarray
    score: np.ndarray
    source: np.ndarray  # per row: a code for the sentence's source
    origin: np.ndarray  # per row: a code for the sentence's origin (its source, or the original)
    values: tuple[frozenset[float], ...]  # per row: the numbers the sentence states (stated_values)
    place: np.ndarray  # per row: its position when the sentences are sorted by (source, index)

    def with_origins(self, origins: Mapping[str, str]) -> SimilarityGraph:
        """The same graph where each source in ``origins`` counts as the source it copies."""
        origin = _codes(origins.get(s.source, s.source) for s in self.sentences)
        return replace(self, origin=origin)

    @cached_property
    def agreeing(self) -> tuple[np.ndarray, np.ndarray]:
        """The pairs that agree, as their first and second rows: two origins, cosine rounded to
        9 digits >= AGREE_SIMILARITY, no numbers conflict; most similar first, then by the first
        and the second sentence's (source, index). Made once per graph for all its themes."""
        first, second = self.first, self.second
        # Rounding first makes the order independent of float noise below 1e-9 (ties then fall
        # to the sentences' places, the same on every run).
        scores = rounded(self.score, 9)
        agree = (scores >= AGREE_SIMILARITY) & (self.origin[first] != self.origin[second])
        agree[agree] = ~_numbers_conflict(first[agree], second[agree], self.values)
        pairs = np.flatnonzero(agree)
        # Two sorts instead of a three-key lexsort (a third of the time on millions of pairs):
        # by the two places (one number, unique per pair), then stably by score.
        size = len(self.sentences)
        by_place = np.argsort(self.place[first[pairs]] * size + self.place[second[pairs]])
        pairs = pairs[by_place[np.argsort(-scores[pairs[by_place]], kind="stable")]]
        return first[pairs], second[pairs]


def similarity_graph(
    sentences: Sequence[Sentence],
    vectors: SentenceVectors,
    values: Sequence[frozenset[float]] | None = None,
    *,
    groups: Iterable[np.ndarray] | None = None,
    left_out: np.ndarray | None = None,
) -> SimilarityGraph:
    """Cross-source pairs of ``sentences`` (the rows of ``vectors``).

    ``values``: each sentence's ``figures.stated_values``, when already known (the per-article
    workers compute them); otherwise they are computed here for the sentences that need them.
    ``groups``: the sets of rows compared (each theme's sentences, as ``compare_theme`` only reads
    pairs inside one theme); by default all rows are one group. ``left_out``: rows that get no
    pairs (a syndicated copy's repeats of its original).
    """
    source = _source_codes(sentences)
    kept = np.ones(len(sentences), dtype=bool)
    if left_out is not None:
        kept[left_out] = False
    width = max(len(sentences), 1)
    found = [
        _pairs_within(rows[kept[rows]], vectors, source, width)
        for rows in map(np.unique, [np.arange(len(sentences))] if groups is None else groups)
    ]
    # A pair inside several groups is kept once (its cosine is the same sum in every product).
    keys, once = np.unique(
        np.concatenate([keys for keys, _ in found] + [np.zeros(0, dtype=np.int64)]),
        return_index=True,
    )
    first, second = keys // width, keys % width
    score = np.concatenate([scores for _, scores in found] + [np.zeros(0)])[once]
    if values is None:
        paired = set(first.tolist()) | set(second.tolist())
        none = frozenset[float]()
        values = [stated_values(s.text) if i in paired else none for i, s in enumerate(sentences)]
    by_key = sorted(range(len(sentences)), key=lambda i: (sentences[i].source, sentences[i].index))
    place = np.empty(len(sentences), dtype=np.int64)
    place[np.asarray(by_key, dtype=np.int64)] = np.arange(len(sentences))
    return SimilarityGraph(
        vectors, tuple(sentences), first, second, score, source, source, tuple(values), place
    )


def _pairs_within(
    rows: np.ndarray, vectors: SentenceVectors, source: np.ndarray, width: int
) -> tuple[np.ndarray, np.ndarray]:
    """Pairs of ``rows`` (sorted) from different sources with cosine >= AGREE_SIMILARITY, each
    coded as first * width + second, and their cosines."""
    matrix = vectors.matrix[rows]
    first, second, score = neighbours(matrix, matrix, AGREE_SIMILARITY, upper=True)
    first, second = rows[first], rows[second]
    cross = source[first] != source[second]
    return first[cross] * width + second[cross], score[cross]


def _source_codes(sentences: Sequence[Sentence]) -> np.ndarray:
    return _codes(s.source for s in sentences)


def _codes(labels: Iterable[str]) -> np.ndarray:
    """A small integer per distinct label, in order of first appearance."""
    codes: dict[str, int] = {}
    return np.fromiter((codes.setdefault(label, len(codes)) for label in labels), dtype=np.int64)


def compare_theme(
    cells: Sequence[ThemeCell],
    on_theme: Mapping[str, Sequence[Sentence]],
    graph: SimilarityGraph,
    rows: np.ndarray | None = None,
) -> tuple[tuple[Comparison, ...], tuple[Comparison, ...]]:
    """Agree and only-in notes for one theme row.

    ``on_theme`` holds each source's sentences on the theme; ``cells`` what the row shows;
    ``rows``: those sentences' graph rows, when already known (``theme_rows``). Sentences of one
    origin (``SimilarityGraph.with_origins``) never count as agreeing.
    """
    member = np.zeros(len(graph.sentences), dtype=bool)
    member[theme_rows(on_theme, graph.vectors) if rows is None else rows] = True
    theme_pairs = np.flatnonzero(member[graph.first] & member[graph.second])
    first, second = _agreeing_pairs(member, graph)
    agree = _agreements(first, second, graph.sentences)
    return agree, _only_in(cells, on_theme, member, theme_pairs, graph)


def theme_rows(on_theme: Mapping[str, Sequence[Sentence]], vectors: SentenceVectors) -> np.ndarray:
    """The rows of ``vectors`` of a theme's sentences (``on_theme``: each source's)."""
    return vectors.rows([s for items in on_theme.values() for s in items])


def _agreeing_pairs(member: np.ndarray, graph: SimilarityGraph) -> tuple[np.ndarray, np.ndarray]:
    """The two graph rows of each agreeing pair (``SimilarityGraph.agreeing``) of two sentences
    on the theme (``member``: per graph row), in that order."""
    first, second = graph.agreeing
    on_theme = member[first] & member[second]
    return first[on_theme], second[on_theme]


def rounded(values: np.ndarray, digits: int) -> np.ndarray:
    """``round(value, digits)`` of each value, exactly as Python rounds (correctly rounded, half
    to even on the exact binary value), which ``np.round`` does not always match.

    Python's result is the double nearest to n / 10**digits, n the exact value * 10**digits
    rounded half to even, and IEEE division of n by 10**digits is that nearest double. The
    float product x * 10**digits is off from the exact one by at most half an ulp, so ``rint``
    of it is n unless the product is that close to a half: those few are left to Python.
    """
    values = np.asarray(values, dtype=np.float64)
    scale = float(10**digits)
    with np.errstate(invalid="ignore", over="ignore"):
        scaled = values * scale
        # Below 2**31 half an ulp of the product is at most 2**-23: a product 2**-20 or more
        # from a half rounds as the exact one does. The rest (and inf, nan) go to Python.
        exact = (np.abs(scaled) < 2.0**31) & (np.abs(scaled - np.floor(scaled) - 0.5) >= 2.0**-20)
        out = np.rint(scaled) / scale
    for k in np.flatnonzero(~exact).tolist():
        out[k] = round(float(values[k]), digits)
    return out


def _agreements(
    first: np.ndarray, second: np.ndarray, sentences: Sequence[Sentence]
) -> tuple[Comparison, ...]:
    """Group agreeing cross-source pairs (graph rows, in ``_agreeing_pairs`` order) into claims
    reported by several sources (``sentences``: the sentence of each graph row)."""
    notes = []
    for rows in _claims(first, second, len(sentences)):
        claim = [sentences[row] for row in rows]
        sources = tuple(sorted({s.source for s in claim}))
        quotes = tuple(sorted(claim, key=lambda s: (s.source, s.index)))
        notes.append(
            Comparison(
                kind="agree",
                note=f"{_join(sources)} report the same claim in similar words.",
                sources=sources,
                quotes=quotes,
            )
        )
    notes.sort(key=lambda c: (-len(c.sources), c.sources))
    return tuple(notes[:MAX_NOTES])


def _claims(first: np.ndarray, second: np.ndarray, size: int) -> list[list[int]]:
    """The claims the pairs make (each pair once, in order), as rows, in the order they start.

    Taken pair by pair: a pair of sentences in no claim starts one; otherwise each sentence of
    the pair joins every claim of the other that it fits: a sentence joins only when it is
    similar to every sentence already in the claim (complete linkage), so a chain of loosely
    related sentences never passes for one shared claim.

    Computed claim by claim instead of pair by pair: what a claim takes depends on its own
    members only, so each claim grows to its end when it starts (``_grown``); then only where
    claims start needs a scan of the pairs, and that scan is in bulk.
    """
    count = len(first)
    partners = _partners(first, second, size)
    # The pair at which each sentence first joined a claim (count: not yet).
    placed_at = np.full(size, count, dtype=np.int64)
    claims: list[list[int]] = []
    step = 1024
    for start in range(0, count, step):
        at = np.arange(start, min(start + step, count))
        # Pairs of sentences in no claim yet, as far as the claims begun so far go: a claim
        # begun in this block only places sentences later on, so each one is checked again.
        fresh = at[(placed_at[first[at]] > at) & (placed_at[second[at]] > at)]
        pairs = zip(fresh.tolist(), first[fresh].tolist(), second[fresh].tolist(), strict=True)
        for pair, a, b in pairs:
            if placed_at[a] > pair and placed_at[b] > pair:
                claims.append(_grown(pair, a, b, partners, placed_at))
    return claims


def _grown(
    begun: int, a: int, b: int, partners: Callable[[int], dict[int, int]], placed_at: np.ndarray
) -> list[int]:
    """The rows of the claim that pair ``begun`` (rows ``a`` and ``b``) starts, once it has
    taken every sentence it will; ``placed_at`` records when each one joined."""
    rows = [a, b]
    placed_at[a] = placed_at[b] = begun
    of_a, of_b = partners(a), partners(b)
    # The sentences the claim can still take (similar to each member), and a heap of when they
    # meet a member later on (a pair of the two, by position): the earliest one joins.
    fits = of_a.keys() & of_b.keys()
    meetings = []
    for row in fits:
        with_a, with_b = of_a[row], of_b[row]
        if with_a > begun:
            meetings.append((with_b if begun < with_b < with_a else with_a, row))
        elif with_b > begun:
            meetings.append((with_b, row))
    meetings.sort()  # a sorted list is a heap
    while fits and meetings:
        pair, row = heapq.heappop(meetings)
        if row not in fits:
            continue
        rows.append(row)
        placed_at[row] = min(placed_at[row], pair)
        of_row = partners(row)
        fits &= of_row.keys()
        for later in [(met, other) for other in fits if (met := of_row[other]) > pair]:
            heapq.heappush(meetings, later)
    return rows


def _partners(first: np.ndarray, second: np.ndarray, size: int) -> Callable[[int], dict[int, int]]:
    """Each row's partners in the pairs, each with the pair's position, as a dict made the
    first time it is asked for (most rows never join a claim)."""
    rows = np.concatenate([first, second])
    order = np.argsort(rows)
    others = np.concatenate([second, first])[order]
    pairs = order % max(len(first), 1)
    starts = np.concatenate([[0], np.cumsum(np.bincount(rows, minlength=size))]).tolist()
    made: dict[int, dict[int, int]] = {}

    def of(row: int) -> dict[int, int]:
        found = made.get(row)
        if found is None:
            start, stop = starts[row], starts[row + 1]
            found = dict(zip(others[start:stop].tolist(), pairs[start:stop].tolist(), strict=True))
            made[row] = found
        return found

    return of


def _numbers_conflict(
    first: np.ndarray, second: np.ndarray, values: Sequence[frozenset[float]]
) -> np.ndarray:
    """Per pair (graph rows), whether both sentences state numbers (``values``, per row) and
    none in common: similar words but different numbers is not agreement (figures decide)."""
    paired = np.zeros(len(values), dtype=bool)
    paired[first] = True
    paired[second] = True
    rows = np.flatnonzero(paired)
    where = np.cumsum(paired) - 1  # per graph row: its position in rows
    stated = [values[row] for row in rows.tolist()]
    # Numbers as column codes: one dict, so equal numbers share a code as they match in a set.
    codes: dict[float, int] = {}
    columns = [codes.setdefault(number, len(codes)) for numbers in stated for number in numbers]
    counts = np.fromiter((len(numbers) for numbers in stated), dtype=np.int64, count=len(stated))
    starts = np.concatenate([[0], np.cumsum(counts)])
    table = csr_matrix(
        (np.ones(len(columns)), np.asarray(columns, dtype=np.int64), starts),
        shape=(len(rows), len(codes)),
    )
    a, b = where[first], where[second]
    both = np.flatnonzero((counts[a] > 0) & (counts[b] > 0))
    shared = np.asarray(table[a[both]].multiply(table[b[both]]).sum(axis=1)).ravel()
    conflict = np.zeros(len(first), dtype=bool)
    conflict[both] = shared == 0
    return conflict


def _only_in(
    cells: Sequence[ThemeCell],
    on_theme: Mapping[str, Sequence[Sentence]],
    member: np.ndarray,
    theme_pairs: np.ndarray,
    graph: SimilarityGraph,
) -> tuple[Comparison, ...]:
    """For each covering source, its shown sentence that no other source comes close to
    (``member``: per graph row, whether it is on the theme; ``theme_pairs``: the graph pairs
    on it)."""
    covering = [cell for cell in cells if cell.count]
    if len(covering) == 1 and len(cells) > 1:
        (cell,) = covering
        note = f"Only {cell.source} reports on this theme."
        return (Comparison(kind="only", note=note, sources=(cell.source,), quotes=cell.quotes[:1]),)
    notes = []
    on_row = sum(len(items) for items in on_theme.values())
    echoed = _echoed([q for cell in covering for q in cell.quotes], member, theme_pairs, graph)
    for cell in covering:
        others = on_row - len(on_theme.get(cell.source, ()))
        if not others or not cell.quotes:
            continue
        for quote in cell.quotes:
            if graph.vectors.row[(quote.source, quote.index)] not in echoed:
                note = f"Only {cell.source} reports this."
                notes.append(Comparison("only", note, (cell.source,), (quote,)))
                break
    return tuple(notes)


def _echoed(
    quotes: Sequence[Sentence],
    member: np.ndarray,
    theme_pairs: np.ndarray,
    graph: SimilarityGraph,
) -> set[int]:
    """Rows of the quotes that another source's sentence on the row comes close to (cosine >=
    RELATED_SIMILARITY).

    A quote in a graph pair on the row (``theme_pairs``: another source, cosine >= AGREE_SIMILARITY,
    far above RELATED_SIMILARITY) is echoed; only the others are multiplied with the row's
    sentences (in large runs most quotes have near-copies), so a large run never holds every
    quote's relatives among all sentences at once.
    """
    members = np.flatnonzero(member)
    if not quotes or not len(members):
        return set()
    rows = np.unique(graph.vectors.rows(quotes))
    paired = np.zeros(len(member), dtype=bool)
    paired[graph.first[theme_pairs]] = True
    paired[graph.second[theme_pairs]] = True
    rest = rows[~paired[rows]]
    surely = _surely_echoed(rest, members, graph)
    rest, found = rest[~surely], [rows[paired[rows]], rest[surely]]
    left, right, _ = neighbours(
        graph.vectors.matrix[rest], graph.vectors.matrix[members], RELATED_SIMILARITY
    )
    left, right = rest[left], members[right]
    found.append(left[graph.source[left] != graph.source[right]])
    return set(np.concatenate(found).tolist())


def _surely_echoed(rows: np.ndarray, members: np.ndarray, graph: SimilarityGraph) -> np.ndarray:
    """Per row, whether another source's sentence among ``members`` that shares the row's
    heaviest term (its rarest word: a near-copy has it) comes close to it.

    Only a sufficient test, cheap because few sentences share a rare word: a row it misses goes
    on to the full product. Cosines here are summed in another order than in
    ``vectors.neighbours``, so only those clearly above RELATED_SIMILARITY count.
    """
    matrix = graph.vectors.matrix
    quotes = matrix[rows]
    counts = np.diff(quotes.indptr)
    nonempty = np.flatnonzero(counts)
    if not len(nonempty):
        return np.zeros(len(rows), dtype=bool)
    peak = np.zeros(len(rows))
    peak[nonempty] = np.maximum.reduceat(quotes.data, quotes.indptr[nonempty])
    at_peak = np.flatnonzero(quotes.data == np.repeat(peak, counts))
    owner = np.repeat(np.arange(len(rows)), counts)[at_peak]
    owner, first = np.unique(owner, return_index=True)
    term = quotes.indices[at_peak[first]]
    sharing = matrix[members]
    # This product is taken at once: rows whose word is rarest first, up to a bounded number of
    # candidates (the full product after it has bounded memory, and takes the rest).
    sharers = np.bincount(sharing.indices, minlength=matrix.shape[1])[term]
    by_rarity = np.argsort(sharers, kind="stable")
    taken = by_rarity[np.cumsum(sharers[by_rarity]) <= MOST_CANDIDATES]
    owner, term = owner[taken], term[taken]
    heaviest = csr_matrix((np.ones(len(owner)), (owner, term)), shape=quotes.shape)
    sharing = csr_matrix((np.ones(sharing.nnz), sharing.indices, sharing.indptr), sharing.shape)
    candidates = (heaviest @ sharing.T).tocoo()
    quote, other = candidates.row, members[candidates.col]
    cross = graph.source[rows[quote]] != graph.source[other]
    quote, other = quote[cross], other[cross]
    # One witness is enough: a few per row (in row order, as the product lists them).
    _, first, counts = np.unique(quote, return_index=True, return_counts=True)
    few = np.arange(len(quote)) - np.repeat(first, counts) < WITNESSES
    quote, other = quote[few], other[few]
    cosine = np.asarray(quotes[quote].multiply(matrix[other]).sum(axis=1)).ravel()
    surely = np.zeros(len(rows), dtype=bool)
    surely[quote[cosine >= RELATED_SIMILARITY + CLEARLY]] = True
    return surely


def _join(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


__all__ = [
    "AGREE_SIMILARITY",
    "Key",
    "SimilarityGraph",
    "compare_theme",
    "rounded",
    "similarity_graph",
    "theme_rows",
]
