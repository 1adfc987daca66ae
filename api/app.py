"""The FastAPI application: one Neo4j driver per app, opened and closed in the lifespan."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib.metadata import version

from fastapi import FastAPI

from api.problems import install_problem_handlers
from api.routes import health
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
        The application. Its driver is created when it starts, so building it needs no
        database; ``/ready`` says whether the database answers.
    """
    chosen = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        target = resolve_target(chosen)
        driver = create_driver(target, timeout=chosen.linkwatch_connect_timeout)
        app.state.target = target
        app.state.driver = driver
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
    install_problem_handlers(app)
    app.include_router(health.router)
    return app
