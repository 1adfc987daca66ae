"""Case-conference relationship maps for partner agencies: pseudonymised, logged as disclosure."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query
from fastapi.responses import HTMLResponse

from api.deps import DriverDep, TargetDep
from api.models import ConferenceEdge, ConferenceMapOut, ConferenceNode
from api.params import no_unknown_query_parameters
from api.problems import PROBLEM_RESPONSES
from api.security.auth import AuditTrail, audit_trail
from governance.audit import AuditAction
from governance.roles import Capability
from queries.conference import case_conference_map
from visualisation.exports import conference_page

router = APIRouter(
    prefix="/api/v1/case-conference",
    tags=["case conference"],
    responses=PROBLEM_RESPONSES,
    dependencies=[Depends(no_unknown_query_parameters)],
)


@router.get("/map/{entity_id:path}", response_model=ConferenceMapOut)
def relationship_map(
    entity_id: Annotated[str, Path(min_length=3, max_length=200)],
    trail: Annotated[AuditTrail, Depends(audit_trail(Capability.CASE_CONFERENCE))],
    driver: DriverDep,
    target: TargetDep,
    hops: Annotated[int, Query(ge=1, le=2)] = 2,
    limit: Annotated[int, Query(ge=1, le=500)] = 200,
) -> ConferenceMapOut:
    """A pseudonymised map around a person or event for a multi-agency case conference.

    People become Person A, B...; events become their kind and number; only coded facts
    remain. The key from labels to ids is written to the audit log, which stays with the
    police, and the request is logged as a disclosure.
    """
    found = case_conference_map(
        driver,
        target.database,
        entity_id,
        hops=hops,
        limit=limit,
        organisation=trail.user.organisation,
    )
    trail.record(found.people, action=AuditAction.DISCLOSURE, extra={"pseudonym_key": found.key})
    return ConferenceMapOut(
        truncated=found.truncated,
        nodes=[ConferenceNode(**node) for node in found.nodes],
        edges=[ConferenceEdge(**edge) for edge in found.edges],
    )


@router.get("/export/{entity_id:path}", response_class=HTMLResponse)
def export_map(
    entity_id: Annotated[str, Path(min_length=3, max_length=200)],
    trail: Annotated[AuditTrail, Depends(audit_trail(Capability.CASE_CONFERENCE))],
    driver: DriverDep,
    target: TargetDep,
    meeting: Annotated[str, Query(min_length=3, max_length=120)],
    recipients: Annotated[str, Query(min_length=3, max_length=200)],
    hops: Annotated[int, Query(ge=1, le=2)] = 2,
) -> HTMLResponse:
    """Download a standalone map for a meeting, logged as a disclosure to its recipients.

    The file opens offline; the key from labels to ids goes only into the audit log.
    """
    found = case_conference_map(
        driver,
        target.database,
        entity_id,
        hops=hops,
        limit=500,
        organisation=trail.user.organisation,
    )
    trail.record(found.people, action=AuditAction.DISCLOSURE, extra={"pseudonym_key": found.key})
    html = conference_page(
        found,
        meeting=meeting,
        recipients=recipients,
        generated_by=f"{trail.user.name} ({trail.user.organisation})",
    )
    return HTMLResponse(
        html,
        headers={"Content-Disposition": 'attachment; filename="relationship-map.html"'},
    )
