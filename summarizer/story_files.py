"""The output edge of `summarizer stories -o DIR`: write the set of pages, then clear stale ones.

A run records the files it wrote (name and SHA-256) in a hidden manifest in DIR, one per format.
The next run into DIR removes the files of the earlier run that it does not write again (the
stories that no longer exist), but only a regular file that the manifest names, directly in DIR,
with the content this tool wrote there: a file a user edited, replaced, linked or added is kept.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import stat
from collections.abc import Iterable, Mapping

from .writer import check_output_path, write_output

# A page name this tool writes: "index.md", "s001.html" (no folders, no leading dot).
_PAGE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*\.[a-z]+")
MANIFEST_VERSION = 1


def manifest_name(fmt: str) -> str:
    """The hidden manifest of the pages written in format ``fmt`` (ingest skips hidden files)."""
    return f".summarizer-stories-{fmt}.json"


def digest(text: str) -> str:
    """SHA-256 of the page as written (UTF-8)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def read_manifest(folder: str, fmt: str) -> dict[str, str]:
    """Page name -> SHA-256 from an earlier run; empty when missing, unreadable or not ours."""
    try:
        with open(os.path.join(folder, manifest_name(fmt)), encoding="utf-8") as stream:
            data = json.load(stream)
        files = data["files"] if data.get("version") == MANIFEST_VERSION else {}
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return {}
    if not isinstance(files, dict):
        return {}
    return {
        name: sha
        for name, sha in files.items()
        if isinstance(name, str) and isinstance(sha, str) and _PAGE_NAME.fullmatch(name)
    }


def _write_manifest(folder: str, fmt: str, files: Mapping[str, str]) -> None:
    body = {"version": MANIFEST_VERSION, "files": dict(sorted(files.items()))}
    write_output(os.path.join(folder, manifest_name(fmt)), json.dumps(body, indent=1) + "\n")


def unchanged(path: str, sha: str) -> bool:
    """Whether ``path`` is a regular file (not a link) whose content has this SHA-256."""
    try:
        if not stat.S_ISREG(os.lstat(path).st_mode):
            return False
        with open(path, "rb") as stream:
            return hashlib.sha256(stream.read()).hexdigest() == sha
    except OSError:
        return False


def write_story_folder(
    folder: str, fmt: str, pages: Mapping[str, str], inputs: Iterable[str], *, force: bool
) -> list[str]:
    """Write ``pages`` (name -> text) into ``folder``; return the stale pages removed.

    The manifest is first widened to the old and new pages, so that an interrupted run still
    lets the next one find everything it wrote; once every page is written, it names only them.
    """
    inputs = list(inputs)
    os.makedirs(folder, exist_ok=True)
    for name in pages:
        check_output_path(os.path.join(folder, name), inputs, force=force)
    earlier = read_manifest(folder, fmt)
    written = {name: digest(text) for name, text in pages.items()}
    _write_manifest(folder, fmt, {**earlier, **written})
    for name, text in pages.items():
        write_output(os.path.join(folder, name), text)
    removed, kept = [], {}
    for name, sha in sorted(earlier.items()):
        path = os.path.join(folder, name)
        if name in written or not unchanged(path, sha) or _is_input(path, inputs):
            continue
        try:
            os.unlink(path)
            removed.append(name)
        except FileNotFoundError:
            pass
        except OSError:
            kept[name] = sha  # e.g. a read-only folder now: the next run tries again
    _write_manifest(folder, fmt, {**kept, **written})
    return removed


def _is_input(path: str, inputs: Iterable[str]) -> bool:
    for source in inputs:
        with contextlib.suppress(OSError):
            if source != "-" and os.path.samefile(source, path):
                return True
    return False
