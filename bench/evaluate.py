"""Score the briefing's digest against human references with ROUGE, with confidence intervals.

Run from the repository root after ``pip install '.[test]'``::

    python bench/evaluate.py [--out bench/results.json] [--allsides DIR] [--multiling DIR]
                             [--fold-seed N]

Two development sets: MultiLing 2011 (three WikiNews clusters, ``bench/data/multiling2011/``) and
the AllSides sample (200 stories x three outlets with the editors' neutral summary, kept outside
the repository, by default in ``../shared/corpora/allsides-dev/``; skipped with a note when
absent). For each story every system gets the same word budget (the mean length of the story's
references), is cut to exactly that many words, and is scored with ROUGE-1/2/L F-measure (Porter
stemming) against each reference; a story's score is the mean over its references.

Systems: LEAD (round-robin lead sentences), sumy LexRank, TextRank and LSA over every content
sentence of the story, a greedy ROUGE-2 oracle (the ceiling), and the real briefing's digest
(``pipeline.build_briefing``). The digest's selector model is cross-validated by story: each
story is digested with a model trained on folds that do not contain it (``digest``); the
unsupervised salience of earlier versions is scored too (``digest-unsupervised``).

Per set: the mean over stories with a 95% bootstrap interval, and a paired bootstrap of the
digest against every baseline (mean difference, its 95% interval, and the share of resamples in
which the digest is not ahead: a one-sided p-value).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import numpy as np
from rouge_score.rouge_scorer import RougeScorer
from sumy.models.dom import ObjectDocumentModel, Paragraph
from sumy.models.dom import Sentence as SumySentence
from sumy.nlp.stemmers import Stemmer
from sumy.summarizers.lex_rank import LexRankSummarizer
from sumy.summarizers.lsa import LsaSummarizer
from sumy.summarizers.text_rank import TextRankSummarizer
from sumy.utils import get_stop_words

from summarizer.digest import SelectorModel, selector_model
from summarizer.models import Article
from summarizer.pipeline import Options, build_briefing
from summarizer.segment import Tokenizer

sys.path.insert(0, str(Path(__file__).resolve().parent))
import train_selector
from devsets import (
    ALLSIDES_DIR,
    MULTILING_DIR,
    Cluster,
    cluster_articles,
    content_sentences,
    load_datasets,
    truncate_words,
    word_budget,
)
from devsets import load_multiling as load_clusters

__all__ = ["cluster_articles", "load_clusters", "truncate_words", "word_budget"]

ROUGE_TYPES = ("rouge1", "rouge2", "rougeL")
BASELINES = ("lead", "sumy-lexrank", "sumy-textrank", "sumy-lsa", "digest-unsupervised")
DIGEST = "digest"
ORACLE = "oracle"
BOOTSTRAP_SAMPLES = 10_000
BOOTSTRAP_SEED = 20260
SUMY_ALGORITHMS = {
    "lexrank": LexRankSummarizer,
    "textrank": TextRankSummarizer,
    "lsa": LsaSummarizer,
}

Scores = dict[str, float]  # ROUGE type -> F-measure
System = Callable[[Cluster, Sequence[Article], int], str]


def lead_summary(articles: Sequence[Article], budget: int) -> str:
    """LEAD baseline: first content sentences, round-robin across articles, up to the budget."""
    per_article = [content_sentences(article) for article in articles]
    picked: list[str] = []
    words = 0
    depth = 0
    while words < budget and any(depth < len(sents) for sents in per_article):
        for sents in per_article:
            if depth < len(sents) and words < budget:
                picked.append(sents[depth].text)
                words += len(sents[depth].text.split())
        depth += 1
    return " ".join(picked)


def sumy_summary(articles: Sequence[Article], budget: int, algorithm: str) -> str:
    """A sumy algorithm over every content sentence of the story as one document."""
    tokenizer = Tokenizer()
    sentences = [s for article in articles for s in content_sentences(article)]
    document = ObjectDocumentModel(
        [Paragraph([SumySentence(s.text, tokenizer) for s in sentences])]
    )
    summarizer = SUMY_ALGORITHMS[algorithm](Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")
    ratings = _sumy_ratings(summarizer, document)
    # Best rating first; ties keep document order so the baseline is deterministic.
    by_rating = sorted(range(len(sentences)), key=lambda i: (-ratings.get(i, 0.0), i))
    return _fill_budget([sentences[i].text for i in by_rating], budget)


def _sumy_ratings(summarizer: object, document: ObjectDocumentModel) -> Mapping[int, float]:
    """sumy's rating of every sentence by position, read through its callable count hook."""
    ratings: dict[int, float] = {}

    def keep_all(infos: Sequence[object]) -> Sequence[object]:
        for info in infos:
            ratings[info.order] = float(info.rating)  # type: ignore[attr-defined]
        return infos

    summarizer(document, keep_all)  # type: ignore[operator]
    return ratings


