"""Article text stays inert in every Markdown renderer people use, and in our HTML.

The injection vectors in ``data/injection_vectors.json`` are put into every text field of one
briefing (quotes, titles, outlets, theme labels, tool notes, warnings, figure names), which is
rendered as Markdown and pushed through each renderer in ``markdown_renderers.RENDERERS``, and
rendered as HTML. The only elements allowed are the ones the templates make: the element
structure must equal that of the same briefing with plain words in place of the vectors. The
only links allowed are the tool's own links to http(s) source URLs. Every quote must read,
character for character, as its source text.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from functools import cache
from pathlib import Path

import lxml.html
import pytest
from helpers import json_quotes
from hypothesis import given
from hypothesis import strategies as st
from markdown_renderers import RENDERERS

import summarizer
from summarizer.errors import SummarizerError
from summarizer.models import (
    Article,
    Briefing,
    Comparison,
    Figure,
    FigureGroup,
    Line,
    RankedSentence,
    Readability,
    Sentence,
    SourceInfo,
    Summary,
    Theme,
    ThemeCell,
    ThemeRow,
    ThemeSet,
)
from summarizer.render import md_escape, render_briefing, visible_markdown_text, web_link

DATA = Path(__file__).parent / "data" / "injection_vectors.json"
VECTORS: list[str] = [
    vector
    for group, vectors in json.loads(DATA.read_text(encoding="utf-8")).items()
    if not group.startswith("_")
    for vector in vectors
]
# The tool links a source's title to its URL only when the URL is http(s).
SOURCE_URLS = (
    "https://example.org/news/a?x=1&copy=2",
    "javascript:alert(1)",
    'https://example.org/"><script>alert(1)</script> {: onclick=alert(1) }',
    "javascript://example.org/%0aalert(1)",
)
TOOL_LINKS = {link for link in map(web_link, SOURCE_URLS) if link}
DANGEROUS_URL = re.compile(r"^\s*(?:javascript|data|vbscript|file):", re.I)
PLAIN_ELEMENTS = frozenset({"html", "body", "p", "table", "thead", "tbody", "tr", "th", "td"})
URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "xlink:href", "poster", "data"})


def test_there_are_enough_vectors() -> None:
    assert len(VECTORS) >= 50
    assert len(TOOL_LINKS) == 2


# --- one briefing holding every vector ------------------------------------------------------


def _source(
    source_id: str, texts: Sequence[str], title: str, outlet: str, url: str
) -> tuple[Article, list[Sentence]]:
    """An article whose raw text is the given sentences, one per line, and its Sentences."""
    raw = "\n".join(t.replace("\n", " ") for t in texts) + "\n"
    lines, sentences, start = [], [], 0
    for index, text in enumerate(raw.splitlines()):
        lines.append(Line(start, start + len(text)))
        sentences.append(
            Sentence(source_id, index, start, start + len(text), " ".join(text.split()))
        )
        start += len(text) + 1
    article = Article(
        id=source_id,
        path=f"articles/{source_id}.json",
        raw=raw,
        body=raw,
        offsets=tuple(range(len(raw) + 1)),
        lines=tuple(lines),
        format="json",
        title=title,
        outlet=outlet,
        date="2025-02-08",
        url=url,
    )
    return article, sentences


def briefing_of(texts: Sequence[str]) -> Briefing:
    """Every text field of a four-source briefing drawn from ``texts`` (one per vector)."""
    sentences_text = [f"Quote {i} says {text} and ends." for i, text in enumerate(texts)]
    joined = " ~ ".join(texts)
    infos, sentences = [], []
    for number, url in enumerate(SOURCE_URLS):
        source_id = f"00{number}"
        article, found = _source(
            source_id, sentences_text, f"{texts[number]} {joined}", texts[-number - 1], url
        )
        ranked = tuple(RankedSentence(s, rank, 1.0) for rank, s in enumerate(found, 1))
        summary = Summary(source_id, "lexrank", ranked)
        infos.append(
            SourceInfo(article, Readability(len(article.raw.split()), 2.0, 50.0, 9.0), summary)
        )
        sentences.append(found)
    ids = tuple(info.article.id for info in infos)
    themes = tuple(Theme(f"t{i}", text, ("x",), texts[-i - 1]) for i, text in enumerate(texts[:3]))
    rows = tuple(
        ThemeRow(
            theme,
            tuple(
                ThemeCell(theme.id, sid, tuple(found[i::3]), 5)
                for sid, found in zip(ids, sentences, strict=True)
            ),
            agree=(Comparison("agree", f"Agree on {texts[i]}", ids[:2], (sentences[0][i],)),),
            diverge=(Comparison("diverge", f"Differ on {texts[-i]}", ids[1:3], ()),),
            only_in=(Comparison("only", f"Only {texts[i + 3]}", ids[3:], (sentences[3][i],)),),
            figure_notes=(f"Figures: {texts[i + 5]}",),
        )
        for i, theme in enumerate(themes)
    )
    mention = Figure(
        source="000",
        sentence=sentences[0][0],
        text="Quote 0",
        value=0.0,
        low=0.0,
        high=0.0,
        unit="troops",
        measure="killed",
        attribution=texts[7],
        span=(sentences[0][0].start, sentences[0][0].start + 7),
    )
    figures = (FigureGroup(texts[8], "killed", "t0", "single", (mention,), 1, texts[9]),)
    return Briefing(
        title=joined,
        note=f"Comparison of {texts[10]}",
        sources=tuple(infos),
        digest=tuple(s[i] for i, s in enumerate(sentences)),
        themes=ThemeSet(themes, texts[11], texts[12]),
        rows=rows,
        figures=figures,
        warnings=tuple(texts[13:20]),
        options={"algorithm": texts[20]},
    )


HOSTILE = briefing_of(VECTORS)
BENIGN = briefing_of([f"plain words {i}" for i in range(len(VECTORS))])
QUOTES = {s.text for info in HOSTILE.sources for s in (r.sentence for r in info.summary.sentences)}


# --- checks ---------------------------------------------------------------------------------


def parse(page: str) -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(f"<html><body>{page}</body></html>")


def element_names(document: lxml.html.HtmlElement) -> list[str]:
    """Every element's name, sorted: the sources table is in order of outlet and date, so
    article metadata may reorder its rows, but any element it formed would add a name."""
    return sorted(e.tag for e in document.iter() if isinstance(e.tag, str))


# The tool's charts are inline SVG of these elements only (nothing that links, loads or embeds).
CHART_ELEMENTS = frozenset({"svg", "title", "text", "line", "rect", "circle"})


def web_links(document: lxml.html.HtmlElement) -> list[str]:
    """The links that leave the page (the table of contents links to the page's own sections)."""
    return sorted(a.get("href") for a in document.iter("a") if not a.get("href").startswith("#"))


def visible(document: lxml.html.HtmlElement) -> str:
    """The body text a reader sees, spaces collapsed (entities decoded by the parser)."""
    body = document.find("body")
    assert body is not None
    return " ".join(body.text_content().split())


def assert_only_tool_elements(document: lxml.html.HtmlElement) -> None:
    """No script, no event handler, no dangerous URL, and no link but the tool's own."""
    for element in document.iter():
        if not isinstance(element.tag, str):
            assert "alert" not in (element.text or ""), lxml.html.tostring(element)
            continue
        assert element.tag not in ("script", "iframe", "object", "embed", "math", "img")
        if element.tag == "svg":
            assert element.get("class") == "chart", lxml.html.tostring(element)[:300]
            inside = {e.tag for e in element.iter() if isinstance(e.tag, str)}
            assert inside <= CHART_ELEMENTS, inside - CHART_ELEMENTS
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on"), (element.tag, name, value)
            if name.lower() in URL_ATTRIBUTES:
                assert not DANGEROUS_URL.match(value), (element.tag, name, value)
        if element.tag == "a" and element.get("href", "").startswith("#"):
            assert document.get_element_by_id(element.get("href")[1:]) is not None
        elif element.tag == "a":
            assert element.get("href") in TOOL_LINKS, lxml.html.tostring(element)[:300]


def assert_quotes_read_verbatim(document: lxml.html.HtmlElement, *, markdown: bool) -> None:
    shown = visible(document)
    for quote in QUOTES:
        expected = visible_markdown_text(quote) if markdown else " ".join(quote.split())
        assert expected in shown, quote


def assert_tables_keep_their_columns(document: lxml.html.HtmlElement) -> None:
    for table in document.iter("table"):
        widths = {len(row.findall("th")) + len(row.findall("td")) for row in table.iter("tr")}
        assert len(widths) == 1, lxml.html.tostring(table)[:500]


# --- Markdown through every renderer --------------------------------------------------------

MARKDOWN = render_briefing(HOSTILE, "md")
BENIGN_MARKDOWN = render_briefing(BENIGN, "md")


@cache
def rendered(renderer: str, markdown: str) -> lxml.html.HtmlElement:
    """``markdown`` through one renderer, parsed; made once for every test that reads it (the
    documents are only read)."""
    return parse(RENDERERS[renderer](markdown))


@pytest.mark.slow  # about 1 s per renderer: renders a whole briefing through each
@pytest.mark.parametrize("renderer", sorted(RENDERERS))
def test_markdown_makes_only_the_templates_elements_in_every_renderer(renderer: str) -> None:
    document, benign = rendered(renderer, MARKDOWN), rendered(renderer, BENIGN_MARKDOWN)
    # Any element or link formed from article text would change the structure.
    assert element_names(document) == element_names(benign)
    assert_only_tool_elements(document)
    assert web_links(document) == sorted(TOOL_LINKS)
    assert_tables_keep_their_columns(document)


@pytest.mark.parametrize("renderer", sorted(RENDERERS))
def test_markdown_quotes_read_verbatim_in_every_renderer(renderer: str) -> None:
    assert_quotes_read_verbatim(rendered(renderer, MARKDOWN), markdown=True)


@pytest.mark.parametrize("vector", VECTORS)
def test_each_vector_alone_is_inert_in_every_renderer(vector: str) -> None:
    # At the start of a line, under a paragraph line, and inside a table cell.
    escaped = md_escape(vector)
    text = f"{escaped}\n\nA line\n{escaped}\n\n| a |\n|---|\n| x {escaped} y |\n"
    for name, render in RENDERERS.items():
        document = parse(render(text))
        assert set(element_names(document)) <= PLAIN_ELEMENTS, name
        assert_only_tool_elements(document)
        assert visible(document).count(visible_markdown_text(vector)) >= 3, name


PIECES = [*"wW.@:/ ab1-+=#*_`[]()!<>&|~{}\\\"'\n\x1b", "www.", "http://", "mailto:", "//"]
PIECES += [".com", ".рф", "a@b.co", "{: ", "&#46;", "xn--p1ai", "localhost"]


@given(st.lists(st.sampled_from(PIECES), max_size=12).map("".join))
def test_escaped_text_renders_as_itself_and_nothing_else_in_every_renderer(text: str) -> None:
    expected = " ".join(f"x {visible_markdown_text(text)}".split())
    for name, render in RENDERERS.items():
        document = parse(render(f"x {md_escape(text)}"))
        assert set(element_names(document)) <= {"html", "body", "p"}, name
        assert visible(document) == expected, name


def test_attribute_lists_cannot_reach_headings_or_cells() -> None:
    # The issue's own example: attr_list would otherwise make <h1 onclick="alert(1)">.
    title = 'Border report {: onclick="alert(1)" }'
    document = parse(RENDERERS["python-markdown"](render_briefing(briefing_of([title] * 21), "md")))
    assert document.find(".//h1").get("onclick") is None
    assert title in document.find(".//h1").text_content()
    assert not [e for e in document.iter() if isinstance(e.tag, str) and e.get("onclick")]


# --- HTML -----------------------------------------------------------------------------------


def test_html_makes_only_the_templates_elements_and_keeps_its_csp() -> None:
    page = render_briefing(HOSTILE, "html")
    document = lxml.html.document_fromstring(page)
    benign = lxml.html.document_fromstring(render_briefing(BENIGN, "html"))
    assert element_names(document) == element_names(benign)
    assert_only_tool_elements(document)
    assert web_links(document) == sorted(TOOL_LINKS)
    outward = [a for a in document.iter("a") if not a.get("href").startswith("#")]
    assert all(a.get("rel") == "noopener noreferrer nofollow" for a in outward)
    csp = document.xpath('//head/meta[@http-equiv="Content-Security-Policy"]/@content')
    assert csp == ["default-src 'none'; style-src 'unsafe-inline'"]
    assert_quotes_read_verbatim(document, markdown=False)


def test_web_link_accepts_only_http_urls_and_encodes_what_could_break_out() -> None:
    assert web_link("https://example.org/a?b=1&c=2") == "https://example.org/a?b=1&c=2"
    assert web_link("HTTP://Example.org") == "HTTP://Example.org"
    for url in ("javascript:alert(1)", "javascript://x.org/%0aalert(1)", "data:text/html,x"):
        assert web_link(url) is None, url
    for url in ("//example.org", "ftp://x.org", "", "https:///path-only"):
        assert web_link(url) is None, url
    assert web_link(None) is None
    assert web_link("http://") is None
    assert web_link("https://x.org/\x00") is None
    assert web_link('https://x.org/"> <b>') == "https://x.org/%22%3E%20%3Cb%3E"
    assert web_link("https://x.org/é") == "https://x.org/%C3%A9"


# --- end to end: vectors in real articles through the whole pipeline ------------------------


def test_briefing_of_hostile_articles_is_inert_in_every_renderer(tmp_path) -> None:
    for number, url in enumerate(SOURCE_URLS[:2]):
        article = {
            "title": VECTORS[number],
            "outlet": VECTORS[-number - 1],
            "url": url,
            "date": "2025-02-03",
            "text": "\n\n".join(f"Witness {i} said {v} on Monday." for i, v in enumerate(VECTORS)),
        }
        (tmp_path / f"{number}.json").write_text(json.dumps(article), encoding="utf-8")
    # Built once and rendered three ways: render_briefing writes what `summarizer brief -f FMT`
    # writes (docs/api.md; compared byte for byte in test_api's slow set).
    briefing = summarizer.brief(tmp_path, summarizer.Options(sentences=200))
    outputs = {fmt: summarizer.render_briefing(briefing, fmt) for fmt in ("md", "html", "json")}
    quotes = {q["text"] for q in json_quotes(json.loads(outputs["json"]))}
    assert len(quotes) >= 50  # most vectors really were quoted
    for render in RENDERERS.values():
        document = parse(render(outputs["md"]))
        assert_only_tool_elements(document)
        assert web_links(document) == [web_link(SOURCE_URLS[0])]
        shown = visible(document)
        for quote in quotes:
            assert visible_markdown_text(quote) in shown, quote
    document = lxml.html.document_fromstring(outputs["html"])
    assert_only_tool_elements(document)
    assert document.find(".//script") is None


# --- sandboxed templates --------------------------------------------------------------------

ATTACK = "{{{{ cycler.__init__.__globals__.os.popen('touch {marker}').read() }}}}"


def test_a_template_cannot_run_a_command(run_cli, tmp_path, seeds_dir) -> None:
    marker = tmp_path / "pwned"
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "briefing.md.j2").write_text(
        "# {{ title }}\n" + ATTACK.format(marker=marker) + "\n", encoding="utf-8"
    )
    result = run_cli("brief", "-f", "md", "--templates", str(templates), str(seeds_dir))
    assert result.exit_code == 2
    assert not marker.exists()
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("summarizer: error: template ")
    assert "briefing.md.j2 line 2" in lines[0] and "unsafe" in lines[0]


