"""``linkwatch linkage train|status|changes``: the stored linkage model and identity changes."""

from __future__ import annotations

import getpass
import json
from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from governance.audit import AuditAction
from graph_model.connection import read, session_driver
from graph_model.cypher_catalogue import cypher
from graph_model.nodes import IdentityChange
from graph_model.store import GraphStore
from ingest.identity.model_store import (
    current_model,
    model_versions,
    population_size,
    train_on_graph,
)
from linkwatch.audit_commands import record_cli_action
from linkwatch.context import console, load_settings, reports_errors

app = typer.Typer(
    help="The record-linkage model every load uses, and the merges and splits it made.",
    no_args_is_help=True,
)


@app.command()
@reports_errors
def train(
    sample: Annotated[
        int | None,
        typer.Option(min=200, help="Train on this many records drawn at random (default all)."),
    ] = None,
    seed: Annotated[int, typer.Option(help="Seed of the sample and of u sampling.")] = 42,
) -> None:
    """Fit the linkage model on the person records in the graph; it becomes the current one.

    People already resolved are not re-linked: the new model is used from the next load on.
    """
    with session_driver(load_settings()) as (driver, target):
        store = GraphStore(driver, target.database)
        model = train_on_graph(store, trained_by=getpass.getuser(), sample=sample, seed=seed)
        record_cli_action(
            driver,
            target.database,
            AuditAction.COMBINATION,
            "linkwatch linkage train",
            {"model": model.id, "records_used": model.records_used},
        )
    console.print(
        f"Trained {model.id} on {model.records_used:,} of {model.population:,} person records; "
        "it is the current model from the next load on."
    )


@app.command()
@reports_errors
def status(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")] = False,
) -> None:
    """The model in use, its parameters, every stored version and the population it links."""
    with session_driver(load_settings()) as (driver, target):
        store = GraphStore(driver, target.database)
        model = current_model(store)
        versions = model_versions(store)
        population = population_size(store)
    summary = json.loads(model.summary_json) if model and model.summary_json else None
    if as_json:
        console.print_json(
            json.dumps(
                {
                    "current": model.id if model else None,
                    "summary": summary,
                    "versions": versions,
                    "population": population,
                },
                default=str,
            )
        )
        return
    if model is None:
        console.print("No linkage model is stored yet: the first load trains one.")
    else:
        console.print(
            f"Current model {model.id} ({model.digest[:19]}...), trained "
            f"{model.trained_at:%Y-%m-%d %H:%M} by {model.trained_by}: {model.how}; "
            f"{model.records_used:,} records used of {model.population:,} then in the graph. "
            f"Prior match probability {summary['probability_two_random_records_match']:.3g}."
        )
        levels = Table("comparison", "level", "m", "u", title=f"{model.id} parameters")
        for comparison, rows in summary["comparisons"].items():
            for row in rows:
                levels.add_row(comparison, Text(row["level"]), f"{row['m']:.4f}", f"{row['u']:.3g}")
        console.print(levels)
    table = Table(
        "version", "current", "trained", "by", "records", "how", "loads", title="Versions"
    )
    for version in versions:
        table.add_row(
            str(version["version"]),
            "yes" if version["current"] else "",
            str(version["trained_at"])[:16],
            Text(str(version["trained_by"])),
            f"{version['records_used']:,}",
            Text(str(version["how"])),
            str(version["loads"]),
        )
    console.print(table)
    console.print(
        f"Population: {population['records']:,} person records, {population['people']:,} "
        f"people, {population['links']:,} record links, {population['aliases']:,} aliases "
        f"of merged ids, {population['pending_reviews']:,} pairs awaiting review."
    )


@app.command()
@reports_errors
def changes(
    person: Annotated[str | None, typer.Option(help="Only changes about this person id.")] = None,
    limit: Annotated[int, typer.Option(min=1, max=1000)] = 20,
) -> None:
    """Merges and splits, newest first, with the pair of records behind each and how to undo it."""
    with session_driver(load_settings()) as (driver, target):
        rows = read(
            driver,
            target.database,
            cypher("identity/changes", package="ingest"),
            {"person": person, "limit": limit},
        )
    found = [IdentityChange.from_properties(row["change"]) for row in rows]
    if not found:
        console.print("No merges or splits recorded.")
        return
    table = Table("when", "kind", "survivor", "other", "pair", "p", "why", "undo", title="Changes")
    for change in found:
        pair = f"{change.record_a} | {change.record_b}" if change.record_a else ""
        undo = (
            f"review reject review:{change.record_a}|{change.record_b}"
            if change.kind.value == "merge" and change.record_a
            else "review accept a pair of the split records"
        )
        table.add_row(
            f"{change.changed_at:%Y-%m-%d %H:%M}",
            change.kind.value,
            change.survivor,
            ", ".join(change.persons),
            Text(pair),
            f"{change.probability:.3f}" if change.probability is not None else "",
            Text(change.reason),
            Text(undo),
        )
    console.print(table)
