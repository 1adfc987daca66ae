"""Limits, headers, errors, injection attempts and the tamper-evident audit log."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from tests.api.conftest import audit_log, call
from tests.cli.helpers import run_linkwatch

INJECTIONS = [
    "x' OR 1=1 //",
    "x'}) MATCH (n) DETACH DELETE n //",
    '") RETURN n; MATCH (m) DETACH DELETE m //',
    "*:*",
    "name:* OR \\\\",
]


def _count_graph(driver, target) -> tuple[int, int]:
    """Nodes and relationships of everything but the audit log (which requests append to)."""
    record = driver.execute_query(
        "MATCH (n) WHERE NOT n:AuditEntry WITH count(n) AS nodes "
        "MATCH ()-[r]->() RETURN nodes, count(r) AS relationships",
        database_=target.database,
    ).records[0]
    return record["nodes"], record["relationships"]


def test_injection_attempts_are_refused_or_find_nothing_and_change_nothing(
    client, users, driver, target
) -> None:
    before = _count_graph(driver, target)
    key = users.keys["analyst"]
    for payload in INJECTIONS:
        for url, params in (
            ("/api/v1/people", {"name": payload}),
            ("/api/v1/people", {"identifier": payload[:40]}),
            (f"/api/v1/people/{payload}", {}),
            (f"/api/v1/network/ego/{payload}", {}),
            ("/api/v1/network/paths", {"a": payload, "b": payload + "2"}),
            (f"/api/v1/analyses/precursors/{payload}", {}),
            ("/api/v1/deaths", {"after": payload}),
        ):
            response = client.get(
                url,
                params=params,
                headers={"X-API-Key": key, "X-Justification": "CASE/2026/0042"},
            )
            assert response.status_code < 500, (url, payload, response.text)
            if response.status_code == 200:
                body = response.json()
                assert not body.get("people") or payload in ("*:*",), (url, payload, body)
    assert _count_graph(driver, target) == before


def test_limits_are_enforced_with_clear_problems(client, users) -> None:
    key = users.keys["analyst"]
    too_far = call(client, key, "GET", "/api/v1/network/ego/person:x?hops=4")
    assert too_far.status_code == 422
    assert too_far.json()["errors"][0]["field"] == "query.hops"
    too_many = call(client, key, "GET", "/api/v1/deaths?limit=100000")
    assert too_many.status_code == 422
    body = "x" * 70_000
    large = client.post(
        "/api/v1/reviews/review:a|b",
        content=body,
        headers={"X-API-Key": users.keys["admin"], "Content-Type": "application/json"},
    )
    assert large.status_code == 413
    assert large.headers["content-type"] == "application/problem+json"
    nowhere = call(client, key, "GET", "/api/v1/nowhere")
    assert nowhere.status_code == 404
    assert nowhere.headers["content-type"] == "application/problem+json"


def test_security_headers_on_every_response_and_no_cors(client, users) -> None:
    for response in (
        call(client, users.keys["analyst"], "GET", "/api/v1/me"),
        call(client, None, "GET", "/api/v1/me"),
        client.get("/health", headers={"Origin": "https://evil.example"}),
    ):
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["x-frame-options"] == "DENY"
        assert response.headers["cache-control"] == "no-store"
        assert "default-src 'none'" in response.headers["content-security-policy"]
        assert "access-control-allow-origin" not in response.headers


def test_rate_limit_per_key_gives_429_with_retry_after(api_settings, users, loaded) -> None:
    strict = api_settings.model_copy(update={"linkwatch_api_rate_limit": "3/minute"})
    with TestClient(create_app(strict)) as limited:
        codes = [
            call(limited, users.keys["analyst"], "GET", "/api/v1/me").status_code for _ in range(4)
        ]
        other = call(limited, users.keys["investigator"], "GET", "/api/v1/me")
        last = call(limited, users.keys["analyst"], "GET", "/api/v1/me")
    assert codes == [200, 200, 200, 429]
    assert other.status_code == 200  # per key, not global
    assert int(last.headers["retry-after"]) >= 1
    assert last.headers["content-type"] == "application/problem+json"


def test_an_edited_audit_entry_breaks_the_chain(client, users, driver, target, settings) -> None:
    admin = users.keys["admin"]
    call(client, users.keys["investigator"], "GET", "/api/v1/people?name=smith")
    assert call(client, admin, "GET", "/api/v1/audit/verify").json()["intact"]
    entry = audit_log(client, admin, f"actor={users.names['investigator']}")[-1]
    driver.execute_query(
        "MATCH (e:AuditEntry {seq: $seq}) SET e.justification = 'nothing to see'",
        seq=entry["seq"],
        database_=target.database,
    )
    try:
        status = call(client, admin, "GET", "/api/v1/audit/verify").json()
        assert not status["intact"] and status["first_broken"] == entry["seq"]
        cli = run_linkwatch("audit", "verify")
        assert cli.code == 1 and f"broken at entry {entry['seq']}" in cli.stderr
    finally:
        driver.execute_query(
            "MATCH (e:AuditEntry {seq: $seq}) SET e.justification = $original",
            seq=entry["seq"],
            original=entry["justification"],
            database_=target.database,
        )
    assert call(client, admin, "GET", "/api/v1/audit/verify").json()["intact"]


@pytest.mark.parametrize("which", ["a middle entry", "the last entry"])
def test_a_removed_audit_entry_is_detected(client, users, driver, target, which: str) -> None:
    admin = users.keys["admin"]
    for _ in range(3):
        call(client, users.keys["investigator"], "GET", "/api/v1/people?name=jones")
    last = driver.execute_query(
        "MATCH (e:AuditEntry) RETURN max(e.seq) AS seq", database_=target.database
    ).records[0]["seq"]
    seq = last - 1 if which == "a middle entry" else last
    properties = driver.execute_query(
        "MATCH (e:AuditEntry {seq: $seq}) WITH e, properties(e) AS p DELETE e RETURN p",
        seq=seq,
        database_=target.database,
    ).records[0]["p"]
    try:
        status = call(client, admin, "GET", "/api/v1/audit/verify").json()  # appends nothing
        assert not status["intact"] and status["first_broken"] == seq
    finally:
        driver.execute_query(
            "CREATE (e:AuditEntry) SET e = $p", p=properties, database_=target.database
        )
    assert call(client, admin, "GET", "/api/v1/audit/verify").json()["intact"]
