"""Replay the digest's selection on cached candidates: compare selectors in a minute, not ten.

Run from the repository root after ``pip install '.[test]'``::

    python bench/replay_selector.py [--features lead,first_claim,...] [--c 0.1] [--fold-seed N]

For every story of the development sets the digest's candidates, every feature of
``summarizer.digest.FEATURES``, the greedy ROUGE-2 oracle's labels and LEAD's ROUGE-2 are
computed once. A logistic regression over the chosen features is then cross-validated by story
with the folds and fit of ``evaluate.py`` (``train_selector.story_folds`` and ``fit``), and each
story's digest is rebuilt by ``digest.digest_of_scores``, cut to the budget and scored. With the
shipped features and the default split the figures equal ``evaluate.py``'s digest row, which
builds whole briefings instead; ``evaluate.py`` stays the record, this is for trying variants.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from rouge_score.rouge_scorer import RougeScorer
from scipy.sparse import csr_matrix

from summarizer.digest import (
    FEATURES,
    Candidate,
    candidate_features,
    candidate_matrix,
    digest_of_scores,
)
from summarizer.pipeline import analyse

sys.path.insert(0, str(Path(__file__).resolve().parent))
import train_selector
from devsets import Cluster, cluster_articles, load_datasets, truncate_words, word_budget
from evaluate import lead_summary


@dataclass(frozen=True)
class CachedStory:
    """What replaying one story needs: candidates, every feature, labels, references, LEAD."""

    set: str
    id: str
    candidates: tuple[Candidate, ...]
    matrix: csr_matrix
    features: np.ndarray  # one column per name in FEATURES
    labels: np.ndarray
    dates: Mapping[str, str | None]
    references: tuple[str, ...]
    budget: int
    lead_rouge2: float


def rouge2(summary: str, references: Sequence[str], scorer: RougeScorer) -> float:
    """ROUGE-2 F of ``summary``, averaged over ``references`` (as ``evaluate.rouge`` does)."""
    return float(np.mean([scorer.score(ref, summary)["rouge2"].fmeasure for ref in references]))


def cache_story(set_name: str, cluster: Cluster, scorer: RougeScorer) -> CachedStory:
    """One story's candidates, features, oracle labels and LEAD score."""
    articles = cluster_articles(cluster)
    analyses = [analyse(article) for article in articles]
    content = {a.article.id: a.content for a in analyses}
    ranks = {a.article.id: {r.sentence.index: r.rank for r in a.ranked} for a in analyses}
    candidates, matrix = candidate_matrix(content, ranks)
    budget = word_budget(cluster.references)
    labels = np.zeros(len(candidates))
    texts = [c.sentence.text for c in candidates]
    labels[train_selector.oracle_selection(texts, cluster.references, budget)] = 1.0
    lead = truncate_words(lead_summary(articles, budget), budget)
    return CachedStory(
        set_name,
        cluster.id,
        tuple(candidates),
        matrix,
        candidate_features(candidates, matrix),
        labels,
        {a.article.id: a.article.date for a in analyses},
        cluster.references,
        budget,
        rouge2(lead, cluster.references, scorer),
    )


def replay(
    stories: Sequence[CachedStory],
    features: Sequence[str],
    *,
    regularisation: float = train_selector.REGULARISATION_C,
    fold_seed: int | None = None,
    scorer: RougeScorer,
) -> dict[str, float]:
    """Each set's digest ROUGE-2 as a multiple of LEAD's, the selector cross-validated by story."""
    columns = [FEATURES.index(name) for name in features]
    tables = [train_selector.StoryTable(s.id, s.features[:, columns], s.labels) for s in stories]
    digest_score: dict[str, float] = {}
    for train, test in train_selector.story_folds(len(stories), fold_seed=fold_seed):
        model = train_selector.fit(
            [tables[i] for i in train], features=features, regularisation=regularisation
        )
        for i in test:
            story = stories[i]
            scores = model.score(tables[i].features)
            digest = digest_of_scores(
                story.candidates, story.matrix, scores, story.budget, story.dates
            )
            text = truncate_words(" ".join(s.text for s in digest), story.budget)
            digest_score[story.id] = rouge2(text, story.references, scorer)
    ratios = {}
    for set_name in dict.fromkeys(s.set for s in stories):
        members = [s for s in stories if s.set == set_name]
        lead = np.mean([s.lead_rouge2 for s in members])
        ratios[set_name] = float(np.mean([digest_score[s.id] for s in members]) / lead)
    return ratios


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--features",
        default=",".join(train_selector.SELECTED_FEATURES),
        help=f"comma-separated names from: {', '.join(FEATURES)}",
    )
    parser.add_argument("--c", type=float, default=train_selector.REGULARISATION_C)
    parser.add_argument("--fold-seed", type=int, help="shuffle the stories between folds")
    args = parser.parse_args(argv)
    features = [name.strip() for name in args.features.split(",") if name.strip()]
    unknown = [name for name in features if name not in FEATURES]
    if unknown or not features:
        parser.error(f"unknown features: {', '.join(unknown) or '(none given)'}")
    datasets, notes = load_datasets()
    for note in notes:
        print(note, file=sys.stderr)
    scorer = RougeScorer(["rouge2"], use_stemmer=True)
    stories = [
        cache_story(name, cluster, scorer)
        for name, clusters in datasets.items()
        for cluster in clusters
    ]
    ratios = replay(
        stories, features, regularisation=args.c, fold_seed=args.fold_seed, scorer=scorer
    )
    print(" | ".join(f"{name} ROUGE-2 / LEAD = {ratio:.3f}" for name, ratio in ratios.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
