"""Ids, the --sources manifest, and title/outlet/date/url read from the text."""

from __future__ import annotations

import datetime as dt
import os
import re
import tomllib
import unicodedata
from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from itertools import chain
from pathlib import Path

from summarizer.errors import SummarizerError, cannot_read

from .dates import find_date, leading_date
from .furniture_patterns import (
    BYLINE,
    DATED_HEADLINE,
    JOB_TITLE,
    LEAD_DATELINE,
    REPORTS,
    SENTENCE_END,
    SOURCE_LINE,
    SOURCE_TAIL,
    STAFF_BYLINE,
    STAFF_WORDS,
    WIRE_DATELINE,
)
from .paths import STDIN, format_names
from .units import Found, Unit, count_sentences

_MANIFEST_KEYS = ("path", "id", "title", "outlet", "date", "url")


# --------------------------------------------------------------------------------------------
# Ids and the --sources manifest
# --------------------------------------------------------------------------------------------


def assign_ids(paths: Sequence[str]) -> list[str]:
    """Short stable ids: the stem's leading token when unique and short, else a unique slug."""
    stems = ["" if path == STDIN else Path(path).stem for path in paths]
    tokens = [re.split(r"[_\-. ]", stem, maxsplit=1)[0] for stem in stems]
    counts = Counter(token.lower() for token in tokens if token)
    ids: list[str] = []
    for path, stem, token in zip(paths, stems, tokens, strict=True):
        if path == STDIN:
            ids.append("stdin")
        elif (
            token
            and len(token) <= 12
            and counts[token.lower()] == 1
            and re.fullmatch(r"[A-Za-z0-9]+", token)
        ):
            ids.append(token)
        else:
            ids.append(_slug(stem))
    return make_unique(ids)


def _slug(text: str, limit: int = 24) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:limit].rstrip("-") or "article"


def make_unique(ids: Sequence[str], limit: int = 24) -> list[str]:
    """Keep the first of each id; later duplicates get "-2", "-3", ... (never an existing id)."""
    taken = set(ids)
    seen: set[str] = set()
    unique: list[str] = []
    for ident in ids:
        if ident not in seen:
            seen.add(ident)
            unique.append(ident)
            continue
        number = 2
        while True:
            suffix = f"-{number}"
            candidate = ident[: max(1, limit - len(suffix))].rstrip("-") + suffix
            if candidate not in taken and candidate not in seen:
                break
            number += 1
        seen.add(candidate)
        unique.append(candidate)
    return unique


def read_manifest(path: str) -> dict[str, dict[str, str]]:
    """Read a --sources TOML manifest: ``[[source]]`` tables keyed by their ``path``."""
    try:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise SummarizerError(f"{path}: not a valid TOML sources manifest ({error})") from None
    except RecursionError:  # tomllib recurses once per level of nesting
        raise SummarizerError(f"{path}: TOML nested too deeply to be a sources manifest") from None
    except OSError as error:
        raise cannot_read(path, error, "sources manifest") from None
    unknown = sorted(set(data) - {"source"})
    if unknown:
        raise SummarizerError(
            f"{path}: unknown top-level key {unknown[0]!r}; expected [[source]] tables"
        )
    sources = data.get("source", [])
    if not isinstance(sources, list) or not all(isinstance(entry, dict) for entry in sources):
        raise SummarizerError(f"{path}: 'source' must be an array of tables ([[source]])")
    manifest: dict[str, dict[str, str]] = {}
    seen_ids: set[str] = set()
    for number, entry in enumerate(sources, 1):
        fields = _manifest_entry(path, number, entry)
        source_path = fields.pop("path")
        if source_path in manifest:
            raise SummarizerError(f"{path}: path {source_path!r} is listed twice")
        if "id" in fields:
            if fields["id"] in seen_ids:
                raise SummarizerError(f"{path}: id {fields['id']!r} is used twice")
            seen_ids.add(fields["id"])
        manifest[source_path] = fields
    return manifest


