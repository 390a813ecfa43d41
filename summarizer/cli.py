"""The command line: a thin click layer over summarizer.pipeline and summarizer.render."""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable, Sequence
from typing import NoReturn

import click

from . import __version__
from .errors import SummarizerError
from .ingest import DEFAULT_MAX_BYTES, DEFAULT_MAX_FILES, load_articles
from .models import Article
from .pipeline import Options, analyse, build_briefing, inspect_article, summarize_articles
from .summarise import ALGORITHMS
from .themes import builtin_themes_text
from .writer import check_output_path, write_atomic

PROG = "summarizer"


def _input_options(command: click.Command) -> click.Command:
    """Options every command that reads articles shares."""
    for option in reversed(
        [
            click.option(
                "--sources",
                "manifest",
                type=click.Path(dir_okay=False),
                help="TOML manifest giving id, title, outlet, date and url per input file.",
            ),
            click.option(
                "--max-bytes",
                type=click.IntRange(min=1),
                default=DEFAULT_MAX_BYTES,
                show_default=True,
                help="Largest article text per input, in bytes (HTML and JSON files may be "
                "50x larger before extraction); all inputs together may hold 2x this.",
            ),
            click.option(
                "--max-files",
                type=click.IntRange(min=1),
                default=DEFAULT_MAX_FILES,
                show_default=True,
                help="Most input files (each JSON record counts as one article).",
            ),
        ]
    ):
        command = option(command)
    return command


def _summary_options(command: click.Command) -> click.Command:
    for option in reversed(
        [
            click.option(
                "--algorithm",
                type=click.Choice(ALGORITHMS),
                default="lexrank",
                show_default=True,
                help="sumy algorithm that ranks each article's sentences.",
            ),
            click.option(
                "--sentences",
                type=click.IntRange(min=1),
                default=5,
                show_default=True,
                help="Sentences per article summary.",
            ),
            click.option(
                "--words",
                type=click.IntRange(min=1),
                default=None,
                help="Word budget per article summary (overrides --sentences).",
            ),
        ]
    ):
        command = option(command)
    return command


def _format_option(*formats: str) -> Callable[[click.Command], click.Command]:
    """``-f/--format`` with the command's formats; the first is the default."""
    return click.option(
        "-f", "--format", "fmt", type=click.Choice(formats), default=formats[0], show_default=True
    )


_output_option = click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=True),
    default=None,
    help="Write to this file (atomically) instead of standard output.",
)
_templates_option = click.option(
    "--templates",
    "templates_dir",
    type=click.Path(exists=True, file_okay=False),
    default=None,
    help="Folder of templates that override the built-in ones by name.",
)
_themes_option = click.option(
    "--themes",
    default=None,
    metavar="FILE|auto|builtin",
    help="Themes TOML file, 'auto' to discover themes, or 'builtin'. "
    "Default: the built-in themes if they fit the articles, otherwise auto.",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name=PROG)
