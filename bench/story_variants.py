"""Alternatives to the stories grouping's global threshold, scored on ECB+ and AllSides.

    python bench/story_variants.py [--corpora DIR] [--only NAME ...] [--out FILE]
    python bench/story_variants.py --seeds 6    # the shipped scores under other latent seeds
    python bench/story_variants.py --diagnose   # how well the similarity ranks story-mates

Every variant starts from the shipped representation without the text embedding
(``summarizer.stories.article_vectors``: weighted TF-IDF blocks plus the latent space, times the
date factor; the representation before session 5) and changes how the pile
is cut into stories, or one part of the representation. Each is scored on a small grid of its
own parameters; the summary gives each variant's best setting by the mean BCubed F1 of the two
corpora. The development piles are small (982 and 600 articles), so this harness uses dense
N x N matrices; the shipped code never does. See bench/README.md for the results.
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
from scipy.cluster.hierarchy import linkage
from scipy.spatial.distance import squareform
from sklearn.cluster import HDBSCAN, AgglomerativeClustering
from sklearn.feature_extraction.text import TfidfVectorizer

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_stories import DEFAULT_CORPORA, bcubed, load_allsides, load_ecbplus  # noqa: E402

from summarizer import embeddings, lang  # noqa: E402
from summarizer.models import Article  # noqa: E402
from summarizer.stories import (  # noqa: E402
    ArticleTerms,
    Settings,
    article_text,
    article_vectors,
    date_factor,
    nearest_neighbours,
    publication_day,
    reciprocal_pairs,
    settings,
)
from summarizer.vectors import content_terms  # noqa: E402


@dataclass(frozen=True)
class Pile:
    """One development corpus, with what the variants need precomputed."""

    name: str
    articles: list[Article]
    gold: list[str]
    dates: np.ndarray  # pairwise date factors
    similarity: np.ndarray  # shipped similarity (content x dates), dense
    headlines: np.ndarray  # cosine of headline TF-IDF (titles of 3+ content words), dense


def load(corpora: Path) -> list[Pile]:
    config = replace(settings(), embedding_share=0.0)  # the embedding is one of the variants
    piles = []
    for name, loader in (("ECB+", load_ecbplus), ("AllSides", load_allsides)):
        articles, gold = loader(corpora)
        days = np.array([publication_day(a) for a in articles])
        dates = date_factor(days, config)
        vectors = article_vectors(articles, config)
        similarity = (vectors @ vectors.T).toarray() * dates
        heads = [content_terms(a.title or "") for a in articles]
        heads = [" ".join(h) if len(set(h)) >= 3 else "" for h in heads]
        titles = TfidfVectorizer(sublinear_tf=True, token_pattern=r"\S+").fit_transform(heads)
        headlines = (titles @ titles.T).toarray() * dates
        piles.append(Pile(name, articles, gold, dates, similarity, headlines))
    return piles


# --- cuts -----------------------------------------------------------------------------------


def average_cut(distance: np.ndarray, threshold: float) -> np.ndarray:
    """Average linkage (scikit-learn) stopped at ``threshold``, as shipped."""
    if len(distance) < 2:
        return np.zeros(len(distance), dtype=int)
    distance = np.clip(distance, 0.0, None)
    np.fill_diagonal(distance, 0.0)
    model = AgglomerativeClustering(
        n_clusters=None, metric="precomputed", linkage="average", distance_threshold=threshold
    )
    return model.fit_predict(distance)


def neighbour_distances(similarity: np.ndarray) -> np.ndarray:
    """Each row's cosine distances, nearest first (the article itself first)."""
    return np.sort(np.clip(1.0 - similarity, 0.0, None), axis=1)


def knn_sets(similarity: np.ndarray, k: int) -> np.ndarray:
    """0/1 matrix: row i marks i and its k nearest neighbours."""
    ranked = np.argsort(-(similarity + 2 * np.eye(len(similarity))), axis=1)[:, : k + 1]
    sets = np.zeros_like(similarity)
    sets[np.arange(len(similarity))[:, None], ranked] = 1.0
    return sets


