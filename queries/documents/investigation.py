"""The documents of the investigation queries: ego network, paths, common associates, timeline."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import Field

from queries.documents.base import LocalDateTime, Part
from queries.investigation import Subgraph

__all__ = [
    "CommonAssociatesDocument",
    "EgoDocument",
    "PathsDocument",
    "TimelineDocument",
    "common_associates_document",
    "ego_document",
    "paths_document",
    "timeline_document",
]


class EntityOut(Part):
    """The display fields of an entity: never the whole record."""

    id: str
    kind: str = Field(description="Person, Death, Incident, Place, Object, PartnerContact...")
    label: str
    date: dt.date | None = Field(description="Event date, or date of birth for people.")


class EdgeOut(Part):
    """A relationship between two entities, with its kind and dates where recorded."""

    source: str
    target: str
    type: str
    role: str | None
    kind: str | None
    since: dt.date | None = None
    until: dt.date | None = None


class EgoDocument(Part):
    """The neighbourhood of an entity, capped in size."""

    centre: str
    truncated: bool = Field(description="True when the cap cut the neighbourhood short.")
    nodes: list[EntityOut]
    edges: list[EdgeOut]


class HopOut(Part):
    """One hop of a route, and every kind of tie between its ends that a shortest path uses."""

    source: str
    target: str
    ties: list[str] = Field(
        description="Kinds of person-to-person tie (family, associate...), or the "
        "relationship type of other ties (PARTY_TO...)."
    )


class RouteOut(Part):
    """One route of the shortest paths: the entity ids along it, and its hops."""

    nodes: list[str]
    hops: list[HopOut]
    length: int


class PathsDocument(Part):
    """The routes of all shortest paths between two entities (up to the limit)."""

    a: str
    b: str
    max_hops: int
    ties: list[str] | None = Field(
        description="The kinds of tie followed, or null for ties of any type."
    )
    routes: list[RouteOut] = Field(description="Parallel ties make one route, not several.")
    truncated: bool = Field(description="True when more routes existed than the limit.")


class CommonAssociate(Part):
    """A person tied to both, and the kinds of each tie."""

    person: str
    tie_to_a: list[str]
    tie_to_b: list[str]


class CommonAssociatesDocument(Part):
    """People tied to both of two people."""

    a: str
    b: str
    associates: list[CommonAssociate]


class TimelineEvent(Part):
    """One event in a person's history."""

    date: dt.date
    at: LocalDateTime | None = Field(
        None, description="Date and time (local UK time), when the source recorded one."
    )
    event: str
    kind: str = Field(description="incident, death, or the agency of a partner contact.")
    what: str | None
    role: str | None


class TimelineDocument(Part):
    """A person's incidents, deaths and partner contacts in date order."""

    person: str
    events: list[TimelineEvent]


def ego_document(graph: Subgraph) -> EgoDocument:
    """An ego network as a document."""
    return EgoDocument(
        centre=graph.centre,
        truncated=graph.truncated,
        nodes=[EntityOut(**node) for node in graph.nodes],
        edges=[EdgeOut(**edge) for edge in graph.edges],
    )


def paths_document(
    a: str, b: str, max_hops: int, found: Mapping[str, Any], *, ties: Sequence[str] | None = None
) -> PathsDocument:
    """The routes of :func:`queries.investigation.shortest_paths` as a document."""
    return PathsDocument(
        a=a,
        b=b,
        max_hops=max_hops,
        ties=sorted(set(ties)) if ties else None,
        routes=[RouteOut(**route) for route in found["routes"]],
        truncated=found["truncated"],
    )


def common_associates_document(
    a: str, b: str, rows: Sequence[Mapping[str, Any]]
) -> CommonAssociatesDocument:
    """Common associates as a document."""
    return CommonAssociatesDocument(a=a, b=b, associates=[CommonAssociate(**r) for r in rows])


def timeline_document(person: str, rows: Sequence[Mapping[str, Any]]) -> TimelineDocument:
    """A timeline as a document."""
    return TimelineDocument(person=person, events=[TimelineEvent(**r) for r in rows])
