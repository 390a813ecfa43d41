"""Ingestion: turn saved web articles (text, Markdown, HTML, JSON) into ``Article``s.

This is the only stage that touches the file system; everything after it is pure.
"""

from __future__ import annotations

import codecs
import datetime as dt
import glob
import json
import os
import re
import sys
import tomllib
import unicodedata
from collections import Counter, deque
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, NamedTuple

from summarizer.errors import SummarizerError
from summarizer.models import Article, Line

if TYPE_CHECKING:
    from collections.abc import Callable

    from lxml.html import HtmlElement

# The limits keep a default run well under a minute on a small machine (bench/bench_limits.py
# measures them): summarising is quadratic in the number of sentences, per article and across
# articles, so it is the article text that is limited, not just the file size.
DEFAULT_MAX_BYTES = 100_000  # article text per input: 15,000 words, several long reads
DEFAULT_MAX_FILES = 50  # inputs (and articles: each JSON record counts); a 50-column comparison
# All inputs together may hold this many times --max-bytes of article text (200 KB: 30,000
# words, e.g. 40 articles of a typical 5 KB).
TOTAL_TEXT_FACTOR = 2
# HTML and JSON files are mostly markup, so the file itself may be this many times --max-bytes.
MARKUP_FACTOR = 50

STDIN = "-"
# Extension -> parser; ".jsonl" is read line by line but yields format "json" articles.
SUPPORTED_EXTENSIONS: dict[str, str] = {
    ".txt": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".json": "json",
    ".jsonl": "jsonl",
}
_FORMAT_ALIASES = {
    "txt": "txt",
    "text": "txt",
    "md": "md",
    "markdown": "md",
    "html": "html",
    "htm": "html",
    "json": "json",
    "jsonl": "jsonl",
}
_SUPPORTED_LIST = ", ".join(SUPPORTED_EXTENSIONS)
_MANIFEST_KEYS = ("path", "id", "title", "outlet", "date", "url")


def _word_set(words: str) -> frozenset[str]:
    """A set of words written as one space-separated string, to keep long vocabularies short."""
    return frozenset(words.split())


# --------------------------------------------------------------------------------------------
# Finding the input files
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Input:
    """One file to read, and whether it was found by expansion rather than named explicitly."""

    path: str
    expanded: bool  # found in a directory or by a glob: a bad file is skipped, not fatal


def expand_inputs(paths: Sequence[str], *, max_files: int = DEFAULT_MAX_FILES) -> list[str]:
    """Expand files, directories, glob patterns and "-" (stdin) into a de-duplicated file list."""
    inputs, _warnings = _expand(paths, max_files)
    return [item.path for item in inputs]


def _expand(paths: Sequence[str], max_files: int) -> tuple[list[_Input], list[str]]:
    """Expand inputs, returning them with the warnings collected on the way."""
    if not paths:
        raise SummarizerError("no input files given")
    found: list[_Input] = []
    seen: set[str] = set()
    warnings: list[str] = []

    def add(path: str, expanded: bool, origin: str) -> None:
        key = STDIN if path == STDIN else os.path.normcase(os.path.realpath(path))
        if key in seen:
            return
        seen.add(key)
        found.append(_Input(path, expanded))
        if len(found) > max_files:
            raise SummarizerError(
                f"{origin}: more than {max_files} input files; raise the limit with --max-files"
            )

    for given in paths:
        if given == STDIN:
            add(STDIN, False, STDIN)
        elif _is_glob(given) and not os.path.lexists(given):
            _expand_glob(given, add, warnings)
        elif os.path.isdir(given):
            files = 0
            for path in _walk(given, warnings):
                add(path, True, given)
                files += 1
            if files == 0:
                raise SummarizerError(
                    f"{given}: no readable articles in the directory (looked for {_SUPPORTED_LIST})"
                )
        else:
            _check_explicit_file(given)
            add(given, False, given)
    return found, warnings


def _expand_glob(pattern: str, add: Callable[[str, bool, str], None], warnings: list[str]) -> None:
    """Add the sorted matches of a glob pattern; directories among them are walked."""
    matches = sorted(glob.glob(pattern, recursive=True))
    if not matches:
        raise SummarizerError(f"{pattern}: no files match this pattern")
    articles = 0
    for match in matches:
        if os.path.isdir(match):
            for path in _walk(match, warnings):
                add(path, True, pattern)
                articles += 1
        elif _extension_format(match) is not None:
            add(match, True, pattern)
            articles += 1
    if articles == 0:
        raise SummarizerError(
            f"{pattern}: no readable articles match this pattern (looked for {_SUPPORTED_LIST})"
        )


def _check_explicit_file(path: str) -> None:
    """Refuse a named path that is missing or not a supported article file."""
    if not os.path.exists(path):
        if os.path.islink(path):
            raise SummarizerError(f"{path}: broken or looping symbolic link")
        raise SummarizerError(f"{path}: no such file or directory")
    if _extension_format(path) is None:
        suffix = Path(path).suffix or "(none)"
        raise SummarizerError(
            f"{path}: unsupported file type {suffix} (supported: {_SUPPORTED_LIST})"
        )


def _is_glob(path: str) -> bool:
    return any(char in path for char in "*?[")


def _extension_format(path: str) -> str | None:
    return SUPPORTED_EXTENSIONS.get(Path(path).suffix.lower())


def _walk(root: str, warnings: list[str]) -> Iterator[str]:
    """Yield supported files under root in sorted path order, skipping hidden entries.

    Symbolic links are followed, but a directory already visited (a link loop or a second
    link to the same place) is skipped, so the walk always ends.
    """
    visited = {_dir_identity(root)}
    skipped: Counter[str] = Counter()
    stack = [iter(_sorted_entries(root, warnings, top=True))]
    while stack:
        entry = next(stack[-1], None)
        if entry is None:
            stack.pop()
            continue
        if entry.name.startswith("."):
            continue
        try:
            is_dir = entry.is_dir()
            is_file = not is_dir and entry.is_file()
        except OSError:
            is_dir = is_file = False
        if is_dir:
            identity = _dir_identity(entry.path)
            if identity in visited:
                warnings.append(
                    f"{entry.path}: skipped (symbolic link to a directory already read)"
                )
                continue
            visited.add(identity)
            stack.append(iter(_sorted_entries(entry.path, warnings, top=False)))
        elif is_file and _extension_format(entry.path) is not None:
            yield entry.path
        elif is_file:
            skipped[Path(entry.name).suffix.lower() or "(no extension)"] += 1
        else:
            warnings.append(f"{entry.path}: skipped (broken symbolic link or not a regular file)")
    if skipped:
        kinds = ", ".join(sorted(skipped))
        warnings.append(
            f"{root}: skipped {sum(skipped.values())} file(s) that are not articles ({kinds})"
        )


def _dir_identity(path: str) -> tuple[int, int]:
    info = os.stat(path)
    return (info.st_dev, info.st_ino)


def _sorted_entries(path: str, warnings: list[str], *, top: bool) -> list[os.DirEntry[str]]:
    try:
        with os.scandir(path) as entries:
            return sorted(entries, key=lambda entry: entry.name)
    except OSError as error:
        if top:
            raise SummarizerError(f"{path}: cannot list the directory ({error.strerror})") from None
        warnings.append(f"{path}: skipped (cannot list the directory: {error.strerror})")
        return []


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
    return _make_unique(ids)


def _slug(text: str, limit: int = 24) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:limit].rstrip("-") or "article"


def _make_unique(ids: Sequence[str], limit: int = 24) -> list[str]:
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
    except FileNotFoundError:
        raise SummarizerError(f"{path}: sources manifest not found") from None
    except PermissionError:
        raise SummarizerError(f"{path}: permission denied reading the sources manifest") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise SummarizerError(f"{path}: not a valid TOML sources manifest ({error})") from None
    except OSError as error:
        raise SummarizerError(
            f"{path}: cannot read the sources manifest ({error.strerror})"
        ) from None
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
        iso = _find_date(fields["date"])
        if iso is None:
            raise SummarizerError(f"{where}: cannot read date {fields['date']!r} (use YYYY-MM-DD)")
        fields["date"] = iso
    return fields


def _manifest_key(path: str, manifest: Mapping[str, object], manifest_dir: str) -> str | None:
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
# Reading
# --------------------------------------------------------------------------------------------


