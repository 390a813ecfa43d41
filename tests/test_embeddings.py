"""The packaged WordLlama embeddings: read offline, and the same vectors WordLlama computes."""

from __future__ import annotations

import numpy as np
import pytest

from summarizer import embeddings

TEXTS = [
    "Border agents detained more migrants at the southern border in March.",
    "Immigration arrests along the frontier with Mexico rose last month.",
    "The central bank raised interest rates by half a point.",
    "",
]


def test_vectors_are_unit_rows_and_an_empty_text_is_zero() -> None:
    vectors = embeddings.embed(TEXTS)
    assert vectors.shape == (4, embeddings.DIMENSIONS)
    assert vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors[:3], axis=1), 1.0, atol=1e-5)
    assert not vectors[3].any()


def test_a_paraphrase_is_nearer_than_another_subject() -> None:
    border, immigration, rates, _ = embeddings.embed(TEXTS)
    assert float(border @ immigration) > float(border @ rates) + 0.1


def test_same_vectors_as_wordllama_itself() -> None:
    from tokenizers import Tokenizer
    from wordllama.inference import WordLlamaInference

    tokenizer, table = embeddings._model()
    reference = WordLlamaInference(table, Tokenizer.from_str(tokenizer.to_str()))
    expected = reference.embed(TEXTS[:3], norm=True)
    assert np.allclose(embeddings.embed(TEXTS[:3]), expected, atol=1e-5)


def test_same_input_same_bytes() -> None:
    assert embeddings.embed(TEXTS).tobytes() == embeddings.embed(list(TEXTS)).tobytes()


def test_missing_package_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(embeddings.importlib.util, "find_spec", lambda name: None)
    assert not embeddings.available()
    with pytest.raises(embeddings.EmbeddingsUnavailable):
        embeddings._package_folder()


def test_a_row_does_not_depend_on_the_batch_around_it() -> None:
    # The stories grouping tokenises per article (possibly on Dask workers) and embeds in bulk.
    ids = [embeddings.token_ids(text) for text in TEXTS]
    alone = embeddings.embed_ids(ids[:1])
    batch = embeddings.embed_ids(ids[2:] + ids[:1])
    assert alone[0].tobytes() == batch[-1].tobytes()
    assert embeddings.embed(TEXTS).tobytes() == embeddings.embed_ids(ids).tobytes()


def test_missing_package_is_a_one_line_error() -> None:
    from summarizer.errors import SummarizerError

    assert issubclass(embeddings.EmbeddingsUnavailable, SummarizerError)
