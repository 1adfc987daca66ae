"""``linkwatch share add | list | revoke``: case-conference maps shared with partners.

Each command is logged in the audit log with its justification, like the API's
``/api/v1/case-conference/sharings`` routes.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from governance.audit import AuditAction
from governance.justification import justification_problem
from governance.sharing import (
    MAX_SHARING_DAYS,
    list_sharings,
    revoke_sharing,
    share_map,
    sharing_status,
    today_utc,
)
from graph_model.connection import session_driver
from graph_model.errors import InvalidInput
from linkwatch.audit_commands import cli_actor, record_cli_action
from linkwatch.context import console, load_settings, reports_errors
from queries.people import person_labels

__all__ = ["app", "checked_reference"]

app = typer.Typer(help="Share case-conference maps with partner organisations, list, revoke.")

Justification = Annotated[
    str, typer.Option("--justification", help="The case or incident reference it is done for.")
]


def checked_reference(justification: str | None) -> str:
    """The justification, trimmed; refused unless it looks like a case or incident reference.

    Checked as the API checks ``X-Justification`` (``governance.justification``).

    Raises
    ------
    InvalidInput
        When ``--justification`` is missing or is not a reference.
    """
    reference = (justification or "").strip()
    problem = justification_problem(reference) if reference else "it is missing"
    if problem:
        raise InvalidInput(f"--justification {reference!r} is not usable: {problem}.")
    return reference


@app.command("add")
@reports_errors
def add(
    subject: Annotated[str, typer.Argument(help="The person, death, incident or place id.")],
    meeting: Annotated[str, typer.Option(help="The meeting, e.g. 'MARAC 2026-12-03'.")],
    organisation: Annotated[
        str, typer.Option(help="The partner organisation; 'nhs' also sees health contacts.")
    ],
    until: Annotated[
        datetime,
        typer.Option(
            formats=["%Y-%m-%d"],
            help=f"Last day it can be opened (YYYY-MM-DD, at most {MAX_SHARING_DAYS} days on).",
        ),
    ],
    justification: Justification,
    hops: Annotated[int, typer.Option(min=1, max=2, help="Ties out from the subject.")] = 2,
) -> None:
    """Share the map around a subject with one organisation for one meeting (logged)."""
    reference = checked_reference(justification)
    with session_driver(load_settings()) as (driver, target):
        made = share_map(
            driver,
            target.database,
            subject=subject,
            meeting=meeting,
            organisation=organisation,
            until=until.date(),
            hops=hops,
            shared_by=cli_actor(),
            justification=reference,
        )
        sharing = made.sharing
        record_cli_action(
            driver,
            target.database,
            AuditAction.DISCLOSURE,
            "linkwatch share add",
            {
                "sharing": sharing.id,
                "subject": subject,
                "meeting": sharing.meeting,
                "organisation": organisation,
                "until": sharing.until.isoformat(),
            },
            people=[subject] if made.subject_kind == "Person" else [],
            justification=reference,
        )
    console.print(
        Text(
            f"Shared with {organisation} for {sharing.meeting} until {sharing.until}. "
            "Partners open it by this id:"
        )
    )
    typer.echo(sharing.id)


@app.command("list")
@reports_errors
def list_command(
    justification: Justification,
    organisation: Annotated[str | None, typer.Option(help="Only this organisation's.")] = None,
    active: Annotated[bool, typer.Option(help="Only those open today.")] = False,
) -> None:
    """Sharings, newest first: subject, meeting, organisation, until when, status (logged)."""
    reference = checked_reference(justification)
    today = today_utc()
    with session_driver(load_settings()) as (driver, target):
        found = list_sharings(
            driver, target.database, organisation=organisation, active_on=today if active else None
        )
        subjects = {s.subject for s in found}
        people = person_labels(driver, target.database, subjects) if subjects else {}
        record_cli_action(
            driver,
            target.database,
            AuditAction.CONSULTATION,
            "linkwatch share list",
            {"organisation": organisation, "active": active},
            people=sorted(people),
            justification=reference,
        )
    table = Table("id", "subject", "meeting", "organisation", "until", "shared by", "status")
    for sharing in found:
        table.add_row(
            Text(sharing.id),
            Text(sharing.subject),
            Text(sharing.meeting),
            Text(sharing.organisation),
            sharing.until.isoformat(),
            Text(sharing.shared_by),
            sharing_status(sharing, today=today).value,
        )
    console.print(table)


@app.command("revoke")
@reports_errors
def revoke(
    sharing_id: Annotated[str, typer.Argument(help="The sharing's id (see `share list`).")],
    justification: Justification,
) -> None:
    """Revoke a sharing at once: its map no longer opens (logged)."""
    reference = checked_reference(justification)
    with session_driver(load_settings()) as (driver, target):
        revoked, now = revoke_sharing(
            driver, target.database, sharing_id, revoked_by=cli_actor(), justification=reference
        )
        record_cli_action(
            driver,
            target.database,
            AuditAction.ALTERATION,
            "linkwatch share revoke",
            {
                "sharing": revoked.id,
                "subject": revoked.subject,
                "meeting": revoked.meeting,
                "organisation": revoked.organisation,
            },
            justification=reference,
            outcome="ok" if now else "already revoked",
        )
    if not now:
        console.print(Text(f"{revoked.id} was revoked already, by {revoked.revoked_by}."))
        return
    console.print(Text(f"Revoked {revoked.id} ({revoked.meeting}, {revoked.organisation})."))
