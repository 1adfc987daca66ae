"""Browser sessions for the viewer: an API key and a justification exchanged for a cookie.

Browsers cannot add an API-key header when following a link, so the viewer's login page sends
the key once and receives an HttpOnly, SameSite=Strict cookie naming a random session. The
session carries the justification given at login, which every view then records in the audit
log. Sessions live in memory (one API process) and expire after ``lifetime_seconds`` (or
when the bearer token they were opened with expires, if sooner). A session remembers the key
id it was opened with, and ends once that key is revoked or rotated (within the key cache's
bound). A cookie opens views only: GET requests to the view pages and the data they fetch
(routes under :data:`VIEW_ROUTES`), never the general JSON routes, and never a request that
changes data, so a forged cross-site request can do nothing.
"""

from __future__ import annotations

import secrets
import threading
import time
from dataclasses import dataclass

from governance.users import ApiUser

__all__ = ["COOKIE", "VIEW_ROUTES", "Session", "SessionStore", "opens_with_cookie"]

COOKIE = "lw_session"
#: The route templates a session cookie opens: the view pages and their expand data.
VIEW_ROUTES = "/api/v1/views/"


def opens_with_cookie(method: str, route_path: str) -> bool:
    """Whether a session cookie may authenticate this request (a GET to a view route).

    Examples
    --------
    >>> opens_with_cookie("GET", "/api/v1/views/ego/{entity_id}")
    True
    >>> opens_with_cookie("GET", "/api/v1/people"), opens_with_cookie("POST", "/api/v1/views/x")
    (False, False)
    """
    return method == "GET" and route_path.startswith(VIEW_ROUTES)


@dataclass(frozen=True)
class Session:
    """Who opened the session, why, until when (monotonic seconds), and with which key id.

    ``key_id`` is None for a session opened with a bearer token (it ends with the token).
    """

    user: ApiUser
    justification: str
    expires: float
    key_id: str | None = None


class SessionStore:
    """Random session tokens in memory, each with its user, justification and expiry."""

    def __init__(self, *, lifetime_seconds: float = 8 * 3600) -> None:
        self.lifetime_seconds = lifetime_seconds
        self._sessions: dict[str, Session] = {}
        self._lock = threading.Lock()

    def open(
        self,
        user: ApiUser,
        justification: str,
        *,
        key_id: str | None = None,
        at_most_seconds: float | None = None,
    ) -> str:
        """Start a session and return its token.

        Parameters
        ----------
        user, justification
            Who opened it and the case reference it was opened for.
        key_id
            The id of the API key it was opened with (the session ends with that key).
        at_most_seconds
            A shorter lifetime than ``lifetime_seconds`` (a bearer token's remaining life).
        """
        token = secrets.token_urlsafe(32)
        lifetime = min(self.lifetime_seconds, at_most_seconds or self.lifetime_seconds)
        with self._lock:
            now = time.monotonic()
            self._sessions = {t: s for t, s in self._sessions.items() if s.expires > now}
            self._sessions[token] = Session(user, justification, now + lifetime, key_id)
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
