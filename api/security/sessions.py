"""Browser sessions for the viewer: an API key and a justification exchanged for a cookie.

Browsers cannot add an API-key header when following a link, so the viewer's login page sends
the key once and receives an HttpOnly, SameSite=Strict cookie naming a random session. The
session carries the justification given at login, which every view then records in the audit
log. Sessions live in memory (one API process) and expire after ``lifetime_seconds``; cookie
sessions may only read (GET): anything that changes data needs the key itself, so a forged
cross-site request can do nothing.
"""

from __future__ import annotations

import secrets
import threading
import time
from dataclasses import dataclass

from governance.users import ApiUser

__all__ = ["COOKIE", "Session", "SessionStore"]

COOKIE = "lw_session"


@dataclass(frozen=True)
class Session:
    """Who opened the session, why, and until when (monotonic seconds)."""

    user: ApiUser
    justification: str
    expires: float


class SessionStore:
    """Random session tokens in memory, each with its user, justification and expiry."""

    def __init__(self, *, lifetime_seconds: float = 8 * 3600) -> None:
        self.lifetime_seconds = lifetime_seconds
        self._sessions: dict[str, Session] = {}
        self._lock = threading.Lock()

    def open(self, user: ApiUser, justification: str) -> str:
        """Start a session and return its token."""
        token = secrets.token_urlsafe(32)
        with self._lock:
            now = time.monotonic()
            self._sessions = {t: s for t, s in self._sessions.items() if s.expires > now}
            self._sessions[token] = Session(user, justification, now + self.lifetime_seconds)
        return token

    def get(self, token: str | None) -> Session | None:
        """The live session of a token, or None."""
        if not token:
            return None
        with self._lock:
            session = self._sessions.get(token)
        if session is None or session.expires <= time.monotonic():
            return None
        return session

    def close(self, token: str | None) -> None:
        """End a session (logging out)."""
        with self._lock:
            self._sessions.pop(token or "", None)
