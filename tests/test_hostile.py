"""Hostile article text comes out of the real ``brief`` as visible, inert text in every format.

Articles carry script tags, event handlers, frames, javascript: and data: URLs, comments, style
breaks, Markdown syntax and Jinja delimiters, as .txt, .md, .html and .json inputs. The HTML
output is parsed, and the Markdown output is rendered by every renderer in
``markdown_renderers`` and parsed the same way: no script or event handler may come from an
article (the templates add none), and every quoted sentence must be readable, verbatim.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import lxml.html
import pytest
from helpers import json_quotes
from markdown_renderers import RENDERERS

FORMATS = ("md", "html", "json")
ALL_SENTENCES = ("--sentences", "100")  # every content sentence in the summary: all get quoted

# Each payload is the part of a sentence that must survive verbatim, as text.
PAYLOADS = {
    "script": '<script>alert("pwned")</script>',
    "img": '<img src=x onerror="alert(1)">',
    "iframe": '<iframe src="https://evil.example/frame"></iframe>',
    "javascript url": "javascript:alert(document.cookie)",
    "data url": "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "comment": "<!-- hidden comment -->",
    "style break": "</style><script>alert(2)</script>",
    "markdown": "| table | pipes | and `backticks` and **bold** and _false_",
    "markdown link": '[click here](javascript:alert(3)) and ![img](x" onerror="alert(4))',
    "raw html": '<b onmouseover="alert(5)">raw HTML</b>',
    "jinja expression": "{{ 7*7 }} and {% if true %}yes{% endif %}",
    "jinja objects": "{{ config.items() }} and {# comment #} and {{ ''.__class__ }}",
}
SENTENCES = {
    "script": "The army said on Monday that 300 soldiers were killed near the border {} in the"
    " worst fighting this year.",
    "img": "Witnesses said an image was posted online {} showing the damage to the town hall.",
    "iframe": "A spokesman said the report {} was accurate and that 120 civilians were wounded.",
    "javascript url": "The ministry published a link {} in its statement on the attack.",
    "data url": "Another page linked {} from the same official statement.",
    "comment": "Analysts said the note {} was removed from the official website on Tuesday.",
    "style break": "The style sheet broke {} when the page was copied by the agency.",
    "markdown": "Reporters counted {} in the statement issued by the ministry.",
    "markdown link": "The government linked {} to its report on Thursday.",
    "raw html": "Some {} was pasted into the article by the editors on Friday.",
    "jinja expression": "The template value {} appeared in the printed version of the statement.",
    "jinja objects": "Another officer said {} were found in the leaked memo about the soldiers.",
}
HEADLINE = "<script>alert('title')</script> Border {{ 7*7 }} Attack **Report**"
MARKDOWN_LINES = (
    "# Heading syntax at the start of a line said the ministry would respond on Wednesday.",
    "- A list marker opened this line about the 300 soldiers who were killed.",
    "> A quote marker opened this line, and <script>alert(6)</script> followed it.",
)
ACTIVE_TAGS = frozenset(
    {
        *("script", "iframe", "frame", "frameset", "object", "embed", "img", "math"),
        *("form", "input", "button", "base", "link", "audio", "video", "source", "applet"),
    }
)
# The tool's own charts are inline SVG made of these elements only (no link, image, use or
# foreignObject, which could load or embed something); any other SVG is active content.
CHART_ELEMENTS = frozenset({"svg", "title", "text", "line", "rect", "circle"})
URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "xlink:href", "poster"})
DANGEROUS_SCHEMES = re.compile(r"^\s*(?:javascript|data|vbscript):", re.I)


# --------------------------------------------------------------------------------------------
# Hostile inputs, one per format
# --------------------------------------------------------------------------------------------


def hostile_sentences() -> list[str]:
    return [SENTENCES[name].format(PAYLOADS[name]) for name in PAYLOADS]


def _text_article() -> str:
    return HEADLINE + "\n\n" + "\n".join(hostile_sentences()) + "\n"


def _markdown_article() -> str:
    return "\n\n".join([f"# {HEADLINE}", *hostile_sentences(), *MARKDOWN_LINES]) + "\n"


def _html_article() -> str:
    # The article's own text is escaped in the page, as a browser would show it; the page
    # around it carries live script, frames, handlers and styles that must never come through.
    paragraphs = "\n".join(f"<p>{html.escape(sentence)}</p>" for sentence in hostile_sentences())
    return f"""<!DOCTYPE html>
