"""Claims: which number phrases in a sentence are claims, what they count and what happened to it.

Non-claims are dates, years, times, ages, ordinals, designations such as "KN-23" or "170mm",
list markers, phone numbers, ratios and durations.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Generic, TypeVar

from .. import lang
from .lexicon import (
    ATTRIBUTION_VERBS,
    AUXILIARIES,
    CASUALTY_CUES,
    CASUALTY_ORDER,
    COMBINING_WORDS,
    CONTAINER_NOUNS,
    COUNTABLE_HEADS,
    COUNTRY_ALIASES,
    FUNCTION_WORDS,
    PEOPLE_UNITS,
    PER_UNIT_WORDS,
    RATE_NOUNS,
    TRANSFER_CUES,
    TRANSPARENT_PARTITIVES,
    UNIT_SYNONYMS,
)
from .numbers import (
    ADDITIONAL_MODIFIERS,
    SCALE_SUFFIXES,
    TIME_UNITS,
    Phrase,
    is_year,
    read_quantity,
    scan_phrases,
)
from .tokens import WEEKDAYS, Token, month_number, tokenize, word_set

# ---------------------------------------------------------------------------------------------
# One sentence, as the extractor sees it

_NUMERIC_DATE_RE = re.compile(
    r"\b\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\b|\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b"
)
_PHONE_RE = re.compile(
    r"(?:\+\d{1,3}[\s.-]?)?(?:\(\d{1,4}\)[\s.-]?)?\d{2,4}[.-]\d{3,4}[.-]\d{3,4}\b"
    r"|\+\d{1,3}(?:[\s.-]?\d{1,4}){3,}"
)
_TIME_RE = re.compile(
    r"\b\d{1,2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\.?(?!\w)|o['’]clock)|\b\d{1,2}:\d{2}\b", re.IGNORECASE
)
_CLAUSE_BREAK_WORDS = frozenset({"while", "whereas", "but", "although", "though"})


_Value = TypeVar("_Value")


class _read_once(Generic[_Value]):  # lower case: a decorator, like the cached_property it replaces
    """``functools.cached_property`` without its lock: Python 3.11 takes one on every first read,
    and a run reads four of these for each of ~15,000 sentence views."""

    def __init__(self, compute: Callable[[SentenceView], _Value]) -> None:
        self.compute = compute
        self.name = compute.__name__
        self.__doc__ = compute.__doc__

    def __get__(self, view: SentenceView | None, owner: type | None = None) -> _Value:
        if view is None:
            return self  # type: ignore[return-value]  # read on the class: the descriptor
        # Stored on the instance (as cached_property does), so later reads never come here.
        value = view.__dict__[self.name] = self.compute(view)
        return value


@dataclass(frozen=True)
class SentenceView:
    text: str  # the sentence's raw slice
    offset: int  # raw offset of text[0]
    tokens: tuple[Token, ...]
    phrases: tuple[Phrase, ...]
    skip: tuple[str | None, ...] = ()  # per phrase: why it is not a claim, or None

    @_read_once
    def blocked(self) -> tuple[tuple[int, int], ...]:
        """Spans of dates, times and phone numbers in text (read only when a number phrase gets
        to that non-claim rule)."""
        return blocked_spans(self.text)

    @_read_once
    def clause_of(self) -> tuple[int, ...]:
        """The clause number of each token (read only for number phrases: most sentences never
        ask)."""
        return _clauses(self.tokens)

    def claim_phrases(self) -> tuple[int, ...]:
        """Indices of the phrases that may be claims (windows stop only at these)."""
        return self._claim_indices

    @_read_once
    def _claim_indices(self) -> tuple[int, ...]:
        # Every window around every figure asks: read once per sentence.
        return tuple(i for i, reason in enumerate(self.skip) if reason is None)

    @_read_once
    def reporting_verbs(self) -> tuple[int, ...]:
        """Indices of the tokens that are reporting verbs ("said", "estimated"), in order: the
        only places attribution looks for a speaker, asked once per sentence and per figure."""
        return tuple(k for k, token in enumerate(self.tokens) if token.low in ATTRIBUTION_VERBS)


# Each pattern with a cheap search for a part every match of it holds: a digit, a separator and
# a digit ("2024-03-01"); three digits after one ("555-0100") or "+" and a digit; "12:30", or a
# digit before "am", "pm" or "o'c" in _TIME_RE's case-blindness. Most sentences, even those with
# digits, hold none of these, and the patterns themselves are slow to search.
_BLOCKING_PATTERNS = (
    (_NUMERIC_DATE_RE, re.compile(r"\d[-/.]\d")),
    (_PHONE_RE, re.compile(r"\d[.-]\d{3}|\+\d")),
    (_TIME_RE, re.compile(r"\d:\d|\d\s*(?i:[ap]\.?m|o['’]c)")),
)


def blocked_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Spans of the dates, times and phone numbers written in text, pattern by pattern."""
    return tuple(
        m.span()
        for pattern, needed in _BLOCKING_PATTERNS
        if needed.search(text) is not None
        for m in pattern.finditer(text)
    )


