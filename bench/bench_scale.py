"""How the briefing scales with the number of articles, beside bare sumy LexRank.

Run from the repository root (needs ``pysbd`` for the baseline: ``pip install pysbd``)::

    python bench/bench_scale.py [--corpus PATH] [--skip-10k] [--out bench/results-scale.json]

Every measurement is a fresh process, timed by wall clock, with its peak memory: the
proportional set size (PSS, shared pages split between the processes sharing them) of the whole
process tree, summed and sampled every 50 ms, so worker processes count once each and pages they
share with their parent are not counted twice. ``maxrss_mb`` is the kernel's peak RSS of the main
process alone (from wait4).

The sampling is not free: reading ``smaps_rollup`` makes the kernel walk every page table of
the tree, 20 times a second, on the same two cores. It slowed a 982-article briefing (three
processes) from 14.0 s to 17.4 s, and bare sumy (one process, with a core to spare) not at all.
So each compared case runs unobserved for its time, CPU and max RSS, and once more, sampled, for
its peak PSS. The 10,000-article row is one sampled run: its time is an upper bound.

The machine's speed also drifts, by up to a third between runs a minute apart (the same
982-article briefing took 17.7 to 25.5 CPU-s). So the briefing and bare sumy run in alternating
pairs (``--repeat``, default 3): each row shows its median run, and the ratio is the median of
the pairs' ratios, all of which are kept in the JSON (``ratios``).

Rows:

- ``brief N``: ``summarizer brief corpus-N.jsonl -f json -o ...`` with default options, for the
  first N = 100, 250, 500 and all 982 articles of ECB+ (``../shared/corpora/ecbplus/``), and
  ``sumy N``: bare sumy LexRank summarising the same N articles (5 sentences each) in one process,
  with pySBD splitting sentences and sumy's Snowball stemmer and English stop words, as sumy's
  README sets it up (sumy's own NLTK sentence tokenizer needs downloaded data; pySBD does not).
  The ratio is brief time / sumy time, the median over the alternating pairs.
- ``brief 10000``: the corpus repeated to 10,000 articles, each repeat lightly changed (a sentence
  dropped, a word changed in some sentences) so that no two are identical; limits raised.
- ``seeds``: ``summarizer brief seeds/ -f json`` beside ``python -c "import
  sumy.summarizers.lex_rank, textstat, jinja2, click"`` (best of three each) and the ratio;
  ``--version`` and ``--help`` wall time (best of three). The package is compiled to ``.pyc``
  first, as ``pip install`` leaves it (the libraries in the environment already are).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpora" / "ecbplus" / "articles.jsonl"
SIZES = (100, 250, 500, 982)
BIG = 10_000
IMPORTS = "import sumy.summarizers.lex_rank, textstat, jinja2, click"

BARE_SUMY = """
import json, sys
import nltk
import pysbd
from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
from sumy.nlp.stemmers import Stemmer
from sumy.nlp.tokenizers import Tokenizer
from sumy.summarizers.lex_rank import LexRankSummarizer
from sumy.utils import get_stop_words

class PySBDTokenizer:
    # sumy's Tokenizer interface: pySBD sentences, sumy's (NLTK Treebank) words.
    language = "english"
    def __init__(self):
        self.segmenter = pysbd.Segmenter(language="en", clean=False)
    def to_sentences(self, text):
        return tuple(s.strip() for s in self.segmenter.segment(text) if s.strip())
    def to_words(self, sentence):
        words = nltk.word_tokenize(sentence, preserve_line=True)
        return tuple(w for w in words if Tokenizer._WORD_PATTERN.match(w))

tokenizer = PySBDTokenizer()
summarizer = LexRankSummarizer(Stemmer("english"))
summarizer.stop_words = get_stop_words("english")
chosen = 0
for line in open(sys.argv[1], encoding="utf-8"):
    text = json.loads(line)["text"]
    sentences = [Sentence(s, tokenizer) for s in tokenizer.to_sentences(text)]
    chosen += len(summarizer(ObjectDocumentModel([Paragraph(sentences)]), 5))
