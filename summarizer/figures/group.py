"""Figures from different sources that measure the same thing, lined up with a verdict.

Combined casualty figures ("4,000 ... killed or injured"): a measure that joins several outcomes
("killed_or_wounded", "wounded_or_missing", "casualties") gets no group of its own. Instead every
claim that covers two or more outcomes (one sentence's "300 killed and 2,700 wounded", or one
combined figure) goes into a "casualties:<subject>" group, where totals are compared: equal outcome
sets must overlap, and a claim covering fewer outcomes cannot exceed one covering more. The single
outcomes (killed, wounded, ...) still get their own groups as well.

Grouping: same measure and unit, and compatible subjects (one subject's words contain the other's;
a place scope such as "in Sweden" must match; money, votes and percentages are told apart by their
actor, the donor, candidate or priced good, and an unnamed actor matches no one). Keys are
"measure:subject" ("killed:north-korean-troops") or "measure:actor:unit" ("pledged:japan:usd").
Verdicts: "single" when one source; else "agree" when every value allowed by the mentions overlaps
(bounds as written, ±10% around an approximate single value), else "diverge". Vague counts are
listed but never decide a verdict; "count" and "amount" figures (the thing counted is known, what
happened to it is not) are not grouped. Origins: speakers are normalised (demonym -> country,
"intelligence agency" = "National Intelligence Service"), a shorter name with a distinctive word
("Joint Chiefs") matches its longer form, and an unattributed figure is its outlet's own origin.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from summarizer.models import Figure, FigureGroup

from .. import lang
from .claims import combined_measure
from .extract import is_money
from .lexicon import (
    CASUALTY_ORDER,
    COUNTRY_ALIASES,
    COUNTRY_PATTERN,
    FUNCTION_WORDS,
    GENERIC_ORIGIN_WORDS,
    INSTITUTION_SYNONYMS,
    PEOPLE_UNITS,
    PROPER_WORDS,
    RATE_NOUNS,
    UNIT_SYNONYMS,
)
from .numbers import parse_number

# ---------------------------------------------------------------------------------------------
# Grouping

_CASUALTY_COMPONENTS: dict[str, frozenset[str]] = {
    "killed": frozenset({"killed"}),
    "wounded": frozenset({"wounded"}),
    "missing": frozenset({"missing"}),
    "captured": frozenset({"captured"}),
    "casualties": frozenset(CASUALTY_ORDER),
}
for _a in range(len(CASUALTY_ORDER)):
    for _b in range(_a + 1, len(CASUALTY_ORDER)):
        _CASUALTY_COMPONENTS[combined_measure([CASUALTY_ORDER[_a], CASUALTY_ORDER[_b]])] = (
            frozenset({CASUALTY_ORDER[_a], CASUALTY_ORDER[_b]})
        )
        for _c in range(_b + 1, len(CASUALTY_ORDER)):
            _three = [CASUALTY_ORDER[_a], CASUALTY_ORDER[_b], CASUALTY_ORDER[_c]]
            _CASUALTY_COMPONENTS[combined_measure(_three)] = frozenset(_three)
_COMBINED_MEASURES = frozenset(m for m, parts in _CASUALTY_COMPONENTS.items() if len(parts) > 1)
_UNGROUPED_MEASURES = frozenset({"count", "amount"})
_APPROXIMATE_TOLERANCE = 0.10
_VERDICT_ORDER = {"diverge": 0, "updated": 1, "agree": 2, "single": 3}
MIN_UPDATE_STEPS = 2  # dates a count must be reported on to read as a sequence of updates

_MEASURE_WORDS: dict[str, str] = dict(lang.table("measure_words"))
_MONEY_MEASURES = frozenset({"pledged", "given", "raised", "spent", "cost", "amount"})


@dataclass(frozen=True)
class _LabelParts:
    """A group key taken apart for labelling."""

    base: str  # the measure without "_additional"
    subject: str
    unit: str  # "USD", "%", "USD/barrel" or ""


def _money_label(p: _LabelParts) -> str:
    actor = _title(p.subject.removesuffix(" people"))
    if p.subject.endswith(" people"):
        actor = f"people of {actor}"
    return f"{p.unit} {p.base}" + (f" by {actor}" if p.subject else "")


_VOTE_NOUNS = {
    "votes": "Votes for",
    "votes_against": "Votes against",
    "vote_share": "Vote share of",
}


def _votes_label(p: _LabelParts) -> str:
    return f"{_VOTE_NOUNS[p.base]} {_title(p.subject)}" if p.subject else p.base.replace("_", " ")


def _outcome_label(p: _LabelParts) -> str:
    words = _MEASURE_WORDS.get(p.base) or _measure_words(p.base)
    return f"{p.subject} {words}" if p.subject else words


# Ordered (applies, label) rules: the first that applies names the group.
_LABEL_RULES: tuple[tuple[Callable[[_LabelParts], bool], Callable[[_LabelParts], str]], ...] = (
    (
        lambda p: p.base == "casualties",
        lambda p: f"Casualty totals among {p.subject} (killed, wounded, missing combined)",
    ),
    (lambda p: p.base in _MONEY_MEASURES and bool(p.unit), _money_label),
    (
        lambda p: p.base == "price",
        lambda p: f"Price of {p.subject} ({p.unit})" if p.subject else f"Price ({p.unit})",
    ),
    (lambda p: p.base in _VOTE_NOUNS, _votes_label),
    (
        lambda p: p.base in ("rise", "fall"),
        lambda p: f"{p.base} in {p.subject} (%)" if p.subject else f"{p.base} (%)",
    ),
    (lambda p: p.unit == "%", lambda p: f"{p.base.replace('_', ' ')} (%)"),
    (lambda p: p.base == "share", lambda p: f"Share of {p.subject} (%)"),
    (lambda p: p.base in _MEASURE_WORDS or "_or_" in p.base, _outcome_label),
    (lambda p: True, lambda p: f"{p.base.replace('_', ' ')} {p.subject}".strip()),
)


def figure_measure_label(key: str) -> str:
    """A readable name for a group key: "killed:north-korean-troops" -> "North Korean troops
    killed", "pledged:japan:usd" -> "USD pledged by Japan"."""
    measure, _, rest = key.split("#")[0].partition(":")
    subject_slug, _, unit_slug = rest.partition(":")
    currency, _, per = unit_slug.partition("-per-")
    unit = ("%" if currency == "pct" else currency.upper()) + (f"/{per}" if per else "")
    parts = _LabelParts(
        measure.removesuffix("_additional"), _label_words(subject_slug.replace("-", " ")), unit
    )
    label = next(build(parts) for applies, build in _LABEL_RULES if applies(parts))
    if measure.endswith("_additional"):
        label = f"additional {label}"
    return label[:1].upper() + label[1:]


