"""Markdown pieces for the generated mapping reference: declarations rendered as table text.

The reference (:mod:`ingest.mapping.reference`) is built from the pydantic models and enums
themselves; this module turns one declaration (a field's type, default and constraints, a
docstring, an enum member's comment) into the Markdown text a table cell or paragraph holds.
"""

from __future__ import annotations

import inspect
import re
import types
import typing
from datetime import date, datetime
from enum import Enum
from typing import Any

import annotated_types
from pydantic import BaseModel, StringConstraints
from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined

from graph_model.base import GeoPoint
from graph_model.source_systems import SystemName

__all__ = [
    "cell",
    "constraints_of",
    "default_of",
    "member_comments",
    "paragraphs",
    "slug",
    "type_of",
]

_ROLE = re.compile(r":(?:class|func|mod|meth|attr|data):`~?([^`]+)`")
_LITERAL = re.compile(r"``([^`]+)``")
_MEMBER_COMMENT = re.compile(r"^\s+([A-Z][A-Z0-9_]*)\s*=.*#\s*(.+?)\s*$")
_PLAIN_TYPES: dict[object, str] = {
    str: "text",
    int: "whole number",
    float: "number",
    bool: "true or false",
    date: "date",
    datetime: "date and time",
    Any: "any value",
}


def slug(heading: str) -> str:
    """The anchor GitHub gives a Markdown heading.

    Examples
    --------
    >>> slug("Person-record fields")
    'person-record-fields'
    >>> slug("The mapping file")
    'the-mapping-file'
    """
    kept = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return kept.replace(" ", "-")


def cell(text: str) -> str:
    r"""Text made safe for one Markdown table cell (one line, pipes escaped).

    Examples
    --------
    >>> cell("a | b\nc")
    'a \\| b c'
    """
    return " ".join(text.replace("|", r"\|").split())


def paragraphs(docstring: str | None) -> str:
    """A docstring as Markdown: reStructuredText literals and roles made code spans.

    Examples
    --------
    >>> paragraphs("Takes ``layout``, see :class:`SplitName`.")
    'Takes `layout`, see `SplitName`.'
    """
    text = inspect.cleandoc(docstring or "")
    return _LITERAL.sub(r"`\1`", _ROLE.sub(r"`\1`", text))


def _code(value: object) -> str:
    return f"`{value}`"


def _links(kind: type, anchors: dict[str, str]) -> str:
    name = kind.__name__
    return f"[{name}](#{anchors[name]})" if name in anchors else name


def _strip_annotated(annotation: Any) -> tuple[Any, list[Any]]:
    if typing.get_origin(annotation) is typing.Annotated:
        base, *metadata = typing.get_args(annotation)
        return base, metadata
    return annotation, []


def type_of(annotation: Any, metadata: list[Any], anchors: dict[str, str]) -> str:
    """A field's type in words, linking to the reference's sections on models and code lists.

    Parameters
    ----------
    annotation
        The field's annotation, as pydantic resolved it.
    metadata
        The field's metadata (a top-level ``Annotated`` alias leaves its constraints there).
    anchors
        Model or enum name -> anchor of its section in the reference.

    Returns
    -------
    str
        E.g. ``list of [ValueSpec](#valuespec)``, ``one of `csv`, `xlsx` ``.

    Examples
    --------
    >>> type_of(list[str] | None, [], {})
    'list of text, or none'
    >>> from typing import Literal
    >>> type_of(Literal["csv", "json"], [], {})
    'one of `csv`, `json`'
    """
    if _is_system_name(annotation, metadata):
        return "[source system](#source-systems) name"
    annotation, _ = _strip_annotated(annotation)
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        members = typing.get_args(annotation)
        given = [member for member in members if member is not type(None)]
        words = " or ".join(type_of(member, [], anchors) for member in given)
        return f"{words}, or none" if len(given) < len(members) else words
    if origin is typing.Literal:
        return "one of " + ", ".join(_code(value) for value in typing.get_args(annotation))
    if origin is list:
        (item,) = typing.get_args(annotation)
        return f"list of {type_of(item, [], anchors)}"
    if origin is dict:
        key, value = typing.get_args(annotation)
        return f"map of {type_of(key, [], anchors)} to {type_of(value, [], anchors)}"
    if annotation is GeoPoint:
        return "point (latitude and longitude)"
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return f"{_links(annotation, anchors)} code"
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return _links(annotation, anchors)
    return _PLAIN_TYPES.get(annotation, getattr(annotation, "__name__", str(annotation)))


def _is_system_name(annotation: Any, metadata: list[Any]) -> bool:
    _, system_constraints = _strip_annotated(SystemName)
    if annotation is str and metadata == system_constraints:
        return True
    return annotation == SystemName


