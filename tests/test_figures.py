"""Tests for summarizer.figures: number grammar, claim extraction and cross-source grouping.

Articles are built directly (raw = body, identity offsets, one Line per line, a simple regex
sentence splitter) so these tests do not depend on ingest or segment. The seed sentences below
are copied from seeds/*.txt.
"""

from __future__ import annotations

import random
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.figures import (
    NumberValue,
    extract_figures,
    figure_measure_label,
    group_figures,
    parse_number,
)
from summarizer.models import Article, Figure, Line, Sentence

# ---------------------------------------------------------------------------------------------
# Helpers

_ABBREVIATION = re.compile(
    r"(?:\b[A-Z]\.|\b(?:Mr|Mrs|Ms|Dr|St|No|Jan|Feb|Aug|Sept|Oct|Nov|Dec)\.)$"
)
_BREAK = re.compile(r"[.!?][\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9])")


def make_article(
    text: str, *, id: str = "000", date: str | None = None
) -> tuple[Article, tuple[Sentence, ...]]:
    """An Article over text (raw = body) and its sentences, split by a test-only regex."""
    lines = []
    position = 0
    for line in text.split("\n"):
        lines.append(Line(position, position + len(line)))
        position += len(line) + 1
    article = Article(
        id=id,
        path=f"{id}.txt",
        raw=text,
        body=text,
        offsets=tuple(range(len(text) + 1)),
        lines=tuple(lines),
        format="txt",
        date=date,
    )
    sentences: list[Sentence] = []
    for number, line in enumerate(lines):
        chunk = text[line.start : line.end]
        starts = [0] + [
            m.end()
            for m in _BREAK.finditer(chunk)
            if not _ABBREVIATION.search(chunk[: m.start() + 1])
        ]
        for begin, end in zip(starts, [*starts[1:], len(chunk)], strict=True):
            piece = chunk[begin:end]
            if not piece.strip():
                continue
            lead = len(piece) - len(piece.lstrip())
            start, stop = line.start + begin + lead, line.start + begin + len(piece.rstrip())
            sentences.append(
                Sentence(
                    source=id,
                    index=len(sentences),
                    start=start,
                    end=stop,
                    text=" ".join(text[start:stop].split()),
                    paragraph=number,
                )
            )
    return article, tuple(sentences)


def figures_of(text: str, *, id: str = "000", date: str | None = None) -> tuple[Figure, ...]:
    article, sentences = make_article(text, id=id, date=date)
    return extract_figures(article, sentences)


def only(figures: tuple[Figure, ...], text: str) -> Figure:
    """The one figure whose number phrase contains text."""
    found = [f for f in figures if text in f.text]
    assert len(found) == 1, [f.text for f in figures]
    return found[0]


_SAME = float("nan")  # default bound: the value itself (None means unbounded)


def figure(
    source: str,
    value: float,
    measure: str,
    *,
    low: float | None = _SAME,
    high: float | None = _SAME,
    approximate: bool = False,
    unit: str = "troops",
    subject: str = "troops",
    attribution: str | None = None,
    text: str | None = None,
    index: int = 0,
) -> Figure:
    """A hand-made Figure for grouping tests."""
    sentence = Sentence(source=source, index=index, start=0, end=10, text="x")
    return Figure(
        source=source,
        sentence=sentence,
        text=text or f"{value:,.0f}",
        value=value,
        low=value if low is _SAME else low,
        high=value if high is _SAME else high,
        unit=unit,
        measure=measure,
        subject=subject,
        approximate=approximate,
        attribution=attribution,
        span=(index, index + 1),
    )


# ---------------------------------------------------------------------------------------------
# parse_number

