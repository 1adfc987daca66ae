"""Refused requests in the audit log: who tried to reach what, and was turned away.

A 403 (the role may not) is logged on every route; a 404 only on the personal-data routes
(those behind :func:`api.security.auth.audit_trail`), where "no such person" is itself an
answer about a person. Requests without a valid key (401) are not users yet and are left to
the authentication limits. The entry names the people among the request's parameters, so
"who tried to look at this person" is the same query as "who looked at them".
"""

from __future__ import annotations

import logging
from http import HTTPStatus

import neo4j.exceptions
from fastapi import Request

from api.security.auth import JUSTIFICATION_HEADER, AuditTrail, request_trail
from governance.justification import justification_problem
from queries.people import people_mentioned

__all__ = ["OUTCOMES", "record_refusal"]

LOG = logging.getLogger("linkwatch.api")

#: The audit outcome of each refusal that is logged.
OUTCOMES = {HTTPStatus.FORBIDDEN: "forbidden", HTTPStatus.NOT_FOUND: "not_found"}


def _trail(request: Request, status: HTTPStatus) -> AuditTrail | None:
    trail: AuditTrail | None = getattr(request.state, "audit_trail", None)
    if trail is not None or status is not HTTPStatus.FORBIDDEN:
        return trail
    user = getattr(request.state, "user", None)
    if user is None:
        return None
    given = request.headers.get(JUSTIFICATION_HEADER) or getattr(
        request.state, "session_justification", None
    )
    reason = given if given and justification_problem(given) is None else None
    return request_trail(request, user, reason)


def record_refusal(request: Request, status: HTTPStatus, detail: str) -> None:
    """Append an entry for a refused request, if it is one the log must hold.

    Parameters
    ----------
    request
        The refused request.
    status
        The status it is answered with; only those in :data:`OUTCOMES` are logged.
    detail
        The refusal's message, kept in the entry's parameters.

    Notes
    -----
    If Neo4j cannot take the entry the refusal is still answered (nothing is disclosed by a
    refusal) and the failure goes to the service log.
    """
    outcome = OUTCOMES.get(status)
    trail = _trail(request, status) if outcome else None
    if outcome is None or trail is None:
        return
    try:
        people = people_mentioned(trail.driver, trail.database, trail.parameters)
        trail.record(people, extra={"refused": detail}, outcome=outcome)
    except (neo4j.exceptions.Neo4jError, neo4j.exceptions.DriverError) as error:
        LOG.error("Could not log a refused request to %s: %s", trail.endpoint, error)
