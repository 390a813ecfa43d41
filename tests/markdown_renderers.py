"""The Markdown renderers our users paste briefings into, each as text -> HTML.

Every renderer is set up the most permissive way its users meet it: raw HTML allowed (where it
can be), autolinking (linkify) on, and Python-Markdown with the extensions MkDocs sites use.
"""

from __future__ import annotations

from collections.abc import Callable

import cmarkgfm
import markdown
from cmarkgfm.cmark import Options
from markdown_it import MarkdownIt
from mdit_py_plugins.attrs import attrs_block_plugin, attrs_plugin

PYTHON_MARKDOWN_EXTENSIONS = ["tables", "attr_list", "md_in_html", "toc"]


def python_markdown(text: str) -> str:
    """Python-Markdown (MkDocs, Pelican) with tables, attr_list, md_in_html and toc."""
    return markdown.markdown(text, extensions=PYTHON_MARKDOWN_EXTENSIONS)


_COMMONMARK = MarkdownIt("commonmark", {"linkify": True}).enable("linkify")
_GFM_LIKE = MarkdownIt("gfm-like", {"linkify": True})
_GFM_ATTRS = MarkdownIt("gfm-like", {"linkify": True}).use(attrs_plugin).use(attrs_block_plugin)


def markdown_it_commonmark(text: str) -> str:
    """markdown-it-py's strict CommonMark preset (raw HTML on), with linkify turned on."""
    return _COMMONMARK.render(text)


def markdown_it_gfm_like(text: str) -> str:
    """markdown-it-py's gfm-like preset: tables, strikethrough, raw HTML and linkify."""
    return _GFM_LIKE.render(text)


def markdown_it_gfm_attrs(text: str) -> str:
    """gfm-like with mdit-py-plugins' attrs plugins, markdown-it's answer to attr_list."""
    return _GFM_ATTRS.render(text)


def cmark_gfm(text: str) -> str:
    """GitHub's own cmark-gfm with its autolink, table and strikethrough extensions.

    Unsafe mode keeps raw HTML: GitHub sanitises afterwards, we must not need it to.
    """
    return cmarkgfm.markdown_to_html_with_extensions(
        text,
        options=Options.CMARK_OPT_UNSAFE,
        extensions=["autolink", "table", "strikethrough", "tasklist"],
    )


RENDERERS: dict[str, Callable[[str], str]] = {
    "python-markdown": python_markdown,
    "markdown-it-commonmark": markdown_it_commonmark,
    "markdown-it-gfm-like": markdown_it_gfm_like,
    "markdown-it-gfm-attrs": markdown_it_gfm_attrs,
    "cmark-gfm": cmark_gfm,
}
