"""Tests for summarizer.ingest: inputs, decoding, offsets, HTML/JSON, furniture and metadata."""

from __future__ import annotations

import io
import json
import os
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from summarizer import ingest
from summarizer.errors import SummarizerError
from summarizer.ingest import (
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_FILES,
    assign_ids,
    expand_inputs,
    load_articles,
    parse_article,
    read_manifest,
)
from summarizer.ingest.decode import normalise
from summarizer.ingest.units import has_three_words, word_count
from summarizer.models import Article

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SEED_PATHS = sorted(str(path) for path in SEEDS.glob("*.txt"))

# Characters normalisation may legitimately change: removed (invisible) or mapped.
REMOVED = set("\u00ad\ufeff") | {chr(c) for c in range(0x200B, 0x2010)}
REMOVED |= {chr(c) for c in range(0x202A, 0x202F)} | {chr(c) for c in range(0x2060, 0x206A)}
REMOVED |= {chr(c) for c in range(0x20) if chr(c) not in "\t\n\r\x0b\x0c"} | {"\x7f"}
REMOVED |= {chr(c) for c in range(0x80, 0xA0) if c != 0x85}
TO_SPACE = set("\t\u00a0\u1680\u202f\u205f\u3000") | {chr(c) for c in range(0x2000, 0x200B)}
TO_NEWLINE = set("\r\x0b\x0c\x85\u2028\u2029")


def text_of(article: Article, index: int) -> str:
    line = article.lines[index]
    return article.body[line.start : line.end]


def furniture(article: Article) -> dict[int, tuple[str, str]]:
    """Line index -> (reason, line text) for every furniture line."""
    return {
        index: (line.furniture, text_of(article, index))
        for index, line in enumerate(article.lines)
        if line.furniture is not None
    }


def assert_offsets_exact(article: Article) -> None:
    """The offset map is total, strictly increasing, and only ever skips or maps what it may."""
    raw, body, offsets = article.raw, article.body, article.offsets
    assert len(offsets) == len(body) + 1
    assert offsets[-1] == len(raw)
    assert all(a < b for a, b in pairwise(offsets))
    for index, char in enumerate(body):
        source = raw[offsets[index]]
        if source != char:
            assert (char == " " and source in TO_SPACE) or (char == "\n" and source in TO_NEWLINE)
    mapped = set(offsets[:-1])
    for position, char in enumerate(raw):
        if position not in mapped:
            crlf = char == "\r" and raw[position + 1 : position + 2] == "\n"
            assert char in REMOVED or crlf, f"raw char {char!r} at {position} was lost"


def assert_lines_cover_body(article: Article) -> None:
    position = 0
    for line in article.lines:
        assert line.start == position
        assert "\n" not in article.body[line.start : line.end]
        position = line.end + 1
    assert article.lines[-1].end in (len(article.body), len(article.body) - 1)


def parse(text: str, name: str = "story.txt", **kwargs: object) -> Article:
    return parse_article(text.encode("utf-8"), path=name, id="t", **kwargs)


# --------------------------------------------------------------------------------------------
# The seeds: exact furniture, ids and metadata
# --------------------------------------------------------------------------------------------

# Every furniture line of every seed (index -> reason, start of the line). Anything not listed
# must be content, so this checks both directions: no furniture kept, no sentence dropped.
SEED_FURNITURE: dict[str, dict[int, tuple[str, str]]] = {
    "000": {12: ("source line", "Source: North Korea using war")},
    "001": {
        0: ("caption", "Kim Jong-un of North Korea with Vladimir V. Putin"),
        1: ("photo credit", "Credit...Chung Sung-Jun/Getty Images"),
        3: ("title", "For North Korea, War in Ukraine Is a Coveted Chance"),
        7: ("byline", "by · NY Times"),
        46: ("related links", "Our Coverage of the War in Ukraine"),
        50: ("site footer", "How We Verify Our Reporting"),
    },
    "002": {
        2: ("heading", "Japan China and South Korea discuss trilateral cooperation"),
        9: ("related links", "North Korea fires several ballistic missiles"),
        10: ("related links", "Kim Unveils New Military Drones"),
    },
    "003": {
        0: ("breadcrumb", "Home SECURITY & DEFENCE North Korea Increases"),
        2: ("title", "North Korea Increases Military Support to Russia"),
        4: ("byline", "by EUToday Correspondents"),
        5: ("repeated headline", "North Korea Increases Military Support to Russia"),
        13: ("heading", "North Korea’s Expanding Role in the Ukraine War"),
        21: ("heading", "High Casualties Among North Korean Troops"),
        31: ("heading", "Technology Exchange Between Pyongyang and Moscow"),
        37: ("heading", "Strategic and Diplomatic Implications"),
        43: ("related links", "Read also:"),
        45: ("related links", "North Korean Troops Return to the Front"),
        47: ("related links", "You may also like"),
        49: ("comment prompt", "Leave a Comment"),
        51: ("site footer", "EU Today brings you the latest news"),
        53: ("related links", "Editors' Picks"),
        55: ("related links", "Latest Posts"),
    },
    "004": {
        0: ("section label", "War"),
        2: ("title", "North Korea is testing weapons in Ukraine"),
        4: ("repeated headline", "North Korea is testing weapons in Ukraine"),
        5: ("layout label", "Article top vertical"),
        7: ("caption", "Main image:\u00a0This image from the state-run"),
        23: ("share buttons", "Share this article"),
        25: ("share buttons", "Facebook Twitter LinkendIn"),
    },
}


@pytest.fixture(scope="module")
def seeds() -> dict[str, Article]:
    articles, warnings = load_articles([str(SEEDS)])
    assert warnings == ()
    return {article.id: article for article in articles}


def test_seed_ids_come_from_the_leading_token(seeds: dict[str, Article]) -> None:
    assert assign_ids(SEED_PATHS) == ["000", "001", "002", "003", "004"]
    assert list(seeds) == ["000", "001", "002", "003", "004"]


