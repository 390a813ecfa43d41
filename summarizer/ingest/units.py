"""Lines grouped into units (a line or a hard-wrapped paragraph), with their shape measured."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import islice, pairwise
from typing import NamedTuple

from summarizer.models import FurnitureReason

from .furniture_patterns import (
    ABBREVIATIONS,
    LETTER_WORD,
    LIST_MARKER,
    MD_HEADING,
    MD_IMAGE,
    MD_LINK,
    MD_LINK_ONLY,
    MINOR_WORDS,
    QUESTION_END,
    SENTENCE_END,
    TABLE_ROW,
    TERMINAL,
    UNSPACED_CHAR,
    WORD,
)

# Compiled once: these run on every line of every article.
_LETTERS_OR_DIGITS = re.compile(r"[^\W_]+")
_INITIALISM = re.compile(r"(?:[a-z]\.)+[a-z]")  # "u.s", "e.g": ends no sentence
_QUOTE_MARK = re.compile(r"^>\s?")
_EMPHASIS = re.compile(r"\*\*|__|`|(?<!\w)[*_]|[*_](?!\w)")
_OPENS_WITH_WORD = re.compile(r"[\"'“‘(\[]*[^\W_]")
_LETTER = re.compile(r"[^\W\d_]")


@dataclass(slots=True)  # slots: the rules read a unit's fields some thirty times each
class Unit:
    """A line, or a hard-wrapped paragraph of several lines, with its shape measured."""

    lines: list[int]
    text: str  # the text with Markdown markup removed, for analysis only
    words: int
    sentences: int
    terminal: bool
    heading_like: bool
    forced_heading: bool = False  # an HTML <h1>-<h6> or a Markdown "#" line
    image: bool = False
    link_only: bool = False
    listed: bool = False  # a list item or table row: content in a list, never a heading or link
    reason: FurnitureReason | None = None
    rule: str | None = None  # the name of the pattern rule that gave the reason, if one did
    tentative: bool = False  # set by shape rules: undone if they would leave no content

    @property
    def key(self) -> str:
        return comparison_key(self.text)


@dataclass
class Found:
    """Line reasons plus the metadata read from the text."""

    reasons: list[FurnitureReason | None]
    rules: list[str | None]  # per line: the pattern rule behind the reason (None: position/shape)
    title: str | None = None
    outlet: str | None = None
    date: str | None = None
    url: str | None = None


def comparison_key(text: str) -> str:
    """Text reduced to lower-case words, to compare headlines."""
    return " ".join(_LETTERS_OR_DIGITS.findall(text.lower()))


def word_count(text: str) -> int:
    """Words in text; in scripts written without spaces, two characters count as one word."""
    if text.isascii():  # known to Python without a scan: no unspaced script to count
        return len(WORD.findall(text))
    return len(WORD.findall(text)) + len(UNSPACED_CHAR.findall(text)) // 2


def has_three_words(text: str) -> bool:
    """Whether ``word_count(text) >= 3``, stopping at the third word (a sentence is long)."""
    words = sum(1 for _ in islice(WORD.finditer(text), 3))
    return words >= 3 or words + len(UNSPACED_CHAR.findall(text)) // 2 >= 3


def count_sentences(text: str, words: int | None = None) -> int:
    """Complete sentences (three or more words) in text; abbreviations do not end one.

    ``words``: ``word_count(text)`` when the caller has it, to judge a sentence that is the
    whole text (most lines are one sentence) without counting its words again.
    """
    count = 0
    start = 0
    for match in SENTENCE_END.finditer(text):
        following = match.group(1)
        if following is not None and following.islower():  # caseless scripts start sentences too
            continue
        before = text[max(0, match.start() - 24) : match.start()]
        word = before.rsplit(None, 1)[-1].lstrip("\"'“‘(").lower() if before.strip() else ""
        if match.group().startswith(".") and (
            word in ABBREVIATIONS or len(word) == 1 or _INITIALISM.fullmatch(word)
        ):
            continue
        if words is not None and start == 0 and match.end() == len(text):
            complete = words >= 3
        else:
            complete = has_three_words(text[start : match.end()])
        if complete:
            count += 1
        start = match.end()
    return count


def _is_title_case(text: str) -> bool:
    words = [word for word in LETTER_WORD.findall(text) if word.lower() not in MINOR_WORDS]
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
    row: bool = False  # a table row (set by build_units, which sees the neighbouring lines)

    @property
    def own_line(self) -> bool:
        """A heading, list item or table row stands on its own line, never in a wrapped one."""
        return self.heading or self.list_item or self.row


def _analyse(line: str, markdown: bool) -> _Analysed:
    """Strip Markdown markup and list markers so shape rules see the words."""
    text = line.strip()
    heading = image = link_only = False
    if markdown:
        match = MD_HEADING.match(text)
        if match:
            heading, text = True, match.group(1)
        image = bool(MD_IMAGE.match(text))
        text = _QUOTE_MARK.sub("", text)
        link_only = bool(MD_LINK_ONLY.match(text))
        text = MD_LINK.sub(r"\1", text)
        text = _EMPHASIS.sub("", text).strip()
    marker = LIST_MARKER.match(text)  # anchored at the start: at most one to remove
    list_item = bool(marker)
    text = text[marker.end() :] if marker else text
    return _Analysed(text, heading, image, link_only, list_item)


def _make_unit(indices: list[int], line: _Analysed, listed: bool = False) -> Unit:
    text = line.text
    listed = listed or line.list_item or line.row
    words = word_count(text)
    terminal = bool(TERMINAL.search(text))
    sentences = count_sentences(text, words)
    short = words <= 20 and len(text) <= 160  # only short lines can be headings
    heading_like = (
        short and not listed and _reads_as_heading(text, terminal=terminal, sentences=sentences)
    )
    return Unit(
        lines=indices,
        text=text,
        words=words,
        sentences=sentences,
        terminal=terminal,
        heading_like=heading_like,
        forced_heading=line.heading,
        image=line.image,
        link_only=line.link_only,
        listed=listed,
    )


def _reads_as_heading(text: str, *, terminal: bool, sentences: int) -> bool:
    """Opens like a heading, has letters, holds no whole sentence (a Title Case question may
    end in "?"), and does not break off mid-sentence."""
    opens_like_heading = bool(_OPENS_WITH_WORD.match(text)) and not text[0].islower()
    return (
        opens_like_heading
        and bool(_LETTER.search(text))
        and (
            (not terminal and sentences == 0)  # a line holding a whole sentence is not a heading
            # Title Case is judged last, for the few lines that need it (it reads every word).
            or (sentences <= 1 and bool(QUESTION_END.search(text)) and _is_title_case(text))
        )
        and not text.endswith((",", ";", ":", "-", "–", "—", "/", "&", "("))
    )


def _continues(first: str, second: str) -> bool:
    """Whether second reads as the rest of first's sentence (a hard-wrapped paragraph)."""
    if TERMINAL.search(first):
        return False
    if second[:1].islower():
        return True
    last = first.rsplit(None, 1)[-1].lower() if first.strip() else ""
    return first.endswith((",", ";", "-", "–", "—", "(")) or last in MINOR_WORDS


