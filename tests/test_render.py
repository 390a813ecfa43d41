"""Tests for summarizer.render: content, section order, the JSON contract and escaping."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import jsonschema
import markdown
import pytest
from hypothesis import given
from hypothesis import strategies as st

from summarizer import __version__
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
from summarizer.render import (
    FORMATS,
    NOT_COVERED,
    briefing_to_dict,
    json_schema,
    md_escape,
    render_briefing,
    render_figures,
    render_inspect,
    render_summaries,
    to_json,
    visible_markdown_text,
)

HOSTILE = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<iframe src=x></iframe>",
    "[click](javascript:alert(1))",
    "[data](data:text/html;base64,PHNjcmlwdD4=)",
    "<!-- hidden -->",
    "</style><b>x</b>",
    "| a | b |",
    "`code` and ``more``",
    "# heading",
    "![x](y)",
    "{{ 7*7 }}",
    "{% if true %}yes{% endif %}",
    "*em* _em_ **strong** ~~gone~~",
    "<a href='javascript:alert(1)'>a</a>",
    "https://evil.example/x www.evil.example",
    "&lt;b&gt; &amp; &#60;script&#62;",
    "1. not a list\n- nor this\n> nor a quote",
    '"><svg onload=alert(1)>',
)
BENIGN = "plain words only here"

# Elements a Markdown renderer may make from our templates (never from article text).
TEMPLATE_MD_TAGS = {"h1", "h2", "h3", "p", "em", "strong", "table", "thead", "tbody", "tr", "th"}
TEMPLATE_MD_TAGS |= {"td", "blockquote", "ul", "ol", "li", "br"}
TEMPLATE_HTML_TAGS = {"html", "head", "meta", "title", "style", "body", "header", "section", "h1"}
TEMPLATE_HTML_TAGS |= {"h2", "h3", "p", "span", "div", "ul", "ol", "li", "table", "thead", "tbody"}
TEMPLATE_HTML_TAGS |= {"tr", "th", "td", "blockquote", "strong", "em", "article", "br"}
TEMPLATE_HTML_TAGS |= {"nav", "a", "h4", "details", "summary", "figure", "figcaption"}
TEMPLATE_HTML_TAGS |= {"svg", "title", "text", "line", "rect", "circle"}  # inline SVG charts


# --- a small hand-built briefing ------------------------------------------------------------


def make_source(
    source_id: str, texts: list[str], title: str | None, outlet: str | None
) -> tuple[Article, list[Sentence]]:
    """An article whose raw text is the given sentences, one per line, and its Sentences."""
    raw = "\n".join(texts) + "\n"
    lines, sentences, start = [], [], 0
    for index, text in enumerate(texts):
        lines.append(Line(start, start + len(text)))
        collapsed = " ".join(text.split())
        sentences.append(Sentence(source_id, index, start, start + len(text), collapsed, index))
        start += len(text) + 1
    article = Article(
        id=source_id,
        path=f"articles/{source_id}.txt",
        raw=raw,
        body=raw,
        offsets=tuple(range(len(raw) + 1)),
        lines=tuple(lines),
        format="txt",
        title=title,
        outlet=outlet,
        date="2025-02-08",
        url=None,
    )
    return article, sentences


def make_info(article: Article, sentences: list[Sentence], picks: list[int]) -> SourceInfo:
    ranked = tuple(
        RankedSentence(sentences[i], rank, 1.0 / rank) for rank, i in enumerate(picks, 1)
    )
    return SourceInfo(
        article=article,
        readability=Readability(len(article.raw.split()), 1.5, 55.25, 9.5),
        summary=Summary(article.id, "lexrank", ranked),
    )


def figure(sentence: Sentence, text: str, value: float, measure: str, **extra: object) -> Figure:
    start = sentence.start + sentence.text.index(text.split()[-1])
    return Figure(
        source=sentence.source,
        sentence=sentence,
        text=text,
        value=value,
        low=value,
        high=value,
        unit="troops",
        measure=measure,
        span=(start, start + len(text)),
        **extra,  # type: ignore[arg-type]
    )


def make_briefing(payload: str = BENIGN, *, with_figures: bool = True) -> Briefing:
    """Three sources, two themes plus "Other reporting"; 002 does not cover casualties.

    The payload lands in a quote, a title, an outlet, a warning and tool notes of source 001.
    """
    a0, s0 = make_source(
        "000",
        [
            "About 11,000 North Korean troops were deployed to Kursk.",
            "Officials said 300 were killed in the fighting.",
            "The weather was cold.",
        ],
        "Troops arrive in Kursk",
        "Alpha News",
    )
    a1, s1 = make_source(
        "001",
        [
            f"Roughly 11,000 soldiers deployed, a report said: {payload}",
            "Casualties were heavy, with 300 killed.",
            "Analysts expect more rotations.",
        ],
        f"Report {payload}",
        f"Beta {payload}",
    )
    a2, s2 = make_source(
        "002",
        ["The deployment began in October.", "Markets were calm on Monday."],
        None,
        None,
    )
    sources = (make_info(a0, s0, [0, 1]), make_info(a1, s1, [0]), make_info(a2, s2, [1, 0]))
    deploy, casualties, other = (
        Theme("deployment", "Deployment", ("deploy",), "Who was sent where"),
        Theme("casualties", "Casualties", ("killed",)),
        Theme("other", "Other reporting", ()),
    )
    rows = (
        ThemeRow(
            deploy,
            (
                ThemeCell("deployment", "000", (s0[0],), 1),
                ThemeCell("deployment", "001", (s1[0],), 1),
                ThemeCell("deployment", "002", (s2[0],), 1),
            ),
            agree=(
                Comparison(
                    "agree",
                    f"All put the force near 11,000 {payload}",
                    ("000", "001"),
                    (s0[0], s1[0]),
                ),
            ),
        ),
        ThemeRow(
            casualties,
            (
                ThemeCell("casualties", "000", (s0[1],), 1),
                ThemeCell("casualties", "001", (s1[1],), 1),
                ThemeCell("casualties", "002", (), 0),
            ),
            diverge=(Comparison("diverge", "Sources differ on who counted", ("000", "001"), ()),),
            figure_notes=("Both report 300 killed.",),
        ),
        ThemeRow(
            other,
            (
                ThemeCell("other", "000", (s0[2],), 1),
                ThemeCell("other", "001", (s1[2],), 1),
                ThemeCell("other", "002", (s2[1],), 1),
            ),
            only_in=(Comparison("only", "Only 002 mentions markets", ("002",), (s2[1],)),),
        ),
    )
    figures = ()
    if with_figures:
        deployed = FigureGroup(
            measure="North Korean troops deployed",
            key="deployed",
            theme="deployment",
            verdict="agree",
            mentions=(
                figure(s0[0], "About 11,000", 11000.0, "deployed", approximate=True),
                figure(
                    s1[0], "Roughly 11,000", 11000.0, "deployed", attribution=f"a report {payload}"
                ),
            ),
            origins=2,
            note="Both put the deployment near 11,000.",
        )
        killed = FigureGroup(
            measure="North Korean troops killed",
            key="killed",
            theme="casualties",
            verdict="diverge",
            mentions=(figure(s0[1], "300", 300.0, "killed", attribution="Officials"),),
            origins=1,
            note="Only one count was found; treat it with care.",
        )
        figures = (deployed, killed)
    return Briefing(
        title=f"Briefing: {payload}",
        note="Extractive comparison of 3 articles; quotes are verbatim.",
        sources=sources,
        digest=(s0[0], s1[1], s2[0]),
        themes=ThemeSet((deploy, casualties), "built-in", "Built-in war themes."),
        rows=rows,
        figures=figures,
        warnings=(f"001: odd characters {payload}",),
        options={"algorithm": "lexrank", "sentences": 3, "paths": ("a", "b")},
    )


def all_sentences(briefing: Briefing) -> dict[tuple[str, int, int], Sentence]:
    """Every Sentence in the briefing, keyed the way a JSON quote identifies it."""
    found = list(briefing.digest)
    for info in briefing.sources:
        found += [r.sentence for r in info.summary.sentences]
    for row in briefing.rows:
        for cell in row.cells:
            found += cell.quotes
        for comparison in (*row.agree, *row.diverge, *row.only_in):
            found += comparison.quotes
    return {(s.source, s.start, s.end): s for s in found}


# --- HTML inspection helpers ----------------------------------------------------------------


class Elements(HTMLParser):
    """Collects start tags with attributes, and the visible text (entities decoded)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.comments: list[str] = []
        self.text_parts: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))
        self._in_style = tag == "style"

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_comment(self, data: str) -> None:
        self.comments.append(data)

    def handle_data(self, data: str) -> None:
        if not self._in_style:
            self.text_parts.append(data)

    @property
    def text(self) -> str:
        return " ".join("".join(self.text_parts).split())

    @property
    def names(self) -> list[str]:
        return [tag for tag, _ in self.tags]


