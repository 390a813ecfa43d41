"""Number grammar: words, tokens, numerals and number phrases, read into ``NumberValue``.

``parse_number`` reads one number phrase ("about 2,700", "between 10,000 and 12,000", "€1.2bn").

Bounds: "about X" is the point X flagged approximate; "at least/more than/over X" has no upper
bound; "up to/fewer than/under X" has no lower bound; "nearly/almost X" is [0.9 X, X], flagged
approximate; vague counts ("hundreds", "several") carry their conventional range, flagged
approximate, and ``NumberValue.vague``.

Malformed numbers: digit strings that follow no grouping convention ("1,00,000", "1,2345", "3,5")
parse to None. A dot followed by exactly three digits ("3.000") is either a decimal or European
thousands grouping: ``parse_number`` returns it with ``ambiguous=True`` and both ``readings``
(``value`` is the English reading), and ``extract_figures`` never makes a figure from it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

from .. import lang
from .tokens import SPACE_GROUPED, Token, collapse_space, tokenize

# ---------------------------------------------------------------------------------------------
# Number vocabulary


_NUMBER_WORDS: dict[str, int] = dict(lang.table("number_words"))
_SMALL_NUMBERS = {word: value for word, value in _NUMBER_WORDS.items() if value < 20}
_TENS = {word: value for word, value in _NUMBER_WORDS.items() if value >= 20}
_BIG_NUMBER_WORDS: dict[str, float] = {
    "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
}  # fmt: skip
_SCALE_WORDS: dict[str, float] = {
    **_BIG_NUMBER_WORDS, "hundred": 1e2, "bn": 1e9, "mn": 1e6, "mln": 1e6, "tn": 1e12,
    "trn": 1e12, "lakh": 1e5, "crore": 1e7,
}  # fmt: skip
SCALE_SUFFIXES: dict[str, float] = {
    "k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "bn": 1e9, "b": 1e9, "tn": 1e12, "trn": 1e12,
}  # fmt: skip
# "a few" needs its article: bare "few" means "not many".
_VAGUE_FEW: dict[str, tuple[float, float]] = {"several": (3.0, 9.0), "few": (2.0, 5.0)}
_VAGUE_PLURALS: dict[str, tuple[float, float]] = {
    "tens": (20.0, 99.0), "dozens": (24.0, 99.0), "scores": (40.0, 99.0),
    "hundreds": (200.0, 999.0), "thousands": (2e3, 9999.0), "millions": (2e6, 9.999e6),
    "billions": (2e9, 9.999e9),
}  # fmt: skip
_PLURAL_SCALES: dict[str, float] = {"thousands": 1e3, "millions": 1e6, "billions": 1e9}

_CURRENCY_SYMBOLS: dict[str, str] = {
    "$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "₩": "KRW", "₽": "RUB", "₴": "UAH",
}  # fmt: skip
# Letters written straight before "$": "US$5m", "A$3bn".
_DOLLAR_PREFIXES: dict[str, str] = {
    "us": "USD", "a": "AUD", "au": "AUD", "c": "CAD", "ca": "CAD", "nz": "NZD", "hk": "HKD",
    "s": "SGD",
}  # fmt: skip
CURRENCY_CODES: frozenset[str] = frozenset(lang.entries("currency_codes"))
_CURRENCY_WORDS: dict[str, str] = dict(lang.table("currency_words"))
# Adjectives that say which dollar: "U.S. dollars", "Australian dollars".
_DOLLAR_ADJECTIVES: dict[str, str] = {
    "u.s.": "USD", "us": "USD", "american": "USD", "australian": "AUD", "canadian": "CAD",
    "singapore": "SGD", "taiwan": "TWD", "zealand": "NZD", "kong": "HKD",
}  # fmt: skip

# Qualifiers written before a number, longest first when matched.
_QUALIFIERS_BEFORE: dict[tuple[str, ...], str] = {
    tuple(entry.split()): kind
    for kind, entries in lang.table("qualifiers_before").items()
    for entry in entries
}
# Written after a number: "3,000 or more", "300 or so", "3,000-plus".
_QUALIFIERS_AFTER: dict[tuple[str, ...], str] = {
    tuple(entry.split()): kind
    for kind, entries in lang.table("qualifiers_after").items()
    for entry in entries
}
# "another 3,000", "an additional 3,000": an increment on an earlier count.
_ADDITIONAL_BEFORE: tuple[tuple[str, ...], ...] = (
    ("an", "additional"),
    ("an", "extra"),
    ("a", "further"),
    ("another",),
    ("additional",),
    ("further",),
)
ADDITIONAL_MODIFIERS = frozenset({"additional", "more", "further", "extra", "fresh"})

TIME_UNITS = lang.words("time_units")


# ---------------------------------------------------------------------------------------------
# Public value type


@dataclass(frozen=True)
class NumberValue:
    """One number phrase, normalised: a best value with bounds (None = unbounded)."""

    value: float
    low: float | None
    high: float | None
    approximate: bool = False
    unit: str = ""  # currency code ("USD"), "%", or "" for a plain count
    scale: float = 1.0  # multiplier written as a word or suffix ("million", "bn")
    text: str = ""  # the phrase as written, white space collapsed
    qualifier: str = ""  # approx|nearly|at_least|more_than|up_to|less_than|range|vague|""
    ambiguous: bool = False  # two readings ("3.000"): never turned into a figure
    readings: tuple[float, ...] = ()

    @property
    def vague(self) -> bool:
        """True for counts such as "hundreds" or "several" that give only an order of size."""
        return self.qualifier == "vague"


# ---------------------------------------------------------------------------------------------
# Tokens

# ---------------------------------------------------------------------------------------------
# Numerals


@dataclass(frozen=True)
class _Digits:
    value: float | None
    readings: tuple[float, ...] = ()


_SPACE_GROUPED_RE = re.compile(SPACE_GROUPED)
_COMMA_GROUPED_RE = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_DOT_THREE_RE = re.compile(r"[1-9]\d{0,2}\.\d{3}")
_PLAIN_DECIMAL_RE = re.compile(r"\d+(?:\.\d+)?")
_NOT_DIGIT_RE = re.compile(r"\D")


def _read_digits(text: str) -> _Digits:
    """Value of a digit string; None when it follows no grouping convention."""
    if _SPACE_GROUPED_RE.fullmatch(text):
        return _Digits(float(_NOT_DIGIT_RE.sub("", text)))
    if _COMMA_GROUPED_RE.fullmatch(text):
        return _Digits(float(text.replace(",", "")))
    if _DOT_THREE_RE.fullmatch(text):
        # English decimal or European thousands: both readings, flagged.
        return _Digits(float(text), (float(text), float(text.replace(".", ""))))
    if _PLAIN_DECIMAL_RE.fullmatch(text):
        return _Digits(float(text))
    return _Digits(None)


@dataclass(frozen=True)
class _Quantity:
    first: int  # token index of the first token (currency included)
    last: int  # token index of the last token
    low: float
    high: float
    currency: str = ""
    percent: bool = False
    scale: float = 1.0
    vague: bool = False
    readings: tuple[float, ...] = ()
    words: bool = False  # written in words ("two", "a dozen")
    plain_int: str = ""  # the digits of a bare integer ("2024"), else ""
    suffix: str = ""  # letters glued to digits that are not a scale ("th", "mm", "s")
    idiom: bool = False  # "a dozen": a round number used loosely


def _word_parts(token: Token) -> list[str]:
    return token.low.split("-") if token.kind == "word" else []


_NUMBER_WORD_SET = frozenset({*_SMALL_NUMBERS, *_TENS, *_BIG_NUMBER_WORDS, "hundred", "dozen"})


def _is_number_word(part: str) -> bool:
    return part in _NUMBER_WORD_SET


def _number_word_follows(tokens: Sequence[Token], j: int) -> bool:
    """Whether the token after j starts a number word (or "half")."""
    following = _word_parts(tokens[j + 1]) if j + 1 < len(tokens) else []
    return bool(following and _is_number_word(following[0])) or following[:1] == ["half"]


def _all_number_parts(pieces: Sequence[str]) -> bool:
    return all(_is_number_word(p) or p == "half" for p in pieces)


def _number_word_step(
    tokens: Sequence[Token], j: int, parts: Sequence[str]
) -> tuple[list[str], bool] | None:
    """What token j adds to a number in words read so far: (parts, whether the number may end
    there), or None when the number ends before it."""
    pieces = _word_parts(tokens[j])
    if not pieces:
        return None
    if (pieces == ["a"] and not parts) or (pieces == ["and"] and parts):
        # "a hundred", "two hundred and fifty": only when a number word follows.
        return ([pieces[0]], False) if _number_word_follows(tokens, j) else None
    if pieces == ["a"] and parts[-1:] == ["half"]:
        return (["a"], False)  # "half a million"
    return (pieces, True) if _all_number_parts(pieces) else None


def _is_count_in_words(parts: Sequence[str]) -> bool:
    """Whether words read as a number are a count: not "one" (a pronoun), not a bare "half",
    "million" or "dozen", not ending in "half"."""
    numeric = [p for p in parts if p not in ("a", "and")]
    if not numeric or numeric == ["half"] or numeric[0] in _BIG_NUMBER_WORDS:
        return False
    if numeric == ["one"] or (numeric in (["dozen"], ["hundred"]) and parts[0] != "a"):
        return False  # "one of them" is a pronoun, not a count
    return numeric[-1] != "half"


def _read_number_words(tokens: Sequence[Token], i: int) -> tuple[float, int] | None:
    """A number written in words starting at token i: (value, index of last token)."""
    parts: list[str] = []
    last = i - 1
    for j in range(i, len(tokens)):
        step = _number_word_step(tokens, j, parts)
        if step is None:
            break
        pieces, may_end = step
        parts.extend(pieces)
        if may_end:
            last = j
    if not _is_count_in_words(parts):
        return None
    return _evaluate_number_words(parts), last


_ADDED_WORDS: dict[str, float] = {**_NUMBER_WORDS, "half": 0.5}
_MULTIPLYING_WORDS: dict[str, float] = {"hundred": 100, "dozen": 12}


def _evaluate_number_words(parts: Sequence[str]) -> float:
    """The value of number words: units and tens add, "hundred"/"dozen" multiply the running
    group, "thousand" and above close it."""
    total = 0.0
    current = 0.0
    for part in parts:
        if part in _ADDED_WORDS:
            current += _ADDED_WORDS[part]
        elif part in _MULTIPLYING_WORDS:
            current = (current or 1) * _MULTIPLYING_WORDS[part]
        elif part in _BIG_NUMBER_WORDS:
            total += (current or 1) * _BIG_NUMBER_WORDS[part]
            current = 0.0
    return total + current


# "a few hundred" takes any scale word except the abbreviations that follow digits ("2bn").
_SCALES_AFTER_FEW = {
    word: scale for word, scale in _SCALE_WORDS.items() if word not in ("bn", "mn")
}
_PLURALS_TAKING_SCALE = ("tens", "dozens", "scores", "hundreds")


def _few_count(tokens: Sequence[Token], word: str, j: int) -> tuple[float, float, int]:
    """ "several", "a few hundred": the vague range, scaled by a following scale word."""
    low, high = _VAGUE_FEW[word]
    if j + 1 < len(tokens) and tokens[j + 1].low in _SCALES_AFTER_FEW:
        scale = _SCALES_AFTER_FEW[tokens[j + 1].low]
        return low * scale, high * scale, j + 1
    return low, high, j


def _plural_count(tokens: Sequence[Token], word: str, j: int) -> tuple[float, float, int] | None:
    """ "hundreds", "tens of thousands": the vague range; a bare "tens" is no count."""
    low, high = _VAGUE_PLURALS[word]
    if (
        j + 2 < len(tokens)
        and word in _PLURALS_TAKING_SCALE
        and tokens[j + 1].low == "of"
        and _PLURAL_SCALES.get(tokens[j + 2].low, 0.0) >= 1e3
    ):
        scale = _PLURAL_SCALES[tokens[j + 2].low]
        return low * scale, high * scale, j + 2
    if word == "tens":
        return None
    return low, high, j


def _read_vague(tokens: Sequence[Token], i: int) -> tuple[float, float, int] | None:
    """A vague count ("several", "a few hundred", "tens of thousands"): (low, high, last)."""
    word = tokens[i].low
    if word == "few":
        return None  # "few" alone says there are not many, not a count
    if word == "a" and i + 1 < len(tokens) and tokens[i + 1].low == "few":
        return _few_count(tokens, "few", i + 1)
    if word in _VAGUE_FEW:
        return _few_count(tokens, word, i)
    if word in _VAGUE_PLURALS:
        return _plural_count(tokens, word, i)
    return None


_CurrencyMatch = tuple[str, int]  # (currency code, index of its last token)
_DOLLAR_NOUNS = ("dollars", "dollar")


def _code_name(code: str) -> str:
    return "CNY" if code == "RMB" else code  # renminbi is the yuan


def _symbol_before(tokens: Sequence[Token], i: int) -> _CurrencyMatch | None:
    """ "$5", "€1.2bn": a currency symbol; the numeral follows it."""
    token = tokens[i]
    if token.kind == "sym" and token.text in _CURRENCY_SYMBOLS:
        return _CURRENCY_SYMBOLS[token.text], i + 1
    return None


def _next_token(tokens: Sequence[Token], i: int) -> Token | None:
    return tokens[i + 1] if i + 1 < len(tokens) else None


def _prefixed_dollar_before(tokens: Sequence[Token], i: int) -> _CurrencyMatch | None:
    """ "US$5", "HK$10": a country prefix glued to the dollar sign."""
    token, after = tokens[i], _next_token(tokens, i)
    glued_dollar = after is not None and after.text == "$" and after.start == token.end
    if token.kind == "word" and token.low in _DOLLAR_PREFIXES and glued_dollar:
        return _DOLLAR_PREFIXES[token.low], i + 2
    return None


def _code_before(tokens: Sequence[Token], i: int) -> _CurrencyMatch | None:
    """ "USD 5", "RMB 10": an ISO code directly before a numeral."""
    token, after = tokens[i], _next_token(tokens, i)
    numeral_next = after is not None and after.kind == "num"
    if token.kind == "word" and token.text in CURRENCY_CODES and numeral_next:
        return _code_name(token.text), i + 1
    return None


# Ordered: the first rule that matches names the currency.
CURRENCY_BEFORE_RULES: tuple[Callable[[Sequence[Token], int], _CurrencyMatch | None], ...] = (
    _symbol_before,
    _prefixed_dollar_before,
    _code_before,
)


def _currency_before(tokens: Sequence[Token], i: int) -> tuple[str, int]:
    """Currency written before a numeral at i: (code, index of the numeral) or ("", i)."""
    for rule in CURRENCY_BEFORE_RULES:
        match = rule(tokens, i)
        if match is not None:
            return match
    return "", i


def _code_after(tokens: Sequence[Token], j: int) -> _CurrencyMatch | None:
    """ "5 USD": an ISO code after the numeral."""
    nxt = tokens[j + 1]
    if nxt.kind == "word" and nxt.text in CURRENCY_CODES:
        return _code_name(nxt.text), j + 1
    return None


def _adjective_dollars_after(tokens: Sequence[Token], j: int) -> _CurrencyMatch | None:
    """ "5 Australian dollars"."""
    nxt = tokens[j + 1]
    if nxt.low in _DOLLAR_ADJECTIVES and j + 2 < len(tokens) and tokens[j + 2].low in _DOLLAR_NOUNS:
        return _DOLLAR_ADJECTIVES[nxt.low], j + 2
    return None


def _hong_kong_dollars_after(tokens: Sequence[Token], j: int) -> _CurrencyMatch | None:
    """ "5 Hong Kong dollars": the one two-word dollar adjective."""
    if tokens[j + 1].low == "hong" and j + 3 < len(tokens) and tokens[j + 3].low in _DOLLAR_NOUNS:
        return "HKD", j + 3
    return None


def _pounds_sterling_after(tokens: Sequence[Token], j: int) -> _CurrencyMatch | None:
    """ "5 pounds sterling"."""
    if tokens[j + 1].low == "pounds" and j + 2 < len(tokens) and tokens[j + 2].low == "sterling":
        return "GBP", j + 2
    return None


def _currency_word_after(tokens: Sequence[Token], j: int) -> _CurrencyMatch | None:
    """ "5 euros", "5 yuan": a currency named in words."""
    nxt = tokens[j + 1]
    if nxt.kind == "word" and nxt.low in _CURRENCY_WORDS:
        return _CURRENCY_WORDS[nxt.low], j + 1
    return None


# Ordered: the longer names ("pounds sterling") before the bare currency word ("pounds").
CURRENCY_AFTER_RULES: tuple[Callable[[Sequence[Token], int], _CurrencyMatch | None], ...] = (
    _code_after,
    _adjective_dollars_after,
    _hong_kong_dollars_after,
    _pounds_sterling_after,
    _currency_word_after,
)


def _currency_after(tokens: Sequence[Token], j: int) -> tuple[str, int]:
    """Currency written after a numeral ending at j: (code, new last index) or ("", j)."""
    if j + 1 >= len(tokens):
        return "", j
    for rule in CURRENCY_AFTER_RULES:
        match = rule(tokens, j)
        if match is not None:
            return match
    return "", j


# A word token may start an amount when its first hyphen part is one of these ("twenty-two")...
_STARTING_PARTS = frozenset({*_SMALL_NUMBERS, *_TENS, "a", "half", "several"})
# ...or the whole word is one of these ("hundreds", "us" of "US$5").
_STARTING_WORDS = frozenset({*_VAGUE_PLURALS, *_DOLLAR_PREFIXES})
# ...so a word without a hyphen may when it is one of these.
_STARTING_LOWS = _STARTING_PARTS | _STARTING_WORDS


def _may_start_quantity(tokens: Sequence[Token], i: int) -> bool:
    token = tokens[i]
    kind = token.kind
    if kind == "num":
        return True
    if kind == "sym":
        return token.text in _CURRENCY_SYMBOLS
    if kind != "word":
        return False
    low = token.low
    return (
        low.partition("-")[0] in _STARTING_PARTS
        or low in _STARTING_WORDS
        or token.text in CURRENCY_CODES
    )


# After "3.5m", these make the "m" metres, not millions: "3.5m (11.5ft) tall".
_DIMENSION_WORDS = lang.words("dimension_words")


@dataclass(frozen=True)
class _Draft:
    """A quantity being read: the numeral first, then the words that may follow it."""

    last: int
    low: float
    high: float
    currency: str = ""
    scale: float = 1.0
    vague: bool = False
    readings: tuple[float, ...] = ()
    words: bool = False
    plain_int: str = ""
    suffix: str = ""
    idiom: bool = False
    percent: bool = False


def _digits_numeral(tokens: Sequence[Token], j: int, currency: str) -> _Draft | None:
    """ "2,700", "3.5bn", "170mm", "2024": digits with any glued scale or suffix."""
    token = tokens[j]
    digits = _read_digits(token.digits)
    if digits.value is None:
        return None
    value, readings = digits.value, digits.readings
    glued = token.suffix.lower()
    following = tokens[j + 1].low if j + 1 < len(tokens) else ""
    metres = glued == "m" and not currency and following in _DIMENSION_WORDS
    # Each draft built at once with its one extra field (a replace() per number costs more).
    if glued in SCALE_SUFFIXES and (glued != "b" or currency) and not metres:
        return _Draft(j, value, value, currency, scale=SCALE_SUFFIXES[glued], readings=readings)
    if glued:
        return _Draft(j, value, value, currency, readings=readings, suffix=glued)
    # isdecimal(): what re.fullmatch(r"\d+") accepts, without the regex.
    plain_int = token.digits if token.digits.isdecimal() else ""
    return _Draft(j, value, value, currency, readings=readings, plain_int=plain_int)


def _vague_numeral(tokens: Sequence[Token], j: int, currency: str) -> _Draft | None:
    """ "hundreds", "several", "a few": an order of size."""
    found = _read_vague(tokens, j)
    if found is None:
        return None
    low, high, last = found
    return _Draft(last, low, high, currency, vague=True)


def _worded_numeral(tokens: Sequence[Token], j: int, currency: str) -> _Draft | None:
    """ "fifteen", "twenty-two", "a dozen"."""
    found = _read_number_words(tokens, j)
    if found is None:
        return None
    value, last = found
    idiom = tokens[j].low == "a" and "dozen" in tokens[last].low
    return _Draft(last, value, value, currency, words=True, idiom=idiom)


# The numeral readers per token kind, tried in order.
_NUMERAL_READERS: dict[str, tuple[Callable[[Sequence[Token], int, str], _Draft | None], ...]] = {
    "num": (_digits_numeral,),
    "word": (_vague_numeral, _worded_numeral),
}
MAX_SCALE = 1e12  # "trillion": no scale word multiplies beyond it


def _scale_words(tokens: Sequence[Token], d: _Draft) -> _Draft:
    """ "2.3 billion", "three hundred thousand"."""
    if d.suffix or d.vague:
        return d
    last, scale = d.last, d.scale
    while last + 1 < len(tokens) and tokens[last + 1].low in _SCALE_WORDS and scale < MAX_SCALE:
        if tokens[last + 1].low == "hundred" and not (d.words or d.plain_int):
            break
        scale *= _SCALE_WORDS[tokens[last + 1].low]
        last += 1
    return d if last == d.last else replace(d, last=last, scale=scale)


def _currency_word_after(tokens: Sequence[Token], d: _Draft) -> _Draft:
    """ "500 million dollars", "150,000 euro"."""
    if d.suffix:
        return d
    after_currency, last = _currency_after(tokens, d.last)
    if last == d.last and (d.currency or not after_currency):
        return d  # nothing read: the draft stays as it is
    return replace(d, last=last, currency=d.currency or after_currency)


def _percent_after(tokens: Sequence[Token], d: _Draft) -> _Draft:
    """ "2%", "2 percent", "2 per cent", "2 percentage points"."""
    n, last = len(tokens), d.last
    if d.suffix or last + 1 >= n:
        return d
    nxt = tokens[last + 1]
    if nxt.kind == "pct" or nxt.low == "percent":
        return replace(d, percent=True, last=last + 1)
    two_words = (nxt.low, tokens[last + 2].low) if last + 2 < n else (nxt.low, "")
    if two_words in (("per", "cent"), ("percentage", "points")):
        return replace(d, percent=True, last=last + 2)
    return d


# Words after the numeral, read in this order.
_QUANTITY_TAIL_STEPS: tuple[Callable[[Sequence[Token], _Draft], _Draft], ...] = (
    _scale_words,
    _currency_word_after,
    _percent_after,
)


def read_quantity(tokens: Sequence[Token], i: int) -> _Quantity | None:
    """One amount (no qualifier, no range) starting at token i."""
    currency, j = _currency_before(tokens, i)
    if j >= len(tokens):
        return None
    d: _Draft | None = None
    for read in _NUMERAL_READERS.get(tokens[j].kind, ()):
        d = read(tokens, j, currency)
        if d is not None:
            break
    if d is None:
        return None
    for step in _QUANTITY_TAIL_STEPS:
        d = step(tokens, d)
    s = d.scale
    return _Quantity(
        first=i,
        last=d.last,
        low=d.low * s,
        high=d.high * s,
        currency=d.currency,
        percent=d.percent,
        scale=s,
        vague=d.vague,
        readings=tuple(r * s for r in d.readings),
        words=d.words,
        plain_int=d.plain_int if s == 1.0 and not d.currency and not d.percent else "",
        suffix=d.suffix,
        idiom=d.idiom,
    )


# ---------------------------------------------------------------------------------------------
# Number phrases: qualifier + amount + optional range


@dataclass(frozen=True)
class Phrase:
    first: int  # first token, qualifier included
    num_first: int  # first token of the amount
    last: int
    value: NumberValue
    quantity: _Quantity
    additional: bool = False  # "another 3,000", "an additional 3,000"
    additional_word: str = ""
    superseded: bool = False  # the "from" side of "from 9.0 to 9.3"
    year_range: bool = False  # "1950–53"
    ratio: bool = False  # "three in ten"


WordTable = dict[str, tuple[tuple[str, ...], ...]]


def by_last_word(table: Iterable[tuple[str, ...]]) -> WordTable:
    """Entries of a table of word sequences grouped by their last word, in table order."""
    grouped: dict[str, list[tuple[str, ...]]] = {}
    for entry in table:
        grouped.setdefault(entry[-1], []).append(entry)
    return {word: tuple(entries) for word, entries in grouped.items()}


def _match_words_before(
    tokens: Sequence[Token], i: int, table: WordTable
) -> tuple[tuple[str, ...], int] | None:
    """The longest entry of table (``by_last_word``) written just before token i: (entry, index
    of its start); the first in table order among equally long ones."""
    if i == 0:
        return None
    best: tuple[tuple[str, ...], int] | None = None
    for entry in table.get(tokens[i - 1].low, ()):
        start = i - len(entry)
        if start < 0 or (best is not None and len(entry) <= len(best[0])):
            continue
        if all(tokens[start + k].low == entry[k] for k in range(len(entry) - 1)):
            best = (entry, start)
    return best


_QUALIFIERS_BEFORE_BY_LAST = by_last_word(_QUALIFIERS_BEFORE)
_ADDITIONAL_BEFORE_BY_LAST = by_last_word(_ADDITIONAL_BEFORE)
# Longest first: "or more" is tried before "or".
_QUALIFIERS_AFTER_LONGEST_FIRST = sorted(_QUALIFIERS_AFTER.items(), key=lambda kv: -len(kv[0]))
# The same entries grouped by their first word, longest first within each group: only the
# entries starting with the word after the number can match there.
_QUALIFIERS_AFTER_BY_FIRST: dict[str, list[tuple[tuple[str, ...], str]]] = {
    first: [(entry, kind) for entry, kind in _QUALIFIERS_AFTER_LONGEST_FIRST if entry[0] == first]
    for first in {entry[0] for entry in _QUALIFIERS_AFTER}
}


def _qualifier_before(tokens: Sequence[Token], i: int) -> tuple[str, int]:
    found = _match_words_before(tokens, i, _QUALIFIERS_BEFORE_BY_LAST)
    if found is None:
        return "", i
    return _QUALIFIERS_BEFORE[found[0]], found[1]


def _qualifier_after(tokens: Sequence[Token], j: int) -> tuple[str, int]:
    if j + 1 >= len(tokens):
        return "", j
    for entry, kind in _QUALIFIERS_AFTER_BY_FIRST.get(tokens[j + 1].low, ()):
        if j + len(entry) < len(tokens) and all(
            tokens[j + 1 + k].low == entry[k] for k in range(1, len(entry))
        ):
            return kind, j + len(entry)
    return "", j


def _range_connector(connector: Token, q1: _Quantity, between: bool) -> bool:
    """ "10-12", "10 to 12", "between 10 and 12", "two or three": a token that joins a range."""
    return (
        connector.kind == "dash"
        or connector.low == "to"
        or (connector.low == "and" and between)
        or (connector.low == "or" and q1.words)
    )


def _units_clash(q1: _Quantity, q2: _Quantity) -> bool:
    """ "rose 2.1% to $84.50" is two numbers, not a range: their units differ."""
    return (
        (q1.percent and not q2.percent)
        or (q1.currency and q2.percent)
        or (q2.currency and q1.percent)
        or bool(q1.currency and q2.currency and q1.currency != q2.currency)
    )


def _open_ended(q: _Quantity) -> bool:
    """A vague count or a number with a glued suffix never bounds a range."""
    return bool(q.vague or q.suffix)


def _range_tail(
    tokens: Sequence[Token], q1: _Quantity, between: bool, from_: bool
) -> tuple[_Quantity | None, bool]:
    """The upper end of a range after q1, and whether it is a "from X to Y" change instead."""
    k = q1.last + 1
    if k + 1 >= len(tokens) or _open_ended(q1) or not _range_connector(tokens[k], q1, between):
        return None, False
    change = from_ and tokens[k].low == "to"
    q2 = read_quantity(tokens, k + 1) if _may_start_quantity(tokens, k + 1) else None
    if q2 is None and change:
        # "from 9.0 to around 9.1": the first number was replaced by the second.
        return None, _qualifier_before(tokens, k + 2)[0] != "" and k + 2 < len(tokens)
    if q2 is None or _open_ended(q2) or _units_clash(q1, q2):
        return None, False
    if change:
        return None, True
    return q2, False


def _scaled_by_upper(q1: _Quantity, q2: _Quantity) -> _Quantity:
    """ "10-12 million": the lower end takes the upper end's scale when it has none."""
    if q1.scale == 1.0 and q2.scale > 1.0 and q1.low * q2.scale <= q2.low:
        return replace(q1, low=q1.low * q2.scale, high=q1.high * q2.scale, scale=q2.scale)
    return q1


