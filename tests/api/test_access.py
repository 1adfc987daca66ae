"""Who may call what: the role matrix for every endpoint, keys, justification and audit."""

from __future__ import annotations

import pytest

from governance.roles import ROLE_CAPABILITIES, Capability, Role
from governance.users import create_user, revoke_user
from tests.api.conftest import audit_log, call
from tests.api.endpoints import endpoints

ROLES = ["analyst", "investigator", "partner", "admin"]


def test_every_api_route_is_in_the_matrix(client, subjects) -> None:
    spec = client.get("/openapi.json").json()
    routes = {
        (path, method.upper())
        for path, operations in spec["paths"].items()
        if path.startswith("/api/v1")
        for method in operations
    }
    assert routes == {(e.route, e.method) for e in endpoints(subjects)}


@pytest.mark.parametrize("role", ROLES)
def test_role_matrix(client, users, subjects, role: str) -> None:
    for endpoint in endpoints(subjects):
        response = call(client, users.keys[role], endpoint.method, endpoint.url, json=endpoint.body)
        may = endpoint.capability is None or endpoint.capability in ROLE_CAPABILITIES[Role(role)]
        if may:
            assert response.status_code in (200, 201, 204), (endpoint.url, response.text)
        else:
            assert response.status_code == 403, (endpoint.url, response.text)
            assert response.headers["content-type"] == "application/problem+json"


def test_the_matrix_says_what_the_issue_asks() -> None:
    assert Capability.SEARCH_PEOPLE not in ROLE_CAPABILITIES[Role.PARTNER]
    assert ROLE_CAPABILITIES[Role.PARTNER] == {Capability.CASE_CONFERENCE}
    assert Capability.RUN_ANALYSES not in ROLE_CAPABILITIES[Role.INVESTIGATOR]
    assert Capability.EXPLORE_NETWORK in ROLE_CAPABILITIES[Role.INVESTIGATOR]
    assert Capability.READ_AUDIT not in ROLE_CAPABILITIES[Role.ANALYST]
    assert Capability.VIEW_PROFILE not in ROLE_CAPABILITIES[Role.ADMIN]
    assert Capability.VIEW_IDENTIFIERS not in ROLE_CAPABILITIES[Role.PARTNER]
    assert all(
        Capability.VIEW_IDENTIFIERS in ROLE_CAPABILITIES[role]
        for role in (Role.ANALYST, Role.INVESTIGATOR)
    )


def test_no_key_a_wrong_key_and_a_revoked_key_are_401(client, users, driver, target) -> None:
    for key in (None, "lw_000000000000_" + "A" * 43, users.keys["analyst"][:-1] + "x", "junk"):
        response = call(client, key, "GET", "/api/v1/me")
        assert response.status_code == 401
        assert response.headers["www-authenticate"].startswith("ApiKey")
    key = create_user(
        driver,
        target.database,
        name=f"revoked.{users.names['analyst']}",
        role=Role.ANALYST,
        organisation="police",
        created_by="pytest",
    )
    assert call(client, key, "GET", "/api/v1/me").status_code == 200
    revoke_user(driver, target.database, f"revoked.{users.names['analyst']}", revoked_by="t")
    client.app.state.authenticator._verified.clear()  # the cache would hold it 30 s
    assert call(client, key, "GET", "/api/v1/me").status_code == 401


def test_personal_data_needs_a_justification(client, users, subjects) -> None:
    for endpoint in endpoints(subjects):
        if not endpoint.personal:
            continue
        role = next(
            r
            for r in ("analyst", "investigator", "admin", "partner")
            if endpoint.capability in ROLE_CAPABILITIES[Role(r)]
        )
        missing = call(
            client,
            users.keys[role],
            endpoint.method,
            endpoint.url,
            justification=None,
            json=endpoint.body,
        )
        assert missing.status_code == 428, endpoint.url
        assert "X-Justification" in missing.json()["detail"]
        bad = call(
            client,
            users.keys[role],
            endpoint.method,
            endpoint.url,
            justification="<script>",
            json=endpoint.body,
        )
        assert bad.status_code == 400, endpoint.url


def test_every_personal_data_request_is_audited_with_who_what_and_why(
    client, users, subjects
) -> None:
    admin = users.keys["admin"]
    for endpoint in endpoints(subjects):
        if not endpoint.personal:
            continue
        role = next(
            r
            for r in ("investigator", "analyst", "partner", "admin")
            if endpoint.capability in ROLE_CAPABILITIES[Role(r)]
        )
        reason = f"OP/TEST/{abs(hash(endpoint.url)) % 10**8}"
        response = call(
            client,
            users.keys[role],
            endpoint.method,
            endpoint.url,
            json=endpoint.body,
            justification=reason,
        )
        assert response.status_code in (200, 201, 204), (endpoint.url, response.text)
        log = audit_log(client, admin, f"actor={users.names[role]}")
        entry = log[-1]  # the audit read itself is recorded after it has read
        assert entry["justification"] == reason, endpoint.url
        assert entry["endpoint"] == f"{endpoint.method} {endpoint.route}"
        assert entry["role"] == role


def test_who_looked_at_this_person_and_why(client, users, subjects) -> None:
    reason = "MURDER/2026/17"
    call(
        client,
        users.keys["investigator"],
        "GET",
        f"/api/v1/people/{subjects.victim}",
        justification=reason,
    )
    entries = audit_log(client, users.keys["admin"], f"person={subjects.victim}")
    page = {"entries": entries}
    mine = [e for e in page["entries"] if e["actor"] == users.names["investigator"]]
    assert mine and mine[-1]["justification"] == reason
    assert subjects.victim in mine[-1]["people"]
    assert all(subjects.victim in e["people"] for e in page["entries"])


def test_the_justification_is_not_needed_for_non_personal_endpoints(client, users) -> None:
    for url in ("/api/v1/me", "/api/v1/ingest/runs"):
        response = call(client, users.keys["analyst"], "GET", url, justification=None)
        assert response.status_code == 200
