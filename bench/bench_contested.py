"""Contested statements: precision and recall of contested.py on a labelled set of sentence pairs.

    python bench/bench_contested.py                 # table of precision and recall
    python bench/bench_contested.py --unlabelled    # also list flagged pairs the set lacks
    python bench/bench_contested.py --unlabelled --all-stories  # ... in every story of the corpora

The labelled set is bench/data/contested_pairs.jsonl: one pair of sentences from two different
articles of one story per line, with the judgement ``contested`` (true: the two cannot both be true
as stated) made by reading both sentences, and ``flagged_when_labelled`` (whether the tool flagged
the pair when it was judged). Stories come from seeds/, MultiLing 2011 (M000-M002), ECB+ and
AllSides, read from ../shared/corpora (or --corpora DIR); each story's articles are written to a
temporary folder as .txt files and read by the real ingest, exactly as the CLI reads them.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from summarizer.contested import contested_pairs  # noqa: E402
from summarizer.ingest import load_articles  # noqa: E402
from summarizer.segment import segment  # noqa: E402
from summarizer.vectors import SentenceVectors  # noqa: E402

DEFAULT_CORPORA = ROOT.parent / "shared" / "corpora"
LABELS = ROOT / "bench" / "data" / "contested_pairs.jsonl"


def story_files(corpus: str, cluster: str, corpora: Path) -> dict[str, str]:
    """File name -> text of one story's articles, as the labelled set names them."""
    if corpus == "seeds":
        return {p.name: p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*"))}
    if corpus == "multiling":
        for line in (corpora / "multiling2011" / "documents.jsonl").open(encoding="utf-8"):
            record = json.loads(line)
            if record["instance_id"] == cluster:
                return {
                    d["filename"].replace(".english", ".txt"): "\n\n".join(d["text"]) + "\n"
                    for d in record["documents"]
                }
    if corpus == "ecbplus":
        ids = next(
            json.loads(line)["ids"]
            for line in (corpora / "ecbplus" / "clusters.jsonl").open(encoding="utf-8")
            if json.loads(line)["cluster"] == cluster
        )
        texts = {}
        for line in (corpora / "ecbplus" / "articles.jsonl").open(encoding="utf-8"):
            record = json.loads(line)
            if record["id"] in ids:
                texts[f"{record['id']}.txt"] = record["text"] + "\n"
        return texts
    if corpus == "allsides":
        for line in (corpora / "allsides-dev" / "clusters.jsonl").open(encoding="utf-8"):
            record = json.loads(line)
            if str(record["id"]) == cluster:
                return {
                    (a.get("outlet") or "x").replace("/", "_").replace(" ", "_")[:30] + ".txt": (
                        a.get("title") or ""
                    )
                    + "\n\n"
                    + a["text"]
                    + "\n"
                    for a in record["articles"]
                }
    raise SystemExit(f"bench_contested: no story {corpus}/{cluster} under {corpora}")


def all_stories(corpora: Path) -> list[tuple[str, str]]:
    """Every story of the four corpora, as (corpus, cluster)."""

    def ids(path: Path, key: str) -> list[str]:
        return [str(json.loads(line)[key]) for line in path.open(encoding="utf-8") if line.strip()]

    return (
        [("seeds", "seeds")]
        + [
            ("multiling", c)
            for c in ids(corpora / "multiling2011" / "documents.jsonl", "instance_id")
        ]
        + [("ecbplus", c) for c in ids(corpora / "ecbplus" / "clusters.jsonl", "cluster")]
        + [("allsides", c) for c in ids(corpora / "allsides-dev" / "clusters.jsonl", "id")]
    )


def flagged_pairs(files: dict[str, str]) -> set[frozenset[tuple[str, str]]]:
    """The pairs contested.py flags in one story, each as {(file name, sentence text)} x 2."""
    with tempfile.TemporaryDirectory() as folder:
        for name, text in files.items():
            (Path(folder) / name).write_text(text, encoding="utf-8")
        articles, _ = load_articles([str(Path(folder) / name) for name in sorted(files)])
        name_of = {a.id: Path(a.path).name for a in articles}
        sentences = [s for a in articles for s in segment(a) if s.furniture is None]
        vectors = SentenceVectors.of(sentences)
        years = {a.id: int(a.date[:4]) if a.date else None for a in articles}
        return {
            frozenset({(name_of[a.source], a.text), (name_of[b.source], b.text)})
            for a, b, _ in contested_pairs(sentences, vectors, year_of=years)
        }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA)
    parser.add_argument("--unlabelled", action="store_true")
    parser.add_argument("--all-stories", action="store_true", help="also stories the set lacks")
    args = parser.parse_args(argv)
    labels = [json.loads(line) for line in LABELS.open(encoding="utf-8") if line.strip()]
    by_story = defaultdict(list)
    for label in labels:
        by_story[(label["corpus"], label["cluster"])].append(label)
    if args.all_stories:
        for story in all_stories(args.corpora):
            by_story.setdefault(story, [])
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    unlabelled = []
    for (corpus, cluster), story_labels in sorted(by_story.items()):
        flagged = flagged_pairs(story_files(corpus, cluster, args.corpora))
        known = set()
        for label in story_labels:
            pair = frozenset({tuple(label["a"].values()), tuple(label["b"].values())})
            known.add(pair)
            truth, said = label["contested"], pair in flagged
            kind = "tp" if truth and said else "fp" if said else "fn" if truth else "tn"
            counts[corpus][kind] += 1
            counts["all"][kind] += 1
        unlabelled += [(corpus, cluster, pair) for pair in flagged - known]
    print("corpus      pairs  flagged  contested   TP  FP  FN  TN  precision  recall")
    for corpus in [*sorted(c for c in counts if c != "all"), "all"]:
        c = counts[corpus]
        flagged_n, truth_n = c["tp"] + c["fp"], c["tp"] + c["fn"]
        precision = c["tp"] / flagged_n if flagged_n else float("nan")
        recall = c["tp"] / truth_n if truth_n else float("nan")
        total = sum(c.values())
        print(
            f"{corpus:<10} {total:>6} {flagged_n:>8} {truth_n:>10} {c['tp']:>4} {c['fp']:>3}"
            f" {c['fn']:>3} {c['tn']:>3} {precision:>10.2f} {recall:>7.2f}"
        )
    print(f"flagged pairs not in the labelled set: {len(unlabelled)}")
    if args.unlabelled:
        for corpus, cluster, pair in unlabelled:
            print(f"  {corpus}/{cluster}: " + " <> ".join(f"[{n}] {t}" for n, t in sorted(pair)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
