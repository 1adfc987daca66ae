"""The layout file format: how one force area's systems write the same recorded facts.

A layout renames and re-formats the extracts of ``synthetic/schema.py`` (the ``standard``
layout): other file names, column names and order, row order, date formats, code spellings, list
separators, encodings, line endings, quoting, CSV or XLSX. It never adds, drops or changes a
fact, so the world and the noise are the same in every layout for one seed. Files live beside
this module as ``<name>.yaml``; ``standard`` is implied by the schema and has no file.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Literal, Self

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from graph_model.errors import InvalidInput
from synthetic.schema import EXTRACTS, ExtractSchema

__all__ = [
    "STANDARD",
    "ColumnLayout",
    "FileLayout",
    "Layout",
    "LayoutError",
    "layout_files",
    "load_layout",
    "load_layouts",
]

#: The layout of ``synthetic/schema.py`` itself.
STANDARD = "standard"
SCHEMAS: dict[str, ExtractSchema] = {extract.file: extract for extract in EXTRACTS}


class LayoutError(InvalidInput):
    """A layout that cannot be read, does not validate, or cannot write a value."""


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)


class Replace(_Strict):
    """A regular-expression rewrite of the whole value (``re.sub``)."""

    pattern: str
    to: str = Field(alias="with")

    @field_validator("pattern")
    @classmethod
    def _compiles(cls, value: str) -> str:
        try:
            re.compile(value)
        except re.error as error:
            raise ValueError(f"not a valid regular expression: {error}") from None
        return value


class ColumnLayout(_Strict):
    """One column of a layout's file, made from one or more standard columns.

    Steps, in order: join the ``from`` columns with a space; split a list (``split``); parse a
    date with the standard format (or ``read``) and write it with ``date``; translate each
    item with ``codes`` (every value met must be listed, so nothing passes untranslated);
    rewrite with ``replace``; join list items with ``separator``. Blank stays blank.
    A plain string in YAML is shorthand for ``{from: COLUMN}``.
    """

    source: tuple[str, ...] = Field(alias="from", min_length=1)
    read: str | None = Field(default=None, description="strptime format of the joined text.")
    date: str | None = Field(default=None, description="strftime format written.")
    codes: dict[str, str] | None = None
    replace: Replace | None = None
    split: str | None = Field(default=None, description="List separator in the standard file.")
    separator: str | None = Field(default=None, description="List separator written.")

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, data: object) -> object:
        if isinstance(data, str):
            return {"from": (data,)}
        if isinstance(data, dict) and isinstance(data.get("from"), str):
            return {**data, "from": (data["from"],)}
        return data

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if (self.split is None) != (self.separator is None):
            raise ValueError("split and separator go together")
        if self.read and not self.date:
            raise ValueError("read needs date (the format to write)")
        if self.date and self.split:
            raise ValueError("a list column cannot be a date")
        if self.codes is not None and len(set(self.codes.values())) != len(self.codes):
            raise ValueError("codes must be one-to-one (a mapping could not undo them)")
        return self


class RowOrder(_Strict):
    """The order a system exports rows in: sorted on standard columns' text (stable)."""

    by: tuple[str, ...] = Field(min_length=1)
    descending: bool = False


class FileLayout(_Strict):
    """How one standard extract is written in a layout."""

    file: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9 _.()-]*\.(csv|xlsx)$")
    sheet: str | None = None
    encoding: str = "utf-8"
    line_ending: Literal["lf", "crlf"] = "lf"
    quoting: Literal["minimal", "all"] = "minimal"
    excel_date_format: str = "DD/MM/YYYY"
    order: RowOrder | None = Field(default=None, description="Default: the standard order.")
    columns: dict[str, ColumnLayout] = Field(min_length=1)

    @property
    def format(self) -> str:
        """``csv`` or ``xlsx``, from the file name."""
        return self.file.rsplit(".", 1)[-1].lower()

    @field_validator("encoding")
    @classmethod
    def _known_encoding(cls, value: str) -> str:
        try:
            "".encode(value)
        except LookupError:
            raise ValueError(f"unknown encoding {value!r}") from None
        return value

    @model_validator(mode="after")
    def _sheet(self) -> Self:
        if (self.format == "xlsx") != (self.sheet is not None):
            raise ValueError("an XLSX file needs a sheet, and only an XLSX file has one")
        return self


