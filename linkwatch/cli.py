"""The ``linkwatch`` command.

Each command group lives in its own module and is imported only when it is invoked (or when
help lists it): the API, the analyses, record linkage and the charts between them cost about
four seconds of CPU to import, which a ``linkwatch neo4j status`` or ``audit verify`` should
not pay. :data:`COMMANDS` names, in the order help shows them, where each command is
declared.
"""

from __future__ import annotations

import importlib

import click
import typer
from typer.core import TyperGroup

from linkwatch import __version__
from linkwatch.context import console

__all__ = ["COMMANDS", "LazyCommands", "app", "main"]

#: Each top-level command: the modules that declare it (imported in order; the last one's
#: attribute is the command), and that attribute, a ``typer.Typer`` group or a function.
#: ``analyse`` and ``review`` are groups several modules add commands to.
COMMANDS: dict[str, tuple[tuple[str, ...], str]] = {
    "neo4j": (("linkwatch.neo4j_commands",), "app"),
    "db": (("linkwatch.db_commands",), "app"),
    "review": (("linkwatch.rapid_review_commands", "linkwatch.review_commands"), "app"),
    "linkage": (("linkwatch.linkage_commands",), "app"),
    "users": (("linkwatch.users_commands",), "app"),
    "audit": (("linkwatch.audit_commands",), "app"),
    "view": (("linkwatch.view_commands",), "view_app"),
    "export": (("linkwatch.view_commands",), "export_app"),
    "share": (("linkwatch.share_commands",), "app"),
    "report": (("linkwatch.report_commands",), "app"),
    "mapping": (("linkwatch.mapping_commands",), "app"),
    "people": (("linkwatch.people_commands",), "app"),
    "analyse": (
        (
            "linkwatch.analyse_commands",
            "linkwatch.network_commands",
            "linkwatch.investigate_commands",
            "linkwatch.analyse_app",
        ),
        "app",
    ),
    "generate": (("linkwatch.generate_command",), "generate_command"),
    "ingest": (("linkwatch.ingest_command",), "ingest_command"),
    "serve": (("linkwatch.serve_command",), "serve_command"),
}


def load_command(name: str) -> click.Command:
    """Import the modules declaring top-level command ``name`` and return it as click's.

    Parameters
    ----------
    name
        A key of :data:`COMMANDS`.

    Returns
    -------
    click.Command
        The group or command, named ``name``.

    Examples
    --------
    >>> load_command("db").name, sorted(load_command("db").commands)[:2]
    ('db', ['migrate', 'reset'])
    """
    modules, attribute = COMMANDS[name]
    declared = None
    for module in modules:
        declared = getattr(importlib.import_module(module), attribute, None)
    # Built exactly as ``add_typer`` / ``command`` on the top-level app would build it,
    # under a stand-in parent (no completion options: only the real top level has those).
    parent = typer.Typer(add_completion=False)
    if isinstance(declared, typer.Typer):
        parent.add_typer(declared, name=name)
        return typer.main.get_command(parent).commands[name]
    parent.command(name=name)(declared)
    return typer.main.get_command(parent)


class LazyCommands(TyperGroup):
    """The top-level group: commands of :data:`COMMANDS` are imported when first asked for."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        """Every command, the lazily imported ones first, in :data:`COMMANDS` order."""
        eager = [name for name in super().list_commands(ctx) if name not in COMMANDS]
        return [*COMMANDS, *eager]

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        """The command ``cmd_name``, importing its modules the first time."""
        if cmd_name in COMMANDS and cmd_name not in self.commands:
            self.commands[cmd_name] = load_command(cmd_name)
        return super().get_command(ctx, cmd_name)


app = typer.Typer(
    name="linkwatch",
    cls=LazyCommands,
    help="Linkwatch: linked deaths, networks and precursor paths for homicide prevention.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


@app.callback()
def linkwatch() -> None:
    """Linkwatch: linked deaths, networks and precursor paths for homicide prevention."""


@app.command()
def version() -> None:
    """Print the Linkwatch version."""
    console.print(f"linkwatch {__version__}")


def main() -> None:
    """Entry point of the ``linkwatch`` console script."""
    app()
