"""``linkwatch analyse ego|paths|common|timeline``: investigation queries, JSON on stdout."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import typer

from linkwatch.analyse_app import TieOption, app, day, print_document
from linkwatch.audited import Justification, audited_session
from linkwatch.context import current_id, reports_errors
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
    MAX_ROUTES,
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
    ties: TieOption = None,
    date_from: Annotated[
        datetime | None,
        typer.Option("--from", formats=["%Y-%m-%d"], help="Events and ties from this date."),
    ] = None,
    date_to: Annotated[
        datetime | None,
        typer.Option("--to", formats=["%Y-%m-%d"], help="Events and ties up to this date."),
    ] = None,
    limit: Annotated[int, typer.Option(min=1, max=MAX_PATHS, help="Paths to keep.")] = 500,
    justification: Justification = None,
) -> None:
    """The neighbourhood of an entity as JSON: nodes (display fields), edges, truncated flag."""
    options = {
        "entity_id": entity,
        "hops": hops,
        "type": types,
        "tie": ties,
        "from": day(date_from),
        "to": day(date_to),
        "limit": limit,
    }
    with audited_session("linkwatch analyse ego", justification, options) as trail:
        graph = ego_network(
            trail.driver,
            trail.database,
            current_id(trail.driver, trail.database, entity).id,
            hops=hops,
            types=types,
            ties=ties,
            limit=limit,
            date_from=day(date_from),
            date_to=day(date_to),
        )
        document = ego_document(graph)
        trail.record_document(document)
    print_document(document)


@app.command()
@reports_errors
def paths(
    a: Annotated[str, typer.Argument(help="First entity id.")],
    b: Annotated[str, typer.Argument(help="Second entity id.")],
    max_hops: Annotated[int, typer.Option(min=1, max=MAX_PATH_HOPS)] = 4,
    ties: TieOption = None,
    limit: Annotated[int, typer.Option(min=1, max=MAX_ROUTES, help="Routes to keep.")] = 20,
    justification: Justification = None,
) -> None:
    """The routes of all shortest paths between two entities, as JSON.

    Parallel ties make one route, each hop naming its kinds of tie. With `--tie`, only
    person-to-person ties of those kinds are followed.
    """
    options = {"a": a, "b": b, "max_hops": max_hops, "tie": ties, "limit": limit}
    with audited_session("linkwatch analyse paths", justification, options) as trail:
        a, b = (current_id(trail.driver, trail.database, e).id for e in (a, b))
        found = shortest_paths(
            trail.driver, trail.database, a, b, max_hops=max_hops, ties=ties, limit=limit
        )
        document = paths_document(a, b, max_hops, found, ties=ties)
        trail.record_document(document)
    print_document(document)


@app.command()
@reports_errors
def common(
    a: Annotated[str, typer.Argument(help="First person id.")],
    b: Annotated[str, typer.Argument(help="Second person id.")],
    justification: Justification = None,
) -> None:
    """People tied to both of two people, as JSON."""
    with audited_session("linkwatch analyse common", justification, {"a": a, "b": b}) as trail:
        document = common_associates_document(
            a, b, common_associates(trail.driver, trail.database, a, b)
        )
        trail.record_document(document)
    print_document(document)


@app.command("timeline")
@reports_errors
def person_timeline(
    person: Annotated[str, typer.Argument(help="Person id.")],
    limit: Annotated[int, typer.Option(min=1, max=MAX_PATHS)] = 500,
    justification: Justification = None,
) -> None:
    """A person's incidents, deaths and partner contacts in date order, as JSON."""
    options = {"person_id": person, "limit": limit}
    with audited_session("linkwatch analyse timeline", justification, options) as trail:
        person = current_id(trail.driver, trail.database, person).id
        document = timeline_document(
            person, timeline(trail.driver, trail.database, person, limit=limit)
        )
        trail.record([person])
    print_document(document)