def sentence_view(text: str, offset: int) -> SentenceView:
    tokens = tokenize(text)
    phrases = scan_phrases(tokens, text)
    view = SentenceView(text, offset, tokens, phrases)
    if not phrases:
        return view
    skip = tuple(_non_claim(view, phrase) for phrase in phrases)
    return SentenceView(text, offset, tokens, phrases, skip)


@cache
def stated_values(text: str) -> frozenset[float]:
    """Values of the exact numbers a sentence states as claims.

    Dates, years, ordinals and the like are left out, and so are vague counts ("thousands"),
    which give only an order of size and so cannot contradict another number.
    """
    return stated_values_of(sentence_view(text, 0))


def stated_values_of(view: SentenceView) -> frozenset[float]:
    """``stated_values`` of a sentence already read into a view."""
    values = (view.phrases[i].value for i in view.claim_phrases())
    return frozenset(value.value for value in values if not value.vague)


# After "and", these start a new claim ("... 200 guns and is likely to send more").
_AND_NEW_CLAIM = AUXILIARIES - {"also", "still", "then"}


def _clauses(tokens: Sequence[Token]) -> tuple[int, ...]:
    """Clause number per token: breaks at ";", ":", and at contrast or "with" after a comma."""
    numbers: list[int] = []
    clause = 0
    previous = ""
    last = len(tokens) - 1
    for k, token in enumerate(tokens):
        low = token.low
        # "... has supplied 200 guns and is likely to send more": "and" + auxiliary opens a claim.
        if (
            token.text in (";", ":")
            or low in _CLAUSE_BREAK_WORDS
            or (low == "and" and k < last and tokens[k + 1].low in _AND_NEW_CLAIM)
            or (previous == "," and low in ("with", "and", "which", "who"))
        ):
            clause += 1
        numbers.append(clause)
        previous = token.text
    return tuple(numbers)


# ---------------------------------------------------------------------------------------------
# Non-claims

_DESIGNATION_NOUNS = lang.words("designation_nouns")
NOT_NAME_WORDS = FUNCTION_WORDS | word_set(
    "nearly almost roughly approximately around about some over under another"
)
_AGE_WORDS = frozenset({"aged", "age", "ages"})


ORDINAL_SUFFIXES = ("st", "nd", "rd", "th")
MAX_AGE = 120  # "Kim Smith, 45, said": a number between commas after a name is an age below this


@dataclass(frozen=True)
class NonClaimRule:
    """One named test that a number phrase is not a claim, and the reason it gives."""

    name: str
    reason: str
    applies: Callable[[SentenceView, Phrase], bool]


def _numeral(view: SentenceView, phrase: Phrase) -> Token:
    q = phrase.quantity
    return view.tokens[phrase.num_first if not q.currency else _numeral_index(view.tokens, phrase)]


def _token_after(view: SentenceView, phrase: Phrase) -> Token | None:
    return view.tokens[phrase.last + 1] if phrase.last + 1 < len(view.tokens) else None


def _inside_blocked_span(view: SentenceView, phrase: Phrase) -> bool:
    start, end = view.tokens[phrase.first].start, view.tokens[phrase.last].end
    return any(s < end and start < e for s, e in view.blocked)


