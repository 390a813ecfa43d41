"""Score the briefing's digest against human references (MultiLing 2011) with ROUGE.

Run from the repository root after ``pip install .``::

    python bench/evaluate.py [--out bench/results.json]

For each cluster every system gets the same word budget (the mean length of the cluster's human
references), is cut to exactly that many words, and is scored with ROUGE-1/2/L F-measure against
each reference; a cluster's score is the *mean* over its references (the usual choice: it rewards
content both humans agreed on). Systems: LEAD (round-robin lead sentences), sumy LexRank and
TextRank over the whole cluster as one document, and the real briefing's digest under every
``--algorithm``.
"""

from __future__ import annotations

import argparse
import functools
import json
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from rouge_score.rouge_scorer import RougeScorer
from sumy.models.dom import ObjectDocumentModel, Paragraph
from sumy.models.dom import Sentence as SumySentence
from sumy.nlp.stemmers import Stemmer
from sumy.summarizers.lex_rank import LexRankSummarizer
from sumy.summarizers.text_rank import TextRankSummarizer
from sumy.utils import get_stop_words

from summarizer.ingest import parse_article
from summarizer.models import Article, Sentence
from summarizer.pipeline import Options, build_briefing
from summarizer.segment import Tokenizer, segment
from summarizer.summarise import ALGORITHMS

DATA_DIR = Path(__file__).resolve().parent / "data" / "multiling2011"
ROUGE_TYPES = ("rouge1", "rouge2", "rougeL")
BASELINES = ("lead", "sumy-lexrank", "sumy-textrank")
MEAN = "mean"


@dataclass(frozen=True)
class Cluster:
    """One story: its source documents (filename, paragraphs) and human reference summaries."""

    id: str
    documents: tuple[tuple[str, tuple[str, ...]], ...]
    references: tuple[str, ...]


Scores = dict[str, float]  # ROUGE type -> F-measure


def load_clusters(data_dir: Path = DATA_DIR) -> tuple[Cluster, ...]:
    """Read documents.jsonl and references.jsonl into clusters, in file order."""
    references: dict[str, list[tuple[str, str]]] = {}
    for record in _jsonl(data_dir / "references.jsonl"):
        text = " ".join(record["text"])
        references.setdefault(record["instance_id"], []).append((record["reference_id"], text))
    clusters = []
    for record in _jsonl(data_dir / "documents.jsonl"):
        documents = tuple((doc["filename"], tuple(doc["text"])) for doc in record["documents"])
        refs = tuple(text for _, text in sorted(references.get(record["instance_id"], [])))
        clusters.append(Cluster(record["instance_id"], documents, refs))
    return tuple(clusters)


def _jsonl(path: Path) -> Iterable[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def word_budget(references: Sequence[str]) -> int:
    """The mean reference length in whitespace-separated words, rounded."""
    return round(sum(len(ref.split()) for ref in references) / len(references))


def truncate_words(text: str, budget: int) -> str:
    """The first ``budget`` whitespace-separated words of ``text``."""
    return " ".join(text.split()[:budget])


def cluster_articles(cluster: Cluster) -> tuple[Article, ...]:
    """Ingest each document the way the CLI would ingest a .txt file."""
    return tuple(
        parse_article(
            "\n\n".join(paragraphs).encode("utf-8"),
            path=f"{filename}.txt",
            id=f"{number:03d}",
        )
        for number, (filename, paragraphs) in enumerate(cluster.documents)
    )


def content_sentences(article: Article) -> tuple[Sentence, ...]:
    """The article's sentences that do not lie on furniture lines (headline, dateline, ...)."""
    return tuple(s for s in segment(article) if s.furniture is None)


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
    """sumy LexRank/TextRank over every content sentence of the cluster as one document."""
    tokenizer = Tokenizer()
    sentences = [s for article in articles for s in content_sentences(article)]
    document = ObjectDocumentModel(
        [Paragraph([SumySentence(s.text, tokenizer) for s in sentences])]
    )
    summarizer = {"lexrank": LexRankSummarizer, "textrank": TextRankSummarizer}[algorithm](
        Stemmer("english")
    )
    summarizer.stop_words = get_stop_words("english")
    ratings = _sumy_ratings(summarizer, document)
    # Best rating first; ties keep document order so the baseline is deterministic.
    by_rating = sorted(range(len(sentences)), key=lambda i: (-ratings[i], i))
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


def digest_summary(articles: Sequence[Article], budget: int, algorithm: str) -> str:
    """The real briefing's digest with ``algorithm`` ranking each article's sentences."""
    briefing = build_briefing(list(articles), Options(algorithm=algorithm, digest_words=budget))
    return " ".join(sentence.text for sentence in briefing.digest)


def _sumy_with(algorithm: str, articles: Sequence[Article], budget: int) -> str:
    return sumy_summary(articles, budget, algorithm)


def _digest_with(algorithm: str, articles: Sequence[Article], budget: int) -> str:
    return digest_summary(articles, budget, algorithm)


def systems(algorithms: Sequence[str] = ALGORITHMS) -> dict[str, Callable[..., str]]:
    """Every system to compare: name -> function(articles, budget) -> summary text."""
    table: dict[str, Callable[..., str]] = {
        "lead": lead_summary,
        "sumy-lexrank": functools.partial(_sumy_with, "lexrank"),
        "sumy-textrank": functools.partial(_sumy_with, "textrank"),
    }
    for algorithm in algorithms:
        table[f"digest-{algorithm}"] = functools.partial(_digest_with, algorithm)
    return table


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
    algorithms: Sequence[str] = ALGORITHMS,
    scorer: RougeScorer | None = None,
) -> dict[str, Scores]:
    """Score every system on one cluster: system name -> ROUGE type -> F-measure."""
    scorer = scorer or RougeScorer(list(ROUGE_TYPES), use_stemmer=True)
    budget = budget if budget is not None else word_budget(cluster.references)
    articles = cluster_articles(cluster)
    return {
        name: rouge(truncate_words(make(articles, budget), budget), cluster.references, scorer)
        for name, make in systems(algorithms).items()
    }