def build_units(
    texts: Sequence[str], markdown: bool, hints: Mapping[int, str], skip: int
) -> list[Unit]:
    """Group lines into units: each line, except hard-wrapped paragraphs which stay together."""
    units: list[Unit] = []
    block: list[int] = []
    for index in range(skip, len(texts) + 1):
        if index < len(texts) and texts[index].strip():
            block.append(index)
            continue
        if not block:
            continue
        units.extend(_block_units(block, texts, markdown, hints))
        block = []
    return units


def _block_units(
    block: list[int], texts: Sequence[str], markdown: bool, hints: Mapping[int, str]
) -> list[Unit]:
    """The units of a block of non-blank lines: one hard-wrapped paragraph, or a unit a line."""
    analysed = _mark_rows([_analyse(texts[i], markdown) for i in block])
    stripped = [item.text for item in analysed]
    if _is_wrapped(block, analysed, hints):
        return [_make_unit(block, _Analysed(" ".join(stripped)))]
    return [
        _make_unit([i], item, hints.get(i) in ("item", "row"))
        for i, item in zip(block, analysed, strict=True)
    ]


def _is_wrapped(block: list[int], analysed: list[_Analysed], hints: Mapping[int, str]) -> bool:
    """Several lines of one paragraph, wrapped: no headings, list items or rows, and most lines
    carry on into the next."""
    pairs = list(pairwise(item.text for item in analysed))
    return (
        len(block) > 1
        and not any(i in hints for i in block)
        and not any(item.own_line for item in analysed)
        and sum(_continues(a, b) for a, b in pairs if a and b) * 2 >= len(pairs)
    )


def _mark_rows(lines: list[_Analysed]) -> list[_Analysed]:
    """Mark table rows: two or more adjacent lines split into the same number of cells by " | "
    or tabs (a lone "Home | World | Asia" line stays a breadcrumb)."""
    cells = [_cells(line.text) for line in lines]
    if max(cells, default=0) < 2:  # no line has cells (most blocks): none is a row
        return lines
    marked = []
    for index, line in enumerate(lines):
        count = cells[index]
        neighbours = cells[max(0, index - 1) : index] + cells[index + 1 : index + 2]
        row = count >= 2 and count in neighbours
        marked.append(line._replace(row=True) if row else line)
    return marked


def _cells(text: str) -> int:
    # TABLE_ROW needs a "|" or a tab: most lines hold neither and skip its backtracking scan.
    if ("|" not in text and "\t" not in text) or not TABLE_ROW.match(text):
        return 0
    return len(re.split(r"\s\|\s|\t", text.strip().strip("|").strip()))
