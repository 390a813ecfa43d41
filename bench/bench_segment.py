"""Throughput of sentence_spans on news prose and on adversarial inputs (run: python bench/...).

Each input is measured at 1 MB and ~5 MB; a linear algorithm keeps MB/s about the same at
both sizes, while catastrophic backtracking would make the 5 MB run far slower per MB.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from summarizer.segment import sentence_spans, word_tokens  # noqa: E402

MB = 1_000_000
SIZES = (1 * MB, 5 * MB)


def seeds_text(size: int) -> str:
    """The demo articles, joined by blank lines and repeated to about ``size`` characters."""
    seeds = "\n\n".join(p.read_text("utf-8") for p in sorted((ROOT / "seeds").glob("*.txt")))
    return (seeds + "\n\n") * (size // (len(seeds) + 2) + 1)


def one_line_no_punctuation(size: int) -> str:
    """A single line of words with no stop anywhere."""
    return ("north korean troops fight in kursk " * (size // 35 + 1))[:size]


def one_line_of_stops(size: int) -> str:
    """A single line that is one long run of periods: a classic backtracking trap."""
    return "." * size


def one_token(size: int) -> str:
    """A single word with no white space and a stop at the end."""
    return "x" * (size - 1) + "."


def many_short_lines(size: int) -> str:
    """Short capitalised lines with no stops: every line is a heading candidate."""
    return ("Kim Unveils New Drones\n" * (size // 23 + 1))[:size]


CASES: tuple[tuple[str, Callable[[int], str]], ...] = (
    ("seeds repeated", seeds_text),
    ("one line, no punctuation", one_line_no_punctuation),
    ("one line of periods", one_line_of_stops),
    ("one 5 MB token", one_token),
    ("short heading lines", many_short_lines),
)


def measure(function: Callable[[str], object], text: str) -> tuple[float, int]:
    """Seconds for one call (best of two) and the size of its result."""
    best = float("inf")
    result: object = None
    for _ in range(2):
        started = time.perf_counter()
        result = function(text)
        best = min(best, time.perf_counter() - started)
    return best, len(result)  # type: ignore[arg-type]


def row(name: str, text: str, seconds: float, count: int | str) -> str:
    """One line of the results table."""
    megabytes = len(text.encode("utf-8")) / MB
    return f"{name:<28}{megabytes:>6.1f}{seconds:>10.3f}{megabytes / seconds:>9.1f}{count:>10}"


def main() -> None:
    print(f"{'input':<28}{'MB':>6}{'seconds':>10}{'MB/s':>9}{'spans':>10}")
    for name, make in CASES:
        for size in SIZES:
            text = make(size)
            seconds, count = measure(sentence_spans, text)
            print(row(name, text, seconds, count))
    text = seeds_text(5 * MB)
    seconds, count = measure(word_tokens, text)
    print(row("word_tokens on seeds", text, seconds, f"{count} w"))


if __name__ == "__main__":
    main()