def _measure_words(measure: str) -> str:
    """ "killed_wounded_or_missing" -> "killed, wounded or missing"."""
    head, _, tail = measure.partition("_or_")
    return ", ".join(head.split("_")) + f" or {tail}" if tail else head.replace("_", " ")


def _label_words(text: str) -> str:
    special = {"us": "US", "uk": "UK", "un": "UN", "eu": "EU", "usd": "USD"}
    out = []
    for word in text.split():
        if word in special:
            out.append(special[word])
        elif word in PROPER_WORDS:
            out.append(word.capitalize())
        else:
            out.append(word)
    return " ".join(out)


def _title(text: str) -> str:
    return " ".join(w if w.isupper() else w.capitalize() for w in text.split())


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower().replace(".", "")).strip("-")


def _subject_parts(subject: str, *, people: bool = False) -> tuple[frozenset[str], str, bool]:
    """(words with synonyms merged, place scope, is a conjunction) for a subject. With
    ``people``, the people noun itself is left out: "British sailors" and "British navy
    personnel" held are the same people, told apart only by who they are."""
    counted, _, scope = subject.lower().partition(" in ")
    words = [UNIT_SYNONYMS.get(w, w) for w in re.findall(r"[\w'.-]+", counted)]
    if people:
        words = [w for w in words if w not in _people_units()]
    return frozenset(w for w in words if w != "and"), scope, "and" in words


