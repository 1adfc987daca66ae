"""``linkwatch view ...`` and ``linkwatch export map``: views and case-conference maps as files."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.text import Text

from governance.audit import AuditAction
from governance.sharing import NotShared, open_sharing
from graph_model.connection import session_driver
from graph_model.error_translation import translating
from graph_model.errors import InvalidInput, NotFound
from linkwatch.audit_commands import record_cli_action
from linkwatch.audited import Justification, audited_session, cli_actor
from linkwatch.context import console, current_id, load_settings, reports_errors
from linkwatch.outputs import write_output
from linkwatch.private_files import write_private_file
from linkwatch.share_commands import checked_reference
from queries.conference import shared_map
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
    write_output(out, html)
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
        entity = current_id(trail.driver, trail.database, entity).id
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
    sharing_id: Annotated[str, typer.Argument(help="The sharing (see `linkwatch share list`).")],
    out: Out,
    justification: Justification = None,
    png: Annotated[Path | None, typer.Option(help="Also write a PNG (needs chromium).")] = None,
) -> None:
    """The standalone pseudonymised map of a sharing, for its meeting; its key beside it.

    The map is what the sharing's organisation would see. It is logged as a disclosure (who,
    which sharing, meeting and organisation, and why) before any file is written; the key
    file is created readable by you only and never over an existing file.
    """
    reference = checked_reference(justification)
    if out.suffix.lower() not in (".html", ".htm"):
        raise InvalidInput(f"{out} should end in .html.")
    key_file = out.with_suffix(".key.json")
    if key_file.exists() or key_file.is_symlink():
        raise InvalidInput(
            f"{key_file} already exists; Linkwatch does not overwrite a key file.",
            hint="Move the old one somewhere safe, or choose another --out.",
        )
    with session_driver(load_settings()) as (driver, target):
        parameters = {"sharing": sharing_id, "file": str(out)}
        try:
            sharing = open_sharing(driver, target.database, sharing_id, organisation=None)
        except NotShared as refused:
            record_cli_action(
                driver,
                target.database,
                AuditAction.DISCLOSURE,
                "linkwatch export map",
                {**parameters, "refused": refused.reason},
                justification=reference,
                outcome=f"refused: {refused.reason}",
            )
            raise NotFound(
                f"No open sharing {sharing_id!r} (unknown, revoked or expired).",
                hint="See `linkwatch share list`, or share the map again with `share add`.",
            ) from None
        found = shared_map(
            driver,
            target.database,
            sharing.subject,
            organisation=sharing.organisation,
            salt=sharing.salt,
            hops=sharing.hops,
        )
        record_cli_action(
            driver,
            target.database,
            AuditAction.DISCLOSURE,
            "linkwatch export map",
            {
                **parameters,
                "subject": sharing.subject,
                "meeting": sharing.meeting,
                "organisation": sharing.organisation,
                "pseudonym_key": found.key,
            },
            people=found.people,
            justification=reference,
        )
    with translating(path=out, role="--out", writing=True):
        out.parent.mkdir(parents=True, exist_ok=True)
    write_private_file(
        key_file,
        json.dumps(
            {
                "map": out.name,
                "sharing": sharing.id,
                "meeting": sharing.meeting,
                "generated_at": datetime.now().isoformat(timespec="seconds"),
                "key": found.key,
                "marking": "OFFICIAL-SENSITIVE: police only, do not circulate",
            },
            indent=2,
        ),
    )
    write_output(
        out,
        conference_page(
            found,
            meeting=sharing.meeting,
            recipients=sharing.organisation,
            generated_by=cli_actor(),
        ),
    )
    console.print(f"Wrote {out} ({len(found.nodes)} entities, {len(found.edges)} ties).")
    if png:
        screenshot(out, png, timeout=load_settings().linkwatch_browser_timeout)
        console.print(f"Wrote {png}.")
    console.print(
        Text(f"Key (police only): {key_file}. Logged as a disclosure to {sharing.organisation}.")
    )
