"""Attribution: who says a figure, as of when, how firmly, and who acted (donor, candidate, good).

Certainty scale (the weakest cue in the number's clause or its reporting frame wins):
  "stated" (said as fact) < "estimated" ("estimate", "assessment", or an approximate number)
  < "hedged" ("may", "might", "could", "likely", "reportedly", "believed to", "possibly")
  < "speculative" ("if", "would", "expected to", "projected to").
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from .. import lang
from .claims import (
    NOT_NAME_WORDS,
    SentenceView,
    sentence_view,
    verb_like,
    window_after,
    window_before,
)
from .lexicon import (
    ATTRIBUTION_VERBS,
    AUXILIARIES,
    COUNTRY_ALIASES,
    COUNTRY_PATTERN,
    DEMONYMS,
    DETERMINERS,
    FRAME_VERBS,
    FUNCTION_WORDS,
    HONORIFICS,
    INSTITUTION_NOUNS,
    PEOPLE_UNITS,
    PRONOUNS,
    RELATIVES,
    REPORT_NOUNS,
    TRANSFER_CUES,
)
from .numbers import Phrase
from .tokens import MONTHS, WEEKDAYS, Token, collapse_space, month_number, word_set

# How many sentences' speakers one process remembers (a few MB at most).
SPEAKER_CACHE_SIZE = 1 << 14

# ---------------------------------------------------------------------------------------------
# Who says so


_TIME_PREPOSITIONS = ("on", "in", "last", "this", "late", "early")
_NAME_JOINERS = ("of", "for", "on", "and", "de")
# "the senior ministry official": at most two lowercase words may modify a speaker's head noun.
_MAX_LOWERCASE_MODIFIERS = 2


def _is_time_word(token: Token) -> bool:
    return token.low in WEEKDAYS or month_number(token) is not None


def _skip_time_before(tokens: Sequence[Token], j: int) -> int:
    """Step back over "on Wednesday"-style times before a verb."""
    while j >= 1 and _is_time_word(tokens[j]) and tokens[j - 1].low in _TIME_PREPOSITIONS:
        j -= 2
    return j


def _is_auxiliary_or_adverb(token: Token) -> bool:
    return token.kind == "word" and (
        token.low in AUXILIARIES or (token.low.endswith("ly") and not token.capitalised)
    )


def _skip_auxiliaries_before(tokens: Sequence[Token], j: int) -> int:
    """Step back over "has", "had", "previously" between the speaker and the verb."""
    while j >= 0 and _is_auxiliary_or_adverb(tokens[j]):
        j -= 1
    return j


def _can_head_speaker(head: Token) -> bool:
    """A speaker's head word: a name or an institution noun, not a determiner or function word."""
    if not (head.capitalised or head.low in INSTITUTION_NOUNS):
        return False
    return not (head.low in DETERMINERS or (head.low in FUNCTION_WORDS and not head.capitalised))


def _is_name_part(token: Token) -> bool:
    return token.kind == "abbr" or (token.kind == "word" and token.capitalised)


def _is_name_joiner(tokens: Sequence[Token], k: int, first: int) -> bool:
    """ "of" in "Minister of Defence": a joiner between two capitalised words."""
    return (
        tokens[k].kind == "word"
        and tokens[k].low in _NAME_JOINERS
        and k > 0
        and tokens[k - 1].capitalised
        and tokens[first].capitalised
    )


def _is_lowercase_modifier(token: Token) -> bool:
    return (
        token.kind == "word"
        and token.low not in FUNCTION_WORDS
        and not verb_like(token.low)
        and token.low not in ATTRIBUTION_VERBS
    )


def _extend_speaker_left(tokens: Sequence[Token], j: int) -> int:
    """First token of the speaker phrase whose head is tokens[j]."""
    first = j
    lowercase_modifiers = 0
    for k in range(j - 1, -1, -1):
        token = tokens[k]
        if _is_name_part(token):
            if token.low in NOT_NAME_WORDS or token.low == "the":
                break
            first = k
        elif _is_name_joiner(tokens, k, first):
            first = k
        elif lowercase_modifiers < _MAX_LOWERCASE_MODIFIERS and _is_lowercase_modifier(token):
            lowercase_modifiers += 1
            first = k
        else:
            break
    while first < j and tokens[first].low in _NAME_JOINERS:
        first += 1
    return first


