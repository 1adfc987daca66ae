"""Guessing keys: failures back off per client and per key id, are logged, and an unknown key
id costs as much to refuse as a wrong secret.

Cost is counted, not timed: argon2's work is fixed by the parameters stored in the hash it
checks, so "as costly" means one verification against a hash with the same parameters, and
"before argon2 runs" means no verification at all. Wall-clock comparisons failed on a busy
machine.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator

import argon2
import pytest
from fastapi.testclient import TestClient

import governance.users
from api.app import create_app
from governance.keys import hash_key, key_id_of
from governance.roles import Role
from governance.users import create_user, revoke_user
from tests.api.conftest import audit_log, call

FREE = 3


def _wrong(key: str) -> str:
    """The same key id with another secret."""
    return key[:-6] + ("AAAAAA" if not key.endswith("AAAAAA") else "BBBBBB")


def _user(driver, target) -> tuple[str, str]:
    name = f"guessed.{uuid.uuid4().hex[:8]}"
    key = create_user(
        driver,
        target.database,
        name=name,
        role=Role.ANALYST,
        organisation="police",
        created_by="pytest",
    )
    return name, key


@pytest.fixture
def verifications(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[argon2.Parameters]]:
    """The parameters of every argon2 hash the API checks a presented key against."""
    checked: list[argon2.Parameters] = []
    verify = governance.users.verify_key

    def counting(secret: str, stored_hash: str) -> bool:
        checked.append(argon2.extract_parameters(stored_hash))
        return verify(secret, stored_hash)

    monkeypatch.setattr(governance.users, "verify_key", counting)
    yield checked


def _checks(client: TestClient, key: str, checked: list[argon2.Parameters]) -> tuple[int, list]:
    """The status of ``GET /me`` with ``key`` and the argon2 checks it cost."""
    before = len(checked)
    status = call(client, key, "GET", "/api/v1/me").status_code
    return status, checked[before:]


def test_wrong_keys_back_off_per_client_and_per_key_id_and_are_logged(
    api_settings, client, users, driver, target, verifications
) -> None:
    _, victim_key = _user(driver, target)
    _, other_key = _user(driver, target)
    strict = api_settings.model_copy(update={"linkwatch_api_sign_in_failures": FREE})
    app = create_app(strict)
    attacker = TestClient(app, client=("198.51.100.7", 4000))
    elsewhere = TestClient(app, client=("203.0.113.9", 4000))
    with attacker, elsewhere:
        assert call(attacker, users.keys["investigator"], "GET", "/api/v1/me").is_success
        refused = [_checks(attacker, _wrong(victim_key), verifications) for _ in range(FREE + 1)]
        assert [status for status, _ in refused] == [401] * (FREE + 1)
        assert all(len(checks) == 1 for _, checks in refused)  # each wrong secret: one argon2
        backing_off = call(attacker, _wrong(victim_key), "GET", "/api/v1/me")
        assert backing_off.status_code == 429, backing_off.text
        assert backing_off.headers["content-type"] == "application/problem+json"
        assert int(backing_off.headers["retry-after"]) >= 1
        # Refused before argon2 runs: far cheaper than checking a wrong secret.
        assert _checks(attacker, _wrong(victim_key), verifications) == (429, [])
        # The client backs off even with a good key it has not used yet...
        assert call(attacker, other_key, "GET", "/api/v1/me").status_code == 429
        # ...but a key it had already proved keeps working (it costs no argon2).
        assert call(attacker, users.keys["investigator"], "GET", "/api/v1/me").is_success
        # The key id backs off for everyone; other clients and keys are untouched.
        assert call(elsewhere, _wrong(victim_key), "GET", "/api/v1/me").status_code == 429
        assert call(elsewhere, other_key, "GET", "/api/v1/me").is_success
    entries = [
        e
        for e in audit_log(client, users.keys["admin"], "actor=unauthenticated")
        if json.loads(e["parameters"]).get("key_id") == key_id_of(victim_key)
    ]
    assert len(entries) == FREE + 1  # each refused check once; the 429s are not checks
    parameters = json.loads(entries[-1]["parameters"])
    assert entries[-1]["action"] == "authentication" and entries[-1]["outcome"] == "refused"
    assert entries[-1]["endpoint"] == "GET /api/v1/me"
    assert parameters["client"] == "198.51.100.7" and parameters["lockout_seconds"] >= 1
    assert victim_key not in json.dumps(entries)  # the presented secret is never logged


def test_an_unknown_or_revoked_key_id_costs_as_much_as_a_wrong_secret(
    api_settings, driver, target, verifications
) -> None:
    _, key = _user(driver, target)
    revoked_name, revoked_key = _user(driver, target)
    revoke_user(driver, target.database, revoked_name, revoked_by="pytest")
    unknown = "lw_0123456789ab_" + "A" * 43
    lenient = api_settings.model_copy(update={"linkwatch_api_sign_in_failures": 1_000})
    with TestClient(create_app(lenient), raise_server_exceptions=False) as api:
        costs = {
            what: _checks(api, presented, verifications)
            for what, presented in (
                ("wrong secret", _wrong(key)),
                ("unknown key id", unknown),
                ("revoked key", revoked_key),
            )
        }
    assert {what: status for what, (status, _) in costs.items()} == dict.fromkeys(costs, 401)
    wrong = costs["wrong secret"][1]
    assert len(wrong) == 1 and wrong[0] == argon2.extract_parameters(hash_key("a live key"))
    for what in ("unknown key id", "revoked key"):
        assert costs[what][1] == wrong, what  # one check, against a hash as costly
