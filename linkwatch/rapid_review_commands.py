"""``linkwatch review open | list | done | pack | action``: rapid reviews.

Reviews of homicides and near misses, on the same ``review`` group as the record-linkage queue.
"""

from __future__ import annotations

import getpass
from datetime import date, datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from governance.audit import AuditAction
from graph_model.connection import session_driver
from graph_model.errors import InvalidInput
from linkwatch.audited import Justification, audited_session, cli_actor, record_cli_action
from linkwatch.context import console, load_settings, reports_errors
from linkwatch.outputs import write_output
from linkwatch.review_commands import app
from queries.reviews.pack import review_pack_facts
from queries.reviews.service import (
    add_action,
    complete_stage,
    list_reviews,
    open_review,
    review_id,
    update_action,
)
from visualisation.report.review_pack import render_review_pack

__all__ = ["action_app", "app"]

action_app = typer.Typer(help="Learning points and actions of a rapid review.")
app.add_typer(action_app, name="action")
Day = Annotated[datetime | None, typer.Option(formats=["%Y-%m-%d"], help="Default today.")]


def _today(value: datetime | None) -> date:
    return value.date() if value else date.today()


def _review_of(identifier: str) -> str:
    return identifier if identifier.startswith("rapid-review:") else review_id(identifier)


@app.command("open")
@reports_errors
def open_command(
    event: Annotated[str, typer.Argument(help="The death or incident, e.g. death:DR-2026-00012.")],
    justification: Justification = None,
) -> None:
    """Open the rapid review of a homicide or near miss, with its deadlines."""
    with audited_session("linkwatch review open", justification, {"event": event}) as trail:
        review = open_review(trail.driver, trail.database, event, opened_by=getpass.getuser())
        trail.record([], action=AuditAction.ALTERATION, extra={"review": review["id"]})
    console.print(
        f"{review['id']}: event on {review['event_date']}; initial review due "
        f"{review['initial_due']}, report due {review['report_due']}."
    )


@app.command("list")
@reports_errors
def list_command(as_of: Day = None, justification: Justification = None) -> None:
    """Every rapid review, its deadlines, what is overdue, and its open actions."""
    today = _today(as_of)
    with audited_session("linkwatch review list", justification, {"as_of": today}) as trail:
        reviews = list_reviews(trail.driver, trail.database, today=today)
        trail.record([])
    table = Table(
        "review",
        "event date",
        "initial due",
        "report due",
        "overdue",
        "actions open",
        title=f"Rapid reviews as of {today}",
    )
    for review in reviews:
        table.add_row(
            Text(review["id"]),
            str(review["event_date"]),
            str(review["initial_due"]),
            str(review["report_due"]),
            ", ".join(review["overdue"]) or "-",
            f"{review['open_actions']} of {review['actions']}",
        )
    console.print(table)


@app.command("done")
@reports_errors
def done(
    review: Annotated[str, typer.Argument(help="Review id, or the event's id.")],
    stage: Annotated[str, typer.Argument(help="initial or report")],
    on: Day = None,
) -> None:
    """Record the initial review or the report as done."""
    with session_driver(load_settings()) as (driver, target):
        complete_stage(driver, target.database, _review_of(review), stage, on=_today(on))
        record_cli_action(
            driver,
            target.database,
            AuditAction.ALTERATION,
            "linkwatch review done",
            {"review": _review_of(review), "stage": stage, "on": _today(on)},
        )
    console.print(f"Recorded the {stage} of {_review_of(review)} as done on {_today(on)}.")


@app.command("pack")
@reports_errors
def pack(
    review: Annotated[str, typer.Argument(help="Review id, or the event's id.")],
    out: Annotated[Path, typer.Option("--out", dir_okay=False, help="HTML file to write.")],
    months: Annotated[int, typer.Option(min=1, max=120, help="How far back to look.")] = 24,
    as_of: Day = None,
    justification: Justification = None,
) -> None:
    """The review pack: precursor path with every agency's contacts, map, opportunities.

    Logged (as the API's pack download is) before the file is written.
    """
    if out.suffix.lower() not in (".html", ".htm"):
        raise InvalidInput(f"{out} should end in .html.")
    today = _today(as_of)
    options = {"review_id": _review_of(review), "months": months, "file": str(out)}
    with audited_session("linkwatch review pack", justification, options) as trail:
        facts = review_pack_facts(
            trail.driver, trail.database, _review_of(review), today=today, months=months
        )
        trail.record(facts.people)
    write_output(out, render_review_pack(facts, today=today, generated_by=cli_actor()))
    document, opportunities = facts.precursors, facts.opportunities
    console.print(
        f"Wrote {out}: {len(document.steps)} earlier events from "
        f"{', '.join(document.agencies) or 'no agency'}; {len(opportunities)} possible "
        "earlier opportunities."
    )


@action_app.command("add")
@reports_errors
def action_add(
    review: Annotated[str, typer.Argument(help="Review id, or the event's id.")],
    learning: Annotated[str, typer.Option(help="What was learned.")],
    action: Annotated[str, typer.Option(help="What will be done about it.")],
    owner: Annotated[str, typer.Option(help="Who owns it.")],
    agency: Annotated[str, typer.Option(help="police, nhs, local_authority, ...")],
    theme: Annotated[str, typer.Option(help="e.g. information sharing, risk assessment.")],
    due: Annotated[datetime, typer.Option(formats=["%Y-%m-%d"])],
) -> None:
    """Record a learning point and its action against a review."""
    with session_driver(load_settings()) as (driver, target):
        created = add_action(
            driver,
            target.database,
            _review_of(review),
            learning=learning,
            action=action,
            owner=owner,
            agency=agency,
            theme=theme,
            due=due.date(),
            by=getpass.getuser(),
        )
        record_cli_action(
            driver,
            target.database,
            AuditAction.ALTERATION,
            "linkwatch review action add",
            {"action": created["id"], "review": created["review"], "status": "open"},
        )
    console.print(f"Recorded {created['id']} (due {created['due']}).")


@action_app.command("update")
@reports_errors
def action_update(
    identifier: Annotated[str, typer.Argument(help="Action id, e.g. action:1a2b3c4d5e6f.")],
    status: Annotated[str, typer.Option(help="open, in_progress or closed.")],
    evidence: Annotated[str | None, typer.Option(help="Evidence of completion.")] = None,
    on: Day = None,
) -> None:
    """Change an action's status (closing needs evidence); the change is audited."""
    with session_driver(load_settings()) as (driver, target):
        before, after = update_action(
            driver,
            target.database,
            identifier,
            status=status,
            evidence=evidence,
            on=_today(on),
            by=getpass.getuser(),
        )
        record_cli_action(
            driver,
            target.database,
            AuditAction.ALTERATION,
            "linkwatch review action update",
            {"action": identifier, "before": before, "after": status, "evidence": evidence},
        )
    console.print(f"{identifier}: {before} -> {after['status']}.")