# (text, value, low, high, approximate, unit)
PARSED = [
    ("11,000", 11000, 11000, 11000, False, ""),
    ("320000", 320000, 320000, 320000, False, ""),
    ("11 000", 11000, 11000, 11000, False, ""),
    ("11\u2009000", 11000, 11000, 11000, False, ""),
    ("11\u202f000", 11000, 11000, 11000, False, ""),
    ("10 000 000", 1e7, 1e7, 1e7, False, ""),
    ("2.3", 2.3, 2.3, 2.3, False, ""),
    ("1,000.5", 1000.5, 1000.5, 1000.5, False, ""),
    ("three", 3, 3, 3, False, ""),
    ("twenty-five", 25, 25, 25, False, ""),
    ("two hundred and fifty", 250, 250, 250, False, ""),
    ("one million", 1e6, 1e6, 1e6, False, ""),
    ("half a million", 5e5, 5e5, 5e5, False, ""),
    ("a dozen", 12, 12, 12, True, ""),
    ("two dozen", 24, 24, 24, False, ""),
    ("2.3 billion", 2.3e9, 2.3e9, 2.3e9, False, ""),
    ("$350 million", 3.5e8, 3.5e8, 3.5e8, False, "USD"),
    ("500,000,000 USD", 5e8, 5e8, 5e8, False, "USD"),
    ("€1.2bn", 1.2e9, 1.2e9, 1.2e9, False, "EUR"),
    ("£3bn", 3e9, 3e9, 3e9, False, "GBP"),
    ("US$5m", 5e6, 5e6, 5e6, False, "USD"),
    ("5m", 5e6, 5e6, 5e6, False, ""),
    ("60.5 million USD", 6.05e7, 6.05e7, 6.05e7, False, "USD"),
    ("2 Billion U.S. dollars", 2e9, 2e9, 2e9, False, "USD"),
    ("15 billion lei", 1.5e10, 1.5e10, 1.5e10, False, "RON"),
    ("395,000 euro", 395000, 395000, 395000, False, "EUR"),
    ("a half-billion dollar", 5e8, 5e8, 5e8, False, "USD"),
    ("between 10,000 and 12,000", 11000, 10000, 12000, False, ""),
    ("10,000-12,000", 11000, 10000, 12000, False, ""),
    ("10,000–12,000", 11000, 10000, 12000, False, ""),
    ("10,000 to 12,000", 11000, 10000, 12000, False, ""),
    ("10-12 million", 1.1e7, 1e7, 1.2e7, False, ""),
    ("$2-3 billion", 2.5e9, 2e9, 3e9, False, "USD"),
    ("two or three", 2.5, 2, 3, False, ""),
    ("approximately 3,000", 3000, 3000, 3000, True, ""),
    ("about 11,000", 11000, 11000, 11000, True, ""),
    ("around 220", 220, 220, 220, True, ""),
    ("roughly 11,000", 11000, 11000, 11000, True, ""),
    ("some 12,500", 12500, 12500, 12500, True, ""),
    ("an estimated 300", 300, 300, 300, True, ""),
    ("300 or so", 300, 300, 300, True, ""),
    ("at least 2,000", 2000, 2000, None, False, ""),
    ("more than 1,000", 1000, 1000, None, False, ""),
    ("over $2.3 billion", 2.3e9, 2.3e9, None, False, "USD"),
    ("upwards of 500", 500, 500, None, False, ""),
    ("3,000 or more", 3000, 3000, None, False, ""),
    ("up to 80%", 80, None, 80, False, "%"),
    ("fewer than 100", 100, None, 100, False, ""),
    ("less than 5", 5, None, 5, False, ""),
    ("under 300", 300, None, 300, False, ""),
    ("nearly 2,000", 1900, 1800, 2000, True, ""),
    ("almost 400", 380, 360, 400, True, ""),
    ("80 percent", 80, 80, 80, False, "%"),
    ("5 per cent", 5, 5, 5, False, "%"),
]


@pytest.mark.parametrize(("text", "value", "low", "high", "approximate", "unit"), PARSED)
def test_parse_number_forms(
    text: str,
    value: float,
    low: float | None,
    high: float | None,
    approximate: bool,
    unit: str,
) -> None:
    parsed = parse_number(text)
    assert parsed is not None, text
    assert parsed.value == pytest.approx(value)
    assert parsed.low == (None if low is None else pytest.approx(low))
    assert parsed.high == (None if high is None else pytest.approx(high))
    assert parsed.approximate is approximate
    assert parsed.unit == unit
    assert parsed.text == " ".join(text.split())
    assert not parsed.ambiguous


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("dozens", 24, 99),
        ("hundreds", 200, 999),
        ("thousands", 2000, 9999),
        ("several", 3, 9),
        ("several hundred", 300, 900),
        ("a few thousand", 2000, 5000),
        ("tens of thousands", 20000, 99000),
        ("hundreds of thousands", 200000, 999000),
    ],
)
def test_vague_counts_are_bounded_and_flagged(text: str, low: float, high: float) -> None:
    parsed = parse_number(text)
    assert parsed is not None
    assert parsed.vague and parsed.approximate
    assert (parsed.low, parsed.high) == (low, high)
    assert low <= parsed.value <= high


