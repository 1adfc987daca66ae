"""The API's probes against the real Neo4j."""

from __future__ import annotations

import socket

from fastapi.testclient import TestClient

from api.app import create_app
from graph_model.settings import Settings


def test_health_and_ready(settings: Settings, driver) -> None:
    with TestClient(create_app(settings)) as client:
        assert client.get("/health").json() == {"status": "ok"}
        ready = client.get("/ready")
        assert ready.status_code == 200
        assert ready.json() == {"status": "ready", "database": settings.neo4j_database}


def test_ready_is_503_problem_json_when_neo4j_is_down() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    down = Settings(neo4j_uri=f"bolt://127.0.0.1:{port}", neo4j_password="whatever1")
    with TestClient(create_app(down)) as client:
        assert client.get("/health").status_code == 200
        response = client.get("/ready")
    assert response.status_code == 503
    assert response.headers["content-type"] == "application/problem+json"
    assert response.headers["retry-after"] == "10"
    assert response.json()["detail"] == "Neo4j is not reachable."


def test_docs_are_off_unless_asked_for(settings: Settings) -> None:
    with TestClient(create_app(settings)) as client:
        assert client.get("/docs").status_code == 404
        assert client.get("/openapi.json").status_code == 404
