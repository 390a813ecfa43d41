"""Finding the input files: expand paths, directories, globs and stdin, and the size limits."""

from __future__ import annotations

import glob
import os
import select
import tomllib
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from summarizer.defaults import DEFAULT_MAX_BYTES as DEFAULT_MAX_BYTES
from summarizer.defaults import DEFAULT_MAX_FILES
from summarizer.errors import SummarizerError
from summarizer.models import Article

if TYPE_CHECKING:
    from collections.abc import Callable


# DEFAULT_MAX_BYTES and DEFAULT_MAX_FILES live in summarizer.defaults (why they are what they
# are is explained there) so that the command line can show them without importing ingest.
# All inputs together may hold this many times --max-bytes of article text (25 MB: 5,000
# articles of a typical 5 KB; ECB+'s 982 articles hold 1.9 MB).
TOTAL_TEXT_FACTOR = 250
# HTML and JSON files are mostly markup, so the file itself may be this many times --max-bytes.
MARKUP_FACTOR = 50
FETCH_TIMEOUT = 20.0  # seconds for fetching one URL input, connection to last byte

STDIN = "-"


def is_url(text: str) -> bool:
    """Whether an input argument is a web address (http or https) rather than a path."""
    return text[:8].lower().startswith(("http://", "https://"))


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
# --format names the parser accepts for a record or an input, mapped to the format read.
FORMAT_ALIASES = {
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


# --------------------------------------------------------------------------------------------
# Finding the input files
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class InputFile:
    """One file to read, and whether it was found by expansion rather than named explicitly."""

    path: str
    expanded: bool  # found in a directory or by a glob: a bad file is skipped, not fatal


def expand_inputs(paths: Sequence[str], *, max_files: int = DEFAULT_MAX_FILES) -> list[str]:
    """Expand files, directories, glob patterns and "-" (stdin) into a de-duplicated file list."""
    inputs, _warnings = expand_with_warnings(paths, max_files)
    return [item.path for item in inputs]


def expand_with_warnings(paths: Sequence[str], max_files: int) -> tuple[list[InputFile], list[str]]:
    """Expand inputs, returning them with the warnings collected on the way."""
    if not paths:
        raise SummarizerError("no input files given")
    found: list[InputFile] = []
    seen: set[str] = set()
    warnings: list[str] = []

    def add(path: str, expanded: bool, origin: str) -> None:
        key = path if path == STDIN or is_url(path) else os.path.normcase(os.path.realpath(path))
        if key in seen:
            return
        seen.add(key)
        found.append(InputFile(path, expanded))
        if len(found) > max_files:
            raise SummarizerError(
                f"{origin}: more than {max_files} input files; raise the limit with --max-files"
            )

    for given in paths:
        if given == STDIN:
            add(STDIN, False, STDIN)
        elif is_url(given):  # fetched later, by load_articles
            add(given, False, given)
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
        elif extension_format(match) is not None:
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
    if extension_format(path) is None:
        suffix = Path(path).suffix or "(none)"
        raise SummarizerError(
            f"{path}: unsupported file type {suffix} (supported: {_SUPPORTED_LIST})"
        )


def _is_glob(path: str) -> bool:
    return any(char in path for char in "*?[")


@cache
def format_names() -> dict[str, Any]:
    """The input formats' metadata names (``data/formats.toml``: front-matter keys, HTML meta
    names); shared, treat as read-only."""
    text = resources.files("summarizer").joinpath("data/formats.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def extension_format(path: str) -> str | None:
    """The input format a path's extension stands for ("txt", "html", ...), None if unsupported."""
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
        elif is_file and extension_format(entry.path) is not None:
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
# Size limits
# --------------------------------------------------------------------------------------------


def file_limit(path: str, max_bytes: int) -> tuple[int, str]:
    """The most bytes to read from an input, and the words that say which limit that is.

    Plain text and Markdown are nearly all article text, so --max-bytes applies to the file.
    HTML and JSON (and standard input, whose format is not yet known) are mostly markup: the
    file may be larger, and its extracted text is checked against --max-bytes afterwards.
    """
    if path != STDIN and not is_url(path) and extension_format(path) in ("txt", "md"):
        return max_bytes, ""
    return (
        max_bytes * MARKUP_FACTOR,
        f" for HTML, JSON and standard input ({MARKUP_FACTOR} × --max-bytes)",
    )


def checked_text_size(article: Article, max_bytes: int) -> int:
    """The UTF-8 size of an article's text, refusing one over --max-bytes."""
    size = _utf8_size(article.raw)
    if size > max_bytes:
        shown, limit = format_sizes(size, max_bytes)
        raise SummarizerError(
            f"{article.path}: article text is {shown}, over the {limit} limit; "
            "raise it with --max-bytes"
        )
    return size


def check_total(path: str, text_bytes: int, max_bytes: int) -> None:
    """Refuse a run whose inputs together hold more article text than it can summarise."""
    limit = max_bytes * TOTAL_TEXT_FACTOR
    if text_bytes > limit:
        raise SummarizerError(
            f"{path}: the inputs up to here hold {format_size(text_bytes)} of article text, over"
            f" the {format_size(limit)} limit for all inputs together"
            f" ({TOTAL_TEXT_FACTOR} × --max-bytes); raise it with --max-bytes"
        )


def _utf8_size(text: str) -> int:
    return len(text) if text.isascii() else len(text.encode("utf-8", "surrogatepass"))


def format_size(count: int) -> str:
    """A byte count as people read it: "1.5 MB", "100 KB", "512 bytes"."""
    if count >= 1_000_000:
        return f"{count / 1_000_000:.1f}".rstrip("0").rstrip(".") + " MB"
    if count >= 1_000:
        return f"{count / 1_000:.1f}".rstrip("0").rstrip(".") + " KB"
    return f"{count} bytes"


def format_sizes(count: int, limit: int) -> tuple[str, str]:
    """Both sizes for "X, over the Y limit", exact when rounding would make them look equal."""
    if format_size(count) == format_size(limit):
        return f"{count:,} bytes", f"{limit:,}-byte"
    return format_size(count), format_size(limit)


# --------------------------------------------------------------------------------------------
# Reading an input's bytes
# --------------------------------------------------------------------------------------------

# A named pipe or device given as an input may never deliver anything (no writer): waiting
# forever would hang the run, so it must produce data within this many seconds, between chunks.
PIPE_TIMEOUT = 30.0
_CHUNK = 1 << 16


def read_stdin(stream: BinaryIO | None, limit: int) -> bytes:
    """Up to ``limit`` bytes of standard input; a closed stdin (``<&-``) is a clear error."""
    if stream is None:
        raise SummarizerError("-: standard input is closed; nothing to read")
    try:
        return stream.read(limit)
    except OSError as error:
        raise SummarizerError(f"-: cannot read standard input ({error.strerror})") from None


def read_pipe(path: str, limit: int) -> bytes:
    """Up to ``limit`` bytes from a named pipe or device, without hanging when it has no writer:
    opened without blocking, it must deliver data within ``PIPE_TIMEOUT`` seconds (per chunk).
    """
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    try:
        poller = select.poll()
        poller.register(descriptor, select.POLLIN)
        chunks: list[bytes] = []
        size = 0
        while size < limit:
            if not poller.poll(PIPE_TIMEOUT * 1000):
                raise SummarizerError(
                    f"{path}: not a regular file, and no data came within {PIPE_TIMEOUT:g} s "
                    "(a named pipe with no writer?)"
                )
            try:
                chunk = os.read(descriptor, min(_CHUNK, limit - size))
            except BlockingIOError:
                continue
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        return b"".join(chunks)
    finally:
        os.close(descriptor)