def noun_phrase_before(tokens: Sequence[Token], end: int) -> tuple[int, int] | None:
    """Token span (first, last) of the speaker noun phrase ending just before index end."""
    # "Ahmadinejad on Wednesday announced": step over the time before the verb.
    j = _skip_auxiliaries_before(tokens, _skip_time_before(tokens, end - 1))
    if j > 0 and tokens[j].text == ",":
        j -= 1  # "Julianne Smith, previously stated": the name before the comma speaks
    if j < 0:
        return None
    head = tokens[j]
    if head.low in PRONOUNS or head.low in RELATIVES:
        return (j, j)
    if not _can_head_speaker(head):
        return None
    return (_extend_speaker_left(tokens, j), j)


def _span_text(view: SentenceView, first: int, last: int) -> str:
    return collapse_space(view.text[view.tokens[first].start : view.tokens[last].end])


_DOTTED_END = re.compile(r"(?:\b[A-Za-z]\.){2,}$")
_LEADING_ARTICLE = re.compile(r"^(?:the|a|an|as)\s+", re.IGNORECASE)
_TRAILING_REPORT_NOUN = re.compile(
    r"(?:['’]s)?\s+(?:(?:latest|new|own|most recent|official|preliminary|initial|updated|"
    r"earlier|previous)\s+)*(?:" + REPORT_NOUNS + r")$",
    re.IGNORECASE,
)


def _clean_attribution(text: str) -> str | None:
    """Trim determiners, report nouns and trailing punctuation from a speaker phrase."""
    text = text.strip(" ,;:\"“”'’")
    if not _DOTTED_END.search(text):
        text = text.rstrip(".")  # keep the dot of "U.S."
    text = _LEADING_ARTICLE.sub("", text)
    text = _TRAILING_REPORT_NOUN.sub("", text)
    if text.lower() in DEMONYMS:
        return None  # "Australian" alone is an adjective whose noun was lost, not a speaker
    return _person_after_country(text) or None


def _person_after_country(text: str) -> str:
    """ "United Kingdom Tony Blair" (from "Prime Minister of the United Kingdom Tony Blair") is
    Tony Blair: a country name run into a person's name is cut from it."""
    match = COUNTRY_PATTERN.match(text.lower())
    if match is None:
        return text
    rest = text[match.end() :].split()
    person = len(rest) >= 2 and all(
        w[:1].isupper() and w.lower() not in INSTITUTION_NOUNS for w in rest
    )
    return " ".join(rest) if person else text


_ATTRIBUTION_END = r"(?=,|;|:|—|–|\)|\(|\s+that\s|\s+which\s|\s+who\s|(?<![A-Z])\.(?:\s|$)|$)"
_ACCORDING_RE = re.compile(r"\b[Aa]ccording to\s+(.+?)" + _ATTRIBUTION_END)
_REPORT_BY_RE = re.compile(
    r"\b(?:" + REPORT_NOUNS + r")\s+(?:by|from)\s+(.+?)" + _ATTRIBUTION_END
    + r"|\b(?:confirmed|reported|cited|released|published|issued|compiled)\s+by\s+(.+?)"
    + _ATTRIBUTION_END
)  # fmt: skip
# Each pattern with the words any match of it contains.
_ATTRIBUTION_PATTERNS = ((_ACCORDING_RE, ("ccording to",)), (_REPORT_BY_RE, ("by", "from")))
_LIST_TAIL_RE = re.compile(
    r"(?:,\s+(?:the\s+)?[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3})*,?\s+and\s+(?:the\s+)?"
    r"[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3}"
)


