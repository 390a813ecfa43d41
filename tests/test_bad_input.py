"""Whatever analysts saved from the web: each input ends in a correct briefing or one clear error.

Every case runs the real ``brief`` command (in-process through ``run_cli``, or as a subprocess
where signals are involved). Size cases use small limits passed by option so they stay fast;
bench/bench_limits.py measures the real sizes.
"""

from __future__ import annotations

import codecs
import gzip
import html
import json
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from helpers import json_quotes

from summarizer import ingest
from summarizer.ingest import DEFAULT_MAX_BYTES, DEFAULT_MAX_FILES, TOTAL_TEXT_FACTOR

REPO = Path(__file__).resolve().parent.parent

# An invented story with several paragraphs, figures, quotes and curly apostrophes. Every
# character is in Windows-1252 so the same text can be saved in each legacy encoding.
STORY = (
    "Flood Waters Rise Across the Northern Valley\n"
    "\n"
    "Heavy rain pushed the river above its banks on Sunday, forcing about 4,000 residents to"
    " leave their homes, the regional government said.\n"
    "Emergency crews evacuated two hospitals and a school in the lower town, officials said.\n"
    "The weather service expects another 120 millimetres of rain before Wednesday.\n"
    "\n"
    "The governor said the army would send 300 soldiers to reinforce the levees.\n"
    "“We are doing everything we can to keep people safe,” she told reporters in the capital.\n"
    "Farmers in the valley said the flooding had destroyed much of this year’s harvest.\n"
    "\n"
    "Insurance companies estimated the damage at more than €50 million.\n"
    "Local volunteers have set up shelters in three churches and the sports hall.\n"
)
# A second, independent report of the same event, so briefings have something to compare.
OTHER_STORY = (
    "Thousands Flee as River Bursts Its Banks\n"
    "\n"
    "Some 4,000 people were evacuated from towns in the northern valley after days of rain, the"
    " regional government said on Sunday.\n"
    "Soldiers were sent to shore up levees along the river, and two hospitals were emptied.\n"
    "Forecasters warned that more rain would fall before the middle of the week.\n"
    "\n"
    "Farmers said the water had ruined crops that were due to be harvested within weeks.\n"
    "The regional governor promised compensation for families who lost their homes.\n"
)
ALL_SENTENCES = ("--sentences", "100")  # every content sentence in the summary: all get quoted


# --------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------


def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


def assert_one_line_error(result, fragment: str) -> str:  # type: ignore[no-untyped-def]
    """The documented failure: no output, one ``summarizer: error:`` line, exit code 2."""
    assert result.exit_code == 2, (result.exit_code, result.stderr)
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("summarizer: error: "), lines[0]
    assert "internal error" not in lines[0]
    assert fragment in lines[0], lines[0]
    assert result.stdout == ""
    return lines[0]


def assert_interrupted(stderr: str) -> None:
    """One message line saying the run was interrupted (click adds a blank line after ^C)."""
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    assert lines[0].startswith("summarizer: error: interrupted"), lines[0]


def brief_json(run_cli, *args: str) -> dict:  # type: ignore[no-untyped-def]
    """Run ``brief -f json`` and return the parsed briefing (the run must succeed)."""
    result = run_cli("brief", "-f", "json", *args)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def decoded_texts(briefing: dict) -> dict[str, str]:
    """Each source's decoded text, as ingest decodes it: what every span indexes into."""
    return {
        source["id"]: ingest.parse_article(
            Path(source["path"]).read_bytes(), path=source["path"], id=source["id"]
        ).raw
        for source in briefing["sources"]
    }


def assert_spans_exact(briefing: dict) -> int:
    """Every quote's span slices its source's decoded text back to its text; returns the count."""
    texts = decoded_texts(briefing)
    checked = 0
    for quote in json_quotes(briefing):
        start, end = quote["span"]
        assert " ".join(texts[quote["source"]][start:end].split()) == quote["text"], quote
        checked += 1
    assert checked > 0
    return checked


def quote_texts(briefing: dict) -> set[str]:
    return {quote["text"] for quote in json_quotes(briefing)}