def _joined_range(q1: _Quantity, q2: _Quantity, year_range: bool) -> _Quantity:
    """The amount from q1 to q2: q2's upper bound and last token, units from either end."""
    low, high = q1.low, q2.high
    if not year_range and low > high:
        low, high = high, low
    return replace(
        q1,
        low=low,
        high=high,
        last=q2.last,
        currency=q1.currency or q2.currency,
        percent=q1.percent or q2.percent,
        readings=q1.readings or q2.readings,
    )


def _with_range(
    q1: _Quantity, q2: _Quantity | None, between: bool
) -> tuple[_Quantity, _Quantity | None, bool]:
    """The amount with its range joined in, the upper end kept (or None), and whether the range
    is one of years ("2019-20")."""
    if q2 is None:
        return q1, None, False
    year_range = is_year(q1.plain_int) and len(q2.plain_int) in (2, 4)
    amount = _scaled_by_upper(q1, q2)
    if amount.low < q2.high or year_range or between:
        return _joined_range(amount, q2, year_range), q2, year_range
    return amount, None, year_range


_RATIO_WORDS_AFTER = ("times", "fold", "-fold")


def _is_ratio(tokens: Sequence[Token], last: int) -> bool:
    """ "one in five", "three times", "two out of three": the number is a ratio, not a count."""
    if last + 2 >= len(tokens):
        return False
    following, second = tokens[last + 1], tokens[last + 2]
    if following.low == "in":
        return second.kind in ("num", "word") and read_quantity(tokens, last + 2) is not None
    return following.low in _RATIO_WORDS_AFTER or (following.low == "out" and second.low == "of")


