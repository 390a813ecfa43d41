"""Time and peak memory of the real ``summarizer brief`` on big inputs, and where the limits bite.

Run: python bench/bench_limits.py [--timeout SECONDS] [--only NAME ...]

Each case runs ``python -m summarizer brief`` in a fresh process on generated input and prints
its wall time, peak resident memory (from wait4's rusage) and exit status. A case still running
after --timeout seconds is stopped and reported as such, with the memory it had reached. Cases:

- articles of 100 KB, 500 KB, 1 MB and 2 MB, with --max-bytes raised so the pipeline runs;
- the inputs of the issue: a 50 MB text file, a 5 MB line without punctuation and 10,000
  one-line files, first with the default limits (refused at once) and then with the limits
  raised far enough to let them through;
- the worst a default run may be asked to do: one article at the --max-bytes limit, many
  articles filling the total limit, and the most files --max-files allows;
- the front end alone (ingest and sentence splitting) on the big inputs, which shows that it
  stays linear and how much memory the body->raw offset table costs per character.

Generated text is news-shaped (capitalised sentences with numbers, attributions and quotes,
in paragraphs) from a fixed random seed, so runs are comparable.
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from summarizer.ingest import (  # noqa: E402
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_FILES,
    TOTAL_TEXT_FACTOR,
)

KB = 1_000
MB = 1_000_000
RAISED = ("--max-bytes", str(100 * MB), "--max-files", "20000")

_SUBJECTS = (
    "The ministry",
    "Regional officials",
    "A spokesman for the army",
    "Witnesses",
    "The city council",
    "Analysts in the capital",
    "Rescue workers",
    "The governor",
    "Local residents",
    "A senior diplomat",
)
_VERBS = ("said", "reported", "confirmed", "estimated", "warned", "told reporters", "claimed")
_CLAIMS = (
    "that {n} people had been evacuated from the {place} district",
    "that about {n} soldiers were sent to the {place} front",
    "that damage in {place} could exceed ${n} million",
    "that {n} homes were destroyed overnight near {place}",
    "that talks with {place} would resume within {small} days",
    "that the road to {place} had been closed for {small} hours",
    "that at least {n} civilians were wounded in {place}",
)
_PLACES = (
    "northern",
    "river",
    "border",
    "coastal",
    "eastern",
    "mountain",
    "industrial",
    "old town",
    "harbour",
    "valley",
)
_TAILS = (
    "",
    " on Monday",
    " late on Tuesday",
    ", citing local sources",
    ", according to a statement",
    " in a televised address",
)


def news_paragraphs(seed: int = 0) -> Iterator[str]:
    """An endless stream of news-shaped paragraphs, each ending in a blank line."""
    rng = random.Random(seed)
    yield "Generated Report on Events in the Region\n\n"
    while True:
        sentences = []
        for _ in range(rng.randint(2, 5)):
            claim = rng.choice(_CLAIMS).format(
                n=f"{rng.randint(2, 90_000):,}",
                small=rng.randint(2, 30),
                place=f"{rng.choice(_PLACES)} {rng.choice(_PLACES)}",
            )
            sentence = f"{rng.choice(_SUBJECTS)} {rng.choice(_VERBS)} {claim}{rng.choice(_TAILS)}."
            if rng.random() < 0.15:
                sentence = f"“{sentence[:-1]},” {rng.choice(_SUBJECTS).lower()} said."
            sentences.append(sentence)
        yield " ".join(sentences) + "\n\n"


def one_line_chunks() -> Iterator[str]:
    """An endless line of words without any punctuation."""
    while True:
        yield "water rises over the fields and the roads near the old mill " * 100


def write_text(path: Path, chunks: Iterator[str], size: int) -> None:
    """Write the first ``size`` bytes of ``chunks`` to ``path`` (UTF-8) a piece at a time.

    Streaming keeps this process small: a child's peak memory (ru_maxrss) starts from the
    size of the process that spawned it, so a bloated bench would inflate every measurement.
    """
    written = 0
    with path.open("wb") as handle:
        for chunk in chunks:
            # Sizes are in bytes, as --max-bytes counts them; never cut a character in two.
            piece = chunk.encode("utf-8")[: size - written].decode("utf-8", "ignore").encode()
            handle.write(piece)
            written += len(piece)
            if written >= size - 3:
                return


# --------------------------------------------------------------------------------------------
# Cases
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    name: str
    build: Callable[[Path], list[str]]  # writes the inputs into a folder, returns the paths
    options: tuple[str, ...] = ()
    front_end: bool = False  # ingest and sentence splitting only, no summarising


def one_file(chunks: Callable[[], Iterator[str]], size: int) -> Callable[[Path], list[str]]:
    def build(folder: Path) -> list[str]:
        path = folder / "article.txt"
        write_text(path, chunks(), size)
        return [str(path)]

    return build


def many_files(count: int, size: int, first_sentence: bool = False) -> Callable[[Path], list[str]]:
    """``count`` different articles of ``size`` bytes (or of one sentence each)."""

    def build(folder: Path) -> list[str]:
        inputs = folder / "inputs"
        inputs.mkdir()
        for number in range(count):
            path = inputs / f"{number:05d}.txt"
            if first_sentence:
                paragraph = list(itertools.islice(news_paragraphs(number), 2))[1]
                path.write_text(paragraph.split(". ")[0].rstrip(".") + ".\n", encoding="utf-8")
            else:
                write_text(path, news_paragraphs(number), size)
        return [str(inputs)]

    return build


def cases() -> list[Case]:
    total = DEFAULT_MAX_BYTES * TOTAL_TEXT_FACTOR
    return [
        *(
            Case(f"article {size // KB:,} KB", one_file(news_paragraphs, size), RAISED)
            for size in (100 * KB, 500 * KB, 1 * MB, 2 * MB)
        ),
        Case("50 MB text file, default limits", one_file(news_paragraphs, 50 * MB)),
        Case("50 MB text file, limits raised", one_file(news_paragraphs, 50 * MB), RAISED),
        Case("5 MB line without punctuation, default limits", one_file(one_line_chunks, 5 * MB)),
        Case(
            "5 MB line without punctuation, limits raised",
            one_file(one_line_chunks, 5 * MB),
            RAISED,
        ),
        Case("10,000 one-line files, default limits", many_files(10_000, 0, True)),
        Case("10,000 one-line files, limits raised", many_files(10_000, 0, True), RAISED),
        Case(
            f"default worst case: one article of {DEFAULT_MAX_BYTES // KB} KB",
            one_file(news_paragraphs, DEFAULT_MAX_BYTES),
        ),
        Case(
            f"default worst case: 20 articles of {total // 20 // KB} KB (the total limit)",
            many_files(20, total // 20),
        ),
        Case(
            f"default worst case: {DEFAULT_MAX_FILES} articles of"
            f" {total // DEFAULT_MAX_FILES // KB} KB (the total limit)",
            many_files(DEFAULT_MAX_FILES, total // DEFAULT_MAX_FILES),
        ),
        Case(
            f"default worst case: {DEFAULT_MAX_FILES} one-line files",
            many_files(DEFAULT_MAX_FILES, 0, True),
        ),
        Case("front end only: article 1 MB", one_file(news_paragraphs, 1 * MB), front_end=True),
        Case("front end only: 5 MB line", one_file(one_line_chunks, 5 * MB), front_end=True),
        Case("front end only: 50 MB file", one_file(news_paragraphs, 50 * MB), front_end=True),
    ]


# --------------------------------------------------------------------------------------------
# Running and measuring
# --------------------------------------------------------------------------------------------

_FRONT_END = (
    "import sys\n"
    "from summarizer.ingest import load_articles\n"
    "from summarizer.segment import segment\n"
    "articles, _ = load_articles(sys.argv[1:], max_bytes=10**9, max_files=10**6)\n"
    "print(sum(len(segment(article)) for article in articles), 'sentences')\n"
)


@dataclass(frozen=True)
class Measurement:
    seconds: float
    peak_mb: float
    status: str  # "exit 0", "exit 2", "stopped", ...
    message: str  # the last line of stderr (or of stdout, for the front end)


def measure(command: list[str], timeout: float, cwd: Path) -> Measurement:
    """Run ``command``, stopping it after ``timeout`` seconds; its time and peak memory."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command,
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    stopped = threading.Event()

    def stop() -> None:
        stopped.set()
        process.kill()

    timer = threading.Timer(timeout, stop)
    timer.start()
    # Read the pipes in threads so a chatty process cannot block on a full pipe.
    output: dict[str, bytes] = {}
    readers = [
        threading.Thread(target=lambda k=k, s=s: output.__setitem__(k, s.read()))
        for k, s in (("stdout", process.stdout), ("stderr", process.stderr))
    ]
    for reader in readers:
        reader.start()
    _pid, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    timer.cancel()
    for reader in readers:
        reader.join()
    process.returncode = os.waitstatus_to_exitcode(status)
    text = output.get("stderr", b"").decode("utf-8", "replace").strip()
    if not text:
        text = output.get("stdout", b"").decode("utf-8", "replace").strip()
    last_line = text.splitlines()[-1] if text else ""
    state = "stopped" if stopped.is_set() else f"exit {process.returncode}"
    return Measurement(seconds, usage.ru_maxrss / 1024, state, last_line[:150])


