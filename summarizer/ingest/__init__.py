"""Ingestion: turn saved web articles (text, Markdown, HTML, JSON) into ``Article``s.

This is the only stage that touches the file system; everything after it is pure.

Modules, in stage order: ``paths`` (input expansion, ``STDIN``, supported extensions and the
size limits), ``metadata`` (ids, the --sources manifest, title/outlet/date/url read from the
text), ``parse`` (one input's bytes to ``Article``s, JSON records), ``decode`` (binary
detection, decoding, normalisation and the offset map), ``html`` (HTML extraction), ``dates``,
``furniture_patterns``, ``units`` and ``furniture`` (content or page-furniture lines),
``language`` (is the text English?) and ``fetch`` (the network edge: URL inputs). This
module reads the inputs (``load_articles``).
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, replace
from functools import partial
from itertools import chain
from typing import Any, BinaryIO

from summarizer.errors import SummarizerError, cannot_read
from summarizer.models import Article

from .decode import printable
from .language import looks_english
from .metadata import assign_ids, make_unique, manifest_key, read_manifest
from .parse import ArticleDraft, build_article, parse_article, parse_drafts, parse_records
from .paths import (
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_FILES,
    FETCH_TIMEOUT,
    MARKUP_FACTOR,
    STDIN,
    SUPPORTED_EXTENSIONS,
    TOTAL_TEXT_FACTOR,
    InputFile,
    check_total,
    checked_text_size,
    expand_inputs,
    expand_with_warnings,
    extension_format,
    file_limit,
    format_size,
    format_sizes,
    is_url,
    read_pipe,
    read_stdin,
)

__all__ = [
    "DEFAULT_MAX_BYTES",
    "DEFAULT_MAX_FILES",
    "MARKUP_FACTOR",
    "STDIN",
    "SUPPORTED_EXTENSIONS",
    "TOTAL_TEXT_FACTOR",
    "PathArg",
    "assign_ids",
    "expand_inputs",
    "load_articles",
    "parse_article",
    "printable",
    "read_manifest",
]


PathArg = str | os.PathLike[str]


def load_articles(
    paths: PathArg | Iterable[PathArg], **options: Any
) -> tuple[tuple[Article, ...], tuple[str, ...]]:
    """Read and parse every input; return the articles and all warnings.

    ``paths`` is one path (``str`` or ``Path``) or an iterable of them. Pass the user's paths as
    given (not pre-expanded) so a bad file found inside a directory is skipped with a warning
    instead of stopping the run. The keyword ``options`` are ``reading_articles``'s: manifest,
    max_bytes, stdin, max_files, allow_network, fetch_timeout and jobs.
    """
    with reading_articles(paths, **options) as finish:
        return finish()


Loaded = tuple[tuple[Article, ...], tuple[str, ...]]  # the articles and the reading's warnings


@contextmanager
def reading_articles(
    paths: PathArg | Iterable[PathArg],
    *,
    manifest: PathArg | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    stdin: BinaryIO | None = None,
    max_files: int = DEFAULT_MAX_FILES,
    allow_network: bool = True,
    fetch_timeout: float = FETCH_TIMEOUT,
    jobs: int = 1,
) -> Iterator[Callable[[], Loaded]]:
    """``load_articles``, started: with workers, they read while the caller does other work
    (the command line imports the stages meanwhile); call the function yielded for the result.

    An http(s) URL is fetched (the only network access) unless ``allow_network`` is false; a
    failed fetch is skipped with a warning as long as another source remains. ``jobs``: worker
    processes that decode the files and classify the articles' lines (local files only; the
    result is the same for any number).

    The inputs are expanded and the manifest read on entry, so their errors come at once.
    """
    path_list = _path_list(paths)
    if not allow_network:
        _refuse_urls(path_list)
    inputs, warnings = expand_with_warnings(path_list, max_files)
    manifest = os.fspath(manifest) if manifest is not None else None
    entries = read_manifest(manifest) if manifest else {}
    ids = assign_ids([item.path for item in inputs])
    local = all(item.path != STDIN and not is_url(item.path) for item in inputs)
    if jobs > 1 and local:
        reading = _read_in_workers(inputs, ids, max_bytes, jobs)
    else:
        reading = nullcontext(_read_each(inputs, ids, max_bytes, stdin, fetch_timeout))
    with reading as outcomes:
        yield partial(
            _gathered, inputs, outcomes, warnings, manifest, entries, max_bytes, max_files
        )


def _gathered(
    inputs: Sequence[InputFile],
    outcomes: Iterable[Outcome],
    warnings: list[str],
    manifest: str | None,
    entries: Mapping[str, Mapping[str, str]],
    max_bytes: int,
    max_files: int,
) -> Loaded:
    """The inputs' articles and warnings from their reading outcomes, input by input: skips,
    limits, the manifest's metadata, unique ids and the language warnings."""
    manifest_dir = os.path.dirname(os.path.abspath(manifest)) if manifest else ""
    used: set[str] = set()
    articles: list[Article] = []
    english: list[bool] = []
    skipped: list[str] = []
    text_bytes = 0
    for item, outcome in zip(inputs, outcomes, strict=True):
        try:
            if isinstance(outcome, SummarizerError):
                raise outcome
            records = [article for article, _ in outcome]
            sizes = [checked_text_size(record, max_bytes) for record in records]
        except SummarizerError as error:
            if not item.expanded and not is_url(item.path):
                raise
            skipped.append(f"skipped {error}")
            continue
        # Unlike one bad file, too much in total is fatal: dropping articles silently would
        # change the briefing without the user noticing.
        text_bytes += sum(sizes)
        check_total(item.path, text_bytes, max_bytes)
        if len(articles) + len(records) > max_files:
            raise SummarizerError(
                f"{item.path}: more than {max_files} articles (each JSON record counts as "
                "one); raise the limit with --max-files"
            )
        key = manifest_key(item.path, entries, manifest_dir)
        if key is not None:
            used.add(key)
            records = [replace(record, **entries[key]) for record in records]
        for record in records:
            warnings.extend(record.warnings)
        articles.extend(records)
        english.extend(looks for _, looks in outcome)
    warnings.extend(skipped)
    if not articles:
        detail = f"; {skipped[0]}" if skipped else ""
        raise SummarizerError(f"no readable articles among the inputs{detail}")
    warnings.extend(
        f"{manifest}: no input matches [[source]] path {key!r}"
        for key in entries
        if key not in used
    )
    articles = _with_unique_ids(articles, warnings)
    warnings.extend(
        f"{article.id} ({article.path}) does not look like English text; results will be poor."
        for article, looks in zip(articles, english, strict=True)
        if not looks
    )
    # Warnings name paths, which may hold undecodable bytes; they end up in the output.
    return tuple(articles), tuple(printable(warning) for warning in warnings)


