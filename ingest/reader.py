"""Reading one source file with pandas, refusing files that are not what the mapping says.

CSV files are read in chunks of rows (:func:`read_source_chunks`), so a file of a million
rows never needs to be in memory whole; a workbook (at most 1,048,576 rows) and a JSON
document are parsed whole by their libraries and then handed out in the same chunks.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pandas as pd

from graph_model.errors import InvalidInput, NotFound
from ingest.mapping.spec import FileMapping

__all__ = [
    "CHUNK_ROWS",
    "SourceFileError",
    "file_digest",
    "missing_columns",
    "read_source",
    "read_source_chunks",
    "read_table",
    "read_table_chunks",
    "unused_columns",
]

#: Rows read (and built, and written) at a time.
CHUNK_ROWS = 20_000


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
    with path.open("rb") as handle:
        head = handle.read(8192)
    if not head.strip():
        raise SourceFileError(f"{path.name} is empty.")
    if b"\x00" in head:
        raise SourceFileError(f"{path.name} is not a text file (it contains binary data).")


def read_table(path: Path, mapping: FileMapping) -> pd.DataFrame:
    """Read one file of a source whole, as text columns, without checking its columns.

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
    return pd.concat(list(read_table_chunks(path, mapping)), ignore_index=True)


def read_table_chunks(
    path: Path, mapping: FileMapping, *, chunk_rows: int = CHUNK_ROWS
) -> Iterator[pd.DataFrame]:
    """Read one file of a source in chunks of rows, as text columns, without checking columns.

    The first chunk is yielded even if the file has a header and no rows (it then has no
    rows but has the columns), so a caller can always check the columns.

    Parameters
    ----------
    path
        The file.
    mapping
        The mapping of the source it belongs to (format, sheet, encoding, CSV dialect).
    chunk_rows
        Rows per chunk.

    Yields
    ------
    pandas.DataFrame
        Up to ``chunk_rows`` rows, every column as ``str`` (blank cells are ``""``),
        column names stripped; the index counts rows from 0 across the whole file.

    Raises
    ------
    NotFound
        If the file does not exist.
    SourceFileError
        If it is empty, binary, unreadable or lacks the sheet; a CSV that breaks part way
        (an unclosed quote, bytes that are not its encoding) raises when that chunk is read,
        naming the rows read until then.
    """
    if not path.is_file():
        raise NotFound(f"{path} was not found.")
    fmt = mapping.file_format
    if fmt == "csv":
        chunks = _csv_chunks(path, mapping, chunk_rows)
    else:
        whole = _read_whole(path, mapping)
        chunks = (
            whole.iloc[start : start + chunk_rows]
            for start in range(0, max(len(whole), 1), chunk_rows)
        )
    done = 0
    for frame in chunks:
        frame.columns = [str(column).strip() for column in frame.columns]
        if done == 0:
            clash = [group for group in mapping.derived_columns if group in frame.columns]
            if clash:
                raise SourceFileError(
                    f"{path.name}: the extract groups {clash} of source {mapping.name} are "
                    "also columns of the file; rename the groups."
                )
        frame.index = range(done, done + len(frame))
        done += len(frame)
        yield frame


def _csv_chunks(path: Path, mapping: FileMapping, chunk_rows: int) -> Iterator[pd.DataFrame]:
    _check_text(path)
    done = 0
    try:
        with pd.read_csv(
            path,
            dtype=str,
            keep_default_na=False,
            encoding=mapping.encoding,
            sep=mapping.delimiter,
            quotechar=mapping.quotechar,
            skiprows=_skipped(mapping),
            chunksize=chunk_rows,
        ) as reader:
            for frame in reader:
                done += len(frame)
                yield frame
    except (ValueError, UnicodeDecodeError, pd.errors.ParserError) as error:
        after = f" after {done} rows" if done else ""
        raise SourceFileError(f"{path.name} could not be read as CSV{after}: {error}") from None


def _read_whole(path: Path, mapping: FileMapping) -> pd.DataFrame:
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
            return frame.map(lambda cell: cell[:10] if _looks_like_excel_date(cell) else cell)
        _check_text(path)
        return pd.read_json(path, dtype=str, encoding=mapping.encoding).fillna("")
    except SourceFileError:
        raise
    except (ValueError, UnicodeDecodeError) as error:
        raise SourceFileError(f"{path.name} could not be read as {fmt.upper()}: {error}") from None


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
    """Read one file of a source whole, as text columns (blank cells are ``""``).

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
        As :func:`read_source_chunks`.
    """
    return pd.concat(list(read_source_chunks(path, mapping)), ignore_index=True)


def read_source_chunks(
    path: Path, mapping: FileMapping, *, chunk_rows: int = CHUNK_ROWS
) -> Iterator[pd.DataFrame]:
    """Read one file of a source in chunks of rows, refusing it if it lacks columns.

    Parameters
    ----------
    path
        The file.
    mapping
        The mapping of the source it belongs to.
    chunk_rows
        Rows per chunk.

    Yields
    ------
    pandas.DataFrame
        As :func:`read_table_chunks`.

    Raises
    ------
    NotFound
        If the file does not exist.
    SourceFileError
        If it is empty, binary, unreadable, lacks the sheet, or lacks columns the mapping
        reads (raised before the first chunk; the message names the file, the missing
        columns and the columns the mapping does not know, which are often the missing ones
        renamed).
    """
    checked = False
    for frame in read_table_chunks(path, mapping, chunk_rows=chunk_rows):
        if not checked:
            checked = True
            missing = missing_columns(mapping, list(frame.columns))
            if missing:
                unknown = unused_columns(mapping, list(frame.columns))
                raise SourceFileError(
                    f"{path} (source {mapping.name}) lacks columns the mapping reads: "
                    f"{missing}. Columns the mapping does not read: {unknown}. "
                    "Nothing from this file was loaded."
                )
        yield frame


def _looks_like_excel_date(cell: object) -> bool:
    # openpyxl gives Excel dates as "YYYY-MM-DD 00:00:00" when read as text
    return (
        isinstance(cell, str) and len(cell) == 19 and cell[4] == "-" and cell.endswith(" 00:00:00")
    )
