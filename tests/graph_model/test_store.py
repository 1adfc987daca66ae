"""Model objects round-trip through the real Neo4j unchanged, and writes are idempotent."""

from __future__ import annotations

import neo4j
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph_model.kinds import SourceSystem
from graph_model.nodes import Person
from graph_model.relationships import PartyToIncident
from graph_model.store import GraphStore
from tests.graph_model.examples import example_nodes, example_relationships


def _count(driver: neo4j.Driver, database: str, prefix: str) -> tuple[int, int]:
    record = driver.execute_query(
        "MATCH (n) WHERE n.id STARTS WITH $prefix "
        "OPTIONAL MATCH (n)-[r]->() RETURN count(DISTINCT n) AS nodes, count(r) AS rels",
        prefix=prefix,
        database_=database,
    ).records[0]
    return record["nodes"], record["rels"]


def test_every_node_kind_round_trips_unchanged(
    driver: neo4j.Driver, database: str, namespace: str
) -> None:
    store = GraphStore(driver, database)
    nodes = example_nodes(namespace)
    assert store.upsert_nodes(nodes.values()).written == len(nodes)
    for node in nodes.values():
        assert store.get_node(type(node), node.id) == node


def test_every_relationship_kind_round_trips_unchanged(
    driver: neo4j.Driver, database: str, namespace: str
) -> None:
    store = GraphStore(driver, database)
    nodes = example_nodes(namespace)
    store.upsert_nodes(nodes.values())
    relationships = example_relationships(nodes)
    result = store.upsert_relationships(relationships)
    assert result.written == len(relationships)
    assert result.missing_end == []
    for rel in relationships:
        assert rel in store.get_relationships(type(rel), rel.source_id, rel.target_id)


def test_writing_twice_changes_nothing(driver: neo4j.Driver, database: str, namespace: str) -> None:
    store = GraphStore(driver, database)
    nodes = example_nodes(namespace)
    relationships = example_relationships(nodes)
    store.upsert_nodes(nodes.values())
    store.upsert_relationships(relationships)
    first = _count(driver, database, namespace)
    again_nodes = store.upsert_nodes(nodes.values())
    again_relationships = store.upsert_relationships(relationships)
    assert _count(driver, database, namespace) == first == (len(nodes), len(relationships))
    assert again_nodes.unchanged == len(nodes)
    assert again_relationships.unchanged == len(relationships)


def test_a_changed_record_is_updated_and_an_unchanged_one_keeps_its_provenance(
    driver: neo4j.Driver, database: str, namespace: str
) -> None:
    store = GraphStore(driver, database)
    victim = example_nodes(namespace)["victim"]
    store.upsert_nodes([victim])
    reloaded = victim.model_copy(update={"load_run_id": "run-2"})
    assert store.upsert_nodes([reloaded]).unchanged == 1
    assert store.get_node(Person, victim.id).load_run_id == "run-1"
    corrected = victim.model_copy(update={"family_name": "O'Neill", "load_run_id": "run-3"})
    assert store.upsert_nodes([corrected]).unchanged == 0
    stored = store.get_node(Person, victim.id)
    assert (stored.family_name, stored.load_run_id) == ("O'Neill", "run-3")


def test_a_relationship_with_a_missing_end_is_reported_not_invented(
    driver: neo4j.Driver, database: str, namespace: str
) -> None:
    store = GraphStore(driver, database)
    nodes = example_nodes(namespace)
    store.upsert_nodes([nodes["victim"]])
    dangling = PartyToIncident(
        source_id=nodes["victim"].id,
        target_id=f"{namespace}no-such-incident",
        role="victim",
        source_system=SourceSystem.POLICE_RECORDS,
        source_record_id="X",
    )
    result = store.upsert_relationships([dangling])
    assert result.written == 0
    assert result.missing_end == [dangling]
    assert _count(driver, database, namespace) == (1, 0)


names = st.text(min_size=1, max_size=40).map(str.strip).filter(bool)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(given_names=names, family_name=names, aliases=st.lists(names, max_size=3))
def test_any_text_in_names_is_stored_as_data(
    driver: neo4j.Driver,
    database: str,
    namespace: str,
    given_names: str,
    family_name: str,
    aliases: list[str],
) -> None:
    """Quotes, braces, Cypher fragments and any Unicode are parameters, never query text."""
    store = GraphStore(driver, database)
    person = Person(
        id=f"{namespace}fuzz",
        given_names=given_names,
        family_name=family_name,
        aliases=aliases,
        source_system=SourceSystem.NHS,
        source_record_id="fuzz",
    )
    store.upsert_nodes([person])
    assert store.get_node(Person, person.id) == person
    assert _count(driver, database, namespace) == (1, 0)
