"""Line classification: each line is content or page furniture (with a short reason)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from itertools import pairwise

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
) -> Found:
    """Mark every line as content (None) or furniture (a short reason); read metadata.

    ``structured``: the lines come from an extractor that marked the headings (HTML), so a
    short line it left unmarked is text, not a heading or a link guessed from its shape.
    """
    reasons: list[str | None] = [None] * len(texts)
    skip, front = front_matter(texts) if markdown else (0, {})
    for index in range(skip):
        reasons[index] = "front matter"
    units = build_units(texts, markdown, hints, skip)
    for unit in units:
        hint = hints.get(unit.lines[0])
        if structured:
            unit.heading_like = False
        if hint == "caption":
            unit.reason = "caption"
        elif hint in ("h1", "heading") and unit.sentences < 2:
            unit.forced_heading = unit.heading_like = True
        if unit.reason is None:
            unit.reason = _pattern_reason(unit)
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
    if all(unit.reason is not None for unit in units):
        for unit in units:  # never leave an article with nothing to read
            if unit.tentative:
                unit.reason = None
    for unit in units:
        for index in unit.lines:
            reasons[index] = unit.reason
    found = Found(reasons)
    read_metadata(units, found, front, first_prose)
    return found


def _headingish(unit: Unit) -> bool:
    return (unit.heading_like or unit.forced_heading) and unit.sentences < 2


def _pattern_reason(unit: Unit) -> str | None:
    """Furniture recognised by an explicit pattern, whatever the line's position."""
    text = unit.text
    words = unit.words
    if not text or SEPARATOR_LINE.match(text):
        return "separator"
    if unit.image:
        return "image"
    if words > 80:  # every pattern below is for short lines; long paragraphs are content
        return None
    if SOURCE_LINE.match(text) and words <= 30 and unit.sentences <= 1:
        return "source line"
    credit = CREDIT_PREFIX.match(text)
    if credit and words <= 60:
        return "photo credit" if len(WORD.findall(credit.group("rest"))) <= 10 else "caption"
    if words <= 10 and unit.sentences == 0 and CREDIT_AGENCY.search(text):
        return "photo credit"
    if CAPTION_PREFIX.match(text):
        return "caption"
    if words <= 80 and unit.sentences <= 3 and TRAILING_CREDIT_LABEL.match(text):
        return "caption"
    # "... on March 18. (KCNA)": a paragraph may also end "(Reuters)", so ask for photo words.
    if (
        words <= 80
        and unit.sentences <= 3
        and TRAILING_CREDIT.search(text)
        and PHOTO_WORDS.search(text)
    ):
        return "caption"
    if _is_caption_line(unit):
        return "caption"
    if words <= 25 and unit.sentences <= 1 and dated_headline(text):
        return "dated headline"
    if _is_byline(unit) or (words <= 8 and STAFF_BYLINE.match(text)):
        return "byline"
    if words <= 12 and unit.sentences <= 1 and DATELINE.match(text) and find_date(text):
        return "dateline"
    if words <= 10 and unit.sentences <= 1 and _is_bare_date(text):
        return "dateline"
    if words <= 6 and NAVIGATION.match(text):
        return "navigation"
    if words <= 30 and unit.sentences <= 1 and TAGS.match(text):
        return "tags"
    if words <= 60 and COPYRIGHT.search(text):
        return "site footer"
    if words <= 8 and SHARE.match(text):
        return "share buttons"
    if _is_social_row(text):
        return "share buttons"
    if words <= 12 and FOLLOW.match(text):
        return "social links"
    if words <= 25 and NEWSLETTER.search(text):
        return "newsletter"
    if words <= 8 and COMMENT_PROMPT.match(text):
        return "comment prompt"
    if words <= 12 and (not unit.terminal or words <= 3) and RELATED_LINE.match(text):
        return "related links"
    if words <= 30 and unit.sentences <= 1 and RELATED_PREFIX.match(text):
        return "related links"
    if unit.link_only and words <= 20:
        return "related links"
    if words <= 15 and SITE_FOOTER.match(text):
        return "site footer"
    if words <= 6 and ADVERT.match(text):
        return "advertisement"
    if _is_layout_label(text):
        return "layout label"
    if (
        words <= 20
        and not unit.terminal
        and not unit.listed
        and len(BREADCRUMB_SEPARATOR.findall(text)) >= 2
    ):
        return "breadcrumb"
    return None


