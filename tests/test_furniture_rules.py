"""The furniture pattern rules, one at a time: each names what it drops and stops at its limits."""

from __future__ import annotations

import json
import typing
from importlib import resources

import pytest

from summarizer.ingest.furniture import (
    PATTERN_RULES,
    FurnitureRule,
    pattern_rule,
    rules_admitting,
)
from summarizer.ingest.units import Unit, build_units
from summarizer.models import FURNITURE_REASONS, FurnitureReason

LONG = " ".join(["The minister said the talks would go on through the week."] * 9)

# rule name -> (a line the rule drops, a line close to it that it keeps)
EXAMPLES: dict[str, tuple[str, str]] = {
    "separator": ("* * *", "* * * the war goes on"),
    "image": ("![A tank](tank.jpg)", "A tank rolled past."),
    "source line": ("Source: Example Wire", "Source: " + LONG),
    "credit prefix": ("Photo: Jane Doe", "Photographers covered the talks on Monday."),
    "long credit prefix": (
        "Photo: Soldiers stand by a tank near the border town on the first day of the talks here",
        "Photo: " + LONG,
    ),
    "agency credit": ("Jane Doe / Getty Images", "He spoke to Getty Images on Monday, he said."),
    "caption prefix": ("Main image: The harbour at dawn.", "Main street image: it was dawn."),
    "trailing credit label": (
        "Soldiers at the border. Photograph: Jane Doe",
        "Photograph: the word appears late in this long line. " + LONG,
    ),
    "trailing credit": (
        "Soldiers pose near the border on Monday. (Jane Doe)",
        "The talks ended on Monday, officials said. (Reuters)",
    ),
    "caption line": ("HMS Cornwall at Zeebrugge in 2006.", "HMS Cornwall is at Zeebrugge in 2006."),
    "dated headline": (
        "2005/01/08 Tsunami aid donations deductible",
        "2005/01/08 " + LONG,
    ),
    "byline": ("By Jane Doe", "By contrast, the talks went on."),
    "staff byline": ("Guardian staff and agencies", "Guardian staff and agencies met the minister"),
    "dateline": ("Published 4 April 2017", "Published 4 April 2017 " + LONG),
    "bare date": ("Tue 14 Jan 2025 01.47 GMT", "Tue 14 Jan 2025 the talks went on all day"),
    "navigation": ("Skip to main content", "Skip to the next chapter of the war"),
    "tags": ("Tags: Ukraine, Russia", "Tags: " + LONG),
    "copyright": ("© 2025 Example News", "© " + LONG),
    "share": ("Share this", "Share this with the minister and all of his staff, she said."),
    "social row": ("Facebook Twitter WhatsApp Email", "Facebook and Twitter were blocked."),
    "follow us": ("Follow us on Twitter", "Follow us on Twitter " + LONG),
    "newsletter": ("Sign up for our daily newsletter", "Sign up for our daily newsletter " + LONG),
    "comment prompt": ("Leave a comment", "Leave a comment about the talks, the minister said."),
    "related line": ("Read also", "Read also the minister's letter to the council on Monday."),
    "related prefix": ("Read more: Talks resume", "Read more: " + LONG),
    "link only": ("[Talks resume](https://example.org/a)", "[Talks resume](x) " + LONG),
    "site footer": ("Privacy policy", "Privacy policy changes were debated."),
    "advertisement": ("Advertisement", "Advertisement revenue fell sharply this year."),
    "layout label": ("Article top banner ad", "Article top banner ad rules were changed."),
    "breadcrumb trail": ("Home › World › Europe", "Home › World › Europe " + LONG),
}


def _unit(text: str) -> Unit:
    units = build_units([text], True, {}, 0)
    assert len(units) == 1
    return units[0]


def _rule(name: str) -> FurnitureRule:
    return next(rule for rule in PATTERN_RULES if rule.name == name)


def test_every_rule_has_a_unique_name_a_known_reason_and_an_example() -> None:
    names = [rule.name for rule in PATTERN_RULES]
    assert len(names) == len(set(names))
    assert set(names) == set(EXAMPLES)
    assert {rule.reason for rule in PATTERN_RULES} <= FURNITURE_REASONS


@pytest.mark.parametrize("name", list(EXAMPLES))
def test_each_rule_drops_its_example_and_keeps_the_near_miss(name: str) -> None:
    dropped, kept = EXAMPLES[name]
    rule = _rule(name)
    assert rule.matches(_unit(dropped)), dropped
    assert not rule.matches(_unit(kept)), kept


def test_the_first_matching_rule_names_the_reason() -> None:
    rule = pattern_rule(_unit("Photo: Jane Doe / Getty Images"))
    assert rule is not None
    assert (rule.name, rule.reason) == ("credit prefix", "photo credit")
    assert pattern_rule(_unit(LONG)) is None


def test_limits_are_checked_before_the_pattern() -> None:
    def never_called(unit: Unit) -> bool:
        raise AssertionError("the pattern ran on a line over the rule's limits")

    rule = FurnitureRule("probe", "tags", never_called, max_words=3, max_sentences=0)
    assert not rule.matches(_unit("Tags: one two three four five"))


def test_schema_and_models_list_the_same_furniture_reasons() -> None:
    schema = json.loads(
        resources.files("summarizer").joinpath("schema/inspection.schema.json").read_text()
    )
    enum = schema["$defs"]["sentence"]["properties"]["furniture"]["enum"]
    assert set(enum) - {None} == set(typing.get_args(FurnitureReason))


def test_inspect_names_the_rule_that_dropped_a_line(tmp_path, run_cli) -> None:
    article = tmp_path / "a.txt"
    article.write_text(
        "Talks resume in Geneva\n\nPhoto: Jane Doe\n\n"
        "The minister said the talks would resume on Monday in Geneva after a pause.\n\n"
        "Share this\n",
        encoding="utf-8",
    )
    result = run_cli("inspect", str(article), "-f", "json")
    assert result.exit_code == 0, result.output
    dropped = {
        s["text"]: (s["furniture"], s["furniture_rule"])
        for s in json.loads(result.stdout)["sentences"]
        if s["furniture"]
    }
    assert dropped["Photo: Jane Doe"] == ("photo credit", "credit prefix")
    assert dropped["Share this"] == ("share buttons", "share")
    assert dropped["Talks resume in Geneva"] == ("title", None)
    text = run_cli("inspect", str(article)).stdout
    assert "DROPPED: photo credit (rule: credit prefix)" in text


@pytest.mark.parametrize("words", [0, 1, 6, 7, 10, 11, 12, 13, 25, 26, 60, 61, 80, 81, 500])
@pytest.mark.parametrize("sentences", [0, 1, 2, 3, 4, 20])
def test_rules_admitting_keeps_the_rules_within_their_limits_in_order(
    words: int, sentences: int
) -> None:
    expected = [
        rule
        for rule in PATTERN_RULES
        if (rule.max_words is None or words <= rule.max_words)
        and (rule.max_sentences is None or sentences <= rule.max_sentences)
    ]
    assert list(rules_admitting(words, sentences)) == expected


@pytest.mark.parametrize("text", [text for pair in EXAMPLES.values() for text in pair] + [LONG])
def test_pattern_rule_is_the_first_rule_that_matches(text: str) -> None:
    unit = _unit(text)
    assert pattern_rule(unit) == next((r for r in PATTERN_RULES if r.matches(unit)), None)
