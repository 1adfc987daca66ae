"""``linkwatch analyse NAME``: the analyses, with JSON output and their evidence."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from graph_model.connection import session_driver
from linkwatch.context import console, load_settings, reports_errors
from queries.exposure.analysis import rank_exposure
from queries.people import person_labels
from queries.series.analysis import find_series
from queries.series.report import series_json

app = typer.Typer(help="Run an analysis; every result carries the evidence behind it.")


@app.command()
@reports_errors
def series(
    threshold: Annotated[
        float | None,
        typer.Option(min=0.01, max=0.99, help="Link probability (default: the model's)."),
    ] = None,
    date_from: Annotated[
        datetime | None, typer.Option("--from", formats=["%Y-%m-%d"], help="First date found.")
    ] = None,
    date_to: Annotated[
        datetime | None, typer.Option("--to", formats=["%Y-%m-%d"], help="Last date found.")
    ] = None,
    hops: Annotated[
        int, typer.Option(min=1, max=4, help="Association ties apart that still link.")
    ] = 3,
    limit: Annotated[int, typer.Option(min=1, max=1000, help="Series to show.")] = 10,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print JSON (schema in the README).")
    ] = False,
) -> None:
    """Candidate linked series of deaths, strongest first, with each link's evidence."""
    settings = load_settings()
    with session_driver(settings) as (driver, target):
        analysis = find_series(
            driver,
            target.database,
            threshold=threshold,
            hops=hops,
            date_from=date_from.date() if date_from else None,
            date_to=date_to.date() if date_to else None,
        )
    if as_json:
        document = series_json(analysis)
        document["series"] = document["series"][:limit]
        console.print_json(json.dumps(document, default=str))
        return
    console.print(
        f"{analysis.deaths:,} deaths compared in {analysis.candidate_pairs:,} candidate pairs; "
        f"{len(analysis.series)} candidate series at threshold {analysis.threshold:.2f}. "
        "A series is a prompt for review, not a finding."
    )
    for found in analysis.series[:limit]:
        table = Table(
            "death",
            "found",
            "cause",
            "place",
            title=f"{found.id} (strongest link {found.strength:.2f})",
        )
        for death in found.deaths:
            table.add_row(
                death.id,
                death.date_found.isoformat(),
                death.cause or "",
                Text(death.address or death.place or ""),
            )
        console.print(table)
        for link in found.links[:8]:
            top = sorted(link.contributions.items(), key=lambda kv: -kv[1])[:5]
            reasons = ", ".join(f"{name} {value:+.2f}" for name, value in top)
            console.print(Text(f"  {link.a} - {link.b}: p={link.probability:.2f} ({reasons})"))


@app.command()
@reports_errors
def exposure(
    as_of: Annotated[
        datetime | None,
        typer.Option("--as-of", formats=["%Y-%m-%d"], help="Reference date (default today)."),
    ] = None,
    hops: Annotated[int, typer.Option(min=0, max=4, help="Ties exposure travels.")] = 3,
    half_life: Annotated[
        float, typer.Option(min=1, help="Days for an event's weight to halve.")
    ] = 180.0,
    limit: Annotated[int, typer.Option(min=1, max=1000, help="People to list.")] = 20,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """People most exposed to earlier serious violence through their ties, with the paths."""
    settings = load_settings()
    reference = as_of.date() if as_of else datetime.now().date()
    with session_driver(settings) as (driver, target):
        analysis = rank_exposure(
            driver, target.database, as_of=reference, max_hops=hops, half_life_days=half_life
        )
        top = analysis.ranking[:limit]
        names = person_labels(driver, target.database, (e.person for e in top))
    if as_json:
        console.print_json(
            json.dumps(
                {
                    "as_of": reference.isoformat(),
                    "hops": hops,
                    "half_life_days": half_life,
                    "events": analysis.events,
                    "people_in_network": analysis.graph.number_of_nodes(),
                    "ranking": [
                        {
                            "person": e.person,
                            "name": names.get(e.person),
                            "score": e.score,
                            "contributions": [
                                {
                                    "incident": c.incident,
                                    "occurred_on": c.occurred_on.isoformat(),
                                    "role": c.role,
                                    "path": list(c.path),
                                    "weight": c.weight,
                                }
                                for c in e.contributions[:10]
                            ],
                        }
                        for e in top
                    ],
                }
            )
        )
        return
    console.print(
        f"{analysis.events} serious-violence involvements before {reference}; "
        f"{analysis.graph.number_of_nodes():,} people in the network. "
        "A ranking is a prompt for review, never a decision."
    )
    table = Table("person", "score", "nearest", "strongest contribution", title="Network exposure")
    for entry in top:
        best = entry.contributions[0]
        table.add_row(
            Text(names.get(entry.person, entry.person)),
            f"{entry.score:.3f}",
            f"{entry.ties} ties",
            Text(
                f"{best.role} in {best.incident} ({best.occurred_on}) via {' > '.join(best.path)}"
            ),
        )
    console.print(table)
