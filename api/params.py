"""Parameter types shared by the routes."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any

from fastapi import Query, Request
from pydantic import BeforeValidator

from graph_model.errors import InvalidInput

__all__ = ["IsoDate", "QueryParameters", "TieKinds", "no_unknown_query_parameters"]

_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


_YEARS = range(1890, 2101)


def _iso_day_only(value: Any) -> Any:
    """Refuse anything but YYYY-MM-DD from 1890 to 2100 (pydantic would read ``0`` as 1970)."""
    if isinstance(value, str) and _ISO_DAY.match(value) and int(value[:4]) in _YEARS:
        return value
    if isinstance(value, date) and value.year in _YEARS:
        return value
    raise ValueError("must be a date written YYYY-MM-DD, between 1890 and 2100")


IsoDate = Annotated[date, BeforeValidator(_iso_day_only)]

#: ``tie=KIND`` (repeatable): only these kinds of person-to-person tie. Checked against
#: ``AssociationKind`` by the query (``queries.ties``), answered with a 400 problem if unknown.
TieKinds = Annotated[
    list[str] | None,
    Query(
        alias="tie",
        max_length=8,
        description="Only this kind of tie between people (repeat): partner, ex_partner, "
        "family, associate, co_offender, social_media, phone_contact, lives_with.",
    ),
]


def _query_names(dependant: Any) -> set[str]:
    names = {param.alias for param in dependant.query_params}
    for sub in dependant.dependencies:
        names |= _query_names(sub)
    return names


class QueryParameters:
    """The query parameters each route of one app takes, worked out once per route.

    One is kept on each app (``app.state.query_parameters``), so the routes of one app never
    answer for another's.
    """

    def __init__(self) -> None:
        # Keyed by id: routes are not hashable, and the app holds its routes as long as this.
        self._known: dict[int, frozenset[str]] = {}

    def of(self, route: Any) -> frozenset[str]:
        """The names of the query parameters ``route`` and its dependencies take."""
        known = self._known.get(id(route))
        if known is None:
            known = self._known[id(route)] = frozenset(_query_names(route.dependant))
        return known


def no_unknown_query_parameters(request: Request) -> None:
    """Refuse query parameters the route does not take (a typo like ``limt=`` is an error).

    Raises
    ------
    InvalidInput
        Naming each unknown parameter.
    """
    route = request.scope.get("route")
    if route is None or not hasattr(route, "dependant"):
        return
    known = request.app.state.query_parameters.of(route)
    unknown = sorted(set(request.query_params) - known)
    if unknown:
        raise InvalidInput(
            f"unknown query parameter(s): {', '.join(repr(name) for name in unknown[:5])}.",
            details=[{"field": f"query.{name}", "reason": "not a parameter"} for name in unknown],
        )
