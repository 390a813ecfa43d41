"""The cross-source digest: budget, redundancy, tags, determinism and edge cases."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pytest

from summarizer.digest import (
    FEATURES,
    SelectorModel,
    attribution_words,
    best_cross_source_similarity,
    candidate_features,
    candidate_matrix,
    digest_of_scores,
    is_claim,
    make_digest,
    quoted_share,
    selector_model,
    shipped_model,
)
from summarizer.models import Sentence
from summarizer.segment import word_tokens

SOURCE_A = (
    "Heavy rain flooded the river valley on Monday, forcing thousands of residents to leave.",
    "Emergency crews rescued dozens of families trapped on rooftops near the old bridge.",
    "The regional governor declared a state of emergency and asked for federal help.",
    "Farmers said the harvest in the lower valley was almost entirely lost.",
    "Schools in three towns will stay closed until the water recedes.",
)
SOURCE_B = (
    "Thousands of residents fled the river valley after heavy rain caused severe flooding.",
    "The governor declared a state of emergency and requested federal assistance.",
    "Meteorologists warned that more storms could arrive by the end of the week.",
    "Volunteers filled sandbags outside the town hall through the night.",
)
SOURCE_C = (
    "Officials estimate the flood damage at more than two hundred million dollars.",
    "Heavy rain flooded the river valley, and thousands of residents were forced to leave.",
    "Insurance companies expect a wave of claims from homeowners and small businesses.",
)


def sentences(source: str, texts: Sequence[str]) -> tuple[Sentence, ...]:
    """Sentences laid end to end as one raw text, with honest offsets."""
    made, offset = [], 0
    for index, text in enumerate(texts):
        made.append(Sentence(source, index, offset, offset + len(text), text))
        offset += len(text) + 1
    return tuple(made)


def lead_ranks(content: dict[str, tuple[Sentence, ...]]) -> dict[str, dict[int, int]]:
    """Ranks that simply follow document order (rank 1 = first sentence)."""
    return {src: {s.index: s.index + 1 for s in sents} for src, sents in content.items()}


def three_sources() -> dict[str, tuple[Sentence, ...]]:
    return {
        "000": sentences("000", SOURCE_A),
        "001": sentences("001", SOURCE_B),
        "002": sentences("002", SOURCE_C),
    }


def digest_words(digest: Sequence[Sentence]) -> int:
    return sum(len(word_tokens(s.text)) for s in digest)


def test_digest_respects_word_budget_for_every_budget() -> None:
    content = three_sources()
    ranks = lead_ranks(content)
    for budget in (20, 35, 50, 80, 120):
        digest = make_digest(content, ranks, word_budget=budget)
        assert digest, budget
        assert digest_words(digest) <= budget, budget


def test_first_sentence_is_allowed_even_when_longer_than_budget() -> None:
    content = three_sources()
    digest = make_digest(content, lead_ranks(content), word_budget=3)
    assert len(digest) == 1
    assert digest_words(digest) > 3


def test_digest_fills_a_generous_budget_with_more_than_one_sentence() -> None:
    content = three_sources()
    digest = make_digest(content, lead_ranks(content), word_budget=120)
    assert len(digest) >= 4
    assert digest_words(digest) > 60


def test_same_sentence_from_two_sources_appears_once() -> None:
    shared = "The central bank raised interest rates by half a percentage point on Thursday."
    content = {
        "000": sentences("000", (shared, *SOURCE_A[1:3])),
        "001": sentences("001", (shared, *SOURCE_B[2:4])),
    }
    digest = make_digest(content, lead_ranks(content), word_budget=200)
    texts = [s.text for s in digest]
    assert texts.count(shared) == 1


def test_near_duplicate_claims_from_two_outlets_are_not_both_chosen() -> None:
    content = three_sources()
    digest = make_digest(content, lead_ranks(content), word_budget=120)
    flood_leads = {SOURCE_A[0], SOURCE_B[0], SOURCE_C[1]}
    governor = {SOURCE_A[2], SOURCE_B[1]}
    texts = {s.text for s in digest}
    assert len(texts & flood_leads) == 1
    assert len(texts & governor) <= 1


def test_claim_echoed_across_sources_is_chosen_first() -> None:
    content = three_sources()
    # Ranks that favour a sentence only one source makes, so centrality must do the work.
    ranks = {src: {s.index: len(sents) - s.index for s in sents} for src, sents in content.items()}
    digest = make_digest(content, ranks, word_budget=15)
    assert digest[0].text in {SOURCE_A[0], SOURCE_B[0], SOURCE_C[1]}


def test_every_sentence_is_tagged_with_its_own_source() -> None:
    content = three_sources()
    digest = make_digest(content, lead_ranks(content), word_budget=120)
    for sentence in digest:
        assert sentence in content[sentence.source]
    assert len({s.source for s in digest}) >= 2


def test_digest_is_deterministic_and_independent_of_dict_identity() -> None:
    content = three_sources()
    ranks = lead_ranks(content)
    first = make_digest(content, ranks, word_budget=60)
    again = make_digest(dict(content), {k: dict(v) for k, v in ranks.items()}, word_budget=60)
    assert first == again


def test_empty_input_gives_empty_digest() -> None:
    assert make_digest({}, {}) == ()
    assert make_digest({"000": ()}, {"000": {}}) == ()
    assert make_digest(three_sources(), {}, word_budget=0) == ()


def test_single_source_works_and_keeps_document_order() -> None:
    content = {"000": sentences("000", SOURCE_A)}
    digest = make_digest(content, lead_ranks(content), word_budget=40)
    assert digest
    assert {s.source for s in digest} == {"000"}
    assert digest_words(digest) <= 40
    assert [s.index for s in digest] == sorted(s.index for s in digest)


def test_missing_ranks_still_give_a_digest() -> None:
    content = three_sources()
    digest = make_digest(content, {}, word_budget=50)
    assert digest
    assert digest_words(digest) <= 50


def test_furniture_sentences_are_never_chosen() -> None:
    text = "Subscribe to our newsletter for daily updates on the flood."
    furniture = Sentence("000", 0, 0, len(text), text, furniture="boilerplate")
    body = sentences("000", SOURCE_A)
    content = {"000": (furniture, *body[1:])}
    digest = make_digest(content, lead_ranks(content), word_budget=200)
    assert furniture not in digest


def test_headlines_questions_and_attribution_lines_are_skipped_when_claims_exist() -> None:
    headline = "Flood hits valley"
    question = "What will happen to the farmers whose harvest has been lost this year?"
    attribution = "This was reported by Reuters, citing officials at the Interior Ministry."
    content = {"000": sentences("000", (headline, question, attribution, *SOURCE_A))}
    digest = make_digest(content, lead_ranks(content), word_budget=200)
    texts = {s.text for s in digest}
    assert not texts & {headline, question, attribution}
    assert texts


def test_only_non_claims_still_gives_a_digest() -> None:
    content = {"000": sentences("000", ("Flood hits valley", "Rain continues"))}
    digest = make_digest(content, lead_ranks(content), word_budget=50)
    assert [s.text for s in digest] == ["Flood hits valley", "Rain continues"]


def test_is_claim_rules() -> None:
    assert is_claim(SOURCE_A[0])
    assert not is_claim("Saturday, January 8, 2005")
    assert not is_claim("Is this the worst flood the valley has seen in a century?")
    assert not is_claim("“We have lost everything we worked for over twenty years.”")
    assert not is_claim("The report was published by the agency, Reuters reports.")
    assert is_claim("“We have lost everything,” said Maria Lopez, whose farm was under water.")


def test_quoted_share_counts_open_and_closing_fragments() -> None:
    assert quoted_share("No quotes in this sentence at all.") == 0.0
    assert quoted_share("“Every word here is quoted.”") == 1.0
    assert quoted_share("“The water came so fast, and we could not stop it.") == 1.0
    assert quoted_share("The farmer's dog didn't bark.") == 0.0
    assert 0.3 < quoted_share("“We are ready,” the mayor said on Tuesday.") < 0.8
    # Apostrophes beside real quote marks: only the marks open and close the quote (8 of the
    # 47 letters are quoted: "we won't go").
    mixed = "Kim's aides said 'we won't go' and the troops’ families agreed."
    assert quoted_share(mixed) == 8 / 47


def test_each_sources_sentences_keep_document_order_in_a_mixed_digest() -> None:
    content = three_sources()
    digest = make_digest(content, lead_ranks(content), word_budget=120)
    for source in content:
        indices = [s.index for s in digest if s.source == source]
        assert indices == sorted(indices), source


def test_sparse_centrality_equals_the_dense_lexrank_it_replaces() -> None:
    """The power iteration over M M^T (never formed) gives the dense formula's stationary vector."""
    import numpy as np

    from summarizer.digest import (
        CROSS_SOURCE_WEIGHT,
        DAMPING,
        claim_candidates,
        sentence_centrality,
    )
    from summarizer.models import Sentence
    from summarizer.vectors import tfidf_matrix

    texts = {
        "a": ["Troops were killed in the Kursk region on Monday.", "Markets rose sharply today."],
        "b": ["Soldiers were killed in Kursk fighting, officials said.", "A lone unrelated line."],
        "c": ["Kursk fighting killed troops, the ministry said.", "Stock markets rose sharply."],
    }
    content = {
        source: [Sentence(source, i, 0, len(t), t) for i, t in enumerate(lines)]
        for source, lines in texts.items()
    }
    candidates = claim_candidates(content, {})
    matrix = tfidf_matrix([c.sentence.text for c in candidates])
    similarity = (matrix @ matrix.T).toarray()
    sources = np.array([c.source_order for c in candidates])
    weights = similarity.copy()
    np.fill_diagonal(weights, 0.0)
    weights[sources[:, None] != sources[None, :]] *= CROSS_SOURCE_WEIGHT
    count = len(candidates)
    sums = weights.sum(axis=1, keepdims=True)
    transition = np.where(sums > 0, weights / np.where(sums > 0, sums, 1), 1 / count)
    google = DAMPING * transition + (1 - DAMPING) / count
    dense = np.full(count, 1.0 / count)
    for _ in range(500):
        dense = dense @ google
    assert np.allclose(sentence_centrality(candidates, matrix), dense, atol=1e-9)


