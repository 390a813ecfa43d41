"""The command line as a user meets it: outputs, one-line errors, exit codes, atomic files."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from summarizer import __version__


def test_version(run_cli):
    result = run_cli("--version")
    assert result.exit_code == 0
    assert __version__ in result.output


def test_help_lists_every_command_with_examples(run_cli):
    result = run_cli("--help")
    assert result.exit_code == 0
    for command in ("brief", "summarize", "inspect", "figures", "themes"):
        assert command in result.output
    assert "Examples:" in result.output
    brief_help = run_cli("brief", "--help").output
    for option in (
        "--format",
        "--output",
        "--themes",
        "--title",
        "--algorithm",
        "--per-cell",
        "--digest-words",
        "--templates",
        "--sources",
        "--max-bytes",
    ):
        assert option in brief_help


def test_brief_markdown_on_seeds(run_cli, seeds_dir):
    result = run_cli("brief", str(seeds_dir))
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    sections = [
        "## Sources",
        "## The story in brief",
        "## Side by side",
        "## Coverage",
        "## Per-source summaries",
    ]
    positions = [text.index(s) for s in sections]
    assert positions == sorted(positions)
    for source in ("000", "001", "002", "003", "004"):
        assert source in text


def test_brief_json_quotes_are_verbatim_spans(run_cli, seeds_dir):
    from summarizer.ingest import load_articles
    from summarizer.segment import collapse_whitespace

    result = run_cli("brief", str(seeds_dir), "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    files = sorted(seeds_dir.glob("*.txt"))
    articles, _ = load_articles([str(f) for f in files])
    raw = {a.id: a.raw for a in articles}
    quotes = list(data["digest"])
    for source in data["sources"]:
        quotes += source["summary"]
    for theme in data["themes"]:
        for cell in theme["cells"].values():
            quotes += cell
    assert len(quotes) > 20
    for quote in quotes:
        start, end = quote["span"]
        assert collapse_whitespace(raw[quote["source"]][start:end]) == quote["text"]


@pytest.mark.slow
def test_same_input_gives_identical_bytes(run_cli, seeds_dir, tmp_path):
    for fmt in ("md", "html", "json"):
        first, second = tmp_path / f"a.{fmt}", tmp_path / f"b.{fmt}"
        assert run_cli("brief", str(seeds_dir), "-f", fmt, "-o", str(first)).exit_code == 0
        assert run_cli("brief", str(seeds_dir), "-f", fmt, "-o", str(second)).exit_code == 0
        assert first.read_bytes() == second.read_bytes()


@pytest.mark.slow
def test_identical_bytes_across_processes(tmp_path, seeds_dir):
    """Hash seeds differ between processes; output must not depend on them."""
    outputs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-m", "summarizer", "brief", str(seeds_dir), "-f", "json"],
            capture_output=True,
            env=env,
            cwd=tmp_path,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1]


def _assert_one_line_error(result, fragment: str) -> None:
    assert result.exit_code != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("summarizer: error:")
    assert fragment in lines[0]
    assert "Traceback" not in result.output


def test_missing_path(run_cli, tmp_path):
    _assert_one_line_error(run_cli("brief", str(tmp_path / "nope.txt")), "nope.txt")


def test_directory_without_articles(run_cli, tmp_path):
    (tmp_path / "notes.bin").write_bytes(b"\x00\x01")
    _assert_one_line_error(run_cli("brief", str(tmp_path)), str(tmp_path))


def test_empty_and_whitespace_files(run_cli, tmp_path):
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "blank.txt").write_text("  \n\t\n")
    _assert_one_line_error(run_cli("brief", str(tmp_path / "empty.txt")), "empty")
    _assert_one_line_error(run_cli("brief", str(tmp_path / "blank.txt")), "empty")


def test_binary_file(run_cli, tmp_path):
    png = tmp_path / "photo.txt"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    _assert_one_line_error(run_cli("brief", str(png)), "binary")


def test_unsupported_extension(run_cli, tmp_path):
    doc = tmp_path / "report.docx"
    doc.write_bytes(b"PK\x03\x04")
    _assert_one_line_error(run_cli("brief", str(doc)), "report.docx")


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ("[[theme]\nid=", "not valid TOML"),
        ('[[theme]]\nid = "a"\nlabel = "A"\nkeywords = []\n', "'a'"),
        ('[[theme]]\nid = "a"\nlabel = "A"\nkeywords = ["x"]\ncolour = "red"\n', "colour"),
        ('[[theme]]\nid = "a"\nkeywords = ["x"]\n', "label"),
    ],
)
def test_bad_themes_file(run_cli, seeds_dir, tmp_path, content, fragment):
    themes = tmp_path / "themes.toml"
    themes.write_text(content)
    result = run_cli("brief", str(seeds_dir), "--themes", str(themes))
    _assert_one_line_error(result, fragment)
    assert str(themes) in result.stderr


def test_output_is_a_directory(run_cli, seeds_dir, tmp_path):
    _assert_one_line_error(run_cli("brief", str(seeds_dir), "-o", str(tmp_path)), "directory")


def test_output_is_an_input(run_cli, tmp_path, seeds_dir):
    article = tmp_path / "a.txt"
    article.write_bytes((seeds_dir / "000_f7faf68b8b80ac65.txt").read_bytes())
    before = article.read_bytes()
    _assert_one_line_error(run_cli("brief", str(article), "-o", str(article)), "input")
    assert article.read_bytes() == before


def test_failed_run_leaves_previous_output_untouched(run_cli, tmp_path):
    output = tmp_path / "briefing.md"
    output.write_text("previous briefing\n")
    result = run_cli("brief", str(tmp_path / "missing.txt"), "-o", str(output))
    assert result.exit_code != 0
    assert output.read_text() == "previous briefing\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["briefing.md"]


def test_two_identical_articles_counted_once(run_cli, tmp_path, seeds_dir):
    text = (seeds_dir / "002_4a41b86798aaf79a.txt").read_bytes()
    (tmp_path / "a.txt").write_bytes(text)
    (tmp_path / "b.txt").write_bytes(text)
    result = run_cli("brief", str(tmp_path), "-f", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert len(data["sources"]) == 1
    assert any("identical" in w for w in data["warnings"])


def test_stdin_input(run_cli, seeds_dir):
    text = (seeds_dir / "003_d06e6ac7dba8fc6a.txt").read_bytes()
    result = run_cli("brief", "-", "-f", "json", input=text)
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["sources"][0]["id"] == "stdin"


def test_summarize_command(run_cli, seeds_dir):
    result = run_cli(
        "summarize", str(seeds_dir / "001_fa4f70a1447067d8.txt"), "--sentences", "3", "-f", "json"
    )
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    (source,) = data["sources"]
    assert len(source["summary"]) == 3
    spans = [q["span"][0] for q in source["summary"]]
    assert spans == sorted(spans), "summary sentences keep document order"


def test_inspect_shows_furniture_and_spans(run_cli, seeds_dir):
    result = run_cli("inspect", str(seeds_dir / "003_d06e6ac7dba8fc6a.txt"), "-f", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    sentences = data["sentences"]
    dropped = [s for s in sentences if s["furniture"]]
    kept = [s for s in sentences if not s["furniture"]]
    assert any("Leave a Comment" in s["text"] for s in dropped)
    assert all("Leave a Comment" not in s["text"] for s in kept)
    assert any("casualties" in s["themes"] for s in kept)


def test_themes_write_round_trips_into_brief(run_cli, seeds_dir, tmp_path):
    target = tmp_path / "proposed.toml"
    assert run_cli("themes", str(seeds_dir), "--write", str(target)).exit_code == 0
    result = run_cli("brief", str(seeds_dir), "--themes", str(target), "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["themes_origin"] == str(target)


def test_builtin_themes_printed(run_cli):
    result = run_cli("themes", "--builtin")
    assert result.exit_code == 0
    assert 'id = "casualties"' in result.stdout


def test_python_dash_m_and_sigterm_leave_no_partial_file(tmp_path, seeds_dir):
    output = tmp_path / "out.md"
    output.write_text("old\n")
    process = subprocess.Popen(
        [sys.executable, "-m", "summarizer", "brief", str(seeds_dir), "-o", str(output)],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    process.terminate()
    _, stderr = process.communicate()
    leftovers = [p.name for p in tmp_path.iterdir() if p.name != "out.md"]
    assert leftovers == []
    text = output.read_text()
    # Either the run was interrupted (old file kept) or it finished first (complete new file).
    assert text == "old\n" or "## Per-source summaries" in text
    assert b"Traceback" not in stderr


def test_real_json_validates_against_the_shipped_schema(run_cli, seeds_dir):
    import jsonschema

    from summarizer.render import json_schema

    schema = json_schema()
    result = run_cli("brief", str(seeds_dir), "-f", "json")
    data = json.loads(result.stdout)
    jsonschema.Draft202012Validator(schema).validate(data)
    assert {g["verdict"] for g in data["figures"]} == {"agree", "diverge", "single"}


def test_html_is_self_contained_and_side_by_side(run_cli, seeds_dir):
    result = run_cli("brief", str(seeds_dir), "-f", "html")
    html = result.stdout
    assert "<script" not in html.lower()
    assert "http://" not in html and "https://" not in html.replace("https://json-schema", "")
    # One column per source in the theme tables.
    for source in ("000", "001", "002", "003", "004"):
        assert f">{source}" in html or f"{source} ·" in html


def test_first_import_of_the_stages_stops_collection_and_freezes_what_it_made(monkeypatch):
    import gc

    from summarizer import cli

    monkeypatch.delitem(sys.modules, "summarizer.pipeline", raising=False)  # as at start-up
    frozen = gc.get_freeze_count()
    try:
        with cli._long_lived_objects():
            assert not gc.isenabled()
            made = [{} for _ in range(1000)]
        assert not gc.isenabled()  # off for the rest of the command: its objects live to its end
        gc.enable()
        assert gc.get_freeze_count() >= frozen + len(made)
        with pytest.raises(KeyError), cli._long_lived_objects():
            raise KeyError("a failed import")
        assert gc.isenabled()  # collection comes back even when the import fails
    finally:
        gc.unfreeze()


def test_a_command_that_turned_the_collector_off_gives_it_back_to_its_caller(
    run_cli, monkeypatch, tmp_path
):
    import gc

    monkeypatch.delitem(sys.modules, "summarizer.pipeline", raising=False)  # as at start-up
    turned_off = []
    disable = gc.disable
    monkeypatch.setattr(gc, "disable", lambda: (turned_off.append(True), disable()))
    article = tmp_path / "a.txt"
    article.write_text("The council met on Monday. It approved the budget. The vote was 7 to 2.\n")
    try:
        result = run_cli("summarize", str(article), "-f", "json")
    finally:
        gc.unfreeze()
    assert result.exit_code == 0, result.output
    assert turned_off  # the command did run without collection
    assert gc.isenabled()  # and this process collects again


def test_later_imports_of_the_stages_leave_the_collector_alone(monkeypatch):
    import gc
    import types

    from summarizer import cli

    monkeypatch.setitem(sys.modules, "summarizer.pipeline", types.ModuleType("pipeline"))
    frozen = gc.get_freeze_count()
    with cli._long_lived_objects():
        assert gc.isenabled()
        made = [{} for _ in range(1000)]
    assert gc.get_freeze_count() == frozen and made


@pytest.mark.slow
def test_brief_on_one_story_imports_no_clustering_library(tmp_path, seeds_dir):
    """The seeds are one story: the mixed-pile check settles it without scikit-learn's or
    scipy's clustering (0.2 s of start-up), and the output is still written."""
    output = tmp_path / "out.json"
    command = ["brief", str(seeds_dir), "-f", "json", "-o", str(output)]
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "summarizer", *command],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    imported = {line.rsplit("|", 1)[-1].strip() for line in result.stderr.splitlines()}
    assert "summarizer.stories" in imported and "textstat" in imported  # the run did its work
    assert "sklearn.cluster" not in imported
    assert "scipy.cluster.hierarchy" not in imported
    assert json.loads(output.read_text(encoding="utf-8"))["sources"]
