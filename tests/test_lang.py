"""The language-data seam: files under summarizer/data/lang/<code>/ read through summarizer.lang."""

from __future__ import annotations

import re
from importlib import resources

import pytest

from summarizer import lang


def test_month_table_maps_every_month_once() -> None:
    months = lang.table("months")
    assert sorted(months["names"].values()) == list(range(1, 13))
    assert months["names"]["september"] == 9
    assert months["abbreviations"]["sept"] == 9


def test_missing_file_or_language_is_a_clear_lookup_error() -> None:
    with pytest.raises(lang.LanguageDataError, match=r"no language data nothing\.txt"):
        lang.entries("nothing")
    with pytest.raises(lang.LanguageDataError, match="'xx'"):
        lang.table("months", "xx")


def test_every_data_file_has_a_header_saying_what_it_is_for() -> None:
    folder = resources.files("summarizer").joinpath("data/lang/en")
    files = [f for f in folder.iterdir() if f.name.endswith((".txt", ".toml"))]
    assert files
    for data_file in files:
        first = data_file.read_text(encoding="utf-8").lstrip().splitlines()[0]
        assert first.startswith("#"), f"{data_file.name} lacks a header comment"


def test_alternation_prefers_longer_entries_and_escapes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lang, "entries", lambda name, language="en": ("per", "per cent", "a.b"))
    lang.alternation.cache_clear()
    try:
        pattern = re.compile(lang.alternation("units"))
        assert pattern.match("per cent").group() == "per cent"
        assert not pattern.fullmatch("axb")
    finally:
        lang.alternation.cache_clear()