def parse_html(html: str) -> Elements:
    parser = Elements()
    parser.feed(html)
    parser.close()
    return parser


def markdown_to_html(text: str) -> str:
    return markdown.markdown(text, extensions=["tables"])


def flat(text: str) -> str:
    return " ".join(text.split())


def assert_no_active_content(page: Elements) -> None:
    assert "script" not in page.names
    assert not page.comments
    for tag, attrs in page.tags:
        for name, value in attrs:
            assert not name.startswith("on"), (tag, name)
            if name in ("href", "src", "action", "formaction"):
                assert not re.match(r"\s*(javascript|data|vbscript|https?):", value or "", re.I)


# --- content and structure ------------------------------------------------------------------


def test_markdown_shows_every_quote_and_source_id() -> None:
    briefing = make_briefing()
    visible = parse_html(markdown_to_html(render_briefing(briefing, "md"))).text
    for sentence in all_sentences(briefing).values():
        assert f"“{sentence.text}” [{sentence.source} · {sentence.start}–{sentence.end}]" in visible
    for info in briefing.sources:
        assert info.article.id in visible


def test_html_shows_every_quote_with_its_tag() -> None:
    briefing = make_briefing()
    visible = parse_html(render_briefing(briefing, "html")).text
    for sentence in all_sentences(briefing).values():
        assert f"“{sentence.text}” [{sentence.source} · {sentence.start}–{sentence.end}" in visible
    for info in briefing.sources:
        assert f"{info.article.id} {info.article.title or '(untitled)'}" in visible


