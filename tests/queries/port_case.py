"""A small Port-like case written through the project's store: one man finds a death, and
before it he was the suspect in a drug-facilitated assault and the reporter of another death.

Dates (the reviewed death is found on 2024-06-01; the window is 24 months):

- 2021-03-01  F suspect in an assault: before the window, never shown.
- 2023-11-20  death D1 (Y), reported by F: shown, as F's (found_by) earlier death.
- 2024-02-10  incident I1, drug-facilitated assault allegation, F suspect, X victim: shown.
- 2024-03-01  incident IW, W (only a witness of D2) a victim: not shown.
- 2024-04-01  NHS contact of V, the deceased: shown, as before.
- 2024-06-01  death D2 (V), found by F, witnessed by W: the death under review.
- 2024-07-01  incident IL, F suspect: after the death, never shown.

The incident I1 has its own earlier incident I0 (2023-09-01, F suspect) for the incident path.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

import neo4j

from graph_model.kinds import (
    Agency,
    ApparentCause,
    ContactType,
    DeathRole,
    IncidentRole,
    OffenceCategory,
    SourceSystem,
)
from graph_model.nodes import Death, Incident, PartnerContact, Person
from graph_model.relationships import HadContact, PartyToDeath, PartyToIncident
from graph_model.store import GraphStore

DRUG_ASSAULT = "Allegation of a drug-facilitated sexual assault after a party; GHB suspected."


@dataclass(frozen=True)
class PortCase:
    """The ids the tests aim at."""

    finder: str
    deceased: str
    witness: str
    earlier_victim: str
    earlier_deceased: str
    death: str
    earlier_death: str
    drug_assault: str
    witness_incident: str
    later_incident: str
    old_incident: str
    first_incident: str
    contact: str


def write_port_case(driver: neo4j.Driver, database: str, prefix: str) -> PortCase:
    """Write the case with ids under ``prefix`` (the ``namespace`` fixture deletes them)."""
    case = PortCase(
        finder=f"{prefix}person-f",
        deceased=f"{prefix}person-v",
        witness=f"{prefix}person-w",
        earlier_victim=f"{prefix}person-x",
        earlier_deceased=f"{prefix}person-y",
        death=f"{prefix}death-d2",
        earlier_death=f"{prefix}death-d1",
        drug_assault=f"{prefix}incident-i1",
        witness_incident=f"{prefix}incident-iw",
        later_incident=f"{prefix}incident-il",
        old_incident=f"{prefix}incident-iold",
        first_incident=f"{prefix}incident-i0",
        contact=f"{prefix}contact-c1",
    )
    loaded = {"load_run_id": f"{prefix}run", "loaded_at": datetime(2024, 8, 1, tzinfo=UTC)}

    def source(system: SourceSystem, record: str) -> dict[str, object]:
        return {"source_system": system, "source_record_id": record, **loaded}

    people = [
        Person(
            id=person,
            given_names=name,
            family_name="Testcase",
            **source(SourceSystem.LINKWATCH, name),
        )
        for person, name in (
            (case.finder, "Finn"),
            (case.deceased, "Vic"),
            (case.witness, "Wes"),
            (case.earlier_victim, "Xan"),
            (case.earlier_deceased, "Yul"),
        )
    ]

    def death(key: str, day: date, circumstances: str) -> Death:
        return Death(
            id=key,
            date_found=day,
            apparent_cause=ApparentCause.DRUG_TOXICITY,
            substances=["GHB"],
            circumstances=circumstances,
            **source(SourceSystem.DEATH_REPORTS, key),
        )

    def incident(key: str, day: date, offence: OffenceCategory, description: str) -> Incident:
        return Incident(
            id=key,
            occurred_on=day,
            offence_category=offence,
            description=description,
            **source(SourceSystem.POLICE_RECORDS, key),
        )

    events = [
        death(case.death, date(2024, 6, 1), "Found in a flat by a man who called it in."),
        death(case.earlier_death, date(2023, 11, 20), "Reported by a man she had met."),
        incident(
            case.drug_assault, date(2024, 2, 10), OffenceCategory.SEXUAL_OFFENCE, DRUG_ASSAULT
        ),
        incident(case.witness_incident, date(2024, 3, 1), OffenceCategory.THEFT, "Bike stolen."),
        incident(
            case.later_incident, date(2024, 7, 1), OffenceCategory.PUBLIC_ORDER, "Later affray."
        ),
        incident(
            case.old_incident,
            date(2021, 3, 1),
            OffenceCategory.VIOLENCE_WITH_INJURY,
            "Old assault.",
        ),
        incident(case.first_incident, date(2023, 9, 1), OffenceCategory.DRUGS, "Found with GHB."),
        PartnerContact(
            id=case.contact,
            agency=Agency.NHS,
            contact_type=ContactType.AE_ATTENDANCE,
            contacted_on=date(2024, 4, 1),
            reason="Collapsed after a night out",
            **source(SourceSystem.NHS, case.contact),
        ),
    ]

    def ends(source_id: str, target_id: str) -> dict[str, object]:
        return {
            "source_id": source_id,
            "target_id": target_id,
            **source(SourceSystem.POLICE_RECORDS, f"{source_id}->{target_id}"),
        }

    ties = [
        PartyToDeath(role=DeathRole.DECEASED, **ends(case.deceased, case.death)),
        PartyToDeath(role=DeathRole.FOUND_BY, **ends(case.finder, case.death)),
        PartyToDeath(role=DeathRole.WITNESS, **ends(case.witness, case.death)),
        PartyToDeath(role=DeathRole.DECEASED, **ends(case.earlier_deceased, case.earlier_death)),
        PartyToDeath(role=DeathRole.REPORTED_BY, **ends(case.finder, case.earlier_death)),
        PartyToIncident(role=IncidentRole.SUSPECT, **ends(case.finder, case.drug_assault)),
        PartyToIncident(role=IncidentRole.VICTIM, **ends(case.earlier_victim, case.drug_assault)),
        PartyToIncident(role=IncidentRole.VICTIM, **ends(case.witness, case.witness_incident)),
        PartyToIncident(role=IncidentRole.SUSPECT, **ends(case.finder, case.later_incident)),
        PartyToIncident(role=IncidentRole.SUSPECT, **ends(case.finder, case.old_incident)),
        PartyToIncident(role=IncidentRole.SUSPECT, **ends(case.finder, case.first_incident)),
        HadContact(**ends(case.deceased, case.contact)),
    ]
    store = GraphStore(driver, database)
    store.upsert_nodes([*people, *events])
    result = store.upsert_relationships(ties)
    assert result.missing_end == [], result.missing_end
    return case
