"""Ingest on real-world shapes: trafilatura extraction, lists and tables, other scripts,
captions, dated headlines, titles and publication dates."""

from __future__ import annotations

import subprocess
import sys

import pytest
from test_ingest import assert_offsets_exact

from summarizer.ingest import load_articles, parse_article
from summarizer.models import Article


def reasons(article: Article) -> list[tuple[str, str | None]]:
    """(line text, furniture reason) for every non-empty line."""
    return [
        (article.body[line.start : line.end], line.furniture)
        for line in article.lines
        if line.end > line.start
    ]


LIST_PAGE = """<html><head><title>Casualty figures</title>
<meta name="author" content="Jane Roe">
<meta property="article:published_time" content="2025-03-27T08:00:00+02:00">
<link rel="canonical" href="https://news.example/figures"></head>
<body><nav><a href="/">Home</a></nav><article><h1>Casualty figures by region</h1>
<p>The ministry published its figures on Monday. They cover the first three months and every
region.</p>
<ul><li>Kursk region 300 killed</li><li>Donetsk region 120 killed</li>
<li>Kharkiv region 45 killed</li></ul>
<p>Officials said the figures would be revised as more reports came in from the front.</p>
<table><tr><th>Region</th><th>Killed</th><th>Wounded</th></tr>
<tr><td>Kursk</td><td>300</td><td>2,700</td></tr>
<tr><td>Donetsk</td><td>120</td><td>400</td></tr></table>
<p>The next update is due at the end of the month, the ministry said in its statement.</p>
</article><footer>Copyright 2025 News Example. All rights reserved.</footer></body></html>"""


def test_html_lists_and_table_rows_are_content_not_related_links() -> None:
    article = parse_article(LIST_PAGE.encode(), path="figures.html", id="f")
    found = dict(reasons(article))
    for line in (
        "Kursk region 300 killed",
        "Donetsk region 120 killed",
        "Kharkiv region 45 killed",
    ):
        assert found[line] is None, (line, found[line])
    for row in ("Region | Killed | Wounded", "Kursk | 300 | 2,700", "Donetsk | 120 | 400"):
        assert found[row] is None, (row, found[row])
    assert "Home" not in article.raw and "All rights reserved" not in article.raw
    assert_offsets_exact(article)


def test_html_metadata_comes_from_the_page() -> None:
    article = parse_article(LIST_PAGE.encode(), path="figures.html", id="f")
    assert article.title == "Casualty figures by region"
    assert article.author == "Jane Roe"
    assert article.date == "2025-03-27"
    assert article.url == "https://news.example/figures"


def test_plain_text_table_rows_are_not_a_breadcrumb() -> None:
    text = (
        "Losses by region\n\n"
        "The ministry gave these figures on Monday. They are the latest available.\n\n"
        "Region | Killed | Wounded\n"
        "Kursk | 300 | 2,700\n"
        "Donetsk | 120 | 400\n\n"
        "Officials said the numbers would rise. More reports were expected.\n"
    )
    found = dict(reasons(parse_article(text.encode(), path="t.txt", id="t")))
    assert found["Kursk | 300 | 2,700"] is None
    assert found["Region | Killed | Wounded"] is None
    # A single "Home | World | Asia" line is still a breadcrumb.
    crumb = "Home | World | Asia\n\nThe story starts here. It goes on.\n"
    assert reasons(parse_article(crumb.encode(), path="c.txt", id="c"))[0][1] == "breadcrumb"


def test_japanese_prose_is_content() -> None:
    text = (
        "北朝鮮、ロシアに追加派兵\n\n"
        "韓国軍合同参謀本部は２７日、北朝鮮が１月と２月にロシアへ約３千人を追加派遣したと発表した。\n\n"
        "北朝鮮はミサイルや砲弾の供給も続けているという。\n\n"
        "停戦交渉の行方は不透明だ。\n"
    )
    article = parse_article(text.encode(), path="ja.txt", id="ja")
    found = reasons(article)
    assert found[0] == ("北朝鮮、ロシアに追加派兵", "title")
    assert [reason for _, reason in found[1:]] == [None, None, None]


def test_other_scripts_sentence_punctuation_ends_a_sentence() -> None:
    from summarizer.ingest.units import count_sentences

    assert count_sentences("北朝鮮は発表した。ロシアへ派兵した！それは本当なのか？") == 3
    assert count_sentences("यह एक वाक्य है। यह दूसरा वाक्य है।") == 2
    assert count_sentences("هل هذا صحيح حقا؟ نعم هو كذلك.") == 2


