"""Train the digest's selector model on the development sets; write it into the package.

Run from the repository root after ``pip install '.[test]'``::

    python bench/train_selector.py [--out summarizer/data/digest_selector.toml]

For every story, the digest's own candidates and features (``summarizer.digest``, on the real
pipeline's sentences) are labelled by a greedy ROUGE-2 oracle: the sentences that, added one at
a time, most raise ROUGE-2 F of the budget-cut summary. An L2-regularised logistic regression
(scikit-learn, standardised features, fixed C, balanced classes) learns those labels. The model
is written as a small TOML table that ``summarizer.digest`` reads with numpy alone.

``cross_validated_models`` gives each story a model trained only on stories of other folds
(GroupKFold by story); ``bench/evaluate.py`` scores the digest with those, never in-sample.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from pathlib import Path

import numpy as np
from rouge_score.tokenizers import DefaultTokenizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

from summarizer import __version__
from summarizer.digest import (
    SelectorModel,
    candidate_features,
    candidate_matrix,
)
from summarizer.pipeline import analyse

sys.path.insert(0, str(Path(__file__).resolve().parent))
from devsets import Cluster, cluster_articles, load_datasets, word_budget

MODEL_PATH = Path(__file__).resolve().parent.parent / "summarizer" / "data" / "digest_selector.toml"
FOLDS = 5
# Inverse regularisation strength: strong, because a handful of labels per story is little data.
REGULARISATION_C = 0.1
# The features the shipped model uses: position, centrality and similarity within and across
# sources, the best echo of the sentence in another outlet, and how central each outlet's lead
# is (which lead to open with: the oracle's first pick alone is worth 1.19x LEAD on AllSides).
# These carry over between three-outlet and ten-article stories under cross-validation; with
# every feature (length, names, numbers...) the model fits AllSides and fails on MultiLing
# (bench/README.md has the runs).
SELECTED_FEATURES = (
    "lead",
    "first_claim",
    "centrality",
    "support",
    "own_similarity",
    "centrality_within",
    "echo",
    "lead_centrality",
)
# Soft labels (``near_optimal_share``): a summary counts as near-optimal within this share of the
# best greedy F, and greedy runs open with this many of the sentences of best ROUGE-2 recall.
NEAR_OPTIMAL_TOLERANCE = 0.95
NEAR_OPTIMAL_STARTS = 40


@dataclass(frozen=True)
class StoryTable:
    """One story's candidate features and oracle labels."""

    id: str
    features: np.ndarray
    labels: np.ndarray


@cache
def _tokenizer() -> DefaultTokenizer:
    return DefaultTokenizer(use_stemmer=True)


def _word_tokens(text: str) -> list[list[str]]:
    """ROUGE's stemmed tokens of each whitespace-separated word (so cuts by word are exact)."""
    return [_tokenizer().tokenize(word) for word in text.split()]


def _bigrams(tokens: Sequence[str]) -> Counter:
    return Counter(pairwise(tokens))


def oracle_selection(texts: Sequence[str], references: Sequence[str], budget: int) -> list[int]:
    """Greedy ROUGE-2 oracle: indices in pick order, each raising F of the budget-cut summary."""
    words = [_word_tokens(text) for text in texts]
    reference_bigrams = [_bigrams(_tokenizer().tokenize(ref)) for ref in references]
    return _greedy_oracle(words, reference_bigrams, budget)[0]


def _greedy_oracle(
    words: Sequence[Sequence[Sequence[str]]],
    reference_bigrams: Sequence[Counter],
    budget: int,
    first: int | None = None,
) -> tuple[list[int], float]:
    """The greedy oracle's picks and their mean F; ``first``: a sentence it must open with."""
    chosen: list[int] = [] if first is None else [first]
    best = _cut_f(words, chosen, budget, reference_bigrams) if chosen else 0.0
    used = sum(len(words[i]) for i in chosen)
    while used < budget:
        scores = [
            -1.0
            if index in chosen or not sentence
            else _cut_f(words, [*chosen, index], budget, reference_bigrams)
            for index, sentence in enumerate(words)
        ]
        pick = int(np.argmax(scores)) if scores else -1
        if pick < 0 or scores[pick] <= best:
            break
        chosen.append(pick)
        best = scores[pick]
        used += len(words[pick])
    return chosen, best


def _cut_f(
    words: Sequence[Sequence[Sequence[str]]],
    picks: Sequence[int],
    budget: int,
    reference_bigrams: Sequence[Counter],
) -> float:
    """Mean ROUGE-2 F of the picked sentences joined and cut to ``budget`` words."""
    cut = [word for i in picks for word in words[i]][:budget]
    return _mean_f(_bigrams([token for word in cut for token in word]), reference_bigrams)