def _bare_year(view: SentenceView, phrase: Phrase) -> bool:
    q = phrase.quantity
    return bool(q.plain_int) and is_year(q.plain_int) and _reads_as_year(view, phrase)


def _duration_or_compound(view: SentenceView, phrase: Phrase) -> bool:
    after = _token_after(view, phrase)
    return after is not None and (
        after.low in TIME_UNITS or after.low == "o'clock" or _hyphen_compound(view.tokens, phrase)
    )


def _named_by_word_before(view: SentenceView, phrase: Phrase) -> bool:
    return (
        phrase.first > 0
        and bool(phrase.quantity.plain_int)
        and _is_designation_context(view.tokens, phrase)
    )


# Ordered: the first rule that applies gives the reason (an ordinal is not also a "designation").
NON_CLAIM_RULES: tuple[NonClaimRule, ...] = (
    NonClaimRule("ordinal suffix", "ordinal", lambda v, p: p.quantity.suffix in ORDINAL_SUFFIXES),
    NonClaimRule("glued letters", "designation", lambda v, p: bool(p.quantity.suffix)),
    NonClaimRule("two readings", "ambiguous", lambda v, p: p.value.ambiguous),
    NonClaimRule("superseded", "superseded", lambda v, p: p.superseded),
    NonClaimRule("year range", "year", lambda v, p: p.year_range),
    NonClaimRule("ratio", "ratio", lambda v, p: p.ratio or _ratio_partner(v.tokens, p)),
    NonClaimRule("date, time or phone span", "date, time or phone number", _inside_blocked_span),
    NonClaimRule(
        "day or year beside a month",
        "date",
        lambda v, p: _is_date_part(v.tokens, p, _numeral(v, p)),
    ),
    NonClaimRule("bare year", "year", _bare_year),
    NonClaimRule(
        "glued to a neighbour",
        "designation",
        lambda v, p: _glued_to_neighbour(v.tokens, p, _numeral(v, p)),
    ),
    NonClaimRule("duration or compound", "duration or compound modifier", _duration_or_compound),
    NonClaimRule("age", "age", lambda v, p: _is_age(v.tokens, p)),
    NonClaimRule("named by the word before", "designation", _named_by_word_before),
    NonClaimRule("list marker", "list marker", lambda v, p: _is_list_marker(v, p)),
)


def non_claim_rule(view: SentenceView, phrase: Phrase) -> NonClaimRule | None:
    """The first rule that says a number phrase is not a claim, or None if it may be one."""
    # A plain loop: every number phrase of every sentence goes through all fourteen rules.
    for rule in NON_CLAIM_RULES:
        if rule.applies(view, phrase):
            return rule
    return None


def _non_claim(view: SentenceView, phrase: Phrase) -> str | None:
    """Why a number phrase is not a claim ("date", "year", ...), or None if it may be one."""
    rule = non_claim_rule(view, phrase)
    return rule.reason if rule else None


def _numeral_index(tokens: Sequence[Token], phrase: Phrase) -> int:
    return next(
        (k for k in range(phrase.num_first, phrase.last + 1) if tokens[k].kind in ("num", "word")),
        phrase.num_first,
    )


def _ratio_partner(tokens: Sequence[Token], phrase: Phrase) -> bool:
    """The "ten" of "three in ten" / "four out of five"."""
    k = phrase.first
    if k >= 2 and tokens[k - 1].low == "in" and tokens[k - 2].kind in ("num", "word"):
        return read_quantity(tokens, k - 2) is not None
    return k >= 3 and tokens[k - 1].low == "of" and tokens[k - 2].low == "out"


def _month_or_weekday_before(tokens: Sequence[Token], k: int) -> bool:
    """ "February 8", "Jan. 10", "Monday, 8": a month (or a weekday after the first word)
    just before token k, past one dot or comma."""
    back = k - 1
    if back >= 0 and tokens[back].text in (".", ","):
        back -= 1
    if back >= 0 and month_number(tokens[back]) is not None:
        return True
    return back >= 1 and tokens[back].low in WEEKDAYS


def _month_after(tokens: Sequence[Token], last: int) -> bool:
    """ "7 February", "7th of February": a month just after token last."""
    nxt = last + 1
    if nxt < len(tokens) and tokens[nxt].low == "of":
        nxt += 1
    return nxt < len(tokens) and month_number(tokens[nxt]) is not None


