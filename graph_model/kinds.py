"""Controlled vocabularies of the graph: labels, relationship types, roles and codes.

Each is a ``StrEnum`` so it is stored in Neo4j as its plain value and can serve as the
allow-list that selects a pre-written query (labels and types are never interpolated into
Cypher).
"""

from __future__ import annotations

from enum import StrEnum

__all__ = [
    "Agency",
    "ApparentCause",
    "AssociationKind",
    "CommunicationChannel",
    "CommunicationRole",
    "ContactType",
    "CoronerOutcome",
    "DeathClassification",
    "DeathRole",
    "IdentityChangeKind",
    "IncidentRole",
    "InvestigationStatus",
    "LoadStatus",
    "NodeLabel",
    "ObjectKind",
    "OffenceCategory",
    "OrganisationType",
    "PlaceType",
    "ProtectiveMarking",
    "RelType",
    "ReviewStatus",
    "RiskMarker",
    "Sector",
    "Sex",
    "SourceSystem",
]


class NodeLabel(StrEnum):
    """Every node label Linkwatch writes."""

    PERSON = "Person"
    DEATH = "Death"
    INCIDENT = "Incident"
    PLACE = "Place"
    PARTNER_CONTACT = "PartnerContact"
    ORGANISATION = "Organisation"
    OBJECT = "Object"
    SOURCE_RECORD = "SourceRecord"
    COMMUNICATION = "Communication"
    LINK_REVIEW = "LinkReview"
    LOAD_RUN = "LoadRun"
    PERSON_ALIAS = "PersonAlias"
    IDENTITY_CHANGE = "IdentityChange"
    LINKAGE_MODEL = "LinkageModel"
    SHARING = "Sharing"
    DATA_SOURCE = "DataSource"
    # The service's own records (graph_model.service_records), written by their services.
    RAPID_REVIEW = "RapidReview"
    LEARNING_ACTION = "LearningAction"
    API_USER = "ApiUser"
    AUDIT_ENTRY = "AuditEntry"
    AUDIT_HEAD = "AuditHead"


class RelType(StrEnum):
    """Every relationship type Linkwatch writes."""

    PARTY_TO = "PARTY_TO"
    PARTY_TO_DEATH = "PARTY_TO_DEATH"
    OCCURRED_AT = "OCCURRED_AT"
    FOUND_AT = "FOUND_AT"
    LIVES_AT = "LIVES_AT"
    ASSOCIATED_WITH = "ASSOCIATED_WITH"
    HAD_CONTACT = "HAD_CONTACT"
    RECORDED_BY = "RECORDED_BY"
    USES = "USES"
    OBJECT_IN = "OBJECT_IN"
    DESCRIBES = "DESCRIBES"
    WITHIN = "WITHIN"
    CALL_PARTY = "CALL_PARTY"
    INVESTIGATED_BY = "INVESTIGATED_BY"
    LINKED_TO = "LINKED_TO"
    # The service's own records (graph_model.service_records), written by their services.
    REVIEWS = "REVIEWS"
    HAS_ACTION = "HAS_ACTION"


class ProtectiveMarking(StrEnum):
    """Government Security Classifications marking carried by every record."""

    OFFICIAL = "OFFICIAL"
    OFFICIAL_SENSITIVE = "OFFICIAL-SENSITIVE"


class SourceSystem(StrEnum):
    """The built-in source systems (a record's provenance names one, or one a mapping declared).

    A mapping declares any other system (probation, ambulance, a second trust) with its
    organisation and :class:`Sector` (``graph_model.source_systems``).
    """

    POLICE_RECORDS = "police_records"
    DEATH_REPORTS = "death_reports"
    NHS = "nhs"
    LOCAL_AUTHORITY = "local_authority"
    PEOPLE_REGISTER = "people_register"
    POLE = "pole"
    LINKWATCH = "linkwatch"


