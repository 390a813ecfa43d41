"""HTML extraction: main article text, per-line hints and page metadata, offline."""

from __future__ import annotations

import json
import re
from collections import Counter, deque
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .dates import _find_date
from .furniture_patterns import _word_set

if TYPE_CHECKING:
    from lxml.html import HtmlElement


# --------------------------------------------------------------------------------------------
# HTML
# --------------------------------------------------------------------------------------------

_NOISE_TAGS = _word_set(
    "script style noscript template iframe svg nav header footer aside form button select "
    "textarea input canvas object embed audio video map dialog menu"
)
_EMBED_TAGS = ("svg", "iframe", "form")
_SVG_HIDDEN = ("title", "desc", "metadata", "style", "script")
_RUNNING_TEXT_TAGS = _word_set("p li td th dd blockquote h1 h2 h3 h4 h5 h6 figcaption")
_MAX_EMBED_PASSES = 8
_NOISE_NAME = re.compile(
    r"(?:^|[\s_-])(?:nav|menu|share|sharing|social|related|comment(?!ary)|newsletter|footer"
    r"|breadcrumb|advert|ads?(?=$|[\s_-])|adslot|promo|sidebar|subscribe|cookie|popup|modal"
    r"|outbrain|taboola)",
    re.I,
)
_NOISE_ROLES = _word_set(
    "navigation banner contentinfo complementary search menu menubar dialog alert"
)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_BLOCK_TAGS = _word_set(
    "p div section article main h1 h2 h3 h4 h5 h6 li ul ol dl dt dd blockquote figure "
    "figcaption pre table thead tbody tfoot tr hr address details summary center body"
)
_HEADING_TAGS = _word_set("h2 h3 h4 h5 h6")
_COLLAPSIBLE = re.compile(r"[ \t\n\r\f\v\u2028\u2029\x85]+")
_PRE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\x85]")
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0e-\x1f\ufffe\uffff]")
_DATE_META = (
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "date",
    "dc.date",
    "dc.date.issued",
    "dcterms.created",
    "sailthru.date",
    "parsely-pub-date",
)


@dataclass(frozen=True)
class _Page:
    """What HTML extraction yields: article text, per-line hints and page metadata."""

    text: str
    hints: dict[int, str]  # line index -> "h1" | "heading" | "caption"
    metadata: dict[str, str]


def _extract_html(text: str) -> _Page:
    """Extract the main article text and metadata from an HTML page, offline."""
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
        return _Page("", {}, {})
    metadata = _html_metadata(document)
    _drop_noise(document)
    container = _choose_container(document)
    blocks = _html_blocks(container)
    if not blocks and container is not document:
        blocks = _html_blocks(document)
    lines: list[str] = []
    hints: dict[int, str] = {}
    for kind, sublines in blocks:
        if lines:
            lines.append("")
        for subline in sublines:
            if kind:
                hints[len(lines)] = kind
            lines.append(subline)
    return _Page("\n".join(lines), hints, metadata)


def _html_metadata(document: HtmlElement) -> dict[str, str]:
    """Title, outlet, date and url from meta tags, JSON-LD, <title>, <h1>, <time> and links."""
    metas: dict[str, str] = {}
    for meta in document.iter("meta"):
        name = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        content = (meta.get("content") or "").strip()
        if name and content:
            metas.setdefault(name, content)
    linked = _json_ld(document)
    # Prefer an <h1> inside <article>: some sites wrap their logo in an <h1>.
    headings = [h for article in document.iter("article") for h in article.iter("h1")]
    headings += list(document.iter("h1"))
    h1 = next((_clean(h.text_content()) for h in headings if h.text_content().strip()), "")
    page_title = _clean(document.findtext(".//title") or "")
    outlet = metas.get("og:site_name") or linked.get("outlet", "")
    title = metas.get("og:title") or metas.get("twitter:title") or linked.get("title") or h1
    if not title and page_title:
        title = _strip_site_suffix(page_title, outlet)
    dates = [metas.get(key, "") for key in _DATE_META] + [linked.get("date", "")]
    in_articles = [time for article in document.iter("article") for time in article.iter("time")]
    dates += [time.get("datetime", "") for time in [*in_articles, *document.iter("time")]]
    date = next((iso for iso in map(_find_date, dates) if iso), "")
    url = ""
    for link in document.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split() and link.get("href"):
            url = link.get("href").strip()
            break
    url = url or metas.get("og:url", "") or linked.get("url", "")
    found = {"title": title, "outlet": outlet, "date": date, "url": url}
    return {key: _clean(value) for key, value in found.items() if value and value.strip()}


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


def _drop_noise(document: HtmlElement) -> None:
    """Remove scripts, navigation, share bars, related boxes and other page chrome."""
    body = document.find("body")
    root = body if body is not None else document
    _unwrap_inline_embeds(root)
    total = _paragraph_chars(root)
    for element in list(root.iter()):
        if element is root or not isinstance(element.tag, str) or element.getparent() is None:
            continue
        if _is_noise(element) and not _holds_most_text(element, total):
            element.drop_tree()


