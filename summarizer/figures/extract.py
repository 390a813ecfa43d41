"""Extraction: the figures stated as claims in an article's content sentences.

``extract_figures`` finds the number phrases, drops those that are not claims and reads the
words around each remaining one for what it counts (``unit``/``subject``), what happened to it
(``measure``), who says so (``attribution``), when (``as_of``) and how firmly (``certainty``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import islice

from summarizer.models import Article, Figure, Sentence

from .. import lang
from .attribution import (
    actor_key,
    actor_of,
    as_of_date,
    find_speaker,
    is_name,
    read_as_of,
    read_certainty,
    resolve_definite,
)
from .claims import (
    Counted,
    SentenceView,
    casualty_chain,
    find_cues,
    noun_phrase_after,
    per_unit_after,
    rate_noun_before,
    read_counted,
    sentence_view,
    unit_class,
    unit_of,
    window_after,
    window_before,
)
from .facts import SentenceFacts, facts_of, sentence_facts
from .lexicon import CASUALTY_CUES, COUNTRY_ALIASES, UNIT_SYNONYMS
from .numbers import CURRENCY_CODES, Phrase
from .tokens import collapse_space

# ---------------------------------------------------------------------------------------------
# Extraction


@dataclass(frozen=True)
class _Reading:
    """What the words around one number say, before it becomes a Figure."""

    measure: str
    unit: str
    subject: str


def extract_figures(article: Article, sentences: Sequence[Sentence]) -> tuple[Figure, ...]:
    """Figures stated as claims in the article's content sentences, in document order."""
    return _extract(article, sentences, None)


def extract_figures_and_facts(
    article: Article, sentences: Sequence[Sentence]
) -> tuple[tuple[Figure, ...], dict[int, SentenceFacts]]:
    """``extract_figures``, and the ``SentenceFacts`` of each of those content sentences (by
    ``Sentence.index``), read from the same sentence views: what compare and contested need."""
    facts: dict[int, SentenceFacts] = {}
    return _extract(article, sentences, facts), facts


def _extract(
    article: Article, sentences: Sequence[Sentence], facts: dict[int, SentenceFacts] | None
) -> tuple[Figure, ...]:
    """Figures of the article's content sentences; their facts go into ``facts`` if given."""
    article_date = _parse_date(article.date)
    figures: list[Figure] = []
    previous: tuple[Figure, ...] = ()
    previous_speaker: str | None = None
    history: list[str] = []
    content = sorted(
        (s for s in sentences if s.furniture is None and s.source == article.id),
        key=lambda s: s.index,
    )
    for sentence in content:
        view = sentence_view(article.raw[sentence.start : sentence.end], sentence.start)
        sentence_speaker = find_speaker(view, None)
        found: list[Figure] = []
        for index in range(len(view.phrases)):
            figure = _figure(
                article, sentence, view, index, found, previous, previous_speaker, history,
                article_date,
            )  # fmt: skip
            if figure is not None:
                found.append(figure)
        figures.extend(found)
        named = sentence_speaker.text if sentence_speaker and sentence_speaker.text else None
        if facts is not None:
            # The facts are of the collapsed text; the raw slice reads the same when it is equal.
            same = view.text == sentence.text
            facts[sentence.index] = facts_of(view, named) if same else sentence_facts(sentence.text)
        if named:
            history.append(named)
        previous = tuple(found)
        previous_speaker = next((f.attribution for f in found if f.attribution), named)
    return tuple(figures)