def _pattern_attributions(view: SentenceView) -> list[tuple[int, str]]:
    """(offset, speaker) for "according to X" and "report by X" in the sentence."""
    found = []
    for pattern, needles in _ATTRIBUTION_PATTERNS:
        if not any(needle in view.text for needle in needles):
            continue  # the pattern cannot match without these words: no search needed
        for match in pattern.finditer(view.text):
            group = next(g for g in range(1, (match.lastindex or 1) + 1) if match.group(g))
            end = match.end(group)
            tail = _LIST_TAIL_RE.match(view.text, end)
            speaker = view.text[match.start(group) : tail.end() if tail else end]
            # A missed sentence break ("the U.S. However, ...") must not extend the speaker.
            speaker = re.sub(r"\.\s+(?:However|But|Meanwhile|The|This|It|In|On)\b.*$", ".", speaker)
            cleaned = _clean_attribution(collapse_space(speaker))
            if cleaned:
                found.append((match.start(), cleaned))
    return found


@dataclass(frozen=True)
class _Speaker:
    text: str | None
    pronoun: bool = False


def _speaker_after_number(view: SentenceView, k: int) -> _Speaker | None:
    """The speaker of reporting verb k after the number: "..., the ministry said", ", said
    Charles Ammon"; None when k is no reporting verb that ends the sentence."""
    tokens = view.tokens
    if tokens[k].low not in ATTRIBUTION_VERBS or not _ends_report(tokens, k):
        return None
    span = noun_phrase_before(tokens, k)
    if span is not None and _follows_comma(tokens, span[0] - 1):
        return _speaker_from_span(view, span)
    # Inverted: ", said Charles Ammon".
    if tokens[k - 1].text == "," and k + 1 < len(tokens) and tokens[k + 1].capitalised:
        return _Speaker(_clean_attribution(_span_text(view, k + 1, _name_end(tokens, k + 1))))
    return None


def _follows_comma(tokens: Sequence[Token], opening: int) -> bool:
    """Whether a comma stands at opening, looking back past determiners."""
    while opening >= 0 and tokens[opening].low in DETERMINERS:
        opening -= 1
    return opening >= 0 and tokens[opening].text == ","


def _name_end(tokens: Sequence[Token], first: int) -> int:
    """The last of the capitalised tokens starting at first."""
    last = first
    while last + 1 < len(tokens) and tokens[last + 1].capitalised:
        last += 1
    return last


def _verb_attribution(view: SentenceView, phrase: Phrase | None) -> _Speaker | None:
    """The speaker of the reporting verb nearest before the number, else one after it."""
    # Only a reporting verb can give a speaker: the rest of the sentence is passed over here.
    verbs = view.reporting_verbs
    limit = phrase.first if phrase is not None else len(view.tokens)
    for k in reversed(verbs):
        if k < limit:
            speaker = _speaker_of_verb(view, k)
            if speaker is not None:
                return speaker
    if phrase is None:
        return None
    for k in verbs:
        if k > phrase.last:
            speaker = _speaker_after_number(view, k)
            if speaker is not None:
                return speaker
    return None


_REPORT_TAIL_WORDS = lang.words("report_tail_words")


def _ends_report(tokens: Sequence[Token], k: int) -> bool:
    """ "..., the ministry said on Monday." : nothing but time or venue follows the verb."""
    for token in tokens[k + 1 :]:
        if token.text in (".", ",", ";", "!", "?", "”", '"', "'"):
            return True
        low = token.low
        if not (
            low in _REPORT_TAIL_WORDS
            or low in WEEKDAYS
            or month_number(token) is not None
            or token.kind == "num"
        ):
            return False
    return True


def _speaker_of_verb(view: SentenceView, k: int) -> _Speaker | None:
    tokens = view.tokens
    if tokens[k].low not in ATTRIBUTION_VERBS:
        return None
    if tokens[k].low in ("put", "puts", "putting") and not any(
        t.low in ("toll", "figure", "number", "total") for t in tokens[k + 1 : k + 5]
    ):
        return None
    span = noun_phrase_before(tokens, k)
    if span is None:
        return None
    return _speaker_from_span(view, span)