def sentence_recall(texts: Sequence[str], references: Sequence[str]) -> np.ndarray:
    """Each sentence's own ROUGE-2 recall against the references (mean over them)."""
    reference_bigrams = [_bigrams(_tokenizer().tokenize(ref)) for ref in references]
    recall = np.zeros(len(texts))
    for index, text in enumerate(texts):
        bigrams = _bigrams(_tokenizer().tokenize(text))
        recall[index] = np.mean(
            [
                sum((bigrams & ref).values()) / sum(ref.values()) if ref else 0.0
                for ref in reference_bigrams
            ]
        )
    return recall


def near_optimal_share(
    texts: Sequence[str],
    references: Sequence[str],
    budget: int,
    *,
    tolerance: float = NEAR_OPTIMAL_TOLERANCE,
    starts: int = NEAR_OPTIMAL_STARTS,
) -> np.ndarray:
    """Each sentence's share of the near-optimal summaries that contain it (soft labels).

    One greedy oracle run opens with each of the ``starts`` sentences of highest ROUGE-2 recall,
    one more runs free; the distinct summaries within ``tolerance`` of the best F are the
    near-optimal ones. Less arbitrary than one greedy run, where a near tie decides each label.
    """
    words = [_word_tokens(text) for text in texts]
    reference_bigrams = [_bigrams(_tokenizer().tokenize(ref)) for ref in references]
    openers = np.argsort(-sentence_recall(texts, references), kind="stable")[:starts]
    runs = [_greedy_oracle(words, reference_bigrams, budget, int(i)) for i in openers]
    runs.append(_greedy_oracle(words, reference_bigrams, budget))
    best = max(score for _, score in runs)
    summaries = {tuple(sorted(picks)) for picks, score in runs if score >= tolerance * best}
    share = np.zeros(len(texts))
    for picks in summaries:
        share[list(picks)] += 1.0
    return share / max(len(summaries), 1)


def recall_labels(texts: Sequence[str], references: Sequence[str], budget: int) -> np.ndarray:
    """Soft labels: each sentence's ROUGE-2 recall, scaled so the story's best is 1."""
    recall = sentence_recall(texts, references)
    return recall / recall.max() if recall.max() > 0 else recall


def oracle_labels(texts: Sequence[str], references: Sequence[str], budget: int) -> np.ndarray:
    """The shipped labels: 1 for the greedy oracle's picks, 0 for the rest."""
    labels = np.zeros(len(texts))
    labels[oracle_selection(texts, references, budget)] = 1.0
    return labels


# Ways to label a story's candidates (texts, references, budget) -> one value in [0, 1] each;
# graded labels are fitted as soft targets (``fit_scorer``). Only "oracle" ships.
LABELS: Mapping[str, Callable[[Sequence[str], Sequence[str], int], np.ndarray]] = {
    "oracle": oracle_labels,
    "near-optimal": near_optimal_share,
    "recall": recall_labels,
}


def _mean_f(summary: Counter, references: Sequence[Counter]) -> float:
    total = 0.0
    summary_size = sum(summary.values())
    for reference in references:
        overlap = sum((summary & reference).values())
        reference_size = sum(reference.values())
        if overlap and summary_size and reference_size:
            precision, recall = overlap / summary_size, overlap / reference_size
            total += 2 * precision * recall / (precision + recall)
    return total / len(references) if references else 0.0


def story_table(cluster: Cluster, budget: int) -> StoryTable:
    """The digest's candidates for the story, their features, and the oracle's labels."""
    analyses = [analyse(article) for article in cluster_articles(cluster)]
    content = {a.article.id: a.content for a in analyses}
    ranks = {a.article.id: {r.sentence.index: r.rank for r in a.ranked} for a in analyses}
    candidates, matrix = candidate_matrix(content, ranks)
    features = candidate_features(candidates, matrix, SELECTED_FEATURES)
    labels = np.zeros(len(candidates))
    picked = oracle_selection([c.sentence.text for c in candidates], cluster.references, budget)
    labels[picked] = 1.0
    return StoryTable(cluster.id, features, labels)


def fit(
    tables: Sequence[StoryTable],
    version: str = "",
    *,
    features: Sequence[str] = SELECTED_FEATURES,
    regularisation: float = REGULARISATION_C,
) -> SelectorModel:
    """A logistic regression on every candidate of ``tables``, as a ``SelectorModel``.

    ``features``: the names of the tables' columns (``bench/replay_selector.py`` tries others).
    """
    names = tuple(features)
    mean, scale, classifier, labels = _fit_logistic(tables, regularisation)
    return SelectorModel(
        version or f"{__version__}-logistic",
        names,
        tuple(round(float(v), 6) for v in mean),
        tuple(round(float(v), 6) for v in scale),
        tuple(round(float(v), 6) for v in classifier.coef_[0]),
        round(float(classifier.intercept_[0]), 6),
        f"logistic regression, C={regularisation}, {len(tables)} stories,"
        f" {len(labels)} candidates, {int(labels.sum())} oracle picks",
    )


