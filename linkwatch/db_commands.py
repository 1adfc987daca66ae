"""``linkwatch db migrate | stats | reset``: the schema and what the database holds."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.table import Table

from governance.audit import AuditAction
from graph_model.connection import session_driver
from graph_model.errors import ConfigurationError
from graph_model.housekeeping import database_stats, delete_everything
from graph_model.schema import apply_schema
from linkwatch.audit_commands import record_cli_action
from linkwatch.context import console, load_settings, reports_errors

app = typer.Typer(help="Apply the schema, see what is loaded, empty the database.")


@app.command()
@reports_errors
def migrate() -> None:
    """Create every declared constraint and index that is missing (safe to repeat)."""
    settings = load_settings()
    with session_driver(settings) as (driver, target):
        report = apply_schema(driver, target.database)
    console.print(
        f"Schema on {target.uri} (database {target.database}): "
        f"{len(report.created)} created, {len(report.already_present)} already present."
    )
    for name in report.created:
        console.print(f"  created {name}")


@app.command()
@reports_errors
def stats(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")] = False,
    runs: Annotated[int, typer.Option(min=0, max=100, help="Recent load runs to list.")] = 5,
) -> None:
    """Node counts per label, relationship counts per type and the recent load runs."""
    settings = load_settings()
    with session_driver(settings) as (driver, target):
        result = database_stats(driver, target.database, recent_runs=runs)
    if as_json:
        console.print_json(json.dumps(result.as_json()))
        return
    console.print(
        f"{target.uri} (database {target.database}): "
        f"{result.total_nodes:,} nodes, {result.total_relationships:,} relationships"
    )
    nodes = Table("label", "nodes", title="Nodes")
    for label, count in result.nodes_by_label.items():
        nodes.add_row(label, f"{count:,}")
    relationships = Table("type", "relationships", title="Relationships")
    for rel_type, count in result.relationships_by_type.items():
        relationships.add_row(rel_type, f"{count:,}")
    console.print(nodes, relationships)
    if not result.recent_load_runs:
        console.print("No load runs yet.")
        return
    loads = Table(
        "started", "status", "by", "mapping", "files", "model", "changes", title="Recent load runs"
    )
    for run in result.recent_load_runs:
        loads.add_row(
            run.started_at.isoformat(timespec="seconds"),
            run.status.value,
            run.loaded_by,
            run.mapping or "",
            str(len(run.files)),
            run.linkage_model or "",
            _changes(run.changes_json),
        )
    console.print(loads)


def _changes(changes_json: str | None) -> str:
    """A load run's change summary in a few words."""
    if not changes_json:
        return ""
    changes = json.loads(changes_json)
    return (
        f"+{changes.get('people_added', 0)} people, {changes.get('records_joined_existing', 0)} "
        f"joined, {len(changes.get('merges', []))} merged, {len(changes.get('splits', []))} "
        f"split, +{changes.get('new_deaths', 0)} deaths"
    )


@app.command()
@reports_errors
def reset(
    yes: Annotated[bool, typer.Option("--yes", help="Really delete everything.")] = False,
    force: Annotated[
        bool, typer.Option("--force", help="Allow a server that is not the project's own.")
    ] = False,
) -> None:
    """Delete the intelligence graph (schema, API users and audit log stay). For demos and tests."""
    settings = load_settings()
    if not yes:
        raise ConfigurationError(
            "Refusing to empty the database without --yes.",
            hint="Run `linkwatch db reset --yes` if you mean it.",
        )
    if not settings.uses_local_server and not force:
        raise ConfigurationError(
            f"Refusing to empty {settings.neo4j_uri}: it is not the project's own local server.",
            hint="Add --force if this really is a disposable server.",
        )
    with session_driver(settings) as (driver, target):
        deleted = delete_everything(driver, target.database)
        record_cli_action(
            driver, target.database, AuditAction.ERASURE, "linkwatch db reset", {"nodes": deleted}
        )
    console.print(f"Deleted {deleted:,} nodes from {target.uri} (database {target.database}).")
