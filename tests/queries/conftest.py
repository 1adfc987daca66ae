"""The tiny generated data set, loaded once for all the analysis tests and removed after."""

from __future__ import annotations

from collections.abc import Iterator

import neo4j
import pytest

from tests.ingest.db_helpers import LoadTracker, load_tiny


@pytest.fixture(scope="package")
def loaded(
    driver: neo4j.Driver, target, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[LoadTracker, dict]]:
    yield from load_tiny(driver, target.database, tmp_path_factory)
