"""Defaults and choices the command line needs before anything heavy is imported.

``summarizer --help`` must not wait for sumy, NumPy or lxml, so the option defaults and
choices live here, in a module that imports nothing; the stages use the same values (a test
checks that ``summarizer.summarise.ALGORITHMS`` matches).
"""

from __future__ import annotations

# The limits keep a default run well under a minute on a small machine (bench/bench_limits.py
# measures them): summarising is quadratic in the number of sentences, per article and across
# articles, so it is the article text that is limited, not just the file size.
DEFAULT_MAX_BYTES = 100_000  # article text per input: 15,000 words, several long reads
DEFAULT_MAX_FILES = 50  # inputs (and articles: each JSON record counts); a 50-column comparison

# The sumy algorithms summarise.py offers, in the order --help lists them.
ALGORITHMS: tuple[str, ...] = (
    "lexrank",
    "textrank",
    "lsa",
    "luhn",
    "edmundson",
    "kl",
    "sumbasic",
    "reduction",
)
DEFAULT_ALGORITHM = "lexrank"

# The largest values the numeric options accept: far beyond any sensible run, small enough
# that no size computation overflows (--max-bytes is multiplied by 50 for HTML and JSON).
MAX_BYTES_LIMIT = 1_000_000_000  # 1 GB of article text per input
MAX_FILES_LIMIT = 100_000
MAX_COUNT = 1_000_000  # sentences, words, per-cell sentences, digest words
