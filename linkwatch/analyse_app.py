"""The ``linkwatch analyse`` command group and the helpers its commands share."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

import typer
from pydantic import BaseModel

__all__ = ["AsJson", "DateOption", "app", "day", "print_document"]

app = typer.Typer(
    help="Run an analysis; every result carries the evidence behind it. "
    "`linkwatch analyse schema NAME` prints the JSON Schema of NAME's --json output."
)

AsJson = Annotated[
    bool, typer.Option("--json", help="Print JSON (`linkwatch analyse schema NAME`).")
]
DateOption = Annotated[datetime | None, typer.Option(formats=["%Y-%m-%d"])]


def day(value: datetime | None) -> date | None:
    """The date of a ``--from``/``--to``/``--as-of`` option, if given."""
    return value.date() if value else None


def print_document(document: BaseModel) -> None:
    """Print a document as indented JSON on stdout (plain text, for pipes and files)."""
    typer.echo(document.model_dump_json(indent=2))
