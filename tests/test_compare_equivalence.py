"""The bulk claim grouping gives exactly what the plain pair-by-pair version gave.

``reference_pairs`` and ``reference_agreements`` are copies of compare.py before it was made to
grow linearly (issue 8), kept here as the specification: seeded random graphs with score ties,
numbers conflicts, one-origin pairs and large cliques must give the same claims, members and
order.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

import numpy as np
import pytest

from summarizer import compare
from summarizer.compare import AGREE_SIMILARITY, SimilarityGraph, rounded, similarity_graph
from summarizer.models import Comparison, Sentence
from summarizer.vectors import SentenceVectors, neighbours

Pair = tuple[float, int, int, bool]


def reference_pairs(member: np.ndarray, graph: SimilarityGraph) -> list[Pair]:
    """compare._cross_source_pairs as it was: Python rounding and a conflict test per pair."""
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
        numbers_a, numbers_b = values[a], values[b]
        conflict = bool(numbers_a and numbers_b and not numbers_a & numbers_b)
        pairs.append((scores[k], a, b, conflict))
    return pairs


def reference_agreements(
    pairs: Sequence[Pair], sentences: Sequence[Sentence]
) -> tuple[Comparison, ...]:
    """compare._agreements as it was: greedy complete linkage with a subset test per claim."""
    similar: dict[int, set[int]] = {}
    for score, a, b, conflict in pairs:
        if score >= AGREE_SIMILARITY and not conflict:
            similar.setdefault(a, set()).add(b)
            similar.setdefault(b, set()).add(a)
    claims: list[list[int]] = []
    claim_rows: list[set[int]] = []
    holding: dict[int, set[int]] = {}
    nowhere: set[int] = set()
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
        note = f"{compare._join(sources)} report the same claim in similar words."
        notes.append(Comparison("agree", note, sources, quotes))
    notes.sort(key=lambda c: (-len(c.sources), c.sources))
    return tuple(notes)


# Scores an ulp either side of 9-digit rounding halves, so ties and near-ties decide order.
HALVES = [0.3200000005, 0.45, 0.5000000005, 0.7777777775, 0.9999999995]
# Python rounds the first to the second, np.round to the third: which pairs tie depends on it.
ROUNDING_TRAP = [0.32001296149999997, 0.320012961, 0.320012962]


def _score(rng: random.Random) -> float:
    draw = rng.random()
    if draw < 0.4:
        return rng.choice([0.33, 0.5, 0.75, 0.9])  # exact ties
    if draw < 0.6:
        return rng.choice(ROUNDING_TRAP)
    return float(np.nextafter(rng.choice(HALVES), rng.choice([0.0, 1.0])))


def _random_graph(seed: int, largest: int = 60) -> tuple[SimilarityGraph, np.ndarray]:
    """Rows from a few sources, random pairs plus planted cliques (near-copies of one
    sentence), random numbers; and a random theme membership."""
    rng = random.Random(seed)
    size = rng.randint(2, largest)
    source_count = rng.randint(2, max(8, largest // 10))
    sources = [rng.randrange(source_count) for _ in range(size)]
    sentences = tuple(
        Sentence(source=f"s{source}", index=row, start=0, end=1, text="x")
        for row, source in enumerate(sources)
    )
    # Some sources are copies of others: one origin.
    origin_of = {s: (rng.randrange(source_count) if rng.random() < 0.2 else s) for s in sources}
    edges: dict[tuple[int, int], float] = {}
    for _ in range(rng.randint(0, 3 + size // 20)):  # cliques: the case that grew large claims
        clique = rng.sample(range(size), rng.randint(2, min(size, 15 + size // 10)))
        for i, a in enumerate(clique):
            for b in clique[i + 1 :]:
                if rng.random() < 0.9:
                    edges[(min(a, b), max(a, b))] = _score(rng)
    for _ in range(rng.randint(0, size * 3)):
        a, b = rng.sample(range(size), 2)
        edges[(min(a, b), max(a, b))] = _score(rng)
    cross = [(a, b) for a, b in sorted(edges) if sources[a] != sources[b]]
    pool = [1.0, 2.0, 3.5, 40.0]
    values = tuple(
        frozenset(rng.sample(pool, rng.randint(1, 2))) if rng.random() < 0.3 else frozenset()
        for _ in range(size)
    )
    place = np.array(sorted(range(size), key=lambda row: (sentences[row].source, row)))
    graph = SimilarityGraph(
        vectors=None,  # type: ignore[arg-type]  # not read by the pair functions
        sentences=sentences,
        first=np.array([a for a, _ in cross], dtype=np.int64),
        second=np.array([b for _, b in cross], dtype=np.int64),
        score=np.array([edges[pair] for pair in cross], dtype=np.float64),
        source=np.array(sources, dtype=np.int64),
        origin=np.array([origin_of[s] for s in sources], dtype=np.int64),
        values=values,
        place=np.argsort(place),
    )
    member = np.array([rng.random() < 0.85 for _ in range(size)], dtype=bool)
    return graph, member


def _check(seeds: range, largest: int) -> int:
    """Compare with the reference on the graphs of ``seeds``; the number of claims seen."""
    claims_seen = 0
    for seed in seeds:
        graph, member = _random_graph(seed, largest)
        pairs = reference_pairs(member, graph)
        first, second = compare._agreeing_pairs(member, graph)
        expected_pairs = [(a, b) for s, a, b, c in pairs if s >= AGREE_SIMILARITY and not c]
        assert list(zip(first.tolist(), second.tolist(), strict=True)) == expected_pairs, seed
        expected = reference_agreements(pairs, graph.sentences)
        assert compare._agreements(first, second, graph.sentences) == expected, seed
        claims_seen += len(expected)
    return claims_seen


@pytest.mark.parametrize("batch", range(4))
def test_claims_match_the_pair_by_pair_reference_on_random_graphs(batch: int) -> None:
    assert _check(range(batch * 75, batch * 75 + 75), 60) > 100  # there are claims to compare


@pytest.mark.slow
def test_claims_match_the_reference_on_many_larger_graphs() -> None:
    assert _check(range(1000, 1250), 400) > 10000


def test_a_graph_with_origins_is_ordered_anew() -> None:
    # SimilarityGraph.agreeing is kept per graph: a copy with other origins must not reuse it.
    graph, _ = _random_graph(3)
    assert len(graph.agreeing[0])
    one_origin = graph.with_origins({s.source: "s0" for s in graph.sentences})
    assert len(one_origin.agreeing[0]) == 0
    assert len(graph.agreeing[0])


def test_a_chain_is_not_one_claim_and_late_members_join_every_claim_they_fit() -> None:
    # a-b, b-c agree, a-c do not: complete linkage keeps c out of {a, b}; d fits both claims.
    sentences = [Sentence(source=s, index=0, start=0, end=1, text="x") for s in "abcd"]
    first, second = np.array([0, 1, 0, 1, 2]), np.array([1, 2, 3, 3, 3])
    # Pair order: a-b starts a claim; b-c: c does not fit {a,b} (a-c missing), b is placed, so
    # no new claim; then d joins {a,b}.
    notes = compare._agreements(first, second, sentences)
    assert [c.sources for c in notes] == [("a", "b", "d")]
    reference = reference_agreements(
        [(0.9, a, b, False) for a, b in zip(first.tolist(), second.tolist(), strict=True)],
        sentences,
    )
    assert notes == reference


def test_rounding_matches_python_round_at_and_near_halves() -> None:
    rng = np.random.default_rng(8)
    halves = (np.arange(-2000, 2000) + 0.5) / 1e9 + rng.integers(0, 10**9, 4000) / 1e9
    near = np.concatenate([np.nextafter(halves, -1), halves, np.nextafter(halves, 2)])
    values = np.concatenate(
        [near, rng.random(20000), [0.0, -0.0, 0.32, 1.0, 5e-10, -5e-10, 1e300, np.inf, np.nan]]
    )
    expected = [round(v, 9) for v in values.tolist()]
    got = rounded(values, 9).tolist()
    same = [g == e or (g != g and e != e) for g, e in zip(got, expected, strict=True)]
    assert all(same)
    # np.round is the thing being avoided: it differs on some of these.
    assert np.round(values[: len(near)], 9).tolist() != expected[: len(near)]


def _echo_reference(quotes: list[Sentence], member: np.ndarray, graph: SimilarityGraph) -> set:
    """compare._echoed as it was: the full product of the quotes with the row's sentences."""
    members = np.flatnonzero(member)
    rows = np.unique(graph.vectors.rows(quotes))
    matrix = graph.vectors.matrix
    left, right, _ = neighbours(matrix[rows], matrix[members], compare.RELATED_SIMILARITY)
    left, right = rows[left], members[right]
    return set(left[graph.source[left] != graph.source[right]].tolist())