def size_aware_cut(distance: np.ndarray, small: float, large: float) -> np.ndarray:
    """Average linkage (scipy) cut where a merge of groups A and B stands if its height is at
    most ``large - (large - small) / sqrt(|A| |B|)``: a mean over more pairs is surer evidence."""
    distance = np.clip(distance, 0.0, None)
    np.fill_diagonal(distance, 0.0)
    tree = linkage(squareform(distance, checks=False), "average")
    count = len(tree) + 1
    size = np.ones(2 * count - 1)
    kept = np.ones(2 * count - 1, dtype=bool)
    parent = np.full(2 * count - 1, -1)
    for step, (a, b, height, _) in enumerate(tree):
        a, b, node = int(a), int(b), count + step
        parent[a] = parent[b] = node
        size[node] = size[a] + size[b]
        allowed = large - (large - small) / np.sqrt(size[a] * size[b])
        kept[node] = kept[a] and kept[b] and height <= allowed
    labels = np.empty(count, dtype=int)
    for leaf in range(count):
        top, node = leaf, parent[leaf]
        while node >= 0:
            top = node if kept[node] else top
            node = parent[node]
        labels[leaf] = top
    return labels


def singletons_for_noise(labels: np.ndarray) -> np.ndarray:
    """HDBSCAN's noise (-1) as one single-article story each."""
    out = labels.copy()
    noise = np.flatnonzero(labels < 0)
    out[noise] = labels.max() + 1 + np.arange(len(noise))
    return out


# --- variants -------------------------------------------------------------------------------


def shipped(pile: Pile, threshold: float) -> np.ndarray:
    return average_cut(1.0 - pile.similarity, threshold)


def threshold_or_significance(
    pile: Pile, threshold: float, z: float, reciprocal: int = 0, reach: float = 0.0
) -> np.ndarray:
    """The shipped cut since session 4: a pair is near when within the threshold or when its
    similarity's z-score against the pile reaches ``z`` (distance falls from the threshold at z to
    0 at 2z); average linkage on the nearer of the two. Since session 6, also when the two are
    among each other's ``reciprocal`` nearest neighbours within cosine ``reach`` (their distance
    scaled by threshold / reach), through the shipped functions."""
    relative = threshold * np.clip(2.0 - pile_zscores(pile.similarity) / z, 0.0, None)
    distance = np.minimum(1.0 - pile.similarity, relative)
    if reciprocal:
        neighbours = nearest_neighbours(pile.similarity, 0, reciprocal)
        nearness = np.take_along_axis(pile.similarity, neighbours, axis=1)
        pulled = reciprocal_pairs(neighbours, nearness, reach).toarray() > 0
        distance = np.where(pulled, distance * (threshold / reach), distance)
    return average_cut(distance, threshold)


def pile_zscores(similarity: np.ndarray) -> np.ndarray:
    """Each similarity's z-score against both articles' similarities to the rest of the pile."""
    count = len(similarity)
    others = similarity[~np.eye(count, dtype=bool)].reshape(count, max(count - 1, 1))
    mean, spread = others.mean(axis=1), np.maximum(others.std(axis=1), 1e-6)
    return (similarity - (mean[:, None] + mean[None, :]) / 2) / np.sqrt(np.outer(spread, spread))


def local_scaling(pile: Pile, k: int, threshold: float) -> np.ndarray:
    """Zelnik-Manor & Perona: distance over the geometric mean of both k-th-neighbour distances."""
    sigma = neighbour_distances(pile.similarity)[:, k]
    scale = np.sqrt(np.outer(sigma, sigma))
    return average_cut((1.0 - pile.similarity) / np.maximum(scale, 1e-9), threshold)


def shared_neighbours(pile: Pile, k: int, threshold: float) -> np.ndarray:
    """Jarvis-Patrick: the share of k-nearest-neighbour lists two articles have in common."""
    sets = knn_sets(pile.similarity, k)
    return average_cut(1.0 - sets @ sets.T / (k + 1), threshold)


def shared_neighbours_cosine(pile: Pile, k: int, threshold: float) -> np.ndarray:
    """Geometric mean of the shared-neighbour share and the cosine."""
    sets = knn_sets(pile.similarity, k)
    shared = sets @ sets.T / (k + 1)
    return average_cut(1.0 - np.sqrt(np.clip(pile.similarity, 0, 1) * shared), threshold)


def hdbscan(pile: Pile, min_samples: int, selection: str) -> np.ndarray:
    distance = np.clip(1.0 - pile.similarity, 0.0, None)
    np.fill_diagonal(distance, 0.0)
    model = HDBSCAN(
        min_cluster_size=2,
        min_samples=min_samples,
        metric="precomputed",
        cluster_selection_method=selection,
        copy=True,
    )
    return singletons_for_noise(model.fit_predict(distance))