def load_articles(
    paths: Sequence[str],
    *,
    manifest: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    stdin: BinaryIO | None = None,
    max_files: int = DEFAULT_MAX_FILES,
) -> tuple[tuple[Article, ...], tuple[str, ...]]:
    """Read and parse every input; return the articles and all warnings.

    Pass the user's paths as given (not pre-expanded) so a bad file found inside a directory
    is skipped with a warning instead of stopping the run.
    """
    inputs, warnings = _expand(paths, max_files)
    entries = read_manifest(manifest) if manifest else {}
    manifest_dir = os.path.dirname(os.path.abspath(manifest)) if manifest else ""
    used: set[str] = set()
    articles: list[Article] = []
    skipped: list[str] = []
    text_bytes = 0
    ids = assign_ids([item.path for item in inputs])
    for item, ident in zip(inputs, ids, strict=True):
        try:
            data = _read_input(item.path, max_bytes, stdin)
            records = _parse_records(data, path=item.path, id=ident, format=None)
            sizes = [_checked_text_size(record, max_bytes) for record in records]
        except SummarizerError as error:
            if not item.expanded:
                raise
            skipped.append(f"skipped {error}")
            continue
        # Unlike one bad file, too much in total is fatal: dropping articles silently would
        # change the briefing without the user noticing.
        text_bytes += sum(sizes)
        _check_total(item.path, text_bytes, max_bytes)
        if len(articles) + len(records) > max_files:
            raise SummarizerError(
                f"{item.path}: more than {max_files} articles (each JSON record counts as one); "
                "raise the limit with --max-files"
            )
        key = _manifest_key(item.path, entries, manifest_dir)
        if key is not None:
            used.add(key)
            records = [replace(record, **entries[key]) for record in records]
        for record in records:
            warnings.extend(record.warnings)
        articles.extend(records)
    warnings.extend(skipped)
    if not articles:
        detail = f"; {skipped[0]}" if skipped else ""
        raise SummarizerError(f"no readable articles among the inputs{detail}")
    warnings.extend(
        f"{manifest}: no input matches [[source]] path {key!r}"
        for key in entries
        if key not in used
    )
    unique = _make_unique([article.id for article in articles])
    for index, (article, ident) in enumerate(zip(articles, unique, strict=True)):
        if ident != article.id:
            warnings.append(f"{article.path}: id {article.id!r} is already taken; using {ident!r}")
            articles[index] = replace(article, id=ident)
    # Warnings name paths, which may hold undecodable bytes; they end up in the output.
    return tuple(articles), tuple(printable(warning) for warning in warnings)


def _read_input(path: str, max_bytes: int, stdin: BinaryIO | None) -> bytes:
    """Read one input's bytes, refusing a file too large for its format before reading it."""
    limit, scope = _file_limit(path, max_bytes)
    if path == STDIN:
        stream = stdin if stdin is not None else sys.stdin.buffer
        data = stream.read(limit + 1)
        if len(data) > limit:
            raise SummarizerError(
                f"-: standard input is over the {_size(limit)} limit{scope}; "
                "raise it with --max-bytes"
            )
        return data
    try:
        size = os.stat(path).st_size
        if size > limit:
            shown, limit_text = _sizes(size, limit)
            raise SummarizerError(
                f"{path}: file is {shown}, over the {limit_text} limit{scope}; "
                "raise it with --max-bytes"
            )
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)
    except PermissionError:
        raise SummarizerError(f"{path}: permission denied; cannot read the file") from None
    except IsADirectoryError:
        raise SummarizerError(f"{path}: is a directory, not a file") from None
    except OSError as error:
        raise SummarizerError(f"{path}: cannot read the file ({error.strerror})") from None
    if len(data) > limit:  # the file grew while we read it
        raise SummarizerError(
            f"{path}: file is over the {_size(limit)} limit{scope}; raise it with --max-bytes"
        )
    return data


def _file_limit(path: str, max_bytes: int) -> tuple[int, str]:
    """The most bytes to read from an input, and the words that say which limit that is.

    Plain text and Markdown are nearly all article text, so --max-bytes applies to the file.
    HTML and JSON (and standard input, whose format is not yet known) are mostly markup: the
    file may be larger, and its extracted text is checked against --max-bytes afterwards.
    """
    if path != STDIN and _extension_format(path) in ("txt", "md"):
        return max_bytes, ""
    return (
        max_bytes * MARKUP_FACTOR,
        f" for HTML, JSON and standard input ({MARKUP_FACTOR} × --max-bytes)",
    )


def _checked_text_size(article: Article, max_bytes: int) -> int:
    """The UTF-8 size of an article's text, refusing one over --max-bytes."""
    size = _utf8_size(article.raw)
    if size > max_bytes:
        shown, limit = _sizes(size, max_bytes)
        raise SummarizerError(
            f"{article.path}: article text is {shown}, over the {limit} limit; "
            "raise it with --max-bytes"
        )
    return size


def _check_total(path: str, text_bytes: int, max_bytes: int) -> None:
    """Refuse a run whose inputs together hold more article text than it can summarise."""
    limit = max_bytes * TOTAL_TEXT_FACTOR
    if text_bytes > limit:
        raise SummarizerError(
            f"{path}: the inputs up to here hold {_size(text_bytes)} of article text, over the "
            f"{_size(limit)} limit for all inputs together ({TOTAL_TEXT_FACTOR} × --max-bytes); "
            "raise it with --max-bytes"
        )


def _utf8_size(text: str) -> int:
    return len(text) if text.isascii() else len(text.encode("utf-8", "surrogatepass"))


def _size(count: int) -> str:
    if count >= 1_000_000:
        return f"{count / 1_000_000:.1f}".rstrip("0").rstrip(".") + " MB"
    if count >= 1_000:
        return f"{count / 1_000:.1f}".rstrip("0").rstrip(".") + " KB"
    return f"{count} bytes"


def _sizes(count: int, limit: int) -> tuple[str, str]:
    """Both sizes for "X, over the Y limit", exact when rounding would make them look equal."""
    if _size(count) == _size(limit):
        return f"{count:,} bytes", f"{limit:,}-byte"
    return _size(count), _size(limit)


# --------------------------------------------------------------------------------------------
# Parsing one input
# --------------------------------------------------------------------------------------------


def parse_article(data: bytes, *, path: str, id: str, format: str | None = None) -> Article:
    """Parse one input's bytes into an Article (format from the extension when None)."""
    records = _parse_records(data, path=path, id=id, format=format)
    if len(records) != 1:
        raise SummarizerError(f"{path}: holds {len(records)} JSON records; expected one article")
    return records[0]


def _parse_records(data: bytes, *, path: str, id: str, format: str | None) -> list[Article]:
    """Parse one input into its articles (several for a JSON list or JSON Lines file)."""
    kind = _resolve_format(data, path, format)
    if not data.strip():
        raise SummarizerError(f"{path}: file is empty")
    _reject_binary(data, path)
    declared = _declared_charset(data) if kind == "html" else None
    text, warnings = _decode(data, path, declared)
    if _is_own_output(text, kind):
        raise SummarizerError(f"{path}: {_OWN_OUTPUT}")
    if kind in ("json", "jsonl"):
        return _json_articles(text, path=path, id=id, lines=kind == "jsonl", warnings=warnings)
    if kind == "html":
        page = _extract_html(text)
        if not page.text.strip():
            raise SummarizerError(f"{path}: no article text found in the HTML")
        return [
            _build_article(
                page.text,
                path=path,
                id=id,
                format="html",
                metadata=page.metadata,
                hints=page.hints,
                warnings=warnings,
            )
        ]
    return [_build_article(text, path=path, id=id, format=kind, warnings=warnings)]


# What our own Markdown and HTML outputs say at the top. A briefing written into the folder it
# was made from must not come back as a source of the next run.
_OWN_OUTPUT = "written by summarizer (a briefing or summary), not an article"
_OWN_MARKDOWN = re.compile(r"^_(?:Tool note: )?Generated by summarizer \d", re.M)
_OWN_HTML = re.compile(r"<meta\s+name=[\"']generator[\"']\s+content=[\"']summarizer\s", re.I)
_OWN_HEAD_LINES = 5


def _is_own_output(text: str, kind: str) -> bool:
    """Whether the text is a file this tool wrote (JSON output is recognised when parsed)."""
    if kind == "html":
        return bool(_OWN_HTML.search(text, 0, 4096))
    if kind in ("txt", "md"):
        head = "\n".join(text.split("\n", _OWN_HEAD_LINES)[:_OWN_HEAD_LINES])
        return bool(_OWN_MARKDOWN.search(head))
    return False


def _resolve_format(data: bytes, path: str, format: str | None) -> str:
    if format is not None:
        kind = _FORMAT_ALIASES.get(format.lower())
        if kind is None:
            raise SummarizerError(f"{path}: unknown format {format!r}")
        return kind
    by_extension = None if path == STDIN else _extension_format(path)
    return by_extension or _sniff_format(data)


