"""--jobs: worker processes change nothing in the output; progress stays off pipes."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from summarizer.ingest import parse_article
from summarizer.parallel import (
    MIN_ITEMS_PER_WORKER,
    WORKER_NICENESS,
    map_in_order,
    started_aside,
    started_in_order,
    workers_for,
)
from summarizer.pipeline import (
    STAGE_ARTICLES,
    STAGE_DISCOVERY,
    STAGE_THEMES,
    Options,
    build_briefing,
)
from summarizer.progress import TerminalProgress, terminal_progress
from summarizer.render import render_briefing

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _pid(_: int) -> int:
    return os.getpid()


def _square(number: int) -> int:
    return number * number


def _niceness(_: object = None) -> int:
    return os.nice(0)


def test_workers_step_back_for_the_caller_but_a_forked_aside_does_not() -> None:
    # The caller's own chain (imports, themes) is the longest of the run: the workers yield to
    # it; the aside process is part of that chain.
    own = os.nice(0)
    assert set(map_in_order(_niceness, range(8), jobs=2)) == {min(19, own + WORKER_NICENESS)}
    with started_aside(_niceness, fork=True) as aside:
        assert aside() == own
    assert os.nice(0) == own


def test_map_in_order_uses_other_processes_and_keeps_input_order() -> None:
    items = list(range(40))
    assert list(map_in_order(_square, items, jobs=2)) == [n * n for n in items]
    assert set(map_in_order(_pid, items, jobs=2)) - {os.getpid()}  # really ran elsewhere
    assert set(map_in_order(_pid, items, jobs=1)) == {os.getpid()}


def test_started_work_is_read_in_order_after_the_caller_has_done_its_own() -> None:
    items = list(range(40))
    with started_in_order(_square, items, jobs=2) as results:
        own = sum(items)  # the caller's work, while the workers run
        assert list(results) == [n * n for n in items]
    assert own == 780


def test_generated_items_go_to_the_workers_as_they_are_made() -> None:
    made: list[int] = []

    def generated():
        for number in range(40):
            made.append(number)
            yield number

    with started_in_order(_square, generated(), jobs=2, count=40) as results:
        assert made == list(range(40))  # every item was handed over before the caller's turn
        assert list(results) == [n * n for n in range(40)]
    with started_in_order(_pid, iter([1, 2, 3]), jobs=2) as results:
        assert set(results) == {os.getpid()}  # counted without ``count``: too few for workers


def test_leaving_started_work_early_drops_the_rest() -> None:
    with started_in_order(_pid, list(range(400)), jobs=2) as results:
        assert next(iter(results)) != os.getpid()
    with (
        pytest.raises(RuntimeError, match="caller failed"),
        started_in_order(_square, list(range(400)), jobs=2),
    ):
        raise RuntimeError("caller failed")


def test_workers_start_only_when_each_gets_enough_items() -> None:
    assert workers_for(2 * MIN_ITEMS_PER_WORKER, 2) == 2
    assert workers_for(2 * MIN_ITEMS_PER_WORKER - 1, 2) == 1
    assert workers_for(1000, 1) == 1
    with started_in_order(_pid, [1, 2, 3], jobs=2) as results:
        assert set(results) == {os.getpid()}  # too few items: mapped here, lazily


def _articles() -> list:
    """Ten distinct articles: the seeds, and each seed again with its paragraphs reversed."""
    # (A closing line keeps a one-paragraph seed's copy from being dropped as identical.)
    articles = []
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        articles.append(parse_article(text.encode(), path=str(path), id=f"{len(articles):03d}"))
        paragraphs = [*reversed(text.split("\n\n")), "The archive copy was checked again."]
        reordered = "\n\n".join(paragraphs).encode()
        articles.append(parse_article(reordered, path=f"{path}.txt", id=f"{len(articles):03d}"))
    return articles


def test_one_and_two_workers_give_byte_identical_json() -> None:
    articles = _articles()
    assert len(articles) >= 8  # enough for map_in_order to start two workers
    outputs = [
        render_briefing(build_briefing(articles, Options(), jobs=jobs), "json") for jobs in (1, 2)
    ]
    assert outputs[0] == outputs[1]
    assert '"quotes"' in outputs[0]


def test_an_article_segmented_by_the_parent_is_worked_on_as_if_the_worker_segmented_it() -> None:
    from summarizer.pipeline import work_on
    from summarizer.segment import segment

    for article in _articles()[:3]:
        assert work_on(article, Options(), segment(article)) == work_on(article, Options())


def test_pipeline_reports_each_stage_to_the_progress_callback() -> None:
    seen: list[tuple[str, int, int]] = []
    build_briefing(_articles()[:4], Options(), progress=lambda *event: seen.append(event))
    articles = [event for event in seen if event[0] == STAGE_ARTICLES]
    assert [done for _, done, _ in articles] == [1, 2, 3, 4]
    assert {total for _, _, total in articles} == {4}
    themes = [event for event in seen if event[0] == STAGE_THEMES]
    assert themes and themes[-1][1] == themes[-1][2]


def test_theme_discovery_beside_the_workers_is_reported_as_its_own_stage() -> None:
    seen: list[tuple[str, int, int]] = []
    articles = _articles()
    build_briefing(articles, Options(), jobs=2, progress=lambda *event: seen.append(event))
    stages = [stage for stage, _, _ in seen]
    # Discovery starts and ends before the first result is read, then every article is read.
    assert seen[:2] == [(STAGE_DISCOVERY, 0, 1), (STAGE_DISCOVERY, 1, 1)]
    assert stages.count(STAGE_ARTICLES) == len(articles)


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_no_progress_reporter_when_stderr_is_not_a_terminal() -> None:
    assert terminal_progress(io.StringIO()) is None
    assert isinstance(terminal_progress(_Terminal()), TerminalProgress)


def test_progress_bar_only_after_the_delay() -> None:
    quick = _Terminal()
    reporter = TerminalProgress(quick, delay=3600)
    for done in range(1, 11):
        reporter("Reading articles", done, 10)
    assert quick.getvalue() == ""
    slow = _Terminal()
    reporter = TerminalProgress(slow, delay=0)
    for done in range(1, 11):
        reporter("Reading articles", done, 10)
    assert "Reading articles" in slow.getvalue()


def test_cli_run_on_a_pipe_prints_nothing_but_the_output(run_cli) -> None:
    result = run_cli("brief", str(SEEDS), "-f", "json", "--jobs", "2")
    assert result.exit_code == 0
    assert result.stderr == ""


def _collecting(_: int) -> bool:
    import gc

    return gc.isenabled()


def test_workers_collect_garbage_even_when_the_parent_does_not() -> None:
    import gc

    gc.disable()  # as the command line leaves it once the stages are imported
    try:
        with started_in_order(_collecting, list(range(40)), jobs=2) as results:
            assert all(results)
    finally:
        gc.enable()


def test_a_closure_started_aside_runs_in_another_process_and_gives_its_result() -> None:
    from summarizer.errors import SummarizerError
    from summarizer.parallel import started_aside

    unpicklable = {"lock": __import__("threading").Lock(), "values": [1, 2, 3]}

    def work() -> tuple[int, int]:  # a closure over data that cannot be pickled
        return os.getpid(), sum(unpicklable["values"])

    with started_aside(work, fork=True) as result:
        assert result()[0] != os.getpid()
        assert result()[1] == 6
    with started_aside(work, fork=False) as result:
        assert result() == (os.getpid(), 6)

    def fail() -> None:
        raise SummarizerError("no articles to brief")

    with pytest.raises(SummarizerError, match="no articles"), started_aside(fail, True) as result:
        result()
