"""The Flesch scores counted token by token equal textstat's own, on awkward and real text."""

from __future__ import annotations

import importlib
import random
import re
from pathlib import Path

import pytest

from summarizer import readability
from summarizer.readability import (
    flesch_scores,
    measure,
    offline_textstat,
    textstat_word_of_each,
    textstat_words,
    token_tally,
)

# Pieces that stress textstat's punctuation removal and sentence pieces: contractions and stray
# apostrophes, hyphens and dashes, stops inside numbers and abbreviations, every kind of white
# space (\x1c is white space to str.split), Unicode letters (final sigma, dotted I, ligatures),
# combining marks, digits, emoji, quotes and words outside the syllable table.
PIECES = [
    *("don't", "it's", "we'll", "they're", "I'd", "you've", "'tis", "rock'n'roll", "o'", "'"),
    *("'s", "x'-t", "Kim’s", "troops’", "short-range", "B-52", "—", "–", "-", "--"),
    *("U.S.", "e.g.", "3.5%", "11,000", "Jan.", "No.", "...", "!", "?", "?!", "…", "Mr."),
    *(" ", "  ", "\t", "\n", "\u00a0", "\u2028", "\x1c", "\u3000", "\u200b"),
    *("ΣΊΣΥΦΟΣ", "Σ", "İstanbul", "ﬁnance", "café", "cafe\u0301", "Один", "日本", "٣"),
    *("2005", "42", "😀", "“", "”", "«", "(AP)", "[1]", "said", "the", "extraordinary"),
    *("Zelenskyy", "Rusbridger", "hmm", "syndicated", "THE", "Business", "a", "I"),
]


def _generated(count: int, seed: int = 8) -> list[str]:
    generator = random.Random(seed)
    texts = []
    for _ in range(count):
        parts = generator.choices(PIECES, k=generator.randint(0, 25))
        glue = generator.choice(["", " ", " ", ". ", "  "])
        texts.append(glue.join(parts))
    return texts


def _textstat_counts(text: str, syllable_module: str) -> tuple[int, int]:
    """textstat's own word count, and the English syllable count of ``syllable_module``'s
    ``count_syllables``."""
    offline_textstat()  # the CMU dictionary from the shipped table, never from the network
    words = importlib.import_module("textstat.backend.counts._count_words").count_words
    syllables = importlib.import_module(syllable_module).count_syllables
    return words(text), syllables(text, "en_US")


def test_token_tallies_add_up_to_the_counts_of_the_whole_text() -> None:
    # The Flesch scores' syllable counter (the table's; the slow test below: textstat's own).
    for text in _generated(300):
        readability._tallies.clear()  # every token of the text counted together, unseen
        words, tally = textstat_words(text), readability._tally(text.split())
        expected = _textstat_counts(text, "textstat.backend.metrics._syllables_per_word")
        assert (words, tally >> 32) == expected, repr(text)
        assert tally & (2**32 - 1) == words
        readability._tallies.clear()  # and each token alone
        assert sum(map(token_tally, text.split())) == tally, repr(text)


@pytest.mark.slow  # 2.5 s: textstat's own counter builds the whole pronouncing dictionary
def test_token_tallies_add_up_to_textstats_own_counts() -> None:
    for text in _generated(300):
        tally = sum(map(token_tally, text.split()))
        expected = _textstat_counts(text, "textstat.backend.counts._count_syllables")
        assert (textstat_words(text), tally >> 32) == expected, repr(text)


def test_each_tokens_word_is_textstats_even_when_counted_together() -> None:
    offline_textstat()
    list_words = importlib.import_module("textstat.backend.selections._list_words").list_words
    tokens = [token for text in _generated(300, seed=5) for token in text.split()]
    assert len(tokens) > 1000
    expected = [list_words(token, lowercase=True) or [""] for token in tokens]
    assert all(len(words) == 1 for words in expected)  # no token makes two words
    assert textstat_word_of_each(tokens) == [words[0] for words in expected]
    assert textstat_word_of_each(["they're", "'tis", "o'", "x'-t", "—", "Σ."]) == [
        *("they're", "'tis", "o", "xt", "", "σ"),
    ]


def test_a_token_tally_is_its_syllables_above_its_word() -> None:
    assert token_tally("business") == 2 << 32 | 1  # the table's 2 (pyphen would say 4)
    assert token_tally("hmm.") == 0 << 32 | 1  # listed with no syllable: still one word
    assert token_tally("—") == 0  # punctuation only: no word
    assert textstat_words("Hello, world — it's 3.5% (AP).") == 5


def test_flesch_scores_are_textstats_own() -> None:
    textstat = offline_textstat()
    for text in [*_generated(200, seed=9), "", "   ", "The fire was extraordinary."]:
        expected = textstat.flesch_reading_ease(text), textstat.flesch_kincaid_grade(text)
        assert flesch_scores(text) == expected, repr(text)  # the same floats, bit for bit
    assert flesch_scores("The fire was extraordinary.")[0] == 206.835 - 1.015 * 4 - 84.6 * 10 / 4


def test_measure_gives_textstats_scores_on_the_seed_articles() -> None:
    textstat = offline_textstat()
    seeds = sorted((Path(__file__).parent.parent / "seeds").glob("*.txt"))
    assert seeds
    for path in seeds:
        text = path.read_text(encoding="utf-8")
        readability = measure(text)
        assert readability.flesch_reading_ease == round(textstat.flesch_reading_ease(text), 1)
        assert readability.grade_level == round(textstat.flesch_kincaid_grade(text), 1)


def test_white_space_is_the_same_to_textstats_patterns_and_to_str_split() -> None:
    """The token-by-token count relies on it: a character that split() took for white space
    but the removal's ``\\s`` did not would be removed there, joining two words into one."""
    everything = "".join(map(chr, range(0x110000)))
    assert re.findall(r"\s", everything) == [c for c in everything if c.isspace()]


@pytest.mark.parametrize("text", ["", " ", "...", "— —", "😀"])
def test_texts_without_words_score_zero_like_textstat(text: str) -> None:
    assert flesch_scores(text) == (0.0, 0.0)
    assert measure(text).flesch_reading_ease == 0.0


def test_counts_stay_right_when_the_token_memo_is_emptied(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(readability, "TOKEN_CACHE_SIZE", 4)  # emptied at almost every text
    textstat = offline_textstat()
    for text in _generated(60, seed=11):
        assert flesch_scores(text) == (
            textstat.flesch_reading_ease(text),
            textstat.flesch_kincaid_grade(text),
        ), repr(text)
        assert len(readability._tallies) <= max(4, len(set(text.split())))
