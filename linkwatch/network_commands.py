"""``linkwatch analyse networks|family|triangles|schema``: networks and POLE-style queries."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from graph_model.errors import InvalidInput
from linkwatch.analyse_app import AsJson, TieOption, app, day, print_document
from linkwatch.audited import CliTrail, Justification, audited_session
from linkwatch.context import console, reports_errors
from queries.documents import DOCUMENTS, json_schema
from queries.documents.networks import (
    dangerous_family_document,
    family_friends_document,
    networks_document,
    triangles_document,
)
from queries.networks.analysis import (
    analyse_networks,
    association_triangles,
    dangerous_family_associates,
    dangerous_family_friends,
    vulnerable_people,
)
from queries.people import person_labels

__all__ = ["app"]

DateFrom = Annotated[
    datetime | None, typer.Option("--from", formats=["%Y-%m-%d"], help="Earliest crime date.")
]
DateTo = Annotated[
    datetime | None, typer.Option("--to", formats=["%Y-%m-%d"], help="Latest crime date.")
]


def _names_of_people_and_relatives(trail: CliTrail, rows: list[dict]) -> dict[str, str]:
    """Display names of every person in family rows and of each of their relatives."""
    ids = {row["person"] for row in rows} | {
        relative["person"] for row in rows for relative in row["relatives"]
    }
    return person_labels(trail.driver, trail.database, ids)


@app.command()
@reports_errors
def networks(
    date_from: Annotated[
        datetime, typer.Option("--from", formats=["%Y-%m-%d"], help="Start of the period.")
    ],
    date_to: Annotated[
        datetime, typer.Option("--to", formats=["%Y-%m-%d"], help="End of the period.")
    ],
    minimum: Annotated[int, typer.Option(min=2, help="Incidents that make a repeat.")] = 3,
    limit: Annotated[int, typer.Option(min=1, max=1000)] = 10,
    ties: TieOption = None,
    as_json: AsJson = False,
    justification: Justification = None,
) -> None:
    """Repeat victims and perpetrators, communities and their central members.

    Also vulnerable people: party to no crime, associated with many who are. `--tie` keeps
    only those kinds of tie (`--tie associate` is POLE's KNOWS).
    """
    options = {
        "from": date_from.date(),
        "to": date_to.date(),
        "minimum": minimum,
        "limit": limit,
        "tie": ties,
    }
    with audited_session("linkwatch analyse networks", justification, options) as trail:
        driver, database = trail.driver, trail.database
        result = analyse_networks(
            driver,
            database,
            date_from=date_from.date(),
            date_to=date_to.date(),
            minimum=minimum,
            ties=ties,
        )
        vulnerable = vulnerable_people(driver, database, ties=ties, limit=limit)
        shown = [*result.repeat_victims[:limit], *result.repeat_perpetrators[:limit], *vulnerable]
        ids = {row["person"] for row in shown} | {
            p for c in result.communities[:limit] for p, _ in c.centre
        }
        names = person_labels(driver, database, ids)
        document = networks_document(
            result,
            vulnerable,
            date_from=date_from.date(),
            date_to=date_to.date(),
            limit=limit,
            names=names,
            ties=ties,
        )
        trail.record_document(document)
    if as_json:
        print_document(document)
        return
    console.print(document.notice)
    for title, rows in (
        ("Repeat victims", document.repeat_victims),
        ("Repeat perpetrators", document.repeat_perpetrators),
    ):
        table = Table("person", "incidents", title=title)
        for row in rows:
            table.add_row(Text(row.name or row.person), str(row.times))
        console.print(table)
    table = Table(
        "community",
        "size",
        "most central",
        title=f"Communities ({document.people_in_network:,} people in the network)",
    )
    for community in document.communities:
        table.add_row(
            str(community.id),
            str(community.size),
            Text(", ".join(m.name or m.person for m in community.centre)),
        )
    console.print(table)
    table = Table("person", "associates party to crime", "ties", title="Vulnerable people")
    for person in document.vulnerable_people:
        table.add_row(
            Text(person.name or person.person),
            str(person.associates_party_to_crime),
            ", ".join(person.tie_kinds),
        )
    console.print(table)


@app.command()
@reports_errors
def family(
    person: Annotated[
        str | None, typer.Option(help="Only this person (default: everyone).")
    ] = None,
    date_from: DateFrom = None,
    date_to: DateTo = None,
    limit: Annotated[int, typer.Option(min=1, max=1000)] = 20,
    as_json: AsJson = False,
    justification: Justification = None,
) -> None:
    """Dangerous family associates: relatives and household party to violent crime."""
    options = {"person": person, "from": day(date_from), "to": day(date_to), "limit": limit}
    with audited_session("linkwatch analyse family", justification, options) as trail:
        rows = dangerous_family_associates(
            trail.driver,
            trail.database,
            person=person,
            date_from=day(date_from),
            date_to=day(date_to),
            limit=limit,
        )
        names = _names_of_people_and_relatives(trail, rows)
        document = dangerous_family_document(
            rows, date_from=day(date_from), date_to=day(date_to), names=names
        )
        trail.record_document(document)
    if as_json:
        print_document(document)
        return
    console.print(document.notice)
    table = Table(
        "person", "offender?", "relative", "tie", "violent crimes", title="Dangerous family"
    )
    for entry in document.people:
        for relative in entry.relatives:
            table.add_row(
                Text(entry.name or entry.person),
                "yes" if entry.party_to_crime else "no",
                Text(relative.name or relative.person),
                ", ".join(relative.ties),
                ", ".join(f"{c.offence} {c.occurred_on}" for c in relative.crimes[:3]),
            )
    console.print(table)


@app.command()
@reports_errors
def triangles(
    as_of: Annotated[
        datetime | None,
        typer.Option("--as-of", formats=["%Y-%m-%d"], help="Ties and crimes up to this date."),
    ] = None,
    minimum_involved: Annotated[
        int, typer.Option(min=0, max=3, help="Members party to crime for a triangle to show.")
    ] = 2,
    limit: Annotated[int, typer.Option(min=1, max=1000)] = 20,
    ties: TieOption = None,
    as_json: AsJson = False,
    justification: Justification = None,
) -> None:
    """Triangles of associates (three people all tied), most criminally involved first.

    Also the people in most triangles. `--tie associate` counts POLE's KNOWS triangles.
    """
    options = {
        "as_of": day(as_of),
        "minimum_involved": minimum_involved,
        "limit": limit,
        "tie": ties,
    }
    with audited_session("linkwatch analyse triangles", justification, options) as trail:
        analysis = association_triangles(
            trail.driver,
            trail.database,
            as_of=day(as_of),
            minimum_involved=minimum_involved,
            ties=ties,
            limit=limit,
        )
        ids = {p for t in analysis.triangles for p in t.people} | {
            row["person"] for row in analysis.people
        }
        names = person_labels(trail.driver, trail.database, ids)
        document = triangles_document(analysis, as_of=day(as_of), names=names, ties=ties)
        trail.record_document(document)
    if as_json:
        print_document(document)
        return
    console.print(f"{document.total_triangles:,} triangles in the network. {document.notice}")
    table = Table("members (crimes, violent)", "ties", title="Triangles")
    for triangle in document.triangles:
        table.add_row(
            Text(
                "; ".join(
                    f"{m.name or m.person} ({m.crimes}, {m.violent_crimes})"
                    for m in triangle.members
                )
            ),
            "; ".join("/".join(tie.kinds) for tie in triangle.ties),
        )
    console.print(table)
    table = Table("person", "triangles", "clustering", title="People in most triangles")
    for person in document.people:
        table.add_row(
            Text(person.name or person.person), str(person.triangles), str(person.clustering)
        )
    console.print(table)


@app.command("family-friends")
@reports_errors
def family_friends(
    person: Annotated[
        str | None, typer.Option(help="Only this person (default: everyone).")
    ] = None,
    family_ties: Annotated[
        list[str] | None,
        typer.Option(
            "--family-tie",
            metavar="KIND",
            help="Kind of tie that makes a relative (repeat; default: family, partner, "
            "ex_partner, lives_with).",
            show_default=False,
        ),
    ] = None,
    friend_ties: Annotated[
        list[str] | None,
        typer.Option(
            "--friend-tie",
            metavar="KIND",
            help="Kind of tie between the relative and the friend (repeat; default: any).",
            show_default=False,
        ),
    ] = None,
    living_together: Annotated[
        bool, typer.Option("--living-together", help="Only relatives the person lives with.")
    ] = False,
    limit: Annotated[int, typer.Option(min=1, max=1000)] = 20,
    as_json: AsJson = False,
    justification: Justification = None,
) -> None:
    """Dangerous family friends: a relative's friends party to crime (POLE's pattern).

    The person and the relative are party to no crime. POLE's query is `--family-tie family
    --friend-tie associate`.
    """
    options = {
        "person": person,
        "family_tie": family_ties,
        "friend_tie": friend_ties,
        "living_together": living_together,
        "limit": limit,
    }
    with audited_session("linkwatch analyse family-friends", justification, options) as trail:
        rows = dangerous_family_friends(
            trail.driver,
            trail.database,
            person=person,
            family_ties=family_ties,
            friend_ties=friend_ties,
            living_together=living_together,
            limit=limit,
        )
        names = _names_of_people_and_relatives(trail, rows)
        document = family_friends_document(
            rows,
            family_ties=family_ties,
            friend_ties=friend_ties,
            living_together=living_together,
            names=names,
        )
        trail.record_document(document)
    if as_json:
        print_document(document)
        return
    console.print(document.notice)
    table = Table(
        "person", "family friends", "relative", "tie", "their friends", title="Family friends"
    )
    for entry in document.people:
        for relative in entry.relatives:
            table.add_row(
                Text(entry.name or entry.person),
                str(entry.family_friends),
                Text(relative.name or relative.person),
                ", ".join(relative.ties),
                str(relative.friend_count),
            )
    console.print(table)


@app.command()
@reports_errors
def schema(
    name: Annotated[str, typer.Argument(help=f"One of: {', '.join(DOCUMENTS)}.")],
) -> None:
    """Print the JSON Schema of an analysis's --json output."""
    if name not in DOCUMENTS:
        raise InvalidInput(f"no analysis called {name!r}.", hint=f"Use one of {list(DOCUMENTS)}.")
    typer.echo(json.dumps(json_schema(name), indent=2))