def _fill_budget(texts_best_first: Sequence[str], budget: int) -> str:
    """Best-first sentences until the budget is reached, shown in selection order."""
    picked: list[str] = []
    words = 0
    for text in texts_best_first:
        if words >= budget:
            break
        picked.append(text)
        words += len(text.split())
    return " ".join(picked)


def oracle_summary(articles: Sequence[Article], budget: int, references: Sequence[str]) -> str:
    """Greedy ROUGE-2 oracle over every content sentence: the ceiling for extraction."""
    texts = [s.text for article in articles for s in content_sentences(article)]
    return " ".join(texts[i] for i in train_selector.oracle_selection(texts, references, budget))


def digest_summary(
    articles: Sequence[Article], budget: int, model: SelectorModel | None = None
) -> str:
    """The real briefing's digest, with ``model`` as its selector (the shipped one if None)."""
    with selector_model(model):
        briefing = build_briefing(list(articles), Options(digest_words=budget))
    return " ".join(sentence.text for sentence in briefing.digest)


def systems(models: Mapping[str, SelectorModel] | None = None) -> dict[str, System]:
    """Every system: name -> function(cluster, articles, budget) -> summary text.

    ``models``: the cross-validated selector for each story id (the shipped model if absent).
    """
    unsupervised = SelectorModel.unsupervised()

    def sumy_with(algorithm: str) -> System:
        return lambda cluster, articles, budget: sumy_summary(articles, budget, algorithm)

    return {
        "lead": lambda cluster, articles, budget: lead_summary(articles, budget),
        **{f"sumy-{name}": sumy_with(name) for name in SUMY_ALGORITHMS},
        "digest-unsupervised": lambda c, articles, budget: digest_summary(
            articles, budget, unsupervised
        ),
        DIGEST: lambda cluster, articles, budget: digest_summary(
            articles, budget, (models or {}).get(cluster.id)
        ),
        ORACLE: lambda cluster, articles, budget: oracle_summary(
            articles, budget, cluster.references
        ),
    }


def rouge(summary: str, references: Sequence[str], scorer: RougeScorer) -> Scores:
    """ROUGE F-measure of ``summary``, averaged over ``references``."""
    totals = dict.fromkeys(ROUGE_TYPES, 0.0)
    for reference in references:
        result = scorer.score(reference, summary)
        for rouge_type in ROUGE_TYPES:
            totals[rouge_type] += result[rouge_type].fmeasure
    return {rouge_type: total / len(references) for rouge_type, total in totals.items()}


def evaluate_cluster(
    cluster: Cluster,
    *,
    budget: int | None = None,
    models: Mapping[str, SelectorModel] | None = None,
    scorer: RougeScorer | None = None,
) -> dict[str, Scores]:
    """Score every system on one story: system name -> ROUGE type -> F-measure."""
    scorer = scorer or RougeScorer(list(ROUGE_TYPES), use_stemmer=True)
    budget = budget if budget is not None else word_budget(cluster.references)
    articles = cluster_articles(cluster)
    return {
        name: rouge(
            truncate_words(make(cluster, articles, budget), budget), cluster.references, scorer
        )
        for name, make in systems(models).items()
    }


def bootstrap_interval(values: np.ndarray, rng: np.random.Generator) -> tuple[float, float]:
    """95% percentile bootstrap interval of the mean of ``values`` (stories resampled)."""
    samples = rng.integers(0, len(values), size=(BOOTSTRAP_SAMPLES, len(values)))
    means = values[samples].mean(axis=1)
    low, high = np.percentile(means, [2.5, 97.5])
    return float(low), float(high)


def paired_bootstrap(
    ours: np.ndarray, theirs: np.ndarray, rng: np.random.Generator
) -> dict[str, float]:
    """Mean difference, its 95% interval and the one-sided p-value (share of resamples <= 0)."""
    differences = ours - theirs
    samples = rng.integers(0, len(differences), size=(BOOTSTRAP_SAMPLES, len(differences)))
    means = differences[samples].mean(axis=1)
    low, high = np.percentile(means, [2.5, 97.5])
    return {
        "difference": float(differences.mean()),
        "low": float(low),
        "high": float(high),
        "p": float((means <= 0).mean()),
    }


