"""Line classification: each line is content or page furniture (with a short reason)."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from summarizer.models import FurnitureReason

from .dates import DATE_PATTERNS, find_date
from .furniture_patterns import (
    ADVERT,
    BREADCRUMB_SEPARATOR,
    BYLINE,
    CAPTION_PREFIX,
    CAPTION_SHAPE,
    COMMENT_PROMPT,
    COPYRIGHT,
    CREDIT_AGENCY,
    CREDIT_PREFIX,
    DATE_NOISE,
    DATELINE,
    END_MARKERS,
    FOLLOW,
    FOOTER_BLURB,
    HOME,
    LAYOUT_MARKS,
    LAYOUT_WORDS,
    NAVIGATION,
    NEWSLETTER,
    PHOTO_WORDS,
    RELATED_LINE,
    RELATED_PREFIX,
    SEPARATOR_LINE,
    SHARE,
    SITE_FOOTER,
    SOCIAL_NAMES,
    SOURCE_LINE,
    STAFF_BYLINE,
    STATEMENT_WORDS,
    TAGS,
    TRAILING_CREDIT,
    TRAILING_CREDIT_LABEL,
    WORD,
)
from .metadata import dated_headline, front_matter, read_metadata
from .units import Found, Unit, build_units, comparison_key

# --------------------------------------------------------------------------------------------
# Line classification: content or page furniture
# --------------------------------------------------------------------------------------------


def classify_lines(
    texts: Sequence[str],
    *,
    markdown: bool,
    known_title: str | None,
    hints: Mapping[int, str],
    structured: bool = False,
    known_fields: Collection[str] = (),
) -> Found:
    """Mark every line as content (None) or furniture (a short reason); read metadata.

    ``structured``: the lines come from an extractor that marked the headings (HTML), so a
    short line it left unmarked is text, not a heading or a link guessed from its shape.
    ``known_fields``: metadata (title, outlet, date) the caller has, so not read from the text.
    """
    reasons: list[FurnitureReason | None] = [None] * len(texts)
    skip, front = front_matter(texts) if markdown else (0, {})
    for index in range(skip):
        reasons[index] = "front matter"
    units = build_units(texts, markdown, hints, skip)
    for unit in units:
        _apply_hint(unit, hints.get(unit.lines[0]), structured)
        if unit.reason is None:
            rule = pattern_rule(unit)
            if rule is not None:
                unit.reason, unit.rule = rule.reason, rule.name
    _mark_captions(units)
    first_prose = next(
        (i for i, unit in enumerate(units) if unit.reason is None and not _headingish(unit)),
        len(units),
    )
    title_key = _classify_top(
        units[:first_prose], comparison_key(known_title) if known_title else None
    )
    _classify_middle(units[first_prose:], title_key)
    _classify_end(units, first_prose)
    _keep_something(units)
    found = _per_line(units, reasons)
    read_metadata(units, found, front, first_prose, known_fields)
    return found


def _per_line(units: list[Unit], reasons: list[FurnitureReason | None]) -> Found:
    """Each line's reason and rule, from its unit (``reasons`` already holds front matter)."""
    rules: list[str | None] = [None] * len(reasons)
    for unit in units:
        for index in unit.lines:
            reasons[index] = unit.reason
            rules[index] = unit.rule if unit.reason is not None else None
    return Found(reasons, rules)


def _apply_hint(unit: Unit, hint: str | None, structured: bool) -> None:
    """What the HTML extractor said about a line: a caption, or a real heading."""
    if structured:
        unit.heading_like = False
    if hint == "caption":
        unit.reason, unit.rule = "caption", "html caption"
    elif hint in ("h1", "heading") and unit.sentences < 2:
        unit.forced_heading = unit.heading_like = True


def _keep_something(units: list[Unit]) -> None:
    """Never leave an article with nothing to read: undo the guesses made from shape alone."""
    if all(unit.reason is not None for unit in units):
        for unit in units:
            if unit.tentative:
                unit.reason = None


