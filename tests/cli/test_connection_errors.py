"""A database that cannot be reached gives one actionable line, fast, never a traceback.

The README promises a command fails within 10 seconds when Neo4j cannot be reached. The
command's own deadline is ``LINKWATCH_CONNECT_TIMEOUT`` + 1 s (4 s by default), which leaves
the rest of the promise for Python to start: that start-up is not the deadline and takes
seconds on a busy machine, so the timing tests measure the command from the end of its
imports to its exit, and the deadline itself in process.
"""

from __future__ import annotations

import socket
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph_model.connection import session_driver
from graph_model.errors import ServiceUnavailable
from graph_model.settings import Settings
from tests.cli.helpers import Run, run_linkwatch

#: The README's promise, in seconds.
PROMISE = 10.0
#: Seconds beyond the configured deadline that timers and scheduling may add.
SLACK = 1.5


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


_TIMED_MAIN = (
    "import sys, time\n"
    "from linkwatch.cli import main\n"
    "started = time.monotonic()\n"
    "try:\n"
    "    main()\n"
    "finally:\n"
    "    print(f'command-seconds {time.monotonic() - started:.3f}', file=sys.stderr)\n"
)


def _run_timed(*args: str, uri: str, cwd: Path) -> tuple[Run, float]:
    """Run the real command; return the run and its seconds after its imports, to its exit."""
    env = {"NEO4J_URI": uri, "NEO4J_PASSWORD": "whatever1"}
    run = run_linkwatch(*args, env=env, cwd=cwd, python=[sys.executable, "-c", _TIMED_MAIN])
    *rest, timing = run.stderr.rstrip().splitlines()
    assert timing.startswith("command-seconds "), run.stderr
    stripped = Run(run.code, run.stdout, "\n".join(rest), run.seconds)
    return stripped, float(timing.split()[1])


def _assert_one_line_error(stderr: str, uri: str) -> None:
    assert "Traceback" not in stderr
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert lines[0].startswith("error: Cannot reach Neo4j at " + uri)
    assert "linkwatch neo4j start" in stderr


@pytest.mark.parametrize("command", [["db", "stats"], ["db", "migrate"]])
def test_refused_connection_fails_fast_with_the_uri(command: list[str], tmp_path: Path) -> None:
    uri = f"bolt://127.0.0.1:{_closed_port()}"
    run, seconds = _run_timed(*command, uri=uri, cwd=tmp_path)
    assert run.code == 1
    assert seconds < Settings().linkwatch_connect_timeout  # refused: no waiting at all
    _assert_one_line_error(run.stderr, uri)


def test_the_connect_deadline_leaves_a_margin_below_the_promise() -> None:
    deadline = Settings().linkwatch_connect_timeout + 1  # see graph_model.connection.open_driver
    assert deadline <= PROMISE / 2, "the other half of the promise is for the command to start"


def test_a_server_that_never_answers_is_given_up_at_the_configured_deadline(
    silent_server: int,
) -> None:
    for timeout in (1.0, Settings().linkwatch_connect_timeout):
        settings = Settings(
            neo4j_uri=f"bolt://127.0.0.1:{silent_server}",
            neo4j_password="whatever1",
            linkwatch_connect_timeout=timeout,
        )
        started = time.monotonic()
        with (
            pytest.raises(ServiceUnavailable, match="Cannot reach Neo4j"),
            session_driver(settings),
        ):
            pass
        waited = time.monotonic() - started
        assert timeout <= waited < timeout + 1 + SLACK, (timeout, waited)


def test_a_server_that_never_answers_fails_well_within_ten_seconds(
    silent_server: int, tmp_path: Path
) -> None:
    uri = f"bolt://127.0.0.1:{silent_server}"
    run, seconds = _run_timed("db", "stats", uri=uri, cwd=tmp_path)
    assert run.code == 1
    assert seconds < Settings().linkwatch_connect_timeout + 1 + SLACK, run.seconds
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