@pytest.mark.parametrize("seed_id", sorted(SEED_FURNITURE))
def test_seed_furniture_is_exactly_the_expected_lines(
    seeds: dict[str, Article], seed_id: str
) -> None:
    article = seeds[seed_id]
    found = furniture(article)
    expected = SEED_FURNITURE[seed_id]
    assert {i: reason for i, (reason, _text) in found.items()} == {
        i: reason for i, (reason, _text) in expected.items()
    }
    for index, (_reason, start) in expected.items():
        assert article.raw[article.offsets[article.lines[index].start] :].startswith(start)


@pytest.mark.parametrize("seed_id", sorted(SEED_FURNITURE))
def test_seed_sentences_with_two_or_more_sentences_stay_content(
    seeds: dict[str, Article], seed_id: str
) -> None:
    article = seeds[seed_id]
    explicit = {"caption"}  # 001's caption is recognised by the credit line under it
    for index, line in enumerate(article.lines):
        text = text_of(article, index)
        if len(text) > 200 and line.furniture is not None:
            assert line.furniture in explicit, (seed_id, index, text[:60])


@pytest.mark.parametrize("seed_id", sorted(SEED_FURNITURE))
def test_seed_offsets_and_lines_are_consistent(seeds: dict[str, Article], seed_id: str) -> None:
    article = seeds[seed_id]
    assert_offsets_exact(article)
    assert_lines_cover_body(article)
    assert article.format == "txt"


def test_seed_metadata(seeds: dict[str, Article]) -> None:
    ukrinform, nyt, unlabelled, eutoday, stripes = (
        seeds[i] for i in ("000", "001", "002", "003", "004")
    )
    assert ukrinform.outlet == "Ukrinform"  # "…, Ukrinform reports." beats the "- ISW" suffix
    assert ukrinform.title == (
        "North Korea using war in Ukraine as testing ground for its own military capabilities"
    )
    assert nyt.outlet == "NY Times"
    assert nyt.title == "For North Korea, War in Ukraine Is a Coveted Chance for Military Practice"
    assert eutoday.outlet == "EUToday"
    assert eutoday.title == "North Korea Increases Military Support to Russia Amid Ukraine War"
    assert stripes.outlet is None  # "according to Stars and Stripes" cites a source
    assert stripes.title == (
        "North Korea is testing weapons in Ukraine for potential use against South Korea"
    )
    assert stripes.date is None  # the date in a photo caption is not the publication date
    assert unlabelled.outlet is None
    # No title line: the lead sentence, cut at a word boundary, never the file name.
    assert unlabelled.title == (
        "North Korea deployed approximately 3,000 additional troops to Russia in January…"
    )
    assert all(article.date is None for article in seeds.values())


def test_nbsp_only_line_in_seed_is_blank_in_body(seeds: dict[str, Article]) -> None:
    article = seeds["004"]
    assert article.raw.split("\n")[9] == "\u00a0"
    assert text_of(article, 9) == " "
    assert article.lines[9].furniture is None


# --------------------------------------------------------------------------------------------
# Furniture rules on invented pages (not the seeds' strings)
# --------------------------------------------------------------------------------------------

INVENTED = """World | Asia

Kim Visits Drone Factory

By John Smith | March 3, 2025

Kim Jong Un watches a drone test in this undated photo. (Yonhap)

PYONGYANG, March 3, 2025 — North Korea's leader inspected a drone factory. He urged mass production.

Read also: Seoul warns of new missile tests

Analysts said the visit was meant to send a message to Washington. They expect more tests soon.

Share on WhatsApp

Soldiers march in a parade in the capital.
Photograph: Reuters

The Unification Ministry declined to comment on the report, saying it was still studying it.

Advertisement

Subscribe to our newsletter

Follow us on Telegram

Most read

Seoul Weighs Sanctions Response

Talks Stall Over Border Dispute

© 2025 Example Media. All rights reserved.
"""


def test_invented_furniture_from_another_outlet() -> None:
    article = parse(INVENTED)
    reasons = {text: reason for reason, text in furniture(article).values()}
    assert reasons == {
        "World | Asia": "breadcrumb",
        "Kim Visits Drone Factory": "title",
        "By John Smith | March 3, 2025": "byline",
        "Kim Jong Un watches a drone test in this undated photo. (Yonhap)": "caption",
        "Read also: Seoul warns of new missile tests": "related links",
        "Share on WhatsApp": "share buttons",
        "Soldiers march in a parade in the capital.": "caption",
        "Photograph: Reuters": "photo credit",
        "Advertisement": "advertisement",
        "Subscribe to our newsletter": "newsletter",
        "Follow us on Telegram": "social links",
        "Most read": "related links",
        "Seoul Weighs Sanctions Response": "related links",
        "Talks Stall Over Border Dispute": "related links",
        "© 2025 Example Media. All rights reserved.": "site footer",
    }
    content = [
        text_of(article, i) for i, line in enumerate(article.lines) if line.furniture is None
    ]
    assert [text for text in content if text.strip()] == [
        "PYONGYANG, March 3, 2025 — North Korea's leader inspected a drone factory. "
        "He urged mass production.",
        "Analysts said the visit was meant to send a message to Washington. "
        "They expect more tests soon.",
        "The Unification Ministry declined to comment on the report, saying it was still "
        "studying it.",
    ]
    assert article.title == "Kim Visits Drone Factory"
    assert article.outlet is None  # "John Smith" is a person, not an outlet
    assert article.date == "2025-03-03"


def test_wire_style_page_navigation_dateline_and_copyright() -> None:
    text = (
        "Skip to main content\n"
        "Advertisement\n"
        "World\n"
        "Captured soldiers want to defect, lawmaker says\n"
        "By Jane Roe and John Poe\n"
        "Updated 3:14 AM GMT+1, March 18, 2025\n"
        "Share\n"
        "SEOUL, South Korea (AP) — Two captured soldiers want to resettle, a lawmaker said.\n"
        "The lawmaker said the soldiers had told his staff so.\n"
        "Copyright 2025 The Example Press. All rights reserved. This material may not be "
        "published, broadcast, rewritten or redistributed.\n"
    )
    article = parse(text)
    assert [line.furniture for line in article.lines] == [
        "navigation",
        "advertisement",
        "section label",
        "title",
        "byline",
        "dateline",
        "share buttons",
        None,
        None,
        "site footer",
    ]
    assert (article.title, article.outlet, article.date) == (
        "Captured soldiers want to defect, lawmaker says",
        "AP",
        "2025-03-18",
    )


