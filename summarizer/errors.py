"""The one exception type the CLI turns into a one-line message and a non-zero exit."""


class SummarizerError(Exception):
    """A problem with the user's input or options, described in one line."""

    exit_code = 2


class OutputError(SummarizerError):
    """The output could not be written (disk full, closed stream): a failure, not bad input."""

    exit_code = 1
