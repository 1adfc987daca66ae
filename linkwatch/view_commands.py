"""``linkwatch view ...`` and ``linkwatch export map``: views and case-conference maps as files."""

from __future__ import annotations

import getpass
import json
from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer

from governance.audit import AuditAction
from graph_model.connection import session_driver
from graph_model.errors import InvalidInput, NotFound
from linkwatch.audit_commands import record_cli_action
from linkwatch.context import console, current_id, load_settings, reports_errors
from queries.conference import case_conference_map
from queries.documents.investigation import ego_document
from queries.documents.precursors import precursor_document
from queries.documents.series import series_document
from queries.investigation import ego_network
from queries.people import person_labels
from queries.precursors.analysis import precursor_path
from queries.series.analysis import find_series
from visualisation.builders import ego_view, precursor_view, series_view
from visualisation.exports import conference_page
from visualisation.render import render_html
from visualisation.screenshot import screenshot
from visualisation.view import GraphView, limit_size

view_app = typer.Typer(help="Write an interactive view to an offline HTML file.")
export_app = typer.Typer(help="Export pseudonymised maps for case conferences.")

Out = Annotated[Path, typer.Option("--out", help="HTML file to write.", dir_okay=False)]
MAX_FILE_NODES = 500


def _write(view: GraphView, out: Path) -> None:
    if out.suffix.lower() not in (".html", ".htm"):
        raise InvalidInput(f"{out} should end in .html.")
    html = render_html(limit_size(view, MAX_FILE_NODES), generated_by=getpass.getuser())
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(html, encoding="utf-8")
    console.print(f"Wrote {out} ({len(view.nodes)} entities, {len(view.edges)} ties).")


@view_app.command("ego")
@reports_errors
def view_ego(
    entity: Annotated[str, typer.Argument(help="A person, place or event id.")],
    out: Out,
    hops: Annotated[int, typer.Option(min=1, max=3)] = 2,
) -> None:
    """The network around an entity."""
    with session_driver(load_settings()) as (driver, target):
        entity = current_id(driver, target.database, entity).id
        document = ego_document(ego_network(driver, target.database, entity, hops=hops))
    _write(ego_view(document), out)


@view_app.command("series")
@reports_errors
def view_series(
    series_id: Annotated[str, typer.Argument(help="A series id from `analyse series`.")],
    out: Out,
) -> None:
    """One candidate linked series with the evidence on each link."""
    with session_driver(load_settings()) as (driver, target):
        document = series_document(find_series(driver, target.database))
    try:
        view = series_view(document, series_id)
    except KeyError:
        raise NotFound(
            f"No candidate series {series_id!r}; see `linkwatch analyse series`."
        ) from None
    _write(view, out)


@view_app.command("precursors")
@reports_errors
def view_precursors(
    event: Annotated[str, typer.Argument(help="A death or incident id.")],
    out: Out,
    months: Annotated[int, typer.Option(min=1, max=120)] = 24,
) -> None:
    """The precursor path of a death or incident, left to right by date."""
    with session_driver(load_settings()) as (driver, target):
        path = precursor_path(driver, target.database, event, months=months)
        names = person_labels(driver, target.database, path.people)
    _write(precursor_view(precursor_document(path, names=names)), out)


@export_app.command("map")
@reports_errors
def export_map(
    entity: Annotated[str, typer.Argument(help="The person or event the conference is about.")],
    out: Out,
    meeting: Annotated[str, typer.Option(help="The meeting, e.g. 'MARAC 2026-12-03'.")],
    recipients: Annotated[str, typer.Option(help="Who receives it, e.g. 'MARAC members'.")],
    justification: Annotated[str, typer.Option(help="Case or incident reference.")],
    organisation: Annotated[
        str, typer.Option(help="Recipients' organisation; 'nhs' keeps health contact detail.")
    ] = "partners",
    hops: Annotated[int, typer.Option(min=1, max=2)] = 2,
    png: Annotated[Path | None, typer.Option(help="Also write a PNG (needs chromium).")] = None,
) -> None:
    """A standalone pseudonymised relationship map; its key is written beside it, for police.

    The export is logged as a disclosure: who, to which meeting and recipients, and why.
    """
    with session_driver(load_settings()) as (driver, target):
        found = case_conference_map(
            driver, target.database, entity, hops=hops, organisation=organisation
        )
        if out.suffix.lower() not in (".html", ".htm"):
            raise InvalidInput(f"{out} should end in .html.")
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(
            conference_page(
                found, meeting=meeting, recipients=recipients, generated_by=getpass.getuser()
            ),
            encoding="utf-8",
        )
        console.print(f"Wrote {out} ({len(found.nodes)} entities, {len(found.edges)} ties).")
        if png:
            screenshot(out, png)
            console.print(f"Wrote {png}.")
        key_file = out.with_suffix(".key.json")
        key_file.write_text(
            json.dumps(
                {
                    "map": out.name,
                    "meeting": meeting,
                    "generated_at": datetime.now().isoformat(timespec="seconds"),
                    "key": found.key,
                    "marking": "OFFICIAL-SENSITIVE: police only, do not circulate",
                },
                indent=2,
            ),
            encoding="utf-8",
        )
        key_file.chmod(0o600)
        record_cli_action(
            driver,
            target.database,
            AuditAction.DISCLOSURE,
            "linkwatch export map",
            {
                "entity": entity,
                "meeting": meeting,
                "recipients": recipients,
                "organisation": organisation,
                "justification": justification,
                "file": str(out),
                "pseudonym_key": found.key,
            },
            people=found.people,
        )
    console.print(f"Key (police only): {key_file}. Logged as a disclosure to {recipients}.")
