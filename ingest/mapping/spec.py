"""The mapping language, as pydantic models: validated before anything is written.

A mapping lists files; each file says how its rows become nodes, person records (resolved
into people by record linkage) and relationships. Every value comes from a ``ValueSpec``:
a column, a template over columns, or a constant, with optional date parsing, splitting,
code translation and type conversion. See ``ingest/mappings/*.yaml`` for complete examples.
"""

from __future__ import annotations

import re
from pathlib import Path, PurePath
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator, model_validator

from graph_model.kinds import NodeLabel, SourceSystem
from graph_model.registry import NODE_KINDS, RELATIONSHIP_KINDS

__all__ = [
    "EndSpec",
    "FileMapping",
    "Mapping",
    "NodeMapping",
    "PersonRecordMapping",
    "RelationshipMapping",
    "ValueSpec",
    "fold_code",
    "template_columns",
]

_TEMPLATE_FIELD = re.compile(r"\{([^{}]+)\}")
RELATIONSHIP_MODELS = {model.__name__: model for model in RELATIONSHIP_KINDS}
PERSON_RECORD_FIELDS = (
    "given_names",
    "family_name",
    "aliases",
    "date_of_birth",
    "sex",
    "postcode",
    "address",
    "nhs_number",
    "phone",
)


def template_columns(template: str) -> list[str]:
    """Return the column names a template refers to.

    Examples
    --------
    >>> template_columns("pole:{:ID}")
    [':ID']
    >>> template_columns("{make} {model} ({year})")
    ['make', 'model', 'year']
    """
    return _TEMPLATE_FIELD.findall(template)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def fold_code(code: object) -> str:
    """A code as it is matched: case-folded, outer spaces dropped, inner runs made one space.

    Examples
    --------
    >>> fold_code("  Found   By ")
    'found by'
    """
    return " ".join(str(code).casefold().split())


class SplitName(_Strict):
    """Take one part of a full name held in one column."""

    layout: Literal["given family", "family, given"]
    part: Literal["given", "family"]


class ValueSpec(_Strict):
    """Where one value comes from, and how it is cleaned.

    Exactly one of ``column``, ``template``, ``value``, ``columns`` or ``latitude`` (with
    ``longitude``) is given. A plain string in YAML is shorthand for ``{column: ...}``.
    """

    column: str | None = None
    template: str | None = None
    value: Any = None
    columns: list[str] | None = None
    latitude: str | None = None
    longitude: str | None = None
    date_format: str | None = Field(default=None, description="strptime format of a date.")
    split: str | None = Field(default=None, description="Split the text into a list on this.")
    codes: dict[str, Any] | None = Field(default=None, description="Translate source codes.")
    default: Any = Field(default=None, description="Used when the value is blank or unknown.")
    unknown_codes: Literal["error", "default", "keep"] = "error"
    type: Literal["str", "int", "float", "bool"] | None = None
    split_name: SplitName | None = None
    normalise: bool = Field(default=False, description="Lower-case and collapse spaces.")
    prefix: str | None = Field(default=None, description="Prepended to a non-blank value.")
    extract: str | None = Field(
        default=None, description="Regular expression; keep its first group (blank if no match)."
    )
    _folded: dict[str, Any] | None = PrivateAttr(default=None)

    @field_validator("codes")
    @classmethod
    def _codes_differ_beyond_case_and_spaces(
        cls, value: dict[str, Any] | None
    ) -> dict[str, Any] | None:
        # Codes match ignoring case and runs of spaces ("Found By" is "found by"), so two
        # codes that differ only there must mean the same thing.
        seen: dict[str, tuple[str, Any]] = {}
        for code, meaning in (value or {}).items():
            folded = fold_code(code)
            if folded in seen and seen[folded][1] != meaning:
                raise ValueError(
                    f"codes {seen[folded][0]!r} and {code!r} differ only in case or spaces "
                    "but mean different things"
                )
            seen[folded] = (code, meaning)
        return value

    @field_validator("extract")
    @classmethod
    def _compiles(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                if re.compile(value).groups < 1:
                    raise ValueError("extract needs one (group)")
            except re.error as error:
                raise ValueError(f"extract is not a valid regular expression: {error}") from None
        return value

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, data: Any) -> Any:
        if isinstance(data, str):
            return {"column": data}
        return data

    @model_validator(mode="after")
    def _one_source(self) -> ValueSpec:
        given = [
            name
            for name in ("column", "template", "columns", "latitude")
            if getattr(self, name) is not None
        ]
        has_constant = "value" in self.model_fields_set
        if len(given) + has_constant != 1:
            raise ValueError(
                "give exactly one of column, template, value, columns, latitude/longitude"
            )
        if (self.latitude is None) != (self.longitude is None):
            raise ValueError("latitude and longitude go together")
        return self

    @property
    def folded_codes(self) -> dict[str, Any]:
        """The codes keyed as they are matched (:func:`fold_code`), built once."""
        if self._folded is None:
            self._folded = {fold_code(c): meaning for c, meaning in (self.codes or {}).items()}
        return self._folded

    def referenced_columns(self) -> list[str]:
        """Every column this value reads."""
        if self.column is not None:
            return [self.column]
        if self.template is not None:
            return template_columns(self.template)
        if self.columns is not None:
            return list(self.columns)
        if self.latitude is not None and self.longitude is not None:
            return [self.latitude, self.longitude]
        return []


