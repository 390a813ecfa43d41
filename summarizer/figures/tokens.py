"""Tokens of a sentence for reading numbers: words, numerals, symbols, with character offsets.

The shared reading layer of ``summarizer.figures``: ``tokenize`` splits a sentence, ``Token`` is
one piece of it, ``month_number`` and ``WEEKDAYS`` recognise calendar words, ``word_set`` and
``collapse_space`` are small text helpers the other modules share.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from .. import lang


def word_set(text: str) -> frozenset[str]:
    """A small word set written as one space-separated string."""
    return frozenset(text.split())


# Month names and abbreviations -> month number, from the language data.
MONTHS: dict[str, int] = {
    **lang.table("months")["names"],
    **lang.table("months")["abbreviations"],
}
WEEKDAYS = tuple(lang.entries("weekdays"))


# Digit groups split by spaces ("11 000") are one number.
SPACE_GROUPED = r"\d{1,3}(?:[ \u00a0\u2009\u202f]\d{3})+(?!\d)"


def _token_pattern(letter: str, alnum: str, digit: str, visible: str, space: str) -> str:
    """The token grammar over five character classes, written <L>etter, <A> letter or digit,
    <D>igit, <V>: any character but white space, and <S>: white space."""
    grammar = (
        # Each match takes the white space before its token: the search then never fails at a
        # space between tokens (``_read_tokens`` keeps the kind's group, not the whole match).
        r"<S>*+(?:"
        # Words first, the commonest tokens; no word or abbreviation starts with a digit and no
        # number with a letter, so the order of these three changes no match.
        r"(?P<abbr>(?:<L>\.){2,})"
        # A letter, letters or digits with inner apostrophes before a letter ("Kim's"),
        # hyphenated parts. Written as runs of one character class, which the engine scans
        # fastest.
        r"|(?P<word><L><A>*(?:['’]<L><A>*)*(?:[-‑]<A>+(?:['’]<L>+)*(?:\.<D>+)?)*)"
        r"|(?P<num>(?P<digits>" + SPACE_GROUPED.replace(r"\d", "<D>") + r"|<D>+(?:[.,]<D>+)*)"
        r"(?P<suffix><L>+)?)"
        r"|(?P<sym>[$€£¥₹₩₽₴~])"
        r"|(?P<pct>%)"
        r"|(?P<dash>[-–—‑])"
        r"|(?P<punct><V>)"
        r")"
    )
    classes = {"L": letter, "A": alnum, "D": digit, "V": visible, "S": space}
    return re.sub(r"<([LADVS])>", lambda m: classes[m[1]], grammar)


_UNICODE_CLASSES = (r"[^\W\d_]", r"[^\W_]", r"\d", r"\S", r"\s")
# The same classes spelled out as the ASCII characters they hold, for text that is all ASCII
# (nine sentences in ten): the engine tests these by table, not by Unicode lookups (a fifth
# faster). White space is \t to \r, \x1c to \x1f and the space, as str.isspace says.
_ASCII_CLASSES = ("[A-Za-z]", "[A-Za-z0-9]", "[0-9]", r"[^\t-\r\x1c-\x20]", r"[\t-\r\x1c-\x20]")
_TOKEN_RE = re.compile(_token_pattern(*_UNICODE_CLASSES))
_ASCII_TOKEN_RE = re.compile(_token_pattern(*_ASCII_CLASSES))
_KINDS = {number: name for name, number in _TOKEN_RE.groupindex.items()}  # group -> token kind
_PLAIN_NUM_RE = re.compile(r"(?P<digits>\d+)(?P<suffix>[^\W\d_]+)?")


class _TokenFields(NamedTuple):
    kind: str  # num | abbr | word | sym | pct | dash | punct
    text: str
    start: int
    end: int
    digits: str = ""
    suffix: str = ""
    # The text lower-cased with curly apostrophes straightened: the readers compare it millions
    # of times per run, so it is computed once, when the token is made.
    low: str = ""


class Token(_TokenFields):
    """One token of a sentence with its character offsets in that sentence.

    Immutable; a named tuple rather than a frozen dataclass because a run makes hundreds of
    thousands of them and a tuple is several times cheaper to build.
    """

    __slots__ = ()

    def __new__(
        cls, kind: str, text: str, start: int, end: int, digits: str = "", suffix: str = ""
    ) -> Token:
        return tuple.__new__(cls, (kind, text, start, end, digits, suffix, _lowered(text)))

    @property
    def capitalised(self) -> bool:
        return self.kind in ("word", "abbr") and self.text[:1].isupper()


def _lowered(text: str) -> str:
    return text.lower().replace("’", "'")


_NEW_TOKEN = tuple.__new__  # builds a Token from its seven fields without the Python __new__
_SPACE_RE = re.compile(r"\s")


def tokenize(text: str) -> tuple[Token, ...]:
    """Split text into tokens with offsets; digit groups split by spaces stay one number."""
    tokens: list[Token] = []
    lowered = _lowered(text)
    # Lower-casing the whole text once is the same as per token when it maps character for
    # character: no length change ("İ") and no final sigma, the one rule that reads context.
    sliceable = len(lowered) == len(text) and "Σ" not in text
    pos: int | None = 0
    while pos is not None:
        pos = _read_tokens(text, lowered if sliceable else None, pos, tokens)
    return tuple(tokens)


def _read_tokens(text: str, lowered: str | None, pos: int, tokens: list[Token]) -> int | None:
    """Append the tokens of text from pos on; return where to go on reading after a number cut
    short ("February 8 300"), or None at the end."""
    append = tokens.append
    pattern = _ASCII_TOKEN_RE if text.isascii() else _TOKEN_RE
    # The white space after the last token is left out: a search there would take it and fail,
    # then try again at each of its characters. (str.isspace is the patterns' white space.)
    for match in pattern.finditer(text, pos, len(text.rstrip())):
        group = match.lastindex  # the outermost group that matched: num, abbr, word, sym, ...
        kind = _KINDS[group]
        start, end = match.span(group)
        written = match[group]
        low = lowered[start:end] if lowered is not None else _lowered(written)
        if kind != "num":
            append(_NEW_TOKEN(Token, (kind, written, start, end, "", "", low)))
            continue
        if _SPACE_RE.search(match["digits"]) and _after_month(tokens):
            # "February 8 300 troops": the day is not the first group of "8 300".
            short = _PLAIN_NUM_RE.match(text, start)
            assert short is not None
            append(Token(kind, short[0], start, short.end(), short["digits"],
                         short["suffix"] or ""))  # fmt: skip
            return short.end()
        append(_NEW_TOKEN(Token, (kind, written, start, end, match["digits"],
                                  match["suffix"] or "", low)))  # fmt: skip
    return None


def _after_month(tokens: Sequence[Token]) -> bool:
    return bool(tokens) and month_number(tokens[-1]) is not None


def month_number(token: Token) -> int | None:
    """The month a capitalised token names ("January", "mid-March", "Jan"), else None."""
    if token.kind != "word":
        return None
    part = token.text.split("-")[-1]
    if not part[:1].isupper():
        return None
    return MONTHS.get(part.lower())


def collapse_space(text: str) -> str:
    """Text with each run of white space collapsed to one space, stripped."""
    # str.split's white space is the regex engine's \s (str.isspace): the same as substituting
    # r"\s+" and stripping, at a quarter of the cost (every number phrase's text passes here).
    return " ".join(text.split())