def _sniff_format(data: bytes) -> str:
    """Guess the format of stdin or an unknown extension: HTML, JSON, else text."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"<") and re.search(
        rb"<(?:!doctype|html|head|body|article|div|p|h1)\b", head
    ):
        return "html"
    if head[:1] in (b"{", b"["):
        try:
            json.loads(data.decode("utf-8-sig"))
        except (UnicodeDecodeError, ValueError):
            return "txt"
        return "json"
    return "txt"


# --------------------------------------------------------------------------------------------
# Decoding
# --------------------------------------------------------------------------------------------

_MAGIC_NUMBERS = (
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"%PDF-", "PDF"),
    (b"\x1f\x8b", "gzip"),
    (b"PK\x03\x04", "zip"),
    (b"PK\x05\x06", "zip"),
    (b"\x7fELF", "ELF"),
)
# UTF-32 LE must be tried before UTF-16 LE: its BOM starts with the UTF-16 LE BOM.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def _reject_binary(data: bytes, path: str) -> None:
    """Refuse images, archives, PDFs, executables and other non-text input."""
    for magic, kind in _MAGIC_NUMBERS:
        if data.startswith(magic):
            raise SummarizerError(f"{path}: looks like a binary file ({kind}), not an article")
    if any(data.startswith(bom) for bom, _encoding in _BOMS):
        return  # UTF-16/32 text legitimately contains NUL bytes
    head = data[:8192]
    if b"\x00" in head:
        odd_nuls = head[1::2].count(0)
        even_nuls = head[0::2].count(0)
        looks_utf16 = max(odd_nuls, even_nuls) > 0.4 * (len(head) / 2)
        kind = "NUL bytes; UTF-16 without a byte-order mark?" if looks_utf16 else "NUL bytes"
        raise SummarizerError(f"{path}: looks like a binary file ({kind}), not an article")


def _legacy_table() -> tuple[str, ...]:
    """Each byte as Windows-1252, or Latin-1 for the five bytes Windows-1252 leaves undefined."""
    chars = []
    for byte in range(256):
        try:
            chars.append(bytes([byte]).decode("cp1252"))
        except UnicodeDecodeError:
            chars.append(chr(byte))
    return tuple(chars)


_LEGACY_CHARS = _legacy_table()


def _legacy_bytes(error: UnicodeError) -> tuple[str, int]:
    """Codec error handler: read bytes that are not UTF-8 as Windows-1252 (then Latin-1)."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    bad = error.object[error.start : error.end]
    return "".join(_LEGACY_CHARS[byte] for byte in bad), error.end


codecs.register_error("summarizer-legacy", _legacy_bytes)


def _declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in a meta tag, if Python knows it."""
    match = re.search(
        rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?([A-Za-z0-9_:.-]+)", data[:4096], re.I
    )
    if not match:
        return None
    try:
        return codecs.lookup(match.group(1).decode("ascii")).name
    except LookupError:
        return None


def _decode(data: bytes, path: str, declared: str | None = None) -> tuple[str, list[str]]:
    """Decode bytes: BOM first, then UTF-8, then the page's charset, then Windows-1252."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding), []
            except UnicodeDecodeError as error:
                text = data[len(bom) :].decode(encoding, errors="replace")
                offset = error.start + len(bom)
                return text, [f"{path}: invalid {encoding} at byte {offset}; replaced with U+FFFD"]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as error:
        first_bad = error.start
    if declared and declared != "utf-8":
        try:
            return data.decode(declared), []
        except UnicodeDecodeError:
            pass
    # Per-byte fallback: a UTF-8 file with a few stray legacy bytes keeps its UTF-8 text, and
    # a pure Windows-1252 file decodes exactly as a whole-file cp1252 decode would.
    text = data.decode("utf-8", errors="summarizer-legacy")
    return text, [
        f"{path}: not valid UTF-8 (first bad byte at offset {first_bad}); "
        "read those bytes as Windows-1252"
    ]


# --------------------------------------------------------------------------------------------
# Normalisation
# --------------------------------------------------------------------------------------------

# Soft hyphen, zero-width and bidi controls, BOM, and C0/C1 control characters (not \t\n\r).
_INVISIBLE = "\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff"
_CONTROLS = "\x00-\x08\x0e-\x1f\x7f\x80-\x84\x86-\x9f"
_SPACES = "\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
_BREAKS = "\x0b\x0c\x85\u2028\u2029"
_SPECIAL = re.compile(f"\r\n?|[{_INVISIBLE}{_CONTROLS}]+|[{_SPACES}]|[{_BREAKS}]")
_SPACE_CHARS = re.compile(f"[{_SPACES}]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _normalise(raw: str) -> tuple[str, tuple[int, ...]]:
    """Build the body and its body->raw offset map in one linear pass.

    Unchanged characters map to themselves, so ``raw[offsets[i]] == body[i]`` for them; a
    CRLF's "\\n" maps to the LF, a lone CR and replaced spaces to themselves.
    """
    if not _SPECIAL.search(raw):
        return raw, tuple(range(len(raw) + 1))
    parts: list[str] = []
    offsets: list[int] = []
    position = 0
    for match in _SPECIAL.finditer(raw):
        start, end = match.span()
        if start > position:
            parts.append(raw[position:start])
            offsets.extend(range(position, start))
        first = raw[start]
        if first == "\r":
            parts.append("\n")
            offsets.append(end - 1)
        elif _SPACE_CHARS.match(first):
            parts.append(" ")
            offsets.append(start)
        elif first in _BREAKS:
            parts.append("\n")
            offsets.append(start)
        position = end
    if position < len(raw):
        parts.append(raw[position:])
        offsets.extend(range(position, len(raw)))
    offsets.append(len(raw))
    return "".join(parts), tuple(offsets)


def printable(text: str) -> str:
    """Replace lone surrogates with U+FFFD so the text can be written as UTF-8.

    They come from undecodable bytes in file names (Python's surrogateescape) and from
    unpaired "\\ud800"-style escapes in JSON; no other input yields them.
    """
    return _SURROGATE.sub("\ufffd", text)


def _line_spans(body: str) -> list[tuple[int, int]]:
    """Start/end of every line; a final newline does not open an empty last line."""
    spans: list[tuple[int, int]] = []
    start = 0
    length = len(body)
    while start < length:
        end = body.find("\n", start)
        if end == -1:
            end = length
        spans.append((start, end))
        start = end + 1
    return spans or [(0, 0)]


def _build_article(
    raw: str,
    *,
    path: str,
    id: str,
    format: str,
    metadata: Mapping[str, str] | None = None,
    hints: Mapping[int, str] | None = None,
    warnings: Sequence[str] = (),
) -> Article:
    """Normalise raw text, classify its lines and gather metadata into an Article."""
    path = printable(path)
    body, offsets = _normalise(raw)
    if not body.strip():
        raise SummarizerError(f"{path}: file is empty")
    spans = _line_spans(body)
    known = dict(metadata or {})
    found = _classify(
        [body[start:end] for start, end in spans],
        markdown=format == "md",
        known_title=known.get("title"),
        hints=hints or {},
    )
    lines = tuple(
        Line(start, end, reason) for (start, end), reason in zip(spans, found.reasons, strict=True)
    )
    return Article(
        id=id,
        path=path,
        raw=raw,
        body=body,
        offsets=offsets,
        lines=lines,
        format="json" if format == "jsonl" else format,
        title=known.get("title") or found.title or _readable_stem(path),
        outlet=known.get("outlet") or found.outlet,
        date=known.get("date") or found.date,
        url=known.get("url") or found.url,
        warnings=tuple(warnings),
    )


def _readable_stem(path: str) -> str:
    if path == STDIN:
        return "Standard input"
    words = re.sub(r"[_\-.\s]+", " ", Path(path).stem).strip()
    return (words[:1].upper() + words[1:]) or "Untitled"


# --------------------------------------------------------------------------------------------
# JSON and JSON Lines
# --------------------------------------------------------------------------------------------


def _json_articles(
    text: str, *, path: str, id: str, lines: bool, warnings: list[str]
) -> list[Article]:
    """One Article per JSON record with a "text" field."""
    records = _json_lines(text, path) if lines else _json_document(text, path)
    if not records:
        raise SummarizerError(f"{path}: holds no JSON records")
    several = len(records) > 1
    file_warnings = list(warnings)
    readable: list[tuple[str, str, dict[str, str], list[str]]] = []
    for number, (label, record) in enumerate(records, 1):
        where = f"{path}: {label}"
        if not isinstance(record, dict):
            raise SummarizerError(f"{where} is not a JSON object")
        body = record.get("text")
        if not isinstance(body, str):
            raise SummarizerError(f'{where} has no "text" string')
        if _SURROGATE.search(body):
            body = printable(body)
            file_warnings.append(f"{where}: unpaired surrogate escapes replaced with U+FFFD")
        if not _normalise(body)[0].strip():
            file_warnings.append(f"{where} has empty text; skipped")
            continue
        record_warnings: list[str] = []
        metadata = _record_metadata(record, where, record_warnings)
        record_id = metadata.pop("id", None) or (f"{id}-{number}" if several else id)
        readable.append((body, record_id, metadata, record_warnings))
    if not readable:
        raise SummarizerError(f"{path}: file is empty (every record's text is empty)")
    # File-level warnings ride on the first article only, so callers never see them twice.
    return [
        _build_article(
            body,
            path=path,
            id=record_id,
            format="json",
            metadata=metadata,
            warnings=(file_warnings if index == 0 else []) + record_warnings,
        )
        for index, (body, record_id, metadata, record_warnings) in enumerate(readable)
    ]


def _json_document(text: str, path: str) -> list[tuple[str, object]]:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise SummarizerError(
            f"{path}: not valid JSON ({error.msg} at line {error.lineno})"
        ) from None
    generator = document.get("generator") if isinstance(document, dict) else None
    if isinstance(generator, dict) and generator.get("name") == "summarizer":
        raise SummarizerError(f"{path}: {_OWN_OUTPUT}")
    items = document if isinstance(document, list) else [document]
    return [(f"record {number}", item) for number, item in enumerate(items, 1)]


def _json_lines(text: str, path: str) -> list[tuple[str, object]]:
    records: list[tuple[str, object]] = []
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            records.append((f"line {number}", json.loads(line)))
        except json.JSONDecodeError as error:
            raise SummarizerError(
                f"{path}: line {number} is not valid JSON ({error.msg})"
            ) from None
    return records


def _record_metadata(
    record: Mapping[str, object], where: str, warnings: list[str]
) -> dict[str, str]:
    """The optional id/title/outlet/date/url fields of a JSON record, as strings."""
    metadata: dict[str, str] = {}
    for key in ("id", "title", "outlet", "date", "url"):
        value = record.get(key)
        if value is None or value == "":
            continue
        if key == "id" and isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            raise SummarizerError(f'{where}: "{key}" must be a string')
        metadata[key] = printable(value.strip())
    if "date" in metadata:
        iso = _find_date(metadata["date"])
        if iso is None:
            warnings.append(f"{where}: cannot read date {metadata['date']!r}; ignored")
            del metadata["date"]
        else:
            metadata["date"] = iso
    return metadata


# --------------------------------------------------------------------------------------------
# HTML
# --------------------------------------------------------------------------------------------

_NOISE_TAGS = _word_set(
    "script style noscript template iframe svg nav header footer aside form button select "
    "textarea input canvas object embed audio video map dialog menu"
)
_NOISE_NAME = re.compile(
    r"(?:^|[\s_-])(?:nav|menu|share|sharing|social|related|comment(?!ary)|newsletter|footer"
    r"|breadcrumb|advert|ads?(?=$|[\s_-])|adslot|promo|sidebar|subscribe|cookie|popup|modal"
    r"|outbrain|taboola)",
    re.I,
)
_NOISE_ROLES = _word_set(
    "navigation banner contentinfo complementary search menu menubar dialog alert"
)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_BLOCK_TAGS = _word_set(
    "p div section article main h1 h2 h3 h4 h5 h6 li ul ol dl dt dd blockquote figure "
    "figcaption pre table thead tbody tfoot tr hr address details summary center body"
)
_HEADING_TAGS = _word_set("h2 h3 h4 h5 h6")
_COLLAPSIBLE = re.compile(r"[ \t\n\r\f\v\u2028\u2029\x85]+")
_PRE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\x85]")
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0e-\x1f\ufffe\uffff]")
_DATE_META = (
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "date",
    "dc.date",
    "dc.date.issued",
    "dcterms.created",
    "sailthru.date",
    "parsely-pub-date",
)


