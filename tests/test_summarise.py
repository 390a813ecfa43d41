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


def _sumy_lexrank_pieces(texts: list[str]):
    """sumy's own LexRank and the bulk one, configured alike, with the words of ``texts``."""
    from sumy.models.dom import ObjectDocumentModel, Paragraph
    from sumy.models.dom import Sentence as SumySentence
    from sumy.summarizers.lex_rank import LexRankSummarizer

    from summarizer.segment import Tokenizer
    from summarizer.summarise import BulkLexRankSummarizer, make_summarizer

    bulk = make_summarizer("lexrank")
    assert isinstance(bulk, BulkLexRankSummarizer)
    plain = LexRankSummarizer(bulk._stemmer)
    plain.stop_words = bulk.stop_words
    document = ObjectDocumentModel([Paragraph([SumySentence(text, Tokenizer()) for text in texts])])
    return plain, bulk, document


# Repeated words, a sentence of stop words only, an exact duplicate and a one-word sentence:
# the cases where idf turns zero or negative and norms vanish.
EDGE_TEXTS = [
    *TEXTS,
    "It was what it was.",
    "North Korea sent about 11,000 troops to Russia.",
    "Troops troops troops.",
    "Kursk.",
]


@pytest.mark.parametrize("texts", [TEXTS, EDGE_TEXTS, TEXTS[:2]])
@pytest.mark.parametrize("dense_work", [0, 1 << 40], ids=["sparse", "dense"])
def test_bulk_lexrank_builds_sumys_matrix_and_ratings(texts, dense_work, monkeypatch):
    """Both ways of computing the similarities (sparse for long articles, dense for the rest)."""
    import numpy

    from summarizer import summarise

    monkeypatch.setattr(summarise, "_DENSE_WORK", dense_work)
    plain, bulk, document = _sumy_lexrank_pieces(texts)
    words = [plain._to_words_set(s) for s in document.sentences]
    assert [bulk._to_words_set(s) for s in document.sentences] == words
    tf = plain._compute_tf(words)
    idf = plain._compute_idf(words)
    assert bulk._compute_idf(words) == idf
    assert bulk._compute_tf(words) == tf
    with numpy.errstate(all="ignore"):
        expected = plain._create_matrix(words, plain.threshold, tf, idf)
        got = bulk._graph(words, bulk.threshold)
        # Every similarity equals sumy's scalar formula up to rounding.
        scalar = [
            [plain.cosine_similarity(a, b, ta, tb, idf) for b, tb in zip(words, tf, strict=True)]
            for a, ta in zip(words, tf, strict=True)
        ]
        assert numpy.allclose(bulk._similarities(words), scalar, rtol=0, atol=1e-12)
    assert numpy.array_equal(got, expected)  # exactly: the power method then agrees bit for bit
    # From the words, each distinct word looked up once: the same similarities, bit for bit.
    sentence_words = [s.words for s in document.sentences]
    assert numpy.array_equal(bulk._word_similarities(sentence_words), bulk._similarities(words))
    assert expected.any() and not numpy.array_equal(expected, numpy.eye(len(texts)))

    def ratings(summarizer) -> list[tuple[int, float]]:
        seen: list[tuple[int, float]] = []

        def keep(infos):
            seen.extend((info.order, info.rating) for info in infos)
            return infos

        with numpy.errstate(all="ignore"):
            summarizer(document, keep)
        return seen

    assert ratings(bulk) == ratings(plain)


def test_bulk_lexrank_decides_borderline_pairs_like_sumy(monkeypatch):
    """A bulk similarity within rounding of the threshold is settled by sumy's scalar formula."""
    import numpy

    from summarizer import summarise

    plain, bulk, document = _sumy_lexrank_pieces(TEXTS)
    words = [plain._to_words_set(s) for s in document.sentences]
    tf, idf = plain._compute_tf(words), plain._compute_idf(words)
    exact = summarise.BulkLexRankSummarizer._similarities(words)
    below = tuple(numpy.argwhere(exact < 0.09)[0])
    above = tuple(numpy.argwhere((exact > 0.11) & ~numpy.eye(len(TEXTS), dtype=bool))[0])
    rounded = exact.copy()
    rounded[below] = 0.1 + 1e-12  # bulk rounding on the wrong side of the threshold
    rounded[above] = 0.1 - 1e-12
    monkeypatch.setattr(
        summarise.BulkLexRankSummarizer, "_similarities", staticmethod(lambda words: rounded)
    )
    got = bulk._graph(words, 0.1)
    assert numpy.array_equal(got, plain._create_matrix(words, 0.1, tf, idf))
    # The same from the words: the terms are made only to settle the two borderline pairs.
    monkeypatch.setattr(bulk, "_word_similarities", lambda sentences: rounded.copy())
    expected = plain.power_method(plain._create_matrix(words, 0.1, tf, idf), plain.epsilon)
    assert numpy.array_equal(bulk.rate_words([s.words for s in document.sentences]), expected)


@pytest.mark.parametrize("texts", [TEXTS, EDGE_TEXTS, [*TEXTS[:3], TEXTS[0], "Kursk."]])
def test_lexrank_scores_without_sumys_documents_are_sumys_own(texts):
    """Repeated sentences included: sumy keys ratings by text, so copies share the last one's."""
    from summarizer import summarise
    from summarizer.models import Sentence

    plain, bulk, _ = _sumy_lexrank_pieces(texts)
    sentences = [Sentence("a", i, 0, len(text), text) for i, text in enumerate(texts)]
    expected = summarise._document_scores(plain, sentences)  # sumy's own LexRank, end to end
    assert summarise._document_scores(bulk, sentences) == expected
    assert summarise._lexrank_scores(bulk, sentences) == expected
    assert summarise._sumy_scores(bulk, sentences) == expected
    assert expected != summarise._lead_order(len(texts))  # ratings, not the fallback
    copies = [i for i, text in enumerate(texts) if text == texts[0]]
    assert len({expected[i] for i in copies}) == 1


def test_lsa_numbers_its_words_in_sorted_order_not_set_order():
    # sumy numbers them in frozenset order, which follows the per-process string hashing: the
    # SVD's last bits, and so ties between sentences, then changed from one run to the next.
    from sumy.models.dom import ObjectDocumentModel, Paragraph
    from sumy.models.dom import Sentence as SumySentence

    from summarizer.segment import Tokenizer
    from summarizer.summarise import make_summarizer

    tokenizer = Tokenizer()
    document = ObjectDocumentModel([Paragraph([SumySentence(t, tokenizer) for t in TEXTS])])
    dictionary = make_summarizer("lsa")._create_dictionary(document)
    assert list(dictionary) == sorted(dictionary) and len(dictionary) > 10
    assert list(dictionary.values()) == list(range(len(dictionary)))


@pytest.mark.slow
@pytest.mark.parametrize("algorithm", ["lsa", "kl"])
def test_summaries_are_the_same_bytes_under_any_string_hashing(algorithm, seeds_dir, tmp_path):
    import os
    import subprocess
    import sys

    command = [sys.executable, "-m", "summarizer", "summarize", str(seeds_dir), "-f", "json"]
    outputs = set()
    for seed in ("1", "2", "3"):
        done = subprocess.run(
            [*command, "--algorithm", algorithm],
            capture_output=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
            cwd=tmp_path,
            check=True,
        )
        outputs.add(done.stdout)
    assert len(outputs) == 1
