"""Checking a mapping against files without loading them (``linkwatch mapping check``).

Each file of the delivery is read and every row built exactly as ``linkwatch ingest`` would
(:class:`ingest.rows.RowBuilder`), but nothing is written anywhere and no database is used.
The result says, per file: rows read, rows that would be quarantined and why, values that
no code translates, columns the file has but the mapping does not read (and the other way
round), and the first nodes, person records and relationships the rows would make.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from graph_model.errors import LinkwatchError
from graph_model.kinds import Sector
from ingest.mapping.delivery import resolve_delivery
from ingest.mapping.spec import FileMapping, Mapping, ValueSpec
from ingest.mapping.values import unmatched_codes
from ingest.reader import missing_columns, read_table_chunks, unused_columns
from ingest.rows import Problem, RowBuilder

__all__ = ["CheckReport", "FileCheck", "Preview", "RowIssue", "check_delivery", "coded_values"]

#: The load run id the dry run's records carry (never written).
CHECK_RUN = "mapping-check"


@dataclass(frozen=True)
class RowIssue:
    """A row that would be quarantined: its number as a spreadsheet shows it, and why."""

    row: int
    record_id: str
    problems: tuple[Problem, ...]


@dataclass(frozen=True)
class Preview:
    """One thing a row would make: a node, a person record or a relationship."""

    row: int
    kind: str
    key: str
    details: str


@dataclass
class FileCheck:
    """What loading one file would do."""

    label: str
    path: Path
    source: FileMapping
    rows: int = 0
    quarantined: int = 0
    #: The first rows that would be quarantined (as many as asked for).
    issues: list[RowIssue] = field(default_factory=list)
    #: Where in the mapping (``nodes.0 Death.apparent_cause``) -> value -> rows holding it.
    unmatched: dict[str, Counter[str]] = field(default_factory=dict)
    unused_columns: list[str] = field(default_factory=list)
    missing_columns: list[str] = field(default_factory=list)
    entities: list[Preview] = field(default_factory=list)
    ties: list[Preview] = field(default_factory=list)
    #: Why the file cannot be loaded at all (None if it can).
    error: str | None = None

    @property
    def loadable(self) -> bool:
        """Whether ``linkwatch ingest`` would load this file (bad rows apart)."""
        return self.error is None


@dataclass(frozen=True)
class CheckReport:
    """The check of a whole delivery against one mapping."""

    mapping: Mapping
    files: tuple[FileCheck, ...]
    #: Sources of the mapping with no file among the paths checked.
    absent: tuple[FileMapping, ...]
    ignored: tuple[Path, ...]

    @property
    def failed(self) -> list[FileCheck]:
        """The files that could not be loaded."""
        return [item for item in self.files if not item.loadable]


def coded_values(source: FileMapping) -> Iterator[tuple[str, ValueSpec]]:
    """Every value of a file's mapping that translates codes, with where it is.

    Parameters
    ----------
    source
        One file of a mapping.

    Yields
    ------
    tuple
        ``(where, spec)``, where reads like ``nodes.0 Death.apparent_cause``.
    """
    candidates: list[tuple[str, ValueSpec]] = [("record_id", source.record_id)]
    for index, node in enumerate(source.nodes):
        where = f"nodes.{index} {node.kind.value}"
        candidates.append((f"{where}.key", node.key))
        candidates += [(f"{where}.{name}", spec) for name, spec in node.properties.items()]
    for index, person in enumerate(source.person_records):
        where = f"person_records.{index}"
        candidates.append((f"{where}.key", person.key))
        candidates += [(f"{where}.{name}", spec) for name, spec in person.fields.items()]
    for index, tie in enumerate(source.relationships):
        where = f"relationships.{index} {tie.kind}"
        candidates += [(f"{where}.source", tie.source.spec), (f"{where}.target", tie.target.spec)]
        candidates += [(f"{where}.{name}", spec) for name, spec in tie.properties.items()]
    for where, spec in candidates:
        if spec.codes is not None:
            yield where, spec


def _shown(value: Any) -> str:
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


_PROVENANCE = {"id", "source_system", "source_record_id", "load_run_id", "loaded_at"}


def _details(item: Any, skip: set[str] = _PROVENANCE) -> str:
    """The properties a node or relationship would get, provenance left out."""
    values = item.model_dump(exclude_none=True, exclude_defaults=True)
    return ", ".join(f"{k}={_shown(v)}" for k, v in values.items() if k not in skip and v != [])


def _check_file(
    label: str, path: Path, source: FileMapping, mapping: Mapping, show: int, preview: int
) -> FileCheck:
    result = FileCheck(label=label, path=path, source=source)
    system = mapping.system_of(source)
    builder = RowBuilder(
        source,
        system,
        CHECK_RUN,
        datetime.now(UTC),
        health=mapping.sector_of(system) is Sector.HEALTH,
    )
    coded = list(coded_values(source))
    id_columns = source.record_id.referenced_columns()
    first_row = source.first_data_row
    try:
        for frame in read_table_chunks(path, source):
            if frame.index.start == 0:
                columns = list(frame.columns)
                result.unused_columns = unused_columns(source, columns)
                result.missing_columns = missing_columns(source, columns)
                if result.missing_columns:
                    result.error = (
                        f"{path.name} lacks columns the mapping reads: "
                        f"{result.missing_columns}; ingest would load nothing from it."
                    )
                    return result
            for index, row in zip(frame.index, frame.to_dict("records"), strict=True):
                _check_row(
                    result, builder, coded, id_columns, row, index + first_row, show, preview
                )
    except LinkwatchError as error:
        result.error = error.message
    return result


def _check_row(
    result: FileCheck,
    builder: RowBuilder,
    coded: list[tuple[str, ValueSpec]],
    id_columns: list[str],
    row: dict[str, str],
    number: int,
    show: int,
    preview: int,
) -> None:
    result.rows += 1
    for where, spec in coded:
        for value in unmatched_codes(spec, row):
            result.unmatched.setdefault(where, Counter())[value] += 1
    out = builder.build(row, number)
    if out.problems:
        result.quarantined += 1
        if len(result.issues) < show:
            record_id = str(row.get(id_columns[0], "")) if id_columns else ""
            result.issues.append(RowIssue(number, record_id, tuple(out.problems)))
        return
    for node in out.nodes:
        if len(result.entities) < preview:
            result.entities.append(Preview(number, node.spec.label.value, node.id, _details(node)))
    for record in out.records:
        if len(result.entities) < preview:
            shown = ", ".join(
                f"{k}={_shown(v)}" for k, v in record.fields.items() if v not in (None, [])
            )
            result.entities.append(Preview(number, "person record", record.key, shown))
    for pending in out.relationships:
        if len(result.ties) < preview:
            tie = pending.relationship
            details = _details(tie, _PROVENANCE | {"source_id", "target_id"})
            ends = f"{tie.source_id} -> {tie.target_id}"
            result.ties.append(Preview(number, tie.spec.type.value, ends, details))


def check_delivery(
    paths: Sequence[Path], mapping: Mapping, *, show: int = 5, preview: int = 5
) -> CheckReport:
    """Check what loading a delivery with ``mapping`` would do, writing nothing.

    Parameters
    ----------
    paths
        Folders and files, as ``linkwatch ingest`` takes them.
    mapping
        The validated mapping.
    show
        How many quarantined rows to keep per file (all are counted).
    preview
        How many entities and how many relationships to keep per file.

    Returns
    -------
    CheckReport
        One :class:`FileCheck` per file, in load order.

    Raises
    ------
    NotFound
        If a path does not exist or the paths hold no file of the mapping.
    InvalidInput
        If a file named on its own belongs to no source of the mapping.
    """
    delivery = resolve_delivery(paths, mapping)
    files = tuple(
        _check_file(item.label, item.path, item.source, mapping, show, preview)
        for item in delivery.files
    )
    return CheckReport(mapping, files, delivery.absent, delivery.ignored)
