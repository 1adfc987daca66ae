"""Source systems and source priority are declared in the mapping (#14 item 2): a force adds
ambulance or probation data without code, a health system's contacts are health data, and
which source's spelling wins a tie between a person's records is the mapping's choice."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import neo4j
import pytest

from graph_model.errors import InvalidInput
from graph_model.kinds import Sector
from ingest.mapping.loader import parse_mapping
from ingest.persons import build_person, stored_record
from ingest.rows import PersonRecord
from queries.people import person_profile
from tests.ingest.db_helpers import LoadTracker

AMBULANCE = """
name: riverside-ambulance
source_system: riverside_ambulance
source_systems:
  riverside_ambulance:
    organisation: Riverside Ambulance Service NHS Trust
    sector: health
  riverside_probation:
    organisation: Riverside Probation Delivery Unit
    sector: probation
files:
  - name: callouts
    path: callouts.csv
    priority: 2
    record_id: {column: ref}
    nodes:
      - kind: PartnerContact
        key: {template: "contact:amb:{ref}"}
        properties:
          agency: {value: nhs}
          contact_type: {value: ambulance_callout}
          contacted_on: {column: date, date_format: "%d/%m/%Y"}
    person_records:
      - key: {template: "callouts:{ref}"}
        fields:
          given_names: forename
          family_name: surname
          date_of_birth: {column: dob, date_format: "%d/%m/%Y"}
    relationships:
      - kind: HadContact
        source: {person_record: {template: "callouts:{ref}"}}
        target: {node: {template: "contact:amb:{ref}"}}
  - name: supervision
    path: supervision.csv
    source_system: riverside_probation
    priority: 1
    record_id: {column: ref}
    nodes:
      - kind: PartnerContact
        key: {template: "contact:prob:{ref}"}
        properties:
          agency: {value: other}
          contact_type: {value: other}
          contacted_on: {column: date, date_format: "%d/%m/%Y"}
    person_records:
      - key: {template: "supervision:{ref}"}
        fields:
          given_names: forename
          family_name: surname
          date_of_birth: {column: dob, date_format: "%d/%m/%Y"}
    relationships:
      - kind: HadContact
        source: {person_record: {template: "supervision:{ref}"}}
        target: {node: {template: "contact:prob:{ref}"}}
