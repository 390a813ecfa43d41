"""The plain dataclasses passed between pipeline stages.

Offsets: every ``start``/``end`` pair that reaches a user is a character offset into
``Article.raw``, the source's decoded text, so a quote can always be found again.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Literal, get_args, overload

# Why ingest dropped a line as page furniture. Pattern rules (ingest/furniture.py PATTERN_RULES)
# give most of these; the line's position gives title, heading, section label, repeated headline.
FurnitureReason = Literal[
    "advertisement",
    "breadcrumb",
    "byline",
    "caption",
    "comment prompt",
    "dated headline",
    "dateline",
    "front matter",
    "heading",
    "image",
    "layout label",
    "navigation",
    "newsletter",
    "photo credit",
    "related links",
    "repeated headline",
    "section label",
    "separator",
    "share buttons",
    "site footer",
    "social links",
    "source line",
    "tags",
    "title",
]
# How a group of figures from several sources compares (one value per line, so adding one is a
# one-line change).
Verdict = Literal[
    "agree",  # the values are consistent, allowing for approximation and ranges
    "diverge",  # the values cannot all be true at once
    "updated",  # a later, larger count from the same kind of origin: an update, not a conflict
    "single",  # only one source gives the figure
]
# What a tool note on a theme says about the sources: they agree, diverge, or only one reports.
Stance = Literal["agree", "diverge", "only"]
# How certain a figure's wording is, from plain statement to speculation.
Certainty = Literal["stated", "estimated", "hedged", "speculative"]

FURNITURE_REASONS: frozenset[str] = frozenset(get_args(FurnitureReason))
VERDICTS: tuple[str, ...] = get_args(Verdict)
STANCES: tuple[str, ...] = get_args(Stance)
CERTAINTIES: tuple[str, ...] = get_args(Certainty)


@dataclass(frozen=True)
class Line:
    """One line of an article's normalised body, in body coordinates (end excludes the newline)."""

    start: int
    end: int
    furniture: FurnitureReason | None = None  # why the line was dropped, or None if content
    rule: str | None = None  # the name of the ingest pattern rule that dropped it, if one did


class OffsetMap(Sequence[int]):
    """A body -> raw offset table stored as runs: ``raw = body + shift`` from each run's start.

    Normalising a body changes only a few characters (CRLFs, invisible controls), so the table is
    a handful of runs instead of one Python int per character (about 30 bytes each: 10,000
    articles held gigabytes). It reads like the tuple it replaces, and equals one.
    """

    __slots__ = ("_length", "_shifts", "_starts")

    def __init__(self, offsets: Sequence[int] = ()) -> None:
        starts: list[int] = []
        shifts: list[int] = []
        for position, raw in enumerate(offsets):
            if not shifts or raw - position != shifts[-1]:
                starts.append(position)
                shifts.append(raw - position)
        self._length = len(offsets)
        self._starts: tuple[int, ...] = tuple(starts)
        self._shifts: tuple[int, ...] = tuple(shifts)

    @classmethod
    def identity(cls, length: int) -> OffsetMap:
        """The table of an unchanged text: ``length`` entries, each index mapping to itself."""
        return cls.from_runs(length, (0,), (0,)) if length else cls()

    @classmethod
    def from_runs(cls, length: int, starts: Sequence[int], shifts: Sequence[int]) -> OffsetMap:
        """The table whose entry ``i`` is ``i + shifts[r]`` for the last run ``r`` starting at or
        before ``i`` (``starts`` ascending from 0; equal neighbouring shifts are merged)."""
        table = cls()
        kept_starts: list[int] = []
        kept_shifts: list[int] = []
        for start, shift in zip(starts, shifts, strict=True):
            if start >= length:
                break
            if kept_shifts and shift == kept_shifts[-1]:
                continue
            kept_starts.append(start)
            kept_shifts.append(shift)
        table._length, table._starts, table._shifts = length, tuple(kept_starts), tuple(kept_shifts)
        return table

    @property
    def runs(self) -> int:
        """How many runs of equal shift the table holds (its stored size)."""
        return len(self._starts)

    def __len__(self) -> int:
        return self._length

    @overload
    def __getitem__(self, index: int) -> int: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[int, ...]: ...
    def __getitem__(self, index: int | slice) -> int | tuple[int, ...]:
        if isinstance(index, slice):
            return tuple(self[i] for i in range(*index.indices(self._length)))
        if index < 0:
            index += self._length
        if not 0 <= index < self._length:
            raise IndexError("offset index out of range")
        return index + self._shifts[bisect_right(self._starts, index) - 1]

    def __iter__(self) -> Iterator[int]:
        if not self._starts:
            return
        bounds = (*self._starts[1:], self._length)
        for start, end, shift in zip(self._starts, bounds, self._shifts, strict=True):
            yield from range(start + shift, end + shift)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, OffsetMap):
            return (self._length, self._starts, self._shifts) == (
                other._length,
                other._starts,
                other._shifts,
            )
        if isinstance(other, Sequence) and not isinstance(other, str):
            return len(other) == self._length and all(
                a == b for a, b in zip(self, other, strict=True)
            )
        return NotImplemented

    def __hash__(self) -> int:
        return hash((self._length, self._starts, self._shifts))

    def __repr__(self) -> str:
        return f"OffsetMap(length={self._length}, runs={self.runs})"

    def __reduce__(self) -> tuple[object, ...]:
        # Pickled as its runs (sent to worker processes), not re-expanded per character.
        return (OffsetMap.from_runs, (self._length, self._starts, self._shifts))


