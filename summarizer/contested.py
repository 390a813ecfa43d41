"""Contested statements: sentences from different sources that cannot all be true as stated.

The stage runs after compare, on every content sentence of the run at once. Two kinds of contest
are found, both precision first:

- **Denial**: one sentence denies, rejects or does not confirm (``denial_cues``) what a similar
  sentence from another source asserts ("called reports ... fake news" vs "troops are fighting").
- **Different value in one slot**: the same place frame with a different country ("in Iraqi
  waters" vs "in Iranian waters"), where neither sentence gives both values.

Candidate pairs come from one sparse similarity product over all sentences (``vectors.neighbours``);
the per-sentence cues are computed once per sentence, and pairs are filtered with array operations.
A sentence dated to another year than its article ("In June 2004, ...") is about another event and
takes no part.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import cache

import numpy as np
from scipy.sparse import csr_matrix

from . import lang
from .figures import sentence_speaker, sentence_subject
from .figures.lexicon import COUNTRY_ALIASES, COUNTRY_PATTERN, FUNCTION_WORDS
from .models import Contest, ContestSide, Sentence
from .vectors import SentenceVectors, content_terms, neighbours

DENIAL_SIMILARITY = 0.12  # cosine over TF-IDF stems: a denial must be about the asserted matter
MIN_SHARED_TERMS = 2  # content stems (names left out) the denied clause shares with the assertion
MIN_CLAUSE_COVERAGE = 0.4  # share of the denied clause's content stems the assertion repeats
MIN_OBJECT_TERMS = 2  # content words after a cue that make them, not the words before, the object
MIN_SHARED_NAMES = 1  # countries or names the denial shares with the assertion
SLOT_SIMILARITY = 0.05  # the same place frame is strong evidence; the rest need only be related
DENIALS_PER_SENTENCE = 4  # a denial is set against its most similar assertions only
QUOTES_PER_SIDE = 3  # so a contest stays readable; every source of a side is still listed
MAX_GAP_WORDS = 2  # words allowed between the words of one cue ("not officially acknowledged")
MAX_GAP_NAME_WORDS = 4  # or capitalised words of a name ("denied Israel Defense Forces claims")
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")

Place = tuple[str, str]  # (place noun, country)

# Stance codes in the arrays: the order is the order of sides in a contest.
ASSERTS, DENIES = 0, 1


@cache
def _cue_pattern(*names: str) -> re.Pattern[str]:
    """Any entry of the named cue files; the words of an entry may have short gaps."""
    words = r"(?:\w+\W+){0," + str(MAX_GAP_WORDS) + "}?"
    name = r"(?-i:(?:[A-Z][\w’'-]*\W+){1," + str(MAX_GAP_NAME_WORDS) + "}?)"
    gap = r"\W+(?:" + name + "|" + words + ")"
    entries = sorted((e for name in names for e in lang.entries(name)), key=len, reverse=True)
    alternatives = (gap.join(re.escape(word) for word in entry.split()) for entry in entries)
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")\b", re.IGNORECASE)


def _denial_pattern() -> re.Pattern[str]:
    return _cue_pattern("denial_verbs", "denial_predicates")


@cache
def _slot_pattern() -> re.Pattern[str]:
    countries = sorted(COUNTRY_ALIASES, key=len, reverse=True)
    return re.compile(
        r"\b(?:" + lang.alternation("location_prepositions") + r")\s+(?:the\s+)?"
        r"(?:internationally\s+recognised\s+|internationally\s+recognized\s+)?"
        r"(" + "|".join(re.escape(c) for c in countries) + r")\s+(?:\w+\s+)?"
        r"(" + lang.alternation("location_frame_nouns") + r")\b",
        re.IGNORECASE,
    )


_CLAUSE_BREAK = re.compile(
    r";|:|,[\"”]|\b(?:but|while|whereas|although|despite|until)\b|,\s+and\b|\band\s+(?=[A-Z])"
    r"|,\s+(?:saying|adding|calling)\b|\bas\s+[\"“]"
)
_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][\w’'-]+")


_RELATIVE = re.compile(r"\W(?:which|who|whose|where)\b", re.IGNORECASE)
_RELATIVE_THAT = re.compile(r"\W(?:that|which|who|whose|where)\b", re.IGNORECASE)
# "that" opens what is claimed, after the claim's author if any ("accusations by X that ...").
_COMPLEMENTISER = re.compile(r"\W*(?:by\s[^,;]*?\s)?that\b", re.IGNORECASE)


def _main_clause(words: str) -> str:
    """The words up to a relative clause: "claims that militants fired from the school that
    suffered the deadliest attack" denies the firing, not the attack. A "that" is relative only
    after an opening "that" ("accusations by the government that X" is not cut)."""
    opening = _COMPLEMENTISER.match(words)
    start = opening.end() if opening else 0
    relative = (_RELATIVE_THAT if opening else _RELATIVE).search(words, start)
    return words[start : relative.start()] if relative else words[start:]


def denied_clause(text: str, *, keep_speaker: bool = False) -> str:
    """What is being denied: the words after the cue in its clause ("denied that X", "has not
    acknowledged X"), or, when fewer than two content words follow, the words before it ("X is
    baseless", "called X fake news"). Without ``keep_speaker`` the speaker is left out."""
    match = _denial_pattern().search(text)
    if match is None:
        return ""
    start = 0
    end = len(text)
    for brk in _CLAUSE_BREAK.finditer(text):
        if brk.end() <= match.start():
            start = brk.end()
        elif brk.start() >= match.end():
            end = brk.start()
            break
    after = _main_clause(text[match.end() : end])
    verb = _cue_pattern("denial_verbs").fullmatch(match.group(0)) is not None
    if verb or len(content_terms(after)) >= MIN_OBJECT_TERMS:
        return after  # "denied the claims." names no claim: nothing to set against
    before = text[start : match.start()]
    speaker = None if keep_speaker else sentence_subject(before)
    return before.replace(speaker, " ", 1) if speaker else before


def _denies_other_place(denied: AbstractSet[Place], asserted: AbstractSet[Place]) -> bool:
    """ "denies that they were in Iranian waters" (``denied``: the places of the denied clause)
    agrees with "they were in Iraqi waters" (``asserted``) and does not contest a sentence
    reporting both places."""
    # Naming two places ("Iran says Iranian waters while the UK insists Iraqi waters") reports
    # the dispute and takes no side in it.
    return bool(denied) and (len(asserted) > 1 or (bool(asserted) and not asserted & denied))


def _surname(subject: str | None) -> str | None:
    """The last word of a sentence's named subject (``sentence_subject``), lower-cased: two
    sentences with the same one come from the same speaker, and one speaker repeating a denial
    in other words does not contest it."""
    return subject.lower().split()[-1] if subject else None


def names(text: str) -> frozenset[str]:
    """Countries (by any alias) and capitalised names a text mentions, lower-cased."""
    found = {COUNTRY_ALIASES[m.group(1)] for m in COUNTRY_PATTERN.finditer(text.lower())}
    # Country names are read above; blank them so "South Korea" does not also give "korea".
    spans = [m.span(1) for m in COUNTRY_PATTERN.finditer(text.lower())]
    for start, end in reversed(spans):
        text = text[:start] + " " * (end - start) + text[end:]
    words = {m.group(0).lower().rstrip("’'s") for m in _NAME.finditer(text)}
    words = {w for w in words if w not in FUNCTION_WORDS and w not in COUNTRY_ALIASES}
    return frozenset(found | words)


_CONDITION = re.compile(r"\b(?:if|unless|whether)\b", re.IGNORECASE)
_WORD_WITH_APOSTROPHES = re.compile(r"[\w']+")


def _conditional(text: str) -> bool:
    """ "if it is determined that ...": a condition asserts nothing."""
    return _CONDITION.search(text) is not None


def _hearsay(text: str) -> bool:
    hearsay = lang.words("hearsay_words")
    return any(word in hearsay for word in re.findall(r"[\w']+", text.lower()))


def _predicate_terms(text: str) -> frozenset[str]:
    """Content stems of a text without its names: what it says happened, not to whom."""
    for match in reversed(list(COUNTRY_PATTERN.finditer(text.lower()))):
        text = text[: match.start(1)] + " " + text[match.end(1) :]
    return frozenset(content_terms(_NAME.sub(" ", text)))


def _negated(text: str) -> bool:
    negations = lang.words("negation_words")
    return not negations.isdisjoint(_WORD_WITH_APOSTROPHES.findall(text.lower()))


def denies(text: str) -> bool:
    """True when the sentence denies, rejects or does not confirm something."""
    if not _may_open_cue(text, "denial_verbs", "denial_predicates"):
        return False  # most sentences: no cue starts anywhere, so no search with the gaps
    return _denial_pattern().search(text) is not None


_WORD_RUN = re.compile(r"\w+")


def _may_open_cue(text: str, *names: str) -> bool:
    """False only when no entry of the named cue files can match in ``text``: none of their
    first words stands in it as a whole word, in any case, or (ASCII text) no entry has all its
    words there (cheap tests before the full ``_cue_pattern(*names)``: each word of a match is
    a whole word, its first one included)."""
    firsts = _cue_first_words(*names)
    if firsts is None:
        return True
    if text.isascii():
        # In ASCII text a whole word in any case is exactly a word of the lower-cased text. One
        # case-sensitive search for the first words there (the regex engine skips in C to the
        # letters they begin with) settles most sentences before their words are collected.
        lowered = text.lower()
        if _lowered_cue_openings(*names).search(lowered) is None:
            return False  # most sentences
        words = set(_WORD_RUN.findall(lowered))
        return any(entry <= words for entry in _cue_word_sets(*names))
    return _cue_openings(*names).search(text) is not None


@cache
def _cue_first_words(*names: str) -> frozenset[str] | None:
    """The lower-cased first words of the named cue files' entries; None unless every word of
    every entry is ASCII word characters (then it ends on a word boundary and matches
    case-blind like ``lower``)."""
    entries = [entry.split() for name in names for entry in lang.entries(name)]
    words = {word for entry in entries for word in entry}
    if not all(w.isascii() and _WORD_RUN.fullmatch(w) for w in words):
        return None
    return frozenset(entry[0].lower() for entry in entries)


@cache
def _cue_word_sets(*names: str) -> tuple[frozenset[str], ...]:
    """Each entry of the named cue files as the set of its lower-cased words (all of them
    ASCII word characters when ``_cue_first_words`` is not None)."""
    return tuple(
        frozenset(word.lower() for word in entry.split())
        for name in names
        for entry in lang.entries(name)
    )


@cache
def _cue_openings(*names: str) -> re.Pattern[str]:
    """Any first word of the named cue files' entries as a whole word, in any case."""
    return re.compile(_lowered_cue_openings(*names).pattern, re.IGNORECASE)


@cache
def _lowered_cue_openings(*names: str) -> re.Pattern[str]:
    """``_cue_openings`` for lower-cased text: the lower-cased first words, case-sensitive."""
    alternatives = "|".join(re.escape(word) for word in sorted(_cue_first_words(*names) or ()))
    return re.compile(r"\b(?:" + alternatives + r")\b")


@cache
def _place_pattern() -> re.Pattern[str]:
    """A country and a place noun with or without a preposition: every place a text names."""
    countries = sorted(COUNTRY_ALIASES, key=len, reverse=True)
    return re.compile(
        r"\b(" + "|".join(re.escape(c) for c in countries) + r")\s+(?:\w+\s+)?"
        r"(" + lang.alternation("location_frame_nouns") + r")\b",
        re.IGNORECASE,
    )


def _places(pattern: re.Pattern[str], text: str) -> dict[Place, str]:
    """(place noun, country) -> the words as written ("Iranian territorial waters")."""
    found: dict[tuple[str, str], str] = {}
    for match in pattern.finditer(text):
        key = (match.group(2).lower().rstrip("s"), COUNTRY_ALIASES[match.group(1).lower()])
        found.setdefault(key, text[match.start(1) : match.end(2)])
    return found


def location_slot(text: str) -> tuple[str, str, str] | None:
    """(place noun, country, as written) of the one place the sentence puts its matter in.

    None also when the sentence names two countries for the same noun ("outside Iraqi waters and
    within Iranian waters"): it reports both values, so it takes neither side.
    """
    if denies(text):
        return None  # "denies that they were in Iranian waters" gives the other value
    return _slot_unless_hedged(text)


@cache
def _frame_noun_pattern() -> re.Pattern[str]:
    """A place noun ("waters", "airspace"): every place either place pattern finds ends in one."""
    return re.compile(r"(?:" + lang.alternation("location_frame_nouns") + r")\b", re.IGNORECASE)


@cache
def _frame_nouns() -> tuple[str, ...] | None:
    """The place nouns lower-cased, if all ASCII (then a case-blind match is a substring of the
    lower-cased text)."""
    nouns = tuple(noun.lower() for noun in lang.entries("location_frame_nouns"))
    return nouns if all(noun.isascii() for noun in nouns) else None


def _may_name_place(text: str) -> bool:
    """False only when ``text`` holds no place noun, so that neither place pattern can match."""
    nouns = _frame_nouns()
    if nouns is not None and text.isascii():
        lowered = text.lower()
        if not any(map(lowered.__contains__, nouns)):
            return False  # substring tests, far cheaper than the case-blind search
    return _frame_noun_pattern().search(text) is not None


def _slot_unless_hedged(text: str) -> tuple[str, str, str] | None:
    """``location_slot`` of a sentence already known not to deny."""
    if not _may_name_place(text):
        return None  # most sentences: no place noun, so no slot (a cheap test first)
    if _negated(text) or _conditional(text):
        return None
    located = _places(_slot_pattern(), text)
    if len(located) != 1 or len(_places(_place_pattern(), text)) != 1:
        return None
    (noun, country), written = next(iter(located.items()))
    return noun, country, written


@dataclass(frozen=True, slots=True)
class ContestCue:
    """What contested asks of one sentence alone (``contest_cue``): the per-article stage
    computes it in the worker processes, so the main process only pairs sentences up."""

    denies: bool  # denies(text)
    slot: tuple[str, str, str] | None  # location_slot(text)
    subject: str | None  # figures.sentence_subject(text)


def contest_cue(text: str, subject: str | None) -> ContestCue:
    """The ``ContestCue`` of a sentence's text, given its ``sentence_subject`` (figure extraction
    reads it already, see ``figures.SentenceFacts``)."""
    denial = denies(text)
    # A denial has no slot of its own (location_slot): the regex is not run on it twice.
    return ContestCue(denial, None if denial else _slot_unless_hedged(text), subject)


def _other_year(sentence: Sentence, year_of: Mapping[str, int | None]) -> bool:
    """The sentence names a year other than its article's: it is about another event."""
    year = year_of.get(sentence.source)
    if year is None:
        return False
    return any(int(y) != year for y in _YEAR.findall(sentence.text))


@dataclass(frozen=True)
class _Pair:
    first: int
    second: int
    kind: str  # "denial" | "slot"


def _incidence(sets: Sequence[frozenset[str]], vocabulary: dict[str, int]) -> csr_matrix:
    """A 0/1 sentence-by-item matrix of the given sets over a shared vocabulary."""
    columns = [vocabulary.setdefault(item, len(vocabulary)) for items in sets for item in items]
    indptr = np.r_[0, np.cumsum([len(items) for items in sets])]
    data = np.ones(len(columns))
    return csr_matrix((data, columns, indptr), shape=(len(sets), 1 << 20))


def _shared(left: csr_matrix, right: csr_matrix, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Items row a[k] of left shares with row b[k] of right, for every k at once."""
    if not len(a):
        return np.zeros(0)
    return np.asarray(left[a].multiply(right[b]).sum(axis=1)).ravel()


def _plausible(
    sentences: Sequence[Sentence],
    denier: np.ndarray,
    asserter: np.ndarray,
    subject_of: Callable[[int], str | None],
) -> np.ndarray:
    """Per pair: the asserting sentence is affirmative, first-hand, unconditional, not a question,
    not the denier's own words, and does not agree with a denial of another place.
    ``subject_of(row)``: the ``sentence_subject`` of sentence ``row``.

    Each test reads one sentence, so it runs once per sentence of the pairs, not once per pair.
    """
    hedged = {
        row: _negated(text) or _hearsay(text) or _conditional(text) or text.rstrip().endswith("?")
        for row in set(asserter.tolist())
        for text in (sentences[row].text,)
    }
    keep = ~np.array([hedged[a] for a in asserter.tolist()], dtype=bool)
    speakers = set(denier[keep].tolist()) | set(asserter[keep].tolist())
    surname = {row: _surname(subject_of(row)) for row in speakers}
    denied = {
        row: set(_places(_slot_pattern(), denied_clause(sentences[row].text)))
        for row in set(denier[keep].tolist())
    }
    asserted = {
        row: set(_places(_slot_pattern(), sentences[row].text))
        for row in set(asserter[keep].tolist())
    }
    for k in np.flatnonzero(keep).tolist():
        d, a = int(denier[k]), int(asserter[k])
        same_speaker = surname[d] is not None and surname[d] == surname[a]
        keep[k] = not same_speaker and not _denies_other_place(denied[d], asserted[a])
    return keep


def _about_the_denied(
    sentences: Sequence[Sentence], denier: np.ndarray, asserter: np.ndarray
) -> np.ndarray:
    """Per pair: the assertion repeats the denied words (names left out) and a name of the
    denial, computed with sparse incidence matrices for all pairs at once."""
    clauses = {i: denied_clause(sentences[i].text) for i in set(denier.tolist())}
    involved = set(asserter.tolist())
    blank = frozenset[str]()
    rows = range(len(sentences))
    terms: dict[str, int] = {}
    clause_terms = _incidence(
        [_predicate_terms(clauses[i]) if i in clauses else blank for i in rows], terms
    )
    sentence_terms = _incidence(
        [frozenset(content_terms(sentences[i].text)) if i in involved else blank for i in rows],
        terms,
    )
    known: dict[str, int] = {}
    # Names come from the whole denial, speaker included: "North Korean authorities have not
    # acknowledged their soldiers' involvement" is about North Korea's soldiers.
    clause_names = _incidence(
        [names(sentences[i].text) if i in clauses else blank for i in rows], known
    )
    sentence_names = _incidence(
        [names(sentences[i].text) if i in involved else blank for i in rows], known
    )
    shared_terms = _shared(clause_terms, sentence_terms, denier, asserter)
    clause_size = np.maximum(np.asarray(clause_terms[denier].sum(axis=1)).ravel(), 1)
    return (
        (shared_terms >= MIN_SHARED_TERMS)
        & (shared_terms / clause_size >= MIN_CLAUSE_COVERAGE)
        & (_shared(clause_names, sentence_names, denier, asserter) >= MIN_SHARED_NAMES)
    )


def _best_per_denial(
    denier: np.ndarray, asserter: np.ndarray, score: np.ndarray
) -> list[tuple[int, int]]:
    """Each denial's DENIALS_PER_SENTENCE most similar assertions (ties: the earlier sentence)."""
    order = np.lexsort((asserter, -score, denier))
    denier, asserter = denier[order], asserter[order]
    starts = np.r_[0, np.flatnonzero(np.diff(denier)) + 1] if len(denier) else np.zeros(0, int)
    rank = np.arange(len(denier)) - np.repeat(starts, np.diff(np.r_[starts, len(denier)]))
    take = rank < DENIALS_PER_SENTENCE
    return list(zip(denier[take].tolist(), asserter[take].tolist(), strict=True))


@dataclass(frozen=True)
class _Candidates:
    """What candidate pairs are drawn from: each sentence's vector, origin and whether it may
    take part at all (not dated to another year)."""

    matrix: csr_matrix
    origin: np.ndarray
    usable: np.ndarray

    def pairs(
        self, left: np.ndarray, right: np.ndarray, threshold: float, *, upper: bool = False
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(left row, right row, cosine) of usable sentences of different origins, cosine at
        least ``threshold``: one blocked product of the ``left`` rows with the ``right`` rows
        only, never all sentences with all (``upper``: left is right, each pair once)."""
        left = left[self.usable[left]]
        right = right[self.usable[right]]
        found_left, found_right, score = neighbours(
            self.matrix[left], self.matrix[right], threshold, upper=upper
        )
        first, second = left[found_left], right[found_right]
        keep = self.origin[first] != self.origin[second]
        return first[keep], second[keep], score[keep]


def _denial_pairs(
    candidates: _Candidates,
    sentences: Sequence[Sentence],
    denial: np.ndarray,
    subject_of: Callable[[int], str | None],
) -> list[_Pair]:
    """Pairs where one sentence denies what the other, affirmative, asserts about the same
    names, its most similar assertions first."""
    denier, asserter, pair_score = candidates.pairs(
        np.flatnonzero(denial), np.flatnonzero(~denial), DENIAL_SIMILARITY
    )
    keep = _plausible(sentences, denier, asserter, subject_of)
    denier, asserter, pair_score = denier[keep], asserter[keep], pair_score[keep]
    keep = _about_the_denied(sentences, denier, asserter)
    denier, asserter, pair_score = denier[keep], asserter[keep], pair_score[keep]
    return [_Pair(d, a, "denial") for d, a in _best_per_denial(denier, asserter, pair_score)]


def _slot_pairs(candidates: _Candidates, noun: np.ndarray, country: np.ndarray) -> list[_Pair]:
    """Pairs that put the same matter (place noun) in different countries."""
    placed = np.flatnonzero(noun >= 0)
    first, second, _ = candidates.pairs(placed, placed, SLOT_SIMILARITY, upper=True)
    keep = (noun[first] == noun[second]) & (country[first] != country[second])
    order = np.lexsort((second[keep], first[keep]))
    first, second = first[keep][order], second[keep][order]
    return [_Pair(a, b, "slot") for a, b in zip(first.tolist(), second.tolist(), strict=True)]


def _flagged(
    sentences: Sequence[Sentence],
    vectors: SentenceVectors,
    origin_of: Mapping[str, str],
    years: Mapping[str, int | None],
    cues: Sequence[ContestCue] | None = None,
) -> tuple[list[_Pair], np.ndarray, list[tuple[str, str, str] | None]]:
    """Flagged pairs, with each sentence's denial flag and location slot (``cues``: each
    sentence's ``contest_cue``, if already computed)."""
    candidates = _Candidates(
        matrix=vectors.matrix[vectors.rows(sentences)],
        origin=np.array([origin_of.get(s.source, s.source) for s in sentences]),
        usable=np.array([not _other_year(s, years) for s in sentences], dtype=bool),
    )
    subject_of: Callable[[int], str | None]
    if cues is None:
        denial = np.array([denies(s.text) for s in sentences], dtype=bool)
        # A denial has no slot of its own (location_slot): the regex is not run on it twice.
        slots = [
            None if denied else _slot_unless_hedged(s.text)
            for s, denied in zip(sentences, denial.tolist(), strict=True)
        ]

        def subject_of(row: int) -> str | None:
            return sentence_subject(sentences[row].text)

    else:
        denial = np.array([cue.denies for cue in cues], dtype=bool)
        slots = [cue.slot for cue in cues]

        def subject_of(row: int) -> str | None:
            return cues[row].subject

    codes: dict[str, int] = {}
    noun = np.array([codes.setdefault(s[0], len(codes)) if s else -1 for s in slots])
    country = np.array([codes.setdefault(s[1], len(codes)) if s else -1 for s in slots])
    pairs = _denial_pairs(candidates, sentences, denial, subject_of)
    pairs += _slot_pairs(candidates, noun, country)
    return pairs, denial, slots


def contested_pairs(
    sentences: Sequence[Sentence],
    vectors: SentenceVectors,
    *,
    origin_of: Mapping[str, str] | None = None,
    year_of: Mapping[str, int | None] | None = None,
) -> list[tuple[Sentence, Sentence, str]]:
    """Every flagged pair as (first, second, "denial" | "slot"); the denying sentence is first
    in a denial pair. For measuring precision and recall on a labelled set."""
    if not sentences:
        return []
    pairs, _, _ = _flagged(sentences, vectors, origin_of or {}, year_of or {})
    return [(sentences[p.first], sentences[p.second], p.kind) for p in pairs]


def find_contests(
    sentences: Sequence[Sentence],
    vectors: SentenceVectors,
    *,
    origin_of: Mapping[str, str] | None = None,
    year_of: Mapping[str, int | None] | None = None,
    theme_of: Callable[[Sentence], str | None] | None = None,
    cues: Sequence[ContestCue] | None = None,
) -> tuple[Contest, ...]:
    """Contested statements among ``sentences`` (content sentences of several sources).

    ``origin_of`` maps a syndicated copy to its original (one origin never contests itself);
    ``year_of`` gives each source's publication year; ``theme_of`` files a contest under a theme;
    ``cues``: each sentence's ``contest_cue``, when the per-article stage computed them already.
    """
    if not sentences:
        return ()
    pairs, denial, slots = _flagged(sentences, vectors, origin_of or {}, year_of or {}, cues)
    return _contests(pairs, sentences, denial, slots, theme_of)


def _components(pairs: Sequence[_Pair]) -> list[list[_Pair]]:
    """Pairs joined into contests: pairs of one kind that share a sentence are one contest."""
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def find(node: tuple[str, int]) -> tuple[str, int]:
        while parent.setdefault(node, node) != node:
            node = parent[node]
        return node

    for pair in pairs:
        parent[find((pair.kind, pair.second))] = find((pair.kind, pair.first))
    groups: dict[tuple[str, int], list[_Pair]] = {}
    for pair in pairs:
        groups.setdefault(find((pair.kind, pair.first)), []).append(pair)
    return list(groups.values())


def _side(
    stance: str, members: Sequence[int], sentences: Sequence[Sentence], value: str = ""
) -> ContestSide:
    chosen = sorted(set(members), key=lambda i: (sentences[i].source, sentences[i].index))
    quotes = tuple(sentences[i] for i in chosen)
    # Who denies is the subject of the denial ("Russia called reports ... fake"); who asserts is
    # only a speaker the sentence names ("..., South Korean intelligence said").
    speaker_of = sentence_subject if stance == "denies" else sentence_speaker
    speakers = Counter(s for s in (speaker_of(q.text) for q in quotes) if s)
    # The speaker most of the side's sentences name (first named on a tie), else the outlets.
    attribution = max(speakers, key=lambda s: speakers[s]) if speakers else None
    return ContestSide(
        stance=stance,
        attribution=attribution,
        sources=tuple(dict.fromkeys(q.source for q in quotes)),
        quotes=_spread(quotes),
        value=value,
    )


def _spread(quotes: Sequence[Sentence]) -> tuple[Sentence, ...]:
    """Up to QUOTES_PER_SIDE quotes, one per source first."""
    firsts = list({q.source: q for q in reversed(quotes)}.values())[::-1]
    rest = [q for q in quotes if q not in firsts]
    return tuple(sorted((firsts + rest)[:QUOTES_PER_SIDE], key=lambda q: (q.source, q.index)))


def _slot_sides(
    members: set[int],
    sentences: Sequence[Sentence],
    slots: Sequence[tuple[str, str, str] | None],
) -> tuple[ContestSide, ...]:
    """One "differs" side per place, named as the first sentence giving it writes it."""
    by_value: dict[str, list[int]] = {}
    written: dict[str, str] = {}
    for i in sorted(members, key=lambda i: (sentences[i].source, sentences[i].index)):
        _, place, words = slots[i] or ("", "", "")
        by_value.setdefault(place, []).append(i)
        written.setdefault(place, words)
    return tuple(
        _side("differs", by_value[place], sentences, written[place]) for place in sorted(by_value)
    )


def _sides(
    kind: str,
    members: set[int],
    sentences: Sequence[Sentence],
    denial: np.ndarray,
    slots: Sequence[tuple[str, str, str] | None],
) -> tuple[ContestSide, ...]:
    """The sides of one contest: asserts and denies, or one per place."""
    if kind == "denial":
        return (
            _side("asserts", [i for i in members if not denial[i]], sentences),
            _side("denies", [i for i in members if denial[i]], sentences),
        )
    return _slot_sides(members, sentences, slots)


def _contests(
    pairs: Sequence[_Pair],
    sentences: Sequence[Sentence],
    denial: np.ndarray,
    slots: Sequence[tuple[str, str, str] | None],
    theme_of: Callable[[Sentence], str | None] | None,
) -> tuple[Contest, ...]:
    drafts = []
    for component in _components(pairs):
        members = {i for pair in component for i in (pair.first, pair.second)}
        sides = _sides(component[0].kind, members, sentences, denial, slots)
        anchor = min(members, key=lambda i: (sentences[i].source, sentences[i].index))
        drafts.append((sentences[anchor].source, sentences[anchor].index, sides, anchor))
    drafts.sort(key=lambda d: (d[0], d[1]))
    return tuple(
        Contest(
            id=f"contest-{n}",
            theme=theme_of(sentences[anchor]) if theme_of else None,
            label=_label(sides),
            sides=sides,
        )
        for n, (_, _, sides, anchor) in enumerate(drafts, start=1)
    )


def _who(side: ContestSide) -> str:
    sources = ", ".join(side.sources)
    return f"{side.attribution} (via {sources})" if side.attribution else sources


def _label(sides: Sequence[ContestSide]) -> str:
    """The tool's one-line summary of a contest."""
    if sides[0].stance == "asserts":
        return f"Reported by {_who(sides[0])}; denied or not confirmed by {_who(sides[1])}."
    values = " vs ".join(f"{side.value} ({', '.join(side.sources)})" for side in sides)
    return f"Sources place the same matter differently: {values}."


__all__ = [
    "ContestCue",
    "contest_cue",
    "contested_pairs",
    "denies",
    "find_contests",
    "location_slot",
]