class Sector(StrEnum):
    """The kind of agency a source system belongs to: it decides who may see what.

    Contacts from a ``health`` system are health data: partners outside health never learn
    that they exist.
    """

    POLICE = "police"
    HEALTH = "health"
    LOCAL_AUTHORITY = "local_authority"
    PROBATION = "probation"
    EDUCATION = "education"
    FIRE_AND_RESCUE = "fire_and_rescue"
    VOLUNTARY = "voluntary"
    LINKWATCH = "linkwatch"
    OTHER = "other"


class Sex(StrEnum):
    """Sex as recorded (police systems record M / F / U)."""

    MALE = "male"
    FEMALE = "female"
    UNKNOWN = "unknown"


class IncidentRole(StrEnum):
    """A person's role on a police incident or crime (POLE roles)."""

    VICTIM = "victim"
    SUSPECT = "suspect"
    OFFENDER = "offender"
    WITNESS = "witness"
    REPORTING_PERSON = "reporting_person"
    PARTY = "party"  # party to the crime, role not recorded (POLE's PARTY_TO)
    OTHER = "other"


class DeathRole(StrEnum):
    """A person's role in a death report."""

    DECEASED = "deceased"
    FOUND_BY = "found_by"
    REPORTED_BY = "reported_by"
    LAST_SEEN_WITH = "last_seen_with"
    SUSPECT = "suspect"
    WITNESS = "witness"


class AssociationKind(StrEnum):
    """Kinds of person-to-person link (POLE's KNOWS* and FAMILY_REL map onto these)."""

    PARTNER = "partner"
    EX_PARTNER = "ex_partner"
    FAMILY = "family"
    ASSOCIATE = "associate"
    CO_OFFENDER = "co_offender"
    SOCIAL_MEDIA = "social_media"
    PHONE_CONTACT = "phone_contact"
    LIVES_WITH = "lives_with"


class PlaceType(StrEnum):
    """What kind of place a location is; linked deaths often share one."""

    RESIDENTIAL = "residential"
    PARK = "park"
    CHURCHYARD = "churchyard"
    HOTEL = "hotel"
    HOSTEL = "hostel"
    LICENSED_PREMISES = "licensed_premises"
    HOSPITAL = "hospital"
    CARE_HOME = "care_home"
    RIVER = "river"
    STREET = "street"
    PUBLIC_PLACE = "public_place"  # open ground, a car park, public toilets: no better code
    RETAIL = "retail"
    TRANSPORT = "transport"
    POSTCODE = "postcode"
    AREA = "area"
    OTHER = "other"


class ApparentCause(StrEnum):
    """Apparent cause of death as first recorded, before the coroner's finding."""

    DRUG_TOXICITY = "drug_toxicity"
    ALCOHOL = "alcohol"
    HANGING = "hanging"
    DROWNING = "drowning"
    FALL = "fall"
    BLUNT_FORCE = "blunt_force"
    SHARP_FORCE = "sharp_force"
    ASPHYXIA = "asphyxia"
    FIRE = "fire"
    ROAD_TRAFFIC = "road_traffic"
    NATURAL = "natural"
    UNKNOWN = "unknown"


class DeathClassification(StrEnum):
    """Police classification of a death report."""

    EXPECTED = "expected"
    UNEXPECTED_NON_SUSPICIOUS = "unexpected_non_suspicious"
    UNEXPLAINED = "unexplained"
    SUSPICIOUS = "suspicious"
    HOMICIDE = "homicide"


class CoronerOutcome(StrEnum):
    """Inquest conclusion (or ``pending`` while the coroner's process runs)."""

    PENDING = "pending"
    NATURAL_CAUSES = "natural_causes"
    ACCIDENT = "accident"
    MISADVENTURE = "misadventure"
    DRUG_RELATED = "drug_related"
    SUICIDE = "suicide"
    UNLAWFUL_KILLING = "unlawful_killing"
    OPEN = "open"
    NARRATIVE = "narrative"


class InvestigationStatus(StrEnum):
    """Whether a police investigation is still open."""

    OPEN = "open"
    CLOSED = "closed"


