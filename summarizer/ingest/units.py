"""Lines grouped into units (a line or a hard-wrapped paragraph), with their shape measured."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import NamedTuple

from .furniture_patterns import (
    _ABBREVIATIONS,
    _LETTER_WORD,
    _LIST_MARKER,
    _MD_HEADING,
    _MD_IMAGE,
    _MD_LINK,
    _MD_LINK_ONLY,
    _MINOR_WORDS,
    _QUESTION_END,
    _SENTENCE_END,
    _TERMINAL,
    _WORD,
)


@dataclass
class _Unit:
    """A line, or a hard-wrapped paragraph of several lines, with its shape measured."""

    lines: list[int]
    text: str  # the text with Markdown markup removed, for analysis only
    words: int
    sentences: int
    terminal: bool
    heading_like: bool
    title_case: bool
    forced_heading: bool = False  # an HTML <h1>-<h6> or a Markdown "#" line
    image: bool = False
    link_only: bool = False
    reason: str | None = None
    tentative: bool = False  # set by shape rules: undone if they would leave no content

    @property
    def key(self) -> str:
        return _key(self.text)


@dataclass
class _Found:
    """Line reasons plus the metadata read from the text."""

    reasons: list[str | None]
    title: str | None = None
    outlet: str | None = None
    date: str | None = None
    url: str | None = None


def _key(text: str) -> str:
    """Text reduced to lower-case words, to compare headlines."""
    return " ".join(re.findall(r"[^\W_]+", text.lower()))


def _count_sentences(text: str) -> int:
    """Complete sentences (three or more words) in text; abbreviations do not end one."""
    count = 0
    start = 0
    for match in _SENTENCE_END.finditer(text):
        following = match.group(1)
        if following is not None and not (following.isupper() or following.isdigit()):
            continue
        before = text[max(0, match.start() - 24) : match.start()]
        word = before.rsplit(None, 1)[-1].lstrip("\"'“‘(").lower() if before.strip() else ""
        if match.group().startswith(".") and (
            word in _ABBREVIATIONS or len(word) == 1 or re.fullmatch(r"(?:[a-z]\.)+[a-z]", word)
        ):
            continue
        if len(_WORD.findall(text[start : match.end()])) >= 3:
            count += 1
        start = match.end()
    return count


def _is_title_case(text: str) -> bool:
    words = [word for word in _LETTER_WORD.findall(text) if word.lower() not in _MINOR_WORDS]
    if len(words) < 2:
        return bool(words) and words[0][0].isupper()
    return sum(word[0].isupper() for word in words) >= 0.75 * len(words)


class _Analysed(NamedTuple):
    """A line's text with markup removed, and what the markup said about it."""

    text: str
    heading: bool = False  # a Markdown "#" heading
    image: bool = False  # a Markdown image and nothing else
    link_only: bool = False  # a Markdown link and nothing else
    list_item: bool = False  # began with a bullet or number: list items are content, not headings


def _analyse(line: str, markdown: bool) -> _Analysed:
    """Strip Markdown markup and list markers so shape rules see the words."""
    text = line.strip()
    heading = image = link_only = False
    if markdown:
        match = _MD_HEADING.match(text)
        if match:
            heading, text = True, match.group(1)
        image = bool(_MD_IMAGE.match(text))
        text = re.sub(r"^>\s?", "", text)
        link_only = bool(_MD_LINK_ONLY.match(text))
        text = _MD_LINK.sub(r"\1", text)
        text = re.sub(r"\*\*|__|`|(?<!\w)[*_]|[*_](?!\w)", "", text).strip()
    list_item = bool(_LIST_MARKER.match(text))
    text = _LIST_MARKER.sub("", text)
    return _Analysed(text, heading, image, link_only, list_item)


def _make_unit(indices: list[int], line: _Analysed) -> _Unit:
    text = line.text
    words = len(_WORD.findall(text))
    terminal = bool(_TERMINAL.search(text))
    sentences = _count_sentences(text)
    short = words <= 20 and len(text) <= 160
    title_case = short and _is_title_case(text)  # only short lines can be headings
    opens_like_heading = bool(re.match(r"[\"'“‘(\[]*[^\W_]", text)) and not text[0].islower()
    heading_like = (
        short
        and opens_like_heading
        and not line.list_item
        and bool(re.search(r"[^\W\d_]", text))
        and (
            (not terminal and sentences == 0)  # a line holding a whole sentence is not a heading
            or (bool(_QUESTION_END.search(text)) and title_case and sentences <= 1)
        )
        and not text.endswith((",", ";", ":", "-", "–", "—", "/", "&", "("))
    )
    return _Unit(
        lines=indices,
        text=text,
        words=words,
        sentences=sentences,
        terminal=terminal,
        heading_like=heading_like,
        title_case=title_case,
        forced_heading=line.heading,
        image=line.image,
        link_only=line.link_only,
    )


def _continues(first: str, second: str) -> bool:
    """Whether second reads as the rest of first's sentence (a hard-wrapped paragraph)."""
    if _TERMINAL.search(first):
        return False
    if second[:1].islower():
        return True
    last = first.rsplit(None, 1)[-1].lower() if first.strip() else ""
    return first.endswith((",", ";", "-", "–", "—", "(")) or last in _MINOR_WORDS


def _build_units(
    texts: Sequence[str], markdown: bool, hints: Mapping[int, str], skip: int
) -> list[_Unit]:
    """Group lines into units: each line, except hard-wrapped paragraphs which stay together."""
    units: list[_Unit] = []
    block: list[int] = []
    for index in range(skip, len(texts) + 1):
        if index < len(texts) and texts[index].strip():
            block.append(index)
            continue
        if not block:
            continue
        analysed = [_analyse(texts[i], markdown) for i in block]
        stripped = [item.text for item in analysed]
        pairs = list(pairwise(stripped))
        wrapped = (
            len(block) > 1
            and not any(i in hints for i in block)
            and not any(item.heading or item.list_item for item in analysed)
            and sum(_continues(a, b) for a, b in pairs if a and b) * 2 >= len(pairs)
        )
        if wrapped:
            units.append(_make_unit(block, _Analysed(" ".join(stripped))))
        else:
            units.extend(_make_unit([i], item) for i, item in zip(block, analysed, strict=True))
        block = []
    return units
