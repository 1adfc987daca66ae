"""``linkwatch audit verify | show``, and how CLI actions are written to the audit log."""

from __future__ import annotations

import getpass
from typing import Annotated, Any

import neo4j
import typer
from rich.table import Table
from rich.text import Text

from governance.audit import AuditAction, append_entry, read_entries, verify_chain
from graph_model.connection import session_driver
from graph_model.errors import Conflict
from linkwatch.context import console, load_settings, reports_errors

__all__ = ["app", "cli_actor", "record_cli_action"]

app = typer.Typer(help="Check and read the audit log (who looked at whom, and why).")


def cli_actor() -> str:
    """The audit log's name for whoever runs the command line: ``cli:<login>``."""
    return f"cli:{getpass.getuser()}"


def record_cli_action(
    driver: neo4j.Driver,
    database: str,
    action: AuditAction,
    command: str,
    parameters: dict[str, Any],
    *,
    people: list[str] | None = None,
    justification: str | None = None,
    outcome: str = "ok",
) -> None:
    """Append an entry for something done at the command line (ingest, reset, users...)."""
    append_entry(
        driver,
        database,
        actor=cli_actor(),
        role="operator",
        action=action,
        endpoint=command,
        parameters=parameters,
        people=people or [],
        justification=justification,
        outcome=outcome,
    )


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
) -> None:
    """Audit entries, oldest first: who, when, what, which people, and why."""
    settings = load_settings()
    with session_driver(settings) as (driver, target):
        entries = read_entries(driver, target.database, person=person, actor=actor, limit=limit)
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
