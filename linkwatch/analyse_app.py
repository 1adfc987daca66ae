"""The ``linkwatch analyse`` command group and the helpers its commands share."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

import typer
from pydantic import BaseModel

__all__ = ["AsJson", "DateOption", "TieOption", "app", "day", "print_document"]

app = typer.Typer(
    help="Run an analysis; every result carries the evidence behind it. "
    "`linkwatch analyse schema NAME` prints the JSON Schema of NAME's --json output."
)

AsJson = Annotated[
    bool, typer.Option("--json", help="Print JSON (`linkwatch analyse schema NAME`).")
]
DateOption = Annotated[datetime | None, typer.Option(formats=["%Y-%m-%d"])]
#: ``--tie KIND`` (repeatable): follow only these kinds of person-to-person tie. The kinds are
#: checked against ``graph_model.kinds.AssociationKind`` by the query (``queries.ties``).
TieOption = Annotated[
    list[str] | None,
    typer.Option(
        "--tie",
        metavar="KIND",
        help="Only this kind of tie between people (repeat): partner, ex_partner, family, "
        "associate, co_offender, social_media, phone_contact, lives_with.",
        show_default=False,
    ),
]


def day(value: datetime | None) -> date | None:
    """The date of a ``--from``/``--to``/``--as-of`` option, if given."""
    return value.date() if value else None


def print_document(document: BaseModel) -> None:
    """Print a document as indented JSON on stdout (plain text, for pipes and files)."""
    typer.echo(document.model_dump_json(indent=2))
