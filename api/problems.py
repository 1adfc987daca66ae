"""RFC 9457 problem+json responses, produced in one place for every error."""

from __future__ import annotations

from http import HTTPStatus

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from graph_model.errors import (
    ConfigurationError,
    Conflict,
    InvalidInput,
    LinkwatchError,
    NotFound,
    ServiceUnavailable,
)

__all__ = ["install_problem_handlers", "problem_response"]

PROBLEM_JSON = "application/problem+json"
RETRY_AFTER_SECONDS = 10

_STATUS_BY_ERROR: dict[type[LinkwatchError], HTTPStatus] = {
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
    headers = (
        {"Retry-After": str(RETRY_AFTER_SECONDS)}
        if status is HTTPStatus.SERVICE_UNAVAILABLE
        else None
    )
    return JSONResponse(body, status_code=status.value, media_type=PROBLEM_JSON, headers=headers)


def install_problem_handlers(app: FastAPI) -> None:
    """Map Linkwatch errors and request validation errors to problem+json."""

    @app.exception_handler(LinkwatchError)
    async def linkwatch_error(request: Request, error: LinkwatchError) -> JSONResponse:
        status = next(
            (code for kind, code in _STATUS_BY_ERROR.items() if isinstance(error, kind)),
            HTTPStatus.BAD_REQUEST,
        )
        details = error.details if isinstance(error, InvalidInput) else None
        return problem_response(status, str(error), instance=request.url.path, errors=details)

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
