"""HTML extraction: main article text (trafilatura), per-line hints and page metadata, offline."""

from __future__ import annotations

import json
import logging
import re
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .dates import find_date
from .paths import format_names

if TYPE_CHECKING:
    from lxml.html import HtmlElement


# --------------------------------------------------------------------------------------------
# HTML
# --------------------------------------------------------------------------------------------

_COLLAPSIBLE = re.compile(r"[ \t\n\r\f\v\u2028\u2029\x85]+")
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0e-\x1f\ufffe\uffff]")
_DATE_META = tuple(format_names()["html"]["date_meta"])


# trafilatura's settings, chosen on the benchmark sample (bench/bench_extract.py): favouring
# precision drops more page chrome at almost no cost in recall; comments are never the article.
EXTRACT_SETTINGS: dict[str, bool] = {
    "include_comments": False,
    "include_tables": True,
    "favor_precision": True,
}
# htmldate (through trafilatura) reads the publication date from the page's metadata only: its
# extensive search guesses from the text, and a wrong date is worse than none. The latest date
# accepted is fixed, not today's, so the same page always gives the same output.
DATE_SETTINGS: dict[str, object] = {
    "original_date": True,
    "extensive_search": False,
    "max_date": "2099-12-31",
}
# trafilatura's output elements that start a new block (a paragraph of the extracted text).
_BLOCKS = frozenset({"body", "div", "head", "p", "list", "item", "quote", "table", "row", "code"})


@dataclass(frozen=True)
class Page:
    """What HTML extraction yields: article text, per-line hints and page metadata."""

    text: str
    hints: dict[int, str]  # line index -> "h1" | "heading" | "item" | "row" | "caption"
    metadata: dict[str, str]


def extract_html(text: str) -> Page:
    """Extract the main article text (trafilatura) and the page metadata, offline."""
    import lxml.etree
    import lxml.html  # imported here so text-only runs do not pay for it

    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)  # lxml refuses str input with one
    # lxml parses characters that XML forbids but then refuses them when the tree is edited,
    # so they go first: the page breaks as line breaks, the rest as spaces.
    text = _XML_FORBIDDEN.sub(" ", text.replace("\v", "\n").replace("\f", "\n"))
    parser = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, huge_tree=True)
    try:
        document = lxml.html.document_fromstring(text, parser=parser)
    except (lxml.etree.ParserError, ValueError):
        return Page("", {}, {})
    _unwrap_inline_embeds(document)
    body, found = _trafilatura(document)
    metadata = {key: value for key, value in found.items() if value}
    for key, value in _html_metadata(document).items():
        metadata.setdefault(key, value)  # our own reading fills what trafilatura left out
    lines: list[str] = []
    hints: dict[int, str] = {}
    for kind, sublines in _body_blocks(body) if body is not None else []:
        if lines:
            lines.append("")
        for subline in sublines:
            if kind:
                hints[len(lines)] = kind
            lines.append(subline)
    return Page("\n".join(lines), hints, metadata)


# An <svg>, <iframe> or <form> inside running text: its markup goes, its text stays.
_EMBED_TAGS = ("svg", "iframe", "form")
_SVG_HIDDEN = ("title", "desc", "metadata", "style", "script")
_RUNNING_TEXT_TAGS = frozenset(format_names()["html"]["running_text_tags"])
_MAX_EMBED_PASSES = 8


def _unwrap_inline_embeds(document: HtmlElement) -> None:
    """Keep the text of an <svg>, <iframe> or <form> that sits in running text.

    Dropped whole (as extractors drop them), such an element would take article text with it:
    an unclosed <iframe> holds the rest of the page as text, and an unclosed <svg> or a <form>
    (which closes the paragraph it appears in) holds the rest of the paragraph. Elsewhere they
    stay page furniture for the extractor to drop.
    """
    import lxml.etree
    import lxml.html

    for _ in range(_MAX_EMBED_PASSES):  # a recovered page may itself hold an unclosed iframe
        embeds = [e for e in document.iter(*_EMBED_TAGS) if _holds_article_text(e)]
        if not embeds:
            return
        for element in embeds:
            parent = element.getparent()
            if parent is None:
                continue
            if element.tag.lower() == "iframe":
                # The parser read the rest of the page as the frame's text: parse it again.
                try:
                    recovered = lxml.html.fragment_fromstring(element.text, create_parent="span")
                except (lxml.etree.ParserError, ValueError):
                    element.drop_tree()
                    continue
                recovered.tail = element.tail
                parent.replace(element, recovered)
                recovered.drop_tag()
                continue
            for hidden in list(element.iter(*_SVG_HIDDEN)):
                if hidden is not element:
                    hidden.drop_tree()
            if element.tag.lower() == "form":
                for control in list(element.iter("input", "button", "select", "textarea")):
                    control.drop_tree()
            element.drop_tag()


