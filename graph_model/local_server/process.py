"""Starting, watching and stopping the local Neo4j server process."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import neo4j
import neo4j.exceptions
from pydantic import SecretStr

from graph_model.cypher_catalogue import cypher
from graph_model.errors import ConfigurationError, ServiceUnavailable
from graph_model.local_server.config import JVM_FLAGS, write_config
from graph_model.local_server.fetch import ensure_jars
from graph_model.local_server.java import JavaRuntime, find_java
from graph_model.local_server.layout import ServerLayout

__all__ = [
    "ServerStatus",
    "StartResult",
    "log_tail",
    "server_status",
    "start_server",
    "stop_server",
]

_ENTRY_POINT = "org.neo4j.server.CommunityEntryPoint"
_ADMIN_TOOL = "org.neo4j.cli.AdminTool"


@dataclass(frozen=True)
class ServerStatus:
    """Whether the local server runs, and where."""

    running: bool
    pid: int | None
    uri: str
    home: Path
    version: str


@dataclass(frozen=True)
class StartResult:
    """What ``start_server`` did."""

    status: ServerStatus
    already_running: bool
    fetched_jars: bool
    seconds_to_ready: float


def _process_state(pid: int) -> str | None:
    """Return the kernel's one-letter state of ``pid`` (``None`` if it does not exist)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (FileNotFoundError, ProcessLookupError, IndexError):
        return None
    return fields[0] if fields else None


def _is_alive(pid: int) -> bool:
    state = _process_state(pid)
    if state == "Z":
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)  # reap our own child; harmless otherwise
        return False
    return state is not None


def _is_our_server(pid: int, layout: ServerLayout) -> bool:
    try:
        command_line = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except (FileNotFoundError, ProcessLookupError):
        return False
    return _ENTRY_POINT.encode() in command_line and (
        f"--home-dir={layout.home}".encode() in command_line
    )


def server_status(layout: ServerLayout) -> ServerStatus:
    """Report whether this instance's server process is running (clears a stale pid file).

    Parameters
    ----------
    layout
        The instance layout.

    Returns
    -------
    ServerStatus
        Running flag, pid, Bolt URI, home folder and version.
    """
    pid: int | None = None
    if layout.pid_file.is_file():
        text = layout.pid_file.read_text().strip()
        pid = int(text) if text.isdigit() else None
        if pid is None or not (_is_alive(pid) and _is_our_server(pid, layout)):
            layout.pid_file.unlink(missing_ok=True)
            pid = None
    return ServerStatus(
        running=pid is not None,
        pid=pid,
        uri=layout.bolt_uri,
        home=layout.home,
        version=layout.version,
    )


def _class_path(layout: ServerLayout) -> str:
    return f"{layout.home / 'plugins'}/*:{layout.conf_dir}/*:{layout.lib_dir}/*"


def _is_fresh_store(layout: ServerLayout) -> bool:
    return not (layout.data_dir / "databases" / "system").exists()


def _argument_file_text(argument: str) -> str:
    r"""One argument as a picocli argument file holds it: quoted, with ``\`` and ``"`` escaped.

    Examples
    --------
    >>> print(_argument_file_text('pa ss"wo\\rd'), end="")
    "pa ss\"wo\\rd"
    """
    escaped = argument.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"\n'