@pytest.mark.parametrize("seed", range(6))
def test_echoed_quotes_are_those_the_full_product_finds(
    seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Sentences of random words; some repeated in the same source only (not an echo), some
    # in another source (an echo through the rare-word shortcut or the graph), some alone.
    if seed % 2:  # the shortcut's budget runs out: the rest take the full product
        monkeypatch.setattr(compare, "MOST_CANDIDATES", 6)
    rng = random.Random(seed)
    words = [f"word{k}" for k in range(40)] + [f"rare{k}" for k in range(60)]
    texts = [" ".join(rng.choices(words, k=rng.randint(1, 9))) for _ in range(80)]
    texts += [f"alone{k} solo{k} single{k}" for k in range(10)]  # echoed by nothing
    sentences = []
    for k, text in enumerate(texts):
        source = f"s{rng.randrange(4)}"
        sentences.append(Sentence(source, k, 0, len(text), text))
        if rng.random() < 0.3:  # a repeat, lightly changed, in the same or another source
            again = text + " " + rng.choice(words)
            other = source if rng.random() < 0.5 else f"s{rng.randrange(4)}"
            sentences.append(Sentence(other, 1000 + k, 0, len(again), again))

    # A quote whose rarest word is in another source's long sentence, too little for an echo.
    def filler(count: int) -> str:
        return " ".join("".join(rng.choices("bcdfghjklmnpqrstvwxz", k=9)) for _ in range(count))

    for k in range(3):
        shared = f"lonelyword{'abc'[k]}"
        for source, text in (
            ("s0", f"{shared} {shared} {shared} {filler(12)}"),
            ("s1", f"{shared} {filler(40)}"),
        ):
            sentences.append(Sentence(source, 2000 + k, 0, len(text), text))
    vectors = SentenceVectors.of(sentences)
    graph = similarity_graph(sentences, vectors)
    member = np.array([rng.random() < 0.8 for _ in sentences], dtype=bool)
    member[-6:] = True
    quotes = sentences[-6::2] + [
        s for s, on in zip(sentences, member.tolist(), strict=True) if on and rng.random() < 0.5
    ]
    theme_pairs = np.flatnonzero(member[graph.first] & member[graph.second])
    expected = _echo_reference(quotes, member, graph)
    assert compare._echoed(quotes, member, theme_pairs, graph) == expected
    assert 0 < len(expected) < len(set(graph.vectors.rows(quotes).tolist()))
