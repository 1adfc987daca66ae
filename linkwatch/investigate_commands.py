"""``linkwatch analyse ego|paths|common|timeline``: investigation queries, JSON on stdout."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import typer

from graph_model.connection import session_driver
from linkwatch.analyse_app import app, day, print_document
from linkwatch.context import current_id, load_settings, reports_errors
from queries.documents.investigation import (
    common_associates_document,
    ego_document,
    paths_document,
    timeline_document,
)
from queries.investigation import (
    MAX_EGO_HOPS,
    MAX_PATH_HOPS,
    MAX_PATHS,
    common_associates,
    ego_network,
    shortest_paths,
    timeline,
)

__all__ = ["app"]


@app.command()
@reports_errors
def ego(
    entity: Annotated[str, typer.Argument(help="Id of a person, place or event.")],
    hops: Annotated[int, typer.Option(min=1, max=MAX_EGO_HOPS)] = 1,
    types: Annotated[
        list[str] | None, typer.Option("--type", help="Relationship types to follow (repeat).")
    ] = None,
    date_from: Annotated[
        datetime | None,
        typer.Option("--from", formats=["%Y-%m-%d"], help="Events and ties from this date."),
    ] = None,
    date_to: Annotated[
        datetime | None,
        typer.Option("--to", formats=["%Y-%m-%d"], help="Events and ties up to this date."),
    ] = None,
    limit: Annotated[int, typer.Option(min=1, max=MAX_PATHS, help="Paths to keep.")] = 500,
) -> None:
    """The neighbourhood of an entity as JSON: nodes (display fields), edges, truncated flag."""
    settings = load_settings()
    with session_driver(settings) as (driver, target):
        graph = ego_network(
            driver,
            target.database,
            current_id(driver, target.database, entity).id,
            hops=hops,
            types=types,
            limit=limit,
            date_from=day(date_from),
            date_to=day(date_to),
        )
    print_document(ego_document(graph))


@app.command()
@reports_errors
def paths(
    a: Annotated[str, typer.Argument(help="First entity id.")],
    b: Annotated[str, typer.Argument(help="Second entity id.")],
    max_hops: Annotated[int, typer.Option(min=1, max=MAX_PATH_HOPS)] = 4,
) -> None:
    """All shortest paths between two entities, as JSON."""
    settings = load_settings()
    with session_driver(settings) as (driver, target):
        a, b = (current_id(driver, target.database, e).id for e in (a, b))
        found = shortest_paths(driver, target.database, a, b, max_hops=max_hops)
    print_document(paths_document(a, b, max_hops, found))


@app.command()
@reports_errors
def common(
    a: Annotated[str, typer.Argument(help="First person id.")],
    b: Annotated[str, typer.Argument(help="Second person id.")],
) -> None:
    """People tied to both of two people, as JSON."""
    settings = load_settings()
    with session_driver(settings) as (driver, target):
        rows = common_associates(driver, target.database, a, b)
    print_document(common_associates_document(a, b, rows))


@app.command("timeline")
@reports_errors
def person_timeline(
    person: Annotated[str, typer.Argument(help="Person id.")],
    limit: Annotated[int, typer.Option(min=1, max=MAX_PATHS)] = 500,
) -> None:
    """A person's incidents, deaths and partner contacts in date order, as JSON."""
    settings = load_settings()
    with session_driver(settings) as (driver, target):
        person = current_id(driver, target.database, person).id
        rows = timeline(driver, target.database, person, limit=limit)
    print_document(timeline_document(person, rows))
