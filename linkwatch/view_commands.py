"""``linkwatch view ...`` and ``linkwatch export map``: views and case-conference maps as files."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer

from governance.audit import AuditAction
from graph_model.errors import InvalidInput, NotFound
from linkwatch.audited import Justification, audited_session, cli_actor
from linkwatch.context import console, reports_errors
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


def _html_file(out: Path) -> Path:
    if out.suffix.lower() not in (".html", ".htm"):
        raise InvalidInput(f"{out} should end in .html.")
    return out


def _write(view: GraphView, out: Path) -> None:
    html = render_html(limit_size(view, MAX_FILE_NODES), generated_by=cli_actor())
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(html, encoding="utf-8")
    console.print(f"Wrote {out} ({len(view.nodes)} entities, {len(view.edges)} ties).")


@view_app.command("ego")
@reports_errors
def view_ego(
    entity: Annotated[str, typer.Argument(help="A person, place or event id.")],
    out: Out,
    hops: Annotated[int, typer.Option(min=1, max=3)] = 2,
    justification: Justification = None,
) -> None:
    """The network around an entity."""
    options = {"entity_id": entity, "hops": hops, "file": str(_html_file(out))}
    with audited_session("linkwatch view ego", justification, options) as trail:
        graph = ego_network(trail.driver, trail.database, entity, hops=hops, limit=2_000)
        document = ego_document(graph)  # as the API's view: limit_size groups the rest
        trail.record_document(document)
    _write(ego_view(document), out)


@view_app.command("series")
@reports_errors
def view_series(
    series_id: Annotated[str, typer.Argument(help="A series id from `analyse series`.")],
    out: Out,
    justification: Justification = None,
) -> None:
    """One candidate linked series with the evidence on each link."""
    options = {"series_id": series_id, "file": str(_html_file(out))}
    with audited_session("linkwatch view series", justification, options) as trail:
        document = series_document(find_series(trail.driver, trail.database))
        try:
            view = series_view(document, series_id)
        except KeyError:
            raise NotFound(
                f"No candidate series {series_id!r}; see `linkwatch analyse series`."
            ) from None
        trail.record_document(
            document.model_copy(
                update={"series": [s for s in document.series if s.id == series_id]}
            )
        )
    _write(view, out)


@view_app.command("precursors")
@reports_errors
def view_precursors(
    event: Annotated[str, typer.Argument(help="A death or incident id.")],
    out: Out,
    months: Annotated[int, typer.Option(min=1, max=120)] = 24,
    justification: Justification = None,
) -> None:
    """The precursor path of a death or incident, left to right by date."""
    options = {"event_id": event, "months": months, "file": str(_html_file(out))}
    with audited_session("linkwatch view precursors", justification, options) as trail:
        path = precursor_path(trail.driver, trail.database, event, months=months)
        names = person_labels(trail.driver, trail.database, path.people)
        document = precursor_document(path, names=names)
        trail.record_document(document)
    _write(precursor_view(document), out)


@export_app.command("map")
@reports_errors
def export_map(
    entity: Annotated[str, typer.Argument(help="The person or event the conference is about.")],
    out: Out,
    meeting: Annotated[str, typer.Option(help="The meeting, e.g. 'MARAC 2026-12-03'.")],
    recipients: Annotated[str, typer.Option(help="Who receives it, e.g. 'MARAC members'.")],
    justification: Justification = None,
    organisation: Annotated[
        str, typer.Option(help="Recipients' organisation; 'nhs' keeps health contact detail.")
    ] = "partners",
    hops: Annotated[int, typer.Option(min=1, max=2)] = 2,
    png: Annotated[Path | None, typer.Option(help="Also write a PNG (needs chromium).")] = None,
) -> None:
    """A standalone pseudonymised relationship map; its key is written beside it, for police.

    The export is logged as a disclosure (who, to which meeting and recipients, and why)
    before either file is written.
    """
    options = {
        "entity_id": entity,
        "meeting": meeting,
        "recipients": recipients,
        "organisation": organisation,
        "hops": hops,
        "file": str(_html_file(out)),
    }
    with audited_session("linkwatch export map", justification, options) as trail:
        found = case_conference_map(
            trail.driver, trail.database, entity, hops=hops, organisation=organisation
        )
        trail.record(
            found.people, action=AuditAction.DISCLOSURE, extra={"pseudonym_key": found.key}
        )
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(
        conference_page(found, meeting=meeting, recipients=recipients, generated_by=cli_actor()),
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
    console.print(f"Key (police only): {key_file}. Logged as a disclosure to {recipients}.")
