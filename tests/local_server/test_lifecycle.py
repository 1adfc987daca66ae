"""The project's own server: start, already running, stop/start keeps data, reset, errors.

These tests run a second, throw-away server instance in a fresh folder on a spare port
(sharing the cached jars), so they never disturb the server the rest of the suite uses.
"""

from __future__ import annotations

import json
import os
import socket
import stat
from collections.abc import Iterator
from pathlib import Path

import neo4j
import pytest
from pydantic import SecretStr

from graph_model.connection import ConnectionTarget, open_driver, resolve_target
from graph_model.errors import ConfigurationError
from graph_model.local_server.java import find_java
from graph_model.local_server.layout import ServerLayout
from graph_model.local_server.process import server_status, start_server
from graph_model.settings import Settings
from tests.cli.helpers import run_linkwatch
from tests.servers import spare_environment

pytestmark = pytest.mark.slow


def _java_that_logs_its_arguments(folder: Path) -> Path:
    """A JAVA_HOME whose ``java`` writes each command line to a file, then runs real Java."""
    real = find_java().executable
    (folder / "bin").mkdir(parents=True)
    wrapper = folder / "bin" / "java"
    log = folder / "command-lines.txt"
    wrapper.write_text(f'#!/bin/sh\necho "$@" >> "{log}"\nexec "{real}" "$@"\n')
    wrapper.chmod(0o755)
    return folder


