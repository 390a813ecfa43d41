"""The briefing's new views: claims first, layout by number of sources, charts, quote marks,
and the format registry the CLI and the renderers share."""

from __future__ import annotations

import dataclasses
import json
import re

import click
import lxml.html
import pytest
from test_render import make_briefing

from summarizer import formats
from summarizer.cli import cli
from summarizer.models import Comparison, Sentence, ThemeCell, ThemeRow
from summarizer.render import briefing_to_dict, render_briefing
from summarizer.render.charts import RangeMark, TimelinePoint, heat_map, range_chart, timeline
from summarizer.render.claims import briefing_claims, theme_claims
from summarizer.render.views import quote_view

HOSTILE = '<script>alert(1)</script>"><svg onload=alert(1)>'


def sentence(source: str, index: int, text: str = "A sentence.") -> Sentence:
    return Sentence(source, index, index * 100, index * 100 + len(text), text)


# --- quotation marks ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("Plain words.", "“Plain words.”"),
        ("“ISW assesses that the war goes on,” the report said.", None),
        ("He called it “highly likely.”", None),
        ("«Nous verrons», a-t-il dit.", None),
        ("It is ‘likely’ that more will come.", "“It is ‘likely’ that more will come.”"),
    ],
)
def test_quotes_that_bring_their_own_marks_get_no_second_pair(text: str, shown: str | None) -> None:
    view = quote_view(Sentence("000", 0, 0, len(text), text))
    assert view.open + view.text + view.close == (shown or text)


def test_rendered_briefing_never_doubles_quotation_marks() -> None:
    briefing = make_briefing()
    first = briefing.digest[0]
    quoted = dataclasses.replace(first, text="“Quoted already,” said the minister.")
    briefing = dataclasses.replace(briefing, digest=(quoted,))
    for fmt in ("md", "html"):
        text = render_briefing(briefing, fmt)
        assert "““" not in text and "””" not in text
        assert "“Quoted already,” said the minister." in text


# --- claims -------------------------------------------------------------------------------


def test_claims_order_by_origins_then_sources_then_salience() -> None:
    a, b, c = sentence("000", 0), sentence("001", 0), sentence("002", 0)
    a2, b2 = sentence("000", 1), sentence("001", 1)
    row = ThemeRow(
        theme=make_briefing().rows[0].theme,
        cells=(
            ThemeCell("t", "000", (a2, a), 2),
            ThemeCell("t", "001", (b, b2), 2),
            ThemeCell("t", "002", (c,), 1),
        ),
        agree=(
            Comparison("agree", "", ("000", "001"), (a2, b2)),
            Comparison("agree", "", ("000", "001", "002"), (a, b, c)),
        ),
    )
    # 002 nearly repeats 001: the three-source claim has two independent origins.
    origins = {"000": "000", "001": "001", "002": "001"}
    claims = theme_claims(row, ["000", "001", "002"], origins, contested={("001", 1)})
    assert [(c.sources, c.origins) for c in claims] == [
        (("000", "001", "002"), 2),
        (("000", "001"), 2),
    ]
    first, second = claims
    # The representative is the wording a cell shows first; the others stay one step away.
    assert first.quote == b and {q.source for q in first.wordings} == {"000", "002"}
    assert second.quote == a2 and second.contested and not first.contested


def test_shown_sentences_outside_every_claim_become_single_source_claims() -> None:
    data = briefing_to_dict(make_briefing())
    deployment, casualties, other = (theme["claims"] for theme in data["themes"])
    assert [c["sources"] for c in deployment] == [["000", "001"], ["002"]]
    assert deployment[1]["single_source"] and not deployment[0]["single_source"]
    assert all(c["single_source"] for c in casualties + other)
    # Every shown sentence appears in exactly one claim, as representative or other wording.
    for theme, claims in zip(data["themes"], (deployment, casualties, other), strict=True):
        shown = sorted(
            (q["source"], q["span"][0]) for quotes in theme["cells"].values() for q in quotes
        )
        held = sorted(
            (q["source"], q["span"][0]) for c in claims for q in (c["quote"], *c["wordings"])
        )
        assert held == shown


def test_a_claim_stating_a_diverging_figure_is_contested() -> None:
    briefing = make_briefing()
    claims = briefing_claims(briefing)
    casualties = claims[1]
    killed = next(g for g in briefing.figures if g.verdict == "diverge")
    stating = {(f.sentence.source, f.sentence.index) for f in killed.mentions}
    for claim in casualties:
        assert claim.contested == ((claim.quote.source, claim.quote.index) in stating)
    assert any(claim.contested for claim in casualties)
    html = render_briefing(briefing, "html")
    assert '<span class="verdict verdict-contested">contested: its figures diverge</span>' in html


# --- layout by number of sources ----------------------------------------------------------


