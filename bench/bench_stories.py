"""Story grouping: BCubed and ARI on ECB+ and AllSides, and time and memory at scale.

    python bench/bench_stories.py                      # quality table (both corpora, both systems)
    python bench/bench_stories.py --scale 1000 10000   # plus time and peak memory
    python bench/bench_stories.py --sweep              # the threshold sweep behind the settings

Corpora are read from ../shared/corpora (or --corpora DIR): ecbplus/articles.jsonl (982 articles,
86 event clusters) and allsides-dev/clusters.jsonl (200 stories x 3 outlets, mixed into one pile).
Each record goes through the real ingest (``parse_article`` on a JSON record), so titles, dates
and page furniture are read as the CLI reads them. See bench/README.md for the protocol.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from sklearn.cluster import AgglomerativeClustering
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import adjusted_rand_score
from sklearn.metrics.pairwise import cosine_distances

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from summarizer.ingest import parse_article  # noqa: E402
from summarizer.models import Article  # noqa: E402
from summarizer.stories import Settings, article_text, group_stories, settings  # noqa: E402

DEFAULT_CORPORA = ROOT.parent / "shared" / "corpora"
BASELINE_THRESHOLD = 0.8  # cosine distance; the baseline's best on both corpora (see --sweep)


# --- corpora --------------------------------------------------------------------------------


def _article(record: dict[str, object]) -> Article:
    data = json.dumps({k: v for k, v in record.items() if v}).encode()
    return parse_article(data, path=f"{record['id']}.json", id=str(record["id"]), format="json")


def load_ecbplus(corpora: Path) -> tuple[list[Article], list[str]]:
    """ECB+ articles with their event-cluster labels (dates, titles, outlets where given)."""
    articles, labels = [], []
    with open(corpora / "ecbplus" / "articles.jsonl", encoding="utf-8") as stream:
        for line in stream:
            row = json.loads(line)
            fields = ("id", "title", "outlet", "date", "url", "text")
            articles.append(_article({k: row.get(k) for k in fields}))
            labels.append(row["cluster"])
    return articles, labels


def load_allsides(corpora: Path) -> tuple[list[Article], list[str]]:
    """The 600 AllSides articles in one pile, labelled by story. They carry no dates."""
    articles, labels = [], []
    with open(corpora / "allsides-dev" / "clusters.jsonl", encoding="utf-8") as stream:
        for line in stream:
            story = json.loads(line)
            for item in story["articles"]:
                record = {
                    "id": f"{story['id']}-{item['side']}",
                    "title": item["title"],
                    "outlet": item["outlet"],
                    "url": item["url"],
                    "text": item["text"],
                }
                articles.append(_article(record))
                labels.append(str(story["id"]))
    return articles, labels


def variants(articles: Sequence[Article], labels: Sequence[str], count: int):
    """``count`` articles: copies of the corpus with light changes (a dropped line, new ids)."""
    rng = random.Random(0)
    out, gold = [], []
    copy = 0
    while len(out) < count:
        for article, label in zip(articles, labels, strict=True):
            if len(out) == count:
                break
            lines = [ln for ln in article_text(article).split("\n") if ln.strip()]
            if copy and len(lines) > 2:
                del lines[rng.randrange(1, len(lines))]
            record = {
                "id": f"{article.id}-v{copy}",
                "title": article.title,
                "outlet": article.outlet,
                "date": article.date,
                "text": "\n".join(lines),
            }
            out.append(_article(record))
            gold.append(label)
        copy += 1
    return out, gold


# --- metrics --------------------------------------------------------------------------------


def bcubed(predicted: Sequence[object], gold: Sequence[object]) -> tuple[float, float, float]:
    """BCubed precision, recall and F1 (Bagga & Baldwin 1998; Amigó et al. 2009)."""
    pairs = Counter(zip(predicted, gold, strict=True))
    sizes_p, sizes_g = Counter(predicted), Counter(gold)
    precision = sum(pairs[(p, g)] / sizes_p[p] for p, g in zip(predicted, gold, strict=True))
    recall = sum(pairs[(p, g)] / sizes_g[g] for p, g in zip(predicted, gold, strict=True))
    precision, recall = precision / len(gold), recall / len(gold)
    return precision, recall, 2 * precision * recall / (precision + recall)


def scores(predicted: Sequence[object], gold: Sequence[object]) -> dict[str, float]:
    precision, recall, f1 = bcubed(predicted, gold)
    ari = adjusted_rand_score(gold, predicted)
    clusters = len(set(predicted))
    return {"P": precision, "R": recall, "F1": f1, "ARI": ari, "clusters": clusters}


# --- systems --------------------------------------------------------------------------------


def baseline(articles: Sequence[Article], threshold: float = BASELINE_THRESHOLD) -> list[int]:
    """Plain TF-IDF (scikit-learn defaults, English stop words) + average linkage, dense."""
    texts = [f"{a.title or ''}\n{article_text(a)}" for a in articles]
    matrix = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(texts)
    model = AgglomerativeClustering(
        n_clusters=None, metric="precomputed", linkage="average", distance_threshold=threshold
    )
    return model.fit_predict(cosine_distances(matrix)).tolist()


def method(articles: Sequence[Article], config: Settings | None = None) -> list[str]:
    grouping = group_stories(articles, config)
    story_of = {s.id: story.id for story in grouping.stories for s in story.sources}
    return [story_of[a.id] for a in articles]


# --- reports --------------------------------------------------------------------------------


def quality(corpora: Path) -> list[dict[str, object]]:
    rows = []
    for name, loader in (("ECB+", load_ecbplus), ("AllSides", load_allsides)):
        articles, gold = loader(corpora)
        for system, run in (("tfidf-average (baseline)", baseline), ("summarizer stories", method)):
            started = time.perf_counter()
            predicted = run(articles)
            seconds = time.perf_counter() - started
            rows.append({"corpus": name, "system": system, **scores(predicted, gold), "s": seconds})
    return rows


def sweep(corpora: Path) -> None:
    """BCubed F1 over thresholds and date settings: how the shipped values were chosen."""
    corpus = {"ECB+": load_ecbplus(corpora), "AllSides": load_allsides(corpora)}
    base = settings()
    for threshold in (0.7, 0.75, 0.8, 0.85):
        line = [f"{threshold:.2f}"]
        for articles, gold in corpus.values():
            line.append(f"{bcubed(baseline(articles, threshold), gold)[2]:.3f}")
        print("baseline", *line, flush=True)
    for grace, scale in ((30.0, 180.0), (14.0, 60.0), (1e9, 1.0)):
        for threshold in (0.4, 0.45, 0.5, 0.55, 0.6):
            config = replace(base, threshold=threshold, grace_days=grace, scale_days=scale)
            line = [f"grace={grace:g} scale={scale:g} threshold={threshold:.2f}"]
            for articles, gold in corpus.values():
                line.append(f"{bcubed(method(articles, config), gold)[2]:.3f}")
            print("method", *line, flush=True)


def scale_run(corpora: Path, count: int) -> dict[str, float]:
    """Time and peak memory of grouping ``count`` articles, in a fresh process."""
    command = [sys.executable, __file__, "--corpora", str(corpora), "--child", str(count)]
    result = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def child(corpora: Path, count: int) -> None:
    """The measured process: build the pile, then group it once."""
    articles, gold = variants(*load_ecbplus(corpora), count)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    cpu = resource.getrusage(resource.RUSAGE_SELF).ru_utime
    started = time.perf_counter()
    predicted = method(articles)
    seconds = time.perf_counter() - started
    usage = resource.getrusage(resource.RUSAGE_SELF)
    peak = usage.ru_maxrss / 1024
    result = {"articles": len(articles), "seconds": seconds, "cpu_s": usage.ru_utime - cpu}
    result["peak_mb"] = peak
    print(json.dumps({**result, "before_mb": before, "F1": bcubed(predicted, gold)[2]}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA)
    parser.add_argument("--scale", type=int, nargs="*", default=[])
    parser.add_argument("--sweep", action="store_true")
    parser.add_argument("--out", type=Path, default=None, help="write the numbers as JSON")
    parser.add_argument("--child", type=int, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.corpora, args.child)
        return
    if args.sweep:
        sweep(args.corpora)
        return
    rows = quality(args.corpora)
    print(f"{'corpus':9} {'system':26} {'P':>6} {'R':>6} {'F1':>6} {'ARI':>6} {'clusters':>8}")
    for row in rows:
        print(
            f"{row['corpus']:9} {row['system']:26} {row['P']:6.3f} {row['R']:6.3f}"
            f" {row['F1']:6.3f} {row['ARI']:6.3f} {row['clusters']:8d}"
        )
    runs = [scale_run(args.corpora, count) for count in args.scale]
    for run in runs:
        print(
            f"{run['articles']:6d} articles: {run['seconds']:.1f} s grouping"
            f" ({run['cpu_s']:.1f} s CPU),"
            f" peak RSS {run['peak_mb']:.0f} MB (after loading: {run['before_mb']:.0f} MB),"
            f" BCubed F1 {run['F1']:.3f}"
        )
    if args.out:
        args.out.write_text(json.dumps({"quality": rows, "scale": runs}, indent=2) + "\n")


if __name__ == "__main__":
    main()