def _holds_article_text(element: HtmlElement) -> bool:
    """An iframe that swallowed the page as text, or an svg or form in running text."""
    if element.tag.lower() == "iframe":
        # A closed frame's own text is fallback content no browser shows; markup in it means
        # the parser read the rest of the page into it.
        return "<" in (element.text or "")
    if any(parent.tag in _RUNNING_TEXT_TAGS for parent in element.iterancestors()):
        return True
    return bool((element.text or "").strip()) or any((c.tail or "").strip() for c in element)


def _trafilatura(document: HtmlElement) -> tuple[HtmlElement | None, dict[str, str]]:
    """trafilatura's main-text tree (its baseline when it finds none) and its metadata."""
    import trafilatura  # about 0.4 s to import, so only paid when an HTML input is read

    _quiet("trafilatura", "htmldate", "courlan", "justext")
    extracted = trafilatura.bare_extraction(
        document,
        with_metadata=True,
        date_extraction_params=dict(DATE_SETTINGS),
        **EXTRACT_SETTINGS,
    )
    if extracted is None:
        body = trafilatura.baseline(document)[0]
        return body, {}
    date = find_date(extracted.date or "") or ""
    found = {
        "title": extracted.title,
        "author": extracted.author,
        "outlet": extracted.sitename,
        "date": date,
        "url": extracted.url,
    }
    return extracted.body, {key: _clean(value or "") for key, value in found.items()}


def _quiet(*names: str) -> None:
    """Keep library log records ("discarding data: None") off the user's terminal."""
    for name in names:
        logger = logging.getLogger(name)
        if not logger.handlers:
            logger.addHandler(logging.NullHandler())


def _body_blocks(body: HtmlElement) -> list[tuple[str, list[str]]]:
    """trafilatura's output tree as blocks of lines: one block per paragraph, heading, list
    item or table row (cells joined by " | "), one line per <lb/> (line break) within it."""
    import lxml.etree

    blocks: list[tuple[str, list[str]]] = []
    buffer: list[str] = []
    open_blocks: list[tuple[object, str]] = []  # (element, tag) of the blocks being walked

    def inside(tag: str) -> bool:
        return any(kind == tag for _, kind in open_blocks)

    def add(text: str | None) -> None:
        if text:
            buffer.append(text if inside("code") else _COLLAPSIBLE.sub(" ", text))

    def flush() -> None:
        lines = [line.strip() for line in "".join(buffer).split("\n")]
        buffer.clear()
        lines = [line for line in lines if line]
        if lines:
            kind = open_blocks[-1][1] if open_blocks else ""
            blocks.append((_KINDS.get(kind, ""), lines))

    for event, element in lxml.etree.iterwalk(body, events=("start", "end")):
        tag = element.tag if isinstance(element.tag, str) else ""
        if event == "start":
            if tag in _BLOCKS and not inside("row"):  # a table row stays one line
                flush()
                open_blocks.append((element, "h1" if element.get("rend") == "h1" else tag))
            elif tag == "lb":
                buffer.append("\n")
            elif tag == "cell" and element.getprevious() is not None:
                buffer.append(" | ")
            elif tag and inside("row"):
                buffer.append(" ")
            add(element.text if tag else None)
            continue
        if open_blocks and open_blocks[-1][0] is element:
            flush()
            open_blocks.pop()
        if element is not body:
            add(element.tail)
    flush()
    return blocks


_KINDS = {"h1": "h1", "head": "heading", "item": "item", "row": "row"}