# What reading one input gave: its articles, each with whether it looks English, or the error.
Outcome = list[tuple[Article, bool]] | SummarizerError


def _read_each(
    inputs: Sequence[InputFile],
    ids: Sequence[str],
    max_bytes: int,
    stdin: BinaryIO | None,
    fetch_timeout: float,
) -> Iterator[Outcome]:
    """Read the inputs one by one, in this process, as the caller asks for them (a fatal error
    stops the reading: no later URL is fetched)."""
    for item, ident in zip(inputs, ids, strict=True):
        if not is_url(item.path):
            yield _run_job(_FileJob(item.path, ident, max_bytes, stdin))
            continue
        try:
            records = _fetched_records(item.path, ident, max_bytes, fetch_timeout)
        except SummarizerError as error:
            yield error
            continue
        yield _with_language(records)


def _with_language(records: Iterable[Article]) -> Outcome:
    return [(record, looks_english(record.body)) for record in records]


@dataclass(frozen=True)
class _FileJob:
    """A local file (or standard input) to read and parse whole."""

    path: str
    id: str
    max_bytes: int
    stdin: BinaryIO | None = None  # only outside the workers: a stream does not pickle


_Job = _FileJob | ArticleDraft | SummarizerError


@contextmanager
def _read_in_workers(
    inputs: Sequence[InputFile], ids: Sequence[str], max_bytes: int, jobs: int
) -> Iterator[Iterator[Outcome]]:
    """Read local inputs in ``jobs`` worker processes; yield each input's outcome in order.

    A JSON file is split into its records here, so that one file of many articles spreads over
    the workers too; any other file is read and parsed by a worker.
    """
    from summarizer.parallel import started_in_order  # multiprocessing: only when it is used

    planned = [_plan(item.path, ident, max_bytes) for item, ident in zip(inputs, ids, strict=True)]
    flat = [job for plan in planned for job in plan]
    # The first job runs here, before the workers fork: they inherit what it loaded on first use
    # (word lists, compiled patterns) instead of each loading it again.
    first = [_run_job(job) for job in flat[:1]]
    with started_in_order(_run_job, flat[1:], jobs) as rest:
        results = chain(first, rest)
        yield (_combined([next(results) for _ in plan]) for plan in planned)


