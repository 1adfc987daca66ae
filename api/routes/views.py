"""Interactive views served to signed-in users: same roles and audit as the JSON API.

``/viewer/login`` exchanges an API key and a case reference for a session cookie; the view
pages under ``/api/v1/views`` then open in a browser, and expand entities by fetching
``/api/v1/views/expand/{id}`` from the same origin.
"""

from __future__ import annotations

import secrets
import time
from typing import Annotated

import jwt
from fastapi import APIRouter, Depends, Header, Path, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from api.deps import DriverDep, TargetDep
from api.params import IsoDate, no_unknown_query_parameters
from api.problems import PROBLEM_RESPONSES
from api.routes.conference import open_shared_map
from api.security.auth import AuditTrail, audit_trail, authenticated, checked_justification
from api.security.sessions import COOKIE
from governance.keys import key_id_of
from governance.roles import Capability
from governance.users import ApiUser
from graph_model.errors import NotFound
from queries.documents.exposure import exposure_document
from queries.documents.investigation import ego_document
from queries.documents.precursors import precursor_document
from queries.documents.series import series_document
from queries.exposure.analysis import rank_exposure
from queries.investigation import MAX_EGO_HOPS, ego_network
from queries.people import person_labels
from queries.precursors.analysis import precursor_path
from queries.series.analysis import find_series
from visualisation.builders import (
    conference_view,
    ego_view,
    exposure_view,
    precursor_view,
    series_view,
)
from visualisation.login import login_page
from visualisation.render import page_policy, render_html, vis_data
from visualisation.view import GraphView, limit_size

router = APIRouter(
    prefix="/api/v1",
    tags=["views"],
    responses=PROBLEM_RESPONSES,
    dependencies=[Depends(no_unknown_query_parameters)],
)
login_router = APIRouter(tags=["views"])

#: Above this many entities a view groups the rest (bench/viewer.py measured the cost).
MAX_VIEW_NODES = 500
EXPAND_URL = "/api/v1/views/expand/{id}"
EntityPath = Annotated[str, Path(min_length=3, max_length=200)]


def _page(view: GraphView, user: ApiUser, *, expandable: bool = True) -> HTMLResponse:
    nonce = secrets.token_urlsafe(16)
    html = render_html(
        limit_size(view, MAX_VIEW_NODES),
        expand_url=EXPAND_URL if expandable else None,
        generated_by=f"{user.name} ({user.role.value})",
        nonce=nonce,
    )
    return HTMLResponse(html, headers={"Content-Security-Policy": page_policy(nonce)})


@login_router.get("/viewer/login", response_class=HTMLResponse, include_in_schema=False)
def viewer_login() -> HTMLResponse:
    """The viewer's sign-in page (API key and case reference)."""
    nonce = secrets.token_urlsafe(16)
    return HTMLResponse(login_page(nonce), headers={"Content-Security-Policy": page_policy(nonce)})


@router.post("/session", status_code=204, response_class=Response)
def open_session(
    request: Request,
    user: Annotated[ApiUser, Depends(authenticated)],
    justification: Annotated[str | None, Header(alias="X-Justification")] = None,
) -> Response:
    """Exchange the API key and a case reference for a viewer session cookie (8 hours).

    The cookie opens the view pages and the data they fetch (``/api/v1/views/...``), not the
    other JSON routes; it stops working when the key is revoked or rotated (within the key
    cache's time), or when a bearer token it was opened with expires.
    """
    reason = checked_justification(justification)
    key = request.headers.get("X-API-Key")
    token = request.app.state.sessions.open(
        user,
        reason,
        key_id=key_id_of(key) if key else None,
        at_most_seconds=None if key else _bearer_seconds_left(request),
    )
    response = Response(status_code=204)
    response.set_cookie(
        COOKIE,
        token,
        max_age=int(request.app.state.sessions.lifetime_seconds),
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
        path="/",
    )
    return response


def _bearer_seconds_left(request: Request) -> float:
    """Seconds until the (already verified) bearer token of this request expires."""
    token = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
    expires = jwt.decode(token, options={"verify_signature": False}).get("exp", 0)
    return max(1.0, float(expires) - time.time())


@router.delete("/session", status_code=204, response_class=Response)
def close_session(request: Request) -> Response:
    """End the viewer session."""
    request.app.state.sessions.close(request.cookies.get(COOKIE))
    response = Response(status_code=204)
    response.delete_cookie(COOKIE, path="/")
    return response


