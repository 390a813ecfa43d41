"""`summarizer stories --dask`: the per-article stage on a real Dask cluster, same output."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from test_stories import synthetic_pile

from summarizer.distributed import dask_map
from summarizer.render import grouping_to_dict
from summarizer.stories import article_vectors, group_stories, settings


@pytest.fixture(scope="module")
def cluster():
    # Imported here: every test in this file is slow, and the fast run should not pay for dask.
    from dask.distributed import LocalCluster

    # Two worker processes on this machine, as a stand-in for a real cluster.
    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as local:
        yield local


@pytest.mark.slow
def test_grouping_on_the_cluster_equals_the_local_grouping(cluster) -> None:
    pile, _ = synthetic_pile(40)  # large enough for the latent-space path
    with dask_map(cluster.scheduler_address) as mapper:
        remote = group_stories(pile, mapper=mapper)
    assert grouping_to_dict(remote) == grouping_to_dict(group_stories(pile))


@pytest.mark.slow
def test_the_embedding_tokenised_on_the_cluster_gives_the_same_grouping(cluster) -> None:
    # The workers tokenise for the embedding; the client embeds in bulk: the same floats.
    pile, _ = synthetic_pile(40)
    config = replace(settings(), embedding_share=0.25, embedding_words=60)
    with dask_map(cluster.scheduler_address) as mapper:
        remote = article_vectors(pile, config, mapper)
    local = article_vectors(pile, config)
    assert (remote != local).nnz == 0
    with dask_map(cluster.scheduler_address) as mapper:
        grouped = group_stories(pile, config, mapper=mapper)
    assert grouping_to_dict(grouped) == grouping_to_dict(group_stories(pile, config))


@pytest.mark.slow
def test_cli_output_with_dask_is_byte_identical(run_cli, cluster, seeds_dir: Path) -> None:
    local = run_cli("stories", str(seeds_dir), "--format", "json")
    remote = run_cli(
        "stories", str(seeds_dir), "--format", "json", "--dask", cluster.scheduler_address
    )
    assert remote.exit_code == 0, remote.output
    assert remote.stdout == local.stdout
    assert len(json.loads(remote.stdout)["stories"]) == 1


@pytest.mark.slow
def test_unreachable_scheduler_is_a_one_line_error(run_cli, seeds_dir: Path) -> None:
    result = run_cli("stories", str(seeds_dir), "--dask", "tcp://127.0.0.1:9")
    assert result.exit_code == 2
    assert result.stderr.startswith("summarizer: error: cannot reach the Dask scheduler")
    assert "Traceback" not in result.stderr
