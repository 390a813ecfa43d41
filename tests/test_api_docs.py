"""docs/api.md and the README stay true: every ```python block in them runs."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
DOC = REPO / "docs" / "api.md"
BLOCK = re.compile(r"^```python\n(.*?)^```", re.DOTALL | re.MULTILINE)


def test_the_api_doc_has_examples_for_each_part() -> None:
    text = DOC.read_text(encoding="utf-8")
    code = "\n".join(BLOCK.findall(text))
    for name in ("load_articles", "brief(", "render_briefing", "summarize(", "render_figures"):
        assert name in code, f"docs/api.md has no example using {name}"


def test_every_python_example_in_the_api_doc_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copytree(REPO / "seeds", tmp_path / "seeds")
    monkeypatch.chdir(tmp_path)
    blocks = BLOCK.findall(DOC.read_text(encoding="utf-8"))
    assert len(blocks) >= 6
    namespace: dict[str, object] = {"__name__": "api_doc"}
    for number, block in enumerate(blocks, start=1):
        try:
            exec(compile(block, f"docs/api.md block {number}", "exec"), namespace)
        except Exception as error:
            pytest.fail(f"docs/api.md block {number} fails: {error!r}\n{block}")
    assert (tmp_path / "briefing.md").read_text(encoding="utf-8").startswith("# ")
    assert "[000 · " in capsys.readouterr().out


def test_the_readme_python_example_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    blocks = BLOCK.findall((REPO / "README.md").read_text(encoding="utf-8"))
    assert blocks, "the README's Python API section has no example"
    namespace: dict[str, object] = {}
    for block in blocks:
        exec(compile(block, "README.md", "exec"), namespace)
    assert "<table" in str(namespace["html"])