@pytest.fixture(scope="module")
def instance(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    java_home = _java_that_logs_its_arguments(tmp_path_factory.mktemp("java"))
    env = {
        **spare_environment(1),
        "LINKWATCH_NEO4J_HEAP": "512m",
        "LINKWATCH_NEO4J_PAGECACHE": "256m",
        "JAVA_HOME": str(java_home),
    }
    home = Path(env["LINKWATCH_HOME"])
    started = run_linkwatch("neo4j", "start", env=env, cwd=home, timeout=300)
    assert started.code == 0, started.stderr
    assert "is ready at" in started.stdout
    yield env
    run_linkwatch("neo4j", "stop", env=env, cwd=home)


def _settings(env: dict[str, str]) -> Settings:
    return Settings(
        neo4j_uri=None,
        linkwatch_home=Path(env["LINKWATCH_HOME"]),
        linkwatch_neo4j_bolt_port=int(env["LINKWATCH_NEO4J_BOLT_PORT"]),
    )


def _driver(env: dict[str, str]) -> neo4j.Driver:
    return open_driver(resolve_target(_settings(env)))


def test_password_is_generated_and_private(instance: dict[str, str]) -> None:
    layout = ServerLayout.from_settings(_settings(instance))
    mode = stat.S_IMODE(layout.password_file.stat().st_mode)
    assert mode == 0o600
    assert len(layout.password_file.read_text()) >= 24


def test_the_password_never_appears_on_a_command_line(instance: dict[str, str]) -> None:
    # Every local user can read command lines (ps); the password went in an argument file.
    layout = ServerLayout.from_settings(_settings(instance))
    password = layout.password_file.read_text().strip()
    lines = (Path(instance["JAVA_HOME"]) / "command-lines.txt").read_text().splitlines()
    admin = [line for line in lines if "set-initial-password" in line]
    assert len(admin) == 1 and " @" in admin[0]
    assert all(password not in line for line in lines)
    assert not list(layout.home.glob(".initial-password-*"))  # the argument file is gone


def test_start_when_running_says_so_and_leaves_it_running(instance: dict[str, str]) -> None:
    layout = ServerLayout.from_settings(_settings(instance))
    pid_before = server_status(layout).pid
    again = run_linkwatch("neo4j", "start", env=instance, cwd=Path(instance["LINKWATCH_HOME"]))
    assert again.code == 0
    assert "already running" in again.stdout
    assert server_status(layout).pid == pid_before is not None


def test_stop_then_start_keeps_the_data(instance: dict[str, str]) -> None:
    home = Path(instance["LINKWATCH_HOME"])
    with _driver(instance) as driver:
        driver.execute_query("MERGE (:Organisation {id: 'kept', name: 'Kept'})", database_="neo4j")
    stopped = run_linkwatch("neo4j", "stop", env=instance, cwd=home)
    assert stopped.code == 0 and "stopped" in stopped.stdout
    status = run_linkwatch("neo4j", "status", env=instance, cwd=home)
    assert status.code == 3 and status.stdout.startswith("stopped")
    assert run_linkwatch("neo4j", "start", env=instance, cwd=home, timeout=300).code == 0
    with _driver(instance) as driver:
        records = driver.execute_query(
            "MATCH (o:Organisation {id: 'kept'}) RETURN o.name AS name", database_="neo4j"
        ).records
    assert [r["name"] for r in records] == ["Kept"]


def test_reset_needs_yes_then_empties_only_the_local_server(instance: dict[str, str]) -> None:
    home = Path(instance["LINKWATCH_HOME"])
    with _driver(instance) as driver:
        driver.execute_query(
            "UNWIND range(1, 25) AS i MERGE (:Organisation {id: 'o' + i, name: 'x'})",
            database_="neo4j",
        )
    refused = run_linkwatch("db", "reset", env=instance, cwd=home)
    assert refused.code == 1 and "without --yes" in refused.stderr
    reset = run_linkwatch("db", "reset", "--yes", env=instance, cwd=home)
    assert reset.code == 0, reset.stderr
    with _driver(instance) as driver:
        left = driver.execute_query(
            "MATCH (n) RETURN labels(n)[0] AS label, count(n) AS n ORDER BY label",
            database_="neo4j",
        ).records
        erasure = driver.execute_query(
            "MATCH (e:AuditEntry {action: 'erasure'}) RETURN e.endpoint AS what, e.parameters AS p",
            database_="neo4j",
        ).records
    # Only the audit log survives a reset, and the reset itself is in it.
    assert {r["label"]: r["n"] for r in left} == {"AuditEntry": 1, "AuditHead": 1}
    assert erasure[0]["what"] == "linkwatch db reset"
    assert json.loads(erasure[0]["p"])["nodes"] >= 25


def test_reset_refuses_a_server_that_is_not_the_projects_own(instance: dict[str, str]) -> None:
    layout = ServerLayout.from_settings(_settings(instance))
    password = layout.read_password()
    assert password is not None
    external = {
        **instance,
        "NEO4J_URI": layout.bolt_uri,
        "NEO4J_PASSWORD": password.get_secret_value(),
    }
    refused = run_linkwatch("db", "reset", "--yes", env=external, cwd=layout.home)
    assert refused.code == 1
    assert "not the project's own local server" in refused.stderr


def test_stats_reports_every_declared_label(instance: dict[str, str]) -> None:
    import json

    run = run_linkwatch("db", "stats", "--json", env=instance, cwd=Path(instance["LINKWATCH_HOME"]))
    assert run.code == 0, run.stderr
    stats = json.loads(run.stdout)
    assert set(stats["nodes_by_label"]) >= {
        "Person",
        "Death",
        "Incident",
        "Place",
        "PartnerContact",
    }


def test_a_taken_port_is_named(tmp_path: Path, settings: Settings) -> None:
    with socket.socket() as squatter:
        squatter.bind(("127.0.0.1", 0))
        squatter.listen(1)
        port = squatter.getsockname()[1]
        layout = ServerLayout(
            home=tmp_path / "neo4j",
            jar_dir=ServerLayout.from_settings(settings).jar_dir,
            version=settings.linkwatch_neo4j_version,
            bolt_port=port,
        )
        with pytest.raises(ConfigurationError, match=f"Port {port} on 127.0.0.1 is already in use"):
            start_server(layout, report=lambda _line: None)


def test_an_old_java_is_refused_with_the_version_needed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_home = tmp_path / "jdk11"
    (fake_home / "bin").mkdir(parents=True)
    java = fake_home / "bin" / "java"
    java.write_text("#!/bin/sh\necho 'openjdk version \"11.0.2\" 2019-01-15' >&2\n")
    java.chmod(0o755)
    monkeypatch.setenv("JAVA_HOME", str(fake_home))
    with pytest.raises(ConfigurationError, match=r"Java 11; Neo4j 5\.26 needs Java 17 or 21"):
        find_java()


def test_missing_java_is_explained(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("JAVA_HOME", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(ConfigurationError, match="Java was not found"):
        find_java()
    assert os.environ["PATH"] == str(tmp_path)


def test_repeated_wrong_passwords_are_reported_as_locked_out(instance: dict[str, str]) -> None:
    """Runs last in this module: the lock-out lasts a few seconds."""
    layout = ServerLayout.from_settings(_settings(instance))
    wrong = ConnectionTarget(layout.bolt_uri, "neo4j", SecretStr("not-the-password"), "neo4j", True)
    messages = []
    for _ in range(5):
        with pytest.raises(ConfigurationError) as caught:
            open_driver(wrong)
        messages.append(caught.value.message)
    assert "refused the credentials" in messages[0]
    assert "after too many failed attempts" in messages[-1]