def _compatible(a: str, b: str, *, strict: bool = False, people: bool = False) -> bool:
    """Same thing counted: one subject's words hold the other's ("troops", "north korean troops").

    An empty subject (the sentence did not say) matches any subject unless strict, which is for
    actors (donors, candidates, goods): an unnamed donor is not any donor.
    """
    if a == b:
        return True
    if not a or not b:
        return not strict and not (a or b).lower().partition(" in ")[2]
    words_a, scope_a, joined_a = _subject_parts(a, people=people)
    words_b, scope_b, joined_b = _subject_parts(b, people=people)
    if scope_a != scope_b:
        return False  # "killed in Sweden" is not the toll everywhere
    if joined_a or joined_b:
        return words_a == words_b  # "Russian and North Korean troops" is its own total
    if strict and ("people" in words_a) != ("people" in words_b):
        return False  # a country's people did not give what its government gave
    return words_a <= words_b or words_b <= words_a


def _actor_based(unit: str) -> bool:
    """Money, percentages and votes are told apart by whose they are, not by what they count."""
    return is_money(unit) or unit in ("%", "votes", "ballots")


def _interval(figure: Figure) -> tuple[float, float]:
    """Values a figure allows: bounds as written, ±10% around an approximate single value."""
    low = figure.low if figure.low is not None else 0.0
    high = figure.high if figure.high is not None else math.inf
    if figure.approximate and figure.low is not None and figure.low == figure.high:
        low, high = low * (1 - _APPROXIMATE_TOLERANCE), high * (1 + _APPROXIMATE_TOLERANCE)
    return low, high


def _is_vague(figure: Figure) -> bool:
    parsed = parse_number(figure.text)
    return parsed is not None and parsed.vague


def _order(figure: Figure) -> tuple[str, int, int]:
    return (figure.source, figure.sentence.index, figure.span[0])


def _origin_words(attribution: str) -> frozenset[str]:
    text = " " + attribution.lower().replace("’", "'") + " "
    text = re.sub(r"'s\b|'", " ", text)
    for pattern, replacement in INSTITUTION_SYNONYMS:
        text = re.sub(r"(?<![\w.])" + re.escape(pattern) + r"(?![\w])", replacement, text)
    countries: list[str] = []

    def _country(match: re.Match[str]) -> str:
        countries.append(COUNTRY_ALIASES[match.group(1)].replace(" ", "_"))
        return " "

    text = COUNTRY_PATTERN.sub(_country, text)
    words = {w for w in re.findall(r"[\w]+", text) if w not in FUNCTION_WORDS}
    words -= {"latest", "new", "earlier", "previous", "national", "its", "own"}
    return frozenset(words | set(countries))


def _same_origin(a: frozenset[str], b: frozenset[str]) -> bool:
    if a == b:
        return True
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    distinctive = {
        w
        for w in small
        if w not in GENERIC_ORIGIN_WORDS and w.replace("_", " ") not in COUNTRY_ALIASES.values()
    }
    return small <= large and bool(distinctive)


def _origins(figures: Sequence[Figure]) -> list[int]:
    """Origin number per figure: the same normalised speaker relayed by two outlets is one."""
    keys: list[frozenset[str] | None] = [
        _origin_words(f.attribution) if f.attribution else None for f in figures
    ]
    labels = list(range(len(figures)))

    def find(i: int) -> int:
        while labels[i] != i:
            i = labels[i]
        return i

    for i in range(len(figures)):
        for j in range(i):
            ki, kj = keys[i], keys[j]
            same = (
                (ki is not None and kj is not None and _same_origin(ki, kj))
                or (ki is None and kj is None and figures[i].source == figures[j].source)
            )  # fmt: skip
            if same:
                labels[find(i)] = find(j)
    roots = [find(i) for i in range(len(figures))]
    numbering = {root: n for n, root in enumerate(dict.fromkeys(roots))}
    return [numbering[r] for r in roots]


def _format_amount(value: float) -> str:
    if value >= 1e9 and value % 1e7 == 0:
        return f"{value / 1e9:g} billion"
    if value >= 1e6 and value % 1e4 == 0:
        return f"{value / 1e6:g} million"
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def _bounded_value(figure: Figure) -> str:
    """ "10,000–12,000", or "nearly 150,000" when the text said so."""
    parsed = parse_number(figure.text)
    if parsed is not None and parsed.qualifier == "nearly":
        return "nearly " + _format_amount(figure.high or 0.0)
    return f"{_format_amount(figure.low or 0.0)}–{_format_amount(figure.high or 0.0)}"