def _parse_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _figure(
    article: Article,
    sentence: Sentence,
    view: SentenceView,
    index: int,
    earlier: Sequence[Figure],
    previous: Sequence[Figure],
    previous_speaker: str | None,
    history: Sequence[str],
    article_date: date | None,
) -> Figure | None:
    """The Figure for one number phrase, or None when it is not a claim."""
    phrase = view.phrases[index]
    if view.skip[index] is not None:
        return None
    counted = read_counted(view, phrase)
    anaphoric = counted.anaphoric or _anaphoric_opening(view, phrase)
    antecedent = _antecedent(earlier, previous, anaphoric)
    reading = _reading(view, index, counted, earlier, antecedent)
    if reading is None:
        return None
    value = phrase.value
    small_word = phrase.quantity.words and value.value < 10 and not phrase.quantity.idiom
    if (small_word or value.vague) and reading.measure in ("count", "amount"):
        return None  # "two key areas", "thousands returned": no claim we can name
    if small_word and unit_class(reading.unit, "") != "people":
        return None  # "offered two options": small worded counts matter for people only
    speaker = _figure_attribution(view, phrase, previous_speaker, history, anaphoric, antecedent)
    measure = reading.measure
    if _is_additional(phrase, counted, earlier, measure):
        measure = f"{measure}_additional"
    start = view.offset + view.tokens[phrase.first].start
    end = view.offset + view.tokens[phrase.last].end
    as_of = read_as_of(view, phrase, article_date)
    best_date = as_of_date(as_of, article_date)
    return Figure(
        source=article.id,
        sentence=sentence,
        text=value.text,
        value=value.value,
        low=value.low,
        high=value.high,
        unit=reading.unit,
        measure=measure,
        subject=reading.subject,
        approximate=value.approximate,
        attribution=speaker,
        as_of=as_of,
        certainty=read_certainty(view, phrase),
        span=(start, end),
        date=best_date.isoformat() if best_date else None,
    )


# "Of these, 300 ...": openings that make a count part of an earlier one (one per line in data).
_ANAPHORIC_OPENINGS = tuple(tuple(entry.split()) for entry in lang.entries("anaphoric_openings"))


def _anaphoric_opening(view: SentenceView, phrase: Phrase) -> bool:
    """ "Of these, 300 ...", "Among them, ...": the count is a part of an earlier one."""
    # The first three words before the number are all the openings can hold.
    words = list(islice((t.low for t in view.tokens[: phrase.first] if t.kind == "word"), 3))
    return any(tuple(words[: len(opening)]) == opening for opening in _ANAPHORIC_OPENINGS)


def _antecedent(
    earlier: Sequence[Figure], previous: Sequence[Figure], anaphoric: bool
) -> Figure | None:
    """The count an anaphoric number refers to: the last people count before it."""
    if not anaphoric:
        return None
    for figure in [*reversed(earlier), *reversed(previous)]:
        if unit_class(figure.unit, "") == "people":
            return figure
    return None


@dataclass(frozen=True)
class ReadingContext:
    """The words around one number, read once, that the reading rules decide on."""

    view: SentenceView
    index: int
    counted: Counted
    earlier: Sequence[Figure]
    unit: str
    subject: str
    cls: str  # unit class: people | things | money | percent | votes | none
    before: Sequence[int]
    after: Sequence[int]
    rate: str  # measure named by a noun before the number ("death toll"), or ""
    elided: Figure | None  # the earlier figure whose noun this number leaves out
    casualty: str  # what happened to counted people, or ""
    cues: Sequence[tuple[int, str]]

    @property
    def phrase(self) -> Phrase:
        return self.view.phrases[self.index]


def _unit_and_subject(
    view: SentenceView,
    index: int,
    counted: Counted,
    earlier: Sequence[Figure],
    antecedent: Figure | None,
    rate: str,
) -> tuple[str, str, Figure | None]:
    """What the number counts, from its noun, an antecedent ("of these") or an elided noun."""
    value = view.phrases[index].value
    unit, subject = unit_of(counted.words), _generic_subject(counted.words)
    if not unit and antecedent is not None:
        unit, subject = antecedent.unit, antecedent.subject
    elided = None
    if not unit and not value.unit and not counted.anaphoric and not rate:
        elided = _elided_from(view, view.phrases[index], earlier)  # "and 2,700 others", "7 to 2"
        if elided is not None:
            unit, subject = elided.unit, elided.subject
    return unit, subject, elided


