"""``linkwatch mapping check | init | reference``: mappings, with no database.

Try a mapping on files, draft one from a file, or write the reference of the mapping language.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from graph_model.errors import InvalidInput, NotFound
from ingest.mapping.check import CheckReport, FileCheck, check_delivery
from ingest.mapping.draft import draft_mapping
from ingest.mapping.loader import BUILT_IN, load_mapping
from ingest.mapping.reference import DOCUMENT, render_reference
from linkwatch.context import console, reports_errors

app = typer.Typer(
    help="Check a mapping against files without loading them, draft a mapping from a file, "
    "or write the reference of the mapping language.",
    no_args_is_help=True,
)


def _plain(*cells: object) -> list[Text]:
    """Table cells as plain text: source values are never read as rich markup."""
    return [Text(str(cell)) for cell in cells]


def _summary(report: CheckReport) -> Table:
    table = Table(
        "source",
        "file",
        "rows",
        "would load",
        "would quarantine",
        "unmatched codes",
        "status",
        title=f"Mapping {report.mapping.name!r}: a dry run, nothing written",
    )
    for item in report.files:
        unmatched = sum(len(values) for values in item.unmatched.values())
        status = "cannot be loaded" if not item.loadable else "ok"
        if item.loadable and item.quarantined:
            status = "ok, with bad rows"
        table.add_row(
            *_plain(
                item.source.name,
                item.path.name,
                f"{item.rows:,}" if item.loadable else "-",
                f"{item.rows - item.quarantined:,}" if item.loadable else "-",
                f"{item.quarantined:,}" if item.loadable else "-",
                f"{unmatched:,}" if item.loadable else "-",
                status,
            )
        )
    return table


def _file_details(item: FileCheck, show: int) -> None:
    console.print(Text(f"\n{item.label} ({item.path})", style="bold"))
    if item.error:
        console.print(Text(f"cannot be loaded: {item.error}", style="red"), soft_wrap=True)
    if item.missing_columns:
        console.print(Text(f"missing columns: {', '.join(item.missing_columns)}"), soft_wrap=True)
    if item.unused_columns:
        console.print(
            Text(f"columns the mapping does not read: {', '.join(item.unused_columns)}"),
            soft_wrap=True,
        )
    if item.issues:
        table = Table(
            "row",
            "record id",
            "field",
            "value",
            "reason",
            title=f"Rows that would be quarantined (first {min(show, item.quarantined)} "
            f"of {item.quarantined:,})",
        )
        for issue in item.issues:
            for problem in issue.problems:
                table.add_row(
                    *_plain(
                        issue.row, issue.record_id, problem.field, problem.value, problem.reason
                    )
                )
        console.print(table)
    if item.unmatched:
        table = Table("value of", "value", "rows", title="Values no code translates")
        for where, values in item.unmatched.items():
            for value, rows in values.most_common(show):
                table.add_row(*_plain(where, value, f"{rows:,}"))
            if len(values) > show:
                table.add_row(*_plain(where, f"... {len(values) - show} more", ""))
        console.print(table)
    if item.entities:
        table = Table("row", "kind", "key", "properties", title="First entities it would make")
        for entity in item.entities:
            table.add_row(*_plain(entity.row, entity.kind, entity.key, entity.details))
        console.print(table)
    if item.ties:
        table = Table("row", "type", "from -> to", "properties", title="First ties it would make")
        for tie in item.ties:
            table.add_row(*_plain(tie.row, tie.kind, tie.key, tie.details))
        console.print(table)


@app.command()
@reports_errors
def check(
    mapping: Annotated[
        str,
        typer.Argument(
            help=f"Built-in mapping name ({', '.join(BUILT_IN)}) or a YAML file.",
            show_default=False,
        ),
    ],
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="Folders and/or files, as `linkwatch ingest` takes them.",
            metavar="PATH",
            show_default=False,
        ),
    ],
    show: Annotated[
        int, typer.Option(min=0, max=1000, help="Quarantined rows to show per file.")
    ] = 5,
    preview: Annotated[
        int, typer.Option(min=0, max=1000, help="Entities and ties to preview per file.")
    ] = 5,
) -> None:
    """Validate a mapping against files as a dry run: no database is used, nothing is written.

    Per file: rows read, rows that would be quarantined and why, values no code translates,
    unused and missing columns, and the first entities and ties the rows would make. Exits
    1 if a file cannot be loaded.
    """
    chosen = load_mapping(mapping)
    report = check_delivery(paths, chosen, show=show, preview=preview)
    console.print(_summary(report))
    for item in report.files:
        _file_details(item, show)
    if report.absent:
        names = ", ".join(f"{source.name} ({source.path})" for source in report.absent)
        console.print(Text(f"\nNot among these files: {names}."), soft_wrap=True)
    if report.ignored:
        names = ", ".join(sorted(path.name for path in report.ignored))
        console.print(Text(f"Ignored, not files of this mapping: {names}."), soft_wrap=True)
    if report.failed:
        raise InvalidInput(
            f"{len(report.failed)} file(s) cannot be loaded with mapping {chosen.name!r}: "
            + "; ".join(f"{item.label}: {item.error}" for item in report.failed),
            hint="Fix the mapping (or the file) and check again; nothing was written.",
        )


@app.command()
@reports_errors
def init(
    path: Annotated[Path, typer.Argument(help="A CSV, XLSX or JSON extract.", show_default=False)],
    out: Annotated[
        Path | None, typer.Option(help="Write the draft here (default: print it).")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite --out if it exists.")] = False,
    sample: Annotated[
        int, typer.Option(min=10, max=100_000, help="Rows read to recognise values.")
    ] = 1000,
) -> None:
    """Draft a mapping from a file's header and sample values, for a person to finish.

    Recognises ids, dates and date-times (and their format), UK postcodes, NHS numbers,
    coordinates, phone numbers, sex codes, addresses and people's names. The draft is a
    valid mapping as it stands; `# TODO` comments mark what a person must finish.
    """
    if out is not None and out.exists() and not force:
        raise InvalidInput(f"{out} exists.", hint="Choose another --out, or add --force.")
    if not path.is_file():
        raise NotFound(f"{path} is not a file.", hint="Give the extract to draft from.")
    text = draft_mapping(path, sample_rows=sample)
    if out is None:
        typer.echo(text, nl=False)
        return
    out.write_text(text, encoding="utf-8")
    console.print(
        Text(
            f"Drafted {out} from {path.name}. Finish the TODOs, then: "
            f"linkwatch mapping check {out} {path}"
        ),
        soft_wrap=True,
    )


def _write(out: Path, text: str) -> None:
    """Write ``text`` to ``out``, turning a bad path into a message that says what to do."""
    if out.is_dir():
        raise InvalidInput(
            f"--out {out} is a folder.", hint=f"Give a file name, such as {DOCUMENT}."
        )
    if not out.parent.is_dir():
        raise InvalidInput(
            f"--out {out}: the folder {out.parent} does not exist.",
            hint="Create the folder first, or choose another --out.",
        )
    try:
        out.write_text(text, encoding="utf-8")
    except OSError as error:
        raise InvalidInput(
            f"--out {out} cannot be written: {error.strerror or error}.",
            hint="Choose another --out.",
        ) from None


@app.command()
@reports_errors
def reference(
    out: Annotated[
        Path | None,
        typer.Option(
            help=f"Write the reference here, replacing it (in the repository: {DOCUMENT})."
        ),
    ] = None,
) -> None:
    """Write the reference of the mapping language and of every code list, as Markdown.

    Generated from the model itself (the mapping models, node and relationship kinds,
    person-record fields, code lists, source systems and built-in mappings), so it says what
    this version of Linkwatch accepts. Without --out it is printed.
    """
    text = render_reference()
    if out is None:
        typer.echo(text, nl=False)
        return
    _write(out, text)
    console.print(Text(f"Wrote the mapping reference to {out}."), soft_wrap=True)