def test_scale_is_reported() -> None:
    assert parse_number("$350 million").scale == 1e6  # type: ignore[union-attr]
    assert parse_number("€1.2bn").scale == 1e9  # type: ignore[union-attr]
    assert parse_number("11,000").scale == 1.0  # type: ignore[union-attr]


@pytest.mark.parametrize("text", ["1,00,000", "1,2345", "3,5", "€1,5", "12,00", "1.000.000"])
def test_malformed_digit_groups_return_none(text: str) -> None:
    assert parse_number(text) is None


def test_european_thousands_are_flagged_ambiguous_with_both_readings() -> None:
    parsed = parse_number("3.000")
    assert isinstance(parsed, NumberValue)
    assert parsed.ambiguous
    assert parsed.readings == (3.0, 3000.0)


@pytest.mark.parametrize(
    "text",
    ["5th", "first", "KN-23", "RQ-4B", "170mm", "February 8", "1950–53", "one", "", "troops"],
)
def test_non_numbers_return_none(text: str) -> None:
    assert parse_number(text) is None


@given(st.integers(min_value=0, max_value=10**12))
def test_grouped_integers_round_trip(number: int) -> None:
    for written in (f"{number:,}", str(number), f"{number:,}".replace(",", "\u202f")):
        parsed = parse_number(written)
        assert parsed is not None
        assert parsed.value == number


@settings(max_examples=300)
@given(st.text(alphabet="0123456789,. ", min_size=1, max_size=12))
def test_digit_strings_never_parse_to_a_silently_wrong_value(text: str) -> None:
    parsed = parse_number(text)  # must not raise
    if parsed is None or parsed.ambiguous:
        return
    # Whatever parses unflagged is a well-grouped number and means its plain English reading.
    written = parsed.text
    if "," in written:
        assert re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", written), written
    assert parsed.value == pytest.approx(float(re.sub(r"[ ,]", "", written)))


@given(st.text(max_size=40))
def test_parse_number_never_raises(text: str) -> None:
    parse_number(text)


# ---------------------------------------------------------------------------------------------
# Extraction on seed sentences

SEED_000 = (
    "As reported, South Korean intelligence said that North Korea had sent about 11,000 troops "
    "to support Russia in its war against Ukraine. Of these, 300 have already been killed and "
    "about 2,700 others wounded."
)
SEED_002_TOTAL = (
    "In total, North Korea has dispatched roughly 11,000 troops to take part in the conflict in "
    "Ukraine—its first large-scale military involvement since the Korean War (1950–53). The "
    "Joint Chiefs estimate that about 4,000 of those troops have either been killed or injured."
)
SEED_002_LEAD = (
    "North Korea deployed approximately 3,000 additional troops to Russia in January and "
    "February, continuing its support for Russian President Vladimir Putin’s war in Ukraine, "
    "according to South Korea’s latest assessment"
)
SEED_002_LAUNCHERS = (
    "The military supplies North Korea has sent to Russia include a substantial quantity of "
    "short-range ballistic missiles, 170mm self-propelled howitzers, and around 220 units of "
    "240mm multiple rocket launchers."
)
SEED_003_INTEL = (
    "This follows an earlier report by South Korea’s intelligence agency, which estimated that "
    "North Korea had dispatched around 11,000 troops to assist Russian forces. Among them, "
    "approximately 300 are believed to have been killed, while 2,700 others have sustained "
    "injuries."
)
SEED_003_WESTERN = (
    "Western officials estimate that, as of mid-January, approximately 1,000 North Korean troops "
    "have been killed in action, with another 3,000 wounded or missing."
)
SEED_003_ARTILLERY = (
    "North Korea has supplied approximately 200 pieces of long-range artillery to Russia and is "
    "likely to send further military support, according to South Korea’s defence ministry."
)
SEED_003_CONTAINERS = (
    "Furthermore, the United States’ Ambassador to NATO, Julianne Smith, previously stated that "
    "Pyongyang had already shipped more than 1,000 containers of ammunition to Russia."
)
SEED_004_RANGE = (
    "Since October of the previous year, Pyongyang has reportedly sent between 10,000 and 12,000 "
    "troops to the war, as confirmed by military sources from Ukraine, South Korea, and the U.S."
)
SEED_004_AID = (
    "Instead, Seoul has provided over $2.3 billion in humanitarian and financial aid to Ukraine."
)


