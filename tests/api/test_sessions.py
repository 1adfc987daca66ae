"""Viewer session cookies: they open views only, and end with the key they were opened with."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.security.sessions import COOKIE
from governance.roles import Role
from governance.users import create_user, revoke_user, rotate_key
from tests.api.conftest import call

CACHE_SECONDS = 1.0


@pytest.fixture(scope="module")
def app_settings(api_settings):
    return api_settings.model_copy(update={"linkwatch_api_key_cache_seconds": CACHE_SECONDS})


def _signed_in(app_settings, key: str) -> TestClient:
    """A fresh browser-like client holding only a session cookie opened with ``key``."""
    browser = TestClient(create_app(app_settings), raise_server_exceptions=False)
    browser.__enter__()
    opened = call(browser, key, "POST", "/api/v1/session")
    assert opened.status_code == 204, opened.text
    assert browser.cookies.get(COOKIE)
    return browser


@pytest.fixture
def signed_in(app_settings) -> Iterator[list[TestClient]]:
    opened: list[TestClient] = []
    yield opened
    for browser in opened:
        browser.__exit__(None, None, None)


def _fresh_user(driver, target, role: Role = Role.ANALYST) -> tuple[str, str]:
    name = f"session.{uuid.uuid4().hex[:8]}"
    key = create_user(
        driver, target.database, name=name, role=role, organisation="police", created_by="pytest"
    )
    return name, key


def _view(subjects) -> str:
    return f"/api/v1/views/ego/{quote(subjects.victim, safe=':')}"


def test_a_cookie_opens_views_but_no_json_route(
    app_settings, signed_in, users, subjects, driver, target
) -> None:
    analyst = _signed_in(app_settings, users.keys["analyst"])
    admin = _signed_in(app_settings, users.keys["admin"])
    signed_in.extend([analyst, admin])
    assert analyst.get(_view(subjects)).status_code == 200
    assert analyst.get(f"/api/v1/views/expand/{quote(subjects.victim, safe=':')}").is_success
    for url in (
        "/api/v1/me",
        "/api/v1/people?name=smith",
        "/api/v1/deaths?limit=5",
        f"/api/v1/people/{quote(subjects.victim, safe=':')}",
        f"/api/v1/network/ego/{quote(subjects.victim, safe=':')}",
    ):
        refused = analyst.get(url)
        assert refused.status_code == 401, (url, refused.text)
        assert refused.headers["content-type"] == "application/problem+json"
    for url in ("/api/v1/audit?limit=5", "/api/v1/audit/verify"):
        assert admin.get(url).status_code == 401, url
    # The same routes still work with the key itself.
    assert call(analyst, users.keys["analyst"], "GET", "/api/v1/deaths?limit=5").is_success


@pytest.mark.parametrize("ending", ["revoked", "rotated"])
def test_revoking_or_rotating_the_key_ends_its_sessions(
    app_settings, signed_in, subjects, driver, target, ending: str
) -> None:
    name, key = _fresh_user(driver, target)
    browser = _signed_in(app_settings, key)
    _, other_key = _fresh_user(driver, target)
    bystander = _signed_in(app_settings, other_key)
    signed_in.extend([browser, bystander])
    assert browser.get(_view(subjects)).status_code == 200
    if ending == "revoked":
        revoke_user(driver, target.database, name, revoked_by="pytest")
    else:
        new_key = rotate_key(driver, target.database, name)
    time.sleep(CACHE_SECONDS + 0.2)  # the key cache's bound
    ended = browser.get(_view(subjects))
    assert ended.status_code == 401
    assert browser.get(_view(subjects)).status_code == 401  # and it stays ended
    assert bystander.get(_view(subjects)).status_code == 200  # other users' sessions live on
    if ending == "rotated":
        assert call(browser, new_key, "GET", _view(subjects)).status_code == 200