print(chosen)
"""


def _tree_pss_kb(root: int) -> int:
    """Summed PSS (kB) of ``root`` and its descendants, from /proc (0 where unreadable)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(entry))
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        stack.extend(children.get(pid, []))
        try:
            with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as handle:
                for line in handle:
                    if line.startswith("Pss:"):
                        total += int(line.split()[1])
                        break
        except OSError:
            continue
    return total


def run(command: list[str], sample: bool = True) -> dict[str, object]:
    """Run ``command``; wall seconds, CPU seconds of the process tree (user + system, workers
    included), the 1-minute load average when it started (wall time is noisy on a shared
    machine), peak tree PSS (``sample``; else None) and main-process max RSS (MB), exit code."""
    load = os.getloadavg()[0]
    # stderr goes to a file, not a pipe read at the end: a large run's warnings (one per copy of
    # an article) would fill the pipe and block the briefing until the benchmark read it.
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=errors)
        peak = [0]
        done = threading.Event()

        def sample_pss() -> None:
            while not done.wait(0.05):
                peak[0] = max(peak[0], _tree_pss_kb(process.pid))

        sampler = threading.Thread(target=sample_pss, daemon=True)
        if sample:
            sampler.start()
        try:
            _, status, usage = os.wait4(process.pid, 0)
        finally:
            done.set()
        wall = time.perf_counter() - start
        if sample:
            sampler.join()
        process.returncode = os.waitstatus_to_exitcode(status)
        errors.seek(0)
        stderr = errors.read().decode(errors="replace")
    if process.returncode != 0:
        print(stderr, file=sys.stderr)
    return {
        "seconds": round(wall, 2),
        "cpu_seconds": round(usage.ru_utime + usage.ru_stime, 2),
        "load": round(load, 2),
        "peak_pss_mb": round(peak[0] / 1024, 1) if sample else None,
        "maxrss_mb": round(usage.ru_maxrss / 1024, 1),
        "exit": process.returncode,
    }


