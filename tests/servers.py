"""The test servers: one real Neo4j per pytest-xdist worker, each with its own home and port.

`make test` points ``LINKWATCH_HOME`` and ``LINKWATCH_NEO4J_BOLT_PORT`` at the test block
(``TEST_HOME``, ``TEST_PORT``). Worker ``gwN`` then uses the home ``LINKWATCH_HOME/gwN`` and
the port ``TEST_PORT + N``; a run without xdist uses ``LINKWATCH_HOME`` and ``TEST_PORT``
themselves. Each worker starts its own server when its session starts and stops it when it
ends, so no test ever sees another worker's data. Tests that need a throw-away server of
their own (server lifecycle) take a spare port ``TEST_PORT + 10 * slot + N`` and a home
under ``LINKWATCH_HOME/spare``: a run uses the 20 ports from ``TEST_PORT`` and nothing
outside ``LINKWATCH_HOME``.

``python -m tests.servers stop`` stops every server still running under the test home (the
Makefile runs it on exit, in case a worker died before its session ended).
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from graph_model.local_server.fetch import ensure_jars
from graph_model.local_server.layout import ServerLayout
from graph_model.local_server.process import start_server, stop_server
from graph_model.settings import Settings

__all__ = [
    "DEFAULT_HOME",
    "DEFAULT_PORT",
    "MAX_WORKERS",
    "configure_worker",
    "fetch_jars_once",
    "spare_environment",
    "stop_all",
    "worker_server",
]

#: The test home (under the checkout) and base port when the environment names none, as
#: the Makefile's TEST_HOME and TEST_PORT.
DEFAULT_HOME = ".linkwatch-test"
DEFAULT_PORT = 7688
#: Ports are handed out in rows of ten from the base: workers, then each spare slot.
MAX_WORKERS = 10
#: Spare slots: 1 for the lifecycle tests' instance.
SPARE_SLOTS = (1,)
_BASE_PORT = "LINKWATCH_TEST_BASE_PORT"
_BASE_HOME = "LINKWATCH_TEST_BASE_HOME"
_PID_FILE = "neo4j/run/linkwatch-neo4j.pid"


def _worker() -> tuple[str | None, int]:
    name = os.environ.get("PYTEST_XDIST_WORKER")
    return name, int(name.removeprefix("gw")) if name else 0


def _base() -> tuple[int, Path]:
    settings = Settings()
    port = os.environ.get(_BASE_PORT) or str(settings.linkwatch_neo4j_bolt_port)
    home = os.environ.get(_BASE_HOME) or str(settings.linkwatch_home.resolve())
    return int(port), Path(home)


def configure_worker(root: Path) -> None:
    """Point this process, and the commands its tests run, at this worker's own server.

    Call before any settings are read (``pytest_configure``). Without ``LINKWATCH_HOME`` or
    ``LINKWATCH_NEO4J_BOLT_PORT`` in the environment, a bare ``pytest`` uses what ``make
    test`` does (``ROOT/.linkwatch-test``, port 7688), never the demo server's. Does nothing
    more with ``NEO4J_URI`` set: an external server is shared as it is.
    """
    os.environ.setdefault("LINKWATCH_HOME", str(root / DEFAULT_HOME))
    os.environ.setdefault("LINKWATCH_NEO4J_BOLT_PORT", str(DEFAULT_PORT))
    settings = Settings()
    if not settings.uses_local_server:
        return
    port, home = _base()
    os.environ[_BASE_PORT], os.environ[_BASE_HOME] = str(port), str(home)
    name, index = _worker()
    if name is None:
        return
    if index >= MAX_WORKERS:
        raise RuntimeError(f"At most {MAX_WORKERS} workers have a port of their own.")
    os.environ["LINKWATCH_HOME"] = str(home / name)
    os.environ["LINKWATCH_NEO4J_BOLT_PORT"] = str(port + index)


def fetch_jars_once(settings: Settings) -> None:
    """Fetch the jars before the workers start, so they never fetch into the cache at once."""
    if settings.uses_local_server:
        ensure_jars(ServerLayout.from_settings(settings), report=print)


@contextmanager
def worker_server(settings: Settings) -> Iterator[None]:
    """Run this worker's server for the session (one already running is left running)."""
    if not settings.uses_local_server:
        yield
        return
    layout = ServerLayout.from_settings(settings)
    started = start_server(
        layout,
        password=settings.neo4j_password,
        timeout=settings.linkwatch_neo4j_start_timeout,
        report=lambda _line: None,
    )
    try:
        yield
    finally:
        if not started.already_running:
            stop_server(layout)


def spare_environment(slot: int) -> dict[str, str]:
    """Home and port of this worker's spare server ``slot``, as environment variables.

    The home is emptied first, so the server starts on a fresh store.
    """
    if slot not in SPARE_SLOTS:
        raise ValueError(f"spare slot {slot} is not one of {SPARE_SLOTS}")
    port, home = _base()
    name, index = _worker()
    spare_home = home / "spare" / f"{slot}-{name or 'main'}"
    stop_all(spare_home)
    shutil.rmtree(spare_home, ignore_errors=True)
    spare_home.mkdir(parents=True)
    return {
        "NEO4J_URI": "",
        "NEO4J_PASSWORD": "",
        "LINKWATCH_HOME": str(spare_home),
        "LINKWATCH_NEO4J_BOLT_PORT": str(port + MAX_WORKERS * slot + index),
    }


def stop_all(home: Path) -> list[Path]:
    """Stop every server whose home is under ``home``; return the homes stopped."""
    stopped = []
    for pid_file in sorted(home.glob(f"**/{_PID_FILE}")):
        server_home = pid_file.parents[1]
        layout = ServerLayout(home=server_home, jar_dir=Path(), version="", bolt_port=0)
        if stop_server(layout):
            stopped.append(server_home)
    return stopped


if __name__ == "__main__":
    if sys.argv[1:] != ["stop"]:
        sys.exit("usage: python -m tests.servers stop")
    for stopped_home in stop_all(_base()[1]):
        print(f"Stopped the test server left running in {stopped_home}.")