def test_shipped_selector_model_loads_offline_and_names_known_features() -> None:
    model = shipped_model()
    assert model.features and set(model.features) <= set(FEATURES)
    assert len(model.weights) == len(model.features) == len(model.mean) == len(model.scale)
    content = three_sources()
    candidates, matrix = candidate_matrix(content, lead_ranks(content))
    scores = model.score(candidate_features(candidates, matrix, model.features))
    assert scores.shape == (len(candidates),) and np.isfinite(scores).all()


def test_digest_of_scores_is_make_digest_for_the_model_s_scores() -> None:
    content = three_sources()
    ranks = lead_ranks(content)
    dates = {"000": "2024-05-02", "001": "2024-05-01", "002": None}
    candidates, matrix = candidate_matrix(content, ranks)
    for model in (shipped_model(), SelectorModel.unsupervised()):
        scores = model.score(candidate_features(candidates, matrix, model.features))
        for budget in (15, 40, 200):
            replayed = digest_of_scores(candidates, matrix, scores, budget, dates)
            assert replayed == make_digest(
                content, ranks, word_budget=budget, model=model, dates=dates
            )
            assert replayed
    # Other scores pick other sentences: the scores, not the model, decide.
    reversed_pick = digest_of_scores(candidates, matrix, -scores, 15)
    assert reversed_pick != digest_of_scores(candidates, matrix, scores, 15)
    assert digest_of_scores([], matrix[:0], np.zeros(0), 15) == ()