def _set_initial_password(java: JavaRuntime, layout: ServerLayout, password: SecretStr) -> None:
    # The password goes in an argument file (picocli's @file, which neo4j-admin reads), made
    # 0600 in the server's 0700 folder and removed at once, not on the command line, where
    # every local user could read it in the process list.
    environment = {**os.environ, "NEO4J_HOME": str(layout.home), "NEO4J_CONF": str(layout.conf_dir)}
    argument_file = layout.home / f".initial-password-{os.getpid()}"
    argument_file.unlink(missing_ok=True)
    descriptor = os.open(
        argument_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600
    )
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(_argument_file_text(password.get_secret_value()))
        result = subprocess.run(
            [
                str(java.executable),
                "-cp",
                _class_path(layout),
                _ADMIN_TOOL,
                "dbms",
                "set-initial-password",
                f"@{argument_file}",
            ],
            env=environment,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    finally:
        argument_file.unlink(missing_ok=True)
    if result.returncode != 0:
        raise ServiceUnavailable(
            f"neo4j-admin could not set the initial password: {result.stderr.strip()[-500:]}"
        )


def _ensure_port_free(port: int) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            raise ConfigurationError(
                f"Port {port} on 127.0.0.1 is already in use by another program "
                "(another Neo4j, perhaps from docker compose?).",
                hint="Stop it, or set LINKWATCH_NEO4J_BOLT_PORT to a free port.",
            ) from None


def log_tail(layout: ServerLayout, lines: int = 25) -> str:
    """Return the last ``lines`` lines of the server's console log (empty if none)."""
    if not layout.console_log.is_file():
        return ""
    return "\n".join(layout.console_log.read_text(errors="replace").splitlines()[-lines:])


def _bolt_answers(layout: ServerLayout, password: SecretStr) -> bool:
    try:
        with (
            neo4j.GraphDatabase.driver(
                layout.bolt_uri,
                auth=("neo4j", password.get_secret_value()),
                connection_timeout=2,
                connection_acquisition_timeout=3,
                notifications_min_severity="OFF",
            ) as driver,
            driver.session(database="neo4j") as session,
        ):
            session.run(cypher("admin/ping")).consume()
    except (neo4j.exceptions.DriverError, neo4j.exceptions.Neo4jError, OSError):
        return False
    return True


def start_server(
    layout: ServerLayout,
    *,
    password: SecretStr | None = None,
    timeout: float = 180.0,
    report: Callable[[str], None] = print,
) -> StartResult:
    """Start the local server unless it runs already, and wait until Bolt answers.

    Parameters
    ----------
    layout
        The instance layout.
    password
        Password for user ``neo4j``; if None, the stored one, or a new random one.
    timeout
        Seconds to wait for Bolt to answer before giving up.
    report
        Called with progress lines.

    Returns
    -------
    StartResult
        The status, whether it was already running, whether jars were fetched, and the
        seconds from launch to the first answered query.

    Raises
    ------
    ConfigurationError
        Java missing or unsupported, Maven missing, port taken.
    ServiceUnavailable
        Fetch failed, or the server exited or did not answer in time (with the log tail).
    """
    current = server_status(layout)
    if current.running:
        return StartResult(current, already_running=True, fetched_jars=False, seconds_to_ready=0.0)
    java = find_java()
    fetched = ensure_jars(layout, report=report)
    write_config(layout)
    secret = password or layout.read_password() or layout.create_password()
    if _is_fresh_store(layout):
        _set_initial_password(java, layout, secret)
    _ensure_port_free(layout.bolt_port)

    command = [
        str(java.executable),
        "-cp",
        _class_path(layout),
        f"-Xms{layout.heap}",
        f"-Xmx{layout.heap}",
        *JVM_FLAGS,
        _ENTRY_POINT,
        f"--home-dir={layout.home}",
        f"--config-dir={layout.conf_dir}",
        "--console-mode",
    ]
    launched = time.monotonic()
    with layout.console_log.open("ab") as console:
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=console,
            stderr=subprocess.STDOUT,
            cwd=layout.home,
            start_new_session=True,
        )
    layout.pid_file.write_text(str(process.pid), encoding="utf-8")
    report(
        f"Started Neo4j {layout.version} (pid {process.pid}); "
        f"waiting for Bolt on {layout.bolt_uri}..."
    )

    deadline = launched + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            layout.pid_file.unlink(missing_ok=True)
            raise ServiceUnavailable(
                f"Neo4j exited with code {process.returncode} during start-up. "
                f"Last lines of {layout.console_log}:\n{log_tail(layout)}"
            )
        if _bolt_answers(layout, secret):
            return StartResult(
                server_status(layout),
                already_running=False,
                fetched_jars=fetched,
                seconds_to_ready=time.monotonic() - launched,
            )
        time.sleep(0.5)
    stop_server(layout)
    raise ServiceUnavailable(
        f"Neo4j did not answer on {layout.bolt_uri} within {timeout:.0f} s and was stopped. "
        f"Last lines of {layout.console_log}:\n{log_tail(layout)}",
        hint="Raise LINKWATCH_NEO4J_START_TIMEOUT on a slow machine.",
    )


def stop_server(layout: ServerLayout, *, timeout: float = 120.0) -> bool:
    """Stop the server cleanly (SIGTERM, then SIGKILL after ``timeout`` seconds).

    Parameters
    ----------
    layout
        The instance layout.
    timeout
        Seconds to wait for a clean shutdown.

    Returns
    -------
    bool
        True if a running server was stopped, False if none was running.
    """
    current = server_status(layout)
    if not current.running or current.pid is None:
        return False
    os.kill(current.pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while _is_alive(current.pid) and time.monotonic() < deadline:
        time.sleep(0.2)
    if _is_alive(current.pid):
        os.kill(current.pid, signal.SIGKILL)
        while _is_alive(current.pid):
            time.sleep(0.1)
    layout.pid_file.unlink(missing_ok=True)
    return True
