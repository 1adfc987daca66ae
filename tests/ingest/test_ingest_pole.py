"""The public Neo4j POLE dataset loads through its mapping, completely, and idempotently."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import neo4j
import pytest

from graph_model.errors import InvalidInput, NotFound
from ingest.mapping.loader import load_mapping
from queries.investigation import common_associates, ego_network, shortest_paths, timeline
from queries.networks.analysis import (
    FAMILY_TIES,
    association_triangles,
    dangerous_family_associates,
    vulnerable_people,
)
from tests.ingest.db_helpers import LoadTracker

pytestmark = pytest.mark.slow

POLE = Path(__file__).resolve().parents[1] / "data" / "pole"
NODES, RELATIONSHIPS = 61_521, 105_840


@pytest.fixture(scope="module")
def pole(
    driver: neo4j.Driver, target, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LoadTracker]:
    tracker = LoadTracker(driver, target.database, tmp_path_factory.mktemp("quarantine"))
    tracker.first = tracker.load(POLE, load_mapping("pole"))  # type: ignore[attr-defined]
    yield tracker
    tracker.clean()


def test_every_node_and_relationship_loads(pole: LoadTracker) -> None:
    assert pole.count("MATCH (n) WHERE n.source_system = 'pole' RETURN count(n)") == NODES
    assert (
        pole.count("MATCH ()-[r]->() WHERE r.source_system = 'pole' RETURN count(r)")
        == RELATIONSHIPS
    )
    report = pole.first  # type: ignore[attr-defined]
    assert not report.failed and report.quarantine_file is None
    assert sum(c.rows for c in report.sources.values()) == NODES + RELATIONSHIPS


@pytest.mark.parametrize(
    ("label", "count"),
    [
        ("Person", 369 + 1_000),
        ("Incident", 28_762),
        ("Place", 14_904 + 14_196 + 93),
        ("Object", 328 + 328 + 1_000 + 7),
        ("Communication", 534),
    ],
)
def test_pole_kinds_map_onto_linkwatch_kinds(pole: LoadTracker, label: str, count: int) -> None:
    query = {
        "Person": "MATCH (n:Person) WHERE n.source_system = 'pole' RETURN count(n)",
        "Incident": "MATCH (n:Incident) WHERE n.source_system = 'pole' RETURN count(n)",
        "Place": "MATCH (n:Place) WHERE n.source_system = 'pole' RETURN count(n)",
        "Object": "MATCH (n:Object) WHERE n.source_system = 'pole' RETURN count(n)",
        "Communication": "MATCH (n:Communication) WHERE n.source_system = 'pole' RETURN count(n)",
    }[label]
    assert pole.count(query) == count


def test_original_ids_and_types_are_kept_as_provenance(pole: LoadTracker) -> None:
    record = pole.driver.execute_query(
        "MATCH (a:Person {id: 'pole:1073'})-[r:ASSOCIATED_WITH {kind: 'social_media'}]->(b:Person {id: 'pole:242'}) "
        "RETURN a.source_record_id AS a, a.source_type AS label, r.source_type AS type, r.source_record_id AS rid",
        database_=pole.database,
    ).records
    assert [dict(r) for r in record] == [
        {"a": "1073", "label": "Person", "type": "KNOWS_SN", "rid": "1073-KNOWS_SN->242"}
    ]
    kinds = pole.driver.execute_query(
        "MATCH ()-[r:ASSOCIATED_WITH]->() WHERE r.source_system = 'pole' RETURN r.source_type AS t, r.kind AS k, count(*) AS n ORDER BY t",
        database_=pole.database,
    ).records
    assert {(r["t"], r["k"], r["n"]) for r in kinds} == {
        ("FAMILY_REL", "family", 155),
        ("KNOWS", "associate", 586),
        ("KNOWS_LW", "lives_with", 80),
        ("KNOWS_PHONE", "phone_contact", 118),
        ("KNOWS_SN", "social_media", 241),
    }
    roles = pole.count(
        "MATCH (:Person)-[r:PARTY_TO {role: 'party'}]->(:Incident) WHERE r.source_system = 'pole' RETURN count(r)"
    )
    assert roles == 55


def test_a_second_load_changes_nothing(pole: LoadTracker) -> None:
    again = pole.load(POLE, load_mapping("pole"))
    assert sum(c.loaded for c in again.sources.values()) == 0
    assert sum(c.unchanged for c in again.sources.values()) == NODES + RELATIONSHIPS
    assert pole.count("MATCH (n) WHERE n.source_system = 'pole' RETURN count(n)") == NODES
    assert (
        pole.count("MATCH ()-[r]->() WHERE r.source_system = 'pole' RETURN count(r)")
        == RELATIONSHIPS
    )


def test_investigation_queries_on_pole(pole: LoadTracker) -> None:
    ego = ego_network(pole.driver, pole.database, "pole:1073", hops=1, types=["ASSOCIATED_WITH"])
    neighbours = {e["target"] for e in ego.edges} | {e["source"] for e in ego.edges}
    assert "pole:242" in neighbours and not ego.truncated
    assert all(set(node) == {"id", "kind", "label", "date"} for node in ego.nodes)
    paths = shortest_paths(pole.driver, pole.database, "pole:1073", "pole:242")
    assert paths and paths[0]["length"] == 1 and paths[0]["nodes"] == ["pole:1073", "pole:242"]
    again = shortest_paths(pole.driver, pole.database, "pole:1073", "pole:242")
    assert again == paths  # stable
    capped = ego_network(pole.driver, pole.database, "pole:1073", hops=3, limit=5)
    assert capped.truncated and len({(e["source"], e["target"]) for e in capped.edges}) <= 15
    assert isinstance(common_associates(pole.driver, pole.database, "pole:1073", "pole:242"), list)
    assert isinstance(timeline(pole.driver, pole.database, "pole:1073"), list)
    with pytest.raises(InvalidInput, match="hops"):
        ego_network(pole.driver, pole.database, "pole:1073", hops=4)
    with pytest.raises(InvalidInput, match="unknown relationship type"):
        ego_network(
            pole.driver, pole.database, "pole:1073", types=["KNOWS}]->() DETACH DELETE n //"]
        )
    with pytest.raises(NotFound):
        ego_network(pole.driver, pole.database, "pole:1073' OR 1=1 //")
    with pytest.raises(InvalidInput, match="max_hops"):
        shortest_paths(pole.driver, pole.database, "pole:1073", "pole:242", max_hops=7)
    assert (
        pole.count("MATCH (n) WHERE n.source_system = 'pole' RETURN count(n)") == NODES
    )  # nothing changed


def test_pole_style_network_queries_are_stable_and_sensible(pole: LoadTracker) -> None:
    family = dangerous_family_associates(pole.driver, pole.database, limit=20)
    assert family and family == dangerous_family_associates(pole.driver, pole.database, limit=20)
    for row in family:
        assert row["dangerous_relatives"] == len(row["relatives"]) or len(row["relatives"]) == 10
        for relative in row["relatives"]:
            assert set(relative["ties"]) <= {kind.value for kind in FAMILY_TIES}
            assert relative["crimes"] and relative["violent_crimes"] >= len(relative["crimes"])
    triangles = association_triangles(pole.driver, pole.database, limit=20)
    assert triangles.triangles
    assert triangles == association_triangles(pole.driver, pole.database, limit=20)
    assert triangles.triangles[0].members_party_to_crime >= 2
    vulnerable = vulnerable_people(pole.driver, pole.database, minimum=2, limit=20)
    assert vulnerable and vulnerable == vulnerable_people(
        pole.driver, pole.database, minimum=2, limit=20
    )
    counts = [row["associates_party_to_crime"] for row in vulnerable]
    assert counts == sorted(counts, reverse=True) and counts[-1] >= 2
