"""Per-theme notes from sentence similarity: where sources agree, and what only one reports.

Divergence is decided on figures (summarizer.figures), where "different" can be made precise.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np

from .figures import stated_values
from .models import Comparison, Sentence, ThemeCell
from .vectors import Key, SentenceVectors, neighbours

AGREE_SIMILARITY = 0.32  # cosine over TF-IDF stems: above this two sentences state the same claim
RELATED_SIMILARITY = 0.12  # below this a sentence says something no other source says
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
) -> tuple[tuple[Comparison, ...], tuple[Comparison, ...]]:
    """Agree and only-in notes for one theme row.

    ``on_theme`` holds each source's sentences on the theme; ``cells`` what the row shows.
    Sentences of one origin (``SimilarityGraph.with_origins``) never count as agreeing.
    """
    member = np.zeros(len(graph.sentences), dtype=bool)
    member[graph.vectors.rows([s for items in on_theme.values() for s in items])] = True
    pairs = _cross_source_pairs(member, graph)
    return _agreements(pairs, graph.sentences), _only_in(cells, on_theme, member, graph)


Pair = tuple[float, int, int, bool]  # cosine, the two sentences' graph rows, numbers conflict


def _cross_source_pairs(member: np.ndarray, graph: SimilarityGraph) -> list[Pair]:
    """Similar pairs on the theme, most similar first, then by the first and the second
    sentence's (source, index) (only pairs above AGREE_SIMILARITY), each with whether the two
    sentences state different numbers."""
    origin = graph.origin
    on_row = np.flatnonzero(
        member[graph.first] & member[graph.second] & (origin[graph.first] != origin[graph.second])
    )
    first, second = graph.first[on_row], graph.second[on_row]
    scores = [round(score, 9) for score in graph.score[on_row].tolist()]
    order = np.lexsort((graph.place[second], graph.place[first], -np.array(scores, dtype=float)))
    values = graph.values
    pairs = []
    for k, a, b in zip(order.tolist(), first[order].tolist(), second[order].tolist(), strict=True):
        pairs.append((scores[k], a, b, _numbers_conflict(values[a], values[b])))
    return pairs


def _agreements(pairs: Sequence[Pair], sentences: Sequence[Sentence]) -> tuple[Comparison, ...]:
    """Group strongly similar cross-source sentences into claims reported by several sources
    (``sentences``: the sentence of each row the pairs name).

    A sentence joins a claim only when it is similar to every sentence already in it (complete
    linkage), so a chain of loosely related sentences never passes for one shared claim.
    """
    # Each sentence's strongly similar partners: a claim's members are checked against one set,
    # not by building a pair key for every member (claims grow large in big runs).
    similar: dict[int, set[int]] = {}
    for score, a, b, conflict in pairs:
        if score >= AGREE_SIMILARITY and not conflict:
            similar.setdefault(a, set()).add(b)
            similar.setdefault(b, set()).add(a)

    claims: list[list[int]] = []
    # The rows of each claim: a sentence fits a claim when they are all among its partners (a
    # partner is always from another source, so this also keeps one sentence per source).
    claim_rows: list[set[int]] = []
    # Which claims hold each sentence, so finding a pair's claims does not scan all of them.
    holding: dict[int, set[int]] = {}
    nowhere: set[int] = set()  # no partners, no claims (never filled)
    for score, a, b, _ in pairs:
        if score < AGREE_SIMILARITY:
            break
        if b not in similar.get(a, nowhere):
            continue
        homes = sorted(holding.get(a, nowhere) | holding.get(b, nowhere))
        if not homes:
            claims.append([a, b])
            claim_rows.append({a, b})
            holding.setdefault(a, set()).add(len(claims) - 1)
            holding.setdefault(b, set()).add(len(claims) - 1)
            continue
        for home in homes:
            for row in (a, b):
                if home not in holding.get(row, nowhere) and claim_rows[home] <= similar[row]:
                    claims[home].append(row)
                    claim_rows[home].add(row)
                    holding.setdefault(row, set()).add(home)
    notes = []
    for rows in claims:
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


def _numbers_conflict(numbers_a: frozenset[float], numbers_b: frozenset[float]) -> bool:
    """Similar words but different numbers is not agreement (figures decide those)."""
    return bool(numbers_a and numbers_b and not numbers_a & numbers_b)


def _only_in(
    cells: Sequence[ThemeCell],
    on_theme: Mapping[str, Sequence[Sentence]],
    member: np.ndarray,
    graph: SimilarityGraph,
) -> tuple[Comparison, ...]:
    """For each covering source, its shown sentence that no other source comes close to."""
    covering = [cell for cell in cells if cell.count]
    if len(covering) == 1 and len(cells) > 1:
        (cell,) = covering
        note = f"Only {cell.source} reports on this theme."
        return (Comparison(kind="only", note=note, sources=(cell.source,), quotes=cell.quotes[:1]),)
    notes = []
    on_row = sum(len(items) for items in on_theme.values())
    echoed = _echoed([q for cell in covering for q in cell.quotes], np.flatnonzero(member), graph)
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


def _echoed(quotes: Sequence[Sentence], members: np.ndarray, graph: SimilarityGraph) -> set[int]:
    """Rows of the quotes that another source's sentence on the row comes close to (cosine >=
    RELATED_SIMILARITY): one product of the quotes with the row's sentences only, so a large
    run never holds every quote's relatives among all sentences at once."""
    if not quotes or not len(members):
        return set()
    rows = np.unique(graph.vectors.rows(quotes))
    left, right, _ = neighbours(
        graph.vectors.matrix[rows], graph.vectors.matrix[members], RELATED_SIMILARITY
    )
    left, right = rows[left], members[right]
    return set(left[graph.source[left] != graph.source[right]].tolist())


def _join(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


__all__ = [
    "AGREE_SIMILARITY",
    "Key",
    "SimilarityGraph",
    "compare_theme",
    "similarity_graph",
]
