"""Language data: word lists, tables and patterns read from ``summarizer/data/lang/<code>/``.

Every vocabulary the stages use lives in a data file, one concept per file, so that a second
language is a new folder rather than edits to the modules. Files are read once and cached.

- ``<name>.txt``: one entry per line; blank lines and lines starting with ``#`` are skipped.
- ``<name>.toml``: a table (for example month name -> month number).
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from importlib import resources
from typing import Any

DEFAULT_LANGUAGE = "en"


class LanguageDataError(LookupError):
    """A data file the code asked for does not exist for that language."""


def _read(name: str, suffix: str, language: str) -> str:
    path = resources.files("summarizer").joinpath(f"data/lang/{language}/{name}{suffix}")
    if not path.is_file():
        raise LanguageDataError(f"no language data {name}{suffix} for language {language!r}")
    return path.read_text(encoding="utf-8")


@cache
def entries(name: str, language: str = DEFAULT_LANGUAGE) -> tuple[str, ...]:
    """The entries of ``<name>.txt`` in file order, stripped, comments and blanks skipped."""
    lines = (line.strip() for line in _read(name, ".txt", language).splitlines())
    return tuple(line for line in lines if line and not line.startswith("#"))


@cache
def words(name: str, language: str = DEFAULT_LANGUAGE) -> frozenset[str]:
    """The entries of ``<name>.txt`` as a set, lower-cased (for word membership tests)."""
    return frozenset(entry.lower() for entry in entries(name, language))


@cache
def table(name: str, language: str = DEFAULT_LANGUAGE) -> dict[str, Any]:
    """The parsed contents of ``<name>.toml`` (treat as read-only: it is shared)."""
    return tomllib.loads(_read(name, ".toml", language))


@cache
def alternation(name: str, language: str = DEFAULT_LANGUAGE) -> str:
    """A regex alternation (no group) matching any entry of ``<name>.txt`` literally.

    Longer entries come first so that "per cent" wins over "per".
    """
    ordered = sorted(set(entries(name, language)), key=lambda e: (-len(e), e))
    return "|".join(re.escape(entry) for entry in ordered)