<html><head><title>{html.escape(HEADLINE)}</title>
<script>alert("head")</script><style>body {{ background: url(javascript:alert(7)) }}</style>
<meta http-equiv="refresh" content="0; url=javascript:alert(8)">
</head>
<body onload="alert(9)">
<!-- a live comment with <script>alert(10)</script> -->
<iframe src="javascript:alert(11)"></iframe>
<article>
<h1>{html.escape(HEADLINE)}</h1>
<img src="x" onerror="alert(12)" alt="photo">
{paragraphs}
<p>Read the <a href="javascript:alert(13)" onclick="alert(14)">full statement</a> of the
ministry, which was published on Monday and widely shared.</p>
<script>document.write("<p>injected</p>")</script>
</article>
</body></html>
"""


def _json_article() -> str:
    return json.dumps(
        {
            "title": HEADLINE,
            "outlet": '<img src=x onerror="alert(15)"> {{ 7*7 }} News',
            "url": "javascript:alert(16)",
            "date": "2025-02-03",
            "text": "\n\n".join(hostile_sentences()),
        }
    )


INPUTS = {
    "txt": _text_article,
    "md": _markdown_article,
    "html": _html_article,
    "json": _json_article,
}


@pytest.fixture(scope="module", params=sorted(INPUTS))
def hostile(request, tmp_path_factory) -> Path:  # type: ignore[no-untyped-def]
    path = tmp_path_factory.mktemp("hostile") / f"hostile.{request.param}"
    path.write_text(INPUTS[request.param](), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def outputs(run_cli, hostile) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """``brief`` of the hostile input in every format, run once for all the checks below."""
    return brief(run_cli, str(hostile))


def brief(run_cli, *args: str) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """The output of ``brief`` in every format (each run must succeed)."""
    outputs = {}
    for fmt in FORMATS:
        result = run_cli("brief", "-f", fmt, *ALL_SENTENCES, *args)
        assert result.exit_code == 0, result.stderr
        outputs[fmt] = result.stdout
    return outputs


# --------------------------------------------------------------------------------------------
# Checks
# --------------------------------------------------------------------------------------------


def quote_texts(briefing_json: str) -> set[str]:
    return {quote["text"] for quote in json_quotes(json.loads(briefing_json))}


def rendered_markdown(text: str, renderer: str = "python-markdown") -> lxml.html.HtmlElement:
    """The Markdown output as a Markdown viewer would turn it into HTML, parsed."""
    page = RENDERERS[renderer](text)
    return lxml.html.document_fromstring(f"<html><body>{page}</body></html>")


def visible_text(document: lxml.html.HtmlElement) -> str:
    """The page's body text as a reader sees it (no script, style or comment), spaces collapsed."""
    body = document.find("body")
    assert body is not None
    parts = []
    for node in body.iter():
        hidden = not isinstance(node.tag, str) or node.tag in ("script", "style")
        if node.text and not hidden:
            parts.append(node.text)
        if node.tail and node is not body:
            parts.append(node.tail)
    return " ".join("".join(parts).split())


def assert_inert(document: lxml.html.HtmlElement, *, our_styles: int) -> None:
    """No script, handler, active element or dangerous URL; only our own style elements."""
    for element in document.iter():
        if not isinstance(element.tag, str):
            assert not isinstance(element, lxml.html.HtmlComment) or "alert" not in (
                element.text or ""
            ), element.text
            continue
        tag = element.tag.lower()
        assert tag not in ACTIVE_TAGS, lxml.html.tostring(element)[:200]
        if tag == "svg":
            assert element.get("class") == "chart", lxml.html.tostring(element)[:200]
            inside = {e.tag.lower() for e in element.iter() if isinstance(e.tag, str)}
            assert inside <= CHART_ELEMENTS, inside - CHART_ELEMENTS
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on"), (tag, name, value)
            if name.lower() in URL_ATTRIBUTES:
                assert not DANGEROUS_SCHEMES.match(value), (tag, name, value)
        if tag == "meta":
            assert element.getparent().tag == "head"
            assert (element.get("http-equiv") or "").lower() != "refresh"
    styles = document.findall(".//style")
    assert len(styles) == our_styles
    assert all(style.getparent().tag == "head" for style in styles)


