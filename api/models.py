"""Response and request models of the API that are not analysis documents.

Each is an explicit allow-list of fields (``extra="forbid"``): adding a property to a node in
Neo4j never adds it to a response.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import Field

from queries.documents.base import Part

__all__ = [
    "AuditEntryOut",
    "AuditPage",
    "ChainStatus",
    "ConferenceEdge",
    "ConferenceMapOut",
    "ConferenceNode",
    "EventPage",
    "EventSummary",
    "IdentifierOut",
    "LoadRunOut",
    "Me",
    "PersonProfile",
    "PersonSearch",
    "PersonSummary",
    "RecordedIdentity",
    "ReviewDecision",
    "ReviewOut",
]


class Me(Part):
    """The caller, as the API sees them."""

    name: str
    role: str
    organisation: str


class PersonSummary(Part):
    """Enough to tell people apart in a list of matches."""

    id: str
    given_names: str | None
    family_name: str | None
    aliases: list[str]
    date_of_birth: dt.date | None
    sex: str | None
    score: float = Field(description="Full-text match score (1.0 for exact identifier matches).")
    match: str = Field(
        description="exact (every word searched is one of the names), phonetic (sounds the "
        "same), or fuzzy (small misspellings); identifier and date-of-birth matches are exact."
    )


class PersonSearch(Part):
    """People matching a search, best first (at most ``limit``)."""

    matched_on: str = Field(description="name, identifier or date_of_birth")
    people: list[PersonSummary]


class SourceLink(Part):
    """A source record resolved to this person, and how sure the linkage was."""

    system: str | None
    organisation: str | None = None
    record: str | None
    match_probability: float | None


class RoleCount(Part):
    """How many times the person was recorded in a role."""

    role: str
    times: int


class TieOut(Part):
    """A person this one is tied to, and the kinds of tie."""

    person: str
    kinds: list[str]


class IdentifierOut(Part):
    """One identifier of a person: its scheme (nhs_number, pnc_id, or as recorded) and value."""

    scheme: str
    value: str


class PersonProfile(Part):
    """A person: identity fields, the source records behind them, roles, ties, timeline."""

    id: str
    given_names: str | None
    family_name: str | None
    aliases: list[str]
    date_of_birth: dt.date | None
    sex: str | None
    nhs_number: str | None = Field(description="Null when withheld from the caller's role.")
    pnc_id: str | None = Field(description="Null when withheld from the caller's role.")
    identifiers: list[IdentifierOut] | None = Field(
        description="Every identifier (NHS number, PNC id, those kept as recorded, e.g. "
        "pole_nhs_no); null when withheld from the caller's role."
    )
    identifiers_withheld: bool = Field(
        description="True when the caller's role may not see identifiers (view_identifiers)."
    )
    marking: str | None
    sources: list[SourceLink]
    roles: list[RoleCount]
    ties: list[TieOut] = Field(description="Up to 100.")
    moved_from: str | None = Field(
        default=None,
        description="The id asked for, when a merge made it an alias of this person: the "
        "profile is the surviving person's (also in the Content-Location header).",
    )


class EventSummary(Part):
    """A death report or incident in a list."""

    id: str
    date: dt.date
    category: str | None = Field(description="Apparent cause, or offence category.")
    classification: str | None = Field(description="Death classification, or incident outcome.")
    place: str | None
    people: list[str] = Field(description="The deceased, or the parties to the incident.")


class EventPage(Part):
    """One page of events; pass ``next`` as ``after`` for the next page."""

    items: list[EventSummary]
    next: str | None = Field(description="Cursor for the next page, or null on the last.")


class AuditEntryOut(Part):
    """One audit-log entry."""

    seq: int
    at: str
    actor: str
    role: str
    action: str
    endpoint: str
    parameters: str = Field(description="The request's parameters, as canonical JSON.")
    people: list[str]
    justification: str | None = None
    outcome: str
    prev_hash: str
    hash: str
    scheme: str | None = Field(
        default=None, description="hmac-sha256 (keyed); absent for legacy unkeyed entries."
    )


class AuditPage(Part):
    """Audit entries, oldest first; pass ``next`` as ``after`` for more."""

    entries: list[AuditEntryOut]
    next: int | None


class ChainStatus(Part):
    """Whether the audit log's hash chain is intact, and its head."""

    intact: bool
    entries: int
    first_broken: int | None
    head_hash: str
    legacy_entries: int = Field(
        default=0, description="Unkeyed entries written before the chain was keyed."
    )
    problem: str | None = Field(default=None, description="What is wrong at first_broken.")


