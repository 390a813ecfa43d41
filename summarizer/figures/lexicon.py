"""Words around numbers: small general lexicons for reading what a number claims.

What can be counted, casualty and transfer verbs, measure nouns, attribution verbs, countries
and demonyms, institutions. Nothing here is tuned to one story.
"""

from __future__ import annotations

import re

from .. import lang
from .tokens import word_set

# ---------------------------------------------------------------------------------------------
# Words around numbers (the lists themselves are language data in summarizer/data/lang/en/)

FUNCTION_WORDS = lang.words("number_context_function_words")
AUXILIARIES = lang.words("auxiliaries")
PRONOUNS = word_set("he she they it we i")
RELATIVES = frozenset({"which", "who", "that"})
DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those", "its", "their"})
HONORIFICS = frozenset({"mr", "mrs", "ms", "dr", "mr.", "mrs.", "ms.", "dr.", "prof", "prof."})

# What can be counted. People nouns share one class so casualty verbs can apply to them; the
# synonyms make "soldiers" and "troops" the same unit.
UNIT_SYNONYMS: dict[str, str] = dict(lang.table("unit_synonyms"))
PEOPLE_UNITS = lang.words("people_nouns")
_THING_UNITS = lang.words("countable_things")
COUNTABLE_HEADS = PEOPLE_UNITS | _THING_UNITS | frozenset(UNIT_SYNONYMS)
# "220 units of rocket launchers" counts launchers; "200 pieces of artillery" counts pieces of it.
TRANSPARENT_PARTITIVES = frozenset({"units", "items"})
CONTAINER_NOUNS = lang.words("container_nouns")

# Outcome verbs for counted people. The order below is the order of combined measures.
CASUALTY_ORDER = ("killed", "wounded", "missing", "captured")
CASUALTY_CUES: dict[str, str] = {
    cue: outcome
    for outcome, cues in lang.table("casualty_cues")["outcomes"].items()
    for cue in cues
}
COMBINING_WORDS = frozenset({"or", "and", ",", "either", "/", "been", "have", "were", "are", "had"})

TRANSFER_CUES: dict[str, str] = {
    cue: category for category, cues in lang.table("transfer_cues").items() for cue in cues
}
# Nouns that name the measure of the number that follows: "the death toll at 2,600".
RATE_NOUNS: dict[str, str] = {
    "toll": "killed", "magnitude": "magnitude", "turnout": "turnout", "inflation": "inflation",
    "unemployment": "unemployment", "approval": "approval",
}  # fmt: skip
PER_UNIT_WORDS = lang.words("per_unit_words")

ATTRIBUTION_VERBS = lang.words("attribution_verbs")
# Verbs that frame a reported number so their certainty carries over to sibling clauses.
FRAME_VERBS = lang.words("frame_verbs")
INSTITUTION_NOUNS = lang.words("institution_nouns")
REPORT_NOUNS = "|".join(lang.entries("report_nouns"))

# Country names and demonyms, for telling origins apart and for labels. Capitals name their
# governments in news copy ("Seoul has provided ...").
COUNTRY_ALIASES: dict[str, str] = {
    alias: country for country, aliases in lang.table("countries").items() for alias in aliases
}
# Nationality adjectives: the aliases listed before a country's own name ("australian"). Alone,
# one names no speaker ("per Australian" is not an attribution).
DEMONYMS = frozenset(
    alias
    for country, aliases in lang.table("countries").items()
    if country in aliases
    for alias in aliases[: aliases.index(country)]
    if not alias.endswith("s") and alias not in ("britain", "america")
)
COUNTRY_PATTERN = re.compile(
    r"(?<![\w.])("
    + "|".join(re.escape(a) for a in sorted(COUNTRY_ALIASES, key=len, reverse=True))
    + r")(?![\w])"
)
# Institutions written several ways: "intelligence agency" = "National Intelligence Service".
INSTITUTION_SYNONYMS: tuple[tuple[str, str], ...] = tuple(
    (written, normal) for written, normal in lang.table("institution_synonyms")["pairs"]
)
GENERIC_ORIGIN_WORDS = lang.words("generic_origin_words")
PROPER_WORDS = frozenset(
    w for alias in COUNTRY_ALIASES for w in alias.split() if w.isalpha() and len(w) > 3
) | frozenset({"western", "european", "nato"})
