"""Turning one row into validated graph records, or into quarantine entries saying why not."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import Enum
from typing import Any

from pydantic import ValidationError

from graph_model.base import GraphNode, GraphRelationship
from graph_model.codes import match_code, with_model_codes
from graph_model.kinds import Sex
from graph_model.registry import NODE_KINDS
from ingest.mapping.spec import (
    RELATIONSHIP_MODELS,
    Condition,
    Extraction,
    FileMapping,
    PersonRecordMapping,
    ValueSpec,
    null_matcher,
)
from ingest.mapping.values import Evaluator, ValueProblem, compile_value, null_hit

__all__ = [
    "PendingRelationship",
    "PersonRecord",
    "Problem",
    "RowBuilder",
    "RowOutput",
    "RowPart",
]

EARLIEST_BIRTH = date(1890, 1, 1)


@dataclass(frozen=True)
class Problem:
    """Why a row was quarantined: which field, what value, what was wrong."""

    field: str
    value: str
    reason: str


@dataclass(frozen=True)
class PersonRecord:
    """A person as one source record shows them, before record linkage."""

    key: str
    source: str
    fields: dict[str, Any]
    source_file: str
    row_number: int
    source_system: str
    source_record_id: str
    #: The source's priority in its mapping (1 first; None: after those with one).
    priority: int | None = None


@dataclass(frozen=True)
class PendingRelationship:
    """A validated relationship whose person-record ends still await record linkage."""

    relationship: GraphRelationship
    source_is_record: bool
    target_is_record: bool
    row_number: int


@dataclass
class RowOutput:
    """What one row became (or the problems that quarantine it)."""

    nodes: list[GraphNode] = field(default_factory=list)
    records: list[PersonRecord] = field(default_factory=list)
    relationships: list[PendingRelationship] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    #: Keys of person records left out as placeholders (their name cells are null values):
    #: the row's ties to them are left out too.
    absent: set[str] = field(default_factory=set)


class RowPart(Enum):
    """What a pass over a file needs built from each row."""

    #: Everything, to know which rows are good (and their person records).
    ALL = "all"
    #: Only the nodes, of a row known to be good.
    NODES = "nodes"
    #: Only the relationships, of a row known to be good (its placeholders known too).
    RELATIONSHIPS = "relationships"


def _applies(condition: Condition | None, row: dict[str, str]) -> bool:
    return condition is None or all(
        str(row.get(column, "")).strip() for column in condition.present
    )


def _at(item: ValueSpec | Extraction) -> str:
    """`` (mapping line N)`` for a value or extraction whose line is known, else ``""``."""
    return f" (mapping line {item.line})" if item.line else ""


def _problems_from(
    error: ValidationError,
    values: dict[str, Any],
    specs: dict[str, ValueSpec] | None = None,
    date_times: dict[str, str] | None = None,
) -> list[Problem]:
    """The model's objections, each with the value and (``specs`` known) the mapping line.

    An event date derived from its date-time (``date_times``: date-time field -> date field)
    is blamed on the date-time's value and line.
    """
    problems = []
    derived_from = {day: moment for moment, day in (date_times or {}).items()}
    for issue in error.errors():
        name = ".".join(str(part) for part in issue["loc"]) or "(record)"
        top = str(issue["loc"][0]) if issue["loc"] else ""
        if top not in values and derived_from.get(top) in values:
            top = derived_from[top]
            name = f"{name} (from {top})"
        spec = (specs or {}).get(top)
        reason = issue["msg"] + (_at(spec) if spec is not None else "")
        problems.append(Problem(name, str(values.get(top, ""))[:200], reason))
    return problems


class RowBuilder:
    """Builds records from the rows of one file.

    Parameters
    ----------
    mapping
        The file's mapping.
    source_system
        Provenance for everything the file produces.
    load_run_id, loaded_at
        Provenance of this load.
    health
        Whether the system is a health system: its contacts are then health data
        (``health_data``) unless the mapping says otherwise.
    """

    def __init__(
        self,
        mapping: FileMapping,
        source_system: str,
        load_run_id: str,
        loaded_at: datetime,
        *,
        health: bool = False,
    ) -> None:
        self.mapping = mapping
        self.health = health
        self.provenance = {
            "source_system": source_system,
            "load_run_id": load_run_id,
            "loaded_at": loaded_at,
        }
        self._file_null = null_matcher(mapping.null_values) if mapping.null_values else None
        # the mapping's values, each compiled once (keyed by identity: the mapping holds them)
        self._evaluators: dict[int, Evaluator] = {}

    def _value(self, spec: ValueSpec, row: dict[str, str], name: str, out: RowOutput) -> Any:
        value_of = self._evaluators.get(id(spec))
        if value_of is None:
            value_of = self._evaluators[id(spec)] = compile_value(spec)
        try:
            return value_of(row)
        except ValueProblem as problem:
            out.problems.append(
                Problem(
                    name if problem.column == name else f"{name} ({problem.column})",
                    problem.value,
                    problem.reason + _at(spec),
                )
            )
            return None

    def _prepared(self, row: dict[str, str], out: RowOutput) -> tuple[dict[str, str], set[str]]:
        """The row with the file's ``null_values`` blanked and ``extract`` columns added.

        Returns the row and the columns blanked as null values.
        """
        nulled: set[str] = set()
        if self._file_null is not None:
            null = self._file_null
            nulled = {column for column, cell in row.items() if null(str(cell))}
            if nulled:
                row = {column: "" if column in nulled else cell for column, cell in row.items()}
        if not self.mapping.extract:
            return row, nulled
        row = dict(row)
        for extraction in self.mapping.extract:
            text = str(row.get(extraction.column, "")).strip()
            match = re.search(extraction.pattern, text) if text else None
            if text and match is None:
                out.problems.append(
                    Problem(
                        f"extract ({extraction.column})",
                        text[:200],
                        f"does not match the pattern {extraction.pattern}{_at(extraction)}",
                    )
                )
            groups = match.groupdict() if match else {}
            for group in extraction.groups:
                row[group] = (groups.get(group) or "").strip()
        return row, nulled

    @staticmethod
    def _placeholder(person: PersonRecordMapping, row: dict[str, str], nulled: set[str]) -> bool:
        """Whether the record names nobody because its name cells are null values."""
        names = [person.fields[n] for n in ("given_names", "family_name") if n in person.fields]
        return any(null_hit(spec, row) or nulled & set(spec.referenced_columns()) for spec in names)

    def build(
        self,
        row: dict[str, str],
        row_number: int,
        part: RowPart = RowPart.ALL,
        absent: frozenset[str] = frozenset(),
    ) -> RowOutput:
        """Build everything one row maps to (or one part of it).

        Parameters
        ----------
        row
            Column -> cell text.
        row_number
            The row's number as a spreadsheet shows it (the header is row 1).
        part
            What to build: everything, or (for a row an earlier pass found good) only its
            nodes or only its relationships.
        absent
            With ``RowPart.RELATIONSHIPS``: the placeholder person records the full build of the
            row found (:attr:`RowOutput.absent`), whose ties are left out.

        Returns
        -------
        RowOutput
            The records, or (if anything failed) only the problems: a row loads whole or not
            at all.
        """
        out = RowOutput()
        row, nulled = self._prepared(row, out)
        record_id = self._value(self.mapping.record_id, row, "record_id", out)
        if not record_id:
            out.problems.append(
                Problem("record_id", "", "the column(s) identifying the record are blank")
            )
            return out
        record_id = str(record_id)
        if part is not RowPart.RELATIONSHIPS:
            self._build_nodes(row, record_id, out)
        if part is RowPart.ALL:
            self._build_records(row, nulled, record_id, row_number, out)
            absent = frozenset(out.absent)
        if part is not RowPart.NODES:
            self._build_relationships(row, record_id, row_number, absent, out)
        if out.problems:
            return RowOutput(problems=out.problems)
        return out

    def _build_nodes(self, row: dict[str, str], record_id: str, out: RowOutput) -> None:
        for node in self.mapping.nodes:
            if not _applies(node.when, row):
                continue
            before = len(out.problems)
            key = self._value(node.key, row, "key", out)
            values = {
                name: self._value(spec, row, name, out) for name, spec in node.properties.items()
            }
            if len(out.problems) > before:
                continue  # said why already; the model's "field required" would only repeat it
            if not key:
                out.problems.append(
                    Problem(f"{node.kind.value}.key", "", "the key is blank" + _at(node.key))
                )
                continue
            model = NODE_KINDS[node.kind]
            values = with_model_codes(
                model, {name: value for name, value in values.items() if value is not None}
            )
            if self.health and "health_data" in model.model_fields:
                values.setdefault("health_data", True)
            try:
                out.nodes.append(
                    model.model_validate(
                        {
                            **values,
                            **self.provenance,
                            "id": str(key),
                            "source_record_id": record_id,
                            "source_type": node.source_type,
                        }
                    )
                )
            except ValidationError as error:
                out.problems.extend(
                    _problems_from(error, values, node.properties, model.date_times)
                )

    def _build_records(
        self,
        row: dict[str, str],
        nulled: set[str],
        record_id: str,
        row_number: int,
        out: RowOutput,
    ) -> None:
        for person in self.mapping.person_records:
            if not _applies(person.when, row):
                continue
            before = len(out.problems)
            key = self._value(person.key, row, "person_record.key", out)
            fields = {
                name: self._value(spec, row, name, out) for name, spec in person.fields.items()
            }
            if len(out.problems) > before:
                continue
            if not key:
                out.problems.append(
                    Problem("person_record.key", "", "the key is blank" + _at(person.key))
                )
                continue
            if not (fields.get("given_names") or fields.get("family_name")):
                if self._placeholder(person, row, nulled):
                    out.absent.add(str(key))
                    continue
                out.problems.append(
                    Problem(
                        "person_record",
                        "",
                        "the record names nobody (no forename or surname)" + _at(person.key),
                    )
                )
                continue
            if fields.get("sex") is not None:
                sex = match_code(Sex, str(fields["sex"]))
                if sex is None:
                    out.problems.append(
                        Problem(
                            "sex",
                            str(fields["sex"]),
                            "not a code of sex (male, female or unknown, or M, F, U)"
                            + _at(person.fields["sex"]),
                        )
                    )
                    continue
                fields["sex"] = sex.value
            born = fields.get("date_of_birth")
            if isinstance(born, date) and not EARLIEST_BIRTH <= born <= date.today():
                out.problems.append(
                    Problem(
                        "date_of_birth",
                        born.isoformat(),
                        "an impossible date of birth (in the future or before 1890)",
                    )
                )
                continue
            out.records.append(
                PersonRecord(
                    str(key),
                    self.mapping.name,
                    fields,
                    self.mapping.path,
                    row_number,
                    self.provenance["source_system"],
                    record_id,
                    self.mapping.priority,
                )
            )

    def _build_relationships(
        self,
        row: dict[str, str],
        record_id: str,
        row_number: int,
        absent: frozenset[str],
        out: RowOutput,
    ) -> None:
        for relationship in self.mapping.relationships:
            if not _applies(relationship.when, row):
                continue
            model = RELATIONSHIP_MODELS[relationship.kind]
            before = len(out.problems)
            source = self._value(relationship.source.spec, row, "source", out)
            target = self._value(relationship.target.spec, row, "target", out)
            values = {
                name: self._value(spec, row, name, out)
                for name, spec in relationship.properties.items()
            }
            if len(out.problems) > before:
                continue
            if not source or not target:
                blank = relationship.target if source else relationship.source
                out.problems.append(
                    Problem(
                        relationship.kind,
                        "",
                        "an end of the relationship is blank" + _at(blank.spec),
                    )
                )
                continue
            if (relationship.source.person_record is not None and str(source) in absent) or (
                relationship.target.person_record is not None and str(target) in absent
            ):
                continue  # a placeholder person (null_values): absent, and so are their ties
            values = with_model_codes(
                model, {name: value for name, value in values.items() if value is not None}
            )
            try:
                built = model.model_validate(
                    {
                        **values,
                        **self.provenance,
                        "source_record_id": record_id,
                        "source_type": relationship.source_type,
                        "source_id": str(source),
                        "target_id": str(target),
                    }
                )
            except ValidationError as error:
                out.problems.extend(_problems_from(error, values, relationship.properties))
                continue
            out.relationships.append(
                PendingRelationship(
                    built,
                    relationship.source.person_record is not None,
                    relationship.target.person_record is not None,
                    row_number,
                )
            )
