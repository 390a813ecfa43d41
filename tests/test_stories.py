"""Story grouping (summarizer/stories.py) and the `summarizer stories` command."""

from __future__ import annotations

import json
import random
from dataclasses import replace
from pathlib import Path

import jsonschema
import numpy as np
import pytest

from summarizer import embeddings, stories
from summarizer.ingest import load_articles, parse_article
from summarizer.models import Article
from summarizer.render import grouping_to_dict, stories_json_schema
from summarizer.stories import (
    article_vectors,
    group_stories,
    looks_mixed,
    nearest_neighbours,
    publication_day,
    reciprocal_pairs,
    settings,
    standing,
    uses_latent,
)

QUAKE = [
    "A magnitude 7.1 earthquake struck off the coast of Valparaiso in Chile on Tuesday morning.",
    "Chilean authorities said at least 14 people were killed when buildings fell in Valparaiso.",
    "The Chilean navy issued a tsunami warning for the central coast and later lifted it.",
    "President Gabriel Boric flew to Valparaiso to inspect the damage to the port.",
    "Rescue teams searched the rubble of a collapsed hotel near the Valparaiso harbour overnight.",
    "The quake was felt as far away as Santiago, where residents ran into the streets.",
    "Seismologists at the University of Chile recorded more than 40 aftershocks.",
    "Power was cut to about 300,000 homes across the Valparaiso region.",
]
BANK = [
    "The Bank of England raised its main interest rate to 5.25 percent on Thursday.",
    "Governor Andrew Bailey said inflation in Britain remained far too high.",
    "The Monetary Policy Committee voted six to three for the quarter-point increase.",
    "Mortgage lenders in London said the decision would push up monthly repayments.",
    "Sterling rose against the dollar after the Bank of England announcement.",
    "Economists had expected Threadneedle Street to pause its run of rate rises.",
    "Chancellor Jeremy Hunt backed the Bank of England in its fight against inflation.",
    "It was the fourteenth consecutive rise in borrowing costs in Britain.",
]
FINAL = [
    "Real Madrid beat Borussia Dortmund 2-0 in the Champions League final at Wembley.",
    "Dani Carvajal headed the opening goal for Real Madrid in the 74th minute.",
    "Vinicius Junior added the second goal nine minutes from time at Wembley.",
    "It was the 15th European Cup title for Real Madrid and coach Carlo Ancelotti.",
    "Dortmund missed several early chances through Karim Adeyemi and Niclas Fullkrug.",
    "Toni Kroos played his last club match for Real Madrid in the final.",
    "About 90,000 supporters filled Wembley Stadium in London for the final.",
    "Dortmund coach Edin Terzic said his side had not taken their chances.",
]
EVENTS = {"quake": QUAKE, "bank": BANK, "final": FINAL}


def article(id: str, sentences: list[str], title: str = "", date: str = "") -> Article:
    """An ingested JSON record, as the CLI would read it."""
    record = {"id": id, "text": "\n".join(sentences)}
    if title:
        record["title"] = title
    if date:
        record["date"] = date
    return parse_article(json.dumps(record).encode(), path=f"{id}.json", id=id, format="json")


def partition(grouping) -> set[frozenset[str]]:  # type: ignore[no-untyped-def]
    return {frozenset(s.id for s in story.sources) for story in grouping.stories}


def test_two_clearly_different_events_make_two_stories() -> None:
    pile = [
        article("a1", QUAKE[:5]),
        article("b1", BANK[:5]),
        article("a2", QUAKE[3:]),
        article("b2", BANK[3:]),
    ]
    assert partition(group_stories(pile)) == {frozenset({"a1", "a2"}), frozenset({"b1", "b2"})}


def test_same_event_in_different_words_is_one_story() -> None:
    pile = [
        article("x", QUAKE[:4], title="Deadly earthquake hits Chile's Valparaiso"),
        article(
            "y",
            [
                "At least 14 people died after a powerful quake shook Valparaiso, Chile.",
                "Officials in Chile said buildings fell in the port city of Valparaiso.",
                "Boric visited Valparaiso as rescuers dug through rubble; 40 aftershocks followed.",
            ],
            title="Chile quake kills 14 in Valparaiso",
        ),
        article("z", QUAKE[3:7], title="Valparaiso counts the cost of the earthquake"),
    ]
    grouping = group_stories(pile)
    assert partition(grouping) == {frozenset({"x", "y", "z"})}
    assert grouping.stories[0].id == "s001"
    assert all(0 < s.confidence <= 1 for s in grouping.stories[0].sources)


