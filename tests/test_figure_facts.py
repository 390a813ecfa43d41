"""Sentence facts: stated values, speaker and subject of a sentence, read once."""

from __future__ import annotations

from pathlib import Path

from summarizer.figures import (
    SentenceFacts,
    extract_figures,
    extract_figures_and_facts,
    sentence_facts,
    sentence_speaker,
    sentence_subject,
    stated_values,
)
from summarizer.ingest import load_articles
from summarizer.segment import segment

SEEDS = Path(__file__).parent.parent / "seeds"


def _expected(text: str) -> SentenceFacts:
    return SentenceFacts(stated_values(text), sentence_speaker(text), sentence_subject(text))


def test_sentence_facts_are_the_three_answers_compare_and_contested_ask_for() -> None:
    text = "Ukraine's military said about 11,000 North Korean troops were killed on 3 March."
    facts = sentence_facts(text)
    assert facts == _expected(text)
    assert facts.values == frozenset({11000.0})  # the date is no stated value
    assert facts.speaker == facts.subject == "Ukraine's military"
    opening = sentence_facts("North Korean authorities have sent 300 more troops.")
    assert opening.speaker is None and opening.subject == "North Korean authorities"


def test_facts_come_with_the_figures_for_every_content_sentence(tmp_path: Path) -> None:
    # Double spaces and a line break inside sentences: the raw slice differs from the collapsed
    # text there, and the facts must still be those of the collapsed text.
    odd = tmp_path / "odd.txt"
    odd.write_text(
        "Officials  said 2,600 people were killed,\naccording to the ministry.\n\n"
        "The army sent  another 300 troops, Kim Jong Un said.\n\n"
        "Long-term success will hinge on several interlocking factors:\n"
        "1. How much will the firm spend on the 40 new servers?\n",
        encoding="utf-8",
    )
    articles, _ = load_articles([str(SEEDS), str(odd)])
    checked = differing = 0
    raw_reads_otherwise = 0
    for article in articles:
        content = [s for s in segment(article) if s.furniture is None]
        figures, facts = extract_figures_and_facts(article, content)
        assert figures == extract_figures(article, content)
        assert set(facts) == {s.index for s in content}
        for sentence in content:
            assert facts[sentence.index] == _expected(sentence.text), sentence.text
            checked += 1
            raw = article.raw[sentence.start : sentence.end]
            differing += raw != sentence.text
            raw_reads_otherwise += sentence_facts(raw) != facts[sentence.index]
    assert checked > 100 and differing >= 2
    # "factors:\n1." is a list marker in the raw text, a stated 1 once the line break is gone.
    assert raw_reads_otherwise >= 1
    assert any(f.values for f in facts.values())
