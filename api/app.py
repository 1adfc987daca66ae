"""The FastAPI application: one Neo4j driver per app, opened and closed in the lifespan."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib.metadata import version

from fastapi import FastAPI

from api.middleware import AccessLog, BodySizeLimit, ReadTimeLimit, SecurityHeaders
from api.params import QueryParameters
from api.problems import install_problem_handlers
from api.routes import (
    admin,
    analyses,
    conference,
    health,
    network,
    people,
    rapid_reviews,
    reports,
    views,
)
from api.security.auth import RateLimit
from api.security.oidc import BearerVerifier
from api.security.sessions import SessionStore
from api.security.throttle import FailedSignIns
from governance.audit_key import load_audit_key
from governance.users import Authenticator
from graph_model.connection import create_driver, resolve_target
from graph_model.settings import Settings, get_settings

__all__ = ["create_app"]


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the API application.

    Parameters
    ----------
    settings
        Settings to use; by default the cached environment settings.

    Returns
    -------
    FastAPI
        The application. Its driver, key checker and rate limiter are created when it
        starts, so building it needs no database; ``/ready`` says whether the database
        answers. Every route under ``/api/v1`` needs an API key; those returning personal
        data also need a justification and are audited.
    """
    chosen = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        target = resolve_target(chosen)
        driver = create_driver(target, timeout=chosen.linkwatch_connect_timeout)
        app.state.target = target
        app.state.driver = driver
        app.state.audit_key = load_audit_key(chosen)
        app.state.authenticator = Authenticator(
            driver, target.database, cache_seconds=chosen.linkwatch_api_key_cache_seconds
        )
        app.state.rate_limit = RateLimit(chosen.linkwatch_api_rate_limit)
        app.state.failed_sign_ins = FailedSignIns(
            free_failures=chosen.linkwatch_api_sign_in_failures,
            max_lockout_seconds=chosen.linkwatch_api_sign_in_max_wait,
        )
        app.state.sessions = SessionStore()
        app.state.bearer_verifier = BearerVerifier.from_settings(chosen)
        try:
            yield
        finally:
            driver.close()

    docs = chosen.linkwatch_api_docs
    app = FastAPI(
        title="Linkwatch API",
        version=version("linkwatch"),
        lifespan=lifespan,
        docs_url="/docs" if docs else None,
        redoc_url=None,
        openapi_url="/openapi.json" if docs else None,
    )
    app.state.query_parameters = QueryParameters()
    install_problem_handlers(app)
    for module in (
        health,
        people,
        network,
        analyses,
        conference,
        admin,
        views,
        reports,
        rapid_reviews,
    ):
        app.include_router(module.router)
    app.include_router(views.login_router)
    # No CORS middleware: browsers may not call the API from other origins.
    app.add_middleware(ReadTimeLimit, seconds=chosen.linkwatch_api_query_timeout)
    app.add_middleware(BodySizeLimit, max_bytes=chosen.linkwatch_api_max_body_bytes)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(AccessLog)
    return app