def fit_scorer(
    tables: Sequence[StoryTable], regularisation: float = REGULARISATION_C
) -> Callable[[np.ndarray], np.ndarray]:
    """``fit``'s model as a plain scoring function, for feature columns outside ``FEATURES``."""
    mean, scale, classifier, _ = _fit_logistic(tables, regularisation)
    weights, intercept = classifier.coef_[0], float(classifier.intercept_[0])
    return lambda rows: ((rows - mean) / scale) @ weights + intercept


def _fit_logistic(
    tables: Sequence[StoryTable], regularisation: float
) -> tuple[np.ndarray, np.ndarray, LogisticRegression, np.ndarray]:
    """Standardisation (mean, scale), the fitted classifier, and the labels it saw.

    Labels of 0 and 1 are classes; graded labels in [0, 1] are fitted as soft targets.
    """
    rows = np.vstack([t.features for t in tables])
    labels = np.concatenate([t.labels for t in tables])
    mean = rows.mean(axis=0)
    scale = rows.std(axis=0)
    scale[scale == 0] = 1.0
    standardised = (rows - mean) / scale
    if np.isin(labels, (0.0, 1.0)).all():
        classifier = LogisticRegression(C=regularisation, class_weight="balanced", max_iter=2000)
        return mean, scale, classifier.fit(standardised, labels), labels
    # Graded labels in [0, 1] (soft targets): each row once as a positive weighted by its label
    # and once as a negative weighted by the rest, each side balanced as "balanced" would.
    positive, negative = labels.sum(), (1.0 - labels).sum()
    weights = np.concatenate(
        [labels * len(labels) / (2 * positive), (1.0 - labels) * len(labels) / (2 * negative)]
    )
    classifier = LogisticRegression(C=regularisation, max_iter=2000).fit(
        np.vstack([standardised, standardised]),
        np.concatenate([np.ones(len(labels)), np.zeros(len(labels))]),
        sample_weight=weights,
    )
    return mean, scale, classifier, labels


def story_tables(clusters: Sequence[Cluster], budgets: Mapping[str, int]) -> list[StoryTable]:
    return [story_table(cluster, budgets[cluster.id]) for cluster in clusters]


def cross_validated_models(
    clusters: Sequence[Cluster],
    budgets: Mapping[str, int],
    *,
    folds: int = FOLDS,
    fold_seed: int | None = None,
) -> dict[str, SelectorModel]:
    """For each story id, a model trained on the stories of the other folds only.

    ``fold_seed``: shuffle which stories share a fold (None: GroupKFold's own split), to see how
    much a figure owes to one particular split.
    """
    tables = story_tables(clusters, budgets)
    models: dict[str, SelectorModel] = {}
    for number, (train, test) in enumerate(story_folds(len(tables), folds, fold_seed)):
        model = fit([tables[i] for i in train], version=f"fold-{number}")
        for i in test:
            models[tables[i].id] = model
    return models


def story_folds(
    count: int, folds: int = FOLDS, fold_seed: int | None = None
) -> list[tuple[np.ndarray, np.ndarray]]:
    """(train, test) story indices of each fold: GroupKFold, one group per story.

    ``fold_seed`` shuffles the stories between folds; no folds when there are under two stories.
    """
    folds = min(folds, count)
    if folds < 2:
        return []
    groups = np.arange(count)
    if fold_seed is not None:
        groups = np.random.default_rng(fold_seed).permutation(count)
    return list(GroupKFold(n_splits=folds).split(groups, groups=groups))


def to_toml(model: SelectorModel) -> str:
    """The model as the TOML table ``summarizer.digest`` reads."""

    def array(values: Sequence[object]) -> str:
        return "[" + ", ".join(repr(v) if isinstance(v, float) else f'"{v}"' for v in values) + "]"

    return "\n".join(
        [
            "# The digest's selector: a linear model over digest.FEATURES (summarizer/digest.py).",
            "# score = sum(((x - mean) / scale) * weights) + intercept; trained and written by",
            "# bench/train_selector.py (rerun it to retrain); loaded offline with numpy only.",
            f'version = "{model.version}"',
            f'note = "{model.note}"',
            f"features = {array(model.features)}",
            f"mean = {array(model.mean)}",
            f"scale = {array(model.scale)}",
            f"weights = {array(model.weights)}",
            f"intercept = {model.intercept!r}",
            "",
        ]
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=MODEL_PATH, help="where to write the model")
    args = parser.parse_args(argv)
    datasets, notes = load_datasets()
    for note in notes:
        print(note, file=sys.stderr)
    clusters = [c for stories in datasets.values() for c in stories]
    tables = story_tables(clusters, {c.id: word_budget(c.references) for c in clusters})
    model = fit(tables)
    args.out.write_text(to_toml(model), encoding="utf-8")
    for name, weight in zip(model.features, model.weights, strict=True):
        print(f"{name:<20} {weight:+.3f}")
    print(f"written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