_VAGUE_KEEPS = ("at_least", "more_than", "up_to", "less_than")


def _phrase_kind(qualifier: str, q1: _Quantity, is_range: bool) -> str:
    """The qualifier of a phrase: its own, else "range", and "vague" for a vague count."""
    kind = qualifier or ("range" if is_range else "")
    if q1.vague:
        return kind if kind in _VAGUE_KEEPS else "vague"
    return kind


def _read_phrase(tokens: Sequence[Token], i: int, text: str | None = None) -> Phrase | None:
    """The number phrase whose amount starts at token i, with qualifiers and range; its value's
    ``text`` is the phrase as written in ``text`` (the tokens' text), when given."""
    q1 = read_quantity(tokens, i)
    if q1 is None:
        return None
    qualifier, first = _qualifier_before(tokens, i)
    additional_match = _match_words_before(tokens, first, _ADDITIONAL_BEFORE_BY_LAST)
    additional_word = " ".join(additional_match[0]) if additional_match is not None else ""
    before = tokens[first - 1].low if first > 0 else ""
    between = before == "between"
    tail, superseded = _range_tail(tokens, q1, between=between, from_=before == "from")
    amount, q2, year_range = _with_range(q1, tail, between)
    if between and q2 is not None:
        first -= 1
    after_kind, last = _qualifier_after(tokens, amount.last)
    kind = _phrase_kind(qualifier or after_kind, q1, q2 is not None and not year_range)
    if additional_match:
        first = additional_match[1]
    written = (
        collapse_space(text[tokens[first].start : tokens[last].end]) if text is not None else ""
    )
    value = _number_value(
        amount.low, amount.high, kind, q1, amount.currency, amount.percent, amount.scale,
        amount.readings, written,
    )  # fmt: skip
    return Phrase(
        first=first,
        num_first=i,
        last=last,
        value=value,
        quantity=q1,
        additional=additional_match is not None,
        additional_word=additional_word,
        superseded=superseded,
        year_range=year_range,
        ratio=_is_ratio(tokens, last),
    )


