"""The documents of ``analyse precursors`` and ``analyse at-risk-dyads``."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Literal

from pydantic import Field

from queries.documents.base import Document, LocalDateTime, Part
from queries.precursors.analysis import PrecursorPath
from queries.precursors.stages import DyadRisk

__all__ = ["AtRiskDyadsDocument", "PrecursorDocument", "at_risk_document", "precursor_document"]


class Subject(Part):
    """A person whose history is read, and the roles they hold on the event."""

    person: str
    role: str = Field(description="The main role: deceased or victim first, then suspect...")
    roles: list[str] = Field(
        description="Every role on the event: deceased, suspect, found_by, reported_by, "
        "last_seen_with for a death; victim, suspect, offender for an incident."
    )
    name: str | None = None


class StepPerson(Part):
    """Whose history a step is, what they are to the event, and their part in the step."""

    person: str
    name: str | None = None
    subject_roles: list[str] = Field(description="Their roles on the event under review.")
    roles: list[str] = Field(
        description="Their roles in this earlier event (victim, suspect, found_by, subject...)."
    )
    part: str = Field(
        description="Both in words, e.g. 'found_by: suspect in incident:OCC-2024-000123'."
    )


class PrecursorStepOut(Part):
    """One earlier incident, partner contact or death report, and the agency that held it."""

    date: date
    at: LocalDateTime | None = Field(
        None, description="Date and time (local UK time), when the source recorded one."
    )
    event: str
    record: Literal["incident", "partner_contact", "death"] = Field(
        description="What the step is: a police incident, a partner-agency contact, or an "
        "earlier death report on which a subject was named (found, reported, last seen with, "
        "suspect)."
    )
    agency: str
    kind: str | None = Field(
        description="Offence category, contact type, or apparent cause of an earlier death."
    )
    people: list[StepPerson]
    stages: list[str] = Field(description="Homicide-timeline stages the incident shows.")
    markers: list[str] = Field(description="Risk markers recorded on it.")
    summary: str | None


class PrecursorDocument(Document):
    """The time-ordered earlier events involving the people of a death or incident."""

    event: str
    event_date: date
    event_at: LocalDateTime | None = Field(
        None, description="The event's date and time (local UK time), when recorded."
    )
    subjects: list[Subject]
    agencies: list[str]
    steps: list[PrecursorStepOut] = Field(description="Earliest first; all before the event.")


class DyadStep(Part):
    """The first time a stage of the homicide timeline was seen in the dyad's recent history."""

    stage: str
    incident: str
    date: date


class AtRiskDyad(Part):
    """A live victim-suspect pair and the stages its recent incidents show."""

    victim: str
    victim_name: str | None
    suspect: str
    suspect_name: str | None
    score: float = Field(description="Sum of the timeline positions of the stages seen.")
    incidents: int = Field(description="Incidents between the two before the reference date.")
    steps: list[DyadStep]


class AtRiskDyadsDocument(Document):
    """Live domestic-abuse dyads ranked by how far along the homicide timeline they are."""

    as_of: date
    dyads: list[AtRiskDyad]


def precursor_document(
    path: PrecursorPath, *, names: Mapping[str, str] | None = None
) -> PrecursorDocument:
    """A precursor path as a document, with the people's names where given.

    Parameters
    ----------
    path
        The path :func:`queries.precursors.analysis.precursor_path` returned.
    names
        Person id -> display name, for the subjects (missing names stay ``None``).

    Returns
    -------
    PrecursorDocument
        Only the fields declared above; nothing else of the graph leaks through.
    """
    names = names or {}
    return PrecursorDocument(
        event=path.event,
        event_date=path.event_date,
        event_at=path.event_at,
        subjects=[
            Subject(person=s.person, role=s.role, roles=list(s.roles), name=names.get(s.person))
            for s in path.subjects
        ],
        agencies=path.agencies,
        steps=[
            PrecursorStepOut(
                date=s.date,
                at=s.at,
                event=s.event,
                record=s.record,  # type: ignore[arg-type]
                agency=s.agency,
                kind=s.kind,
                people=[
                    StepPerson(
                        person=p.person,
                        name=names.get(p.person),
                        subject_roles=list(p.subject_roles),
                        roles=list(p.roles),
                        part=p.part,
                    )
                    for p in s.people
                ],
                stages=list(s.stages),
                markers=list(s.markers),
                summary=s.summary,
            )
            for s in path.steps
        ],
    )


def at_risk_document(
    dyads: Sequence[DyadRisk], *, as_of: date, names: Mapping[str, str] | None = None
) -> AtRiskDyadsDocument:
    """Ranked dyads as a document, with names where given."""
    names = names or {}
    return AtRiskDyadsDocument(
        as_of=as_of,
        dyads=[
            AtRiskDyad(
                victim=d.victim,
                victim_name=names.get(d.victim),
                suspect=d.suspect,
                suspect_name=names.get(d.suspect),
                score=d.score,
                incidents=d.incidents,
                steps=[DyadStep.model_validate(step) for step in d.steps],
            )
            for d in dyads
        ],
    )