def _is_date_part(tokens: Sequence[Token], phrase: Phrase, numeral: Token) -> bool:
    """A day or year written next to a month: "February 8", "7 February", "Jan. 10"."""
    if phrase.quantity.currency or phrase.value.unit or phrase.value.qualifier:
        return False
    if _month_or_weekday_before(tokens, phrase.num_first):
        return True
    return _month_after(tokens, phrase.last) and numeral.kind == "num"


def _reads_as_year(view: SentenceView, phrase: Phrase) -> bool:
    """A bare 4-digit number from 1000 to 2100 is a year unless a countable noun follows."""
    if phrase.value.qualifier:
        return False
    k = phrase.last + 1
    tokens = view.tokens
    while k < len(tokens) and tokens[k].kind == "word" and not tokens[k].text[:1].isupper():
        if tokens[k].low in COUNTABLE_HEADS or tokens[k].low in ADDITIONAL_MODIFIERS:
            return False
        if tokens[k].low in FUNCTION_WORDS:
            break
        k += 1
    return True


def _glued_to_neighbour(tokens: Sequence[Token], phrase: Phrase, numeral: Token) -> bool:
    """Digits touching letters or "/" or ":" belong to a code, a time or a fraction."""
    k = phrase.first
    if k > 0:
        prev = tokens[k - 1]
        if prev.end == tokens[k].start and (
            prev.kind in ("word", "num", "abbr") or prev.text in ("/", ":", ".", "#")
        ):
            return True
    j = phrase.last
    if j + 1 < len(tokens):
        nxt = tokens[j + 1]
        if nxt.start == tokens[j].end and nxt.text in ("/", ":") and j + 2 < len(tokens):
            return tokens[j + 2].kind == "num"
    return False


def _hyphen_compound(tokens: Sequence[Token], phrase: Phrase) -> bool:
    """ "10-day", "a 7.1-magnitude quake": the number modifies a noun, it counts nothing."""
    j = phrase.last
    if j + 2 >= len(tokens):
        return False
    dash, word = tokens[j + 1], tokens[j + 2]
    return (
        dash.kind == "dash"
        and dash.start == tokens[j].end
        and word.start == dash.end
        and word.kind == "word"
        and word.low not in ("plus", "odd")
    )


def _age_between_commas(tokens: Sequence[Token], phrase: Phrase) -> bool:
    """ "Kim Smith, 45, said": a small number between commas after a name."""
    k, j = phrase.first, phrase.last
    q = phrase.quantity
    return (
        bool(q.plain_int)
        and int(q.plain_int) < MAX_AGE
        and k >= 2
        and tokens[k - 1].text == ","
        and j + 1 < len(tokens)
        and tokens[j + 1].text == ","
        and tokens[k - 2].capitalised
    )


_YEARS_OLD_RE = re.compile(r"(- )?years?(-| )old\b|- ?year-old")


def _is_age(tokens: Sequence[Token], phrase: Phrase) -> bool:
    k, j = phrase.first, phrase.last
    if k > 0 and tokens[k - 1].low in _AGE_WORDS:
        return True
    following = " ".join(t.low for t in tokens[j + 1 : j + 4])
    if _YEARS_OLD_RE.match(following):
        return True
    return _age_between_commas(tokens, phrase)


def _names_a_model(tokens: Sequence[Token], phrase: Phrase) -> bool:
    """ "Boeing 737": a capitalised word that is no month, country or sentence opening names
    the number, unless a countable noun follows ("Kenya 12 troops")."""
    prev = tokens[phrase.first - 1]
    if not prev.capitalised or prev.low in NOT_NAME_WORDS or month_number(prev) is not None:
        return False
    if prev.low in COUNTRY_ALIASES or phrase.first - 1 == 0:
        return False
    nxt = tokens[phrase.last + 1] if phrase.last + 1 < len(tokens) else None
    return nxt is None or nxt.low not in COUNTABLE_HEADS


