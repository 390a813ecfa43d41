"""The sandboxed Jinja environments: one per output kind, the user's templates over ours.

Every template, ours or the user's, runs in Jinja's sandbox, and every expression passes the
kind's finalizer (escaping for Markdown, control characters stripped for HTML and text).
"""

from __future__ import annotations

import importlib.resources
from collections.abc import Callable, Sequence
from functools import lru_cache
from importlib.resources.abc import Traversable
from pathlib import Path

from jinja2 import (
    BaseLoader,
    ChoiceLoader,
    FileSystemLoader,
    FunctionLoader,
    StrictUndefined,
    TemplateError,
    select_autoescape,
)
from jinja2.exceptions import SecurityError
from jinja2.loaders import split_template_path
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from summarizer.errors import SummarizerError

from .escape import MarkdownText, md_escape, md_link_destination, strip_controls

_BUILTIN_PROBE = "briefing.md.j2"


def _finalize_markdown(value: object) -> object:
    # Escape by default, so a template (built-in or user-supplied) cannot forget to.
    if isinstance(value, MarkdownText):
        return value
    if isinstance(value, int | float):
        return str(value)  # numerals carry no markup; escaping "3.5" would only add noise
    return md_escape(value)


def _finalize_html(value: object) -> object:
    # Autoescaping runs after this, so only control characters need handling here.
    if isinstance(value, str) and not isinstance(value, Markup):
        return strip_controls(value)
    return value


def _finalize_text(value: object) -> object:
    return strip_controls(value) if isinstance(value, str) else value


def _builtin_templates() -> Traversable:
    """The shipped templates: package data when installed, else the source tree's templates/."""
    try:
        packaged = importlib.resources.files("summarizer.templates")
        if packaged.joinpath(_BUILTIN_PROBE).is_file():
            return packaged
    except ModuleNotFoundError:
        pass
    return Path(__file__).resolve().parents[2] / "templates"


def _traversable_loader(root: Traversable) -> BaseLoader:
    """A loader over a Traversable, which also works when the package is zipped."""

    def load(name: str) -> tuple[str, str, Callable[[], bool]] | None:
        candidate = root
        # One part at a time: Python 3.11's MultiplexedPath.joinpath takes a single name.
        for part in split_template_path(name):  # also rejects ".." escapes
            candidate = candidate.joinpath(part)
        if not candidate.is_file():
            return None
        # The name doubles as the file name, so an error points at the template by name.
        return candidate.read_text(encoding="utf-8"), name, lambda: True

    return FunctionLoader(load)


_FINALIZERS: dict[str, Callable[[object], object]] = {
    "md": _finalize_markdown,
    "html": _finalize_html,
    "text": _finalize_text,
}


@lru_cache(maxsize=16)
def _environment(kind: str, templates_dir: str | None) -> SandboxedEnvironment:
    """A Jinja environment for one output kind, with the user's templates shadowing ours.

    Sandboxed, because a templates folder is shared like a themes file: a template may lay
    out the view objects it is given but cannot reach Python internals, files or commands.
    """
    builtin = _traversable_loader(_builtin_templates())
    loader: BaseLoader = builtin
    if templates_dir is not None:
        loader = ChoiceLoader([FileSystemLoader(templates_dir), builtin])
    env = SandboxedEnvironment(
        loader=loader,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=select_autoescape(
            enabled_extensions=("html.j2",), default_for_string=False, default=False
        ),
        finalize=_FINALIZERS[kind],
    )
    env.filters["md"] = md_escape
    env.filters["md_url"] = md_link_destination
    return env


def render_template(name: str, templates_dir: str | None, **context: object) -> str:
    """Render one template by name; template problems become a one-line SummarizerError."""
    if templates_dir is not None and not Path(templates_dir).is_dir():
        raise SummarizerError(f"templates directory not found: {templates_dir}")
    kind = name.removesuffix(".j2").rsplit(".", 1)[-1]
    try:
        template = _environment(kind, templates_dir).get_template(name)
        return template.render(**context)
    except TemplateError as error:
        raise template_failure(name, error) from error
    except UnicodeDecodeError as error:
        # Raised while loading: error.object holds the whole file, so find which file it is.
        file = _template_holding(error.object, templates_dir) or name
        line = error.object[: error.start].count(b"\n") + 1
        bad = error.object[error.start : error.start + 1].hex()
        raise SummarizerError(f"template {file} line {line}: not UTF-8 (byte 0x{bad})") from None
    except SummarizerError:
        raise
    except RecursionError as error:
        if templates_dir is None:  # only a user's template can recurse: ours is a bug
            raise
        where = _template_frame(error, name)
        raise SummarizerError(
            f"template {where}: includes, extends or calls itself without end"
        ) from None
    except Exception as error:  # a runtime error inside template code, e.g. {{ 1 / 0 }}
        if templates_dir is None:
            raise
        where = _template_frame(error, name)
        message = " ".join(str(error).split())
        raise SummarizerError(f"template {where}: {type(error).__name__}: {message}") from None


def template_failure(name: str, error: TemplateError) -> SummarizerError:
    """One line naming the template (the included one, if the error is there) and its line."""
    where, lineno = name, getattr(error, "lineno", None)
    # Jinja rewrites the traceback of a rendering error so that its frames point at template
    # files and lines; the innermost such frame is where the template went wrong.
    frame = error.__traceback__
    while frame is not None:
        if frame.tb_frame.f_globals.get("__jinja_exception__") is error:
            where, lineno = frame.tb_frame.f_code.co_filename, frame.tb_lineno
        frame = frame.tb_next
    at_line = f" line {lineno}" if lineno else ""
    message = " ".join(str(error.message or error).split())
    if isinstance(error, SecurityError):
        message = message.rstrip(".") + " (templates run in a sandbox)"
    return SummarizerError(f"template {where}{at_line}: {message}")


def _template_holding(data: bytes, templates_dir: str | None) -> str | None:
    """The user template whose bytes are ``data`` (only user templates can be malformed)."""
    if templates_dir is None:
        return None
    for path in sorted(Path(templates_dir).rglob("*")):
        if path.is_file() and path.stat().st_size == len(data) and path.read_bytes() == data:
            return str(path)
    return None


def _template_frame(error: BaseException, name: str) -> str:
    """``FILE line N`` of the innermost template frame of the error (Jinja maps template code
    to template lines in tracebacks), else just the template's name."""
    import traceback

    for frame in reversed(traceback.extract_tb(error.__traceback__)):
        if frame.filename.endswith(".j2") or "/templates/" in frame.filename:
            return f"{frame.filename} line {frame.lineno}"
    return name


def check_format(fmt: str, allowed: Sequence[str], what: str) -> None:
    if fmt not in allowed:
        raise SummarizerError(f"unknown {what} format {fmt!r} (choose {', '.join(allowed)})")