def leftovers(folder: Path, *expected: str) -> list[str]:
    """Files in ``folder`` other than the expected ones (e.g. a temporary output file)."""
    return sorted(p.name for p in folder.iterdir() if p.name not in expected)


# --------------------------------------------------------------------------------------------
# Empty and nearly empty files
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ("", "file is empty"),
        (" \n\t\n\u00a0\u200b\n\r\n", "file is empty"),
        (
            "Advertisement\nShare on Facebook\nSign up for our newsletter\n"
            "Copyright 2025 Example News. All rights reserved.\n",
            "no article text found",
        ),
    ],
    ids=["empty", "whitespace-only", "only-page-furniture"],
)
def test_files_without_article_text_are_one_clear_error(run_cli, tmp_path, content, fragment):
    path = write(tmp_path / "saved.txt", content)
    line = assert_one_line_error(run_cli("brief", str(path)), fragment)
    if fragment == "file is empty":
        assert str(path) in line


def test_one_sentence_without_a_full_stop_is_briefed(run_cli, tmp_path):
    sentence = "Rescue teams reached the flooded villages on Monday"
    path = write(tmp_path / "fragment.txt", sentence)
    briefing = brief_json(run_cli, str(path))
    assert sentence in quote_texts(briefing)
    assert any("nothing to compare" in warning for warning in briefing["warnings"])
    assert_spans_exact(briefing)


# --------------------------------------------------------------------------------------------
# Binary files
# --------------------------------------------------------------------------------------------

BINARIES = {
    "PNG": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
    "PDF": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",
    "NUL bytes": b"Heavy rain fell on Sunday.\x00\x00\x00 The river rose. More text.\n",
    "gzip": gzip.compress(STORY.encode("utf-8"), mtime=0),
}


@pytest.mark.parametrize("kind", sorted(BINARIES))
def test_binary_file_named_as_an_article_is_refused(run_cli, tmp_path, kind):
    # Saved with a text extension, as happens when a browser guesses the wrong type.
    path = write(tmp_path / "saved.txt", BINARIES[kind])
    line = assert_one_line_error(run_cli("brief", str(path)), "looks like a binary file")
    assert f"({kind}" in line and str(path) in line


def test_binary_files_in_a_folder_are_skipped_with_a_warning(run_cli, tmp_path):
    write(tmp_path / "a-story.txt", STORY)
    for number, kind in enumerate(sorted(BINARIES)):
        write(tmp_path / f"b-{number}.txt", BINARIES[kind])
    briefing = brief_json(run_cli, str(tmp_path))
    assert [source["id"] for source in briefing["sources"]] == ["a"]
    skipped = [w for w in briefing["warnings"] if "looks like a binary file" in w]
    assert len(skipped) == len(BINARIES)


# --------------------------------------------------------------------------------------------
# Encodings: every quote's span stays exact
# --------------------------------------------------------------------------------------------


def _with_invalid_bytes(text: str) -> bytes:
    data = text.encode("utf-8")
    middle = data.index(b"hospitals") + 4  # inside a word, in the middle of the file
    return data[:middle] + b"\xff\xfe\x80" + data[middle:]


def _mixed_line_endings(text: str) -> bytes:
    lines = text.split("\n")
    endings = ["\r\n", "\n", "\r"]
    mixed = "".join(line + endings[i % 3] for i, line in enumerate(lines[:-1])) + lines[-1]
    return mixed.encode("utf-8")


def _invisible_characters(text: str) -> bytes:
    # Zero-width space and joiner inside words, a bidi override around a name, a BOM mid-text.
    return (
        text.replace("evacuated", "evac\u200buated")
        .replace("governor", "gover\u200dnor")
        .replace("the capital", "the \u202ecapital\u202c")
        .replace("Insurance", "\ufeffInsurance")
        .encode("utf-8")
    )


def _emoji_and_combining(text: str) -> bytes:
    return (
        text.replace("safe,”", "safe 🙏🏽,”")
        .replace("sports hall", "sports hall 🏟️ and the café")
        .replace("Farmers", "Fe\u0301lix and other farmers")
        .encode("utf-8")
    )


