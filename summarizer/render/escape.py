"""Escaping for each output kind: inert Markdown, terminal-safe text, safe link targets.

Article text is untrusted. Markdown output escapes every expression by default (no markup,
attribute list or autolink can form), HTML output is autoescaped by Jinja, and text output has
terminal control characters stripped.
"""

from __future__ import annotations

import re
import urllib.parse


class MarkdownText(str):
    """Text that is already valid, inert Markdown: the Markdown finalizer passes it through."""

    __slots__ = ()


# C0 controls except \t and \n, DEL, and C1 controls (0x9b is an 8-bit CSI some terminals obey).
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

# Every character that can start Markdown/GFM syntax. <, >, & become HTML entities so no raw
# HTML or entity forms; "~" becomes an entity because Python-Markdown does not honour "\~".
_MARKDOWN_ESCAPES = str.maketrans(
    {
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        # Inline markup needs only these: with "[" and "]" escaped no link or image can form,
        # so "(", ")", "." and "-" stay readable in the raw Markdown. "{" and "}" would let
        # Python-Markdown's attr_list (MkDocs) put attributes such as onclick on an element.
        **{char: "\\" + char for char in "\\`*_[]|{}"},
    }
)
# At the start of a line these would open a heading, list, rule or (under a paragraph line) a
# setext heading: escape them there. Python-Markdown makes a heading of "#word" too, and "---"
# is a rule, so only a numbered list marker needs the space after it.
_LINE_START_MARKER = re.compile(r"^(?:[#+=-]|\d+[.)](?=\s|$))")
# GFM strikethrough needs a closing "~" right after a non-space; an opening one alone (as in
# "~3,000") is inert, so only possible closers become entities and "~" stays readable.
# (Every "~" after a non-space: CommonMark's finer "right-flanking" rule misses "~_~", as "_"
# counts as punctuation there but as a word character in a regex.)
_CLOSING_TILDE = re.compile(r"(?<=\S)~")
# Autolinks (GFM's extended autolinks, linkify in markdown-it, GitLab and others) are cut by
# writing one character of the link as an entity, which every renderer shows as the character
# but no autolinker reads as one: the ":" of "scheme://", the second "/" of "//host", the "."
# after "www" and the "." before a top-level domain (two or more letters, so "U.S." and "3.5"
# stay readable). Any non-space may end a host name: linkify-it takes "~.com" for one.
_AUTOLINK_PARTS = re.compile(r":(?=//)|(?<=/)/|(?<=www)\.|(?<=\S)\.(?=[^\W\d_]{2})", re.I)
_AUTOLINK_ENTITIES = {":": "&#58;", "/": "&#47;", ".": "&#46;"}
# cmark-gfm (GitHub) joins entities back into the text before it looks for e-mail addresses,
# so an "@" after a non-space gets an invisible WORD JOINER (U+2060) in front of it instead.
_EMAIL_AT = re.compile(r"(?<=\S)@")
WORD_JOINER = "\u2060"
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def strip_controls(text: str) -> str:
    """Drop characters that could drive a terminal or corrupt a document; tabs become spaces."""
    return CONTROL_CHARS.sub("", text.replace("\t", " "))


def md_escape(value: object) -> MarkdownText:
    """Make any text inert inline Markdown: one line, no markup, entities, raw HTML or autolink.

    Rendered, the text reads exactly as given, except for an invisible U+2060 before an "@"
    that follows a non-space character.
    """
    if isinstance(value, MarkdownText):
        return value
    one_line = " ".join(strip_controls(str(value)).split())
    escaped = _LINE_START_MARKER.sub(_escape_marker, one_line.translate(_MARKDOWN_ESCAPES), count=1)
    escaped = _CLOSING_TILDE.sub("&#126;", escaped)
    escaped = _AUTOLINK_PARTS.sub(lambda match: _AUTOLINK_ENTITIES[match.group()], escaped)
    return MarkdownText(_EMAIL_AT.sub(WORD_JOINER + "@", escaped))


def visible_markdown_text(text: str) -> str:
    """The one-line text a reader sees once md_escape(text) is rendered (a test and docs aid)."""
    return _EMAIL_AT.sub(WORD_JOINER + "@", " ".join(strip_controls(text).split()))


def _escape_marker(match: re.Match[str]) -> str:
    marker = match.group()
    if marker == "=":
        return "&#61;"  # Python-Markdown shows a backslash before "=" rather than dropping it
    return "\\" + marker if len(marker) == 1 else marker[:-1] + "\\" + marker[-1]


def tool_md(text: str) -> MarkdownText:
    """Mark tool-made text (numbers, spans) that contains no Markdown syntax as safe."""
    return MarkdownText(text)


def web_link(url: str | None) -> str | None:
    """The URL as a link target when it is an absolute http(s) URL, else None.

    Characters a URL may not hold (spaces, quotes, angle brackets, backslashes, non-ASCII) are
    percent-encoded, so the target cannot leave its attribute or Markdown link.
    """
    if not url or CONTROL_CHARS.search(url):
        return None
    try:
        parts = urllib.parse.urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return urllib.parse.quote(url.strip(), safe="/:?#[]@!$&'()*+,;=%-._~")


def md_link_destination(url: str) -> MarkdownText:
    """A web_link() target as a Markdown link destination (written in angle brackets)."""
    # "&" as an entity so that "&copy=1" in a query cannot turn into an entity itself.
    return MarkdownText("<" + url.replace("&", "&amp;") + ">")
