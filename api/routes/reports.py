"""Reports for analysts over HTTP: the death-investigation report."""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import APIRouter, Depends, Query
from fastapi.responses import HTMLResponse

from api.deps import DriverDep, TargetDep
from api.params import IsoDate, no_unknown_query_parameters
from api.problems import PROBLEM_RESPONSES
from api.security.auth import AuditTrail, audit_trail
from governance.roles import Capability
from queries.documents.series import series_document
from queries.report.deaths import death_report_figures
from queries.series.analysis import find_series
from visualisation.report.deaths import render_death_report, report_policy

router = APIRouter(
    prefix="/api/v1/reports",
    tags=["reports"],
    responses=PROBLEM_RESPONSES,
    dependencies=[Depends(no_unknown_query_parameters)],
)


@router.get("/deaths", response_class=HTMLResponse)
def deaths_report(
    trail: Annotated[AuditTrail, Depends(audit_trail(Capability.RUN_ANALYSES))],
    driver: DriverDep,
    target: TargetDep,
    date_from: Annotated[IsoDate, Query(alias="from")],
    date_to: Annotated[IsoDate, Query(alias="to")],
    area: Annotated[str | None, Query(min_length=2, max_length=80)] = None,
) -> HTMLResponse:
    """The analytical report on death investigations for a period (offline HTML, no scripts)."""
    figures = death_report_figures(
        driver, target.database, date_from=date_from, date_to=date_to, area=area
    )
    document = series_document(find_series(driver, target.database))
    nonce = secrets.token_urlsafe(16)
    html = render_death_report(
        figures,
        document,
        generated_by=f"{trail.user.name} ({trail.user.role.value})",
        nonce=nonce,
    )
    trail.record([d["deceased"] for d in figures.deaths if d["deceased"]])
    return HTMLResponse(html, headers={"Content-Security-Policy": report_policy(nonce)})
