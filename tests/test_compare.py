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