def test_json_holds_every_quote_and_source_id() -> None:
    briefing = make_briefing()
    data = json.loads(render_briefing(briefing, "json"))
    assert [s["id"] for s in data["sources"]] == ["000", "001", "002"]
    quoted = {(q["source"], *q["span"]) for q in iter_json_quotes(data)}
    assert quoted == set(all_sentences(briefing))


def iter_json_quotes(data: dict) -> list[dict]:
    quotes = list(data["digest"])
    for source in data["sources"]:
        quotes += source["summary"]
    for theme in data["themes"]:
        for cell in theme["cells"].values():
            quotes += cell
        for kind in ("agree", "diverge", "only_in"):
            for comparison in theme[kind]:
                quotes += comparison["quotes"]
    return quotes


MD_SECTIONS = (
    "## Sources",
    "## The story in brief",
    "## Key figures",
    "## Where the sources diverge",
    "## Side by side",
    "## Coverage",
    "## Per-source summaries",
)


def test_markdown_sections_in_order() -> None:
    text = render_briefing(make_briefing(), "md")
    assert text.startswith("# Briefing: plain words only here\n")
    positions = [text.index(f"\n{heading}\n") for heading in MD_SECTIONS]
    assert positions == sorted(positions)
    themes = [
        text.index(f"\n### {label}\n") for label in ("Deployment", "Casualties", "Other reporting")
    ]
    assert positions[4] < themes[0] < themes[1] < themes[2] < positions[5]