def test_staff_byline_bare_date_line_tags_and_language_link() -> None:
    text = (
        "Read in Ukrainian\n\n"
        "Example Herald staff and agencies\n"
        "Tue 14 Jan 2025 01.47 GMT\n\n"
        "Troops Suffer Heavy Losses, Seoul Says\n\n"
        "About 300 soldiers have been killed, the spy agency said. Thousands were injured.\n"
        "Tags: Korea, Russia, War\n"
    )
    article = parse(text)
    assert [line.furniture for line in article.lines if line.end > line.start] == [
        "navigation",
        "byline",
        "dateline",
        "title",
        None,
        "tags",
    ]
    assert (article.outlet, article.date) == ("Example Herald", "2025-01-14")


def test_guardian_style_caption_and_bbc_style_labels() -> None:
    text = (
        "Troops Gather Near the Border\n\n"
        "Soldiers near the frontier on Monday. Photograph: Anatolii Stepanov/AFP/Getty Images\n\n"
        "The defence ministry said troops had gathered near the border. It gave no numbers.\n\n"
        "Related Topics\n\n"
        "More on this story\n\n"
        "Ukraine Signs Drone Deal\n"
    )
    article = parse(text)
    assert furniture(article) == {
        0: ("title", "Troops Gather Near the Border"),
        2: ("caption", text.split("\n")[2]),
        6: ("related links", "Related Topics"),
        8: ("related links", "More on this story"),
        10: ("related links", "Ukraine Signs Drone Deal"),
    }


def test_read_also_mid_article_does_not_end_the_article() -> None:
    text = (
        "The ministry said troops had crossed the border overnight. More were expected.\n"
        "Read also:\n"
        "Zelensky Meets Allies in Berlin\n"
        "Officials in Seoul confirmed the figures on Tuesday. They called it a major escalation.\n"
    )
    article = parse(text)
    assert [line.furniture for line in article.lines] == [
        None,
        "related links",
        "heading",
        None,
    ]


def test_two_sentence_lines_are_never_shape_furniture() -> None:
    text = (
        "Talks Collapse\n\n"
        "The talks failed. Both sides left early.\n\n"
        "Short Heading Here\n\n"
        "It rained. The roads flooded quickly.\n"
    )
    article = parse(text)
    assert article.lines[2].furniture is None
    assert article.lines[6].furniture is None
    assert article.lines[4].furniture == "heading"


def test_non_latin_sentences_are_counted() -> None:
    text = (
        "Війська перетнули кордон уночі. Міністерство оборони підтвердило це.\n\n"
        "Сили відійшли на схід. Командування не коментує\n\n"
        "Розвідка повідомила про нові втрати. Деталей немає.\n"
    )
    article = parse(text)
    assert [line.furniture for line in article.lines] == [None] * 5  # no line is a "heading"


def test_hard_wrapped_paragraphs_stay_content() -> None:
    text = (
        "Troops Cross the Border\n\n"
        "The ministry said on Tuesday that the troops had crossed the\n"
        "border overnight and that more were expected to follow in the\n"
        "coming days, according to officials in Seoul who spoke on\n"
        "condition of anonymity.\n"
    )
    article = parse(text)
    assert [line.furniture for line in article.lines] == ["title", None, None, None, None, None]


def test_bullet_lists_are_content_not_headings() -> None:
    text = (
        "Key points of the assessment follow. They come from the ministry.\n\n"
        "- About 11,000 troops deployed\n"
        "- Around 300 killed in action\n"
        "- Roughly 2,700 wounded\n\n"
        "The ministry will update the figures next month. It did not say when.\n"
    )
    article = parse(text)
    assert all(line.furniture is None for line in article.lines)


def test_an_article_of_headline_lines_keeps_its_text() -> None:
    article = parse("North Korea Sends More Troops\n")
    assert [line.furniture for line in article.lines] == [None]


def test_source_line_gives_title_and_outlet_when_nothing_else_does() -> None:
    text = (
        "Russia is supplying drone technology to North Korea. Officials confirmed it.\n"
        "Source: Russia supplies drone technology to North Korea - ISW\n"
    )
    article = parse(text, name="isw.txt")
    assert article.lines[1].furniture == "source line"
    assert article.title == "Russia supplies drone technology to North Korea"
    assert article.outlet == "ISW"


@pytest.mark.parametrize(
    ("byline", "outlet"),
    [
        ("by · Example Times", "Example Times"),
        ("By Jane Doe, Example Wire", "Example Wire"),
        ("by Example Daily Staff", "Example Daily"),
        ("By Jane Doe", None),
        ("By Jane Doe, Senior Correspondent", None),
    ],
)
def test_outlet_from_byline(byline: str, outlet: str | None) -> None:
    article = parse(f"Headline Of The Story\n\n{byline}\n\nBody text goes here. It has words.\n")
    assert article.lines[2].furniture == "byline"
    assert article.outlet == outlet


def test_outlet_from_reports_attribution_but_not_from_according_to() -> None:
    reports = parse("The army said it moved north. The move was planned, Kyiv Post reports.\n")
    assert reports.outlet == "Kyiv Post"
    cited = parse("The army moved north, according to Example Agency. It was planned.\n")
    assert cited.outlet is None


@pytest.mark.parametrize(
    "sentence",
    [
        "He wrote about the deployment in his weekly newsletter.",
        "More from the ministry is expected next week.",
        "Copyright law was changed in 2019, officials said.",
        "The talks ended without a deal on Friday. (Reuters)",
        "Share prices in Seoul fell sharply on the news.",
        "Photos published by state media showed Kim at the launch site.",
    ],
)
def test_sentences_that_look_like_furniture_words_stay_content(sentence: str) -> None:
    text = f"Opening paragraph of the story. It sets the scene.\n\n{sentence}\n"
    article = parse(text)
    assert article.lines[2].furniture is None