def _bare_value(figure: Figure) -> str:
    """The value without its unit: "300", "~2,700", "≥1,000", "≤80,000", "10,000–12,000"."""
    low, high = figure.low, figure.high
    if _is_vague(figure) or (low is None and high is None):
        return figure.text
    if low is None:
        return "≤" + _format_amount(high or 0.0)
    if high is None:
        return "≥" + _format_amount(low)
    if low == high:
        return ("~" if figure.approximate else "") + _format_amount(figure.value)
    return _bounded_value(figure)


def _display_value(figure: Figure) -> str:
    """Compact value: "300", "~2,700", "10,000–12,000", "≥1,000", "USD 2.3 billion"."""
    shown = _bare_value(figure)
    if is_money(figure.unit):
        currency, _, per = figure.unit.partition("/")
        return f"{currency} {shown}" + (f" a {per}" if per else "")
    return shown + "%" if figure.unit == "%" else shown


def _unit_word(figure: Figure) -> str:
    base = figure.measure.removesuffix("_additional")
    if base in _CASUALTY_COMPONENTS or base in ("displaced", "evacuated", "arrested", "rescued"):
        return _MEASURE_WORDS.get(base) or _measure_words(base)
    if is_money(figure.unit) or figure.unit == "%" or not figure.unit:
        return ""
    return figure.unit


@dataclass(frozen=True)
class _Claim:
    """One casualty statement: the outcomes it covers and its total range."""

    figures: tuple[Figure, ...]
    outcomes: frozenset[str]
    low: float
    high: float

    @property
    def subject(self) -> str:
        return max((f.subject for f in self.figures), key=lambda s: (len(s.split()), s))


def _claims(figures: Sequence[Figure]) -> list[_Claim]:
    """Casualty figures joined per sentence and speaker into statements with totals."""
    by_statement: dict[tuple[str, int, str], list[Figure]] = {}
    for figure in sorted(figures, key=_order):
        if _is_vague(figure):
            continue  # "52 killed and hundreds more injured" gives no total to compare
        key = (figure.source, figure.sentence.index, figure.attribution or "")
        by_statement.setdefault(key, []).append(figure)
    claims = []
    for members in by_statement.values():
        outcomes: set[str] = set()
        kept: list[Figure] = []
        for figure in members:
            parts = _CASUALTY_COMPONENTS[figure.measure]
            if parts & outcomes:
                continue  # the same outcome twice in one statement: not a sum
            outcomes |= parts
            kept.append(figure)
        if len(outcomes) < 2:
            continue
        intervals = [_interval(f) for f in kept]
        claims.append(
            _Claim(
                tuple(kept),
                frozenset(outcomes),
                sum(i[0] for i in intervals),
                sum(i[1] for i in intervals),
            )
        )
    return claims


def _claims_consistent(a: _Claim, b: _Claim) -> bool:
    """Totals over the same outcomes must overlap; a part cannot exceed a whole."""
    if a.outcomes == b.outcomes:
        return max(a.low, b.low) <= min(a.high, b.high)
    if a.outcomes < b.outcomes:
        return a.low <= b.high
    if b.outcomes < a.outcomes:
        return b.low <= a.high
    return True


def group_figures(
    figures: Sequence[Figure],
    *,
    theme_of: Callable[[Figure], str | None] | None = None,
) -> tuple[FigureGroup, ...]:
    """Figures measuring the same thing, with a verdict: diverge first, then agree, then single.

    "count"/"amount" figures (the thing counted is known but not what happened to it) are not
    grouped: two different predicates over the same noun would look like a divergence. Vague
    counts ("hundreds") are listed in a group but never decide its verdict.
    """
    ordered = sorted(figures, key=_order)
    simple = [
        f
        for f in ordered
        if f.measure not in _UNGROUPED_MEASURES and f.measure not in _COMBINED_MEASURES
    ]
    groups = [_simple_group(cluster, theme_of) for cluster in _clusters(simple)]
    casualty_figures = [
        f for f in ordered if f.measure in _CASUALTY_COMPONENTS and f.unit in _people_units()
    ]
    for cluster in _claim_clusters(_claims(casualty_figures)):
        groups.append(_casualty_group(cluster, theme_of))
    groups = _unique_keys(groups)
    return tuple(
        sorted(
            groups,
            key=lambda g: (_VERDICT_ORDER[g.verdict], -len({f.source for f in g.mentions}), g.key),
        )
    )


