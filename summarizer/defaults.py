"""Defaults and choices the command line needs before anything heavy is imported.

``summarizer --help`` must not wait for sumy, NumPy or lxml, so the option defaults and
choices live here, in a module that imports nothing; the stages use the same values (a test
checks that ``summarizer.summarise.ALGORITHMS`` matches).
"""

from __future__ import annotations

# The limits keep a default run to minutes on a small machine (bench/bench_scale.py and
# bench/bench_limits.py measure them). Comparing articles is linear in the number of sentences,
# so thousands of articles are fine; ranking one article's sentences (sumy) is still quadratic in
# that article's length, so the text of each article is limited more tightly.
DEFAULT_MAX_BYTES = 100_000  # article text per input: 15,000 words, several long reads
DEFAULT_MAX_FILES = 5_000  # inputs (and articles: each JSON record counts)

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

# What a briefing shows by default; pipeline.Options takes its defaults from these, and so does
# the command line, so each is written once.
DEFAULT_SENTENCES = 5  # sentences in each per-source summary
DEFAULT_PER_CELL = 2  # sentences per source in each theme row
DEFAULT_DIGEST_WORDS = 120  # word budget of "The story in brief"

# The largest values the numeric options accept: far beyond any sensible run, small enough
# that no size computation overflows (--max-bytes is multiplied by 50 for HTML and JSON).
MAX_BYTES_LIMIT = 1_000_000_000  # 1 GB of article text per input
MAX_FILES_LIMIT = 100_000
MAX_COUNT = 1_000_000  # sentences, words, per-cell sentences, digest words

# The briefing shows sources side by side, one column each, up to this many (--columns).
DEFAULT_COLUMNS = 6