def test_home_section_breadcrumb_without_a_repeated_title() -> None:
    article = parse("Home WORLD Asia\n\nKim Visits Drone Factory\n\nBody text. More text here.\n")
    assert [line.furniture for line in article.lines if line.end > line.start] == [
        "breadcrumb",
        "title",
        None,
    ]
    assert article.title == "Kim Visits Drone Factory"


def test_by_contrast_is_a_sentence_not_a_byline() -> None:
    article = parse("By contrast, the ministry gave no figures at all for the wounded.\n")
    assert article.lines[0].furniture is None


def test_markdown_front_matter_headings_images_and_links() -> None:
    text = (
        "---\n"
        'title: "Markdown Story"\n'
        "outlet: Example Wire\n"
        "date: March 18, 2024\n"
        "url: https://example.com/md\n"
        "---\n\n"
        "# Markdown Story\n\n"
        "![photo](x.jpg)\n\n"
        "The **first** paragraph has a [link](http://x) inside it. It keeps going.\n\n"
        "## A Subheading\n\n"
        "Another paragraph, which ends properly.\n\n"
        "- [Related story one](http://a)\n"
    )
    article = parse(text, name="story.md")
    assert article.format == "md"
    assert [line.furniture for line in article.lines[:6]] == ["front matter"] * 6
    reasons = {text: reason for reason, text in furniture(article).values()}
    assert reasons["# Markdown Story"] == "title"
    assert reasons["![photo](x.jpg)"] == "image"
    assert reasons["## A Subheading"] == "heading"
    assert reasons["- [Related story one](http://a)"] == "related links"
    assert (article.title, article.outlet, article.date, article.url) == (
        "Markdown Story",
        "Example Wire",
        "2024-03-18",
        "https://example.com/md",
    )


def test_dates_in_datelines_are_iso() -> None:
    article = parse(
        "Headline Here Today\n\nPublished 18 March 2024, 10:00 GMT\n\nText. More text.\n"
    )
    assert article.lines[2].furniture == "dateline"
    assert article.date == "2024-03-18"
    lead = parse("SEOUL, Feb. 7, 2025 — The army said it moved north. It was planned.\n")
    assert lead.date == "2025-02-07"


# --------------------------------------------------------------------------------------------
# Decoding and normalisation
# --------------------------------------------------------------------------------------------


def test_utf8_bom_is_removed_from_raw() -> None:
    article = parse_article(b"\xef\xbb\xbfHello world. It works.", path="a.txt", id="a")
    assert article.raw == "Hello world. It works."
    assert article.warnings == ()
    assert_offsets_exact(article)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_bom(encoding: str) -> None:
    text = "Kim said “no”. Troops moved — fast.\n"
    data = text.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    article = parse_article(data, path="a.txt", id="a")
    assert article.raw == text
    assert article.warnings == ()
    assert_offsets_exact(article)


def test_cp1252_curly_quotes_decode_with_a_warning() -> None:
    data = "He said “enough” – it’s over. Café.".encode("cp1252")
    article = parse_article(data, path="legacy.txt", id="a")
    assert article.raw == "He said “enough” – it’s over. Café."
    assert len(article.warnings) == 1
    assert "legacy.txt" in article.warnings[0]
    assert "Windows-1252" in article.warnings[0]
    assert_offsets_exact(article)


def test_invalid_bytes_mid_file_keep_the_utf8_text() -> None:
    data = "Café — first. ".encode() + b"It\x92s bad. " + "Ünïcode stays.".encode()
    article = parse_article(data, path="mixed.txt", id="a")
    assert article.raw == "Café — first. It’s bad. Ünïcode stays."
    assert "offset 19" in article.warnings[0]
    assert_offsets_exact(article)


def test_bytes_undefined_in_cp1252_fall_back_to_latin1() -> None:
    article = parse_article(b"caf\xe9 \x81ok. More.", path="a.txt", id="a")
    assert article.raw == "café \x81ok. More."
    assert article.body == "café ok. More."  # the C1 control is invisible, so removed
    assert_offsets_exact(article)


def test_crlf_cr_lf_mix() -> None:
    raw = "one\r\ntwo\rthree\nfour\r\n"
    article = parse(raw)
    assert article.raw == raw
    assert article.body == "one\ntwo\nthree\nfour\n"
    assert [text_of(article, i) for i in range(len(article.lines))] == [
        "one",
        "two",
        "three",
        "four",
    ]
    assert article.offsets[3] == 4  # the CRLF's "\n" maps to the LF
    assert article.offsets[7] == 8  # a lone CR maps to itself
    assert_offsets_exact(article)


def test_invisible_characters_removed_and_spaces_mapped() -> None:
    raw = "a\u200bb\u200fc\u202ed\u2066e\ufefff\u00adg\u00a0h\u2009i\tj\u3000k"
    article = parse(raw)
    assert article.body == "abcdefg h i j k"
    assert article.raw == raw
    assert_offsets_exact(article)


def test_emoji_and_combining_accents_are_kept_unnormalised() -> None:
    raw = "Cafe\u0301 \U0001f600 Zoe\u0308 stays. Fine.\n"
    article = parse(raw)
    assert article.body == raw  # no NFC: "e" + combining accent is still two characters
    assert article.offsets == tuple(range(len(raw) + 1))


