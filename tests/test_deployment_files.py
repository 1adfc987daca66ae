"""docker-compose.yml and the Dockerfile, checked by parsing (no Docker engine runs here)."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def _compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_neo4j_service_is_the_pinned_lts_community_image_with_a_healthcheck() -> None:
    neo4j = _compose()["services"]["neo4j"]
    assert neo4j["image"] == "neo4j:5.26-community"
    assert "test" in neo4j["healthcheck"]
    assert any(volume.endswith(":/data") for volume in neo4j["volumes"])


def test_passwords_come_from_the_environment_with_no_default() -> None:
    services = _compose()["services"]
    auth = services["neo4j"]["environment"]["NEO4J_AUTH"]
    assert re.fullmatch(r"neo4j/\$\{NEO4J_PASSWORD:\?[^}]+\}", auth)
    assert services["api"]["environment"]["NEO4J_PASSWORD"].startswith("${NEO4J_PASSWORD:?")
    text = (ROOT / "docker-compose.yml").read_text()
    assert ":-" not in text  # no fallback values anywhere


def test_every_published_port_is_bound_to_loopback() -> None:
    for name, service in _compose()["services"].items():
        for port in service.get("ports", []):
            assert port.startswith("127.0.0.1:"), (name, port)


def test_api_waits_for_a_healthy_neo4j_and_is_built_from_the_dockerfile() -> None:
    api = _compose()["services"]["api"]
    assert api["depends_on"]["neo4j"]["condition"] == "service_healthy"
    assert (ROOT / api["build"]["context"] / api["build"]["dockerfile"]).is_file()
    assert api["environment"]["NEO4J_URI"] == "bolt://neo4j:7687"


def test_dockerfile_copies_only_what_exists_and_runs_unprivileged() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text()
    for source in re.findall(r"^COPY (\S+)", dockerfile, flags=re.MULTILINE):
        assert (ROOT / source).exists(), source
    copied = set(re.findall(r"^COPY (\w+) ", dockerfile, flags=re.MULTILINE))
    packages = {
        "linkwatch",
        "graph_model",
        "governance",
        "ingest",
        "queries",
        "api",
        "visualisation",
    }
    assert packages <= copied
    assert re.search(r"^USER linkwatch$", dockerfile, flags=re.MULTILINE)
