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
    stop = english_stop_words()
    letters = counted = stop_count = 0
    # One pass over the words (this runs on every article's whole body).
    for match in _WORD.findall(text):
        word = match.lower().replace("’", "'")
        size = len(word)  # after lower(): a few letters lower-case to two characters
        letters += size
        if size > 1:
            counted += 1
            stop_count += word in stop
    if not counted:
        return 0.0, letters
    return stop_count / counted, letters


def looks_english(text: str) -> bool:
    """False only for a text long enough to judge whose stop-word share is clearly not English."""
    share, letters = english_share(text)
    return letters < MIN_LETTERS or share >= MIN_ENGLISH_SHARE