@dataclass(frozen=True)
class _Page:
    """What HTML extraction yields: article text, per-line hints and page metadata."""

    text: str
    hints: dict[int, str]  # line index -> "h1" | "heading" | "caption"
    metadata: dict[str, str]


def _extract_html(text: str) -> _Page:
    """Extract the main article text and metadata from an HTML page, offline."""
    import lxml.etree
    import lxml.html  # imported here so text-only runs do not pay for it

    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)  # lxml refuses str input with one
    # lxml parses characters that XML forbids but then refuses them when the tree is edited,
    # so they go first: the page breaks as line breaks, the rest as spaces.
    text = _XML_FORBIDDEN.sub(" ", text.replace("\v", "\n").replace("\f", "\n"))
    parser = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, huge_tree=True)
    try:
        document = lxml.html.document_fromstring(text, parser=parser)
    except (lxml.etree.ParserError, ValueError):
        return _Page("", {}, {})
    metadata = _html_metadata(document)
    _drop_noise(document)
    container = _choose_container(document)
    blocks = _html_blocks(container)
    if not blocks and container is not document:
        blocks = _html_blocks(document)
    lines: list[str] = []
    hints: dict[int, str] = {}
    for kind, sublines in blocks:
        if lines:
            lines.append("")
        for subline in sublines:
            if kind:
                hints[len(lines)] = kind
            lines.append(subline)
    return _Page("\n".join(lines), hints, metadata)


def _html_metadata(document: HtmlElement) -> dict[str, str]:
    """Title, outlet, date and url from meta tags, JSON-LD, <title>, <h1>, <time> and links."""
    metas: dict[str, str] = {}
    for meta in document.iter("meta"):
        name = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        content = (meta.get("content") or "").strip()
        if name and content:
            metas.setdefault(name, content)
    linked = _json_ld(document)
    # Prefer an <h1> inside <article>: some sites wrap their logo in an <h1>.
    headings = [h for article in document.iter("article") for h in article.iter("h1")]
    headings += list(document.iter("h1"))
    h1 = next((_clean(h.text_content()) for h in headings if h.text_content().strip()), "")
    page_title = _clean(document.findtext(".//title") or "")
    outlet = metas.get("og:site_name") or linked.get("outlet", "")
    title = metas.get("og:title") or metas.get("twitter:title") or linked.get("title") or h1
    if not title and page_title:
        title = _strip_site_suffix(page_title, outlet)
    dates = [metas.get(key, "") for key in _DATE_META] + [linked.get("date", "")]
    in_articles = [time for article in document.iter("article") for time in article.iter("time")]
    dates += [time.get("datetime", "") for time in [*in_articles, *document.iter("time")]]
    date = next((iso for iso in map(_find_date, dates) if iso), "")
    url = ""
    for link in document.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split() and link.get("href"):
            url = link.get("href").strip()
            break
    url = url or metas.get("og:url", "") or linked.get("url", "")
    found = {"title": title, "outlet": outlet, "date": date, "url": url}
    return {key: _clean(value) for key, value in found.items() if value and value.strip()}


def _json_ld(document: HtmlElement) -> dict[str, str]:
    """Headline, date, publisher and url of the first Article-like JSON-LD object."""
    for script in document.iter("script"):
        if "ld+json" not in (script.get("type") or "").lower():
            continue
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        for item in _json_ld_items(data):
            kinds = item.get("@type", "")
            kinds = " ".join(kinds) if isinstance(kinds, list) else str(kinds)
            if "Article" not in kinds and "Posting" not in kinds and "Report" not in kinds:
                continue
            publisher = item.get("publisher")
            found = {
                "title": item.get("headline"),
                "date": item.get("datePublished"),
                "url": item.get("url"),
                "outlet": publisher.get("name") if isinstance(publisher, dict) else None,
            }
            return {key: value for key, value in found.items() if isinstance(value, str)}
    return {}


def _json_ld_items(data: object) -> Iterator[dict[str, Any]]:
    """Every JSON object in a JSON-LD document, breadth first, including "@graph" members."""
    queue: deque[object] = deque([data])
    while queue:
        item = queue.popleft()
        if isinstance(item, list):
            queue.extend(item)
        elif isinstance(item, dict):
            yield item
            if isinstance(item.get("@graph"), list):
                queue.extend(item["@graph"])


