"""The ``linkwatch`` command."""

from __future__ import annotations

import copy
from typing import Annotated

import typer
import uvicorn
import uvicorn.config

from api.app import create_app
from api.middleware import ACCESS_LOGGER
from governance.audit_key import load_audit_key
from graph_model.connection import session_driver
from graph_model.schema import apply_schema
from linkwatch import (
    __version__,
    analyse_app,
    analyse_commands,
    audit_commands,
    db_commands,
    investigate_commands,
    linkage_commands,
    mapping_commands,
    neo4j_commands,
    network_commands,
    rapid_review_commands,
    report_commands,
    review_commands,
    share_commands,
    users_commands,
    view_commands,
)
from linkwatch.context import console, load_settings, reports_errors
from linkwatch.demo_links import demo_view_links
from linkwatch.generate_command import generate_command
from linkwatch.ingest_command import ingest_command
from linkwatch.users_commands import demo_analyst_key

app = typer.Typer(
    name="linkwatch",
    help="Linkwatch: linked deaths, networks and precursor paths for homicide prevention.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
app.add_typer(neo4j_commands.app, name="neo4j")
app.add_typer(db_commands.app, name="db")
app.add_typer(review_commands.app, name="review")
app.add_typer(linkage_commands.app, name="linkage")
app.add_typer(users_commands.app, name="users")
app.add_typer(audit_commands.app, name="audit")
app.add_typer(view_commands.view_app, name="view")
app.add_typer(view_commands.export_app, name="export")
app.add_typer(share_commands.app, name="share")
app.add_typer(report_commands.app, name="report")
app.add_typer(mapping_commands.app, name="mapping")
# Importing these modules registered their commands on the shared `analyse` group.
ANALYSE_MODULES = (analyse_commands, network_commands, investigate_commands)
# And these added rapid reviews to the `review` group.
REVIEW_MODULES = (review_commands, rapid_review_commands)
app.add_typer(analyse_app.app, name="analyse")
app.command(name="generate")(generate_command)
app.command(name="ingest")(ingest_command)


@app.command()
@reports_errors
def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    demo_key: Annotated[
        bool,
        typer.Option(
            "--demo-key", help="Create (or re-key) the user demo.analyst and print its key."
        ),
    ] = False,
) -> None:
    """Serve the HTTP API under /api/v1 with uvicorn (API keys: `linkwatch users add`)."""
    settings = load_settings()
    load_audit_key(settings)  # fail now, in one line, if the audit key is unusable
    with session_driver(settings) as (driver, target):  # fail now, in one line, if no server
        apply_schema(driver, target.database)
        if demo_key:
            key = demo_analyst_key(driver, target.database)
            console.print(
                "Demo analyst API key (use as the X-API-Key header, with an X-Justification "
                "case reference for personal data):"
            )
            typer.echo(key)
            base = f"http://{host}:{port}"
            console.print("Views (sign in with the key and a case reference):")
            for what, url in demo_view_links(driver, target.database, base):
                console.print(f"  {what}:", soft_wrap=True)
                typer.echo(f"    {url}")
    console.print(f"Serving the Linkwatch API on http://{host}:{port} (Ctrl+C to stop)")
    uvicorn.run(
        create_app(settings),
        host=host,
        port=port,
        log_level="info",
        access_log=False,  # it writes paths and queries: names searched for, ids looked up
        log_config=server_log_config(),
    )


def server_log_config() -> dict[str, object]:
    """Uvicorn's logging configuration, with Linkwatch's access log (route templates only)."""
    config = copy.deepcopy(uvicorn.config.LOGGING_CONFIG)
    config["loggers"][ACCESS_LOGGER] = {
        "handlers": ["default"],
        "level": "INFO",
        "propagate": False,
    }
    return config


@app.command()
def version() -> None:
    """Print the Linkwatch version."""
    console.print(f"linkwatch {__version__}")


def main() -> None:
    """Entry point of the ``linkwatch`` console script."""
    app()
