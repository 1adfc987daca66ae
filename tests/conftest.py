"""Shared fixtures: the real Neo4j server that `make test` started (or NEO4J_URI names).

There is no mock database: if the server cannot be reached, every storage test fails with
the same one-line error a user would see.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import neo4j
import pytest

from graph_model.connection import ConnectionTarget, open_driver, resolve_target
from graph_model.schema import apply_schema
from graph_model.settings import Settings, get_settings


@pytest.fixture(scope="session")
def settings() -> Settings:
    get_settings.cache_clear()
    return get_settings()


@pytest.fixture(scope="session")
def target(settings: Settings) -> ConnectionTarget:
    return resolve_target(settings)


@pytest.fixture(scope="session")
def driver(target: ConnectionTarget) -> Iterator[neo4j.Driver]:
    connected = open_driver(target)
    apply_schema(connected, target.database)
    yield connected
    connected.close()


@pytest.fixture
def database(target: ConnectionTarget) -> str:
    return target.database


@pytest.fixture
def namespace(driver: neo4j.Driver, database: str) -> Iterator[str]:
    """A unique id prefix; every node whose id starts with it is deleted afterwards."""
    prefix = f"test-{uuid.uuid4().hex[:12]}-"
    yield prefix
    driver.execute_query(
        "MATCH (n) WHERE n.id STARTS WITH $prefix DETACH DELETE n",
        prefix=prefix,
        database_=database,
    )
