"""What is in the database, and emptying it for demos and tests."""

from __future__ import annotations

from dataclasses import dataclass

import neo4j

from graph_model.connection import read
from graph_model.cypher_catalogue import cypher
from graph_model.nodes import LoadRun

__all__ = ["DatabaseStats", "database_stats", "delete_everything"]


@dataclass(frozen=True)
class DatabaseStats:
    """Node counts per label, relationship counts per type, totals and recent load runs."""

    nodes_by_label: dict[str, int]
    relationships_by_type: dict[str, int]
    total_nodes: int
    total_relationships: int
    recent_load_runs: list[LoadRun]

    def as_json(self) -> dict[str, object]:
        """Return a JSON-ready dictionary (the ``db stats --json`` schema)."""
        return {
            "nodes_by_label": self.nodes_by_label,
            "relationships_by_type": self.relationships_by_type,
            "total_nodes": self.total_nodes,
            "total_relationships": self.total_relationships,
            "recent_load_runs": [run.model_dump(mode="json") for run in self.recent_load_runs],
        }


def database_stats(driver: neo4j.Driver, database: str, *, recent_runs: int = 5) -> DatabaseStats:
    """Count what the database holds, from Neo4j's count store (constant time).

    Parameters
    ----------
    driver
        A connected driver.
    database
        Database name.
    recent_runs
        How many of the latest load runs to include.

    Returns
    -------
    DatabaseStats
        The counts and the most recent load runs, newest first.
    """

    def rows(name: str, **parameters: object) -> list[neo4j.Record]:
        return read(driver, database, cypher(name), parameters)

    totals = rows("admin/count_all")[0]
    return DatabaseStats(
        nodes_by_label={r["label"]: r["count"] for r in rows("admin/count_nodes_by_label")},
        relationships_by_type={
            r["type"]: r["count"] for r in rows("admin/count_relationships_by_type")
        },
        total_nodes=totals["nodes"],
        total_relationships=totals["relationships"],
        recent_load_runs=[
            LoadRun.from_properties(r["properties"])
            for r in rows("admin/recent_load_runs", limit=recent_runs)
        ],
    )


def delete_everything(driver: neo4j.Driver, database: str) -> int:
    """Delete every node and relationship (constraints and indexes stay).

    Parameters
    ----------
    driver
        A connected driver.
    database
        Database name.

    Returns
    -------
    int
        Number of nodes deleted.
    """
    with driver.session(database=database) as session:
        summary = session.run(cypher("admin/delete_all")).consume()
    return summary.counters.nodes_deleted