"""


@pytest.fixture
def tracker(driver: neo4j.Driver, target, tmp_path: Path) -> Iterator[LoadTracker]:
    tracker = LoadTracker(driver, target.database, tmp_path / "quarantine")
    yield tracker
    tracker.clean()


def test_a_mapping_declares_systems_with_organisation_and_sector() -> None:
    mapping = parse_mapping(AMBULANCE, origin="ambulance.yaml")
    callouts, supervision = mapping.files
    assert mapping.system_of(callouts) == "riverside_ambulance"
    assert mapping.system_of(supervision) == "riverside_probation"
    assert mapping.sector_of("riverside_ambulance") is Sector.HEALTH
    assert mapping.organisation_of("riverside_probation") == "Riverside Probation Delivery Unit"
    assert mapping.sector_of("nhs") is Sector.HEALTH  # built in
    assert (callouts.priority, supervision.priority) == (2, 1)


def test_an_undeclared_system_is_refused_naming_its_line() -> None:
    text = AMBULANCE.replace(
        "    source_system: riverside_probation\n", "    source_system: riverside_probaton\n"
    )
    line = text.splitlines().index("    source_system: riverside_probaton") + 1
    with pytest.raises(InvalidInput) as refused:
        parse_mapping(text, origin="ambulance.yaml")
    assert f"line {line} (files.1.source_system)" in refused.value.message
    assert "'riverside_probaton'" in refused.value.message
    assert "nor declared under source_systems" in refused.value.message


def test_a_built_in_system_cannot_be_declared_again_nor_a_bad_name_used() -> None:
    redeclared = AMBULANCE.replace("  riverside_probation:\n", "  nhs:\n")
    with pytest.raises(InvalidInput, match=r"source_systems \['nhs'\] are built in"):
        parse_mapping(redeclared, origin="ambulance.yaml")
    badly_named = AMBULANCE.replace("  riverside_probation:\n", "  Riverside Probation:\n")
    with pytest.raises(InvalidInput, match=r"line \d+ \(source_systems"):
        parse_mapping(badly_named, origin="ambulance.yaml")
    bad_sector = AMBULANCE.replace("sector: probation", "sector: probaton")
    with pytest.raises(InvalidInput, match=r"line \d+ \(source_systems\.riverside_probation"):
        parse_mapping(bad_sector, origin="ambulance.yaml")


def _record(key: str, given: str, priority: int | None) -> PersonRecord:
    return PersonRecord(
        key=key,
        source=key.split(":")[0],
        fields={"given_names": given, "family_name": "Okafor", "date_of_birth": date(1990, 1, 2)},
        source_file="x.csv",
        row_number=2,
        source_system="riverside_probation",
        source_record_id=key,
        priority=priority,
    )


def test_the_mapping_priority_decides_a_tie_between_spellings() -> None:
    provenance = {"load_run_id": "run-x", "loaded_at": datetime.now(UTC)}
    callout = _record("callouts:1", "Jon", 2)
    supervision = _record("supervision:1", "John", 1)
    assert build_person("person:a", [callout, supervision], provenance=provenance).given_names == (
        "John"
    )
    supervision_last = _record("supervision:1", "John", 3)
    person = build_person("person:a", [callout, supervision_last], provenance=provenance)
    assert person.given_names == "Jon"
    unranked = _record("supervision:1", "John", None)  # no priority: after those with one
    person = build_person("person:a", [unranked, callout], provenance=provenance)
    assert person.given_names == "Jon"


def test_declared_systems_load_with_their_sector_and_priority(
    tracker: LoadTracker, tmp_path: Path
) -> None:
    folder = tmp_path / "delivery"
    folder.mkdir()
    (folder / "callouts.csv").write_text(
        "ref,forename,surname,dob,date\nA1,Adaeze,Okafor,02/01/1990,03/04/2025\n",
        encoding="utf-8",
    )
    (folder / "supervision.csv").write_text(
        "ref,forename,surname,dob,date\nP1,Tomasz,Wrobel,05/06/1985,07/08/2025\n",
        encoding="utf-8",
    )
    report = tracker.load(folder, parse_mapping(AMBULANCE, origin="ambulance.yaml"))
    assert not report.failed
    contacts = {
        row["id"]: row
        for row in tracker.driver.execute_query(
            "MATCH (c:PartnerContact) WHERE c.id STARTS WITH 'contact:amb:' "
            "OR c.id STARTS WITH 'contact:prob:' "
            "RETURN c.id AS id, c.health_data AS health, c.source_system AS system",
            database_=tracker.database,
        ).records
    }
    assert contacts["contact:amb:A1"]["health"] is True  # a health system's contact
    assert not contacts["contact:prob:P1"]["health"]  # not set: the default, False
    assert contacts["contact:prob:P1"]["system"] == "riverside_probation"
    sources = tracker.driver.execute_query(
        "MATCH (d:DataSource) WHERE d.name STARTS WITH 'riverside_' "
        "RETURN d.name AS name, d.organisation AS organisation, d.sector AS sector, "
        "d.declared_by AS declared_by ORDER BY name",
        database_=tracker.database,
    ).records
    assert [(r["name"], r["sector"], r["declared_by"]) for r in sources] == [
        ("riverside_ambulance", "health", "riverside-ambulance"),
        ("riverside_probation", "probation", "riverside-ambulance"),
    ]
    stored = tracker.driver.execute_query(
        "MATCH (s:SourceRecord {id: 'supervision:P1'})-[:DESCRIBES]->(p:Person) "
        "RETURN properties(s) AS record, p.id AS person",
        database_=tracker.database,
    ).records[0]
    assert stored["record"]["source_priority"] == 1
    assert stored_record(stored["record"]).priority == 1
    profile = person_profile(tracker.driver, tracker.database, stored["person"])
    assert [(s["system"], s["organisation"]) for s in profile["sources"]] == [
        ("riverside_probation", "Riverside Probation Delivery Unit")
    ]
