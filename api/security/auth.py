"""FastAPI dependencies: who is calling, may they, how often, and why.

Every route that returns personal data depends on :func:`audit_trail`, which authenticates
the key, checks the role's capability, applies the key's rate limit, requires the
justification header, and hands the route an :class:`AuditTrail` to record what it returned.
"""

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Annotated, Any

import neo4j
from fastapi import Depends, Request, Security
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer
from limits import parse
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter
from pydantic import BaseModel

from api.errors import Forbidden, JustificationRequired, RateLimited, Unauthenticated
from api.security.sessions import COOKIE, opens_with_cookie
from governance.audit import AuditAction, append_entry
from governance.justification import JUSTIFICATION_RULE, justification_problem
from governance.keys import key_id_of
from governance.roles import Capability, allowed
from governance.users import ApiUser
from graph_model.errors import InvalidInput
from queries.people import people_mentioned

__all__ = [
    "JUSTIFICATION_HEADER",
    "AuditTrail",
    "RateLimit",
    "audit_trail",
    "authenticated",
    "checked_justification",
    "permitted",
    "request_trail",
]

LOG = logging.getLogger("linkwatch.api")
JUSTIFICATION_HEADER = "X-Justification"
_api_key = APIKeyHeader(
    name="X-API-Key", auto_error=False, description="An API key from `linkwatch users add`."
)
_bearer = HTTPBearer(
    auto_error=False, description="An OIDC access token (when LINKWATCH_OIDC_* are set)."
)
_justification = APIKeyHeader(
    name=JUSTIFICATION_HEADER,
    auto_error=False,
    scheme_name="Justification",
    description="The case or incident reference this request is made for (DPA 2018 s.62).",
)


class RateLimit:
    """A moving-window limit per user, in memory (one API process; see the README)."""

    def __init__(self, rule: str) -> None:
        self._item = parse(rule)
        self._limiter = MovingWindowRateLimiter(MemoryStorage())

    def check(self, user: str) -> None:
        """Count one request for ``user``.

        Raises
        ------
        RateLimited
            When the user is over the limit, with the seconds until the window frees up.
        """
        if not self._limiter.hit(self._item, user):
            reset = self._limiter.get_window_stats(self._item, user).reset_time
            raise RateLimited(
                f"Too many requests for this key (limit {self._item}).",
                retry_after=max(1, int(reset - time.time()) + 1),
            )


def authenticated(
    request: Request,
    key: Annotated[str | None, Security(_api_key)] = None,
    bearer: Annotated[HTTPAuthorizationCredentials | None, Security(_bearer)] = None,
) -> ApiUser:
    """The user behind the ``X-API-Key`` header (or a viewer session cookie), rate-limited.

    A session cookie is accepted only for reading a view (see
    :func:`api.security.sessions.opens_with_cookie`), and only while the key it was opened
    with is live. Failed keys and tokens are counted per client and per key id, written to
    the audit log, and met with a growing back-off (:class:`FailedSignIns`).

    Raises
    ------
    Unauthenticated
        Without a key, token or session; with a key that is unknown, wrong or revoked; or
        with a bearer token that is invalid, expired or carries no role.
    RateLimited
        When the user is over their limit, or the client or key id is backing off.
    """
    user: ApiUser | None = None
    state = request.app.state
    if bearer is not None and not key:
        if state.bearer_verifier is None:
            raise Unauthenticated("Bearer tokens are not accepted here; use an API key.")
        user = _signed_in(request, None, lambda: state.bearer_verifier.user_for(bearer.credentials))
    elif key:
        user = state.authenticator.remembered(key) or _signed_in(
            request, key_id_of(key), lambda: state.authenticator.user_for(key)
        )
    elif opens_with_cookie(request.method, _route_path(request)):
        user = _session_user(request)
    if user is None:
        raise Unauthenticated("An API key is required: send it in the X-API-Key header.")
    state.rate_limit.check(user.name)
    request.state.user = user
    return user


def _route_path(request: Request) -> str:
    route = request.scope.get("route")
    return getattr(route, "path_format", request.url.path)


