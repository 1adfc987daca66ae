"""Lists of death reports and incidents, keyset-paged by date and id."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Any

import neo4j

from graph_model.base import from_neo4j
from graph_model.connection import read
from graph_model.cypher_catalogue import cypher
from graph_model.errors import InvalidInput

__all__ = ["EventKind", "list_events", "parse_cursor"]


class EventKind(StrEnum):
    """The kinds of event that can be listed."""

    DEATHS = "deaths"
    INCIDENTS = "incidents"


def parse_cursor(cursor: str | None) -> tuple[date | None, str | None]:
    """Split a ``DATE|ID`` page cursor.

    Raises
    ------
    InvalidInput
        For a cursor not of that form.

    Examples
    --------
    >>> parse_cursor("2025-01-02|death:DR-1")
    (datetime.date(2025, 1, 2), 'death:DR-1')
    """
    if cursor is None:
        return None, None
    day, separator, identifier = cursor.partition("|")
    try:
        parsed: date | None = date.fromisoformat(day)
    except ValueError:
        parsed = None
    if parsed is None or not separator or not identifier:
        raise InvalidInput(f"{cursor!r} is not a page cursor; pass the `next` of a previous page.")
    return parsed, identifier


def list_events(
    driver: neo4j.Driver,
    database: str,
    kind: EventKind,
    *,
    date_from: date | None = None,
    date_to: date | None = None,
    category: str | None = None,
    after: str | None = None,
    limit: int = 50,
) -> tuple[list[dict[str, Any]], str | None]:
    """One page of deaths or incidents in date order, and the cursor of the next page.

    ``category`` is a death classification or an offence category.

    Raises
    ------
    InvalidInput
        For a limit outside 1-500, an empty date range or a bad cursor.
    """
    if not 1 <= limit <= 500:
        raise InvalidInput(f"limit must be between 1 and 500, not {limit}.")
    if date_from and date_to and date_from > date_to:
        raise InvalidInput(f"the date range is empty: {date_from} is after {date_to}.")
    after_date, after_id = parse_cursor(after)
    parameters = {
        "from": date_from,
        "to": date_to,
        "after_date": after_date,
        "after_id": after_id,
        "limit": limit + 1,
        "classification" if kind is EventKind.DEATHS else "offence": category,
    }
    rows = read(driver, database, cypher(f"events/{kind.value}", package="queries"), parameters)
    items = [from_neo4j(row.data()) for row in rows[:limit]]
    more = len(rows) > limit
    cursor = f"{items[-1]['date'].isoformat()}|{items[-1]['id']}" if more and items else None
    return items, cursor