def reading_context(
    view: SentenceView,
    index: int,
    counted: Counted,
    earlier: Sequence[Figure],
    antecedent: Figure | None,
) -> ReadingContext:
    """What the reading rules look at around phrase ``index``: its unit, subject and context."""
    value = view.phrases[index].value
    before = window_before(view, index)
    rate = rate_noun_before(view, before)
    unit, subject, elided = _unit_and_subject(view, index, counted, earlier, antecedent, rate)
    number_unit = value.unit or (elided.unit if elided and is_money(elided.unit) else "")
    if is_money(number_unit) or number_unit == "%":
        unit = number_unit
    cls = unit_class(unit, number_unit)
    if cls == "things" and unit_class(unit_of(counted.words[-1:]), "") == "people":
        cls = "people"  # "two small units of combat troops" are people sent, not goods
    after = window_after(view, index, counted.end + 1)
    casualty = ""
    if cls in ("people", "none"):
        casualty = casualty_chain(view, after) or _casualty_verb_before(view, before, unit)
    cues = find_cues(view, before) + _object_cues(view, after)
    return ReadingContext(
        view, index, counted, earlier, unit, subject, cls, before, after, rate, elided, casualty,
        cues,
    )  # fmt: skip


@dataclass(frozen=True)
class ReadingRule:
    """One named rule for what a number measures: when it applies, its reading is final.

    ``read`` returning None means the number states no claim we can name.
    """

    name: str
    applies: Callable[[ReadingContext], bool]
    read: Callable[[ReadingContext], _Reading | None]


def _restates_earlier(c: ReadingContext) -> bool:
    # "15 billion lei, or the equivalent of 395,000 euro": the same amount restated.
    return (
        bool(c.earlier)
        and _restates(c.view, c.phrase)
        and is_money(c.earlier[-1].unit) == (c.cls == "money")
    )


def _casualty_reading(c: ReadingContext) -> _Reading:
    unit = c.unit if c.cls == "people" else "people"
    return _Reading(c.casualty or "killed", unit, _scoped(c.view, c.index, c.subject, unit))


def _percent_rule(c: ReadingContext) -> _Reading | None:
    reading = _percent_reading(c.view, c.index, c.counted, c.before, c.after, c.rate)
    if reading is not None and reading.measure in ("rise", "fall") and not reading.subject:
        # "settled at $84.50, up about 2%": the change is in the good just priced.
        subject = next((f.subject for f in reversed(c.earlier) if f.subject), "")
        return _Reading(reading.measure, reading.unit, subject)
    return reading


def _votes_reading(c: ReadingContext) -> _Reading:
    actor = actor_of(c.view, c.index, c.counted.end)
    measure = "votes"
    if not actor and c.elided is not None and _elision_word(c.view, c.phrase) in _VERSUS_WORDS:
        measure = "votes_against"  # "by 7 votes to 2"
    return _Reading(measure, c.unit, actor_key(actor) if actor else "")


def _nearest_cues(c: ReadingContext) -> list[str]:
    return [
        category for _, category in sorted(c.cues, key=lambda cue: abs(cue[0] - c.phrase.first))
    ]


def _people_moved_reading(c: ReadingContext) -> _Reading:
    measure = next(
        ("pledged" if cue == "pledge" else "deployed" for cue in _nearest_cues(c)
         if cue in ("deploy", "supply", "pledge")),
        "count",
    )  # fmt: skip
    return _Reading(measure, c.unit, c.subject)


def _things_reading(c: ReadingContext) -> _Reading:
    nearest = _nearest_cues(c)
    measure = next(
        ("pledged" if cue == "pledge" else "supplied" for cue in nearest
         if cue in ("deploy", "supply", "give", "pledge")),
        "destroyed" if "destroy" in nearest else "count",
    )  # fmt: skip
    return _Reading(measure, c.unit, c.subject)