@given(
    st.text(
        alphabet=st.sampled_from(
            [*"ab .\n\r\t", "\u200b", "\u00a0", "\u202e", "\u00ad", "é", "\U0001f600", "\u2028"]
        ),
        max_size=60,
    )
)
def test_offsets_map_every_body_char_back_to_raw(text: str) -> None:
    if not normalise(text)[0].strip():
        return
    article = parse(text + " End of story.")
    assert_offsets_exact(article)
    assert_lines_cover_body(article)


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG"),
        (b"GIF89a\x01\x00", "GIF"),
        (b"%PDF-1.7\n%\xe2\xe3", "PDF"),
        (b"\x1f\x8b\x08\x00\x00\x00", "gzip"),
        (b"PK\x03\x04\x14\x00", "zip"),
        (b"\x7fELF\x02\x01\x01", "ELF"),
        (b"plain start\x00\x01\x02 then binary", "NUL bytes"),
    ],
)
def test_binary_inputs_are_refused(data: bytes, kind: str) -> None:
    with pytest.raises(SummarizerError) as raised:
        parse_article(data, path="scan.txt", id="a")
    assert str(raised.value) == f"scan.txt: looks like a binary file ({kind}), not an article"


def test_utf16_without_bom_is_called_out() -> None:
    with pytest.raises(SummarizerError, match="UTF-16 without a byte-order mark"):
        parse_article("Hello there".encode("utf-16-le"), path="a.txt", id="a")


@pytest.mark.parametrize(
    "data",
    [b"", b"   \n\t \r\n", "\ufeff".encode("utf-16"), "\u200b\u00a0\n".encode()],
)
def test_empty_and_whitespace_only(data: bytes) -> None:
    with pytest.raises(SummarizerError) as raised:
        parse_article(data, path="blank.txt", id="a")
    assert str(raised.value) == "blank.txt: file is empty"


# --------------------------------------------------------------------------------------------
# HTML
# --------------------------------------------------------------------------------------------

PAGE = """<!doctype html>
<html><head><meta charset="utf-8">
<title>Troops head north | The Daily Example</title>
<meta property="og:site_name" content="The Daily Example">
<meta property="og:title" content="Troops head north as talks stall">
<meta property="article:published_time" content="2024-03-18T09:30:00Z">
<link rel="canonical" href="https://example.com/news/troops">
<script>var tracking = "<p>SCRIPT TEXT</p>";</script>
<style>p { color: red } .STYLE-TEXT {}</style>
</head><body>
<header><nav><a href="/">Home</a> <a href="/world">NAV-WORLD</a></nav></header>
<div class="share-bar"><a>SHARE-FACEBOOK</a><a>SHARE-TWITTER</a></div>
<div id="menu-top"><ul><li>MENU-ITEM</li></ul></div>
<main>
<article>
<h1>Troops head north as talks stall</h1>
<p class="byline">By Jane Doe, Example News</p>
<figure><img src="x.jpg" alt="ALT-TEXT">
<figcaption>Soldiers board a train in Kyiv. Photo: Reuters</figcaption></figure>
<p>The first paragraph says something about the troops &amp; the talks. It has two sentences.</p>
<h2>What happens next</h2>
<p>Officials said&nbsp;the deployment would continue through the spring. <em>Nobody</em>
   disagreed, the ministry said.</p>
<blockquote><p>“We are ready,” a commander said in a statement.</p></blockquote>
<ul><li>First point of the story is here.</li><li>Second point of the story is here.</li></ul>
<div class="related-articles"><h3>RELATED-HEAD</h3><p>RELATED-STORY with a long headline</p></div>
<div class="comments"><p>COMMENT-TEXT from a reader who disagrees strongly.</p></div>
<p>Final paragraph of the real story ends here with a full sentence.</p>
<noscript>NOSCRIPT-TEXT</noscript>
<iframe src="x">IFRAME-TEXT</iframe>
</article>
</main>
<aside><p>ASIDE-TEXT most read stories of the day.</p></aside>
<form><input value="FORM-TEXT"></form>
<footer><p>FOOTER-TEXT Copyright 2024. All rights reserved.</p></footer>
</body></html>
"""


def test_html_extracts_article_text_without_page_chrome() -> None:
    article = parse_article(PAGE.encode(), path="page.html", id="p")
    assert article.format == "html"
    noise = "SCRIPT STYLE NAV- SHARE- MENU- RELATED- COMMENT- IFRAME ASIDE FORM- FOOTER ALT-TEXT"
    for marker in noise.split():
        assert marker not in article.raw, marker
    blocks = article.raw.split("\n\n")
    assert blocks == [
        "Troops head north as talks stall",
        "The first paragraph says something about the troops & the talks. It has two sentences.",
        "What happens next",
        "Officials said the deployment would continue through the spring. Nobody "
        "disagreed, the ministry said.",
        "“We are ready,” a commander said in a statement.",
        "First point of the story is here.",
        "Second point of the story is here.",
        "Final paragraph of the real story ends here with a full sentence.",
    ]
    assert_offsets_exact(article)
    assert [line.furniture for line in article.lines if article.body[line.start : line.end]] == [
        "title",
        None,
        "heading",
        None,
        None,
        None,
        None,
        None,
    ]
    assert article.title == "Troops head north as talks stall"
    assert article.outlet == "The Daily Example"
    assert article.date == "2024-03-18"
    assert article.url == "https://example.com/news/troops"
    assert article.author == "Jane Doe; Example News"


def test_html_without_article_element_uses_the_densest_block() -> None:
    page = (
        "<html><head><title>Kim Tests Drones - Example Site</title></head><body>"
        "<div class='top'><a>Sections</a><p>Short teaser.</p></div>"
        "<div class='story'><p>Kim observed tests of new drones on Thursday, state media said.</p>"
        "<p>He called for mass production of the reconnaissance models.</p>"
        "<p>Analysts said the drones resembled an American design from years ago.</p></div>"
        "<div id='social-links'><p>Follow our coverage on every network you use daily.</p></div>"
        "<time datetime='2025-03-27'>Thursday</time></body></html>"
    )
    article = parse_article(page.encode(), path="p.htm", id="p")
    assert article.raw.split("\n\n") == [
        "Kim observed tests of new drones on Thursday, state media said.",
        "He called for mass production of the reconnaissance models.",
        "Analysts said the drones resembled an American design from years ago.",
    ]
    assert article.title == "Kim Tests Drones"
    assert article.date == "2025-03-27"


