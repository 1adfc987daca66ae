"""The Wrekinvale ambulance layout (tests/data/ambulance), unlike the generator's, POLE's and
Riverside's: a declared health system with a priority, a pipe-delimited export with a line
under its header, "SURNAME, Forename" names, placeholder names left out by null_values, and
address and postcode in one column. It passes `linkwatch mapping check` and loads with the
counts its twelve rows imply; a bad row is shown, not loaded."""

from __future__ import annotations

import shutil
from pathlib import Path

import neo4j
import pytest

from ingest.mapping.check import check_delivery
from ingest.mapping.loader import load_mapping
from tests.cli.helpers import run_linkwatch
from tests.ingest.db_helpers import LoadTracker

AMBULANCE = Path(__file__).resolve().parents[1] / "data" / "ambulance"
MAPPING = AMBULANCE / "ambulance.yaml"
EXTRACT = "patient_care_records.csv"
#: Nothing listens here: `mapping check` must not need a database.
NO_DATABASE = {"NEO4J_URI": "bolt://127.0.0.1:9", "LINKWATCH_NEO4J_BOLT_PORT": "9"}


def _delivery(tmp_path: Path) -> Path:
    folder = tmp_path / "delivery"
    folder.mkdir(parents=True)
    shutil.copy(AMBULANCE / EXTRACT, folder)
    return folder


@pytest.fixture
def tracker(driver: neo4j.Driver, target, tmp_path: Path):
    loads = LoadTracker(driver, target.database, tmp_path / "quarantine")
    yield loads
    loads.clean()


def test_the_layout_passes_mapping_check(tmp_path: Path) -> None:
    run = run_linkwatch("mapping", "check", str(MAPPING), str(_delivery(tmp_path)), env=NO_DATABASE)
    assert run.code == 0, run.stderr
    assert "Traceback" not in run.stderr + run.stdout
    assert "│ patient_care_records │ patient_care_records.csv │ 12   │ 12" in run.stdout, run.stdout
    assert "columns the mapping does not read: Crew Notes" in run.stdout
    report = check_delivery([_delivery(tmp_path / "again")], load_mapping(str(MAPPING)))
    [checked] = report.files
    assert (checked.rows, checked.quarantined, checked.unmatched) == (12, 0, {})


def test_bad_rows_are_shown_by_row_and_mapping_line(tmp_path: Path) -> None:
    folder = _delivery(tmp_path)
    extract = folder / EXTRACT
    extract.write_text(
        extract.read_text(encoding="utf-8")
        + "WK-25-00320|31/02/2025 08:00|REES, Carys|01/01/1980|F|-|NFA|Fall|NC|\n"
        + "WK-25-00333|15/03/2025 08:30|Crew member|N/K|M|-|NFA|Fall|NC|\n",
        encoding="utf-8",
    )
    run = run_linkwatch("mapping", "check", str(MAPPING), str(folder), env=NO_DATABASE)
    assert run.code == 0 and "Traceback" not in run.stderr + run.stdout  # loadable, 2 bad rows
    out = run.stdout
    assert "Rows that would be quarantined (first 2 of 2)" in out, out
    line = next(
        n for n, text in enumerate(MAPPING.read_text().splitlines(), 1) if "contacted_at:" in text
    )
    assert "│ 15  │ WK-25-00320 │ contacted_at (Date/Time of Call) │ 31/02/2025 08:00" in out, out
    assert f"(mapping line {line})" in out
    assert "│ 16  │ WK-25-00333 │" in out and "not a person's name" in out


def test_the_layout_loads_with_the_counts_its_rows_imply(
    tracker: LoadTracker, tmp_path: Path
) -> None:
    report = tracker.load(_delivery(tmp_path), load_mapping(str(MAPPING)))
    assert not report.failed and report.quarantine_file is None, report.sources
    assert report.sources[f"patient_care_records:{EXTRACT}"].rows == 12
    assert report.person_records == 10  # the 2 unnamed callers left out
    ours = "WHERE n.load_run_id IN $runs"

    def count(pattern: str) -> int:
        return tracker.count(f"MATCH {pattern} {ours} RETURN count(n)", runs=tracker.runs)

    assert count("(n:PartnerContact)") == 12  # every call, named patient or not
    assert count("(n:PartnerContact {health_data: true, contact_type: 'ambulance_callout'})") == 12
    assert count("(n:Organisation {organisation_type: 'nhs_trust'})") == 1
    assert count("(n:Place)") == 8  # 10 named patients: one of no fixed abode, one called twice
    assert count("(n:SourceRecord {source_priority: 3})") == 10  # the 2 unnamed left out
    assert count("()-[n:HAD_CONTACT]->()") == 10
    assert count("()-[n:RECORDED_BY]->()") == 12
    people = tracker.driver.execute_query(
        "MATCH (s:SourceRecord)-[:DESCRIBES]->(p:Person) WHERE s.load_run_id IN $runs "
        "RETURN p.family_name AS family, p.given_names AS given, p.sex AS sex, "
        "p.nhs_number AS nhs, count(s) AS records ORDER BY family",
        runs=tracker.runs,
        database_=tracker.database,
    ).records
    assert [(r["family"], r["given"], r["records"]) for r in people] == [
        ("Adeyemi", "Tunde", 1),
        ("Da Silva", "Beatriz", 1),
        ("Evans", "Gareth", 1),
        ("Hussain", "Imran", 1),
        ("Lindqvist", "Maja", 1),
        ("Mcbride", "Siobhan", 1),
        ("Okafor", "Adaeze", 2),  # called twice: one person
        ("Patel", "Nikhil", 1),
        ("Wrobel", "Tomasz", 1),
    ]
    okafor = next(r for r in people if r["family"] == "Okafor")
    assert (okafor["sex"], okafor["nhs"]) == ("female", "9990004110")
    lives = tracker.count(
        "MATCH (p:Person)-[n:LIVES_AT]->(:Place {postcode: 'WK2 4DN'}) "
        "WHERE p.family_name = 'Okafor' AND n.load_run_id IN $runs RETURN count(n)",
        runs=tracker.runs,
    )
    assert lives == 1
    [source] = tracker.driver.execute_query(
        "MATCH (d:DataSource {name: 'wrekinvale_ambulance'}) "
        "RETURN d.organisation AS organisation, d.sector AS sector, d.declared_by AS by",
        database_=tracker.database,
    ).records
    assert dict(source) == {
        "organisation": "Wrekinvale Ambulance Service NHS Trust",
        "sector": "health",
        "by": "wrekinvale-ambulance",
    }
