"""API users in Neo4j: created, listed, rotated and revoked; keys checked with argon2."""

from __future__ import annotations

import hashlib
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import neo4j
from pydantic import SecretStr

from governance.keys import dummy_hash, issue_key, key_id_of, verify_key
from governance.roles import Role
from graph_model.base import from_neo4j
from graph_model.connection import read
from graph_model.cypher_catalogue import cypher
from graph_model.errors import Conflict, InvalidInput, NotFound
from graph_model.service_records import ApiUserAccount

__all__ = ["ApiUser", "Authenticator", "create_user", "list_users", "revoke_user", "rotate_key"]

_NAME_CHARACTERS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789._-@")


@dataclass(frozen=True)
class ApiUser:
    """Who is calling: their name, role and organisation (``nhs`` for NHS partners)."""

    name: str
    role: Role
    organisation: str


def _query(name: str) -> str:
    return cypher(name, package="governance")


def _check_name(name: str) -> None:
    if not 3 <= len(name) <= 64 or not set(name) <= _NAME_CHARACTERS:
        raise InvalidInput(
            f"user name {name!r} is not allowed.",
            hint="Use 3-64 lower-case letters, digits and . _ - @ (e.g. a.analyst@force).",
        )


def create_user(
    driver: neo4j.Driver,
    database: str,
    *,
    name: str,
    role: Role,
    organisation: str,
    created_by: str,
) -> str:
    """Create a user and return their new API key (shown once; only its hash is kept).

    Raises
    ------
    InvalidInput
        For a badly formed name or organisation.
    Conflict
        If a user with that name exists (revoked users keep their name, for the audit log).
    """
    _check_name(name)
    _check_name(organisation)
    key = issue_key()
    account = ApiUserAccount.checked(
        name=name,
        role=role.value,
        organisation=organisation,
        key_id=key.key_id,
        key_hash=SecretStr(key.hash),
        created_at=datetime.now(UTC),
        created_by=created_by,
    )
    try:
        driver.execute_query(
            _query("users/create"), {"user": account.to_properties()}, database_=database
        )
    except neo4j.exceptions.ConstraintError:
        raise Conflict(f"a user called {name!r} already exists.") from None
    return key.secret


def list_users(driver: neo4j.Driver, database: str) -> list[dict[str, Any]]:
    """Every user (never their key hash), by name."""
    return [from_neo4j(record.data()) for record in read(driver, database, _query("users/list"))]


def revoke_user(driver: neo4j.Driver, database: str, name: str, *, revoked_by: str) -> None:
    """Revoke a user's key at once (the user stays, so the audit log still names them).

    Raises
    ------
    NotFound
        If there is no active user of that name.
    """
    records = driver.execute_query(
        _query("users/revoke"), {"name": name, "revoked_by": revoked_by}, database_=database
    ).records
    if not records:
        raise NotFound(f"no active user called {name!r}.")


def rotate_key(driver: neo4j.Driver, database: str, name: str) -> str:
    """Give an active user a new key and return it; the old key stops working.

    Raises
    ------
    NotFound
        If there is no active user of that name.
    """
    key = issue_key()
    records = driver.execute_query(
        _query("users/rotate"),
        {"name": name, "key_id": key.key_id, "key_hash": key.hash},
        database_=database,
    ).records
    if not records:
        raise NotFound(f"no active user called {name!r}.")
    return key.secret


class Authenticator:
    """Turns a presented key into a user.

    argon2 is slow on purpose (hundreds of milliseconds), so a verified key is remembered, by
    its SHA-256, for ``cache_seconds``: a revoked or rotated key stops working within that
    time. A key that fails verification is never cached. A key id that is unknown or revoked
    is checked against a dummy hash, so it costs the same as a wrong secret for a live key.
    Whether a key id is still live (for the viewer sessions opened with it) is remembered for
    the same time.
    """

    def __init__(self, driver: neo4j.Driver, database: str, *, cache_seconds: float = 30.0):
        self._driver = driver
        self._database = database
        self._cache_seconds = cache_seconds
        self._verified: dict[str, tuple[float, ApiUser]] = {}
        self._live: dict[str, tuple[float, bool]] = {}
        self._lock = threading.Lock()

    def remembered(self, secret: str) -> ApiUser | None:
        """The user of a key verified less than ``cache_seconds`` ago (no argon2), or None."""
        fingerprint = hashlib.sha256(secret.encode()).hexdigest()
        with self._lock:
            cached = self._verified.get(fingerprint)
        if cached and time.monotonic() - cached[0] < self._cache_seconds:
            return cached[1]
        return None

    def user_for(self, secret: str) -> ApiUser | None:
        """The active user holding ``secret``, or None for an unknown, wrong or revoked key."""
        key_id = key_id_of(secret)
        if key_id is None:
            return None
        remembered = self.remembered(secret)
        if remembered is not None:
            return remembered
        now = time.monotonic()
        records = read(self._driver, self._database, _query("users/by_key_id"), {"key_id": key_id})
        row = records[0] if records else None
        matches = verify_key(secret, row["key_hash"] if row else dummy_hash())
        if row is None or row["revoked"] or not matches:
            return None
        user = ApiUser(row["name"], Role(row["role"]), row["organisation"])
        fingerprint = hashlib.sha256(secret.encode()).hexdigest()
        with self._lock:
            self._verified[fingerprint] = (now, user)
            self._live[key_id] = (now, True)
        return user

    def key_is_live(self, key_id: str) -> bool:
        """Whether ``key_id`` is still some active user's key (not revoked, not rotated away).

        The answer is remembered for ``cache_seconds``, the same bound as verified keys.
        """
        now = time.monotonic()
        with self._lock:
            cached = self._live.get(key_id)
        if cached and now - cached[0] < self._cache_seconds:
            return cached[1]
        records = read(self._driver, self._database, _query("users/by_key_id"), {"key_id": key_id})
        live = bool(records) and not records[0]["revoked"]
        with self._lock:
            self._live[key_id] = (now, live)
        return live
