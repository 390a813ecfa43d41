"""The shared text vectors: stems, content terms, TF-IDF and sentence similarity."""

from __future__ import annotations

import numpy as np

from summarizer.models import Sentence
from summarizer.vectors import (
    SentenceVectors,
    content_term,
    content_terms,
    stem,
    tfidf_matrix,
)


def test_tfidf_rows_are_unit_length_and_match_stemmed_words() -> None:
    vectors = tfidf_matrix(["Floods flooded the valley.", "The flooding valley", "Markets rose."])
    norms = vectors.multiply(vectors).sum(axis=1).A1
    assert all(abs(n - 1.0) < 1e-9 for n in norms)
    similarity = (vectors @ vectors.T).toarray()
    assert similarity[0, 1] > 0.5  # stemming joins floods/flooded/flooding
    assert similarity[0, 2] == 0.0


def test_content_terms_drop_stop_words_and_bare_numbers() -> None:
    assert content_terms("The 11,000 troops were in Kursk's north") == ["troop", "kursk", "north"]
    assert stem("Russia’s") == stem("Russia") == "russia"
    # The per-word cache behind content_terms: None for a stop word or a word without letters.
    assert [content_term(w) for w in ("The", "11,000", "B-52", "Troops")] == [
        None,
        None,
        stem("B-52"),
        "troop",
    ]


def test_sentence_vectors_look_up_by_source_and_index() -> None:
    sentences = [
        Sentence("a", 0, 0, 10, "Troops were killed in Kursk."),
        Sentence("b", 3, 0, 10, "Soldiers killed in Kursk fighting."),
        Sentence("b", 4, 11, 20, "Markets rose sharply."),
    ]
    vectors = SentenceVectors.of(sentences)
    block = vectors.similarity(sentences[:1], sentences[1:])
    assert block.shape == (1, 2)
    assert block[0, 0] > 0.3
    assert block[0, 1] == 0.0
    assert vectors.similarity([], sentences).shape == (0, 3)


def test_empty_input() -> None:
    assert tfidf_matrix([]).shape[0] == 0
    assert tfidf_matrix(["", "..."]).toarray().sum() == 0.0


def _dense_pairs(matrix, threshold: float) -> set[tuple[int, int]]:  # type: ignore[no-untyped-def]
    dense = (matrix @ matrix.T).toarray()
    count = dense.shape[0]
    return {(i, j) for i in range(count) for j in range(i + 1, count) if dense[i, j] >= threshold}


def test_neighbours_in_small_blocks_find_exactly_the_pairs_above_the_threshold() -> None:
    from summarizer.vectors import neighbours

    texts = [
        "Troops were killed in Kursk.",
        "Soldiers were killed in Kursk fighting.",
        "Markets rose sharply on Monday.",
        "Stock markets rose sharply.",
        "Troops killed in Kursk, officials said.",
        "Nothing related at all here.",
        "",
    ]
    matrix = tfidf_matrix(texts)
    expected = _dense_pairs(matrix, 0.2)
    assert expected  # the example has similar pairs
    for block in (1, 3, 10_000):  # one row per block, a few, everything at once
        first, second, score = neighbours(matrix, matrix, 0.2, upper=True, block_entries=block)
        assert set(zip(first.tolist(), second.tolist(), strict=True)) == expected
        assert (score >= 0.2).all()


def test_upper_neighbours_are_the_full_products_upper_pairs_bit_for_bit_in_order() -> None:
    from summarizer.vectors import neighbours

    texts = [f"troops {w} killed kursk {w} officials said" for w in ("ab", "cd", "ef", "gh", "ij")]
    texts += ["markets rose sharply", "stock markets rose", "markets fell", "", "troops"]
    matrix = tfidf_matrix(texts)
    for block in (1, 4, 10_000):
        first, second, score = neighbours(matrix, matrix, 0.1, block_entries=block)
        upper = first < second
        found = neighbours(matrix, matrix, 0.1, upper=True, block_entries=block)
        assert upper.sum() > 10  # many pairs, in several blocks
        assert found[0].tolist() == first[upper].tolist()
        assert found[1].tolist() == second[upper].tolist()
        assert found[2].tobytes() == score[upper].tobytes()  # the same sums, bit for bit


def test_similar_pairs_are_the_full_products_pairs_bit_for_bit_whatever_the_threshold() -> None:
    from summarizer.vectors import neighbours, similar_pairs

    rng = np.random.default_rng(3)
    vocabulary = [f"w{n}" for n in range(40)]
    # Frequent and rare words, near-copies and empty texts: every kind of row prefix filtering
    # treats differently.
    texts = [
        " ".join(rng.choice(vocabulary, size=int(rng.integers(0, 12)), p=_zipf(40)))
        for _ in range(60)
    ]
    texts += [t + " w39" for t in texts[:20]] + texts[:5]
    matrix = tfidf_matrix(texts)
    for threshold in (0.1, 0.32, 0.6, 0.9, 0.999):
        expected = neighbours(matrix, matrix, threshold, upper=True)
        order = np.lexsort((expected[1], expected[0]))
        for block in (1, 50, 1_000_000):
            found = similar_pairs(matrix, threshold, block_entries=block)
            assert found[0].tolist() == expected[0][order].tolist(), threshold
            assert found[1].tolist() == expected[1][order].tolist(), threshold
            assert found[2].tobytes() == expected[2][order].tobytes()  # the same sums
    assert len(similar_pairs(matrix, 0.999)[0]) >= 5  # the exact copies are found


def _zipf(size: int) -> np.ndarray:
    weights = 1 / np.arange(1, size + 1)
    return weights / weights.sum()
