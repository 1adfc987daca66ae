"""``linkwatch ingest PATH...``: load a delivery (folders or files) through a mapping."""

from __future__ import annotations

import getpass
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from governance.audit import AuditAction
from graph_model.connection import session_driver
from graph_model.errors import InvalidInput, NotFound
from graph_model.schema import apply_schema
from graph_model.store import GraphStore
from ingest.linkage import LinkageSettings
from ingest.mapping.loader import BUILT_IN, detect_mapping, load_mapping
from ingest.pipeline import ALREADY_LOADED, NOT_IN_DELIVERY, IngestReport, ingest_delivery
from linkwatch.audit_commands import record_cli_action
from linkwatch.context import console, load_settings, reports_errors
from queries.series.changes import record_series_changes


class _RowsPerSecond(TextColumn):
    def __init__(self) -> None:
        super().__init__("")

    def render(self, task):
        speed = task.finished_speed or task.speed
        return f"{speed:,.0f} rows/s" if speed else ""


def _summary(report: IngestReport) -> Table:
    title = (
        f"Load run {report.run_id} ({report.mapping}) in {report.seconds:.1f} s"
        if report.run_id
        else f"Nothing new to load ({report.mapping}): no load run recorded"
    )
    table = Table(
        "source", "file", "rows", "loaded", "unchanged", "quarantined", "status", title=title
    )
    for name, counts in report.sources.items():
        read = counts.status not in (NOT_IN_DELIVERY, ALREADY_LOADED, "skipped")
        figures = (counts.rows, counts.loaded, counts.unchanged, counts.quarantined)
        table.add_row(
            counts.source or name,
            counts.file,
            *(f"{figure:,}" if read else "-" for figure in figures),
            counts.status,
        )
    return table


def _notes(report: IngestReport) -> list[str]:
    """One line each for the sources not delivered, files not re-read, files ignored."""
    notes = []
    absent = report.with_status(NOT_IN_DELIVERY)
    if absent:
        notes.append(
            f"Not in this delivery ({len(absent)}): {', '.join(absent)}; "
            "what was loaded before stays as it was. --require-all refuses a partial delivery."
        )
    again = report.with_status(ALREADY_LOADED)
    if again:
        notes.append(
            f"Already loaded, not read again ({len(again)}): {', '.join(again)} "
            "(same content as an earlier load; --force re-loads)."
        )
    if report.ignored:
        names = sorted(path.name for path in report.ignored)
        notes.append(f"Ignored, not files of mapping {report.mapping!r}: {', '.join(names)}.")
    return notes


def _series_changes(driver, database: str, report: IngestReport) -> str | None:
    """Find the candidate series again when the load could have changed them; one line."""
    identity = report.identity
    if report.run_id is None:
        return None
    if not report.new_deaths and not (identity and (identity.merges or identity.splits)):
        return "Candidate series: no new death reports or identity changes, so none changed."
    changes = record_series_changes(driver, database, report.run_id)
    grew = ", ".join(f"{s} (+{len(d)})" for s, d in changes.grew.items())
    since = f"since {changes.previous_run}" if changes.previous_run else "(first recorded)"
    return (
        f"Candidate series {since}: {len(changes.new)} new"
        + (f" ({', '.join(changes.new[:10])})" if changes.new else "")
        + f", {len(changes.grew)} grew"
        + (f" ({grew})" if grew else "")
        + f"; {changes.total} in all (`linkwatch analyse series`)."
    )


def change_summary(report: IngestReport) -> list[str]:
    """What the load changed for analysts, a line each (also kept on the load run)."""
    identity = report.identity
    if identity is None:
        return [f"New death reports: {report.new_deaths:,}."] if report.run_id else []
    lines = [
        f"People: {identity.people_added:,} new; {identity.records_joined_existing:,} new "
        f"records joined people already known; {len(identity.merges):,} merged, "
        f"{len(identity.splits):,} split; {identity.records_unchanged:,} records unchanged "
        f"since an earlier load.",
        f"Record linkage with {identity.model}"
        + (" (trained now on this load: none was stored)" if identity.model_trained_now else "")
        + f": {report.person_records:,} person records; {identity.review_pairs:,} pairs "
        "await review (`linkwatch review links`).",
        f"New death reports: {report.new_deaths:,}.",
    ]
    if identity.merges or identity.splits:
        lines.append(
            "Identity changes (see `linkwatch linkage changes`): "
            + ", ".join([*identity.merges, *identity.splits][:10])
        )
    return lines


@reports_errors
def ingest_command(
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="Folders and/or files of this delivery: any subset of the mapping's sources.",
            metavar="PATH",
            show_default=False,
        ),
    ],
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
    require_all: Annotated[
        bool,
        typer.Option(
            "--require-all",
            help="Refuse the delivery (load nothing) unless it holds every source of the mapping.",
        ),
    ] = False,
    force: Annotated[
        bool,
        typer.Option(
            "--force", help="Re-load files even if the same content (sha256) was loaded before."
        ),
    ] = False,
) -> None:
    """Validate, quarantine, resolve people and load a delivery of extracts (idempotent).

    A delivery holds any subset of the mapping's sources; files loaded before are skipped.
    """
    for path in paths:
        if not path.exists():
            raise NotFound(f"{path} does not exist.", hint="Give folders or files to load.")
    if review_threshold > link_threshold:
        raise InvalidInput("--review-threshold must not be above --link-threshold.")
    chosen = load_mapping(mapping) if mapping else detect_mapping(paths)
    settings = load_settings()
    where = ", ".join(str(path) for path in paths)
    console.print(f"Loading {where} with mapping {chosen.name!r}")
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
            # a file's rows are counted as it streams: its total is known once it is read
            if name not in tasks:
                tasks[name] = bar.add_task(name, total=total or None)
            bar.update(tasks[name], completed=done, total=total or None)

        report = ingest_delivery(
            paths,
            chosen,
            GraphStore(driver, target.database),
            loaded_by=getpass.getuser(),
            quarantine_dir=quarantine_dir or settings.linkwatch_home / "quarantine",
            max_bad=max_bad,
            linkage=LinkageSettings(
                link_threshold=link_threshold, review_threshold=review_threshold
            ),
            require_all=require_all,
            force=force,
            progress=progress,
        )
        record_cli_action(
            driver,
            target.database,
            AuditAction.COLLECTION,
            "linkwatch ingest",
            {
                "paths": [str(path) for path in paths],
                "mapping": report.mapping,
                "run": report.run_id,
                "already_loaded": report.with_status(ALREADY_LOADED),
            },
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
        series = _series_changes(driver, target.database, report)
    console.print(_summary(report))
    for note in _notes(report):
        console.print(note, soft_wrap=True)
    for line in change_summary(report):
        console.print(line, soft_wrap=True)
    if series:
        console.print(series, soft_wrap=True)
    if report.quarantine_file:
        console.print(f"Quarantined rows and reasons: {report.quarantine_file}")
    for name in report.failed:
        console.print(Text(f"{name}: {report.sources[name].message}", style="red"))
    if report.failed:
        rest = any(c.status in ("loaded", ALREADY_LOADED) for c in report.sources.values())
        raise InvalidInput(
            f"{len(report.failed)} file(s) could not be loaded: {', '.join(report.failed)}; "
            + ("the rest were loaded." if rest else "nothing else was loaded.")
            + " What earlier loads wrote is unchanged.",
        )