def _people_units() -> frozenset[str]:
    return PEOPLE_UNITS | frozenset(UNIT_SYNONYMS.values())


# Outcomes whose count names the same people whatever noun counts them: 15 sailors, 15 personnel
# and 15 people held are one fact. Tolls keep their noun: 300 troops killed is not 300 people.
_SAME_PEOPLE_OUTCOMES = frozenset({"captured"})


def _people_outcome(figure: Figure) -> bool:
    """A count of people held, whatever noun counts them."""
    return figure.measure in _SAME_PEOPLE_OUTCOMES and figure.unit in _people_units()


def _era(figure: Figure) -> str:
    """The year a figure's as-of phrase names when it is not its own date's year: a count from
    another year ("eight detained in June 2004") is another event, never grouped with this one."""
    named = re.search(r"\b(1[89]\d\d|20\d\d)\b", figure.as_of or "")
    if named is None or figure.date is None or named.group(1) == figure.date[:4]:
        return ""
    return named.group(1)


def _clusters(figures: Sequence[Figure]) -> list[list[Figure]]:
    """Same measure and unit (any people noun for people outcomes) and year, subjects compatible
    with every member."""
    by_kind: dict[tuple[str, str, str], list[Figure]] = {}
    for figure in figures:
        unit = "people" if _people_outcome(figure) else figure.unit
        by_kind.setdefault((figure.measure, unit, _era(figure)), []).append(figure)
    clusters: list[list[Figure]] = []
    for kind in sorted(by_kind):
        members = sorted(
            by_kind[kind], key=lambda f: (-len(f.subject.split()), f.subject, _order(f))
        )
        local: list[list[Figure]] = []
        for figure in members:
            strict = _actor_based(figure.unit)
            if strict and not figure.subject and figure.measure not in RATE_NOUNS.values():
                local.append([figure])  # two unnamed donors are not the same donor
                continue
            home = next(
                (
                    c
                    for c in local
                    if all(
                        _compatible(
                            figure.subject, m.subject, strict=strict, people=_people_outcome(m)
                        )
                        for m in c
                    )
                ),
                None,
            )
            if home is None:
                local.append([figure])
            else:
                home.append(figure)
        clusters.extend(sorted(c, key=_order) for c in local)
    return clusters


def _claim_clusters(claims: Sequence[_Claim]) -> list[list[_Claim]]:
    by_unit: dict[str, list[_Claim]] = {}
    for claim in claims:
        by_unit.setdefault(claim.figures[0].unit, []).append(claim)
    clusters: list[list[_Claim]] = []
    for unit in sorted(by_unit):
        local: list[list[_Claim]] = []
        members = sorted(by_unit[unit], key=lambda c: (-len(c.subject.split()), c.subject))
        for claim in members:
            home = next(
                (c for c in local if all(_compatible(claim.subject, m.subject) for m in c)), None
            )
            if home is None:
                local.append([claim])
            else:
                home.append(claim)
        clusters.extend(sorted(c, key=lambda claim: _order(claim.figures[0])) for c in local)
    return clusters


def _group_subject(figures: Iterable[Figure]) -> str:
    return max((f.subject for f in figures), key=lambda s: (len(s.split()), s), default="")


def _group_key(measure: str, figures: Sequence[Figure]) -> str:
    """ "killed:north-korean-troops"; money and percentages add their unit: "pledged:japan:usd"."""
    subject = _group_subject(figures)
    unit = figures[0].unit
    if _actor_based(unit):
        unit_slug = "pct" if unit == "%" else _slug(unit.replace("/", " per "))
        return f"{measure}:{_slug(subject)}:{unit_slug}"
    if not subject and unit == measure:
        return measure  # "magnitude"
    return f"{measure}:{_slug(subject or unit)}"