def test_html_declared_legacy_charset_is_honoured() -> None:
    page = '<html><head><meta charset="windows-1252"></head><body><p>It’s “fine”.</p></body></html>'
    article = parse_article(page.encode("cp1252"), path="old.html", id="p")
    assert article.raw == "It’s “fine”."
    assert article.warnings == ()


def test_html_json_ld_metadata() -> None:
    page = (
        '<html><head><script type="application/ld+json">'
        '{"@context": "https://schema.org", "@graph": [{"@type": "NewsArticle", '
        '"headline": "Ld Headline", "datePublished": "2025-01-02T03:04:05Z", '
        '"publisher": {"@type": "Organization", "name": "Ld Outlet"}}]}'
        "</script></head><body><p>Body text of the story. It is short.</p></body></html>"
    )
    article = parse_article(page.encode(), path="ld.html", id="p")
    assert (article.title, article.outlet, article.date) == (
        "Ld Headline",
        "Ld Outlet",
        "2025-01-02",
    )


def test_html_with_no_text_is_an_error() -> None:
    with pytest.raises(SummarizerError, match=r"^e\.html: no article text found in the HTML$"):
        parse_article(b"<html><body><script>x()</script></body></html>", path="e.html", id="e")


def test_stdin_is_sniffed_as_html_or_text() -> None:
    html = b"  <!DOCTYPE html><html><body><p>Stdin page text here. Two sentences.</p></body></html>"
    articles, _ = load_articles(["-"], stdin=io.BytesIO(html))
    assert (articles[0].id, articles[0].format, articles[0].path) == ("stdin", "html", "-")
    assert articles[0].raw == "Stdin page text here. Two sentences."
    articles, _ = load_articles(["-"], stdin=io.BytesIO(b"Plain <b>text</b> on stdin."))
    assert articles[0].format == "txt"
    assert articles[0].title == "Plain <b>text</b> on stdin"  # the lead sentence


# --------------------------------------------------------------------------------------------
# JSON and JSON Lines
# --------------------------------------------------------------------------------------------


def test_json_object_with_metadata() -> None:
    record = {
        "text": "Troops moved north. More followed.\n\nA second paragraph here.",
        "title": "Json Title",
        "outlet": "Json Outlet",
        "date": "18 March 2024",
        "url": "https://example.com/j",
    }
    article = parse_article(json.dumps(record).encode(), path="one.json", id="one")
    assert article.format == "json"
    assert article.raw == record["text"]
    assert (article.title, article.outlet, article.date, article.url) == (
        "Json Title",
        "Json Outlet",
        "2024-03-18",
        "https://example.com/j",
    )
    assert article.id == "one"


def test_json_list_gives_one_article_per_record(tmp_path: Path) -> None:
    records = [
        {"text": "First record text. It is here.", "id": "alpha"},
        {"text": "Second record text. It is here too."},
        {"text": "   "},
    ]
    path = tmp_path / "batch.json"
    path.write_text(json.dumps(records))
    articles, warnings = load_articles([str(path)])
    assert [article.id for article in articles] == ["alpha", "batch-2"]
    assert [article.raw for article in articles] == [records[0]["text"], records[1]["text"]]
    assert any("record 3 has empty text" in warning for warning in warnings)
    with pytest.raises(SummarizerError, match="holds 2 JSON records"):
        parse_article(path.read_bytes()[:-1] + b"]", path=str(path), id="b")


def test_jsonl_lines_and_errors(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    first = json.dumps({"text": "Line one story. Words.", "outlet": "Wire"})
    second = json.dumps({"text": "Line two story. Words.", "id": 7})
    path.write_text(f"{first}\n\n{second}\n")
    articles, _ = load_articles([str(path)])
    assert [(a.id, a.outlet, a.format) for a in articles] == [
        ("feed-1", "Wire", "json"),
        ("7", None, "json"),
    ]
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "ok. fine."}\n{"text": oops}\n')
    with pytest.raises(SummarizerError, match=r"bad\.jsonl: line 2 is not valid JSON"):
        load_articles([str(bad)])


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        (b'{"title": "no text"}', 'record 1 has no "text" string'),
        (b"[1, 2]", "record 1 is not a JSON object"),
        (b'{"text": "x", "title": 5}', '"title" must be a string'),
        (b'{"text": ', "not valid JSON"),
    ],
)
def test_json_errors_name_the_file(payload: bytes, message: str) -> None:
    with pytest.raises(SummarizerError) as raised:
        parse_article(payload, path="in.json", id="i")
    assert str(raised.value).startswith("in.json: ")
    assert message in str(raised.value)


# --------------------------------------------------------------------------------------------
# Ids
# --------------------------------------------------------------------------------------------


def test_ids_fall_back_to_unique_slugs() -> None:
    assert assign_ids(["a/000_x.txt", "b/000_y.txt"]) == ["000-x", "000-y"]
    assert assign_ids(["a/000_x.txt", "b/000_x.txt"]) == ["000-x", "000-x-2"]
    assert assign_ids(["averyverylongtoken_x.txt", "Ünïcode Story!.md", "-"]) == [
        "averyverylongtoken-x",
        "unicode-story",
        "stdin",
    ]
    long_id = assign_ids(["This is a very long file name indeed.txt", "This_other.txt"])[0]
    assert long_id == "this-is-a-very-long-file"
    assert len(long_id) <= 24


# --------------------------------------------------------------------------------------------
# Manifest
# --------------------------------------------------------------------------------------------


