"""Connecting to Neo4j: which server, with which credentials, failing fast and clearly.

With ``NEO4J_URI`` unset, the project's own local server is used (see
:mod:`graph_model.local_server`); otherwise the given server. Either way a person who cannot
reach the database is told, within seconds and in one line, which URI failed and how to start
a server.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

import neo4j
import neo4j.exceptions
from pydantic import SecretStr

from graph_model.errors import ConfigurationError, ServiceUnavailable
from graph_model.local_server.layout import ServerLayout
from graph_model.settings import Settings

__all__ = [
    "ConnectionTarget",
    "create_driver",
    "current_read_time_limit",
    "open_driver",
    "read",
    "read_time_limit",
    "resolve_target",
    "session_driver",
    "verify",
]

_LOCAL_HINT = (
    "Start the project's server with `linkwatch neo4j start` (or `make demo`), "
    "or point NEO4J_URI at a running server (e.g. `docker compose up -d neo4j`)."
)
_REMOTE_HINT = (
    "Check that the server is running and NEO4J_URI is right; to use the project's own "
    "server instead, unset NEO4J_URI and run `linkwatch neo4j start`."
)


@dataclass(frozen=True)
class ConnectionTarget:
    """Where and as whom to connect."""

    uri: str
    user: str
    password: SecretStr
    database: str
    is_local: bool

    @property
    def hint(self) -> str:
        """What to do when this target cannot be reached."""
        return _LOCAL_HINT if self.is_local else _REMOTE_HINT


def resolve_target(settings: Settings) -> ConnectionTarget:
    """Work out which server to use from the settings.

    Parameters
    ----------
    settings
        The application settings.

    Returns
    -------
    ConnectionTarget
        The external server named by ``NEO4J_URI``, or the local server.

    Raises
    ------
    ServiceUnavailable
        If the local server has never been started (it has no password yet).
    ConfigurationError
        If ``NEO4J_URI`` is set without ``NEO4J_PASSWORD``.
    """
    if settings.uses_local_server:
        layout = ServerLayout.from_settings(settings)
        password = settings.neo4j_password or layout.read_password()
        if password is None:
            raise ServiceUnavailable(
                f"Cannot reach Neo4j at {layout.bolt_uri}: the local server has never been "
                f"started in {layout.home}.",
                hint=_LOCAL_HINT,
            )
        return ConnectionTarget(
            uri=layout.bolt_uri,
            user="neo4j",
            password=password,
            database=settings.neo4j_database,
            is_local=True,
        )
    if settings.neo4j_password is None:
        raise ConfigurationError(
            f"NEO4J_URI is set to {settings.neo4j_uri} but NEO4J_PASSWORD is not set.",
            hint="Set NEO4J_PASSWORD (and NEO4J_USER if not 'neo4j') in the environment or .env.",
        )
    assert settings.neo4j_uri is not None  # uses_local_server is False
    return ConnectionTarget(
        uri=settings.neo4j_uri,
        user=settings.neo4j_user,
        password=settings.neo4j_password,
        database=settings.neo4j_database,
        is_local=False,
    )


def create_driver(target: ConnectionTarget, *, timeout: float = 3.0) -> neo4j.Driver:
    """Create a driver for ``target`` without contacting the server.

    Parameters
    ----------
    target
        Where to connect.
    timeout
        Seconds allowed for the TCP connection and the Bolt handshake of each connection.

    Returns
    -------
    neo4j.Driver
        An unverified driver; the caller closes it.

    Raises
    ------
    ConfigurationError
        If the URI is malformed.
    """
    try:
        return neo4j.GraphDatabase.driver(
            target.uri,
            auth=(target.user, target.password.get_secret_value()),
            connection_timeout=timeout,
            connection_acquisition_timeout=timeout + 1,
            max_transaction_retry_time=15.0,
            user_agent="linkwatch",
            notifications_min_severity="OFF",
        )
    except (ValueError, neo4j.exceptions.ConfigurationError) as error:
        raise ConfigurationError(
            f"NEO4J_URI {target.uri!r} is not a valid Neo4j URI ({error}).",
            hint="Use a form such as bolt://127.0.0.1:7687 or neo4j+s://host:7687.",
        ) from None


def verify(driver: neo4j.Driver, target: ConnectionTarget) -> None:
    """Check the server answers and accepts the credentials.

    Parameters
    ----------
    driver
        A driver created for ``target``.
    target
        Where it connects (named in the error).

    Raises
    ------
    ServiceUnavailable
        If the server does not answer in time.
    ConfigurationError
        If the credentials are refused.
    """
    try:
        driver.verify_connectivity()
    except neo4j.exceptions.AuthError:
        raise ConfigurationError(
            f"Neo4j at {target.uri} refused the credentials of user {target.user!r}.",
            hint="Check NEO4J_USER and NEO4J_PASSWORD.",
        ) from None
    except neo4j.exceptions.ClientError as error:
        if "RateLimit" not in (error.code or ""):
            raise
        raise ConfigurationError(
            f"Neo4j at {target.uri} is refusing logins for user {target.user!r} after too many "
            "failed attempts.",
            hint="Wait a few seconds, then check NEO4J_USER and NEO4J_PASSWORD.",
        ) from None
    except (neo4j.exceptions.DriverError, neo4j.exceptions.Neo4jError, OSError) as error:
        raise ServiceUnavailable(
            f"Cannot reach Neo4j at {target.uri} ({type(error).__name__}).", hint=target.hint
        ) from None


def open_driver(target: ConnectionTarget, *, timeout: float = 3.0) -> neo4j.Driver:
    """Create a driver for ``target`` and check the server answers.

    Parameters
    ----------
    target
        Where to connect.
    timeout
        Seconds allowed for the TCP connection and the Bolt handshake; the whole check takes
        at most about ``timeout + 1`` seconds.

    Returns
    -------
    neo4j.Driver
        A verified driver; the caller closes it.

    Raises
    ------
    ServiceUnavailable
        If the server does not answer in time.
    ConfigurationError
        If the URI is malformed or the credentials are refused.
    """
    driver = create_driver(target, timeout=timeout)
    try:
        verify(driver, target)
    except Exception:
        driver.close()
        raise
    return driver


#: The time limit on reads in the current request or command, set by :func:`read_time_limit`.
#: A context variable, not a global: each API request (and each thread it uses) sees the
#: limit of the app serving it, each CLI command the limit of its settings.
_READ_TIME_LIMIT: ContextVar[float | None] = ContextVar("linkwatch_read_time_limit", default=None)


@contextmanager
def read_time_limit(seconds: float | None) -> Iterator[None]:
    """Cap every :func:`read` inside the block at ``seconds`` in Neo4j (None: no cap).

    The server's own ``db.transaction.timeout`` still applies to everything; this is the
    tighter limit for interactive work, so one heavy query cannot hold the database. The API
    applies ``LINKWATCH_API_QUERY_TIMEOUT`` to each request; :func:`session_driver` applies
    ``LINKWATCH_QUERY_TIMEOUT`` to a command.

    Parameters
    ----------
    seconds
        The limit; None leaves only the server's own.

    Examples
    --------
    >>> with read_time_limit(2.5):
    ...     current_read_time_limit()
    2.5
    >>> current_read_time_limit() is None
    True
    """
    token = _READ_TIME_LIMIT.set(seconds)
    try:
        yield
    finally:
        _READ_TIME_LIMIT.reset(token)


def current_read_time_limit() -> float | None:
    """The limit :func:`read` applies here, in seconds (None: only the server's own)."""
    return _READ_TIME_LIMIT.get()


def read(
    driver: neo4j.Driver, database: str, query: str, parameters: dict[str, Any] | None = None
) -> list[neo4j.Record]:
    """Run one read statement, routed to readers; a lost connection becomes ServiceUnavailable.

    Parameters
    ----------
    driver, database
        Where to read.
    query
        A statement from :func:`graph_model.cypher_catalogue.cypher`.
    parameters
        Its parameters.

    Returns
    -------
    list[neo4j.Record]
        The records.
    """
    limit = _READ_TIME_LIMIT.get()
    try:
        statement = neo4j.Query(query, timeout=limit) if limit else query
        return driver.execute_query(
            statement, parameters or {}, database_=database, routing_=neo4j.RoutingControl.READ
        ).records
    except (neo4j.exceptions.ServiceUnavailable, neo4j.exceptions.SessionExpired) as error:
        raise ServiceUnavailable(f"Neo4j became unavailable during a read ({error}).") from None


@contextmanager
def session_driver(settings: Settings) -> Iterator[tuple[neo4j.Driver, ConnectionTarget]]:
    """Open a verified driver for the configured server and close it afterwards.

    Parameters
    ----------
    settings
        The application settings.

    Yields
    ------
    tuple[neo4j.Driver, ConnectionTarget]
        The driver and the target it is connected to; reads through :func:`read` inside the
        block run under ``LINKWATCH_QUERY_TIMEOUT``, if set.
    """
    target = resolve_target(settings)
    driver = open_driver(target, timeout=settings.linkwatch_connect_timeout)
    try:
        with read_time_limit(settings.linkwatch_query_timeout):
            yield driver, target
    finally:
        driver.close()
