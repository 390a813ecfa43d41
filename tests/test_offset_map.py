"""The body -> raw offset table: stored as runs, read exactly like the per-character tuple."""

from __future__ import annotations

import pickle
import random
import re

import pytest

from summarizer.ingest.parse import parse_article
from summarizer.models import OffsetMap

# Ingest's normalisation, written out again as the oracle: CRLF/CR become "\n", invisible and
# control characters go, odd spaces become " ", odd line breaks "\n".
SPACES = "\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
BREAKS = "\x0b\x0c\x85\u2028\u2029"
SPECIAL = re.compile(
    "\r\n?|[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff"
    f"\x00-\x08\x0e-\x1f\x7f\x80-\x84\x86-\x9f]+|[{SPACES}]|[{BREAKS}]"
)
SPACE_CHARS = re.compile(f"[{SPACES}]")


def normalise(raw: str) -> tuple[str, OffsetMap]:
    article = parse_article(raw.encode("utf-8"), path="a.txt", id="a", format="txt")
    return article.body, article.offsets  # type: ignore[return-value]


def reference_offsets(raw: str) -> tuple[int, ...]:
    """The per-character table as ingest built it before OffsetMap (one int per character)."""
    offsets: list[int] = []
    position = 0
    for match in SPECIAL.finditer(raw):
        start, end = match.span()
        offsets.extend(range(position, start))
        first = raw[start]
        if first == "\r":
            offsets.append(end - 1)
        elif SPACE_CHARS.match(first) or first in BREAKS:
            offsets.append(start)
        position = end
    offsets.extend(range(position, len(raw)))
    offsets.append(len(raw))
    return tuple(offsets)


PIECES = ["word ", "Ünïcode ", "\r\n", "\r", "\n", "\u00ad", "\u200b\u200c", "\x07", "\t",
          "\u00a0", "\u2028", "\x0c", "\ufeff", "x"]  # fmt: skip


@pytest.mark.parametrize("seed", range(40))
def test_runs_read_exactly_like_the_per_character_table(seed: int) -> None:
    rng = random.Random(seed)
    raw = "first " + "".join(rng.choice(PIECES) for _ in range(rng.randrange(0, 60)))
    body, offsets = normalise(raw)
    expected = reference_offsets(raw)
    assert isinstance(offsets, OffsetMap)
    assert len(offsets) == len(body) + 1 == len(expected)
    assert tuple(offsets) == expected
    assert [offsets[i] for i in range(len(expected))] == list(expected)
    assert offsets == expected
    assert offsets[-1] == len(raw)


def test_a_changed_text_is_a_few_runs_not_one_entry_per_character() -> None:
    raw = ("A line of text that is long enough.\r\n" * 500) + "\u00a0end"
    body, offsets = normalise(raw)
    # One run per CRLF (each removes one character), not one per character.
    assert offsets.runs <= 502
    assert len(body) > 18_000
    assert raw[offsets[len(body) - 3]] == "e" and body[-3:] == "end"


def test_unchanged_text_is_one_run() -> None:
    body, offsets = normalise("plain text\nwith lines\n")
    assert offsets == OffsetMap.identity(len(body) + 1)
    assert offsets == tuple(range(len(body) + 1))
    assert offsets.runs == 1


def test_reads_like_a_tuple() -> None:
    table = OffsetMap([0, 1, 3, 4, 4, 9])
    assert len(table) == 6
    assert table[2] == 3 and table[-1] == 9 and table[-6] == 0
    assert table[1:4] == (1, 3, 4)
    assert table.index(4) == 3
    assert table == (0, 1, 3, 4, 4, 9) and table != (0, 1, 3, 4, 4, 8)
    assert table != (0, 1, 3)
    with pytest.raises(IndexError):
        table[6]
    with pytest.raises(IndexError):
        table[-7]
    assert hash(table) == hash(OffsetMap([0, 1, 3, 4, 4, 9]))
    assert OffsetMap() == () and len(OffsetMap.identity(0)) == 0


def test_pickles_as_runs() -> None:
    raw = "word\r\nb" * 10_000
    _, offsets = normalise(raw)
    copy = pickle.loads(pickle.dumps(offsets))
    assert copy == offsets and tuple(copy) == tuple(offsets)
    # Far smaller than the per-character table it replaces.
    assert len(pickle.dumps(offsets)) < len(pickle.dumps(tuple(offsets))) / 2


def test_no_word_boundaries_are_lost() -> None:
    raw = "Hello\u00a0world\r\nsecond\u200bline"
    body, offsets = normalise(raw)
    for match in re.finditer(r"\w+", body):
        start, end = offsets[match.start()], offsets[match.end() - 1]
        assert raw[start] == body[match.start()] and raw[end] == body[match.end() - 1]