def _is_designation_context(tokens: Sequence[Token], phrase: Phrase) -> bool:
    """ "Resolution 2231", "Boeing 737": a bare integer named by the word before it."""
    if phrase.value.qualifier or phrase.value.unit or phrase.first != phrase.num_first:
        return False
    prev = tokens[phrase.first - 1]
    if prev.low.rstrip(".") in _DESIGNATION_NOUNS or prev.low in _DESIGNATION_NOUNS:
        return True
    return _names_a_model(tokens, phrase)


def _is_list_marker(view: SentenceView, phrase: Phrase) -> bool:
    """ "1." or "2)" opening a line, or "(3)" / "[3]" standing alone."""
    tokens = view.tokens
    k, j = phrase.first, phrase.last
    if not phrase.quantity.plain_int:
        return False
    line_start = k == 0 or "\n" in view.text[tokens[k - 1].end : tokens[k].start]
    nxt = tokens[j + 1].text if j + 1 < len(tokens) else ""
    if line_start and nxt in (".", ")") and tokens[j + 1].start == tokens[j].end:
        return True
    prev = tokens[k - 1].text if k > 0 else ""
    return (prev, nxt) in (("(", ")"), ("[", "]"))


# ---------------------------------------------------------------------------------------------
# What is counted


@dataclass(frozen=True)
class Counted:
    words: tuple[str, ...]  # the noun phrase, lowercase, calibres dropped
    end: int  # index of the last token read (phrase.last when nothing follows)
    additional: bool = False
    anaphoric: bool = False  # "of those troops", "others": points back to an earlier count
    modifier: bool = False  # "a 1.4 tonne plaque": the number describes a noun, counts nothing


# "240mm multiple rocket launchers": six words are enough for any counted noun phrase.
_MAX_COUNTED_WORDS = 6


def _is_calibre(token: Token) -> bool:
    """ "240mm", "155mm": a numeral with a unit suffix inside a noun phrase, not a scale."""
    return token.kind == "num" and bool(token.suffix) and token.suffix.lower() not in SCALE_SUFFIXES


def _joins_names(tokens: Sequence[Token], k: int, words: Sequence[str]) -> bool:
    """ "and" between two capitalised words ("Army and Navy officers") stays in the phrase."""
    return (
        tokens[k].low == "and"
        and bool(words)
        and tokens[k - 1].capitalised
        and k + 1 < len(tokens)
        and tokens[k + 1].capitalised
    )


def _stops_noun_phrase(tokens: Sequence[Token], k: int, words: Sequence[str]) -> bool:
    """Whether token k ends a counted noun phrase before it: a function word or casualty cue
    (unless it joins names), or a transfer cue before any noun."""
    low = tokens[k].low
    if (low in FUNCTION_WORDS or low in CASUALTY_CUES) and not _joins_names(tokens, k, words):
        return True
    return low not in ADDITIONAL_MODIFIERS and low in TRANSFER_CUES and not words


def _closes_at_head(tokens: Sequence[Token], k: int, low: str) -> bool:
    """ "troops" ends the phrase unless another head or a container noun follows at k."""
    return low in COUNTABLE_HEADS and not (
        k < len(tokens) and tokens[k].low in COUNTABLE_HEADS | CONTAINER_NOUNS
    )


def _verb_ends_phrase(tokens: Sequence[Token], k: int, low: str) -> bool:
    """ "wounded" before a function word (or nothing) at k is the clause's verb, not a noun."""
    return verb_like(low) and (
        k >= len(tokens) or tokens[k].kind != "word" or tokens[k].low in FUNCTION_WORDS
    )


def noun_phrase_after(tokens: Sequence[Token], k: int) -> tuple[list[str], int, bool]:
    """Words of the noun phrase starting at k: (words, index of last word, additional?)."""
    words: list[str] = []
    additional = False
    last = k - 1
    while k < len(tokens) and len(words) < _MAX_COUNTED_WORDS:
        token = tokens[k]
        if _is_calibre(token):
            last, k = k, k + 1  # a calibre inside the phrase: "240mm multiple rocket launchers"
            continue
        if token.kind not in ("word", "abbr") or _stops_noun_phrase(tokens, k, words):
            break
        low = token.low
        if low in ADDITIONAL_MODIFIERS:
            additional = True
        else:
            words.append(low)
        last, k = k, k + 1
        if _closes_at_head(tokens, k, low):
            break
        if _verb_ends_phrase(tokens, k, low):
            words.pop()
            last -= 1
            break
    while words and verb_like(words[-1]):
        words.pop()
    return words, last, additional