def test_deployment_and_its_parts_share_attribution() -> None:
    figures = figures_of(SEED_000)
    assert [f.measure for f in figures] == ["deployed", "killed", "wounded"]
    troops, killed, wounded = figures
    assert (troops.value, troops.approximate, troops.unit) == (11000, True, "troops")
    assert troops.certainty == "estimated"
    assert (killed.value, killed.approximate, killed.certainty) == (300, False, "stated")
    assert (wounded.value, wounded.approximate, wounded.unit) == (2700, True, "troops")
    # "Of these" points back to the previous sentence's speaker.
    assert {f.attribution for f in figures} == {"South Korean intelligence"}


def test_combined_casualty_figure_and_partitive() -> None:
    figures = figures_of(SEED_002_TOTAL)
    total, combined = figures
    assert (total.measure, total.attribution, total.value) == ("deployed", None, 11000)
    assert combined.measure == "killed_or_wounded"
    assert (combined.value, combined.approximate, combined.unit) == (4000, True, "troops")
    assert combined.attribution == "Joint Chiefs"
    assert combined.certainty == "estimated"


def test_additional_troops_are_their_own_measure_with_period() -> None:
    lead = only(figures_of(SEED_002_LEAD, date="2025-03-20"), "3,000")
    assert lead.measure == "deployed_additional"
    assert lead.as_of == "in January and February 2025"
    assert lead.attribution == "South Korea"  # "South Korea's latest assessment" -> its owner
    assert figures_of(SEED_002_LEAD)[0].as_of == "in January and February"


def test_calibres_are_not_figures_but_the_launchers_are() -> None:
    figures = figures_of(SEED_002_LAUNCHERS)
    assert [f.text for f in figures] == ["around 220"]
    launchers = figures[0]
    assert launchers.measure == "supplied"
    assert "rocket launchers" in launchers.subject
    assert "240mm" not in launchers.subject


def test_relative_clause_speaker_and_hedge_scope() -> None:
    figures = figures_of(SEED_003_INTEL)
    troops = only(figures, "11,000")
    assert troops.attribution == "South Korea’s intelligence agency"
    killed = only(figures, "300")
    wounded = only(figures, "2,700")
    assert (killed.measure, killed.certainty) == ("killed", "hedged")  # "are believed to"
    assert (wounded.measure, wounded.certainty) == ("wounded", "stated")  # its own clause
    assert killed.attribution == wounded.attribution == troops.attribution


def test_killed_and_wounded_or_missing_with_as_of() -> None:
    figures = figures_of(SEED_003_WESTERN, date="2025-03-14")
    killed, rest = figures
    assert (killed.measure, killed.value, killed.subject) == ("killed", 1000, "north korean troops")
    assert (rest.measure, rest.value) == ("wounded_or_missing", 3000)
    assert killed.attribution == rest.attribution == "Western officials"
    assert killed.as_of == rest.as_of == "as of mid-January 2025"
    assert killed.certainty == rest.certainty == "estimated"


def test_pieces_of_artillery_and_clause_bound_hedge() -> None:
    artillery = only(figures_of(SEED_003_ARTILLERY), "200")
    assert (artillery.measure, artillery.unit) == ("supplied", "artillery pieces")
    assert artillery.attribution == "South Korea’s defence ministry"
    # "is likely to send further support" is a second claim; the 200 is only approximate.
    assert artillery.certainty == "estimated"


