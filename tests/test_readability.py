"""Readability: the shipped syllable table and how textstat is handed it."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarizer.readability import (
    NLTK_CMUDICT,
    measure,
    nltk_data_dir,
    offline_textstat,
    syllable_dictionary,
    syllable_table_text,
)


def test_shipped_syllable_table_is_built_from_the_shipped_dictionary() -> None:
    from importlib import resources

    shipped = resources.files("summarizer").joinpath("data/cmudict-syllables.txt")
    nltk_text = (nltk_data_dir() / NLTK_CMUDICT).read_text(encoding="utf-8")
    assert shipped.read_text(encoding="utf-8") == syllable_table_text(nltk_text)


def test_table_counts_the_first_pronunciation_like_nltk_and_textstat() -> None:
    text = "READ 1 R EH1 D\nREAD 1 R IY1 D\nFIRE 1 F AY1 ER0\nFIRE 1 F AY1 R\nHMM 1 HH M\n"
    assert syllable_table_text(text) == "0 hmm\n1 read\n2 fire\n"


def test_textstat_counts_with_the_table_exactly_as_with_nltks_reader(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import nltk
    from nltk.corpus.reader import CMUDictCorpusReader

    words = ["business", "fire", "extraordinary", "every", "hmm", "the", "syndicated"]
    lines = [
        line
        for line in (nltk_data_dir() / NLTK_CMUDICT).read_text(encoding="utf-8").splitlines()
        if line.split()[0].lower() in words
    ]
    (tmp_path / "cmudict").write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.setattr(nltk.data, "path", [str(tmp_path)])  # NLTK reads only from its data path
    reference = CMUDictCorpusReader(str(tmp_path), ["cmudict"]).dict()  # NLTK's own parser
    textstat = offline_textstat()
    for word in words:
        expected = sum(1 for phone in reference[word][0] if phone[-1].isdigit())
        assert syllable_dictionary()[word] == (("1",) * expected,)
        assert textstat.syllable_count(word) == expected, word
    # pyphen (the fallback for unknown words) says 4 for "business"; the dictionary says 2.
    assert textstat.syllable_count("business") == 2


def test_measuring_never_parses_the_full_dictionary_through_nltk() -> None:
    import nltk.corpus
    from nltk.corpus.util import LazyCorpusLoader

    assert measure("The syndicated business report was read by everyone.").words == 8
    # Words with a letter count, numbers do not: "B-52" and "km" do, "11,000" and "3.5" do not.
    assert measure("B-52 bombers flew 11,000 km on 3.5% fuel.").words == 6
    # NLTK's corpus object stays an unloaded lazy loader: its 126,000-line parse never ran.
    assert isinstance(nltk.corpus.cmudict, LazyCorpusLoader)


@pytest.mark.slow  # 1.4 s: runs textstat's own counter over real text for comparison
def test_flesch_scores_count_syllables_from_the_table_as_textstat_would() -> None:
    """The table-reading counter the Flesch scores use gives textstat's own count on real text:
    listed words, unknown names (pyphen), numbers, punctuation, capitals and apostrophes."""
    import importlib

    textstat = offline_textstat()
    per_word = importlib.import_module("textstat.backend.metrics._syllables_per_word")
    counter = importlib.import_module("textstat.backend.counts._count_syllables")
    assert per_word.count_syllables is not counter.count_syllables  # the table counter is in use
    texts = [
        path.read_text(encoding="utf-8")
        for path in sorted((Path(__file__).parent.parent / "seeds").glob("*.txt"))
    ] + [
        "Zelenskyy's Kyiv-based aides said 11,000 troops—roughly 3.5% of them—left.",
        "Hmm. THE Syndicated BUSINESS. Every extraordinary fire!",
        "",
        "   ",
    ]
    for text in texts:
        assert per_word.count_syllables(text, "en_US") == counter.count_syllables(text, "en_US")
    assert per_word.count_syllables("business fire", "en_US") == 4  # the table's 2 + 2
    # Other languages keep textstat's own counter.
    assert per_word.count_syllables("Geschäftsbericht", "de_DE") == counter.count_syllables(
        "Geschäftsbericht", "de_DE"
    )
    assert textstat.flesch_reading_ease("The fire was extraordinary.") == pytest.approx(
        206.835 - 1.015 * 4 - 84.6 * (1 + 2 + 1 + 6) / 4
    )


def test_shipped_hyphenation_table_is_pyphens_own_parse_of_its_english_patterns() -> None:
    import hashlib
    from importlib import resources

    import pyphen

    from summarizer.readability import (
        HYPHENATION_LANGUAGE,
        HYPHENATION_TABLE,
        read_hyphenation_table,
    )

    source = pyphen.LANGUAGES[HYPHENATION_LANGUAGE]
    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    shipped = resources.files("summarizer").joinpath(HYPHENATION_TABLE).read_text(encoding="utf-8")
    # A pyphen with other patterns fails here: rebuild with python -m summarizer.readability.
    assert read_hyphenation_table(shipped, digest) == pyphen.HyphDict(source).patterns
    # Patterns parsed from another file are never used.
    assert read_hyphenation_table(shipped, "0" * 64) is None


def test_hyphenation_table_round_trips_offsets_and_values() -> None:
    from summarizer.readability import hyphenation_table_text, read_hyphenation_table

    patterns = {".ach": (2, (2, 0, 4)), ".ad": (2, (2,)), "aﬁ": (1, (1,)), "ab": (2, (2,))}
    text = hyphenation_table_text(patterns, "abc")
    assert text.splitlines()[0] == "# sha256 abc"
    assert "2 2 .ad ab" in text.splitlines()  # one line per (offset, values), sorted patterns
    assert read_hyphenation_table(text, "abc") == patterns


def test_pyphen_hyphenates_with_the_preloaded_patterns_as_with_its_own_parse(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import pyphen

    from summarizer.readability import HYPHENATION_LANGUAGE, preload_hyphenation

    path = pyphen.LANGUAGES[HYPHENATION_LANGUAGE]
    own = pyphen.HyphDict(path)

    def no_parsing(self: object, path: object) -> None:
        raise AssertionError("pyphen parsed its pattern file")

    monkeypatch.setattr(pyphen, "hdcache", {})
    monkeypatch.setattr(pyphen.HyphDict, "__init__", no_parsing)
    assert preload_hyphenation()
    hyphenator = pyphen.Pyphen(lang=HYPHENATION_LANGUAGE)  # as textstat's get_pyphen makes it
    preloaded = pyphen.hdcache[path]
    assert (preloaded.patterns, preloaded.maxlen) == (own.patterns, own.maxlen)
    for word in ["Zelenskyy", "hyphenation", "syndicated", "Kyiv", "extraordinarily", "ﬁnance"]:
        assert preloaded.positions(word) == own.positions(word), word
        assert hyphenator.positions(word) == [
            i for i in own.positions(word) if 2 <= i <= len(word) - 2
        ]


# Pieces textstat leaves out (two words or fewer once punctuation is gone), pieces whose third
# "word" is punctuation only, abbreviations, contractions, quotes and non-ASCII words.
SENTENCE_TEXTS = [
    "The U.S. Navy said on Jan. 5 that it had sent 3.5 ships — and more. Yes! No? Ok.",
    "He said: “It’s — — over.” Then, ‘we’ll see’ … Mr. Kim’s aides didn't reply!!! A — b.",
    "Zelenskyy's Kyiv-based aides said 11,000 troops—roughly 3.5% of them—left. İstanbul, ﬁne.",
    "- - -. a , , b. one two three. Один два три. 42 43 44!",
    "",
    "   ",
    "...",
]


def test_sentence_counter_counts_as_textstat_does() -> None:
    import importlib

    offline_textstat()
    per_sentence = importlib.import_module("textstat.backend.metrics._words_per_sentence")
    own = importlib.import_module("textstat.backend.counts._count_sentences")
    assert per_sentence.count_sentences is not own.count_sentences  # the quicker one is in use
    for text in [*SENTENCE_TEXTS, " ".join(SENTENCE_TEXTS)]:
        assert per_sentence.count_sentences(text) == own.count_sentences(text), text
    # Three sentences; "Yes!" and "A — b." have two words or fewer and are left out.
    assert per_sentence.count_sentences("One two three. Yes! Four five six. A — b. X y z.") == 3


def test_hyphenation_counter_finds_pyphens_points() -> None:
    import pyphen

    from summarizer.readability import HYPHENATION_LANGUAGE, HyphenationCounter

    hyphenator = pyphen.Pyphen(lang=HYPHENATION_LANGUAGE)
    counter = HyphenationCounter(hyphenator)
    words = [
        *("zelenskyy", "hyphenation", "syndicated", "kyiv", "extraordinarily", "ﬁnance"),
        *("Rusbridger", "Hmm"),
        *("energysipping", "42magnitude", "19832005", "heffner's", "İstanbul", "café", "x'y"),
        *("a", "ab", "abc", ""),
    ]
    for word in words:
        assert counter(word) == len(hyphenator.positions(word)), word
    assert counter("hyphenation") == 2  # hy-phen-ation


def test_measure_sentences_is_measure_of_the_joined_sentences() -> None:
    from summarizer.readability import measure_sentences

    texts = ["Gen. Smith said the U.S. sent 11,000 troops.", "B-52 bombers flew 3.5 km.", "Ok."]
    assert measure_sentences(texts) == measure(" ".join(texts))
    assert measure_sentences(texts).words == 7 + 4 + 1  # numbers are not words
    assert measure_sentences([]) == measure("")
