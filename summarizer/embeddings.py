"""Meaning as vectors: texts embedded with the WordLlama token embeddings shipped in its wheel.

Word statistics (``vectors``) only see shared words; two outlets telling one story in different
words need vectors that place "immigration" near "border". WordLlama ships a 256-dimension token
embedding table and its tokenizer inside its PyPI wheel, so they are read from the installed
package and nothing is ever downloaded. A text's vector is the mean of its tokens' vectors,
normalised to unit length (what ``WordLlamaInference.embed`` computes), built as one sparse
count matrix times the table so the cost is linear in the tokens. Tokenising (``token_ids``) and
the product (``embed_ids``) are separate, so that the first can run per article anywhere (e.g. on
Dask workers, which then never load the table) and the second in bulk, in one place.
"""

from __future__ import annotations

import importlib.util
import itertools
from collections.abc import Sequence
from functools import cache
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix

from .errors import SummarizerError

MODEL = "l2_supercat"
DIMENSIONS = 256


class EmbeddingsUnavailable(SummarizerError):
    """The packaged embedding files are missing (wordllama is not installed)."""


def _package_folder() -> Path:
    """The installed wordllama folder, found without importing it (its import is slow)."""
    spec = importlib.util.find_spec("wordllama")
    if spec is None or not spec.submodule_search_locations:
        raise EmbeddingsUnavailable("the wordllama package is not installed")
    return Path(next(iter(spec.submodule_search_locations)))


def _files() -> tuple[Path, Path]:
    """The packaged tokenizer and weight files."""
    folder = _package_folder()
    tokenizer_file = folder / "tokenizers" / f"{MODEL}_tokenizer_config.json"
    weights_file = folder / "weights" / f"{MODEL}_{DIMENSIONS}.safetensors"
    if not tokenizer_file.is_file() or not weights_file.is_file():
        raise EmbeddingsUnavailable(f"wordllama's packaged files are missing in {folder}")
    return tokenizer_file, weights_file


@cache
def _tokenizer() -> object:
    """The tokenizer, read once per process."""
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(_files()[0]))
    tokenizer.no_truncation()
    return tokenizer


@cache
def _table() -> np.ndarray:
    """The float32 token table, read once per process."""
    from safetensors import safe_open

    with safe_open(str(_files()[1]), framework="np") as tensors:
        return np.ascontiguousarray(tensors.get_tensor("embedding.weight"), dtype=np.float32)


def _model() -> tuple[object, np.ndarray]:
    """The tokenizer and the float32 token table."""
    return _tokenizer(), _table()


def available() -> bool:
    """Whether the packaged embedding files can be found."""
    try:
        _package_folder()
    except EmbeddingsUnavailable:
        return False
    return True


def token_ids(text: str) -> list[int]:
    """The text's token ids (no special tokens): the per-text part of ``embed``."""
    # One text at a time: the tokenizer's batch call starts a thread pool, which would warn (and
    # disable itself) in worker processes forked after it.
    return list(_tokenizer().encode(text, add_special_tokens=False).ids)  # type: ignore[attr-defined]


def embed_ids(documents: Sequence[Sequence[int]]) -> np.ndarray:
    """One unit-length float32 row per list of token ids (all zeros for an empty list).

    Each row depends only on its own ids, so the rows do not depend on the batch around them.
    """
    table = _table()
    indptr = np.cumsum([0] + [len(ids) for ids in documents], dtype=np.int64)
    flat = np.fromiter(itertools.chain.from_iterable(documents), dtype=np.int64, count=indptr[-1])
    columns = np.clip(flat, 0, table.shape[0] - 1)
    counts = csr_matrix(
        (np.ones(len(columns), dtype=np.float32), columns, indptr),
        shape=(len(documents), table.shape[0]),
    )
    counts.sum_duplicates()
    sums = np.asarray(counts @ table, dtype=np.float32)
    norms = np.linalg.norm(sums, axis=1, keepdims=True)
    return np.divide(sums, norms, out=np.zeros_like(sums), where=norms > 0)


def embed(texts: Sequence[str]) -> np.ndarray:
    """One unit-length float32 row per text (all zeros for a text without tokens)."""
    return embed_ids([token_ids(text) for text in texts])
