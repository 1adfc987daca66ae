"""One fully populated example of every node and relationship kind."""

from __future__ import annotations

from datetime import UTC, date, datetime

from graph_model.base import GeoPoint, GraphNode, GraphRelationship
from graph_model.kinds import (
    Agency,
    ApparentCause,
    AssociationKind,
    CommunicationChannel,
    CommunicationRole,
    ContactType,
    CoronerOutcome,
    DeathClassification,
    DeathRole,
    IncidentRole,
    InvestigationStatus,
    LoadStatus,
    ObjectKind,
    OffenceCategory,
    OrganisationType,
    PlaceType,
    ProtectiveMarking,
    ReviewStatus,
    RiskMarker,
    Sex,
    SourceSystem,
)
from graph_model.nodes import (
    Communication,
    Death,
    Incident,
    LinkReview,
    LoadRun,
    Organisation,
    PartnerContact,
    Person,
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
    LivesAt,
    ObjectInDeath,
    ObjectInIncident,
    PartyToDeath,
    PartyToIncident,
    PlaceWithin,
    UsesObject,
)

LOADED_AT = datetime(2026, 11, 1, 9, 30, 15, tzinfo=UTC)


def provenance(system: SourceSystem, record: str) -> dict[str, object]:
    return {
        "source_system": system,
        "source_record_id": record,
        "load_run_id": "run-1",
        "loaded_at": LOADED_AT,
        "marking": ProtectiveMarking.OFFICIAL_SENSITIVE,
    }


def example_nodes(prefix: str) -> dict[str, GraphNode]:
    police = provenance(SourceSystem.POLICE_RECORDS, "INC-1")
    return {
        "victim": Person(
            id=f"{prefix}person-1",
            given_names="Aisha",
            family_name="O'Neill-Khan",
            aliases=["Ash", "<img src=x onerror=alert(1)>"],
            date_of_birth=date(1994, 2, 28),
            sex=Sex.FEMALE,
            nhs_number="943 476 5919",
            pnc_id="94/123456A",
            **provenance(SourceSystem.LINKWATCH, "P-1"),
        ),
        "suspect": Person(
            id=f"{prefix}person-2",
            given_names="Daniel",
            family_name="Price",
            sex=Sex.MALE,
            **provenance(SourceSystem.LINKWATCH, "P-2"),
        ),
        "place": Place(
            id=f"{prefix}place-1",
            address="12 Castle Street, Shrewsbury",
            postcode="sy1 2ab",
            location=GeoPoint(latitude=52.7077, longitude=-2.7540),
            place_type=PlaceType.RESIDENTIAL,
            area="Shropshire",
            **provenance(SourceSystem.PEOPLE_REGISTER, "ADDR-1"),
        ),
        "death": Death(
            id=f"{prefix}death-1",
            date_found=date(2024, 2, 29),
            apparent_cause=ApparentCause.DRUG_TOXICITY,
            substances=["GHB", "alcohol"],
            circumstances='Found by a dog walker; =HYPERLINK("x") kept as text',
            classification=DeathClassification.UNEXPLAINED,
            coroner_outcome=CoronerOutcome.PENDING,
            investigation_status=InvestigationStatus.OPEN,
            **provenance(SourceSystem.DEATH_REPORTS, "DR-1"),
        ),
        "incident": Incident(
            id=f"{prefix}incident-1",
            occurred_on=date(2024, 1, 14),
            offence_category=OffenceCategory.NON_FATAL_STRANGULATION,
            description="Neighbour heard shouting.",
            risk_markers=[RiskMarker.STRANGULATION, RiskMarker.SEPARATION],
            domestic=True,
            crime_reference="22/12345/24",
            outcome="Suspect arrested",
            **police,
        ),
        "contact": PartnerContact(
            id=f"{prefix}contact-1",
            agency=Agency.NHS,
            contact_type=ContactType.AE_ATTENDANCE,
            contacted_on=date(2024, 1, 15),
            reason="Neck bruising",
            outcome="Discharged",
            health_data=True,
            **provenance(SourceSystem.NHS, "AE-1"),
        ),
        "organisation": Organisation(
            id=f"{prefix}org-1",
            name="West Mercia Police",
            organisation_type=OrganisationType.POLICE_FORCE,
            **provenance(SourceSystem.LINKWATCH, "ORG-1"),
        ),
        "object": PoleObject(
            id=f"{prefix}object-1",
            object_kind=ObjectKind.PHONE,
            identifier="07700 900123",
            description="Black smartphone",
            **police,
        ),
        "source_record": SourceRecord(
            id=f"{prefix}sr-1",
            source_file="nhs_extract.csv",
            row_number=17,
            recorded_name="AISHA ONEILL",
            recorded_date_of_birth=date(1994, 2, 28),
            recorded_postcode="SY1 2AB",
            recorded_nhs_number="9434765919",
            **provenance(SourceSystem.NHS, "AE-1"),
        ),
        "postcode": Place(
            id=f"{prefix}postcode-1",
            name="SY1 2AB",
            postcode="SY1 2AB",
            place_type=PlaceType.POSTCODE,
            source_type="PostCode",
            **provenance(SourceSystem.POLE, "16960"),
        ),
        "call": Communication(
            id=f"{prefix}call-1",
            occurred_on=date(2024, 1, 13),
            occurred_time="23:49",
            duration_seconds=39,
            channel=CommunicationChannel.SMS,
            **provenance(SourceSystem.POLE, "16945"),
        ),
        "review": LinkReview(
            id=f"{prefix}review-1",
            record_a="nhs_extract:AE-1",
            record_b="police_nominals:NOM1",
            probability=0.71,
            evidence_json='{"dob": "day/month swapped"}',
            status=ReviewStatus.REJECTED,
            decided_by="analyst1",
            decided_at=datetime(2026, 11, 2, 10, 0, tzinfo=UTC),
            note="Different people: twins",
            **provenance(SourceSystem.LINKWATCH, "review-1"),
        ),
        "load_run": LoadRun(
            id=f"{prefix}run-1",
            started_at=LOADED_AT,
            finished_at=datetime(2026, 11, 1, 9, 31, tzinfo=UTC),
            status=LoadStatus.COMPLETED,
            loaded_by="analyst1",
            mapping="generator",
            files=["police.csv sha256:abc"],
            counts_json='{"police": {"loaded": 10}}',
            **provenance(SourceSystem.LINKWATCH, "run-1"),
        ),
        "sharing": Sharing(
            id=f"{prefix}sharing-1",
            subject=f"{prefix}person-1",
            meeting="MARAC <b>2026-12-03</b>",
            organisation="council",
            until=date(2026, 12, 10),
            shared_by="investigator1",
            shared_at=datetime(2026, 11, 30, 14, 0, tzinfo=UTC),
            justification="MARAC/2026/117",
            salt="0f" * 16,
            **provenance(SourceSystem.LINKWATCH, "sharing-1"),
        ),
    }


