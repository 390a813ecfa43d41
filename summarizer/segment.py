"""Offline sentence and word tokenizer tuned for news prose, and the sentence-splitting stage.

Everything here is linear in the input: each line is scanned a constant number of times, and
every regular expression uses possessive quantifiers or short fixed windows so that no input
can make it backtrack.
"""

from __future__ import annotations

import re
import unicodedata
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache
from operator import itemgetter

from summarizer import lang
from summarizer.models import Article, Line, Sentence

_TERMINALS = ".!?…‽"
_CLOSERS = "\"'”’»›)]}"
_QUOTE_CLOSERS = "\"'”’»›"
_OPENERS = "\"'“‘«‹([{"
_STRONG_MARKS = "?!‽"
# A sentence never starts with these, so a stop right before one is not a boundary.
_CONTINUERS = ",;:%)]}"
# A line ending in one of these carries on on the next line.
_LINE_CONTINUERS = ",;:-–—(/&+"
# ...and these endings are evidence that a block of lines is hard-wrapped prose.
_WRAP_CONTINUERS = ",;-(/&+"
# A number after an abbreviation like "No." or "Jan." belongs to it.
_NUMBER_PREFIXES = "$€£¥#+-−~"

_T = re.escape(_TERMINALS)
_C = re.escape(_CLOSERS)
# Terminal punctuation (with closing quotes/brackets) followed by white space or the end. The
# lookbehind makes a run of stops match only from its first character (the one before it is
# no stop), and the possessive quantifiers stop retries inside the run, so the scan stays
# linear. The pattern opens with a plain character set so that the regex engine skips ahead
# to the next stop in C instead of trying the whole pattern at every character (a third of the
# time); it matches what (?<![T])[T]++[C]*+(?=\s|\Z) does.
_CANDIDATE = re.compile(rf"[{_T}](?<![{_T}][{_T}])[{_T}]*+[{_C}]*+(?=\s|\Z)")
# \r\n, or any one line break character; opening with a character set for the same reason.
_LINE_BREAK = re.compile(r"[\n\r\u2028\u2029](?:(?<=\r)\n)?")
_WHITESPACE = re.compile(r"\s+")
_CLAUSE_BREAK = re.compile(r"[,;:–—](?=\s)")
_HAS_ALNUM = re.compile(r"[^\W_]")
_LEADING_WORD = re.compile(r"[^\W\d_]+")
_TRAILING_WORD = re.compile(r"[^\W\d_]+\Z")
_DOTTED = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]\Z")  # a token before its final stop: "U.S", "a.m"
_LIST_MARKER = re.compile(r"(?:\d{1,2}|[^\W\d_]|[ivxIVX]{1,4})\Z")
_WORD = re.compile(
    r"[^\W\d_](?:\.[^\W\d_])++\.?(?![^\W_])"  # dotted abbreviation: U.S., e.g., a.m.
    r"|[^\W_]++(?:(?:['’\-‐]|(?<=\d)[.,](?=\d))[^\W_]++)*+"  # Kim's, short-range, 11,000, 2.3
)


# How far back to look for the word before a stop; abbreviations are far shorter than this.
_TOKEN_WINDOW = 48
# How much of the following text to look at when deciding on a boundary.
_LOOKAHEAD = 48
_HEADING_MAX_WORDS = 15
# Longer than any sentence a news outlet prints: such a run is text without sentence breaks (a
# transcript, a flattened table, a pasted blob). It is cut into pieces at clause or word breaks,
# so no quote, summary or readability score is built on one enormous "sentence".
_MAX_SENTENCE_CHARS = 1_000
# In hard-wrapped text a heading is noticeably shorter than the wrapped lines around it.
_HEADING_MAX_WIDTH = 0.6

# Titles that always precede a name, and Latin abbreviations that never end a sentence.
_TITLES = lang.words("title_abbreviations")
# Abbreviations that take a number ("No. 5", "Jan. 20"); before anything else they end a sentence.
_NUMBERED = lang.words("numbered_abbreviations")
# Abbreviations that may or may not end a sentence; they end one before a sentence starter.
_AMBIGUOUS = lang.words("ambiguous_abbreviations")
# Words after which a period is part of the word in word_tokens.
_KEEP_PERIOD = (_TITLES | _AMBIGUOUS | _NUMBERED | {"etc"}) - {"no", "nos", "est", "v", "al"}
# Capitalised words that usually begin a sentence rather than continue a name.
_STARTERS = frozenset(lang.entries("sentence_starters"))  # case matters
# A line ending in one of these is the first half of a wrapped sentence, not a heading.
_FUNCTION_WORDS = lang.words("function_words")