# Ordered: the first rule that applies decides.
READING_RULES: tuple[ReadingRule, ...] = (
    ReadingRule(
        "restated amount",
        _restates_earlier,
        lambda c: _Reading(c.earlier[-1].measure, c.unit, c.earlier[-1].subject),
    ),
    ReadingRule(
        "rate noun",  # "a magnitude 7.1 earthquake"
        lambda c: bool(c.rate) and c.rate != "killed" and c.cls in ("none", "things"),
        lambda c: _Reading(c.rate, c.rate, ""),
    ),
    ReadingRule(
        "modifier without unit",
        lambda c: c.counted.modifier and not c.phrase.value.unit,
        lambda c: None,
    ),
    ReadingRule(
        "casualty",
        lambda c: c.cls in ("people", "none") and bool(c.casualty or c.rate == "killed"),
        _casualty_reading,
    ),
    ReadingRule("counts nothing named", lambda c: c.cls == "none", lambda c: None),
    ReadingRule("percent", lambda c: c.cls == "percent", _percent_rule),
    ReadingRule("votes", lambda c: c.cls == "votes", _votes_reading),
    ReadingRule(
        "money",
        lambda c: c.cls == "money",
        lambda c: _money_reading(c.view, c.index, c.counted, c.after, c.cues, c.unit, c.earlier),
    ),
    ReadingRule("people moved", lambda c: c.cls == "people", _people_moved_reading),
    ReadingRule("things", lambda c: True, _things_reading),
)


def reading_rule(context: ReadingContext) -> ReadingRule:
    """The first reading rule that applies to a number in its context."""
    return next(rule for rule in READING_RULES if rule.applies(context))


def _reading(
    view: SentenceView,
    index: int,
    counted: Counted,
    earlier: Sequence[Figure],
    antecedent: Figure | None,
) -> _Reading | None:
    """Measure, unit and subject for a number from the words around it."""
    context = reading_context(view, index, counted, earlier, antecedent)
    return reading_rule(context).read(context)


_VERSUS_WORDS = frozenset({"to", "against", "versus", "vs", "vs."})
_CASUALTY_VERBS_BEFORE = lang.words("casualty_verbs_before")
_BE_FORMS = frozenset({"is", "are", "was", "were", "be", "been", "being"})
_TRANSFER_NOUNS = lang.words("transfer_nouns")


def _casualty_verb_before(view: SentenceView, before: Sequence[int], unit: str) -> str:
    """ "the strike killed 12 civilians", "claimed 175,000 lives": an outcome verb just before."""
    for k in before[:3]:
        low = view.tokens[k].low
        if low in _CASUALTY_VERBS_BEFORE:
            return CASUALTY_CUES.get(low, "")
        if low in ("claimed", "claiming", "claims", "claim") and unit == "people":
            return "killed"
    return ""


def _object_cues(view: SentenceView, after: Sequence[int]) -> list[tuple[int, str]]:
    """Cues after a count that describe what was done to it, not what it did.

    "$500 million pledge", "troops were sent", "aid pledged by": yes. "12,000 donors have
    donated": no, the donors are the ones giving.
    """
    tokens = view.tokens
    kept = []
    for k, category in find_cues(view, after):
        participle = not tokens[k].low.endswith("ing") and tokens[k].low not in _TRANSFER_NOUNS
        passive = participle and any(tokens[m].low in _BE_FORMS for m in range(max(0, k - 2), k))
        by_agent = k + 1 < len(tokens) and tokens[k + 1].low == "by"
        # "$500 million pledge", "the $177 million spent": a noun or participle right after.
        attached = (
            bool(after)
            and k == after[0]
            and (tokens[k].low in _TRANSFER_NOUNS or tokens[k].low.endswith(("ed", "ent")))
        )
        if passive or by_agent or attached:
            kept.append((k, category))
    return kept


def _scoped(view: SentenceView, index: int, subject: str, unit: str) -> str:
    """Add the place a people count is limited to: "people in sweden"."""
    scope = _scope(view, index)
    if not scope:
        return subject
    return f"{subject or unit} in {scope}"


# How far after a number "in <Place>" may stand and still scope it ("killed in Malaysia").
_SCOPE_WINDOW_AFTER = 6
_SCOPE_WINDOW_BEFORE = 6
_POSSESSING_VERBS = ("has", "have", "had")


