"""The records Linkwatch keeps about its own service, each declared once.

Rapid reviews and their learning actions (written by ``queries.reviews``), API users and the
audit log (written by ``governance``). None comes from a source system, so none carries
provenance, and no mapping can make one (``ingest.mapping.spec.MADE_BY_LINKWATCH``). Their
constraints are derived from these declarations like every other kind's
(:func:`graph_model.schema.declared_schema`).

The declarations describe what is stored, field for field: a service validates a new record
through its model before writing it. An audit entry is validated, never rewritten, because
its hash covers the entry exactly as built.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, ClassVar, Literal

from pydantic import BeforeValidator, Field, SecretStr, StringConstraints, field_validator

from graph_model.base import (
    Key,
    NodeSpec,
    RelSpec,
    ServiceNode,
    ServiceRelationship,
    without_bidi_controls,
)
from graph_model.kinds import NodeLabel, ProtectiveMarking, RelType

__all__ = [
    "ApiUserAccount",
    "AuditEntry",
    "AuditHead",
    "HasAction",
    "LearningAction",
    "RapidReview",
    "ReviewsDeath",
    "ReviewsIncident",
]

#: Text as the service stores it: whatever the person wrote, once trimmed, never empty.
Text = Annotated[str, StringConstraints(min_length=1)]
#: Text a person wrote for others to read (a learning point, an action, its evidence): as
#: :data:`Text`, with bidirectional controls removed, as from every source's text.
WrittenText = Annotated[
    str, BeforeValidator(without_bidi_controls), StringConstraints(min_length=1)
]
#: Who did something: an API user's name, or the operating-system user of the CLI.
Actor = Annotated[str, StringConstraints(min_length=1, max_length=200)]
#: An API user's or an organisation's name (``governance.users`` explains the rule).
AccountName = Annotated[str, StringConstraints(pattern=r"^[a-z0-9._@-]{3,64}$")]
#: A SHA-256 or HMAC-SHA256 digest in hex.
HexDigest = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]


class RapidReview(ServiceNode):
    """The rapid review of one homicide or near miss: an initial review, then a report.

    One review per event (``id`` is ``rapid-review:EVENT``); it ``REVIEWS`` its death or
    incident and holds its learning actions (``HAS_ACTION``).
    """

    spec: ClassVar[NodeSpec] = NodeSpec(label=NodeLabel.RAPID_REVIEW, upserted_by_store=False)

    id: Text = Field(description="rapid-review:EVENT.")
    event: Key = Field(description="Id of the death or incident under review.")
    event_date: date = Field(description="The event's date: the deadlines run from it.")
    opened_at: datetime
    opened_by: Actor
    initial_due: date = Field(description="The initial review is due 14 days after the event.")
    report_due: date = Field(description="The report is due 30 days after the event.")
    initial_done: date | None = Field(default=None, description="When the initial review was done.")
    report_done: date | None = Field(default=None, description="When the report was done.")
    status: Literal["open", "reported"] = Field(
        default="open", description="'reported' once the report is done."
    )
    marking: ProtectiveMarking = ProtectiveMarking.OFFICIAL_SENSITIVE


class LearningAction(ServiceNode):
    """A learning point from a rapid review and the action it calls for, owned by an agency.

    Tracked until closed with evidence (an organisational learning board reviews them
    quarterly).
    """

    spec: ClassVar[NodeSpec] = NodeSpec(label=NodeLabel.LEARNING_ACTION, upserted_by_store=False)

    id: Key
    review: Text = Field(description="Id of the rapid review it came from.")
    learning: WrittenText = Field(description="What was learned.")
    action: WrittenText = Field(description="What is to be done about it.")
    owner: WrittenText = Field(description="Who is to do it.")
    agency: WrittenText = Field(description="The owner's agency, in lower case.")
    theme: WrittenText = Field(description="The theme it is reported under, in lower case.")
    due: date
    status: Literal["open", "in_progress", "closed"] = "open"
    evidence: WrittenText | None = Field(default=None, description="Evidence of completion.")
    closed_on: date | None = None
    created_at: datetime
    created_by: Actor
    updated_at: datetime | None = None
    updated_by: Actor | None = None
    marking: ProtectiveMarking = ProtectiveMarking.OFFICIAL_SENSITIVE


class ApiUserAccount(ServiceNode):
    """An API user: name, role, organisation, and the hash of their current key.

    The key itself is never stored. ``key_hash`` is a secret (it never appears in a repr
    or a JSON dump) and is read only to check a presented key; revoked users are kept so
    that the audit log still names them.
    """

    spec: ClassVar[NodeSpec] = NodeSpec(
        label=NodeLabel.API_USER, key="name", unique=("key_id",), upserted_by_store=False
    )

    name: AccountName
    role: Annotated[str, StringConstraints(min_length=1, max_length=40)] = Field(
        description="A governance.roles.Role value: what the user may do."
    )
    organisation: AccountName = Field(description="The user's organisation ('nhs' for NHS).")
    key_id: Key = Field(description="The public part of the current key, to find its hash.")
    key_hash: SecretStr = Field(description="argon2 hash of the current key's secret.")
    created_at: datetime
    created_by: Actor
    rotated_at: datetime | None = Field(default=None, description="When the key was last rotated.")
    revoked_at: datetime | None = None
    revoked_by: Actor | None = None


class AuditEntry(ServiceNode):
    """One entry of the audit log (DPA 2018 s.62): who did what, when, to whom, and why.

    Entries are numbered without gaps; ``hash`` covers every other non-empty field, the
    previous entry's hash included (``governance.audit``). Entries from before the chain was
    keyed have no ``scheme``.
    """

    spec: ClassVar[NodeSpec] = NodeSpec(
        label=NodeLabel.AUDIT_ENTRY, key="seq", range_indexes=("actor",), upserted_by_store=False
    )

    seq: int = Field(ge=1, description="The entry's number, from 1.")
    at: str = Field(description="When, as ISO 8601 text with its UTC offset (hashed as text).")
    actor: str = Field(description="Who: an API user's name, cli:ACCOUNT or unauthenticated.")
    role: str = Field(description="The actor's role then.")
    action: str = Field(description="A governance.audit.AuditAction value: the s.62 operation.")
    endpoint: str = Field(description="The API route or CLI command.")
    parameters: str = Field(description="The request's parameters as canonical JSON text.")
    people: list[str] = Field(
        default_factory=list, description="Ids of the people returned or acted on."
    )
    justification: str | None = Field(default=None, description="Why, as the user gave it.")
    outcome: str = Field(default="ok", description="ok, refused, forbidden, not_found...")
    prev_hash: HexDigest = Field(description="The previous entry's hash (zeros for the first).")
    scheme: Literal["hmac-sha256"] | None = Field(
        default=None, description="How the hash is made; none for legacy SHA-256 entries."
    )
    hash: HexDigest

    @field_validator("at")
    @classmethod
    def _aware_timestamp(cls, value: str) -> str:
        moment = datetime.fromisoformat(value)
        if moment.tzinfo is None:
            raise ValueError(f"at {value!r} has no UTC offset")
        return value


class AuditHead(ServiceNode):
    """The audit log's head: the last entry's number and hash, and its write lock.

    There is one, with ``id`` ``audit``; every append locks it first, so entries are numbered
    strictly in order.
    """

    spec: ClassVar[NodeSpec] = NodeSpec(label=NodeLabel.AUDIT_HEAD, upserted_by_store=False)

    id: Literal["audit"]
    seq: int = Field(ge=0, description="The last entry's number (0 before the first).")
    hash: HexDigest = Field(description="The last entry's hash (zeros before the first).")
    locked_at: datetime | None = Field(default=None, description="When an append last took it.")


class ReviewsDeath(ServiceRelationship):
    """A rapid review is of this death."""

    spec: ClassVar[RelSpec] = RelSpec(RelType.REVIEWS, NodeLabel.RAPID_REVIEW, NodeLabel.DEATH)


class ReviewsIncident(ServiceRelationship):
    """A rapid review is of this incident (a near miss)."""

    spec: ClassVar[RelSpec] = RelSpec(RelType.REVIEWS, NodeLabel.RAPID_REVIEW, NodeLabel.INCIDENT)


class HasAction(ServiceRelationship):
    """A learning action came from this rapid review."""

    spec: ClassVar[RelSpec] = RelSpec(
        RelType.HAS_ACTION, NodeLabel.RAPID_REVIEW, NodeLabel.LEARNING_ACTION
    )
