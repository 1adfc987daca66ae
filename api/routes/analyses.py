"""The analyses of #5 over HTTP: each result with its evidence, each request audited."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query

from api.deps import DriverDep, TargetDep
from api.params import IsoDate, TieKinds, no_unknown_query_parameters
from api.problems import PROBLEM_RESPONSES
from api.security.auth import AuditTrail, audit_trail
from governance.roles import Capability
from queries.documents.exposure import ExposureDocument, exposure_document
from queries.documents.networks import (
    DangerousFamilyDocument,
    FamilyFriendsDocument,
    NetworksDocument,
    TrianglesDocument,
    dangerous_family_document,
    family_friends_document,
    networks_document,
    triangles_document,
)
from queries.documents.precursors import (
    AtRiskDyadsDocument,
    PrecursorDocument,
    at_risk_document,
    precursor_document,
)
from queries.documents.series import SeriesDocument, series_document
from queries.exposure.analysis import rank_exposure
from queries.networks.analysis import (
    analyse_networks,
    association_triangles,
    dangerous_family_associates,
    dangerous_family_friends,
    vulnerable_people,
)
from queries.people import person_labels
from queries.precursors.analysis import at_risk_dyads, precursor_path
from queries.series.analysis import find_series

router = APIRouter(
    prefix="/api/v1/analyses",
    tags=["analyses"],
    responses=PROBLEM_RESPONSES,
    dependencies=[Depends(no_unknown_query_parameters)],
)

Analyse = Annotated[AuditTrail, Depends(audit_trail(Capability.RUN_ANALYSES))]
DateFrom = Annotated[IsoDate | None, Query(alias="from")]
DateTo = Annotated[IsoDate | None, Query(alias="to")]
Limit = Annotated[int, Query(ge=1, le=200)]


@router.get("/series", response_model=SeriesDocument)
def series(
    trail: Analyse,
    driver: DriverDep,
    target: TargetDep,
    threshold: Annotated[float | None, Query(ge=0.01, le=0.99)] = None,
    date_from: DateFrom = None,
    date_to: DateTo = None,
    hops: Annotated[int, Query(ge=1, le=4)] = 3,
    limit: Limit = 20,
    as_of: Annotated[IsoDate | None, Query()] = None,
    near: Annotated[int, Query(ge=0, le=100)] = 10,
) -> SeriesDocument:
    """Candidate linked series of deaths, each link with its features and evidence.

    ``as_of`` replays the analysis with only what was recorded by that date; the strongest
    pairs below the threshold come back as ``near_threshold``.
    """
    analysis = find_series(
        driver,
        target.database,
        threshold=threshold,
        hops=hops,
        date_from=date_from,
        date_to=date_to,
        as_of=as_of,
        near=near,
    )
    document = series_document(analysis, limit=limit)
    trail.record_document(document)
    return document


@router.get("/exposure", response_model=ExposureDocument)
def exposure(
    trail: Analyse,
    driver: DriverDep,
    target: TargetDep,
    as_of: IsoDate,
    hops: Annotated[int, Query(ge=0, le=4)] = 3,
    half_life_days: Annotated[float, Query(ge=1, le=3650)] = 180.0,
    limit: Limit = 20,
) -> ExposureDocument:
    """People most exposed to earlier serious violence, with the paths that expose them."""
    analysis = rank_exposure(
        driver, target.database, as_of=as_of, max_hops=hops, half_life_days=half_life_days
    )
    names = person_labels(driver, target.database, (e.person for e in analysis.ranking[:limit]))
    document = exposure_document(
        analysis, hops=hops, half_life_days=half_life_days, limit=limit, names=names
    )
    trail.record_document(document)
    return document


@router.get("/networks", response_model=NetworksDocument)
def networks(
    trail: Analyse,
    driver: DriverDep,
    target: TargetDep,
    date_from: Annotated[IsoDate, Query(alias="from")],
    date_to: Annotated[IsoDate, Query(alias="to")],
    minimum: Annotated[int, Query(ge=2, le=50)] = 3,
    limit: Limit = 20,
    ties: TieKinds = None,
) -> NetworksDocument:
    """Repeat victims and perpetrators, communities, vulnerable people.

    ``tie`` keeps only those kinds of tie (``tie=associate`` is POLE's KNOWS).
    """
    result = analyse_networks(
        driver, target.database, date_from=date_from, date_to=date_to, minimum=minimum, ties=ties
    )
    vulnerable = vulnerable_people(driver, target.database, ties=ties, limit=limit)
    document = networks_document(
        result, vulnerable, date_from=date_from, date_to=date_to, limit=limit, ties=ties
    )
    trail.record_document(document)
    return document


@router.get("/family", response_model=DangerousFamilyDocument)
def family(
    trail: Analyse,
    driver: DriverDep,
    target: TargetDep,
    person: Annotated[str | None, Query(min_length=3, max_length=200)] = None,
    date_from: DateFrom = None,
    date_to: DateTo = None,
    limit: Limit = 20,
) -> DangerousFamilyDocument:
    """Dangerous family associates: relatives and household party to violent crime."""
    rows = dangerous_family_associates(
        driver, target.database, person=person, date_from=date_from, date_to=date_to, limit=limit
    )
    document = dangerous_family_document(rows, date_from=date_from, date_to=date_to)
    trail.record_document(document)
    return document


@router.get("/family-friends", response_model=FamilyFriendsDocument)
def family_friends(
    trail: Analyse,
    driver: DriverDep,
    target: TargetDep,
    person: Annotated[str | None, Query(min_length=3, max_length=200)] = None,
    family_ties: Annotated[
        list[str] | None,
        Query(alias="family_tie", max_length=8, description="Default: family and household."),
    ] = None,
    friend_ties: Annotated[
        list[str] | None,
        Query(alias="friend_tie", max_length=8, description="Default: any kind."),
    ] = None,
    living_together: bool = False,
    limit: Limit = 20,
) -> FamilyFriendsDocument:
    """Dangerous family friends: a relative's friends party to crime (POLE's pattern).

    The person and the relative are party to no crime. POLE's query is
    ``family_tie=family&friend_tie=associate``.
    """
    rows = dangerous_family_friends(
        driver,
        target.database,
        person=person,
        family_ties=family_ties,
        friend_ties=friend_ties,
        living_together=living_together,
        limit=limit,
    )
    document = family_friends_document(
        rows, family_ties=family_ties, friend_ties=friend_ties, living_together=living_together
    )
    trail.record_document(document)
    return document


@router.get("/triangles", response_model=TrianglesDocument)
def triangles(
    trail: Analyse,
    driver: DriverDep,
    target: TargetDep,
    as_of: IsoDate | None = None,
    minimum_involved: Annotated[int, Query(ge=0, le=3)] = 2,
    limit: Limit = 20,
    ties: TieKinds = None,
) -> TrianglesDocument:
    """Triangles of associates, most criminally involved first, and the people in most.

    ``tie`` keeps only those kinds of tie (``tie=associate`` is POLE's KNOWS).
    """
    analysis = association_triangles(
        driver,
        target.database,
        as_of=as_of,
        minimum_involved=minimum_involved,
        ties=ties,
        limit=limit,
    )
    document = triangles_document(analysis, as_of=as_of, ties=ties)
    trail.record_document(document)
    return document


@router.get("/precursors/{event_id:path}", response_model=PrecursorDocument)
def precursors(
    event_id: Annotated[str, Path(min_length=3, max_length=200)],
    trail: Analyse,
    driver: DriverDep,
    target: TargetDep,
    months: Annotated[int, Query(ge=1, le=120)] = 24,
) -> PrecursorDocument:
    """The earlier incidents, partner contacts and death reports of an event's people."""
    document = precursor_document(precursor_path(driver, target.database, event_id, months=months))
    trail.record_document(document)
    return document


@router.get("/at-risk-dyads", response_model=AtRiskDyadsDocument)
def at_risk(
    trail: Analyse, driver: DriverDep, target: TargetDep, as_of: IsoDate, limit: Limit = 20
) -> AtRiskDyadsDocument:
    """Live domestic-abuse dyads whose recent incidents follow the homicide timeline."""
    document = at_risk_document(
        at_risk_dyads(driver, target.database, as_of=as_of)[:limit], as_of=as_of
    )
    trail.record_document(document)
    return document