def _scope_in_place(view: SentenceView, index: int) -> str:
    """ "80,000 killed in Indonesia": "in" and a name within a few words after the number."""
    tokens = view.tokens
    after = window_after(view, index, view.phrases[index].last + 1)
    for position, k in enumerate(after[:_SCOPE_WINDOW_AFTER]):
        if (
            tokens[k].low == "in"
            and position + 1 < len(after)
            and is_name(tokens[after[position + 1]])
        ):
            return _place(view, after[position + 1])
    return ""


def _scope_country_has(view: SentenceView, index: int) -> str:
    """ "Sweden has 17 dead": a country name just before "has" before the number."""
    before = window_before(view, index, limit=_SCOPE_WINDOW_BEFORE)
    if len(before) > 1 and view.tokens[before[0]].low in _POSSESSING_VERBS:
        name = view.tokens[before[1]]
        if is_name(name) and name.low in COUNTRY_ALIASES:
            return COUNTRY_ALIASES[name.low]
    return ""


def _name_before_alone(view: SentenceView, last: int) -> str:
    """The name ending at token last ("Indonesia", "Aceh's"), lowercased, or ""."""
    tokens = view.tokens
    first = last
    while (
        first - 1 >= 0
        and tokens[first - 1].kind == "word"
        and (is_name(tokens[first - 1]) or tokens[first - 1].low.endswith("'s"))
    ):
        first -= 1
    if any(is_name(t) for t in tokens[first : last + 1]):
        return collapse_space(view.text[tokens[first].start : tokens[last].end]).lower()
    return ""


def _scope_alone(view: SentenceView, index: int) -> str:
    """ "in Indonesia alone, 80,000": a name before "alone" before the number."""
    before = window_before(view, index, limit=_SCOPE_WINDOW_BEFORE)
    for position, k in enumerate(before):
        if view.tokens[k].low == "alone" and position + 1 < len(before):
            name = _name_before_alone(view, before[position + 1])
            if name:
                return name
    return ""


# Ordered: the first rule that finds a place scopes the number.
SCOPE_RULES: tuple[Callable[[SentenceView, int], str], ...] = (
    _scope_in_place,
    _scope_country_has,
    _scope_alone,
)


def _scope(view: SentenceView, index: int) -> str:
    """ "killed in Malaysia", "80,000 in Indonesia alone", "Sweden has 17 dead"."""
    for rule in SCOPE_RULES:
        scope = rule(view, index)
        if scope:
            return scope
    return ""


def _place(view: SentenceView, first: int) -> str:
    """A place name, or a list of them ("Malaysia, Myanmar and Kenya"), lowercased."""
    tokens = view.tokens
    last = first
    k = first + 1
    while k < len(tokens):
        if is_name(tokens[k]):
            last = k
        elif tokens[k].text == "," or tokens[k].low in ("and", "the"):
            pass
        else:
            break
        k += 1
    return collapse_space(view.text[tokens[first].start : tokens[last].end]).lower()


def _money_reading(
    view: SentenceView,
    index: int,
    counted: Counted,
    after: Sequence[int],
    cues: Sequence[tuple[int, str]],
    unit: str,
    earlier: Sequence[Figure],
) -> _Reading:
    measure = _money_measure(view, after, cues)
    actor = actor_of(view, index, counted.end)
    subject = actor_key(actor) if actor else ""
    if measure == "price":
        per = per_unit_after(view, after)
        unit = f"{unit.split('/')[0]}/{per}" if per else unit
        if not subject:
            # "Brent rose 2% to $84.50 a barrel": the price is of the good that rose.
            subject = next((f.subject for f in reversed(earlier) if f.subject), "")
    return _Reading(measure, unit, subject)


def _generic_subject(words: Sequence[str]) -> str:
    """The counted phrase with a generic head: "north korean soldiers" -> "north korean troops"."""
    kept = [w for w in words if w not in ("other", "others")]
    if not kept:
        return ""
    head = kept.index("of") - 1 if "of" in kept else len(kept) - 1
    kept[head] = UNIT_SYNONYMS.get(kept[head], kept[head])
    return " ".join(kept)


