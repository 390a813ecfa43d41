"""Property-based tests: whatever the text, ``brief`` ends in a valid briefing or one error line.

For arbitrary Unicode documents (sometimes news-like, sometimes garbage, sometimes bytes that
are not text at all) and sets of 1 to 6 of them, ``brief`` in every format either succeeds or
fails with the documented error (exit 2, one line); every quote's span slices back to its text;
the JSON validates against the shipped schema; and a second run gives identical bytes.

Profiles (registered in tests/conftest.py): "ci", the default here, and "thorough", chosen
with ``pytest --hypothesis-profile thorough`` or HYPOTHESIS_PROFILE=thorough.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import sys
import tempfile
from functools import cache
from pathlib import Path

import jsonschema
import pytest
from helpers import json_quotes
from hypothesis import event, given, settings
from hypothesis import strategies as st

from summarizer.cli import main
from summarizer.console import terminal_safe
from summarizer.errors import SummarizerError
from summarizer.ingest import parse_article
from summarizer.render import json_schema
from summarizer.segment import segment

FORMATS = ("json", "md", "html")
MAX_SENTENCE_CHARS = 1_000

# Apply the chosen profile to these tests only, so other modules keep Hypothesis' defaults.
_CHOSEN = os.environ.get("HYPOTHESIS_PROFILE") or settings.get_current_profile_name()
PROFILE = settings.get_profile("ci" if _CHOSEN == "default" else _CHOSEN)
# The single-document property is cheaper, so it gets more examples in the same budget.
PROFILE_SINGLE = settings(PROFILE, max_examples=PROFILE.max_examples * 2)


# --------------------------------------------------------------------------------------------
# Documents: news-like, garbage, or a mix
# --------------------------------------------------------------------------------------------

_NEWS_WORDS = (
    "the officials said on Monday that about 2,700 troops were killed and 300 wounded in the"
    " northern region according to the ministry river city council report government army"
    " talks ceasefire ‘estimated’ up to 11,000 more than $4.5 billion U.S. Dr. No. 5 e.g."
)
_WORDS = tuple(_NEWS_WORDS.split())
_HOSTILE = (
    "<script>alert(1)</script>",
    "{{ 7*7 }}",
    "{% if x %}",
    "| a | b |",
    "`code`",
    "**bold**",
    "[link](javascript:x)",
    "<!--",
    "\x00",
    "\u202e",
    "\u200b",
    "\ufeff",
    "\r",
    "\x0c",
    "e\u0301",
    "🇰🇵",
    "&amp;",
)

letters = st.characters(categories=("Lu", "Ll", "Lo", "Nd"))
word = st.one_of(
    st.sampled_from(_WORDS),
    st.text(letters, min_size=1, max_size=12),
    st.integers(0, 10**9).map(lambda number: f"{number:,}"),
    st.sampled_from(_HOSTILE),
)


@st.composite
def news_sentence(draw: st.DrawFn) -> str:
    words = draw(st.lists(word, min_size=1, max_size=25))
    first = words[0][:1].upper() + words[0][1:]
    end = draw(st.sampled_from([".", ".", ".", "!", "?", "…", "...", ".”", ".)", ":", ""]))
    sentence = " ".join([first, *words[1:]]) + end
    if draw(st.booleans()):
        sentence = f"“{sentence}” {draw(st.sampled_from(['he said.', 'said an official.']))}"
    return sentence


@st.composite
def news_text(draw: st.DrawFn) -> str:
    paragraphs = draw(
        st.lists(st.lists(news_sentence(), min_size=1, max_size=5), min_size=1, max_size=5)
    )
    inside = draw(st.sampled_from([" ", "\n", " \n"]))
    between = draw(st.sampled_from(["\n\n", "\n", "\r\n\r\n", "\r\r", "\n \n"]))
    text = between.join(inside.join(paragraph) for paragraph in paragraphs)
    if draw(st.booleans()):
        text = draw(st.text(letters, min_size=1, max_size=40)).title() + "\n\n" + text
    return text


garbage_text = st.text(max_size=400)  # any code point but surrogates, controls included
text_document = st.one_of(
    news_text(),
    garbage_text,
    st.tuples(news_text(), garbage_text, news_text()).map("".join),
)


@st.composite
def document_bytes(draw: st.DrawFn) -> bytes:
    """A saved file: usually UTF-8 text, sometimes another encoding or raw bytes."""
    text = draw(text_document)
    encoding = draw(st.sampled_from(["utf-8"] * 6 + ["utf-8-sig", "utf-16", "cp1252", "raw"]))
    if encoding == "raw":
        return draw(st.binary(max_size=300))
    return text.encode(encoding, errors="replace")


document = st.tuples(document_bytes(), st.sampled_from([".txt", ".txt", ".txt", ".md", ".html"]))
document_sets = st.lists(document, min_size=1, max_size=6)


# --------------------------------------------------------------------------------------------
# Running the real command in-process
# --------------------------------------------------------------------------------------------


def run(*args: str, cold: bool = True) -> tuple[int, str, str]:
    """Exit code, stdout and stderr of ``summarizer ARGS``, run in this process.

    ``cold`` empties the package's caches first, so nothing is reused from an earlier run.
    """
    if cold:
        _clear_caches()
    stdout, stderr = io.StringIO(), io.StringIO()
    code: int | str | None = 0
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        try:
            main(list(args))
        except SystemExit as exit_:
            code = exit_.code
    return (code if isinstance(code, int) else 1), stdout.getvalue(), stderr.getvalue()


def briefs(inputs: list[str]) -> dict[str, tuple[int, str, str]]:
    """``brief`` in every format: JSON from cold caches, then the others (cheaper) warm."""
    return {fmt: run("brief", "-f", fmt, *inputs, cold=fmt == "json") for fmt in FORMATS}


def _clear_caches() -> None:
    """Empty every module-level functools cache of the package."""
    for name, module in list(sys.modules.items()):
        if name == "summarizer" or name.startswith("summarizer."):
            for value in list(vars(module).values()):
                clear = getattr(value, "cache_clear", None)
                if callable(clear):
                    clear()


@cache
def _validator() -> jsonschema.protocols.Validator:
    schema = json_schema()
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    return validator_class(schema)


def write_documents(folder: Path, documents: list[tuple[bytes, str]]) -> list[str]:
    paths = []
    for number, (data, suffix) in enumerate(documents):
        path = folder / f"doc{number}{suffix}"
        path.write_bytes(data)
        paths.append(str(path))
    return paths


def assert_documented_failure(code: int, stdout: str, stderr: str) -> str:
    assert code == 2, (code, stderr)
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("summarizer: error: ") and "internal error" not in lines[0]
    assert stdout == ""
    return lines[0]


def assert_spans_exact(briefing: dict) -> None:
    texts = {
        source["id"]: parse_article(
            Path(source["path"]).read_bytes(), path=source["path"], id=source["id"]
        ).raw
        for source in briefing["sources"]
    }
    for quote in json_quotes(briefing):
        start, end = quote["span"]
        assert 0 <= start <= end <= len(texts[quote["source"]])
        assert " ".join(texts[quote["source"]][start:end].split()) == quote["text"], quote


# --------------------------------------------------------------------------------------------
# Properties
# --------------------------------------------------------------------------------------------


@pytest.mark.slow
@PROFILE
@given(documents=document_sets, as_folder=st.booleans())
def test_brief_succeeds_or_fails_cleanly_in_every_format(documents, as_folder):
    with tempfile.TemporaryDirectory() as folder:
        paths = write_documents(Path(folder), documents)
        inputs = [folder] if as_folder else paths
        results = briefs(inputs)
        codes = {fmt: result[0] for fmt, result in results.items()}
        event("briefing written" if codes["json"] == 0 else "documented error")
        # The format only changes the rendering: the same inputs pass or fail the same way.
        assert len(set(codes.values())) == 1, {f: (r[0], r[2]) for f, r in results.items()}
        if codes["json"] != 0:
            errors = {assert_documented_failure(*result) for result in results.values()}
            assert len(errors) == 1, errors
            return
        briefing = json.loads(results["json"][1])
        # Each warning the briefing carries is also on stderr, one terminal-safe line each.
        on_stderr = [f"summarizer: warning: {terminal_safe(w)}" for w in briefing["warnings"]]
        for fmt, (_code, stdout, stderr) in results.items():
            assert stdout.strip(), fmt
            lines = stderr.splitlines()
            assert all(line.startswith("summarizer: warning: ") for line in lines), stderr
            assert set(on_stderr) <= set(lines), stderr
        _validator().validate(briefing)
        assert_spans_exact(briefing)
        # Deterministic: a second, cold run gives the same bytes in every format.
        assert briefs(inputs) == results


@pytest.mark.slow
@PROFILE_SINGLE
@given(data=document_bytes(), suffix=st.sampled_from([".txt", ".md", ".html"]))
def test_one_document_gives_a_valid_briefing_or_one_error_line(data, suffix):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"article{suffix}"
        path.write_bytes(data)
        code, stdout, stderr = run("brief", "-f", "json", str(path))
        event("briefing written" if code == 0 else "documented error")
        if code != 0:
            assert_documented_failure(code, stdout, stderr)
            return
        briefing = json.loads(stdout)
        _validator().validate(briefing)
        assert_spans_exact(briefing)
        assert any("nothing to compare" in warning for warning in briefing["warnings"])


@pytest.mark.slow
@PROFILE_SINGLE
@given(data=document_bytes(), suffix=st.sampled_from([".txt", ".md", ".html"]))
def test_ingest_and_segment_give_exact_bounded_spans_or_a_summarizer_error(data, suffix):
    try:
        article = parse_article(data, path=f"article{suffix}", id="a")
    except SummarizerError as error:
        assert str(error) and "\n" not in str(error)
        return
    previous_end = 0
    for sentence in segment(article):
        assert previous_end <= sentence.start < sentence.end <= len(article.raw)
        assert sentence.text == " ".join(article.raw[sentence.start : sentence.end].split())
        # Runs without sentence breaks are cut into pieces no longer than the cap (in body
        # characters: invisible characters dropped from the body may make the raw span longer).
        body_start = article.offsets.index(sentence.start)
        body_end = article.offsets.index(sentence.end)
        assert body_end - body_start <= MAX_SENTENCE_CHARS
        previous_end = sentence.end


# The fast set (plain `pytest`) runs each property above on a few examples; the slow set
# (`pytest -m slow`, also run by .ci/run) gives them the profile's full budget.
QUICK = settings(PROFILE, max_examples=2)
QUICK_SINGLE = settings(PROFILE, max_examples=6)
_document_sets = given(documents=document_sets, as_folder=st.booleans())
_one_document = given(data=document_bytes(), suffix=st.sampled_from([".txt", ".md", ".html"]))
test_brief_succeeds_or_fails_cleanly_quick = QUICK(
    _document_sets(test_brief_succeeds_or_fails_cleanly_in_every_format.hypothesis.inner_test)
)
test_one_document_gives_a_valid_briefing_quick = QUICK_SINGLE(
    _one_document(test_one_document_gives_a_valid_briefing_or_one_error_line.hypothesis.inner_test)
)
test_ingest_and_segment_give_exact_spans_quick = QUICK_SINGLE(
    _one_document(
        test_ingest_and_segment_give_exact_bounded_spans_or_a_summarizer_error.hypothesis.inner_test
    )
)


@pytest.mark.slow  # two fresh interpreters import every stage
def test_same_output_in_fresh_processes_with_different_hash_seeds(tmp_path):
    # In-process reruns share one hash seed; set and dict order bugs only show across processes.
    import subprocess

    folder = tmp_path / "docs"
    folder.mkdir()
    texts = [
        "Flood Waters Rise\n\nThe river rose by 2 metres on Monday, officials said. About 4,000"
        " people left their homes. “We are safe,” one resident said.\n",
        "Thousands Flee Rising River\n\nSome 4,000 residents were evacuated on Monday after the"
        " river rose, the council said. Soldiers built new levees. More rain is expected.\n",
        "Ünïcödé ⚠️ {{ 7*7 }} <b>x</b> | a | b |\n\nGarbage \x00\u202e text without end",
    ]
    for number, text in enumerate(texts):
        (folder / f"{number}.txt").write_bytes(text.encode("utf-8"))
    outputs = set()
    for seed in ("1", "2"):
        done = subprocess.run(
            [sys.executable, "-m", "summarizer", "brief", "-f", "json", str(folder)],
            capture_output=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
            cwd=tmp_path,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        outputs.add(done.stdout)
    outputs.add(run("brief", "-f", "json", str(folder))[1].encode("utf-8"))
    assert len(outputs) == 1
