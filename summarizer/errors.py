"""The one exception type the CLI turns into a one-line message and a non-zero exit."""


class SummarizerError(Exception):
    """A problem with the user's input or options, described in one line."""

    exit_code = 2


class OutputError(SummarizerError):
    """The output could not be written (disk full, closed stream): a failure, not bad input."""

    exit_code = 1


def cannot_read(path: str, error: OSError, what: str) -> SummarizerError:
    """The one-line error for an input that could not be read; ``what`` names it in the
    message ("file", "sources manifest", "themes file")."""
    if isinstance(error, FileNotFoundError):
        return SummarizerError(f"{path}: {what} not found")
    if isinstance(error, PermissionError):
        return SummarizerError(f"{path}: permission denied; cannot read the {what}")
    if isinstance(error, IsADirectoryError):
        return SummarizerError(f"{path}: is a directory, not a {what}")
    return SummarizerError(f"{path}: cannot read the {what} ({error.strerror})")