def cli() -> None:
    """Comparative, extractive briefings from news articles about one story.

    Every sentence shown is quoted verbatim from an input file, with its source id and
    character offsets. Works offline.

    \b
    Examples:
      summarizer brief seeds/
      summarizer brief seeds/ --format html -o briefing.html
      summarizer summarize seeds/001_fa4f70a1447067d8.txt --sentences 3
      summarizer inspect seeds/003_d06e6ac7dba8fc6a.txt
      summarizer figures seeds/
      summarizer themes seeds/ --write my-themes.toml
    """


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@_format_option("md", "html", "json")
@_output_option
@_themes_option
@click.option("--title", default=None, help="Title of the briefing (default: from the sources).")
@_summary_options
@click.option(
    "--per-cell",
    type=click.IntRange(min=1),
    default=2,
    show_default=True,
    help="Sentences per source in each theme row.",
)
@click.option(
    "--digest-words",
    type=click.IntRange(min=10),
    default=120,
    show_default=True,
    help="Word budget of 'The story in brief'.",
)
@_templates_option
@_input_options
def brief(
    paths: tuple[str, ...],
    fmt: str,
    output: str | None,
    themes: str | None,
    title: str | None,
    algorithm: str,
    sentences: int,
    words: int | None,
    per_cell: int,
    digest_words: int,
    templates_dir: str | None,
    manifest: str | None,
    max_bytes: int,
    max_files: int,
) -> None:
    """Compare articles side by side by theme: the full briefing.

    PATHS are files, folders (read recursively), glob patterns or '-' for standard input.
    Formats: .txt, .md, .html/.htm, .json/.jsonl.

    \b
    Examples:
      summarizer brief seeds/ -o briefing.md
      summarizer brief seeds/*.txt --format json -o briefing.json
      summarizer brief seeds/ --themes my-themes.toml --per-cell 3
      cat article.txt | summarizer brief - other.html
    """
    from .render import render_briefing

    if output:
        check_output_path(output, paths)
    articles, warnings = _load(paths, manifest, max_bytes, max_files)
    options = Options(
        algorithm=algorithm,
        sentences=None if words else sentences,
        words=words,
        per_cell=per_cell,
        digest_words=digest_words,
        themes=themes,
        title=title,
    )
    briefing = build_briefing(articles, options, warnings)
    _emit(render_briefing(briefing, fmt, templates_dir=templates_dir), output, paths)


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@_format_option("text", "md", "json")
@_output_option
@_summary_options
@_templates_option
@_input_options
def summarize(
    paths: tuple[str, ...],
    fmt: str,
    output: str | None,
    algorithm: str,
    sentences: int,
    words: int | None,
    templates_dir: str | None,
    manifest: str | None,
    max_bytes: int,
    max_files: int,
) -> None:
    """Per-article extractive summaries only, no comparison.

    \b
    Examples:
      summarizer summarize seeds/ --sentences 3
      summarizer summarize article.html --words 80 --format json
    """
    from .render import render_summaries

    if output:
        check_output_path(output, paths)
    articles, _ = _load(paths, manifest, max_bytes, max_files)
    options = Options(algorithm=algorithm, sentences=None if words else sentences, words=words)
    sources = summarize_articles(articles, options)
    _emit(render_summaries(sources, fmt, templates_dir=templates_dir), output, paths)


@cli.command()
@click.argument("path")
@_format_option("text", "json")
@_themes_option
@_templates_option
@_input_options
def inspect(
    path: str,
    fmt: str,
    themes: str | None,
    templates_dir: str | None,
    manifest: str | None,
    max_bytes: int,
    max_files: int,
) -> None:
    """Show one article as the pipeline sees it.

    Every sentence with its character span, whether it was dropped as page furniture
    (and why), its themes and its figures.

    \b
    Example:
      summarizer inspect seeds/003_d06e6ac7dba8fc6a.txt
    """
    from .render import render_inspect

    articles, _ = _load((path,), manifest, max_bytes, max_files)
    chunks = []
    for article in articles:
        seen = inspect_article(article, themes)
        chunks.append(
            render_inspect(
                article,
                seen.analysis.sentences,
                seen.themes_by_sentence,
                seen.figures_by_sentence,
                fmt,
                templates_dir=templates_dir,
            )
        )
    _emit("".join(chunks), None, ())


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@_format_option("text", "md", "json")
@_output_option
@_templates_option
@_input_options
def figures(
    paths: tuple[str, ...],
    fmt: str,
    output: str | None,
    templates_dir: str | None,
    manifest: str | None,
    max_bytes: int,
    max_files: int,
) -> None:
    """Compare the numbers the sources report: who says what, and where they diverge.

    \b
    Examples:
      summarizer figures seeds/
      summarizer figures seeds/ --format json -o figures.json
    """
    from .render import render_figures

    if output:
        check_output_path(output, paths)
    articles, warnings = _load(paths, manifest, max_bytes, max_files)
    briefing = build_briefing(articles, Options(), warnings)
    _emit(
        render_figures(briefing.figures, briefing.sources, fmt, templates_dir=templates_dir),
        output,
        paths,
    )


