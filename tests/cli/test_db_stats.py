"""``linkwatch db stats`` counts the service's own records: reviews, actions, users, audit log."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from datetime import date

import neo4j
import pytest

from governance.audit import AuditAction, append_entry
from governance.audit_key import load_audit_key
from governance.roles import Role
from governance.users import create_user
from graph_model.kinds import NodeLabel, RelType
from graph_model.settings import get_settings
from queries.reviews.service import add_action, open_review
from tests.cli.helpers import run_linkwatch

SERVICE_LABELS = ("RapidReview", "LearningAction", "ApiUser", "AuditEntry", "AuditHead")


def _stats() -> dict:
    run = run_linkwatch("db", "stats", "--json")
    assert run.code == 0, run.stderr
    return json.loads(run.stdout)


@pytest.fixture
def service_records(driver: neo4j.Driver, database: str, namespace: str) -> Iterator[dict]:
    """A death under rapid review with one action, a new user and one audit entry."""
    death = f"{namespace}death"
    driver.execute_query(
        "CREATE (:Death {id: $id, date_found: date('2024-03-01')})", id=death, database_=database
    )
    review = open_review(driver, database, death, opened_by="pytest")
    action = add_action(
        driver,
        database,
        review["id"],
        learning="The earlier referral had no recorded outcome.",
        action="Record an outcome for every safeguarding referral.",
        owner="Safeguarding lead",
        agency="local_authority",
        theme="referrals",
        due=date(2024, 6, 30),
        by="pytest",
    )
    user = f"stats-{uuid.uuid4().hex[:8]}"
    secret = create_user(
        driver, database, name=user, role=Role.ANALYST, organisation="force", created_by="pytest"
    )
    entry = append_entry(
        driver,
        database,
        key=load_audit_key(get_settings()),
        actor="pytest",
        role="analyst",
        action=AuditAction.CONSULTATION,
        endpoint="GET /api/v1/reviews/{id}",
        parameters={"id": review["id"]},
        justification="TEST-0001",
    )
    key_hash = driver.execute_query(
        "MATCH (u:ApiUser {name: $name}) RETURN u.key_hash AS hash", name=user, database_=database
    ).records[0]["hash"]
    yield {"review": review, "action": action, "user": user, "secret": secret, "hash": key_hash}
    driver.execute_query(
        "MATCH (n) WHERE n.id IN [$review, $action] OR (n:ApiUser AND n.name = $user) "
        "DETACH DELETE n",
        review=review["id"],
        action=action["id"],
        user=user,
        database_=database,
    )
    assert entry["seq"] >= 1  # the entry stays: the audit log is append-only


def test_stats_count_rapid_reviews_actions_users_and_the_audit_log(
    driver: neo4j.Driver, database: str, request: pytest.FixtureRequest
) -> None:
    before = _stats()
    records = request.getfixturevalue("service_records")
    after = _stats()
    assert list(after["nodes_by_label"]) == [label.value for label in NodeLabel]
    assert list(after["relationships_by_type"]) == [rel_type.value for rel_type in RelType]
    grown = {
        label: after["nodes_by_label"][label] - before["nodes_by_label"][label]
        for label in SERVICE_LABELS
    }
    # One of each; the head exists once the log has an entry, whenever it was made.
    assert grown == {
        "RapidReview": 1,
        "LearningAction": 1,
        "ApiUser": 1,
        "AuditEntry": 1,
        "AuditHead": grown["AuditHead"],
    }
    assert after["nodes_by_label"]["AuditHead"] == 1
    assert after["relationships_by_type"]["REVIEWS"] - before["relationships_by_type"]["REVIEWS"]
    assert (
        after["relationships_by_type"]["HAS_ACTION"] - before["relationships_by_type"]["HAS_ACTION"]
        == 1
    )
    table = run_linkwatch("db", "stats")
    assert table.code == 0, table.stderr
    for label in SERVICE_LABELS:
        assert label in table.stdout
    for shown in (table.stdout, json.dumps(after)):
        assert records["secret"] not in shown and records["hash"] not in shown
