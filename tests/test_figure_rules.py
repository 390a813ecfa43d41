"""The figures package's rule tables: each named rule decides on its own, in table order."""

from __future__ import annotations

import pytest

from summarizer.figures.claims import (
    NON_CLAIM_RULES,
    non_claim_rule,
    read_counted,
    sentence_view,
)
from summarizer.figures.extract import READING_RULES, reading_context, reading_rule
from summarizer.figures.numbers import read_quantity
from summarizer.figures.tokens import tokenize


def _first_phrase_rule(text: str) -> str | None:
    view = sentence_view(text, 0)
    rule = non_claim_rule(view, view.phrases[0])
    return rule.name if rule else None


def test_rule_names_are_unique() -> None:
    for table in (NON_CLAIM_RULES, READING_RULES):
        names = [rule.name for rule in table]
        assert len(names) == len(set(names))


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("It was the 5th attempt.", "ordinal suffix"),
        ("They fired 170mm shells.", "glued letters"),
        ("The war began in 2022 after months of tension.", "bare year"),
        ("Troops arrived on February 8 near the border.", "day or year beside a month"),
        ("The talks lasted 3 days in total.", "duration or compound"),
        ("Kim Smith, 45, said so.", "age"),
        ("Under Resolution 2231 the ban stands.", "named by the word before"),
        ("About 300 soldiers were killed.", None),
    ],
)
def test_non_claim_rule_by_name(text: str, rule: str | None) -> None:
    assert _first_phrase_rule(text) == rule


def test_the_first_applicable_non_claim_rule_wins() -> None:
    # "5th" is glued letters too; the ordinal rule comes first and names the better reason.
    view = sentence_view("It was the 5th attempt.", 0)
    applicable = [r.name for r in NON_CLAIM_RULES if r.applies(view, view.phrases[0])]
    assert applicable[:2] == ["ordinal suffix", "glued letters"]


@pytest.mark.parametrize(
    ("text", "rule", "measure"),
    [
        ("About 300 soldiers were killed in the fighting.", "casualty", "killed"),
        ("Japan pledged $500 million in aid.", "money", "pledged"),
        ("North Korea sent 11,000 troops to Russia.", "people moved", "deployed"),
        ("The country supplied 200 artillery pieces.", "things", "supplied"),
        ("It was a magnitude 7.1 earthquake.", "rate noun", "magnitude"),
    ],
)
def test_reading_rule_by_name(text: str, rule: str, measure: str) -> None:
    view = sentence_view(text, 0)
    index = next(i for i, reason in enumerate(view.skip) if reason is None)
    context = reading_context(view, index, read_counted(view, view.phrases[index]), (), None)
    chosen = reading_rule(context)
    assert chosen.name == rule
    reading = chosen.read(context)
    assert reading is not None and reading.measure == measure


@pytest.mark.parametrize(
    ("text", "low", "high", "percent", "currency"),
    [
        ("2.3 billion", 2.3e9, 2.3e9, False, ""),
        ("hundreds", 200.0, 999.0, False, ""),
        ("fifteen", 15.0, 15.0, False, ""),
        ("12 per cent", 12.0, 12.0, True, ""),
        ("500 million dollars", 5e8, 5e8, False, "USD"),
    ],
)
def test_read_quantity_steps(
    text: str, low: float, high: float, percent: bool, currency: str
) -> None:
    quantity = read_quantity(tokenize(text), 0)
    assert quantity is not None
    assert (quantity.low, quantity.high, quantity.percent, quantity.currency) == (
        low,
        high,
        percent,
        currency,
    )