def test_articles_far_apart_in_date_are_different_stories() -> None:
    # The same kind of wording two years apart: the date penalty must split them.
    pile = [
        article("early", QUAKE[:5], date="2021-03-02"),
        article("late", QUAKE[2:7], date="2023-03-02"),
        article("late2", QUAKE[3:], date="2023-03-05"),
    ]
    assert partition(group_stories(pile)) == {frozenset({"early"}), frozenset({"late", "late2"})}
    same_week = [article("p", QUAKE[:5], date="2023-03-01"), pile[1], pile[2]]
    assert len(group_stories(same_week).stories) == 1


def test_a_date_in_the_url_stands_in_for_a_missing_date() -> None:
    def dated(id: str, url: str, sentences: list[str] = QUAKE[:5], date: str = "") -> Article:
        record = {"id": id, "text": "\n".join(sentences), "url": url}
        if date:
            record["date"] = date
        return parse_article(json.dumps(record).encode(), path=f"{id}.json", id=id, format="json")

    def day(url: str, date: str = "") -> float:
        return publication_day(dated("u", url, date=date))

    own = publication_day(article("d", QUAKE[:1], date="2021-10-14"))
    assert day("https://n.example/2021/10/14/quake") == own
    assert day("https://n.example/world/2021-10-14-quake.html") == own
    assert day("https://n.example/20211014/quake") == own
    assert day("https://n.example/2021/10/") == day("https://n.example/2021/10/15/")
    assert day("https://n.example/2019/01/01/x", date="2021-10-14") == own  # its own date wins
    assert np.isnan(day("https://n.example/news/576723-quake"))  # an id is no date
    assert np.isnan(day("https://n.example/2021/02/30/quake"))  # nor is an impossible one
    # Two years apart by their URLs alone: two stories.
    pile = [
        dated("early", "https://n.example/2021/03/02/a", QUAKE[:5]),
        dated("late", "https://n.example/2023/03/02/b", QUAKE[2:7]),
        dated("late2", "https://n.example/2023/03/05/c", QUAKE[3:]),
    ]
    assert partition(group_stories(pile)) == {frozenset({"early"}), frozenset({"late", "late2"})}


def synthetic_pile(per_event: int, seed: int = 0) -> tuple[list[Article], dict[str, str]]:
    """``per_event`` articles per event, each a shuffled pick of five of its sentences."""
    rng = random.Random(seed)
    pile, truth = [], {}
    for number in range(per_event):
        for name, sentences in EVENTS.items():
            id = f"{name}{number:03d}"
            pile.append(article(id, rng.sample(sentences, 5)))
            truth[id] = name
    return pile, truth


@pytest.mark.slow
def test_large_pile_every_article_in_exactly_one_story_and_events_recovered() -> None:
    pile, truth = synthetic_pile(40)  # 120 articles: the latent-space path
    pile.append(article("lone", ["The city council approved a new cycle lane on Elm Street."]))
    truth["lone"] = "lone"
    assert uses_latent(len(pile), settings())
    grouping = group_stories(pile)
    ids = [s.id for story in grouping.stories for s in story.sources]
    assert sorted(ids) == sorted(a.id for a in pile)  # every article exactly once
    expected = {
        frozenset(i for i, e in truth.items() if e == event) for event in set(truth.values())
    }
    assert partition(grouping) == expected
    sizes = [len(story.sources) for story in grouping.stories]
    assert sizes == sorted(sizes, reverse=True)  # largest first
    assert grouping.stories[-1].sources[0].id == "lone"


def many_events_pile(events: int = 40, per_event: int = 3) -> tuple[list[Article], list[int]]:
    """Many small events in made-up words: each article mixes some of its event's own words with
    a large shared pool, so that same-event pairs are only moderately similar."""
    rng = random.Random(7)

    def word() -> str:
        return "".join(rng.choice("bcdfghklmnprstvz") + rng.choice("aeiou") for _ in range(3))

    common = [word() for _ in range(300)]
    pile, labels = [], []
    for event in range(events):
        own = [word() for _ in range(14)]
        for copy in range(per_event):
            words = rng.sample(own, 9) + rng.sample(common, 26)
            rng.shuffle(words)
            sentences = [" ".join(words[i : i + 7]).capitalize() + "." for i in range(0, 35, 7)]
            pile.append(article(f"e{event:02d}-{copy}", sentences))
            labels.append(event)
    return pile, labels


