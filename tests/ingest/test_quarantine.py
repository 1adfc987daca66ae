"""Bad rows are quarantined with file, row, field, value and reason; the rest loads; files
that are not what the mapping says stop only themselves."""

from __future__ import annotations

import csv
import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import neo4j
import pytest

from ingest.mapping.loader import load_mapping
from synthetic.config import Scale, config_for
from synthetic.generator import generate
from tests.cli.helpers import run_linkwatch
from tests.ingest.db_helpers import LoadTracker

PAYLOAD = '=HYPERLINK("http://example.invalid","click") <script>alert(1)</script>'


def _append(path: Path, rows: list[dict[str, str]]) -> None:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        header = next(csv.reader(handle))
    with path.open("a", encoding="utf-8", newline="") as handle:
        writer = csv.writer(
            handle, lineterminator="\r\n" if path.name.startswith("police") else "\n"
        )
        for row in rows:
            writer.writerow([row.get(column, "") for column in header])


def _occurrence(ref: str, **changes: str) -> dict[str, str]:
    row = {
        "OccurrenceRef": ref,
        "OffenceCode": "49/1",
        "OffenceDescription": "Other theft",
        "CommittedFrom": "05/01/2024 10:00",
        "LocationText": "1 Test Street, Worcester",
        "LocationPostcode": "WR1 1AA",
        "Latitude": "52.19",
        "Longitude": "-2.22",
        "DomesticAbuseFlag": "N",
        "RiskMarkers": "",
        "Summary": "Test row",
        "Outcome": "Closed",
    }
    return {**row, **changes}


def _nominal(ref: str, **changes: str) -> dict[str, str]:
    row = {
        "NominalRef": ref,
        "Surname": "TESTER",
        "Forename": "Tina",
        "DateOfBirth": "01/02/1990",
        "Sex": "F",
        "HomeAddress": "1 Test Street, Worcester",
        "HomePostcode": "WR1 1AA",
    }
    return {**row, **changes}


#: (file, row, the field the quarantine entry must name, words its reason must contain)
BAD_ROWS = [
    ("police_occurrences.csv", _occurrence(""), "record_id", "blank"),
    (
        "police_occurrences.csv",
        _occurrence("BAD-02", CommittedFrom="31/02/2024 10:00"),
        "occurred_at",
        "not a date",
    ),
    (
        "police_occurrences.csv",
        _occurrence("BAD-03", CommittedFrom="2024-01-05"),
        "occurred_at",
        "not a date",
    ),
    (
        "police_occurrences.csv",
        _occurrence("BAD-04", CommittedFrom="01/01/2099 10:00"),
        "occurred_on",
        "future",
    ),
    (
        "police_occurrences.csv",
        _occurrence("BAD-05", OffenceCode="ZZ/9"),
        "offence_category",
        "unknown code 'ZZ/9'",
    ),
    (
        "police_occurrences.csv",
        _occurrence("BAD-06", RiskMarkers="STRANG;FOO"),
        "risk_markers",
        "unknown code 'FOO'",
    ),
    (
        "police_occurrences.csv",
        _occurrence("BAD-07", DomesticAbuseFlag="maybe"),
        "domestic",
        "unknown code",
    ),
    (
        "police_occurrences.csv",
        _occurrence("BAD-08", Latitude="north"),
        "location",
        "not a coordinate pair",
    ),
    (
        "police_occurrences.csv",
        _occurrence("BAD-09", Latitude="95.0"),
        "location",
        "less than or equal to 90",
    ),
    (
        "police_occurrences.csv",
        _occurrence("BAD-10", LocationPostcode="NOT A POSTCODE"),
        "postcode",
        "not a UK postcode",
    ),
    (
        "police_nominals.csv",
        _nominal("BADNOM11", DateOfBirth="32/13/1990"),
        "date_of_birth",
        "not a date",
    ),
    (
        "police_nominals.csv",
        _nominal("BADNOM12", DateOfBirth="01/01/2090"),
        "date_of_birth",
        "impossible",
    ),
    ("police_nominals.csv", _nominal("BADNOM13", Sex="X"), "sex", "unknown code 'X'"),
    (
        "police_nominals.csv",
        _nominal("BADNOM14", Surname="", Forename=""),
        "person_record",
        "names nobody",
    ),
    ("police_nominals.csv", _nominal(""), "record_id", "blank"),
    (
        "police_involvements.csv",
        {
            "OccurrenceRef": "OCC-2023-000001",
            "NominalRef": "NOM0000001",
            "InvolvementType": "BYSTANDER",
        },
        "role",
        "unknown code 'BYSTANDER'",
    ),
    (
        "police_involvements.csv",
        {
            "OccurrenceRef": "OCC-2023-000001",
            "NominalRef": "NOM9999999",
            "InvolvementType": "WITNESS",
        },
        "source_id",
        "broken reference",
    ),
    (
        "police_involvements.csv",
        {
            "OccurrenceRef": "OCC-1999-999999",
            "NominalRef": "NOM0000001",
            "InvolvementType": "WITNESS",
        },
        "source_id/target_id",
        "broken reference",
    ),
    (
        "people_register.csv",
        {
            "register_id": "BADREG19",
            "first_name": "Ann",
            "last_name": "Test",
            "birth_date": "01-02-1980",
            "uprn": "1",
            "address": "1 Test Street, Worcester",
            "postcode": "WR1 1AA",
            "resident_from": "2024-05-01",
            "resident_to": "2023-01-01",
        },
        "(record)",
        "before since",
    ),
    (
        "death_reports.csv",
        {
            "dr_ref": "DR-BAD-20",
            "date_found": "2024-01-01",
            "location_address": "1 Test Street, Worcester",
            "location_postcode": "WR1 1AA",
            "latitude": "52.19",
            "longitude": "-2.22",
            "place_category": "RES",
            "apparent_cause": "Spontaneous combustion",
            "deceased_surname": "Test",
            "deceased_forenames": "Al",
            "classification": "Unexplained",
            "coroner_outcome": "Awaiting inquest",
            "investigation_status": "Open",
        },
        "apparent_cause",
        "unknown code 'Spontaneous combustion'",
    ),
]


