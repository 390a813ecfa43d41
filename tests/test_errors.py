"""errors.cannot_read: one wording for every input that cannot be read (articles, manifests,
themes files)."""

from __future__ import annotations

import errno

import pytest

from summarizer.errors import SummarizerError, cannot_read


@pytest.mark.parametrize(
    ("error", "message"),
    [
        (FileNotFoundError(errno.ENOENT, "No such file"), "x.toml: themes file not found"),
        (
            PermissionError(errno.EACCES, "Denied"),
            "x.toml: permission denied; cannot read the themes file",
        ),
        (IsADirectoryError(errno.EISDIR, "Is a dir"), "x.toml: is a directory, not a themes file"),
        (OSError(errno.EIO, "I/O error"), "x.toml: cannot read the themes file (I/O error)"),
    ],
    ids=["missing", "permission", "folder", "other"],
)
def test_each_read_failure_is_one_line_naming_the_input(error: OSError, message: str) -> None:
    raised = cannot_read("x.toml", error, "themes file")
    assert type(raised) is SummarizerError and raised.exit_code == 2
    assert str(raised) == message


def test_unreadable_inputs_of_each_kind_share_the_wording(tmp_path) -> None:
    from summarizer.ingest.metadata import read_manifest
    from summarizer.themes import load_themes

    folder = str(tmp_path)
    for read, what in ((read_manifest, "sources manifest"), (load_themes, "themes file")):
        with pytest.raises(SummarizerError) as raised:
            read(folder)
        assert str(raised.value) == f"{folder}: is a directory, not a {what}"
    missing = str(tmp_path / "missing.toml")
    with pytest.raises(SummarizerError, match="sources manifest not found"):
        read_manifest(missing)
    with pytest.raises(SummarizerError, match="themes file not found"):
        load_themes(missing)
