"""The documents of ``analyse precursors`` and ``analyse at-risk-dyads``."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from pydantic import Field

from queries.documents.base import Document, Part
from queries.precursors.analysis import PrecursorPath
from queries.precursors.stages import DyadRisk

__all__ = ["AtRiskDyadsDocument", "PrecursorDocument", "at_risk_document", "precursor_document"]


class Subject(Part):
    """A person the event is about, and their role in it."""

    person: str
    role: str
    name: str | None = None


class StepPerson(Part):
    """A subject who took part in an earlier event, and their part in it."""

    person: str
    part: str = Field(description="Role in the reviewed event (role in this one).")


class PrecursorStepOut(Part):
    """One earlier incident or partner contact, and the agency that held it."""

    date: date
    event: str
    agency: str
    kind: str | None
    people: list[StepPerson]
    stages: list[str] = Field(description="Homicide-timeline stages the incident shows.")
    markers: list[str] = Field(description="Risk markers recorded on it.")
    summary: str | None


class PrecursorDocument(Document):
    """The time-ordered earlier events involving the people of a death or incident."""

    event: str
    event_date: date
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
    """A precursor path as a document, with the subjects' names where given."""
    names = names or {}
    return PrecursorDocument(
        event=path.event,
        event_date=path.event_date,
        subjects=[
            Subject(person=s["person"], role=s["role"], name=names.get(s["person"]))
            for s in path.subjects
        ],
        agencies=path.agencies,
        steps=[
            PrecursorStepOut(
                date=s.date,
                event=s.event,
                agency=s.agency,
                kind=s.kind,
                people=[StepPerson(person=p, part=part) for p, part in s.people],
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