def test_appositive_speaker_and_lower_bound() -> None:
    containers = only(figures_of(SEED_003_CONTAINERS), "1,000")
    assert containers.attribution == "Julianne Smith"
    assert (containers.low, containers.high) == (1000, None)
    assert (containers.measure, containers.unit) == ("supplied", "containers")
    assert containers.subject == "containers of ammunition"


def test_range_hedge_source_list_and_resolved_year() -> None:
    troops = only(figures_of(SEED_004_RANGE, date="2025-03-10"), "10,000")
    assert (troops.low, troops.high, troops.value) == (10000, 12000, 11000)
    assert troops.certainty == "hedged"  # "reportedly"
    assert troops.attribution == "military sources from Ukraine, South Korea, and the U.S."
    assert troops.as_of == "since October 2024"  # sentence capital dropped


def test_money_given_by_a_capital_city_is_its_country() -> None:
    aid = only(figures_of(SEED_004_AID), "2.3")
    assert (aid.unit, aid.measure, aid.subject) == ("USD", "given", "south korea")
    assert (aid.low, aid.high) == (2.3e9, None)


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "At least 45 civilians were killed in the strikes, the Syrian Observatory for Human "
            "Rights said.",
            "Syrian Observatory for Human Rights",
        ),
        ("More than 1,800 people were killed, state media said.", "state media"),
        ("The United Nations put the death toll at 2,600 on Sunday.", "United Nations"),
        ("Police said 12 people were arrested.", "Police"),
        ("According to the health ministry, 300 people were injured.", "health ministry"),
    ],
)
def test_attribution_forms(text: str, speaker: str) -> None:
    (found,) = figures_of(text)
    assert found.attribution == speaker


def test_definite_reference_and_pronoun_resolve_to_earlier_speaker() -> None:
    text = (
        "At least 2,000 people died, according to the interior ministry. About 12,000 people "
        "have been displaced, the ministry said. He said 40 people were still missing."
    )
    died, displaced, missing = figures_of(text)
    assert died.attribution == "interior ministry"
    assert displaced.attribution == "interior ministry"
    assert missing.attribution == "interior ministry"


@pytest.mark.parametrize(
    ("text", "certainty"),
    [
        ("300 people were killed in the blast.", "stated"),
        ("About 300 people were killed in the blast.", "estimated"),
        ("Officials estimate that 300 people were killed.", "estimated"),
        ("As many as 300 people may have been killed.", "hedged"),
        ("Reportedly, 300 people were killed.", "hedged"),
        ("If the rains continue, the toll would rise to 5,000 dead.", "speculative"),
    ],
)
def test_certainty_scale(text: str, certainty: str) -> None:
    (found,) = figures_of(text)
    assert found.certainty == certainty


@pytest.mark.parametrize(
    ("text", "measure", "unit"),
    [
        ("The quake left 2,000 people dead.", "killed", "people"),
        ("The strike killed 12 civilians.", "killed", "civilians"),
        ("Some 12,500 people were displaced.", "displaced", "people"),
        ("Two soldiers were captured.", "captured", "troops"),
        ("The storm claimed 175,000 victims.", "killed", "people"),
        ("Japan has pledged $500 million in aid.", "pledged", "USD"),
        ("Romanians have raised 395,000 euro for the victims.", "raised", "EUR"),
        ("Lopez won 52,340 votes.", "votes", "votes"),
        ("Brent crude settled at $84.50 a barrel.", "price", "USD/barrel"),
        ("Turnout was 61.2%, the commission said.", "turnout", "%"),
        ("The army destroyed 14 tanks.", "destroyed", "tanks"),
    ],
)
def test_measures_from_general_grammar(text: str, measure: str, unit: str) -> None:
    (found,) = figures_of(text)
    assert (found.measure, found.unit) == (measure, unit)


