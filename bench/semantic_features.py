"""Candidate features from text embeddings, for trying them in the digest's selector (issue 15).

Not shipped: ``replay_selector.py --features`` accepts these names beside ``digest.FEATURES``
(bench/README.md, "Semantic features", has the runs and why none ships). Each feature is the
embedding counterpart of a TF-IDF one, or a similarity to a centroid or to the headlines, with
``summarizer.embeddings.embed`` (unit rows) standing in for the TF-IDF rows.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from summarizer.digest import CROSS_SOURCE_WEIGHT, DAMPING, Candidate, percentiles
from summarizer.embeddings import embed

SEMANTIC_FEATURES = (
    "emb_support",  # percentile of the mean embedding cosine to the other sources' candidates
    "emb_own",  # percentile of the mean embedding cosine to the rest of its own source
    "emb_echo",  # percentile of the highest embedding cosine to one sentence of another source
    "emb_centrality",  # percentile of cross-source LexRank on embedding cosines
    "emb_centrality_within",  # percentile of LexRank on same-source embedding cosines
    "emb_article",  # percentile of the cosine to its own article's centroid
    "emb_story",  # percentile of the cosine to the story centroid (each source's centroid equal)
    "emb_others",  # percentile of the cosine to the centroid of the other sources' centroids
    "emb_headline_max",  # percentile of the highest cosine to any source's headline
    "emb_headline_own",  # percentile of the cosine to its own source's headline
)


def semantic_features(
    candidates: Sequence[Candidate], headlines: Mapping[str, str]
) -> dict[str, np.ndarray]:
    """Every name of ``SEMANTIC_FEATURES`` -> one value per candidate (dense; one story's pool).

    ``headlines``: each source id's headline ("" or absent when it has none).
    """
    count = len(candidates)
    if count == 0:
        return {name: np.zeros(0) for name in SEMANTIC_FEATURES}
    vectors = embed([c.sentence.text for c in candidates]).astype(np.float64)
    sources = np.array([c.source_order for c in candidates])
    cosine = vectors @ vectors.T
    same = sources[:, None] == sources[None, :]
    other = ~same
    own = same & ~np.eye(count, dtype=bool)
    features = {
        "emb_support": percentiles(_masked_mean(cosine, other)),
        "emb_own": percentiles(_masked_mean(cosine, own)),
        "emb_echo": percentiles(np.where(other.any(axis=1), np.where(other, cosine, -1).max(1), 0)),
        "emb_centrality": percentiles(
            _lexrank(np.where(same, cosine, CROSS_SOURCE_WEIGHT * cosine))
        ),
        "emb_centrality_within": percentiles(_lexrank(np.where(same, cosine, 0.0))),
    }
    labels = np.unique(sources)
    centroids = {label: _unit(vectors[sources == label].mean(axis=0)) for label in labels}
    features["emb_article"] = percentiles(
        np.einsum("ij,ij->i", vectors, np.array([centroids[s] for s in sources]))
    )
    features["emb_story"] = percentiles(vectors @ _unit(np.mean(list(centroids.values()), 0)))
    others = [
        _unit(np.mean([centroids[label] for label in labels if label != s], axis=0))
        if len(labels) > 1
        else np.zeros(vectors.shape[1])
        for s in sources
    ]
    features["emb_others"] = percentiles(np.einsum("ij,ij->i", vectors, np.array(others)))
    ids = [c.sentence.source for c in candidates]
    titled = sorted(source for source, title in headlines.items() if title.strip())
    if titled:
        to_headline = vectors @ embed([headlines[s] for s in titled]).astype(np.float64).T
        best = to_headline.max(axis=1)
        column = {source: j for j, source in enumerate(titled)}
        own_title = [
            to_headline[i, column[s]] if s in column else best[i] for i, s in enumerate(ids)
        ]
        features["emb_headline_max"] = percentiles(best)
        features["emb_headline_own"] = percentiles(np.array(own_title))
    else:
        features["emb_headline_max"] = features["emb_headline_own"] = np.full(count, 0.5)
    return features


def _masked_mean(values: np.ndarray, mask: np.ndarray) -> np.ndarray:
    sizes = mask.sum(axis=1)
    return np.where(sizes > 0, (values * mask).sum(axis=1) / np.maximum(sizes, 1), 0.0)


def _unit(vector: np.ndarray) -> np.ndarray:
    norm = np.linalg.norm(vector)
    return vector / norm if norm else vector


def _lexrank(weights: np.ndarray) -> np.ndarray:
    """PageRank's stationary distribution over non-negative weights without self-loops."""
    count = len(weights)
    weights = np.clip(weights, 0.0, None)
    np.fill_diagonal(weights, 0.0)
    sums = weights.sum(axis=1)
    # A sentence with no positive edge links uniformly (the usual dangling-node fix).
    step = np.where(sums[:, None] > 0, weights / np.where(sums > 0, sums, 1.0)[:, None], 1 / count)
    scores = np.full(count, 1.0 / count)
    for _ in range(200):
        updated = DAMPING * (step.T @ scores) + (1 - DAMPING) / count
        if np.abs(updated - scores).sum() < 1e-10:
            return updated
        scores = updated
    return scores
