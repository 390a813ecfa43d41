"""StemTable: many texts' words and stems as flat arrays, the same as vectors.words/stems."""

from __future__ import annotations

import numpy as np

from summarizer.stemtable import StemTable
from summarizer.vectors import stems, words

TEXTS = [
    "Putin's forces shelled Kharkiv, the U.S. said on Monday.",
    "",
    "-- ... --",  # no word with a letter or digit
    "The forces' shelling of 11,000 homes; short-range drones.",
    "Kharkiv",
]


def test_each_texts_stems_are_vectors_stems() -> None:
    table = StemTable.of(TEXTS)
    assert len(table) == len(TEXTS)
    for position, text in enumerate(TEXTS):
        assert table.text_stems(position) == stems(text)


def test_positions_hold_each_texts_words_in_order() -> None:
    table = StemTable.of(TEXTS)
    assert table.offsets.tolist()[0] == 0
    assert np.diff(table.offsets).tolist() == [len(words(text)) for text in TEXTS]
    spelled = [table.words[i] for i in table.tokens.tolist()]
    assert spelled == [word for text in TEXTS for word in words(text)]
    assert table.text_of().tolist() == [i for i, t in enumerate(TEXTS) for _ in words(t)]


def test_words_and_stems_are_distinct_and_shared() -> None:
    table = StemTable.of(TEXTS)
    assert len(set(table.words)) == len(table.words)
    assert len(set(table.stems)) == len(table.stems)
    # "Kharkiv" occurs twice but is one word; "forces" and "forces'" share a stem.
    assert table.words.count("Kharkiv") == 1
    assert len(table.stems) < len(table.words)


def test_no_texts() -> None:
    table = StemTable.of([])
    assert len(table) == 0
    assert table.tokens.size == 0
    assert table.position_stems().size == 0


def test_subset_is_the_table_of_those_texts() -> None:
    table = StemTable.of(TEXTS)
    chosen = [4, 0, 2, 0]
    subset = table.subset(chosen)
    assert len(subset) == len(chosen)
    for position, text in enumerate(chosen):
        assert subset.text_stems(position) == stems(TEXTS[text])
    assert table.subset([]).tokens.size == 0


def test_tables_joined_equal_one_table_of_all_their_texts() -> None:
    parts = [TEXTS[:2], [], TEXTS[2:4], TEXTS[4:], TEXTS[:1]]
    joined = StemTable.concat([StemTable.of(part) for part in parts])
    whole = StemTable.of([text for part in parts for text in part])
    assert joined.words == whole.words and joined.stems == whole.stems
    for mine, theirs in zip(
        (joined.offsets, joined.tokens, joined.word_stems),
        (whole.offsets, whole.tokens, whole.word_stems),
        strict=True,
    ):
        assert mine.tolist() == theirs.tolist()
    assert len(StemTable.concat([])) == 0