def row_zscore(pile: Pile, z: float) -> np.ndarray:
    """Similarity as standard deviations above both articles' mean similarity to the pile."""
    count = len(pile.similarity)
    off = pile.similarity - np.eye(count)
    mean = off.sum(axis=1) / (count - 1)
    spread = np.sqrt(np.maximum((off**2).sum(axis=1) / (count - 1) - mean**2, 1e-12))
    score = (pile.similarity - (mean[:, None] + mean[None, :]) / 2) / np.sqrt(
        np.outer(spread, spread)
    )
    top = score.max() + 1.0
    if top - z <= 0:  # no pair reaches z: every article alone
        return np.arange(count)
    return average_cut(top - score, top - z)


def centred(pile: Pile, threshold: float) -> np.ndarray:
    """Cosine after subtracting the pile's mean vector (before the date factor)."""
    content = pile.similarity / pile.dates
    mean = content.mean(axis=1)
    total = content.mean()
    moved = content - mean[:, None] - mean[None, :] + total
    norms = np.sqrt(np.clip(np.diag(moved), 1e-12, None))
    return average_cut(1.0 - moved / np.outer(norms, norms) * pile.dates, threshold)


def knn_smoothing(pile: Pile, k: int, threshold: float) -> np.ndarray:
    """Each article's vector plus half the mean of its k nearest neighbours'."""
    sets = knn_sets(pile.similarity, k) - np.eye(len(pile.similarity))
    mix = np.eye(len(sets)) + 0.5 * sets / k
    smoothed = mix @ pile.similarity @ mix.T
    norms = np.sqrt(np.diag(smoothed))
    return average_cut(1.0 - smoothed / np.outer(norms, norms), threshold)


def two_stages(pile: Pile, core: float, merge: float) -> np.ndarray:
    """Tight cores at ``core``, then average linkage of the cores on their mean distance less
    half their mean inner spread, at ``merge``."""
    cores = average_cut(1.0 - pile.similarity, core)
    member = np.zeros((len(cores), cores.max() + 1))
    member[np.arange(len(cores)), cores] = 1.0
    size = member.sum(axis=0)
    between = member.T @ pile.similarity @ member / np.outer(size, size)
    inner = (np.diag(member.T @ pile.similarity @ member) - size) / np.maximum(size * (size - 1), 1)
    spread = np.where(size > 1, 1.0 - inner, 0.0)
    distance = 1.0 - between - 0.5 * (spread[:, None] + spread[None, :]) / 2
    shift = max(0.0, -distance.min())
    return average_cut(distance + shift, merge + shift)[cores]


def size_aware(pile: Pile, small: float, large: float) -> np.ndarray:
    return size_aware_cut(1.0 - pile.similarity, small, large)


def headline_pull(pile: Pile, pull: float, threshold: float) -> np.ndarray:
    """Similarity moved ``pull`` of the way up to the headlines' cosine where that is higher."""
    moved = pile.similarity + pull * np.maximum(pile.headlines - pile.similarity, 0.0)
    return average_cut(1.0 - moved, threshold)


def headline_pull_geometric(pile: Pile, pull: float, threshold: float) -> np.ndarray:
    """The same towards sqrt(content x headline): headlines only help where the text agrees."""
    target = np.sqrt(np.clip(pile.similarity, 0.0, None) * pile.headlines)
    moved = pile.similarity + pull * np.maximum(target - pile.similarity, 0.0)
    return average_cut(1.0 - moved, threshold)


def headline_pull_size_aware(pile: Pile, pull: float, small: float, large: float) -> np.ndarray:
    moved = pile.similarity + pull * np.maximum(pile.headlines - pile.similarity, 0.0)
    return size_aware_cut(1.0 - moved, small, large)


def latent_space(share: float, components: int) -> Callable[[Pile, float], np.ndarray]:
    """The shipped cut on a different latent share or number of dimensions."""
    config: Settings = replace(settings(), lsa_share=share, lsa_components=components)
    cache: dict[str, np.ndarray] = {}

    def run(pile: Pile, threshold: float) -> np.ndarray:
        if pile.name not in cache:
            vectors = article_vectors(pile.articles, config)
            cache[pile.name] = (vectors @ vectors.T).toarray() * pile.dates
        return average_cut(1.0 - cache[pile.name], threshold)

    return run


