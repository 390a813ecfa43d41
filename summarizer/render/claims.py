"""Claims first: a theme's sentences grouped into the claims the sources make.

A claim is a set of near-equivalent sentences from different sources, as compare.py's
agreement clustering found them (the theme row's ``agree`` notes), or one shown sentence that no
such claim holds (a single-source claim). Each claim counts its sources and its independent
origins (a near-identical syndicated copy counts as the source it copies) and says whether it is
contested: one of its sentences states a figure whose group diverges, or stands on one side of a
contested statement (contested.py).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from summarizer.models import Briefing, Sentence, ThemeRow

Key = tuple[str, int]  # (source id, sentence index)
UNSHOWN = 1_000_000  # salience of a sentence no cell shows: after every shown one


@dataclass(frozen=True)
class Claim:
    """One claim on a theme: a representative sentence, the other wordings, who reports it."""

    quote: Sentence  # the representative wording
    wordings: tuple[Sentence, ...]  # the other sources' wordings, in source order
    sources: tuple[str, ...]  # in the briefing's source order
    origins: int  # independent origins among the sources
    contested: bool  # a sentence of the claim states a diverging figure or is disputed
    disputed: bool = False  # a sentence of the claim is one side of a contested statement

    @property
    def single_source(self) -> bool:
        return len(self.sources) == 1


def key(sentence: Sentence) -> Key:
    return (sentence.source, sentence.index)


def origin_map(briefing: Briefing) -> dict[str, str]:
    """Each source's origin: itself, or the earlier source it nearly repeats."""
    return {info.article.id: info.duplicate_of or info.article.id for info in briefing.sources}


def contested_sentences(briefing: Briefing) -> frozenset[Key]:
    """Sentences that state a figure of a diverging group."""
    return frozenset(
        key(figure.sentence)
        for group in briefing.figures
        if group.verdict == "diverge"
        for figure in group.mentions
    )


def disputed_sentences(briefing: Briefing) -> frozenset[Key]:
    """Sentences quoted on a side of a contested statement."""
    return frozenset(
        key(quote)
        for contest in briefing.contested
        for side in contest.sides
        for quote in side.quotes
    )


def theme_claims(
    row: ThemeRow,
    source_order: Sequence[str],
    origins: Mapping[str, str],
    contested: Collection[Key],
    disputed: Collection[Key] = frozenset(),
) -> tuple[Claim, ...]:
    """The row's claims, most independent origins first, then most sources, then salience."""
    order = {source: i for i, source in enumerate(source_order)}
    # Salience: a sentence's position in its cell (cells hold the best on-theme sentences first).
    shown = {key(q): position for cell in row.cells for position, q in enumerate(cell.quotes)}
    groups: list[list[Sentence]] = []
    claimed: set[Key] = set()
    for note in row.agree:
        members = [q for q in note.quotes if key(q) not in claimed]
        if len({q.source for q in members}) >= 2:
            groups.append(members)
            claimed.update(key(q) for q in members)
    for cell in row.cells:
        groups.extend([q] for q in cell.quotes if key(q) not in claimed)

    def salience(sentence: Sentence) -> tuple[int, int, int]:
        return (
            shown.get(key(sentence), UNSHOWN),
            order.get(sentence.source, len(order)),
            sentence.index,
        )

    claims = []
    for members in groups:
        members.sort(key=salience)
        representative, *others = members
        sources = sorted({q.source for q in members}, key=lambda s: order.get(s, len(order)))
        claims.append(
            Claim(
                quote=representative,
                wordings=tuple(sorted(others, key=lambda q: (order.get(q.source, 0), q.index))),
                sources=tuple(sources),
                origins=len({origins.get(s, s) for s in sources}),
                contested=any(key(q) in contested or key(q) in disputed for q in members),
                disputed=any(key(q) in disputed for q in members),
            )
        )
    claims.sort(key=lambda c: (-c.origins, -len(c.sources), salience(c.quote)))
    return tuple(claims)


def briefing_claims(briefing: Briefing) -> tuple[tuple[Claim, ...], ...]:
    """The claims of every theme row, in row order."""
    source_order = [info.article.id for info in briefing.sources]
    origins, contested = origin_map(briefing), contested_sentences(briefing)
    disputed = disputed_sentences(briefing)
    return tuple(
        theme_claims(row, source_order, origins, contested, disputed) for row in briefing.rows
    )