def _number_value(
    low: float,
    high: float,
    kind: str,
    q: _Quantity,
    currency: str,
    percent: bool,
    scale: float,
    readings: tuple[float, ...],
    text: str = "",
) -> NumberValue:
    """Bounds and best value for an amount under its qualifier (``text``: as written)."""
    lo: float | None = low
    hi: float | None = high
    approximate = kind in ("approx", "nearly", "vague") or q.idiom
    if kind in ("at_least", "more_than"):
        hi = None
    elif kind in ("up_to", "less_than"):
        lo = None
    elif kind == "nearly":
        lo = high * 0.9  # "nearly 2,000": close below, never above
    if lo is not None and hi is not None:
        best = (lo + hi) / 2
    else:
        best = lo if lo is not None else (hi if hi is not None else 0.0)
    unit = "%" if percent else currency
    return NumberValue(
        value=best,
        low=lo,
        high=hi,
        approximate=approximate,
        unit=unit,
        scale=scale,
        text=text,
        qualifier=kind,
        ambiguous=bool(readings),
        readings=readings,
    )


def scan_phrases(tokens: Sequence[Token], text: str) -> tuple[Phrase, ...]:
    """All number phrases in token order, each with its text as written."""
    phrases: list[Phrase] = []
    resume = 0  # the first token after the last phrase read
    for i in _possible_starts(tokens):
        if i < resume:
            continue
        phrase = _read_phrase(tokens, i, text)
        if phrase is None:
            continue
        phrases.append(phrase)
        resume = phrase.last + 1
    return tuple(phrases)


