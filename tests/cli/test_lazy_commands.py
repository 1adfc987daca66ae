"""The command line imports a command's modules only when it is asked for."""

from __future__ import annotations

import json
import subprocess
import sys

import click
import pytest
import typer.main

from linkwatch.cli import COMMANDS, app, load_command
from tests.cli.helpers import run_linkwatch

#: Modules a command such as ``neo4j status`` or ``audit verify`` has no use for (about four
#: seconds of CPU between them): the API, ingest and record linkage, the analyses' documents
#: and models, the views and charts.
HEAVY = (
    "api",
    "ingest",
    "visualisation",
    "queries.documents",
    "queries.series",
    "queries.exposure",
    "queries.networks",
    "splink",
    "sklearn",
    "scipy",
    "matplotlib",
    "fastapi",
)


#: Libraries only model training, measurement and charts use (about two seconds of CPU
#: between them): loading any command, even one that ranks or draws, imports none of them.
TRAINING_AND_CHARTS = ("sklearn", "scipy", "matplotlib")


def _imported_after(code: str, heavy: tuple[str, ...] = HEAVY) -> list[str]:
    """The ``heavy`` modules a fresh interpreter has imported after running ``code``."""
    probe = (
        f"{code}\nimport json, sys\n"
        f"heavy = {heavy!r}\n"
        "print(json.dumps(sorted({h for h in heavy for m in sys.modules "
        "if m == h or m.startswith(h + '.')})))"
    )
    completed = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    return json.loads(completed.stdout.splitlines()[-1])


def test_importing_the_command_line_imports_no_command_module() -> None:
    assert _imported_after("import linkwatch.cli") == []


def test_a_light_command_does_not_import_the_api_or_the_analyses() -> None:
    assert _imported_after("from linkwatch.cli import load_command; load_command('neo4j')") == []


def test_no_command_imports_the_training_and_chart_libraries_until_it_runs() -> None:
    every_command = "from linkwatch.cli import COMMANDS, load_command\n" + (
        "for name in COMMANDS: load_command(name)"
    )
    assert _imported_after(every_command, TRAINING_AND_CHARTS) == []


@pytest.mark.parametrize("name", list(COMMANDS))
def test_every_command_loads_under_its_name(name: str) -> None:
    command = load_command(name)
    assert command.name == name
    assert command.help
    if isinstance(command, click.Group):
        assert command.commands, f"{name} has no subcommands"


def test_help_lists_every_command_in_the_declared_order() -> None:
    group = typer.main.get_command(app)
    assert group.list_commands(click.Context(group)) == [*COMMANDS, "version"]


def test_groups_several_modules_add_to_have_all_their_commands() -> None:
    assert {"series", "networks", "ego", "paths", "schema"} <= set(load_command("analyse").commands)
    assert {"links", "accept", "open", "pack", "action"} <= set(load_command("review").commands)


def test_an_unknown_command_is_a_usage_error_naming_it() -> None:
    run = run_linkwatch("nosuch")
    assert run.code == 2
    assert "No such command 'nosuch'" in run.stderr
    assert "Traceback" not in run.stderr