def test_span_maps_to_raw_text_through_irregular_white_space() -> None:
    text = "Intro line.\nOf these, 300 have been killed and about\n   2,700 others  wounded."
    article, sentences = make_article(text)
    # One sentence spanning the line break, as a segmenter that joins lines would give.
    start = text.index("Of these")
    joined = Sentence(source="000", index=1, start=start, end=len(text), text="…")
    figures = extract_figures(article, (sentences[0], joined))
    wounded = only(figures, "2,700")
    assert wounded.text == "about 2,700"
    assert article.raw[wounded.span[0] : wounded.span[1]] == "about\n   2,700"
    killed = only(figures, "300")
    assert article.raw[killed.span[0] : killed.span[1]] == "300"


def test_furniture_sentences_are_skipped() -> None:
    article, sentences = make_article(
        "Share this: 5,000 readers liked it.\n300 people were killed."
    )
    marked = (Sentence(**{**sentences[0].__dict__, "furniture": "share"}), sentences[1])
    assert [f.text for f in extract_figures(article, marked)] == ["300"]


NON_CLAIMS = [
    "Reuters reported on February 6 that missiles fired since December 2024 improved.",
    "On 7 February, he said Russian forces had redeployed soldiers to the region.",
    "It was the first large-scale deployment since the Korean War (1950–53).",
    "The KN-23, the RQ-4B, an E-7, an F-16 and an Su-27 were shown with 170mm howitzers.",
    "The meeting began at 10:30 a.m. and ended at 4 pm.",
    "John Smith, 45, said he was 5th in line.",
    "Call +44 20 7946 0958 or 555-123-4567 for details.",
    "1. Background",
    "Resolution 2231 was adopted in 2015.",
    "Seven decades ago, the country fought its last war.",
    "A 7.1-magnitude quake hit the 12-storey building.",
    "The ministry pointed to two key areas of interest.",
    "Three in ten citizens have donated, a poll found.",
    "The figure was 12% higher than expected.",
    "One of them expressed a desire to switch sides.",
    "Donations made in 2005 are deductible on 2004 tax returns.",
    "Ukrainian President Volodymyr Zelensky noted on February 8 that Russia is spreading "
    "modern technology to North Korea, and told Reuters on February 7 that thousands of North "
    "Korean troops have returned to active combat in Kursk region after a brief pause.",
    "Photos showed Kim monitoring a drone resembling the U.S.-made RQ-4B Global Hawk, first "
    "unveiled during a military exhibition in 2023.",
    "Main image: Kim Jong Un observing a launch drill on March 18, 2024. (KCNA)",
    "Over the past several months, Kim has increasingly emphasised drone development.",
    "Three thousand point two of them, in 3.000 units.",
]


@pytest.mark.parametrize("text", NON_CLAIMS)
def test_numbers_that_are_not_claims(text: str) -> None:
    assert figures_of(text) == ()


def test_extraction_is_deterministic() -> None:
    text = "\n".join([SEED_000, SEED_003_INTEL, SEED_003_WESTERN])
    assert figures_of(text) == figures_of(text)


# ---------------------------------------------------------------------------------------------
# Grouping


def test_range_agrees_with_approximate_point() -> None:
    (group,) = group_figures(
        [
            figure(
                "000", 11000, "deployed", approximate=True, attribution="South Korean intelligence"
            ),
            figure("004", 11000, "deployed", low=10000, high=12000, attribution="military sources"),
        ]
    )
    assert group.verdict == "agree"
    assert group.origins == 2
    assert group.key == "deployed:troops"


@pytest.mark.parametrize(
    ("other", "approximate", "verdict"),
    [
        (12000, False, "agree"),
        (12500, False, "diverge"),
        (12100, False, "agree"),
        (11000, True, "agree"),
    ],
)
def test_ten_percent_allowance_for_approximate_values(
    other: float, approximate: bool, verdict: str
) -> None:
    (group,) = group_figures(
        [
            figure("000", 11000, "deployed", approximate=True),
            figure("001", other, "deployed", approximate=approximate),
        ]
    )
    assert group.verdict == verdict


def test_exact_values_that_differ_diverge() -> None:
    (group,) = group_figures([figure("a", 2600, "killed"), figure("b", 3400, "killed")])
    assert group.verdict == "diverge"


