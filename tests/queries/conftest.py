"""The tiny generated data set, loaded once for all the analysis tests and removed after."""

from __future__ import annotations

import json
from collections.abc import Iterator

import neo4j
import pytest

from ingest.mapping.loader import load_mapping
from ingest.synthetic.config import Scale, config_for
from ingest.synthetic.generator import generate
from tests.ingest.db_helpers import LoadTracker


@pytest.fixture(scope="package")
def loaded(
    driver: neo4j.Driver, target, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[LoadTracker, dict]]:
    folder = tmp_path_factory.mktemp("tiny")
    generate(config_for(Scale.TINY, seed=1), folder)
    tracker = LoadTracker(driver, target.database, tmp_path_factory.mktemp("quarantine"))
    tracker.load(folder, load_mapping("generator"))
    yield tracker, json.loads((folder / "ground_truth.json").read_text())
    tracker.clean()