class _Kind(Enum):
    """What the word before a period says about whether the period ends a sentence."""

    ORDINARY = "ordinary"  # a normal word: the period ends the sentence
    TITLE = "title"  # "Mr.", "Gen.", "e.g.": never ends one
    INITIAL = "initial"  # "W." in "George W. Bush"
    NUMBERED = "numbered"  # "No.", "Jan.": not before a number
    AMBIGUOUS = "ambiguous"  # "U.S.", "Inc.": only before a sentence starter
    LIST_MARKER = "list marker"  # "1." or "a." opening a line


@dataclass(frozen=True)
class _Line:
    """The non-blank content of one line: start of first and end of last non-space character."""

    start: int
    end: int


def collapse_whitespace(text: str) -> str:
    """Collapse every run of (Unicode) white space to one space and strip the ends."""
    if text.isprintable() and "  " not in text:
        # Every white space character but the ASCII space is unprintable, so the only white
        # space here is single spaces: nothing to collapse (most sentences).
        return text.strip()
    return _WHITESPACE.sub(" ", text).strip()


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentence spans (start, end) in ``text``, stripped, covering every non-blank run."""
    breaks: list[int] = []
    for block in _blocks(text):
        breaks.extend(_block_breaks(text, block))
    spans: list[tuple[int, int]] = []
    previous = 0
    for boundary in breaks:
        span = _stripped(text, previous, boundary)
        if span is not None:
            spans.extend(_bounded(text, *span))
        previous = boundary
    return spans


# _WORD plus the period right after it, if any: one findall instead of a Python step per match.
# No word starts with a period, so taking it into the match moves no later match.
_WORD_AND_PERIOD = re.compile(rf"({_WORD.pattern})(\.?)")


# Sentences whose words one process remembers: ranking, content terms, budgets and the digest
# each ask for the words of the same sentence.
WORD_CACHE_SIZE = 1 << 13


def written_words(text: str) -> list[str]:
    """``word_tokens`` without the period some abbreviations keep ("Gen" for "Gen."): one regex
    pass and nothing remembered, for counting the words of a long text."""
    return _WORD.findall(text)


def word_tokens(text: str) -> list[str]:
    """Words for summarisers and matching; keeps "U.S.", "Kim's", "short-range", "11,000", "2.3"."""
    return list(word_tuple(text))


@lru_cache(maxsize=WORD_CACHE_SIZE)
def word_tuple(text: str) -> tuple[str, ...]:
    """``word_tokens`` as the tuple this process remembers for ``text`` (not to be copied)."""
    words = _WORD.findall(text)
    # Most sentences have no word that keeps its period: then the words are _WORD's matches as
    # they are (those of _WORD_AND_PERIOD's first group), found without a tuple per match.
    if _KEEP_PERIOD.isdisjoint(map(str.lower, words)):
        return tuple(words)
    pairs = _WORD_AND_PERIOD.findall(text)
    words = list(map(itemgetter(0), pairs))
    periods = list(map(itemgetter(1), pairs))
    # Only the few words before a period need a Python step: list.index finds them.
    at = -1
    for _ in range(periods.count(".")):
        at = periods.index(".", at + 1)
        if words[at].lower() in _KEEP_PERIOD:
            words[at] += "."
    return tuple(words)


class Tokenizer:
    """A sumy-compatible tokenizer built on sentence_spans and word_tokens (no NLTK data)."""

    language = "english"

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        """Sentences of ``paragraph``, white space collapsed, skipping ones without any word."""
        sentences = (collapse_whitespace(paragraph[s:e]) for s, e in sentence_spans(paragraph))
        return tuple(s for s in sentences if _HAS_ALNUM.search(s))

    def to_words(self, sentence: str) -> tuple[str, ...]:
        """Words of ``sentence``."""
        return word_tuple(sentence)


def segment(article: Article) -> tuple[Sentence, ...]:
    """Every sentence of ``article`` (content and furniture) in order, with raw-text spans."""
    sentences: list[Sentence] = []
    paragraph = 0
    previous_end: int | None = None
    for start, end, line in _body_spans(article):
        raw_start, raw_end = article.raw_span(start, end)
        text = collapse_whitespace(article.raw[raw_start:raw_end])
        if not _HAS_ALNUM.search(text):
            continue
        if previous_end is not None and _LINE_BREAK.search(article.body, previous_end, start):
            paragraph += 1
        sentences.append(
            Sentence(
                source=article.id,
                index=len(sentences),
                start=raw_start,
                end=raw_end,
                text=text,
                paragraph=paragraph,
                furniture=line.furniture if line else None,
                furniture_rule=line.rule if line else None,
            )
        )
        previous_end = end
    return tuple(sentences)


def _body_spans(article: Article) -> Iterator[tuple[int, int, Line | None]]:
    """Body spans of sentences: runs of content lines together, furniture lines one by one (with
    their line; None for content)."""
    body = article.body
    run: tuple[int, int] | None = None
    for line in article.lines:
        if line.furniture is None:
            run = (line.start, line.end) if run is None else (run[0], line.end)
            continue
        if run is not None:
            yield from _offset_spans(body, run[0], run[1], None)
            run = None
        yield from _offset_spans(body, line.start, line.end, line)
    if run is not None:
        yield from _offset_spans(body, run[0], run[1], None)


def _offset_spans(
    body: str, start: int, end: int, line: Line | None
) -> Iterator[tuple[int, int, Line | None]]:
    """Sentence spans of ``body[start:end]`` shifted back into body coordinates."""
    for s, e in sentence_spans(body[start:end]):
        yield start + s, start + e, line


def _bounded(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """The (stripped) span, or consecutive pieces of it when it is too long to be one sentence."""
    if end - start <= _MAX_SENTENCE_CHARS:
        yield start, end  # most spans: already stripped, nothing to cut
        return
    while end - start > _MAX_SENTENCE_CHARS:
        cut = _cut_point(text, start, start + _MAX_SENTENCE_CHARS)
        piece = _stripped(text, start, cut)
        if piece is not None:
            yield piece
        start = cut
    piece = _stripped(text, start, end)
    if piece is not None:
        yield piece


def _cut_point(text: str, start: int, limit: int) -> int:
    """Where to end a piece of an over-long run: after the last clause break in the second
    half of ``text[start:limit]``, else at its last white space, else at ``limit``."""
    low = start + _MAX_SENTENCE_CHARS // 2
    clause = _last_match(_CLAUSE_BREAK, text, low, limit)
    if clause is not None:
        return clause.end()
    space = _last_match(_WHITESPACE, text, low, limit)
    if space is not None:
        return space.start()
    # One enormous token: cut it, but not between a letter and its combining accents.
    cut = limit
    while cut > low and unicodedata.combining(text[cut]):
        cut -= 1
    return cut


def _last_match(pattern: re.Pattern[str], text: str, start: int, end: int) -> re.Match[str] | None:
    """The last match of ``pattern`` in ``text[start:end]``, or None."""
    found = deque(pattern.finditer(text, start, end), maxlen=1)
    return found[0] if found else None


def _stripped(text: str, start: int, end: int) -> tuple[int, int] | None:
    """``(start, end)`` narrowed to exclude surrounding white space, or None if all blank."""
    chunk = text[start:end]
    content = chunk.strip()
    if not content:
        return None
    # Only white space comes before the content's first character, which is none: its first
    # occurrence is where the content starts (no second, left-stripped copy of the chunk).
    first = start + chunk.find(content[0])
    return first, first + len(content)


def _blocks(text: str) -> Iterator[list[_Line]]:
    """Runs of consecutive non-blank lines; blank lines separate them."""
    block: list[_Line] = []
    for line in _lines(text):
        if line is None:
            if block:
                yield block
            block = []
        else:
            block.append(line)
    if block:
        yield block


def _lines(text: str) -> Iterator[_Line | None]:
    """Each line's content, or None for a blank line."""
    start = 0
    for newline in _LINE_BREAK.finditer(text):
        yield _line_content(text, start, newline.start())
        start = newline.end()
    yield _line_content(text, start, len(text))


