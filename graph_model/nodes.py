"""The node kinds of the Linkwatch graph, each declared once.

POLE (Person, Object, Location, Event) as UK policing uses it, with deaths and partner-agency
contacts as events of their own, plus the bookkeeping kinds that make the graph accountable:
the source records behind each resolved person and the load runs that collected them.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, ClassVar

from pydantic import BeforeValidator, Field, StringConstraints, field_validator, model_validator

from graph_model.base import GeoPoint, GraphNode, NodeSpec, ShortText, without_bidi_controls
from graph_model.date_times import date_time_of
from graph_model.kinds import (
    Agency,
    ApparentCause,
    CommunicationChannel,
    ContactType,
    CoronerOutcome,
    DeathClassification,
    IdentityChangeKind,
    InvestigationStatus,
    LoadStatus,
    NodeLabel,
    ObjectKind,
    OffenceCategory,
    OrganisationType,
    PlaceType,
    ReviewStatus,
    RiskMarker,
    Sector,
    Sex,
)
from graph_model.source_systems import SystemName

__all__ = [
    "Communication",
    "DataSource",
    "Death",
    "IdentityChange",
    "Incident",
    "LinkReview",
    "LinkageModel",
    "LoadRun",
    "Organisation",
    "PartnerContact",
    "Person",
    "PersonAlias",
    "Place",
    "PoleObject",
    "Sharing",
    "SourceRecord",
    "is_valid_nhs_number",
]

#: SourceRecord properties holding one blocking key each (the values of
#: ``ingest.linkage.blocking.PREDICTION_KEYS``, in order), range-indexed so that a delivery's
#: records find their candidates without reading the whole population.
BLOCKING_PROPERTIES: tuple[str, ...] = (
    "block_nhs_number",
    "block_dob",
    "block_name",
    "block_soundex_year_initial",
    "block_soundexes_district",
    "block_postcode_initial",
    "block_postcode_soundex",
    "block_phone",
)

#: Free text from a source system: stored as plain text, never interpreted.
FreeText = Annotated[
    str, BeforeValidator(without_bidi_controls), StringConstraints(max_length=20_000)
]

_EARLIEST_DATE = date(1890, 1, 1)
#: How each event's date-time is described (the field descriptions say it is local UK time).
_LOCAL_TIME = "naive local UK time (Europe/London wall clock) when the source recorded one"
_UK_POSTCODE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$")


def is_valid_nhs_number(value: str) -> bool:
    """Return whether ``value`` is a 10-digit NHS number with a correct mod-11 check digit.

    Parameters
    ----------
    value
        Digits, optionally with spaces (``"943 476 5919"``).

    Returns
    -------
    bool
        True if the check digit matches.

    Examples
    --------
    >>> is_valid_nhs_number("943 476 5919")
    True
    >>> is_valid_nhs_number("9434765918")
    False
    """
    digits = value.replace(" ", "")
    if len(digits) != 10 or not digits.isdigit():
        return False
    total = sum(
        int(digit) * weight for digit, weight in zip(digits[:9], range(10, 1, -1), strict=True)
    )
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(digits[9])


def _not_in_future_or_ancient(value: date | None, field: str) -> date | None:
    if value is None:
        return None
    day = value.date() if isinstance(value, datetime) else value
    if day > date.today():
        raise ValueError(f"{field} {day.isoformat()} is in the future")
    if day < _EARLIEST_DATE:
        raise ValueError(f"{field} {day.isoformat()} is before {_EARLIEST_DATE.isoformat()}")
    return value


class Person(GraphNode):
    """A resolved person: one human being, whatever the number of source records."""

    spec: ClassVar[NodeSpec] = NodeSpec(
        label=NodeLabel.PERSON,
        range_indexes=("family_name", "date_of_birth", "nhs_number", "source_record_id"),
        fulltext=("given_names", "family_name", "aliases"),
    )

    given_names: ShortText | None = None
    family_name: ShortText | None = None
    aliases: list[ShortText] = Field(default_factory=list)
    date_of_birth: date | None = None
    sex: Sex = Sex.UNKNOWN
    nhs_number: str | None = None
    pnc_id: str | None = Field(default=None, pattern=r"^\d{2,4}/\d{1,7}[A-Z]$")
    recorded_age: int | None = Field(default=None, ge=0, le=130)
    recorded_identifiers: list[ShortText] = Field(
        default_factory=list,
        description="Identifiers kept as recorded ('scheme:value') when not validated ones.",
    )
    occupation: ShortText | None = None
    badge_number: ShortText | None = None

    @field_validator("date_of_birth")
    @classmethod
    def _plausible_birth_date(cls, value: date | None) -> date | None:
        return _not_in_future_or_ancient(value, "date_of_birth")

    @field_validator("nhs_number")
    @classmethod
    def _valid_nhs_number(cls, value: str | None) -> str | None:
        if value is None:
            return None
        if not is_valid_nhs_number(value):
            raise ValueError("nhs_number is not 10 digits with a valid mod-11 check digit")
        return value.replace(" ", "")

    @model_validator(mode="after")
    def _has_a_name(self) -> Person:
        if not (self.given_names or self.family_name or self.aliases):
            raise ValueError("a person needs at least one of given_names, family_name, aliases")
        return self


class Place(GraphNode):
    """A location: an address, a park, a stretch of river. Deaths and incidents happen here."""

    spec: ClassVar[NodeSpec] = NodeSpec(
        label=NodeLabel.PLACE,
        range_indexes=("postcode", "place_type", "area"),
        point_index="location",
    )

    name: ShortText | None = None
    address: ShortText | None = None
    postcode: str | None = None
    location: GeoPoint | None = None
    place_type: PlaceType = PlaceType.OTHER
    area: ShortText | None = Field(default=None, description="Local policing area.")

    @field_validator("postcode")
    @classmethod
    def _uk_postcode(cls, value: str | None) -> str | None:
        if value is None:
            return None
        normalised = " ".join(value.upper().split())
        if not _UK_POSTCODE.match(normalised):
            raise ValueError(f"postcode {value!r} is not a UK postcode")
        if " " not in normalised:
            normalised = f"{normalised[:-3]} {normalised[-3:]}"
        return normalised


class Death(GraphNode):
    """A death report: a sudden or unexplained death attended by police."""

    spec: ClassVar[NodeSpec] = NodeSpec(
        label=NodeLabel.DEATH,
        range_indexes=("date_found", "classification", "apparent_cause", "source_record_id"),
    )

    date_found: date
    found_at: Annotated[datetime | None, date_time_of("date_found")] = Field(
        default=None, description=f"Date and time found, {_LOCAL_TIME}; date_found is its date."
    )
    apparent_cause: ApparentCause = ApparentCause.UNKNOWN
    substances: list[ShortText] = Field(default_factory=list)
    circumstances: FreeText | None = None
    classification: DeathClassification = DeathClassification.UNEXPLAINED
    coroner_outcome: CoronerOutcome = CoronerOutcome.PENDING
    investigation_status: InvestigationStatus = InvestigationStatus.OPEN

    @field_validator("date_found")
    @classmethod
    def _plausible_date(cls, value: date) -> date:
        return _not_in_future_or_ancient(value, "date_found")  # type: ignore[return-value]


class Incident(GraphNode):
    """A police incident or recorded crime."""

    spec: ClassVar[NodeSpec] = NodeSpec(
        label=NodeLabel.INCIDENT,
        range_indexes=("occurred_on", "offence_category", "source_record_id"),
    )

    occurred_on: date
    occurred_at: Annotated[datetime | None, date_time_of("occurred_on")] = Field(
        default=None,
        description=f"Date and time it happened, {_LOCAL_TIME}; occurred_on is its date.",
    )
    offence_category: OffenceCategory = OffenceCategory.OTHER
    description: FreeText | None = None
    risk_markers: list[RiskMarker] = Field(default_factory=list)
    domestic: bool = False
    crime_reference: ShortText | None = None
    outcome: ShortText | None = None

    @field_validator("occurred_on")
    @classmethod
    def _plausible_date(cls, value: date) -> date:
        return _not_in_future_or_ancient(value, "occurred_on")  # type: ignore[return-value]


class PartnerContact(GraphNode):
    """A contact with a partner agency: an A&E attendance, a safeguarding referral, ..."""

    spec: ClassVar[NodeSpec] = NodeSpec(
        label=NodeLabel.PARTNER_CONTACT,
        range_indexes=("contacted_on", "contact_type", "agency"),
    )

    agency: Agency
    contact_type: ContactType
    contacted_on: date
    contacted_at: Annotated[datetime | None, date_time_of("contacted_on")] = Field(
        default=None,
        description=f"Date and time of the contact, {_LOCAL_TIME}; contacted_on is its date.",
    )
    reason: FreeText | None = None
    outcome: ShortText | None = None
    health_data: bool = Field(
        default=False,
        description="True for NHS-derived detail, hidden from non-health partners.",
    )

    @field_validator("contacted_on")
    @classmethod
    def _plausible_date(cls, value: date) -> date:
        return _not_in_future_or_ancient(value, "contacted_on")  # type: ignore[return-value]


class Organisation(GraphNode):
    """An organisation that holds records or where people work or are treated."""

    spec: ClassVar[NodeSpec] = NodeSpec(label=NodeLabel.ORGANISATION, range_indexes=("name",))

    name: ShortText
    organisation_type: OrganisationType = OrganisationType.OTHER


class PoleObject(GraphNode):
    """A phone, vehicle, weapon or other object that links people and events."""

    spec: ClassVar[NodeSpec] = NodeSpec(
        label=NodeLabel.OBJECT, range_indexes=("identifier", "object_kind")
    )

    object_kind: ObjectKind
    identifier: ShortText | None = Field(
        default=None, description="Phone number, vehicle registration or serial number."
    )
    description: FreeText | None = None


class SourceRecord(GraphNode):
    """One person record as a source system held it.

    Kept so that a record-linkage decision can be reviewed and undone.
    """

    spec: ClassVar[NodeSpec] = NodeSpec(
        label=NodeLabel.SOURCE_RECORD,
        range_indexes=(
            "source_system",
            "source_record_id",
            "link_given",
            "link_family",
            *BLOCKING_PROPERTIES,
        ),
    )

    source_file: ShortText | None = None
    row_number: int | None = Field(default=None, ge=1)
    source_priority: int | None = Field(
        default=None,
        ge=1,
        description="Its source's priority in the mapping that loaded it (1 first): breaks "
        "ties between a person's records.",
    )
    recorded_name: ShortText | None = None
    recorded_date_of_birth: date | None = None
    recorded_postcode: ShortText | None = None
    recorded_nhs_number: ShortText | None = None
    linkage_json: str | None = Field(
        default=None,
        description="The fields record linkage compares, as the source gave them (JSON): "
        "later deliveries are compared with this record without re-reading its file.",
    )
    link_given: ShortText | None = Field(
        default=None, description="Standardised forename (term frequencies are counted on it)."
    )
    link_family: ShortText | None = Field(
        default=None, description="Standardised surname (term frequencies are counted on it)."
    )
    block_nhs_number: ShortText | None = None
    block_dob: ShortText | None = None
    block_name: ShortText | None = None
    block_soundex_year_initial: ShortText | None = None
    block_soundexes_district: ShortText | None = None
    block_postcode_initial: ShortText | None = None
    block_postcode_soundex: ShortText | None = None
    block_phone: ShortText | None = None


class Communication(GraphNode):
    """A phone call or message between two phones (communications data)."""

    spec: ClassVar[NodeSpec] = NodeSpec(
        label=NodeLabel.COMMUNICATION, range_indexes=("occurred_on",)
    )

    occurred_on: date
    occurred_at: Annotated[datetime | None, date_time_of("occurred_on")] = Field(
        default=None,
        description=f"Date and time of the call, {_LOCAL_TIME}; occurred_on is its date.",
    )
    duration_seconds: int | None = Field(default=None, ge=0)
    channel: CommunicationChannel = CommunicationChannel.OTHER

    @field_validator("occurred_on")
    @classmethod
    def _plausible_date(cls, value: date) -> date:
        return _not_in_future_or_ancient(value, "occurred_on")  # type: ignore[return-value]


class LinkReview(GraphNode):
    """A pair of person records a person must judge.

    Its match probability falls between the review and the link thresholds; the decision
    (accept or reject) is applied on every later ingest.
    """

    spec: ClassVar[NodeSpec] = NodeSpec(label=NodeLabel.LINK_REVIEW, range_indexes=("status",))

    record_a: ShortText
    record_b: ShortText
    probability: float | None = Field(default=None, ge=0, le=1, description="None if never scored.")
    evidence_json: str | None = None
    status: ReviewStatus = ReviewStatus.PENDING
    decided_by: ShortText | None = None
    decided_at: datetime | None = None
    note: FreeText | None = None


class LoadRun(GraphNode):
    """One ingest run: who loaded which files when, with what result (the collection log)."""

    spec: ClassVar[NodeSpec] = NodeSpec(
        label=NodeLabel.LOAD_RUN, range_indexes=("started_at", "status")
    )

    started_at: datetime
    finished_at: datetime | None = None
    status: LoadStatus = LoadStatus.RUNNING
    loaded_by: ShortText
    mapping: ShortText | None = None
    files: list[ShortText] = Field(
        default_factory=list, description="'name sha256:digest' for each file read."
    )
    loaded_digests: list[ShortText] = Field(
        default_factory=list,
        description="'sha256:digest' of each file loaded successfully: a later delivery of a "
        "file with the same content (same mapping) is skipped, not re-parsed.",
    )
    counts_json: str | None = Field(default=None, description="Per-source counts as JSON.")
    linkage_model: ShortText | None = Field(
        default=None, description="Id of the stored linkage model that linked this load's records."
    )
    mapping_hash: ShortText | None = Field(
        default=None, description="'sha256:digest' of the mapping's content, as loaded."
    )
    changes_json: str | None = Field(
        default=None,
        description="What the load changed for analysts (people added, merged, split; new "
        "death reports), as JSON.",
    )
    series_json: str | None = Field(
        default=None, description="Candidate series after the load (id -> death ids), as JSON."
    )
    series_changes_json: str | None = Field(
        default=None,
        description="Candidate series new or grown since the previous load that recorded "
        "series, as JSON.",
    )


class PersonAlias(GraphNode):
    """An id a person had before a merge: every lookup of it finds the surviving person.

    The node's ``id`` is the old person id; ``person_id`` the survivor's (kept current when the
    survivor is itself merged later).
    """

    spec: ClassVar[NodeSpec] = NodeSpec(label=NodeLabel.PERSON_ALIAS, range_indexes=("person_id",))

    person_id: ShortText
    identity_change_id: ShortText
    merged_at: datetime


class IdentityChange(GraphNode):
    """A merge (two people found to be one) or a split (one person found to be two).

    Recorded so that it can be explained (the pair of records and the evidence that caused
    it) and undone: reject the joining pair to undo a merge, accept the separated pair to
    undo a split.
    """

    spec: ClassVar[NodeSpec] = NodeSpec(
        label=NodeLabel.IDENTITY_CHANGE, range_indexes=("changed_at", "kind", "survivor")
    )

    kind: IdentityChangeKind
    changed_at: datetime
    survivor: ShortText = Field(description="The person id that carries on.")
    persons: list[ShortText] = Field(
        description="Merge: the ids merged into the survivor. Split: the ids of the people "
        "split off."
    )
    records: list[ShortText] = Field(
        default_factory=list,
        description="Split: the records that changed person. Merge: the survivor's records.",
    )
    merged_records: list[ShortText] = Field(
        default_factory=list,
        description="Merge: the records the merged people had (a split that separates them "
        "again gives them their old id back).",
    )
    record_a: ShortText | None = Field(default=None, description="The pair behind the change.")
    record_b: ShortText | None = None
    probability: float | None = Field(default=None, ge=0, le=1)
    evidence_json: str | None = None
    reason: ShortText
    decided_by: ShortText | None = None


class LinkageModel(GraphNode):
    """A trained record-linkage model: every load links with the current one.

    Versions are kept, so a link made months ago can be traced to the model that made it.
    """

    spec: ClassVar[NodeSpec] = NodeSpec(
        label=NodeLabel.LINKAGE_MODEL, range_indexes=("version", "current")
    )

    version: int = Field(ge=1)
    current: bool = False
    model_json: str = Field(max_length=2_000_000, description="The Splink model (settings, m, u).")
    digest: ShortText = Field(description="'sha256:digest' of model_json.")
    trained_at: datetime
    trained_by: ShortText
    records_used: int = Field(ge=0)
    population: int = Field(ge=0, description="Person records in the graph when trained.")
    how: ShortText = Field(description="Why it was trained: 'first load' or 'linkage train'.")
    summary_json: str | None = Field(
        default=None, description="Prior match rate and per-comparison m and u, as JSON."
    )


class Sharing(GraphNode):
    """A case-conference map an investigator shared with one organisation for one meeting.

    Partners open the map by this node's opaque ``id``, never by the subject's id, and only
    until ``until`` (inclusive) unless it is revoked first. ``salt`` is a per-sharing secret
    the pseudonyms are derived from, so Person B in one meeting is not Person B in the next.
    """

    spec: ClassVar[NodeSpec] = NodeSpec(
        label=NodeLabel.SHARING, range_indexes=("organisation", "subject")
    )

    subject: ShortText = Field(description="The person, death, incident or place the map is about.")
    meeting: Annotated[str, StringConstraints(strip_whitespace=True, min_length=3, max_length=120)]
    organisation: ShortText
    hops: int = Field(default=2, ge=1, le=2)
    until: date
    shared_by: ShortText
    shared_at: datetime
    justification: ShortText
    salt: Annotated[str, StringConstraints(min_length=32, max_length=128)]
    revoked_by: ShortText | None = None
    revoked_at: datetime | None = None
    revocation_justification: ShortText | None = None


class DataSource(GraphNode):
    """A source system records come from: its organisation and sector.

    Written by each load for the systems its files used, built in or declared by the
    mapping (``graph_model.source_systems``); ``id`` is ``source-system:NAME``.
    """

    spec: ClassVar[NodeSpec] = NodeSpec(label=NodeLabel.DATA_SOURCE, range_indexes=("name",))

    name: SystemName
    organisation: ShortText = Field(description="Who holds the system's records.")
    sector: Sector = Field(description="The kind of agency: decides who may see what.")
    declared_by: ShortText = Field(
        description="The mapping that declared it, or 'built in'.", default="built in"
    )
