"""Dates written in text or metadata, read as YYYY-MM-DD."""

from __future__ import annotations

import datetime as dt
import re

from summarizer import lang

# --------------------------------------------------------------------------------------------
# Dates
# --------------------------------------------------------------------------------------------

# Month names and abbreviations -> month number, from the language's months.toml.
_MONTHS: dict[str, int] = {
    **lang.table("months")["names"],
    **lang.table("months")["abbreviations"],
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
DATE_PATTERNS = (
    re.compile(r"\b(?P<year>\d{4})-(?P<mon>\d{1,2})-(?P<day>\d{1,2})(?!\d)"),
    re.compile(r"\b(?P<year>\d{4})/(?P<mon>\d{1,2})/(?P<day>\d{1,2})(?!\d)"),
    re.compile(_MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})(?!\d)", re.I),
    re.compile(
        r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+(?P<year>\d{4})(?!\d)", re.I
    ),
)


# Every date pattern holds a four-digit year: a text without four digits in a row holds no date,
# and one scan for them is far cheaper than the four patterns (a month-name alternation each).
_FOUR_DIGITS = re.compile(r"\d\d\d\d")


def find_date(text: str) -> str | None:
    """The first valid date written in text, as YYYY-MM-DD."""
    if not _FOUR_DIGITS.search(text):
        return None
    best: tuple[int, str] | None = None
    for pattern in DATE_PATTERNS:
        for match in pattern.finditer(text):
            parts = match.groupdict()
            month = int(parts["mon"]) if parts.get("mon") else _MONTHS[parts["month"].lower()]
            try:
                day = dt.date(int(parts["year"]), month, int(parts["day"]))
            except ValueError:
                continue
            if best is None or match.start() < best[0]:
                best = (match.start(), day.isoformat())
            break
    return best[1] if best else None


_WEEKDAY = re.compile(r"^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+", re.I)


def leading_date(text: str) -> str | None:
    """The date a line opens with, perhaps after a weekday ("Tuesday, January 18, 2005Through
    a telethon ..."), as YYYY-MM-DD; None when the line does not start with a date."""
    rest = _WEEKDAY.sub("", text.lstrip(), count=1)
    for pattern in DATE_PATTERNS:
        match = pattern.match(rest)
        if match:
            return find_date(match.group())
    return None
