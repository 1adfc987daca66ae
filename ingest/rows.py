"""Turning one row into validated graph records, or into quarantine entries saying why not."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from pydantic import ValidationError

from graph_model.base import GraphNode, GraphRelationship
from graph_model.kinds import SourceSystem
from graph_model.registry import NODE_KINDS
from ingest.mapping.spec import RELATIONSHIP_MODELS, Condition, FileMapping, ValueSpec
from ingest.mapping.values import ValueProblem, evaluate

__all__ = ["PendingRelationship", "PersonRecord", "Problem", "RowBuilder", "RowOutput"]

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
    source_system: SourceSystem
    source_record_id: str


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


def _applies(condition: Condition | None, row: dict[str, str]) -> bool:
    return condition is None or all(
        str(row.get(column, "")).strip() for column in condition.present
    )


def _problems_from(error: ValidationError, values: dict[str, Any]) -> list[Problem]:
    problems = []
    for issue in error.errors():
        name = ".".join(str(part) for part in issue["loc"]) or "(record)"
        top = str(issue["loc"][0]) if issue["loc"] else ""
        problems.append(Problem(name, str(values.get(top, ""))[:200], issue["msg"]))
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
    """

    def __init__(
        self,
        mapping: FileMapping,
        source_system: SourceSystem,
        load_run_id: str,
        loaded_at: datetime,
    ) -> None:
        self.mapping = mapping
        self.provenance = {
            "source_system": source_system,
            "load_run_id": load_run_id,
            "loaded_at": loaded_at,
        }

    def _value(self, spec: ValueSpec, row: dict[str, str], name: str, out: RowOutput) -> Any:
        try:
            return evaluate(spec, row)
        except ValueProblem as problem:
            out.problems.append(
                Problem(
                    name if problem.column == name else f"{name} ({problem.column})",
                    problem.value,
                    problem.reason,
                )
            )
            return None

    def build(self, row: dict[str, str], row_number: int) -> RowOutput:
        """Build everything one row maps to.

        Parameters
        ----------
        row
            Column -> cell text.
        row_number
            The row's number as a spreadsheet shows it (the header is row 1).

        Returns
        -------
        RowOutput
            The records, or (if anything failed) only the problems: a row loads whole or not
            at all.
        """
        out = RowOutput()
        record_id = self._value(self.mapping.record_id, row, "record_id", out)
        if not record_id:
            out.problems.append(
                Problem("record_id", "", "the column(s) identifying the record are blank")
            )
            return out
        record_id = str(record_id)
        for node in self.mapping.nodes:
            if not _applies(node.when, row):
                continue
            key = self._value(node.key, row, "key", out)
            values = {
                name: self._value(spec, row, name, out) for name, spec in node.properties.items()
            }
            if not key:
                out.problems.append(Problem(f"{node.kind.value}.key", "", "the key is blank"))
                continue
            values = {name: value for name, value in values.items() if value is not None}
            try:
                out.nodes.append(
                    NODE_KINDS[node.kind].model_validate(
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
                out.problems.extend(_problems_from(error, values))
        for person in self.mapping.person_records:
            if not _applies(person.when, row):
                continue
            key = self._value(person.key, row, "person_record.key", out)
            fields = {
                name: self._value(spec, row, name, out) for name, spec in person.fields.items()
            }
            if not key:
                out.problems.append(Problem("person_record.key", "", "the key is blank"))
                continue
            if not (fields.get("given_names") or fields.get("family_name")):
                out.problems.append(
                    Problem("person_record", "", "the record names nobody (no forename or surname)")
                )
                continue
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
                )
            )
        for relationship in self.mapping.relationships:
            if not _applies(relationship.when, row):
                continue
            model = RELATIONSHIP_MODELS[relationship.kind]
            source = self._value(relationship.source.spec, row, "source", out)
            target = self._value(relationship.target.spec, row, "target", out)
            values = {
                name: self._value(spec, row, name, out)
                for name, spec in relationship.properties.items()
            }
            if not source or not target:
                out.problems.append(
                    Problem(relationship.kind, "", "an end of the relationship is blank")
                )
                continue
            values = {name: value for name, value in values.items() if value is not None}
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
                out.problems.extend(_problems_from(error, values))
                continue
            out.relationships.append(
                PendingRelationship(
                    built,
                    relationship.source.person_record is not None,
                    relationship.target.person_record is not None,
                    row_number,
                )
            )
        if out.problems:
            return RowOutput(problems=out.problems)
        return out
