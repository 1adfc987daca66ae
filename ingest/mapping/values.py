"""Evaluating a ``ValueSpec`` against one row: extraction, cleaning, translation, parsing."""

from __future__ import annotations

import re
from collections.abc import Callable
from collections.abc import Mapping as RowMapping
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from ingest.mapping.names import not_a_name_because
from ingest.mapping.spec import ValueSpec, fold_code, is_null, null_matcher

__all__ = [
    "Evaluator",
    "ValueProblem",
    "compile_value",
    "evaluate",
    "null_hit",
    "reads_time",
    "render_template",
    "unmatched_codes",
]

_TEMPLATE_FIELD = re.compile(r"\{([^{}]+)\}")
_TIME_DIRECTIVE = re.compile(r"%[HIMSfpXcT]")
_TRUE = {"true", "yes", "y", "1", "t"}
_FALSE = {"false", "no", "n", "0", "f"}
_WHOLE_NUMBER = re.compile(r"-?\d+(\.0+)?")
#: Distinct texts each date value remembers parsing (dates repeat across a file's rows).
_PARSED_DATES = 4096

Row = RowMapping[str, str]
#: ``cell(row, column)``: a cell's text as a value reads it.
CellReader = Callable[[Row, str], str]
#: ``value(row)``: the value one ``ValueSpec`` describes, for a row.
Evaluator = Callable[[Row], Any]


class ValueProblem(ValueError):
    """A value could not be turned into what the mapping asks for.

    Parameters
    ----------
    column
        The column (or columns) read.
    value
        The raw value.
    reason
        Why it failed.
    """

    def __init__(self, column: str, value: str, reason: str) -> None:
        super().__init__(reason)
        self.column = column
        self.value = value
        self.reason = reason


def reads_time(fmt: str) -> bool:
    """Whether a strptime format reads a time of day (hours, minutes, ...).

    Examples
    --------
    >>> reads_time("%d/%m/%Y %H:%M"), reads_time("%d-%b-%Y")
    (True, False)
    """
    return _TIME_DIRECTIVE.search(fmt.replace("%%", "")) is not None


def _cell(row: Row, column: str) -> str:
    value = row.get(column)
    return "" if value is None else str(value).strip()


def _cell_reader(spec: ValueSpec) -> CellReader:
    """How ``spec`` reads a cell: stripped, and blank where it is one of its ``null_values``."""
    if not spec.null_values:
        return _cell
    null = null_matcher(spec.null_values)

    def cell(row: Row, column: str) -> str:
        text = _cell(row, column)
        return "" if null(text) else text

    return cell


def _template_renderer(
    template: str, cell: CellReader, *, normalise: bool
) -> Callable[[Row], str | None]:
    """Fill ``template``'s placeholders with ``cell``; None if every placeholder is blank."""
    pieces = _TEMPLATE_FIELD.split(template)  # literal, column, literal, ..., literal
    columns = pieces[1::2]
    if not columns:
        return lambda _row: template
    # the template as str.format fills it: its literal braces doubled, its columns numbered
    layout = "".join(
        f"{{{index // 2}}}" if index % 2 else piece.replace("{", "{{").replace("}", "}}")
        for index, piece in enumerate(pieces)
    )

    def render(row: Row) -> str | None:
        values = [cell(row, column) for column in columns]
        if not any(values):
            return None
        if normalise:
            values = [" ".join(value.lower().split()) for value in values]
        return layout.format(*values)

    return render


def render_template(template: str, row: Row, *, normalise: bool = False) -> str | None:
    """Fill ``{column}`` placeholders from ``row``; None if every placeholder is blank.

    Examples
    --------
    >>> render_template("incident:{Ref}", {"Ref": "OCC-1"})
    'incident:OCC-1'
    >>> render_template("p:{pc}|{a}", {"pc": "WR1 1AA", "a": " 1  High St"}, normalise=True)
    'p:wr1 1aa|1 high st'
    >>> render_template("{a}", {"a": ""}) is None
    True
    """
    return _template_renderer(template, _cell, normalise=normalise)(row)


