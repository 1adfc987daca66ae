"""``linkwatch ingest DIR``: load a folder of extracts through a mapping."""

from __future__ import annotations

import getpass
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from api.security.audit import AuditAction
from graph_model.connection import session_driver
from graph_model.errors import InvalidInput, NotFound
from graph_model.schema import apply_schema
from graph_model.store import GraphStore
from ingest.linkage import LinkageSettings
from ingest.mapping.loader import BUILT_IN, detect_mapping, load_mapping
from ingest.pipeline import IngestReport, ingest_folder
from linkwatch.audit_commands import record_cli_action
from linkwatch.context import console, load_settings, reports_errors


class _RowsPerSecond(TextColumn):
    def __init__(self) -> None:
        super().__init__("")

    def render(self, task):
        speed = task.finished_speed or task.speed
        return f"{speed:,.0f} rows/s" if speed else ""


def _summary(report: IngestReport) -> Table:
    table = Table(
        "source",
        "rows",
        "loaded",
        "unchanged",
        "quarantined",
        "status",
        title=f"Load run {report.run_id} ({report.mapping}) in {report.seconds:.1f} s",
    )
    for name, counts in report.sources.items():
        table.add_row(
            name,
            f"{counts.rows:,}",
            f"{counts.loaded:,}",
            f"{counts.unchanged:,}",
            f"{counts.quarantined:,}",
            counts.status,
        )
    return table


@reports_errors
def ingest_command(
    folder: Annotated[Path, typer.Argument(help="Folder holding the extracts.")],
    mapping: Annotated[
        str | None,
        typer.Option(
            help=f"Built-in mapping name ({', '.join(BUILT_IN)}) or a YAML file; "
            "detected if omitted."
        ),
    ] = None,
    max_bad: Annotated[
        float | None,
        typer.Option(
            min=0.0, max=1.0, help="Fail a file whose share of bad rows exceeds this fraction."
        ),
    ] = None,
    quarantine_dir: Annotated[
        Path | None,
        typer.Option(help="Where quarantine files go (default LINKWATCH_HOME/quarantine)."),
    ] = None,
    link_threshold: Annotated[
        float, typer.Option(min=0.0, max=1.0, help="Match probability at which records are linked.")
    ] = 0.95,
    review_threshold: Annotated[
        float,
        typer.Option(min=0.0, max=1.0, help="Match probability from which pairs go to review."),
    ] = 0.5,
) -> None:
    """Validate, quarantine, resolve people and load a folder of extracts (idempotent)."""
    if not folder.is_dir():
        raise NotFound(f"{folder} is not a folder.")
    if review_threshold > link_threshold:
        raise InvalidInput("--review-threshold must not be above --link-threshold.")
    chosen = load_mapping(mapping) if mapping else detect_mapping(folder)
    settings = load_settings()
    console.print(f"Loading {folder} with mapping {chosen.name!r}")
    with (
        session_driver(settings) as (driver, target),
        Progress(
            TextColumn("{task.description:<22}"),
            BarColumn(),
            MofNCompleteColumn(),
            _RowsPerSecond(),
            TimeElapsedColumn(),
            console=console,
            transient=False,
        ) as bar,
    ):
        apply_schema(driver, target.database)
        tasks: dict[str, int] = {}

        def progress(name: str, done: int, total: int) -> None:
            if name not in tasks:
                tasks[name] = bar.add_task(name, total=max(total, 1))
            bar.update(tasks[name], completed=done)

        report = ingest_folder(
            folder,
            chosen,
            GraphStore(driver, target.database),
            loaded_by=getpass.getuser(),
            quarantine_dir=quarantine_dir or settings.linkwatch_home / "quarantine",
            max_bad=max_bad,
            linkage=LinkageSettings(
                link_threshold=link_threshold, review_threshold=review_threshold
            ),
            progress=progress,
        )
        record_cli_action(
            driver,
            target.database,
            AuditAction.COLLECTION,
            "linkwatch ingest",
            {"folder": str(folder), "mapping": report.mapping, "run": report.run_id},
        )
        if report.people:
            record_cli_action(
                driver,
                target.database,
                AuditAction.COMBINATION,
                "linkwatch ingest (record linkage)",
                {
                    "run": report.run_id,
                    "person_records": report.person_records,
                    "people": report.people,
                    "review_pairs": report.review_pairs,
                },
            )
    console.print(_summary(report))
    if report.people:
        console.print(
            f"Record linkage: {report.person_records:,} person records -> "
            f"{report.people:,} people; "
            f"{report.review_pairs:,} pairs await review."
        )
    if report.quarantine_file:
        console.print(f"Quarantined rows and reasons: {report.quarantine_file}")
    for name in report.failed:
        console.print(Text(f"{name}: {report.sources[name].message}", style="red"))
    if report.failed:
        raise InvalidInput(
            f"{len(report.failed)} file(s) could not be loaded: {', '.join(report.failed)}; "
            "the rest were loaded."
        )