def _possible_starts(tokens: Sequence[Token]) -> list[int]:
    """Indices of the tokens that may start an amount (``_may_start_quantity``), in one pass:
    most tokens of a sentence are plain words that cannot. "a", the commonest word that may,
    is kept only where ``read_quantity`` can read an amount from it (``_article_may_start``)."""
    # Every token of every sentence passes here: its fields are unpacked once, words (most
    # tokens) tested first, and a word without a hyphen is its own first part (no partition).
    return [
        i
        for i, (kind, text, _, _, _, _, low) in enumerate(tokens)
        if (
            kind == "word"
            and (
                (
                    low in _STARTING_LOWS
                    if "-" not in low
                    else low.partition("-")[0] in _STARTING_PARTS
                )
                or text in CURRENCY_CODES
            )
            and (low != "a" or _article_may_start(tokens, i))
        )
        or kind == "num"
        or (kind == "sym" and text in _CURRENCY_SYMBOLS)
    ]


def _article_may_start(tokens: Sequence[Token], i: int) -> bool:
    """Whether the "a" at i may start an amount: only before "few" ("a few"), a number word or
    "half" ("a hundred", "a half") or a glued "$" ("A$3bn"); elsewhere every reader of
    ``read_quantity`` finds nothing in it."""
    after = _next_token(tokens, i)
    return after is not None and (
        after.low == "few"
        or (after.text == "$" and after.start == tokens[i].end)
        or _number_word_follows(tokens, i)
    )


def is_year(digits: str) -> bool:
    return len(digits) == 4 and 1000 <= int(digits) <= 2100


def parse_number(text: str) -> NumberValue | None:
    """Parse one number phrase ("about 2,700", "$350 million", "10,000-12,000") or return None.

    None when the text is not exactly one number phrase, is malformed ("1,00,000", "1,2345"), an
    ordinal ("5th") or a designation with glued letters ("170mm"). "3.000" comes back flagged
    ``ambiguous`` with both readings.
    """
    tokens = list(tokenize(text))
    while tokens and tokens[-1].kind == "punct" and tokens[-1].text in ".,;:":
        tokens.pop()
    if not tokens:
        return None
    phrases = scan_phrases(tokens, text)
    if len(phrases) != 1:
        return None
    phrase = phrases[0]
    if phrase.first != 0 or phrase.last != len(tokens) - 1 or phrase.quantity.suffix:
        return None
    if phrase.superseded or phrase.year_range:
        return None
    return phrase.value