@cli.command()
@click.argument("paths", nargs=-1)
@click.option(
    "--write",
    "write_path",
    type=click.Path(dir_okay=True),
    default=None,
    help="Write the proposed themes file here instead of printing it.",
)
@click.option("--builtin", is_flag=True, help="Print the built-in themes file and exit.")
@_input_options
def themes(
    paths: tuple[str, ...],
    write_path: str | None,
    builtin: bool,
    manifest: str | None,
    max_bytes: int,
    max_files: int,
) -> None:
    """Propose a themes file (the TOML --themes reads) discovered from the articles.

    \b
    Examples:
      summarizer themes seeds/ --write my-themes.toml
      summarizer themes --builtin > my-themes.toml
    """
    from .autothemes import discover_themes, themes_to_toml

    if builtin:
        _emit(builtin_themes_text(), write_path, ())
        return
    if not paths:
        raise SummarizerError("give the articles to discover themes from (or --builtin)")
    if write_path:
        check_output_path(write_path, paths)
    articles, _ = _load(paths, manifest, max_bytes, max_files)
    content = [s for a in articles for s in analyse(a).content]
    _emit(themes_to_toml(discover_themes(content)), write_path, paths)


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@_format_option("md", "html", "json")
@click.option(
    "-o",
    "--output",
    "out_dir",
    type=click.Path(file_okay=False),
    default=None,
    help="Folder to write the index and one briefing per story into (created if missing).",
)
@_themes_option
@_templates_option
@click.option(
    "--dask",
    "dask_address",
    metavar="ADDRESS",
    default=None,
    help="Run the per-article stage on the Dask scheduler at ADDRESS (e.g. tcp://host:8786); "
    "needs the 'dask' extra. The output is the same as a local run.",
)
@_input_options
def stories(
    paths: tuple[str, ...],
    fmt: str,
    out_dir: str | None,
    themes: str | None,
    templates_dir: str | None,
    dask_address: str | None,
    manifest: str | None,
    max_bytes: int,
    max_files: int,
) -> None:
    """Group a mixed pile of articles into stories, one briefing per story.

    Articles that report the same real-world event form a story. Without -o, print the
    index of stories (with --format json: the grouping itself). With -o DIR, write
    DIR/index.FORMAT and DIR/<story id>.FORMAT, a full briefing for every story with two or
    more sources; articles that fit no story are listed as single-source stories.

    \b
    Examples:
      summarizer stories news/ --format json
      summarizer stories news/ -o stories/ --format html
      summarizer stories archive/ --format json --dask tcp://scheduler:8786
    """
    from .render import grouping_to_dict, render_briefing, render_story_index, to_json
    from .stories import group_stories, lead_sentence

    articles, warnings = _load(paths, manifest, max_bytes, max_files)
    if dask_address:
        from .distributed import dask_map

        with dask_map(dask_address) as mapper:
            grouping = group_stories(articles, mapper=mapper)
    else:
        grouping = group_stories(articles)
    if out_dir is None:
        if fmt == "json":
            _emit(to_json(grouping_to_dict(grouping)), None, ())
            return
        by_id = {a.id: a for a in articles}
        leads = {s.id: lead_sentence(by_id[s.central]) for s in grouping.stories}
        _emit(
            render_story_index(
                grouping,
                fmt,
                leads=leads,
                briefings={},
                warnings=warnings,
                templates_dir=templates_dir,
            ),
            None,
            (),
        )
        return
    inputs = [*paths, *(a.path for a in articles)]
    _check_story_folder(out_dir, inputs)
    by_id = {a.id: a for a in articles}
    leads = {s.id: lead_sentence(by_id[s.central]) for s in grouping.stories}
    pages: dict[str, str] = {}
    files: dict[str, str] = {}
    for story in grouping.stories:
        if len(story.sources) < 2:
            continue
        members = [by_id[s.id] for s in story.sources]
        briefing = build_briefing(members, Options(themes=themes, title=story.title))
        files[story.id] = f"{story.id}.{fmt}"
        pages[files[story.id]] = render_briefing(briefing, fmt, templates_dir=templates_dir)
    pages[f"index.{fmt}"] = render_story_index(
        grouping, fmt, leads=leads, briefings=files, warnings=warnings, templates_dir=templates_dir
    )
    os.makedirs(out_dir, exist_ok=True)
    for name, text in pages.items():
        target = os.path.join(out_dir, name)
        check_output_path(target, inputs)
        write_atomic(target, text)


