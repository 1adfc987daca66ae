"""``linkwatch audit verify | show``; CLI actions are logged by :mod:`linkwatch.audited`."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from governance.audit import read_entries, verify_chain
from graph_model.connection import session_driver
from graph_model.errors import Conflict
from linkwatch.audited import Justification, audited_session, cli_actor, record_cli_action
from linkwatch.context import console, load_settings, reports_errors

__all__ = ["app", "cli_actor", "record_cli_action"]

app = typer.Typer(help="Check and read the audit log (who looked at whom, and why).")


@app.command()
@reports_errors
def verify() -> None:
    """Recompute the hash chain; exit 1 if any entry was edited, removed or reordered."""
    settings = load_settings()
    with session_driver(settings) as (driver, target):
        report = verify_chain(driver, target.database)
    if not report.intact:
        raise Conflict(
            f"The audit log is broken at entry {report.first_broken} "
            f"({report.entries} entries read): it has been altered."
        )
    console.print(
        f"Audit log intact: {report.entries:,} entries; head hash {report.head_hash} "
        "(note it somewhere else to detect a rewrite of the whole log)."
    )


@app.command()
@reports_errors
def show(
    person: Annotated[
        str | None, typer.Option(help="Only entries that returned this person.")
    ] = None,
    actor: Annotated[str | None, typer.Option(help="Only entries by this user.")] = None,
    limit: Annotated[int, typer.Option(min=1, max=10_000)] = 50,
    justification: Justification = None,
) -> None:
    """Audit entries, oldest first: who, when, what, which people, and why.

    Reading the log is itself logged (as ``GET /api/v1/audit`` is), under the person asked
    about.
    """
    parameters = {"person": person, "actor": actor, "limit": limit}
    with audited_session("linkwatch audit show", justification, parameters) as trail:
        entries = read_entries(
            trail.driver, trail.database, person=person, actor=actor, limit=limit
        )
        trail.record([person] if person else [])
    table = Table("seq", "at", "who", "action", "endpoint", "people", "justification")
    for entry in entries:
        table.add_row(
            str(entry["seq"]),
            entry["at"][:19],
            Text(f"{entry['actor']} ({entry['role']})"),
            entry["action"],
            Text(entry["endpoint"]),
            str(len(entry["people"])),
            Text(entry.get("justification") or ""),
        )
    console.print(table)
