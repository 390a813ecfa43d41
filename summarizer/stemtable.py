"""Many texts' words and stems as flat integer arrays, for matching and counting in bulk.

Theme matching and theme discovery read every content sentence of a run; tokenising and
stemming each one once into these arrays lets them work with numpy instead of a Python step
per word. The words and stems are exactly ``vectors.words`` and ``vectors.stems``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain

import numpy as np

from .segment import word_tokens
from .vectors import stem


@dataclass(frozen=True)
class StemTable:
    """The words of ``len(offsets) - 1`` texts in order, flattened into one array of ids."""

    offsets: np.ndarray  # int64: text i's words are positions offsets[i]:offsets[i + 1]
    tokens: np.ndarray  # int64 per position: an index into ``words``
    words: tuple[str, ...]  # distinct words as written
    word_stems: np.ndarray  # int64 per distinct word: an index into ``stems``
    stems: tuple[str, ...]  # distinct stems

    @classmethod
    def of(cls, texts: Sequence[str]) -> StemTable:
        """Tokenise (``vectors.words``) and stem (``vectors.stem``) every text once."""
        per_text = [word_tokens(text) for text in texts]
        ids = {word: i for i, word in enumerate(dict.fromkeys(chain.from_iterable(per_text)))}
        raw = np.fromiter(
            map(ids.__getitem__, chain.from_iterable(per_text)),
            dtype=np.int64,
            count=sum(map(len, per_text)),
        )
        # vectors.words keeps the tokens with a letter or digit: decided once per distinct token.
        kept_raw = np.fromiter(
            (any(char.isalnum() for char in word) for word in ids), dtype=bool, count=len(ids)
        )
        keep = kept_raw[raw] if len(raw) else np.zeros(0, dtype=bool)
        lengths = np.fromiter(map(len, per_text), dtype=np.int64, count=len(per_text))
        text_of = np.repeat(np.arange(len(per_text)), lengths)
        offsets = np.zeros(len(per_text) + 1, dtype=np.int64)
        offsets[1:] = np.cumsum(np.bincount(text_of[keep], minlength=len(per_text)))
        # Renumber the kept words densely.
        renumbered = np.cumsum(kept_raw) - 1
        all_words = tuple(ids)
        words = tuple(word for word, kept in zip(all_words, kept_raw.tolist(), strict=True) if kept)
        stem_ids: dict[str, int] = {}
        word_stems = np.fromiter(
            (stem_ids.setdefault(stem(word), len(stem_ids)) for word in words),
            dtype=np.int64,
            count=len(words),
        )
        tokens = renumbered[raw[keep]].astype(np.int64)
        return cls(offsets, tokens, words, word_stems, tuple(stem_ids))

    @classmethod
    def concat(cls, tables: Sequence[StemTable]) -> StemTable:
        """One table of every text of ``tables``, in order: equal to ``StemTable.of`` all their
        texts (e.g. tables made per article in worker processes, joined in the main one)."""
        word_ids: dict[str, int] = {}
        stem_ids: dict[str, int] = {}
        word_stems: list[int] = []
        tokens, lengths = [], []
        for table in tables:
            stem_map = np.fromiter(
                (stem_ids.setdefault(s, len(stem_ids)) for s in table.stems),
                dtype=np.int64,
                count=len(table.stems),
            )
            word_map = np.empty(len(table.words), dtype=np.int64)
            for position, (word, word_stem) in enumerate(
                zip(table.words, table.word_stems.tolist(), strict=True)
            ):
                if word not in word_ids:
                    word_ids[word] = len(word_ids)
                    word_stems.append(int(stem_map[word_stem]))
                word_map[position] = word_ids[word]
            tokens.append(word_map[table.tokens])
            lengths.append(np.diff(table.offsets))
        joined = np.concatenate(lengths) if lengths else np.zeros(0, dtype=np.int64)
        offsets = np.zeros(len(joined) + 1, dtype=np.int64)
        offsets[1:] = np.cumsum(joined)
        return cls(
            offsets,
            np.concatenate(tokens) if tokens else np.zeros(0, dtype=np.int64),
            tuple(word_ids),
            np.array(word_stems, dtype=np.int64),
            tuple(stem_ids),
        )

    def subset(self, texts: Sequence[int]) -> StemTable:
        """The table of these texts (by position here), in this order; words and stems shared."""
        chosen = np.asarray(texts, dtype=np.int64)
        starts = self.offsets[chosen]
        lengths = self.offsets[chosen + 1] - starts
        offsets = np.zeros(len(chosen) + 1, dtype=np.int64)
        offsets[1:] = np.cumsum(lengths)
        positions = np.arange(offsets[-1]) + np.repeat(starts - offsets[:-1], lengths)
        return StemTable(offsets, self.tokens[positions], self.words, self.word_stems, self.stems)

    def __len__(self) -> int:
        return len(self.offsets) - 1

    def text_of(self) -> np.ndarray:
        """The text of each position."""
        return np.repeat(np.arange(len(self)), np.diff(self.offsets))

    def position_stems(self) -> np.ndarray:
        """The stem id of each position."""
        return self.word_stems[self.tokens]

    def text_stems(self, text: int) -> tuple[str, ...]:
        """One text's stems, in order (``vectors.stems``)."""
        ids = self.position_stems()[self.offsets[text] : self.offsets[text + 1]]
        return tuple(self.stems[i] for i in ids.tolist())