def test_markdown_generation_note_is_marked_as_the_tools() -> None:
    html = markdown_to_html(render_briefing(make_briefing(), "md"))
    expected = f"<em>Tool note: Generated by summarizer {__version__}: Extractive comparison"
    assert expected in html
    # A note that already names the generator is not prefixed twice.
    note = f"Generated by summarizer {__version__} from 3 sources."
    html = markdown_to_html(render_briefing(replace(make_briefing(), note=note), "md"))
    assert f"<em>Tool note: {note}</em>" in html


def test_html_sections_in_order() -> None:
    page = parse_html(render_briefing(make_briefing(), "html"))
    headings = [h.removeprefix("## ") for h in MD_SECTIONS]
    positions = [page.text.index(heading) for heading in headings]
    assert positions == sorted(positions)


def test_figure_sections_omitted_without_figures() -> None:
    briefing = make_briefing(with_figures=False)
    for fmt in ("md", "html"):
        text = render_briefing(briefing, fmt)
        assert "Key figures" not in text
        assert "Where the sources diverge" not in text
    assert json.loads(render_briefing(briefing, "json"))["figures"] == []


def test_markdown_divergence_lists_only_diverging_figures() -> None:
    text = render_briefing(make_briefing(), "md")
    key_figures = text.split("## Key figures")[1].split("## Where the sources diverge")[0]
    section = text.split("## Where the sources diverge")[1].split("## Side by side")[0]
    assert "killed" in section and "deployed" not in section
    assert "Only one count was found; treat it with care." in section
    assert "North Korean troops deployed" in key_figures and "killed" not in key_figures


def test_html_divergence_lists_only_diverging_figures() -> None:
    html = render_briefing(make_briefing(), "html")
    section = html.split('<section id="divergence">')[1].split("</section>")[0]
    key_figures = html.split('<section id="figures">')[1].split("</section>")[0]
    assert "North Korean troops killed" in section and "deployed" not in section
    assert "North Korean troops deployed" in key_figures and "troops killed" not in key_figures
    # The verdict is written in words beside its colour.
    assert '<span class="verdict verdict-diverge">sources diverge</span>' in section


def markdown_table_after(text: str, heading: str) -> list[list[str]]:
    """The cells of the first Markdown-rendered table after a heading, as visible text."""
    html = markdown_to_html(text)
    section = html.split(f">{heading}</h3>")[1]
    table = section.split("</table>")[0]
    rows = re.findall(r"<tr>(.*?)</tr>", table, re.S)
    return [
        [parse_html(c).text for c in re.findall(r"<t[dh]>(.*?)</t[dh]>", r, re.S)] for r in rows
    ]


def test_markdown_side_by_side_marks_uncovered_source() -> None:
    header, cells = markdown_table_after(render_briefing(make_briefing(), "md"), "Casualties")
    assert header == ["000 · Alpha News", "001 · Beta plain words only here", "002"]
    assert cells[2] == NOT_COVERED
    assert cells[0].startswith("“Officials said 300")


def test_html_side_by_side_marks_uncovered_source() -> None:
    html = render_briefing(make_briefing(), "html")
    theme = html.split("<h3>Casualties</h3>")[1].split('<ul class="tool-notes">')[0]
    cells = [c.split("</h4>")[1] for c in re.findall(r'<div class="card">(.*?)</div>', theme, re.S)]
    assert len(cells) == 3
    assert parse_html(cells[2]).text == NOT_COVERED
    assert 'class="not-covered"' in cells[2]
    assert "not-covered" not in cells[0]


def test_markdown_tool_notes_are_labelled() -> None:
    html = markdown_to_html(render_briefing(make_briefing(), "md"))
    agree = "<strong>2 sources agree</strong> — <em>Tool note:</em> 2 sources, 2 independent"
    assert agree + " origins: 000 and 001" in html
    assert "<strong>Figures diverge:</strong> <em>Tool note:</em> Sources differ" in html
    assert "<strong>single source</strong> — <em>Tool note:</em> reported only by: 002" in html
    assert "<strong>Figures:</strong> <em>Tool note:</em> Both report 300 killed." in html