def _line_content(text: str, start: int, end: int) -> _Line | None:
    """The stripped content of ``text[start:end]``, or None when it is blank."""
    span = _stripped(text, start, end)
    return None if span is None else _Line(*span)


def _block_breaks(text: str, block: list[_Line]) -> Iterator[int]:
    """Offsets where sentences end inside one block of non-blank lines, in order."""
    stops = [list(_CANDIDATE.finditer(text, line.start, line.end)) for line in block]
    final_stops = [
        found[-1] if found and found[-1].end() == line.end else None
        for line, found in zip(block, stops, strict=True)
    ]
    wrapped = _is_hard_wrapped(text, block, final_stops)
    widest = max(line.end - line.start for line in block)
    last = len(block) - 1
    for i, line in enumerate(block):
        for stop in stops[i]:
            if stop is final_stops[i]:
                continue
            after = _skip_space(text, stop.end(), line.end)
            following = text[after : after + _LOOKAHEAD]
            if _is_trailing_aside(text, after, line.end):
                continue
            if _ends_sentence(text, line, stop, following, strong=False):
                yield stop.end()
        if i == last:
            yield line.end
            continue
        following = text[block[i + 1].start : block[i + 1].start + _LOOKAHEAD]
        final = final_stops[i]
        if final is not None:
            ends = _ends_sentence(text, line, final, following, strong=not wrapped)
        else:
            ends = _unpunctuated_line_ends(text, line, following, wrapped, widest)
        if ends:
            yield line.end


def _skip_space(text: str, position: int, end: int) -> int:
    """First non-space offset at or after ``position`` (bounded by ``end``)."""
    while position < end and text[position].isspace():
        position += 1
    return position