def test_photo_caption_line_is_dropped() -> None:
    text = (
        "Sailors captured by Iranian guards\n\n"
        "Fifteen Royal Navy sailors were captured on Friday, the ministry said.\n\n"
        "HMS Cornwall at Zeebrugge in 2006.\n\n"
        "Troops in Kursk were killed in the attack, officials said.\n\n"
        "The crew had been inspecting a ship when they were detained.\n"
    )
    found = dict(reasons(parse_article(text.encode(), path="n.txt", id="n")))
    assert found["HMS Cornwall at Zeebrugge in 2006."] == "caption"
    assert found["Troops in Kursk were killed in the attack, officials said."] is None


def test_date_prefixed_headline_is_the_title_and_the_date() -> None:
    text = (
        "2005/01/08 Tsunami aid donations in 2005 deductible for 2004 in the U.S.\n\n"
        "U.S. citizens donating in 2005 may write off their donations on their 2004 returns.\n\n"
        "The law is intended to promote donating towards the relief effort.\n"
    )
    article = parse_article(text.encode(), path="M0000.english.txt", id="m")
    assert reasons(article)[0][1] == "dated headline"
    assert article.title == "Tsunami aid donations in 2005 deductible for 2004 in the U.S."
    assert article.date == "2005-01-08"


def test_datelines_in_text_give_the_date() -> None:
    cases = {
        "Tuesday 4 April 2017\n\nThe minister resigned today. Her deputy takes over.\n": (
            "2017-04-04"
        ),
        "Posted on April 4 2017\n\nThe minister resigned today. Her deputy takes over.\n": (
            "2017-04-04"
        ),
        "Tuesday, January 18, 2005Through a telethon, Romanians raised money. It was a record.\n": (
            "2005-01-18"
        ),
        "Saturday, March 26, 2005 Up to four times as many women died. Oxfam said so.\n": (
            "2005-03-26"
        ),
    }
    for text, iso in cases.items():
        assert parse_article(text.encode(), path="d.txt", id="d").date == iso, text


def test_json_and_front_matter_dates_are_iso() -> None:
    record = b'{"text": "The minister resigned. Her deputy takes over.", "date": "4 April 2017"}'
    assert parse_article(record, path="r.json", id="r").date == "2017-04-04"
    record = b'{"text": "The minister resigned.", "publishedAt": "2017-04-04T09:30:00Z"}'
    assert parse_article(record, path="r.json", id="r").date == "2017-04-04"
    page = b"---\ntitle: Resignation\ndate: April 4, 2017\n---\n\nThe minister resigned today.\n"
    article = parse_article(page, path="p.md", id="p")
    assert (article.title, article.date) == ("Resignation", "2017-04-04")


def test_title_is_the_lead_sentence_cut_at_a_word_boundary_not_the_file_name() -> None:
    text = (
        "North Korea deployed approximately 3,000 additional troops to Russia in January and "
        "February, continuing its support for the war, according to the latest assessment\n"
        "The Joint Chiefs reported on Thursday that more weapons were supplied.\n"
    )
    article = parse_article(text.encode(), path="002_4a41b86798aaf79a.txt", id="002")
    assert article.title == (
        "North Korea deployed approximately 3,000 additional troops to Russia in January…"
    )
    assert len(article.title) <= 81 and "4a41b" not in article.title


def test_seeds_and_multiling_articles_get_real_titles(seeds_dir) -> None:
    import json
    from pathlib import Path

    articles, _ = load_articles([str(seeds_dir)])
    for article in articles:
        assert article.title and Path(article.path).stem not in article.title, article.path
    data = Path(__file__).resolve().parent.parent / "bench" / "data" / "multiling2011"
    for line in (data / "documents.jsonl").read_text(encoding="utf-8").splitlines():
        for document in json.loads(line)["documents"]:
            text = "\n\n".join(document["text"]).encode()
            article = parse_article(text, path=f"{document['filename']}.txt", id="m")
            assert not article.title.startswith("M00"), document["filename"]
            assert article.date, document["filename"]


@pytest.mark.slow
def test_text_inputs_do_not_import_trafilatura(seeds_dir) -> None:
    """trafilatura takes about half a second to import: only HTML inputs pay for it."""
    code = (
        "import sys\n"
        "from summarizer.ingest import load_articles\n"
        f"load_articles([{str(seeds_dir)!r}])\n"
        "assert 'trafilatura' not in sys.modules\n"
        "load_articles(['-'], stdin=__import__('io').BytesIO(b'<html><body><p>A page. "
        "With text.</p></body></html>'))\n"
        "assert 'trafilatura' in sys.modules\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, check=False)
    assert done.returncode == 0, done.stderr.decode()
