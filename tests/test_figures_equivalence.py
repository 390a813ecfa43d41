"""The faster sentence reading of ``summarizer.figures`` gives exactly what the plain one gave.

The ``reference_*`` functions are copies of the code before it was made faster (issue 8, CPU of
the per-article stage), kept here as the specification: seeded random texts built from the
pieces the readers care about (number words, "a", currency signs, dates, times, phone numbers,
odd Unicode, hostile markup) and the demo articles must give the same tokens, number phrases and
blocked spans.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from summarizer.figures import claims, numbers, tokens
from summarizer.figures.numbers import (
    _CURRENCY_SYMBOLS,
    _STARTING_PARTS,
    _STARTING_WORDS,
    CURRENCY_CODES,
    NumberValue,
    Phrase,
)
from summarizer.figures.tokens import Token

SEEDS = Path(__file__).resolve().parents[1] / "seeds"

# ---------------------------------------------------------------------------------------------
# The code as it was


REFERENCE_TOKEN_RE = re.compile(
    r"(?P<num>(?P<digits>" + tokens.SPACE_GROUPED + r"|\d+(?:[.,]\d+)*)(?P<suffix>[^\W\d_]+)?)"
    r"|(?P<abbr>(?:[^\W\d_]\.){2,})"
    r"|(?P<word>[^\W\d_][^\W_]*(?:['’][^\W\d_][^\W_]*)*(?:[-‑][^\W_]+(?:['’][^\W\d_]+)*(?:\.\d+)?)*)"
    r"|(?P<sym>[$€£¥₹₩₽₴~])"
    r"|(?P<pct>%)"
    r"|(?P<dash>[-–—‑])"
    r"|(?P<punct>\S)"
)


def reference_tokenize(text: str) -> tuple[Token, ...]:
    """tokens.tokenize as it was: one Unicode pattern, numbers first, lower case per token."""
    out: list[Token] = []
    pos: int | None = 0
    while pos is not None:
        pos = _reference_read_tokens(text, pos, out)
    return tuple(out)


def _reference_read_tokens(text: str, pos: int, out: list[Token]) -> int | None:
    for match in REFERENCE_TOKEN_RE.finditer(text, pos):
        kind, (start, end) = match.lastgroup, match.span()
        assert kind is not None
        if kind == "num" and re.search(r"\s", match["digits"]) and tokens._after_month(out):
            short = re.compile(r"(?P<digits>\d+)(?P<suffix>[^\W\d_]+)?").match(text, start)
            assert short is not None
            out.append(
                Token(kind, short[0], start, short.end(), short["digits"], short["suffix"] or "")
            )
            return short.end()
        digits, suffix = (match["digits"], match["suffix"] or "") if kind == "num" else ("", "")
        out.append(Token(kind, match[0], start, end, digits, suffix))
    return None


def reference_possible_starts(toks: Sequence[Token]) -> list[int]:
    """numbers._possible_starts as it was: every "a" is a possible start."""
    return [
        i
        for i, token in enumerate(toks)
        if token.kind == "num"
        or (token.kind == "sym" and token.text in _CURRENCY_SYMBOLS)
        or (
            token.kind == "word"
            and (
                token.low.partition("-")[0] in _STARTING_PARTS
                or token.low in _STARTING_WORDS
                or token.text in CURRENCY_CODES
            )
        )
    ]


def reference_scan_phrases(toks: Sequence[Token], text: str) -> tuple[Phrase, ...]:
    """numbers.scan_phrases as it was: each phrase read without its text, then rebuilt with it."""
    phrases: list[Phrase] = []
    resume = 0
    for i in reference_possible_starts(toks):
        if i < resume:
            continue
        phrase = numbers._read_phrase(toks, i)
        if phrase is None:
            continue
        written = tokens.collapse_space(text[toks[phrase.first].start : toks[phrase.last].end])
        value = phrase.value
        phrases.append(
            Phrase(
                **{
                    **phrase.__dict__,
                    "value": NumberValue(**{**value.__dict__, "text": written}),
                }
            )
        )
        resume = phrase.last + 1
    return tuple(phrases)


def reference_blocked(text: str) -> tuple[tuple[int, int], ...]:
    """The view's blocked spans as they were: all three patterns searched whenever a digit is."""
    if not re.search(r"\d", text):
        return ()
    return tuple(
        m.span()
        for pattern in (claims._NUMERIC_DATE_RE, claims._PHONE_RE, claims._TIME_RE)
        for m in pattern.finditer(text)
    )


