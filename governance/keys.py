"""API keys: generated with ``secrets``, stored only as argon2 hashes."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

__all__ = ["IssuedKey", "dummy_hash", "hash_key", "issue_key", "key_id_of", "verify_key"]

_HASHER = PasswordHasher()  # argon2id with the library's current recommended parameters
_KEY_PATTERN = re.compile(r"^lw_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$")


@dataclass(frozen=True)
class IssuedKey:
    """A new key: shown once to its holder; only ``key_id`` and ``hash`` are stored."""

    key_id: str
    secret: str
    hash: str


def issue_key() -> IssuedKey:
    """Generate a new API key ``lw_<key id>_<secret>`` and its argon2 hash."""
    key_id = secrets.token_hex(6)
    secret = f"lw_{key_id}_{secrets.token_urlsafe(32)}"
    return IssuedKey(key_id, secret, hash_key(secret))


def hash_key(secret: str) -> str:
    """The argon2id hash of a key."""
    return _HASHER.hash(secret)


@cache
def dummy_hash() -> str:
    """The hash of a random key nobody holds, made once per process.

    Checking a key whose id is unknown (or revoked) against this hash costs the same as a
    wrong secret for a real key, so timing does not tell which key ids exist.
    """
    return hash_key(secrets.token_urlsafe(32))


def key_id_of(secret: str) -> str | None:
    """The key id a presented key claims, or None when it is not shaped like a key.

    Examples
    --------
    >>> key_id_of("lw_0123456789ab_" + "x" * 43)
    '0123456789ab'
    >>> key_id_of("' OR 1=1 //") is None
    True
    """
    match = _KEY_PATTERN.match(secret)
    return match.group(1) if match else None


def verify_key(secret: str, stored_hash: str) -> bool:
    """Whether ``secret`` matches the stored argon2 hash (constant-time inside argon2)."""
    try:
        return _HASHER.verify(stored_hash, secret)
    except (VerificationError, InvalidHashError):
        return False