def _text_reader(spec: ValueSpec, cell: CellReader) -> Callable[[Row], tuple[str, str]]:
    """The column (or template) ``spec`` reads and its text, extracted and normalised."""
    if spec.template is not None:
        template = spec.template
        render = _template_renderer(template, cell, normalise=spec.normalise)
        return lambda row: (template, (render(row) or "").strip())
    assert spec.column is not None
    column = spec.column
    extract = re.compile(spec.extract) if spec.extract is not None else None
    normalise = spec.normalise

    def read(row: Row) -> tuple[str, str]:
        raw = cell(row, column)
        if extract is not None:
            match = extract.search(raw)
            raw = match.group(1) if match else ""
        if normalise:
            raw = " ".join(raw.lower().split())
        return column, raw

    return read


def _translator(spec: ValueSpec) -> Callable[[str, str], Any]:
    """``translate(raw, column)``: the meaning of a code, as ``spec.codes`` give it."""
    codes = spec.codes or {}
    folded = spec.folded_codes
    unknown, default = spec.unknown_codes, spec.default
    known = ", ".join(sorted(map(str, codes))[:12])

    def translate(raw: str, column: str) -> Any:
        if raw in codes:
            return codes[raw]
        key = fold_code(raw)
        if key in folded:
            return folded[key]
        if unknown == "default":
            return default
        if unknown == "keep":
            return raw
        raise ValueProblem(column, raw, f"unknown code {raw!r} (known: {known})")

    return translate


def _date_parser(spec: ValueSpec) -> Callable[[Any, str], Any]:
    """``convert(value, column)`` for a value with date or date-time formats."""
    formats = spec.date_formats or spec.datetime_formats
    # a date_format gives a date; so does a datetime_format that reads no time of day
    # (the rows of a source that recorded only the date for some events)
    tries = [(fmt, bool(spec.datetime_formats) and reads_time(fmt)) for fmt in formats]
    if spec.date_formats:
        what = "a date"
    elif all(map(reads_time, formats)):
        what = "a date and time"
    else:
        what = "a date, or a date and time,"
    refusal = f"not {what} in the format {' or '.join(formats)}"

    @lru_cache(maxsize=_PARSED_DATES)
    def parse(text: str) -> date | datetime | None:
        for fmt, keeps_time in tries:
            try:
                parsed = datetime.strptime(text, fmt)
            except ValueError:
                continue
            return parsed if keeps_time else parsed.date()
        return None

    def convert(value: Any, column: str) -> Any:
        text = str(value)
        parsed = parse(text)
        if parsed is None:
            raise ValueProblem(column, text, refusal)
        return parsed

    return convert


def _to_int(value: Any, column: str) -> int:
    text = str(value)
    try:
        return int(float(text)) if _WHOLE_NUMBER.fullmatch(text) else int(text)
    except ValueError:
        raise ValueProblem(column, text, "not a whole number") from None


def _to_float(value: Any, column: str) -> float:
    try:
        return float(str(value))
    except ValueError:
        raise ValueProblem(column, str(value), "not a number") from None


def _to_bool(value: Any, column: str) -> bool:
    text = str(value)
    if text.lower() in _TRUE:
        return True
    if text.lower() in _FALSE:
        return False
    raise ValueProblem(column, text, "not yes/no")


def _as_is(value: Any, _column: str) -> Any:
    return value


def _converter(spec: ValueSpec) -> Callable[[Any, str], Any]:
    """``convert(value, column)``: the value parsed as ``spec``'s formats or type ask."""
    if spec.date_formats or spec.datetime_formats:
        return _date_parser(spec)
    return {"int": _to_int, "float": _to_float, "bool": _to_bool}.get(spec.type or "", _as_is)


def _name_part(spec: ValueSpec, raw: str, column: str) -> str | None:
    assert spec.split_name is not None
    refused = not_a_name_because(raw) if spec.split_name.roles == "refuse" else None
    if refused:
        raise ValueProblem(
            column,
            raw,
            f"not a person's name ({refused}); list it in null_values to leave this person "
            "out and load the row",
        )
    layout = spec.split_name.layout
    if layout == "auto":
        layout = "family, given" if "," in raw else "given family"
    if layout == "family, given":
        family, _, given = raw.partition(",")
    else:
        given, _, family = raw.strip().rpartition(" ")
        if not given:
            given, family = family, ""
    part = given if spec.split_name.part == "given" else family
    part = part.strip()
    if layout == "family, given" and spec.split_name.part == "family":
        part = part.title() if part.isupper() else part
    return part or None


