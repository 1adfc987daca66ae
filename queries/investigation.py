"""Investigation queries: ego networks, paths between entities, common associates, timelines.

Every entry point validates its parameters (hop caps, size caps, known relationship types)
before it touches the database, and returns typed results with a ``truncated`` flag where a
cap cut the answer short.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import neo4j

from graph_model.base import from_neo4j
from graph_model.connection import read
from graph_model.cypher_catalogue import cypher
from graph_model.errors import InvalidInput, NotFound
from graph_model.kinds import RelType
from graph_model.registry import SERVICE_RELATIONSHIP_KINDS
from queries.ties import tie_kinds

__all__ = [
    "ENTITY_TIES",
    "MAX_EGO_HOPS",
    "MAX_PATH_HOPS",
    "MAX_ROUTES",
    "Subgraph",
    "common_associates",
    "ego_network",
    "route_of",
    "shortest_paths",
    "timeline",
]

MAX_EGO_HOPS = 3
MAX_PATH_HOPS = 6
MAX_PATHS = 2_000
MAX_ROUTES = 100
# Ties between entities; DESCRIBES leads to raw source records, which are not entities, and the
# service's own ties (a rapid review of a death) lead to no entity either.
_SERVICE_TIES = {kind.spec.type for kind in SERVICE_RELATIONSHIP_KINDS}
ENTITY_TIES = tuple(
    t.value for t in RelType if t is not RelType.DESCRIBES and t not in _SERVICE_TIES
)


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
    ties: Iterable[str] | None = None,
    limit: int = 500,
    date_from: date | None = None,
    date_to: date | None = None,
) -> Subgraph:
    """The neighbourhood of a person, place or event, ``hops`` ties out.

    Parameters
    ----------
    hops
        Ties out from the centre, 1-3.
    types
        Relationship types to follow (default: every tie between entities).
    ties
        Kinds of person-to-person tie (``AssociationKind`` values) to follow, e.g.
        ``["associate"]`` for POLE's KNOWS only; other relationship types are unaffected.
        Default: every kind.
    limit
        Paths to keep; ``truncated`` says when more existed.
    date_from, date_to
        Keep only paths whose events happened, and whose dated ties held, within the range.

    Raises
    ------
    InvalidInput
        Hops outside 1-3, a limit outside 1-2000, an unknown relationship type or kind of
        tie, or an empty date range.
    NotFound
        If no entity has that id.
    """
    if not 1 <= hops <= MAX_EGO_HOPS:
        raise InvalidInput(f"hops must be between 1 and {MAX_EGO_HOPS}, not {hops}.")
    if not 1 <= limit <= MAX_PATHS:
        raise InvalidInput(f"limit must be between 1 and {MAX_PATHS}, not {limit}.")
    allowed = sorted(set(types) if types else set(ENTITY_TIES))
    unknown = [t for t in allowed if t not in ENTITY_TIES]
    if unknown:
        raise InvalidInput(
            f"unknown relationship type {unknown[0]!r}.", hint=f"Use one of {list(ENTITY_TIES)}."
        )
    kinds = tie_kinds(ties)
    if date_from and date_to and date_from > date_to:
        raise InvalidInput(f"the date range is empty: {date_from} is after {date_to}.")
    centre = _describe(driver, database, [entity])
    if not centre:
        raise NotFound(f"No person, place or event with id {entity!r}.")
    rows = _read(
        driver,
        database,
        f"investigation/ego_{hops}",
        id=entity,
        types=allowed,
        ties=kinds,
        limit=limit,
        date_from=date_from,
        date_to=date_to,
    )
    edges = [
        {
            "source": r["source"],
            "target": r["target"],
            "type": r["type"],
            "role": r["role"],
            "kind": r["kind"],
            "since": from_neo4j(r["since"]),
            "until": from_neo4j(r["until"]),
        }
        for r in rows
    ]
    nodes = _describe(
        driver, database, [entity, *(e["source"] for e in edges), *(e["target"] for e in edges)]
    )
    return Subgraph(entity, nodes, edges, truncated=bool(rows) and rows[0]["truncated"])


def shortest_paths(
    driver: neo4j.Driver,
    database: str,
    a: str,
    b: str,
    *,
    max_hops: int = 4,
    ties: Iterable[str] | None = None,
    limit: int = 20,
) -> dict[str, Any]:
    """The routes of all shortest paths between two entities, at most ``max_hops`` ties long.

    Parallel ties (two people who are both family and associates) make one route, not one
    path per combination: each route is its entities in order, and each hop names every
    kind of tie between its two ends that a shortest path uses (``family``, ``associate``...
    for ties between people, the relationship type, e.g. ``PARTY_TO``, for the others).

    Parameters
    ----------
    max_hops
        The longest path to look for, 1-6.
    ties
        Follow only person-to-person ties of these kinds (``AssociationKind`` values); POLE's
        "all types of KNOWS" is every kind. Default: ties of any type between entities.
    limit
        Routes to return, 1-100; ``truncated`` says when more existed.

    Returns
    -------
    dict
        ``routes``: each with ``nodes``, ``hops`` (``source``, ``target``, ``ties``) and
        ``length``, in order of their entity ids; ``truncated``.

    Raises
    ------
    InvalidInput
        For max_hops outside 1-6, a limit outside 1-100, an unknown kind of tie, or the same
        entity twice.
    NotFound
        If either entity does not exist.
    """
    if not 1 <= max_hops <= MAX_PATH_HOPS:
        raise InvalidInput(f"max_hops must be between 1 and {MAX_PATH_HOPS}, not {max_hops}.")
    if not 1 <= limit <= MAX_ROUTES:
        raise InvalidInput(f"limit must be between 1 and {MAX_ROUTES}, not {limit}.")
    kinds = tie_kinds(ties)
    if a == b:
        raise InvalidInput("give two different entities.")
    known = {row["id"] for row in _describe(driver, database, [a, b])}
    missing = [x for x in (a, b) if x not in known]
    if missing:
        raise NotFound(f"No person, place or event with id {missing[0]!r}.")
    name = "investigation/shortest_paths_ties" if kinds else "investigation/shortest_paths"
    rows = _read(driver, database, name, a=a, b=b, max_hops=max_hops, ties=kinds, limit=limit)
    return {
        "routes": [route_of(r["route"], r["variants"]) for r in rows[:limit]],
        "truncated": len(rows) > limit,
    }


def _tie_name(rel_type: str, kind: str | None) -> str:
    """A person-to-person tie by its kind (``family``); any other by its type (``PARTY_TO``)."""
    return kind if rel_type == RelType.ASSOCIATED_WITH and kind else rel_type


def route_of(nodes: list[str], variants: list[list[list[str | None]]]) -> dict[str, Any]:
    """One route: its entities, and per hop every kind of tie the parallel paths use.

    Parameters
    ----------
    nodes
        The entity ids along the route.
    variants
        For each path along the route, its ties as ``[type, kind]`` per hop.

    Examples
    --------
    >>> route_of(
    ...     ["a", "b", "c"],
    ...     [
    ...         [["ASSOCIATED_WITH", "family"], ["PARTY_TO", None]],
    ...         [["ASSOCIATED_WITH", "associate"], ["PARTY_TO", None]],
    ...     ],
    ... )["hops"]  # doctest: +NORMALIZE_WHITESPACE
    [{'source': 'a', 'target': 'b', 'ties': ['associate', 'family']},
     {'source': 'b', 'target': 'c', 'ties': ['PARTY_TO']}]
    """
    hops = [
        {
            "source": nodes[i],
            "target": nodes[i + 1],
            "ties": sorted({_tie_name(*variant[i]) for variant in variants}),
        }
        for i in range(len(nodes) - 1)
    ]
    return {"nodes": nodes, "hops": hops, "length": len(hops)}


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

    Each event has its ``date`` and, where the source recorded the time of day, ``at`` (local
    UK time); within a day, timed events come first, in time order.

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
            "at": from_neo4j(r["at"]),
            "event": r["event"],
            "kind": r["kind"],
            "what": r["what"],
            "role": r["role"],
        }
        for r in rows
    ]
