"""summarizer: comparative, extractive briefings from a stack of news articles."""

__version__ = "0.1.0"
