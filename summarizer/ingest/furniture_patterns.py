"""Vocabularies and patterns that recognise page furniture and metadata lines.

The language's words and phrasing live in ``summarizer/data/lang/<code>/``: word lists in
``*.txt`` files and the phrase patterns in ``furniture_patterns.toml`` (see ``pattern``). What
stays here is shape: punctuation, Markdown and layout that no language changes.
"""

from __future__ import annotations

import re

from summarizer import lang


def pattern(name: str, language: str = lang.DEFAULT_LANGUAGE) -> re.Pattern[str]:
    """The furniture pattern ``name`` of ``furniture_patterns.toml``, compiled.

    Its expression is ``before`` + the ``any`` entries (or the ``any_from`` word list as a literal
    alternation) joined by "|" + ``after``.
    """
    spec = lang.table("furniture_patterns", language)[name]
    entries = lang.alternation(spec["any_from"], language) if "any_from" in spec else None
    body = entries if entries is not None else "|".join(spec["any"])
    flags = re.I if spec.get("ignore_case") else 0
    return re.compile(spec.get("before", "") + body + spec.get("after", ""), flags)


MINOR_WORDS = lang.words("title_case_minor_words")
ABBREVIATIONS = lang.words("common_abbreviations")
# A word: letters or digits, joined by single apostrophes, dots or hyphens ("U.S.", "e-mail").
# Possessive (++, *+): a word never gives characters back, so the engine keeps no state to
# backtrack into; the matches are those of the plain greedy pattern.
WORD = re.compile(r"[^\W_]++(?:['’.\-][^\W_]++)*+")
LETTER_WORD = re.compile(r"[^\W\d_][\w'’.\-]*")
# Sentence-final punctuation of the scripts we meet in news: Latin, Arabic and Urdu (؟ ۔),
# Devanagari (। ॥), Ethiopic (። ፧), Armenian (։), Burmese (။); CJK full stops and marks (。！？｡)
# need no space after them, as those scripts put none between sentences.
SPACED_ENDS = ".!?…؟۔।॥።፧։။"
UNSPACED_ENDS = "。！？｡"
CLOSERS = "\"'”’)\\]」』）】"
# A sentence end: punctuation, closing quotes, then the end or a space before the next word,
# whose first character the caller checks is not lower-case (caseless scripts count as capitals).
# It opens with one character class, the lookbehind then choosing the branch (the two sets share
# no character): the regex engine skips ahead to those characters in C instead of trying both
# branches at every character (a third of counting sentences). Same matches as the plain
# "[spaced]+[closers]*(?=...)|[unspaced]+[closers]*" (tests/test_ingest_equivalence.py).
SENTENCE_END = re.compile(
    rf"[{SPACED_ENDS}{UNSPACED_ENDS}]"
    rf"(?:(?<=[{SPACED_ENDS}])[{SPACED_ENDS}]*[{CLOSERS}]*(?=\s+[\"'“‘(\[]*(\w)|\s*$)"
    rf"|(?<=[{UNSPACED_ENDS}])[{UNSPACED_ENDS}]*[{CLOSERS}]*)"
)
TERMINAL = re.compile(rf"[{SPACED_ENDS}{UNSPACED_ENDS}][{CLOSERS}]*\s*$")
QUESTION_END = re.compile(rf"[?!؟？！][{CLOSERS}]*\s*$")
# Scripts written without spaces between words (Han, kana, Thai): two characters count as a word.
UNSPACED_CHAR = re.compile(r"[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# A table row written as text: cells separated by " | " or tabs.
TABLE_ROW = re.compile(r"^\|?[^|\t]*(?:\s\|\s|\t)[^|\t]*(?:\s\|\s|\t)")

SOCIAL_NAMES = lang.words("social_networks")
LAYOUT_WORDS = lang.words("layout_words")
LAYOUT_MARKS = lang.words("layout_marks")
STAFF_WORDS = pattern("staff_words")
JOB_TITLE = pattern("job_title")

SEPARATOR_LINE = re.compile(r"^(?:[-*_=~·•]\s*){3,}$")
MD_HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*#*\s*$")
MD_IMAGE = re.compile(r"^!\[[^\]]*\]\([^)]*\)$")
MD_LINK_ONLY = re.compile(r"^(?:[-*+]\s+)?\[[^\]]+\]\([^)]*\)$")
MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
LIST_MARKER = re.compile(r"^(?:[-*+•]|\d{1,3}[.)])\s+")

SOURCE_LINE = pattern("source_line")
SOURCE_TAIL = re.compile(r"^(?P<title>.+?)\s+[-–—|]\s+(?P<outlet>[^-–—|]{1,40})$")
CREDIT_PREFIX = pattern("credit_prefix")
CREDIT_AGENCY = pattern("credit_agency")
CAPTION_PREFIX = pattern("caption_prefix")
TRAILING_CREDIT = pattern("trailing_credit")
PHOTO_WORDS = pattern("photo_words")
TRAILING_CREDIT_LABEL = pattern("trailing_credit_label")
BYLINE = pattern("byline")
# "Guardian staff and agencies", "Example Wire Newsroom": the outlet signs for its staff.
STAFF_BYLINE = pattern("staff_byline")
# "2005/01/08 Tsunami aid donations ...": a headline with its date in front (wire and wiki style).
DATED_HEADLINE = re.compile(
    r"^(?P<date>\d{4}[-/]\d{1,2}[-/]\d{1,2})\s*[-–—|:]?\s+"
    r"(?P<rest>[\"'“‘(]?[A-Z\d].*)$"
)
# A photo caption written as a line of its own: a few capitalised words naming what is shown, then
# where or when ("HMS Cornwall at Zeebrugge in 2006.", "Ambulances at Russell Square after ...").
CAPTION_SHAPE = pattern("caption_shape")
# Words that make a short line a statement rather than a caption (finite verbs and auxiliaries).
STATEMENT_WORDS = lang.words("finite_verbs")
DATE_NOISE = pattern("date_noise")
NAVIGATION = pattern("navigation")
TAGS = pattern("tags")
COPYRIGHT = pattern("copyright")
DATELINE = pattern("dateline")
SHARE = pattern("share")
FOLLOW = pattern("follow")
# Calls to action only: a sentence that merely mentions a newsletter is content.
NEWSLETTER = pattern("newsletter")
COMMENT_PROMPT = pattern("comment_prompt")
RELATED_LINE = pattern("related_line")
RELATED_PREFIX = pattern("related_prefix")
SITE_FOOTER = pattern("site_footer")
# A site's description of itself: only ever trusted after an end-of-article marker.
FOOTER_BLURB = pattern("footer_blurb")
ADVERT = pattern("advert")
BREADCRUMB_SEPARATOR = re.compile(r"\s[›»>/|]\s|[›»]")
HOME = pattern("home")
REPORTS = pattern("reports")
WIRE_DATELINE = re.compile(
    r"^[A-Z][\w .,'’-]{1,50}?\s\((?P<outlet>[A-Z][\w .&-]{1,30})\)\s*[-–—]"  # "SEOUL (AP) —"
)
LEAD_DATELINE = re.compile(r"^(?P<lead>[A-Z][^!?]{0,60}?)\s+[-–—]\s+")  # "SEOUL, Feb. 7 —"

# Reasons set by explicit patterns that also mark where an article's own text has ended.
END_MARKERS = frozenset(
    {
        "related links",
        "share buttons",
        "comment prompt",
        "newsletter",
        "social links",
        "site footer",
    }
)
