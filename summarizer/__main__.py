"""The ``summarizer`` command and ``python -m summarizer``: signal handling first, then the CLI.

Nothing but the standard library is imported before SIGINT and SIGTERM are routed to a clean
exit, so that Ctrl-C during start-up (while click and then the stages import) gives the same
one line and exit code 130 as at any other moment.
"""

from __future__ import annotations

import sys

from . import interrupts


def main() -> None:
    """Run the command line with the signal handling installed for the whole process."""
    interrupts.install()
    try:
        from .cli import main as run

        run()
    except interrupts.Interrupted:  # only while importing the CLI itself; run() reports the rest
        sys.stderr.write(f"summarizer: error: {interrupts.MESSAGE}\n")
        sys.stderr.flush()
        sys.exit(interrupts.EXIT_CODE)
    finally:
        interrupts.ignore()  # the process is ending; a late signal must not print a traceback


if __name__ == "__main__":
    main()
