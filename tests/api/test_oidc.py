"""OIDC bearer tokens: accepted when signed by the configured issuer's key, refused otherwise."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from fastapi.testclient import TestClient

from api.app import create_app

ISSUER, AUDIENCE = "https://idp.force.example", "linkwatch"


def _key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@pytest.fixture(scope="module")
def signing_key() -> rsa.RSAPrivateKey:
    return _key()


@pytest.fixture(scope="module")
def oidc_client(api_settings, signing_key, tmp_path_factory) -> Iterator[TestClient]:
    folder: Path = tmp_path_factory.mktemp("oidc")
    public = folder / "issuer.pem"
    public.write_bytes(
        signing_key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
    )
    settings = api_settings.model_copy(
        update={
            "linkwatch_oidc_issuer": ISSUER,
            "linkwatch_oidc_audience": AUDIENCE,
            "linkwatch_oidc_public_key_file": public,
        }
    )
    with TestClient(create_app(settings)) as client:
        yield client


def _token(key, **overrides) -> str:
    now = int(time.time())
    claims = {
        "iss": ISSUER,
        "aud": AUDIENCE,
        "sub": "pc1234",
        "iat": now,
        "exp": now + 300,
        "linkwatch_role": "analyst",
        "organisation": "police",
        **overrides,
    }
    claims = {k: v for k, v in claims.items() if v is not None}
    return jwt.encode(claims, key, algorithm="RS256")


def _me(client: TestClient, token: str):
    return client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})


def test_a_valid_token_signs_in_with_its_role(oidc_client, signing_key) -> None:
    response = _me(oidc_client, _token(signing_key))
    assert response.status_code == 200
    assert response.json() == {"name": "oidc:pc1234", "role": "analyst", "organisation": "police"}
    partner = _token(signing_key, linkwatch_role="partner", organisation="nhs")
    refused = oidc_client.get(
        "/api/v1/people?name=smith",
        headers={"Authorization": f"Bearer {partner}", "X-Justification": "CASE/1/2"},
    )
    assert refused.status_code == 403  # roles from tokens are enforced like any other


@pytest.mark.parametrize(
    ("overrides", "reason"),
    [
        ({"exp": int(time.time()) - 3600}, "expired"),
        ({"aud": "another-app"}, "not valid"),
        ({"iss": "https://evil.example"}, "not valid"),
        ({"linkwatch_role": "superuser"}, "no Linkwatch role"),
        ({"linkwatch_role": None}, "no Linkwatch role"),
        ({"sub": None}, "not valid"),
        # A token that lives a day is refused (the default bound is 12 hours)...
        ({"iat": int(time.time()) - 60, "exp": int(time.time()) + 24 * 3600}, "longer than 12"),
        # ...and an organisation that is not text cannot pass as one.
        ({"organisation": ["police", "nhs"]}, "must be a non-empty string"),
        ({"organisation": {"name": "police"}}, "must be a non-empty string"),
        ({"organisation": ""}, "must be a non-empty string"),
    ],
)
def test_bad_tokens_are_refused_with_the_reason(
    oidc_client, signing_key, overrides, reason
) -> None:
    response = _me(oidc_client, _token(signing_key, **overrides))
    assert response.status_code == 401 and reason in response.json()["detail"]


def test_a_token_within_the_lifetime_bound_is_accepted(oidc_client, signing_key) -> None:
    now = int(time.time())
    eleven_hours = _token(signing_key, iat=now - 60, exp=now + 11 * 3600)
    assert _me(oidc_client, eleven_hours).status_code == 200


def test_tokens_signed_by_another_key_or_unsigned_are_refused(oidc_client) -> None:
    assert _me(oidc_client, _token(_key())).status_code == 401
    unsigned = jwt.encode(
        {
            "iss": ISSUER,
            "aud": AUDIENCE,
            "sub": "x",
            "exp": int(time.time()) + 60,
            "iat": int(time.time()),
            "linkwatch_role": "admin",
        },
        key=None,
        algorithm="none",
    )
    assert _me(oidc_client, unsigned).status_code == 401


def test_bearer_tokens_are_refused_when_oidc_is_off(client, signing_key) -> None:
    response = _me(client, _token(signing_key))
    assert response.status_code == 401 and "not accepted" in response.json()["detail"]