def verb_like(word: str) -> bool:
    return (word.endswith("ed") or word.endswith("ing")) and word not in COUNTABLE_HEADS


_ANAPHORIC_DETERMINERS = ("those", "these", "them", "whom", "which")


def _counted_start(tokens: Sequence[Token], phrase: Phrase) -> tuple[int, bool]:
    """Where the counted noun starts after the number, and whether "of those" points back."""
    k = phrase.last + 1
    if phrase.quantity.vague and k < len(tokens) and tokens[k].low == "of":
        return k + 1, False  # "thousands of troops"
    if (
        k + 1 < len(tokens)
        and tokens[k].low == "of"
        and tokens[k + 1].low in (*_ANAPHORIC_DETERMINERS, "the")
    ):
        return k + 2, tokens[k + 1].low != "the"
    return k, False


def _through_of(tokens: Sequence[Token], words: list[str], last: int) -> tuple[list[str], int]:
    """ "a group of soldiers", "pieces of artillery", "boxes of aid": read on through "of"."""
    if not (words and last + 2 < len(tokens) and tokens[last + 1].low == "of"):
        return words, last
    head = words[-1]
    inner, inner_last, _ = noun_phrase_after(tokens, last + 2)
    if not inner:
        return words, last
    if head in TRANSPARENT_PARTITIVES and len(words) == 1:
        return inner, inner_last
    if head == "pieces":
        return [*inner, "pieces"], inner_last
    if head in CONTAINER_NOUNS | TRANSPARENT_PARTITIVES:
        return [*words, "of", *inner], inner_last
    return words, last


def read_counted(view: SentenceView, phrase: Phrase) -> Counted:
    """The noun phrase a number counts: "troops", "pieces of artillery", "of those troops"."""
    tokens = view.tokens
    k, anaphoric = _counted_start(tokens, phrase)
    if k < len(tokens) and tokens[k].low in ("others", "other"):
        return Counted((), k, anaphoric=True)
    words, last, additional = noun_phrase_after(tokens, k)
    words, last = _through_of(tokens, words, last)
    modifier = False
    if words and phrase.value.value != 1 and not _looks_plural(_head_word(words)):
        # "a 1.4 tonne plaque": after any number but one, a counted noun is plural.
        words, last, modifier = [], phrase.last, True
    if not words:
        last = max(last, phrase.last)
    return Counted(tuple(words), last, additional, anaphoric, modifier)


_UNCOUNTED_PLURALS = lang.words("uncounted_plurals")


def _head_word(words: Sequence[str]) -> str:
    return words[words.index("of") - 1] if "of" in words else words[-1]


def _looks_plural(word: str) -> bool:
    if word in _UNCOUNTED_PLURALS or word in UNIT_SYNONYMS:
        return True
    return word.endswith("s") and not word.endswith(("ss", "us", "is"))


def unit_of(words: Sequence[str]) -> str:
    """Normalised head of a counted noun phrase: "soldiers" -> "troops"."""
    if not words:
        return ""
    if "of" in words:
        head = words[words.index("of") - 1]
    else:
        head = words[-1]
        if head == "pieces" and len(words) > 1:
            return f"{words[-2]} pieces"
    return UNIT_SYNONYMS.get(head, head)


def unit_class(unit: str, number_unit: str) -> str:
    if number_unit == "%":
        return "percent"
    if number_unit:
        return "money"
    if unit in ("votes", "ballots"):
        return "votes"
    if unit in PEOPLE_UNITS or unit in UNIT_SYNONYMS.values():
        return "people"
    return "things" if unit else "none"


# ---------------------------------------------------------------------------------------------
# What happened to it


