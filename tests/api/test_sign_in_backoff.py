"""Guessing keys: failures back off per client and per key id, are logged, and an unknown key
id costs as much to refuse as a wrong secret."""

from __future__ import annotations

import json
import time
import uuid

from fastapi.testclient import TestClient

from api.app import create_app
from governance.keys import key_id_of
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


def _timed(client: TestClient, key: str) -> tuple[int, float]:
    began = time.perf_counter()
    status = call(client, key, "GET", "/api/v1/me").status_code
    return status, time.perf_counter() - began


def test_wrong_keys_back_off_per_client_and_per_key_id_and_are_logged(
    api_settings, client, users, driver, target
) -> None:
    _, victim_key = _user(driver, target)
    _, other_key = _user(driver, target)
    strict = api_settings.model_copy(update={"linkwatch_api_sign_in_failures": FREE})
    app = create_app(strict)
    attacker = TestClient(app, client=("198.51.100.7", 4000))
    elsewhere = TestClient(app, client=("203.0.113.9", 4000))
    with attacker, elsewhere:
        assert call(attacker, users.keys["investigator"], "GET", "/api/v1/me").is_success
        refused = [_timed(attacker, _wrong(victim_key)) for _ in range(FREE + 1)]
        assert [status for status, _ in refused] == [401] * (FREE + 1)
        backing_off = call(attacker, _wrong(victim_key), "GET", "/api/v1/me")
        assert backing_off.status_code == 429, backing_off.text
        assert backing_off.headers["content-type"] == "application/problem+json"
        assert int(backing_off.headers["retry-after"]) >= 1
        # Refused before argon2 runs: far cheaper than checking a wrong secret.
        status, seconds = _timed(attacker, _wrong(victim_key))
        assert status == 429 and seconds < min(s for _, s in refused) / 2
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
    api_settings, driver, target
) -> None:
    _, key = _user(driver, target)
    revoked_name, revoked_key = _user(driver, target)
    revoke_user(driver, target.database, revoked_name, revoked_by="pytest")
    unknown = "lw_0123456789ab_" + "A" * 43
    lenient = api_settings.model_copy(update={"linkwatch_api_sign_in_failures": 1_000})
    with TestClient(create_app(lenient), raise_server_exceptions=False) as api:
        _timed(api, _wrong(key))  # warm up (the dummy hash is made on first use)
        _timed(api, unknown)
        costs = {
            what: min(_timed(api, presented)[1] for _ in range(3))
            for what, presented in (
                ("wrong secret", _wrong(key)),
                ("unknown key id", unknown),
                ("revoked key", revoked_key),
            )
        }
    wrong = costs["wrong secret"]
    for what in ("unknown key id", "revoked key"):
        assert costs[what] > wrong / 2, costs
