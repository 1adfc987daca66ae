"""``linkwatch review links | accept | reject``: the record-linkage review queue."""

from __future__ import annotations

import getpass
import json
from typing import Annotated, Any

import typer
from rich.table import Table

from graph_model.connection import session_driver
from graph_model.kinds import ReviewStatus
from graph_model.store import GraphStore
from ingest.identity.decisions import apply_decision
from ingest.review import decide, list_reviews
from linkwatch.audited import Justification, audited_session
from linkwatch.context import console, load_settings, reports_errors
from queries.people import people_described_by

app = typer.Typer(
    help="Record-linkage decisions (links, accept, reject) and rapid reviews of homicides and "
    "near misses (open, list, done, pack, action)."
)


def _describe(record: dict[str, Any] | None) -> str:
    if not record:
        return "(record not loaded)"
    parts = [
        record.get("recorded_name") or "?",
        str(record.get("recorded_date_of_birth") or "dob ?"),
        record.get("recorded_postcode") or "",
        f"[{record.get('source_type') or record.get('source_system')}]",
    ]
    return " ".join(str(part) for part in parts if part)


@app.command("links")
@reports_errors
def links(
    status: Annotated[
        ReviewStatus | None, typer.Option(help="Only pairs with this status.")
    ] = ReviewStatus.PENDING,
    limit: Annotated[int, typer.Option(min=1, max=1000)] = 20,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    justification: Justification = None,
) -> None:
    """List record pairs awaiting (or having had) a decision, strongest first.

    Logged (as ``GET /api/v1/reviews`` is) under both records and the people they describe.
    """
    options = {"status": status, "limit": limit}
    with audited_session("linkwatch review links", justification, options) as trail:
        entries = list_reviews(trail.driver, trail.database, status=status, limit=limit)
        records = [r["id"] for e in entries for r in (e.record_a, e.record_b) if r]
        trail.record([*records, *people_described_by(trail.driver, trail.database, records)])
    if as_json:
        console.print_json(
            json.dumps(
                [
                    {
                        **entry.review.model_dump(mode="json"),
                        "record_a_detail": entry.record_a,
                        "record_b_detail": entry.record_b,
                    }
                    for entry in entries
                ],
                default=str,
            )
        )
        return
    table = Table(
        "id", "p", "record A", "record B", "evidence", "status", title="Record-linkage review queue"
    )
    for entry in entries:
        evidence = json.loads(entry.review.evidence_json or "{}")
        probability = entry.review.probability
        table.add_row(
            entry.review.id,
            f"{probability:.2f}" if probability is not None else "-",
            _describe(entry.record_a),
            _describe(entry.record_b),
            "; ".join(f"{k}: {v}" for k, v in list(evidence.items())[:6]),
            entry.review.status.value,
        )
    console.print(table)
    if not entries:
        console.print("Nothing to review.")


def _decide(identifier: str, accepted: bool, note: str | None) -> None:
    settings = load_settings()
    decided_by = getpass.getuser()
    with session_driver(settings) as (driver, target):
        store = GraphStore(driver, target.database)
        review = decide(store, identifier, accepted=accepted, decided_by=decided_by, note=note)
        outcome = apply_decision(store, review, decided_by=decided_by)
    console.print(f"{review.id} {review.status.value}. {outcome.message}", highlight=False)


@app.command()
@reports_errors
def accept(
    identifier: Annotated[
        str, typer.Argument(metavar="ID", help="The review id from `review links`.")
    ],
    note: Annotated[str | None, typer.Option(help="Why.")] = None,
) -> None:
    """Accept a pair: the two records are the same person."""
    _decide(identifier, True, note)


@app.command()
@reports_errors
def reject(
    identifier: Annotated[
        str, typer.Argument(metavar="ID", help="The review id from `review links`.")
    ],
    note: Annotated[str | None, typer.Option(help="Why.")] = None,
) -> None:
    """Reject a pair: the two records are different people."""
    _decide(identifier, False, note)
