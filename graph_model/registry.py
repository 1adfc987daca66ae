"""The whole model in one place, checked when it is imported.

A broken declaration (an index on a field that does not exist, a relationship whose end is
not a declared node kind, two models for one label) fails at start-up, not at query time.
"""

from __future__ import annotations

from datetime import date

from graph_model.base import GraphNode, GraphRelationship, ServiceNode, ServiceRelationship
from graph_model.kinds import NodeLabel, RelType
from graph_model.nodes import (
    Communication,
    DataSource,
    Death,
    IdentityChange,
    Incident,
    LinkageModel,
    LinkReview,
    LoadRun,
    Organisation,
    PartnerContact,
    Person,
    PersonAlias,
    Place,
    PoleObject,
    Sharing,
    SourceRecord,
)
from graph_model.relationships import (
    AssociatedWith,
    CommunicationParty,
    ContactRecordedBy,
    DeathFoundAt,
    Describes,
    HadContact,
    IncidentOccurredAt,
    IncidentRecordedBy,
    InvestigatedBy,
    LinkedTo,
    LivesAt,
    ObjectInDeath,
    ObjectInIncident,
    PartyToDeath,
    PartyToIncident,
    PlaceWithin,
    UsesObject,
)
from graph_model.service_records import (
    ApiUserAccount,
    AuditEntry,
    AuditHead,
    HasAction,
    LearningAction,
    RapidReview,
    ReviewsDeath,
    ReviewsIncident,
)

__all__ = [
    "NODE_KINDS",
    "RELATIONSHIP_KINDS",
    "SERVICE_NODE_KINDS",
    "SERVICE_RELATIONSHIP_KINDS",
    "check_date_times",
    "node_kind",
    "snake_name",
]

NODE_KINDS: dict[NodeLabel, type[GraphNode]] = {
    model.spec.label: model
    for model in (
        Person,
        Place,
        Death,
        Incident,
        PartnerContact,
        Organisation,
        PoleObject,
        SourceRecord,
        Communication,
        LinkReview,
        LoadRun,
        PersonAlias,
        IdentityChange,
        LinkageModel,
        Sharing,
        DataSource,
    )
}

RELATIONSHIP_KINDS: tuple[type[GraphRelationship], ...] = (
    PartyToIncident,
    PartyToDeath,
    IncidentOccurredAt,
    DeathFoundAt,
    LivesAt,
    AssociatedWith,
    HadContact,
    ContactRecordedBy,
    IncidentRecordedBy,
    UsesObject,
    ObjectInIncident,
    ObjectInDeath,
    Describes,
    PlaceWithin,
    CommunicationParty,
    InvestigatedBy,
    LinkedTo,
)


#: The service's own records (users, the audit log, rapid reviews), written only by their own
#: services: they have no upsert statements and no mapping can make them.
SERVICE_NODE_KINDS: dict[NodeLabel, type[ServiceNode]] = {
    model.spec.label: model
    for model in (RapidReview, LearningAction, ApiUserAccount, AuditEntry, AuditHead)
}

SERVICE_RELATIONSHIP_KINDS: tuple[type[ServiceRelationship], ...] = (
    ReviewsDeath,
    ReviewsIncident,
    HasAction,
)


def node_kind(label: NodeLabel | str) -> type[GraphNode]:
    """Return the model declared for a label.

    Parameters
    ----------
    label
        A :class:`NodeLabel` or its string value.

    Returns
    -------
    type[GraphNode]
        The model class.

    Raises
    ------
    KeyError
        If no kind has that label.
    """
    return NODE_KINDS[NodeLabel(label)]


def snake_name(name: str) -> str:
    """Return ``PartnerContact`` as ``partner_contact`` (used to name schema items and files).

    Examples
    --------
    >>> snake_name("PartnerContact")
    'partner_contact'
    >>> snake_name("PARTY_TO_DEATH")
    'party_to_death'
    """
    if name.isupper():
        return name.lower()
    return "".join(f"_{c.lower()}" if c.isupper() and i else c.lower() for i, c in enumerate(name))


def check_date_times(model: type[GraphNode]) -> None:
    """Each date-time's date field exists, is a date, and is validated before it."""
    names = list(model.model_fields)
    for time_field, date_field in model.date_times.items():
        field = model.model_fields.get(date_field)
        if field is None or field.annotation is not date:
            raise TypeError(
                f"{model.__name__}.{time_field} is the time of {date_field!r}, which is not a "
                "date field of the model"
            )
        if names.index(date_field) > names.index(time_field):
            raise TypeError(
                f"{model.__name__} declares {time_field!r} before its date {date_field!r}: "
                "declare the date first (the date-time is checked against it)"
            )


def _check_declarations() -> None:
    both = set(NODE_KINDS) & set(SERVICE_NODE_KINDS)
    if both:
        raise TypeError(f"node labels declared twice: {sorted(both)}")
    missing = sorted(set(NodeLabel) - set(NODE_KINDS) - set(SERVICE_NODE_KINDS))
    if missing:
        raise TypeError(f"node labels without a model: {missing}")
    for model in (*NODE_KINDS.values(), *SERVICE_NODE_KINDS.values()):
        spec = model.spec
        declared = (spec.key, *spec.unique, *spec.range_indexes, *spec.fulltext)
        if spec.point_index:
            declared += (spec.point_index,)
        unknown = [name for name in declared if name not in model.model_fields]
        if unknown:
            raise TypeError(f"{model.__name__} declares indexes on unknown fields {unknown}")
    for model in NODE_KINDS.values():
        check_date_times(model)
    relationships = (*RELATIONSHIP_KINDS, *SERVICE_RELATIONSHIP_KINDS)
    undeclared = sorted(set(RelType) - {rel.spec.type for rel in relationships})
    if undeclared:
        raise TypeError(f"relationship types without a model: {undeclared}")
    seen: set[tuple[str, str, str]] = set()
    for rel in relationships:
        spec = rel.spec
        ends = (spec.type, spec.source, spec.target)
        if ends in seen:
            raise TypeError(f"{rel.__name__} repeats the relationship kind {ends}")
        seen.add(ends)
        for name in spec.merge_keys:
            field = rel.model_fields.get(name)
            if field is None or not field.is_required():
                raise TypeError(f"{rel.__name__} merge key {name!r} must be a required field")


_check_declarations()
