"""Exposure beats degree and demographics on a world no development run has seen.

The test generates a world whose violence is simulated forward (background, rivalry,
contagion along recorded and unrecorded ties, latent individual risk) at a seed used nowhere
in development, ingests it, and fails unless the exposure score catches more of the people
involved after the cut-off in its top 1% than degree and demographics do.

The evaluation reads the whole graph, so the world is loaded into this worker's own server
only when that holds nothing else. The module sits outside the packages whose tests share
the loaded tiny data (``tests/api``, ``tests/queries``), so that data has been removed
before it runs; a throw-away server of its own (its earlier home) cost a JVM start, a cold
query cache and a fourth server's memory on a 2-core machine.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import neo4j
import pytest

from bench.exposure import evaluate
from ingest.mapping.loader import load_mapping
from synthetic.config import Scale, config_for
from synthetic.generator import generate
from tests.ingest.db_helpers import LoadTracker

pytestmark = pytest.mark.slow

#: The held-out world: a seed no development run used (never 7, the demo seed).
HELD_OUT_SEED = 20261201

#: What an earlier test may leave behind without changing any analysis: the audit trail,
#: API users and load runs.
LEFT_OVER = (
    "MATCH (n) WHERE NOT (n:LoadRun OR n:AuditEntry OR n:AuditHead OR n:ApiUser) "
    "RETURN count(n) AS n"
)


@pytest.fixture(scope="module")
def held_out(
    driver: neo4j.Driver, target, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[LoadTracker, dict]]:
    """The held-out world, ingested into the worker's empty database, removed afterwards."""
    left = driver.execute_query(LEFT_OVER, database_=target.database).records[0]["n"]
    if left:
        pytest.fail(
            f"The held-out evaluation needs an empty database; {left} nodes are left by an "
            "earlier test on this worker (it must remove what it writes)."
        )
    folder = tmp_path_factory.mktemp("held_out")
    generate(config_for(Scale.SMALL, seed=HELD_OUT_SEED), folder)
    tracker = LoadTracker(driver, target.database, tmp_path_factory.mktemp("quarantine"))
    try:
        tracker.load(folder, load_mapping("generator"))
        yield tracker, json.loads((folder / "ground_truth.json").read_text())
    finally:
        tracker.clean()


def test_exposure_beats_degree_and_demographics_on_a_held_out_world(held_out) -> None:
    tracker, truth = held_out
    figures = evaluate(tracker.driver, tracker.database, truth)
    rankings = figures["rankings"]
    assert rankings["exposure"]["positives"] >= 10, figures  # enough to measure anything
    assert rankings["exposure"]["top_1pct_k"] >= 30, figures  # 1% is a list, not a handful
    exposure = rankings["exposure"]["recall_top_1pct"]
    assert exposure > rankings["degree"]["recall_top_1pct"], figures
    assert exposure > rankings["demographics"]["recall_top_1pct"], figures
