"""What an app needs between requests is kept on the app, not in module globals (#16 item 10).

The read time limit (``LINKWATCH_API_QUERY_TIMEOUT``) holds for the requests of the app built
with it, and nowhere else in the process; the query parameters each route takes are worked
out per app.
"""

from __future__ import annotations

from collections.abc import Iterator

import neo4j
import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph_model.connection import current_read_time_limit
from graph_model.settings import Settings
from tests.api.conftest import Users, call
from tests.cli.helpers import crowd_an_incident


@pytest.fixture
def impatient_client(api_settings: Settings) -> Iterator[TestClient]:
    settings = api_settings.model_copy(update={"linkwatch_api_query_timeout": 0.05})
    with TestClient(create_app(settings), raise_server_exceptions=False) as client:
        yield client


def test_a_query_past_the_apps_time_limit_is_a_503_and_the_limit_stays_in_the_app(
    impatient_client: TestClient,
    users: Users,
    driver: neo4j.Driver,
    database: str,
    namespace: str,
) -> None:
    crowd_an_incident(driver, database, namespace)
    response = call(impatient_client, users.keys["analyst"], "GET", "/api/v1/analyses/triangles")
    assert response.status_code == 503, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["detail"].startswith("The query ran past its time limit.")
    assert "Retry-After" in response.headers
    assert current_read_time_limit() is None  # the app's limit did not leak into the process


def test_unknown_query_parameters_are_worked_out_per_app(api_settings: Settings) -> None:
    apps = [create_app(api_settings), create_app(api_settings)]
    for app in apps:
        with TestClient(app, raise_server_exceptions=False) as client:
            response = client.get("/api/v1/analyses/series?limt=3")
        assert response.status_code == 400, response.text
        assert "'limt'" in response.json()["detail"]
        assert response.json()["errors"] == [{"field": "query.limt", "reason": "not a parameter"}]
    first, second = (app.state.query_parameters for app in apps)
    assert first is not second