def _speaker_from_span(view: SentenceView, span: tuple[int, int]) -> _Speaker:
    tokens = view.tokens
    first, last = span
    head = tokens[last].low
    if head in PRONOUNS:
        return _Speaker(None, pronoun=True)
    if head in RELATIVES:
        # "a report by X, which estimated": the speaker is the phrase before the comma.
        if first > 0 and tokens[first - 1].text == ",":
            inner = noun_phrase_before(tokens, first - 1)
            if inner is not None and tokens[inner[1]].low not in RELATIVES | PRONOUNS:
                return _Speaker(_clean_attribution(_span_text(view, *inner)))
        return _Speaker(None, pronoun=True)
    return _Speaker(_clean_attribution(_span_text(view, first, last)))


def find_speaker(view: SentenceView, phrase: Phrase | None) -> _Speaker | None:
    """Who the sentence says a number comes from (None when it says nothing)."""
    patterns = _pattern_attributions(view)
    if patterns:
        anchor = view.tokens[phrase.first].start if phrase is not None else 0
        return _Speaker(min(patterns, key=lambda p: (abs(p[0] - anchor), p[0]))[1])
    return _verb_attribution(view, phrase)


# Remembered per text: contested statements ask about the same sentence once per candidate pair.
@lru_cache(maxsize=SPEAKER_CACHE_SIZE)
def sentence_speaker(text: str) -> str | None:
    """Who a sentence says is speaking ("..., Iran said", "according to the ministry")."""
    return speaker_of(sentence_view(text, 0))


@lru_cache(maxsize=SPEAKER_CACHE_SIZE)
def sentence_subject(text: str) -> str | None:
    """The speaker, else the named subject that opens the sentence ("Russia also called ...",
    "North Korean authorities have ...")."""
    return subject_of(sentence_view(text, 0), sentence_speaker(text))


def speaker_of(view: SentenceView) -> str | None:
    """``sentence_speaker`` of a sentence already read into a view."""
    speaker = find_speaker(view, None)
    return speaker.text if speaker is not None and speaker.text else None


def subject_of(view: SentenceView, speaker: str | None) -> str | None:
    """``sentence_subject`` of a sentence already read into a view, given its ``speaker``."""
    if speaker:
        return speaker
    tokens = view.tokens
    first = _subject_start(tokens)
    if first >= len(tokens) or tokens[first].low in FUNCTION_WORDS:
        return None  # "After comments from ...", "The ...": no named subject opens it
    last = _subject_end(tokens, first)
    if last < first or last - first + 1 > MAX_SUBJECT_TOKENS:
        return None
    return _clean_attribution(collapse_space(view.text[tokens[first].start : tokens[last].end]))


def _subject_start(tokens: Sequence[Token]) -> int:
    """The first token after opening words and commas ("However, ...", "Both ...")."""
    k = 0
    while k < len(tokens) and (tokens[k].low in _OPENING_WORDS or tokens[k].text == ","):
        k += 1
    return k


def _in_name(tokens: Sequence[Token], k: int, first: int) -> bool:
    """Token k continues a name that starts at first: a capital, a joining word or an office."""
    token = tokens[k]
    joining = token.low in ("and", "of", "'s") or token.low in INSTITUTION_NOUNS
    return token.capitalised or (k > first and joining)


def _subject_end(tokens: Sequence[Token], first: int) -> int:
    """The last token of the name that starts at first, ending on a capital or an office noun."""
    k = first
    while k < len(tokens) and _in_name(tokens, k, first):
        k += 1
    last = k - 1
    while last >= first and not (tokens[last].capitalised or tokens[last].low in INSTITUTION_NOUNS):
        last -= 1
    return last


_OPENING_WORDS = word_set("both but however meanwhile yet still and also then")
MAX_SUBJECT_TOKENS = 6  # a longer capitalised run is a title or a headline, not a speaker


def resolve_definite(speaker: str, history: Sequence[str]) -> str:
    """ "the ministry" after "South Korea's defence ministry" is that ministry."""
    words = speaker.lower().split()
    if len(words) != 1 or words[0] not in INSTITUTION_NOUNS:
        return speaker
    for earlier in reversed(history):
        if earlier.lower().split()[-1] == words[0] and len(earlier.split()) > 1:
            return earlier
    return speaker


# ---------------------------------------------------------------------------------------------
# When