def test_selector_model_with_unknown_feature_is_refused() -> None:
    with pytest.raises(ValueError):
        SelectorModel("bad", ("no_such_feature",), (0.0,), (1.0,), (1.0,))
    with pytest.raises(ValueError):
        SelectorModel("bad", ("lead",), (0.0, 0.0), (1.0,), (1.0,))


def test_the_model_decides_the_digest_and_the_context_restores_the_shipped_one() -> None:
    content = three_sources()
    ranks = lead_ranks(content)
    shipped = make_digest(content, ranks, word_budget=20)
    # A model that prefers each source's *last* claims must pick a different sentence.
    latest = SelectorModel("latest", ("lead",), (0.0,), (1.0,), (-1.0,))
    with selector_model(latest):
        inverted = make_digest(content, ranks, word_budget=20)
    assert inverted == make_digest(content, ranks, word_budget=20, model=latest)
    assert inverted != shipped
    assert all(s.index == len(content[s.source]) - 1 for s in inverted)
    assert make_digest(content, ranks, word_budget=20) == shipped


def test_features_position_support_and_text_flags() -> None:
    content = three_sources()
    content["003"] = sentences(
        "003",
        (
            "But the rescue crews kept working through the night near the river.",
            "Emergency workers were still searching the flooded valley towns for people",
        ),
    )
    candidates, matrix = candidate_matrix(content, lead_ranks(content))
    table = candidate_features(candidates, matrix)
    column = {name: table[:, FEATURES.index(name)] for name in FEATURES}
    firsts = [c.position == 0 for c in candidates]
    assert column["first_claim"].tolist() == [float(f) for f in firsts]
    assert all(0.0 <= v <= 1.0 for v in column["lead"])
    by_text = {c.sentence.text: row for c, row in zip(candidates, table, strict=True)}
    echoed = by_text[SOURCE_A[0]]
    lonely = by_text[SOURCE_B[3]]  # volunteers and sandbags: no other outlet says so
    support = FEATURES.index("support")
    assert echoed[support] > lonely[support]
    opener = FEATURES.index("anaphoric_opener")
    cut_off = FEATURES.index("unterminated")
    assert by_text[content["003"][0].text][opener] == 1.0 and echoed[opener] == 0.0
    assert by_text[content["003"][1].text][cut_off] == 1.0 and echoed[cut_off] == 0.0
    # Asking for a subset computes exactly those columns.
    subset = candidate_features(candidates, matrix, ("support", "lead"))
    assert np.array_equal(subset, table[:, [support, FEATURES.index("lead")]])


