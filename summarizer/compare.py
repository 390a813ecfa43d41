"""Per-theme notes from sentence similarity: where sources agree, and what only one reports.

Divergence is decided on figures (summarizer.figures), where "different" can be made precise.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence

from .models import Comparison, Sentence, ThemeCell
from .vectors import Key, SentenceVectors

AGREE_SIMILARITY = 0.32  # cosine over TF-IDF stems: above this two sentences state the same claim
RELATED_SIMILARITY = 0.12  # below this a sentence says something no other source says
MAX_NOTES = 3  # per kind and theme, so a row stays readable

# Numbers that state quantities; four-digit years and day-of-month numbers are not claims.
_NUMBER = re.compile(
    r"(?<![\w.,])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\w,])|(?<![\w.,])\d+(?:\.\d+)?(?![\w,])"
)
_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december"
    "|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_DATE_NUMBER = re.compile(
    rf"\b(?:(?:{_MONTHS})\.?\s+\d{{1,2}}\b|\d{{1,2}}\s+(?:{_MONTHS})\b)", re.IGNORECASE
)


def quantities(text: str) -> frozenset[str]:
    """The numbers a sentence states, without dates and years."""
    cleaned = _DATE_NUMBER.sub(" ", text)
    found = set()
    for match in _NUMBER.finditer(cleaned):
        number = match.group().replace(",", "")
        if len(number) == 4 and number.isdigit() and 1900 <= int(number) <= 2100:
            continue
        found.add(number)
    return frozenset(found)


def compare_theme(
    cells: Sequence[ThemeCell],
    on_theme: Mapping[str, Sequence[Sentence]],
    vectors: SentenceVectors,
    *,
    same_origin: Callable[[str, str], bool] = lambda a, b: a == b,
) -> tuple[tuple[Comparison, ...], tuple[Comparison, ...]]:
    """Agree and only-in notes for one theme row.

    ``on_theme`` holds each source's sentences on the theme; ``cells`` what the row shows.
    """
    pairs = _cross_source_pairs(on_theme, vectors, same_origin)
    return _agreements(pairs), _only_in(cells, on_theme, vectors)


def _cross_source_pairs(
    on_theme: Mapping[str, Sequence[Sentence]],
    vectors: SentenceVectors,
    same_origin: Callable[[str, str], bool],
) -> list[tuple[float, Sentence, Sentence]]:
    sources = list(on_theme)
    pairs = []
    for i, first in enumerate(sources):
        for second in sources[i + 1 :]:
            if same_origin(first, second):
                continue
            scores = vectors.similarity(on_theme[first], on_theme[second])
            for row, a in enumerate(on_theme[first]):
                for column, b in enumerate(on_theme[second]):
                    pairs.append((round(float(scores[row, column]), 9), a, b))
    pairs.sort(key=lambda p: (-p[0], p[1].source, p[1].index, p[2].source, p[2].index))
    return pairs


def _agreements(pairs: Sequence[tuple[float, Sentence, Sentence]]) -> tuple[Comparison, ...]:
    """Group strongly similar cross-source sentences into claims reported by several sources.

    A sentence joins a claim only when it is similar to every sentence already in it (complete
    linkage), so a chain of loosely related sentences never passes for one shared claim.
    """
    similar = {
        frozenset({(a.source, a.index), (b.source, b.index)})
        for score, a, b in pairs
        if score >= AGREE_SIMILARITY and not _numbers_conflict(a, b)
    }

    def fits(sentence: Sentence, claim: list[Sentence]) -> bool:
        key = (sentence.source, sentence.index)
        return all(
            s.source != sentence.source and frozenset({key, (s.source, s.index)}) in similar
            for s in claim
        )

    claims: list[list[Sentence]] = []
    for score, a, b in pairs:
        if score < AGREE_SIMILARITY:
            break
        if frozenset({(a.source, a.index), (b.source, b.index)}) not in similar:
            continue
        homes = [c for c in claims if a in c or b in c]
        if not homes:
            claims.append([a, b])
            continue
        for home in homes:
            for sentence in (a, b):
                if sentence not in home and fits(sentence, home):
                    home.append(sentence)
    notes = []
    for claim in claims:
        sources = tuple(sorted({s.source for s in claim}))
        quotes = tuple(sorted(claim, key=lambda s: (s.source, s.index)))
        notes.append(
            Comparison(
                kind="agree",
                note=f"{_join(sources)} report the same claim in similar words.",
                sources=sources,
                quotes=quotes,
            )
        )
    notes.sort(key=lambda c: (-len(c.sources), c.sources))
    return tuple(notes[:MAX_NOTES])


def _numbers_conflict(a: Sentence, b: Sentence) -> bool:
    """Similar words but different numbers is not agreement (figures decide those)."""
    numbers_a, numbers_b = quantities(a.text), quantities(b.text)
    return bool(numbers_a and numbers_b and not numbers_a & numbers_b)


def _only_in(
    cells: Sequence[ThemeCell],
    on_theme: Mapping[str, Sequence[Sentence]],
    vectors: SentenceVectors,
) -> tuple[Comparison, ...]:
    """For each covering source, its shown sentence that no other source comes close to."""
    covering = [cell for cell in cells if cell.count]
    if len(covering) == 1 and len(cells) > 1:
        (cell,) = covering
        note = f"Only {cell.source} reports on this theme."
        return (Comparison(kind="only", note=note, sources=(cell.source,), quotes=cell.quotes[:1]),)
    notes = []
    for cell in covering:
        others = [s for source, items in on_theme.items() if source != cell.source for s in items]
        if not others or not cell.quotes:
            continue
        closest = vectors.similarity(cell.quotes, others).max(axis=1)
        for quote, score in zip(cell.quotes, closest, strict=True):
            if score < RELATED_SIMILARITY:
                note = f"Only {cell.source} reports this."
                notes.append(Comparison("only", note, (cell.source,), (quote,)))
                break
    return tuple(notes)


def _join(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


__all__ = ["AGREE_SIMILARITY", "Key", "compare_theme", "quantities"]