# ---------------------------------------------------------------------------------------------
# Inputs

_PIECES = (
    # articles and number words, whole, hyphenated, capitalised
    "a", "A", "an", "few", "a few", "half", "a half", "half a million", "one", "One", "two",
    "twenty-two", "Twenty-Two", "a hundred", "hundred", "a dozen", "dozen", "million", "and",
    "several", "hundreds", "tens of thousands", "a-b", "a-one", "one-year", "three-and-out",
    "someone", "often", "tent", "money", "A-", "-a", "a‑two",
    # digits, separators, scales, currencies
    "5", "12", "2024", "3.000", "3,5", "1,00,000", "2,700", "11 000", "8 300", "3.5bn", "170mm",
    "5th", "$", "$5", "A$3bn", "US$5m", "USD 5", "5 USD", "€1.2bn", "£", "¥2", "~", "%", "2%",
    "per cent", "percentage points", "between", "from", "to", "or", "or more", "up to",
    "10-12", "10–12 million", "1950–53", "2019-20", "three in ten", "two out of three",
    # dates, times, phone numbers and their near misses
    "February", "Feb.", "February 8 300", "7 February", "2024-03-01", "01/02/2024", "12:30",
    "5pm", "5 PM", "5 p.m.", "5 o'clock", "5 o’clock", "+44 20 7946 0000", "555-123-4567",
    "(020) 7946-0000", "+1", "5 people", "5 apples", "5 of", "3.5", "5 ap", "5 K", "5 o",
    # names, words, punctuation, odd Unicode, hostile text
    "troops", "killed", "said", "Kim's", "U.S.", "the", ",", ".", ";", ":", "(", ")", "—", "–",
    "-", "‑", "’", "'", "İstanbul", "İ", "Σ", "ΣΑΣ", "ǅ", "Ⅻ", "①", "٣", "٣٤", "x\u0307one",
    "_one", "one_", "5one", "<script>", "&amp;", "\u202e", "\u00a0", "\u2009",
    "\x1c", "\t", "a\x1fb",
)  # fmt: skip
_SEPARATORS = ("", " ", " ", " ", "  ", "\n", "\u00a0", "-", ",")


def generated_texts(count: int, seed: int) -> list[str]:
    """Seeded random texts of pieces joined by spaces, line breaks, nothing or punctuation."""
    rng = random.Random(seed)
    texts = []
    for _ in range(count):
        parts = [rng.choice(_PIECES) for _ in range(rng.randint(1, 12))]
        text = parts[0]
        for part in parts[1:]:
            text += rng.choice(_SEPARATORS) + part
        texts.append(text)
    return texts


