"""Tokens of a sentence for reading numbers: words, numerals, symbols, with character offsets.

The shared reading layer of ``summarizer.figures``: ``tokenize`` splits a sentence, ``Token`` is
one piece of it, ``month_number`` and ``WEEKDAYS`` recognise calendar words, ``word_set`` and
``collapse_space`` are small text helpers the other modules share.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

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
_TOKEN_RE = re.compile(
    r"(?P<num>(?P<digits>" + SPACE_GROUPED + r"|\d+(?:[.,]\d+)*)(?P<suffix>[^\W\d_]+)?)"
    r"|(?P<abbr>(?:[^\W\d_]\.){2,})"
    r"|(?P<word>[^\W\d_](?:[^\W_]|['’][^\W\d_])*(?:[-‑][^\W_]+(?:['’][^\W\d_]+)*(?:\.\d+)?)*)"
    r"|(?P<sym>[$€£¥₹₩₽₴~])"
    r"|(?P<pct>%)"
    r"|(?P<dash>[-–—‑])"
    r"|(?P<punct>\S)"
)
_PLAIN_NUM_RE = re.compile(r"(?P<digits>\d+)(?P<suffix>[^\W\d_]+)?")


@dataclass(frozen=True)
class Token:
    """One token of a sentence with its character offsets in that sentence."""

    kind: str  # num | abbr | word | sym | pct | dash | punct
    text: str
    start: int
    end: int
    digits: str = ""
    suffix: str = ""
    # The text lower-cased with curly apostrophes straightened: the readers compare it millions
    # of times per run, so it is computed once here instead of on every look.
    low: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "low", self.text.lower().replace("’", "'"))

    @property
    def capitalised(self) -> bool:
        return self.kind in ("word", "abbr") and self.text[:1].isupper()


def tokenize(text: str) -> tuple[Token, ...]:
    """Split text into tokens with offsets; digit groups split by spaces stay one number."""
    tokens: list[Token] = []
    pos = 0
    while (match := _TOKEN_RE.search(text, pos)) is not None:
        kind = next(k for k in ("num", "abbr", "word", "sym", "pct", "dash", "punct") if match[k])
        if kind == "num" and re.search(r"\s", match["digits"]) and _after_month(tokens):
            # "February 8 300 troops": the day is not the first group of "8 300".
            match = _PLAIN_NUM_RE.match(text, match.start())
            assert match is not None
        tokens.append(
            Token(
                kind,
                match.group(0),
                match.start(),
                match.end(),
                match["digits"] if kind == "num" else "",
                (match["suffix"] or "") if kind == "num" else "",
            )
        )
        pos = match.end()
    return tuple(tokens)


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
    return re.sub(r"\s+", " ", text).strip()
