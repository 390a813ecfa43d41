"""Per-article extractive summaries with every sumy algorithm, offline."""

from __future__ import annotations

import pytest

from summarizer.errors import SummarizerError
from summarizer.models import Sentence
from summarizer.segment import collapse_whitespace, word_tokens
from summarizer.summarise import ALGORITHMS, rank_sentences, summarize

TEXTS = [
    "North Korea sent about 11,000 troops to Russia.",
    "The troops fought in the Kursk region alongside Russian forces.",
    "Officials said hundreds of the troops were killed in the Kursk fighting.",
    "The weather in Seoul was mild.",
    "Russia may give North Korea drone technology in exchange for troops.",
    "Analysts expect more North Korean troops to reach Russia by spring.",
]


def _sentences() -> list[Sentence]:
    out, offset = [], 0
    for index, text in enumerate(TEXTS):
        out.append(Sentence("s", index, offset, offset + len(text), text))
        offset += len(text) + 1
    return out


def test_algorithm_list_is_complete():
    assert set(ALGORITHMS) == {
        "lexrank",
        "textrank",
        "lsa",
        "luhn",
        "edmundson",
        "kl",
        "sumbasic",
        "reduction",
    }


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_every_algorithm_ranks_every_sentence(algorithm):
    ranked = rank_sentences(_sentences(), algorithm)
    assert [r.sentence.index for r in ranked] == list(range(len(TEXTS)))
    assert sorted(r.rank for r in ranked) == list(range(1, len(TEXTS) + 1))
    assert ranked == rank_sentences(_sentences(), algorithm), "deterministic"


def test_ranks_follow_scores():
    ranked = rank_sentences(_sentences(), "luhn")
    by_rank = sorted(ranked, key=lambda r: r.rank)
    assert [r.score for r in by_rank] == sorted((r.score for r in ranked), reverse=True)
    # Luhn rates sentences by clusters of significant words; the off-topic one has none.
    weather = next(r for r in ranked if "weather" in r.sentence.text)
    assert weather.score == min(r.score for r in ranked)


def test_summary_keeps_document_order_and_sentence_budget():
    summary = summarize("s", _sentences(), max_sentences=3)
    indexes = [r.sentence.index for r in summary.sentences]
    assert len(indexes) == 3
    assert indexes == sorted(indexes)
    assert all(r.rank <= 3 for r in summary.sentences)


def test_word_budget():
    summary = summarize("s", _sentences(), max_sentences=None, max_words=20)
    words = sum(len(word_tokens(r.sentence.text)) for r in summary.sentences)
    assert 0 < words <= 20


def test_degenerate_inputs():
    assert rank_sentences([], "lexrank") == ()
    (only,) = rank_sentences(_sentences()[:1], "lsa")
    assert only.rank == 1
    punct = [Sentence("s", i, 0, 1, t) for i, t in enumerate(["—", "…", "!!"])]
    assert [r.rank for r in rank_sentences(punct, "lexrank")] == [1, 2, 3]


def test_unknown_algorithm():
    with pytest.raises(SummarizerError, match="unknown algorithm"):
        rank_sentences(_sentences(), "magic")


def test_collapse_whitespace_rule():
    assert collapse_whitespace("  a\n\tb  c ") == "a b c"