def write(path: Path, text: str) -> str:
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_manifest_parses_and_normalises(tmp_path: Path) -> None:
    manifest = write(
        tmp_path / "sources.toml",
        '[[source]]\npath = "a.txt"\nid = "nyt"\ntitle = "T"\ndate = 2024-03-18\n\n'
        '[[source]]\npath = "sub/b.txt"\noutlet = "O"\ndate = "March 5, 2025"\n',
    )
    assert read_manifest(manifest) == {
        "a.txt": {"id": "nyt", "title": "T", "date": "2024-03-18"},
        "sub/b.txt": {"outlet": "O", "date": "2025-03-05"},
    }


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[[source]]\npath = "a.txt"\nauthor = "x"\n', "unknown key 'author'"),
        ('[[source]]\ntitle = "x"\n', "has no 'path'"),
        ("[[source]\npath = ", "not a valid TOML sources manifest"),
        ('title = "x"\n', "unknown top-level key 'title'"),
        ('[[source]]\npath = "a.txt"\nid = 3\n', "'id' must be a non-empty string"),
        ('[[source]]\npath = "a"\nid = "x"\n[[source]]\npath = "b"\nid = "x"\n', "used twice"),
        ('[[source]]\npath = "a"\ndate = "soon"\n', "cannot read date"),
    ],
)
def test_manifest_errors_name_the_file(tmp_path: Path, text: str, message: str) -> None:
    manifest = write(tmp_path / "m.toml", text)
    with pytest.raises(SummarizerError) as raised:
        read_manifest(manifest)
    assert str(raised.value).startswith(f"{manifest}: ")
    assert message in str(raised.value)
    assert "\n" not in str(raised.value)


def test_missing_manifest() -> None:
    with pytest.raises(SummarizerError, match=r"nope\.toml: sources manifest not found"):
        read_manifest("nope.toml")


def test_manifest_overrides_detected_metadata(tmp_path: Path) -> None:
    story = write(
        tmp_path / "001_story.txt",
        "Detected Title Here\n\nby · Detected Outlet\n\nBody. Text here.\n",
    )
    other = write(tmp_path / "002_other.txt", "Other story body. It has text.\n")
    manifest = write(
        tmp_path / "sources.toml",
        '[[source]]\npath = "001_story.txt"\nid = "nyt"\ntitle = "Given"\noutlet = "Given Outlet"\n'
        '[[source]]\npath = "missing.txt"\ntitle = "Nobody"\n',
    )
    articles, warnings = load_articles([story, other], manifest=manifest)
    assert [(a.id, a.title, a.outlet) for a in articles] == [
        ("nyt", "Given", "Given Outlet"),
        ("002", "Other story body", None),
    ]
    assert articles[0].lines[2].furniture == "byline"  # overriding metadata keeps the lines
    assert warnings == (f"{manifest}: no input matches [[source]] path 'missing.txt'",)


# --------------------------------------------------------------------------------------------
# Finding inputs
# --------------------------------------------------------------------------------------------


def make_tree(root: Path) -> None:
    (root / "sub" / "deeper").mkdir(parents=True)
    (root / ".hidden").mkdir()
    for name in ("b.txt", "a.md", "sub/c.html", "sub/deeper/d.json", ".hidden/e.txt", ".f.txt"):
        (root / name).write_text("Text of an article. Two sentences.", encoding="utf-8")
    (root / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (root / "notes.docx").write_bytes(b"PK\x03\x04")


def test_directories_recurse_sorted_skipping_hidden_and_unsupported(tmp_path: Path) -> None:
    make_tree(tmp_path)
    found = expand_inputs([str(tmp_path)])
    assert [os.path.relpath(path, tmp_path) for path in found] == [
        "a.md",
        "b.txt",
        os.path.join("sub", "c.html"),
        os.path.join("sub", "deeper", "d.json"),
    ]
    _articles, warnings = load_articles([str(tmp_path)])
    assert any("skipped 2 file(s) that are not articles (.docx, .png)" in w for w in warnings)


def test_globs_are_expanded_sorted_and_duplicates_read_once(tmp_path: Path) -> None:
    make_tree(tmp_path)
    pattern = str(tmp_path / "*.*")
    found = expand_inputs([pattern, str(tmp_path / "b.txt"), str(tmp_path / "." / "a.md")])
    assert [Path(path).name for path in found] == ["a.md", "b.txt"]
    with pytest.raises(SummarizerError, match=r"no files match this pattern"):
        expand_inputs([str(tmp_path / "*.nothing")])


def test_symlink_loop_terminates(tmp_path: Path) -> None:
    (tmp_path / "top").mkdir()
    (tmp_path / "top" / "story.txt").write_text("An article. With text.")
    os.symlink(tmp_path / "top", tmp_path / "top" / "loop")
    found = expand_inputs([str(tmp_path / "top")])
    assert [Path(path).name for path in found] == ["story.txt"]
    _articles, warnings = load_articles([str(tmp_path / "top")])
    assert any("loop" in warning and "already read" in warning for warning in warnings)
    os.symlink(tmp_path / "self", tmp_path / "self")
    with pytest.raises(SummarizerError, match="broken or looping symbolic link"):
        expand_inputs([str(tmp_path / "self")])


def test_paths_with_spaces_and_non_ascii(tmp_path: Path) -> None:
    folder = tmp_path / "saved pages"
    folder.mkdir()
    path = folder / "Ünïcödé – story 1.txt"
    path.write_text("Ein Artikel über Truppen. Zwei Sätze.", encoding="utf-8")
    articles, _ = load_articles([str(folder)])
    assert articles[0].path == str(path)
    assert articles[0].id == "unicode-story-1"


def test_too_many_files_names_the_limit_and_option(tmp_path: Path) -> None:
    for number in range(4):
        (tmp_path / f"{number}.txt").write_text("Text. More text.")
    assert len(expand_inputs([str(tmp_path)], max_files=4)) == 4
    with pytest.raises(SummarizerError) as raised:
        expand_inputs([str(tmp_path)], max_files=3)
    assert "more than 3 input files" in str(raised.value)
    assert "--max-files" in str(raised.value)
    assert DEFAULT_MAX_FILES == 5_000


def test_missing_path_is_one_line_naming_it(tmp_path: Path) -> None:
    missing = str(tmp_path / "absent.txt")
    with pytest.raises(SummarizerError) as raised:
        expand_inputs([missing])
    assert str(raised.value) == f"{missing}: no such file or directory"


def test_unsupported_extension_given_explicitly(tmp_path: Path) -> None:
    path = write(tmp_path / "scan.pdf", "x")
    with pytest.raises(SummarizerError) as raised:
        expand_inputs([path])
    assert str(raised.value).startswith(f"{path}: unsupported file type .pdf (supported: .txt")


def test_directory_without_articles(tmp_path: Path) -> None:
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    with pytest.raises(SummarizerError) as raised:
        expand_inputs([str(tmp_path)])
    assert str(raised.value).startswith(f"{tmp_path}: no readable articles in the directory")


# --------------------------------------------------------------------------------------------
# Reading
# --------------------------------------------------------------------------------------------


def test_max_bytes_refusal_names_the_option(tmp_path: Path) -> None:
    path = write(tmp_path / "big.txt", "x" * 2_500)
    with pytest.raises(SummarizerError) as raised:
        load_articles([path], max_bytes=1_000)
    assert str(raised.value) == (
        f"{path}: file is 2.5 KB, over the 1 KB limit; raise it with --max-bytes"
    )
    with pytest.raises(SummarizerError, match="--max-bytes"):
        load_articles(["-"], stdin=io.BytesIO(b"y" * 1_001), max_bytes=1_000)
    assert DEFAULT_MAX_BYTES == 100_000


@pytest.mark.slow
def test_default_limits_take_a_thousand_articles_of_news_length(tmp_path: Path) -> None:
    """The engine briefs about 1,000 articles in about a minute: the defaults must let them in."""
    paragraph = "The river rose by three metres overnight, officials said on Tuesday. " * 30
    records = [{"id": f"a{n}", "text": f"Report {n}. {paragraph}"} for n in range(1_000)]
    path = write(tmp_path / "feed.jsonl", "\n".join(json.dumps(r) for r in records))
    articles, _ = load_articles([path])  # 1,000 articles, 2 MB of text, default limits
    assert len(articles) == 1_000
    folder = tmp_path / "many"
    folder.mkdir()
    for number in range(DEFAULT_MAX_FILES):
        (folder / f"{number:05d}.txt").write_text("x")
    assert len(expand_inputs([str(folder)])) == DEFAULT_MAX_FILES


def test_unreadable_file_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path / "locked.txt", "Secret text. Locked.")

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(ingest, "open", refuse, raising=False)
    with pytest.raises(SummarizerError) as raised:
        load_articles([path])
    assert str(raised.value) == f"{path}: permission denied; cannot read the file"


