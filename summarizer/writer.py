"""The output edge: check the target path, then write atomically (all or nothing) or through."""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterable

from . import interrupts
from .errors import OutputError, SummarizerError

# Our largest outputs are a few MB of JSON; a bigger file is not one of ours.
_OWN_OUTPUT_MAX = 64 * 1024 * 1024


def check_output_path(path: str, inputs: Iterable[str] = (), *, force: bool = False) -> None:
    """Refuse an output path that is a directory, unwritable, or would replace an input.

    ``inputs`` must be the files the run reads, expanded from folders and globs (see
    ``summarizer.ingest.expand_inputs``), plus any other file it reads (themes, manifest).
    A match is by identity, so a symbolic or hard link to an input is refused too; only a
    briefing this tool wrote earlier may be replaced. A read-only file is replaced only with
    ``force`` (root could write it anyway, so its mode bits are checked, not access rights).
    """
    if os.path.isdir(path):
        raise SummarizerError(f"{path}: output path is a directory")
    # The file that is replaced is the one a symbolic link points to, in its own folder.
    folder = os.path.dirname(os.path.realpath(path))
    if not os.path.isdir(folder):
        raise SummarizerError(f"{path}: output folder does not exist")
    # A device or named pipe is written through, so only a regular file needs the folder.
    if not writes_through(path) and not os.access(folder, os.W_OK | os.X_OK):
        raise SummarizerError(f"{path}: output folder is not writable")
    if os.path.exists(path):
        mode = os.stat(path).st_mode
        if stat.S_ISREG(mode) and not mode & 0o222 and not force:
            raise SummarizerError(f"{path}: output file is read-only; give --force to replace it")
        if not os.access(path, os.W_OK) and not force:
            raise SummarizerError(f"{path}: output file is not writable")
        for source in inputs:
            if _same_file(source, path) and not _own_output(path):
                raise SummarizerError(f"{path}: output would overwrite the input {source}")


def _same_file(source: str, path: str) -> bool:
    try:
        return source != "-" and os.path.samefile(source, path)
    except OSError:  # vanished or unreadable since expansion: it cannot be overwritten by us
        return False


def _own_output(path: str) -> bool:
    """Whether ``path`` holds an earlier briefing: ingest skips it, so it may be replaced."""
    from .ingest.parse import is_own_output

    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return False
        with open(path, "rb") as handle:
            return is_own_output(handle.read(_OWN_OUTPUT_MAX + 1), path)
    except OSError:
        return False


def write_output(path: str, text: str) -> None:
    """Write ``text`` to ``path``: atomically for a regular file, straight through otherwise.

    Renaming a temporary file over ``/dev/null`` or a named pipe would replace the device
    with a regular file (for root, for the whole machine), so those are opened and written.
    """
    if writes_through(path):
        _write_through(path, text)
    else:
        # Through a symbolic link, the link's target is replaced and the link kept.
        write_atomic(os.path.realpath(path), text)


def writes_through(path: str) -> bool:
    """Whether ``write_output`` opens ``path`` and writes through it instead of replacing it."""
    return _is_special(path) or _through_a_device_folder(path)


def _through_a_device_folder(path: str) -> bool:
    """Whether ``path`` or a link it follows lies in /dev or /proc, as ``/dev/stdout`` does.

    Those name an open file of this process (``> out.md``, ``>> log``): replacing the file
    they resolve to would throw away what the shell set up (appending, for one).
    """
    current = os.path.abspath(path)
    for _ in range(40):  # the kernel's own limit on links followed
        if current.startswith(("/dev/", "/proc/")):
            return True
        if not os.path.islink(current):
            return False
        current = os.path.join(os.path.dirname(current), os.readlink(current))
    return False


def _is_special(path: str) -> bool:
    """Whether ``path`` exists and is not a regular file (a device, FIFO or socket)."""
    try:
        return not stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False


def _write_through(path: str, text: str) -> None:
    try:
        # Append mode: "w" would truncate a file the shell opened for appending (>> log via
        # /dev/stdout); on a device or pipe the two are the same.
        with open(path, "a", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
    except OSError as error:
        raise cannot_write(path, error) from None


def cannot_write(path: str, error: OSError) -> SummarizerError:
    """The one-line error for a failed write: exit 2 when permissions refuse it (the user can
    pick another path), exit 1 when the system fails it (disk full, I/O error)."""
    reason = error.strerror or type(error).__name__
    kind = SummarizerError if isinstance(error, PermissionError) else OutputError
    return kind(f"{path}: cannot write output ({reason})")


def write_atomic(path: str, text: str) -> None:
    """Write ``text`` to a temporary file beside ``path`` and rename it into place.

    A crash or interrupt leaves either the old file untouched or the complete new one.
    """
    import tempfile  # here, not at the top: the CLI imports this module before --help answers

    folder = os.path.dirname(os.path.abspath(path))
    mode = _mode_for(path)
    temporary = None
    try:
        # Held, so that an interrupt cannot fall between creating the file and noting its name.
        with interrupts.held():
            handle, temporary = tempfile.mkstemp(prefix=".summarizer-", suffix=".tmp", dir=folder)
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        with interrupts.commit():
            os.replace(temporary, path)
    except BaseException as error:
        if temporary is not None:
            with interrupts.held(), contextlib.suppress(OSError):
                os.unlink(temporary)
        # e.g. ACLs or root-squashed NFS that os.access did not foresee, or a full disk
        if isinstance(error, OSError):
            raise cannot_write(path, error) from None
        raise


def _mode_for(path: str) -> int:
    """Keep an existing file's permissions; new files get the usual umask-based mode."""
    try:
        return os.stat(path).st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