def _check_story_folder(folder: str, inputs: Sequence[str]) -> None:
    """Refuse an output folder that is a file, or that is or holds one of the inputs."""
    if os.path.exists(folder) and not os.path.isdir(folder):
        raise SummarizerError(f"{folder}: output path is not a folder")
    root = os.path.realpath(folder)
    for source in inputs:
        if source == "-" or not os.path.exists(source):
            continue
        real = os.path.realpath(source)
        if real == root or real.startswith(root + os.sep):
            raise SummarizerError(f"{folder}: output folder holds the input {source}")
    parent = os.path.dirname(os.path.abspath(folder))
    if not os.path.isdir(folder) and not os.access(parent, os.W_OK | os.X_OK):
        raise SummarizerError(f"{folder}: output folder cannot be created here")


def _load(
    paths: Sequence[str], manifest: str | None, max_bytes: int, max_files: int
) -> tuple[tuple[Article, ...], tuple[str, ...]]:
    # load_articles expands folders and globs itself, so that a bad file inside a folder is
    # skipped with a warning while a bad file named on the command line is an error.
    return load_articles(
        paths, manifest=manifest, max_bytes=max_bytes, max_files=max_files, stdin=sys.stdin.buffer
    )


def _emit(text: str, output: str | None, inputs: Sequence[str]) -> None:
    if output:
        check_output_path(output, inputs)
        write_atomic(output, text)
        return
    stream = sys.stdout
    stream.write(text)
    stream.flush()


def _fail(message: str, code: int) -> NoReturn:
    click.echo(f"{PROG}: error: {message}", err=True)
    sys.exit(code)


class Interrupted(BaseException):
    """Ctrl-C or SIGTERM; a BaseException that click does not intercept, so we report it."""


def _interrupt(signum: int, _frame: object) -> None:
    # Raised wherever the run is; the atomic writer then removes its temporary file.
    raise Interrupted


def main(argv: Sequence[str] | None = None) -> None:
    """Entry point: one-line errors and exit codes instead of tracebacks."""
    previous = {sig: signal.signal(sig, _interrupt) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        code = cli.main(args=argv, prog_name=PROG, standalone_mode=False)
    except SummarizerError as error:
        _fail(str(error).splitlines()[0] if str(error) else "failed", error.exit_code)
    except click.exceptions.UsageError as error:
        _fail(error.format_message().replace("\n", " "), 2)
    except (Interrupted, KeyboardInterrupt, click.exceptions.Abort):
        _fail("interrupted; no output was written", 130)
    except BrokenPipeError:
        # The reader went away (e.g. `| head`); not an error worth a message.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)
    except MemoryError:
        _fail("out of memory; try fewer or smaller inputs (--max-bytes, --max-files)", 1)
    except Exception as error:
        if os.environ.get("SUMMARIZER_DEBUG"):
            raise
        _fail(
            f"internal error: {type(error).__name__}: {error} (set SUMMARIZER_DEBUG=1 for details)",
            1,
        )
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    sys.exit(code if isinstance(code, int) else 0)