def _headingish(unit: Unit) -> bool:
    return (unit.heading_like or unit.forced_heading) and unit.sentences < 2


# --------------------------------------------------------------------------------------------
# Pattern rules: furniture recognised by what a line says, whatever its position
# --------------------------------------------------------------------------------------------

# Every pattern rule is for short lines: a paragraph longer than this is content.
PARAGRAPH_WORDS = 80
# A photo credit names a photographer or an agency; a longer "Photo: ..." line is a caption.
CREDIT_NAME_WORDS = 10
# A caption is a few sentences at most; a longer block that ends in a credit is an article.
CAPTION_SENTENCES = 3

# A word or hyphenated name ("e-mail"), for the social-row and layout-label tests.
_TOKEN = re.compile(r"[\w-]+")


@dataclass(frozen=True)
class FurnitureRule:
    """One named rule: a line within its size limits that passes ``test`` is ``reason``."""

    name: str  # reported by ``summarizer inspect``
    reason: FurnitureReason
    test: Callable[[Unit], bool]
    max_words: int | None = None  # None: any length
    max_sentences: int | None = None

    def admits(self, words: int, sentences: int) -> bool:
        """Whether a unit of this many words and sentences is within the rule's limits."""
        if self.max_words is not None and words > self.max_words:
            return False
        return self.max_sentences is None or sentences <= self.max_sentences

    def matches(self, unit: Unit) -> bool:
        """Whether this rule marks ``unit`` as furniture."""
        return self.admits(unit.words, unit.sentences) and self.test(unit)


def _short_credit(unit: Unit) -> bool:
    credit = CREDIT_PREFIX.match(unit.text)
    return bool(credit) and len(WORD.findall(credit.group("rest"))) <= CREDIT_NAME_WORDS


def _long_credit(unit: Unit) -> bool:
    credit = CREDIT_PREFIX.match(unit.text)
    return bool(credit) and len(WORD.findall(credit.group("rest"))) > CREDIT_NAME_WORDS


def _matches(pattern: re.Pattern[str], needs: str = "") -> Callable[[Unit], bool]:
    """A rule test: the pattern matches at the start of the line (see ``_finds``)."""
    return _finds(pattern.match, needs)


def _contains(pattern: re.Pattern[str], needs: str = "") -> Callable[[Unit], bool]:
    """A rule test: the pattern matches anywhere in the line (see ``_finds``)."""
    return _finds(pattern.search, needs)


def _finds(find: Callable[[str], object], needs: str) -> Callable[[Unit], bool]:
    """A rule test: ``find`` finds something in the line.

    ``needs``: punctuation every match holds (tests/test_ingest_equivalence.py reads it back
    from every language's parsed pattern). A line without it is ruled out by a substring test,
    far cheaper than a pattern like ``\\S.*\\bphoto\\s*:`` that backtracks over the line.
    """
    if not needs:
        return lambda unit: find(unit.text) is not None
    return lambda unit: needs in unit.text and find(unit.text) is not None


_has_trailing_credit = _contains(TRAILING_CREDIT, needs="(")


