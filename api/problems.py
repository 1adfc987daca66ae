"""RFC 9457 problem+json responses, produced in one place for every error."""

from __future__ import annotations

import logging
from http import HTTPStatus

import neo4j.exceptions
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from api.errors import Forbidden, JustificationRequired, RateLimited, Unauthenticated
from api.security.refusals import OUTCOMES, record_refusal
from governance.sharing import NotShared
from graph_model.error_translation import translate
from graph_model.errors import (
    ConfigurationError,
    Conflict,
    InvalidInput,
    LinkwatchError,
    NotFound,
    ServiceUnavailable,
)

__all__ = ["PROBLEM_RESPONSES", "Problem", "install_problem_handlers", "problem_response"]

LOG = logging.getLogger("linkwatch.api")
PROBLEM_JSON = "application/problem+json"
RETRY_AFTER_SECONDS = 10


class Problem(BaseModel):
    """An RFC 9457 problem: what went wrong, for a person, and for a program."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str
    instance: str | None = None
    errors: list[dict[str, str]] | None = None


def _problem(description: str) -> dict[str, object]:
    return {
        "description": description,
        "content": {"application/problem+json": {"schema": Problem.model_json_schema()}},
    }


#: The error responses every /api/v1 route can give, documented in OpenAPI.
PROBLEM_RESPONSES: dict[int | str, dict[str, object]] = {
    400: _problem("Bad input: what and where is in `detail` and `errors`."),
    401: _problem("No API key, or one that is unknown, wrong or revoked."),
    403: _problem("The role may not do this."),
    404: _problem("No such person, event, place or route."),
    409: _problem("Clashes with what is stored."),
    413: _problem("Request body too large."),
    422: _problem("A parameter failed validation."),
    428: _problem("Personal data needs the X-Justification header."),
    429: _problem("Too many requests for this key; see Retry-After."),
    503: _problem("Neo4j is unavailable or the query ran too long; see Retry-After."),
}

_STATUS_BY_ERROR: dict[type[LinkwatchError], HTTPStatus] = {
    Unauthenticated: HTTPStatus.UNAUTHORIZED,
    Forbidden: HTTPStatus.FORBIDDEN,
    JustificationRequired: HTTPStatus.PRECONDITION_REQUIRED,
    RateLimited: HTTPStatus.TOO_MANY_REQUESTS,
    NotFound: HTTPStatus.NOT_FOUND,
    InvalidInput: HTTPStatus.BAD_REQUEST,
    Conflict: HTTPStatus.CONFLICT,
    ServiceUnavailable: HTTPStatus.SERVICE_UNAVAILABLE,
    ConfigurationError: HTTPStatus.SERVICE_UNAVAILABLE,
}


def problem_response(
    status: HTTPStatus,
    detail: str,
    *,
    instance: str | None = None,
    errors: list[dict[str, str]] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    """Build a problem+json response.

    Parameters
    ----------
    status
        HTTP status.
    detail
        What went wrong, for a person.
    instance
        The request path.
    errors
        Per-field problems for validation failures.
    headers
        Extra response headers.

    Returns
    -------
    JSONResponse
        The response, with ``Retry-After`` on 503.
    """
    body: dict[str, object] = {
        "type": "about:blank",
        "title": status.phrase,
        "status": status.value,
        "detail": detail,
    }
    if instance:
        body["instance"] = instance
    if errors:
        body["errors"] = errors
    extra = dict(headers or {})
    if status is HTTPStatus.SERVICE_UNAVAILABLE:
        extra.setdefault("Retry-After", str(RETRY_AFTER_SECONDS))
    return JSONResponse(body, status_code=status.value, media_type=PROBLEM_JSON, headers=extra)


async def _linkwatch_problem(request: Request, error: LinkwatchError) -> JSONResponse:
    """The problem+json response for a Linkwatch error (raised, or translated from a library's)."""
    status = next(
        (code for kind, code in _STATUS_BY_ERROR.items() if isinstance(error, kind)),
        HTTPStatus.BAD_REQUEST,
    )
    details = error.details if isinstance(error, InvalidInput) else None
    headers = {}
    if isinstance(error, Unauthenticated):
        headers["WWW-Authenticate"] = 'ApiKey header="X-API-Key"'
    if isinstance(error, RateLimited):
        headers["Retry-After"] = str(error.retry_after)
    # A refused sharing answers with one body whatever id was tried, so that an unknown
    # id and another organisation's read the same.
    instance = None if isinstance(error, NotShared) else request.url.path
    if status in OUTCOMES and not isinstance(error, NotShared):  # logged by its route
        await run_in_threadpool(record_refusal, request, status, str(error))
    return problem_response(status, str(error), instance=instance, errors=details, headers=headers)


def install_problem_handlers(app: FastAPI) -> None:
    """Map Linkwatch errors, request validation errors and database errors to problem+json.

    Database errors are translated as the CLI translates them
    (:func:`graph_model.error_translation.translate`): a query past its time limit, a database
    that cannot be reached, refused credentials; any other is a logged 503. A 403, and a 404
    on a personal-data route, is written to the audit log first (:mod:`api.security.refusals`).
    """

    @app.exception_handler(LinkwatchError)
    async def linkwatch_error(request: Request, error: LinkwatchError) -> JSONResponse:
        return await _linkwatch_problem(request, error)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, error: RequestValidationError) -> JSONResponse:
        errors = [
            {"field": ".".join(str(part) for part in issue["loc"]), "reason": issue["msg"]}
            for issue in error.errors()
        ]
        return problem_response(
            HTTPStatus.UNPROCESSABLE_ENTITY,
            "The request is not valid.",
            instance=request.url.path,
            errors=errors,
        )

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> JSONResponse:
        status = HTTPStatus(error.status_code)
        detail = error.detail if isinstance(error.detail, str) else status.phrase
        if status is HTTPStatus.NOT_FOUND and detail == "Not Found":
            detail = f"There is no endpoint at {request.url.path}."
        return problem_response(
            status, detail, instance=request.url.path, headers=dict(error.headers or {})
        )

    async def database_error(request: Request, error: Exception) -> JSONResponse:
        translated = translate(error)  # the CLI's handler makes the same translation
        if translated is not None:
            return await _linkwatch_problem(request, translated)
        LOG.error("Neo4j error on %s: %s", request.url.path, getattr(error, "code", None))
        return problem_response(
            HTTPStatus.SERVICE_UNAVAILABLE,
            "The database could not answer; try again shortly.",
            instance=request.url.path,
        )

    app.add_exception_handler(neo4j.exceptions.Neo4jError, database_error)
    app.add_exception_handler(neo4j.exceptions.DriverError, database_error)

    @app.exception_handler(Exception)
    async def unexpected_error(request: Request, error: Exception) -> JSONResponse:
        LOG.exception("Unexpected error on %s", request.url.path)
        return problem_response(
            HTTPStatus.INTERNAL_SERVER_ERROR,
            "Something went wrong inside Linkwatch; it has been logged.",
            instance=request.url.path,
        )
