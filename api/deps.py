"""Dependencies shared by the routes, as ``Annotated`` aliases."""

from __future__ import annotations

from typing import Annotated

import neo4j
from fastapi import Depends, Request

from graph_model.connection import ConnectionTarget

__all__ = ["DriverDep", "TargetDep"]


def _driver(request: Request) -> neo4j.Driver:
    return request.app.state.driver


def _target(request: Request) -> ConnectionTarget:
    return request.app.state.target


DriverDep = Annotated[neo4j.Driver, Depends(_driver)]
TargetDep = Annotated[ConnectionTarget, Depends(_target)]
