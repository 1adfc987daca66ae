"""``linkwatch mapping check`` and ``linkwatch mapping init``, run as a user runs them, with no
database; and the Riverside layout (tests/data/riverside, unlike the generator's and POLE's)
taken the whole way: drafted by init, finished by hand, checked by check, loaded."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import neo4j
import pytest

from graph_model.errors import InvalidInput, NotFound
from ingest.mapping.check import check_delivery
from ingest.mapping.draft import draft_mapping
from ingest.mapping.loader import load_mapping, parse_mapping
from tests.cli.helpers import run_linkwatch
from tests.ingest.db_helpers import LoadTracker

RIVERSIDE = Path(__file__).resolve().parents[1] / "data" / "riverside"
FINISHED = RIVERSIDE / "riverside.yaml"
#: Nothing listens here: the commands must not need a database.
NO_DATABASE = {"NEO4J_URI": "bolt://127.0.0.1:9", "LINKWATCH_NEO4J_BOLT_PORT": "9"}


def _data(tmp_path: Path) -> Path:
    folder = tmp_path / "delivery"
    folder.mkdir()
    for name in ("sudden_deaths.csv", "incident_log.csv"):
        shutil.copy(RIVERSIDE / name, folder)
    return folder


def test_check_reports_per_file_without_a_database(tmp_path: Path) -> None:
    folder = _data(tmp_path)
    run = run_linkwatch(
        "mapping", "check", str(FINISHED), str(folder), "--show", "2", "--preview", "3",
        env=NO_DATABASE,
    )  # fmt: skip
    assert run.code == 0, run.stderr
    assert "Traceback" not in run.stderr + run.stdout
    out = run.stdout
    assert "a dry run, nothing written" in out
    assert "│ sudden_deaths │ sudden_deaths.csv │ 130  │ 130" in out, out
    assert "│ incident_log  │ incident_log.csv  │ 90   │ 90" in out, out
    # a cause with no code: counted, shown with the value of the mapping it falls to
    assert "nodes.0 Death.apparent_cause │ Public place collapse │ 13" in out, out
    assert "First entities it would make" in out and "death:SD-25-0001" in out
    assert "First ties it would make" in out and "PARTY_TO_DEATH" in out
    assert "role=found_by" in out


def test_check_shows_quarantined_rows_unknown_and_missing_columns(tmp_path: Path) -> None:
    folder = _data(tmp_path)
    deaths = folder / "sudden_deaths.csv"
    lines = deaths.read_text(encoding="utf-8").splitlines()
    lines = [lines[0] + ",Officer", *(line + ",PC 123" for line in lines[1:])]
    lines.append(
        'SD-99-0001,31/02/2025,"LEE, Ann",01/01/1970,F,,,,"1 Mill Lane, RV1 2AB",Natural,x,'
    )
    deaths.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "incident_log.csv").write_bytes(
        (RIVERSIDE / "incident_log.csv").read_bytes().replace(b";Postcode;", b";Post Code;", 1)
    )
    run = run_linkwatch("mapping", "check", str(FINISHED), str(folder), env=NO_DATABASE)
    assert run.code == 1 and "Traceback" not in run.stderr + run.stdout
    out = run.stdout
    # sudden_deaths loads with one bad row, named by its row and the mapping's line
    assert "Rows that would be quarantined (first 1 of 1)" in out, out
    line = next(
        n for n, text in enumerate(FINISHED.read_text().splitlines(), 1) if "found_at:" in text
    )
    assert "│ 132 │ SD-99-0001 │ found_at (Date/Time Found) │ 31/02/2025" in out, out
    assert f"(mapping line {line})" in out
    assert "columns the mapping does not read: Officer" in out
    # incident_log cannot be loaded: its Postcode column is named otherwise
    assert "missing columns: Postcode" in out and "does not read: Post Code" in out, out
    assert "error: 1 file(s) cannot be loaded with mapping 'riverside'" in run.stderr
    assert "incident_log" in run.stderr and "nothing was written" in run.stderr


def test_check_refuses_a_bad_mapping_naming_its_line(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text(FINISHED.read_text().replace("kind: Death", "kind: Dead", 1))
    run = run_linkwatch("mapping", "check", str(broken), str(_data(tmp_path)), env=NO_DATABASE)
    assert run.code == 1 and "Traceback" not in run.stderr
    line = next(n for n, t in enumerate(broken.read_text().splitlines(), 1) if "kind: Dead" in t)
    assert f"line {line} (files.0.nodes.0.kind)" in run.stderr, run.stderr


def test_check_takes_built_in_mappings_and_says_when_no_file_fits(tmp_path: Path) -> None:
    with pytest.raises(NotFound, match="holds no file of mapping 'pole'"):
        check_delivery([_data(tmp_path)], load_mapping("pole"))
    pole = Path(__file__).resolve().parents[1] / "data" / "pole"
    run = run_linkwatch("mapping", "check", "pole", str(pole), "--preview", "0", env=NO_DATABASE)
    assert run.code == 0, run.stderr
    assert "│ persons " in run.stdout and "First entities" not in run.stdout


def test_init_drafts_a_valid_mapping_recognising_the_values(tmp_path: Path) -> None:
    out = tmp_path / "deaths.yaml"
    run = run_linkwatch(
        "mapping", "init", str(RIVERSIDE / "sudden_deaths.csv"), "--out", str(out),
        env=NO_DATABASE,
    )  # fmt: skip
    assert run.code == 0, run.stderr
    draft = out.read_text(encoding="utf-8")
    mapping = parse_mapping(draft, origin=str(out))  # valid as it stands
    [source] = mapping.files
    assert source.record_id.column == "Death Ref"
    [death, place] = source.nodes
    assert death.kind.value == "Death"
    # the time found is kept (date-only rows have none); date_found is derived from it
    assert death.properties["found_at"].datetime_formats == ["%d/%m/%Y %H:%M", "%d/%m/%Y"]
    assert [e.column for e in source.extract] == ["Location"]
    assert set(source.derived_columns) == {"location_address", "location_postcode"}
    assert place.properties["postcode"].column == "location_postcode"
    roles = [r.properties["role"].value for r in source.relationships if "role" in r.properties]
    assert roles == ["deceased", "found_by", "reported_by"]
    deceased, finder, reporter = source.person_records
    assert deceased.fields["given_names"].split_name.layout == "auto"
    assert deceased.fields["date_of_birth"].date_formats == ["%d/%m/%Y"]
    assert deceased.fields["sex"].codes == {"F": "female", "M": "male"}
    assert finder.fields["date_of_birth"].column == "Found By DOB"
    assert "Council park warden" in finder.fields["family_name"].null_values
    assert "Anonymous male caller (999)" in reporter.fields["given_names"].null_values
    # what a person must decide is marked
    assert "# TODO: these values of Found By are not names" in draft
    assert "# TODO: Sex names no role" in draft
    assert "#   Cause: code: Drowning; Drug overdose (suspected)" in draft
    again = run_linkwatch(
        "mapping", "init", str(RIVERSIDE / "sudden_deaths.csv"), "--out", str(out),
        env=NO_DATABASE,
    )  # fmt: skip
    assert again.code == 1 and "exists" in again.stderr


def test_init_recognises_dialect_encoding_and_header_row() -> None:
    draft = draft_mapping(RIVERSIDE / "incident_log.csv")
    [source] = parse_mapping(draft, origin="draft").files
    assert (source.encoding, source.delimiter, source.header_row) == ("cp1252", ";", 2)
    assert source.record_id.column == "Incident No"
    [incident, place] = source.nodes
    assert incident.kind.value == "Incident"
    assert incident.properties["occurred_at"].datetime_formats == [
        "%d/%m/%Y %H:%M",
        "%Y-%m-%d %H:%M",
    ]
    assert place.key.template == "place:{Postcode}|{Street}"
    victim, suspect = source.person_records
    assert (victim.fields["given_names"].column, victim.fields["family_name"].column) == (
        "Victim Forename",
        "Victim Surname",
    )
    assert suspect.fields["family_name"].null_values == ["Not known"]


def test_init_recognises_nhs_numbers_postcodes_coordinates_and_phones(tmp_path: Path) -> None:
    extract = tmp_path / "nhs_attendances.csv"
    extract.write_text(
        "Attendance ID,Patient Surname,Patient Forename,Patient DOB,NHS Number,Postcode,"
        "Lat,Lon,Mobile,Arrived\n"
        "A-1,JONES,Mary,1980-02-01,943 476 5919,WR1 1AA,52.19,-2.22,07700 900123,2025-03-14T16:37:00\n"
        "A-2,SMITH,John,1975-12-31,9434765870,WR2 6BB,52.20,-2.23,07700 900456,2025-03-15T02:10:00\n",
        encoding="utf-8",
    )
    mapping = parse_mapping(draft_mapping(extract), origin="draft")
    assert mapping.source_system == "nhs"
    [source] = mapping.files
    [patient] = source.person_records
    assert patient.fields["nhs_number"].column == "NHS Number"
    assert patient.fields["phone"].column == "Mobile"
    assert patient.fields["postcode"].column == "Postcode"  # "Postcode" has no role: ...
    assert patient.fields["date_of_birth"].date_formats == ["%Y-%m-%d"]
    assert source.record_id.column == "Attendance ID"


def test_init_refuses_a_file_with_nothing_to_map(tmp_path: Path) -> None:
    extract = tmp_path / "codes.csv"
    extract.write_text("code,meaning\nA,apple\nB,banana\n", encoding="utf-8")
    run = run_linkwatch("mapping", "init", str(extract), env=NO_DATABASE)
    assert run.code == 1 and "Traceback" not in run.stderr
    assert "nothing to draft from" in run.stderr
    broken = tmp_path / "export.xlsx"
    broken.write_bytes(b"not a workbook")
    with pytest.raises(InvalidInput, match=r"export\.xlsx is not a readable XLSX workbook"):
        draft_mapping(broken)
    (tmp_path / "empty.csv").write_text("", encoding="utf-8")
    with pytest.raises(InvalidInput, match=r"empty\.csv could not be read"):
        draft_mapping(tmp_path / "empty.csv")


@pytest.fixture
def tracker(driver: neo4j.Driver, target, tmp_path: Path):
    loads = LoadTracker(driver, target.database, tmp_path / "quarantine")
    yield loads
    loads.clean()


def test_the_riverside_layout_drafted_finished_checked_and_loaded(
    tracker: LoadTracker, tmp_path: Path
) -> None:
    folder = _data(tmp_path)
    for name in ("sudden_deaths.csv", "incident_log.csv"):
        parse_mapping(draft_mapping(folder / name), origin=name)  # drafted, and valid
    checked = check_delivery([folder], load_mapping(str(FINISHED)))
    assert not checked.failed and [f.quarantined for f in checked.files] == [0, 0]
    # Sex is mapped for the deceased only: present for one role of one source.
    report = tracker.load(folder, load_mapping(str(FINISHED)))
    assert not report.failed and report.quarantine_file is None, report.sources
    assert report.sources["sudden_deaths"].rows == 130
    assert report.person_records > 200  # enough for EM training to run
    assert (
        tracker.count("MATCH (d:Death) WHERE d.id STARTS WITH 'death:SD-' RETURN count(d)") == 130
    )
    found_by = tracker.count(
        "MATCH (p:Person)-[:PARTY_TO_DEATH {role: 'found_by'}]->(d:Death) "
        "WHERE d.id STARTS WITH 'death:SD-' RETURN count(DISTINCT d)"
    )
    named_finders = sum(
        1
        for line in (folder / "sudden_deaths.csv").read_text(encoding="utf-8").splitlines()[1:]
        if not any(role in line for role in ("Council park", "Member of", "Dog walker", "Security"))
    )
    assert found_by == named_finders < 130  # the finders written as roles are left out
    nobody = tracker.count(
        "MATCH (p:Person) WHERE p.family_name IN ['warden', '(999)', 'walker', 'guard'] "
        "RETURN count(p)"
    )
    assert nobody == 0
    # The finder who also reported the death, named alike twice on one row, is one person
    # (the row is evidence the linkage model uses), not a duplicate within their own row.
    with (folder / "sudden_deaths.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    written_twice = sum(
        1 for row in rows if row["Found By"] and row["Found By"] == row["Reported By"]
    )
    one_person = tracker.count(
        "MATCH (p:Person)-[:PARTY_TO_DEATH {role: 'found_by'}]->(d:Death)"
        "<-[:PARTY_TO_DEATH {role: 'reported_by'}]-(p) "
        "WHERE d.id STARTS WITH 'death:SD-' RETURN count(DISTINCT d)"
    )
    assert written_twice >= 20 and one_person == written_twice
