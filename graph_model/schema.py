"""Constraints and indexes derived from the model, applied idempotently.

:func:`declared_schema` derives the expected items from each kind's :class:`NodeSpec`; each
item's DDL is a reviewed file ``graph_model/cypher/schema/<name>.cypher``. Migration refuses to
run if a declared item has no file or a file has no declaration, so the two cannot drift.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from neo4j import Driver

from graph_model.base import NodeSpec
from graph_model.cypher_catalogue import cypher, cypher_names
from graph_model.errors import ConfigurationError
from graph_model.registry import NODE_KINDS, SERVICE_NODE_KINDS, snake_name

__all__ = [
    "MigrationReport",
    "SchemaItem",
    "SchemaItemKind",
    "apply_schema",
    "declared_schema",
    "existing_schema_names",
    "missing_schema_items",
]


class SchemaItemKind(StrEnum):
    """Kinds of schema item Linkwatch declares."""

    UNIQUENESS = "uniqueness"
    RANGE = "range"
    POINT = "point"
    FULLTEXT = "fulltext"


@dataclass(frozen=True)
class SchemaItem:
    """One constraint or index: its name, kind, label and properties."""

    name: str
    kind: SchemaItemKind
    label: str
    properties: tuple[str, ...]

    @property
    def is_constraint(self) -> bool:
        """True for constraints (listed by SHOW CONSTRAINTS), False for indexes."""
        return self.kind is SchemaItemKind.UNIQUENESS


@dataclass(frozen=True)
class MigrationReport:
    """What a migration did: items created now and items that already existed."""

    created: tuple[str, ...]
    already_present: tuple[str, ...]


def declared_schema() -> list[SchemaItem]:
    """Return every constraint and index the model declares.

    Returns
    -------
    list[SchemaItem]
        Per node kind, then per kind of the service's own records (API users, the audit log,
        rapid reviews): a uniqueness constraint on its key and on each further unique
        property, then its range, point and full-text indexes.
    """
    specs = [model.spec for model in (*NODE_KINDS.values(), *SERVICE_NODE_KINDS.values())]
    return [item for spec in specs for item in _items_of(spec)]


def _items_of(spec: NodeSpec) -> list[SchemaItem]:
    label = spec.label
    prefix = snake_name(label.value)
    items = [
        SchemaItem(f"{prefix}_{prop}_unique", SchemaItemKind.UNIQUENESS, label, (prop,))
        for prop in (spec.key, *spec.unique)
    ]
    items.extend(
        SchemaItem(f"{prefix}_{prop}_range", SchemaItemKind.RANGE, label, (prop,))
        for prop in spec.range_indexes
    )
    if spec.point_index:
        items.append(
            SchemaItem(
                f"{prefix}_{spec.point_index}_point",
                SchemaItemKind.POINT,
                label,
                (spec.point_index,),
            )
        )
    if spec.fulltext:
        items.append(
            SchemaItem(f"{prefix}_fulltext", SchemaItemKind.FULLTEXT, label, spec.fulltext)
        )
    return items


def _check_files_match(items: list[SchemaItem]) -> None:
    declared = {f"schema/{item.name}" for item in items}
    shipped = set(cypher_names("schema"))
    if declared != shipped:
        raise ConfigurationError(
            "The schema files do not match the model: "
            f"declared without a file {sorted(declared - shipped)}, "
            f"file without a declaration {sorted(shipped - declared)}.",
            hint="Add or remove files in graph_model/cypher/schema/.",
        )


def existing_schema_names(driver: Driver, database: str) -> set[str]:
    """Return the names of every constraint and index in the database.

    Parameters
    ----------
    driver
        A connected driver.
    database
        Database name.

    Returns
    -------
    set[str]
        Constraint and index names (a constraint's backing index shares its name).
    """
    constraints = driver.execute_query(cypher("admin/show_constraints"), database_=database)
    indexes = driver.execute_query(cypher("admin/show_indexes"), database_=database)
    return {record["name"] for record in constraints.records} | {
        record["name"] for record in indexes.records
    }


def apply_schema(driver: Driver, database: str, *, wait_seconds: int = 300) -> MigrationReport:
    """Create every declared constraint and index that is missing, then wait until online.

    Safe to run any number of times: each statement is ``IF NOT EXISTS``.

    Parameters
    ----------
    driver
        A connected driver.
    database
        Database name.
    wait_seconds
        How long to wait for new indexes to come online.

    Returns
    -------
    MigrationReport
        Which items were created now and which were already there.

    Raises
    ------
    ConfigurationError
        If the shipped schema files and the model disagree.
    """
    items = declared_schema()
    _check_files_match(items)
    before = existing_schema_names(driver, database)
    created: list[str] = []
    present: list[str] = []
    for item in items:
        if item.name in before:
            present.append(item.name)
            continue
        driver.execute_query(cypher(f"schema/{item.name}"), database_=database)
        created.append(item.name)
    if created:
        driver.execute_query(
            cypher("admin/await_indexes"), {"seconds": wait_seconds}, database_=database
        )
    return MigrationReport(created=tuple(created), already_present=tuple(present))


def missing_schema_items(driver: Driver, database: str) -> list[str]:
    """Return the names of declared constraints and indexes the database lacks.

    Parameters
    ----------
    driver
        A connected driver.
    database
        Database name.

    Returns
    -------
    list[str]
        Empty when ``linkwatch db migrate`` has been applied.
    """
    present = existing_schema_names(driver, database)
    return [item.name for item in declared_schema() if item.name not in present]