class OffenceCategory(StrEnum):
    """Offence or incident category, after translating each force's codes."""

    HOMICIDE = "homicide"
    ATTEMPTED_MURDER = "attempted_murder"
    VIOLENCE_WITH_INJURY = "violence_with_injury"
    VIOLENCE_WITHOUT_INJURY = "violence_without_injury"
    VIOLENCE_AND_SEXUAL_OFFENCES = "violence_and_sexual_offences"  # police.uk's combined category
    NON_FATAL_STRANGULATION = "non_fatal_strangulation"
    STALKING_HARASSMENT = "stalking_harassment"
    COERCIVE_CONTROL = "coercive_control"
    THREATS_TO_KILL = "threats_to_kill"
    SEXUAL_OFFENCE = "sexual_offence"
    ROBBERY = "robbery"
    BURGLARY = "burglary"
    THEFT = "theft"
    VEHICLE_CRIME = "vehicle_crime"
    CRIMINAL_DAMAGE = "criminal_damage"
    DRUGS = "drugs"
    WEAPONS = "weapons"
    PUBLIC_ORDER = "public_order"
    ANTI_SOCIAL_BEHAVIOUR = "anti_social_behaviour"
    DOMESTIC_INCIDENT = "domestic_incident"
    CONCERN_FOR_WELFARE = "concern_for_welfare"
    MISSING_PERSON = "missing_person"
    OTHER = "other"


class RiskMarker(StrEnum):
    """Markers recorded on an incident that signal escalation risk (DASH, Monckton Smith)."""

    STRANGULATION = "strangulation"
    THREATS_TO_KILL = "threats_to_kill"
    STALKING = "stalking"
    COERCIVE_CONTROL = "coercive_control"
    SEPARATION = "separation"
    WEAPON = "weapon"
    SUICIDE_THREAT = "suicide_threat"
    INJURY = "injury"
    PREGNANCY = "pregnancy"
    CHILD_PRESENT = "child_present"
    SUBSTANCE_MISUSE = "substance_misuse"
    ESCALATION = "escalation"


class Agency(StrEnum):
    """The partner agency that held a contact."""

    POLICE = "police"
    NHS = "nhs"
    LOCAL_AUTHORITY = "local_authority"
    OTHER = "other"


class ContactType(StrEnum):
    """What a partner contact was."""

    AE_ATTENDANCE = "ae_attendance"
    MENTAL_HEALTH_CONTACT = "mental_health_contact"
    GP_CONTACT = "gp_contact"
    AMBULANCE_CALLOUT = "ambulance_callout"
    SAFEGUARDING_REFERRAL = "safeguarding_referral"
    SOCIAL_CARE = "social_care"
    HOUSING = "housing"
    ANTI_SOCIAL_BEHAVIOUR = "anti_social_behaviour"
    MARAC_REFERRAL = "marac_referral"
    OTHER = "other"


class OrganisationType(StrEnum):
    """Kinds of organisation that hold records."""

    POLICE_FORCE = "police_force"
    NHS_TRUST = "nhs_trust"
    GP_PRACTICE = "gp_practice"
    LOCAL_AUTHORITY = "local_authority"
    CORONER = "coroner"
    CHARITY = "charity"
    BUSINESS = "business"
    OTHER = "other"


class ObjectKind(StrEnum):
    """Objects that link people and events."""

    PHONE = "phone"
    VEHICLE = "vehicle"
    WEAPON = "weapon"
    EMAIL = "email"
    EVIDENCE = "evidence"
    OTHER = "other"


class CommunicationChannel(StrEnum):
    """How a communication was made."""

    CALL = "call"
    SMS = "sms"
    OTHER = "other"


class CommunicationRole(StrEnum):
    """Which end of a communication a phone was."""

    CALLER = "caller"
    CALLED = "called"


class ReviewStatus(StrEnum):
    """Where a record-linkage candidate pair stands with its human reviewer."""

    PENDING = "pending"
    ACCEPTED = "accepted"
    REJECTED = "rejected"


class IdentityChangeKind(StrEnum):
    """How the set of people changed: two became one, or one became two."""

    MERGE = "merge"
    SPLIT = "split"


class LoadStatus(StrEnum):
    """State of an ingest run."""

    RUNNING = "running"
    COMPLETED = "completed"
    FAILED = "failed"