class Layout(_Strict):
    """A whole layout: every standard extract it writes differently, keyed by standard file."""

    name: str = Field(pattern=r"^[a-z][a-z0-9_-]*$")
    description: str
    mapping: str = Field(description="The built-in ingest mapping that loads it.")
    files: dict[str, FileLayout] = Field(default_factory=dict)

    @field_validator("files")
    @classmethod
    def _covers_the_schema(cls, files: dict[str, FileLayout]) -> dict[str, FileLayout]:
        unknown = sorted(set(files) - set(SCHEMAS))
        if unknown:
            raise ValueError(f"unknown standard files {unknown}; known: {sorted(SCHEMAS)}")
        written = [f.file for f in files.values()]
        clashes = sorted({f for f in written if written.count(f) > 1})
        if clashes:
            raise ValueError(f"two extracts are written to {clashes}")
        for standard, layout in files.items():
            schema = SCHEMAS[standard]
            used = {column for spec in layout.columns.values() for column in spec.source}
            if stray := sorted(used - set(schema.columns)):
                raise ValueError(f"{standard}: {stray} are not columns of the standard file")
            if dropped := [c for c in schema.columns if c not in used]:
                raise ValueError(f"{standard}: standard columns {dropped} are not written")
            if layout.order and (unsorted := sorted(set(layout.order.by) - set(schema.columns))):
                raise ValueError(f"{standard}: cannot order by {unsorted}, not standard columns")
            for name, spec in layout.columns.items():
                coded = [schema.codes[c] for c in spec.source if c in schema.codes]
                if spec.codes is not None and coded:
                    unspelt = [code for code in coded[0] if code not in spec.codes]
                    if unspelt:
                        raise ValueError(f"{standard}: column {name!r} has no code for {unspelt}")
                native = all(c in schema.excel_dates for c in spec.source)
                if native and layout.format == "csv" and not spec.date:
                    raise ValueError(
                        f"{standard}: column {name!r} holds Excel dates; a CSV needs date"
                    )
                if spec.date and not spec.read and not native:
                    known = [schema.dates.get(c) for c in spec.source]
                    if None in known:
                        raise ValueError(
                            f"{standard}: column {name!r} writes a date but {spec.source} "
                            "has no date format in the schema; give read"
                        )
        return files

    def file_for(self, standard: str) -> FileLayout:
        """How the standard extract ``standard`` is written (itself, if not re-laid out)."""
        if standard in self.files:
            return self.files[standard]
        return standard_file(standard)

    def read_format(self, standard: str, column: ColumnLayout) -> str | None:
        """The strptime format of a column's joined standard text (None for Excel dates)."""
        schema = SCHEMAS[standard]
        if column.read:
            return column.read
        if all(c in schema.excel_dates for c in column.source):
            return None
        return " ".join(schema.dates[c] for c in column.source)


def standard_file(standard: str) -> FileLayout:
    """The standard extract ``standard`` as a layout of itself (every column unchanged)."""
    schema = SCHEMAS[standard]
    return FileLayout(
        file=schema.file,
        sheet=schema.sheet,
        encoding=schema.encoding,
        line_ending="crlf" if schema.line_ending == "\r\n" else "lf",
        columns={column: ColumnLayout(source=(column,)) for column in schema.columns},
    )


def layout_files() -> list[Path]:
    """The packaged layout files, sorted by name."""
    folder = resources.files("synthetic.layouts")
    return sorted(Path(str(f)) for f in folder.iterdir() if str(f).endswith(".yaml"))


def _where(error: dict) -> str:
    return ".".join(str(part) for part in error["loc"]) or "(top level)"


def load_layout(path: Path) -> Layout:
    """Read and validate one layout file.

    Parameters
    ----------
    path
        A ``.yaml`` layout file.

    Returns
    -------
    Layout
        The validated layout.

    Raises
    ------
    LayoutError
        If the file is not YAML or a field is missing or wrong; the message names the file
        and the field.
    """
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise LayoutError(f"Layout file {path.name}: cannot be read ({error}).") from None
    try:
        layout = Layout.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        raise LayoutError(
            f"Layout file {path.name}: field {_where(first)}: {first['msg']}."
        ) from None
    if layout.name != path.stem:
        raise LayoutError(
            f"Layout file {path.name}: field name: {layout.name!r} differs from the file name."
        )
    return layout


@cache
def load_layouts() -> dict[str, Layout]:
    """Every layout by name, ``standard`` first (each packaged file validated once)."""
    standard = Layout(
        name=STANDARD,
        description="The extracts as synthetic/schema.py documents them (the default).",
        mapping="generator",
    )
    return {STANDARD: standard} | {
        layout.name: layout for layout in map(load_layout, layout_files())
    }