# In order: the first rule that matches gives the reason. Most rules match one phrasing; the
# word and sentence limits keep a sentence of the story that happens to start the same way.
PATTERN_RULES: tuple[FurnitureRule, ...] = (
    FurnitureRule(
        "separator", "separator", lambda u: not u.text or bool(SEPARATOR_LINE.match(u.text))
    ),
    FurnitureRule("image", "image", lambda u: u.image),
    FurnitureRule("source line", "source line", _matches(SOURCE_LINE), 30, 1),
    FurnitureRule("credit prefix", "photo credit", _short_credit, 60),
    FurnitureRule("long credit prefix", "caption", _long_credit, 60),
    FurnitureRule("agency credit", "photo credit", _contains(CREDIT_AGENCY), 10, 0),
    FurnitureRule("caption prefix", "caption", _matches(CAPTION_PREFIX), PARAGRAPH_WORDS),
    FurnitureRule(
        "trailing credit label",
        "caption",
        _matches(TRAILING_CREDIT_LABEL, needs=":"),
        PARAGRAPH_WORDS,
        CAPTION_SENTENCES,
    ),
    # "... on March 18. (Agency)": a paragraph may also end "(Reuters)", so ask for photo words.
    FurnitureRule(
        "trailing credit",
        "caption",
        lambda u: _has_trailing_credit(u) and bool(PHOTO_WORDS.search(u.text)),
        PARAGRAPH_WORDS,
        CAPTION_SENTENCES,
    ),
    FurnitureRule("caption line", "caption", lambda u: _is_caption_line(u), 15, 1),
    FurnitureRule(
        "dated headline", "dated headline", lambda u: bool(dated_headline(u.text)), 25, 1
    ),
    FurnitureRule("byline", "byline", lambda u: _is_byline(u), 12, 0),
    FurnitureRule("staff byline", "byline", _matches(STAFF_BYLINE), 8),
    FurnitureRule(
        "dateline", "dateline", lambda u: bool(DATELINE.match(u.text) and find_date(u.text)), 12, 1
    ),
    FurnitureRule("bare date", "dateline", lambda u: _is_bare_date(u.text), 10, 1),
    FurnitureRule("navigation", "navigation", _matches(NAVIGATION), 6),
    FurnitureRule("tags", "tags", _matches(TAGS), 30, 1),
    FurnitureRule("copyright", "site footer", _contains(COPYRIGHT), 60),
    FurnitureRule("share", "share buttons", _matches(SHARE), 8),
    FurnitureRule("social row", "share buttons", lambda u: _is_social_row(u.text), PARAGRAPH_WORDS),
    FurnitureRule("follow us", "social links", _matches(FOLLOW), 12),
    FurnitureRule("newsletter", "newsletter", _contains(NEWSLETTER), 25),
    FurnitureRule("comment prompt", "comment prompt", _matches(COMMENT_PROMPT), 8),
    FurnitureRule(
        "related line",
        "related links",
        lambda u: (not u.terminal or u.words <= 3) and bool(RELATED_LINE.match(u.text)),
        12,
    ),
    FurnitureRule("related prefix", "related links", _matches(RELATED_PREFIX), 30, 1),
    FurnitureRule("link only", "related links", lambda u: u.link_only, 20),
    FurnitureRule("site footer", "site footer", _matches(SITE_FOOTER), 15),
    FurnitureRule("advertisement", "advertisement", _matches(ADVERT), 6),
    FurnitureRule(
        "layout label", "layout label", lambda u: _is_layout_label(u.text), PARAGRAPH_WORDS
    ),
    FurnitureRule(
        "breadcrumb trail",
        "breadcrumb",
        lambda u: (
            not u.terminal and not u.listed and len(BREADCRUMB_SEPARATOR.findall(u.text)) >= 2
        ),
        20,
    ),
)


def pattern_rule(unit: Unit) -> FurnitureRule | None:
    """The first pattern rule that marks ``unit`` as furniture, or None (content, so far)."""
    for rule in rules_admitting(unit.words, unit.sentences):  # a loop: no generator per line
        if rule.test(unit):
            return rule
    return None


@lru_cache(maxsize=4096)
def rules_admitting(words: int, sentences: int) -> tuple[FurnitureRule, ...]:
    """The pattern rules, in order, whose limits admit a unit of this size.

    Worked out once per size, so a long paragraph is tried against the two rules without
    limits, not checked against the limits of all thirty for every line.
    """
    return tuple(rule for rule in PATTERN_RULES if rule.admits(words, sentences))