def test_echo_is_the_best_match_in_another_source_never_in_its_own() -> None:
    import summarizer.digest as digest_module

    content = three_sources()
    # Two near copies inside one source: similar to each other, echoed by no other outlet.
    lonely = "Divers recovered an antique bronze bell from the harbour floor."
    content["003"] = sentences("003", (lonely, lonely.replace(".", " on Sunday.")))
    candidates, matrix = candidate_matrix(content, lead_ranks(content))
    sources = np.array([c.source_order for c in candidates])
    echo = best_cross_source_similarity(matrix, sources)
    dense = (matrix @ matrix.T).toarray()
    own = dense[sources == 3][:, sources == 3]
    dense[sources[:, None] == sources[None, :]] = 0.0
    assert np.allclose(echo, dense.max(axis=1))
    by_text = {c.sentence.text: value for c, value in zip(candidates, echo, strict=True)}
    assert by_text[SOURCE_A[0]] > 0.5  # source C says the same
    assert own[0, 1] > 0.8 and by_text[lonely] < 0.2
    assert np.array_equal(candidate_features(candidates, matrix, ("echo",))[:, 0], echo)
    # Computed a few rows at a time (bounded memory), the answer is the same.
    original = digest_module.BLOCK_ENTRIES
    try:
        digest_module.BLOCK_ENTRIES = 5
        assert np.allclose(best_cross_source_similarity(matrix, sources), echo)
    finally:
        digest_module.BLOCK_ENTRIES = original
    assert best_cross_source_similarity(matrix[:0], sources[:0]).shape == (0,)


