"""Small named steps inside figures/: each rule decides on its own, and table order matters."""

from __future__ import annotations

import pytest

from summarizer.figures import claims, extract, numbers
from summarizer.figures.attribution import actor_after_by, noun_phrase_before
from summarizer.figures.claims import casualty_category, noun_phrase_after, sentence_view
from summarizer.figures.numbers import CURRENCY_AFTER_RULES, CURRENCY_BEFORE_RULES
from summarizer.figures.tokens import tokenize


def _index(tokens: list, text: str) -> int:
    return next(i for i, t in enumerate(tokens) if t.text == text)


@pytest.mark.parametrize(
    ("text", "rule", "code"),
    [
        ("$5", "_symbol_before", "USD"),
        ("US$5", "_prefixed_dollar_before", "USD"),
        ("US $5", None, None),  # the prefix must touch the sign
        ("USD 5", "_code_before", "USD"),
        ("RMB 5", "_code_before", "CNY"),
    ],
)
def test_currency_before_rules(text: str, rule: str | None, code: str | None) -> None:
    tokens = list(tokenize(text))
    matches = [(r.__name__, r(tokens, 0)) for r in CURRENCY_BEFORE_RULES if r(tokens, 0)]
    if rule is None:
        assert matches == []
    else:
        assert matches[0][0] == rule
        assert matches[0][1][0] == code


@pytest.mark.parametrize(
    ("text", "rule", "code", "last"),
    [
        ("5 pounds sterling", "_pounds_sterling_after", "GBP", 2),
        ("5 Hong Kong dollars", "_hong_kong_dollars_after", "HKD", 3),
        ("5 RMB", "_code_after", "CNY", 1),
        ("5 euros", "_currency_word_after", "EUR", 1),
    ],
)
def test_currency_after_rules(text: str, rule: str, code: str, last: int) -> None:
    tokens = list(tokenize(text))
    first = next(r for r in CURRENCY_AFTER_RULES if r(tokens, 0) is not None)
    assert first.__name__ == rule
    assert first(tokens, 0) == (code, last)


def test_pounds_sterling_comes_before_the_bare_currency_word() -> None:
    names = [r.__name__ for r in CURRENCY_AFTER_RULES]
    assert names.index("_pounds_sterling_after") < names.index("_currency_word_after")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("two hundred and fifty", 250.0),
        ("half a million", 500_000.0),
        ("a dozen", 12.0),
        ("twenty-one thousand", 21_000.0),
    ],
)
def test_number_words(text: str, value: float) -> None:
    read = numbers._read_number_words(list(tokenize(text)), 0)
    assert read is not None and read[0] == value


@pytest.mark.parametrize("text", ["one of them", "half", "dozen eggs", "million"])
def test_words_that_are_no_count(text: str) -> None:
    assert numbers._read_number_words(list(tokenize(text)), 0) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a few hundred", (200.0, 500.0, 2)),
        ("several", (3.0, 9.0, 0)),
        ("tens of thousands", (20_000.0, 99_000.0, 2)),
        ("hundreds", (200.0, 999.0, 0)),
        ("tens", None),
        ("few", None),
    ],
)
def test_vague_counts(text: str, expected: tuple[float, float, int] | None) -> None:
    assert numbers._read_vague(list(tokenize(text)), 0) == expected


def test_range_joins_and_rescales_the_lower_end() -> None:
    phrase = numbers._read_phrase(list(tokenize("10-12 million people")), 0)
    assert phrase is not None
    assert (phrase.value.low, phrase.value.high) == (10e6, 12e6)
    assert phrase.value.qualifier == "range"


def test_units_clash_keeps_two_numbers() -> None:
    tokens = list(tokenize("rose 2.1% to $84.50"))
    phrase = numbers._read_phrase(tokens, 1)
    assert phrase is not None and phrase.value.high == pytest.approx(2.1)


