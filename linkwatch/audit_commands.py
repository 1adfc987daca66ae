"""``linkwatch audit verify | anchor | show``; CLI actions are logged by ``linkwatch.audited``."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from governance.audit import read_entries, verify_chain
from governance.audit_anchor import anchor_text, read_anchor
from governance.audit_key import load_audit_key
from graph_model.connection import session_driver
from graph_model.errors import Conflict, InvalidInput
from linkwatch.audited import Justification, audited_session, cli_actor, record_cli_action
from linkwatch.context import console, current_id, load_settings, reports_errors

__all__ = ["app", "cli_actor", "record_cli_action"]

app = typer.Typer(help="Check and read the audit log (who looked at whom, and why).")


@app.command()
@reports_errors
def verify(
    anchor: Annotated[
        Path | None,
        typer.Option(
            help="An anchor from `linkwatch audit anchor`: also prove nothing up to it was "
            "deleted or rewritten.",
            dir_okay=False,
        ),
    ] = None,
) -> None:
    """Recompute the keyed hash chain; exit 1 if any entry was edited, removed or reordered."""
    settings = load_settings()
    anchored = read_anchor(anchor) if anchor is not None else None
    key = load_audit_key(settings)
    with session_driver(settings) as (driver, target):
        report = verify_chain(driver, target.database, key=key, anchor=anchored)
    if not report.intact:
        raise Conflict(
            f"The audit log is broken at entry {report.first_broken} "
            f"({report.entries} entries read): {report.problem}. It has been altered."
        )
    console.print(
        f"Audit log intact: {report.entries:,} entries; head entry {report.head.seq}, "
        f"digest {report.head_hash}."
    )
    if report.legacy_entries:
        console.print(
            f"Entries 1-{report.legacy_entries} were written before the chain was keyed "
            "(plain SHA-256): the first keyed entry vouches for them, but only an anchor "
            "taken since proves they were not re-hashed along with everything after."
        )
    if anchored is not None:
        console.print(
            f"The anchored entry {anchored.seq} is there with the anchor's digest: nothing "
            "up to it was lost or changed."
        )
    else:
        console.print(
            "Keep an anchor elsewhere (`linkwatch audit anchor`) to detect deleted newest entries."
        )


@app.command()
@reports_errors
def anchor(
    out: Annotated[
        Path | None,
        typer.Option(help="Write the anchor to this new file (default: print it).", dir_okay=False),
    ] = None,
) -> None:
    """Export the head (entry number and digest) of an intact log, to keep somewhere safe."""
    settings = load_settings()
    key = load_audit_key(settings)
    with session_driver(settings) as (driver, target):
        report = verify_chain(driver, target.database, key=key)
    if not report.intact:
        raise Conflict(
            f"The audit log is broken at entry {report.first_broken}: {report.problem}; "
            "an anchor of it would vouch for an altered log."
        )
    text = anchor_text(report.head)
    if out is None:
        typer.echo(text)
        return
    try:
        descriptor = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644)
    except FileExistsError:
        raise InvalidInput(
            f"{out} exists already; anchors are never overwritten.",
            hint="Give a new file name, e.g. with the date in it.",
        ) from None
    except OSError as error:
        raise InvalidInput(f"Cannot write the anchor to {out}: {error.strerror}.") from None
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(text + "\n")
    console.print(f"Anchor of entry {report.head.seq} written to {out}.")


@app.command()
@reports_errors
def show(
    person: Annotated[
        str | None,
        typer.Option(help="Only entries about this person (under any id they had before merges)."),
    ] = None,
    actor: Annotated[str | None, typer.Option(help="Only entries by this user.")] = None,
    limit: Annotated[int, typer.Option(min=1, max=10_000)] = 50,
    justification: Justification = None,
) -> None:
    """Audit entries, oldest first: who, when, what, which people, and why.

    Reading the log is itself logged (as ``GET /api/v1/audit`` is), under the person asked
    about. A person's entries follow merges: every id the person had is included.
    """
    parameters = {"person": person, "actor": actor, "limit": limit}
    with audited_session("linkwatch audit show", justification, parameters) as trail:
        people = current_id(trail.driver, trail.database, person).ids if person else None
        entries = read_entries(
            trail.driver, trail.database, people=people, actor=actor, limit=limit
        )
        trail.record(people or [])
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
