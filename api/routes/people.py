"""People search and profiles, deaths and incidents: personal data, always audited."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Response

from api.deps import DriverDep, TargetDep
from api.models import EventPage, EventSummary, PersonProfile, PersonSearch, PersonSummary
from api.params import IsoDate, no_unknown_query_parameters
from api.problems import PROBLEM_RESPONSES
from api.security.auth import AuditTrail, audit_trail
from governance.roles import Capability, allowed
from queries.documents.investigation import TimelineDocument, timeline_document
from queries.events import EventKind, list_events
from queries.investigation import MAX_PATHS, timeline
from queries.people import person_profile, resolve_person, search_people

router = APIRouter(
    prefix="/api/v1",
    tags=["people and events"],
    responses=PROBLEM_RESPONSES,
    dependencies=[Depends(no_unknown_query_parameters)],
)

EntityId = Annotated[str, Path(min_length=3, max_length=200, description="An entity id.")]


@router.get("/people", response_model=PersonSearch)
def people_search(
    trail: Annotated[AuditTrail, Depends(audit_trail(Capability.SEARCH_PEOPLE))],
    driver: DriverDep,
    target: TargetDep,
    name: Annotated[str | None, Query(max_length=100, description="Fuzzy; aliases too.")] = None,
    date_of_birth: IsoDate | None = None,
    identifier: Annotated[
        str | None, Query(max_length=40, description="NHS number, PNC id, recorded id.")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> PersonSearch:
    """Find people by name (misspellings and aliases allowed), identifier or date of birth."""
    matched_on, people = search_people(
        driver,
        target.database,
        name=name,
        date_of_birth=date_of_birth,
        identifier=identifier,
        limit=limit,
    )
    trail.record([p["id"] for p in people])
    return PersonSearch(matched_on=matched_on, people=[PersonSummary(**p) for p in people])


@router.get("/people/{person_id:path}/timeline", response_model=TimelineDocument)
def person_timeline(
    person_id: EntityId,
    trail: Annotated[AuditTrail, Depends(audit_trail(Capability.VIEW_PROFILE))],
    driver: DriverDep,
    target: TargetDep,
    response: Response,
    limit: Annotated[int, Query(ge=1, le=MAX_PATHS)] = 500,
) -> TimelineDocument:
    """A person's incidents, deaths and partner contacts in date order.

    An id merged into another person's answers with the survivor's timeline, and the
    ``Content-Location`` header names the survivor.
    """
    identity = resolve_person(driver, target.database, person_id)
    document = timeline_document(
        identity.id, timeline(driver, target.database, identity.id, limit=limit)
    )
    trail.record([identity.id])
    if identity.moved_from:
        response.headers["Content-Location"] = f"/api/v1/people/{identity.id}/timeline"
    return document


@router.get("/people/{person_id:path}", response_model=PersonProfile)
def person(
    person_id: EntityId,
    trail: Annotated[AuditTrail, Depends(audit_trail(Capability.VIEW_PROFILE))],
    driver: DriverDep,
    target: TargetDep,
    response: Response,
) -> PersonProfile:
    """A person's identity, the source records behind it, their roles and ties.

    Identifiers (NHS number, PNC id, those kept as recorded) are shown to roles with
    ``view_identifiers``, and withheld (``identifiers_withheld``) from others.

    An id that a merge made an alias answers with the surviving person, ``moved_from``
    set and the survivor's URL in ``Content-Location``. The audit entry names the person and
    everyone in their ties: the profile shows them all.
    """
    identity = resolve_person(driver, target.database, person_id)
    profile = PersonProfile(
        **person_profile(
            driver,
            target.database,
            identity.id,
            identifiers=allowed(trail.user.role, Capability.VIEW_IDENTIFIERS),
        ),
        moved_from=identity.moved_from,
    )
    trail.record([profile.id, *(tie.person for tie in profile.ties)])
    if identity.moved_from:
        response.headers["Content-Location"] = f"/api/v1/people/{identity.id}"
    return profile


def _events(
    kind: EventKind,
    trail: AuditTrail,
    driver: DriverDep,
    target: TargetDep,
    date_from: date | None,
    date_to: date | None,
    category: str | None,
    after: str | None,
    limit: int,
) -> EventPage:
    items, cursor = list_events(
        driver,
        target.database,
        kind,
        date_from=date_from,
        date_to=date_to,
        category=category,
        after=after,
        limit=limit,
    )
    trail.record([p for item in items for p in item["people"]])
    return EventPage(items=[EventSummary(**item) for item in items], next=cursor)


@router.get("/deaths", response_model=EventPage)
def deaths(
    trail: Annotated[AuditTrail, Depends(audit_trail(Capability.VIEW_EVENTS))],
    driver: DriverDep,
    target: TargetDep,
    date_from: Annotated[IsoDate | None, Query(alias="from")] = None,
    date_to: Annotated[IsoDate | None, Query(alias="to")] = None,
    classification: Annotated[str | None, Query(max_length=40)] = None,
    after: Annotated[str | None, Query(max_length=240, description="`next` of a page.")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
) -> EventPage:
    """Death reports in date order, a page at a time."""
    return _events(
        EventKind.DEATHS, trail, driver, target, date_from, date_to, classification, after, limit
    )


@router.get("/incidents", response_model=EventPage)
def incidents(
    trail: Annotated[AuditTrail, Depends(audit_trail(Capability.VIEW_EVENTS))],
    driver: DriverDep,
    target: TargetDep,
    date_from: Annotated[IsoDate | None, Query(alias="from")] = None,
    date_to: Annotated[IsoDate | None, Query(alias="to")] = None,
    offence: Annotated[str | None, Query(max_length=40)] = None,
    after: Annotated[str | None, Query(max_length=240, description="`next` of a page.")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
) -> EventPage:
    """Incidents in date order, a page at a time."""
    return _events(
        EventKind.INCIDENTS, trail, driver, target, date_from, date_to, offence, after, limit
    )
