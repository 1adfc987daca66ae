"""A routing URI (``neo4j://``, as a cluster or Aura is reached) works against the single
server, and reads go with read access mode, so a cluster would send them to its readers
(#17 item 5)."""

from __future__ import annotations

import dataclasses

import neo4j
import pytest

from graph_model.connection import ConnectionTarget, open_driver, read
from graph_model.kinds import SourceSystem
from graph_model.nodes import Place
from graph_model.store import GraphStore


@pytest.fixture
def routed(target: ConnectionTarget):
    assert target.uri.startswith("bolt://")
    routing = dataclasses.replace(target, uri=target.uri.replace("bolt://", "neo4j://", 1))
    driver = open_driver(routing)
    yield driver, routing.database
    driver.close()


def test_writes_and_reads_go_through_a_routing_uri(routed, namespace: str) -> None:
    driver, database = routed
    place = Place(
        id=f"{namespace}:routed",
        address="1 High Street",
        source_system=SourceSystem.POLICE_RECORDS,
        source_record_id="routed-1",
    )
    assert GraphStore(driver, database).upsert_nodes([place]).written == 1
    rows = read(
        driver, database, "MATCH (p:Place {id: $id}) RETURN p.address AS a", {"id": place.id}
    )
    assert [row["a"] for row in rows] == ["1 High Street"]


def test_a_read_is_sent_in_read_access_mode(routed, namespace: str) -> None:
    driver, database = routed
    with pytest.raises(neo4j.exceptions.ClientError) as refused:
        read(driver, database, "CREATE (p:Place {id: $id}) RETURN p.id", {"id": f"{namespace}:w"})
    assert "AccessMode" in (refused.value.code or "")
    still = read(driver, database, "MATCH (p:Place {id: $id}) RETURN p", {"id": f"{namespace}:w"})
    assert still == []