def _is_caption_line(unit: Unit) -> bool:
    """A short verbless line naming what a photo shows and where or when, ending in a full stop
    (a heading has none): a caption."""
    if unit.listed or not unit.text.endswith("."):
        return False
    if not CAPTION_SHAPE.match(unit.text):
        return False
    return not any(word.lower() in STATEMENT_WORDS for word in WORD.findall(unit.text))


def _is_bare_date(text: str) -> bool:
    """A line that is a date, perhaps with weekday, time and zone: "Tue 14 Jan 2025 01.47 GMT"."""
    if not find_date(text):
        return False
    for pattern in DATE_PATTERNS:
        text = pattern.sub(" ", text)
    return len(WORD.findall(DATE_NOISE.sub(" ", text))) <= 1


def _is_byline(unit: Unit) -> bool:
    match = BYLINE.match(unit.text)
    if not match:
        return False
    rest = match.group("rest").strip()
    # "By contrast, ..." and "By 2030 ..." are sentences; a byline names someone or an outlet.
    if not rest or not re.match(r"[·•|:\-–—,\s]*[A-Z]", rest):
        return False
    return not unit.terminal or bool(re.search(r"\b(?:[A-Z]|Jr|Sr|Ltd|Inc)\.\s*$", unit.text))


def _is_social_row(text: str) -> bool:
    if len(text) > 120:  # a row of network names is short; skip tokenising paragraphs
        return False
    tokens = _TOKEN.findall(text)
    if not 0 < len(tokens) <= 10:  # counted before lower-casing them: most lines have more
        return False
    known = sum(token.lower() in SOCIAL_NAMES for token in tokens)
    return known >= 2 and known >= 0.6 * len(tokens)


def _is_layout_label(text: str) -> bool:
    if len(text) > 80:
        return False
    tokens = _TOKEN.findall(text)
    if not 2 <= len(tokens) <= 6:  # counted before lower-casing them: most lines have more
        return False
    lowered = [token.lower() for token in tokens]
    return all(token in LAYOUT_WORDS for token in lowered) and any(
        token in LAYOUT_MARKS for token in lowered
    )


def _mark_captions(units: list[Unit]) -> None:
    """A line directly above a photo-credit line (no blank line between) is its caption."""
    for previous, unit in pairwise(units):
        if (
            unit.reason == "photo credit"
            and previous.reason is None
            and previous.lines[-1] + 1 == unit.lines[0]
            and previous.words <= 80
        ):
            previous.reason, previous.rule = "caption", "line above a credit"


def _classify_top(units: list[Unit], title_key: str | None) -> str | None:
    """Lines before the first paragraph: breadcrumb, section label, title, repeated headline."""
    headline_keys = {unit.key for unit in units if unit.reason is None and _headingish(unit)}
    if title_key:
        headline_keys.add(title_key)
    title_found = False
    for unit in units:
        if unit.reason is not None:
            continue
        key = unit.key
        if title_key and key == title_key:
            unit.reason = "repeated headline" if title_found else "title"
            unit.tentative = not title_found
            title_found = True
        elif _is_breadcrumb(unit, headline_keys):
            unit.reason = "breadcrumb"
        elif _is_section_label(unit) and not unit.forced_heading:
            unit.reason, unit.tentative = "section label", True
        elif not title_found:
            unit.reason, unit.tentative = "title", True
            title_key = key
            title_found = True
        else:
            unit.reason, unit.tentative = "heading", True
    return title_key


def _is_breadcrumb(unit: Unit, headline_keys: set[str]) -> bool:
    """ "Home > World > Story" or "Home SECTION Story title" (the title after some labels)."""
    if unit.terminal or unit.listed or unit.words > 25:
        return False
    key = unit.key
    ends_with_headline = any(
        other and key != other and key.endswith(" " + other) for other in headline_keys
    )
    if _is_section_trail(unit.text):
        return True
    if HOME.match(unit.text):
        return ends_with_headline or _has_section_marks(unit.text)
    return ends_with_headline and _label_words(key, headline_keys) <= 6


