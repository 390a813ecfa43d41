"""Story grouping: BCubed and ARI on ECB+ and AllSides, and time and memory at scale.

    python bench/bench_stories.py                      # quality table (both corpora, both systems)
    python bench/bench_stories.py --scale 1000 10000   # plus time and peak memory
    python bench/bench_stories.py --sweep              # the sweep and cross-check behind settings
    python bench/bench_stories.py --significance       # the z-score criterion and the threshold
    python bench/bench_stories.py --embedding          # the text embedding's share and threshold
    python bench/bench_stories.py --mixed              # cost and alarms of brief's mixed-pile check

Corpora are read from ../shared/corpora (or --corpora DIR): ecbplus/articles.jsonl (982 articles,
86 event clusters) and allsides-dev/clusters.jsonl (200 stories x 3 outlets, mixed into one pile).
Each record goes through the real ingest (``parse_article`` on a JSON record), so titles, dates
and page furniture are read as the CLI reads them. See bench/README.md for the protocol.
"""

from __future__ import annotations

import argparse
import itertools
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
from summarizer.stories import (  # noqa: E402
    Settings,
    article_text,
    group_stories,
    looks_mixed,
    settings,
)

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


SYSTEMS = {
    "tfidf-average (baseline)": baseline,
    "summarizer stories, session 4 (no embedding)": lambda articles: method(
        articles, replace(settings(), embedding_share=0.0, reciprocal=0)
    ),
    "summarizer stories, session 5 (no reciprocal neighbours)": lambda articles: method(
        articles, replace(settings(), reciprocal=0)
    ),
    "summarizer stories": method,
}


def quality(corpora: Path) -> list[dict[str, object]]:
    rows = []
    for name, loader in (("ECB+", load_ecbplus), ("AllSides", load_allsides)):
        articles, gold = loader(corpora)
        for system, run in SYSTEMS.items():
            started = time.perf_counter()
            predicted = run(articles)
            seconds = time.perf_counter() - started
            rows.append({"corpus": name, "system": system, **scores(predicted, gold), "s": seconds})
    return rows


SWEEP_SHARES = (0.5, 0.7)
SWEEP_THRESHOLDS = (0.4, 0.45, 0.5, 0.55)
SWEEP_DATES = {"soft": {}, "none": {"scale_days": 1e12}}


def sweep(corpora: Path) -> None:
    """BCubed F1 over the latent share, threshold and date penalty, and the cross-check.

    The cross-check picks the best setting on one corpus and scores it on the other, so the
    figure for a setting chosen on both (best mean) can be read against what it costs each.
    """
    corpus = {"ECB+": load_ecbplus(corpora), "AllSides": load_allsides(corpora)}
    base = settings()
    for threshold in (0.7, 0.75, 0.8, 0.85):
        line = [f"{threshold:.2f}"]
        for articles, gold in corpus.values():
            line.append(f"{bcubed(baseline(articles, threshold), gold)[2]:.3f}")
        print("baseline", *line, flush=True)
    table: dict[tuple[float, float, str], dict[str, float]] = {}
    for share, threshold, (dates, change) in itertools.product(
        SWEEP_SHARES, SWEEP_THRESHOLDS, SWEEP_DATES.items()
    ):
        # As measured before the significance rule existed (see --significance for it).
        config = replace(base, lsa_share=share, threshold=threshold, significance=0.0, **change)
        key = (share, threshold, dates)
        table[key] = {
            name: bcubed(method(articles, config), gold)[2]
            for name, (articles, gold) in corpus.items()
        }
        scores_ = " ".join(f"{name} {f1:.3f}" for name, f1 in table[key].items())
        print(f"method share={share} threshold={threshold} dates={dates}: {scores_}", flush=True)
    for chosen_on, other in (("ECB+", "AllSides"), ("AllSides", "ECB+")):
        key = max(table, key=lambda k: table[k][chosen_on])
        print(
            f"chosen on {chosen_on}: {key} -> {chosen_on} {table[key][chosen_on]:.3f},"
            f" {other} {table[key][other]:.3f}"
        )
    for dates in SWEEP_DATES:
        key = max((k for k in table if k[2] == dates), key=lambda k: sum(table[k].values()))
        print(f"best mean of both, dates={dates}: {key} -> {table[key]}")


SIGNIFICANCES = (0.0, 6.0, 6.5, 7.0, 8.0)


