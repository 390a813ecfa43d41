"""Theme sets (built-in, from a TOML file, or discovered) and keyword matching of sentences."""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from functools import cache, lru_cache
from importlib import resources

import numpy as np

from .errors import SummarizerError, cannot_read
from .models import Sentence, Theme, ThemeSet
from .stemtable import StemTable
from .vectors import stems

OTHER_ID = "other"
OTHER = Theme(
    id=OTHER_ID,
    label="Other reporting",
    keywords=(),
    description="Sentences that fit none of the themes.",
)

_ALLOWED_KEYS = {"id", "label", "description", "keywords"}
_REQUIRED_KEYS = ("id", "label", "keywords")
_ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


@cache
def keyword_stems(keyword: str) -> tuple[str, ...]:
    return stems(keyword)


def keyword_hits(
    text_stems: Sequence[str], theme: Theme, present: AbstractSet[str] | None = None
) -> int:
    """How many of the theme's distinct keywords occur in the stem sequence.

    ``present``: the set of ``text_stems``, when the caller has it (skips most keywords at once).
    """
    present = set(text_stems) if present is None else present
    hits = 0
    for keyword in theme.keywords:
        pattern = keyword_stems(keyword)
        if pattern and pattern[0] in present and _contains(text_stems, pattern):
            hits += 1
    return hits


def _contains(haystack: Sequence[str], needle: Sequence[str]) -> bool:
    if len(needle) == 1:
        return needle[0] in haystack
    width = len(needle)
    return any(
        tuple(haystack[i : i + width]) == tuple(needle) for i in range(len(haystack) - width + 1)
    )


def match_themes(text: str, theme_set: ThemeSet) -> dict[str, int]:
    """Theme id -> keyword hits, for every theme the text matches."""
    return dict(_match_themes(text, theme_set))


@lru_cache(maxsize=65_536)
def _match_themes(text: str, theme_set: ThemeSet) -> tuple[tuple[str, int], ...]:
    # Cached: choosing a theme set and assigning sentences to it match the same texts again.
    text_stems = stems(text)
    hits = [0] * len(theme_set.themes)
    index = _keyword_index(theme_set)
    # Only the keywords whose first stem occurs in the text are tried (as keyword_hits does),
    # found through the index instead of walking every keyword of every theme.
    for word_stem in set(text_stems):
        for position, pattern in index.get(word_stem, ()):
            if _contains(text_stems, pattern):
                hits[position] += 1
    found = {}
    for theme, count in zip(theme_set.themes, hits, strict=True):
        if count:
            found[theme.id] = count
    return tuple(found.items())


@lru_cache(maxsize=16)
def _keyword_index(theme_set: ThemeSet) -> dict[str, tuple[tuple[int, tuple[str, ...]], ...]]:
    """First stem of a keyword -> (theme position, keyword stems) of every keyword with it."""
    index: dict[str, list[tuple[int, tuple[str, ...]]]] = {}
    for position, theme in enumerate(theme_set.themes):
        for keyword in theme.keywords:
            pattern = keyword_stems(keyword)
            if pattern:
                index.setdefault(pattern[0], []).append((position, pattern))
    return {first: tuple(entries) for first, entries in index.items()}


def best_theme(hits: Mapping[str, int], theme_set: ThemeSet) -> str | None:
    """The theme a sentence is filed under: most keyword hits, then theme order."""
    order = {theme.id: position for position, theme in enumerate(theme_set.themes)}
    return min(hits, key=lambda t: (-hits[t], order.get(t, len(order)))) if hits else None


def theme_hits(table: StemTable, themes: Sequence[Theme]) -> np.ndarray:
    """Keyword hits of every text of ``table`` (rows) for every theme (columns), as
    ``match_themes`` counts them: each of a theme's keywords found in the text's stems, once."""
    hits = np.zeros((len(table), len(themes)), dtype=np.int64)
    stem_id = {word_stem: i for i, word_stem in enumerate(table.stems)}
    uses: dict[tuple[int, ...], Counter[int]] = {}  # keyword stems -> theme -> keywords with them
    for position, theme in enumerate(themes):
        for keyword in theme.keywords:
            pattern = tuple(stem_id.get(word_stem, -1) for word_stem in keyword_stems(keyword))
            if pattern and -1 not in pattern:  # a stem no text has: the keyword matches nothing
                uses.setdefault(pattern, Counter())[position] += 1
    if not uses:
        return hits
    stem_at = table.position_stems()
    text_at = table.text_of()
    by_stem = np.argsort(stem_at, kind="stable")
    sorted_stems = stem_at[by_stem]
    for pattern, counts in uses.items():
        # Where the keyword's first stem occurs, then the rest of it right after, in one text.
        low, high = np.searchsorted(sorted_stems, [pattern[0], pattern[0] + 1])
        starts = by_stem[low:high]
        starts = starts[starts + len(pattern) <= len(stem_at)]
        for offset, next_stem in enumerate(pattern[1:], start=1):
            following = starts + offset
            starts = starts[
                (stem_at[following] == next_stem) & (text_at[following] == text_at[starts])
            ]
        texts = np.unique(text_at[starts])
        for position, count in counts.items():
            hits[texts, position] += count
    return hits


def matched_share(hits: np.ndarray) -> float:
    """Share of texts (rows of ``theme_hits``) that match at least one theme."""
    if not len(hits):
        return 0.0
    return int(np.count_nonzero(hits.any(axis=1))) / len(hits)


