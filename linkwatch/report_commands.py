"""``linkwatch report deaths``: the analytical report on death investigations."""

from __future__ import annotations

import getpass
from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer

from graph_model.connection import session_driver
from graph_model.errors import InvalidInput
from linkwatch.audited import Justification, audited_session, cli_actor
from linkwatch.context import console, load_settings, reports_errors
from linkwatch.outputs import write_output
from queries.documents.series import series_document
from queries.report.deaths import death_report_figures
from queries.reviews.deadlines import quarter_bounds
from queries.reviews.service import list_actions
from queries.series.analysis import find_series
from visualisation.report.deaths import render_death_report, series_in_period
from visualisation.report.learning import learning_summary, render_learning_report

app = typer.Typer(help="Write reports: the death-investigation report.")


@app.command()
@reports_errors
def deaths(
    date_from: Annotated[datetime, typer.Option("--from", formats=["%Y-%m-%d"])],
    date_to: Annotated[datetime, typer.Option("--to", formats=["%Y-%m-%d"])],
    out: Annotated[Path, typer.Option("--out", dir_okay=False, help="HTML file to write.")],
    area: Annotated[str | None, typer.Option(help="One local policing area.")] = None,
    justification: Justification = None,
) -> None:
    """The death reports of a period, what partner data adds, linked series, data quality.

    Logged (as ``GET /api/v1/reports/deaths`` is) before the file is written.
    """
    if out.suffix.lower() not in (".html", ".htm"):
        raise InvalidInput(f"{out} should end in .html.")
    options = {"from": date_from.date(), "to": date_to.date(), "area": area, "file": str(out)}
    with audited_session("linkwatch report deaths", justification, options) as trail:
        figures = death_report_figures(
            trail.driver,
            trail.database,
            date_from=date_from.date(),
            date_to=date_to.date(),
            area=area,
        )
        document = series_document(find_series(trail.driver, trail.database))
        trail.record([d["deceased"] for d in figures.deaths if d["deceased"]])
    html = render_death_report(figures, document, generated_by=cli_actor())
    write_output(out, html)
    console.print(
        f"Wrote {out}: {len(figures.deaths)} death reports, "
        f"{len(series_in_period(document, figures))} candidate series in the period."
    )


@app.command()
@reports_errors
def learning(
    quarter: Annotated[str, typer.Option(help="e.g. 2026Q3")],
    out: Annotated[Path, typer.Option("--out", dir_okay=False, help="HTML file to write.")],
) -> None:
    """The quarterly summary of review actions for the organisational learning board."""
    if out.suffix.lower() not in (".html", ".htm"):
        raise InvalidInput(f"{out} should end in .html.")
    try:
        first, last = quarter_bounds(quarter)
    except ValueError as error:
        raise InvalidInput(str(error)) from None
    with session_driver(load_settings()) as (driver, target):
        summary = learning_summary(list_actions(driver, target.database), first=first, last=last)
    write_output(
        out,
        render_learning_report(
            summary,
            quarter=quarter.upper(),
            first=first,
            last=last,
            generated_by=getpass.getuser(),
        ),
    )
    totals = summary["totals"]
    console.print(
        f"Wrote {out}: {totals.get('open', 0)} open, {totals.get('overdue', 0)} overdue, "
        f"{totals.get('closed', 0)} closed actions; {len(summary['recurring'])} recurring themes."
    )