def test_one_source_repeating_itself_is_single() -> None:
    (group,) = group_figures(
        [figure("003", 300, "killed", index=1), figure("003", 1000, "killed", index=2)]
    )
    assert group.verdict == "single"
    assert len(group.mentions) == 2


def test_lower_bounds_agree_with_larger_values() -> None:
    (group,) = group_figures(
        [
            figure("a", 2000, "killed", high=None, unit="people", subject="people"),
            figure("b", 1800, "killed", high=None, unit="people", subject="people"),
            figure("c", 2600, "killed", unit="people", subject=""),
        ]
    )
    assert group.verdict == "agree"


def test_same_speaker_relayed_by_two_outlets_is_one_origin() -> None:
    groups = group_figures(
        [
            figure("000", 300, "killed", attribution="South Korean intelligence"),
            figure(
                "003",
                300,
                "killed",
                approximate=True,
                attribution="South Korea’s intelligence agency",
            ),
            figure("004", 300, "killed", attribution="South Korea's National Intelligence Service"),
        ]
    )
    (group,) = groups
    assert group.verdict == "agree"
    assert group.origins == 1
    assert group.note == "300 killed: South Korean intelligence, via 000, 003 and 004"


def test_unattributed_outlets_are_separate_origins_a_bare_country_is_not_one() -> None:
    (group,) = group_figures(
        [
            figure("a", 10, "killed"),
            figure("b", 10, "killed"),
            figure("c", 10, "killed", attribution="South Korea"),
            figure("d", 10, "killed", attribution="South Korea's Joint Chiefs of Staff"),
        ]
    )
    assert group.origins == 4


def test_a_shorter_name_for_the_same_institution_is_the_same_origin() -> None:
    (group,) = group_figures(
        [
            figure("002", 4000, "killed", attribution="Joint Chiefs"),
            figure("005", 4000, "killed", attribution="South Korea's Joint Chiefs of Staff"),
            figure("006", 4000, "killed", attribution="Western officials"),
        ]
    )
    assert group.origins == 2


def test_combined_measure_is_compared_with_sums() -> None:
    seoul_intel = "South Korean intelligence"
    mentions = [
        figure("000", 300, "killed", attribution=seoul_intel, index=5),
        figure("000", 2700, "wounded", approximate=True, attribution=seoul_intel, index=5),
        figure("002", 4000, "killed_or_wounded", approximate=True, attribution="Joint Chiefs"),
        figure("003", 1000, "killed", approximate=True, attribution="Western officials", index=9),
        figure(
            "003",
            3000,
            "wounded_or_missing",
            approximate=True,
            attribution="Western officials",
            index=9,
        ),
    ]
    groups = {g.key: g for g in group_figures(mentions)}
    casualties = groups["casualties:troops"]
    assert casualties.verdict == "diverge"  # 300 + 2,700 = 3,000 cannot be ~4,000
    assert casualties.origins == 3
    assert "300 killed + ~2,700 wounded" in casualties.note
    assert "South Korean intelligence" in casualties.note
    assert "Joint Chiefs" in casualties.note
    assert "Western officials" in casualties.note
    # Combined measures only appear in the casualties group.
    assert "killed_or_wounded:troops" not in groups
    assert groups["killed:troops"].verdict == "diverge"
    # Without the 3,000 claim, ~4,000 killed or wounded fits inside ~4,000 killed/wounded/missing.
    consistent = {g.key: g for g in group_figures(mentions[2:])}
    assert consistent["casualties:troops"].verdict == "agree"


def test_additional_deployments_stay_apart_from_the_total() -> None:
    groups = group_figures(
        [
            figure("000", 11000, "deployed", approximate=True),
            figure("002", 3000, "deployed_additional", approximate=True),
            figure("003", 11000, "deployed", approximate=True),
        ]
    )
    keys = {g.key: g.verdict for g in groups}
    assert keys == {"deployed:troops": "agree", "deployed_additional:troops": "single"}


