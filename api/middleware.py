"""ASGI middleware: security headers, a cap on request bodies, the access log, a read time limit.

The access log names the route a request matched, never the path or query it was called with.
"""

from __future__ import annotations

import logging
import time
from http import HTTPStatus

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.problems import problem_response
from graph_model.connection import read_time_limit

__all__ = ["ACCESS_LOGGER", "AccessLog", "BodySizeLimit", "ReadTimeLimit", "SecurityHeaders"]

#: The logger of the access log (uvicorn's own access log is off: it writes search terms
#: and person ids, which are personal data, into a log nobody audits).
ACCESS_LOGGER = "linkwatch.access"

_HEADERS = {
    b"x-content-type-options": b"nosniff",
    b"x-frame-options": b"DENY",
    b"referrer-policy": b"no-referrer",
    b"cross-origin-opener-policy": b"same-origin",
    b"cross-origin-resource-policy": b"same-origin",
    b"permissions-policy": b"camera=(), microphone=(), geolocation=()",
    b"cache-control": b"no-store",
    b"strict-transport-security": b"max-age=31536000",
}
_API_CSP = b"default-src 'none'; frame-ancestors 'none'"
# Swagger UI (only when docs are switched on) loads its script and styles from a CDN.
_DOCS_CSP = (
    b"default-src 'none'; script-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; "
    b"style-src 'self' https://cdn.jsdelivr.net; "
    b"img-src 'self' data: https://fastapi.tiangolo.com; "
    b"connect-src 'self'; frame-ancestors 'none'"
)


class ReadTimeLimit:
    """Runs each request under its app's limit on how long one read may take in Neo4j.

    The limit belongs to the app (``LINKWATCH_API_QUERY_TIMEOUT`` of the settings it was built
    with), so two apps in one process keep their own; see
    :func:`graph_model.connection.read_time_limit`.
    """

    def __init__(self, app: ASGIApp, *, seconds: float | None) -> None:
        self.app = app
        self.seconds = seconds

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass the request on with the limit set for everything it runs."""
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        with read_time_limit(self.seconds):
            await self.app(scope, receive, send)


class SecurityHeaders:
    """Adds the security headers (and a strict CSP) to every response, errors included."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass the request on, adding the headers to the response's start message."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        csp = _DOCS_CSP if scope["path"] == "/docs" else _API_CSP

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in _HEADERS.items() if k not in present]
                if b"content-security-policy" not in present:  # views set their own, with a nonce
                    extra.append((b"content-security-policy", csp))
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        await self.app(scope, receive, with_headers)


class BodySizeLimit:
    """Refuses request bodies over ``max_bytes`` with 413, by header or while streaming."""

    def __init__(self, app: ASGIApp, *, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass the request on unless its body is, or turns out to be, too large."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_bytes):
            await self._refuse(scope, receive, send)
            return
        received = 0

        async def counting() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise _TooLarge
            return message

        try:
            await self.app(scope, counting, send)
        except _TooLarge:
            await self._refuse(scope, receive, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = problem_response(
            HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
            f"The request body is larger than the {self.max_bytes:,} bytes allowed.",
            instance=scope["path"],
        )
        await response(scope, receive, send)


class _TooLarge(Exception):
    pass


class AccessLog:
    """Logs each request as method, route template, status and duration.

    ``GET /api/v1/people/{person_id} 200 12.3 ms``: the template the request matched, not
    the path, and no query string, so names searched for and ids looked up never reach the
    log; a request that matched no route is logged as ``(no route)``.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.logger = logging.getLogger(ACCESS_LOGGER)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass the request on and log it once the response has started."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def noting_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        try:
            await self.app(scope, receive, noting_status)
        finally:
            route = scope.get("route")
            template = getattr(route, "path", None) or "(no route)"
            self.logger.info(
                "%s %s %d %.1f ms",
                scope.get("method", "?"),
                template,
                status,
                (time.perf_counter() - started) * 1000,
            )
