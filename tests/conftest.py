"""Shared fixtures: the real Neo4j server of this test process (or the one NEO4J_URI names).

Each pytest-xdist worker runs its own local server (see ``tests/servers.py``), started when
its session starts. There is no mock database: if the server cannot be reached, every storage
test fails with the same one-line error a user would see.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import neo4j
import pytest

from graph_model.connection import ConnectionTarget, open_driver, resolve_target
from graph_model.schema import apply_schema
from graph_model.settings import Settings, get_settings
from tests import servers


def pytest_configure(config: pytest.Config) -> None:
    servers.configure_worker(config.rootpath)
    if config.getoption("numprocesses", None) and os.environ.get("NEO4J_URI", "").strip():
        raise pytest.UsageError(
            "With NEO4J_URI set every worker would share one database; run without -n."
        )
    if "PYTEST_XDIST_WORKER" not in os.environ and not config.option.collectonly:
        servers.fetch_jars_once(Settings())


@pytest.hookimpl(tryfirst=True)  # before xdist reads the groups
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Keep together on one xdist worker the tests that share a fixture wider than a module.

    Each module is a group, so its module fixtures are made once. Modules using a
    package-scoped fixture (the loaded tiny data) share their package's group, except a
    module marked slow as a whole: it gets a group of its own, so it can run beside its
    package on another worker, at the price of one more set-up of the package fixture.
    Under xdist, package groups go first, then the other groups holding slow tests, then
    the rest, so that no worker starts a long group near the end of the run.
    """
    group_of: dict[str, str] = {}
    for item in items:
        module = item.nodeid.split("::")[0]
        group_of.setdefault(module, module)
        marks = getattr(getattr(item, "module", None), "pytestmark", [])
        slow_module = any(m.name == "slow" for m in (marks if isinstance(marks, list) else [marks]))
        info = getattr(item, "_fixtureinfo", None)
        for definitions in info.name2fixturedefs.values() if info else ():
            if definitions[-1].scope == "package" and not slow_module:
                group_of[module] = definitions[-1].baseid + "/"
    groups: dict[str, list[pytest.Item]] = {}
    for item in items:
        group = group_of[item.nodeid.split("::")[0]]
        item.add_marker(pytest.mark.xdist_group(group))
        groups.setdefault(group, []).append(item)
    if "PYTEST_XDIST_WORKER" in os.environ:

        def rank(name: str) -> int:
            if name.endswith("/"):
                return 0
            return 1 if any(i.get_closest_marker("slow") for i in groups[name]) else 2

        items[:] = [item for name in sorted(groups, key=rank) for item in groups[name]]


@pytest.fixture(scope="session")
def settings() -> Settings:
    get_settings.cache_clear()
    return get_settings()


@pytest.fixture(scope="session", autouse=True)
def worker_server(settings: Settings) -> Iterator[None]:
    """This process's own local server, for the whole session (none with NEO4J_URI)."""
    with servers.worker_server(settings):
        yield


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