def with_embedding(
    share: float, words: int, lsa_share: float | None = None
) -> Callable[[Pile, float, float], np.ndarray]:
    """The shipped cut (threshold or significance) with the text embedding given ``share`` of
    the similarity (``summarizer.embeddings``: title and ``words`` words, 0: the whole text),
    through the real ``article_vectors``; ``lsa_share`` changes the latent share as well."""
    config = replace(settings(), embedding_share=share, embedding_words=words)
    if lsa_share is not None:
        config = replace(config, lsa_share=lsa_share)
    cache: dict[str, tuple[dict[str, int], np.ndarray]] = {}

    def run(
        pile: Pile, threshold: float, z: float, reciprocal: int = 0, reach: float = 0.0
    ) -> np.ndarray:
        if pile.name not in cache:  # the whole corpus (the first call); sub-piles index into it
            vectors = article_vectors(pile.articles, config)
            rows = {a.id: i for i, a in enumerate(pile.articles)}
            cache[pile.name] = rows, (vectors @ vectors.T).toarray() * pile.dates
        rows, similarity = cache[pile.name]
        picked = [rows[a.id] for a in pile.articles]
        moved = replace(pile, similarity=similarity[np.ix_(picked, picked)])
        return threshold_or_significance(moved, threshold, z, reciprocal, reach)

    run.cache = cache  # type: ignore[attr-defined]
    return run


def centroid_pass(share: float, words: int) -> Callable[[Pile, float, float, float], np.ndarray]:
    """The shipped cut (with the embedding), then a second pass: average linkage of the groups
    on the cosine of their centroids (mean vectors) at ``merge``. The centroid cosine is the
    average linkage similarity over the groups' norms, so loose groups merge more readily."""
    embedded = with_embedding(share, words)

    def run(pile: Pile, threshold: float, z: float, merge: float) -> np.ndarray:
        groups = embedded(pile, threshold, z)
        rows, similarity = embedded.cache[pile.name]  # type: ignore[attr-defined]
        picked = [rows[a.id] for a in pile.articles]
        member = np.zeros((len(groups), groups.max() + 1))
        member[np.arange(len(groups)), groups] = 1.0
        inner = member.T @ similarity[np.ix_(picked, picked)] @ member
        norms = np.sqrt(np.diag(inner))
        return average_cut(1.0 - inner / np.outer(norms, norms), merge)[groups]

    return run


def embedding_pull(words: int) -> Callable[[Pile, float, float, float], np.ndarray]:
    """Similarity moved ``pull`` of the way up to the embedding's cosine where that is higher
    (max of the shipped similarity and the blend): it never lowers a pair."""
    cache: dict[str, tuple[dict[str, int], np.ndarray]] = {}

    def run(pile: Pile, pull: float, threshold: float, z: float) -> np.ndarray:
        if pile.name not in cache:
            texts = [
                f"{a.title or ''}\n{' '.join(article_text(a).split()[:words])}"
                for a in pile.articles
            ]
            meaning = embeddings.embed(texts).astype(np.float64)
            rows = {a.id: i for i, a in enumerate(pile.articles)}
            cache[pile.name] = rows, meaning @ meaning.T * pile.dates
        rows, cosine = cache[pile.name]
        picked = [rows[a.id] for a in pile.articles]
        target = cosine[np.ix_(picked, picked)]
        moved = pile.similarity + pull * np.maximum(target - pile.similarity, 0.0)
        return threshold_or_significance(replace(pile, similarity=moved), threshold, z)

    return run


EMBEDDING_GRID = list(itertools.product((0.4, 0.425, 0.45), (6.0, 6.5)))


_MONTHS = {**lang.table("months")["names"], **lang.table("months")["abbreviations"]}
_MONTH = "(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
DATE_MENTIONS = (
    re.compile(rf"\b{_MONTH}\s+{_DAY}\b", re.IGNORECASE),  # March 3, Sept. 11
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}\b", re.IGNORECASE),  # 3 March, 11th of Sept
)


def date_mentions(text: str) -> list[str]:
    """Day-and-month mentions in the text as tokens ("date_3_3" for "March 3")."""
    found = []
    for pattern in DATE_MENTIONS:
        for match in pattern.finditer(text):
            if 1 <= int(match["day"]) <= 31:
                found.append(f"date_{_MONTHS[match['month'].lower()]}_{int(match['day'])}")
    return found


def with_date_mentions(block: str) -> Callable[[Pile, float], np.ndarray]:
    """The shipped cut with the dates the text mentions added to one feature block."""
    cache: dict[str, np.ndarray] = {}

    def mapper(stage: Callable[[Article], ArticleTerms], articles: Sequence[Article]):  # type: ignore[no-untyped-def]
        for item in articles:
            terms = stage(item)
            extra = date_mentions(f"{item.title or ''}\n{article_text(item)}")
            yield replace(terms, **{block: getattr(terms, block) + extra})

    def run(pile: Pile, threshold: float) -> np.ndarray:
        if pile.name not in cache:
            vectors = article_vectors(pile.articles, settings(), mapper)
            cache[pile.name] = (vectors @ vectors.T).toarray() * pile.dates
        return average_cut(1.0 - cache[pile.name], threshold)

    return run