def _unwrap_inline_embeds(root: HtmlElement) -> None:
    """Keep the text of an <svg>, <iframe> or <form> that sits in running text.

    Dropped whole, such an element would take article text with it: an unclosed <iframe>
    holds the rest of the page as text (parsed again here), and an unclosed <svg> or a <form>
    (which closes the paragraph it appears in) holds the rest of the paragraph. Elsewhere they
    stay page furniture; in running text their markup goes and their text stays (an <svg>'s
    invisible <title> and <desc> go too, and a form's controls remain noise).
    """
    import lxml.etree
    import lxml.html

    for _ in range(_MAX_EMBED_PASSES):  # a recovered page may itself hold an unclosed iframe
        embeds = [e for e in root.iter(*_EMBED_TAGS) if e is not root and _holds_article_text(e)]
        if not embeds:
            return
        for element in embeds:
            if element.getparent() is None:
                continue
            if element.tag.lower() == "iframe" and "<" in (element.text or ""):
                # The parser read the rest of the page as the frame's text: parse it again.
                try:
                    recovered = lxml.html.fragment_fromstring(element.text, create_parent="span")
                except (lxml.etree.ParserError, ValueError):
                    element.drop_tree()
                    continue
                recovered.tail = element.tail
                element.getparent().replace(element, recovered)
                recovered.drop_tag()
                continue
            for hidden in list(element.iter(*_SVG_HIDDEN)):
                if hidden is not element:
                    hidden.drop_tree()
            element.drop_tag()


def _holds_article_text(element: HtmlElement) -> bool:
    """An iframe that swallowed the page as text, or an svg or form in running text."""
    if element.tag.lower() == "iframe":
        # A closed frame's own text is fallback content that no browser shows; markup in it
        # means the parser read the rest of the page into it.
        return "<" in (element.text or "")
    # Inside a paragraph-like block, or holding text of its own beside its child elements.
    if any(parent.tag in _RUNNING_TEXT_TAGS for parent in element.iterancestors()):
        return True
    return bool((element.text or "").strip()) or any((c.tail or "").strip() for c in element)


def _is_noise(element: HtmlElement) -> bool:
    tag = element.tag.lower()
    if tag in _NOISE_TAGS:
        return True
    if element.get("hidden") is not None or element.get("aria-hidden") == "true":
        return True
    if (element.get("role") or "").lower() in _NOISE_ROLES:
        return True
    if _HIDDEN_STYLE.search(element.get("style") or ""):
        return True
    names = f"{element.get('class') or ''} {element.get('id') or ''}"
    return bool(_NOISE_NAME.search(names))


def _holds_most_text(element: HtmlElement, total: int) -> bool:
    """A wrapper whose name merely mentions "sidebar" etc. but holds the article stays."""
    tag = element.tag.lower()
    if tag in ("script", "style", "noscript", "template", "svg", "iframe"):
        return False
    return total > 0 and _paragraph_chars(element) >= 0.4 * total


def _paragraph_chars(element: HtmlElement) -> int:
    return sum(len(p.text_content().strip()) for p in element.iter("p"))


def _choose_container(document: HtmlElement) -> HtmlElement:
    """The <article> holding most paragraph text, else the element with the densest paragraphs."""
    body = document.find("body")
    root = body if body is not None else document
    total = _paragraph_chars(root)
    if total == 0:
        return root
    for tag in ("article", "main"):
        candidates = list(root.iter(tag))
        best = max(candidates, key=_paragraph_chars, default=None)
        if best is not None and _paragraph_chars(best) >= 0.5 * total:
            return best
    scores: Counter[HtmlElement] = Counter()
    for paragraph in root.iter("p"):
        length = len(paragraph.text_content().strip())
        parent = paragraph.getparent()
        if length < 20 or parent is None:
            continue
        scores[parent] += length
        grandparent = parent.getparent()
        if grandparent is not None:
            scores[grandparent] += length / 2
    if not scores:
        return root
    return max(scores, key=lambda element: scores[element])


class _BlockWriter:
    """Collects inline text into block-level lines while walking an HTML tree."""

    def __init__(self) -> None:
        self.blocks: list[tuple[str, list[str]]] = []
        self.buffer: list[str] = []
        self.stack: list[str] = []
        self.pre = 0
        self.captions = 0

    def add(self, text: str) -> None:
        """Append inline text, collapsing white space as a browser would (except in <pre>)."""
        if self.pre:
            self.buffer.append(_PRE_BREAKS.sub("\n", text))
        else:
            self.buffer.append(_COLLAPSIBLE.sub(" ", text))

    def flush(self) -> None:
        """End the current block: its text becomes one line per <br>-separated part."""
        text = "".join(self.buffer)
        self.buffer = []
        lines = [line.strip() for line in text.split("\n")]
        lines = [line for line in lines if line]
        if lines:
            self.blocks.append((self._kind(), lines))

    def _kind(self) -> str:
        """The hint for the block being flushed: caption, h1, heading, or none."""
        if self.captions:
            return "caption"
        top = self.stack[-1] if self.stack else ""
        if top == "h1":
            return "h1"
        return "heading" if top in _HEADING_TAGS else ""


def _html_blocks(container: HtmlElement) -> list[tuple[str, list[str]]]:
    """Walk the container, emitting each block element's text as one or more lines."""
    import lxml.etree

    writer = _BlockWriter()
    for event, element in lxml.etree.iterwalk(container, events=("start", "end")):
        if not isinstance(element.tag, str):
            if event == "end" and element.tail:
                writer.add(element.tail)
            continue
        tag = element.tag.lower()
        if event == "start":
            if tag in _BLOCK_TAGS:
                writer.flush()
                writer.stack.append(tag)
            if tag == "br":
                writer.buffer.append("\n")
            elif tag == "pre":
                writer.pre += 1
            elif tag == "figcaption":
                writer.captions += 1
            if element.text:
                writer.add(element.text)
            continue
        if tag in _BLOCK_TAGS:
            writer.flush()
            writer.stack.pop()
        if tag in ("td", "th"):
            writer.add(" ")
        elif tag == "pre":
            writer.pre -= 1
        elif tag == "figcaption":
            writer.captions -= 1
        if element is not container and element.tail:
            writer.add(element.tail)
    writer.flush()
    return writer.blocks