def evaluate(
    clusters: Sequence[Cluster],
    *,
    algorithms: Sequence[str] = ALGORITHMS,
    budget: int | None = None,
) -> dict[str, object]:
    """Every system on every cluster plus the mean over clusters, as a JSON-ready dict.

    ``budget`` overrides the per-cluster budget (the mean reference length); tests use it.
    """
    scorer = RougeScorer(list(ROUGE_TYPES), use_stemmer=True)
    budgets = {c.id: budget if budget is not None else word_budget(c.references) for c in clusters}
    per_cluster = {
        c.id: evaluate_cluster(c, budget=budgets[c.id], algorithms=algorithms, scorer=scorer)
        for c in clusters
    }
    names = list(next(iter(per_cluster.values()))) if per_cluster else []
    scores = {
        name: {
            **{cid: per_cluster[cid][name] for cid in per_cluster},
            MEAN: _mean([per_cluster[cid][name] for cid in per_cluster]),
        }
        for name in names
    }
    return {
        "corpus": "MultiLing 2011 (English sample, 3 clusters)",
        "metric": "ROUGE F-measure, rouge_score with Porter stemming",
        "reference_aggregation": "mean over the human references of each cluster",
        "budget_words": budgets,
        "truncation": "every system cut to exactly the budget in whitespace-separated words",
        "clusters": [c.id for c in clusters],
        "scores": scores,
    }


def _mean(rows: Sequence[Scores]) -> Scores:
    return {t: sum(row[t] for row in rows) / len(rows) for t in ROUGE_TYPES} if rows else {}


def format_table(result: Mapping[str, object]) -> str:
    """One plain-text table: a row per system, ROUGE-1/2/L for each cluster and the mean."""
    scores: Mapping[str, Mapping[str, Scores]] = result["scores"]  # type: ignore[assignment]
    columns = [*result["clusters"], MEAN]  # type: ignore[misc]
    width = max([len(name) for name in scores] + [6])
    header = f"{'system':<{width}}" + "".join(f" | {col:^20}" for col in columns)
    sub = f"{'':<{width}}" + "".join(" |   R1     R2     RL " for _ in columns)
    lines = [header, sub, "-" * len(sub)]
    for name, row in scores.items():
        cells = "".join(
            " | " + " ".join(f"{row[col][t]:.3f} " for t in ROUGE_TYPES).rstrip().ljust(20)
            for col in columns
        )
        lines.append(f"{name:<{width}}{cells}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="write the table as JSON to this path")
    parser.add_argument("--data", type=Path, default=DATA_DIR, help="MultiLing 2011 data folder")
    args = parser.parse_args(argv)
    result = evaluate(load_clusters(args.data))
    print(format_table(result))
    if args.out:
        args.out.write_text(json.dumps(result, indent=2, sort_keys=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