def test_html_tool_notes_are_visually_distinct() -> None:
    html = render_briefing(make_briefing(), "html")
    notes = re.findall(r'<span class="tool-label">Tool note</span>(.*?)</(?:li|p)>', html, re.S)
    assert any("reported only by: " in note for note in notes)
    assert any("Sources differ on who counted" in note for note in notes)
    style = html.split("</style>")[0]
    assert ".tool-note" in style
    # Each verdict has its own colour, and always its words beside it.
    for verdict in ("agree", "diverge", "single", "contested"):
        assert f".verdict-{verdict} {{" in style
    assert re.search(
        r"<summary>\d+ single-source claims?<span class=\"screen-only\"> \(each also in", html
    )
    assert '<span class="verdict verdict-agree">2 sources agree</span>' in html


def test_html_is_self_contained_and_print_ready() -> None:
    html = render_briefing(make_briefing(), "html")
    page = parse_html(html)
    assert "script" not in page.names
    csp = [dict(a) for t, a in page.tags if t == "meta" and dict(a).get("http-equiv")]
    assert csp == [
        {
            "http-equiv": "Content-Security-Policy",
            "content": "default-src 'none'; style-src 'unsafe-inline'",
        }
    ]
    assert "http" not in " ".join(
        v or "" for _, attrs in page.tags for n, v in attrs if n in ("href", "src")
    )
    assert "@import" not in html and "url(" not in html and "@font-face" not in html
    style = html.split("<style>")[1].split("</style>")[0]
    assert "@media print" in style and "break-inside: avoid" in style


def test_coverage_counts_per_theme_and_source() -> None:
    html = markdown_to_html(render_briefing(make_briefing(), "md"))
    coverage = html.split(">Coverage</h2>")[1].split("</table>")[0]
    rows = [
        [parse_html(c).text for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", r, re.S)]
        for r in re.findall(r"<tr>(.*?)</tr>", coverage, re.S)
    ]
    assert rows[0] == ["theme", "000", "001", "002"]
    assert rows[2] == ["Casualties", "1", "1", "0"]


# --- JSON contract --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def schema() -> dict:
    return json_schema()


def test_schema_is_valid_draft_2020_12(schema: dict) -> None:
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


@pytest.mark.parametrize("with_figures", [True, False])
def test_json_validates_against_schema(schema: dict, with_figures: bool) -> None:
    data = json.loads(render_briefing(make_briefing(with_figures=with_figures), "json"))
    jsonschema.Draft202012Validator(schema).validate(data)


def test_schema_rejects_extra_quote_fields(schema: dict) -> None:
    data = briefing_to_dict(make_briefing())
    data["digest"][0]["score"] = 1.0
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)


def test_json_quotes_come_straight_from_sentences() -> None:
    briefing = make_briefing()
    by_key = all_sentences(briefing)
    for quote in iter_json_quotes(briefing_to_dict(briefing)):
        sentence = by_key[(quote["source"], *quote["span"])]
        assert quote["text"] == sentence.text
        assert set(quote) <= {"source", "text", "span", "rank"}


@given(
    st.recursive(
        st.none() | st.booleans() | st.integers(-(2**63), 2**63 - 1) | st.text(),
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
        max_leaves=20,
    )
)
def test_to_json_is_the_json_modules_indented_text(data: object) -> None:
    # orjson writes it; any difference from the json module's layout would change every output.
    assert to_json(data) == json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def test_to_json_hands_what_orjson_refuses_to_the_json_module() -> None:
    assert to_json({"a": "\ud800", 1: [2**70]}) == (
        '{\n  "a": "\ud800",\n  "1": [\n    ' + str(2**70) + "\n  ]\n}\n"
    )


