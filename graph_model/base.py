"""Base classes for declaring node and relationship kinds once.

A node kind is a pydantic model with a :class:`NodeSpec` (label, natural key, indexes); a
relationship kind is a pydantic model with a :class:`RelSpec` (type, source and target
labels, the properties that identify it). Constraints, indexes and write queries are
derived from, or tested against, these declarations.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from enum import Enum
from typing import Annotated, Any, ClassVar, Self

import neo4j.spatial
import neo4j.time
from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    SecretStr,
    StringConstraints,
    ValidationError,
    field_validator,
    model_validator,
)

from graph_model.date_times import date_time_fields, with_dates_derived
from graph_model.errors import InvalidInput
from graph_model.kinds import NodeLabel, ProtectiveMarking, RelType
from graph_model.source_systems import SystemName

__all__ = [
    "GeoPoint",
    "GraphNode",
    "GraphRelationship",
    "Key",
    "NodeSpec",
    "RelSpec",
    "ServiceNode",
    "ServiceRelationship",
    "ShortText",
    "from_neo4j",
    "without_bidi_controls",
]

#: Unicode's bidirectional controls (embeddings, overrides, isolates, marks): they make text
#: show in another order than it is stored ("Trojan Source"), so a name or a note could read
#: as something else on screen. Removed from stored text wherever it comes from.
_BIDI_CONTROLS = dict.fromkeys(
    map(ord, "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
)


def without_bidi_controls(value: object) -> object:
    """Text without bidirectional control characters; anything else as it is.

    Examples
    --------
    >>> without_bidi_controls("\u202eAnn\u202c Lee")
    'Ann Lee'
    >>> without_bidi_controls(3)
    3
    """
    return value.translate(_BIDI_CONTROLS) if isinstance(value, str) else value


#: A natural key: trimmed, non-empty, no longer than 200 characters.
Key = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
#: A short stored string (a name, a code, an address line).
ShortText = Annotated[
    str,
    BeforeValidator(without_bidi_controls),
    StringConstraints(strip_whitespace=True, min_length=1, max_length=500),
]


@dataclass(frozen=True)
class NodeSpec:
    """How a node kind is stored.

    Parameters
    ----------
    label
        The Neo4j label.
    key
        Property holding the natural key; a uniqueness constraint is declared on it.
    range_indexes
        Properties with a range index (dates, names, identifiers).
    point_index
        Property holding a point, with a point index.
    fulltext
        Properties covered by one full-text index (names and aliases).
    upserted_by_store
        Whether :class:`graph_model.store.GraphStore` writes and reads the kind, with its
        upsert and get statements generated from the templates; False for a kind that only
        its own reviewed Cypher writes.
    unique
        Further properties with a uniqueness constraint of their own (an API user's key id).
    """

    label: NodeLabel
    key: str = "id"
    range_indexes: tuple[str, ...] = ()
    point_index: str | None = None
    fulltext: tuple[str, ...] = ()
    upserted_by_store: bool = True
    unique: tuple[str, ...] = ()


@dataclass(frozen=True)
class RelSpec:
    """How a relationship kind is stored.

    Parameters
    ----------
    type
        The Neo4j relationship type.
    source, target
        Labels of the start and end nodes.
    merge_keys
        Required properties that, with the two ends, identify one relationship (e.g. the
        role of a person on an incident: a victim and a witness link are two relationships).
    accumulates_via_records
        Whether ``via_records`` (the person records behind a tie to a resolved person) add up
        across sources and loads instead of being replaced by the latest.
    """

    type: RelType
    source: NodeLabel
    target: NodeLabel
    merge_keys: tuple[str, ...] = ()
    accumulates_via_records: bool = False


class GeoPoint(BaseModel):
    """A WGS84 location, stored in Neo4j as a ``point`` so it can use a point index."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    latitude: float = Field(ge=-90, le=90)
    longitude: float = Field(ge=-180, le=180)

    def to_neo4j(self) -> neo4j.spatial.WGS84Point:
        """Return the Neo4j point value (x = longitude, y = latitude)."""
        return neo4j.spatial.WGS84Point((self.longitude, self.latitude))


class _Provenance(BaseModel):
    """Provenance and handling fields every node and relationship carries."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    source_system: SystemName = Field(
        description="The system the record came from: built in (SourceSystem) or declared "
        "by the mapping that loaded it."
    )
    source_record_id: Key
    load_run_id: str | None = None
    loaded_at: datetime | None = None
    marking: ProtectiveMarking = ProtectiveMarking.OFFICIAL_SENSITIVE
    source_type: str | None = Field(
        default=None, max_length=100, description="The source's own label or type, e.g. KNOWS_SN."
    )

    @field_validator("loaded_at")
    @classmethod
    def _loaded_at_is_aware(cls, value: datetime | None) -> datetime | None:
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value

    def to_properties(self) -> dict[str, Any]:
        """Return the fields as Neo4j property values (enums as strings, points as points).

        ``None`` is kept: ``SET n += $props`` with a null removes a property that a newer
        record no longer has.
        """
        return {
            name: value if type(value := getattr(self, name)) in _STORED_AS_IS else _to_neo4j(value)
            for name in type(self).model_fields
        }

    @classmethod
    def from_properties(cls, properties: dict[str, Any]) -> Self:
        """Build the model back from the property map Neo4j returns."""
        fields = cls.model_fields
        return cls.model_validate(
            {name: from_neo4j(value) for name, value in properties.items() if name in fields}
        )


class GraphNode(_Provenance):
    """Base of every node kind. Subclasses set ``spec`` and declare their fields.

    An event kind declares the local date-time of its date with
    :func:`graph_model.date_times.date_time_of`; ``date_times`` lists them (date-time field
    -> date field), and every input has its dates derived from them before validation.
    """

    spec: ClassVar[NodeSpec]
    date_times: ClassVar[dict[str, str]] = {}

    id: Key

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        super().__pydantic_init_subclass__(**kwargs)
        cls.date_times = date_time_fields(cls.model_fields)

    @model_validator(mode="before")
    @classmethod
    def _dates_from_date_times(cls, data: Any) -> Any:
        return with_dates_derived(data, cls.date_times)


class GraphRelationship(_Provenance):
    """Base of every relationship kind: the keys of both ends plus provenance."""

    spec: ClassVar[RelSpec]

    source_id: Key
    target_id: Key
    via_records: list[Key] | None = Field(
        default=None,
        description="Keys of the person records (source records) this relationship was "
        "derived from, when an end is a resolved person: a split moves it with them.",
    )

    def to_properties(self) -> dict[str, Any]:
        """Return the relationship's own properties (the end keys are not stored on it)."""
        properties = super().to_properties()
        del properties["source_id"], properties["target_id"]
        return properties


class ServiceNode(BaseModel):
    """Base of the kinds Linkwatch keeps about its own service: users, audit log, reviews.

    They come from no source system, so they carry no provenance, and each declares its own
    key (an API user is known by name, an audit entry by number). Each is written only by its
    own service (``governance``, ``queries.reviews``), never by a mapping or the loader.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    spec: ClassVar[NodeSpec]

    @classmethod
    def checked(cls, **fields: Any) -> Self:
        """Build a new record, or say which fields do not fit the declaration.

        Raises
        ------
        InvalidInput
            With one detail per offending field (its value is never repeated: it may be a
            secret).

        Examples
        --------
        >>> from graph_model.service_records import AuditHead
        >>> try:
        ...     AuditHead.checked(id="audit", seq=-1, hash="0" * 64)
        ... except InvalidInput as error:
        ...     print(error.details)
        [{'field': 'seq', 'reason': 'Input should be greater than or equal to 0'}]
        """
        try:
            return cls(**fields)
        except ValidationError as error:
            details = [
                {"field": ".".join(map(str, issue["loc"])), "reason": issue["msg"]}
                for issue in error.errors()
            ]
            problems = "; ".join(f"{d['field']}: {d['reason']}" for d in details)
            raise InvalidInput(f"{cls.__name__} not stored: {problems}.", details=details) from None

    def to_properties(self) -> dict[str, Any]:
        """Return the set fields as Neo4j property values, secrets included (for writing only).

        Empty fields are left out, as Neo4j would leave them: the map is written whole
        (``SET n = $record``) when the record is made.
        """
        return {
            name: _to_neo4j(value)
            for name in type(self).model_fields
            if (value := getattr(self, name)) is not None
        }

    @classmethod
    def from_properties(cls, properties: dict[str, Any]) -> Self:
        """Build the model back from the property map Neo4j returns."""
        fields = cls.model_fields
        return cls.model_validate(
            {name: from_neo4j(value) for name, value in properties.items() if name in fields}
        )


class ServiceRelationship(BaseModel):
    """Base of the relationships between the service's own records and the graph.

    They hold no properties of their own: the two ends say everything.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    spec: ClassVar[RelSpec]


#: Values Neo4j stores as they are; checked by exact type first, since most values are these
#: (an enum that is also a ``str`` is not: its type is the enum).
_STORED_AS_IS = frozenset({str, int, float, bool, type(None)})


def _to_neo4j(value: Any) -> Any:
    if type(value) in _STORED_AS_IS:
        return value
    if isinstance(value, SecretStr):
        return value.get_secret_value()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, GeoPoint):
        return value.to_neo4j()
    if isinstance(value, list | tuple):
        return [_to_neo4j(item) for item in value]
    return value


def from_neo4j(value: Any) -> Any:
    """Turn a value Neo4j returned into its Python form (dates, points, lists of them).

    Examples
    --------
    >>> import neo4j.time
    >>> from_neo4j(neo4j.time.Date(2024, 2, 29))
    datetime.date(2024, 2, 29)
    """
    if isinstance(value, neo4j.time.DateTime | neo4j.time.Date):
        return value.to_native()
    if isinstance(value, neo4j.spatial.WGS84Point):
        return GeoPoint(latitude=value.latitude, longitude=value.longitude)
    if isinstance(value, list):
        return [from_neo4j(item) for item in value]
    if isinstance(value, dict):
        return {key: from_neo4j(item) for key, item in value.items()}
    return value
