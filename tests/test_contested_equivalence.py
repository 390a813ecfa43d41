"""contest_cue's quicker pre-checks answer exactly as the ones first written."""

from __future__ import annotations

import random
from pathlib import Path

from summarizer import contested
from summarizer.contested import contest_cue, denies
from summarizer.segment import sentence_spans

NAMES = ("denial_verbs", "denial_predicates")


def _plain_may_open_cue(text: str, *names: str) -> bool:
    """``_may_open_cue`` as first written: the set of the lower-cased text's words."""
    firsts = contested._cue_first_words(*names)
    if firsts is None:
        return True
    if text.isascii():
        words = set(contested._WORD_RUN.findall(text.lower()))
        if firsts.isdisjoint(words):
            return False
        return any(entry <= words for entry in contested._cue_word_sets(*names))
    return contested._cue_openings(*names).search(text) is not None


def _plain_may_name_place(text: str) -> bool:
    nouns = contested._frame_nouns()
    if nouns is not None and text.isascii() and not any(n in text.lower() for n in nouns):
        return False
    return contested._frame_noun_pattern().search(text) is not None


# Cue words whole, inside longer words, in any case, beside punctuation, digits and underscores,
# place nouns, and non-ASCII text (which takes the case-blind search).
PIECES = [
    *("denied", "DENIED", "Denies", "deny", "not", "NOT", "no", "No.", "nothing", "cannot"),
    *("could", "couldn't", "not_", "_no", "no1", "2no", "unconfirmed", "fake", "fakes"),
    *("reports", "confirm", "confirmed", "officially", "news", "the", "said", "Iran"),
    *("waters", "Waters", "airspace", "borderline", "soil", "territory", "in", "Iranian"),
    *(" ", " ", " ", ", ", ". ", "'", "-", "—", "é", "İ", "Kelvin\u212a", "not\u00a0"),
]


def _generated(count: int, seed: int) -> list[str]:
    generator = random.Random(seed)
    return ["".join(generator.choices(PIECES, k=generator.randint(0, 20))) for _ in range(count)]


def _seed_sentences() -> list[str]:
    seeds = sorted((Path(__file__).parent.parent / "seeds").glob("*.txt"))
    texts = [path.read_text(encoding="utf-8") for path in seeds]
    return [text[start:end] for text in texts for start, end in sentence_spans(text)]


def test_cue_and_place_prechecks_answer_as_first_written() -> None:
    texts = [*_generated(1500, seed=4), *_seed_sentences()]
    opened = sum(contested._may_open_cue(text, *NAMES) for text in texts)
    assert 0 < opened < len(texts)  # both answers are exercised
    for text in texts:
        assert contested._may_open_cue(text, *NAMES) == _plain_may_open_cue(text, *NAMES), text
        assert contested._may_name_place(text) == _plain_may_name_place(text), text


def test_denials_and_slots_are_found_through_the_prechecks() -> None:
    assert denies("Officials flatly denied the reports.")
    assert denies("The claim is NOT TRUE, the ministry said.")  # an entry in capitals
    assert not denies("Nothing was confirmed; the cannot-miss event went ahead.")
    cue = contest_cue("The sailors were in Iranian waters, Tehran said.", None)
    assert cue.slot is not None and cue.slot[1] == contest_cue("In Iranian waters.", None).slot[1]
