"""Language data lives in summarizer/data/lang/en/, once, and the modules only name it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from summarizer import lang
from summarizer.ingest import furniture_patterns
from summarizer.ingest.dates import find_date
from summarizer.ingest.language import english_stop_words
from summarizer.vectors import stop_words

PACKAGE = Path(__file__).resolve().parent.parent / "summarizer"
# The modules whose word lists moved to data files (issue 14); figures/, compare.py and digest.py
# are moved by their own changes.
MOVED = [
    *sorted((PACKAGE / "ingest").glob("*.py")),
    PACKAGE / "segment.py",
    PACKAGE / "themes.py",
    PACKAGE / "autothemes.py",
    PACKAGE / "vectors.py",
]


@pytest.mark.parametrize("module", MOVED, ids=lambda p: p.name)
def test_month_names_are_written_only_in_months_toml(module: Path) -> None:
    source = module.read_text(encoding="utf-8").lower()
    assert not re.search(r"\b(?:february|september|november)\b", source), module


def test_every_furniture_pattern_in_the_data_file_compiles_and_is_used() -> None:
    names = set(lang.table("furniture_patterns"))
    module_patterns = {
        name.lower()
        for name, value in vars(furniture_patterns).items()
        if isinstance(value, re.Pattern) and name.lower() in names
    }
    assert module_patterns == names
    assert furniture_patterns.NAVIGATION.match("Skip to main content")
    assert not furniture_patterns.NAVIGATION.match("Skip to the next chapter of the war")


def test_credit_agency_reads_the_agency_list_as_literal_names() -> None:
    assert furniture_patterns.CREDIT_AGENCY.search("Jane Doe / Getty Images")
    assert furniture_patterns.CREDIT_AGENCY.search("© EPA-EFE")
    assert furniture_patterns.CREDIT_AGENCY.search("Photographer via Reuters)")
    assert not furniture_patterns.CREDIT_AGENCY.search("EPAXEFE")  # "-" is literal, not a range


def test_no_data_entry_names_an_outlet_of_the_demo_articles() -> None:
    demo_outlets = {"kcna", "ukrinform", "unian", "the new york times", "ny times", "euronews"}
    for name in ("photo_agencies", "social_networks", "common_abbreviations"):
        assert not demo_outlets & lang.words(name), name


def test_a_credit_naming_a_newspaper_is_still_found_by_its_shape() -> None:
    assert furniture_patterns.CREDIT_PREFIX.match("Photo: The New York Times")
    assert furniture_patterns.TRAILING_CREDIT.search("Troops at the border. (Photo: Some Paper)")


def test_one_stop_word_list_for_every_stage() -> None:
    assert english_stop_words() == stop_words() == lang.words("stop_words")
    assert {"the", "and", "of"} <= stop_words()


def test_dates_read_month_names_and_abbreviations_from_months_toml() -> None:
    assert find_date("Sept. 9, 2024") == "2024-09-09"
    assert find_date("4 February 2025") == "2025-02-04"
