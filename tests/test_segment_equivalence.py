"""The tokenizer's quicker patterns and word path find exactly what the plain ones found."""

from __future__ import annotations

import random
import re
from operator import itemgetter
from pathlib import Path

from summarizer import segment
from summarizer.segment import word_tuple

# The patterns as first written: each opened with something other than a plain character set,
# so the regex engine tried the whole pattern at every character.
_T, _C = re.escape(segment._TERMINALS), re.escape(segment._CLOSERS)
PLAIN_CANDIDATE = re.compile(rf"(?<![{_T}])[{_T}]++[{_C}]*+(?=\s|\Z)")
PLAIN_LINE_BREAK = re.compile(r"\r\n|[\n\r\u2028\u2029]")

# Stops, closers, every kind of line break and white space, abbreviations that keep their
# period (in any case), dotted abbreviations, numbers, apostrophes and non-Latin letters.
PIECES = [
    *(".", "..", "...", "!", "?", "?!", "…", "‽", '."', "!’", "?)", ".]", ".”»", "'", '"'),
    *(" ", "  ", "\t", "\n", "\r", "\r\n", "\n\r", "\r\r\n", "\u2028", "\u2029", "\u00a0"),
    *("Mr", "MR", "mr", "Gen", "Jan", "No", "etc", "Inc", "St", "e.g", "i.e", "U.S", "a.m"),
    *("Kim's", "short-range", "11,000", "2.3", "x", "A", "said", "İstanbul", "ΣΟΣ", "日本"),
    *("(AP)", "[1]", "—", "-", ",", ";", "%", "$5", "B-52"),
]


def _generated(count: int, seed: int) -> list[str]:
    generator = random.Random(seed)
    return ["".join(generator.choices(PIECES, k=generator.randint(0, 40))) for _ in range(count)]


def _seed_texts() -> list[str]:
    seeds = Path(__file__).parent.parent / "seeds"
    return [path.read_text(encoding="utf-8") for path in sorted(seeds.glob("*.txt"))]


def _spans(pattern: re.Pattern[str], text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [match.span() for match in pattern.finditer(text, start, end)]


def test_quicker_patterns_match_the_plain_ones_anywhere_in_a_text() -> None:
    generator = random.Random(3)
    for text in [*_generated(400, seed=1), *_seed_texts()]:
        # Windows as the splitter uses them: each line of a text, which the patterns read past.
        start = generator.randint(0, len(text))
        end = generator.randint(start, len(text))
        for window in ((0, len(text)), (start, end)):
            for quick, plain in (
                (segment._CANDIDATE, PLAIN_CANDIDATE),
                (segment._LINE_BREAK, PLAIN_LINE_BREAK),
            ):
                assert _spans(quick, text, *window) == _spans(plain, text, *window), repr(text)
    assert _spans(segment._CANDIDATE, "Oh... yes?!” no", 0, 15) == [(2, 5), (9, 12)]
    assert _spans(segment._LINE_BREAK, "a\r\n\nb\r\rc", 0, 8) == [(1, 3), (3, 4), (5, 6), (6, 7)]


def _plain_word_tuple(text: str) -> tuple[str, ...]:
    """The words as first computed: every word with the period after it, then a period kept by
    the words that keep one."""
    pairs = segment._WORD_AND_PERIOD.findall(text)
    words = list(map(itemgetter(0), pairs))
    for at, (word, period) in enumerate(pairs):
        if period and word.lower() in segment._KEEP_PERIOD:
            words[at] += "."
    return tuple(words)


def test_word_tuple_gives_the_plain_words() -> None:
    texts = [*_generated(400, seed=2), *_seed_texts(), "", "Gen. Kim and Mr. Lee met at 5 p.m."]
    for text in texts:
        assert word_tuple.__wrapped__(text) == _plain_word_tuple(text), repr(text)
    assert word_tuple("Gen. Kim met MR. Lee in the U.S. on Jan. 5.") == (
        *("Gen.", "Kim", "met", "MR.", "Lee", "in", "the", "U.S.", "on", "Jan.", "5"),
    )