def test_json_top_level_contract() -> None:
    briefing = make_briefing()
    data = json.loads(render_briefing(briefing, "json"))
    assert list(data)[:4] == ["schema_version", "generator", "title", "note"]
    assert data["schema_version"] == "1.1"
    assert data["generator"] == {"name": "summarizer", "version": __version__}
    assert data["options"]["paths"] == ["a", "b"]
    assert data["themes_origin"] == "built-in"
    assert data["themes"][-1]["id"] == "other"
    casualties = data["themes"][1]
    assert casualties["cells"]["002"] == [] and casualties["counts"]["002"] == 0
    untitled = data["sources"][2]
    assert untitled["title"] is None and untitled["outlet"] is None and untitled["url"] is None
    assert [q["rank"] for q in untitled["summary"]] == [1, 2]
    mention = data["figures"][0]["mentions"][1]
    assert mention["attribution"] == "a report plain words only here"
    assert mention["as_of"] is None


# --- hostile input --------------------------------------------------------------------------


@pytest.mark.parametrize("payload", HOSTILE)
def test_hostile_text_is_inert_in_markdown(payload: str) -> None:
    hostile_html = markdown_to_html(render_briefing(make_briefing(payload), "md"))
    benign_html = markdown_to_html(render_briefing(make_briefing(), "md"))
    page, benign = parse_html(hostile_html), parse_html(benign_html)
    # The element structure must not depend on the article text at all.
    assert page.names == benign.names
    assert set(page.names) <= TEMPLATE_MD_TAGS
    assert_no_active_content(page)
    assert flat(payload) in page.text


@pytest.mark.parametrize("payload", HOSTILE)
def test_hostile_text_is_inert_in_html(payload: str) -> None:
    page = parse_html(render_briefing(make_briefing(payload), "html"))
    benign = parse_html(render_briefing(make_briefing(), "html"))
    assert page.names == benign.names
    assert set(page.names) <= TEMPLATE_HTML_TAGS
    assert_no_active_content(page)
    assert page.names.count("style") == 1
    assert flat(payload) in page.text


def test_hostile_text_in_html_attributes_stays_inside_them() -> None:
    payload = '"><svg onload=alert(1)>'
    page = parse_html(render_briefing(make_briefing(payload), "html"))
    titles = [v for t, attrs in page.tags for n, v in attrs if n == "title"]
    assert f"Report {payload}" in titles


@pytest.mark.parametrize("payload", HOSTILE)
def test_hostile_text_round_trips_in_json(payload: str) -> None:
    briefing = make_briefing(payload)
    data = json.loads(render_briefing(briefing, "json"))
    assert data == briefing_to_dict(briefing)
    assert data["title"] == f"Briefing: {payload}"
    assert data["sources"][1]["outlet"] == f"Beta {payload}"
    assert data["sources"][1]["summary"][0]["text"].endswith(flat(payload))


def test_template_syntax_in_input_is_never_evaluated() -> None:
    briefing = make_briefing("{{ 7*7 }} {% if true %}yes{% endif %}")
    sources = briefing.sources
    outputs = [render_briefing(briefing, fmt) for fmt in FORMATS]
    outputs += [render_summaries(sources, fmt) for fmt in ("text", "md", "json")]
    outputs += [render_figures(briefing.figures, sources, fmt) for fmt in ("text", "md", "json")]
    article = sources[1].article
    sentences = [r.sentence for r in sources[1].summary.sentences]
    outputs += [render_inspect(article, sentences, {}, {}, fmt) for fmt in ("text", "json")]
    for output in outputs:
        # Undo Markdown backslash escapes; the template syntax must still be there, unevaluated.
        unescaped = re.sub(r"\\(.)", r"\1", output)
        assert "{{ 7*7 }} {% if true %}yes{% endif %}" in unescaped
        assert not re.search(r"(Briefing:|Report|Beta|said:) 49", unescaped)


# --- escaping helpers -----------------------------------------------------------------------