class Condition(_Strict):
    """Apply a node, record or relationship only to rows where these columns are not blank."""

    present: list[str] = Field(min_length=1)


class NodeMapping(_Strict):
    """Rows of a file become nodes of one kind."""

    kind: NodeLabel
    key: ValueSpec
    properties: dict[str, ValueSpec] = Field(default_factory=dict)
    source_type: str | None = None
    when: Condition | None = None

    @model_validator(mode="after")
    def _known_properties(self) -> NodeMapping:
        if self.kind is NodeLabel.SHARING:
            raise ValueError("Sharing nodes are made by `linkwatch share add`, not by an ingest")
        model = NODE_KINDS[self.kind]
        provenance = {
            "id",
            "source_system",
            "source_record_id",
            "load_run_id",
            "loaded_at",
            "source_type",
        }
        unknown = sorted(set(self.properties) - set(model.model_fields) - {"marking"})
        clash = sorted(set(self.properties) & provenance)
        if unknown:
            raise ValueError(f"{self.kind.value} has no properties {unknown}")
        if clash:
            raise ValueError(f"{clash} are set by the loader, not the mapping")
        return self

    def referenced_columns(self) -> list[str]:
        """Every column the node reads."""
        columns = self.key.referenced_columns()
        for spec in self.properties.values():
            columns += spec.referenced_columns()
        return columns


class PersonRecordMapping(_Strict):
    """Rows of a file describe people: kept as source records, resolved into people."""

    key: ValueSpec
    fields: dict[str, ValueSpec]
    when: Condition | None = None

    @field_validator("fields")
    @classmethod
    def _known_fields(cls, value: dict[str, ValueSpec]) -> dict[str, ValueSpec]:
        unknown = sorted(set(value) - set(PERSON_RECORD_FIELDS))
        if unknown:
            raise ValueError(
                f"unknown person-record fields {unknown}; use {list(PERSON_RECORD_FIELDS)}"
            )
        if not {"given_names", "family_name"} & set(value):
            raise ValueError("a person record needs given_names or family_name")
        return value

    def referenced_columns(self) -> list[str]:
        """Every column the record reads."""
        columns = self.key.referenced_columns()
        for spec in self.fields.values():
            columns += spec.referenced_columns()
        return columns


class EndSpec(_Strict):
    """One end of a relationship: a node key, or a person record's key (resolved to a person)."""

    node: ValueSpec | None = None
    person_record: ValueSpec | None = None

    @model_validator(mode="after")
    def _one(self) -> EndSpec:
        if (self.node is None) == (self.person_record is None):
            raise ValueError("give exactly one of node or person_record")
        return self

    @property
    def spec(self) -> ValueSpec:
        """The value spec of whichever end is given."""
        return self.node or self.person_record  # type: ignore[return-value]


