"""The mapping language, as pydantic models: validated before anything is written.

A mapping lists files; each file says how its rows become nodes, person records (resolved
into people by record linkage) and relationships. Every value comes from a ``ValueSpec``:
a column, a template over columns, or a constant, with optional date parsing, splitting,
code translation and type conversion. See ``ingest/mappings/*.yaml`` for complete examples,
and ``tests/data/riverside/riverside.yaml`` for the options of real extracts: per file the CSV
``delimiter``, ``quotechar``, ``encoding``, ``header_row``, ``skip_rows``, ``null_values`` and
``extract`` (named regular-expression groups made columns); per value several
``date_format`` / ``datetime_format``, ``null_values`` and ``split_name: {layout: auto}``.

Date-times: an event's date-time field (``found_at``, ``occurred_at``, ``contacted_at``) takes
a ``datetime_format`` and its date (``date_found``, ...) is derived from it. Formats without a
time of day may be among them (``["%d/%m/%Y %H:%M", "%d/%m/%Y"]``): a row holding only the date
gives the event its date and no time. A ``datetime_format`` on the date field itself keeps the
time too (in the date-time field); a ``date_format`` keeps only the date, even if it reads a time.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable
from pathlib import Path, PurePath
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator, model_validator

from graph_model.kinds import NodeLabel, Sector
from graph_model.registry import NODE_KINDS, RELATIONSHIP_KINDS
from graph_model.source_systems import BUILT_IN_SYSTEMS, SystemName

__all__ = [
    "EndSpec",
    "Extraction",
    "FileMapping",
    "Mapping",
    "NodeMapping",
    "NullPattern",
    "PersonRecordMapping",
    "RelationshipMapping",
    "SourceSystemDeclaration",
    "ValueSpec",
    "fold_code",
    "is_null",
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
    """Take one part of a full name held in one column.

    ``layout`` is ``given family`` ("Mary Ann Smith": the last word is the surname),
    ``family, given`` ("SMITH, Mary Ann") or ``auto`` (``family, given`` when the text holds
    a comma, else ``given family``). Text that is a role or description rather than a name
    ("Council park warden", see :mod:`ingest.mapping.names`) is refused, never split: its row
    is quarantined saying so, unless the text is among the value's ``null_values`` (then the
    person is left out and the row loads). ``roles: keep`` splits whatever is written (the
    generator's mappings: its ground truth counts a placeholder-named finder as a person).
    """

    layout: Literal["given family", "family, given", "auto"] = Field(
        description="How the name is written: forenames then surname, surname first with a "
        "comma, or auto (family, given when the text holds a comma)."
    )
    part: Literal["given", "family"] = Field(description="Which part of the name to take.")
    roles: Literal["refuse", "keep"] = Field(
        default="refuse",
        description="refuse: text that is a role or description, not a name, quarantines its "
        "row (unless among the value's null_values); keep: split whatever is written.",
    )


class NullPattern(_Strict):
    """Cells matching this regular expression (whole cell, any case) are treated as blank."""

    regex: str = Field(
        description="A regular expression matched against the whole cell, ignoring case."
    )

    @field_validator("regex")
    @classmethod
    def _compiles(cls, value: str) -> str:
        try:
            re.compile(value)
        except re.error as error:
            raise ValueError(f"regex is not a valid regular expression: {error}") from None
        return value


#: ``null_values``: literal cells (matched ignoring case and spaces) or ``{regex: ...}``.
NullValues = list[str | NullPattern]


def is_null(cell: str, null_values: NullValues | None) -> bool:
    r"""Whether a cell is one of the values a mapping treats as blank.

    Examples
    --------
    >>> nulls = ["N/K", NullPattern(regex=r"anonymous\b.*")]
    >>> [is_null(c, nulls) for c in ("n/k", "Anonymous male caller (999)", "Ann Onymous")]
    [True, True, False]
    """
    return null_matcher(null_values)(cell)


def null_matcher(null_values: NullValues | None) -> Callable[[str], bool]:
    r"""``is_null(cell)`` for one list of null values, its patterns compiled once.

    Examples
    --------
    >>> null = null_matcher(["N/K", NullPattern(regex=r"anonymous\b.*")])
    >>> [null(c) for c in ("n/k", "Anonymous male caller (999)", "Ann Onymous", "")]
    [True, True, False, False]
    """
    literals = {fold_code(null) for null in null_values or [] if not isinstance(null, NullPattern)}
    patterns = [
        re.compile(null.regex, flags=re.IGNORECASE)
        for null in null_values or []
        if isinstance(null, NullPattern)
    ]

    def null(cell: str) -> bool:
        if not cell:
            return False
        if fold_code(cell) in literals:
            return True
        stripped = cell.strip()
        return any(pattern.fullmatch(stripped) for pattern in patterns)

    return null


def _formats(value: str | list[str] | None) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


class ValueSpec(_Strict):
    """Where one value comes from, and how it is cleaned.

    Exactly one of ``column``, ``template``, ``value``, ``columns`` or ``latitude`` (with
    ``longitude``) is given. A plain string in YAML is shorthand for ``{column: ...}``.
    """

    column: str | None = Field(default=None, description="The column whose cell is the value.")
    template: str | None = Field(
        default=None,
        description="Text with {column} placeholders filled from the row; blank if every "
        "placeholder is blank.",
    )
    value: Any = Field(default=None, description="A constant, the same for every row.")
    columns: list[str] | None = Field(
        default=None, description="Several columns whose non-blank cells make a list."
    )
    latitude: str | None = Field(
        default=None, description="The column of the latitude of a point (with longitude)."
    )
    longitude: str | None = Field(
        default=None, description="The column of the longitude of a point (with latitude)."
    )
    date_format: str | list[str] | None = Field(
        default=None, description="strptime format of a date, or several tried in order."
    )
    datetime_format: str | list[str] | None = Field(
        default=None,
        description="strptime format of a date and time, or several; one without a time of "
        "day gives a date (the event then has no time).",
    )
    null_values: NullValues | None = Field(
        default=None, description="Cells treated as blank (literal, or {regex: ...})."
    )
    split: str | None = Field(default=None, description="Split the text into a list on this.")
    codes: dict[str, Any] | None = Field(default=None, description="Translate source codes.")
    default: Any = Field(default=None, description="Used when the value is blank or unknown.")
    unknown_codes: Literal["error", "default", "keep"] = Field(
        default="error",
        description="A value no code translates: error quarantines the row, default takes "
        "default, keep keeps the value as written.",
    )
    type: Literal["str", "int", "float", "bool"] | None = Field(
        default=None,
        description="Convert the text to this type (bool accepts yes/no, y/n, true/false, 1/0).",
    )
    split_name: SplitName | None = Field(
        default=None, description="Take one part of a full name held in one column."
    )
    normalise: bool = Field(default=False, description="Lower-case and collapse spaces.")
    prefix: str | None = Field(default=None, description="Prepended to a non-blank value.")
    extract: str | None = Field(
        default=None, description="Regular expression; keep its first group (blank if no match)."
    )
    _folded: dict[str, Any] | None = PrivateAttr(default=None)
    _line: int | None = PrivateAttr(default=None)

    @field_validator("date_format", "datetime_format")
    @classmethod
    def _valid_formats(cls, value: str | list[str] | None) -> str | list[str] | None:
        formats = _formats(value)
        if value is not None and not formats:
            raise ValueError("give at least one format")
        for fmt in formats:
            if "%" not in fmt:
                raise ValueError(f"{fmt!r} is not a strptime format (such as %d/%m/%Y)")
        return value

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
        if self.date_format is not None and self.datetime_format is not None:
            raise ValueError("give date_format or datetime_format, not both")
        return self

    @property
    def date_formats(self) -> list[str]:
        """The accepted formats of a date (``date_format``), in the order tried."""
        return _formats(self.date_format)

    @property
    def datetime_formats(self) -> list[str]:
        """The accepted formats of a date-time (``datetime_format``), in the order tried."""
        return _formats(self.datetime_format)

    @property
    def line(self) -> int | None:
        """The line of the mapping file this value is written on, if known."""
        return self._line

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

    present: list[str] = Field(
        min_length=1, description="Columns that must all be non-blank for the item to apply."
    )


#: Node kinds Linkwatch keeps about its own work (who made them): never made by a mapping, so
#: an extract cannot forge a load record, a linkage model, a review decision, a sharing, a
#: rapid review, a user or an audit entry.
MADE_BY_LINKWATCH: dict[NodeLabel, str] = {
    NodeLabel.SHARING: "made by `linkwatch share add`",
    NodeLabel.SOURCE_RECORD: "made by record linkage from a mapping's person_records",
    NodeLabel.LINK_REVIEW: "made by record linkage (the review queue)",
    NodeLabel.LOAD_RUN: "made by each load",
    NodeLabel.PERSON_ALIAS: "made when people merge",
    NodeLabel.IDENTITY_CHANGE: "made when people merge or split",
    NodeLabel.LINKAGE_MODEL: "made by `linkwatch linkage train`",
    NodeLabel.DATA_SOURCE: "made by each load from the mapping's source_systems",
    NodeLabel.RAPID_REVIEW: "made by `linkwatch review open`",
    NodeLabel.LEARNING_ACTION: "made by `linkwatch review action add`",
    NodeLabel.API_USER: "made by `linkwatch users add`",
    NodeLabel.AUDIT_ENTRY: "made by the audit log",
    NodeLabel.AUDIT_HEAD: "made by the audit log",
}


#: Provenance every node and tie gets from the loader; a mapping that set it could disguise
#: where a record came from.
SET_BY_THE_LOADER = frozenset(
    {"source_system", "source_record_id", "load_run_id", "loaded_at", "source_type"}
)


class NodeMapping(_Strict):
    """Rows of a file become nodes of one kind."""

    kind: NodeLabel = Field(description="The node kind (label) the rows become.")
    key: ValueSpec = Field(description="The node's natural key (id), the same in every load.")
    properties: dict[str, ValueSpec] = Field(
        default_factory=dict, description="Property of the node kind -> its value."
    )
    source_type: str | None = Field(
        default=None, description="The source's own label for these records, e.g. Officer."
    )
    when: Condition | None = Field(
        default=None, description="Make the node only from rows where these columns are set."
    )

    @model_validator(mode="after")
    def _known_properties(self) -> NodeMapping:
        if self.kind in MADE_BY_LINKWATCH:
            raise ValueError(
                f"{self.kind.value} nodes are {MADE_BY_LINKWATCH[self.kind]}, not by a mapping"
            )
        model = NODE_KINDS[self.kind]
        unknown = sorted(set(self.properties) - set(model.model_fields) - {"marking"})
        clash = sorted(set(self.properties) & (SET_BY_THE_LOADER | {"id"}))
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

    key: ValueSpec = Field(
        description="The person record's key, unique across the mapping's sources; "
        "relationships name it in person_record ends."
    )
    fields: dict[str, ValueSpec] = Field(
        description="Person-record field -> its value. A record needs given_names or family_name."
    )
    when: Condition | None = Field(
        default=None, description="Make the record only from rows where these columns are set."
    )

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

    node: ValueSpec | None = Field(
        default=None, description="The key of a node (as its node mapping's key makes it)."
    )
    person_record: ValueSpec | None = Field(
        default=None,
        description="The key of a person record: the end is the person it resolves to.",
    )

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

    kind: str = Field(description="The relationship kind, by model name (PartyToDeath).")
    source: EndSpec = Field(description="The start node.")
    target: EndSpec = Field(description="The end node.")
    properties: dict[str, ValueSpec] = Field(
        default_factory=dict, description="Property of the relationship kind -> its value."
    )
    source_type: str | None = Field(
        default=None, description="The source's own type for these links, e.g. KNOWS_SN."
    )
    when: Condition | None = Field(
        default=None,
        description="Make the relationship only from rows where these columns are set.",
    )

    @model_validator(mode="after")
    def _known(self) -> RelationshipMapping:
        model = RELATIONSHIP_MODELS.get(self.kind)
        if model is None:
            raise ValueError(
                f"unknown relationship kind {self.kind!r}; use one of {sorted(RELATIONSHIP_MODELS)}"
            )
        for label in (model.spec.source, model.spec.target):
            if label in MADE_BY_LINKWATCH:
                raise ValueError(
                    f"{self.kind} ties end at {label.value} nodes, which are "
                    f"{MADE_BY_LINKWATCH[label]}, not by a mapping"
                )
        unknown = sorted(set(self.properties) - set(model.model_fields))
        if unknown:
            raise ValueError(f"{self.kind} has no properties {unknown}")
        clash = sorted(set(self.properties) & (SET_BY_THE_LOADER | {"source_id", "target_id"}))
        if clash:
            raise ValueError(f"{clash} are set by the loader, not the mapping")
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


class Extraction(_Strict):
    """Named parts of a column, each usable as a column of its own (in templates too).

    ``pattern`` is a regular expression with named groups, searched in the column's text:
    ``{column: Location, pattern: "^(?P<street>.*?),? *(?P<postcode>[A-Z]{1,2}[0-9].*)$"}``
    makes the columns ``street`` and ``postcode``. A non-blank cell the pattern does not
    match quarantines its row; a group that takes no part (``(?P<flat>...)?``) is blank.
    """

    column: str = Field(description="The column whose text is searched.")
    pattern: str = Field(
        description="A regular expression with named groups; each group becomes a column."
    )
    _line: int | None = PrivateAttr(default=None)

    @field_validator("pattern")
    @classmethod
    def _named_groups(cls, value: str) -> str:
        try:
            compiled = re.compile(value)
        except re.error as error:
            raise ValueError(f"pattern is not a valid regular expression: {error}") from None
        if not compiled.groupindex:
            raise ValueError("pattern needs named groups, such as (?P<postcode>...)")
        return value

    @property
    def groups(self) -> list[str]:
        """The names of the columns this extraction makes."""
        return list(re.compile(self.pattern).groupindex)

    @property
    def line(self) -> int | None:
        """The line of the mapping file this extraction is written on, if known."""
        return self._line


class FileMapping(_Strict):
    """One source of a mapping: the file (or, by pattern, files) it reads, and what rows become.

    ``path`` is a file name relative to the delivery folder (``nhs_extract.csv``) or a glob
    pattern (``nhs_extract_*.csv``; ``*``, ``?`` and ``[...]`` make it one). A pattern may
    match several files of a delivery: each is loaded as its own file of this source, in
    natural name order (see :func:`ingest.mapping.delivery.natural_key`).
    """

    name: str = Field(
        pattern=r"^[a-z][a-z0-9_]*$",
        description="The source's name, unique in the mapping (shown in reports).",
    )
    path: str = Field(description="File name, or a glob pattern matching one file a month.")
    format: Literal["csv", "xlsx", "json"] | None = Field(
        default=None, description="The file format; by default the one path's suffix implies."
    )
    encoding: str = Field(default="utf-8-sig", description="The text encoding (CSV, JSON).")
    delimiter: str = Field(
        default=",", min_length=1, max_length=1, description="The CSV field separator."
    )
    quotechar: str = Field(
        default='"', min_length=1, max_length=1, description="The CSV quote character."
    )
    header_row: int = Field(default=1, ge=1, description="The line holding column names.")
    skip_rows: int = Field(default=0, ge=0, description="Lines to skip after the header.")
    null_values: NullValues | None = Field(
        default=None, description="Cells treated as blank in every column of the file."
    )
    extract: list[Extraction] = Field(
        default_factory=list, description="Named parts of columns, made columns of their own."
    )
    sheet: str | None = Field(default=None, description="The sheet to read (XLSX: required).")
    source_system: SystemName | None = Field(
        default=None,
        description="The system the file's records come from (built in or declared in "
        "source_systems); the mapping's source_system if not given.",
    )
    priority: int | None = Field(
        default=None,
        ge=1,
        description="When a person's records disagree on a name, date of birth or sex and "
        "as many records say each, the record of the source with the lowest priority wins "
        "(1 first); sources without a priority come after those with one.",
    )
    record_id: ValueSpec = Field(
        description="The source's own id of a row (source_record_id); a blank one "
        "quarantines the row."
    )
    optional: bool = Field(
        default=False,
        description="A delivery may lack this file even with --require-all.",
    )
    nodes: list[NodeMapping] = Field(default_factory=list, description="What rows become nodes.")
    person_records: list[PersonRecordMapping] = Field(
        default_factory=list, description="What rows describe people (resolved by linkage)."
    )
    relationships: list[RelationshipMapping] = Field(
        default_factory=list, description="What rows become relationships."
    )

    @field_validator("path")
    @classmethod
    def _relative(cls, value: str) -> str:
        if PurePath(value).is_absolute() or ".." in PurePath(value).parts or not value.strip():
            raise ValueError(
                f"path {value!r} must be a file name or pattern inside the delivery folder"
            )
        return value

    @field_validator("encoding")
    @classmethod
    def _known_encoding(cls, value: str) -> str:
        try:
            codecs.lookup(value)
        except LookupError:
            raise ValueError(f"unknown encoding {value!r} (try utf-8, cp1252, latin-1)") from None
        return value

    @model_validator(mode="after")
    def _does_something(self) -> FileMapping:
        if not (self.nodes or self.person_records or self.relationships):
            raise ValueError(f"file {self.name!r} maps to nothing")
        derived = [group for extraction in self.extract for group in extraction.groups]
        twice = sorted({group for group in derived if derived.count(group) > 1})
        if twice:
            raise ValueError(f"extract groups {twice} are named twice")
        if self.file_format == "xlsx" and not self.sheet:
            raise ValueError(f"file {self.name!r} is XLSX: give the sheet name")
        csv_only = {"delimiter", "quotechar"} | (
            {"header_row", "skip_rows"} if self.file_format == "json" else set()
        )
        given = sorted(csv_only & self.model_fields_set) if self.file_format != "csv" else []
        if given:
            raise ValueError(
                f"file {self.name!r} is {self.file_format.upper()}: {given} do not apply"
            )
        return self

    @property
    def first_data_row(self) -> int:
        """The line number of the file's first row of data (the header's is ``header_row``)."""
        return self.header_row + self.skip_rows + 1

    @property
    def derived_columns(self) -> list[str]:
        """The columns ``extract`` makes (not read from the file)."""
        return [group for extraction in self.extract for group in extraction.groups]

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
        """Every column the mapping reads from this file, in first-use order.

        Columns made by ``extract`` are not among them; the columns they are taken from are.
        """
        columns = [extraction.column for extraction in self.extract]
        columns += self.record_id.referenced_columns()
        for item in [*self.nodes, *self.person_records, *self.relationships]:
            columns += item.referenced_columns()
            if item.when is not None:
                columns += item.when.present
        derived = set(self.derived_columns)
        return [column for column in dict.fromkeys(columns) if column not in derived]


class SourceSystemDeclaration(_Strict):
    """A source system a mapping adds: who holds its records and in which sector.

    A ``health`` system's contacts are health data (hidden from partners outside health).
    """

    organisation: str = Field(min_length=2, max_length=200, description="Who holds the records.")
    sector: Sector = Field(description="The kind of agency.")


class Mapping(_Strict):
    """A whole source layout: its files, in load order."""

    name: str = Field(description="The layout's name, recorded on each load run.")
    description: str = Field(default="", description="What the layout is, in a line.")
    source_system: SystemName = Field(
        description="The default system of the files' records (built in or declared below)."
    )
    source_systems: dict[SystemName, SourceSystemDeclaration] = Field(
        default_factory=dict,
        description="Systems this layout adds to the built-in ones, by name: probation, "
        "ambulance, a second trust.",
    )
    detect: list[str] = Field(
        default_factory=list,
        description="Files that identify the layout; a mapping listing them is auto-detected "
        "from a delivery holding any of its files.",
    )
    files: list[FileMapping] = Field(min_length=1, description="The sources, in load order.")

    @model_validator(mode="after")
    def _unique_file_names(self) -> Mapping:
        names = [f.name for f in self.files]
        duplicates = sorted({n for n in names if names.count(n) > 1})
        if duplicates:
            raise ValueError(f"file names must be unique: {duplicates}")
        return self

    @model_validator(mode="after")
    def _known_source_systems(self) -> Mapping:
        redeclared = sorted(set(self.source_systems) & set(BUILT_IN_SYSTEMS))
        if redeclared:
            raise ValueError(
                f"source_systems {redeclared} are built in; declare a system under a new name"
            )
        known = {*BUILT_IN_SYSTEMS, *self.source_systems}
        used = [("source_system", self.source_system)] + [
            (f"files.{index}.source_system", file.source_system)
            for index, file in enumerate(self.files)
            if file.source_system
        ]
        for where, system in used:
            if system not in known:
                raise ValueError(
                    f"source system {system!r} (at {where}) is neither built in "
                    f"({', '.join(BUILT_IN_SYSTEMS)}) nor declared under source_systems"
                )
        return self

    def system_of(self, file: FileMapping) -> str:
        """The source system a file's records come from."""
        return file.source_system or self.source_system

    def sector_of(self, system: str) -> Sector:
        """The sector of a built-in or declared system."""
        if system in self.source_systems:
            return self.source_systems[system].sector
        return BUILT_IN_SYSTEMS[system][1]

    def organisation_of(self, system: str) -> str:
        """Who holds a built-in or declared system's records."""
        if system in self.source_systems:
            return self.source_systems[system].organisation
        return BUILT_IN_SYSTEMS[system][0]
