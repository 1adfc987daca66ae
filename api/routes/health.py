"""Liveness and readiness probes (no personal data, no authentication needed)."""

from __future__ import annotations

from http import HTTPStatus
from typing import Literal

import neo4j.exceptions
from fastapi import APIRouter
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from api.deps import DriverDep, TargetDep
from api.problems import problem_response
from graph_model.connection import verify
from graph_model.errors import LinkwatchError
from graph_model.schema import missing_schema_items

router = APIRouter(tags=["health"])


class Liveness(BaseModel):
    """The process is up."""

    status: Literal["ok"] = "ok"


class Readiness(BaseModel):
    """Neo4j answers and the schema is applied."""

    status: Literal["ready"] = "ready"
    database: str


@router.get("/health", response_model=Liveness)
def health() -> Liveness:
    """Liveness: the API process is running."""
    return Liveness()


@router.get(
    "/ready",
    response_model=Readiness,
    responses={503: {"description": "Neo4j unreachable or schema not applied"}},
)
def ready(driver: DriverDep, target: TargetDep) -> Readiness | JSONResponse:
    """Readiness: Neo4j is reachable and every declared constraint and index exists."""
    try:
        verify(driver, target)  # fails fast; the retrying query below would wait 15 s
        missing = missing_schema_items(driver, target.database)
    except (LinkwatchError, neo4j.exceptions.DriverError, neo4j.exceptions.Neo4jError, OSError):
        return problem_response(
            HTTPStatus.SERVICE_UNAVAILABLE,
            "Neo4j is not reachable.",
            instance="/ready",
        )
    if missing:
        return problem_response(
            HTTPStatus.SERVICE_UNAVAILABLE,
            f"The schema is not applied ({len(missing)} items missing); "
            "run `linkwatch db migrate`.",
            instance="/ready",
        )
    return Readiness(database=target.database)