def _label_words(key: str, headline_keys: set[str]) -> int:
    """How many words come before the longest headline a line ends with (its section labels)."""
    return len(key.split()) - max(
        (len(other.split()) for other in headline_keys if key.endswith(" " + other)), default=0
    )


def _is_section_trail(text: str) -> bool:
    """ "World | Asia": section names, where a "Title | Outlet" has a long first part."""
    segments = BREADCRUMB_SEPARATOR.split(text)
    return len(segments) >= 2 and all(1 <= len(WORD.findall(part)) <= 3 for part in segments)


def _has_section_marks(text: str) -> bool:
    """After "Home": a trail separator or a section name in capitals ("Home NEWS Story")."""
    return bool(BREADCRUMB_SEPARATOR.search(text)) or bool(re.search(r"\b[A-Z]{3,}\b", text))


def _is_section_label(unit: Unit) -> bool:
    if unit.terminal:
        return False
    letters = re.sub(r"[^\w]", "", unit.text)
    return unit.words <= 2 or (unit.words <= 5 and letters.isupper())


def _classify_middle(units: list[Unit], title_key: str | None) -> None:
    """Repeated headlines and subheadings; a run of headline-like lines is a block of links."""
    # A key is made of the lower-cased text's words, so only a line holding the title's longest
    # word can repeat the title: that substring test spares building most lines' keys.
    longest = max(title_key.split(), key=len) if title_key else ""
    for unit in units:
        if unit.reason is not None:
            continue
        if title_key and longest in unit.text.lower() and unit.key == title_key:
            unit.reason = "repeated headline"
        elif _headingish(unit):
            unit.reason, unit.tentative = "heading", True
    _mark_heading_runs(units)


def _mark_heading_runs(units: list[Unit]) -> None:
    """Two or more guessed headings in a row are not headings but a block of links."""
    run: list[Unit] = []
    for unit in [*units, None]:
        if unit is not None and unit.reason == "heading" and unit.tentative:
            run.append(unit)
            continue
        if len(run) >= 2:
            for member in run:
                member.reason = "related links"
        run = []


def _is_story_sentence(unit: Unit) -> bool:
    """Unclassified text that reads as a sentence of the story (not a site blurb)."""
    return unit.reason is None and unit.sentences >= 1 and not FOOTER_BLURB.search(unit.text)


def _classify_end(units: list[Unit], first_prose: int) -> None:
    """After an end-of-article marker ("Read also", "You may also like", ...) that no story
    sentence follows, or after the last paragraph, what remains is links and site footer."""
    marker = _end_marker(units, first_prose)
    if marker is not None:
        _mark_after_the_end(units[marker + 1 :])
    last_content = max((i for i, unit in enumerate(units) if unit.reason is None), default=-1)
    for unit in units[last_content + 1 :]:
        if unit.reason == "heading" and unit.tentative:
            unit.reason = "related links"


def _mark_after_the_end(units: list[Unit]) -> None:
    """Short lines after the end of the article are related links, or site footer by its words."""
    for unit in units:
        if unit.reason in (None, "heading") and unit.sentences < 2:
            blurb = FOOTER_BLURB.search(unit.text)
            unit.reason = "site footer" if blurb else "related links"
            unit.tentative = False


def _end_marker(units: list[Unit], first_prose: int) -> int | None:
    """The first end-of-article marker after the text begins that no story sentence follows."""
    story_after = [False] * len(units)
    seen_story = False
    for index in range(len(units) - 1, -1, -1):
        story_after[index] = seen_story
        seen_story = seen_story or _is_story_sentence(units[index])
    return next(
        (
            index
            for index, unit in enumerate(units)
            if index >= first_prose
            and unit.reason in END_MARKERS
            and not unit.tentative
            and not story_after[index]
        ),
        None,
    )
