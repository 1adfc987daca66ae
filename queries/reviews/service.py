"""Rapid reviews in the graph: open, list, complete stages, learning actions, the pack's facts.

A ``RapidReview`` node reviews one death or incident (``REVIEWS``) and holds its learning
actions (``HAS_ACTION``). Every change to an action is returned with its before and after so
the caller can write it to the audit log.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any

import neo4j

from graph_model.base import from_neo4j, without_bidi_controls
from graph_model.connection import read
from graph_model.cypher_catalogue import cypher
from graph_model.errors import InvalidInput, NotFound
from graph_model.service_records import LearningAction, RapidReview
from queries.reviews.deadlines import deadlines

__all__ = [
    "ACTION_STATUSES",
    "add_action",
    "complete_stage",
    "earlier_opportunities",
    "get_review",
    "list_actions",
    "list_reviews",
    "open_review",
    "review_id",
    "update_action",
]

ACTION_STATUSES = ("open", "in_progress", "closed")


def review_id(event: str) -> str:
    """The id of the rapid review of an event (one review per event)."""
    return f"rapid-review:{event}"


def _write(driver: neo4j.Driver, database: str, name: str, **parameters: Any) -> list[Any]:
    records = driver.execute_query(
        cypher(name, package="queries"), parameters, database_=database
    ).records
    return [from_neo4j(record.data()) for record in records]


def open_review(driver: neo4j.Driver, database: str, event: str, *, opened_by: str) -> dict:
    """Open the review of a death or incident with its deadlines (or return the open one).

    Raises
    ------
    NotFound
        If there is no such death or incident.
    """
    found = read(driver, database, cypher("reviews/event", package="queries"), {"event": event})
    if not found:
        raise NotFound(
            f"No death or incident with id {event!r}.",
            hint="Ids look like death:DR-2024-00012 or incident:OCC-2024-000123.",
        )
    when = from_neo4j(found[0]["date"])
    due = deadlines(when)
    review = RapidReview.checked(
        id=review_id(event),
        event=event,
        event_date=when,
        opened_at=datetime.now(UTC),
        opened_by=opened_by,
        initial_due=due.initial_due,
        report_due=due.report_due,
    )
    return _write(driver, database, "reviews/open", review=review.to_properties())[0]["review"]


def _with_overdue(review: dict, today: date) -> dict:
    late = deadlines(review["event_date"]).overdue(
        today, initial_done=review.get("initial_done"), report_done=review.get("report_done")
    )
    return {**review, "overdue": late}


def list_reviews(driver: neo4j.Driver, database: str, *, today: date) -> list[dict]:
    """Every review with its action counts and which stages are overdue on ``today``."""
    rows = read(driver, database, cypher("reviews/list", package="queries"))
    return [
        {
            **_with_overdue(from_neo4j(row["review"]), today),
            "actions": row["actions"],
            "open_actions": row["open_actions"],
        }
        for row in rows
    ]


def get_review(driver: neo4j.Driver, database: str, identifier: str, *, today: date) -> dict:
    """One review with its actions.

    Raises
    ------
    NotFound
        If there is no such review.
    """
    rows = read(driver, database, cypher("reviews/get", package="queries"), {"id": identifier})
    if not rows:
        raise NotFound(f"No rapid review {identifier!r}; open one with `linkwatch review open`.")
    review = _with_overdue(from_neo4j(rows[0]["review"]), today)
    review["action_list"] = sorted(
        (from_neo4j(a) for a in rows[0]["actions"]), key=lambda a: (a["due"], a["id"])
    )
    return review


def complete_stage(
    driver: neo4j.Driver, database: str, identifier: str, stage: str, *, on: date
) -> dict:
    """Record the initial review or the report as done on a date.

    Raises
    ------
    InvalidInput
        For a stage other than ``initial`` or ``report``.
    NotFound
        If there is no such review.
    """
    if stage not in ("initial", "report"):
        raise InvalidInput(f"stage must be 'initial' or 'report', not {stage!r}.")
    rows = _write(driver, database, "reviews/complete_stage", id=identifier, stage=stage, on=on)
    if not rows:
        raise NotFound(f"No rapid review {identifier!r}.")
    return rows[0]["review"]


def add_action(
    driver: neo4j.Driver,
    database: str,
    review: str,
    *,
    learning: str,
    action: str,
    owner: str,
    agency: str,
    theme: str,
    due: date,
    by: str,
) -> dict:
    """Record a learning point and the action it calls for.

    Raises
    ------
    InvalidInput
        For empty text.
    NotFound
        If there is no such review.
    """
    for name, value in (
        ("learning", learning),
        ("action", action),
        ("owner", owner),
        ("agency", agency),
        ("theme", theme),
    ):
        if not value.strip():
            raise InvalidInput(f"{name} must not be empty.")
    learning_action = LearningAction.checked(
        id=f"action:{uuid.uuid4().hex[:12]}",
        review=review,
        learning=learning.strip(),
        action=action.strip(),
        owner=owner.strip(),
        agency=agency.strip().lower(),
        theme=theme.strip().lower(),
        due=due,
        created_at=datetime.now(UTC),
        created_by=by,
    )
    rows = _write(driver, database, "reviews/add_action", action=learning_action.to_properties())
    if not rows:
        raise NotFound(f"No rapid review {review!r}.")
    return rows[0]["action"]


def update_action(
    driver: neo4j.Driver,
    database: str,
    identifier: str,
    *,
    status: str,
    evidence: str | None,
    on: date,
    by: str,
) -> tuple[str, dict]:
    """Change an action's status; closing needs evidence. Returns (status before, action).

    Raises
    ------
    InvalidInput
        For an unknown status, or closing without evidence of completion.
    NotFound
        If there is no such action.
    """
    if status not in ACTION_STATUSES:
        raise InvalidInput(f"status must be one of {ACTION_STATUSES}, not {status!r}.")
    if status == "closed" and not (evidence and evidence.strip()):
        raise InvalidInput("closing an action needs evidence of completion (--evidence).")
    rows = _write(
        driver,
        database,
        "reviews/update_action",
        id=identifier,
        status=status,
        evidence=without_bidi_controls(evidence),
        on=on,
        by=by,
    )
    if not rows:
        raise NotFound(f"No learning action {identifier!r}.")
    return rows[0]["before"], rows[0]["action"]


def list_actions(driver: neo4j.Driver, database: str) -> list[dict]:
    """Every learning action with its review's event and date."""
    rows = read(driver, database, cypher("reviews/actions", package="queries"))
    return [
        {**from_neo4j(r["action"]), "event": r["event"], "event_date": from_neo4j(r["event_date"])}
        for r in rows
    ]


def earlier_opportunities(
    driver: neo4j.Driver, database: str, people: list[str], *, before: date
) -> list[dict]:
    """Risk markers with no partner follow-up, and referrals with no outcome, before a date."""
    rows = read(
        driver,
        database,
        cypher("reviews/opportunities", package="queries"),
        {"people": people, "before": before},
    )
    return [from_neo4j(r.data()) for r in rows]