def window_after(view: SentenceView, phrase_index: int, start: int) -> list[int]:
    """Token indices after start up to the clause end or the next number phrase."""
    tokens = view.tokens
    later = [i for i in view.claim_phrases() if i > phrase_index]
    stop = view.phrases[later[0]].first if later else len(tokens)
    out: list[int] = []
    for k in range(start, stop):
        if tokens[k].text in (";", ":", "(", ")", "—", "–", ".", "?", "!"):
            break
        if tokens[k].text == "," and k + 1 < stop and tokens[k + 1].low not in ("or", "and"):
            break
        out.append(k)
    return out


def window_before(view: SentenceView, phrase_index: int, limit: int = 30) -> list[int]:
    """Token indices before a phrase, nearest first, back to the previous phrase or a ";"."""
    tokens = view.tokens
    phrase = view.phrases[phrase_index]
    earlier = [i for i in view.claim_phrases() if i < phrase_index]
    floor = view.phrases[earlier[-1]].last + 1 if earlier else 0
    out: list[int] = []
    for k in range(phrase.first - 1, max(floor, phrase.first - limit) - 1, -1):
        if tokens[k].text in (";", ":", "(", ")"):
            break
        out.append(k)
    return out


_CAPTIVE_NOUNS = ("prisoner", "captive", "hostage")


def casualty_category(tokens: Sequence[Token], k: int) -> str | None:
    """The outcome token k names: a casualty cue, "lost [their] lives" (killed), "taken/held
    prisoner" (captured), else None."""
    low = tokens[k].low
    if low in ("taken", "held") and k + 1 < len(tokens) and tokens[k + 1].low in _CAPTIVE_NOUNS:
        return "captured"
    if low == "lost" and k + 2 < len(tokens) and tokens[k + 2].low == "lives":
        return "killed"
    return CASUALTY_CUES.get(low)


def casualty_chain(view: SentenceView, window: Sequence[int]) -> str:
    """Outcome measure from the words after a count: "killed", "killed_or_wounded", ..."""
    tokens = view.tokens
    categories: list[str] = []
    previous_cue = -1
    for k in window:
        category = casualty_category(tokens, k)
        if category is None:
            continue
        if categories:
            between = [tokens[m].low for m in range(previous_cue + 1, k)]
            if not all(w in COMBINING_WORDS for w in between):
                break
        if category not in categories:
            categories.append(category)
        previous_cue = k
    return combined_measure(categories)


def combined_measure(categories: Sequence[str]) -> str:
    if not categories:
        return ""
    if "casualties" in categories:
        return "casualties"
    outcomes = [c for c in CASUALTY_ORDER if c in categories]
    if len(outcomes) < 2:
        return categories[0]
    if len(outcomes) == 2:
        return f"{outcomes[0]}_or_{outcomes[1]}"
    if len(outcomes) == 3:
        return f"{outcomes[0]}_{outcomes[1]}_or_{outcomes[2]}"
    return "casualties"


def find_cues(view: SentenceView, indices: Iterable[int]) -> list[tuple[int, str]]:
    """(token index, category) of transfer, price, vote and change cues among indices."""
    tokens = view.tokens
    found = []
    for k in indices:
        low = tokens[k].low
        if low == "shipping" and k + 1 < len(tokens) and tokens[k + 1].kind == "word":
            continue  # "shipping containers" is a noun
        if low in TRANSFER_CUES:
            found.append((k, TRANSFER_CUES[low]))
    return found


def rate_noun_before(view: SentenceView, before: Sequence[int]) -> str:
    """ "the death toll at 2,600", "magnitude 7.1", "turnout was 61%": the measure named."""
    tokens = view.tokens
    for k in before[:4]:
        low = tokens[k].low
        if low in RATE_NOUNS:
            return RATE_NOUNS[low]
        if low == "count" and k > 0 and tokens[k - 1].low == "death":
            return "killed"
    return ""


def per_unit_after(view: SentenceView, after: Sequence[int]) -> str:
    """ "$84.50 a barrel", "€1.89 per litre": the unit a price is quoted in."""
    tokens = view.tokens
    for position, k in enumerate(after[:3]):
        if tokens[k].low in ("a", "an", "per", "each", "apiece") and position < 2:
            if tokens[k].low in ("each", "apiece"):
                return "each"
            nxt = k + 1
            if nxt < len(tokens) and tokens[nxt].low in PER_UNIT_WORDS:
                return tokens[nxt].low
    return ""
