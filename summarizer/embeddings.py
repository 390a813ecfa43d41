"""Meaning as vectors: texts embedded with the WordLlama token embeddings shipped in its wheel.

Word statistics (``vectors``) only see shared words; two outlets telling one story in different
words need vectors that place "immigration" near "border". WordLlama ships a 256-dimension token
embedding table and its tokenizer inside its PyPI wheel, so they are read from the installed
package and nothing is ever downloaded. A text's vector is the mean of its tokens' vectors,
normalised to unit length (what ``WordLlamaInference.embed`` computes), built as one sparse
count matrix times the table so the cost is linear in the tokens.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Sequence
from functools import cache
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix

MODEL = "l2_supercat"
DIMENSIONS = 256


class EmbeddingsUnavailable(RuntimeError):
    """The packaged embedding files are missing (wordllama is not installed)."""


def _package_folder() -> Path:
    """The installed wordllama folder, found without importing it (its import is slow)."""
    spec = importlib.util.find_spec("wordllama")
    if spec is None or not spec.submodule_search_locations:
        raise EmbeddingsUnavailable("the wordllama package is not installed")
    return Path(next(iter(spec.submodule_search_locations)))


@cache
def _model() -> tuple[object, np.ndarray]:
    """The tokenizer and the float32 token table, read once per process."""
    from safetensors import safe_open
    from tokenizers import Tokenizer

    folder = _package_folder()
    tokenizer_file = folder / "tokenizers" / f"{MODEL}_tokenizer_config.json"
    weights_file = folder / "weights" / f"{MODEL}_{DIMENSIONS}.safetensors"
    if not tokenizer_file.is_file() or not weights_file.is_file():
        raise EmbeddingsUnavailable(f"wordllama's packaged files are missing in {folder}")
    tokenizer = Tokenizer.from_file(str(tokenizer_file))
    tokenizer.no_truncation()
    with safe_open(str(weights_file), framework="np") as tensors:
        table = np.ascontiguousarray(tensors.get_tensor("embedding.weight"), dtype=np.float32)
    return tokenizer, table


def available() -> bool:
    """Whether the packaged embedding files can be found."""
    try:
        _package_folder()
    except EmbeddingsUnavailable:
        return False
    return True


def embed(texts: Sequence[str]) -> np.ndarray:
    """One unit-length float32 row per text (all zeros for a text without tokens)."""
    tokenizer, table = _model()
    indptr = [0]
    ids: list[int] = []
    for text in texts:
        # One text at a time: the tokenizer's batch call starts a thread pool, which would
        # warn (and disable itself) in worker processes forked after it.
        ids.extend(tokenizer.encode(text, add_special_tokens=False).ids)
        indptr.append(len(ids))
    columns = np.clip(np.asarray(ids, dtype=np.int64), 0, table.shape[0] - 1)
    counts = csr_matrix(
        (np.ones(len(columns), dtype=np.float32), columns, np.asarray(indptr, dtype=np.int64)),
        shape=(len(texts), table.shape[0]),
    )
    counts.sum_duplicates()
    sums = np.asarray(counts @ table, dtype=np.float32)
    norms = np.linalg.norm(sums, axis=1, keepdims=True)
    return np.divide(sums, norms, out=np.zeros_like(sums), where=norms > 0)
