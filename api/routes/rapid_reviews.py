"""Rapid reviews over HTTP: open one, list them with overdue flags, download a pack."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path
from fastapi.responses import HTMLResponse
from pydantic import Field

from api.deps import DriverDep, TargetDep
from api.params import no_unknown_query_parameters
from api.problems import PROBLEM_RESPONSES
from api.security.auth import AuditTrail, audit_trail
from governance.audit import AuditAction
from governance.roles import Capability
from queries.documents.base import Part
from queries.reviews.pack import review_pack_facts
from queries.reviews.service import get_review, list_reviews, open_review
from visualisation.report.review_pack import render_review_pack

router = APIRouter(
    prefix="/api/v1/rapid-reviews",
    tags=["rapid reviews"],
    responses=PROBLEM_RESPONSES,
    dependencies=[Depends(no_unknown_query_parameters)],
)


class OpenReview(Part):
    """The death or incident to review."""

    event: str = Field(min_length=3, max_length=200)


class RapidReviewOut(Part):
    """A rapid review, its deadlines and what is overdue today."""

    id: str
    event: str
    event_date: date
    opened_by: str
    initial_due: date
    report_due: date
    initial_done: date | None = None
    report_done: date | None = None
    status: str
    overdue: list[str]
    actions: int = 0
    open_actions: int = 0


def _out(review: dict[str, Any]) -> RapidReviewOut:
    fields = set(RapidReviewOut.model_fields)
    return RapidReviewOut(**{k: v for k, v in review.items() if k in fields})


@router.post("", response_model=RapidReviewOut, status_code=201)
def open_rapid_review(
    body: OpenReview,
    trail: Annotated[AuditTrail, Depends(audit_trail(Capability.MANAGE_REVIEWS))],
    driver: DriverDep,
    target: TargetDep,
) -> RapidReviewOut:
    """Open the review of a homicide or near miss (or return the one already open)."""
    review = open_review(driver, target.database, body.event, opened_by=trail.user.name)
    trail.record([], action=AuditAction.ALTERATION, extra={"review": review["id"]})
    return _out(get_review(driver, target.database, review["id"], today=date.today()))


@router.get("", response_model=list[RapidReviewOut])
def rapid_reviews(
    trail: Annotated[AuditTrail, Depends(audit_trail(Capability.VIEW_REVIEWS))],
    driver: DriverDep,
    target: TargetDep,
) -> list[RapidReviewOut]:
    """Every rapid review with its deadlines, overdue stages and open actions."""
    found = [_out(r) for r in list_reviews(driver, target.database, today=date.today())]
    trail.record([])
    return found


@router.get("/{review_id:path}/pack", response_class=HTMLResponse)
def review_pack(
    review_id: Annotated[str, Path(min_length=3, max_length=220)],
    trail: Annotated[AuditTrail, Depends(audit_trail(Capability.VIEW_REVIEWS))],
    driver: DriverDep,
    target: TargetDep,
) -> HTMLResponse:
    """The review pack (offline HTML, no scripts) of a review."""
    today = date.today()
    facts = review_pack_facts(driver, target.database, review_id, today=today)
    trail.record(facts.people)
    html = render_review_pack(
        facts, today=today, generated_by=f"{trail.user.name} ({trail.user.role.value})"
    )
    return HTMLResponse(
        html, headers={"Content-Disposition": 'attachment; filename="review-pack.html"'}
    )
