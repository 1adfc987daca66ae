"""The audit chain's HMAC key: kept outside Neo4j, so database access alone cannot re-sign it.

The key comes from ``LINKWATCH_AUDIT_KEY`` (a secret setting) or, when that is unset, from a
file (``LINKWATCH_AUDIT_KEY_FILE``, by default ``LINKWATCH_HOME/audit.key``). The file is made
on first use: 32 random bytes as hex, written to a new file created exclusively with mode
0600 (never through a symbolic link) and linked into place only if nothing is there yet. It
is refused if it is a symbolic link, is readable or writable by anyone but its owner, or
does not hold a key. Whoever can read it (the service's account, and the operators running
``linkwatch`` as that account) can sign entries; keep it off the database host if you can,
and back it up: without it the keyed part of the chain cannot be verified.
"""

from __future__ import annotations

import errno
import os
import secrets
import stat
from pathlib import Path

from graph_model.errors import ConfigurationError
from graph_model.settings import Settings

__all__ = ["audit_key_file", "load_audit_key"]

_MIN_SECRET_CHARACTERS = 32
_KEY_BYTES = 32


def audit_key_file(settings: Settings) -> Path:
    """Where the key file is (whether or not it exists yet)."""
    return settings.linkwatch_audit_key_file or settings.linkwatch_home.resolve() / "audit.key"


def load_audit_key(settings: Settings) -> bytes:
    """The HMAC key for the audit chain, creating the key file on first use.

    Raises
    ------
    ConfigurationError
        When ``LINKWATCH_AUDIT_KEY`` is too short, or the key file is a symbolic link, is
        open to other users, cannot be created or read, or does not hold a key.
    """
    if settings.linkwatch_audit_key is not None:
        secret = settings.linkwatch_audit_key.get_secret_value()
        if len(secret) < _MIN_SECRET_CHARACTERS:
            raise ConfigurationError(
                f"LINKWATCH_AUDIT_KEY must be at least {_MIN_SECRET_CHARACTERS} characters.",
                hint='Make one with: python -c "import secrets; print(secrets.token_hex(32))"',
            )
        return secret.encode()
    path = audit_key_file(settings)
    if not os.path.lexists(path):
        _create(path)
    return _read(path)


def _create(path: Path) -> None:
    """Write a new key beside ``path``, then link it into place only if nothing is there.

    The key is complete before it appears (another process starting at the same moment
    reads either nothing or the whole key), and an existing file or link is never replaced.
    """
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(6)}")
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
        with os.fdopen(descriptor, "w", encoding="ascii") as handle:
            handle.write(secrets.token_hex(_KEY_BYTES) + "\n")
        try:
            os.link(temporary, path)
        except FileExistsError:
            pass  # another process made it first (or something is in the way): read that
        finally:
            os.unlink(temporary)
    except OSError as error:
        raise ConfigurationError(
            f"Cannot create the audit key file {path}: {error.strerror}."
        ) from None


def _read(path: Path) -> bytes:
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise ConfigurationError(
                f"The audit key file {path} is a symbolic link; refusing to follow it.",
                hint="Point LINKWATCH_AUDIT_KEY_FILE at the real file.",
            ) from None
        raise ConfigurationError(
            f"Cannot read the audit key file {path}: {error.strerror}."
        ) from None
    with os.fdopen(descriptor, "r", encoding="ascii", errors="replace") as handle:
        mode = os.fstat(handle.fileno()).st_mode
        if not stat.S_ISREG(mode):
            raise ConfigurationError(f"The audit key file {path} is not a regular file.")
        if mode & 0o077:
            raise ConfigurationError(
                f"The audit key file {path} is open to other users "
                f"(mode {stat.S_IMODE(mode):04o}).",
                hint=f"Make it private: chmod 600 {path}",
            )
        text = handle.read(1_000).strip()
    try:
        key = bytes.fromhex(text)
    except ValueError:
        key = b""
    if len(key) < _KEY_BYTES:
        raise ConfigurationError(
            f"The audit key file {path} does not hold a key ({_KEY_BYTES * 2} hex digits)."
        )
    return key