ENCODED = {
    "invalid UTF-8 mid-file": _with_invalid_bytes,
    "UTF-16 with BOM": lambda text: codecs.BOM_UTF16_LE + text.encode("utf-16-le"),
    "Windows-1252": lambda text: text.encode("cp1252"),
    "mixed CRLF/LF/CR": _mixed_line_endings,
    "zero-width and bidi": _invisible_characters,
    "emoji and combining accents": _emoji_and_combining,
}


@pytest.mark.parametrize("encoding", sorted(ENCODED))
def test_encodings_keep_every_span_exact(run_cli, tmp_path, encoding):
    path = write(tmp_path / "story.txt", ENCODED[encoding](STORY))
    briefing = brief_json(run_cli, *ALL_SENTENCES, str(path))
    assert assert_spans_exact(briefing) >= 5
    texts = quote_texts(briefing)
    assert all("\r" not in text and "\x00" not in text for text in texts)
    if encoding in ("UTF-16 with BOM", "Windows-1252", "mixed CRLF/LF/CR"):
        # The same characters, differently stored: the same quotes as the plain UTF-8 file.
        plain = write(tmp_path / "plain" / "story.txt", STORY)
        assert texts == quote_texts(brief_json(run_cli, *ALL_SENTENCES, str(plain)))
    if encoding == "Windows-1252":
        assert any("“We are doing everything" in text for text in texts)
        assert any("Windows-1252" in warning for warning in briefing["warnings"])
    if encoding == "invalid UTF-8 mid-file":
        assert any("not valid UTF-8" in warning for warning in briefing["warnings"])
        # The valid UTF-8 around the bad bytes (curly quotes, euro sign) is still UTF-8.
        assert any("“We are doing everything" in text for text in texts)
        assert any("€50 million" in text for text in texts)
    if encoding == "emoji and combining accents":
        assert any("🙏🏽" in text for text in texts)
        assert any("Fe\u0301lix" in text for text in texts)  # not normalised to "é"


# --------------------------------------------------------------------------------------------
# Size limits
# --------------------------------------------------------------------------------------------