def hits_by_sentence(
    sentences: Sequence[Sentence], theme_set: ThemeSet, hits: np.ndarray
) -> dict[tuple[str, int], dict[str, int]]:
    """``assign``'s answer from the sentences' ``theme_hits`` (one row per sentence, in order)."""
    ids = [theme.id for theme in theme_set.themes]
    found: list[dict[str, int]] = [{} for _ in sentences]
    rows, columns = np.nonzero(hits)  # row by row, each row's themes in order
    hit_counts = hits[rows, columns].tolist()
    for row, column, count in zip(rows.tolist(), columns.tolist(), hit_counts, strict=True):
        found[row][ids[column]] = count
    return {(s.source, s.index): counts for s, counts in zip(sentences, found, strict=True)}


def assign(
    sentences: Iterable[Sentence], theme_set: ThemeSet
) -> dict[tuple[str, int], dict[str, int]]:
    """(source, sentence index) -> {theme id: hits}; sentences matching nothing map to {}."""
    listed = list(sentences)
    table = StemTable.of([s.text for s in listed])
    return hits_by_sentence(listed, theme_set, theme_hits(table, theme_set.themes))


def fit_share(sentences: Sequence[Sentence], theme_set: ThemeSet) -> float:
    """Share of sentences that match at least one theme of the set."""
    table = StemTable.of([s.text for s in sentences])
    return matched_share(theme_hits(table, theme_set.themes))


def builtin_themes_text() -> str:
    """The built-in themes file, as shipped."""
    return resources.files("summarizer").joinpath("data/themes.toml").read_text(encoding="utf-8")


def builtin_themes() -> ThemeSet:
    return parse_themes(builtin_themes_text(), origin="built-in", name="built-in themes")


def load_themes(path: str) -> ThemeSet:
    """Read and validate a themes TOML file."""
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as error:
        raise cannot_read(path, error, "themes file") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SummarizerError(f"{path}: themes file is not UTF-8 text") from None
    return parse_themes(text, origin=path, name=path)


def parse_themes(text: str, *, origin: str, name: str) -> ThemeSet:
    """Parse and validate themes TOML; every problem names the file and the theme."""
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise SummarizerError(f"{name}: not valid TOML ({error})") from None
    except RecursionError:  # tomllib recurses once per level of nested arrays and tables
        raise SummarizerError(f"{name}: TOML nested too deeply to be a themes file") from None
    unknown = sorted(set(document) - {"theme"})
    if unknown:
        raise SummarizerError(
            f"{name}: unknown top-level key {unknown[0]!r} (expected [[theme]] tables)"
        )
    tables = document.get("theme")
    if not isinstance(tables, list) or not tables:
        raise SummarizerError(f"{name}: no [[theme]] tables found")
    themes = tuple(_parse_theme(table, position, name) for position, table in enumerate(tables, 1))
    ids = [theme.id for theme in themes]
    for theme_id in ids:
        if ids.count(theme_id) > 1:
            raise SummarizerError(f"{name}: theme id {theme_id!r} is used more than once")
    if OTHER_ID in ids:
        raise SummarizerError(f"{name}: theme id {OTHER_ID!r} is reserved for 'Other reporting'")
    return ThemeSet(themes=themes, origin=origin)


def _parse_theme(table: object, position: int, name: str) -> Theme:
    where = f"{name}: theme #{position}"
    if not isinstance(table, Mapping):
        raise SummarizerError(f"{where}: must be a [[theme]] table")
    if isinstance(table.get("id"), str):
        where = f"{name}: theme {table['id']!r}"
    _check_keys(table, where)
    theme_id, label = table["id"], table["label"]
    description = table.get("description", "")
    if not isinstance(theme_id, str) or not _ID_PATTERN.match(theme_id):
        raise SummarizerError(f"{where}: id must be lower-case letters, digits, '-' or '_'")
    if not isinstance(label, str) or not label.strip():
        raise SummarizerError(f"{where}: label must be a non-empty string")
    if not isinstance(description, str):
        raise SummarizerError(f"{where}: description must be a string")
    cleaned = _keywords(table["keywords"], where)
    return Theme(
        id=theme_id, label=label.strip(), keywords=cleaned, description=description.strip()
    )


def _check_keys(table: Mapping[str, object], where: str) -> None:
    """Refuse an unknown key or a missing required one, naming the theme."""
    unknown = sorted(set(table) - _ALLOWED_KEYS)
    if unknown:
        raise SummarizerError(
            f"{where}: unknown key {unknown[0]!r} (allowed: description, id, keywords, label)"
        )
    for key in _REQUIRED_KEYS:
        if key not in table:
            raise SummarizerError(f"{where}: missing required key {key!r}")


def _keywords(keywords: object, where: str) -> tuple[str, ...]:
    """A theme's keywords, stripped; each must have a word to match."""
    if not isinstance(keywords, list) or not keywords:
        raise SummarizerError(f"{where}: keywords must be a non-empty list of strings")
    cleaned = []
    for keyword in keywords:
        if not isinstance(keyword, str) or not keyword_stems(keyword):
            raise SummarizerError(f"{where}: keyword {keyword!r} has no words to match")
        cleaned.append(keyword.strip())
    return tuple(cleaned)