def run_case(case: Case, timeout: float) -> Measurement:
    with tempfile.TemporaryDirectory(prefix="bench-limits-") as folder:
        inputs = case.build(Path(folder))
        if case.front_end:
            command = [sys.executable, "-c", _FRONT_END, *inputs]
        else:
            output = str(Path(folder) / "briefing.md")
            command = [
                sys.executable,
                "-m",
                "summarizer",
                "brief",
                *inputs,
                *case.options,
                "-o",
                output,
            ]
        return measure(command, timeout, Path(folder))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per case")
    parser.add_argument("--only", nargs="*", default=None, help="run cases whose name has this")
    args = parser.parse_args(argv)
    print(
        f"defaults: --max-bytes {DEFAULT_MAX_BYTES:,}, total {TOTAL_TEXT_FACTOR} × --max-bytes,"
        f" --max-files {DEFAULT_MAX_FILES}; timeout {args.timeout:.0f} s; {os.cpu_count()} CPUs"
    )
    print(f"| {'case':<62} | {'status':<8} | {'seconds':>8} | {'peak MB':>8} | message")
    print(f"|{'-' * 64}|{'-' * 10}|{'-' * 10}:|{'-' * 10}:|---------")
    for case in cases():
        if args.only and not any(part in case.name for part in args.only):
            continue
        result = run_case(case, args.timeout)
        seconds = (
            f"≥{result.seconds:.0f}" if result.status == "stopped" else f"{result.seconds:.1f}"
        )
        print(
            f"| {case.name:<62} | {result.status:<8} | {seconds:>8} | {result.peak_mb:>8.0f} "
            f"| {result.message}",
            flush=True,
        )


if __name__ == "__main__":
    main()