def dense_reference(
    pile: list[Article], significance: float, reciprocal: bool = False
) -> set[frozenset[str]]:
    """Average linkage over the whole pile at once, with the significance rule (and the
    reciprocal nearest-neighbour rule) written densely."""
    from sklearn.cluster import AgglomerativeClustering

    config = settings()
    vectors = article_vectors(pile, config)
    similarity = (vectors @ vectors.T).toarray()
    others = similarity[~np.eye(len(pile), dtype=bool)].reshape(len(pile), -1)
    mean, spread = others.mean(axis=1), others.std(axis=1)
    z = (similarity - (mean[:, None] + mean[None, :]) / 2) / np.sqrt(np.outer(spread, spread))
    distance = np.clip(1.0 - similarity, 0.0, None)
    if significance:
        relative = config.threshold * np.clip(2.0 - z / significance, 0.0, None)
        distance = np.minimum(distance, relative)
    if reciprocal:
        assert config.reciprocal == 1  # written here for the nearest neighbour only
        nearest = np.argmax(similarity - 2 * np.eye(len(pile)), axis=1)
        mutual = nearest[nearest] == np.arange(len(pile))
        reach = similarity[np.arange(len(pile)), nearest] >= 1.0 - config.reciprocal_reach
        for a in np.flatnonzero(mutual & reach):
            distance[a, nearest[a]] *= config.threshold / config.reciprocal_reach
    np.fill_diagonal(distance, 0.0)
    labels = AgglomerativeClustering(
        n_clusters=None,
        metric="precomputed",
        linkage="average",
        distance_threshold=config.threshold,
    ).fit_predict(distance)
    return {
        frozenset(a.id for a, label in zip(pile, labels, strict=True) if label == wanted)
        for wanted in set(labels.tolist())
    }