_MONTH_NAMES = lang.table("months")
# A capitalised month name, or an abbreviation with an optional full stop: "Jan.", "Sept".
_MONTH_RE = (
    "(?:"
    + "|".join(name.capitalize() for name in _MONTH_NAMES["names"])
    + "|(?:"
    + "|".join(
        sorted((a.capitalize() for a in _MONTH_NAMES["abbreviations"]), key=len, reverse=True)
    )
    + r")\.?)(?![a-z])"
)
_WEEKDAY_RE = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAY_RE = r"\d{1,2}(?:st|nd|rd|th)?(?!\d)"
_YEAR_RE = r"(?:1[89]|20)\d{2}"
_POINT_RE = (
    r"(?:" + _WEEKDAY_RE + r",?\s+)?(?:(?i:early|mid|late)[-\s])?"
    r"(?:" + _MONTH_RE + r"(?:\s+" + _DAY_RE + r")?(?:,?\s+" + _YEAR_RE + r")?"
    r"|" + _DAY_RE + r"\s+" + _MONTH_RE + r"(?:,?\s+" + _YEAR_RE + r")?"
    r"|" + _YEAR_RE + r"(?![\d,])|" + _WEEKDAY_RE + r")"
    r"(?:\s+of\s+(?:the\s+previous|last|this|the\s+same)\s+year)?"
)
_AS_OF_RE = re.compile(
    r"\b(?i:as\s+of|as\s+at|by|since|until|till|through|throughout|during|in|on|between|from)"
    r"\s+(?:(?i:at\s+least)\s+)?" + _POINT_RE
    + r"(?:\s+(?:and|to|through|until)\s+" + _POINT_RE + r")?"
    r"|\b(?i:last|this|past)\s+(?i:week|month|year)\b"
)  # fmt: skip


_COMPARISON_WORDS = word_set(
    "since than after before deadliest worst largest biggest highest lowest"
)


def read_as_of(view: SentenceView, phrase: Phrase, article_date: date | None) -> str | None:
    """The period a number refers to, nearest in its clause or reporting frame, year filled in.

    A time inside a comparison ("the deadliest attack since the bombing in 1988") dates the
    other event, not the number.
    """
    start = view.tokens[phrase.first].start
    end = view.tokens[phrase.last].end
    token_starts = [t.start for t in view.tokens]
    allowed = _frame_clauses(view, phrase) | {view.clause_of[phrase.first]}
    candidates = []
    for match in _AS_OF_RE.finditer(view.text):
        if match.start() < end and start < match.end():
            continue
        clause = view.clause_of[max(0, bisect_right(token_starts, match.start()) - 1)]
        gap = view.text[end : match.start()] if match.start() >= end else ""
        if clause not in allowed or _COMPARISON_WORDS & set(gap.lower().split()):
            continue
        distance = start - match.end() if match.end() <= start else match.start() - end
        candidates.append((distance, match.start(), match.group(0)))
    if not candidates:
        return None
    written = collapse_space(min(candidates)[2])
    # "Since October ..." opening a sentence reads "since October ..." inside a note.
    written = written[:1].lower() + written[1:] if not _month_start(written) else written
    return _resolve_time(written, article_date)


_DAY_OF_MONTH_RE = re.compile(
    "(" + _MONTH_RE + r")\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:1[89]|20)\d{2})"
)


def as_of_date(as_of: str | None, article_date: date | None) -> date | None:
    """The day an as-of phrase names ("on Tuesday (2007-03-27)", "Jan. 1 2005"), else the
    article's date: the best date known for a figure or a statement."""
    if as_of:
        iso = re.search(r"\b(\d{4})-(\d{2})-(\d{2})\b", as_of)
        if iso:
            return date(*map(int, iso.groups()))
        named = _DAY_OF_MONTH_RE.search(as_of)
        if named and named.group(1).lower().rstrip(".") in MONTHS:
            month = MONTHS[named.group(1).lower().rstrip(".")]
            try:
                return date(int(named.group(3)), month, int(named.group(2)))
            except ValueError:
                return article_date
    return article_date