def test_md_escape_neutralises_every_markdown_special() -> None:
    escaped = md_escape("a\\b`c*d_e{f}g[h]i(j)k#l+m-n.o!p|q~r<s>t&u")
    assert escaped == (
        "a\\\\b\\`c\\*d\\_e\\{f\\}g\\[h\\]i(j)k#l+m-n.o!p\\|q&#126;r&lt;s&gt;t&amp;u"
    )
    # Autolinks are cut by an entity in the URL, or a word joiner before an e-mail "@".
    assert md_escape("see https://x.example") == "see https&#58;/&#47;x&#46;example"
    assert md_escape("www.x.example") == "www&#46;x&#46;example"
    assert md_escape("WWW.1.2") == "WWW&#46;1.2"
    assert md_escape("mail a@b.example") == "mail a\u2060@b&#46;example"
    assert md_escape("@handle") == "@handle"
    # Numbers, initials and sentence ends stay readable in the raw Markdown.
    assert md_escape("U.S. troops: 3.5 km. Then") == "U.S. troops: 3.5 km. Then"
    # Block markers only matter at the start of a line.
    assert md_escape("# x") == "\\# x"
    assert md_escape("- x") == "\\- x"
    assert md_escape("12. x") == "12\\. x"
    assert md_escape("two\nlines\x1b[31m  here") == "two lines\\[31m here"


@given(st.text(alphabet=st.sampled_from("abw 1.-+*_`#[]()!<>&|~{}@\\:/=\"'\n\t\x1b"), max_size=40))
def test_md_escape_renders_back_to_the_same_visible_text(text: str) -> None:
    expected = visible_markdown_text(text)
    assert expected.replace("\u2060", "") == flat(text.replace("\x1b", ""))
    html = markdown_to_html(f"x {md_escape(text)}")
    page = parse_html(html)
    assert set(page.names) <= {"p"}
    assert page.text == flat(f"x {expected}")


# --- user templates and determinism ---------------------------------------------------------


def test_user_templates_dir_overrides_a_template_by_name(tmp_path: Path) -> None:
    (tmp_path / "briefing.md.j2").write_text("CUSTOM {{ title }} / {{ sources | length }}\n")
    briefing = make_briefing("*x*")
    assert (
        render_briefing(briefing, "md", templates_dir=str(tmp_path))
        == "CUSTOM Briefing: \\*x\\* / 3\n"
    )
    # Templates the user did not supply still come from the built-in set.
    assert render_briefing(briefing, "html", templates_dir=str(tmp_path)).startswith(
        "<!DOCTYPE html>"
    )


def test_user_html_template_is_autoescaped(tmp_path: Path) -> None:
    (tmp_path / "briefing.html.j2").write_text("<h1>{{ title }}</h1>\n")
    output = render_briefing(make_briefing("<script>"), "html", templates_dir=str(tmp_path))
    assert output == "<h1>Briefing: &lt;script&gt;</h1>\n"


def test_user_template_errors_are_one_line_summarizer_errors(tmp_path: Path) -> None:
    (tmp_path / "briefing.md.j2").write_text("{{ no_such_variable }}\n")
    with pytest.raises(SummarizerError, match=r"briefing\.md\.j2.*no_such_variable"):
        render_briefing(make_briefing(), "md", templates_dir=str(tmp_path))
    with pytest.raises(SummarizerError, match="templates directory not found"):
        render_briefing(make_briefing(), "md", templates_dir=str(tmp_path / "missing"))


def test_unknown_format_is_a_summarizer_error() -> None:
    with pytest.raises(SummarizerError, match="unknown briefing format 'pdf'"):
        render_briefing(make_briefing(), "pdf")
    with pytest.raises(SummarizerError):
        render_inspect(make_briefing().sources[0].article, [], {}, {}, "md")


@pytest.mark.parametrize("fmt", FORMATS)
def test_identical_input_gives_identical_output(fmt: str) -> None:
    assert render_briefing(make_briefing("<x>"), fmt) == render_briefing(make_briefing("<x>"), fmt)


# --- summaries, inspect and figures ---------------------------------------------------------