@pytest.fixture(scope="module")
def dirty(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("dirty")
    generate(config_for(Scale.TINY, seed=4), folder)
    for file, row, _field, _words in BAD_ROWS:
        _append(folder / file, [row])
    _append(folder / "police_occurrences.csv", [_occurrence("PAYLOAD-1", Summary=PAYLOAD)])
    return folder


@pytest.fixture(scope="module")
def tracker(
    driver: neo4j.Driver, target, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LoadTracker]:
    loads = LoadTracker(driver, target.database, tmp_path_factory.mktemp("quarantine"))
    yield loads
    loads.clean()


def test_twenty_kinds_of_bad_row_are_quarantined_and_the_rest_loads(
    tracker: LoadTracker, dirty: Path
) -> None:
    report = tracker.load(dirty, load_mapping("generator"))
    assert not report.failed
    entries = [json.loads(line) for line in report.quarantine_file.read_text().splitlines()]
    for file, row, field, words in BAD_ROWS:
        ids = {
            value
            for value in row.values()
            if value.startswith(("BAD", "DR-BAD", "OCC-1999", "NOM9999"))
        }
        matches = [
            e for e in entries if e["file"] == file and words in e["reason"] and field in e["field"]
        ]
        if ids:
            matches = [
                e
                for e in matches
                if e["record_id"] in ids or e["value"] in ids or any(i in e["value"] for i in ids)
            ]
        assert matches, (file, field, words)
        assert all(isinstance(e["row"], int) and e["row"] >= 2 for e in matches)
    rows_quarantined = sum(c.quarantined for c in report.sources.values())
    assert rows_quarantined == len(BAD_ROWS)
    stored = tracker.driver.execute_query(
        "MATCH (i:Incident {id: 'incident:PAYLOAD-1'}) RETURN i.description AS d",
        database_=tracker.database,
    ).records
    assert stored[0]["d"] == PAYLOAD


def _broken_copy(source: Path, target: Path, breaker) -> Path:
    shutil.copytree(source, target)
    breaker(target)
    return target


def test_a_file_that_is_not_what_the_mapping_says_stops_only_that_file(
    tracker: LoadTracker, dirty: Path, tmp_path: Path
) -> None:
    def wreck(folder: Path) -> None:
        text = (folder / "nhs_extract.csv").read_text()
        (folder / "nhs_extract.csv").write_text(
            text.replace("patient_surname", "surname_of_patient", 1)
        )
        (folder / "police_objects.csv").write_bytes(b"\x00\x01\x02PK binary")
        (folder / "death_report_people.csv").write_text("")

    folder = _broken_copy(dirty, tmp_path / "broken", wreck)
    report = tracker.load(folder, load_mapping("generator"))
    assert set(report.failed) == {"nhs_extract", "police_objects", "death_report_people"}
    assert (
        "lacks columns the mapping reads: ['patient_surname']"
        in report.sources["nhs_extract"].message
    )
    assert "binary" in report.sources["police_objects"].message
    assert "empty" in report.sources["death_report_people"].message
    assert report.sources["police_occurrences"].status == "loaded"


def test_max_bad_fails_a_mostly_garbage_file_without_loading_it(
    tracker: LoadTracker, dirty: Path, tmp_path: Path
) -> None:
    def garbage(folder: Path) -> None:
        path = folder / "police_objects.csv"
        _append(
            path,
            [
                {"ObjectRef": f"J{i}", "OccurrenceRef": "", "ObjectType": "X", "Identifier": ""}
                for i in range(200)
            ],
        )

    folder = _broken_copy(dirty, tmp_path / "garbage", garbage)
    report = tracker.load(folder, load_mapping("generator"), max_bad=0.5)
    assert report.failed == ["police_objects"]
    assert "more than --max-bad 50%" in report.sources["police_objects"].message


def test_the_cli_says_what_failed_without_a_traceback(
    target, dirty: Path, tmp_path: Path, tracker: LoadTracker
) -> None:
    def wreck(folder: Path) -> None:
        (folder / "local_authority.xlsx").write_bytes(b"not a workbook at all")

    folder = _broken_copy(dirty, tmp_path / "cli", wreck)
    env = {
        "NEO4J_URI": target.uri,
        "NEO4J_USER": target.user,
        "NEO4J_PASSWORD": target.password.get_secret_value(),
        "LINKWATCH_HOME": str(tmp_path / "home"),
    }
    run = run_linkwatch("ingest", str(folder), env=env, cwd=tmp_path, timeout=300)
    latest = tracker.driver.execute_query(
        "MATCH (r:LoadRun) RETURN r.id AS id ORDER BY r.started_at DESC LIMIT 1",
        database_=tracker.database,
    ).records
    tracker.runs += [record["id"] for record in latest]
    assert run.code == 1, run.stdout + run.stderr
    assert "Traceback" not in run.stderr
    assert "local_authority.xlsx is not a readable XLSX workbook" in run.stdout
    assert "1 file(s) could not be loaded: local_authority; the rest were loaded." in run.stderr