def assert_quotes_visible(document: lxml.html.HtmlElement, texts: set[str]) -> None:
    """Every quoted sentence can be read, character for character, in the page."""
    shown = visible_text(document)
    for text in texts:
        assert " ".join(text.split()) in shown, text


def assert_markdown_tables_keep_their_columns(document: lxml.html.HtmlElement) -> None:
    """A pipe in article text must not add a column: every row is as wide as its header."""
    for table in document.iter("table"):
        rows = table.findall(".//tr")
        widths = {len(row.findall("th")) + len(row.findall("td")) for row in rows}
        assert len(widths) == 1, [lxml.html.tostring(row)[:300] for row in rows]


# --------------------------------------------------------------------------------------------
# Tests
# --------------------------------------------------------------------------------------------


def test_payloads_reach_every_output_as_quoted_text(outputs):
    texts = quote_texts(outputs["json"])
    for sentence in hostile_sentences():
        assert sentence in texts, sentence


def test_html_output_has_no_active_content_and_shows_every_quote(outputs):
    document = lxml.html.document_fromstring(outputs["html"])
    assert_inert(document, our_styles=1)
    assert_quotes_visible(document, quote_texts(outputs["json"]))
    assert "injected" not in visible_text(document)  # the page's own script never ran or leaked


def test_rendered_markdown_has_no_active_content_and_shows_every_quote(outputs):
    for renderer in RENDERERS:  # every renderer in tests/markdown_renderers.py
        document = rendered_markdown(outputs["md"], renderer)
        assert_inert(document, our_styles=0)
        assert_quotes_visible(document, quote_texts(outputs["json"]))
        assert_markdown_tables_keep_their_columns(document)
        # Article syntax stays text: one heading (the title), no links, code or emphasis.
        assert len(document.findall(".//h1")) == 1, renderer
        assert document.findall(".//a") == [], renderer
        assert document.findall(".//code") == [], renderer
        emphasised = {e.text_content() for e in document.iter("em", "strong", "b", "i")}
        assert not emphasised & {"bold", "false", "raw HTML", "Report"}, renderer


def test_template_syntax_in_articles_is_never_evaluated(outputs):
    sentence = SENTENCES["jinja expression"].format(PAYLOADS["jinja expression"])
    evaluated = SENTENCES["jinja expression"].format("49 and yes")
    assert sentence in quote_texts(outputs["json"])
    for document in (
        lxml.html.document_fromstring(outputs["html"]),
        rendered_markdown(outputs["md"]),
    ):
        shown = visible_text(document)
        assert sentence in shown
        assert evaluated not in shown
        assert "<class 'str'>" not in shown and "dict_items" not in shown


def test_json_output_keeps_hostile_text_as_plain_strings(outputs, hostile):
    data = json.loads(outputs["json"])
    source = data["sources"][0]
    if hostile.suffix in (".html", ".json"):
        assert source["title"] == HEADLINE  # metadata kept verbatim, never interpreted
    if hostile.suffix == ".json":
        assert source["url"] == "javascript:alert(16)"
    assert "{{ 7*7 }}" in outputs["json"]


def test_hostile_title_option_and_file_name_are_inert(run_cli, tmp_path):
    path = tmp_path / '<img src=x onerror="alert(17)"> {{ 7*7 }}.txt'
    path.write_text(_text_article(), encoding="utf-8")
    title = "</title><script>alert(18)</script> {{ 7*7 }} [x](javascript:alert(19))"
    outputs = brief(run_cli, "--title", title, str(path))
    document = lxml.html.document_fromstring(outputs["html"])
    assert_inert(document, our_styles=1)
    assert document.findtext(".//title") == f"{title}"
    assert title in visible_text(document)
    markdown_document = rendered_markdown(outputs["md"])
    assert_inert(markdown_document, our_styles=0)
    assert title in visible_text(markdown_document)
    assert json.loads(outputs["json"])["title"] == title