def _month_start(text: str) -> bool:
    return bool(re.match(_MONTH_RE + "|" + _WEEKDAY_RE, text))


def _resolve_time(text: str, article_date: date | None) -> str:
    """Add the year a month or weekday refers to, counting back from the article's date."""
    if article_date is None:
        return text
    relative = re.search(r"\s+of\s+(the\s+previous|last|this|the\s+same)\s+year", text)
    if relative:
        offset = 0 if relative.group(1) in ("this", "the same") else 1
        return text[: relative.start()] + f" {article_date.year - offset}" + text[relative.end() :]
    if re.search(_YEAR_RE, text):
        return text
    months = [
        MONTHS[m.group(0).lower().rstrip(".")]
        for m in re.finditer(_MONTH_RE, text)
        if m.group(0).lower().rstrip(".") in MONTHS
    ]
    if months:
        year = article_date.year if months[-1] <= article_date.month else article_date.year - 1
        return f"{text} {year}"
    weekday = re.search(_WEEKDAY_RE, text)
    if weekday:
        back = (article_date.weekday() - WEEKDAYS.index(weekday.group(0).lower())) % 7
        return f"{text} ({(article_date - timedelta(days=back)).isoformat()})"
    return text


# ---------------------------------------------------------------------------------------------
# How firmly

_SPECULATIVE_CUES = frozenset({"if", "would", "unless", "hypothetically"})
_SPECULATIVE_PAIRS = frozenset(
    {("expected", "to"), ("projected", "to"), ("forecast", "to"), ("set", "to")}
)
_HEDGE_CUES = lang.words("hedge_cues")
_ESTIMATE_CUES = lang.words("estimate_cues")
_CERTAINTY_RANK = {"stated": 0, "estimated": 1, "hedged": 2, "speculative": 3}


def _frame_clauses(view: SentenceView, phrase: Phrase) -> set[int]:
    """Earlier clauses with a reporting verb ("officials estimate that"): the number's frame."""
    own = view.clause_of[phrase.first]
    return {
        view.clause_of[k]
        for k in range(phrase.first)
        if view.clause_of[k] != own and view.tokens[k].low in FRAME_VERBS
    }


def read_certainty(view: SentenceView, phrase: Phrase) -> str:
    """The weakest certainty cue in the number's clause or in a reporting frame before it."""
    tokens = view.tokens
    clause_of = view.clause_of
    own = clause_of[phrase.first]
    frames = _frame_clauses(view, phrase)
    words = [
        tokens[k].low
        for k in range(len(tokens))
        if clause_of[k] == own or (clause_of[k] in frames and k < phrase.first)
    ]
    level = "estimated" if phrase.value.approximate else "stated"
    for position, word in enumerate(words):
        following = words[position + 1] if position + 1 < len(words) else ""
        if word in _SPECULATIVE_CUES or (word, following) in _SPECULATIVE_PAIRS:
            found = "speculative"
        elif word in _HEDGE_CUES:
            found = "hedged"
        elif word in _ESTIMATE_CUES:
            found = "estimated"
        else:
            continue
        if _CERTAINTY_RANK[found] > _CERTAINTY_RANK[level]:
            level = found
    return level


# ---------------------------------------------------------------------------------------------
# Who acted: donor, candidate, priced good


def actor_of(view: SentenceView, phrase_index: int, counted_end: int) -> str:
    """The actor a money, vote or price figure belongs to ("Japan", "Lopez", "Brent crude")."""
    after = window_after(view, phrase_index, counted_end + 1)
    return (
        actor_after_by(view, after)
        or _actor_before(view, phrase_index)
        or _possessive_before(view, phrase_index)
    )


def is_name(token: Token) -> bool:
    return (
        token.capitalised
        and token.low not in NOT_NAME_WORDS
        and month_number(token) is None
        and token.low not in WEEKDAYS
    )


# "by private U.S. citizens": up to two lowercase adjectives may stand before the actor's name.
_MAX_ADJECTIVES_BEFORE_ACTOR = 2


def _is_plain_adjective(token: Token) -> bool:
    """A lowercase content word ("private"), not an institution noun or function word."""
    return (
        token.kind == "word"
        and not token.capitalised
        and token.low not in INSTITUTION_NOUNS | FUNCTION_WORDS
    )


