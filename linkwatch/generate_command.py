"""``linkwatch generate``: synthetic extracts with planted ground truth."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from pydantic import ValidationError
from rich.table import Table

from graph_model.errors import InvalidInput
from linkwatch.context import console, reports_errors
from synthetic.config import Scale, config_for
from synthetic.generator import generate
from synthetic.layouts import STANDARD, load_layouts
from synthetic.layouts.spec import SCHEMAS
from synthetic.scenarios import load_scenarios


def _list_scenarios() -> None:
    table = Table("scenario", "family", "what happens", title="Planted scenarios")
    for scenario in load_scenarios().values():
        table.add_row(scenario.name, scenario.family, " ".join(scenario.description.split()))
    console.print(table)


def _list_layouts() -> None:
    table = Table("layout", "ingest mapping", "what it writes", title="Extract layouts")
    for layout in load_layouts().values():
        table.add_row(layout.name, layout.mapping, " ".join(layout.description.split()))
    console.print(table)


@reports_errors
def generate_command(
    out: Annotated[
        Path | None, typer.Option("--out", help="Folder to write the extracts into.")
    ] = None,
    scale: Annotated[
        Scale,
        typer.Option(help="Preset size: tiny ~300, small ~5k, medium ~100k, large ~1M people."),
    ] = Scale.SMALL,
    people: Annotated[
        int | None, typer.Option(help="Explicit number of people (overrides --scale).", min=100)
    ] = None,
    seed: Annotated[
        int, typer.Option(help="Random seed: the same seed gives identical files.", min=0)
    ] = 7,
    scenario: Annotated[
        list[str] | None,
        typer.Option(
            "--scenario",
            help="Plant this scenario (repeatable; default: every series and decoy kind).",
        ),
    ] = None,
    list_scenarios: Annotated[
        bool, typer.Option("--list-scenarios", help="List the planted scenarios and exit.")
    ] = False,
    layout: Annotated[
        str,
        typer.Option(
            help="Write the extracts as this layout's systems do (the same records in every "
            "layout; see --list-layouts)."
        ),
    ] = STANDARD,
    list_layouts: Annotated[
        bool, typer.Option("--list-layouts", help="List the extract layouts and exit.")
    ] = False,
) -> None:
    """Write synthetic extracts with planted patterns, and their ground truth.

    Police, death-report, NHS, local-authority and register extracts, with linked series
    and decoys from the scenario library, domestic-abuse dyads and networks planted in them.
    """
    if list_scenarios:
        _list_scenarios()
        return
    if list_layouts:
        _list_layouts()
        return
    if out is None:
        raise InvalidInput("Missing option --out: the folder to write the extracts into.")
    known = load_scenarios()
    for name in scenario or []:
        if name not in known:
            raise InvalidInput(
                f"Unknown scenario {name!r}; known: {', '.join(known)}.",
                hint="Run `linkwatch generate --list-scenarios`.",
            )
    layouts = load_layouts()
    if layout not in layouts:
        raise InvalidInput(
            f"Unknown layout {layout!r}; known: {', '.join(layouts)}.",
            hint="Run `linkwatch generate --list-layouts`.",
        )
    try:
        config = config_for(
            scale,
            people=people,
            seed=seed,
            scenarios=tuple(scenario) if scenario else None,
            layout=layout,
        )
    except ValidationError as error:
        raise InvalidInput(f"Invalid generator settings: {error.errors()[0]['msg']}") from None
    if out.exists() and not out.is_dir():
        raise InvalidInput(f"--out {out} exists and is not a folder.")
    summary = generate(config, out, report=lambda line: console.print(f"  {line}"))
    table = Table(
        "records",
        "count",
        title=f"Generated {config.people:,} people, seed {seed}, {layout} layout, "
        f"in {summary.seconds:.1f} s",
    )
    for name, count in summary.counts.items():
        table.add_row(name, f"{count:,}")
    console.print(table)
    console.print(f"Extracts and ground_truth.json are in {out.resolve()}")
    written = {layouts[layout].file_for(standard).file for standard in SCHEMAS}
    stale = sorted(
        file
        for other in layouts.values()
        for file in (other.file_for(standard).file for standard in SCHEMAS)
        if file not in written and (out / file).is_file()
    )
    if stale:
        console.print(
            f"[yellow]{out} also holds extracts of another layout ({', '.join(stale[:4])}"
            f"{', ...' if len(stale) > 4 else ''}); remove them before loading the folder.[/]"
        )
    console.print(f"Load them with `linkwatch ingest {out}` (mapping {layouts[layout].mapping}).")