def test_unsafe_access_names_the_included_template_and_line(tmp_path) -> None:
    marker = tmp_path / "pwned"
    (tmp_path / "briefing.md.j2").write_text('one\n{% include "part.md.j2" %}\n')
    (tmp_path / "part.md.j2").write_text("a\nb\n" + ATTACK.format(marker=marker) + "\n")
    with pytest.raises(SummarizerError) as caught:
        render_briefing(BENIGN, "md", templates_dir=str(tmp_path))
    message = str(caught.value)
    assert "\n" not in message
    assert re.search(r"part\.md\.j2 line 3: .*'__init__'.*unsafe.*sandbox", message), message
    assert not marker.exists()


@pytest.mark.parametrize(
    "expression",
    [
        "''.__class__.__mro__[1].__subclasses__()",
        "title.__class__",
        "sources[0].__init__.__globals__",
        "lipsum.__globals__",
        "'{0.__class__}'.format(title)",
    ],
)
def test_sandbox_refuses_python_internals(tmp_path, expression: str) -> None:
    (tmp_path / "briefing.html.j2").write_text(f"<p>{{{{ {expression} }}}}</p>\n")
    with pytest.raises(SummarizerError, match=r"briefing\.html\.j2 line 1: .*unsafe"):
        render_briefing(BENIGN, "html", templates_dir=str(tmp_path))