def summarise_set(per_story: Mapping[str, Mapping[str, Scores]]) -> dict[str, object]:
    """Means with bootstrap intervals, and the digest paired against every baseline."""
    ids = list(per_story)
    names = list(next(iter(per_story.values()))) if per_story else []
    array = {
        name: {t: np.array([per_story[i][name][t] for i in ids]) for t in ROUGE_TYPES}
        for name in names
    }
    means: dict[str, dict[str, dict[str, float]]] = {}
    for name in names:
        means[name] = {}
        for t in ROUGE_TYPES:
            # One generator per cell, seeded alike: a cell does not depend on the others.
            low, high = bootstrap_interval(array[name][t], np.random.default_rng(BOOTSTRAP_SEED))
            means[name][t] = {"mean": float(array[name][t].mean()), "low": low, "high": high}
    paired = {
        baseline: {
            t: paired_bootstrap(
                array[DIGEST][t], array[baseline][t], np.random.default_rng(BOOTSTRAP_SEED)
            )
            for t in ROUGE_TYPES
        }
        for baseline in BASELINES
        if baseline in array and DIGEST in array
    }
    lead_r2 = means.get("lead", {}).get("rouge2", {}).get("mean", 0.0)
    ratio = means[DIGEST]["rouge2"]["mean"] / lead_r2 if lead_r2 and DIGEST in means else None
    return {"stories": len(ids), "means": means, "digest_vs": paired, "rouge2_vs_lead": ratio}


def evaluate(
    datasets: Mapping[str, Sequence[Cluster]],
    *,
    budget: int | None = None,
    folds: int = train_selector.FOLDS,
    fold_seed: int | None = None,
) -> dict[str, object]:
    """Every system on every story of every set, summarised per set, as a JSON-ready dict.

    The digest's model for each story is trained (``bench/train_selector.py``) on the stories of
    the other folds, pooled over every set. ``budget`` overrides the per-story budget (tests);
    ``fold_seed`` shuffles the stories between folds (None: the default split).
    """
    clusters = [c for stories in datasets.values() for c in stories]
    budgets = {c.id: budget if budget is not None else word_budget(c.references) for c in clusters}
    models = train_selector.cross_validated_models(
        clusters, budgets, folds=folds, fold_seed=fold_seed
    )
    scorer = RougeScorer(list(ROUGE_TYPES), use_stemmer=True)
    result: dict[str, object] = {
        "metric": "ROUGE F-measure, rouge_score with Porter stemming",
        "reference_aggregation": "mean over the references of each story",
        "truncation": "every system cut to exactly the budget (mean reference length) in words",
        "selector": f"cross-validated by story, {folds} folds (GroupKFold over all sets)"
        + ("" if fold_seed is None else f", stories shuffled between folds with seed {fold_seed}"),
        "bootstrap": f"{BOOTSTRAP_SAMPLES} resamples of stories, seed {BOOTSTRAP_SEED}",
        "sets": {},
    }
    for name, stories in datasets.items():
        per_story = {
            c.id: evaluate_cluster(c, budget=budgets[c.id], models=models, scorer=scorer)
            for c in stories
        }
        result["sets"][name] = {  # type: ignore[index]
            **summarise_set(per_story),
            "budget_words": {c.id: budgets[c.id] for c in stories},
            "per_story": per_story,
        }
    return result


def format_table(result: Mapping[str, object]) -> str:
    """One plain-text table: per set, a row per system, mean [95% CI] of ROUGE-1/2/L."""
    lines = []
    for set_name, summary in result["sets"].items():  # type: ignore[attr-defined]
        means = summary["means"]
        width = max([len(name) for name in means] + [6])
        lines.append(f"{set_name} ({summary['stories']} stories)")
        lines.append(
            f"{'system':<{width}}" + "".join(f" | {t:^21}" for t in ROUGE_TYPES) + " | p vs digest"
        )
        lines.append("-" * (width + 3 * 24 + 14))
        for name, row in means.items():
            cells = "".join(
                f" | {row[t]['mean']:.3f} [{row[t]['low']:.3f},{row[t]['high']:.3f}]"
                for t in ROUGE_TYPES
            )
            versus = summary["digest_vs"].get(name)
            p = f" | R2 p={versus['rouge2']['p']:.3f}" if versus else " |"
            lines.append(f"{name:<{width}}{cells}{p}")
        if summary["rouge2_vs_lead"] is not None:
            lines.append(f"digest ROUGE-2 / LEAD ROUGE-2 = {summary['rouge2_vs_lead']:.3f}")
        lines.append("")
    return "\n".join(lines).rstrip()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="write the results as JSON to this path")
    parser.add_argument("--multiling", type=Path, default=MULTILING_DIR, help="MultiLing folder")
    parser.add_argument("--allsides", type=Path, default=ALLSIDES_DIR, help="AllSides sample")
    parser.add_argument(
        "--fold-seed", type=int, help="shuffle the stories between folds (default: fixed split)"
    )
    args = parser.parse_args(argv)
    datasets, notes = load_datasets(args.multiling, args.allsides)
    for note in notes:
        print(note, file=sys.stderr)
    result = evaluate(datasets, fold_seed=args.fold_seed)
    print(format_table(result))
    if args.out:
        args.out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