@dataclass(frozen=True)
class Article:
    """One ingested source: decoded text, the normalised body the pipeline reads, metadata."""

    id: str  # short stable id, e.g. "000"
    path: str  # the path as the user gave it ("-" for stdin)
    raw: str  # decoded source text (for HTML/JSON: the extracted article text); spans index into it
    body: str  # normalised text: "\n" line endings, invisible control characters removed
    offsets: Sequence[int]  # len(body) + 1 entries: body index -> raw index (an OffsetMap)
    lines: tuple[Line, ...]  # every line of body, content or furniture
    format: str  # "txt" | "md" | "html" | "json"
    title: str | None = None
    outlet: str | None = None
    date: str | None = None  # ISO 8601 date (YYYY-MM-DD) when known
    url: str | None = None
    warnings: tuple[str, ...] = ()
    author: str | None = None  # as the page's metadata names it (HTML only)

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a body-coordinate span to raw coordinates."""
        return self.offsets[start], self.offsets[end]


@dataclass(frozen=True)
class Sentence:
    """A sentence as a verbatim span of its source."""

    source: str  # Article.id
    index: int  # position among all of the article's sentences (0-based)
    start: int  # offset into Article.raw
    end: int
    text: str  # Article.raw[start:end] with runs of white space collapsed to one space
    paragraph: int = 0
    furniture: FurnitureReason | None = None  # set when the sentence lies on a furniture line
    furniture_rule: str | None = None  # the pattern rule that dropped that line, if one did

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)


@dataclass(frozen=True)
class RankedSentence:
    """A sentence with its rank (1 = most salient) and score from a summariser."""

    sentence: Sentence
    rank: int
    score: float


@dataclass(frozen=True)
class Summary:
    """One article's extractive summary: chosen sentences in document order, with ranks."""

    source: str
    algorithm: str
    sentences: tuple[RankedSentence, ...]


@dataclass(frozen=True)
class Theme:
    id: str
    label: str
    keywords: tuple[str, ...]
    description: str = ""


@dataclass(frozen=True)
class ThemeSet:
    themes: tuple[Theme, ...]
    origin: str  # "built-in", "auto", or the themes file's path
    note: str = ""  # the tool's own explanation of how the set was chosen