def test_digest_reads_leads_first_then_later_sentences() -> None:
    content = three_sources()
    digest = make_digest(content, lead_ranks(content), word_budget=200)
    positions = [
        [s.index for s in content[d.source] if is_claim(s.text)].index(d.index) for d in digest
    ]
    assert len(digest) > 3
    assert positions == sorted(positions)


def test_dateline_and_attribution_vocabulary_comes_from_language_data() -> None:
    words = attribution_words()
    assert {"monday", "january", "sept", "said", "yesterday"} <= words
    assert not is_claim("Monday, January 3, 2022, officials said today.")


def test_a_sentence_leaning_on_the_one_before_comes_only_after_it() -> None:
    content = {
        "000": sentences(
            "000",
            (
                "The council approved the new flood defence budget for the river valley.",
                "Farmers in the lower valley expect the new walls to save next year's harvest.",
                "But the mayor warned that the flood defence budget would not be enough.",
            ),
        ),
        "001": sentences(
            "001",
            ("Engineers will start building the flood walls along the river in the spring.",),
        ),
    }
    latest = SelectorModel("latest", ("lead",), (0.0,), (1.0,), (-1.0,))
    # The model ranks the "But ..." sentence first; alone, it would dangle, so it is passed over.
    short = make_digest(content, lead_ranks(content), word_budget=14, model=latest)
    assert short and all(not s.text.startswith("But") for s in short)
    # With room for its predecessor, it may come, and then right after it.
    long = make_digest(content, lead_ranks(content), word_budget=200, model=latest)
    texts = [s.text for s in long]
    leaning = texts.index(content["000"][2].text)
    assert texts[leaning - 1] == content["000"][1].text


def test_a_leaning_sentence_is_read_right_after_its_predecessor() -> None:
    content = {
        "000": sentences(
            "000",
            (
                "The council approved the new flood defence budget for the river valley.",
                "The mayor said the flood defence budget covers new walls along the river.",
                "But she warned that the money for the river walls would not be enough.",
            ),
        ),
        "001": sentences(
            "001",
            (
                "Engineers will start building the flood walls along the river in the spring.",
                "Residents of the valley welcomed the plan at a meeting on Tuesday evening.",
                "The river flooded three times in the past decade, damaging hundreds of homes.",
            ),
        ),
    }
    digest = make_digest(content, lead_ranks(content), word_budget=500)
    texts = [s.text for s in digest]
    assert len(texts) == 6
    leaning = texts.index(content["000"][2].text)
    assert texts[leaning - 1] == content["000"][1].text
    # Without the lean, position order would have put 001's third sentence in between.
    assert texts[:2] == [content["000"][0].text, content["001"][0].text]


def test_sentences_of_equal_position_come_earliest_report_first() -> None:
    content = three_sources()
    ranks = lead_ranks(content)
    dates = {"000": "2024-05-03", "001": None, "002": "2024-05-01"}
    digest = make_digest(content, ranks, word_budget=200, dates=dates)
    leads = [s.source for s in digest if s.index == 0]
    # Input order would put 000 first; 002 reported earlier, and undated 001 comes last.
    assert {"000", "002"} <= set(leads)
    assert leads == [source for source in ("002", "000", "001") if source in leads]
    undated = make_digest(content, ranks, word_budget=200)
    assert sorted(undated, key=lambda s: s.source) == sorted(digest, key=lambda s: s.source)


