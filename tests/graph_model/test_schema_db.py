"""Schema migration against the real Neo4j server."""

from __future__ import annotations

import neo4j
import neo4j.exceptions
import pytest

from graph_model.schema import SchemaItemKind, apply_schema, declared_schema, existing_schema_names


def test_migration_is_idempotent(driver: neo4j.Driver, database: str) -> None:
    apply_schema(driver, database)
    before = existing_schema_names(driver, database)
    report = apply_schema(driver, database)
    assert report.created == ()
    assert set(report.already_present) == {item.name for item in declared_schema()}
    assert existing_schema_names(driver, database) == before


def test_every_declared_key_has_its_uniqueness_constraint(
    driver: neo4j.Driver, database: str
) -> None:
    records = driver.execute_query(
        "SHOW CONSTRAINTS YIELD name, type, labelsOrTypes, properties "
        "RETURN name, type, labelsOrTypes, properties",
        database_=database,
    ).records
    live = {(r["labelsOrTypes"][0], tuple(r["properties"])): r["type"] for r in records}
    for item in declared_schema():
        if item.kind is SchemaItemKind.UNIQUENESS:
            assert live.get((item.label, item.properties)) == "UNIQUENESS", item.name


def test_every_declared_index_is_online(driver: neo4j.Driver, database: str) -> None:
    records = driver.execute_query(
        "SHOW INDEXES YIELD name, type, state RETURN name, type, state", database_=database
    ).records
    live = {r["name"]: (r["type"], r["state"]) for r in records}
    expected_type = {
        SchemaItemKind.UNIQUENESS: "RANGE",
        SchemaItemKind.RANGE: "RANGE",
        SchemaItemKind.POINT: "POINT",
        SchemaItemKind.FULLTEXT: "FULLTEXT",
    }
    for item in declared_schema():
        assert live[item.name] == (expected_type[item.kind], "ONLINE"), item.name


def test_a_duplicate_key_is_rejected(driver: neo4j.Driver, database: str, namespace: str) -> None:
    create = "CREATE (:Death {id: $id, date_found: date('2024-01-01')})"
    driver.execute_query(create, id=f"{namespace}dup", database_=database)
    with pytest.raises(neo4j.exceptions.ConstraintError):
        driver.execute_query(create, id=f"{namespace}dup", database_=database)