def _strip_site_suffix(title: str, outlet: str) -> str:
    """Drop a " | Site" / " - Site" tail from a <title>."""
    parts = re.split(r"\s+[|\-–—:]{1,2}\s+", title)
    if len(parts) > 1 and (parts[-1] == outlet or len(parts[-1].split()) <= 4):
        return " - ".join(parts[:-1])
    return title


def _clean(text: str) -> str:
    return _COLLAPSIBLE.sub(" ", text.replace("\u00a0", " ")).strip()


def _drop_noise(document: HtmlElement) -> None:
    """Remove scripts, navigation, share bars, related boxes and other page chrome."""
    body = document.find("body")
    root = body if body is not None else document
    total = _paragraph_chars(root)
    for element in list(root.iter()):
        if element is root or not isinstance(element.tag, str) or element.getparent() is None:
            continue
        if _is_noise(element) and not _holds_most_text(element, total):
            element.drop_tree()


def _is_noise(element: HtmlElement) -> bool:
    tag = element.tag.lower()
    if tag in _NOISE_TAGS:
        return True
    if element.get("hidden") is not None or element.get("aria-hidden") == "true":
        return True
    if (element.get("role") or "").lower() in _NOISE_ROLES:
        return True
    if _HIDDEN_STYLE.search(element.get("style") or ""):
        return True
    names = f"{element.get('class') or ''} {element.get('id') or ''}"
    return bool(_NOISE_NAME.search(names))


def _holds_most_text(element: HtmlElement, total: int) -> bool:
    """A wrapper whose name merely mentions "sidebar" etc. but holds the article stays."""
    tag = element.tag.lower()
    if tag in ("script", "style", "noscript", "template", "svg", "iframe"):
        return False
    return total > 0 and _paragraph_chars(element) >= 0.4 * total


def _paragraph_chars(element: HtmlElement) -> int:
    return sum(len(p.text_content().strip()) for p in element.iter("p"))


def _choose_container(document: HtmlElement) -> HtmlElement:
    """The <article> holding most paragraph text, else the element with the densest paragraphs."""
    body = document.find("body")
    root = body if body is not None else document
    total = _paragraph_chars(root)
    if total == 0:
        return root
    for tag in ("article", "main"):
        candidates = list(root.iter(tag))
        best = max(candidates, key=_paragraph_chars, default=None)
        if best is not None and _paragraph_chars(best) >= 0.5 * total:
            return best
    scores: Counter[HtmlElement] = Counter()
    for paragraph in root.iter("p"):
        length = len(paragraph.text_content().strip())
        parent = paragraph.getparent()
        if length < 20 or parent is None:
            continue
        scores[parent] += length
        grandparent = parent.getparent()
        if grandparent is not None:
            scores[grandparent] += length / 2
    if not scores:
        return root
    return max(scores, key=lambda element: scores[element])


class _BlockWriter:
    """Collects inline text into block-level lines while walking an HTML tree."""

    def __init__(self) -> None:
        self.blocks: list[tuple[str, list[str]]] = []
        self.buffer: list[str] = []
        self.stack: list[str] = []
        self.pre = 0
        self.captions = 0

    def add(self, text: str) -> None:
        """Append inline text, collapsing white space as a browser would (except in <pre>)."""
        if self.pre:
            self.buffer.append(_PRE_BREAKS.sub("\n", text))
        else:
            self.buffer.append(_COLLAPSIBLE.sub(" ", text))

    def flush(self) -> None:
        """End the current block: its text becomes one line per <br>-separated part."""
        text = "".join(self.buffer)
        self.buffer = []
        lines = [line.strip() for line in text.split("\n")]
        lines = [line for line in lines if line]
        if lines:
            self.blocks.append((self._kind(), lines))

    def _kind(self) -> str:
        """The hint for the block being flushed: caption, h1, heading, or none."""
        if self.captions:
            return "caption"
        top = self.stack[-1] if self.stack else ""
        if top == "h1":
            return "h1"
        return "heading" if top in _HEADING_TAGS else ""


def _html_blocks(container: HtmlElement) -> list[tuple[str, list[str]]]:
    """Walk the container, emitting each block element's text as one or more lines."""
    import lxml.etree

    writer = _BlockWriter()
    for event, element in lxml.etree.iterwalk(container, events=("start", "end")):
        if not isinstance(element.tag, str):
            if event == "end" and element.tail:
                writer.add(element.tail)
            continue
        tag = element.tag.lower()
        if event == "start":
            if tag in _BLOCK_TAGS:
                writer.flush()
                writer.stack.append(tag)
            if tag == "br":
                writer.buffer.append("\n")
            elif tag == "pre":
                writer.pre += 1
            elif tag == "figcaption":
                writer.captions += 1
            if element.text:
                writer.add(element.text)
            continue
        if tag in _BLOCK_TAGS:
            writer.flush()
            writer.stack.pop()
        if tag in ("td", "th"):
            writer.add(" ")
        elif tag == "pre":
            writer.pre -= 1
        elif tag == "figcaption":
            writer.captions -= 1
        if element is not container and element.tail:
            writer.add(element.tail)
    writer.flush()
    return writer.blocks


# --------------------------------------------------------------------------------------------
# Dates
# --------------------------------------------------------------------------------------------

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DATE_PATTERNS = (
    re.compile(r"\b(?P<year>\d{4})-(?P<mon>\d{1,2})-(?P<day>\d{1,2})(?!\d)"),
    re.compile(r"\b(?P<year>\d{4})/(?P<mon>\d{1,2})/(?P<day>\d{1,2})(?!\d)"),
    re.compile(_MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})\b", re.I),
    re.compile(r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+(?P<year>\d{4})\b", re.I),
)


def _find_date(text: str) -> str | None:
    """The first valid date written in text, as YYYY-MM-DD."""
    best: tuple[int, str] | None = None
    for pattern in _DATE_PATTERNS:
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


# --------------------------------------------------------------------------------------------
# Line classification: content or page furniture
# --------------------------------------------------------------------------------------------

_MINOR_WORDS = _word_set(
    "a an the and but or nor for so yet of in on at to by up as is vs via with from into over "
    "amid after than per out off"
)
_ABBREVIATIONS = _word_set(
    "mr mrs ms dr prof gen lt col sgt capt maj adm rep sen gov st jr sr no vs etc inc ltd co "
    "corp jan feb mar apr jun jul aug sep sept oct nov dec approx est fig rev hon pres"
)
_WORD = re.compile(r"[^\W_]+(?:['’.\-][^\W_]+)*")
_LETTER_WORD = re.compile(r"[^\W\d_][\w'’.\-]*")
# A sentence end: punctuation, closing quotes, then the end or a space before the next word,
# whose first character the caller checks is a capital (of any script) or a digit.
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]*(\w)|\s*$)")
_TERMINAL = re.compile(r"[.!?…][\"'”’)\]]*\s*$")
_QUESTION_END = re.compile(r"[?!][\"'”’)\]]*\s*$")

_SOCIAL_NAMES = _word_set(
    "facebook twitter x linkedin whatsapp telegram reddit pinterest email e-mail mail print "
    "copy link messenger viber instagram youtube tiktok threads bluesky mastodon flipboard vk "
    "tumblr pocket sms share tweet"
)
_LAYOUT_WORDS = _word_set(
    "article page top bottom vertical horizontal inline sticky banner leaderboard billboard "
    "skyscraper mpu slot placeholder widget rail sidebar mid middle left right center header "
    "footer desktop mobile ad ads unit block module container wrapper box area position zone "
    "native"
)
_LAYOUT_MARKS = _word_set(
    "vertical horizontal inline sticky banner leaderboard billboard skyscraper mpu slot "
    "placeholder widget rail ad ads unit module zone native"
)
_AGENCIES = (
    r"getty images|afp|reuters|ap|associated press|epa|epa-efe|efe|shutterstock|alamy|bloomberg"
    r"|anadolu|yonhap|kcna|xinhua|tass|sputnik|ria novosti|pool|unsplash|nurphoto|sopa images"
    r"|sipa|dpa|ansa|kyodo|the new york times|the washington post|imago|zuma|abaca|pa|pa images"
    r"|ukrinform|unian|afp via getty images"
)
_STAFF_WORDS = re.compile(
    r"\s+(?:staff|correspondents?|reporters?|newsroom|desk|team|editors?|editorial(?: team| board)?"
    r"|writers?|contributors?)\s*$",
    re.I,
)
_JOB_TITLE = re.compile(
    r"\b(?:correspondent|editor|reporter|writer|staff|contributor|columnist|analyst|producer)\b",
    re.I,
)