def null_hit(spec: ValueSpec, row: RowMapping[str, str]) -> bool:
    """Whether a cell ``spec`` reads is one of its ``null_values`` (so is taken as blank).

    Examples
    --------
    >>> spec = ValueSpec.model_validate({"column": "who", "null_values": ["Anonymous"]})
    >>> null_hit(spec, {"who": "ANONYMOUS"}), evaluate(spec, {"who": "ANONYMOUS"})
    (True, None)
    """
    return any(
        is_null(_cell(row, column), spec.null_values) for column in spec.referenced_columns()
    )


def unmatched_codes(spec: ValueSpec, row: RowMapping[str, str]) -> list[str]:
    """The values of ``row`` that ``spec``'s codes do not translate (as written).

    Whatever ``unknown_codes`` then does with them (refuse, default or keep), these are the
    values a mapping author may want to add a code for.

    Examples
    --------
    >>> spec = ValueSpec.model_validate({"column": "c", "codes": {"A": 1}, "split": ";"})
    >>> unmatched_codes(spec, {"c": "a; B;C"})
    ['B', 'C']
    """
    if spec.codes is None or (spec.column is None and spec.template is None):
        return []
    _, raw = _text_reader(spec, _cell_reader(spec))(row)
    if not raw:
        return []
    parts = [part.strip() for part in raw.split(spec.split)] if spec.split else [raw]
    folded = spec.folded_codes
    return [part for part in parts if part and fold_code(part) not in folded]


def compile_value(spec: ValueSpec) -> Evaluator:
    """The function computing the value ``spec`` describes for a row.

    Everything about ``spec`` is decided once (which columns, which formats, which codes),
    so a file's rows are evaluated without interpreting the mapping again for each cell.

    Parameters
    ----------
    spec
        The value specification.

    Returns
    -------
    Callable
        ``value(row)``: as :func:`evaluate` says, raising :class:`ValueProblem` likewise.

    Examples
    --------
    >>> spec = ValueSpec.model_validate({"column": "n", "type": "int"})
    >>> value = compile_value(spec)
    >>> value({"n": "42"}), value({"n": " "})
    (42, None)
    """
    if "value" in spec.model_fields_set:
        constant = spec.value
        return lambda _row: constant
    cell = _cell_reader(spec)
    default = spec.default
    if spec.latitude is not None and spec.longitude is not None:
        return _coordinates(spec.latitude, spec.longitude, cell, default)
    if spec.columns is not None:
        columns = list(spec.columns)
        return lambda row: [item for item in (cell(row, c) for c in columns) if item]
    read = _text_reader(spec, cell)
    translate = _translator(spec) if spec.codes is not None else None
    convert = _converter(spec)
    split_name, split, prefix = spec.split_name is not None, spec.split, spec.prefix

    def value_of(row: Row) -> Any:
        column, raw = read(row)
        if split_name and raw:
            raw = _name_part(spec, raw, column) or ""
        if not raw:
            return default
        if split is not None:
            parts = [part.strip() for part in raw.split(split) if part.strip()]
            if translate is not None:
                parts = [translate(part, column) for part in parts]
            return [part for part in parts if part is not None]
        value: Any = translate(raw, column) if translate is not None else raw
        if value is None:
            return None
        value = convert(value, column)
        if prefix and isinstance(value, str):
            value = prefix + value
        return value

    return value_of


def _coordinates(latitude: str, longitude: str, cell: CellReader, default: Any) -> Evaluator:
    def point(row: Row) -> Any:
        lat, lon = cell(row, latitude), cell(row, longitude)
        if not lat and not lon:
            return default
        try:
            return {"latitude": float(lat), "longitude": float(lon)}
        except ValueError:
            raise ValueProblem(
                f"{latitude}/{longitude}", f"{lat},{lon}", "not a coordinate pair"
            ) from None

    return point


def evaluate(spec: ValueSpec, row: RowMapping[str, str]) -> Any:
    """Compute the value ``spec`` describes for ``row``.

    Parameters
    ----------
    spec
        The value specification.
    row
        Column name -> cell text.

    Returns
    -------
    Any
        The cleaned value, a list for ``split``/``columns``, a ``{latitude, longitude}``
        dict for coordinates, or ``spec.default`` (usually None) when blank.

    Raises
    ------
    ValueProblem
        If a date does not parse, a code is unknown or a number is not a number.
    """
    return compile_value(spec)(row)
