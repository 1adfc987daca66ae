"""Reading one source file with pandas, refusing files that are not what the mapping says."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd

from graph_model.errors import InvalidInput, NotFound
from ingest.mapping.spec import FileMapping

__all__ = [
    "SourceFileError",
    "file_digest",
    "missing_columns",
    "read_source",
    "read_table",
    "unused_columns",
]


class SourceFileError(InvalidInput):
    """A whole file cannot be loaded (missing, empty, binary, wrong columns, wrong sheet)."""


def file_digest(path: Path) -> str:
    """Return ``sha256:<hex>`` of a file (recorded with each load run)."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return f"sha256:{digest.hexdigest()}"


def _check_text(path: Path) -> None:
    head = path.read_bytes()[:8192]
    if not head.strip():
        raise SourceFileError(f"{path.name} is empty.")
    if b"\x00" in head:
        raise SourceFileError(f"{path.name} is not a text file (it contains binary data).")


def read_table(path: Path, mapping: FileMapping) -> pd.DataFrame:
    """Read one file of a source as text columns, without checking its columns.

    Parameters
    ----------
    path
        The file.
    mapping
        The mapping of the source it belongs to (format, sheet, encoding).

    Returns
    -------
    pandas.DataFrame
        Every column as ``str`` (blank cells are ``""``), column names stripped.

    Raises
    ------
    NotFound
        If the file does not exist.
    SourceFileError
        If it is empty, binary, unreadable or lacks the sheet.
    """
    if not path.is_file():
        raise NotFound(f"{path} was not found.")
    fmt = mapping.file_format
    try:
        if fmt == "xlsx":
            if path.stat().st_size == 0:
                raise SourceFileError(f"{path.name} is empty.")
            try:
                sheets = pd.ExcelFile(path, engine="openpyxl")
            except Exception:
                raise SourceFileError(f"{path.name} is not a readable XLSX workbook.") from None
            if mapping.sheet not in sheets.sheet_names:
                raise SourceFileError(
                    f"{path.name} has no sheet {mapping.sheet!r}; "
                    f"its sheets are {sheets.sheet_names}."
                )
            frame = sheets.parse(mapping.sheet, dtype=str, skiprows=_skipped(mapping)).fillna("")
            frame = frame.map(lambda cell: cell[:10] if _looks_like_excel_date(cell) else cell)
        elif fmt == "json":
            _check_text(path)
            frame = pd.read_json(path, dtype=str, encoding=mapping.encoding).fillna("")
        else:
            _check_text(path)
            frame = pd.read_csv(
                path,
                dtype=str,
                keep_default_na=False,
                encoding=mapping.encoding,
                sep=mapping.delimiter,
                quotechar=mapping.quotechar,
                skiprows=_skipped(mapping),
            )
    except SourceFileError:
        raise
    except (ValueError, UnicodeDecodeError, pd.errors.ParserError) as error:
        raise SourceFileError(f"{path.name} could not be read as {fmt.upper()}: {error}") from None
    frame.columns = [str(column).strip() for column in frame.columns]
    clash = [group for group in mapping.derived_columns if group in frame.columns]
    if clash:
        raise SourceFileError(
            f"{path.name}: the extract groups {clash} of source {mapping.name} are also "
            "columns of the file; rename the groups."
        )
    return frame


def _skipped(mapping: FileMapping) -> list[int]:
    """Line indexes (from 0) to skip: those above the header, and ``skip_rows`` below it."""
    header = mapping.header_row - 1
    return [*range(header), *range(header + 1, header + 1 + mapping.skip_rows)]


def missing_columns(mapping: FileMapping, columns: list[str]) -> list[str]:
    """The columns the mapping reads that a file lacks, in first-use order."""
    held = set(columns)
    return [column for column in mapping.required_columns() if column not in held]


def unused_columns(mapping: FileMapping, columns: list[str]) -> list[str]:
    """The columns of a file that the mapping does not read, in file order."""
    known = set(mapping.required_columns())
    return [column for column in columns if column not in known]


def read_source(path: Path, mapping: FileMapping) -> pd.DataFrame:
    """Read one file of a source as text columns (blank cells are ``""``).

    Parameters
    ----------
    path
        The file.
    mapping
        The mapping of the source it belongs to.

    Returns
    -------
    pandas.DataFrame
        Every column as ``str``.

    Raises
    ------
    NotFound
        If the file does not exist.
    SourceFileError
        If it is empty, binary, unreadable, lacks the sheet, or lacks columns the mapping
        reads (the message names the file, the missing columns and the columns the mapping
        does not know, which are often the missing ones renamed).
    """
    frame = read_table(path, mapping)
    missing = missing_columns(mapping, list(frame.columns))
    if missing:
        unknown = unused_columns(mapping, list(frame.columns))
        raise SourceFileError(
            f"{path} (source {mapping.name}) lacks columns the mapping reads: {missing}. "
            f"Columns the mapping does not read: {unknown}. Nothing from this file was loaded."
        )
    return frame


def _looks_like_excel_date(cell: object) -> bool:
    # openpyxl gives Excel dates as "YYYY-MM-DD 00:00:00" when read as text
    return (
        isinstance(cell, str) and len(cell) == 19 and cell[4] == "-" and cell.endswith(" 00:00:00")
    )