def seed_sentences() -> list[str]:
    """The demo articles' lines and sentences (rough cuts are fine: any text will do)."""
    out = []
    for path in sorted(SEEDS.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            out.extend(part for part in re.split(r"(?<=[.!?])\s+", line) if part)
    return out


ODD_TEXTS = [
    "",
    " ",
    "\n\n",
    "a",
    "a a a a",
    "A$",
    "a $5",
    "a$5",
    "5" * 400,
    "one " * 300,
    "February 8 300 troops and 11 000 more",
    "ΣΑΣ 5 ΣΑΣ",
    "İİİ 12:30 pm",
    "<script>alert(1)</script> 2,700 killed",
    "a" + " " * 3000 + "b",
    "5 000" + " \n\u2009" * 2000,
    "\u3000" * 50 + "İ 5" + "\u3000" * 50,
]


# Generated texts are number-heavy (a third of a millisecond each to read twice): a few hundred
# in the fast set, thousands more in the slow one.
FAST_GENERATED = 300


@pytest.fixture(scope="module")
def texts() -> list[str]:
    return [*ODD_TEXTS, *seed_sentences(), *generated_texts(FAST_GENERATED, seed=8)]


# ---------------------------------------------------------------------------------------------
# Equivalence


def check_tokenize(texts: Sequence[str]) -> None:
    for text in texts:
        got = tokens.tokenize(text)
        assert got == reference_tokenize(text), text
        assert all(type(token) is Token for token in got)


def check_possible_starts(texts: Sequence[str]) -> None:
    for text in texts:
        toks = tokens.tokenize(text)
        kept = set(numbers._possible_starts(toks))
        reference = reference_possible_starts(toks)
        assert kept <= set(reference), text
        for i in reference:
            if i not in kept:
                assert numbers.read_quantity(toks, i) is None, (text, i)


def check_scan_phrases(texts: Sequence[str]) -> None:
    for text in texts:
        toks = tokens.tokenize(text)
        assert numbers.scan_phrases(toks, text) == reference_scan_phrases(toks, text), text


def check_blocked_spans(texts: Sequence[str]) -> None:
    for text in texts:
        assert claims.blocked_spans(text) == reference_blocked(text), text
        assert claims.sentence_view(text, 0).blocked == reference_blocked(text), text


def check_collapse_space(texts: Sequence[str]) -> None:
    for text in texts:
        assert tokens.collapse_space(text) == re.sub(r"\s+", " ", text).strip(), text


CHECKS = (
    check_tokenize,
    check_possible_starts,
    check_scan_phrases,
    check_blocked_spans,
    check_collapse_space,
)


def test_collapse_space_takes_the_same_white_space_as_the_regex() -> None:
    """Every character the regex engine calls white space, and only those, is collapsed."""
    for code in range(0x3100):  # past U+3000, the last character str.isspace calls white space
        text = f" a{chr(code)}{chr(code)}b "
        assert tokens.collapse_space(text) == re.sub(r"\s+", " ", text).strip(), hex(code)


@pytest.mark.parametrize(
    ("unicode_class", "ascii_class"),
    list(zip(tokens._UNICODE_CLASSES, tokens._ASCII_CLASSES, strict=True)),
)
def test_ascii_token_classes_hold_the_same_ascii_characters(
    unicode_class: str, ascii_class: str
) -> None:
    """The ASCII token pattern is the Unicode one with these classes swapped: on ASCII text
    they must hold exactly the same characters."""
    for code in range(128):
        char = chr(code)
        assert bool(re.fullmatch(unicode_class, char)) == bool(re.fullmatch(ascii_class, char)), (
            code
        )


@pytest.mark.parametrize("check", CHECKS)
def test_faster_reading_is_unchanged(
    check: Callable[[Sequence[str]], None], texts: list[str]
) -> None:
    check(texts)


@pytest.mark.slow
@pytest.mark.parametrize("check", CHECKS)
def test_faster_reading_is_unchanged_on_many_texts(check: Callable[[Sequence[str]], None]) -> None:
    check(generated_texts(6000, seed=88))


def test_generated_texts_reach_every_rule(texts: list[str]) -> None:
    """The inputs exercise what the faster paths skip: "a" that starts an amount and one that
    does not, blocked spans found and sentences with digits but none."""
    views = [claims.sentence_view(text, 0) for text in texts]
    assert any(v.blocked for v in views)
    assert any(re.search(r"\d", v.text) and not v.blocked for v in views)
    starts = [(v, i) for v in views for i in numbers._possible_starts(v.tokens)]
    assert any(v.tokens[i].low == "a" for v, i in starts)
    assert any(p.value.text.lower().startswith("a ") for v in views for p in v.phrases)