def significance_sweep(corpora: Path) -> None:
    """BCubed F1 over the significance (z-score) and the threshold, shipped features and dates."""
    setting_sweep(corpora, "significance", SIGNIFICANCES, (0.425, 0.45, 0.475))


EMBEDDING_SHARES = (0.0, 0.15, 0.25, 0.35)
EMBEDDING_THRESHOLDS = (0.4, 0.425, 0.45)


def embedding_sweep(corpora: Path) -> None:
    """BCubed F1 over the text embedding's share and the threshold (shipped words, dates and
    significance), through the real ``group_stories``."""
    setting_sweep(corpora, "embedding_share", EMBEDDING_SHARES, EMBEDDING_THRESHOLDS)


def setting_sweep(
    corpora: Path, setting: str, values: tuple[float, ...], thresholds: tuple[float, ...]
) -> None:
    """Print BCubed F1 on both corpora for every pair of one setting's value and a threshold,
    then the pair with the best mean."""
    corpus = {"ECB+": load_ecbplus(corpora), "AllSides": load_allsides(corpora)}
    base = settings()
    table: dict[tuple[float, float], dict[str, float]] = {}
    for value, threshold in itertools.product(values, thresholds):
        config = replace(base, **{setting: value}, threshold=threshold)
        table[value, threshold] = f1 = {
            name: bcubed(method(articles, config), gold)[2]
            for name, (articles, gold) in corpus.items()
        }
        print(
            f"{setting}={value} threshold={threshold}:"
            f" ECB+ {f1['ECB+']:.4f} AllSides {f1['AllSides']:.4f}"
            f" mean {sum(f1.values()) / 2:.4f}",
            flush=True,
        )
    key = max(table, key=lambda k: sum(table[k].values()))
    print(f"best mean of both: {key} -> {table[key]}")


def mixed_check(corpora: Path) -> None:
    """The `brief` warning: its cost on 982 ECB+ articles, false alarms on single stories
    (ECB+ events, of 4 articles or more), and alarms on piles of two stories."""
    from summarizer.segment import segment
    from summarizer.vectors import content_terms

    for name, loader in (("ECB+", load_ecbplus), ("AllSides", load_allsides)):
        articles, gold = loader(corpora)
        # The sentence terms brief computes anyway, in its per-article stage.
        terms = [
            [content_terms(s.text) for s in segment(a) if s.furniture is None] for a in articles
        ]
        started, cpu = time.perf_counter(), time.process_time()
        note = looks_mixed(articles, terms)
        print(
            f"{name}: whole pile of {len(articles)}: {time.perf_counter() - started:.2f} s"
            f" ({time.process_time() - cpu:.2f} s CPU), warns: {note is not None}"
        )
        members: dict[str, list[int]] = {}
        for index, label in enumerate(gold):
            members.setdefault(label, []).append(index)
        groups = list(members.values())

        def warns(indices: list[int], articles=articles, terms=terms) -> bool:
            picked = [articles[i] for i in indices], [terms[i] for i in indices]
            return looks_mixed(*picked) is not None

        single = [g for g in groups if len(g) >= 4]
        pairs = [a + b for a, b in zip(groups[::2], groups[1::2], strict=False)]
        print(
            f"{name}: warns on {sum(map(warns, single))} of {len(single)} single stories"
            f" and on {sum(map(warns, pairs))} of {len(pairs)} piles of two stories"
        )


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
    parser.add_argument("--significance", action="store_true", help="sweep the z-score criterion")
    parser.add_argument("--embedding", action="store_true", help="sweep the embedding's share")
    parser.add_argument("--mixed", action="store_true", help="measure the `brief` mixed-pile check")
    parser.add_argument("--out", type=Path, default=None, help="write the numbers as JSON")
    parser.add_argument("--child", type=int, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.corpora, args.child)
        return
    if args.sweep:
        sweep(args.corpora)
        return
    if args.significance:
        significance_sweep(args.corpora)
        return
    if args.embedding:
        embedding_sweep(args.corpora)
        return
    if args.mixed:
        mixed_check(args.corpora)
        return
    rows = quality(args.corpora)
    print(f"{'corpus':9} {'system':56} {'P':>6} {'R':>6} {'F1':>6} {'ARI':>6} {'clusters':>8}")
    for row in rows:
        print(
            f"{row['corpus']:9} {row['system']:56} {row['P']:6.3f} {row['R']:6.3f}"
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
