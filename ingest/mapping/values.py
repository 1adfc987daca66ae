"""Evaluating a ``ValueSpec`` against one row: extraction, cleaning, translation, parsing."""

from __future__ import annotations

import re
from collections.abc import Mapping as RowMapping
from datetime import datetime
from typing import Any

from ingest.mapping.names import not_a_name_because
from ingest.mapping.spec import ValueSpec, fold_code, is_null

__all__ = [
    "ValueProblem",
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


def _cell(row: RowMapping[str, str], column: str) -> str:
    value = row.get(column)
    return "" if value is None else str(value).strip()


def render_template(
    template: str, row: RowMapping[str, str], *, normalise: bool = False
) -> str | None:
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
    values = {name: _cell(row, name) for name in _TEMPLATE_FIELD.findall(template)}
    if values and not any(values.values()):
        return None
    if normalise:
        values = {name: " ".join(value.lower().split()) for name, value in values.items()}
    return _TEMPLATE_FIELD.sub(lambda match: values[match.group(1)], template)


def _translate(spec: ValueSpec, raw: str, column: str) -> Any:
    assert spec.codes is not None
    if raw in spec.codes:
        return spec.codes[raw]
    folded = spec.folded_codes
    if fold_code(raw) in folded:
        return folded[fold_code(raw)]
    if spec.unknown_codes == "default":
        return spec.default
    if spec.unknown_codes == "keep":
        return raw
    known = ", ".join(sorted(map(str, spec.codes))[:12])
    raise ValueProblem(column, raw, f"unknown code {raw!r} (known: {known})")


def _convert(spec: ValueSpec, value: Any, column: str) -> Any:
    text = str(value)
    formats = spec.date_formats or spec.datetime_formats
    if formats:
        for fmt in formats:
            try:
                parsed = datetime.strptime(text, fmt)
            except ValueError:
                continue
            # a date_format gives a date; so does a datetime_format that reads no time of day
            # (the rows of a source that recorded only the date for some events)
            return parsed if spec.datetime_formats and reads_time(fmt) else parsed.date()
        if spec.date_formats:
            what = "a date"
        elif all(map(reads_time, formats)):
            what = "a date and time"
        else:
            what = "a date, or a date and time,"
        raise ValueProblem(column, text, f"not {what} in the format {' or '.join(formats)}")
    if spec.type == "int":
        try:
            return int(float(text)) if re.fullmatch(r"-?\d+(\.0+)?", text) else int(text)
        except ValueError:
            raise ValueProblem(column, text, "not a whole number") from None
    if spec.type == "float":
        try:
            return float(text)
        except ValueError:
            raise ValueProblem(column, text, "not a number") from None
    if spec.type == "bool":
        if text.lower() in _TRUE:
            return True
        if text.lower() in _FALSE:
            return False
        raise ValueProblem(column, text, "not yes/no")
    return value


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


def _without_nulls(spec: ValueSpec, row: RowMapping[str, str]) -> RowMapping[str, str]:
    """``row`` with the cells ``spec`` reads blanked where they are its ``null_values``."""
    if not spec.null_values:
        return row
    blanked = dict(row)
    for column in spec.referenced_columns():
        if is_null(_cell(row, column), spec.null_values):
            blanked[column] = ""
    return blanked


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


def _raw_text(spec: ValueSpec, row: RowMapping[str, str]) -> tuple[str, str]:
    """The column (or template) read and its text, extracted and normalised as asked."""
    if spec.template is not None:
        raw = (render_template(spec.template, row, normalise=spec.normalise) or "").strip()
        return spec.template, raw
    assert spec.column is not None
    raw = _cell(row, spec.column)
    if spec.extract is not None:
        match = re.search(spec.extract, raw)
        raw = match.group(1) if match else ""
    if spec.normalise:
        raw = " ".join(raw.lower().split())
    return spec.column, raw


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
    _, raw = _raw_text(spec, _without_nulls(spec, row))
    if not raw:
        return []
    parts = [part.strip() for part in raw.split(spec.split)] if spec.split else [raw]
    folded = spec.folded_codes
    return [part for part in parts if part and fold_code(part) not in folded]


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
    if "value" in spec.model_fields_set:
        return spec.value
    row = _without_nulls(spec, row)
    if spec.latitude is not None and spec.longitude is not None:
        lat, lon = _cell(row, spec.latitude), _cell(row, spec.longitude)
        if not lat and not lon:
            return spec.default
        try:
            return {"latitude": float(lat), "longitude": float(lon)}
        except ValueError:
            raise ValueProblem(
                f"{spec.latitude}/{spec.longitude}", f"{lat},{lon}", "not a coordinate pair"
            ) from None
    if spec.columns is not None:
        items = [_cell(row, column) for column in spec.columns]
        return [item for item in items if item]
    column, raw = _raw_text(spec, row)
    if spec.split_name is not None and raw:
        raw = _name_part(spec, raw, column) or ""
    if not raw:
        return spec.default
    if spec.split is not None:
        parts = [part.strip() for part in raw.split(spec.split) if part.strip()]
        if spec.codes is not None:
            parts = [_translate(spec, part, column) for part in parts]
        return [part for part in parts if part is not None]
    value: Any = _translate(spec, raw, column) if spec.codes is not None else raw
    if value is None:
        return None
    value = _convert(spec, value, column)
    if spec.prefix and isinstance(value, str):
        value = spec.prefix + value
    return value