def paired(
    ours: list[str], bare: list[str], repeat: int
) -> tuple[dict[str, object], dict[str, object], list[float]]:
    """``repeat`` unobserved runs of ``ours`` then ``bare``, alternating, so that both see the
    same drift of the machine's speed; each one's median run (by wall time) with the peak PSS of
    one more, sampled run, and the ratio of every pair, in order."""
    pairs = [(run(ours, sample=False), run(bare, sample=False)) for _ in range(repeat)]
    ratios = [round(float(a["seconds"]) / float(b["seconds"]), 2) for a, b in pairs]  # type: ignore[arg-type]
    medians = []
    for runs, command in (([a for a, _ in pairs], ours), ([b for _, b in pairs], bare)):
        middle = sorted(runs, key=lambda r: float(r["seconds"]))[(len(runs) - 1) // 2]  # type: ignore[arg-type]
        medians.append({**middle, "peak_pss_mb": run(command)["peak_pss_mb"]})
    return medians[0], medians[1], ratios


def best_of(command: list[str], times: int = 3) -> dict[str, object]:
    """The fastest of ``times`` unobserved runs (start-up times are noisy on a shared machine),
    with the peak PSS of one more, sampled run."""
    fastest = min((run(command, sample=False) for _ in range(times)), key=lambda r: r["seconds"])
    return {**fastest, "peak_pss_mb": run(command)["peak_pss_mb"]}


def lightly_changed(record: dict, copy: int, rng: random.Random) -> dict:
    """A repeat of an article that is not identical: one sentence dropped, some words changed."""
    lines = record["text"].split("\n")
    if len(lines) > 3:
        del lines[rng.randrange(len(lines))]
    changed = []
    for line in lines:
        words = line.split(" ")
        if len(words) > 4 and rng.random() < 0.3:
            words[rng.randrange(1, len(words))] = rng.choice(("reportedly", "also", "then"))
        changed.append(" ".join(words))
    return {**record, "id": f"{record['id']}-{copy}", "text": "\n".join(changed)}


def write_inputs(corpus: Path, folder: Path, sizes: list[int], with_big: bool) -> dict[int, Path]:
    records = [json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines()]
    paths = {}
    for size in sizes:
        paths[size] = folder / f"corpus-{size}.jsonl"
        paths[size].write_text(
            "".join(json.dumps(r) + "\n" for r in records[:size]), encoding="utf-8"
        )
    if with_big:
        rng = random.Random(8)
        big = [
            records[i % len(records)]
            if i < len(records)
            else lightly_changed(records[i % len(records)], i // len(records), rng)
            for i in range(BIG)
        ]
        paths[BIG] = folder / f"corpus-{BIG}.jsonl"
        paths[BIG].write_text("".join(json.dumps(r) + "\n" for r in big), encoding="utf-8")
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--skip-10k", action="store_true", help="leave out the 10,000 run")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results-scale.json")
    parser.add_argument(
        "--sizes", type=int, nargs="*", default=list(SIZES), help="article counts to brief"
    )
    parser.add_argument("--skip-startup", action="store_true", help="leave out the seeds rows")
    parser.add_argument(
        "--repeat",
        type=int,
        default=3,
        help="pairs of briefing and bare sumy runs per size, alternating (the median ratio counts)",
    )
    args = parser.parse_args()
    python = sys.executable
    brief = [python, "-m", "summarizer", "brief"]
    results: dict[str, object] = {"cpus": os.cpu_count(), "rows": []}
    rows: list[dict[str, object]] = results["rows"]  # type: ignore[assignment]

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        paths = write_inputs(args.corpus, folder, args.sizes, not args.skip_10k)
        output = str(folder / "out.json")
        for size in args.sizes:
            ours, bare, ratios = paired(
                [*brief, str(paths[size]), "-f", "json", "-o", output],
                [python, "-c", BARE_SUMY, str(paths[size])],
                args.repeat,
            )
            ratio = round(statistics.median(ratios), 2)  # an even count's median is a mean
            case = {"case": f"brief {size}", "articles": size}
            rows.append({**case, **ours, "ratio": ratio, "ratios": ratios})
            rows.append({"case": f"sumy {size}", "articles": size, **bare})
            print(rows[-2], rows[-1], flush=True)
            _save(args.out, results)
        if not args.skip_10k:
            big = [*brief, str(paths[BIG]), "-f", "json", "-o", output]
            big += ["--max-files", str(BIG), "--max-bytes", "10000000"]
            rows.append({"case": f"brief {BIG}", "articles": BIG, **run(big)})
            print(rows[-1], flush=True)
            _save(args.out, results)

    if not args.skip_startup:
        _startup_rows(rows, brief, python)
    _save(args.out, results)
    print()
    print("| case | articles | seconds | ratio | CPU s | load | peak PSS MB | max RSS MB |")
    print("|---|--:|--:|--:|--:|--:|--:|--:|")
    for row in rows:
        print(
            f"| {row['case']} | {row.get('articles', '')} | {row['seconds']} |"
            f" {row.get('ratio', '')} | {row['cpu_seconds']} | {row['load']} |"
            f" {row['peak_pss_mb']} | {row['maxrss_mb']} |"
        )


def _save(path: Path, results: dict[str, object]) -> None:
    """Write what has been measured so far (a long run stopped early keeps its rows)."""
    path.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


# What a user's install has: pip compiles the package to .pyc files. An editable install run with
# PYTHONDONTWRITEBYTECODE=1 (as here) would compile every module again on every run (~0.4 s).
PRECOMPILE = (
    "import compileall, os, summarizer;"
    " compileall.compile_dir(os.path.dirname(summarizer.__file__), quiet=1)"
)


def _startup_rows(rows: list[dict[str, object]], brief: list[str], python: str) -> None:
    subprocess.run([python, "-c", PRECOMPILE], check=True)
    seeds = best_of([*brief, "seeds", "-f", "json"])
    imports = best_of([python, "-c", IMPORTS])
    ratio = round(float(seeds["seconds"]) / float(imports["seconds"]), 2)  # type: ignore[arg-type]
    rows.append({"case": "seeds", "articles": 5, **seeds, "ratio": ratio})
    rows.append({"case": "import sumy, textstat, jinja2, click", **imports})
    rows.append({"case": "--version", **best_of([python, "-m", "summarizer", "--version"])})
    rows.append({"case": "--help", **best_of([python, "-m", "summarizer", "--help"])})


if __name__ == "__main__":
    main()