def _prose(size: int) -> str:
    """About ``size`` characters of plain sentences in paragraphs."""
    paragraph = OTHER_STORY.split("\n\n", 1)[1]
    return (paragraph + "\n") * (size // (len(paragraph) + 1) + 1)


def test_file_over_max_bytes_names_the_limit_and_the_option(run_cli, tmp_path):
    path = write(tmp_path / "long.txt", _prose(5_000))
    line = assert_one_line_error(run_cli("brief", "--max-bytes", "1000", str(path)), "--max-bytes")
    assert "over the 1 KB limit" in line and str(path) in line
    # The same file under a raised limit is briefed.
    assert run_cli("brief", "--max-bytes", "20000", str(path)).exit_code == 0


def test_a_50_mb_file_is_refused_by_default_before_it_is_read(run_cli, tmp_path, monkeypatch):
    path = tmp_path / "dump.txt"
    with path.open("wb") as handle:
        handle.truncate(50_000_000)  # sparse: the size is real, the disk space is not used

    def no_reading(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the file should be refused before it is opened")

    monkeypatch.setattr(ingest, "open", no_reading, raising=False)
    line = assert_one_line_error(run_cli("brief", str(path)), "--max-bytes")
    assert "file is 50 MB, over the" in line


def test_default_limit_refuses_a_file_just_over_it(run_cli, tmp_path):
    path = write(tmp_path / "long.txt", _prose(DEFAULT_MAX_BYTES)[: DEFAULT_MAX_BYTES + 1])
    assert_one_line_error(run_cli("brief", str(path)), "raise it with --max-bytes")


def test_5_mb_line_without_punctuation_is_refused_by_default(run_cli, tmp_path):
    line_text = ("water rises over the fields and the roads " * 120_000)[:5_000_000]
    path = write(tmp_path / "blob.txt", line_text)
    assert_one_line_error(run_cli("brief", str(path)), "--max-bytes")


def test_long_line_without_punctuation_is_quoted_in_bounded_pieces(run_cli, tmp_path):
    words = "water rises over the fields and the roads near the old mill "
    blob = (words * 100).strip()  # 6 KB, one line, no stop anywhere
    path = write(tmp_path / "blob.txt", blob)
    briefing = brief_json(run_cli, "--max-bytes", "10000", *ALL_SENTENCES, str(path))
    assert_spans_exact(briefing)
    pieces = [q for q in briefing["sources"][0]["summary"]]
    assert len(pieces) >= 6
    assert all(len(piece["text"]) <= 1_000 for piece in pieces)
    # The pieces tile the line: together they hold every word, in order.
    ordered = sorted(pieces, key=lambda piece: piece["span"][0])
    assert " ".join(piece["text"] for piece in ordered) == blob


def test_html_markup_does_not_count_against_max_bytes_but_its_text_does(run_cli, tmp_path):
    paragraphs = "".join(f"<p>{line}</p>\n" for line in STORY.splitlines()[2:] if line)
    chrome = "<script>var x = 1;</script>\n" * 2_000  # 56 KB of page scripts
    page = f"<html><head>{chrome}</head><body><article>{paragraphs}</article></body></html>"
    small = write(tmp_path / "small" / "page.html", page)
    assert run_cli("brief", "--max-bytes", "5000", str(small)).exit_code == 0
    long_text = "".join(f"<p>{line}</p>\n" for line in _prose(8_000).splitlines() if line)
    big = write(tmp_path / "big" / "page.html", f"<html><body>{long_text}</body></html>")
    line = assert_one_line_error(
        run_cli("brief", "--max-bytes", "5000", str(big)), "raise it with --max-bytes"
    )
    assert "article text is" in line and "over the 5 KB limit" in line


@pytest.mark.slow
def test_total_article_text_over_the_limit_is_fatal_even_in_a_folder(run_cli, tmp_path):
    # Just enough 4.5 KB files to pass TOTAL_TEXT_FACTOR x 5 KB, each within the 5 KB limit.
    for number in range(TOTAL_TEXT_FACTOR * 5_000 // 4_500 + 1):
        write(tmp_path / f"{number}.txt", _prose(4_500)[:4_500])
    line = assert_one_line_error(
        run_cli("brief", "--max-bytes", "5000", str(tmp_path)), "raise it with --max-bytes"
    )
    assert "all inputs together" in line and f"{TOTAL_TEXT_FACTOR} × --max-bytes" in line


def test_too_many_files_names_the_limit_and_the_option(run_cli, tmp_path):
    for number in range(12):
        write(tmp_path / f"{number:02d}.txt", f"Report number {number} says the river rose.\n")
    line = assert_one_line_error(
        run_cli("brief", "--max-files", "10", str(tmp_path)), "--max-files"
    )
    assert "more than 10 input files" in line
    assert run_cli("brief", "--max-files", "12", str(tmp_path)).exit_code == 0


@pytest.mark.slow
def test_default_file_limit_refuses_a_folder_just_over_it(run_cli, tmp_path):
    for number in range(DEFAULT_MAX_FILES + 1):
        write(tmp_path / f"{number:05d}.txt", f"Report number {number} says the river rose.\n")
    assert_one_line_error(run_cli("brief", str(tmp_path)), "raise the limit with --max-files")


def test_json_lines_records_count_against_max_files(run_cli, tmp_path):
    records = [{"text": f"Report {n} says the river rose by {n} metres."} for n in range(12)]
    path = write(tmp_path / "feed.jsonl", "\n".join(json.dumps(r) for r in records))
    line = assert_one_line_error(run_cli("brief", "--max-files", "10", str(path)), "--max-files")
    assert "more than 10 articles" in line


# --------------------------------------------------------------------------------------------
# Files and paths
# --------------------------------------------------------------------------------------------


def test_nonexistent_path(run_cli, tmp_path):
    missing = tmp_path / "gone.txt"
    line = assert_one_line_error(run_cli("brief", str(missing)), "no such file or directory")
    assert str(missing) in line


def _deny_reading(monkeypatch: pytest.MonkeyPatch, denied: Path) -> None:
    """Simulate a file without read permission (tests may run as root, which ignores modes)."""
    real_open = open

    def guarded(path, *args, **kwargs):  # type: ignore[no-untyped-def]
        if Path(path) == denied:
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(ingest, "open", guarded, raising=False)


def test_unreadable_file_named_is_an_error(run_cli, tmp_path, monkeypatch):
    path = write(tmp_path / "locked.txt", STORY)
    _deny_reading(monkeypatch, path)
    line = assert_one_line_error(run_cli("brief", str(path)), "permission denied")
    assert str(path) in line


def test_unreadable_file_in_a_folder_is_skipped_with_a_warning(run_cli, tmp_path, monkeypatch):
    write(tmp_path / "a.txt", STORY)
    locked = write(tmp_path / "b.txt", OTHER_STORY)
    _deny_reading(monkeypatch, locked)
    briefing = brief_json(run_cli, str(tmp_path))
    assert [source["id"] for source in briefing["sources"]] == ["a"]
    assert any("b.txt: permission denied" in warning for warning in briefing["warnings"])


def test_directory_symlink_loop_ends_and_reads_each_file_once(run_cli, tmp_path):
    write(tmp_path / "news" / "a.txt", STORY)
    write(tmp_path / "news" / "inner" / "b.txt", OTHER_STORY)
    (tmp_path / "news" / "inner" / "back").symlink_to(tmp_path / "news", target_is_directory=True)
    briefing = brief_json(run_cli, str(tmp_path / "news"))
    assert sorted(source["id"] for source in briefing["sources"]) == ["a", "b"]
    assert any("symbolic link" in warning for warning in briefing["warnings"])


def test_file_symlink_loop_named_is_an_error(run_cli, tmp_path):
    first, second = tmp_path / "x.txt", tmp_path / "y.txt"
    first.symlink_to(second)
    second.symlink_to(first)
    assert_one_line_error(run_cli("brief", str(first)), "looping symbolic link")


def test_path_with_spaces_and_non_ascii_characters(run_cli, tmp_path):
    path = write(tmp_path / "saved pages" / "Überschwemmung – 洪水 report.txt", STORY)
    output = tmp_path / "saved pages" / "briefing – Überblick.md"
    assert run_cli("brief", str(path), "-o", str(output)).exit_code == 0
    assert "Heavy rain pushed the river" in output.read_text(encoding="utf-8")
    briefing = brief_json(run_cli, str(path))
    assert briefing["sources"][0]["path"] == str(path)
    assert_spans_exact(briefing)


@pytest.mark.parametrize("fmt", ["md", "html", "json"])
def test_file_names_with_undecodable_bytes_are_written_as_valid_utf8(run_cli, tmp_path, fmt):
    # Old archives hold Latin-1 file names: Python hands them over with lone surrogates.
    folder = os.fsencode(tmp_path / "saved")
    os.makedirs(folder)
    with open(os.path.join(folder, b"caf\xe9 report.txt"), "wb") as handle:
        handle.write(STORY.encode("utf-8"))
    with open(os.path.join(folder, b"\xe9t\xe9.txt"), "wb"):
        pass  # an empty file: skipped with a warning that names it
    output = tmp_path / f"briefing.{fmt}"
    result = run_cli("brief", "-f", fmt, os.fsdecode(folder), "-o", str(output))
    assert result.exit_code == 0, result.stderr
    text = output.read_bytes().decode("utf-8")  # strict: no lone surrogate was written
    # Markdown writes the "." of "x.txt" as an entity (it cuts autolinks); read it as shown.
    shown = html.unescape(text) if fmt == "md" else text
    assert "\ufffdt\ufffd.txt: file is empty" in shown
    if fmt == "json":
        assert json.loads(text)["sources"][0]["path"].endswith("caf\ufffd report.txt")


def test_output_path_is_a_directory(run_cli, tmp_path):
    path = write(tmp_path / "story.txt", STORY)
    line = assert_one_line_error(run_cli("brief", str(path), "-o", str(tmp_path)), "directory")
    assert str(tmp_path) in line


def test_output_folder_not_writable(run_cli, tmp_path, monkeypatch):
    path = write(tmp_path / "story.txt", STORY)
    folder = tmp_path / "locked"
    folder.mkdir()
    real_access = os.access

    def access(target, mode, *args, **kwargs):  # type: ignore[no-untyped-def]
        if Path(target) == folder and mode & os.W_OK:
            return False
        return real_access(target, mode, *args, **kwargs)

    monkeypatch.setattr(os, "access", access)
    assert_one_line_error(run_cli("brief", str(path), "-o", str(folder / "out.md")), "not writable")
    assert list(folder.iterdir()) == []


def test_output_folder_that_refuses_the_file_despite_access_check(run_cli, tmp_path, monkeypatch):
    import tempfile

    path = write(tmp_path / "story.txt", STORY)

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    assert_one_line_error(
        run_cli("brief", str(path), "-o", str(tmp_path / "out.md")), "cannot write output"
    )


@pytest.mark.parametrize("link", ["same path", "symbolic link", "hard link"])
def test_output_that_is_an_input_is_refused_and_the_input_kept(run_cli, tmp_path, link):
    path = write(tmp_path / "story.md", STORY)
    target = tmp_path / "other-name.md"
    if link == "same path":
        target = path
    elif link == "symbolic link":
        target.symlink_to(path)
    else:
        os.link(path, target)
    assert_one_line_error(run_cli("brief", str(path), "-o", str(target)), "overwrite the input")
    assert path.read_text(encoding="utf-8") == STORY


@pytest.mark.parametrize("fmt", ["md", "html", "json"])
def test_briefing_written_into_the_input_folder_is_not_read_back(run_cli, tmp_path, fmt):
    write(tmp_path / "a.txt", STORY)
    write(tmp_path / "b.txt", OTHER_STORY)
    output = tmp_path / f"briefing.{fmt}"
    first = run_cli("brief", "-f", fmt, str(tmp_path), "-o", str(output))
    assert first.exit_code == 0, first.stderr
    briefing = brief_json(run_cli, str(tmp_path))
    assert sorted(source["id"] for source in briefing["sources"]) == ["a", "b"]
    assert any(f"briefing.{fmt}: written by summarizer" in w for w in briefing["warnings"])


# --------------------------------------------------------------------------------------------
# Sets of articles
# --------------------------------------------------------------------------------------------


def test_one_article_is_briefed_and_says_there_is_nothing_to_compare(run_cli, tmp_path):
    briefing = brief_json(run_cli, str(write(tmp_path / "only.txt", STORY)))
    assert len(briefing["sources"]) == 1
    assert "Only one source: there is nothing to compare it with." in briefing["warnings"]
    assert all(not theme.get("agree") for theme in briefing["themes"])
    assert_spans_exact(briefing)


def test_identical_articles_in_different_encodings_are_counted_once(run_cli, tmp_path):
    first = write(tmp_path / "a.txt", STORY)
    write(tmp_path / "b.txt", STORY.replace("\n", "\r\n").encode("cp1252"))
    write(tmp_path / "c.txt", OTHER_STORY)
    briefing = brief_json(run_cli, str(tmp_path))
    assert [source["id"] for source in briefing["sources"]] == ["a", "c"]
    notes = [w for w in briefing["warnings"] if "is identical to" in w]
    assert len(notes) == 1 and notes[0].startswith("b ") and "counted once" in notes[0]
    assert first.exists()


def _syndicated_copy(original: str) -> str:
    """The same wire story under another headline and byline, with one sentence reworded."""
    lines = original.split("\n")
    lines[0] = "Wire Service Republishes the Report Under a New Headline"
    lines.insert(1, "By A. Correspondent, Example Wire")
    body = "\n".join(lines)
    for line in lines[3:]:
        if line.count(" ") > 12:
            return body.replace(line, "Observers said the situation remained uncertain.", 1)
    raise AssertionError("the original has no long line to reword")


def test_syndicated_copy_is_marked_and_never_agrees_with_its_original(run_cli, tmp_path):
    # Two real reports of one story: a wire copy of the first must not corroborate it.
    original = (REPO / "seeds" / "000_f7faf68b8b80ac65.txt").read_text(encoding="utf-8")
    write(tmp_path / "a.txt", original)
    write(tmp_path / "b.txt", _syndicated_copy(original))
    write(tmp_path / "c.txt", (REPO / "seeds" / "003_d06e6ac7dba8fc6a.txt").read_bytes())
    briefing = brief_json(run_cli, str(tmp_path))
    duplicates = {source["id"]: source["duplicate_of"] for source in briefing["sources"]}
    assert duplicates == {"a": None, "b": "a", "c": None}
    assert any(w.startswith("b is a near-identical copy of a") for w in briefing["warnings"])
    agreements = [note for theme in briefing["themes"] for note in theme.get("agree", [])]
    assert agreements, "a and c share claims; their agreement should still be shown"
    for note in agreements:
        assert not {"a", "b"} <= set(note["sources"]), note


def test_agreements_quote_the_original_not_its_copy_but_keep_what_the_copy_adds(run_cli, tmp_path):
    original = (REPO / "seeds" / "000_f7faf68b8b80ac65.txt").read_text(encoding="utf-8")
    other = (REPO / "seeds" / "003_d06e6ac7dba8fc6a.txt").read_text(encoding="utf-8")
    # The copy adds one sentence of its own, which the third source also reports.
    added = next(line for line in other.split("\n")[3:] if line.count(" ") > 12)
    added = added.split(". ")[0].rstrip(".") + "."
    copy = _syndicated_copy(original) + "\n" + added + "\n"
    # The copy comes after its original but its id sorts first: ties between the two favour it.
    records = [{"id": "z-original", "text": original}, {"id": "b-copy", "text": copy}]
    records.append({"id": "c-other", "text": other})
    path = write(tmp_path / "feed.jsonl", "\n".join(json.dumps(r) for r in records))
    briefing = brief_json(run_cli, str(path))
    assert {s["id"]: s["duplicate_of"] for s in briefing["sources"]}["b-copy"] == "z-original"
    quotes = [
        quote
        for theme in briefing["themes"]
        for note in theme.get("agree", [])
        for quote in note["quotes"]
    ]
    from_copy = [quote["text"] for quote in quotes if quote["source"] == "b-copy"]
    assert added in from_copy, "what only the copy says still agrees with c"
    assert all(text not in original for text in from_copy), "a repeat is quoted from its original"
    assert any(quote["source"] == "z-original" for quote in quotes)


def test_a_contest_names_the_original_not_its_copy(run_cli, tmp_path):
    seeds = sorted((REPO / "seeds").glob("00[012]_*.txt"))
    for path in seeds:
        write(tmp_path / f"{path.name[:3]}.txt", path.read_bytes())
    # Russia's denial (in 001) is repeated by a wire copy.
    write(tmp_path / "009.txt", _syndicated_copy(seeds[1].read_text(encoding="utf-8")))
    briefing = brief_json(run_cli, str(tmp_path))
    assert {s["id"]: s["duplicate_of"] for s in briefing["sources"]}["009"] == "001"
    denied = [c for c in briefing["contested"] if "(via 001)" in c["label"]]
    assert denied, [c["label"] for c in briefing["contested"]]
    for contest in briefing["contested"]:
        assert "009" not in contest["label"]
        assert all(q["source"] != "009" for side in contest["sides"] for q in side["quotes"])


def test_syndicated_copy_does_not_corroborate_a_figure(run_cli, tmp_path):
    addition = "\nThe storm destroyed 40 homes in the village on the river bank on Monday.\n"
    original = STORY + addition
    write(tmp_path / "pair" / "a.txt", original)
    write(tmp_path / "pair" / "c.txt", OTHER_STORY)
    write(tmp_path / "with-copy" / "a.txt", original)
    write(tmp_path / "with-copy" / "b.txt", _syndicated_copy(original))
    write(tmp_path / "with-copy" / "c.txt", OTHER_STORY)
    without = brief_json(run_cli, str(tmp_path / "pair"))
    with_copy = brief_json(run_cli, str(tmp_path / "with-copy"))
    assert {s["id"]: s["duplicate_of"] for s in with_copy["sources"]}["b"] == "a"

    def verdicts(briefing: dict) -> dict[str, tuple[str, int]]:
        return {group["key"]: (group["verdict"], group["origins"]) for group in briefing["figures"]}

    # The copy adds no evidence: every figure's verdict and count of origins stay the same.
    assert verdicts(with_copy) == verdicts(without)


# --------------------------------------------------------------------------------------------
# Interrupts: no partial output, the previous output untouched
# --------------------------------------------------------------------------------------------


def test_interrupt_while_rendering_keeps_the_previous_output(run_cli, tmp_path, monkeypatch):
    from summarizer import render

    path = write(tmp_path / "story.txt", STORY)
    output = write(tmp_path / "briefing.md", "previous briefing\n")

    def interrupted(*_args: object, **_kwargs: object) -> str:
        raise KeyboardInterrupt

    monkeypatch.setattr(render, "render_briefing", interrupted)
    result = run_cli("brief", str(path), "-o", str(output))
    assert (result.exit_code, result.stdout) == (130, "")
    assert_interrupted(result.stderr)
    assert output.read_text() == "previous briefing\n"
    assert leftovers(tmp_path, "story.txt", "briefing.md") == []


def test_interrupt_in_the_middle_of_writing_leaves_no_partial_file(run_cli, tmp_path, monkeypatch):
    path = write(tmp_path / "story.txt", STORY)
    output = write(tmp_path / "briefing.md", "previous briefing\n")
    partial: list[str] = []
    real_fsync = os.fsync

    def interrupted_fsync(descriptor: int) -> None:
        # The new briefing is half way to disk: its temporary file exists beside the output.
        partial.extend(leftovers(tmp_path, "story.txt", "briefing.md"))
        real_fsync(descriptor)
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted_fsync)
    result = run_cli("brief", str(path), "-o", str(output))
    assert (result.exit_code, result.stdout) == (130, "")
    assert_interrupted(result.stderr)
    assert len(partial) == 1, "the interrupt should have hit while the temporary file existed"
    assert output.read_text() == "previous briefing\n"
    assert leftovers(tmp_path, "story.txt", "briefing.md") == []


@pytest.mark.slow
@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_signal_during_a_run_leaves_the_previous_output(tmp_path, signum):
    # The input is a named pipe: opening its write end returns only once the running command
    # has opened it to read, so the signal arrives mid-run without any sleeping or polling.
    fifo = tmp_path / "incoming.txt"
    os.mkfifo(fifo)
    output = write(tmp_path / "briefing.md", "previous briefing\n")
    process = subprocess.Popen(
        [sys.executable, "-m", "summarizer", "brief", str(fifo), "-o", str(output)],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )

    def unblock_if_it_exits() -> None:
        # Should the command die before opening the pipe, open it here so the test cannot hang.
        process.wait()
        os.close(os.open(fifo, os.O_RDONLY | os.O_NONBLOCK))

    watchdog = threading.Thread(target=unblock_if_it_exits, daemon=True)
    watchdog.start()
    writer = os.open(fifo, os.O_WRONLY)
    try:
        os.write(writer, STORY[:100].encode("utf-8"))
        if process.poll() is None:
            process.send_signal(signum)
    except BrokenPipeError:
        pass
    finally:
        os.close(writer)
    stdout, stderr = process.communicate()
    watchdog.join()
    assert (process.returncode, stdout) == (130, b""), stderr
    assert_interrupted(stderr.decode("utf-8"))
    assert output.read_text() == "previous briefing\n"
    assert leftovers(tmp_path, "incoming.txt", "briefing.md") == []
