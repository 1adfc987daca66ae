"""Investigation queries: ego networks, paths between entities, common associates, timelines.

Every entry point validates its parameters (hop caps, size caps, known relationship types)
before it touches the database, and returns typed results with a ``truncated`` flag where a
cap cut the answer short.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import neo4j

from graph_model.base import from_neo4j
from graph_model.connection import read
from graph_model.cypher_catalogue import cypher
from graph_model.errors import InvalidInput, NotFound
from graph_model.kinds import RelType

__all__ = [
    "MAX_EGO_HOPS",
    "MAX_PATH_HOPS",
    "Subgraph",
    "common_associates",
    "ego_network",
    "shortest_paths",
    "timeline",
]

MAX_EGO_HOPS = 3
MAX_PATH_HOPS = 6
MAX_PATHS = 2_000


@dataclass
class Subgraph:
    """Nodes (display fields only) and relationships around an entity."""

    centre: str
    nodes: list[dict[str, Any]] = field(default_factory=list)
    edges: list[dict[str, Any]] = field(default_factory=list)
    truncated: bool = False


def _read(driver: neo4j.Driver, database: str, name: str, **parameters: Any) -> list[neo4j.Record]:
    return read(driver, database, cypher(name, package="queries"), parameters)


def _describe(driver: neo4j.Driver, database: str, ids: Iterable[str]) -> list[dict[str, Any]]:
    rows = _read(driver, database, "investigation/describe", ids=sorted(set(ids)))
    return [
        {"id": r["id"], "kind": r["kind"], "label": r["label"], "date": from_neo4j(r["date"])}
        for r in rows
    ]


def ego_network(
    driver: neo4j.Driver,
    database: str,
    entity: str,
    *,
    hops: int = 1,
    types: Iterable[RelType | str] | None = None,
    limit: int = 500,
) -> Subgraph:
    """The neighbourhood of a person, place or event, ``hops`` ties out.

    Raises
    ------
    InvalidInput
        Hops outside 1-3, a limit outside 1-2000, or an unknown relationship type.
    NotFound
        If no entity has that id.
    """
    if not 1 <= hops <= MAX_EGO_HOPS:
        raise InvalidInput(f"hops must be between 1 and {MAX_EGO_HOPS}, not {hops}.")
    if not 1 <= limit <= MAX_PATHS:
        raise InvalidInput(f"limit must be between 1 and {MAX_PATHS}, not {limit}.")
    try:
        allowed = sorted({RelType(t).value for t in types} if types else {t.value for t in RelType})
    except ValueError as error:
        raise InvalidInput(
            f"unknown relationship type: {error}.", hint=f"Use {[t.value for t in RelType]}."
        ) from None
    centre = _describe(driver, database, [entity])
    if not centre:
        raise NotFound(f"No person, place or event with id {entity!r}.")
    rows = _read(
        driver, database, f"investigation/ego_{hops}", id=entity, types=allowed, limit=limit
    )
    edges = [
        {
            "source": r["source"],
            "target": r["target"],
            "type": r["type"],
            "role": r["role"],
            "kind": r["kind"],
        }
        for r in rows
    ]
    nodes = _describe(
        driver, database, [entity, *(e["source"] for e in edges), *(e["target"] for e in edges)]
    )
    return Subgraph(entity, nodes, edges, truncated=bool(rows) and rows[0]["truncated"])


def shortest_paths(
    driver: neo4j.Driver, database: str, a: str, b: str, *, max_hops: int = 4, limit: int = 20
) -> list[dict[str, Any]]:
    """All shortest paths between two entities, at most ``max_hops`` ties long.

    Raises
    ------
    InvalidInput
        For max_hops outside 1-6, a limit outside 1-100, or the same entity twice.
    NotFound
        If either entity does not exist.
    """
    if not 1 <= max_hops <= MAX_PATH_HOPS:
        raise InvalidInput(f"max_hops must be between 1 and {MAX_PATH_HOPS}, not {max_hops}.")
    if not 1 <= limit <= 100:
        raise InvalidInput(f"limit must be between 1 and 100, not {limit}.")
    if a == b:
        raise InvalidInput("give two different entities.")
    known = {row["id"] for row in _describe(driver, database, [a, b])}
    missing = [x for x in (a, b) if x not in known]
    if missing:
        raise NotFound(f"No person, place or event with id {missing[0]!r}.")
    rows = _read(
        driver, database, "investigation/shortest_paths", a=a, b=b, max_hops=max_hops, limit=limit
    )
    return [{"nodes": r["nodes"], "types": r["types"], "length": len(r["types"])} for r in rows]


def common_associates(driver: neo4j.Driver, database: str, a: str, b: str) -> list[dict[str, Any]]:
    """People tied to both ``a`` and ``b``, with the kinds of tie."""
    rows = _read(driver, database, "investigation/common_associates", a=a, b=b)
    return [
        {"person": r["person"], "tie_to_a": r["tie_to_a"], "tie_to_b": r["tie_to_b"]} for r in rows
    ]


def timeline(
    driver: neo4j.Driver, database: str, person: str, *, limit: int = 500
) -> list[dict[str, Any]]:
    """A person's incidents, deaths and partner contacts in date order.

    Raises
    ------
    InvalidInput
        For a limit outside 1-2000.
    """
    if not 1 <= limit <= MAX_PATHS:
        raise InvalidInput(f"limit must be between 1 and {MAX_PATHS}, not {limit}.")
    rows = _read(driver, database, "investigation/timeline", id=person, limit=limit)
    return [
        {
            "date": from_neo4j(r["date"]),
            "event": r["event"],
            "kind": r["kind"],
            "what": r["what"],
            "role": r["role"],
        }
        for r in rows
    ]