def test_from_to_is_a_change_not_a_range() -> None:
    tokens = list(tokenize("from 9.0 to 9.1"))
    phrase = numbers._read_phrase(tokens, 1)
    assert phrase is not None and phrase.superseded and phrase.value.high == pytest.approx(9.0)


@pytest.mark.parametrize(
    ("text", "ratio"),
    [("one in five people", True), ("three times more", True), ("two out of three", True),
     ("five people in Paris", False)],
)  # fmt: skip
def test_ratio_rule(text: str, ratio: bool) -> None:
    assert numbers._is_ratio(list(tokenize(text)), 0) is ratio


@pytest.mark.parametrize(
    "text",
    ["Defence Minister Ali Smith on Monday said", "Defence Minister Ali Smith has previously said"],
)
def test_speaker_phrase_steps_over_time_and_auxiliary(text: str) -> None:
    tokens = list(tokenize(text))
    span = noun_phrase_before(tokens, _index(tokens, "said"))
    assert span is not None
    assert (tokens[span[0]].text, tokens[span[1]].text) == ("Defence", "Smith")


def test_speaker_phrase_joins_names_but_not_the() -> None:
    tokens = list(tokenize("the Ministry of Health said"))
    span = noun_phrase_before(tokens, _index(tokens, "said"))
    assert span is not None and tokens[span[0]].text == "Ministry"


def test_actor_after_by_takes_adjectives_before_a_name() -> None:
    view = sentence_view("It was pledged by private U.S. citizens.", 0)
    after = list(range(len(view.tokens)))
    assert actor_after_by(view, after) == "U.S. citizens"


def test_counted_noun_phrase_skips_calibre_and_stops_at_verb() -> None:
    tokens = list(tokenize("240mm rocket launchers fired at"))
    words, last, additional = noun_phrase_after(tokens, 0)
    assert words == ["rocket", "launchers"] and tokens[last].text == "launchers"
    assert not additional


@pytest.mark.parametrize(
    ("text", "category"),
    [("held hostage", "captured"), ("lost their lives", "killed"), ("held talks", None)],
)
def test_casualty_category(text: str, category: str | None) -> None:
    assert casualty_category(list(tokenize(text)), 0) == category


@pytest.mark.parametrize(
    ("text", "rule", "scope"),
    [
        ("At least 80,000 were killed in Indonesia.", "_scope_in_place", "indonesia"),
        ("Sweden has 17 dead.", "_scope_country_has", "sweden"),
        ("In Aceh alone, 50,000 died.", "_scope_alone", "aceh"),
    ],
)
def test_scope_rules(text: str, rule: str, scope: str) -> None:
    view = sentence_view(text, 0)
    index = next(i for i, p in enumerate(view.phrases) if p.quantity.plain_int or p.value.value)
    found = [(r.__name__, r(view, index)) for r in extract.SCOPE_RULES if r(view, index)]
    assert found[0] == (rule, scope)


def test_date_and_age_checks() -> None:
    tokens = list(tokenize("on 7th of February"))
    assert claims._month_after(tokens, 1)
    tokens = list(tokenize("Jan. 10"))
    assert claims._month_or_weekday_before(tokens, _index(tokens, "10"))


def test_clause_numbers_are_read_on_demand_the_same_with_or_without_phrases() -> None:
    """``clause_of`` is computed when first asked (most sentences hold no number phrase)."""
    with_number = sentence_view("Officials said 300 died; others fled, while troops stayed.", 0)
    without = sentence_view("Officials said many died; others fled, while troops stayed.", 0)
    assert with_number.phrases and not without.phrases and without.skip == ()
    lows = [t.low for t in without.tokens]
    expected = [0] * lows.index(";") + [1] * (lows.index("while") - lows.index(";"))
    expected += [2] * (len(lows) - lows.index("while"))
    assert list(without.clause_of) == expected
    assert list(with_number.clause_of) == expected
