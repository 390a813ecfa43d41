"""End-to-end figure checks: the seeds through ingest and segment, then stories the rules were not
tuned on (an earthquake toll, tsunami aid pledges, a vote count, oil prices).

The tsunami sentences are quoted from WikiNews (MultiLing 2011 cluster M000, CC BY 2.5,
https://en.wikinews.org); the other stories were written for these tests.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path

import pytest

from summarizer.figures import extract_figures, group_figures
from summarizer.ingest import load_articles, parse_article
from summarizer.models import Article, Figure, FigureGroup
from summarizer.segment import segment

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _figures(articles: Sequence[Article]) -> dict[str, tuple[Figure, ...]]:
    return {a.id: extract_figures(a, segment(a)) for a in articles}


def _story(*records: tuple[str, str, str]) -> tuple[list[Article], list[Figure]]:
    """(id, ISO date, text) records parsed as JSON articles; all their figures."""
    articles = [
        parse_article(
            json.dumps({"text": text, "date": date}).encode(), path=f"{ident}.json", id=ident
        )
        for ident, date, text in records
    ]
    found = _figures(articles)
    return articles, [f for a in articles for f in found[a.id]]


def _group(groups: Sequence[FigureGroup], key: str) -> FigureGroup:
    matching = [g for g in groups if g.key == key]
    assert len(matching) == 1, [g.key for g in groups]
    return matching[0]


def _sources(group: FigureGroup) -> set[str]:
    return {f.source for f in group.mentions}


# ---------------------------------------------------------------------------------------------
# Seeds


@pytest.fixture(scope="module")
def seeds() -> tuple[tuple[Article, ...], dict[str, tuple[Figure, ...]]]:
    articles, _ = load_articles([str(SEEDS)])
    return articles, _figures(articles)


@pytest.fixture(scope="module")
def seed_groups(seeds: tuple[tuple[Article, ...], dict[str, tuple[Figure, ...]]]) -> tuple:
    _, found = seeds
    return group_figures([f for figures in found.values() for f in figures])


def _seed_figure(found: dict[str, tuple[Figure, ...]], source: str, measure: str) -> Figure:
    matching = [f for f in found[source] if f.measure == measure]
    assert len(matching) == 1, [(f.text, f.measure) for f in found[source]]
    return matching[0]


def test_seed_troop_total_agrees_across_sources(seed_groups: tuple) -> None:
    troops = _group(seed_groups, "deployed:troops")
    assert troops.verdict == "agree"
    assert len(_sources(troops)) >= 3
    ranged = [f for f in troops.mentions if f.low != f.high]
    assert [(f.source, f.low, f.high) for f in ranged] == [("004", 10000, 12000)]
    assert all(f.value == 11000 for f in troops.mentions)
    # South Korean intelligence relayed by two outlets is one origin.
    assert troops.origins == len(_sources(troops)) - 1
    assert "South Korean intelligence, via 000 and 003" in troops.note


def test_seed_casualties_diverge_with_each_origin_named(seed_groups: tuple) -> None:
    casualties = _group(seed_groups, "casualties:north-korean-troops")
    assert casualties.verdict == "diverge"
    assert casualties.origins == 3
    note = casualties.note
    assert "(300 killed + ~2,700 wounded): South Korean intelligence, via 000 and 003" in note
    assert "~4,000 killed or wounded: Joint Chiefs, via 002" in note
    assert "as of mid-January: Western officials, via 003" in note
    killed = _group(seed_groups, "killed:north-korean-troops")
    assert killed.verdict == "diverge"
    assert "300 killed: South Korean intelligence, via 000 and 003" in killed.note
    assert "~1,000 killed as of mid-January: Western officials, via 003" in killed.note
    # Diverging groups come first.
    assert [g.verdict for g in seed_groups[:2]] == ["diverge", "diverge"]


def test_seed_side_figures_are_found(
    seeds: tuple[tuple[Article, ...], dict[str, tuple[Figure, ...]]],
) -> None:
    _, found = seeds
    additional = _seed_figure(found, "002", "deployed_additional")
    assert (additional.value, additional.approximate, additional.unit) == (3000, True, "troops")
    assert additional.as_of == "in January and February"
    supplied = {f.unit: f for f in found["002"] + found["003"] if f.measure == "supplied"}
    assert (supplied["artillery pieces"].value, supplied["artillery pieces"].approximate) == (
        200,
        True,
    )
    assert supplied["launchers"].value == 220
    assert "rocket launchers" in supplied["launchers"].subject
    assert (supplied["containers"].low, supplied["containers"].high) == (1000, None)
    aid = _seed_figure(found, "004", "given")
    assert (aid.unit, aid.low, aid.high) == ("USD", 2.3e9, None)


FORBIDDEN = re.compile(
    r"\b(?:19|20)\d\d\b"  # years
    r"|\b\d{1,2}\s+(?:January|February|March|December)\b|(?:January|February|March|June)\s+\d{1,2}"
    r"|\b\d+mm\b"  # calibres
    r"|\b[A-Z][A-Za-z]*-\d+[A-Z]?\b"  # model designations: KN-23, RQ-4B, E-7
    r"|\b1950–53\b"
)


def test_seed_dates_years_calibres_and_models_are_never_figures(
    seeds: tuple[tuple[Article, ...], dict[str, tuple[Figure, ...]]],
) -> None:
    articles, found = seeds
    checked = 0
    for article in articles:
        spans = [f.span for f in found[article.id]]
        for match in FORBIDDEN.finditer(article.raw):
            checked += 1
            assert not any(s < match.end() and match.start() < e for s, e in spans), match.group()
    assert checked > 15  # the seeds do hold such numbers


def test_seed_spans_point_at_the_number_as_written(
    seeds: tuple[tuple[Article, ...], dict[str, tuple[Figure, ...]]],
) -> None:
    articles, found = seeds
    for article in articles:
        for figure in found[article.id]:
            start, end = figure.span
            assert " ".join(article.raw[start:end].split()) == figure.text
            assert figure.sentence.start <= start < end <= figure.sentence.end
            assert figure.sentence.furniture is None


def test_seed_pipeline_is_deterministic(
    seeds: tuple[tuple[Article, ...], dict[str, tuple[Figure, ...]]],
) -> None:
    articles, found = seeds
    again = _figures(articles)
    assert again == found
    everything = [f for figures in found.values() for f in figures]
    assert group_figures(everything) == group_figures(list(reversed(everything)))


# ---------------------------------------------------------------------------------------------
# An earthquake toll reported differently by several agencies

QUAKE = (
    (
        "q1",
        "2025-03-02",
        "At least 2,000 people were killed when a magnitude 7.1 earthquake struck the mountainous "
        "region on Friday, according to the interior ministry. About 12,000 people have been "
        "displaced, the ministry said.",
    ),
    (
        "q2",
        "2025-03-03",
        "The United Nations put the death toll at 2,600 on Sunday. The UN's humanitarian office "
        "said some 12,500 people were displaced and 140 remain missing.",
    ),
    (
        "q3",
        "2025-03-03",
        "More than 1,800 people were killed, state media said. The Red Crescent said 3,400 "
        "people had died and that 5,000 were injured. Rescuers pulled 37 survivors from the "
        "rubble of a 12-storey building.",
    ),
)


def test_quake_toll_diverges_and_names_every_agency() -> None:
    _, figures = _story(*QUAKE)
    groups = group_figures(figures)
    killed = _group(groups, "killed:people")
    assert killed.verdict == "diverge"  # 2,600 and 3,400 cannot both be the toll
    assert killed.origins == 4
    for part in (
        "≥2,000 killed on Friday (2025-02-28): interior ministry, via q1",
        "2,600 killed on Sunday (2025-03-02): United Nations, via q2",
        "≥1,800 killed: state media, via q3",
        "3,400 killed: Red Crescent, via q3",
    ):
        assert part in killed.note
    displaced = _group(groups, "displaced:people")
    assert displaced.verdict == "agree"  # ~12,000 and ~12,500
    assert {f.attribution for f in displaced.mentions} == {
        "interior ministry",  # "the ministry said" resolved to the ministry named before
        "UN's humanitarian office",
    }
    assert groups[0].verdict == "diverge"


def test_quake_magnitude_and_building_height_are_not_tolls() -> None:
    _, figures = _story(*QUAKE)
    by_text = {f.text: f for f in figures}
    assert by_text["7.1"].measure == "magnitude"
    assert "12" not in by_text
    assert by_text["37"].measure == "count"  # survivors pulled out: counted, not a casualty


# ---------------------------------------------------------------------------------------------
# Tsunami aid: real WikiNews sentences (MultiLing 2011, M000)

TSUNAMI = (
    (
        "m00",
        "2005-01-08",
        "CBS News reports Indiana University's Center on Philanthropy is estimating approximately "
        "322 million U.S. dollars in goods and cash have been donated by private U.S. citizens "
        "and corporations, in addition to the 350 million that was promised by the government.",
    ),
    (
        "m01",
        "2005-01-01",
        "In an abrupt about-face, the world's wealthiest nations have begun pouring funding into "
        "the Earthquake/Tsunami damaged region. Promised funds have doubled in the past 24 hours, "
        "to nearly 2 Billion U.S. dollars (USD).\n"
        "After the U.S. increased it's funding donation to 350 million USD, Japanese Prime "
        "Minister Junichiro Koizumi announced a half-billion dollar donation on Saturday, Jan. 1. "
        "China has promised 60.5 million USD, after Japan and the U.S., the United Kingdom and "
        "Sweden for largest single-nation donation. Norway increased it's funding donation to "
        "180 million USD",
    ),
    (
        "m02",
        "2004-12-31",
        "The Bush administration has pledged $350 million in aid for the relief effort. Critics "
        "have been quick to compare this to the $177 million spent every day in Iraq to conduct "
        "war in that country. In comparison, there was a $500 million pledge made recently by "
        "the government of Japan.",
    ),
    (
        "m04",
        "2005-01-18",
        "Tuesday, January 18, 2005Through a telethon, Romanians have raised 15 billion lei, or "
        "the equivalent of 395,000 euro for victims of the devastating Indian Ocean tsunami of "
        "Boxing Day 2004 that claimed more than 175,000 victims.\n"
        "Two Romanian tourists have been declared missing in the tsunami. The 395,000 euro "
        "raised by the telethon supplement that 150,000 euro worth of aid pledged by the "
        "Romanian government in the form of tents, water and drugs to tsunami-stricken areas of "
        "South Asia.",
    ),
    (
        "m09",
        "2005-01-20",
        "On Sunday, January 16, the Romanian public raised the equivalent of 395,000 euro in a "
        "telethon, while the Romanian Government pledged 150,000 euro for the relief effort.",
    ),
)


def test_tsunami_pledges_group_by_donor_and_agree() -> None:
    _, figures = _story(*TSUNAMI)
    groups = group_figures(figures)
    japan = _group(groups, "pledged:japan:usd")
    assert japan.verdict == "agree"
    assert _sources(japan) == {"m01", "m02"}
    assert all(f.value == 5e8 for f in japan.mentions)
    government = _group(groups, "pledged:romania:eur")
    assert (government.verdict, _sources(government)) == ("agree", {"m04", "m09"})
    public = _group(groups, "raised:romania-people:eur")
    assert (public.verdict, _sources(public)) == ("agree", {"m04", "m09"})
    # Money from a country's people is not money from its government.
    (people,) = _group(groups, "given:united-states-people:usd").mentions
    (state,) = _group(groups, "given:united-states:usd").mentions
    assert (people.value, people.approximate, people.source) == (3.22e8, True, "m00")
    assert (state.value, state.source) == (3.5e8, "m01")
    assert people.attribution == "Indiana University's Center on Philanthropy"
    # "the 350 million" borrows its currency from the amount before it.
    promised = next(f for f in figures if f.source == "m00" and f.text == "350 million")
    assert (promised.unit, promised.measure) == ("USD", "pledged")
    assert _group(groups, "pledged:china:usd").verdict == "single"


def test_tsunami_restated_amount_keeps_measure_and_currency() -> None:
    _, figures = _story(*TSUNAMI)
    lei = next(f for f in figures if "lei" in f.text)
    euro = next(f for f in figures if f.source == "m04" and f.text == "395,000 euro")
    assert (lei.unit, lei.value, lei.measure) == ("RON", 1.5e10, "raised")
    assert (euro.unit, euro.measure, euro.subject) == ("EUR", "raised", lei.subject)


def test_tsunami_dates_durations_and_years_are_not_figures() -> None:
    _, figures = _story(*TSUNAMI)
    texts = {f.text for f in figures}
    assert not texts & {"24", "1", "16", "18", "2004", "2005"}
    assert all(not re.fullmatch(r"(?:19|20)\d\d", t) for t in texts)
    missing = next(f for f in figures if f.measure == "missing")
    assert (missing.value, missing.unit) == (2, "tourists")
    toll = next(f for f in figures if f.measure == "killed")
    assert (toll.low, toll.high) == (175000, None)


# ---------------------------------------------------------------------------------------------
# A vote count

VOTES = (
    (
        "v1",
        "2024-11-05",
        "Maria Lopez won the mayoral race with 52,340 votes, against 48,915 for Tom Brandt, the "
        "city election commission said on Monday. Turnout was 61.2%, the commission said.",
    ),
    (
        "v2",
        "2024-11-05",
        "Lopez received about 52,000 votes, while Brandt received 49,100 votes, according to "
        "preliminary results. Turnout was about 60%.",
    ),
    (
        "v3",
        "2024-11-06",
        "With all precincts reporting, Lopez had 52,340 votes, the Associated Press reported.",
    ),
)


def test_vote_counts_per_candidate() -> None:
    _, figures = _story(*VOTES)
    groups = group_figures(figures)
    lopez = _group(groups, "votes:lopez:votes")
    assert (lopez.verdict, lopez.origins) == ("agree", 3)
    brandt = _group(groups, "votes:tom-brandt:votes")
    assert brandt.verdict == "diverge"  # 48,915 final vs 49,100 preliminary
    assert "48,915 votes" in brandt.note and "49,100 votes: preliminary results" in brandt.note
    turnout = _group(groups, "turnout::pct")
    assert turnout.verdict == "agree"
    assert {f.attribution for f in lopez.mentions} == {
        "city election commission",
        "preliminary results",
        "Associated Press",
    }


# ---------------------------------------------------------------------------------------------
# Prices

PRICES = (
    (
        "p1",
        "2025-06-10",
        "Brent crude rose 2.1% to $84.50 a barrel on Tuesday, its highest level since April.",
    ),
    (
        "p2",
        "2025-06-10",
        "Brent crude futures settled at $84.50 per barrel, up about 2%, traders said.",
    ),
    (
        "p3",
        "2025-06-11",
        "Brent was trading at $86.10 a barrel in late trade, according to Bloomberg. Petrol now "
        "costs €1.89 a litre.",
    ),
)


def test_prices_compare_per_unit_and_changes_separately() -> None:
    _, figures = _story(*PRICES)
    assert not any(f.low != f.high for f in figures)  # "2.1% to $84.50" is not a range
    groups = group_figures(figures)
    (brent,) = [g for g in groups if g.key.startswith("price:brent")]
    assert brent.key.endswith(":usd-per-barrel")
    assert brent.verdict == "diverge"
    assert (
        "USD 84.5 a barrel" in brent.note and "USD 86.1 a barrel: Bloomberg, via p3" in brent.note
    )
    (rise,) = [g for g in groups if g.key.startswith("rise:")]
    assert rise.verdict == "agree"  # 2.1% and "about 2%"
    petrol = _group(groups, "price:petrol:eur-per-litre")
    assert petrol.verdict == "single"