def test_feature_names_keep_their_column_order_and_each_is_computed() -> None:
    # The shipped model and cached tables address columns by these names in this order.
    assert FEATURES == (
        "lead",
        "first_claim",
        "relative_position",
        "centrality",
        "centrality_within",
        "support",
        "support_raw",
        "echo",
        "own_similarity",
        "lead_centrality",
        "length",
        "numbers",
        "names",
        "quoted",
        "attribution",
        "unterminated",
        "anaphoric_opener",
    )
    content = three_sources()
    candidates, matrix = candidate_matrix(content, lead_ranks(content))
    table = candidate_features(candidates, matrix)
    assert table.shape == (len(candidates), len(FEATURES))
    assert np.isfinite(table).all()
    for name in FEATURES:  # one column asked alone equals the same column of the full table
        alone = candidate_features(candidates, matrix, (name,))[:, 0]
        assert np.array_equal(alone, table[:, FEATURES.index(name)]), name
    with pytest.raises(ValueError, match="unknown digest feature"):
        candidate_features(candidates, matrix, ("text_features",))
    # Lead centrality: a source's first claim keeps its centrality, every later sentence gets 0.
    lead_centrality = table[:, FEATURES.index("lead_centrality")]
    firsts = np.array([c.position == 0 for c in candidates])
    assert firsts.any() and (~firsts).any()
    assert (lead_centrality[~firsts] == 0).all()
    centrality = table[:, FEATURES.index("centrality")]
    assert np.array_equal(lead_centrality[firsts], centrality[firsts])
    assert (lead_centrality[firsts] > 0).all()


def _quoted_share_by_character(text: str) -> float:
    """quoted_share as first written, one step per character: the fast one must equal it."""
    marks = "\"“«„'‘\"”»'’"

    def apostrophe(index: int) -> bool:
        if text[index] not in "'’":
            return False
        before = text[index - 1] if index > 0 else " "
        after = text[index + 1] if index + 1 < len(text) else " "
        return before.isalpha() and (after.isalpha() or (before in "sS" and not after.isalnum()))

    inside, quoted, total, first = False, 0, 0, ""
    for index, char in enumerate(text):
        if char in marks:
            if not apostrophe(index):
                inside = not inside
                first = first or char
            continue
        if char.isalpha():
            total += 1
            quoted += inside
    if total and first in ("”", "»"):
        quoted = total - quoted
    return quoted / total if total else 0.0


@pytest.mark.parametrize(
    "text",
    [
        "",
        "'",
        "“",
        "He said: “We are ready” and left.",
        "the rest of it,” he said, “and then 'more' of it.",
        "The troops’ families and O'Neill's dog don't agree, 'really'.",
        "« Nous sommes prêts », a dit le maire, « demain ».",
        "‘Single quotes’ and „low quotes“ and 2,000 numbers",
        "Ends with an apostrophe’",
    ],
)
def test_quoted_share_equals_the_character_by_character_reading(text: str) -> None:
    assert quoted_share(text) == _quoted_share_by_character(text)


def test_claim_cues_computed_elsewhere_give_the_same_digest_and_are_what_decides() -> None:
    from dataclasses import replace

    from summarizer.digest import claim_candidates, claim_cue

    content = three_sources()
    ranks = lead_ranks(content)
    cues = {(s.source, s.index): claim_cue(s.text) for ss in content.values() for s in ss}
    for text in (*SOURCE_A, "Saturday, January 8, 2005", "“Only a quote here, nothing else.”"):
        cue = claim_cue(text)
        assert (cue.words, cue.claim) == (len(word_tokens(text)), is_claim(text))
    assert claim_cue(SOURCE_A[0]).key == claim_cue(SOURCE_A[0].upper() + "!").key
    assert claim_cue(SOURCE_A[0]).key != claim_cue(SOURCE_A[1]).key
    assert claim_cue("“ ”").key == b""
    assert make_digest(content, ranks, word_budget=60, cues=cues) == make_digest(
        content, ranks, word_budget=60
    )
    # The cues given are read, not recomputed: one marked "no claim" is no candidate.
    first = content["000"][0]
    cues[(first.source, first.index)] = replace(cues[(first.source, first.index)], claim=False)
    kept = [c.sentence for c in claim_candidates(content, ranks, cues)]
    assert first not in kept and first in [c.sentence for c in claim_candidates(content, ranks)]
