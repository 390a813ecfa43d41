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
    # NLTK's corpus object stays an unloaded lazy loader: its 126,000-line parse never ran.
    assert isinstance(nltk.corpus.cmudict, LazyCorpusLoader)


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