def _elided_from(view: SentenceView, phrase: Phrase, earlier: Sequence[Figure]) -> Figure | None:
    """The figure a bare number shares its noun with: "300 killed and 2,700 wounded"."""
    if not earlier:
        return None
    previous_end = earlier[-1].span[1] - view.offset
    between = [
        t
        for t in view.tokens
        if previous_end <= t.start and t.end <= view.tokens[phrase.first].start
    ]
    if len(between) <= 12:
        return earlier[-1]
    if phrase.value.scale >= 1e6:
        # "... 322 million U.S. dollars ..., in addition to the 350 million": a bare amount with
        # a scale word is in the currency the sentence already named.
        return next((f for f in reversed(earlier) if is_money(f.unit)), None)
    return None


def is_money(unit: str) -> bool:
    return unit.split("/")[0] in CURRENCY_CODES


def _elision_word(view: SentenceView, phrase: Phrase) -> str:
    k = phrase.first - 1
    return view.tokens[k].low if k >= 0 else ""


def _restates(view: SentenceView, phrase: Phrase) -> bool:
    words = {view.tokens[k].low for k in range(max(0, phrase.first - 4), phrase.first)}
    return "equivalent" in words or ("or" in words and bool(words & {"about", "some", "roughly"}))


def _money_measure(
    view: SentenceView, after: Sequence[int], cues: Sequence[tuple[int, str]]
) -> str:
    """pledged | given | raised | spent | price | cost | amount, from nearby cues."""
    if per_unit_after(view, after):
        return "price"
    categories = [c for _, c in cues]
    if "pledge" in categories:
        return "pledged"
    for category in categories:
        if category in ("give", "supply", "deploy"):
            return "given"
        if category in ("raise", "spend", "price", "cost"):
            return {"raise": "raised", "spend": "spent"}.get(category, category)
    return "amount"


def _percent_reading(
    view: SentenceView,
    index: int,
    counted: Counted,
    before: Sequence[int],
    after: Sequence[int],
    rate: str,
) -> _Reading | None:
    """Percentages are figures only when we can say what they measure."""
    tokens = view.tokens
    phrase = view.phrases[index]
    words = [tokens[k].low for k in after[:4]]
    if words[:3] in (["of", "the", "vote"], ["of", "the", "votes"]):
        actor = actor_of(view, index, counted.end)
        return _Reading("vote_share", "%", actor_key(actor) if actor else "")
    if rate:
        return _Reading(rate, "%", "")
    change = next(
        (c for k, c in find_cues(view, before[:3]) if c in ("rise", "fall")),
        "",
    )
    if change:
        actor = actor_of(view, index, counted.end)
        return _Reading(change, "%", actor_key(actor) if actor else "")
    if words[:1] == ["of"]:
        share, _, _ = noun_phrase_after(tokens, phrase.last + 2)
        if share:
            return _Reading("share", "%", " ".join(share))
    return None


def _is_additional(
    phrase: Phrase, counted: Counted, earlier: Sequence[Figure], measure: str
) -> bool:
    """An increment on an earlier count ("3,000 additional troops"), not a part of one."""
    if measure in ("count", "amount"):
        return False
    if earlier and (measure in CASUALTY_CUES.values() or "_or_" in measure):
        # "52 killed and hundreds more injured", "with another 3,000 wounded": the rest of a
        # total split by outcome, nothing added.
        return False
    if counted.additional:
        return True
    return phrase.additional and not (phrase.additional_word == "another" and earlier)


def _figure_attribution(
    view: SentenceView,
    phrase: Phrase,
    previous_speaker: str | None,
    history: Sequence[str],
    anaphoric: bool,
    antecedent: Figure | None,
) -> str | None:
    speaker = find_speaker(view, phrase)
    if speaker is not None and speaker.text:
        return resolve_definite(speaker.text, history)
    if speaker is not None and speaker.pronoun:
        return previous_speaker
    if anaphoric:
        return antecedent.attribution if antecedent is not None else previous_speaker
    return None