def _is_caption_line(unit: Unit) -> bool:
    """A short verbless line naming what a photo shows and where or when, ending in a full stop
    (a heading has none): a caption."""
    if unit.words > 15 or unit.sentences > 1 or unit.listed or not unit.text.endswith("."):
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
    if not match or unit.words > 12 or unit.sentences > 0:
        return False
    rest = match.group("rest").strip()
    # "By contrast, ..." and "By 2030 ..." are sentences; a byline names someone or an outlet.
    if not rest or not re.match(r"[·•|:\-–—,\s]*[A-Z]", rest):
        return False
    return not unit.terminal or bool(re.search(r"\b(?:[A-Z]|Jr|Sr|Ltd|Inc)\.\s*$", unit.text))


def _is_social_row(text: str) -> bool:
    if len(text) > 120:  # a row of network names is short; skip tokenising paragraphs
        return False
    tokens = [token.lower() for token in re.findall(r"[\w-]+", text)]
    known = sum(token in SOCIAL_NAMES for token in tokens)
    return 0 < len(tokens) <= 10 and known >= 2 and known >= 0.6 * len(tokens)


def _is_layout_label(text: str) -> bool:
    if len(text) > 80:
        return False
    tokens = [token.lower() for token in re.findall(r"[\w-]+", text)]
    return (
        2 <= len(tokens) <= 6
        and all(token in LAYOUT_WORDS for token in tokens)
        and any(token in LAYOUT_MARKS for token in tokens)
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
            previous.reason = "caption"


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
    segments = BREADCRUMB_SEPARATOR.split(unit.text)
    if len(segments) >= 2 and all(1 <= len(WORD.findall(part)) <= 3 for part in segments):
        return True  # "World | Asia": section names, where a "Title | Outlet" has a long first part
    if HOME.match(unit.text):
        return (
            ends_with_headline
            or bool(BREADCRUMB_SEPARATOR.search(unit.text))
            or bool(re.search(r"\b[A-Z]{3,}\b", unit.text))
        )
    prefix_words = len(key.split()) - max(
        (len(other.split()) for other in headline_keys if key.endswith(" " + other)), default=0
    )
    return ends_with_headline and prefix_words <= 6


def _is_section_label(unit: Unit) -> bool:
    if unit.terminal:
        return False
    letters = re.sub(r"[^\w]", "", unit.text)
    return unit.words <= 2 or (unit.words <= 5 and letters.isupper())


def _classify_middle(units: list[Unit], title_key: str | None) -> None:
    """Repeated headlines and subheadings; a run of headline-like lines is a block of links."""
    for unit in units:
        if unit.reason is not None:
            continue
        if title_key and unit.key == title_key:
            unit.reason = "repeated headline"
        elif _headingish(unit):
            unit.reason, unit.tentative = "heading", True
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
    story_after = [False] * len(units)
    seen_story = False
    for index in range(len(units) - 1, -1, -1):
        story_after[index] = seen_story
        seen_story = seen_story or _is_story_sentence(units[index])
    marker = next(
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
    if marker is not None:
        for unit in units[marker + 1 :]:
            if unit.reason in (None, "heading") and unit.sentences < 2:
                blurb = FOOTER_BLURB.search(unit.text)
                unit.reason = "site footer" if blurb else "related links"
                unit.tentative = False
    last_content = max((i for i, unit in enumerate(units) if unit.reason is None), default=-1)
    for unit in units[last_content + 1 :]:
        if unit.reason == "heading" and unit.tentative:
            unit.reason = "related links"
