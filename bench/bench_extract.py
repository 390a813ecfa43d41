"""Score HTML article extraction on the Article Extraction Benchmark sample.

    python bench/bench_extract.py [--corpus DIR] [--only NAME ...] [--zeros] [--out FILE]

The corpus (default ``../shared/corpora/article-extraction/`` beside the clone) holds gzipped
pages ``html/ID.html.gz`` and ``ground-truth.json`` (``{ID: {"articleBody": ...}}``). The metric is
the benchmark's own (``evaluate.py`` of scrapinghub/article-extraction-benchmark): ``\\w+`` tokens,
4-token shingles counted with multiplicity, per-page precision and recall, each averaged over the
pages where it is defined, and F1 of the two averages. A page "at 0" shares no shingle with its
ground truth. Every system runs on the same pages in one run, so the rows are comparable.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from summarizer.errors import SummarizerError  # noqa: E402
from summarizer.ingest import parse_article  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "article-extraction"
_TOKEN = re.compile(r"\w+", re.UNICODE | re.MULTILINE | re.IGNORECASE | re.DOTALL)


# --------------------------------------------------------------------------------------------
# The benchmark's metric
# --------------------------------------------------------------------------------------------


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    """The text's n-token shingles with their counts (a text under n tokens is one shingle)."""
    tokens = _TOKEN.findall(text or "")
    found: Counter[tuple[str, ...]] = Counter()
    for index in range(max(1, len(tokens) - n + 1)):
        shingle = tuple(tokens[index : index + n])
        if shingle:
            found[shingle] += 1
    return found


def tp_fp_fn(true: str, pred: str) -> tuple[float, float, float]:
    """Shingle matches between ground truth and prediction, normalised to sum to 1."""
    truth, guess = shingles(true), shingles(pred)
    tp = fp = fn = 0.0
    for key in truth.keys() | guess.keys():
        t, p = truth.get(key, 0), guess.get(key, 0)
        tp += min(t, p)
        fp += max(0, p - t)
        fn += max(0, t - p)
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (tp, fp, fn)


def precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    if tp == fp == 0:
        return 0.0
    return tp / (tp + fp)


def recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    if tp == fn == 0:
        return 0.0
    return tp / (tp + fn)


def score(counts: list[tuple[float, float, float]]) -> dict[str, float]:
    """Mean precision (pages with a prediction), mean recall (pages with a truth), their F1."""
    p = statistics.mean(precision(*c) for c in counts if c[0] + c[1] > 0)
    r = statistics.mean(recall(*c) for c in counts if c[0] + c[2] > 0)
    return {
        "precision": p,
        "recall": r,
        "f1": 2 * p * r / (p + r) if p + r else 0.0,
        "zero": sum(1 for c in counts if c[0] == 0),
    }


# --------------------------------------------------------------------------------------------
# Systems
# --------------------------------------------------------------------------------------------


def summarizer_content(html: bytes, page_id: str) -> str:
    """What the pipeline reads: the extracted text minus the lines marked as page furniture."""
    try:
        article = parse_article(html, path=f"{page_id}.html", id="x", format="html")
    except SummarizerError:
        return ""
    return "\n".join(
        article.body[line.start : line.end] for line in article.lines if line.furniture is None
    )


def summarizer_with_headings(html: bytes, page_id: str) -> str:
    """The content plus the subheadings: the pipeline keeps headings as structure, not quotes."""
    try:
        article = parse_article(html, path=f"{page_id}.html", id="x", format="html")
    except SummarizerError:
        return ""
    return "\n".join(
        article.body[line.start : line.end]
        for line in article.lines
        if line.furniture in (None, "heading")
    )


def summarizer_extracted(html: bytes, page_id: str) -> str:
    """The HTML extraction alone, before the page-furniture pass."""
    try:
        article = parse_article(html, path=f"{page_id}.html", id="x", format="html")
    except SummarizerError:
        return ""
    return article.body


def trafilatura_system(**settings: object) -> Callable[[bytes, str], str]:
    """trafilatura.extract on the page's bytes with the given settings, as plain text."""

    def run(html: bytes, page_id: str) -> str:
        import trafilatura

        return trafilatura.extract(html, output_format="txt", **settings) or ""

    return run


SYSTEMS: dict[str, Callable[[bytes, str], str]] = {
    "summarizer (content after furniture pass)": summarizer_content,
    "summarizer (content and subheadings)": summarizer_with_headings,
    "summarizer (extraction only)": summarizer_extracted,
    "trafilatura default": trafilatura_system(),
    "trafilatura no comments": trafilatura_system(include_comments=False),
    "trafilatura no comments, favor_precision": trafilatura_system(
        include_comments=False, favor_precision=True
    ),
    "trafilatura no comments, favor_recall": trafilatura_system(
        include_comments=False, favor_recall=True
    ),
    "trafilatura no comments, no tables": trafilatura_system(
        include_comments=False, include_tables=False
    ),
}


# --------------------------------------------------------------------------------------------
# Running
# --------------------------------------------------------------------------------------------


def load_corpus(corpus: Path) -> list[tuple[str, bytes, str]]:
    """(id, page bytes, ground-truth article body) for every page, in id order."""
    truth = json.loads((corpus / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for page_id in sorted(truth):
        path = corpus / "html" / f"{page_id}.html.gz"
        if path.exists():
            pages.append(
                (page_id, gzip.decompress(path.read_bytes()), truth[page_id]["articleBody"])
            )
    return pages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--only", nargs="*", help="run only systems whose name contains these")
    parser.add_argument("--zeros", action="store_true", help="list each system's pages at 0")
    parser.add_argument("--out", type=Path, help="also write the numbers as JSON")
    args = parser.parse_args(argv)
    pages = load_corpus(args.corpus)
    if not pages:
        print(f"no pages found in {args.corpus}", file=sys.stderr)
        return 2
    systems = {
        name: run
        for name, run in SYSTEMS.items()
        if not args.only or any(part in name for part in args.only)
    }
    print(f"{len(pages)} pages from {args.corpus}\n")
    print(f"| {'system':<44} | precision | recall |    F1 | pages at 0 | seconds |")
    print(f"|{'-' * 46}|----------:|-------:|------:|-----------:|--------:|")
    results: dict[str, dict[str, object]] = {}
    for name, run in systems.items():
        started = time.perf_counter()
        counts = [tp_fp_fn(truth, run(html, page_id)) for page_id, html, truth in pages]
        elapsed = time.perf_counter() - started
        result = score(counts)
        zeros = [page_id for (page_id, _, _), c in zip(pages, counts, strict=True) if c[0] == 0]
        results[name] = {**result, "zero_pages": zeros, "seconds": round(elapsed, 1)}
        print(
            f"| {name:<44} | {result['precision']:9.3f} | {result['recall']:6.3f} "
            f"| {result['f1']:5.3f} | {result['zero']:10d} | {elapsed:7.1f} |"
        )
    if args.zeros:
        for name, result in results.items():
            if result["zero_pages"]:
                print(
                    f"\n{name}: pages at 0: " + ", ".join(str(z)[:12] for z in result["zero_pages"])
                )
    if args.out:
        args.out.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
