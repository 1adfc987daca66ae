"""``linkwatch neo4j start | stop | status | logs``: the project's own Neo4j server."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from graph_model.errors import ConfigurationError
from graph_model.local_server.layout import ServerLayout
from graph_model.local_server.process import log_tail, server_status, start_server, stop_server
from graph_model.settings import Settings
from linkwatch.context import console, load_settings, reports_errors

app = typer.Typer(help="Run the project's own Neo4j 5.26 Community server (no Docker needed).")


def _local_layout(settings: Settings) -> ServerLayout:
    if not settings.uses_local_server:
        raise ConfigurationError(
            f"NEO4J_URI is set ({settings.neo4j_uri}), so Linkwatch uses that server and does "
            "not manage one of its own.",
            hint="Unset NEO4J_URI to use the project's local server.",
        )
    return ServerLayout.from_settings(settings)


@app.command()
@reports_errors
def start() -> None:
    """Fetch Neo4j from Maven Central if needed, start it and wait until Bolt answers."""
    settings = load_settings()
    layout = _local_layout(settings)
    result = start_server(
        layout,
        password=settings.neo4j_password,
        timeout=settings.linkwatch_neo4j_start_timeout,
        report=console.print,
    )
    status = result.status
    if result.already_running:
        console.print(
            f"Neo4j is already running at {status.uri} (pid {status.pid}); left as it is."
        )
        return
    console.print(
        f"Neo4j {status.version} is ready at {status.uri} (pid {status.pid}) after "
        f"{result.seconds_to_ready:.1f} s. Data: {layout.data_dir}"
    )


@app.command()
@reports_errors
def stop() -> None:
    """Stop the local server cleanly (data is kept)."""
    layout = _local_layout(load_settings())
    if stop_server(layout):
        console.print(f"Neo4j at {layout.bolt_uri} stopped.")
    else:
        console.print(f"Neo4j at {layout.bolt_uri} was not running.")


@app.command()
@reports_errors
def status(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Say whether the local server is running, where, and where its data lives."""
    layout = _local_layout(load_settings())
    current = server_status(layout)
    if as_json:
        console.print_json(
            json.dumps(
                {
                    "running": current.running,
                    "pid": current.pid,
                    "uri": current.uri,
                    "home": str(current.home),
                    "version": current.version,
                }
            )
        )
    elif current.running:
        console.print(
            f"running: Neo4j {current.version} at {current.uri} (pid {current.pid}), "
            f"home {current.home}"
        )
    else:
        console.print(
            f"stopped: Neo4j {current.version} would listen at {current.uri}, home {current.home}"
        )
    if not current.running:
        raise typer.Exit(code=3)


@app.command()
@reports_errors
def logs(lines: Annotated[int, typer.Option(min=1, max=10_000)] = 40) -> None:
    """Print the last lines of the local server's console log."""
    layout = _local_layout(load_settings())
    console.print(log_tail(layout, lines) or f"No log yet at {layout.console_log}.", markup=False)
