"""The command line: a thin click layer over summarizer.pipeline and summarizer.render.

Only click and the package's light modules are imported here at module level: the stages
(sumy, NumPy, lxml, scikit-learn) are imported inside the commands, so that ``--help``,
``--version`` and usage errors answer at once and Ctrl-C during start-up is handled.
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys
import warnings
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple, NoReturn

import click

from . import __version__, interrupts
from .console import Console
from .defaults import (
    ALGORITHMS,
    DEFAULT_ALGORITHM,
    DEFAULT_COLUMNS,
    DEFAULT_DIGEST_WORDS,
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_FILES,
    DEFAULT_PER_CELL,
    DEFAULT_SENTENCES,
    MAX_BYTES_LIMIT,
    MAX_COUNT,
    MAX_FILES_LIMIT,
)
from .errors import OutputError, SummarizerError
from .formats import FORMAT_BY_EXTENSION, renderer
from .formats import formats as output_formats
from .writer import cannot_write, check_output_path, write_output

if TYPE_CHECKING:
    from .models import Article

PROG = "summarizer"
Decorator = Callable[[Any], Any]  # a click option, or several as one (see _options)
STDOUT = "-"  # as -o or --write: standard output


def _jobs(jobs: int | None) -> int:
    """--jobs, defaulting to the number of CPUs this process may use."""
    from .parallel import default_jobs

    return jobs if jobs is not None else default_jobs()


def _progress() -> Callable[[str, int, int], None] | None:
    """A progress bar on stderr for long runs when stderr is a terminal; None (silent) with -q
    or when stderr is not a terminal."""
    if _console().quiet:
        return None
    from .progress import terminal_progress

    return terminal_progress(sys.stderr)


def _options(*options: Decorator) -> Decorator:
    """Several options (or a command and its options) as one decorator; the first given is the
    outermost, so options show in ``--help`` in the order given."""

    def apply(command: Any) -> Any:
        for option in reversed(options):
            command = option(command)
        return command

    return apply


def _count_option(
    flag: str,
    default: int | None,
    help: str,
    *,
    minimum: int = 1,
    maximum: int = MAX_COUNT,
    **attrs: Any,
) -> Decorator:
    """An option that takes a count (of sentences, words, columns, files, bytes): a whole
    number from ``minimum`` to ``maximum`` (default MAX_COUNT); a default of None is not shown."""
    return click.option(
        flag,
        type=click.IntRange(min=minimum, max=maximum),
        default=default,
        show_default=default is not None,
        help=help,
        **attrs,
    )


def _remember_input(context: click.Context, param: click.Parameter, value: object) -> None:
    context.meta[f"summarizer.{param.name}"] = value


class Inputs(NamedTuple):
    """How to read the articles: the options every command that reads them shares."""

    manifest: str | None
    max_bytes: int
    max_files: int
    offline: bool


def _inputs() -> Inputs:
    meta = click.get_current_context().meta
    return Inputs(*(meta.get(f"summarizer.{name}") for name in Inputs._fields))


# Kept on the context (as Inputs) rather than passed to each command as four arguments.
_REMEMBERED: dict[str, Any] = {"expose_value": False, "callback": _remember_input}
_input_options = _options(
    click.option(
        "--sources",
        "manifest",
        type=click.Path(dir_okay=False),
        help="TOML manifest giving id, title, outlet, date and url per input file.",
        **_REMEMBERED,
    ),
    _count_option(
        "--max-bytes",
        DEFAULT_MAX_BYTES,
        "Largest article text per input, in bytes (HTML and JSON files may be "
        "50x larger before extraction); all inputs together may hold 250x this.",
        maximum=MAX_BYTES_LIMIT,
        **_REMEMBERED,
    ),
    _count_option(
        "--max-files",
        DEFAULT_MAX_FILES,
        "Most input files (each JSON record counts as one article).",
        maximum=MAX_FILES_LIMIT,
        **_REMEMBERED,
    ),
    click.option(
        "--offline",
        is_flag=True,
        help="Refuse URL inputs. (A PATH may be an http(s) URL: the page is fetched "
        "and read as a saved web page; that is the only network access.)",
        **_REMEMBERED,
    ),
)

_summary_options = _options(
    click.option(
        "--algorithm",
        type=click.Choice(ALGORITHMS),
        default=DEFAULT_ALGORITHM,
        show_default=True,
        help="sumy algorithm that ranks each article's sentences.",
    ),
    _count_option("--sentences", DEFAULT_SENTENCES, "Sentences per article summary."),
    _count_option("--words", None, "Word budget per article summary (overrides --sentences)."),
)


def _format_option(command: str) -> Decorator:
    """``-f/--format`` with the command's formats (from the registry); the first is the default."""
    formats = output_formats(command)
    return click.option(
        "-f",
        "--format",
        "fmt",
        type=click.Choice(formats),
        default=None,
        help=f"Output format.  [default: from the -o file's extension, else {formats[0]}]",
    )


