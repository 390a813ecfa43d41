"""Smoke test for bench/evaluate.py: one cluster, a small budget, every system scored."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench" / "evaluate.py"


@pytest.fixture(scope="module")
def evaluate() -> ModuleType:
    """bench/evaluate.py imported by path (bench is not a package)."""
    spec = importlib.util.spec_from_file_location("bench_evaluate", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def first_cluster(evaluate: ModuleType):  # type: ignore[no-untyped-def]
    return evaluate.load_clusters()[0]


def test_data_has_three_clusters_with_two_references(evaluate: ModuleType) -> None:
    clusters = evaluate.load_clusters()
    assert [c.id for c in clusters] == ["M000", "M001", "M002"]
    for cluster in clusters:
        assert len(cluster.documents) == 10
        assert len(cluster.references) == 2
        assert 200 <= evaluate.word_budget(cluster.references) <= 300


@pytest.mark.slow
def test_harness_scores_every_system_on_one_cluster(
    evaluate: ModuleType, first_cluster: object
) -> None:
    result = evaluate.evaluate({"multiling": [first_cluster]}, budget=40)
    summary = result["sets"]["multiling"]
    expected = {"lead", "sumy-lexrank", "sumy-textrank", "sumy-lsa", "oracle"} | {
        "digest",
        "digest-unsupervised",
    }
    assert set(summary["means"]) == expected
    for name, row in summary["per_story"]["M000"].items():
        assert set(row) == {"rouge1", "rouge2", "rougeL"}
        assert all(0.0 <= value <= 1.0 for value in row.values()), name
        # Every system produced some text that shares words with the references.
        assert row["rouge1"] > 0.05, name
    for name, row in summary["means"].items():
        for cell in row.values():
            assert cell["low"] <= cell["mean"] <= cell["high"], name
    # The oracle is the ceiling on ROUGE-2, the metric it maximises.
    r2 = {name: row["rouge2"]["mean"] for name, row in summary["means"].items()}
    assert r2["oracle"] >= max(r2.values()) - 1e-9
    assert set(summary["digest_vs"]) == set(evaluate.BASELINES)
    table = evaluate.format_table(result)
    for name in expected:
        assert name in table
    assert json.loads(json.dumps(result)) == result
    assert summary["budget_words"] == {"M000": 40}


def test_bootstrap_interval_and_paired_test(evaluate: ModuleType) -> None:
    rng = evaluate.np.random.default_rng(0)
    values = evaluate.np.array([0.1, 0.2, 0.3, 0.4])
    low, high = evaluate.bootstrap_interval(values, rng)
    assert 0.1 <= low < 0.25 < high <= 0.4
    ahead = evaluate.paired_bootstrap(values + 0.05, values, rng)
    assert ahead["difference"] == pytest.approx(0.05)
    assert ahead["p"] == 0.0
    behind = evaluate.paired_bootstrap(values, values + 0.05, rng)
    assert behind["p"] == 1.0 and behind["high"] < 0


def test_rouge_of_a_reference_against_itself_is_one(evaluate: ModuleType) -> None:
    scorer = evaluate.RougeScorer(list(evaluate.ROUGE_TYPES), use_stemmer=True)
    reference = "The tsunami killed more than one hundred thousand people across the region."
    assert evaluate.rouge(reference, [reference], scorer) == pytest.approx(
        {"rouge1": 1.0, "rouge2": 1.0, "rougeL": 1.0}
    )
    unrelated = evaluate.rouge("Markets rallied on Friday.", [reference], scorer)
    assert unrelated["rouge2"] == 0.0


def test_truncation_and_budget(evaluate: ModuleType) -> None:
    assert evaluate.truncate_words("one two  three\nfour five", 3) == "one two three"
    assert evaluate.word_budget(["a b c d", "a b"]) == 3


def test_lead_baseline_is_round_robin_and_within_budget(
    evaluate: ModuleType, first_cluster: object
) -> None:
    articles = evaluate.cluster_articles(first_cluster)
    firsts = [evaluate.content_sentences(a)[0].text for a in articles]
    lead = evaluate.lead_summary(articles, 60)
    # The lead of the first two articles come before any article's second sentence.
    assert lead.startswith(firsts[0])
    assert firsts[1] in lead
    assert len(evaluate.truncate_words(lead, 60).split()) == 60


def test_oracle_picks_the_sentence_that_matches_the_reference(evaluate: ModuleType) -> None:
    texts = [
        "Markets rallied on Friday after the central bank held rates.",
        "The tsunami killed more than one hundred thousand people across the region.",
        "Aid agencies pledged money for the survivors of the tsunami.",
    ]
    reference = "The tsunami killed more than one hundred thousand people; agencies pledged aid."
    picked = evaluate.train_selector.oracle_selection(texts, [reference], 30)
    assert picked[0] == 1
    assert 0 not in picked  # adding an unrelated sentence only lowers ROUGE-2 F


def test_graded_labels_follow_the_near_optimal_summaries(evaluate: ModuleType) -> None:
    train_selector = evaluate.train_selector
    texts = [
        "Markets rallied on Friday after the central bank held rates.",
        "The tsunami killed more than one hundred thousand people across the region.",
        "Aid agencies pledged money for the survivors of the tsunami.",
        "Aid agencies pledged money for the survivors, officials said.",
    ]
    reference = (
        "The tsunami killed more than one hundred thousand people."
        " Aid agencies pledged money for the survivors."
    )
    share = train_selector.near_optimal_share(texts, [reference], 30, tolerance=0.9)
    assert share[1] == 1.0  # in every near-optimal summary
    assert share[0] == 0.0  # in none: it only lowers F
    assert 0.0 < share[2] < 1.0 and 0.0 < share[3] < 1.0  # two near-equal endings share the credit
    assert share[2] + share[3] == 1.0
    recall = train_selector.LABELS["recall"](texts, [reference], 30)
    assert recall.max() == recall[1] == 1.0 and recall[0] == 0.0
    oracle = train_selector.LABELS["oracle"](texts, [reference], 30)
    assert oracle.tolist() == [
        float(i in train_selector.oracle_selection(texts, [reference], 30)) for i in range(4)
    ]


def test_soft_labels_are_fitted_as_graded_targets(evaluate: ModuleType) -> None:
    train_selector = evaluate.train_selector
    np = evaluate.np
    rows = np.array([[0.0], [1.0], [2.0], [3.0], [4.0]])
    table = train_selector.StoryTable("S", rows, np.array([0.0, 0.1, 0.5, 0.6, 0.9]))
    scores = train_selector.fit_scorer([table], regularisation=10.0)(rows)
    assert np.all(np.diff(scores) > 0)  # a higher label, a higher score
    flipped = train_selector.StoryTable("S", rows, 1.0 - table.labels)
    assert np.all(np.diff(train_selector.fit_scorer([flipped], regularisation=10.0)(rows)) < 0)


def test_cross_validation_never_scores_a_story_with_a_model_trained_on_it(
    evaluate: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    train_selector = evaluate.train_selector
    np = evaluate.np
    trained_on: dict[str, set[str]] = {}

    def fake_table(cluster: object, budget: int) -> object:
        rows = np.arange(6, dtype=float).reshape(3, 2)
        return train_selector.StoryTable(cluster.id, rows, np.array([1.0, 0.0, 0.0]))  # type: ignore[attr-defined]

    def fake_fit(tables: list, version: str = "") -> object:
        model = evaluate.SelectorModel.unsupervised()
        trained_on[version] = {t.id for t in tables}
        return evaluate.SelectorModel(
            version, *[getattr(model, f) for f in ("features", "mean", "scale", "weights")]
        )

    monkeypatch.setattr(train_selector, "story_table", fake_table)
    monkeypatch.setattr(train_selector, "fit", fake_fit)
    clusters = [evaluate.Cluster(f"S{i}", (), ("ref",)) for i in range(12)]
    budgets = {c.id: 10 for c in clusters}
    splits = []
    for seed in (None, 1):
        trained_on.clear()
        models = train_selector.cross_validated_models(clusters, budgets, folds=4, fold_seed=seed)
        assert set(models) == {c.id for c in clusters}
        for story, model in models.items():
            assert story not in trained_on[model.version]
            assert len(trained_on[model.version]) == 9  # the three other folds
        splits.append({frozenset(ids) for ids in trained_on.values()})
    assert splits[0] != splits[1]  # a fold seed really moves stories between folds


def _story_of_two_features(evaluate: ModuleType) -> tuple[Any, Any]:
    """One story whose labelled rows have a low first and a high second feature, and its rows."""
    np = evaluate.np
    rows = np.array([[0.0, 1.0], [1.0, 0.0], [0.2, 0.9], [0.9, 0.1]])
    return evaluate.train_selector.StoryTable("S", rows, np.array([1.0, 0.0, 1.0, 0.0])), rows


def test_fit_names_the_features_it_was_given(evaluate: ModuleType) -> None:
    train_selector = evaluate.train_selector
    table, _ = _story_of_two_features(evaluate)
    model = train_selector.fit([table], features=("lead", "echo"), regularisation=1.0)
    assert model.features == ("lead", "echo")
    assert model.weights[0] < 0 < model.weights[1]  # the labelled rows have low lead, high echo
    assert "C=1.0" in model.note
    assert train_selector.story_folds(1) == []


def test_fit_scorer_ranks_like_fit(evaluate: ModuleType) -> None:
    train_selector = evaluate.train_selector
    np = evaluate.np
    table, rows = _story_of_two_features(evaluate)
    model = train_selector.fit([table], features=("lead", "echo"), regularisation=1.0)
    scorer = train_selector.fit_scorer([table], regularisation=1.0)
    assert np.allclose(scorer(rows), model.score(rows), atol=1e-4)


def test_semantic_features_favour_the_sentence_other_outlets_paraphrase() -> None:
    spec = importlib.util.spec_from_file_location(
        "bench_semantic_features", BENCH.parent / "semantic_features.py"
    )
    assert spec is not None and spec.loader is not None
    semantic = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(semantic)
    from summarizer.digest import candidate_matrix
    from summarizer.models import Sentence

    texts = {
        "a": (
            "Border agents detained more migrants at the southern border in March.",
            "The agency's budget request was sent to the appropriations committee.",
        ),
        "b": (
            "Immigration arrests along the frontier with Mexico rose sharply last month.",
            "The local football team won its third match of the season on Sunday.",
        ),
    }
    content = {
        source: tuple(Sentence(source, i, 0, len(t), t) for i, t in enumerate(sentences))
        for source, sentences in texts.items()
    }
    ranks = {source: {0: 1, 1: 2} for source in texts}
    candidates, _ = candidate_matrix(content, ranks)
    headlines = {"a": "Migrant arrests at the border rise", "b": ""}
    features = semantic.semantic_features(candidates, headlines)
    assert set(features) == set(semantic.SEMANTIC_FEATURES)
    assert all(len(v) == len(candidates) and ((v >= 0) & (v <= 1)).all() for v in features.values())
    row = {c.sentence.text: i for i, c in enumerate(candidates)}
    border, budget = row[texts["a"][0]], row[texts["a"][1]]
    # The two outlets' border sentences say one thing in different words; TF-IDF barely sees it.
    assert features["emb_echo"][border] > features["emb_echo"][budget]
    assert features["emb_support"][border] > features["emb_support"][budget]
    assert features["emb_headline_max"][border] == 1.0
    assert semantic.semantic_features([], {})["emb_echo"].shape == (0,)