def test_incompatible_subjects_and_places_are_not_grouped() -> None:
    groups = group_figures(
        [
            figure("a", 300, "killed", subject="north korean troops"),
            figure("b", 900, "killed", subject="russian and north korean troops"),
            figure("c", 17, "killed", unit="people", subject="people in sweden"),
            figure("d", 150000, "killed", unit="people", subject=""),
        ]
    )
    assert all(g.verdict == "single" for g in groups)
    assert len(groups) == 4


def test_money_is_grouped_by_donor_and_currency() -> None:
    groups = group_figures(
        [
            figure("a", 5e8, "pledged", unit="USD", subject="japan"),
            figure("b", 5e8, "pledged", unit="USD", subject="japan"),
            figure("c", 3.5e8, "pledged", unit="USD", subject="united states"),
            figure("d", 3.5e8, "pledged", unit="USD", subject=""),
            figure("e", 1.5e5, "pledged", unit="EUR", subject="japan"),
        ]
    )
    verdicts = {g.key: (g.verdict, len(g.mentions)) for g in groups}
    assert verdicts["pledged:japan:usd"] == ("agree", 2)
    assert verdicts["pledged:united-states:usd"] == ("single", 1)
    assert verdicts["pledged::usd"] == ("single", 1)
    assert verdicts["pledged:japan:eur"] == ("single", 1)


def test_count_figures_are_not_grouped_and_vague_ones_do_not_decide() -> None:
    groups = group_figures(
        [
            figure("a", 37, "count", unit="survivors", subject="survivors"),
            figure("b", 40, "count", unit="survivors", subject="survivors"),
            figure("a", 300, "killed"),
            figure("b", 300, "killed"),
            figure("c", 6, "killed", low=3, high=9, approximate=True, text="several"),
        ]
    )
    (killed,) = groups
    assert killed.verdict == "agree"
    assert len(killed.mentions) == 3


def test_order_is_diverge_agree_single_then_sources_then_key() -> None:
    groups = group_figures(
        [
            figure("a", 1, "captured", index=1),
            figure("a", 10, "missing", index=2),
            figure("b", 10, "missing", index=2),
            figure("c", 10, "missing", index=2),
            figure("a", 5, "wounded", index=3),
            figure("b", 5, "wounded", index=3),
            figure("a", 100, "killed", index=4),
            figure("b", 200, "killed", index=4),
            figure("a", 7, "arrested", index=5),
        ]
    )
    assert [(g.verdict, g.key) for g in groups] == [
        ("diverge", "killed:troops"),
        ("agree", "missing:troops"),
        ("agree", "wounded:troops"),
        ("single", "arrested:troops"),
        ("single", "captured:troops"),
    ]


def test_grouping_is_deterministic_and_order_independent() -> None:
    text = "\n".join([SEED_000, SEED_002_TOTAL, SEED_003_INTEL, SEED_003_WESTERN, SEED_004_RANGE])
    mentions = list(figures_of(text, id="x"))
    mentions += list(figures_of(SEED_000, id="y"))
    shuffled = mentions[:]
    random.Random(7).shuffle(shuffled)
    assert group_figures(mentions) == group_figures(shuffled)


def test_theme_is_the_most_common_theme_of_the_mentions() -> None:
    mentions = [figure("a", 300, "killed"), figure("b", 300, "killed"), figure("c", 300, "killed")]
    themes = {"a": "casualties", "b": "casualties", "c": "military"}
    (group,) = group_figures(mentions, theme_of=lambda f: themes[f.source])
    assert group.theme == "casualties"
    (untagged,) = group_figures(mentions)
    assert untagged.theme is None


@pytest.mark.parametrize(
    ("key", "label"),
    [
        ("killed:north-korean-troops", "North Korean troops killed"),
        ("deployed_additional:troops", "Additional troops deployed"),
        ("killed_or_wounded:troops", "Troops killed or wounded"),
        ("pledged:japan:usd", "USD pledged by Japan"),
        ("raised:romania-people:eur", "EUR raised by people of Romania"),
        ("price:brent-crude:usd-per-barrel", "Price of brent crude (USD/barrel)"),
        ("votes:lopez:votes", "Votes for Lopez"),
        ("turnout::pct", "Turnout (%)"),
    ],
)
def test_figure_measure_label(key: str, label: str) -> None:
    assert figure_measure_label(key) == label