_SEPARATOR_LINE = re.compile(r"^(?:[-*_=~·•]\s*){3,}$")
_MD_HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*#*\s*$")
_MD_IMAGE = re.compile(r"^!\[[^\]]*\]\([^)]*\)$")
_MD_LINK_ONLY = re.compile(r"^(?:[-*+]\s+)?\[[^\]]+\]\([^)]*\)$")
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_LIST_MARKER = re.compile(r"^(?:[-*+•]|\d{1,3}[.)])\s+")

_SOURCE_LINE = re.compile(r"^source\s*:\s*(?P<rest>\S.*)$", re.I)
_SOURCE_TAIL = re.compile(r"^(?P<title>.+?)\s+[-–—|]\s+(?P<outlet>[^-–—|]{1,40})$")
_CREDIT_PREFIX = re.compile(
    r"^(?:photo(?:graph)?|image|picture|illustration|credit|video|photo credit|image credit"
    r"|images|photos|pictures)s?\s*(?::|\.{2,}|…|\bby\b)\s*(?P<rest>.*)$",
    re.I,
)
_CREDIT_AGENCY = re.compile(r"(?:^©?\s*|/\s*|\bvia\s+|©\s*)(?:" + _AGENCIES + r")\s*\)?$", re.I)
_CAPTION_PREFIX = re.compile(
    r"^(?:main|top|lead|featured|header|hero|cover)\s+(?:image|photo|picture)\s*:", re.I
)
_TRAILING_CREDIT = re.compile(
    r"[.!?][\"'”’]?\s*\((?!reporting|writing|editing|additional|with\b)"
    r"(?:(?:photo|image|picture|credit)s?\s*:\s*)?[A-Z][^().!?;]{0,48}\)\s*$"
)
_PHOTO_WORDS = re.compile(
    r"\b(?:photo|photograph|image|picture|pictured|shows?|showing|seen|poses?|posing|file"
    r"|handout|undated|left|right|cent(?:re|er)|background|foreground)\b",
    re.I,
)
_TRAILING_CREDIT_LABEL = re.compile(
    r"\S.*\b(?:photograph|photo|image|picture|illustration|credit)\s*:\s*[^.:!?]{2,60}$", re.I
)
_BYLINE = re.compile(
    r"^(?:(?:by|written by|posted by|words by|reporting by)\b|(?:authors?|reporters?|writers?)\s*:)"
    r"(?P<rest>.*)$",
    re.I,
)
# "Guardian staff and agencies", "Example Wire Newsroom": the outlet signs for its staff.
_STAFF_BYLINE = re.compile(
    r"^(?P<outlet>[A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*){0,3})\s+(?i:staff(?:\s+and\s+agencies)?"
    r"|and\s+agencies|correspondents?|newsroom|news\s+desk|staff\s+reporters?"
    r"|editorial\s+(?:team|board))$"
)
_DATE_NOISE = re.compile(
    r"\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?|\b\d{1,2}[:.]\d{2}(?:[:.]\d{2})?"
    r"|\b(?:gmt|utc|bst|cet|cest|est|edt|pst|pdt|kst|eet|eest|msk|am|pm|a\.m|p\.m)\b(?:[+-]\d{1,2})?"
    r"|\b(?:published|updated|posted|last|first|on|at)\b",
    re.I,
)
_NAVIGATION = re.compile(
    r"^(?:skip to (?:main )?content|skip navigation|jump to (?:content|navigation)"
    r"|toggle navigation|(?:open|close|main) menu|menu|search|sign in|log in|log out|my account"
    r"|(?:read|also available|available) in [A-Z][a-z]+|back to top)\s*$",
    re.I,
)
_TAGS = re.compile(r"^(?:tags?|topics?|filed under|categories|category|keywords)\s*:\s*\S", re.I)
_COPYRIGHT = re.compile(
    r"^(?:copyright\s*(?:©|\(c\)|\d{4})|©|\(c\)\s*\d{4})|\ball rights reserved\b", re.I
)
_DATELINE = re.compile(
    r"^(?:published|updated|posted|last updated|first published|date)\b.*\d", re.I
)
_SHARE = re.compile(
    r"^(?:share(?:\s+(?:this|the|on|via|to)\b.*)?|tweet|email|print|copy link|whatsapp)\s*:?$",
    re.I,
)
_FOLLOW = re.compile(r"^(?:follow|find|like|join)\s+us\b", re.I)
# Calls to action only: a sentence that merely mentions a newsletter is content.
_NEWSLETTER = re.compile(
    r"^(?:(?:sign up|subscribe|register|get|receive|join)\b.{0,60}\bnewsletters?\b"
    r"|(?:our |the |free |daily |weekly )?newsletters?\s*[:.!]?$"
    r"|(?:sign up|subscribe)(?:\s+(?:now|today|here))?\s*[:.!]?$)",
    re.I,
)
_COMMENT_PROMPT = re.compile(
    r"^(?:leave a (?:comment|reply)|post a comment|add a comment|comments?(?:\s*\(\d+\))?"
    r"|\d+\s+comments?|view comments|show comments|join the (?:conversation|discussion)"
    r"|what do you think\??|have your say)\s*[:.!]?$",
    re.I,
)
_RELATED_LINE = re.compile(
    r"^(?:read (?:also|more|next)|also read|see also|related(?: (?:articles?|stories|posts?"
    r"|content|news|coverage|reading|topics))?|you (?:may|might) also (?:like|enjoy|be "
    r"interested in)|more (?:on|about|from) (?:this|the|our)\b.*|recommended(?: for you| reading"
    r"| stories)?|most (?:read|popular|viewed|shared)|trending(?: now| stories)?"
    r"|editors?['’]?s?['’]? (?:picks?|choice)|latest (?:posts|news|stories|articles)|top stories"
    r"|more stories|more news|don['’]t miss|(?:our|full|more) coverage of\b.*|in other news"
    r"|explore more(?: on (?:this|these) topics?)?|keep reading|continue reading)\s*[:.…]?$",
    re.I,
)
_RELATED_PREFIX = re.compile(
    r"^(?:read (?:also|more|next)|also read|see also|related|more|watch|listen|recommended"
    r"|don['’]t miss)\s*:\s*\S",
    re.I,
)
_SITE_FOOTER = re.compile(
    r"^(?:how we (?:verify|report|work)\b.*|about us|contact us|privacy policy|terms (?:of "
    r"(?:use|service)|and conditions)|cookie (?:policy|settings)|all rights reserved.*|©.*"
    r"|copyright\s*(?:©|\(c\)|\d{4}).*|corrections?(?: policy)?|ethics policy|advertise with us"
    r"|masthead|reuse this content)$",
    re.I,
)
# A site's description of itself: only ever trusted after an end-of-article marker.
_FOOTER_BLURB = re.compile(
    r"\b(?:brings you the latest|all rights reserved|copyright \d{4}|registered trademark"
    r"|privacy policy|cookie policy|terms of (?:use|service))\b|©",
    re.I,
)
_ADVERT = re.compile(
    r"^(?:advertisement|advert|ad|sponsored(?: content| post)?|paid (?:content|post)"
    r"|promoted(?: content)?|story continues below(?: advertisement)?|continue reading (?:below"
    r"|the main story)|scroll to (?:continue|read more)|skip (?:advertisement|ad))\s*[:.]?$",
    re.I,
)
_BREADCRUMB_SEPARATOR = re.compile(r"\s[›»>/|]\s|[›»]")
_HOME = re.compile(r"^(?:home|homepage|start)\b\s*[›»>/|]?\s*\S", re.I)
_REPORTS = re.compile(
    r",\s+(?:the\s+)?(?P<outlet>[A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*){0,3})\s+"
    r"(?:reports|writes|informs)(?=[.!]|\s*$)"
)
_WIRE_DATELINE = re.compile(
    r"^[A-Z][\w .,'’-]{1,50}?\s\((?P<outlet>[A-Z][\w .&-]{1,30})\)\s*[-–—]"  # "SEOUL (AP) —"
)
_LEAD_DATELINE = re.compile(r"^(?P<lead>[A-Z][^!?]{0,60}?)\s+[-–—]\s+")  # "SEOUL, Feb. 7 —"

# Reasons set by explicit patterns that also mark where an article's own text has ended.
_END_MARKERS = frozenset(
    {
        "related links",
        "share buttons",
        "comment prompt",
        "newsletter",
        "social links",
        "site footer",
    }
)