def _client(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def _signed_in(
    request: Request, key_id: str | None, check: Callable[[], ApiUser | None]
) -> ApiUser:
    """Run an expensive credential check unless backing off; count and log a failure."""
    client = _client(request)
    request.app.state.failed_sign_ins.check(client, key_id)
    try:
        user = check()
        if user is None:
            raise Unauthenticated("The API key is not valid (unknown, wrong or revoked).")
    except Unauthenticated as refused:
        lockout = request.app.state.failed_sign_ins.failed(client, key_id)
        _record_refusal(request, client, key_id, str(refused), lockout)
        raise
    return user


def _record_refusal(
    request: Request, client: str, key_id: str | None, reason: str, lockout: float
) -> None:
    if lockout:
        LOG.warning(
            "Sign-ins from %s (key id %s) back off for %.0f s after repeated failures.",
            client,
            key_id or "-",
            lockout,
        )
    append_entry(
        request.app.state.driver,
        request.app.state.target.database,
        key=request.app.state.audit_key,
        actor="unauthenticated",
        role="none",
        action=AuditAction.AUTHENTICATION,
        endpoint=f"{request.method} {_route_path(request)}",
        parameters={
            "client": client,
            "key_id": key_id,
            "reason": reason,
            "lockout_seconds": lockout,
        },
        outcome="refused",
    )


def _session_user(request: Request) -> ApiUser | None:
    """The user of a live viewer session whose key is still live, or None."""
    sessions = request.app.state.sessions
    token = request.cookies.get(COOKIE)
    session = sessions.get(token)
    if session is None:
        return None
    if session.key_id is not None and not request.app.state.authenticator.key_is_live(
        session.key_id
    ):
        sessions.close(token)
        return None
    request.state.session_justification = session.justification
    return session.user


def permitted(capability: Capability) -> Callable[..., ApiUser]:
    """A dependency that lets through only users whose role has ``capability``."""

    def dependency(user: Annotated[ApiUser, Depends(authenticated)]) -> ApiUser:
        if not allowed(user.role, capability):
            raise Forbidden(f"The {user.role} role may not {capability.value.replace('_', ' ')}.")
        return user

    return dependency


@dataclass
class AuditTrail:
    """What a personal-data request must record before it answers."""

    driver: neo4j.Driver
    database: str
    audit_key: bytes
    user: ApiUser
    justification: str | None
    endpoint: str
    parameters: dict[str, Any] = field(default_factory=dict)

    def record(
        self,
        people: list[str] | set[str] | tuple[str, ...],
        *,
        action: AuditAction = AuditAction.CONSULTATION,
        extra: dict[str, Any] | None = None,
        outcome: str = "ok",
    ) -> None:
        """Append the entry: who, when, endpoint, parameters, people returned, why.

        Called by the route before it returns, so nothing is disclosed unless it is logged;
        a refused request is recorded with its ``outcome`` (``forbidden``, ``not_found``,
        ``refused: expired``...).
        """
        append_entry(
            self.driver,
            self.database,
            key=self.audit_key,
            actor=self.user.name,
            role=self.user.role.value,
            action=action,
            endpoint=self.endpoint,
            parameters={**self.parameters, **(extra or {})},
            people=people,
            justification=self.justification,
            outcome=outcome,
        )

    def record_document(
        self, document: BaseModel, *, action: AuditAction = AuditAction.CONSULTATION
    ) -> None:
        """Record a document, naming every person whose id appears anywhere in it."""
        people = people_mentioned(self.driver, self.database, document.model_dump(mode="json"))
        self.record(people, action=action)


def checked_justification(value: str | None) -> str:
    """The justification, if present and shaped like a case or incident reference.

    Raises
    ------
    JustificationRequired
        When it is missing (428).
    InvalidInput
        When it is not a plausible case or incident reference (400), as
        :func:`governance.justification.justification_problem` (which the CLI uses too) says.
    """
    if not value:
        raise JustificationRequired(
            "This request returns personal data, so it needs a justification: send the "
            f"case or incident reference it is for in the {JUSTIFICATION_HEADER} header."
        )
    problem = justification_problem(value)
    if problem:
        raise InvalidInput(
            f"The {JUSTIFICATION_HEADER} header {problem}: it must be a case or incident "
            f"reference of {JUSTIFICATION_RULE}.",
            details=[{"field": JUSTIFICATION_HEADER, "reason": problem}],
        )
    return value


def request_trail(request: Request, user: ApiUser, justification: str | None) -> AuditTrail:
    """The trail of a request: its user, route template and parameters, and the reason given.

    Parameters
    ----------
    request
        The request (its route must have been matched).
    user
        Who made it.
    justification
        The checked justification, or None (a refused request may have come without one).
    """
    route = request.scope.get("route")
    return AuditTrail(
        request.app.state.driver,
        request.app.state.target.database,
        request.app.state.audit_key,
        user,
        justification,
        f"{request.method} {getattr(route, 'path_format', request.url.path)}",
        {**request.path_params, **dict(request.query_params)},
    )


def audit_trail(capability: Capability) -> Callable[..., AuditTrail]:
    """A dependency for personal-data routes: permission, justification, then the trail.

    Raises
    ------
    JustificationRequired
        Without the ``X-Justification`` header (428).
    InvalidInput
        When the justification is not a plausible case or incident reference.
    """

    def dependency(
        request: Request,
        user: Annotated[ApiUser, Depends(permitted(capability))],
        justification: Annotated[str | None, Security(_justification)] = None,
    ) -> AuditTrail:
        justification = checked_justification(
            justification or getattr(request.state, "session_justification", None)
        )
        trail = request_trail(request, user, justification)
        request.state.audit_trail = trail  # so a refusal (404) on this route is logged too
        return trail

    return dependency