THRESHOLDS = (0.4, 0.425, 0.45, 0.475, 0.5)
SHIPPED = "one threshold (shipped before session 4)"
SIGNIFICANCE = "threshold or significance (shipped in session 4)"
EMBEDDING = "embedding 0.15, title + 60 words (shipped in session 5)"
RECIPROCAL = "reciprocal nearest neighbours, embedding 0.15 (shipped now)"
VARIANTS: dict[str, tuple[Callable[..., np.ndarray], list[tuple[object, ...]]]] = {
    SHIPPED: (shipped, [(t,) for t in THRESHOLDS]),
    SIGNIFICANCE: (
        threshold_or_significance,
        list(itertools.product((0.425, 0.45), (6.0, 6.5, 7.0, 8.0))),
    ),
    "local scaling (k-th neighbour)": (
        local_scaling,
        list(itertools.product((3, 7, 15, 20), (0.7, 0.8, 0.9, 1.0, 1.2))),
    ),
    "shared nearest neighbours": (
        shared_neighbours,
        list(itertools.product((5, 10, 20), (0.5, 0.6, 0.7, 0.8))),
    ),
    "shared neighbours x cosine": (
        shared_neighbours_cosine,
        list(itertools.product((5, 10, 20), (0.5, 0.6, 0.7))),
    ),
    "HDBSCAN (min_cluster_size 2)": (
        hdbscan,
        list(itertools.product((1, 2, 3), ("eom", "leaf"))),
    ),
    "z-score against each row": (row_zscore, [(z,) for z in (4.0, 5.0, 5.5, 6.0, 7.0)]),
    "centred cosine": (centred, [(t,) for t in (0.45, 0.475, 0.5, 0.525, 0.55)]),
    "kNN smoothing": (knn_smoothing, list(itertools.product((2, 5), (0.35, 0.4, 0.45)))),
    "two stages (cores, then spread-relative merge)": (
        two_stages,
        list(itertools.product((0.35, 0.4), (0.3, 0.35, 0.4))),
    ),
    "size-aware cut": (
        size_aware,
        list(itertools.product((0.375, 0.4, 0.425), (0.475, 0.5, 0.525))),
    ),
    "headline pull": (headline_pull, list(itertools.product((0.5, 0.75, 1.0), THRESHOLDS))),
    "headline pull, geometric": (
        headline_pull_geometric,
        list(itertools.product((0.75, 1.0), THRESHOLDS)),
    ),
    "headline pull + size-aware cut": (
        headline_pull_size_aware,
        list(itertools.product((0.75,), (0.4, 0.45), (0.45, 0.5, 0.55))),
    ),
    "latent share 0.8": (latent_space(0.8, 100), [(t,) for t in (0.4, 0.45, 0.5)]),
    "latent share 0.9": (latent_space(0.9, 100), [(t,) for t in (0.35, 0.4, 0.45)]),
    "150 latent dimensions": (latent_space(0.7, 150), [(t,) for t in (0.45, 0.5, 0.55)]),
    EMBEDDING: (with_embedding(0.15, 60), EMBEDDING_GRID),
    RECIPROCAL: (
        with_embedding(0.15, 60),
        list(itertools.product((0.45, 0.475), (6.0, 6.5), (1,), (0.5, 0.6, 0.7))),
    ),
    "centroid second pass, embedding 0.15": (
        centroid_pass(0.15, 60),
        list(itertools.product((0.45, 0.475), (6.0, 6.5), (0.3, 0.35, 0.4))),
    ),
    "reciprocal 2 nearest neighbours, embedding 0.15": (
        with_embedding(0.15, 60),
        list(itertools.product((0.45, 0.475), (6.0, 6.5), (2,), (0.5, 0.6, 0.7))),
    ),
    "embedding 0.25, title + 60 words": (with_embedding(0.25, 60), EMBEDDING_GRID),
    "embedding 0.35, title + 60 words": (with_embedding(0.35, 60), EMBEDDING_GRID),
    "embedding 0.25, title + 30 words": (with_embedding(0.25, 30), EMBEDDING_GRID),
    "embedding 0.25, title + 120 words": (with_embedding(0.25, 120), EMBEDDING_GRID),
    "embedding 0.25, whole text": (with_embedding(0.25, 0), EMBEDDING_GRID),
    "embedding pull (title + 60 words; never lowers a pair)": (
        embedding_pull(60),
        list(itertools.product((0.25, 0.5), (0.35, 0.4, 0.45), (6.0, 6.5))),
    ),
    "embedding 0.3 instead of the latent space (words 0.7)": (
        with_embedding(0.3, 60, lsa_share=1e-6),
        EMBEDDING_GRID,
    ),
    "dates mentioned in the text, as names": (
        with_date_mentions("names"),
        [(t,) for t in THRESHOLDS],
    ),
    "dates mentioned in the text, as numbers": (
        with_date_mentions("numbers"),
        [(t,) for t in THRESHOLDS],
    ),
}


