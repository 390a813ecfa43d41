"""Contested statements (contested.py), the 'updated' verdict and figure groups a reader knows."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import jsonschema
import pytest
from test_figures import figure, figures_of, make_article

from summarizer.contested import (
    contest_cue,
    contested_pairs,
    denied_clause,
    denies,
    find_contests,
    location_slot,
)
from summarizer.figures import group_figures, sentence_speaker, sentence_subject
from summarizer.models import Figure, Sentence
from summarizer.render import briefing_to_dict, json_schema
from summarizer.vectors import SentenceVectors


def sentences_of(*texts: str) -> list[Sentence]:
    """One single-paragraph article per text, ids 000, 001, ..."""
    found: list[Sentence] = []
    for number, text in enumerate(texts):
        _, sentences = make_article(text, id=f"{number:03d}")
        found.extend(sentences)
    return found


def contests_of(*texts: str, **kwargs: object):
    sentences = sentences_of(*texts)
    return find_contests(sentences, SentenceVectors.of(sentences), **kwargs)


KURSK = (
    "Ukrainian officials said North Korean troops were fighting alongside Russian troops in Kursk."
)
FAKE = (
    "Russia called reports that North Korean troops were fighting alongside its troops fake news."
)


def test_a_denial_against_an_assertion_is_one_contest_with_two_sides() -> None:
    (contest,) = contests_of(KURSK, FAKE)
    asserts, denial = contest.sides
    assert (asserts.stance, asserts.sources, asserts.attribution) == (
        "asserts",
        ("000",),
        "Ukrainian officials",
    )
    assert (denial.stance, denial.sources, denial.attribution) == ("denies", ("001",), "Russia")
    assert [q.text for q in denial.quotes] == [FAKE]
    assert "denied" in contest.label


def test_same_stance_or_unrelated_denials_are_not_contests() -> None:
    assert contests_of(FAKE, FAKE.replace("Russia", "Moscow")) == ()  # both deny
    assert contests_of(KURSK, KURSK) == ()  # both assert
    # A denial of something else about the same people is no contest.
    assert (
        contests_of(KURSK, "North Korean troops were denied leave in Kursk, officials said.") == ()
    )
    # Not a claim denied: bail, calls and offers.
    assert not denies("He has been denied bail and will appear in court tomorrow.")
    assert not denies("The prime minister rejected calls for early elections.")
    assert denies("The ministry denied that any soldiers were in the region.")


def test_one_source_never_contests_itself() -> None:
    sentences = sentences_of(KURSK + "\n" + FAKE)
    assert find_contests(sentences, SentenceVectors.of(sentences)) == ()


def test_different_place_in_the_same_frame_is_contested() -> None:
    (contest,) = contests_of(
        "The navy insists the sailors were operating in Iraqi waters.",
        "Iran says the sailors were seized in Iranian territorial waters.",
    )
    assert [s.stance for s in contest.sides] == ["differs", "differs"]
    assert {s.value for s in contest.sides} == {"Iraqi waters", "Iranian territorial waters"}


@pytest.mark.parametrize(
    "text",
    [
        "Iran moved its position from Iraqi waters to inside Iranian waters.",  # both values
        "Britain denies that the sailors were in Iranian waters.",  # a denial flips the value
        "If the sailors were in Iranian waters, Britain should apologise.",  # a condition
    ],
)
def test_sentences_that_do_not_place_the_matter_take_no_side(text: str) -> None:
    assert location_slot(text) is None


def test_a_denial_of_one_place_agrees_with_the_other_place() -> None:
    assert (
        contests_of(
            "The British sailors were operating in Iraqi waters, the navy said.",
            "Britain denies that the British sailors were in Iranian waters.",
        )
        == ()
    )


def test_a_sentence_reporting_both_places_takes_no_side_against_a_denial() -> None:
    both = (
        "Iran says the sailors were in Iranian waters"
        " while Britain insists they were in Iraqi waters."
    )
    denial = "Britain denies that the sailors were in Iranian waters, officials said."
    assert contests_of(both, denial) == ()


def test_a_name_may_sit_inside_a_denial_cue() -> None:
    assert denies(
        "The United Nations denied Israel Defense Forces claims that militants hid there."
    )
    # Two lower-case words still fit, more do not: "denied" then a far-off "claims" is no cue.
    assert not denies("The court denied the request of the family and heard new claims.")


@pytest.mark.parametrize(
    ("text", "clause"),
    [
        # A relative clause is not what is denied.
        (
            "The UN disputed claims that militants fired mortars from the school that was hit.",
            "militants fired mortars from the school",
        ),
        # "by X that": the claim's author is not what is denied.
        (
            "He rejected accusations by the government that his country was arming rebels.",
            "his country was arming rebels",
        ),
        # 'as "baseless"' names the verdict, not the matter.
        (
            'He rejected accusations that his country armed rebels as "utterly baseless".',
            "his country armed rebels",
        ),
    ],
)
def test_the_denied_clause_is_the_claimed_matter_only(text: str, clause: str) -> None:
    assert denied_clause(text).strip(" .") == clause


def test_a_condition_does_not_assert_what_is_denied() -> None:
    fired = "The UN disputed claims that militants fired mortars from the school in Gaza."
    asserted = "Israeli officers said militants fired mortars from the school in Gaza."
    assert len(contests_of(asserted, fired)) == 1
    probe = "Officers want a probe into whether militants fired mortars from the school in Gaza."
    assert contests_of(probe, fired) == ()


def test_a_sentence_about_another_year_takes_no_part() -> None:
    texts = (
        "In June 2004, eight sailors were detained after they entered Iranian waters.",
        "The navy insists the sailors were operating in Iraqi waters.",
    )
    sentences = sentences_of(*texts)
    vectors = SentenceVectors.of(sentences)
    assert contested_pairs(sentences, vectors, year_of={"000": 2007, "001": 2007}) == []
    assert len(contested_pairs(sentences, vectors)) == 1  # without dates the year says nothing


def test_speakers_are_named_never_bare_adjectives() -> None:
    assert sentence_speaker("About 300 soldiers died, the Australian said.") != "Australian"
    assert sentence_subject("North Korean authorities have not acknowledged it.") == (
        "North Korean authorities"
    )
    assert sentence_subject("After comments from the UK, Iran changed its account.") is None
    text = "On Tuesday Prime Minister of the United Kingdom Tony Blair said 15 sailors were held."
    assert figures_of(text)[0].attribution == "Tony Blair"


def test_contested_json_matches_the_schema(tmp_path: Path) -> None:
    from summarizer import brief

    for name, text in (("000.txt", KURSK), ("001.txt", FAKE)):
        (tmp_path / name).write_text(f"Troops in Kursk\n\n{text}\n", encoding="utf-8")
    data = json.loads(json.dumps(briefing_to_dict(brief(tmp_path))))
    jsonschema.Draft202012Validator(json_schema("briefing")).validate(data)
    (contest,) = data["contested"]
    assert [side["stance"] for side in contest["sides"]] == ["asserts", "denies"]
    quote = contest["sides"][1]["quotes"][0]
    raw = (tmp_path / "001.txt").read_text(encoding="utf-8")
    assert raw[quote["span"][0] : quote["span"][1]] == quote["text"]


# ---------------------------------------------------------------------------------------------
# Time: the updated verdict


def dated(f: Figure, day: str) -> Figure:
    return dataclasses.replace(f, date=day)


def test_a_count_that_grows_over_dates_is_updated_in_date_order() -> None:
    toll = {"unit": "people", "subject": ""}
    mentions = [
        dated(figure("000", 175_000, "killed", low=175_000, high=None, **toll), "2005-01-18"),
        dated(figure("001", 100_000, "killed", low=100_000, high=None, **toll), "2004-12-29"),
        dated(figure("002", 120_000, "killed", **toll), "2005-01-01"),
    ]
    (group,) = group_figures(mentions)
    assert group.verdict == "updated"
    assert (
        group.note.index("2004-12-29")
        < group.note.index("2005-01-01")
        < group.note.index("2005-01-18")
    )


@pytest.mark.parametrize(
    ("dates", "attributions"),
    [
        ((None, None), (None, None)),  # no dates: nothing says which came first
        (("2005-01-01", "2005-01-01"), (None, None)),  # the same day: they conflict
        (("2005-01-01", "2005-01-09"), ("South Korean intelligence", "Western officials")),
    ],
)
def test_conflicts_at_one_time_or_from_different_origins_still_diverge(
    dates: tuple[str | None, str | None], attributions: tuple[str | None, str | None]
) -> None:
    mentions = [
        dataclasses.replace(figure(source, value, "killed"), date=day, attribution=who)
        for source, value, day, who in zip(
            ("000", "001"), (300, 1000), dates, attributions, strict=True
        )
    ]
    (group,) = group_figures(mentions)
    assert group.verdict == "diverge"


def test_a_falling_count_is_not_an_update() -> None:
    mentions = [
        dated(figure("000", 1000, "killed"), "2005-01-01"),
        dated(figure("001", 300, "killed"), "2005-01-09"),
    ]
    assert group_figures(mentions)[0].verdict == "diverge"


def test_figures_carry_the_as_of_day_else_the_article_date() -> None:
    text = "On March 23, 2007, 15 sailors were captured. About 300 people were evacuated."
    found = figures_of(text, date="2007-03-25")
    assert [f.date for f in found] == ["2007-03-23", "2007-03-25"]


# ---------------------------------------------------------------------------------------------
# Figure groups a reader recognises


def test_held_people_counted_with_different_nouns_are_one_group() -> None:
    mentions = [
        figure("000", 15, "captured", unit="sailors", subject="british sailors"),
        figure("001", 15, "captured", unit="troops", subject="british navy troops"),
        figure("002", 15, "captured", unit="people", subject="people"),
    ]
    (group,) = group_figures(mentions)
    assert group.verdict == "agree" and len(group.mentions) == 3


def test_detained_and_arrested_read_as_captured() -> None:
    found = figures_of("Iranian forces detained 15 British sailors on Friday.")
    assert [f.measure for f in found] == ["captured"]


def test_a_count_from_another_year_stays_out_of_the_group() -> None:
    mentions = [
        dataclasses.replace(
            figure("000", 8, "captured", unit="troops"), as_of="in June 2004", date="2007-03-23"
        ),
        dataclasses.replace(figure("001", 15, "captured", unit="troops"), date="2007-03-25"),
    ]
    assert [g.verdict for g in group_figures(mentions)] == ["single", "single"]


def test_contest_cues_computed_elsewhere_give_the_same_contests_and_are_what_decides() -> None:
    sentences = sentences_of(KURSK, FAKE, "Iranian forces seized the sailors in Iraqi waters.")
    vectors = SentenceVectors.of(sentences)
    cues = [contest_cue(s.text, sentence_subject(s.text)) for s in sentences]
    assert [c.denies for c in cues] == [denies(s.text) for s in sentences]
    assert [c.slot for c in cues] == [location_slot(s.text) for s in sentences]
    assert find_contests(sentences, vectors, cues=cues) == find_contests(sentences, vectors)
    assert find_contests(sentences, vectors)
    # The cues given are read, not recomputed: one speaker on both sides is no contest.
    same_speaker = [dataclasses.replace(c, subject="Russia") for c in cues]
    assert find_contests(sentences, vectors, cues=same_speaker) == ()


@pytest.mark.parametrize("name", ["denial_verbs", "denial_predicates"])
def test_every_denial_cue_is_found_past_the_quick_first_word_check(name: str) -> None:
    """``denies`` looks for a cue's first word, then all its words, before the full pattern: no
    entry may be lost."""
    from summarizer import lang

    for entry in lang.entries(name):
        for written in (entry, entry.upper(), entry.capitalize()):
            assert denies(f"Officials {written} on Monday."), written
            assert denies(f"{written}, the ministry said."), written
    assert not denies("Officials announced the noted figures on Monday.")  # "no", "not" inside
    # ...and then for all of its words: a first word alone is not a cue, gaps and names are.
    assert not denies("Officials could not say whether it was true on Monday.")
    assert denies("Officials could not independently confirm it on Monday.")
    assert denies("The ministry denied Israel Defense Forces claims on Monday.")
    # Text beyond ASCII takes the case-blind search instead of the lower-cased words.
    assert denies("“We DENIED the allegations,” officials said — on Monday.")
    assert not denies("“Nothing announced,” officials said — on Monday.")


def test_place_slots_are_found_in_ascii_and_other_text_alike() -> None:
    """The quick place-noun test before the slot patterns must not lose a slot."""
    for text in (
        "The sailors were in Iranian WATERS when they were seized.",
        "The sailors were in Iranian waters — when they were seized.",
    ):
        assert location_slot(text) is not None, text
        assert contest_cue(text, None).slot == location_slot(text)
    assert location_slot("The sailors were seized in the morning.") is None
