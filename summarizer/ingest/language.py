"""A cheap check that a text is English: the share of its words that are English stop words.

The tool is English-only (tokenizer, stemmer, stop words, figure patterns); a text that fails
this check is still processed, with a warning that the results will be poor.
"""

from __future__ import annotations

import re

from summarizer import lang

# English prose has about half its words among the stop words; other languages far fewer.
# `python bench/bench_language.py ../shared/corpora` measures this on 1,657 news and web
# articles of at least MIN_LETTERS letters (ECB+, MultiLing 2011, AllSides, article-extraction):
# the English ones are at 0.15 at the lowest (1st percentile 0.31, median 0.46), the eight
# non-English ones (Russian, Indonesian, German, Portuguese, Japanese) at 0.09 at the highest.
# The one English page below the threshold is a table of sports results.
MIN_ENGLISH_SHARE = 0.12
# Below this many letters the share is too noisy to judge. 150 is about 30 English words, or a
# paragraph of Japanese (no spaces); 7 of the 4,940 30-word windows of the English articles
# fall below the threshold, all of them headline or list fragments.
MIN_LETTERS = 150

# Letter runs, with inner apostrophes ("don't"); digits and underscores split words.
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


def english_stop_words() -> frozenset[str]:
    """English stop words (``data/lang/en/stop_words.txt``, the list the other stages use)."""
    return lang.words("stop_words", "en")


def english_share(text: str) -> tuple[float, int]:
    """The share of words that are English stop words, and the number of letters in the text.

    One-letter words are left out: "a", "e", "o" and "y" are common words in other languages.
    """
    letters, counted, stop_count = _tally(_WORD.findall(text))
    if not counted:
        return 0.0, letters
    return stop_count / counted, letters


def _tally(words: list[str]) -> tuple[int, int, int]:
    """The letters, the words of two letters or more, and the stop words among those."""
    stop = english_stop_words()
    letters = counted = stop_count = 0
    for match in words:  # one pass (this runs on every article's whole body)
        word = match.lower().replace("’", "'")
        size = len(word)  # after lower(): a few letters lower-case to two characters
        letters += size
        if size > 1:
            counted += 1
            stop_count += word in stop
    return letters, counted, stop_count


# looks_english reads a text in pieces of about this many characters: an English text is
# judged after about half of it (the bound on the rest is loose), so small pieces stop nearer
# that half; ECB's articles run to 1,400 characters (median).
_PIECE = 300


def looks_english(text: str) -> bool:
    """False only for a text long enough to judge whose stop-word share is clearly not English.

    Read piece by piece, stopping as soon as the share stays at the threshold or above even if
    all the rest were words and none a stop word: n more characters hold at most (n + 1) // 2
    words (a word starts with a letter, and the character after it is none). A piece ends at a
    space, which no word holds, so the pieces' words are the whole text's.
    """
    letters = counted = stop_count = 0
    start = 0
    while start < len(text):
        end = text.find(" ", start + _PIECE)
        end = len(text) if end < 0 else end
        more = _tally(_WORD.findall(text, start, end))
        letters, counted, stop_count = letters + more[0], counted + more[1], stop_count + more[2]
        start = end
        most = counted + (len(text) - end + 1) // 2
        if stop_count and stop_count / most >= MIN_ENGLISH_SHARE:
            return True
    share = stop_count / counted if counted else 0.0
    return letters < MIN_LETTERS or share >= MIN_ENGLISH_SHARE