def _html_metadata(document: HtmlElement) -> dict[str, str]:
    """Title, outlet, date and url from meta tags, JSON-LD, <title>, <h1>, <time> and links."""
    metas = _meta_tags(document)
    linked = _json_ld(document)
    outlet = metas.get("og:site_name") or linked.get("outlet", "")
    found = {
        "title": _page_title(document, metas, linked, outlet),
        "outlet": outlet,
        "date": _page_date(document, metas, linked),
        "url": _page_url(document, metas, linked),
    }
    return {key: _clean(value) for key, value in found.items() if value and value.strip()}


def _meta_tags(document: HtmlElement) -> dict[str, str]:
    """<meta> names (property, name or itemprop, lower-cased) -> content; the first one wins."""
    metas: dict[str, str] = {}
    for meta in document.iter("meta"):
        name = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        content = (meta.get("content") or "").strip()
        if name and content:
            metas.setdefault(name, content)
    return metas


def _page_title(
    document: HtmlElement, metas: dict[str, str], linked: dict[str, str], outlet: str
) -> str:
    """The Open Graph or Twitter title, JSON-LD headline, first <h1>, else <title> less the site."""
    # Prefer an <h1> inside <article>: some sites wrap their logo in an <h1>.
    headings = [h for article in document.iter("article") for h in article.iter("h1")]
    headings += list(document.iter("h1"))
    h1 = next((_clean(h.text_content()) for h in headings if h.text_content().strip()), "")
    title = metas.get("og:title") or metas.get("twitter:title") or linked.get("title") or h1
    page_title = _clean(document.findtext(".//title") or "")
    if not title and page_title:
        title = _strip_site_suffix(page_title, outlet)
    return title


def _page_date(document: HtmlElement, metas: dict[str, str], linked: dict[str, str]) -> str:
    """The first readable date of the date meta tags, JSON-LD, then <time> elements."""
    dates = [metas.get(key, "") for key in _DATE_META] + [linked.get("date", "")]
    in_articles = [time for article in document.iter("article") for time in article.iter("time")]
    dates += [time.get("datetime", "") for time in [*in_articles, *document.iter("time")]]
    return next((iso for iso in map(find_date, dates) if iso), "")


def _page_url(document: HtmlElement, metas: dict[str, str], linked: dict[str, str]) -> str:
    """The canonical link, else the Open Graph or JSON-LD url."""
    canonical = next(
        (
            link.get("href").strip()
            for link in document.iter("link")
            if "canonical" in (link.get("rel") or "").lower().split() and link.get("href")
        ),
        "",
    )
    return canonical or metas.get("og:url", "") or linked.get("url", "")


def _json_ld(document: HtmlElement) -> dict[str, str]:
    """Headline, date, publisher and url of the first Article-like JSON-LD object."""
    for script in document.iter("script"):
        if "ld+json" not in (script.get("type") or "").lower():
            continue
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        for item in _json_ld_items(data):
            kinds = item.get("@type", "")
            kinds = " ".join(kinds) if isinstance(kinds, list) else str(kinds)
            if "Article" not in kinds and "Posting" not in kinds and "Report" not in kinds:
                continue
            publisher = item.get("publisher")
            found = {
                "title": item.get("headline"),
                "date": item.get("datePublished"),
                "url": item.get("url"),
                "outlet": publisher.get("name") if isinstance(publisher, dict) else None,
            }
            return {key: value for key, value in found.items() if isinstance(value, str)}
    return {}


def _json_ld_items(data: object) -> Iterator[dict[str, Any]]:
    """Every JSON object in a JSON-LD document, breadth first, including "@graph" members."""
    queue: deque[object] = deque([data])
    while queue:
        item = queue.popleft()
        if isinstance(item, list):
            queue.extend(item)
        elif isinstance(item, dict):
            yield item
            if isinstance(item.get("@graph"), list):
                queue.extend(item["@graph"])


def _strip_site_suffix(title: str, outlet: str) -> str:
    """Drop a " | Site" / " - Site" tail from a <title>."""
    parts = re.split(r"\s+[|\-–—:]{1,2}\s+", title)
    if len(parts) > 1 and (parts[-1] == outlet or len(parts[-1].split()) <= 4):
        return " - ".join(parts[:-1])
    return title


def _clean(text: str) -> str:
    return _COLLAPSIBLE.sub(" ", text.replace("\u00a0", " ")).strip()
