"""Writing standard rows in a layout: the only place a layout's declaration is applied.

The extract writers build each file's rows in the standard columns (``synthetic/schema.py``);
:class:`ExtractWriter` renames, re-formats and writes them as the layout says. In the
``standard`` layout every column is copied unchanged, so its files are the schema's, byte for
byte.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook

from synthetic.layouts.spec import SCHEMAS, ColumnLayout, FileLayout, Layout, LayoutError

__all__ = ["ExtractWriter"]

Row = Sequence[object]


def _blank(value: object) -> bool:
    return value is None or value == ""


class _Column:
    """One layout column, compiled against the standard header."""

    def __init__(self, standard: str, layout: Layout, name: str, spec: ColumnLayout) -> None:
        header = SCHEMAS[standard].columns
        self.where = f"{layout.name} layout, {standard} -> {name!r}"
        self.spec = spec
        self.indices = [header.index(column) for column in spec.source]
        self.read = layout.read_format(standard, spec) if spec.date else None
        self.identity = spec == ColumnLayout(source=spec.source) and len(spec.source) == 1

    def _date(self, value: object) -> str:
        if isinstance(value, datetime | date) and not isinstance(value, str):
            return value.strftime(self.spec.date)
        try:
            return datetime.strptime(str(value), self.read).strftime(self.spec.date)
        except (TypeError, ValueError):
            raise LayoutError(
                f"{self.where}: {value!r} is not a date in the format {self.read}."
            ) from None

    def _code(self, item: str) -> str:
        codes = self.spec.codes
        assert codes is not None
        if item not in codes:
            raise LayoutError(
                f"{self.where}: no code for {item!r}; the layout lists {sorted(codes)}."
            )
        return codes[item]

    def value(self, row: Row) -> object:
        """Return this column's cell for one standard row."""
        if self.identity:
            return row[self.indices[0]]
        parts = [row[i] for i in self.indices]
        if all(_blank(part) for part in parts):
            return ""
        if len(parts) == 1 and not isinstance(parts[0], str):
            joined: object = parts[0]  # an Excel date cell
        else:
            joined = " ".join(str(part) for part in parts)
        spec = self.spec
        if spec.split is not None:
            items = [item.strip() for item in str(joined).split(spec.split) if item.strip()]
        else:
            items = [joined]
        out: list[object] = []
        for item in items:
            if spec.date:
                item = self._date(item)
            if spec.codes is not None:
                item = self._code(str(item))
            if spec.replace is not None:
                item = re.sub(spec.replace.pattern, spec.replace.to, str(item))
            if spec.separator is not None and spec.separator.strip() in str(item):
                raise LayoutError(f"{self.where}: {item!r} holds the separator {spec.separator!r}.")
            out.append(item)
        if spec.separator is not None:
            return spec.separator.join(str(item) for item in out)
        return out[0]


def _deterministic_zip(path: Path) -> None:
    """Rewrite an XLSX (a zip) with fixed entry times so identical content is identical bytes."""
    with zipfile.ZipFile(path) as source:
        entries = [(info.filename, source.read(info.filename)) for info in source.infolist()]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for name, data in entries:
            if name == "docProps/core.xml":
                # openpyxl stamps the save time as "modified"; use the fixed creation time
                data = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                    rb"\g<1>"
                    + re.search(rb"<dcterms:created[^>]*>([^<]*)<", data).group(1)
                    + rb"\g<2>",
                    data,
                )
            info = zipfile.ZipInfo(name, date_time=(2000, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, data)
    path.write_bytes(buffer.getvalue())


class ExtractWriter:
    """Writes standard rows into ``out`` as one layout lays them out.

    Parameters
    ----------
    layout
        The layout.
    out
        The output folder (must exist).
    """

    def __init__(self, layout: Layout, out: Path) -> None:
        self.layout = layout
        self.out = out

    def path(self, standard: str) -> Path:
        """Where the standard extract ``standard`` is written."""
        return self.out / self.layout.file_for(standard).file

    def _cells(self, standard: str, rows: Sequence[Row]) -> tuple[list[str], list[list[object]]]:
        file = self.layout.file_for(standard)
        columns = [
            _Column(standard, self.layout, name, spec) for name, spec in file.columns.items()
        ]
        header = SCHEMAS[standard].columns
        for row in rows:
            if len(row) != len(header):
                raise LayoutError(f"{standard}: a row has {len(row)} cells, not {len(header)}.")
        if file.order is not None:
            keys = [header.index(column) for column in file.order.by]
            rows = sorted(
                rows,
                key=lambda row: tuple(str(row[i]) for i in keys),
                reverse=file.order.descending,
            )
        return list(file.columns), [[column.value(row) for column in columns] for row in rows]

    def write(
        self,
        standard: str,
        rows: Sequence[Row],
        *,
        about: Sequence[Sequence[object]] = (),
        stamped: datetime | None = None,
    ) -> None:
        """Write the rows of one standard extract in this layout.

        Parameters
        ----------
        standard
            The standard file name, e.g. ``"police_nominals.csv"``.
        rows
            Its rows, in the standard columns (dates of ``excel_dates`` columns as datetimes).
        about
            For an XLSX file: rows of an ``About`` sheet.
        stamped
            For an XLSX file: its fixed creation and modification time.

        Raises
        ------
        LayoutError
            If a value cannot be written as the layout says (an unlisted code, a bad date).
        """
        file = self.layout.file_for(standard)
        header, cells = self._cells(standard, rows)
        if file.format == "xlsx":
            self._write_xlsx(file, header, cells, about=about, stamped=stamped)
        else:
            self._write_csv(file, header, cells)

    def _write_csv(self, file: FileLayout, header: list[str], cells: list[list[object]]) -> None:
        path = self.out / file.file
        try:
            with path.open("w", encoding=file.encoding, newline="") as handle:
                writer = csv.writer(
                    handle,
                    lineterminator="\r\n" if file.line_ending == "crlf" else "\n",
                    quoting=csv.QUOTE_ALL if file.quoting == "all" else csv.QUOTE_MINIMAL,
                )
                writer.writerow(header)
                writer.writerows(cells)
        except UnicodeEncodeError as error:
            raise LayoutError(
                f"{self.layout.name} layout: {file.file} cannot hold {error.object[error.start]!r} "
                f"in {file.encoding}."
            ) from None

    def _write_xlsx(
        self,
        file: FileLayout,
        header: list[str],
        cells: list[list[object]],
        *,
        about: Sequence[Sequence[object]],
        stamped: datetime | None,
    ) -> None:
        workbook = Workbook()
        sheet = workbook.active
        sheet.title = file.sheet
        sheet.append(header)
        for row in cells:
            sheet.append(row)
        for column in sheet.iter_cols(min_row=2):
            for cell in column:
                if isinstance(cell.value, datetime):
                    cell.number_format = file.excel_date_format
        if about:
            notes = workbook.create_sheet("About")
            for line in about:
                notes.append(list(line))
        if stamped is not None:
            workbook.properties.created = stamped
            workbook.properties.modified = stamped
        workbook.properties.creator = "linkwatch generate"
        path = self.out / file.file
        workbook.save(path)
        _deterministic_zip(path)