def run(piles: Sequence[Pile], names: Sequence[str]) -> list[dict[str, object]]:
    summary = []
    for name in names:
        function, grid = VARIANTS[name]
        rows = []
        for parameters in grid:
            f1 = [bcubed(function(pile, *parameters).tolist(), pile.gold)[2] for pile in piles]
            rows.append((float(np.mean(f1)), parameters, f1))
            print(f"{name} {parameters}: {f1[0]:.3f} / {f1[1]:.3f}", flush=True)
        _, parameters, f1 = max(rows, key=lambda row: row[0])
        summary.append(
            {"variant": name, "best": list(parameters), "ECB+": f1[0], "AllSides": f1[1]}
        )
    print("\n| variant | best setting | ECB+ | AllSides | mean |\n|---|---|--:|--:|--:|")
    for row in summary:
        mean = (row["ECB+"] + row["AllSides"]) / 2  # type: ignore[operator]
        print(
            f"| {row['variant']} | {tuple(row['best'])} | {row['ECB+']:.3f} |"
            f" {row['AllSides']:.3f} | {mean:.4f} |"
        )
    return summary


# Variants that still make sense on a pile of three articles (no k-th neighbour beyond it).
SINGLE_STORY_CHECK = (
    SHIPPED,
    SIGNIFICANCE,
    "HDBSCAN (min_cluster_size 2)",
    "z-score against each row",
    "centred cosine",
    "two stages (cores, then spread-relative merge)",
    "size-aware cut",
    "headline pull",
    "headline pull + size-aware cut",
    EMBEDDING,
    RECIPROCAL,
    "reciprocal 2 nearest neighbours, embedding 0.15",
    "embedding 0.25, title + 60 words",
    "embedding 0.35, title + 60 words",
    "embedding 0.25, whole text",
    "embedding pull (title + 60 words; never lowers a pair)",
)


def single_story_check(piles: Sequence[Pile], summary: Sequence[dict[str, object]]) -> None:
    """Each gold story alone as a pile (ECB+ events of 8+ articles, AllSides stories of 3): how
    many a variant keeps whole at its best setting. A cut relative to the pile itself must not
    shatter a pile that holds one story. (The sub-piles keep the whole corpus's vectors; HDBSCAN
    never returns the whole pile as one cluster unless told to, ``allow_single_cluster``.)"""
    best = {row["variant"]: row["best"] for row in summary}
    best[SHIPPED] = [settings().threshold]  # the shipped settings, not the grid's best
    best[SIGNIFICANCE] = [settings().threshold, settings().significance]
    shipped_cut = [settings().threshold, settings().significance]
    if EMBEDDING in best:  # its vectors are cached from the whole corpus, so only if it ran
        best[EMBEDDING] = shipped_cut
    if RECIPROCAL in best:
        best[RECIPROCAL] = [*shipped_cut, settings().reciprocal, settings().reciprocal_reach]
    for name in (n for n in SINGLE_STORY_CHECK if n in best):
        function = VARIANTS[name][0]
        line = []
        for pile in piles:
            gold = np.array(pile.gold)
            smallest = 8 if pile.name == "ECB+" else 3
            events = [e for e in dict.fromkeys(pile.gold) if (gold == e).sum() >= smallest]
            whole = 0
            for event in events:
                rows = np.flatnonzero(gold == event)
                alone = Pile(
                    pile.name,
                    [pile.articles[i] for i in rows],
                    [event] * len(rows),
                    pile.dates[np.ix_(rows, rows)],
                    pile.similarity[np.ix_(rows, rows)],
                    pile.headlines[np.ix_(rows, rows)],
                )
                whole += len(set(function(alone, *best[name]).tolist())) == 1  # type: ignore[arg-type]
            line.append(f"{pile.name} {whole}/{len(events)}")
        print(f"single-story piles kept whole, {name} {tuple(best[name])}: {', '.join(line)}")  # type: ignore[arg-type]


