"""Replay the digest's selection on cached candidates: compare selectors in a minute, not ten.

Run from the repository root after ``pip install '.[test]'``::

    python bench/replay_selector.py [--features lead,first_claim,...] [--c 0.1] [--fold-seed N]
    python bench/replay_selector.py --features lead,...,echo,emb_support --fold-seed 1,2,3
    python bench/replay_selector.py --labels near-optimal --fold-seed default,1,2,3

For every story of the development sets the digest's candidates, every feature of
``summarizer.digest.FEATURES``, the greedy ROUGE-2 oracle's labels and LEAD's ROUGE-2 are
computed once. A logistic regression over the chosen features is then cross-validated by story
with the folds and fit of ``evaluate.py`` (``train_selector.story_folds`` and ``fit``), and each
story's digest is rebuilt by ``digest.digest_of_scores``, cut to the budget and scored. With the
shipped features and the default split the figures equal ``evaluate.py``'s digest row, which
builds whole briefings instead; ``evaluate.py`` stays the record, this is for trying variants.
Names from ``semantic_features.SEMANTIC_FEATURES`` (embedding cosines, not shipped) are computed
only when asked for. ``--labels`` trains on graded labels instead of the oracle's picks (soft
targets; ``train_selector.LABELS``). ``--fold-seed`` takes a comma-separated list ("default"
for GroupKFold's own split); each split's ratios are printed, then their mean.
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
from semantic_features import SEMANTIC_FEATURES, semantic_features


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
    headlines: Mapping[str, str]


def feature_columns(story: CachedStory, names: Sequence[str]) -> np.ndarray:
    """The story's candidates' values of ``names`` (``FEATURES`` or ``SEMANTIC_FEATURES``)."""
    semantic = (
        semantic_features(story.candidates, story.headlines)
        if any(name in SEMANTIC_FEATURES for name in names)
        else {}
    )
    return np.column_stack(
        [
            semantic[name] if name in semantic else story.features[:, FEATURES.index(name)]
            for name in names
        ]
    )


def rouge2(summary: str, references: Sequence[str], scorer: RougeScorer) -> float:
    """ROUGE-2 F of ``summary``, averaged over ``references`` (as ``evaluate.rouge`` does)."""
    return float(np.mean([scorer.score(ref, summary)["rouge2"].fmeasure for ref in references]))


def cache_story(
    set_name: str, cluster: Cluster, scorer: RougeScorer, labelling: str = "oracle"
) -> CachedStory:
    """One story's candidates, features, labels (``train_selector.LABELS``) and LEAD score."""
    articles = cluster_articles(cluster)
    analyses = [analyse(article) for article in articles]
    content = {a.article.id: a.content for a in analyses}
    ranks = {a.article.id: {r.sentence.index: r.rank for r in a.ranked} for a in analyses}
    candidates, matrix = candidate_matrix(content, ranks)
    budget = word_budget(cluster.references)
    texts = [c.sentence.text for c in candidates]
    labels = train_selector.LABELS[labelling](texts, cluster.references, budget)
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
        {a.article.id: a.article.title or "" for a in analyses},
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
    tables = [
        train_selector.StoryTable(s.id, feature_columns(s, features), s.labels) for s in stories
    ]
    digest_score: dict[str, float] = {}
    for train, test in train_selector.story_folds(len(stories), fold_seed=fold_seed):
        fitted = train_selector.fit_scorer([tables[i] for i in train], regularisation)
        for i in test:
            story = stories[i]
            scores = fitted(tables[i].features)
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
        help=f"comma-separated names from: {', '.join(FEATURES + SEMANTIC_FEATURES)}",
    )
    parser.add_argument("--c", type=float, default=train_selector.REGULARISATION_C)
    parser.add_argument(
        "--labels",
        choices=tuple(train_selector.LABELS),
        default="oracle",
        help="what the model learns: the greedy oracle's picks (shipped) or graded labels",
    )
    parser.add_argument(
        "--fold-seed",
        default="default",
        help='shuffle the stories between folds: seeds, comma-separated ("default": no shuffle)',
    )
    args = parser.parse_args(argv)
    features = [name.strip() for name in args.features.split(",") if name.strip()]
    unknown = [name for name in features if name not in FEATURES + SEMANTIC_FEATURES]
    if unknown or not features:
        parser.error(f"unknown features: {', '.join(unknown) or '(none given)'}")
    try:
        seeds = [None if s == "default" else int(s) for s in args.fold_seed.split(",")]
    except ValueError:
        parser.error(f"--fold-seed takes integers or 'default': {args.fold_seed!r}")
    datasets, notes = load_datasets()
    for note in notes:
        print(note, file=sys.stderr)
    scorer = RougeScorer(["rouge2"], use_stemmer=True)
    stories = [
        cache_story(name, cluster, scorer, args.labels)
        for name, clusters in datasets.items()
        for cluster in clusters
    ]
    runs = []
    for seed in seeds:
        ratios = replay(stories, features, regularisation=args.c, fold_seed=seed, scorer=scorer)
        runs.append(ratios)
        cells = " | ".join(f"{name} ROUGE-2 / LEAD = {ratio:.3f}" for name, ratio in ratios.items())
        print(f"split {'default' if seed is None else seed}: {cells}")
    if len(runs) > 1:
        means = {name: float(np.mean([run[name] for run in runs])) for name in runs[0]}
        print("mean: " + " | ".join(f"{name} {ratio:.3f}" for name, ratio in means.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