def _length(low: int | None, high: int | None, unit: str) -> list[str]:
    """A length range in words.

    Examples
    --------
    >>> _length(1, 500, "character"), _length(1, 1, "character"), _length(None, 20_000, "item")
    (['1-500 characters'], ['exactly 1 character'], ['at most 20,000 items'])
    """
    if low is None and high is None:
        return []

    def counted(number: int) -> str:
        return f"{number:,} {unit if number == 1 else unit + 's'}"

    if low == high:
        return [f"exactly {counted(low)}"]  # type: ignore[arg-type]
    if high is None:
        return [f"at least {counted(low)}"]  # type: ignore[arg-type]
    if not low:
        return [f"at most {counted(high)}"]
    return [f"{low:,}-{high:,} {unit}s"]


def _number(value: object) -> str:
    return f"{value:,}" if isinstance(value, int) else str(value)


def _described(metadata: list[Any], unit: str) -> list[str]:
    """Constraint objects (``annotated_types``, ``StringConstraints``, pattern) in words."""
    words: list[str] = []
    low = next((m.min_length for m in metadata if isinstance(m, annotated_types.MinLen)), None)
    high = next((m.max_length for m in metadata if isinstance(m, annotated_types.MaxLen)), None)
    words += _length(low, high, unit)
    for item in metadata:
        if isinstance(item, StringConstraints):
            words += _length(item.min_length, item.max_length, "character")
            words += [f"matches `{item.pattern}`"] if item.pattern else []
        elif isinstance(item, annotated_types.Ge):
            words.append(f"at least {_number(item.ge)}")
        elif isinstance(item, annotated_types.Gt):
            words.append(f"more than {_number(item.gt)}")
        elif isinstance(item, annotated_types.Le):
            words.append(f"at most {_number(item.le)}")
        elif isinstance(item, annotated_types.Lt):
            words.append(f"less than {_number(item.lt)}")
        elif getattr(item, "pattern", None):
            words.append(f"matches `{item.pattern}`")
    return words


def _nested(annotation: Any) -> list[Any]:
    """The constraints of ``Annotated`` aliases inside a type (``list[ShortText]``).

    A source system's name is left out: its type says what it is.
    """
    if annotation == SystemName:
        return []
    base, metadata = _strip_annotated(annotation)
    found = list(metadata)
    for argument in typing.get_args(base) if typing.get_origin(base) is not typing.Literal else ():
        found += _nested(argument)
    return found


def constraints_of(field: FieldInfo) -> str:
    """A field's declared constraints in words (lengths, bounds, patterns).

    Examples
    --------
    >>> from pydantic import Field
    >>> from pydantic.fields import FieldInfo
    >>> constraints_of(FieldInfo.from_annotated_attribute(int, Field(default=1, ge=1)))
    'at least 1'
    """
    annotation = field.annotation
    if _is_system_name(annotation, list(field.metadata)):
        return ""
    base, _ = _strip_annotated(annotation)
    origins = {typing.get_origin(base)} | {typing.get_origin(arg) for arg in typing.get_args(base)}
    unit = "item" if list in origins else "character"
    inner = "each key " if dict in origins else "each " if list in origins else ""
    words = _described(list(field.metadata), unit)
    words += [inner + word for word in _described(_nested(annotation), "character")]
    if base is GeoPoint or GeoPoint in typing.get_args(base):
        for name, point_field in GeoPoint.model_fields.items():
            bounds = _described(list(point_field.metadata), "")
            words.append(f"{name} {' and '.join(bounds)}")
    enums = _enums_in(base)
    words += ["one of " + ", ".join(_code(member.value) for member in enum) for enum in enums]
    return "; ".join(word for word in dict.fromkeys(words) if word)


def _enums_in(annotation: Any) -> list[type[Enum]]:
    """The enums a type is made of (``Sex``, ``list[RiskMarker]``, ``Sex | None``)."""
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return [annotation]
    return [enum for argument in typing.get_args(annotation) for enum in _enums_in(argument)]


def default_of(field: FieldInfo) -> str:
    """A field's default as a mapping author writes it, or **required**.

    Examples
    --------
    >>> from pydantic.fields import FieldInfo
    >>> default_of(FieldInfo(annotation=bool, default=False))
    '`false`'
    >>> default_of(FieldInfo(annotation=str))
    '**required**'
    """
    if field.is_required():
        return "**required**"
    if field.default_factory is not None:
        value: object = field.default_factory()  # type: ignore[call-arg]
    else:
        value = field.default
    if value is None or value is PydanticUndefined:
        return "none"
    if isinstance(value, Enum):
        return _code(value.value)
    if isinstance(value, bool):
        return _code(str(value).lower())
    if value == "":
        return '`""`'
    return _code(value)


def member_comments(enum: type[Enum]) -> dict[str, str]:
    """The comment written after each member of an enum, where there is one.

    Examples
    --------
    >>> from graph_model.kinds import IncidentRole
    >>> member_comments(IncidentRole)["PARTY"]
    "party to the crime, role not recorded (POLE's PARTY_TO)"
    """
    comments = {}
    for line in inspect.getsource(enum).splitlines():
        match = _MEMBER_COMMENT.match(line)
        if match:
            comments[match.group(1)] = match.group(2)
    return comments