def _is_trailing_aside(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is one short bracketed aside ending the line, e.g. "(AP)"."""
    if end - start > _LOOKAHEAD or text[start] not in "([":
        return False
    close = ")" if text[start] == "(" else "]"
    inside = text[start + 1 : end - 1]
    return text[end - 1] == close and not any(c in inside for c in _TERMINALS + close)


def _is_hard_wrapped(text: str, block: list[_Line], final_stops: list[re.Match | None]) -> bool:
    """Whether some line of the block visibly carries its sentence on to the next line."""
    for i in range(len(block) - 1):
        if final_stops[i] is not None:
            continue
        line = block[i]
        following = text[block[i + 1].start : block[i + 1].start + _LOOKAHEAD]
        if _first_letter(following).islower():
            return True
        if text[line.end - 1] in _WRAP_CONTINUERS or _ends_with_function_word(text, line):
            return True
    return False


def _unpunctuated_line_ends(
    text: str, line: _Line, following: str, wrapped: bool, widest: int
) -> bool:
    """Whether a line without a final stop ends a sentence (a heading, or a paragraph line)."""
    first = _first_letter(following)
    if not first or first.islower() or following[0] in _CONTINUERS:
        return False
    if text[line.end - 1] in _LINE_CONTINUERS or _ends_with_function_word(text, line):
        return False
    if not wrapped:
        # Lines are paragraphs here, so one without a final stop still ends its sentence.
        return True
    content = text[line.start : line.end]
    if len(content.split(maxsplit=_HEADING_MAX_WORDS)) >= _HEADING_MAX_WORDS:
        return False
    return len(content) <= _HEADING_MAX_WIDTH * widest or _is_title_case(content)


def _ends_with_function_word(text: str, line: _Line) -> bool:
    window = text[max(line.start, line.end - _TOKEN_WINDOW) : line.end]
    word = _TRAILING_WORD.search(window)
    return word is not None and word.group().lower() in _FUNCTION_WORDS


def _is_title_case(content: str) -> bool:
    """Whether every longer word is capitalised, as in "Kim Unveils New Military Drones"."""
    words = [w for w in _LEADING_WORD.findall(content) if len(w) >= 4]
    return len(words) >= 2 and all(not w[0].islower() for w in words)


def _first_letter(following: str) -> str:
    """The first character of the next sentence candidate, past any opening quotes/brackets."""
    return following.lstrip(_OPENERS)[:1]


def _ends_sentence(text: str, line: _Line, stop: re.Match, following: str, *, strong: bool) -> bool:
    """Whether the stop ends a sentence, given the text after it.

    ``strong`` marks a line end in a block whose lines are paragraphs, where only abbreviations
    that never end a sentence (or that take a following number) keep it going.
    """
    first = _first_letter(following)
    if not first:
        return True  # end of text, or nothing but an opening quote follows
    if following[0] in _CONTINUERS:
        return False
    marks = stop.group().rstrip(_CLOSERS)
    closers = stop.group()[len(marks) :]
    lowercase = first.islower()
    kind = _token_kind(text, line, stop.start())
    if (
        kind is _Kind.ORDINARY
        or len(marks) > 1
        or any(m in _STRONG_MARKS or m == "…" for m in marks)
        or any(c in _QUOTE_CLOSERS for c in closers)
    ):
        return strong or not lowercase
    if kind in (_Kind.TITLE, _Kind.LIST_MARKER):
        return False
    if lowercase or first.isdigit() or first in _NUMBER_PREFIXES:
        return False
    if kind is _Kind.NUMBERED:
        return True
    word = _LEADING_WORD.match(following.lstrip(_OPENERS))
    starter = word is not None and word.group() in _STARTERS
    if kind is _Kind.INITIAL:
        return starter and word is not None and word.group() not in ("A", "I")
    return strong or starter


def _token_kind(text: str, line: _Line, stop_start: int) -> _Kind:
    """Classify the word right before a stop."""
    window_start = max(line.start, stop_start - _TOKEN_WINDOW)
    window = text[window_start:stop_start]
    if not window or window[-1].isspace():
        return _Kind.ORDINARY
    token = window.rsplit(None, 1)[-1]
    core = token.lstrip(_OPENERS)
    lower = core.lower()
    if stop_start - len(token) == line.start and _LIST_MARKER.match(core):
        return _Kind.LIST_MARKER
    if lower in _TITLES:
        return _Kind.TITLE
    if len(core) == 1 and core.isupper():
        return _Kind.INITIAL
    if lower in _NUMBERED:
        return _Kind.NUMBERED
    if lower in _AMBIGUOUS or _DOTTED.match(core):
        return _Kind.AMBIGUOUS
    return _Kind.ORDINARY