@dataclass
class _Unit:
    """A line, or a hard-wrapped paragraph of several lines, with its shape measured."""

    lines: list[int]
    text: str  # the text with Markdown markup removed, for analysis only
    words: int
    sentences: int
    terminal: bool
    heading_like: bool
    title_case: bool
    forced_heading: bool = False  # an HTML <h1>-<h6> or a Markdown "#" line
    image: bool = False
    link_only: bool = False
    reason: str | None = None
    tentative: bool = False  # set by shape rules: undone if they would leave no content

    @property
    def key(self) -> str:
        return _key(self.text)


@dataclass
class _Found:
    """Line reasons plus the metadata read from the text."""

    reasons: list[str | None]
    title: str | None = None
    outlet: str | None = None
    date: str | None = None
    url: str | None = None


def _key(text: str) -> str:
    """Text reduced to lower-case words, to compare headlines."""
    return " ".join(re.findall(r"[^\W_]+", text.lower()))


def _count_sentences(text: str) -> int:
    """Complete sentences (three or more words) in text; abbreviations do not end one."""
    count = 0
    start = 0
    for match in _SENTENCE_END.finditer(text):
        following = match.group(1)
        if following is not None and not (following.isupper() or following.isdigit()):
            continue
        before = text[max(0, match.start() - 24) : match.start()]
        word = before.rsplit(None, 1)[-1].lstrip("\"'“‘(").lower() if before.strip() else ""
        if match.group().startswith(".") and (
            word in _ABBREVIATIONS or len(word) == 1 or re.fullmatch(r"(?:[a-z]\.)+[a-z]", word)
        ):
            continue
        if len(_WORD.findall(text[start : match.end()])) >= 3:
            count += 1
        start = match.end()
    return count


def _is_title_case(text: str) -> bool:
    words = [word for word in _LETTER_WORD.findall(text) if word.lower() not in _MINOR_WORDS]
    if len(words) < 2:
        return bool(words) and words[0][0].isupper()
    return sum(word[0].isupper() for word in words) >= 0.75 * len(words)


class _Analysed(NamedTuple):
    """A line's text with markup removed, and what the markup said about it."""

    text: str
    heading: bool = False  # a Markdown "#" heading
    image: bool = False  # a Markdown image and nothing else
    link_only: bool = False  # a Markdown link and nothing else
    list_item: bool = False  # began with a bullet or number: list items are content, not headings


def _analyse(line: str, markdown: bool) -> _Analysed:
    """Strip Markdown markup and list markers so shape rules see the words."""
    text = line.strip()
    heading = image = link_only = False
    if markdown:
        match = _MD_HEADING.match(text)
        if match:
            heading, text = True, match.group(1)
        image = bool(_MD_IMAGE.match(text))
        text = re.sub(r"^>\s?", "", text)
        link_only = bool(_MD_LINK_ONLY.match(text))
        text = _MD_LINK.sub(r"\1", text)
        text = re.sub(r"\*\*|__|`|(?<!\w)[*_]|[*_](?!\w)", "", text).strip()
    list_item = bool(_LIST_MARKER.match(text))
    text = _LIST_MARKER.sub("", text)
    return _Analysed(text, heading, image, link_only, list_item)


def _make_unit(indices: list[int], line: _Analysed) -> _Unit:
    text = line.text
    words = len(_WORD.findall(text))
    terminal = bool(_TERMINAL.search(text))
    sentences = _count_sentences(text)
    short = words <= 20 and len(text) <= 160
    title_case = short and _is_title_case(text)  # only short lines can be headings
    opens_like_heading = bool(re.match(r"[\"'“‘(\[]*[^\W_]", text)) and not text[0].islower()
    heading_like = (
        short
        and opens_like_heading
        and not line.list_item
        and bool(re.search(r"[^\W\d_]", text))
        and (
            (not terminal and sentences == 0)  # a line holding a whole sentence is not a heading
            or (bool(_QUESTION_END.search(text)) and title_case and sentences <= 1)
        )
        and not text.endswith((",", ";", ":", "-", "–", "—", "/", "&", "("))
    )
    return _Unit(
        lines=indices,
        text=text,
        words=words,
        sentences=sentences,
        terminal=terminal,
        heading_like=heading_like,
        title_case=title_case,
        forced_heading=line.heading,
        image=line.image,
        link_only=line.link_only,
    )


def _continues(first: str, second: str) -> bool:
    """Whether second reads as the rest of first's sentence (a hard-wrapped paragraph)."""
    if _TERMINAL.search(first):
        return False
    if second[:1].islower():
        return True
    last = first.rsplit(None, 1)[-1].lower() if first.strip() else ""
    return first.endswith((",", ";", "-", "–", "—", "(")) or last in _MINOR_WORDS


def _build_units(
    texts: Sequence[str], markdown: bool, hints: Mapping[int, str], skip: int
) -> list[_Unit]:
    """Group lines into units: each line, except hard-wrapped paragraphs which stay together."""
    units: list[_Unit] = []
    block: list[int] = []
    for index in range(skip, len(texts) + 1):
        if index < len(texts) and texts[index].strip():
            block.append(index)
            continue
        if not block:
            continue
        analysed = [_analyse(texts[i], markdown) for i in block]
        stripped = [item.text for item in analysed]
        pairs = list(pairwise(stripped))
        wrapped = (
            len(block) > 1
            and not any(i in hints for i in block)
            and not any(item.heading or item.list_item for item in analysed)
            and sum(_continues(a, b) for a, b in pairs if a and b) * 2 >= len(pairs)
        )
        if wrapped:
            units.append(_make_unit(block, _Analysed(" ".join(stripped))))
        else:
            units.extend(_make_unit([i], item) for i, item in zip(block, analysed, strict=True))
        block = []
    return units


def _front_matter(texts: Sequence[str]) -> tuple[int, dict[str, str]]:
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
    aliases = {
        "title": "title",
        "headline": "title",
        "outlet": "outlet",
        "source": "outlet",
        "publisher": "outlet",
        "publication": "outlet",
        "site": "outlet",
        "site_name": "outlet",
        "date": "date",
        "published": "date",
        "published_at": "date",
        "pubdate": "date",
        "url": "url",
        "link": "url",
        "canonical": "url",
        "source_url": "url",
    }
    fields: dict[str, str] = {}
    for match in pairs:
        if not match or not match.group(2):
            continue
        key = aliases.get(match.group(1).lower())
        value = match.group(2).strip().strip("\"'").strip()
        if key and value and key not in fields:
            fields[key] = value
    if "date" in fields:
        iso = _find_date(fields["date"])
        if iso:
            fields["date"] = iso
        else:
            del fields["date"]
    return end + 1, fields


def _classify(
    texts: Sequence[str],
    *,
    markdown: bool,
    known_title: str | None,
    hints: Mapping[int, str],
) -> _Found:
    """Mark every line as content (None) or furniture (a short reason); read metadata."""
    reasons: list[str | None] = [None] * len(texts)
    skip, front = _front_matter(texts) if markdown else (0, {})
    for index in range(skip):
        reasons[index] = "front matter"
    units = _build_units(texts, markdown, hints, skip)
    for unit in units:
        hint = hints.get(unit.lines[0])
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
    title_key = _classify_top(units[:first_prose], _key(known_title) if known_title else None)
    _classify_middle(units[first_prose:], title_key)
    _classify_end(units, first_prose)
    if all(unit.reason is not None for unit in units):
        for unit in units:  # never leave an article with nothing to read
            if unit.tentative:
                unit.reason = None
    for unit in units:
        for index in unit.lines:
            reasons[index] = unit.reason
    found = _Found(reasons)
    _read_metadata(units, found, front, first_prose)
    return found


def _headingish(unit: _Unit) -> bool:
    return (unit.heading_like or unit.forced_heading) and unit.sentences < 2


