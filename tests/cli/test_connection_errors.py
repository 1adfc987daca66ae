"""A database that cannot be reached gives one actionable line, fast, never a traceback."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cli.helpers import run_linkwatch


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def silent_server() -> Iterator[int]:
    """A loopback TCP server that accepts connections and never says a word."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    accepted: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                accepted.append(listener.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield listener.getsockname()[1]
    stop.set()
    thread.join()
    for connection in accepted:
        connection.close()
    listener.close()


def _assert_one_line_error(stderr: str, uri: str) -> None:
    assert "Traceback" not in stderr
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert lines[0].startswith("error: Cannot reach Neo4j at " + uri)
    assert "linkwatch neo4j start" in stderr


@pytest.mark.parametrize("command", [["db", "stats"], ["db", "migrate"]])
def test_refused_connection_fails_fast_with_the_uri(command: list[str], tmp_path: Path) -> None:
    uri = f"bolt://127.0.0.1:{_closed_port()}"
    run = run_linkwatch(
        *command, env={"NEO4J_URI": uri, "NEO4J_PASSWORD": "whatever1"}, cwd=tmp_path
    )
    assert run.code == 1
    assert run.seconds < 10
    _assert_one_line_error(run.stderr, uri)


def test_a_server_that_never_answers_fails_within_ten_seconds(
    silent_server: int, tmp_path: Path
) -> None:
    uri = f"bolt://127.0.0.1:{silent_server}"
    run = run_linkwatch(
        "db", "stats", env={"NEO4J_URI": uri, "NEO4J_PASSWORD": "whatever1"}, cwd=tmp_path
    )
    assert run.code == 1
    assert run.seconds < 10
    _assert_one_line_error(run.stderr, uri)


def test_a_local_server_never_started_says_how_to_start_it(tmp_path: Path) -> None:
    run = run_linkwatch(
        "db",
        "stats",
        env={
            "NEO4J_URI": "",
            "LINKWATCH_HOME": str(tmp_path / "home"),
            "LINKWATCH_NEO4J_BOLT_PORT": str(_closed_port()),
        },
        cwd=tmp_path,
    )
    assert run.code == 1
    assert "never been started" in run.stderr
    assert "linkwatch neo4j start" in run.stderr
    assert "Traceback" not in run.stderr


def test_a_malformed_uri_is_named(tmp_path: Path) -> None:
    run = run_linkwatch(
        "db", "stats", env={"NEO4J_URI": "http//nope", "NEO4J_PASSWORD": "whatever1"}, cwd=tmp_path
    )
    assert run.code == 1
    assert "http//nope" in run.stderr
    assert "Traceback" not in run.stderr


def test_uri_without_password_is_a_configuration_error(tmp_path: Path) -> None:
    env = {"NEO4J_URI": "bolt://127.0.0.1:1", "NEO4J_PASSWORD": ""}
    run = run_linkwatch("db", "stats", env=env, cwd=tmp_path)
    assert run.code == 1
    assert "NEO4J_PASSWORD is not set" in run.stderr


def test_a_bad_setting_names_the_variable(tmp_path: Path) -> None:
    run = run_linkwatch("db", "stats", env={"LINKWATCH_NEO4J_BOLT_PORT": "eighty"}, cwd=tmp_path)
    assert run.code == 1
    assert "LINKWATCH_NEO4J_BOLT_PORT" in run.stderr
    assert "Traceback" not in run.stderr


def test_wrong_credentials_are_reported_as_such(target, tmp_path: Path) -> None:
    env = {"NEO4J_URI": target.uri, "NEO4J_USER": "neo4j", "NEO4J_PASSWORD": "not-the-password"}
    run = run_linkwatch("db", "stats", env=env, cwd=tmp_path)
    assert run.code == 1
    assert "refused the credentials" in run.stderr