def test_summaries_in_every_format_hold_every_summary_sentence() -> None:
    sources = make_briefing().sources
    picked = [r.sentence for info in sources for r in info.summary.sentences]
    text = render_summaries(sources, "text")
    md_visible = parse_html(markdown_to_html(render_summaries(sources, "md"))).text
    data = json.loads(render_summaries(sources, "json"))
    for sentence in picked:
        assert f"{sentence.text}  [{sentence.start}–{sentence.end}" in text
        assert (
            f"“{sentence.text}” [{sentence.source} · {sentence.start}–{sentence.end}]" in md_visible
        )
    assert [q["text"] for s in data["sources"] for q in s["summary"]] == [s.text for s in picked]
    assert text.index("[000]") < text.index("[001]") < text.index("[002]")


def test_text_formats_strip_terminal_control_characters() -> None:
    briefing = make_briefing("\x1b[2J\x1b]0;pwned\x07 bell\x9b31m \r done")
    outputs = [render_summaries(briefing.sources, "text")]
    outputs.append(render_figures(briefing.figures, briefing.sources, "text"))
    article = briefing.sources[1].article
    sentences = [r.sentence for r in briefing.sources[1].summary.sentences]
    outputs.append(render_inspect(article, sentences, {}, {}, "text"))
    for output in outputs:
        assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", output)
        assert "[2J" in output  # the printable rest of the text survives


def test_inspect_lists_every_sentence_with_span_furniture_themes_and_figures() -> None:
    briefing = make_briefing()
    article = briefing.sources[0].article
    sentences = [r.sentence for r in briefing.sources[0].summary.sentences]
    sentences.append(
        replace(
            sentences[0], index=2, start=99, end=120, text="Share this", furniture="share-links"
        )
    )
    themes = {0: ["deployment"], 1: ["casualties", "deployment"]}
    figures = {0: [briefing.figures[0].mentions[0]]}
    text = render_inspect(article, sentences, themes, figures, "text")
    assert "#0  [0–56]" in text and "#1  [57–104]" in text
    assert "#2  [99–120]  paragraph 0  DROPPED: share-links" in text
    assert "themes: casualties, deployment" in text
    assert "figure: About 11,000 troops · deployed" in text
    assert "1 dropped as page furniture" in text
    data = json.loads(render_inspect(article, sentences, themes, figures, "json"))
    assert [s["index"] for s in data["sentences"]] == [0, 1, 2]
    assert data["sentences"][2]["furniture"] == "share-links"
    assert data["sentences"][1]["themes"] == ["casualties", "deployment"]
    assert data["sentences"][0]["figures"][0]["text"] == "About 11,000"
    assert data["sentences"][0]["span"] == [0, 56]


def test_figures_text_is_a_block_per_measure() -> None:
    briefing = make_briefing()
    text = render_figures(briefing.figures, briefing.sources, "text")
    blocks = [b.splitlines() for b in text.strip().split("\n\n")]
    assert [b[0].split("  [")[0] for b in blocks] == [
        "North Korean troops deployed",
        "North Korean troops killed",
    ]
    deployed, killed = blocks
    assert deployed[0].endswith("[sources agree · 2 independent origins]")
    assert deployed[1] == "  000  About 11,000"
    assert deployed[2].startswith("  001  Roughly 11,000 (per a report")
    assert deployed[-1].startswith("  tool note: Both put")
    assert not any(line.startswith("  002") for line in deployed), "no line for a silent source"
    assert killed[1] == "  000  300 (per Officials)"


def test_figures_md_and_json() -> None:
    briefing = make_briefing()
    md_visible = parse_html(
        markdown_to_html(render_figures(briefing.figures, briefing.sources, "md"))
    ).text
    assert "Roughly 11,000 (per a report plain words only here)" in md_visible
    data = json.loads(render_figures(briefing.figures, briefing.sources, "json"))
    assert [f["verdict"] for f in data["figures"]] == ["agree", "diverge"]
    assert data["figures"][0]["mentions"][0]["span"] == list(briefing.figures[0].mentions[0].span)
    empty = render_figures((), briefing.sources, "text")
    assert empty == "No figures were found.\n"
