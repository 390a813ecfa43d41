"""bench/code_health.py: what its word-list count takes for a word list (issue 14)."""

from __future__ import annotations

import ast
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench" / "code_health.py"
WORDS = [f"word{i}" for i in range(11)]


@pytest.fixture(scope="module")
def health() -> ModuleType:
    """bench/code_health.py imported by path (bench is not a package)."""
    spec = importlib.util.spec_from_file_location("bench_code_health", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def found(health: ModuleType, source: str) -> list[str]:
    return [kind for _, kind in health.word_lists(ast.parse(source))]


def test_a_table_of_words_to_data_counts(health: ModuleType) -> None:
    table = ", ".join(f"{w!r}: {i}" for i, w in enumerate(WORDS))
    assert found(health, f"MONTHS = {{{table}}}") == ["dict of 11 entries"]
    nested = ", ".join(f"{w!r}: ({i}, -{i}, 'x')" for i, w in enumerate(WORDS))
    assert found(health, f"T = {{{nested}}}") == ["dict of 11 entries"]


def test_string_keys_over_computed_values_are_no_word_list(health: ModuleType) -> None:
    context = ", ".join(f"{w!r}: view.{w}" for w in WORDS)
    assert found(health, f"def render(view):\n    return {{{context}}}") == []
    # ... but computed keys over words still list the words.
    words = ", ".join(f"key({i}): {w!r}" for i, w in enumerate(WORDS))
    assert found(health, f"T = {{{words}}}") == ["dict of 11 entries"]


def test_a_tuple_of_words_counts(health: ModuleType) -> None:
    assert found(health, f"STOP = {tuple(WORDS)!r}") == ["tuple of 11 entries"]
    assert found(health, f"STOP = {tuple(WORDS[:10])!r}") == []


def test_a_private_name_from_another_module_counts_but_os_exit_does_not(health) -> None:
    def private(source: str) -> list[str]:
        return [what for _, what in health.private_imports(ast.parse(source))]

    assert private("from . import stories\nstories._cached()") == ["stories._cached"]
    assert private("from .stories import _cached") == ["from .stories import _cached"]
    assert private("import os\nos._exit(0)") == []  # the standard library's public os._exit