def diagnose(piles: Sequence[Pile]) -> None:
    """How well the shipped similarity ranks each article's story-mates, and which pairs the
    headline pull (0.75) lifts over the shipped threshold."""
    threshold = 1.0 - settings().threshold
    for pile in piles:
        gold = np.array(pile.gold)
        ranked = np.argsort(-(pile.similarity - 2 * np.eye(len(gold))), axis=1)
        mates = gold[ranked[:, :5]] == gold[:, None]
        wanted = np.array([(gold == g).sum() - 1 for g in gold])
        print(
            f"{pile.name}: nearest neighbour in the same story {mates[:, 0].mean():.3f};"
            f" story-mates among the 5 nearest {mates.sum(axis=1).mean():.2f}"
            f" of {wanted.mean():.2f}"
        )
        pulled = pile.similarity + 0.75 * np.maximum(pile.headlines - pile.similarity, 0.0)
        upper = np.triu(np.ones_like(pulled, dtype=bool), 1)
        lifted = np.argwhere(upper & (pile.similarity < threshold) & (pulled >= threshold))
        right = sum(gold[a] == gold[b] for a, b in lifted)
        print(
            f"{pile.name}: pairs the headline pull lifts over the threshold {len(lifted)},"
            f" of them in one story {right}"
        )


def seed_spread(corpora: Path, seeds: int) -> None:
    """The shipped grouping, with and without the text embedding, with the latent space's random
    seed changed (shipped: 0): how far the scores move for no reason, the resolution against
    which a variant's gain is read (the two are paired seed by seed)."""
    from sklearn.decomposition import TruncatedSVD

    import summarizer.stories as stories

    corpus = [load_ecbplus(corpora), load_allsides(corpora)]
    configs = {
        "shipped": settings(),
        "without the embedding": replace(settings(), embedding_share=0.0),
    }
    for seed in range(seeds):
        # Bench-only: the shipped code fixes random_state=0; here it is swapped for ``seed``.
        def seeded(*args: object, seed: int = seed, **kwargs: object) -> TruncatedSVD:
            return TruncatedSVD(*args, **{**kwargs, "random_state": seed})  # type: ignore[arg-type]

        stories.TruncatedSVD = seeded  # type: ignore[misc,assignment]
        for label, config in configs.items():
            f1 = []
            for articles, gold in corpus:
                grouping = stories.group_stories(articles, config)
                story_of = {s.id: story.id for story in grouping.stories for s in story.sources}
                f1.append(bcubed([story_of[a.id] for a in articles], gold)[2])
            print(
                f"seed {seed}, {label}: ECB+ {f1[0]:.4f}, AllSides {f1[1]:.4f},"
                f" mean {np.mean(f1):.4f}",
                flush=True,
            )
    stories.TruncatedSVD = TruncatedSVD  # type: ignore[misc]


def seeded_svd(seed: int, iterations: int = 0) -> None:
    """Bench-only: the latent space's random seed (the shipped code fixes 0) set to ``seed``, and
    its power iterations (shipped: 4) to ``iterations`` when given."""
    from sklearn.decomposition import TruncatedSVD

    import summarizer.stories as stories

    def seeded(*args: object, **kwargs: object) -> TruncatedSVD:
        changed = {"random_state": seed, **({"n_iter": iterations} if iterations else {})}
        return TruncatedSVD(*args, **{**kwargs, **changed})  # type: ignore[arg-type]

    stories.TruncatedSVD = seeded if seed or iterations else TruncatedSVD  # type: ignore[misc,assignment]


@dataclass(frozen=True)
class Grid:
    """The settings ``--grid`` scores: every combination of these."""

    shares: Sequence[float] = (0.1, 0.15, 0.2)
    thresholds: Sequence[float] = (0.425, 0.45, 0.475, 0.5)
    significances: Sequence[float] = (5.5, 6.0, 6.5, 7.0)
    reciprocals: Sequence[tuple[int, float]] = ((0, 0.0),)  # (neighbours, reach); 0: off
    svd_iterations: int = 0  # the latent space's power iterations (0: as shipped, 4)


def reciprocal_setting(text: str) -> tuple[int, float]:
    """ "2:0.6" -> (2, 0.6): reciprocal neighbours and reach, as on the command line."""
    count, _, reach = text.partition(":")
    return int(count), float(reach or 0.0)