class LoadRunOut(Part):
    """An ingest run: the collection log."""

    id: str
    status: str
    started_at: dt.datetime
    finished_at: dt.datetime | None
    loaded_by: str
    mapping: str | None
    files: list[str] = Field(description="'name sha256:digest' for each file read.")
    counts: dict[str, Any] | None = Field(description="Per-source counts.")
    linkage_model: str | None = Field(
        default=None, description="The stored linkage model that linked the run's records."
    )
    mapping_hash: str | None = Field(default=None, description="sha256 of the mapping used.")
    changes: dict[str, Any] | None = Field(
        default=None,
        description="What the run changed: people added, records joining known people, "
        "merges and splits (identity-change ids), review pairs, new death reports.",
    )
    series_changes: dict[str, Any] | None = Field(
        default=None,
        description="Candidate series new or grown since the previous load that recorded "
        "series (ids; `grew` maps a series to the deaths it gained).",
    )


class RecordedIdentity(Part):
    """A source record as the source held it."""

    id: str
    source_system: str | None
    recorded_name: str | None
    recorded_date_of_birth: dt.date | None
    recorded_postcode: str | None


class ReviewOut(Part):
    """A record-linkage pair awaiting (or given) a decision, with both records."""

    id: str
    status: str
    probability: float | None
    evidence: dict[str, Any] | None
    decided_by: str | None
    decided_at: dt.datetime | None
    note: str | None
    records: list[RecordedIdentity]
    effect: str | None = Field(
        default=None,
        description="After a decision: merged, split, already one person, already different "
        "people, or still joined (other links keep the records one person).",
    )
    persons: list[str] = Field(
        default_factory=list, description="After a decision: the person ids involved."
    )
    identity_change: str | None = Field(
        default=None, description="After a merge or split: the recorded identity change."
    )
    message: str | None = None


class ReviewDecision(Part):
    """A decision on a review pair, with the reason for it."""

    accept: bool = Field(description="True: the records are one person; False: they are not.")
    reason: str = Field(min_length=3, max_length=500)


class ConferenceNode(Part):
    """A pseudonymised entity: label, kind and coded facts only."""

    label: str
    kind: str
    category: str | None
    agency: str | None
    month: str | None
    centre: bool


class ConferenceEdge(Part):
    """A tie between two pseudonymised entities."""

    source: str
    target: str
    type: str
    role: str | None
    kind: str | None


class ConferenceMapOut(Part):
    """A case-conference relationship map: pseudonyms, roles and ties, nothing else."""

    marking: str = "OFFICIAL-SENSITIVE"
    meeting: str = Field(description="The meeting the map was shared for.")
    truncated: bool
    nodes: list[ConferenceNode]
    edges: list[ConferenceEdge]


class ShareMap(Part):
    """What an investigator shares: whose map, with which organisation, for which meeting."""

    subject: str = Field(
        min_length=3, max_length=200, description="The person, death, incident or place id."
    )
    meeting: str = Field(min_length=3, max_length=120, description="e.g. MARAC 2026-12-03.")
    organisation: str = Field(
        min_length=3, max_length=64, description="The partner organisation (nhs sees health)."
    )
    until: dt.date = Field(description="The last day the partner can open the map.")
    hops: int = Field(default=2, ge=1, le=2, description="Ties out from the subject.")


class SharingOut(Part):
    """A sharing as the police see it: subject, meeting, organisation, period and status."""

    id: str
    subject: str
    meeting: str
    organisation: str
    hops: int
    until: dt.date
    shared_by: str
    shared_at: dt.datetime
    status: str
    revoked_by: str | None = None
    revoked_at: dt.datetime | None = None


class SharedMapOut(Part):
    """A map shared with the caller's organisation: open it by ``id`` (no subject shown)."""

    id: str
    meeting: str
    until: dt.date
    shared_by: str