def _pattern_reason(unit: _Unit) -> str | None:
    """Furniture recognised by an explicit pattern, whatever the line's position."""
    text = unit.text
    words = unit.words
    if not text or _SEPARATOR_LINE.match(text):
        return "separator"
    if unit.image:
        return "image"
    if words > 80:  # every pattern below is for short lines; long paragraphs are content
        return None
    if _SOURCE_LINE.match(text) and words <= 30 and unit.sentences <= 1:
        return "source line"
    credit = _CREDIT_PREFIX.match(text)
    if credit and words <= 60:
        return "photo credit" if len(_WORD.findall(credit.group("rest"))) <= 10 else "caption"
    if words <= 10 and unit.sentences == 0 and _CREDIT_AGENCY.search(text):
        return "photo credit"
    if _CAPTION_PREFIX.match(text):
        return "caption"
    if words <= 80 and unit.sentences <= 3 and _TRAILING_CREDIT_LABEL.match(text):
        return "caption"
    # "... on March 18. (KCNA)": a paragraph may also end "(Reuters)", so ask for photo words.
    if (
        words <= 80
        and unit.sentences <= 3
        and _TRAILING_CREDIT.search(text)
        and _PHOTO_WORDS.search(text)
    ):
        return "caption"
    if _is_byline(unit) or (words <= 8 and _STAFF_BYLINE.match(text)):
        return "byline"
    if words <= 12 and unit.sentences <= 1 and _DATELINE.match(text) and _find_date(text):
        return "dateline"
    if words <= 10 and unit.sentences <= 1 and _is_bare_date(text):
        return "dateline"
    if words <= 6 and _NAVIGATION.match(text):
        return "navigation"
    if words <= 30 and unit.sentences <= 1 and _TAGS.match(text):
        return "tags"
    if words <= 60 and _COPYRIGHT.search(text):
        return "site footer"
    if words <= 8 and _SHARE.match(text):
        return "share buttons"
    if _is_social_row(text):
        return "share buttons"
    if words <= 12 and _FOLLOW.match(text):
        return "social links"
    if words <= 25 and _NEWSLETTER.search(text):
        return "newsletter"
    if words <= 8 and _COMMENT_PROMPT.match(text):
        return "comment prompt"
    if words <= 12 and (not unit.terminal or words <= 3) and _RELATED_LINE.match(text):
        return "related links"
    if words <= 30 and unit.sentences <= 1 and _RELATED_PREFIX.match(text):
        return "related links"
    if unit.link_only and words <= 20:
        return "related links"
    if words <= 15 and _SITE_FOOTER.match(text):
        return "site footer"
    if words <= 6 and _ADVERT.match(text):
        return "advertisement"
    if _is_layout_label(text):
        return "layout label"
    if words <= 20 and not unit.terminal and len(_BREADCRUMB_SEPARATOR.findall(text)) >= 2:
        return "breadcrumb"
    return None


def _is_bare_date(text: str) -> bool:
    """A line that is a date, perhaps with weekday, time and zone: "Tue 14 Jan 2025 01.47 GMT"."""
    if not _find_date(text):
        return False
    for pattern in _DATE_PATTERNS:
        text = pattern.sub(" ", text)
    return len(_WORD.findall(_DATE_NOISE.sub(" ", text))) <= 1


def _is_byline(unit: _Unit) -> bool:
    match = _BYLINE.match(unit.text)
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
    known = sum(token in _SOCIAL_NAMES for token in tokens)
    return 0 < len(tokens) <= 10 and known >= 2 and known >= 0.6 * len(tokens)


def _is_layout_label(text: str) -> bool:
    if len(text) > 80:
        return False
    tokens = [token.lower() for token in re.findall(r"[\w-]+", text)]
    return (
        2 <= len(tokens) <= 6
        and all(token in _LAYOUT_WORDS for token in tokens)
        and any(token in _LAYOUT_MARKS for token in tokens)
    )


def _mark_captions(units: list[_Unit]) -> None:
    """A line directly above a photo-credit line (no blank line between) is its caption."""
    for previous, unit in pairwise(units):
        if (
            unit.reason == "photo credit"
            and previous.reason is None
            and previous.lines[-1] + 1 == unit.lines[0]
            and previous.words <= 80
        ):
            previous.reason = "caption"


def _classify_top(units: list[_Unit], title_key: str | None) -> str | None:
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


def _is_breadcrumb(unit: _Unit, headline_keys: set[str]) -> bool:
    """ "Home > World > Story" or "Home SECTION Story title" (the title after some labels)."""
    if unit.terminal or unit.words > 25:
        return False
    key = unit.key
    ends_with_headline = any(
        other and key != other and key.endswith(" " + other) for other in headline_keys
    )
    segments = _BREADCRUMB_SEPARATOR.split(unit.text)
    if len(segments) >= 2 and all(1 <= len(_WORD.findall(part)) <= 3 for part in segments):
        return True  # "World | Asia": section names, where a "Title | Outlet" has a long first part
    if _HOME.match(unit.text):
        return (
            ends_with_headline
            or bool(_BREADCRUMB_SEPARATOR.search(unit.text))
            or bool(re.search(r"\b[A-Z]{3,}\b", unit.text))
        )
    prefix_words = len(key.split()) - max(
        (len(other.split()) for other in headline_keys if key.endswith(" " + other)), default=0
    )
    return ends_with_headline and prefix_words <= 6


def _is_section_label(unit: _Unit) -> bool:
    if unit.terminal:
        return False
    letters = re.sub(r"[^\w]", "", unit.text)
    return unit.words <= 2 or (unit.words <= 5 and letters.isupper())


def _classify_middle(units: list[_Unit], title_key: str | None) -> None:
    """Repeated headlines and subheadings; a run of headline-like lines is a block of links."""
    for unit in units:
        if unit.reason is not None:
            continue
        if title_key and unit.key == title_key:
            unit.reason = "repeated headline"
        elif _headingish(unit):
            unit.reason, unit.tentative = "heading", True
    run: list[_Unit] = []
    for unit in [*units, None]:
        if unit is not None and unit.reason == "heading" and unit.tentative:
            run.append(unit)
            continue
        if len(run) >= 2:
            for member in run:
                member.reason = "related links"
        run = []


def _is_story_sentence(unit: _Unit) -> bool:
    """Unclassified text that reads as a sentence of the story (not a site blurb)."""
    return unit.reason is None and unit.sentences >= 1 and not _FOOTER_BLURB.search(unit.text)


def _classify_end(units: list[_Unit], first_prose: int) -> None:
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
            and unit.reason in _END_MARKERS
            and not unit.tentative
            and not story_after[index]
        ),
        None,
    )
    if marker is not None:
        for unit in units[marker + 1 :]:
            if unit.reason in (None, "heading") and unit.sentences < 2:
                blurb = _FOOTER_BLURB.search(unit.text)
                unit.reason = "site footer" if blurb else "related links"
                unit.tentative = False
    last_content = max((i for i, unit in enumerate(units) if unit.reason is None), default=-1)
    for unit in units[last_content + 1 :]:
        if unit.reason == "heading" and unit.tentative:
            unit.reason = "related links"


def _read_metadata(
    units: list[_Unit], found: _Found, front: Mapping[str, str], first_prose: int
) -> None:
    """Title, outlet and date from front matter, title line, byline, dateline and source line."""
    title_unit = next((unit for unit in units if unit.reason == "title"), None)
    source_title, source_outlet = _source_line(units)
    found.title = front.get("title") or (title_unit.text if title_unit else None) or source_title
    found.url = front.get("url")
    content = [unit for unit in units if unit.reason is None]
    bylines = [unit for unit in units if unit.reason == "byline"]
    found.outlet = (
        front.get("outlet")
        or next((o for o in map(_byline_outlet, (u.text for u in bylines)) if o), None)
        or next((m.group("outlet") for u in content[:3] if (m := _REPORTS.search(u.text))), None)
        or next(
            (m.group("outlet") for u in content[:1] if (m := _WIRE_DATELINE.match(u.text))), None
        )
        or source_outlet
    )
    dated = [u for u in units if u.reason in ("byline", "dateline")]
    dated += [
        u
        for u in units[:first_prose]
        if u.words <= 15 and u.reason not in ("caption", "photo credit")
    ]
    lead = [m.group("lead") for u in content[:1] if (m := _LEAD_DATELINE.match(u.text))]
    found.date = front.get("date") or next(
        (d for d in map(_find_date, [u.text for u in dated] + lead) if d), None
    )


def _source_line(units: list[_Unit]) -> tuple[str | None, str | None]:
    """A "Source: <title> - <outlet>" line gives a title and an outlet (or just an outlet)."""
    for unit in reversed(units):
        if unit.reason != "source line":
            continue
        rest = _SOURCE_LINE.match(unit.text)
        if rest is None:
            continue
        text = rest.group("rest").strip()
        tail = _SOURCE_TAIL.match(text)
        if tail:
            return tail.group("title").strip(), tail.group("outlet").strip()
        if unit.words <= 5:
            return None, text
        return text, None
    return None, None


def _byline_outlet(text: str) -> str | None:
    """The outlet a byline names: "by · NY Times", "By A, Reuters", "by EUToday Correspondents"."""
    match = _BYLINE.match(text)
    if not match:
        staff = _STAFF_BYLINE.match(text)
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
            if not _find_date(part) and not _JOB_TITLE.search(part) and not re.search(r"\d", part):
                return part
        return None
    if len(parts) == 1 and _STAFF_WORDS.search(parts[0]):
        return _STAFF_WORDS.sub("", parts[0]).strip() or None
    return None
