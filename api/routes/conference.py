"""Case-conference maps: investigators share them, partners list and open what was shared.

A partner never names a subject. An investigator shares the map around a person or event with
one organisation for one meeting until a date (``POST /sharings``, audited); the partner lists
what is shared with their organisation (``GET /shared``) and opens a map by the sharing's
opaque id. Unknown, revoked, expired and other organisations' sharings are refused with the
same 404 and the same body, and each refusal is written to the audit log.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path
from fastapi.responses import HTMLResponse

from api.deps import DriverDep, TargetDep
from api.models import (
    ConferenceEdge,
    ConferenceMapOut,
    ConferenceNode,
    SharedMapOut,
    ShareMap,
    SharingOut,
)
from api.params import no_unknown_query_parameters
from api.problems import PROBLEM_RESPONSES
from api.security.auth import AuditTrail, audit_trail
from governance.audit import AuditAction
from governance.roles import Capability
from governance.sharing import (
    NotShared,
    list_sharings,
    open_sharing,
    revoke_sharing,
    share_map,
    sharing_status,
    today_utc,
)
from graph_model.nodes import Sharing
from queries.conference import ConferenceMap, shared_map
from queries.people import person_labels
from visualisation.exports import conference_page

__all__ = ["open_shared_map", "router"]

router = APIRouter(
    prefix="/api/v1/case-conference",
    tags=["case conference"],
    responses=PROBLEM_RESPONSES,
    dependencies=[Depends(no_unknown_query_parameters)],
)
SharingPath = Annotated[str, Path(min_length=3, max_length=200)]


def _out(sharing: Sharing) -> SharingOut:
    return SharingOut(
        id=sharing.id,
        subject=sharing.subject,
        meeting=sharing.meeting,
        organisation=sharing.organisation,
        hops=sharing.hops,
        until=sharing.until,
        shared_by=sharing.shared_by,
        shared_at=sharing.shared_at,
        status=sharing_status(sharing, today=today_utc()).value,
        revoked_by=sharing.revoked_by,
        revoked_at=sharing.revoked_at,
    )


def _facts(sharing: Sharing) -> dict[str, object]:
    return {
        "sharing": sharing.id,
        "subject": sharing.subject,
        "meeting": sharing.meeting,
        "organisation": sharing.organisation,
        "until": sharing.until.isoformat(),
    }


def open_shared_map(
    trail: AuditTrail, sharing_id: str, *, extra: dict[str, object] | None = None
) -> tuple[Sharing, ConferenceMap]:
    """Open a map shared with the caller's organisation, logged as a disclosure.

    A refusal is logged too (with its reason, for the police) before the same 404 is raised
    whatever that reason was.

    Raises
    ------
    NotShared
        If the id is unknown, revoked, expired or another organisation's.
    """
    try:
        sharing = open_sharing(
            trail.driver, trail.database, sharing_id, organisation=trail.user.organisation
        )
    except NotShared as refused:
        trail.record(
            [],
            action=AuditAction.DISCLOSURE,
            extra={"refused": refused.reason},
            outcome=f"refused: {refused.reason}",
        )
        raise
    found = shared_map(
        trail.driver,
        trail.database,
        sharing.subject,
        organisation=sharing.organisation,
        salt=sharing.salt,
        hops=sharing.hops,
    )
    trail.record(
        found.people,
        action=AuditAction.DISCLOSURE,
        extra={**_facts(sharing), **(extra or {}), "pseudonym_key": found.key},
    )
    return sharing, found


@router.post("/sharings", response_model=SharingOut, status_code=201)
def share(
    body: ShareMap,
    trail: Annotated[AuditTrail, Depends(audit_trail(Capability.SHARE_MAPS))],
    driver: DriverDep,
    target: TargetDep,
) -> SharingOut:
    """Share the map around a person or event with one organisation for one meeting.

    The justification header is the case reference it is shared under; the sharing is logged
    as a disclosure (who, which subject, meeting, organisation, until when).
    """
    made = share_map(
        driver,
        target.database,
        subject=body.subject,
        meeting=body.meeting,
        organisation=body.organisation,
        until=body.until,
        hops=body.hops,
        shared_by=trail.user.name,
        justification=trail.justification,
    )
    people = [made.sharing.subject] if made.subject_kind == "Person" else []
    trail.record(people, action=AuditAction.DISCLOSURE, extra=_facts(made.sharing))
    return _out(made.sharing)


@router.get("/sharings", response_model=list[SharingOut])
def sharings(
    trail: Annotated[AuditTrail, Depends(audit_trail(Capability.SHARE_MAPS))],
    driver: DriverDep,
    target: TargetDep,
) -> list[SharingOut]:
    """Every sharing, newest first, with its status (active, expired or revoked)."""
    found = list_sharings(driver, target.database)
    subjects = {s.subject for s in found}
    people = person_labels(driver, target.database, subjects) if subjects else {}
    trail.record(sorted(people))
    return [_out(s) for s in found]


@router.post("/sharings/{sharing_id:path}/revoke", response_model=SharingOut)
def revoke(
    sharing_id: SharingPath,
    trail: Annotated[AuditTrail, Depends(audit_trail(Capability.SHARE_MAPS))],
    driver: DriverDep,
    target: TargetDep,
) -> SharingOut:
    """Revoke a sharing at once: its map no longer opens (logged; revoking twice is harmless)."""
    revoked, now = revoke_sharing(
        driver,
        target.database,
        sharing_id,
        revoked_by=trail.user.name,
        justification=trail.justification,
    )
    trail.record(
        [],
        action=AuditAction.ALTERATION,
        extra=_facts(revoked),
        outcome="ok" if now else "already revoked",
    )
    return _out(revoked)


@router.get("/shared", response_model=list[SharedMapOut])
def shared_with_me(
    trail: Annotated[AuditTrail, Depends(audit_trail(Capability.CASE_CONFERENCE))],
    driver: DriverDep,
    target: TargetDep,
) -> list[SharedMapOut]:
    """The maps shared with your organisation that are open today (no subject is shown)."""
    found = list_sharings(
        driver, target.database, organisation=trail.user.organisation, active_on=today_utc()
    )
    trail.record([], extra={"sharings": [s.id for s in found]})
    return [
        SharedMapOut(id=s.id, meeting=s.meeting, until=s.until, shared_by=s.shared_by)
        for s in found
    ]


@router.get("/map/{sharing_id:path}", response_model=ConferenceMapOut)
def relationship_map(
    sharing_id: SharingPath,
    trail: Annotated[AuditTrail, Depends(audit_trail(Capability.CASE_CONFERENCE))],
) -> ConferenceMapOut:
    """The pseudonymised map shared with your organisation under this id.

    People become Person A, B... (drawn afresh for each sharing); events become their kind
    and number; only coded facts and months remain. The key from labels to ids is written to
    the audit log, which stays with the police, and the request is logged as a disclosure.
    """
    sharing, found = open_shared_map(trail, sharing_id)
    return ConferenceMapOut(
        meeting=sharing.meeting,
        truncated=found.truncated,
        nodes=[ConferenceNode(**node) for node in found.nodes],
        edges=[ConferenceEdge(**edge) for edge in found.edges],
    )


@router.get("/export/{sharing_id:path}", response_class=HTMLResponse)
def export_map(
    sharing_id: SharingPath,
    trail: Annotated[AuditTrail, Depends(audit_trail(Capability.CASE_CONFERENCE))],
) -> HTMLResponse:
    """Download the shared map as a standalone page for its meeting (logged as a disclosure).

    The file opens offline; the key from labels to ids goes only into the audit log.
    """
    sharing, found = open_shared_map(trail, sharing_id, extra={"export": True})
    html = conference_page(
        found,
        meeting=sharing.meeting,
        recipients=sharing.organisation,
        generated_by=f"{trail.user.name} ({trail.user.organisation})",
    )
    return HTMLResponse(
        html,
        headers={"Content-Disposition": 'attachment; filename="relationship-map.html"'},
    )
