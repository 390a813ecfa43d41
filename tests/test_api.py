"""The public Python API: cheap to import, lazily exported, and tolerant of how paths are given."""

from __future__ import annotations

import importlib
import inspect
import json
import subprocess
import sys
from pathlib import Path

import pytest

import summarizer
from summarizer import api
from summarizer.errors import SummarizerError

HEAVY = ("sumy", "sklearn", "numpy", "nltk", "scipy", "lxml")


def test_import_summarizer_loads_no_heavy_library() -> None:
    code = (
        "import json, sys, summarizer; summarizer.__version__; "
        f"print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in {HEAVY!r})))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, check=True, cwd="/")
    assert json.loads(result.stdout) == []


@pytest.mark.slow
def test_first_use_of_an_api_name_loads_the_pipeline() -> None:
    # The counterpart of the test above: the lazy export really resolves, in a fresh process.
    code = "import sys, summarizer; summarizer.brief; print('sumy' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, check=True, cwd="/")
    assert result.stdout.strip() == b"True"


def test_package_exports_exactly_the_api() -> None:
    assert set(summarizer.__all__) == {*api.__all__, "__version__"}
    for name in api.__all__:
        assert getattr(summarizer, name) is getattr(api, name)
    assert set(summarizer.__all__) <= set(dir(summarizer))
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        summarizer.nothing  # noqa: B018


def test_render_briefing_is_not_shadowed_by_the_render_module() -> None:
    # Importing the submodule sets the package attribute "render" to the module.
    importlib.import_module("summarizer.render")
    from summarizer import render_briefing

    assert inspect.ismodule(summarizer.render)
    assert callable(render_briefing) and render_briefing is api.render_briefing


def test_py_typed_marker_is_shipped() -> None:
    assert (Path(summarizer.__file__).parent / "py.typed").is_file()
    setup = (Path(__file__).resolve().parent.parent / "setup.cfg").read_text()
    assert "py.typed" in setup


@pytest.mark.parametrize(
    "given",
    [
        "seeds",
        Path("seeds"),
        ["seeds"],
        ("seeds/000_f7faf68b8b80ac65.txt", Path("seeds/001_fa4f70a1447067d8.txt"), "seeds"),
        (p for p in [Path("seeds")]),
    ],
    ids=["str", "Path", "list", "mixed-tuple", "generator"],
)
def test_load_articles_takes_a_str_a_path_or_an_iterable(
    given: object, seeds_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(seeds_dir.parent)
    articles, warnings = summarizer.load_articles(given)  # type: ignore[arg-type]
    assert [a.id for a in articles] == ["000", "001", "002", "003", "004"]
    assert warnings == ()


def test_load_articles_with_one_file_as_a_string(seeds_dir: Path) -> None:
    articles, _ = summarizer.load_articles(str(seeds_dir / "003_d06e6ac7dba8fc6a.txt"))
    assert [a.id for a in articles] == ["003"]


def test_load_articles_refuses_bytes_paths_clearly(seeds_dir: Path) -> None:
    with pytest.raises(TypeError, match="paths must be str"):
        summarizer.load_articles([bytes(seeds_dir)])  # type: ignore[list-item]


def test_brief_and_render_from_python(seeds_dir: Path) -> None:
    briefing = summarizer.brief(seeds_dir, summarizer.Options(per_cell=1, title="T"))
    assert briefing.title == "T"
    data = json.loads(summarizer.render_briefing(briefing, "json"))
    assert data["options"]["per_cell"] == 1
    with pytest.raises(SummarizerError):
        summarizer.render_briefing(briefing, "pdf")


@pytest.mark.slow
def test_render_briefing_gives_what_the_command_line_writes(
    seeds_dir: Path, tmp_path: Path
) -> None:
    # docs/api.md promises byte-for-byte the output of `summarizer brief`.
    command = [sys.executable, "-m", "summarizer", "brief", str(seeds_dir)]
    run = subprocess.run(command, capture_output=True, check=True, cwd=tmp_path)
    cli = run.stdout.decode("utf-8")
    assert summarizer.render_briefing(summarizer.brief(str(seeds_dir))) == cli
