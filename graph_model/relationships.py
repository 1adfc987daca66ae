"""The relationship kinds of the Linkwatch graph, each declared once with its two ends."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from pydantic import Field, model_validator

from graph_model.base import GraphRelationship, RelSpec
from graph_model.kinds import (
    AssociationKind,
    CommunicationRole,
    DeathRole,
    IncidentRole,
    NodeLabel,
    RelType,
)

__all__ = [
    "AssociatedWith",
    "CommunicationParty",
    "ContactRecordedBy",
    "DeathFoundAt",
    "Describes",
    "HadContact",
    "IncidentOccurredAt",
    "IncidentRecordedBy",
    "InvestigatedBy",
    "LinkedTo",
    "LivesAt",
    "ObjectInDeath",
    "ObjectInIncident",
    "PartyToDeath",
    "PartyToIncident",
    "PlaceWithin",
    "UsesObject",
]


class _Dated(GraphRelationship):
    """A relationship that holds over a period (``since``/``until``, both optional)."""

    since: date | None = None
    until: date | None = None

    @model_validator(mode="after")
    def _period_in_order(self) -> _Dated:
        if self.since and self.until and self.until < self.since:
            raise ValueError(f"until {self.until} is before since {self.since}")
        return self


class PartyToIncident(GraphRelationship):
    """A person's role on a police incident: victim, suspect, witness, reporting person."""

    spec: ClassVar[RelSpec] = RelSpec(
        RelType.PARTY_TO,
        NodeLabel.PERSON,
        NodeLabel.INCIDENT,
        merge_keys=("role",),
        accumulates_via_records=True,
    )

    role: IncidentRole


class PartyToDeath(GraphRelationship):
    """A person's role in a death: the deceased, who found or reported it, last seen with."""

    spec: ClassVar[RelSpec] = RelSpec(
        RelType.PARTY_TO_DEATH,
        NodeLabel.PERSON,
        NodeLabel.DEATH,
        merge_keys=("role",),
        accumulates_via_records=True,
    )

    role: DeathRole


class IncidentOccurredAt(GraphRelationship):
    """Where an incident happened."""

    spec: ClassVar[RelSpec] = RelSpec(RelType.OCCURRED_AT, NodeLabel.INCIDENT, NodeLabel.PLACE)


class DeathFoundAt(GraphRelationship):
    """Where a death was found."""

    spec: ClassVar[RelSpec] = RelSpec(RelType.FOUND_AT, NodeLabel.DEATH, NodeLabel.PLACE)


class LivesAt(_Dated):
    """A person's address over a period."""

    spec: ClassVar[RelSpec] = RelSpec(
        RelType.LIVES_AT, NodeLabel.PERSON, NodeLabel.PLACE, accumulates_via_records=True
    )


class AssociatedWith(_Dated):
    """A tie between two people: family, partner, ex-partner, associate, co-offender..."""

    spec: ClassVar[RelSpec] = RelSpec(
        RelType.ASSOCIATED_WITH,
        NodeLabel.PERSON,
        NodeLabel.PERSON,
        merge_keys=("kind",),
        accumulates_via_records=True,
    )

    kind: AssociationKind
    detail: str | None = Field(
        default=None, max_length=200, description="Source's own term, e.g. POLE's KNOWS_SN."
    )


class HadContact(GraphRelationship):
    """A person was the subject of a partner-agency contact."""

    spec: ClassVar[RelSpec] = RelSpec(
        RelType.HAD_CONTACT,
        NodeLabel.PERSON,
        NodeLabel.PARTNER_CONTACT,
        accumulates_via_records=True,
    )


class ContactRecordedBy(GraphRelationship):
    """The organisation that holds a partner contact."""

    spec: ClassVar[RelSpec] = RelSpec(
        RelType.RECORDED_BY, NodeLabel.PARTNER_CONTACT, NodeLabel.ORGANISATION
    )


class IncidentRecordedBy(GraphRelationship):
    """The force that recorded an incident."""

    spec: ClassVar[RelSpec] = RelSpec(
        RelType.RECORDED_BY, NodeLabel.INCIDENT, NodeLabel.ORGANISATION
    )


class UsesObject(_Dated):
    """A person owns or uses a phone, vehicle or other object."""

    spec: ClassVar[RelSpec] = RelSpec(
        RelType.USES, NodeLabel.PERSON, NodeLabel.OBJECT, accumulates_via_records=True
    )


class ObjectInIncident(GraphRelationship):
    """An object featured in an incident (a weapon used, a phone taken)."""

    spec: ClassVar[RelSpec] = RelSpec(RelType.OBJECT_IN, NodeLabel.OBJECT, NodeLabel.INCIDENT)


class ObjectInDeath(GraphRelationship):
    """An object connected with a death (a missing phone, a vehicle seen)."""

    spec: ClassVar[RelSpec] = RelSpec(RelType.OBJECT_IN, NodeLabel.OBJECT, NodeLabel.DEATH)


class Describes(GraphRelationship):
    """A source record describes a resolved person, with the evidence for the match."""

    spec: ClassVar[RelSpec] = RelSpec(RelType.DESCRIBES, NodeLabel.SOURCE_RECORD, NodeLabel.PERSON)

    match_probability: float | None = Field(default=None, ge=0, le=1)
    evidence_json: str | None = Field(
        default=None, description="Per-field comparison levels and weights, as JSON."
    )


class LinkedTo(GraphRelationship):
    """Two source records found to be one person: an edge of the record-linkage graph.

    People are the connected components of these edges, so removing one (a reviewer's
    rejection) can split a person, and adding one (a new record, an acceptance) can merge two.
    """

    spec: ClassVar[RelSpec] = RelSpec(
        RelType.LINKED_TO, NodeLabel.SOURCE_RECORD, NodeLabel.SOURCE_RECORD
    )

    match_probability: float | None = Field(default=None, ge=0, le=1)
    evidence_json: str | None = Field(
        default=None, description="Per-field comparison levels and weights, as JSON."
    )
    linkage_model: str | None = Field(
        default=None, description="Id of the linkage model that scored the pair."
    )
    accepted_by: str | None = Field(
        default=None, description="Who accepted the pair on review (None: linked by score)."
    )


class PlaceWithin(GraphRelationship):
    """A place lies within another (an address in a postcode, a postcode in an area)."""

    spec: ClassVar[RelSpec] = RelSpec(RelType.WITHIN, NodeLabel.PLACE, NodeLabel.PLACE)


class CommunicationParty(GraphRelationship):
    """A phone was the caller or the called party of a communication."""

    spec: ClassVar[RelSpec] = RelSpec(
        RelType.CALL_PARTY, NodeLabel.OBJECT, NodeLabel.COMMUNICATION, merge_keys=("role",)
    )

    role: CommunicationRole


class InvestigatedBy(GraphRelationship):
    """The officer investigating an incident."""

    spec: ClassVar[RelSpec] = RelSpec(
        RelType.INVESTIGATED_BY, NodeLabel.INCIDENT, NodeLabel.PERSON, accumulates_via_records=True
    )
