"""The digest's development sets (MultiLing 2011, AllSides), read as a user's inputs would be.

Shared by ``evaluate.py`` and ``train_selector.py``. Each story's documents are kept as the bytes
of the file a user would give the CLI, and ingested by ``summarizer.ingest.parse_article``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from summarizer.ingest import parse_article
from summarizer.models import Article, Sentence
from summarizer.segment import segment

BENCH_DIR = Path(__file__).resolve().parent
MULTILING_DIR = BENCH_DIR / "data" / "multiling2011"
# Kept outside the repository (publishers' texts, for evaluation only); see its README.
ALLSIDES_DIR = BENCH_DIR.parent.parent / "shared" / "corpora" / "allsides-dev"


@dataclass(frozen=True)
class Cluster:
    """One story: its documents (file name, bytes as a user would give them) and references."""

    id: str
    documents: tuple[tuple[str, bytes], ...]
    references: tuple[str, ...]


def load_multiling(data_dir: Path = MULTILING_DIR) -> tuple[Cluster, ...]:
    """MultiLing: each document's paragraphs joined by blank lines, as a ``.txt`` input."""
    references: dict[str, list[tuple[str, str]]] = {}
    for record in _jsonl(data_dir / "references.jsonl"):
        text = " ".join(record["text"])
        references.setdefault(record["instance_id"], []).append((record["reference_id"], text))
    clusters = []
    for record in _jsonl(data_dir / "documents.jsonl"):
        documents = tuple(
            (f"{doc['filename']}.txt", "\n\n".join(doc["text"]).encode("utf-8"))
            for doc in record["documents"]
        )
        refs = tuple(text for _, text in sorted(references.get(record["instance_id"], [])))
        clusters.append(Cluster(record["instance_id"], documents, refs))
    return tuple(clusters)


def load_allsides(data_dir: Path = ALLSIDES_DIR) -> tuple[Cluster, ...]:
    """AllSides: each story's three articles as JSON inputs; the editors' summary as reference."""
    clusters = []
    for record in _jsonl(data_dir / "clusters.jsonl"):
        documents = tuple(
            (
                f"{article['side']}.json",
                json.dumps(
                    {
                        "title": article["title"],
                        "outlet": article["outlet"],
                        "date": record["date"][:10],
                        "url": article["url"],
                        "text": article["text"],
                    }
                ).encode("utf-8"),
            )
            for article in record["articles"]
        )
        clusters.append(Cluster(f"A{record['id']}", documents, (record["roundup"],)))
    return tuple(clusters)


def load_datasets(
    multiling: Path = MULTILING_DIR, allsides: Path = ALLSIDES_DIR
) -> tuple[dict[str, tuple[Cluster, ...]], list[str]]:
    """Every development set that is present, and a note for each one that is not."""
    datasets: dict[str, tuple[Cluster, ...]] = {}
    notes = []
    for name, folder, loader in (
        ("allsides", allsides, load_allsides),
        ("multiling", multiling, load_multiling),
    ):
        if folder.is_dir():
            datasets[name] = loader(folder)
        else:
            notes.append(f"{name}: no data at {folder}; skipped")
    return datasets, notes


def _jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def word_budget(references: Sequence[str]) -> int:
    """The mean reference length in whitespace-separated words, rounded."""
    return round(sum(len(ref.split()) for ref in references) / len(references))


def truncate_words(text: str, budget: int) -> str:
    """The first ``budget`` whitespace-separated words of ``text``."""
    return " ".join(text.split()[:budget])


def cluster_articles(cluster: Cluster) -> tuple[Article, ...]:
    """Ingest each document the way the CLI ingests a file of that name."""
    return tuple(
        parse_article(data, path=name, id=f"{number:03d}")
        for number, (name, data) in enumerate(cluster.documents)
    )


def content_sentences(article: Article) -> tuple[Sentence, ...]:
    """The article's sentences that do not lie on furniture lines (headline, dateline, ...)."""
    return tuple(s for s in segment(article) if s.furniture is None)
