"""Small lookups about people used to label analysis output."""

from __future__ import annotations

from collections.abc import Iterable

import neo4j

from graph_model.connection import read
from graph_model.cypher_catalogue import cypher

__all__ = ["person_labels"]


def person_labels(driver: neo4j.Driver, database: str, ids: Iterable[str]) -> dict[str, str]:
    """Person id -> "Name (born YYYY-MM-DD)" for display; unknown ids are left out."""
    records = read(
        driver,
        database,
        cypher("people/names", package="queries"),
        {"ids": sorted(set(ids))},
    )
    labels = {}
    for record in records:
        born = record["date_of_birth"]
        labels[record["id"]] = f"{record['name'] or '(no name)'}" + (
            f" (born {born})" if born else ""
        )
    return labels
