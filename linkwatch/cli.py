"""The ``linkwatch`` command."""

from __future__ import annotations

from typing import Annotated

import typer
import uvicorn

from api.app import create_app
from graph_model.connection import resolve_target
from linkwatch import (
    __version__,
    analyse_app,
    analyse_commands,
    db_commands,
    investigate_commands,
    neo4j_commands,
    network_commands,
    review_commands,
)
from linkwatch.context import console, load_settings, reports_errors
from linkwatch.generate_command import generate_command
from linkwatch.ingest_command import ingest_command

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
# Importing these modules registered their commands on the shared `analyse` group.
ANALYSE_MODULES = (analyse_commands, network_commands, investigate_commands)
app.add_typer(analyse_app.app, name="analyse")
app.command(name="generate")(generate_command)
app.command(name="ingest")(ingest_command)


@app.command()
@reports_errors
def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
) -> None:
    """Serve the HTTP API (``/health``, ``/ready``) with uvicorn."""
    settings = load_settings()
    resolve_target(settings)  # fail now, in one line, if there is no server to use
    console.print(f"Serving the Linkwatch API on http://{host}:{port} (Ctrl+C to stop)")
    uvicorn.run(create_app(settings), host=host, port=port, log_level="info")


@app.command()
def version() -> None:
    """Print the Linkwatch version."""
    console.print(f"linkwatch {__version__}")


def main() -> None:
    """Entry point of the ``linkwatch`` console script."""
    app()
