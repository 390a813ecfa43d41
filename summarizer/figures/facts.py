"""Sentence facts: what the comparing stages ask of one sentence, read in one pass.

``compare`` asks which values a sentence states (``stated_values``) and ``contested`` who speaks
in it and who it is about (``sentence_speaker``, ``sentence_subject``). ``sentence_facts`` gives
all three from one reading of the sentence, and ``extract_figures_and_facts`` gives them for every
content sentence of an article from the readings its figures were extracted from, so that the
per-article stage (in the worker processes) can hand them over and nothing is read twice.
"""

from __future__ import annotations

from dataclasses import dataclass

from .attribution import speaker_of, subject_of
from .claims import SentenceView, sentence_view, stated_values_of


@dataclass(frozen=True)
class SentenceFacts:
    """What compare and contested need about one sentence (its collapsed ``Sentence.text``)."""

    values: frozenset[float]  # = stated_values(text)
    speaker: str | None  # = sentence_speaker(text)
    subject: str | None  # = sentence_subject(text)


def sentence_facts(text: str) -> SentenceFacts:
    """``stated_values``, ``sentence_speaker`` and ``sentence_subject`` of ``text`` at once."""
    view = sentence_view(text, 0)
    return facts_of(view, speaker_of(view))


def facts_of(view: SentenceView, speaker: str | None) -> SentenceFacts:
    """The facts of a sentence already read into a view, given its ``speaker_of(view)``."""
    return SentenceFacts(stated_values_of(view), speaker, subject_of(view, speaker))
