"""``linkwatch people search``: find people by name or identifier, as the API's search does."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from graph_model.errors import InvalidInput
from linkwatch.analyse_app import day
from linkwatch.audited import Justification, audited_session
from linkwatch.context import console, reports_errors
from queries.people import search_people

__all__ = ["app"]

app = typer.Typer(help="Find people (every search is audited).")


@app.command()
@reports_errors
def search(
    name: Annotated[
        str | None, typer.Argument(help="A name: misspellings and aliases match too.")
    ] = None,
    identifier: Annotated[
        str | None,
        typer.Option(
            "--identifier",
            metavar="ID",
            help="An NHS number, PNC id, or an identifier kept as recorded (e.g. POLE's nhs_no).",
        ),
    ] = None,
    date_of_birth: Annotated[
        datetime | None,
        typer.Option("--date-of-birth", formats=["%Y-%m-%d"], help="Born on this date."),
    ] = None,
    limit: Annotated[int, typer.Option(min=1, max=100)] = 20,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print JSON: matched_on, and the people.")
    ] = False,
    justification: Justification = None,
) -> None:
    """People matching NAME, --identifier ID or --date-of-birth D, best first.

    Names whose words are all the ones searched for come first (exact), then names that
    sound the same (phonetic), then near spellings (fuzzy). A date of birth given with a
    name or identifier narrows the search.
    """
    if name and identifier:
        raise InvalidInput("give a NAME or an --identifier, not both.")
    options = {
        "name": name,
        "identifier": identifier,
        "date_of_birth": day(date_of_birth),
        "limit": limit,
    }
    with audited_session("linkwatch people search", justification, options) as trail:
        matched_on, people = search_people(
            trail.driver,
            trail.database,
            name=name,
            identifier=identifier,
            date_of_birth=day(date_of_birth),
            limit=limit,
        )
        trail.record([person["id"] for person in people])
    if as_json:
        typer.echo(json.dumps({"matched_on": matched_on, "people": people}, indent=2, default=str))
        return
    table = Table(
        "id", "name", "aliases", "born", "sex", "match", title=f"People (matched on {matched_on})"
    )
    for person in people:
        full_name = " ".join(filter(None, (person["given_names"], person["family_name"])))
        table.add_row(
            Text(person["id"]),
            Text(full_name or "(no name)"),
            Text(", ".join(person["aliases"])),
            str(person["date_of_birth"] or ""),
            str(person["sex"] or ""),
            person["match"],
        )
    console.print(table)
    if not people:
        console.print("No one matched.")
