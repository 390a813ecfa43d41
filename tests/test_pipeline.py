"""The briefing on the bundled seeds, judged the way a reader would."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from summarizer.ingest import load_articles
from summarizer.pipeline import Options, build_briefing
from summarizer.segment import collapse_whitespace

SEEDS = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))

# Page furniture that exists in the seeds; none of it may reach any part of the briefing.
FURNITURE = [
    "Credit...Chung Sung-Jun/Getty Images",
    "by · NY Times",
    "Our Coverage of the War in Ukraine",
    "How We Verify Our Reporting",
    "Home SECURITY & DEFENCE",
    "by EUToday Correspondents",
    "Read also",
    "You may also like",
    "Leave a Comment",
    "EU Today brings you",
    "Editors' Picks",
    "Latest Posts",
    "Share this article",
    "Facebook Twitter",
    "Article top vertical",
    "Source: North Korea using war",
    "Japan China and South Korea discuss trilateral cooperation",
    "Kim Unveils New Military Drones",
]


@pytest.fixture(scope="module")
def briefing():
    articles, warnings = load_articles([str(p) for p in SEEDS])
    return build_briefing(articles, Options(), warnings)


def _all_quotes(briefing):
    quotes = list(briefing.digest)
    for source in briefing.sources:
        quotes += [r.sentence for r in source.summary.sentences]
    for row in briefing.rows:
        for cell in row.cells:
            quotes += list(cell.quotes)
        for note in (*row.agree, *row.diverge, *row.only_in):
            quotes += list(note.quotes)
    return quotes


def test_no_page_furniture_anywhere(briefing):
    for quote in _all_quotes(briefing):
        for furniture in FURNITURE:
            assert furniture not in quote.text, (furniture, quote.text)


def test_quotes_are_verbatim_spans(briefing):
    raw = {s.article.id: s.article.raw for s in briefing.sources}
    for quote in _all_quotes(briefing):
        assert collapse_whitespace(raw[quote.source][quote.start : quote.end]) == quote.text


def test_theme_rows_hold_on_theme_sentences(briefing):
    rows = {row.theme.id: row for row in briefing.rows}
    assert list(rows) == ["deployment", "casualties", "arms", "technology", "diplomacy", "other"]
    cues = {
        "casualties": r"kill|wound|injur|casualt|loss|dead|eliminat|missing|captur",
        "deployment": r"troop|soldier|forces|personnel|deploy|dispatch|sent|front|combat|fight",
        "arms": r"shell|missile|artiller|howitzer|launcher|ammunition|weapon|arms|container",
        "technology": r"technolog|drone|nuclear|satellite|submarine|capabilit|test|data|aircraft",
        "diplomacy": r"allian|treaty|negotiat|talk|ceasefire|sanction|relation|ambassador|visit|"
        r"minister|president|cooperation|peace|aid|support|united nations|security council",
    }
    for theme_id, cue in cues.items():
        for cell in rows[theme_id].cells:
            for quote in cell.quotes:
                assert re.search(cue, quote.text, re.IGNORECASE), (theme_id, quote.text)


def test_every_covering_source_shows_in_its_row(briefing):
    for row in briefing.rows:
        for cell in row.cells:
            assert bool(cell.quotes) == (cell.count > 0)


def test_casualties_row_covers_the_three_casualty_sources(briefing):
    row = next(r for r in briefing.rows if r.theme.id == "casualties")
    covering = {c.source for c in row.cells if c.count}
    assert {"000", "002", "003"} <= covering


def test_digest_is_fair_and_within_budget(briefing):
    from summarizer.segment import word_tokens

    digest = briefing.digest
    assert digest
    words = sum(len(word_tokens(s.text)) for s in digest)
    assert words <= 120 + max(len(word_tokens(s.text)) for s in digest)
    assert len({s.source for s in digest}) >= 3, "the digest draws on several sources"
    texts = " ".join(s.text for s in digest)
    assert re.search(r"North Korea", texts)
    assert len({s.text for s in digest}) == len(digest), "no sentence twice"


def test_sources_table_metadata(briefing):
    outlets = {s.article.id: s.article.outlet for s in briefing.sources}
    assert outlets["001"] == "NY Times"
    assert outlets["000"] == "Ukrinform"
    for source in briefing.sources:
        assert source.readability.words > 300
        assert 0 < source.readability.reading_minutes < 10
        assert 0 < source.readability.grade_level < 25


def test_agreement_notes_exist_for_the_shared_troop_claim(briefing):
    rows = {row.theme.id: row for row in briefing.rows}
    agreeing = [n for r in rows.values() for n in r.agree]
    assert agreeing, "the sources share claims; at least one agreement must be found"
    for note in agreeing:
        assert len(set(note.sources)) >= 2


def test_options_change_the_result(briefing):
    articles, _ = load_articles([str(p) for p in SEEDS])
    small = build_briefing(articles, Options(per_cell=1, sentences=2, digest_words=40))
    for row in small.rows:
        assert all(len(c.quotes) <= 1 for c in row.cells)
    assert all(len(s.summary.sentences) <= 2 for s in small.sources)
    assert len(small.digest) < len(briefing.digest)


def _article(text: str, name: str):
    from summarizer.ingest import parse_article

    return parse_article(text.encode(), path=f"{name}.txt", id=name)


def test_short_other_story_keeps_partly_fitting_builtin_themes_and_drops_empty_rows():
    articles = [
        _article("At least 2,000 people were killed in the earthquake, officials said.", "a"),
        _article("The death toll rose to 2,600 and thousands were injured, the UN said.", "b"),
        _article("Rescue teams searched collapsed buildings in the mountains overnight.", "c"),
    ]
    briefing = build_briefing(articles)
    ids = [row.theme.id for row in briefing.rows]
    assert "casualties" in ids
    assert "arms" not in ids, "a theme no source covers gets no row"
    assert "Arms supply" in briefing.themes.note
    for row in briefing.rows:
        assert any(cell.count for cell in row.cells)


def test_unfitting_story_gets_discovered_themes():
    folder = Path(__file__).resolve().parent.parent / "bench" / "data" / "multiling2011"
    cluster = json.loads((folder / "documents.jsonl").read_text().splitlines()[1])
    articles = [
        _article("\n\n".join(doc["text"]), doc["filename"].replace(".", "-"))
        for doc in cluster["documents"]
    ]
    briefing = build_briefing(articles)
    assert briefing.themes.origin == "auto"
    assert "discovered" in briefing.themes.note
    themed = [row for row in briefing.rows if row.theme.id != "other"]
    assert len(themed) >= 3
    assert sum(1 for row in themed if sum(bool(c.count) for c in row.cells) >= 3) >= 2