def _theme(
    figures: Sequence[Figure], theme_of: Callable[[Figure], str | None] | None
) -> str | None:
    if theme_of is None:
        return None
    counts = Counter(t for t in (theme_of(f) for f in figures) if t is not None)
    if not counts:
        return None
    return min(counts, key=lambda t: (-counts[t], t))


def _simple_group(
    figures: Sequence[Figure], theme_of: Callable[[Figure], str | None] | None
) -> FigureGroup:
    key = _group_key(figures[0].measure, figures)
    precise = [f for f in figures if not _is_vague(f)] or list(figures)
    if len({f.source for f in precise}) < 2:
        verdict = "single"
    else:
        intervals = [_interval(f) for f in precise]
        consistent = max(i[0] for i in intervals) <= min(i[1] for i in intervals)
        verdict = "agree" if consistent else "updated" if _is_update(precise) else "diverge"
    origins = _origins(figures)
    return FigureGroup(
        measure=figure_measure_label(key),
        key=key,
        theme=_theme(figures, theme_of),
        verdict=verdict,
        mentions=tuple(figures),
        origins=len(set(origins)),
        note=_update_note(precise) if verdict == "updated" else _note(figures, origins),
    )


def _dated_steps(figures: Sequence[Figure]) -> list[tuple[str, float]] | None:
    """(date, lower bound) per date when the figures of each date agree, in date order."""
    by_date: dict[str, list[tuple[float, float]]] = {}
    for figure in figures:
        if figure.date is None:
            return None
        by_date.setdefault(figure.date, []).append(_interval(figure))
    steps = []
    for day in sorted(by_date):
        low = max(i[0] for i in by_date[day])
        if low > min(i[1] for i in by_date[day]):
            return None  # two values at the same time cannot both be true
        steps.append((day, low))
    return steps


def _is_update(figures: Sequence[Figure]) -> bool:
    """A count that only grows with time, from one kind of origin, is updated, not contested.

    Every figure needs a date (its as-of day or its article's date); figures of one date must
    agree; each later date's value is at least the earlier one's; and the named speakers are
    one origin (unattributed figures are the outlets' own reporting of the running count).
    """
    steps = _dated_steps(figures)
    if steps is None or len(steps) < MIN_UPDATE_STEPS:
        return False
    values = [value for _, value in steps]
    if any(later < earlier for earlier, later in itertools.pairwise(values)):
        return False
    named = [_origin_words(f.attribution) for f in figures if f.attribution]
    return all(_same_origin(named[0], other) for other in named[1:])


def update_sequence(figures: Sequence[Figure]) -> list[tuple[str, str, list[str]]]:
    """(value, date, sources) per date of an updated count, in date order: on each date the
    highest lower bound, as the running count stood then."""
    by_date: dict[str, list[Figure]] = {}
    for figure in sorted(figures, key=_order):
        by_date.setdefault(figure.date or "", []).append(figure)
    steps = []
    for day in sorted(by_date):
        best = max(by_date[day], key=lambda f: _interval(f)[0])
        words = " ".join(w for w in (_display_value(best), _unit_word(best)) if w)
        steps.append((words, day, list(dict.fromkeys(f.source for f in by_date[day]))))
    return steps


def _update_note(figures: Sequence[Figure]) -> str:
    """ "updated over time: ≥100,000 killed on 2004-12-29 (M0006); ≥150,000 ... (M0008)" """
    steps = update_sequence(figures)
    return "updated over time: " + "; ".join(
        f"{words} on {day} ({_join(sources)})" for words, day, sources in steps
    )


def _note(figures: Sequence[Figure], origins: Sequence[int]) -> str:
    """ "300 killed: South Korean intelligence, via 000 and 003; ~1,000 killed ...: ..." """
    parts: list[tuple[str, list[str]]] = []
    seen: dict[tuple[int, str | None, str], int] = {}
    for figure, origin in zip(figures, origins, strict=True):
        shown = _display_value(figure)
        key = (origin, figure.as_of, _merge_value(figure, figures, origins, origin))
        if key not in seen:
            unit_word = _unit_word(figure)
            joiner = " of " if _is_vague(figure) and unit_word == figure.unit else " "
            words = joiner.join(w for w in (shown, unit_word) if w)
            if figure.as_of:
                words += f" {figure.as_of}"
            if figure.certainty in ("hedged", "speculative"):
                words += f" ({figure.certainty})"
            speaker = figure.attribution or "unattributed"
            seen[key] = len(parts)
            parts.append((f"{words}: {speaker}", []))
        sources = parts[seen[key]][1]
        if figure.source not in sources:
            sources.append(figure.source)
    return "; ".join(f"{head}, via {_join(sources)}" for head, sources in parts)


