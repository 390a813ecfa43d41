"""Agreement notes from the run's similarity graph: numbers decide, whoever computed them."""

from __future__ import annotations

from summarizer.compare import compare_theme, similarity_graph
from summarizer.figures import stated_values
from summarizer.models import Sentence, ThemeCell
from summarizer.vectors import SentenceVectors


def _sentence(source: str, text: str) -> Sentence:
    return Sentence(source=source, index=0, start=0, end=len(text), text=text)


SAME = [
    _sentence("a", "The storm destroyed 40 homes in the coastal town of Hilo on Sunday."),
    _sentence("b", "The storm destroyed 40 homes in the coastal town of Hilo on Sunday night."),
]
DIFFERENT = [
    _sentence("a", "The storm destroyed 40 homes in the coastal town of Hilo on Sunday."),
    _sentence("b", "The storm destroyed 90 homes in the coastal town of Hilo on Sunday night."),
]


def _agree(sentences: list[Sentence], values: list[frozenset[float]] | None) -> int:
    vectors = SentenceVectors.of(sentences)
    graph = similarity_graph(sentences, vectors, values)
    cells = [ThemeCell(theme="t", source=s.source, quotes=(s,), count=1) for s in sentences]
    agree, _ = compare_theme(cells, {s.source: [s] for s in sentences}, graph)
    return len(agree)


def test_same_numbers_agree_and_different_numbers_do_not() -> None:
    assert _agree(SAME, None) == 1
    assert _agree(DIFFERENT, None) == 0


def test_numbers_handed_in_by_the_workers_are_the_ones_used() -> None:
    # The graph looks the values up instead of reading the sentences again: handing in the
    # values of the other pair flips the verdict.
    assert _agree(SAME, [stated_values(s.text) for s in DIFFERENT]) == 0
    assert _agree(DIFFERENT, [stated_values(s.text) for s in SAME]) == 1


def test_a_graph_of_groups_holds_exactly_the_full_graphs_pairs_inside_a_group() -> None:
    import numpy as np

    texts = [
        "The storm destroyed homes in Hilo on Sunday.",
        "Homes in Hilo were destroyed by the storm.",
        "The storm destroyed homes in the town of Hilo.",
        "Officials in Hilo said the storm destroyed homes.",
        "Markets rose sharply on Monday in Tokyo.",
        "Tokyo markets rose sharply on Monday.",
    ]
    sentences = [
        Sentence(source=f"s{n % 4}", index=n, start=0, end=len(t), text=t)
        for n, t in enumerate(texts)
    ]
    vectors = SentenceVectors.of(sentences)
    full = similarity_graph(sentences, vectors)
    groups = [np.array([0, 1, 4]), np.array([5, 4, 2, 1]), np.array([3])]
    grouped = similarity_graph(sentences, vectors, groups=groups, left_out=np.array([2]))
    # Only pairs with both rows in one group, none with a row left out, each once.
    inside = [
        (a, b, s)
        for a, b, s in _pairs(full)
        if any(a in g and b in g for g in map(set, groups)) and 2 not in (a, b)
    ]
    assert len(full.first) > len(inside) >= 2
    assert sorted(_pairs(grouped)) == sorted(inside)


def _pairs(graph) -> list[tuple[int, int, float]]:  # type: ignore[no-untyped-def]
    return list(zip(graph.first.tolist(), graph.second.tolist(), graph.score.tolist(), strict=True))
