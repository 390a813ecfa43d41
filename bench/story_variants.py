"""Alternatives to the stories grouping's global threshold, scored on ECB+ and AllSides.

    python bench/story_variants.py [--corpora DIR] [--only NAME ...] [--out FILE]

Every variant starts from the shipped representation (``summarizer.stories.article_vectors``:
weighted TF-IDF blocks plus the latent space, times the date factor) and changes how the pile
is cut into stories, or one part of the representation. Each is scored on a small grid of its
own parameters; the summary gives each variant's best setting by the mean BCubed F1 of the two
corpora. The development piles are small (982 and 600 articles), so this harness uses dense
N x N matrices; the shipped code never does. See bench/README.md for the results.
"""

from __future__ import annotations

import argparse
import itertools
import json
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

from summarizer.models import Article  # noqa: E402
from summarizer.stories import (  # noqa: E402
    Settings,
    article_vectors,
    date_factor,
    publication_day,
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
    config = settings()
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


THRESHOLDS = (0.4, 0.425, 0.45, 0.475, 0.5)
VARIANTS: dict[str, tuple[Callable[..., np.ndarray], list[tuple[object, ...]]]] = {
    "shipped: average linkage, one threshold": (shipped, [(t,) for t in THRESHOLDS]),
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA)
    parser.add_argument("--only", nargs="*", default=list(VARIANTS), choices=list(VARIANTS))
    parser.add_argument("--out", type=Path, default=None, help="write the summary as JSON")
    args = parser.parse_args()
    summary = run(load(args.corpora), args.only)
    if args.out:
        args.out.write_text(json.dumps(summary, indent=2) + "\n")


if __name__ == "__main__":
    main()
