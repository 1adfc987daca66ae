"""Ego networks, paths and common associates: the investigators' connection queries."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query

from api.deps import DriverDep, TargetDep
from api.params import IsoDate, TieKinds, no_unknown_query_parameters
from api.problems import PROBLEM_RESPONSES
from api.security.auth import AuditTrail, audit_trail
from governance.roles import Capability
from queries.documents.investigation import (
    CommonAssociatesDocument,
    EgoDocument,
    PathsDocument,
    common_associates_document,
    ego_document,
    paths_document,
)
from queries.investigation import (
    MAX_EGO_HOPS,
    MAX_PATH_HOPS,
    MAX_PATHS,
    MAX_ROUTES,
    common_associates,
    ego_network,
    shortest_paths,
)
from queries.people import resolve_person

router = APIRouter(
    prefix="/api/v1/network",
    tags=["network"],
    responses=PROBLEM_RESPONSES,
    dependencies=[Depends(no_unknown_query_parameters)],
)

EntityQuery = Annotated[str, Query(min_length=3, max_length=200, description="An entity id.")]
Explore = Annotated[AuditTrail, Depends(audit_trail(Capability.EXPLORE_NETWORK))]


@router.get("/ego/{entity_id:path}", response_model=EgoDocument)
def ego(
    entity_id: Annotated[str, Path(min_length=3, max_length=200)],
    trail: Explore,
    driver: DriverDep,
    target: TargetDep,
    hops: Annotated[int, Query(ge=1, le=MAX_EGO_HOPS)] = 1,
    types: Annotated[list[str] | None, Query(alias="type", max_length=20)] = None,
    ties: TieKinds = None,
    date_from: Annotated[IsoDate | None, Query(alias="from")] = None,
    date_to: Annotated[IsoDate | None, Query(alias="to")] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_PATHS, description="Paths to keep.")] = 500,
) -> EgoDocument:
    """The neighbourhood of a person, place or event (a place's gives everyone linked to it).

    A person id merged into another person's gives the survivor's neighbourhood.
    """
    document = ego_document(
        ego_network(
            driver,
            target.database,
            resolve_person(driver, target.database, entity_id).id,
            hops=hops,
            types=types,
            ties=ties,
            limit=limit,
            date_from=date_from,
            date_to=date_to,
        )
    )
    trail.record_document(document)
    return document


@router.get("/paths", response_model=PathsDocument)
def paths(
    a: EntityQuery,
    b: EntityQuery,
    trail: Explore,
    driver: DriverDep,
    target: TargetDep,
    max_hops: Annotated[int, Query(ge=1, le=MAX_PATH_HOPS)] = 4,
    ties: TieKinds = None,
    limit: Annotated[int, Query(ge=1, le=MAX_ROUTES, description="Routes to keep.")] = 20,
) -> PathsDocument:
    """The routes of all shortest paths between two entities, at most ``max_hops`` ties long.

    Parallel ties make one route; each hop names its kinds of tie. With ``tie``, only
    person-to-person ties of those kinds are followed.
    """
    found = shortest_paths(driver, target.database, a, b, max_hops=max_hops, ties=ties, limit=limit)
    document = paths_document(a, b, max_hops, found, ties=ties)
    trail.record_document(document)
    return document


@router.get("/common", response_model=CommonAssociatesDocument)
def common(
    a: EntityQuery, b: EntityQuery, trail: Explore, driver: DriverDep, target: TargetDep
) -> CommonAssociatesDocument:
    """People tied to both of two people, with the kinds of tie."""
    document = common_associates_document(a, b, common_associates(driver, target.database, a, b))
    trail.record_document(document)
    return document
