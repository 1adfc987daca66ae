"""``linkwatch users add | list | rotate | revoke``: API users and their keys."""

from __future__ import annotations

from typing import Annotated

import neo4j
import typer
from rich.table import Table
from rich.text import Text

from governance.audit import AuditAction
from governance.roles import Role
from governance.users import create_user, list_users, revoke_user, rotate_key
from graph_model.connection import session_driver
from graph_model.errors import Conflict, NotFound
from linkwatch.audit_commands import cli_actor, record_cli_action
from linkwatch.context import console, load_settings, reports_errors

app = typer.Typer(help="Create, list, rotate and revoke API users (keys are shown once).")


@app.command()
@reports_errors
def add(
    name: Annotated[str, typer.Argument(help="User name, e.g. a.analyst@force.")],
    role: Annotated[Role, typer.Option(help="What the user may do.")],
    organisation: Annotated[
        str, typer.Option(help="Their organisation; 'nhs' lets partners see health detail.")
    ] = "police",
) -> None:
    """Create a user and print their API key (only its argon2 hash is stored)."""
    settings = load_settings()
    with session_driver(settings) as (driver, target):
        key = create_user(
            driver,
            target.database,
            name=name,
            role=role,
            organisation=organisation,
            created_by=cli_actor(),
        )
        record_cli_action(
            driver,
            target.database,
            AuditAction.ALTERATION,
            "linkwatch users add",
            {"name": name, "role": role.value, "organisation": organisation},
        )
    console.print(f"Created {name} ({role.value}, {organisation}). API key, shown only now:")
    typer.echo(key)


@app.command("list")
@reports_errors
def list_command() -> None:
    """Every user, their role and whether their key is revoked (never the keys)."""
    settings = load_settings()
    with session_driver(settings) as (driver, target):
        users = list_users(driver, target.database)
    table = Table("name", "role", "organisation", "key id", "created", "revoked")
    for user in users:
        table.add_row(
            Text(user["name"]),
            user["role"],
            Text(user["organisation"]),
            user["key_id"],
            str(user["created_at"])[:19],
            str(user["revoked_at"])[:19] if user["revoked_at"] else "",
        )
    console.print(table)


@app.command()
@reports_errors
def rotate(name: Annotated[str, typer.Argument(help="User name.")]) -> None:
    """Give a user a new key and print it; the old key stops working."""
    settings = load_settings()
    with session_driver(settings) as (driver, target):
        key = rotate_key(driver, target.database, name)
        record_cli_action(
            driver,
            target.database,
            AuditAction.ALTERATION,
            "linkwatch users rotate",
            {"name": name},
        )
    console.print(f"New API key for {name}, shown only now:")
    typer.echo(key)


@app.command()
@reports_errors
def revoke(name: Annotated[str, typer.Argument(help="User name.")]) -> None:
    """Revoke a user's key (the user stays, so the audit log still names them)."""
    settings = load_settings()
    with session_driver(settings) as (driver, target):
        revoke_user(driver, target.database, name, revoked_by=cli_actor())
        record_cli_action(
            driver,
            target.database,
            AuditAction.ALTERATION,
            "linkwatch users revoke",
            {"name": name},
        )
    console.print(f"Revoked {name}'s key.")


DEMO_USER = "demo.analyst"


def demo_analyst_key(driver: neo4j.Driver, database: str) -> str:
    """A fresh key for the demo analyst, creating the user the first time."""
    try:
        key = create_user(
            driver,
            database,
            name=DEMO_USER,
            role=Role.ANALYST,
            organisation="police",
            created_by=cli_actor(),
        )
    except Conflict:
        try:
            key = rotate_key(driver, database, DEMO_USER)
        except NotFound:
            raise Conflict(
                f"{DEMO_USER} was revoked; create another user with `linkwatch users add`."
            ) from None
    record_cli_action(
        driver, database, AuditAction.ALTERATION, "linkwatch serve --demo-key", {"name": DEMO_USER}
    )
    return key