@router.get("/views/ego/{entity_id:path}", response_class=HTMLResponse)
def ego_page(
    entity_id: EntityPath,
    trail: Annotated[AuditTrail, Depends(audit_trail(Capability.EXPLORE_NETWORK))],
    driver: DriverDep,
    target: TargetDep,
    hops: Annotated[int, Query(ge=1, le=MAX_EGO_HOPS)] = 1,
    types: Annotated[list[str] | None, Query(alias="type", max_length=20)] = None,
    date_from: Annotated[IsoDate | None, Query(alias="from")] = None,
    date_to: Annotated[IsoDate | None, Query(alias="to")] = None,
) -> HTMLResponse:
    """The network around a person, place or event, as an interactive page."""
    document = ego_document(
        ego_network(
            driver,
            target.database,
            entity_id,
            hops=hops,
            types=types,
            limit=2_000,
            date_from=date_from,
            date_to=date_to,
        )
    )
    trail.record_document(document)
    return _page(ego_view(document), trail.user)


@router.get("/views/expand/{entity_id:path}")
def expand(
    entity_id: EntityPath,
    trail: Annotated[AuditTrail, Depends(audit_trail(Capability.EXPLORE_NETWORK))],
    driver: DriverDep,
    target: TargetDep,
) -> JSONResponse:
    """An entity's direct neighbours in the viewer's own format (for double-click)."""
    document = ego_document(ego_network(driver, target.database, entity_id, hops=1, limit=300))
    trail.record_document(document)
    view = ego_view(document)
    for node in view.nodes:
        node.centre = False
    data = vis_data(view)
    return JSONResponse(
        {"nodes": data["nodes"], "edges": data["edges"], "types": view.relationship_types}
    )


@router.get("/views/series/{series_id}", response_class=HTMLResponse)
def series_page(
    series_id: Annotated[str, Path(min_length=1, max_length=40)],
    trail: Annotated[AuditTrail, Depends(audit_trail(Capability.RUN_ANALYSES))],
    driver: DriverDep,
    target: TargetDep,
    threshold: Annotated[float | None, Query(ge=0.01, le=0.99)] = None,
) -> HTMLResponse:
    """One candidate linked series, with the evidence on each link."""
    document = series_document(find_series(driver, target.database, threshold=threshold))
    try:
        view = series_view(document, series_id)
    except KeyError:
        raise NotFound(f"No candidate series {series_id!r} at this threshold.") from None
    trail.record_document(
        document.model_copy(update={"series": [s for s in document.series if s.id == series_id]})
    )
    return _page(view, trail.user)


@router.get("/views/precursors/{event_id:path}", response_class=HTMLResponse)
def precursor_page(
    event_id: EntityPath,
    trail: Annotated[AuditTrail, Depends(audit_trail(Capability.RUN_ANALYSES))],
    driver: DriverDep,
    target: TargetDep,
    months: Annotated[int, Query(ge=1, le=120)] = 24,
) -> HTMLResponse:
    """The precursor path of a death or incident, left to right by date."""
    path = precursor_path(driver, target.database, event_id, months=months)
    names = person_labels(driver, target.database, path.people)
    document = precursor_document(path, names=names)
    trail.record_document(document)
    return _page(precursor_view(document), trail.user)


@router.get("/views/exposure/{person_id:path}", response_class=HTMLResponse)
def exposure_page(
    person_id: EntityPath,
    trail: Annotated[AuditTrail, Depends(audit_trail(Capability.RUN_ANALYSES))],
    driver: DriverDep,
    target: TargetDep,
    as_of: IsoDate,
) -> HTMLResponse:
    """The ties and earlier events behind one person's exposure score."""
    analysis = rank_exposure(driver, target.database, as_of=as_of)
    document = exposure_document(
        analysis, hops=3, half_life_days=180.0, limit=len(analysis.ranking)
    )
    try:
        view = exposure_view(document, person_id)
    except KeyError:
        raise NotFound(f"{person_id!r} has no exposure as of {as_of}.") from None
    trail.record_document(
        document.model_copy(
            update={"ranking": [e for e in document.ranking if e.person == person_id]}
        )
    )
    return _page(view, trail.user)


@router.get("/views/case-conference/{sharing_id:path}", response_class=HTMLResponse)
def conference_page(
    sharing_id: EntityPath,
    trail: Annotated[AuditTrail, Depends(audit_trail(Capability.CASE_CONFERENCE))],
) -> HTMLResponse:
    """The map shared with your organisation under this id, pseudonymised (cannot be expanded).

    Refused exactly as ``/case-conference/map/{sharing_id}`` is, and logged the same way.
    """
    sharing, found = open_shared_map(trail, sharing_id, extra={"view": True})
    view = conference_view(
        found.nodes,
        found.edges,
        title=f"Relationship map for {sharing.meeting}",
        truncated=found.truncated,
    )
    return _page(view, trail.user, expandable=False)