def example_relationships(nodes: dict[str, GraphNode]) -> list[GraphRelationship]:
    def ends(source: str, target: str) -> dict[str, object]:
        return {
            "source_id": nodes[source].id,
            "target_id": nodes[target].id,
            **provenance(SourceSystem.POLICE_RECORDS, f"{source}->{target}"),
        }

    return [
        PartyToIncident(role=IncidentRole.VICTIM, **ends("victim", "incident")),
        PartyToIncident(role=IncidentRole.SUSPECT, **ends("suspect", "incident")),
        PartyToDeath(role=DeathRole.DECEASED, **ends("victim", "death")),
        PartyToDeath(role=DeathRole.LAST_SEEN_WITH, **ends("suspect", "death")),
        IncidentOccurredAt(**ends("incident", "place")),
        DeathFoundAt(**ends("death", "place")),
        LivesAt(since=date(2020, 5, 1), **ends("victim", "place")),
        AssociatedWith(
            kind=AssociationKind.EX_PARTNER,
            since=date(2019, 1, 1),
            until=date(2023, 12, 1),
            detail="ex-partner",
            **ends("victim", "suspect"),
        ),
        HadContact(**ends("victim", "contact")),
        ContactRecordedBy(**ends("contact", "organisation")),
        IncidentRecordedBy(**ends("incident", "organisation")),
        UsesObject(since=date(2023, 1, 1), **ends("suspect", "object")),
        ObjectInIncident(**ends("object", "incident")),
        ObjectInDeath(**ends("object", "death")),
        PlaceWithin(**ends("place", "postcode")),
        CommunicationParty(role=CommunicationRole.CALLER, **ends("object", "call")),
        InvestigatedBy(**ends("incident", "suspect")),
        Describes(
            match_probability=0.97,
            evidence_json='{"dob": "exact"}',
            **ends("source_record", "victim"),
        ),
    ]