@dataclass(frozen=True)
class ThemeCell:
    """What one source says on one theme."""

    theme: str
    source: str
    quotes: tuple[Sentence, ...]  # most salient on-theme sentences, document order
    count: int  # all of the source's content sentences on this theme

    @property
    def covered(self) -> bool:
        return self.count > 0


@dataclass(frozen=True)
class Comparison:
    """A tool-written note on a theme: where sources agree, diverge, or only one reports."""

    kind: Stance
    note: str  # the tool's own explanation (never shown as a quote)
    sources: tuple[str, ...]
    quotes: tuple[Sentence, ...]


@dataclass(frozen=True)
class ThemeRow:
    theme: Theme
    cells: tuple[ThemeCell, ...]  # one per source, in source order
    agree: tuple[Comparison, ...] = ()
    diverge: tuple[Comparison, ...] = ()
    only_in: tuple[Comparison, ...] = ()
    figure_notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Figure:
    """A number stated as a claim in a sentence, normalised."""

    source: str
    sentence: Sentence
    text: str  # the number as written, e.g. "about 2,700"
    value: float  # best single value (midpoint of a range)
    low: float | None  # None = unbounded below
    high: float | None  # None = unbounded above
    unit: str  # what is counted, e.g. "troops", "USD"
    measure: (
        str  # normalised measure key, e.g. "killed", "wounded", "killed_or_wounded", "deployed"
    )
    subject: str = ""  # who/what the count is about, e.g. "north korean troops"
    approximate: bool = False
    attribution: str | None = None  # who the sentence says the number comes from; None = the outlet
    as_of: str | None = None  # the time the figure refers to, as written or resolved
    certainty: Certainty = "stated"
    span: tuple[int, int] = (0, 0)  # raw offsets of the number phrase within the source
    date: str | None = (
        None  # best date known (ISO): the as-of date if it names a day, else the article's
    )


@dataclass(frozen=True)
class FigureGroup:
    """Figures from several sources that measure the same thing, with a verdict."""

    measure: str  # readable name, e.g. "North Korean troops killed"
    key: str
    theme: str | None
    verdict: Verdict
    mentions: tuple[Figure, ...]
    origins: int  # independent origins (same attribution relayed by two outlets counts once)
    note: str  # one-line explanation a person can act on


@dataclass(frozen=True)
class ContestSide:
    """One side of a contested statement: who says what, quoted verbatim."""

    stance: str  # "asserts" | "denies" | "differs" (a different value in the same slot)
    attribution: str | None  # the speaker named inside the quoted sentences, None = the outlet
    sources: tuple[str, ...]
    quotes: tuple[Sentence, ...]
    value: str = ""  # for "differs": the slot value this side gives, e.g. "iraq waters"


@dataclass(frozen=True)
class Contest:
    """Sentences from different sources about one matter that cannot all be true as stated."""

    id: str
    theme: str | None
    label: str  # the tool's own words
    sides: tuple[ContestSide, ...]


@dataclass(frozen=True)
class Readability:
    """How long an article is and how hard it reads (textstat's scores)."""

    words: int
    reading_minutes: float
    flesch_reading_ease: float
    grade_level: float


@dataclass(frozen=True)
class SourceInfo:
    """An article plus what the briefing reports about it as a whole."""

    article: Article
    readability: Readability
    summary: Summary
    duplicate_of: str | None = None  # id of the earlier source it (nearly) repeats


@dataclass(frozen=True)
class Briefing:
    """Everything a template needs, already decided."""

    title: str
    note: str  # the tool's generation note
    sources: tuple[SourceInfo, ...]
    digest: tuple[Sentence, ...]
    themes: ThemeSet
    rows: tuple[ThemeRow, ...]  # one per theme, then "Other reporting"
    figures: tuple[FigureGroup, ...] = ()
    warnings: tuple[str, ...] = ()
    contested: tuple[Contest, ...] = ()
    options: dict[str, object] = field(default_factory=dict)