def _manifest_entry(path: str, number: int, entry: Mapping[str, object]) -> dict[str, str]:
    """Validate one [[source]] table and return its values as strings."""
    where = f"{path}: [[source]] #{number}"
    unknown = sorted(set(entry) - set(_MANIFEST_KEYS))
    if unknown:
        allowed = ", ".join(_MANIFEST_KEYS)
        raise SummarizerError(f"{where} has unknown key {unknown[0]!r} (allowed: {allowed})")
    if "path" not in entry:
        raise SummarizerError(f"{where} has no 'path'")
    fields: dict[str, str] = {}
    for key, value in entry.items():
        if isinstance(value, dt.datetime):
            value = value.date().isoformat()
        elif isinstance(value, dt.date):
            value = value.isoformat()
        if not isinstance(value, str) or not value.strip():
            raise SummarizerError(f"{where}: {key!r} must be a non-empty string")
        fields[key] = value.strip()
    if "date" in fields:
        iso = find_date(fields["date"])
        if iso is None:
            raise SummarizerError(f"{where}: cannot read date {fields['date']!r} (use YYYY-MM-DD)")
        fields["date"] = iso
    return fields


def manifest_key(path: str, manifest: Mapping[str, object], manifest_dir: str) -> str | None:
    """The manifest entry for an input: same path, same file relative to the manifest, or name."""
    if path in manifest:
        return path
    if path == STDIN:
        return None
    normal = os.path.normpath(path)
    real = os.path.realpath(path)
    name = os.path.basename(path)
    for key in manifest:
        if os.path.normpath(key) == normal:
            return key
    for key in manifest:
        if os.path.realpath(os.path.join(manifest_dir, key)) == real:
            return key
    for key in manifest:
        if key == name:
            return key
    return None


# --------------------------------------------------------------------------------------------
# Metadata read from the text
# --------------------------------------------------------------------------------------------


def front_matter(texts: Sequence[str]) -> tuple[int, dict[str, str]]:
    """Lines taken by a leading ``---`` YAML-ish block, and its recognised fields."""
    if not texts or texts[0].strip() != "---":
        return 0, {}
    for end in range(1, min(len(texts), 80)):
        if texts[end].strip() in ("---", "..."):
            break
    else:
        return 0, {}
    pairs = [re.match(r"^\s*([A-Za-z_][\w-]*)\s*:\s*(.*?)\s*$", line) for line in texts[1:end]]
    if not any(pairs):
        return 0, {}
    aliases = format_names()["front_matter"]
    fields: dict[str, str] = {}
    for match in pairs:
        if not match or not match.group(2):
            continue
        key = aliases.get(match.group(1).lower())
        value = match.group(2).strip().strip("\"'").strip()
        if key and value and key not in fields:
            fields[key] = value
    if "date" in fields:
        iso = find_date(fields["date"])
        if iso:
            fields["date"] = iso
        else:
            del fields["date"]
    return end + 1, fields


def dated_headline(text: str) -> tuple[str, str] | None:
    """The ISO date and the headline of a date-prefixed headline ("2005/01/08 Aid ..."), or None."""
    match = DATED_HEADLINE.match(text)
    iso = find_date(match.group("date")) if match else None
    return (iso, match.group("rest").strip()) if match and iso else None


def lead_title(text: str, limit: int = 80) -> str:
    """A title made from a lead paragraph: its first sentence, cut at a word boundary."""
    text = " ".join(text.split())
    end = next(
        (m.end() for m in SENTENCE_END.finditer(text) if count_sentences(text[: m.end()])),
        len(text),
    )
    sentence = text[:end].rstrip(" .")
    if len(sentence) <= limit:
        return sentence
    cut = sentence[: limit + 1].rsplit(" ", 1)[0] if " " in sentence[:limit] else sentence[:limit]
    return cut.rstrip(" ,;:-–—") + "…"


def read_metadata(
    units: list[Unit],
    found: Found,
    front: Mapping[str, str],
    first_prose: int,
    known: Collection[str] = (),
) -> None:
    """Title, outlet and date from front matter, title line, byline, dateline and source line.

    A field in ``known`` (the caller has it from the input's metadata) stays None: reading it
    from the text would be wasted work.
    """
    source_title, source_outlet = _source_line(units)
    dated = [
        parts for u in units if u.reason == "dated headline" and (parts := dated_headline(u.text))
    ]
    content = [unit for unit in units if unit.reason is None]
    if "title" not in known:
        found.title = front.get("title") or _text_title(units, dated, source_title)
    found.url = front.get("url")
    if "outlet" not in known:
        found.outlet = front.get("outlet") or _text_outlet(units, content) or source_outlet
    if "date" not in known:
        found.date = front.get("date") or _text_date(units, content, dated, first_prose)


