"""Measure the English check (summarizer.ingest.language) on a folder of news corpora.

    python bench/bench_language.py ../shared/corpora

Reads ecbplus/articles.jsonl, multiling2011/documents.jsonl, allsides-dev/clusters.jsonl and
article-extraction/ground-truth.json where present, and prints the English stop-word share of
every document long enough to judge, split into the documents the check flags and the rest, and
the share of 30-word English windows it would flag. Read the flagged list by eye: some pages of
article-extraction are not in English.
"""

from __future__ import annotations

import json
import statistics
import sys
from collections.abc import Iterator
from pathlib import Path

from summarizer.ingest.language import MIN_ENGLISH_SHARE, MIN_LETTERS, english_share, looks_english


def documents(root: Path) -> Iterator[tuple[str, str]]:
    """(name, text) of every document in the corpora under root."""
    if (path := root / "ecbplus" / "articles.jsonl").exists():
        for line in path.open(encoding="utf-8"):
            record = json.loads(line)
            yield f"ecbplus:{record['id']}", record["text"]
    if (path := root / "multiling2011" / "documents.jsonl").exists():
        for line in path.open(encoding="utf-8"):
            for document in json.loads(line)["documents"]:
                yield f"multiling:{document['filename']}", "\n".join(document["text"])
    if (path := root / "allsides-dev" / "clusters.jsonl").exists():
        for line in path.open(encoding="utf-8"):
            record = json.loads(line)
            for index, article in enumerate(record.get("articles", [])):
                if text := article.get("text") or article.get("body"):
                    yield f"allsides:{record['id']}:{index}", text
    if (path := root / "article-extraction" / "ground-truth.json").exists():
        for key, value in json.loads(path.read_text(encoding="utf-8")).items():
            if text := value.get("articleBody"):
                yield f"article-extraction:{key[:8]}", text


def main(root: Path) -> None:
    judged = []
    for name, text in documents(root):
        share, letters = english_share(text)
        if letters >= MIN_LETTERS:
            judged.append((share, name, text))
    judged.sort()
    flagged = [(share, name, text) for share, name, text in judged if not looks_english(text)]
    kept = [share for share, _, text in judged if looks_english(text)]
    print(f"threshold {MIN_ENGLISH_SHARE}, at least {MIN_LETTERS} letters: {len(judged)} judged")
    print(f"flagged as not English: {len(flagged)}")
    for share, name, text in flagged:
        print(f"  {share:.3f}  {name:32}  {text[:60]!r}")
    print(
        f"kept: {len(kept)}; lowest {kept[0]:.3f}, 1st percentile {kept[len(kept) // 100]:.3f}, "
        f"median {statistics.median(kept):.3f}"
    )
    windows = flagged_windows = 0
    for _, _, text in judged:
        if not looks_english(text):
            continue
        words = text.split()
        for start in range(0, len(words) - 29, 30):
            chunk = " ".join(words[start : start + 30])
            if english_share(chunk)[1] >= MIN_LETTERS:
                windows += 1
                flagged_windows += not looks_english(chunk)
    print(f"30-word windows of kept documents flagged: {flagged_windows} of {windows}")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/corpora"))