@pytest.mark.slow
def test_significant_pairs_join_exactly_as_a_dense_clustering_would(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    pile, _ = many_events_pile()
    config = settings()
    assert uses_latent(len(pile), config) and config.significance > 0
    vectors = article_vectors(pile, config)
    no_dates = np.full(len(pile), np.nan)
    monkeypatch.setattr(stories, "SEARCH_ROWS", 16)  # several blocked passes
    stand = standing(vectors, no_dates, config)
    similarity = (vectors @ vectors.T).toarray()
    others = similarity[~np.eye(len(pile), dtype=bool)].reshape(len(pile), -1)
    assert np.allclose(stand.mean, others.mean(axis=1))
    assert np.allclose(stand.spread, others.std(axis=1))
    # The rule matters on this pile: it joins pairs the threshold alone leaves apart.
    with_rule, without = dense_reference(pile, config.significance), dense_reference(pile, 0.0)
    assert with_rule != without
    unpulled = replace(config, reciprocal=0)
    assert partition(group_stories(pile, unpulled)) == with_rule
    assert partition(group_stories(pile, replace(unpulled, significance=0.0))) == without


@pytest.mark.slow
def test_reciprocal_neighbours_join_exactly_as_a_dense_clustering_would(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    pile, _ = many_events_pile()
    config = settings()
    assert config.reciprocal > 0
    monkeypatch.setattr(stories, "SEARCH_ROWS", 16)  # several blocked passes
    # The rule matters on this pile: it joins nearest neighbours the other rules leave apart.
    both = dense_reference(pile, config.significance, reciprocal=True)
    assert both != dense_reference(pile, config.significance)
    assert partition(group_stories(pile)) == both
    alone = replace(config, significance=0.0)
    assert partition(group_stories(pile, alone)) == dense_reference(pile, 0.0, reciprocal=True)


def test_reciprocal_pairs_are_each_others_nearest_within_reach() -> None:
    # 0 and 1 are each other's nearest; 2's nearest is 1, but 1's is 0; 3 and 4 are each other's
    # nearest but too far apart.
    similarity = np.array(
        [
            [1.0, 0.6, 0.1, 0.0, 0.0],
            [0.6, 1.0, 0.5, 0.0, 0.0],
            [0.1, 0.5, 1.0, 0.0, 0.0],
            [0.0, 0.0, 0.0, 1.0, 0.3],
            [0.0, 0.0, 0.0, 0.3, 1.0],
        ]
    )
    neighbours = np.vstack(
        [nearest_neighbours(similarity[start : start + 2], start, 1) for start in (0, 2, 4)]
    )
    assert neighbours.ravel().tolist() == [1, 0, 1, 4, 3]  # never itself, blocks of two rows
    nearness = np.take_along_axis(similarity, neighbours, axis=1)
    pairs = reciprocal_pairs(neighbours, nearness, reach=0.6).toarray()
    assert {tuple(p) for p in np.argwhere(pairs)} == {(0, 1), (1, 0)}
    wider = reciprocal_pairs(neighbours, nearness, reach=0.75).toarray()
    assert {tuple(p) for p in np.argwhere(wider)} == {(0, 1), (1, 0), (3, 4), (4, 3)}
    two = nearest_neighbours(similarity, 0, 2)
    mutual_two = reciprocal_pairs(two, np.take_along_axis(similarity, two, axis=1), 0.6)
    # Among each other's two nearest: 0, 1 and 2 all, but 0 and 2 (0.1) are beyond the reach.
    assert {tuple(p) for p in np.argwhere(mutual_two.toarray())} == {(0, 1), (1, 0), (1, 2), (2, 1)}


@pytest.mark.slow
def test_a_large_pile_about_one_event_stays_one_story() -> None:
    # Significance is judged against the pile; in a pile of one event it must not split it.
    rng = random.Random(5)
    pile = [article(f"q{n:03d}", rng.sample(QUAKE, 5)) for n in range(120)]
    assert uses_latent(len(pile), settings())
    assert len(group_stories(pile).stories) == 1


# The same fact in different words (no content word in common), and an unrelated one.
BORDER = "Border agents detained more migrants at the southern border in March."
FRONTIER = "Immigration arrests along the frontier with Mexico rose last month."
RATES = "The central bank raised interest rates by half a point on Thursday."


@pytest.mark.slow
def test_the_embedding_is_a_block_that_blends_the_cosines() -> None:
    pile, _ = synthetic_pile(40)  # 120 articles: the latent-space path
    pile += [
        article("border", [BORDER]),
        article("frontier", [FRONTIER]),
        article("rates", [RATES]),
    ]
    words_only = replace(settings(), embedding_share=0.0)
    blended = replace(settings(), embedding_share=0.25, embedding_words=0)  # the whole text
    content = article_vectors(pile, words_only)
    both = article_vectors(pile, blended)
    texts = [f"{a.title or ''}\n{stories.article_text(a)}" for a in pile]
    meaning = embeddings.embed(texts).astype(np.float64)
    expected = 0.75 * (content @ content.T).toarray() + 0.25 * meaning @ meaning.T
    # Exact where every block of a row is non-zero (the three one-liners share no term with the
    # rest, so the latent space leaves them out and their rows are renormalised).
    events = slice(0, len(pile) - 3)
    assert np.allclose((both @ both.T).toarray()[events, events], expected[events, events])
    # It brings meaning the words lack: the paraphrase pair moves closer than the unrelated one.
    border, frontier, rates = (len(pile) - 3, len(pile) - 2, len(pile) - 1)
    gained = [
        (both[border] @ both[other].T).toarray()[0, 0]
        - (content[border] @ content[other].T).toarray()[0, 0]
        for other in (frontier, rates)
    ]
    assert gained[0] > 0.1 and gained[0] > gained[1] + 0.05


def test_small_piles_do_not_tokenise_or_use_the_embedding(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    pile = [article(f"{n}{i}", s[i : i + 5]) for n, s in EVENTS.items() for i in (0, 3)]
    blended = replace(settings(), embedding_share=0.25)
    assert not uses_latent(len(pile), blended)

    def refuse(text: str) -> list[int]:
        raise AssertionError("tokenised for the embedding in a words-only pile")

    monkeypatch.setattr(embeddings, "token_ids", refuse)
    with_share = article_vectors(pile, blended)
    without = article_vectors(pile, replace(blended, embedding_share=0.0))
    assert (with_share != without).nnz == 0


# Two headlines per event with no word in common, as when outlets title one event differently.
HEADLINES = {
    "quake": ("Deadly earthquake hits Chile's Valparaiso", "Rescuers dig through the rubble"),
    "bank": ("Bank of England raises rates again", "Mortgage holders face higher repayments"),
    "final": ("Real Madrid win Champions League final", "Dortmund rue missed chances at Wembley"),
}


def two_headline_pile(per_event: int) -> tuple[list[Article], set[frozenset[str]]]:
    """``synthetic_pile`` with each article under one of its event's two headlines."""
    rng = random.Random(1)
    pile, truth = synthetic_pile(per_event)
    titled = [
        article(a.id, article_text_lines(a), title=HEADLINES[truth[a.id]][rng.randrange(2)])
        for a in pile
    ]
    events = {frozenset(i for i, e in truth.items() if e == event) for event in EVENTS}
    return titled, events


def article_text_lines(item: Article) -> list[str]:
    return [item.body[line.start : line.end] for line in item.lines if line.furniture is None]


def test_two_headlines_do_not_split_an_event_in_a_small_pile() -> None:
    pile, events = two_headline_pile(3)  # 9 articles: the words-only path
    assert not uses_latent(len(pile), settings())
    assert partition(group_stories(pile)) == events


@pytest.mark.slow
def test_two_headlines_do_not_split_an_event_in_a_large_pile() -> None:
    # A title-only feature block split such an event 27 + 13 (bench/README.md); keep it whole.
    pile, events = two_headline_pile(40)  # 120 articles: the latent-space path
    assert uses_latent(len(pile), settings())
    assert partition(group_stories(pile)) == events


@pytest.mark.slow
def test_grouping_is_deterministic() -> None:
    pile, _ = synthetic_pile(40, seed=3)
    first = grouping_to_dict(group_stories(pile))
    assert grouping_to_dict(group_stories(pile)) == first
    assert grouping_to_dict(group_stories(list(pile))) == first


def test_looks_mixed_notes_a_mixed_pile_but_not_one_story() -> None:
    pile = [article(f"{n}{i}", s[i : i + 5]) for n, s in EVENTS.items() for i in (0, 3)]
    note = looks_mixed(pile)
    assert note is not None and "summarizer stories" in note and "3 separate stories" in note
    assert looks_mixed([article(f"q{i}", QUAKE[i : i + 5]) for i in range(4)]) is None


def test_looks_mixed_reuses_given_terms_and_samples_big_piles() -> None:
    pile = [article(f"{n}{i}", s[i : i + 5]) for n, s in EVENTS.items() for i in (0, 3)]
    # The terms brief already has decide (here: every article looks like the bank story).
    same = [[["bank", "england", "rate", "inflat"]] for _ in pile]
    assert looks_mixed(pile, same) is None
    # Articles without text are not stories of their own (brief notes them separately).
    assert looks_mixed(pile, [[[]] for _ in pile]) is None
    assert looks_mixed(pile, [[[]]] * 3 + same[:3]) is None
    big, _ = synthetic_pile(200)  # 600 articles: only an evenly spaced sample is checked
    note = looks_mixed(big)
    assert note is not None and "among 400 evenly sampled" in note


def test_brief_on_a_mixed_pile_warns_and_suggests_stories(run_cli, mixed_dir: Path) -> None:
    result = run_cli("brief", str(mixed_dir), "--format", "json")
    assert result.exit_code == 0, result.output
    assert "separate stories" in result.stderr and "summarizer stories" in result.stderr
    warnings = json.loads(result.stdout)["warnings"]
    assert any("summarizer stories" in w for w in warnings)


def test_brief_on_one_story_does_not_warn(run_cli, seeds_dir: Path) -> None:
    result = run_cli("brief", str(seeds_dir), "--format", "json")
    assert result.exit_code == 0, result.output
    assert "separate stories" not in result.stderr


@pytest.mark.slow
def test_brief_with_workers_notes_a_mixed_pile_in_the_same_place_as_without() -> None:
    from summarizer.pipeline import Options, build_briefing

    pile = [article(f"{n}{i}", s[i : i + 5]) for n, s in EVENTS.items() for i in (0, 1, 3)]
    pile.append(article("copy", [*QUAKE[:5], "The report was updated later in the day."]))
    by_jobs = [build_briefing(pile, Options(), jobs=jobs).warnings for jobs in (1, 2)]
    assert by_jobs[0] == by_jobs[1]
    # The mixed-pile note comes first, then the syndicated copy's.
    assert "separate stories" in by_jobs[1][0]
    assert "copy is a near-identical copy of quake0" in by_jobs[1][-1]


# --- JSON contract --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def schema() -> dict:
    return stories_json_schema()


def test_schema_is_valid(schema: dict) -> None:
    jsonschema.Draft202012Validator.check_schema(schema)


def test_grouping_json_validates_and_rejects_extra_fields(schema: dict) -> None:
    pile, _ = synthetic_pile(2)
    data = grouping_to_dict(group_stories(pile))
    jsonschema.Draft202012Validator(schema).validate(data)
    data["stories"][0]["sources"][0]["score"] = 1.0
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)


# --- the command ----------------------------------------------------------------------------


def test_cli_json_on_the_seeds_is_one_story_of_five(run_cli, seeds_dir: Path, schema: dict) -> None:
    result = run_cli("stories", str(seeds_dir), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    jsonschema.Draft202012Validator(schema).validate(data)
    assert len(data["stories"]) == 1
    assert [s["id"] for s in data["stories"][0]["sources"]] == ["000", "001", "002", "003", "004"]
    again = run_cli("stories", str(seeds_dir), "--format", "json")
    assert again.stdout == result.stdout  # byte-identical


@pytest.fixture
def mixed_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "pile"
    folder.mkdir()
    for name, sentences in EVENTS.items():
        for i in (0, 3):
            text = "\n\n".join(sentences[i : i + 5]) + "\n"
            (folder / f"{name}-{i}.txt").write_text(text, encoding="utf-8")
    (folder / "lone.txt").write_text(
        "The city council approved a new cycle lane on Elm Street on Monday.\n", encoding="utf-8"
    )
    return folder


@pytest.mark.parametrize("fmt", ["md", "html", "json"])
def test_cli_writes_an_index_and_one_briefing_per_shared_story(
    run_cli, mixed_dir: Path, tmp_path: Path, fmt: str
) -> None:
    out = tmp_path / "out"
    result = run_cli("stories", str(mixed_dir), "-o", str(out), "--format", fmt)
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in out.iterdir() if not p.name.startswith("."))
    assert (out / f".summarizer-stories-{fmt}.json").is_file()  # what the next run may clear
    # Three stories of two sources get briefings; the lone article is a single-source story.
    assert names == sorted([f"index.{fmt}", f"s001.{fmt}", f"s002.{fmt}", f"s003.{fmt}"])
    index = (out / f"index.{fmt}").read_text(encoding="utf-8")
    if fmt == "json":
        data = json.loads(index)
        jsonschema.Draft202012Validator(stories_json_schema()).validate(data)
        assert [len(s["sources"]) for s in data["stories"]] == [2, 2, 2, 1]
        assert data["stories"][3]["briefing"] is None
        lead = data["stories"][0]["lead"]
        source = next(s for s in data["stories"][0]["sources"] if s["id"] == lead["source"])
        raw = Path(source["path"]).read_text(encoding="utf-8")
        assert " ".join(raw[lead["span"][0] : lead["span"][1]].split()) == lead["text"]
        briefing = json.loads((out / "s001.json").read_text(encoding="utf-8"))
        assert len(briefing["sources"]) == 2
    else:
        assert f"s001.{fmt}" in index and "lone" in index
        assert "4 stories" in index


def test_cli_refuses_an_output_folder_holding_an_input(run_cli, mixed_dir: Path) -> None:
    before = sorted(p.name for p in mixed_dir.iterdir())
    result = run_cli("stories", str(mixed_dir), "-o", str(mixed_dir))
    assert result.exit_code == 2
    assert "output folder holds the input" in result.stderr
    assert sorted(p.name for p in mixed_dir.iterdir()) == before


def test_index_keeps_hostile_titles_inert(run_cli, tmp_path: Path) -> None:
    for n, sentences in enumerate((QUAKE[:5], QUAKE[3:])):
        front = "---\ntitle: <script>alert(1)</script> [x](javascript:y)\n---\n\n"
        (tmp_path / f"h{n}.md").write_text(front + "\n\n".join(sentences) + "\n", encoding="utf-8")
    html = run_cli("stories", str(tmp_path), "--format", "html").stdout
    assert "<script>" not in html and "&lt;script&gt;" in html
    md = run_cli("stories", str(tmp_path), "--format", "md").stdout
    assert "<script>" not in md and "[x](javascript:" not in md


def test_stories_reads_the_same_articles_as_brief(seeds_dir: Path) -> None:
    articles, _ = load_articles([str(seeds_dir)])
    assert len(group_stories(articles).stories) == 1


def _pages(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))


def test_rerun_clears_its_own_stale_stories_and_nothing_else(
    run_cli, mixed_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    assert run_cli("stories", str(mixed_dir), "-o", str(out)).exit_code == 0
    assert _pages(out) == ["index.md", "s001.md", "s002.md", "s003.md"]
    (out / "notes.md").write_text("mine\n", encoding="utf-8")  # the user's own file
    (out / "s003.md").write_text("edited by hand\n", encoding="utf-8")  # ours, then edited
    html = run_cli("stories", str(mixed_dir), "-o", str(out), "--format", "html")
    assert html.exit_code == 0, html.output
    # The Markdown set has its own manifest: writing HTML leaves it alone.
    assert {"s001.md", "s002.md", "s001.html"} <= set(_pages(out))
    for name in ("bank-0.txt", "bank-3.txt", "final-0.txt", "final-3.txt"):
        (mixed_dir / name).unlink()
    again = run_cli("stories", str(mixed_dir), "-o", str(out))
    assert again.exit_code == 0, again.output
    # One story of two sources is left: s002 is gone; the edited s003 and notes.md stay.
    assert _pages(out) == [
        "index.html", "index.md", "notes.md", "s001.html", "s001.md", "s002.html", "s003.html",
        "s003.md",
    ]  # fmt: skip
    assert (out / "s003.md").read_text(encoding="utf-8") == "edited by hand\n"
    assert "s002.md" in again.stderr and "earlier run" in again.stderr
    assert sorted(p.name for p in mixed_dir.iterdir()) == [
        "lone.txt", "quake-0.txt", "quake-3.txt"
    ]  # fmt: skip


def test_a_forged_manifest_cannot_remove_other_files(
    run_cli, mixed_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    outside = tmp_path / "precious.md"
    outside.write_text("keep\n", encoding="utf-8")
    link_target = tmp_path / "target.md"
    link_target.write_text("keep too\n", encoding="utf-8")
    (out / "s009.md").symlink_to(link_target)
    import hashlib

    def sha(text: str) -> str:
        return hashlib.sha256(text.encode()).hexdigest()

    forged = {
        "version": 1,
        "files": {"../precious.md": sha("keep\n"), "s009.md": sha("keep too\n")},
    }
    (out / ".summarizer-stories-md.json").write_text(json.dumps(forged), encoding="utf-8")
    result = run_cli("stories", str(mixed_dir), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert outside.read_text(encoding="utf-8") == "keep\n"
    assert (out / "s009.md").is_symlink() and link_target.read_text(
        encoding="utf-8"
    ) == "keep too\n"
    manifest = json.loads((out / ".summarizer-stories-md.json").read_text(encoding="utf-8"))
    assert sorted(manifest["files"]) == ["index.md", "s001.md", "s002.md", "s003.md"]


@pytest.mark.parametrize("linkage", ["average", "complete", "single"])
def test_a_block_nearer_than_the_threshold_is_one_group_as_scikit_learn_finds(linkage) -> None:  # type: ignore[no-untyped-def]
    from scipy.sparse import csr_matrix
    from sklearn.cluster import AgglomerativeClustering

    from summarizer.stories import _cluster_block

    config = replace(settings(), linkage=linkage)
    rng = np.random.default_rng(3)
    for threshold in (0.3, 0.6, 0.9):
        for _ in range(20):
            rows = rng.random((6, 5)) ** 3  # some blocks all near, some with a far pair
            vectors = csr_matrix(rows / np.linalg.norm(rows, axis=1, keepdims=True))
            days = np.full(6, np.nan)
            labels, similarity = _cluster_block(vectors, days, config, threshold, None)
            distance = np.clip(1.0 - similarity, 0.0, None)
            np.fill_diagonal(distance, 0.0)
            expected = AgglomerativeClustering(
                n_clusters=None,
                metric="precomputed",
                linkage=linkage,
                distance_threshold=threshold,
            ).fit_predict(distance)
            same = labels[:, None] == labels[None, :]
            assert (same == (expected[:, None] == expected[None, :])).all()