def _merge_value(
    figure: Figure, figures: Sequence[Figure], origins: Sequence[int], origin: int
) -> str:
    """The displayed value of the first same-origin figure this one is consistent with."""
    low, high = _interval(figure)
    for other, other_origin in zip(figures, origins, strict=True):
        if other_origin != origin or other.measure != figure.measure:
            continue
        other_low, other_high = _interval(other)
        if max(low, other_low) <= min(high, other_high):
            return _display_value(other)
    return _display_value(figure)


def _join(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _casualty_verdict(claims: Sequence[_Claim], mentions: Sequence[Figure]) -> str:
    """ "single" with one source, else "agree" when every pair of claims is consistent."""
    if len({f.source for f in mentions}) < 2:
        return "single"
    consistent = all(
        _claims_consistent(a, b) for i, a in enumerate(claims) for b in claims[i + 1 :]
    )
    return "agree" if consistent else "diverge"


def _claim_head(claim: _Claim, total: str) -> str:
    """ "1,200 dead or missing (1,000 dead + 200 missing) as of Monday: the ministry"."""
    lead = claim.figures[0]
    head = f"{total} {_measure_words(combined_measure(sorted(claim.outcomes)))}"
    if len(claim.figures) > 1:
        parts = " + ".join(f"{_display_value(f)} {_unit_word(f)}" for f in claim.figures)
        head += f" ({parts})"
    if lead.as_of:
        head += f" {lead.as_of}"
    return f"{head}: {lead.attribution or 'unattributed'}"


def _casualty_note(claims: Sequence[_Claim], claim_origins: Sequence[int]) -> str:
    """One part per (origin, total, as of): the claim's head and the sources that report it."""
    sources_of: dict[tuple[int, str, str | None], tuple[str, list[str]]] = {}
    for claim, origin in zip(claims, claim_origins, strict=True):
        total = _claim_total(claim)
        lead = claim.figures[0]
        key = (origin, total, lead.as_of)
        if key not in sources_of:
            sources_of[key] = (_claim_head(claim, total), [])
        sources = sources_of[key][1]
        if lead.source not in sources:
            sources.append(lead.source)
    return "; ".join(f"{head}, via {_join(sources)}" for head, sources in sources_of.values())


def _casualty_group(
    claims: Sequence[_Claim], theme_of: Callable[[Figure], str | None] | None
) -> FigureGroup:
    mentions = tuple(sorted((f for c in claims for f in c.figures), key=_order))
    key = f"casualties:{_slug(_group_subject(mentions) or mentions[0].unit)}"
    claim_origins = _origins([c.figures[0] for c in claims])
    return FigureGroup(
        measure=figure_measure_label(key),
        key=key,
        theme=_theme(mentions, theme_of),
        verdict=_casualty_verdict(claims, mentions),
        mentions=mentions,
        origins=len(set(claim_origins)),
        note=_casualty_note(claims, claim_origins),
    )


def _claim_total(claim: _Claim) -> str:
    """A statement's total: "3,000", "~3,000", "≥2,517"."""
    if len(claim.figures) == 1:
        return _display_value(claim.figures[0])
    if any(f.high is None for f in claim.figures):
        return "≥" + _format_amount(sum(f.low or 0.0 for f in claim.figures))
    exact = all(f.low == f.high and not f.approximate for f in claim.figures)
    return ("" if exact else "~") + _format_amount(sum(f.value for f in claim.figures))


def _unique_keys(groups: Sequence[FigureGroup]) -> list[FigureGroup]:
    """Append "#2", "#3" to repeated keys so each group's key is unique."""
    seen: Counter[str] = Counter()
    out = []
    for group in groups:
        seen[group.key] += 1
        if seen[group.key] > 1:
            group = FigureGroup(**{**group.__dict__, "key": f"{group.key}#{seen[group.key]}"})
        out.append(group)
    return out
