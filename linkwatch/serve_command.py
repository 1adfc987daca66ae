"""``linkwatch serve``: the HTTP API under uvicorn."""

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
from linkwatch.context import console, load_settings, reports_errors
from linkwatch.demo_links import demo_view_links
from linkwatch.users_commands import demo_analyst_key

__all__ = ["serve_command", "server_log_config"]


@reports_errors
def serve_command(
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