def _first(candidates: Iterable[str | None]) -> str | None:
    """The first candidate that is not empty; a generator is read only as far as needed."""
    return next((candidate for candidate in candidates if candidate), None)


def _text_title(
    units: list[Unit], dated: list[tuple[str, str]], source_title: str | None
) -> str | None:
    """The title line, else a date-prefixed headline, the source line's title or the lead."""
    title_unit = next((unit for unit in units if unit.reason == "title"), None)
    found = [title_unit.text if title_unit else None, dated[0][1] if dated else None, source_title]
    leads = (lead_title(u.text) for u in units if u.reason is None and u.text)
    return _first(chain(found, leads))


def _text_outlet(units: list[Unit], content: list[Unit]) -> str | None:
    """The outlet a byline names, else one the lead names ("..., X reports", "SEOUL (AP) —")."""
    bylines = (_byline_outlet(unit.text) for unit in units if unit.reason == "byline")
    reports = (m.group("outlet") for u in content[:3] if (m := REPORTS.search(u.text)))
    wires = (m.group("outlet") for u in content[:1] if (m := WIRE_DATELINE.match(u.text)))
    return _first(chain(bylines, reports, wires))


def _text_date(
    units: list[Unit], content: list[Unit], dated: list[tuple[str, str]], first_prose: int
) -> str | None:
    """The date of a byline, dateline or short line before the text, else of a dated headline
    or the lead's dateline."""
    lead = [m.group("lead") for u in content[:1] if (m := LEAD_DATELINE.match(u.text))]
    written = (find_date(text) for text in [u.text for u in _dateline_units(units, first_prose)])
    in_lead = (find_date(text) for text in lead)
    leading = (leading_date(u.text) for u in content[:1])
    return _first(chain(written, in_lead, [dated[0][0] if dated else None], leading))


def _dateline_units(units: list[Unit], first_prose: int) -> list[Unit]:
    """Bylines, datelines, then the short lines before the text that are not photo captions."""
    datelines = [u for u in units if u.reason in ("byline", "dateline")]
    return datelines + [
        u
        for u in units[:first_prose]
        if u.words <= 15 and u.reason not in ("caption", "photo credit")
    ]


def _source_line(units: list[Unit]) -> tuple[str | None, str | None]:
    """A "Source: <title> - <outlet>" line gives a title and an outlet (or just an outlet)."""
    for unit in reversed(units):
        if unit.reason != "source line":
            continue
        rest = SOURCE_LINE.match(unit.text)
        if rest is None:
            continue
        text = rest.group("rest").strip()
        tail = SOURCE_TAIL.match(text)
        if tail:
            return tail.group("title").strip(), tail.group("outlet").strip()
        if unit.words <= 5:
            return None, text
        return text, None
    return None, None


def _byline_outlet(text: str) -> str | None:
    """The outlet a byline names: "by · NY Times", "By A, Reuters", "by EUToday Correspondents"."""
    match = BYLINE.match(text)
    if not match:
        staff = STAFF_BYLINE.match(text)
        return staff.group("outlet") if staff else None
    rest = match.group("rest")
    if re.match(r"\s*[·•|]", rest):  # no author before the separator: the rest is the outlet
        outlet = re.sub(r"^\s*[·•|]\s*", "", rest).strip()
        return outlet or None
    parts = [
        part.strip() for part in re.split(r"\s*[·•|]\s*|\s+[-–—]\s+|,\s*", rest) if part.strip()
    ]
    if len(parts) >= 2:
        for part in reversed(parts[1:]):
            if not find_date(part) and not JOB_TITLE.search(part) and not re.search(r"\d", part):
                return part
        return None
    if len(parts) == 1 and STAFF_WORDS.search(parts[0]):
        return STAFF_WORDS.sub("", parts[0]).strip() or None
    return None
