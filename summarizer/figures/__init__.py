"""Figures: numbers stated as claims, normalised and compared across sources.

``parse_number`` reads one number phrase ("about 2,700", "between 10,000 and 12,000", "€1.2bn").
``extract_figures`` finds the number phrases in an article's content sentences, drops those that are
not claims (dates, years, times, ages, ordinals, designations such as "KN-23" or "170mm", list
markers, phone numbers, ratios, durations) and reads the words around each remaining one for what
it counts (``unit``/``subject``), what happened to it (``measure``), who says so (``attribution``),
when (``as_of``) and how firmly (``certainty``). ``group_figures`` lines up figures from
different sources that measure the same thing and says whether they agree. ``stated_values``
gives the values of the numbers a sentence states, for comparing sentences; ``sentence_facts``
gives those values with the sentence's speaker and subject (everything compare and contested ask
of a sentence) in one reading, and ``extract_figures_and_facts`` gives them for every content
sentence alongside its figures, from the same readings.

Every rule is grammar of numbers plus small general lexicons (qualifiers, attribution verbs,
casualty and transfer verbs, currencies, demonyms); nothing is tuned to one story.

Modules, in stage order: ``numbers`` (number grammar, ``NumberValue``, ``parse_number``),
``lexicon`` (words around numbers), ``claims`` (sentence view, non-claims, what is counted, what
happened to it), ``attribution`` (who says so, when, how firmly, who acted), ``facts``
(``sentence_facts``), ``extract`` (``extract_figures``) and ``group`` (``group_figures``,
``figure_measure_label``).
"""

from __future__ import annotations

from .attribution import sentence_speaker, sentence_subject
from .claims import stated_values
from .extract import extract_figures, extract_figures_and_facts
from .facts import SentenceFacts, sentence_facts
from .group import figure_measure_label, group_figures
from .numbers import NumberValue, parse_number

__all__ = [
    "NumberValue",
    "SentenceFacts",
    "extract_figures",
    "extract_figures_and_facts",
    "figure_measure_label",
    "group_figures",
    "parse_number",
    "sentence_facts",
    "sentence_speaker",
    "sentence_subject",
    "stated_values",
]