def _set_flag(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if value and param.name:
        setattr(_console(ctx), param.name, True)


def _not_empty(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """An empty path ('' from an unset shell variable) is a mistake, never standard output."""
    if value == "":
        flag = param.opts[-1] if param.opts else param.name
        raise click.BadParameter("is empty; give a file name", ctx=ctx, param_hint=f"'{flag}'")
    return value


def _set_force(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if value:
        ctx.find_root().meta["summarizer.force"] = True


def _force() -> bool:
    """Whether --force allows replacing a read-only output file."""
    return bool(click.get_current_context().find_root().meta.get("summarizer.force"))


_force_option = click.option(
    "--force",
    is_flag=True,
    expose_value=False,
    callback=_set_force,
    help="Replace an output file even when it is read-only.",
)


def _chattiness_options(command: click.Command) -> click.Command:
    """``-q`` and ``-v``, accepted before the command name and after it alike."""
    command = click.option(
        "-v",
        "--verbose",
        is_flag=True,
        expose_value=False,
        callback=_set_flag,
        help="Also print how long each stage took and the CPU time used, on stderr.",
    )(command)
    return click.option(
        "-q",
        "--quiet",
        is_flag=True,
        expose_value=False,
        callback=_set_flag,
        help="Print no warnings or progress on stderr, only errors.",
    )(command)


_output_option = click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=True, allow_dash=True),
    default=None,
    callback=_not_empty,
    help="Write to this file instead of standard output ('-'): a regular file is replaced "
    "atomically; a device or named pipe is written through.",
)
_templates_option = click.option(
    "--templates",
    "templates_dir",
    type=click.Path(exists=True, file_okay=False),
    default=None,
    help="Folder of templates that override the built-in ones by name.",
)
_jobs_option = click.option(
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes for reading the inputs and the per-article stage (default: the "
    "number of CPUs). "
    "The output is the same for every value.",
)
_themes_option = click.option(
    "--themes",
    default=None,
    callback=_not_empty,
    metavar="FILE|auto|builtin",
    help="Themes TOML file, 'auto' to discover themes, or 'builtin'. "
    "Default: the built-in themes if they fit the articles, otherwise auto.",
)

_EPILOG = """\b
Exit codes:
  0    success (warnings, if any, are printed on stderr)
  1    internal error, out of memory, or the output could not be written
  2    bad input or usage: a missing or unreadable file, a bad option
  130  interrupted by Ctrl-C or SIGTERM; no output was written
"""


def _writing_command(name: str, *own: Decorator) -> Decorator:
    """A command that reads the articles at PATHS and writes one output in ``name``'s formats;
    ``own`` are its own options, shown between the output options and the shared ones."""
    return _options(
        cli.command(name, epilog=_EPILOG),
        click.argument("paths", nargs=-1, required=True),
        _format_option(name),
        _output_option,
        _force_option,
        *own,
        _templates_option,
        _jobs_option,
        _input_options,
        _chattiness_options,
    )


@click.group(context_settings={"help_option_names": ["-h", "--help"]}, epilog=_EPILOG)
@click.version_option(__version__, prog_name=PROG)
@_chattiness_options
def cli() -> None:
    """Comparative, extractive briefings from news articles about one story.

    Every sentence shown is quoted verbatim from an input file, with its source id and
    character offsets. Works offline.

    \b
    Examples:
      summarizer brief seeds/
      summarizer brief seeds/ -o briefing.html
      summarizer summarize seeds/001_fa4f70a1447067d8.txt --sentences 3
      summarizer inspect seeds/003_d06e6ac7dba8fc6a.txt
      summarizer figures seeds/
      summarizer themes seeds/ --write my-themes.toml
    """


@_writing_command(
    "brief",
    _themes_option,
    click.option(
        "--title", default=None, help="Title of the briefing (default: from the sources)."
    ),
    _summary_options,
    _count_option("--per-cell", DEFAULT_PER_CELL, "Sentences per source in each theme row."),
    _count_option(
        "--digest-words", DEFAULT_DIGEST_WORDS, "Word budget of 'The story in brief'.", minimum=10
    ),
    _count_option(
        "--columns",
        DEFAULT_COLUMNS,
        "Show sources side by side, one column each, up to this many sources; beyond it the "
        "claims alone carry the comparison (Markdown and HTML).",
    ),
)
def brief(
    paths: tuple[str, ...],
    fmt: str | None,
    output: str | None,
    themes: str | None,
    title: str | None,
    algorithm: str,
    sentences: int,
    words: int | None,
    per_cell: int,
    digest_words: int,
    columns: int,
    templates_dir: str | None,
    jobs: int | None,
) -> None:
    """Compare articles side by side by theme: the full briefing.

    PATHS are files, folders (read recursively), glob patterns or '-' for standard input.
    Formats: .txt, .md, .html/.htm, .json/.jsonl.

    \b
    Examples:
      summarizer brief seeds/ -o briefing.md
      summarizer brief seeds/*.txt -o briefing.json
      summarizer brief seeds/ --themes my-themes.toml --per-cell 3
      cat article.txt | summarizer brief - other.html
    """
    console = _console()
    fmt = _output_format(fmt, output, "brief")
    protected = _prepare_output(output, paths, themes)
    render_briefing, (articles, warnings) = _stages_and_articles("brief", paths, _jobs(jobs))
    from .pipeline import Options, build_briefing

    options = Options(
        algorithm=algorithm,
        sentences=None if words else sentences,
        words=words,
        per_cell=per_cell,
        digest_words=digest_words,
        themes=themes,
        title=title,
    )
    with console.stage("built the briefing"):
        briefing = build_briefing(
            articles, options, warnings, jobs=_jobs(jobs), progress=_progress()
        )
    with console.stage(f"rendered {fmt}"):
        text = render_briefing(briefing, fmt, templates_dir=templates_dir, columns=columns)
    _emit(text, output, protected, briefing.warnings)


@_writing_command("summarize", _summary_options)
def summarize(
    paths: tuple[str, ...],
    fmt: str | None,
    output: str | None,
    algorithm: str,
    sentences: int,
    words: int | None,
    templates_dir: str | None,
    jobs: int | None,
) -> None:
    """Per-article extractive summaries only, no comparison.

    \b
    Examples:
      summarizer summarize seeds/ --sentences 3
      summarizer summarize article.html --words 80 --format json
    """
    console = _console()
    fmt = _output_format(fmt, output, "summarize")
    protected = _prepare_output(output, paths)
    render_summaries, (articles, warnings) = _stages_and_articles("summarize", paths, _jobs(jobs))
    from .pipeline import Options, summarize_articles

    options = Options(algorithm=algorithm, sentences=None if words else sentences, words=words)
    with console.stage("summarised the articles"):
        sources = summarize_articles(articles, options, jobs=_jobs(jobs), progress=_progress())
    with console.stage(f"rendered {fmt}"):
        text = render_summaries(sources, fmt, templates_dir=templates_dir)
    _emit(text, output, protected, warnings)


@cli.command(epilog=_EPILOG)
@click.argument("path")
@_format_option("inspect")
@_themes_option
@_templates_option
@_input_options
@_chattiness_options
def inspect(
    path: str,
    fmt: str | None,
    themes: str | None,
    templates_dir: str | None,
) -> None:
    """Show one article FILE as the pipeline sees it.

    Every sentence with its character span, whether it was dropped as page furniture
    (and why), its themes and its figures. FILE is one file (or '-'), not a folder.

    \b
    Example:
      summarizer inspect seeds/003_d06e6ac7dba8fc6a.txt
    """
    console = _console()
    fmt = fmt or output_formats("inspect")[0]
    _check_regular(themes)
    _check_regular(_inputs().manifest)
    _one_file(path)
    render_inspect = _import_stages("inspect")
    from .pipeline import inspect_article

    articles, warnings = _load((path,))
    chunks = []
    with console.stage("inspected the article"):
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
    _emit("".join(chunks), None, (), warnings)


@_writing_command("figures", _themes_option)
def figures(
    paths: tuple[str, ...],
    fmt: str | None,
    output: str | None,
    themes: str | None,
    templates_dir: str | None,
    jobs: int | None,
) -> None:
    """Compare the numbers the sources report: who says what, and where they diverge.

    \b
    Examples:
      summarizer figures seeds/
      summarizer figures seeds/ -o figures.json
    """
    console = _console()
    fmt = _output_format(fmt, output, "figures")
    protected = _prepare_output(output, paths, themes)
    render_figures, (articles, warnings) = _stages_and_articles("figures", paths, _jobs(jobs))
    from .pipeline import Options, build_briefing

    # Figures do not depend on the ranking options; their theme column follows --themes.
    options = Options(themes=themes)
    with console.stage("compared the figures"):
        briefing = build_briefing(
            articles, options, warnings, jobs=_jobs(jobs), progress=_progress()
        )
    with console.stage(f"rendered {fmt}"):
        text = render_figures(briefing.figures, briefing.sources, fmt, templates_dir=templates_dir)
    _emit(text, output, protected, briefing.warnings)


@cli.command(epilog=_EPILOG)
@click.argument("paths", nargs=-1)
@click.option(
    "--write",
    "write_path",
    type=click.Path(dir_okay=True, allow_dash=True),
    default=None,
    callback=_not_empty,
    help="Write the proposed themes file here instead of printing it.",
)
@click.option("--builtin", is_flag=True, help="Print the built-in themes file and exit.")
@_force_option
@_input_options
@_chattiness_options
def themes(
    paths: tuple[str, ...],
    write_path: str | None,
    builtin: bool,
) -> None:
    """Propose a themes file (the TOML --themes reads) discovered from the articles.

    \b
    Examples:
      summarizer themes seeds/ --write my-themes.toml
      summarizer themes --builtin > my-themes.toml
    """
    console = _console()
    if builtin:
        from .themes import builtin_themes_text

        protected = _prepare_output(write_path, ())
        _emit(builtin_themes_text(), write_path, protected)
        return
    if not paths:
        raise SummarizerError("give the articles to discover themes from (or --builtin)")
    protected = _prepare_output(write_path, paths)
    with console.stage("imported the stages"), _long_lived_objects():
        from .autothemes import discover_themes, themes_to_toml
        from .pipeline import analyse
    articles, warnings = _load(paths)
    with console.stage("discovered the themes"):
        content = [s for a in articles for s in analyse(a).content]
        text = themes_to_toml(discover_themes(content))
    _emit(text, write_path, protected, warnings)


def _console(ctx: click.Context | None = None) -> Console:
    """The run's Console, kept on the root context so -q/-v work before or after the command."""
    return (ctx or click.get_current_context()).find_root().ensure_object(Console)


def _output_format(fmt: str | None, output: str | None, command: str) -> str:
    """-f if given, else the format the -o file's extension names, else the command's default."""
    formats = output_formats(command)
    suffix = os.path.splitext(output or "")[1].lower() if output != STDOUT else ""
    implied = FORMAT_BY_EXTENSION.get(suffix)
    if implied not in formats:
        implied = None
    if fmt is None:
        return implied or formats[0]
    if implied is not None and implied != fmt and not (fmt == "text" and suffix == ".txt"):
        _console().later(f"{output}: writing {fmt} although the file name ends in {suffix}")
    return fmt


def _stages_and_articles(
    command: str, paths: Sequence[str], jobs: int
) -> tuple[Callable[..., str], tuple[tuple[Article, ...], tuple[str, ...]]]:
    """The command's renderer (``_import_stages``) and the articles at ``paths`` with the
    warnings reading them gave: with workers, they read while this process imports."""
    with _reading(paths, jobs) as read:
        render = _import_stages(command)
        return render, read()


def _import_stages(command: str) -> Callable[..., str]:
    """Import the pipeline's stages (timed with -v, after the checks that need none of them)
    and return the command's renderer."""
    with _console().stage("imported the stages"), _long_lived_objects():
        # An import statement, not importlib.import_module: it is what `-X importtime` reports,
        # which the signal tests read to know that the stages are loaded.
        from . import pipeline  # noqa: F401

        return renderer(command)


@contextlib.contextmanager
def _long_lived_objects() -> Iterator[None]:
    """The first import of the stages creates objects that live as long as the process (modules,
    tables, compiled patterns): make them without garbage collection, then leave them out of
    later collections (``gc.freeze``).

    Collecting while the stages import finds next to nothing, yet each full collection walks
    every object made so far: about 1 s of CPU on the seeds (gc.callbacks), 45 ms without. The
    command's own objects (articles, sentences, the briefing) live to its end too and make next
    to no reference cycles (about 1,200 objects in cycles on 982 articles), so the collector
    stays off for the rest of the command: on 982 articles it walked them for 2.3 s of the main
    process's 14 s of CPU building the briefing and 0.3 s of 1.7 s rendering it, at the same
    peak memory. Worker processes collect as usual. A process that has the stages already (the
    tests) is left as it is.
    """
    if "summarizer.pipeline" in sys.modules or not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    except BaseException:
        gc.enable()  # the command fails: nothing is left to keep
        raise
    finally:
        gc.freeze()


def _prepare_output(
    output: str | None, paths: Sequence[str], *others: str | None
) -> tuple[str, ...]:
    """Check the output path before any work; returns the files the run reads (see below).

    ``others`` are the run's other input files (--themes), read after the --sources manifest.
    """
    others = (_inputs().manifest, *others)
    for path in others:
        _check_regular(path)
    protected = _inputs_read(paths, *others) if paths else ()
    if output and output != STDOUT:
        check_output_path(output, protected, force=_force())
    return protected


def _check_regular(path: str | None) -> None:
    """A themes file or manifest must be a regular file: reading a named pipe with no writer
    would hang, and neither is ever large enough to need streaming."""
    special = path and os.path.exists(path) and not os.path.isfile(path)
    if special and path not in ("auto", "builtin") and not os.path.isdir(path):
        raise SummarizerError(f"{path}: not a regular file (a named pipe or device?)")


def _one_file(path: str) -> None:
    """``inspect`` reads exactly one file: refuse a folder or a glob that matches several."""
    from .ingest import expand_inputs

    if os.path.isdir(path):
        raise SummarizerError(f"{path}: is a folder; inspect takes one article file")
    found = expand_inputs((path,), max_files=_inputs().max_files)
    if len(found) > 1:
        raise SummarizerError(f"{path}: matches {len(found)} files; inspect takes one article file")


def _inputs_read(paths: Sequence[str], *others: str | None) -> tuple[str, ...]:
    """Every file the run will read: inputs expanded from folders and globs, and ``others``.

    An output path is checked against these, not against the raw arguments, so that
    ``brief news/ -o news/a.txt`` cannot overwrite an article (issue 13).
    """
    from .ingest import STDIN, expand_inputs

    found = expand_inputs(paths, max_files=_inputs().max_files)
    files = [path for path in found if path != STDIN]
    # --themes may also be "auto" or "builtin"; only an existing file can be overwritten.
    files += [path for path in others if path and os.path.isfile(path)]
    return tuple(files)


@cli.command(epilog=_EPILOG)
@click.argument("paths", nargs=-1, required=True)
@_format_option("stories")
@click.option(
    "-o",
    "--output",
    "out_dir",
    type=click.Path(file_okay=False),
    default=None,
    callback=_not_empty,
    help="Folder to write the index and one briefing per story into (created if missing).",
)
@_force_option
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
@_jobs_option
@_input_options
@_chattiness_options
def stories(
    paths: tuple[str, ...],
    fmt: str | None,
    out_dir: str | None,
    themes: str | None,
    templates_dir: str | None,
    dask_address: str | None,
    jobs: int | None,
) -> None:
    """Group a mixed pile of articles into stories, one briefing per story.

    Articles that report the same real-world event form a story. Without -o, print the
    index of stories (with --format json: the grouping itself). With -o DIR, write
    DIR/index.FORMAT and DIR/<story id>.FORMAT, a full briefing for every story with two or
    more sources; articles that fit no story are listed as single-source stories. A re-run
    into DIR removes the story files of the earlier run it does not write again (only files
    it wrote itself, unchanged since).

    \b
    Examples:
      summarizer stories news/ --format json
      summarizer stories news/ -o stories/ --format html
      summarizer stories archive/ --format json --dask tcp://scheduler:8786
    """
    console = _console()
    fmt = _output_format(fmt, None, "stories")
    protected = _prepare_output(None, paths, themes)
    if out_dir is not None:
        _check_story_folder(out_dir, protected)  # before any work
    with _reading(paths, _jobs(jobs)) as read:  # the workers read while the stages import
        with console.stage("imported the stages"), _long_lived_objects():
            from .pipeline import Options, build_briefing
            from .render import grouping_to_dict, to_json

            render_briefing, render_story_index = renderer("brief"), renderer("stories")
            from .stories import group_stories, lead_sentence
        articles, warnings = read()
    with console.stage("grouped the stories"):
        if dask_address:
            from .distributed import dask_map

            with dask_map(dask_address) as mapper:
                grouping = group_stories(articles, mapper=mapper)
        else:
            grouping = group_stories(articles)
    by_id = {a.id: a for a in articles}
    leads = {s.id: lead_sentence(by_id[s.central]) for s in grouping.stories}
    if out_dir is None:
        if fmt == "json":
            _emit(to_json(grouping_to_dict(grouping)), None, (), warnings)
            return
        index = render_story_index(
            grouping, fmt, leads=leads, briefings={}, warnings=warnings, templates_dir=templates_dir
        )
        _emit(index, None, (), warnings)
        return
    pages: dict[str, str] = {}
    files: dict[str, str] = {}
    with console.stage("briefed each story"):
        for story in grouping.stories:
            if len(story.sources) < 2:
                continue
            members = [by_id[s.id] for s in story.sources]
            briefing = build_briefing(
                members, Options(themes=themes, title=story.title), jobs=_jobs(jobs)
            )
            files[story.id] = f"{story.id}.{fmt}"
            pages[files[story.id]] = render_briefing(briefing, fmt, templates_dir=templates_dir)
    pages[f"index.{fmt}"] = render_story_index(
        grouping, fmt, leads=leads, briefings=files, warnings=warnings, templates_dir=templates_dir
    )
    from .story_files import write_story_folder

    inputs = [*protected, *(a.path for a in articles)]
    for name in write_story_folder(out_dir, fmt, pages, inputs, force=_force()):
        console.progress(f"removed {os.path.join(out_dir, name)}: an earlier run's story")
    for warning in warnings:
        console.warning(warning)


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


def _load(paths: Sequence[str]) -> tuple[tuple[Article, ...], tuple[str, ...]]:
    """The articles at ``paths`` and the warnings reading them gave."""
    with _reading(paths) as read:
        return read()


@contextlib.contextmanager
def _reading(
    paths: Sequence[str], jobs: int = 1
) -> Iterator[Callable[[], tuple[tuple[Article, ...], tuple[str, ...]]]]:
    """Start reading the inputs (in ``jobs`` worker processes); yield the function that waits
    for the articles and warnings (timed with -v)."""
    from .ingest import reading_articles

    # reading_articles expands folders and globs itself, so that a bad file inside a folder is
    # skipped with a warning while a bad file named on the command line is an error.
    inputs = _inputs()
    with reading_articles(
        paths,
        manifest=inputs.manifest,
        max_bytes=inputs.max_bytes,
        max_files=inputs.max_files,
        stdin=getattr(sys.stdin, "buffer", None),  # None when closed (<&-)
        allow_network=not inputs.offline,
        jobs=jobs,
    ) as finish:

        def read() -> tuple[tuple[Article, ...], tuple[str, ...]]:
            with _console().stage("read the inputs"):
                return finish()

        yield read


def _emit(text: str, output: str | None, inputs: Sequence[str], notes: Sequence[str] = ()) -> None:
    """Write the result to ``output`` (checked again: the folder may have changed) or stdout,
    then print the warnings the result carries, so a user writing to a file sees them too.

    The warnings come last so that a run that fails has one line on stderr: the error.
    """
    console = _console()
    with console.stage("wrote the output"):
        if output and output != STDOUT:
            check_output_path(output, inputs, force=_force())
            write_output(output, text)
        else:
            _write_stdout(text)
    console.cpu_used()
    for note in (*console.deferred, *notes):
        console.warning(note)


def _write_stdout(text: str) -> None:
    stream = sys.stdout
    if stream is None:  # started with stdout closed (>&-)
        raise OutputError("standard output is closed; give a file with -o FILE")
    try:
        stream.write(text)
        stream.flush()
    except BrokenPipeError:
        raise  # the reader went away (`| head`): main() exits quietly
    except OSError as error:  # e.g. > /dev/full
        _discard_stdout()
        raise cannot_write("standard output", error) from None


def _discard_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush cannot fail a second time."""
    with contextlib.suppress(OSError, ValueError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _library_warning(
    message: Warning | str,
    category: type[Warning],
    filename: str,
    lineno: int,
    file: object = None,
    line: str | None = None,
) -> None:
    """A library's warning (e.g. sumy's LSA on a short article) as one of our warning lines,
    silenced by -q, instead of Python's two-line form with a source path."""
    context = click.get_current_context(silent=True)
    console = _console(context) if context is not None else Console()
    console.warning(str(message))


def _fail(message: str, code: int) -> NoReturn:
    Console().error(message)
    sys.exit(code)


def main(argv: Sequence[str] | None = None) -> None:
    """Entry point: one-line errors and exit codes instead of tracebacks.

    ``summarizer.__main__.main`` installs the signal handling before this module is even
    imported; called directly (e.g. by tests), this installs it and restores it afterwards.
    """
    previous = None if interrupts.is_installed() else interrupts.install()
    # The command turns the collector off for its long-lived objects (``_long_lived_objects``);
    # a caller in the same process gets it back, as it gets its signal handling back.
    collecting = gc.isenabled()
    show_warning = warnings.showwarning
    warnings.showwarning = _library_warning
    try:
        code = cli.main(args=argv, prog_name=PROG, standalone_mode=False)
    except SummarizerError as error:
        _fail(str(error).splitlines()[0] if str(error) else "failed", error.exit_code)
    except click.exceptions.UsageError as error:
        _fail(error.format_message().replace("\n", " "), 2)
    except (interrupts.Interrupted, KeyboardInterrupt, click.exceptions.Abort):
        _fail(interrupts.MESSAGE, interrupts.EXIT_CODE)
    except BrokenPipeError:
        # The reader went away (e.g. `| head`); not an error worth a message.
        _discard_stdout()
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
        warnings.showwarning = show_warning
        if collecting:
            gc.enable()
        if previous is not None:
            interrupts.restore(previous)
    sys.exit(code if isinstance(code, int) else 0)
