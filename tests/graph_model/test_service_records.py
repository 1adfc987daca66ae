"""The declarations of the service's own records, validated without a database."""

from __future__ import annotations

from datetime import UTC, date, datetime

import neo4j.time
import pytest

from graph_model.errors import InvalidInput
from graph_model.kinds import NodeLabel
from graph_model.schema import declared_schema
from graph_model.service_records import ApiUserAccount, AuditEntry, RapidReview

KEY_HASH = "$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA"


def _account(**changes: object) -> dict[str, object]:
    return {
        "name": "a.analyst@force",
        "role": "analyst",
        "organisation": "force",
        "key_id": "lw_0123456789ab",
        "key_hash": KEY_HASH,
        "created_at": datetime(2025, 1, 2, 9, 30, tzinfo=UTC),
        "created_by": "cli:admin",
        **changes,
    }


def _entry(**changes: object) -> dict[str, object]:
    return {
        "seq": 1,
        "at": "2025-01-02T09:30:00.000000+00:00",
        "actor": "a.analyst@force",
        "role": "analyst",
        "action": "consultation",
        "endpoint": "GET /api/v1/people/{id}",
        "parameters": "{}",
        "people": ["person:1"],
        "justification": None,
        "outcome": "ok",
        "prev_hash": "0" * 64,
        "scheme": "hmac-sha256",
        "hash": "a" * 64,
        **changes,
    }


def test_an_api_users_key_hash_is_written_but_never_shown() -> None:
    account = ApiUserAccount(**_account())
    assert account.to_properties()["key_hash"] == KEY_HASH
    for shown in (
        repr(account),
        str(account),
        account.model_dump_json(),
        str(account.model_dump()),
    ):
        assert KEY_HASH not in shown


def test_a_record_that_does_not_fit_is_refused_naming_the_field_not_the_secret() -> None:
    with pytest.raises(InvalidInput, match="ApiUserAccount not stored: name") as caught:
        ApiUserAccount.checked(**_account(name="Not A Name!"))
    assert [detail["field"] for detail in caught.value.details] == ["name"]
    assert KEY_HASH not in str(caught.value)
    with pytest.raises(InvalidInput, match="created_at"):
        ApiUserAccount.checked(**_account(created_at="yesterday"))


def test_an_audit_entry_is_checked_as_built() -> None:
    assert AuditEntry.checked(**_entry()).seq == 1
    assert AuditEntry.checked(**_entry(scheme=None)).scheme is None  # a legacy entry
    with pytest.raises(InvalidInput, match="has no UTC offset"):
        AuditEntry.checked(**_entry(at="2025-01-02T09:30:00"))
    with pytest.raises(InvalidInput, match="prev_hash"):
        AuditEntry.checked(**_entry(prev_hash="not a digest"))
    with pytest.raises(InvalidInput, match="scheme"):
        AuditEntry.checked(**_entry(scheme="md5"))


def test_a_rapid_review_reads_back_what_neo4j_returns() -> None:
    stored = {
        "id": "rapid-review:death:DR-1",
        "event": "death:DR-1",
        "event_date": neo4j.time.Date(2024, 2, 20),
        "opened_at": neo4j.time.DateTime(2024, 2, 21, 8, 0, 0, tzinfo=UTC),
        "opened_by": "pytest",
        "initial_due": neo4j.time.Date(2024, 3, 5),
        "report_due": neo4j.time.Date(2024, 3, 21),
        "status": "open",
        "marking": "OFFICIAL-SENSITIVE",
    }
    review = RapidReview.from_properties(stored)
    assert review.report_due == date(2024, 3, 21) and review.initial_done is None
    assert review.to_properties()["event_date"] == date(2024, 2, 20)
    assert "initial_done" not in review.to_properties()  # unset fields are not written
    with pytest.raises(InvalidInput, match="status"):
        RapidReview.checked(**{**review.model_dump(), "status": "lost"})


def test_the_service_records_keep_their_constraints() -> None:
    unique = {
        (item.label, item.properties)
        for item in declared_schema()
        if item.kind == "uniqueness" and item.label in {label.value for label in NodeLabel}
    }
    assert {
        ("ApiUser", ("name",)),
        ("ApiUser", ("key_id",)),
        ("AuditEntry", ("seq",)),
        ("AuditHead", ("id",)),
        ("RapidReview", ("id",)),
        ("LearningAction", ("id",)),
    } <= unique
