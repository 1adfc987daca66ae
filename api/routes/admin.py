"""The caller, ingest status, the record-linkage review queue and the audit log."""

from __future__ import annotations

import json
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request

from api.deps import DriverDep, TargetDep
from api.models import (
    AuditEntryOut,
    AuditPage,
    ChainStatus,
    LoadRunOut,
    Me,
    RecordedIdentity,
    ReviewDecision,
    ReviewOut,
)
from api.params import no_unknown_query_parameters
from api.problems import PROBLEM_RESPONSES
from api.security.auth import AuditTrail, audit_trail, authenticated, permitted
from governance.audit import AuditAction, read_entries, verify_chain
from governance.roles import Capability
from governance.users import ApiUser
from graph_model.base import from_neo4j
from graph_model.housekeeping import database_stats
from graph_model.kinds import ReviewStatus
from graph_model.store import GraphStore
from ingest.identity.decisions import apply_decision
from ingest.review import ReviewEntry, decide, list_reviews
from queries.people import people_described_by, resolve_person

router = APIRouter(
    prefix="/api/v1",
    tags=["administration"],
    responses=PROBLEM_RESPONSES,
    dependencies=[Depends(no_unknown_query_parameters)],
)


@router.get("/me", response_model=Me)
def me(user: Annotated[ApiUser, Depends(authenticated)]) -> Me:
    """Who the API key belongs to, and their role."""
    return Me(name=user.name, role=user.role.value, organisation=user.organisation)


@router.get("/ingest/runs", response_model=list[LoadRunOut])
def ingest_runs(
    user: Annotated[ApiUser, Depends(permitted(Capability.VIEW_INGEST))],
    driver: DriverDep,
    target: TargetDep,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> list[LoadRunOut]:
    """The latest ingest runs (the collection log), newest first. No personal data."""
    runs = database_stats(driver, target.database, recent_runs=limit).recent_load_runs
    return [
        LoadRunOut(
            id=run.id,
            status=run.status.value,
            started_at=run.started_at,
            finished_at=run.finished_at,
            loaded_by=run.loaded_by,
            mapping=run.mapping,
            files=run.files,
            counts=json.loads(run.counts_json) if run.counts_json else None,
            linkage_model=run.linkage_model,
            mapping_hash=run.mapping_hash,
            changes=json.loads(run.changes_json) if run.changes_json else None,
            series_changes=json.loads(run.series_changes_json) if run.series_changes_json else None,
        )
        for run in runs
    ]


def _review(entry: ReviewEntry) -> ReviewOut:
    review = entry.review
    return ReviewOut(
        id=review.id,
        status=review.status.value,
        probability=review.probability,
        evidence=json.loads(review.evidence_json) if review.evidence_json else None,
        decided_by=review.decided_by,
        decided_at=review.decided_at,
        note=review.note,
        records=[
            RecordedIdentity(
                id=record["id"],
                source_system=record.get("source_system"),
                recorded_name=record.get("recorded_name"),
                recorded_date_of_birth=record.get("recorded_date_of_birth"),
                recorded_postcode=record.get("recorded_postcode"),
            )
            for record in map(from_neo4j, (entry.record_a, entry.record_b))
            if record
        ],
    )


@router.get("/reviews", response_model=list[ReviewOut])
def reviews(
    trail: Annotated[AuditTrail, Depends(audit_trail(Capability.VIEW_INGEST))],
    driver: DriverDep,
    target: TargetDep,
    status: ReviewStatus | None = ReviewStatus.PENDING,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> list[ReviewOut]:
    """Record-linkage pairs to review, strongest first, with both records as recorded.

    The audit entry names both the records and the people they describe.
    """
    found = [_review(e) for e in list_reviews(driver, target.database, status=status, limit=limit)]
    records = [r.id for review in found for r in review.records]
    trail.record([*records, *people_described_by(driver, target.database, records)])
    return found


@router.post("/reviews/{review_id:path}", response_model=ReviewOut)
def decide_review(
    review_id: Annotated[str, Path(min_length=10, max_length=400)],
    decision: ReviewDecision,
    trail: Annotated[AuditTrail, Depends(audit_trail(Capability.DECIDE_LINKS))],
    driver: DriverDep,
    target: TargetDep,
) -> ReviewOut:
    """Accept or reject a record-linkage pair: the graph changes at once.

    An accepted pair merges two people; a rejected one splits a person unless other links
    still join the records. Every later ingest keeps the decision.
    """
    store = GraphStore(driver, target.database)
    review = decide(
        store,
        review_id,
        accepted=decision.accept,
        decided_by=trail.user.name,
        note=decision.reason,
    )
    outcome = apply_decision(store, review, decided_by=trail.user.name)
    trail.record(
        [review.record_a, review.record_b, *outcome.persons],
        action=AuditAction.COMBINATION,
        extra={"accept": decision.accept, "reason": decision.reason, "effect": outcome.effect},
    )
    out = _review(ReviewEntry(review, {"id": review.record_a}, {"id": review.record_b}))
    return out.model_copy(
        update={
            "effect": outcome.effect,
            "persons": outcome.persons,
            "identity_change": outcome.change,
            "message": outcome.message,
        }
    )


@router.get("/audit", response_model=AuditPage)
def audit(
    trail: Annotated[AuditTrail, Depends(audit_trail(Capability.READ_AUDIT))],
    driver: DriverDep,
    target: TargetDep,
    person: Annotated[str | None, Query(min_length=3, max_length=200)] = None,
    actor: Annotated[str | None, Query(min_length=3, max_length=64)] = None,
    after: Annotated[int, Query(ge=0)] = 0,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> AuditPage:
    """Who looked at whom, when and why: filter by person or by actor, oldest first.

    A person's history follows merges: entries under any id the person had are included.
    """
    people = resolve_person(driver, target.database, person).ids if person else None
    entries = read_entries(
        driver, target.database, people=people, actor=actor, after=after, limit=limit
    )
    trail.record([person] if person else [])
    return AuditPage(
        entries=[AuditEntryOut(**entry) for entry in entries],
        next=entries[-1]["seq"] if len(entries) == limit else None,
    )


@router.get("/audit/verify", response_model=ChainStatus)
def audit_verify(
    request: Request,
    user: Annotated[ApiUser, Depends(permitted(Capability.READ_AUDIT))],
    driver: DriverDep,
    target: TargetDep,
) -> ChainStatus:
    """Recompute the audit log's hash chain and say whether it is intact."""
    report = verify_chain(driver, target.database, key=request.app.state.audit_key)
    return ChainStatus(
        intact=report.intact,
        entries=report.entries,
        first_broken=report.first_broken,
        head_hash=report.head_hash,
        legacy_entries=report.legacy_entries,
        problem=report.problem,
    )