class RelationshipMapping(_Strict):
    """Rows of a file become relationships of one kind."""

    kind: str
    source: EndSpec
    target: EndSpec
    properties: dict[str, ValueSpec] = Field(default_factory=dict)
    source_type: str | None = None
    when: Condition | None = None

    @model_validator(mode="after")
    def _known(self) -> RelationshipMapping:
        model = RELATIONSHIP_MODELS.get(self.kind)
        if model is None:
            raise ValueError(
                f"unknown relationship kind {self.kind!r}; use one of {sorted(RELATIONSHIP_MODELS)}"
            )
        unknown = sorted(set(self.properties) - set(model.model_fields))
        if unknown:
            raise ValueError(f"{self.kind} has no properties {unknown}")
        for end, label in ((self.source, model.spec.source), (self.target, model.spec.target)):
            if end.person_record is not None and label is not NodeLabel.PERSON:
                raise ValueError(
                    f"a person_record end must be a Person end; {self.kind} has {label.value}"
                )
        return self

    def referenced_columns(self) -> list[str]:
        """Every column the relationship reads."""
        columns = self.source.spec.referenced_columns() + self.target.spec.referenced_columns()
        for spec in self.properties.values():
            columns += spec.referenced_columns()
        return columns


class FileMapping(_Strict):
    """One source of a mapping: the file (or, by pattern, files) it reads, and what rows become.

    ``path`` is a file name relative to the delivery folder (``nhs_extract.csv``) or a glob
    pattern (``nhs_extract_*.csv``; ``*``, ``?`` and ``[...]`` make it one). A pattern may
    match several files of a delivery: each is loaded as its own file of this source, in
    natural name order (see :func:`ingest.mapping.delivery.natural_key`).
    """

    name: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    path: str = Field(description="File name, or a glob pattern matching one file a month.")
    format: Literal["csv", "xlsx", "json"] | None = None
    encoding: str = "utf-8-sig"
    sheet: str | None = None
    source_system: SourceSystem | None = None
    record_id: ValueSpec
    optional: bool = False
    nodes: list[NodeMapping] = Field(default_factory=list)
    person_records: list[PersonRecordMapping] = Field(default_factory=list)
    relationships: list[RelationshipMapping] = Field(default_factory=list)

    @field_validator("path")
    @classmethod
    def _relative(cls, value: str) -> str:
        if PurePath(value).is_absolute() or ".." in PurePath(value).parts or not value.strip():
            raise ValueError(
                f"path {value!r} must be a file name or pattern inside the delivery folder"
            )
        return value

    @model_validator(mode="after")
    def _does_something(self) -> FileMapping:
        if not (self.nodes or self.person_records or self.relationships):
            raise ValueError(f"file {self.name!r} maps to nothing")
        if self.file_format == "xlsx" and not self.sheet:
            raise ValueError(f"file {self.name!r} is XLSX: give the sheet name")
        return self

    @property
    def is_pattern(self) -> bool:
        """Whether ``path`` is a glob pattern rather than one file name."""
        return any(character in self.path for character in "*?[")

    def matches(self, file: Path) -> bool:
        """Whether ``file`` is a file of this source (by name, or by pattern).

        Examples
        --------
        >>> spec = FileMapping.model_validate(
        ...     {"name": "nhs", "path": "nhs_*.csv", "record_id": "id",
        ...      "nodes": [{"kind": "Place", "key": "id"}]})
        >>> spec.matches(Path("deliveries/nhs_2025-01.csv")), spec.matches(Path("nhs.csv"))
        (True, False)
        """
        return PurePath(file).match(self.path)

    @property
    def file_format(self) -> str:
        """The declared format, or the one the file name implies."""
        if self.format:
            return self.format
        suffix = self.path.rsplit(".", 1)[-1].lower()
        return {"xlsx": "xlsx", "json": "json"}.get(suffix, "csv")

    def required_columns(self) -> list[str]:
        """Every column the mapping reads from this file, in first-use order."""
        columns = self.record_id.referenced_columns()
        for item in [*self.nodes, *self.person_records, *self.relationships]:
            columns += item.referenced_columns()
            if item.when is not None:
                columns += item.when.present
        return list(dict.fromkeys(columns))


class Mapping(_Strict):
    """A whole source layout: its files, in load order."""

    name: str
    description: str = ""
    source_system: SourceSystem
    detect: list[str] = Field(
        default_factory=list,
        description="Files that identify the layout; a mapping listing them is auto-detected "
        "from a delivery holding any of its files.",
    )
    files: list[FileMapping] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_file_names(self) -> Mapping:
        names = [f.name for f in self.files]
        duplicates = sorted({n for n in names if names.count(n) > 1})
        if duplicates:
            raise ValueError(f"file names must be unique: {duplicates}")
        return self
