"""``python -m summarizer`` works like the ``summarizer`` command."""

from .cli import main

if __name__ == "__main__":
    main()