def _actor_start(tokens: Sequence[Token], k: int) -> int | None:
    """First token of the actor after "by"/"for" at k: a name (past determiners and up to two
    adjectives) or an institution noun; None when neither follows."""
    first = k + 1
    while first < len(tokens) and tokens[first].low in DETERMINERS:
        first += 1
    look = first
    while (
        look < len(tokens)
        and look - first < _MAX_ADJECTIVES_BEFORE_ACTOR
        and _is_plain_adjective(tokens[look])
    ):
        look += 1
    if look < len(tokens) and is_name(tokens[look]):
        return look
    if first < len(tokens) and tokens[first].low in INSTITUTION_NOUNS:
        return first
    return None


def _continues_actor(tokens: Sequence[Token], m: int) -> bool:
    """Whether token m extends an actor's name: a name, "of" before a name, an institution."""
    token = tokens[m]
    joins = token.low == "of" and m + 1 < len(tokens) and is_name(tokens[m + 1])
    return is_name(token) or joins or token.low in INSTITUTION_NOUNS | PEOPLE_UNITS


def actor_after_by(view: SentenceView, after: Sequence[int]) -> str:
    """The actor named after "by" or "for" ("pledged by the government of Japan", "48,915 for
    Tom Brandt"), or "" when none is."""
    tokens = view.tokens
    for k in after:
        if tokens[k].low not in ("by", "for"):
            continue
        first = _actor_start(tokens, k)
        if first is None:
            continue
        last = first
        while last + 1 < len(tokens) and _continues_actor(tokens, last + 1):
            last += 1
        return _span_text(view, first, last)
    return ""


def _actor_before(view: SentenceView, phrase_index: int) -> str:
    """The named subject of the verb before a number: "China has promised 60.5 million"."""
    tokens = view.tokens
    before = window_before(view, phrase_index, limit=6)
    for position, k in enumerate(before):
        if tokens[k].text in (",", "—", "–"):
            return ""
        if not is_name(tokens[k]):
            continue
        first = k
        for m in before[position + 1 :]:
            if not is_name(tokens[m]):
                break
            first = m
        last = k  # forward over lowercase nouns up to the verb: "Brent crude futures"
        while (
            last + 1 < view.phrases[phrase_index].first
            and tokens[last + 1].kind == "word"
            and not tokens[last + 1].capitalised
            and tokens[last + 1].low not in FUNCTION_WORDS | AUXILIARIES
            and tokens[last + 1].low not in TRANSFER_CUES
            and not verb_like(tokens[last + 1].low)
        ):
            last += 1
        return _span_text(view, first, last)
    return ""


def _possessive_before(view: SentenceView, phrase_index: int) -> str:
    """ "Japan's $500 million pledge": a possessive name right before the amount."""
    k = view.phrases[phrase_index].first - 1
    token = view.tokens[k] if k >= 0 else None
    if token is not None and token.low.endswith("'s") and is_name(token):
        return token.text[:-2]
    return ""


_COLLECTIVE_NOUNS = word_set("public people citizens residents donors individuals nationals")


def actor_key(text: str) -> str:
    """Normalise an actor: a country when one is named, else the lowercase name.

    A country's people ("Romanians", "the Romanian public", "private U.S. citizens") are kept
    apart from its government ("Romania", "the government of Japan", "Seoul"): "romania people".
    """
    low = text.lower().replace("’", "'")
    low = re.sub(r"'s\b", "", low)
    country = COUNTRY_PATTERN.search(low)
    if country:
        alias, name = country.group(1), COUNTRY_ALIASES[country.group(1)]
        plural_demonym = alias != name and alias.endswith("s") and "." not in alias
        collective = (plural_demonym and alias not in ("us", "usa")) or bool(
            set(re.findall(r"\w+", low)) & _COLLECTIVE_NOUNS
        )
        return f"{name} people" if collective else name
    words = [w for w in re.findall(r"[\w.-]+", low) if w not in DETERMINERS | HONORIFICS]
    return " ".join(words)