def seed_grid(corpora: Path, seeds: int, out: Path | None, grid: Grid) -> None:
    """Every (embedding share, threshold, significance, reciprocal rule) of ``grid`` over
    ``seeds`` latent seeds: BCubed P / R / F1 per corpus and seed, then the settings ranked by
    their mean F1 over seeds and corpora (the dense harness cut, which equals ``group_stories``
    on these piles)."""
    corpus = {"ECB+": load_ecbplus(corpora), "AllSides": load_allsides(corpora)}
    days = {
        name: np.array([publication_day(a) for a in arts]) for name, (arts, _) in corpus.items()
    }
    results: dict[tuple[object, ...], dict[str, list[tuple[float, float, float]]]] = {}
    cuts = list(itertools.product(grid.thresholds, grid.significances, grid.reciprocals))
    for seed in range(seeds):
        seeded_svd(seed, grid.svd_iterations)
        for share in grid.shares:
            config = replace(settings(), embedding_share=share)
            for name, (articles, gold) in corpus.items():
                dates = date_factor(days[name], config)
                vectors = article_vectors(articles, config)
                pile = Pile(
                    name, articles, gold, dates, (vectors @ vectors.T).toarray() * dates, dates
                )
                for threshold, z, (reciprocal, reach) in cuts:
                    cut = threshold_or_significance(pile, threshold, z, reciprocal, reach)
                    labels = cut.tolist()
                    scores = results.setdefault((share, threshold, z, reciprocal, reach), {})
                    scores.setdefault(name, []).append(bcubed(labels, gold))
            print(f"seed {seed}, share {share} done", flush=True)
    seeded_svd(0)
    rows = []
    for (share, threshold, z, reciprocal, reach), scores in results.items():
        ecb = np.array(scores["ECB+"])
        side = np.array(scores["AllSides"])
        rows.append(
            {
                "share": share,
                "threshold": threshold,
                "significance": z,
                "reciprocal": [reciprocal, reach],
                "ECB+": ecb[:, 2].tolist(),
                "AllSides": side[:, 2].tolist(),
                "ECB+ P/R": ecb[:, :2].mean(axis=0).tolist(),
                "AllSides P/R": side[:, :2].mean(axis=0).tolist(),
                "mean": float((ecb[:, 2].mean() + side[:, 2].mean()) / 2),
                "worst seed mean": float(((ecb[:, 2] + side[:, 2]) / 2).min()),
            }
        )
    rows.sort(key=lambda row: -row["mean"])  # type: ignore[operator]
    print("| share | threshold | z | reciprocal | ECB+ mean (min-max) |", end="")
    print(" AllSides mean (min-max) | mean | worst seed |")
    print("|--:|--:|--:|--:|--:|--:|--:|--:|")
    for row in rows:
        ecb, side = np.array(row["ECB+"]), np.array(row["AllSides"])
        print(
            f"| {row['share']} | {row['threshold']} | {row['significance']} |"
            f" {row['reciprocal'][0]}, {row['reciprocal'][1]} |"
            f" {ecb.mean():.4f} ({ecb.min():.3f}-{ecb.max():.3f}) |"
            f" {side.mean():.4f} ({side.min():.3f}-{side.max():.3f}) |"
            f" {row['mean']:.4f} | {row['worst seed mean']:.4f} |"
        )
    if out:
        out.write_text(json.dumps(rows, indent=1) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA)
    parser.add_argument("--only", nargs="*", default=list(VARIANTS), choices=list(VARIANTS))
    parser.add_argument("--out", type=Path, default=None, help="write the summary as JSON")
    parser.add_argument("--seeds", type=int, default=0, help="only the latent seed's spread")
    parser.add_argument("--diagnose", action="store_true", help="only the neighbour ranking")
    parser.add_argument(
        "--grid", action="store_true", help="with --seeds: share x threshold x significance"
    )
    parser.add_argument("--shares", type=float, nargs="+", default=Grid.shares)
    parser.add_argument("--thresholds", type=float, nargs="+", default=Grid.thresholds)
    parser.add_argument("--significances", type=float, nargs="+", default=Grid.significances)
    parser.add_argument(
        "--reciprocals",
        type=reciprocal_setting,
        nargs="+",
        default=Grid.reciprocals,
        help="NEIGHBOURS:REACH pairs, e.g. 0 1:0.6 2:0.6 (0: the rule off)",
    )
    parser.add_argument("--svd-iterations", type=int, default=0, help="0: as shipped (4)")
    args = parser.parse_args()
    if args.seeds and args.grid:
        grid = Grid(
            args.shares, args.thresholds, args.significances, args.reciprocals, args.svd_iterations
        )
        seed_grid(args.corpora, args.seeds, args.out, grid)
        return
    if args.seeds:
        seed_spread(args.corpora, args.seeds)
        return
    if args.diagnose:
        diagnose(load(args.corpora))
        return
    piles = load(args.corpora)
    summary = run(piles, args.only)
    single_story_check(piles, summary)
    if args.out:
        args.out.write_text(json.dumps(summary, indent=2) + "\n")


if __name__ == "__main__":
    main()