def test_grid_shows_up_to_columns_sources_then_claims_alone() -> None:
    briefing = make_briefing()
    wide = render_briefing(briefing, "html", columns=3)
    narrow = render_briefing(briefing, "html", columns=2)
    assert wide.count('<div class="card">') == 3 * len(briefing.rows)
    assert '<div class="card">' not in narrow
    # Without the grid, the single-source claims are listed with their mark instead.
    assert '<span class="verdict verdict-single">single source</span>' in narrow
    # ...and the per-source summaries become a compact list, one line per source.
    summaries = narrow.split('<section id="summaries">')[1]
    assert summaries.count("<details>") == len(briefing.sources)
    md_narrow = render_briefing(briefing, "md", columns=2)
    assert "| 000 · Alpha News |" not in md_narrow
    assert "| 000 · Alpha News |" in render_briefing(briefing, "md", columns=3)


def test_sources_table_in_print_order_then_compact_beyond_twenty() -> None:
    briefing = make_briefing()
    html = render_briefing(briefing, "html")
    table = html.split('<section id="sources">')[1].split("</table>")[0]
    order = re.findall(r'<span class="chip">(\d{3})</span>', table)
    assert order == ["000", "001", "002"]  # Alpha News, Beta …, then the unknown outlet
    many = dataclasses.replace(briefing, sources=briefing.sources * 7)  # 21 sources
    compact = render_briefing(many, "html", columns=6)
    section = compact.split('<section id="sources">')[1].split("</section>")[0]
    assert '<ol class="source-list">' in section and "<table" not in section
    assert section.count("<li>") == 21


# --- charts -------------------------------------------------------------------------------


def test_charts_escape_their_labels_and_carry_a_text_alternative() -> None:
    charts = [
        heat_map("h", [HOSTILE], [HOSTILE], [[3]], "sentences"),
        range_chart(
            "r",
            HOSTILE,
            [RangeMark(HOSTILE, "300", 300, 300, 300), RangeMark("b", "1,000", 1000, 900, 1100)],
        ),
        timeline("t", [TimelinePoint("2025-01-01", HOSTILE), TimelinePoint("2025-02-01", "b")]),
    ]
    for chart in charts:
        document = lxml.html.fragment_fromstring(str(chart.svg))
        names = {e.tag for e in document.iter() if isinstance(e.tag, str)}
        assert names <= {"svg", "title", "text", "line", "rect", "circle"}, names
        assert not any(n.startswith("on") for e in document.iter() for n in e.attrib)
        assert chart.alt and document.find("title").text == chart.alt
        assert "<script" not in str(chart.svg)


def test_range_chart_places_each_value_on_a_shared_axis() -> None:
    chart = range_chart(
        "r",
        "killed",
        [RangeMark("a", "300", 300, 300, 300), RangeMark("b", "1,000", 1000, 1000, 1000)],
    )
    dots = [float(x) for x in re.findall(r'<circle cx="([\d.]+)"', str(chart.svg))]
    assert len(dots) == 2 and dots[0] < dots[1]
    ticks = re.findall(r">([\d,]+)</text>", str(chart.svg))
    assert "0" in ticks and "1,000" in ticks


def test_html_briefing_has_its_charts_and_markdown_the_same_numbers_as_tables() -> None:
    briefing = make_briefing()
    html = render_briefing(briefing, "html")
    assert 'id="coverage-chart"' in html
    assert 'id="timeline-chart"' not in html  # all three sources carry the same date
    two_values = [g for g in briefing.figures if len(g.mentions) >= 2]
    assert len(re.findall(r'<svg [^>]*id="figure-chart-\d+"', html)) == len(two_values)
    md = render_briefing(briefing, "md")
    assert "<svg" not in md
    divergence = md.split("## Where the sources diverge")[1].split("## Side by side")[0]
    assert "| source | value | per | when |" in divergence


# --- the format registry ------------------------------------------------------------------


@pytest.mark.parametrize("command", sorted(formats.REGISTRY))
def test_cli_offers_exactly_the_registry_formats(command: str) -> None:
    option = next(p for p in cli.commands[command].params if p.name == "fmt")
    assert isinstance(option.type, click.Choice)
    assert tuple(option.type.choices) == formats.formats(command)
    assert callable(formats.renderer(command))


def test_renderers_refuse_formats_outside_the_registry() -> None:
    from summarizer.errors import SummarizerError

    with pytest.raises(SummarizerError, match="unknown briefing format 'text'"):
        render_briefing(make_briefing(), "text")


def test_json_claims_validate_against_the_schema() -> None:
    import jsonschema

    from summarizer.render import json_schema

    data = json.loads(render_briefing(make_briefing(), "json"))
    jsonschema.validate(data, json_schema("briefing"))
    assert all("claims" in theme for theme in data["themes"])