def test_bad_file_in_a_directory_is_skipped_but_named_file_is_fatal(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("A good article. It reads well.")
    (tmp_path / "scan.txt").write_bytes(b"%PDF-1.4 binary")
    (tmp_path / "blank.md").write_text("  \n")
    articles, warnings = load_articles([str(tmp_path)])
    assert [article.id for article in articles] == ["good"]
    assert any("scan.txt: looks like a binary file (PDF)" in warning for warning in warnings)
    assert any("blank.md: file is empty" in warning for warning in warnings)
    with pytest.raises(SummarizerError, match="looks like a binary file"):
        load_articles([str(tmp_path / "scan.txt")])


def test_legacy_encoding_warning_is_returned(tmp_path: Path) -> None:
    path = tmp_path / "old.txt"
    path.write_bytes("It’s here. Fine.".encode("cp1252"))
    _articles, warnings = load_articles([str(path)])
    assert len(warnings) == 1
    assert "Windows-1252" in warnings[0]


def test_duplicate_ids_from_records_are_made_unique(tmp_path: Path) -> None:
    first = write(tmp_path / "x1.json", json.dumps({"text": "One. Text here.", "id": "same"}))
    second = write(tmp_path / "x2.json", json.dumps({"text": "Two. Text here.", "id": "same"}))
    articles, warnings = load_articles([first, second])
    assert [article.id for article in articles] == ["same", "same-2"]
    assert any("'same' is already taken" in warning for warning in warnings)


@given(st.text(alphabet="ab .,-'日本語ดี", max_size=30))
def test_has_three_words_agrees_with_word_count(text: str) -> None:
    assert has_three_words(text) == (word_count(text) >= 3)


def _mixed_folder(tmp_path: Path) -> Path:
    """Text files, a JSON Lines bundle, an unreadable-as-text file and a non-English one."""
    folder = tmp_path / "mixed"
    folder.mkdir()
    texts = [Path(p).read_text(encoding="utf-8") for p in SEED_PATHS]
    for number, text in enumerate(texts):
        (folder / f"a{number}.txt").write_text(text, encoding="utf-8")
    records = [{"text": text, "title": f"Record {n}"} for n, text in enumerate(reversed(texts))]
    records.insert(1, {"text": "   "})  # an empty record: skipped with a warning
    (folder / "b.jsonl").write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    (folder / "c.txt").write_bytes(b"\x00\x01binary\x00" * 20)  # skipped with a warning
    (folder / "d.txt").write_text("Der Hund lief schnell über die Straße und bellte laut. " * 5)
    return folder


def test_reading_in_workers_gives_the_same_articles_and_warnings_in_the_same_order(
    tmp_path: Path,
) -> None:
    folder = _mixed_folder(tmp_path)
    alone = load_articles([str(folder)])
    assert load_articles([str(folder)], jobs=2) == alone
    articles, warnings = alone
    assert len(articles) == 2 * len(SEED_PATHS) + 1
    assert any("empty text; skipped" in w for w in warnings)
    assert any(w.startswith("skipped") for w in warnings)
    assert any("does not look like English" in w for w in warnings)


def test_reading_in_workers_stops_at_the_same_error_and_limit(tmp_path: Path) -> None:
    folder = _mixed_folder(tmp_path)
    bad = folder / "c.txt"  # named on the command line: fatal, not skipped
    named = [*sorted(str(p) for p in folder.glob("a*.txt")), str(bad), str(folder / "b.jsonl")]
    for limits in ({}, {"max_files": 8}):  # 8 files hold 10 articles before the last
        errors = []
        for jobs in (1, 2):
            with pytest.raises(SummarizerError) as caught:
                load_articles(named if not limits else [str(folder)], jobs=jobs, **limits)
            errors.append(str(caught.value))
        assert errors[0] == errors[1]
        assert ("c.txt: looks like a binary" if not limits else "b.jsonl: more than 8") in errors[0]