def _plan(path: str, ident: str, max_bytes: int) -> list[_Job]:
    """The jobs that read one local input: its JSON records' drafts, or the file itself."""
    if extension_format(path) not in ("json", "jsonl"):
        return [_FileJob(path, ident, max_bytes)]
    try:
        data = _read_input(path, max_bytes, None)
        return list(parse_drafts(data, path=path, id=ident, format=None))
    except SummarizerError as error:
        return [error]


def _run_job(job: _Job) -> Outcome:
    """Do one reading job (in a worker process, or in this one without workers)."""
    if isinstance(job, SummarizerError):
        return job
    try:
        if isinstance(job, _FileJob):
            data = _read_input(job.path, job.max_bytes, job.stdin)
            records = parse_records(data, path=job.path, id=job.id, format=None)
        else:
            records = [build_article(job)]
    except SummarizerError as error:
        return error
    return _with_language(records)


def _combined(outcomes: Sequence[Outcome]) -> Outcome:
    """One input's outcome from its jobs' outcomes: the first error, else all the articles."""
    for outcome in outcomes:
        if isinstance(outcome, SummarizerError):
            return outcome
    return [pair for outcome in outcomes for pair in outcome]  # type: ignore[union-attr]


def _refuse_urls(paths: Iterable[str]) -> None:
    """Refuse web addresses (``--offline``), so that a run provably makes no network access."""
    for given in paths:
        if is_url(given):
            raise SummarizerError(
                f"{given}: URLs are refused with --offline; save the page and pass the file"
            )


def _with_unique_ids(articles: list[Article], warnings: list[str]) -> list[Article]:
    """The articles with duplicate ids (several JSON records, a manifest) made unique, warning."""
    unique = make_unique([article.id for article in articles])
    result = []
    for article, ident in zip(articles, unique, strict=True):
        if ident != article.id:
            warnings.append(f"{article.path}: id {article.id!r} is already taken; using {ident!r}")
            article = replace(article, id=ident)
        result.append(article)
    return result


def _path_list(paths: PathArg | Iterable[PathArg]) -> list[str]:
    """One path or many, as strings; a lone ``str`` is a path, not an iterable of characters."""
    if isinstance(paths, str | os.PathLike):
        paths = [paths]
    result = [os.fspath(path) for path in paths]
    for path in result:
        if not isinstance(path, str):
            raise TypeError(f"paths must be str or os.PathLike[str], not {type(path).__name__}")
    return result


def _fetched_records(url: str, ident: str, max_bytes: int, timeout: float) -> list[Article]:
    """Fetch a page the user named by URL and read it as a saved HTML page."""
    from .fetch import fetch  # the network edge: urllib is loaded only when a URL is given

    limit, _scope = file_limit(url, max_bytes)
    final_url, data = fetch(url, max_bytes=limit, timeout=timeout)  # FetchError: skipped
    records = parse_records(data, path=url, id=ident, format="html")
    return [replace(record, url=record.url or final_url) for record in records]


def _read_input(path: str, max_bytes: int, stdin: BinaryIO | None) -> bytes:
    """Read one input's bytes, refusing a file too large for its format before reading it."""
    limit, scope = file_limit(path, max_bytes)
    if path == STDIN:
        stream = stdin if stdin is not None else getattr(sys.stdin, "buffer", None)
        data = read_stdin(stream, limit + 1)
        if len(data) > limit:
            raise SummarizerError(
                f"-: standard input is over the {format_size(limit)} limit{scope}; "
                "raise it with --max-bytes"
            )
        return data
    try:
        info = os.stat(path)
        size = info.st_size
        if size > limit:
            shown, limit_text = format_sizes(size, limit)
            raise SummarizerError(
                f"{path}: file is {shown}, over the {limit_text} limit{scope}; "
                "raise it with --max-bytes"
            )
        if stat.S_ISREG(info.st_mode):
            with open(path, "rb") as handle:
                data = handle.read(limit + 1)
        else:  # a named pipe or device: read without hanging when nothing comes
            data = read_pipe(path, limit + 1)
    except OSError as error:
        raise cannot_read(path, error, "file") from None
    if len(data) > limit:  # the file grew while we read it
        raise SummarizerError(
            f"{path}: file is over the {format_size(limit)} limit{scope}; raise it with --max-bytes"
        )
    return data
