"""Theme files: validation with clear messages, and inflection-tolerant keyword matching."""

from __future__ import annotations

import pytest

from summarizer.errors import SummarizerError
from summarizer.models import Sentence, Theme, ThemeSet
from summarizer.stemtable import StemTable
from summarizer.themes import (
    assign,
    builtin_themes,
    fit_share,
    hits_by_sentence,
    load_themes,
    match_themes,
    matched_share,
    parse_themes,
    theme_hits,
)


def _set(*themes: Theme) -> ThemeSet:
    return ThemeSet(themes=themes, origin="test")


def test_builtin_set_has_the_five_story_themes():
    ids = [t.id for t in builtin_themes().themes]
    assert ids == ["deployment", "casualties", "arms", "technology", "diplomacy"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hundreds were KILLED and thousands injured.", {"casualties"}),
        ("North Korea deployed 3,000 additional troops.", {"deployment"}),
        ("It shipped containers of artillery shells.", {"arms"}),
        ("Russia agreed to help mass-produce drones.", {"technology"}),
        ("The ambassador met the minister to discuss the treaty.", {"diplomacy"}),
        ("The weather was pleasant on Tuesday.", set()),
    ],
)
def test_builtin_matching(text, expected):
    assert set(match_themes(text, builtin_themes())) == expected


def test_inflection_and_phrases():
    theme = Theme(id="t", label="T", keywords=("rocket launcher", "kill"))
    assert match_themes("220 rocket launchers were sent", _set(theme)) == {"t": 1}
    assert match_themes("Soldiers killed; rockets and launchers", _set(theme)) == {"t": 1}
    assert match_themes("launcher rocket", _set(theme)) == {}


def test_a_sentence_can_have_several_themes():
    found = match_themes("Troops were killed by drones.", builtin_themes())
    assert {"deployment", "casualties", "technology"} <= set(found)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("not = [toml", "not valid TOML"),
        ("title = 'x'", "unknown top-level key 'title'"),
        ("", "no [[theme]] tables"),
        (
            '[[theme]]\nid = "a"\nlabel = "A"\nkeywords = []',
            "theme 'a': keywords must be a non-empty",
        ),
        ('[[theme]]\nid = "a"\nlabel = "A"', "theme 'a': missing required key 'keywords'"),
        ('[[theme]]\nlabel = "A"\nkeywords = ["x"]', "theme #1: missing required key 'id'"),
        ('[[theme]]\nid = "a"\nlabel = "A"\nkeywords = ["x"]\nwords = 1', "unknown key 'words'"),
        ('[[theme]]\nid = "A B"\nlabel = "A"\nkeywords = ["x"]', "id must be"),
        ('[[theme]]\nid = "a"\nlabel = "A"\nkeywords = ["..."]', "has no words"),
        (
            '[[theme]]\nid = "a"\nlabel = "A"\nkeywords = ["x"]\n[[theme]]\nid = "a"\nlabel = "B"\n'
            'keywords = ["y"]',
            "used more than once",
        ),
        ('[[theme]]\nid = "other"\nlabel = "A"\nkeywords = ["x"]', "reserved"),
    ],
)
def test_validation_messages_name_file_and_theme(text, message):
    with pytest.raises(SummarizerError) as error:
        parse_themes(text, origin="my.toml", name="my.toml")
    assert str(error.value).startswith("my.toml: ")
    assert message in str(error.value)
    assert "\n" not in str(error.value)


def test_load_themes_file_errors(tmp_path):
    with pytest.raises(SummarizerError, match="not found"):
        load_themes(str(tmp_path / "missing.toml"))
    with pytest.raises(SummarizerError, match="directory"):
        load_themes(str(tmp_path))
    bad = tmp_path / "latin1.toml"
    bad.write_bytes(b'[[theme]]\nid = "a"\nlabel = "\xe9"\nkeywords = ["x"]\n')
    with pytest.raises(SummarizerError, match="not UTF-8"):
        load_themes(str(bad))


def test_load_valid_file(tmp_path):
    path = tmp_path / "t.toml"
    path.write_text(
        '[[theme]]\nid = "aid"\nlabel = "Aid"\ndescription = "Money."\n'
        'keywords = ["pledged", "donations"]\n'
    )
    loaded = load_themes(str(path))
    assert loaded.origin == str(path)
    assert loaded.themes == (Theme("aid", "Aid", ("pledged", "donations"), "Money."),)


# --- matching in bulk -----------------------------------------------------------------------

BULK_TEXTS = [
    "220 rocket launchers were sent; a rocket launcher exploded.",
    "Soldiers killed; rockets and launchers.",
    "They said the rocket",  # a keyword's first word ends one text...
    "launcher was new.",  # ...and its second starts the next: no match across texts
    "",
    "The ambassador met the minister to discuss the Treaty of the three launch sites.",
    "Hundreds were KILLED, killing more than the drones killed last year.",
]
BULK_SET = _set(
    Theme(id="arms", label="Arms", keywords=("rocket launcher", "kill", "killing", "rocket")),
    Theme(id="talks", label="Talks", keywords=("treaty of the three", "minister", "zeppelin")),
    Theme(id="none", label="None", keywords=("unheard-of word",)),
)


def test_theme_hits_count_what_match_themes_counts():
    sentences = [
        Sentence(source="a", index=i, text=t, start=0, end=len(t)) for i, t in enumerate(BULK_TEXTS)
    ]
    hits = theme_hits(StemTable.of(BULK_TEXTS), BULK_SET.themes)
    assert hits.shape == (len(BULK_TEXTS), 3)
    for row, text in enumerate(BULK_TEXTS):
        counted = zip(BULK_SET.themes, hits[row].tolist(), strict=True)
        assert {t.id: n for t, n in counted if n} == match_themes(text, BULK_SET)
    # Both "kill" and "killing" stem alike: two keywords, two hits, however often they occur.
    assert hits[6].tolist() == [2, 0, 0]
    assert hits[2].tolist() == [1, 0, 0] and hits[3].tolist() == [0, 0, 0]
    assert hits[5].tolist() == [0, 2, 0]
    assigned = hits_by_sentence(sentences, BULK_SET, hits)
    assert assigned == assign(sentences, BULK_SET)
    assert assigned[("a", 4)] == {} and assigned[("a", 0)] == {"arms": 2}
    assert matched_share(hits) == fit_share(sentences, BULK_SET) == 5 / 7


def test_theme_hits_of_nothing():
    assert theme_hits(StemTable.of([]), BULK_SET.themes).shape == (0, 3)
    assert matched_share(theme_hits(StemTable.of([]), BULK_SET.themes)) == 0.0
    assert fit_share([], BULK_SET) == 0.0
