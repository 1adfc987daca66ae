"""The mapping language features real extracts need (#14 item 2): null values, name splitting
that refuses roles, several date formats, CSV dialect / encoding / header row / rows to skip,
and named groups from ``extract`` in templates. Each has a good case and a bad-input case: a
bad mapping is refused naming its line, a bad value quarantines its row naming the file row
and the mapping line, and the rest of the file (and what was loaded before) is kept."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import neo4j
import pytest

from graph_model.errors import InvalidInput
from ingest.mapping.check import check_delivery
from ingest.mapping.loader import load_mapping, parse_mapping
from ingest.mapping.spec import ValueSpec
from ingest.mapping.values import ValueProblem, evaluate
from tests.ingest.db_helpers import LoadTracker

RIVERSIDE = Path(__file__).resolve().parents[1] / "data" / "riverside"

DEATHS = """\
name: deaths
source_system: death_reports
files:
  - name: deaths
    path: deaths.csv
    record_id: Ref
    nodes:
      - kind: Death
        key: {template: "death:{Ref}"}
        properties:
          date_found: {column: Found, date_format: ["%d/%m/%Y %H:%M", "%d/%m/%Y"]}
    person_records:
      - key: {template: "deaths:{Ref}:deceased"}
        fields:
          given_names: {column: Deceased, split_name: {layout: auto, part: given}}
          family_name: {column: Deceased, split_name: {layout: auto, part: family}}
      - key: {template: "deaths:{Ref}:reported_by"}
        when: {present: [Reported By]}
        fields:
          given_names:
            column: Reported By
            split_name: {layout: auto, part: given}
            null_values: ["Member of public", {regex: "anonymous\\\\b.*"}]
          family_name:
            column: Reported By
            split_name: {layout: auto, part: family}
            null_values: ["Member of public", {regex: "anonymous\\\\b.*"}]
    relationships:
      - kind: PartyToDeath
        source: {person_record: {template: "deaths:{Ref}:deceased"}}
        target: {node: {template: "death:{Ref}"}}
        properties: {role: {value: deceased}}
      - kind: PartyToDeath
        when: {present: [Reported By]}
        source: {person_record: {template: "deaths:{Ref}:reported_by"}}
        target: {node: {template: "death:{Ref}"}}
        properties: {role: {value: reported_by}}
"""
HEADER = "Ref,Found,Deceased,Reported By\n"
GOOD_ROWS = (
    'D1,14/03/2025 16:37,"SMITH, John",Anonymous male caller (999)\n'
    "D2,15/03/2025,Mary Jones,Member of public\n"
    'D3,16/03/2025 02:10,"O\'NEIL, Siobhan",Peter Brown\n'
)


def _line_of(text: str, words: str) -> int:
    """The line of the mapping text holding ``words`` (1-based)."""
    return next(n for n, line in enumerate(text.splitlines(), 1) if words in line)


def _check(tmp_path: Path, mapping_text: str, files: dict[str, str | bytes]):
    folder = tmp_path / "delivery"
    folder.mkdir(exist_ok=True)
    for name, content in files.items():
        path = folder / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    mapping = parse_mapping(mapping_text, origin="force.yaml")
    return mapping, check_delivery([folder], mapping, show=50, preview=50)


def _problems(report) -> dict[int, list[tuple[str, str, str]]]:
    return {
        issue.row: [(p.field, p.value, p.reason) for p in issue.problems]
        for item in report.files
        for issue in item.issues
    }


# ---- null_values: a placeholder person is absent, the row loads ---------------------------


def test_null_values_leave_a_placeholder_person_out_and_load_the_row(tmp_path: Path) -> None:
    _, report = _check(tmp_path, DEATHS, {"deaths.csv": HEADER + GOOD_ROWS})
    [deaths] = report.files
    assert (deaths.rows, deaths.quarantined) == (3, 0)
    records = {e.key for e in deaths.entities if e.kind == "person record"}
    assert records == {
        "deaths:D1:deceased",
        "deaths:D2:deceased",
        "deaths:D3:deceased",
        "deaths:D3:reported_by",
    }
    reporters = [t.key for t in deaths.ties if "reported_by" in t.details]
    assert reporters == ["deaths:D3:reported_by -> death:D3"]


def test_file_null_values_blank_every_column(tmp_path: Path) -> None:
    text = DEATHS.replace("    record_id: Ref\n", "    record_id: Ref\n    null_values: [N/K]\n")
    _, report = _check(tmp_path, text, {"deaths.csv": HEADER + "D1,14/03/2025,Ann Lee,n/k\n"})
    [deaths] = report.files
    assert deaths.quarantined == 0
    assert {e.key for e in deaths.entities if e.kind == "person record"} == {"deaths:D1:deceased"}


def test_a_bad_null_value_regex_names_the_mapping_line() -> None:
    broken = DEATHS.replace('{regex: "anonymous\\\\b.*"}', '{regex: "anonymous(("}', 1)
    with pytest.raises(InvalidInput) as caught:
        parse_mapping(broken, origin="force.yaml")
    line = _line_of(broken, "anonymous((")
    assert f"line {line}" in str(caught.value) and "not a valid regular expression" in str(
        caught.value
    )


# ---- name splitting: "SURNAME, Forename", and roles refused --------------------------------


@pytest.mark.parametrize(
    ("written", "given", "family"),
    [
        ("SMITH, John", "John", "Smith"),
        ("Mary Ann Jones", "Mary Ann", "Jones"),
        ("O'NEIL, Siobhan", "Siobhan", "O'Neil"),
        ("Ludwig van Beethoven", "Ludwig van", "Beethoven"),
    ],
)
def test_auto_name_splitting_knows_surname_comma_forename(
    written: str, given: str, family: str
) -> None:
    spec = {"column": "n", "split_name": {"layout": "auto", "part": "given"}}
    assert evaluate(ValueSpec.model_validate(spec), {"n": written}) == given
    spec["split_name"]["part"] = "family"
    assert evaluate(ValueSpec.model_validate(spec), {"n": written}) == family


@pytest.mark.parametrize(
    "role",
    ["Council park warden", "Unnamed male (20s)", "Dog walker", "ANONYMOUS CALLER", "PC 1234"],
)
def test_roles_and_descriptions_are_never_split_into_a_name(role: str) -> None:
    for layout in ("auto", "given family", "family, given"):
        spec = ValueSpec.model_validate(
            {"column": "n", "split_name": {"layout": layout, "part": "family"}}
        )
        with pytest.raises(ValueProblem, match="not a person's name"):
            evaluate(spec, {"n": role})


def test_a_role_where_a_name_should_be_quarantines_its_row_naming_row_and_line(
    tmp_path: Path,
) -> None:
    rows = GOOD_ROWS + "D4,17/03/2025,Council park warden,\n"
    mapping, report = _check(tmp_path, DEATHS, {"deaths.csv": HEADER + rows})
    [deaths] = report.files
    assert (deaths.rows, deaths.quarantined) == (4, 1)
    line = mapping.files[0].person_records[0].fields["given_names"].line
    assert line == _line_of(DEATHS, "given_names: {column: Deceased")
    [(field, value, reason), *_] = _problems(report)[5]  # header is row 1: D4 is row 5
    assert field == "given_names (Deceased)" and value == "Council park warden"
    assert "not a person's name" in reason and f"(mapping line {line})" in reason


def test_an_unknown_name_layout_names_the_mapping_line() -> None:
    broken = DEATHS.replace("layout: auto, part: given}}", "layout: surname first, part: given}}")
    with pytest.raises(InvalidInput, match=rf"line {_line_of(broken, 'surname first')} "):
        parse_mapping(broken, origin="force.yaml")


# ---- several date / date-time formats ------------------------------------------------------


def test_several_date_formats_are_tried_in_order() -> None:
    spec = ValueSpec.model_validate({"column": "d", "date_format": ["%d/%m/%Y %H:%M", "%Y-%m-%d"]})
    assert evaluate(spec, {"d": "14/03/2025 16:37"}) == date(2025, 3, 14)
    assert evaluate(spec, {"d": "2025-03-15"}) == date(2025, 3, 15)
    stamp = ValueSpec.model_validate(
        {"column": "d", "datetime_format": ["%d/%m/%Y %H:%M", "%Y-%m-%dT%H:%M:%S"]}
    )
    assert evaluate(stamp, {"d": "14/03/2025 16:37"}) == datetime(2025, 3, 14, 16, 37)
    with pytest.raises(ValueProblem, match="not a date and time in the format"):
        evaluate(stamp, {"d": "14/03/2025"})


def test_a_date_in_no_accepted_format_quarantines_its_row(tmp_path: Path) -> None:
    rows = GOOD_ROWS + "D4,2025/03/17,Ann Lee,\n"
    _, report = _check(tmp_path, DEATHS, {"deaths.csv": HEADER + rows})
    [deaths] = report.files
    assert (deaths.rows, deaths.quarantined) == (4, 1)
    [(field, value, reason), *_] = _problems(report)[5]
    line = _line_of(DEATHS, "date_found:")
    assert (field, value) == ("date_found (Found)", "2025/03/17")
    assert reason == (f"not a date in the format %d/%m/%Y %H:%M or %d/%m/%Y (mapping line {line})")


@pytest.mark.parametrize(
    ("formats", "words"),
    [('["dd/mm/yyyy"]', "not a strptime format"), ("[]", "at least one format")],
)
def test_bad_date_formats_name_the_mapping_line(formats: str, words: str) -> None:
    broken = DEATHS.replace('["%d/%m/%Y %H:%M", "%d/%m/%Y"]', formats)
    with pytest.raises(InvalidInput) as caught:
        parse_mapping(broken, origin="force.yaml")
    assert f"line {_line_of(broken, 'date_found:')}" in str(caught.value)
    assert words in str(caught.value)


def test_date_and_datetime_formats_do_not_go_together() -> None:
    broken = DEATHS.replace('"%d/%m/%Y"]}', '"%d/%m/%Y"], datetime_format: "%Y"}')
    with pytest.raises(InvalidInput, match="date_format or datetime_format, not both"):
        parse_mapping(broken, origin="force.yaml")


# ---- CSV dialect, encoding, header row, rows to skip ---------------------------------------

DIALECT = DEATHS.replace(
    "    path: deaths.csv\n",
    "    path: deaths.csv\n"
    "    encoding: cp1252\n"
    '    delimiter: ";"\n'
    '    quotechar: "\'"\n'
    "    header_row: 3\n"
    "    skip_rows: 1\n",
)
DIALECT_FILE = (
    "Riverside death reports;;;\r\n"
    "Exported 01/04/2025;;;\r\n"
    "Ref;Found;Deceased;Reported By\r\n"
    "----;----;----;----\r\n"
    "D1;14/03/2025 16:37;'SMITH, John';Zoë Café\r\n"
    "D2;15/03/2025;Renée Müller;\r\n"
).encode("cp1252")


def test_csv_dialect_encoding_header_row_and_skipped_rows(tmp_path: Path) -> None:
    _, report = _check(tmp_path, DIALECT, {"deaths.csv": DIALECT_FILE})
    [deaths] = report.files
    assert deaths.loadable, deaths.error
    assert (deaths.rows, deaths.quarantined) == (2, 0)
    people = {e.key: e.details for e in deaths.entities if e.kind == "person record"}
    assert "family_name=Müller" in people["deaths:D2:deceased"]
    assert "given_names=John, family_name=Smith" in people["deaths:D1:deceased"]
    assert "given_names=Zoë" in people["deaths:D1:reported_by"]
    # the first row of data is line 5 of the file: title, export date, header, underline
    assert [e.row for e in deaths.entities if e.key == "death:D1"] == [5]


def test_a_bad_row_of_a_dialect_file_is_named_by_its_line(tmp_path: Path) -> None:
    content = DIALECT_FILE + "D3;31/02/2025;Ann Lee;\r\n".encode("cp1252")
    _, report = _check(tmp_path, DIALECT, {"deaths.csv": content})
    assert list(_problems(report)) == [7]


def test_a_file_not_in_the_declared_encoding_cannot_be_loaded(tmp_path: Path) -> None:
    utf8 = DIALECT.replace("encoding: cp1252", "encoding: ascii")
    _, report = _check(tmp_path, utf8, {"deaths.csv": DIALECT_FILE})
    [deaths] = report.files
    assert not deaths.loadable and "could not be read as CSV" in (deaths.error or "")


@pytest.mark.parametrize(
    ("option", "bad", "words"),
    [
        ("delimiter", '";;"', "at most 1 character"),
        ("encoding", "klingon-8", "unknown encoding 'klingon-8'"),
        ("header_row", "0", "greater than or equal to 1"),
        ("skip_rows", "-1", "greater than or equal to 0"),
    ],
)
def test_bad_dialect_options_name_the_mapping_line(option: str, bad: str, words: str) -> None:
    lines = [
        f"    {option}: {bad}" if line.startswith(f"    {option}:") else line
        for line in DIALECT.splitlines()
    ]
    broken = "\n".join(lines) + "\n"
    with pytest.raises(InvalidInput) as caught:
        parse_mapping(broken, origin="force.yaml")
    assert f"line {_line_of(broken, f'    {option}:')}" in str(caught.value)
    assert words in str(caught.value)


# ---- named groups of extract, in key templates ---------------------------------------------

EXTRACT = DEATHS.replace(
    "    record_id: Ref\n",
    "    record_id: Ref\n"
    "    extract:\n"
    "      - column: Location\n"
    '        pattern: "^(?P<street>.+?),? +(?P<postcode>[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2})$"\n',
).replace(
    "    person_records:\n",
    "      - kind: Place\n"
    "        key: {template: 'place:{postcode}|{street}', normalise: true}\n"
    "        properties: {address: street, postcode: postcode}\n"
    "    person_records:\n",
)
EXTRACT_HEADER = "Ref,Found,Deceased,Reported By,Location\n"


def test_named_groups_of_extract_are_columns_in_key_templates(tmp_path: Path) -> None:
    rows = 'D1,14/03/2025,Ann Lee,,"Flat 2, 14 Some Street, AB1 2CD"\n'
    mapping, report = _check(tmp_path, EXTRACT, {"deaths.csv": EXTRACT_HEADER + rows})
    [deaths] = report.files
    assert mapping.files[0].required_columns()[0] == "Location"
    assert "postcode" not in mapping.files[0].required_columns()
    places = {e.key: e.details for e in deaths.entities if e.kind == "Place"}
    assert places == {
        "place:ab1 2cd|flat 2, 14 some street": "address=Flat 2, 14 Some Street, postcode=AB1 2CD"
    }


def test_a_value_the_extract_pattern_does_not_match_quarantines_its_row(tmp_path: Path) -> None:
    rows = 'D1,14/03/2025,Ann Lee,,"14 Some Street, AB1 2CD"\nD2,14/03/2025,Bo Lee,,Some Street\n'
    _, report = _check(tmp_path, EXTRACT, {"deaths.csv": EXTRACT_HEADER + rows})
    [deaths] = report.files
    assert (deaths.rows, deaths.quarantined) == (2, 1)
    [(field, value, reason), *_] = _problems(report)[3]
    assert (field, value) == ("extract (Location)", "Some Street")
    assert f"(mapping line {_line_of(EXTRACT, '- column: Location')})" in reason


def test_an_extract_group_that_is_also_a_column_stops_the_file(tmp_path: Path) -> None:
    clash = EXTRACT.replace("(?P<street>", "(?P<Deceased>").replace("{street}", "{Deceased}")
    clash = clash.replace("address: street", "address: Deceased")
    rows = 'D1,14/03/2025,Ann Lee,,"14 Some Street, AB1 2CD"\n'
    _, report = _check(tmp_path, clash, {"deaths.csv": EXTRACT_HEADER + rows})
    [deaths] = report.files
    assert not deaths.loadable and "also columns of the file" in (deaths.error or "")


@pytest.mark.parametrize(
    ("pattern", "words"),
    [("^(.+),(.+)$", "needs named groups"), ("^(?P<a>.+", "not a valid regular expression")],
)
def test_bad_extract_patterns_name_the_mapping_line(pattern: str, words: str) -> None:
    broken = EXTRACT.replace(
        '"^(?P<street>.+?),? +(?P<postcode>[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2})$"',
        f'"{pattern}"',
    )
    with pytest.raises(InvalidInput) as caught:
        parse_mapping(broken, origin="force.yaml")
    assert f"line {_line_of(broken, 'pattern:')}" in str(caught.value)
    assert words in str(caught.value)


# ---- a bad row of each kind, loaded for real: it is quarantined, nothing loaded is lost ------

BAD_DEATH_ROWS = {
    "name splitting": "SD-99-0001,01/04/2025 10:00,Council park warden,01/01/1970,M,,,,"
    '"1 Mill Lane, RV1 2AB",Natural,Found at home',
    "date formats": 'SD-99-0002,2025/04/01,"LEE, Ann",01/01/1970,F,,,,'
    '"1 Mill Lane, RV1 2AB",Natural,Found at home',
    "extract": 'SD-99-0003,01/04/2025,"LEE, Bo",01/01/1970,M,,,,Mill Lane,Natural,Found at home',
    # a placeholder that null_values do not cover is refused, not split into a name
    "null values": 'SD-99-0004,01/04/2025,"LEE, Cy",01/01/1970,M,,,Passer-by (female),'
    '"1 Mill Lane, RV1 2AB",Natural,Found at home',
}


@pytest.fixture(scope="module")
def riverside(
    driver: neo4j.Driver, target, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LoadTracker]:
    tracker = LoadTracker(driver, target.database, tmp_path_factory.mktemp("quarantine"))
    report = tracker.load(RIVERSIDE, load_mapping(str(RIVERSIDE / "riverside.yaml")))
    assert not report.failed and report.quarantine_file is None, report.sources
    yield tracker
    tracker.clean()


def _counts(tracker: LoadTracker) -> dict[str, int]:
    return {
        "deaths": tracker.count(
            "MATCH (d:Death) WHERE d.id STARTS WITH 'death:SD-' RETURN count(d)"
        ),
        "incidents": tracker.count(
            "MATCH (i:Incident) WHERE i.id STARTS WITH 'incident:INC/' RETURN count(i)"
        ),
        "party_to_death": tracker.count(
            "MATCH (:Person)-[r:PARTY_TO_DEATH]->(d:Death) WHERE d.id STARTS WITH 'death:SD-' "
            "RETURN count(r)"
        ),
        "records": tracker.count(
            "MATCH (s:SourceRecord) WHERE s.id STARTS WITH 'sudden_deaths:' "
            "OR s.id STARTS WITH 'incident_log:' RETURN count(s)"
        ),
    }


@pytest.mark.parametrize("feature", sorted(BAD_DEATH_ROWS))
def test_a_bad_row_is_quarantined_and_nothing_loaded_is_lost(
    riverside: LoadTracker, tmp_path: Path, feature: str
) -> None:
    before = _counts(riverside)
    delivery = tmp_path / "delivery"
    delivery.mkdir()
    for name in ("sudden_deaths.csv", "incident_log.csv"):  # all of it: linkage sees all
        shutil.copy(RIVERSIDE / name, delivery)
    with (delivery / "sudden_deaths.csv").open("a", encoding="utf-8") as handle:
        handle.write(BAD_DEATH_ROWS[feature] + "\n")
    report = riverside.load(delivery, load_mapping(str(RIVERSIDE / "riverside.yaml")))
    assert not report.failed and report.quarantine_file is not None
    entries = report.quarantine_file.read_text(encoding="utf-8").splitlines()
    assert len(entries) >= 1 and all('"row": 132' in entry for entry in entries), entries
    assert all("mapping line" in entry for entry in entries), entries
    assert report.sources["sudden_deaths"].quarantined == 1
    assert _counts(riverside) == before


def test_csv_options_are_refused_for_other_formats() -> None:
    broken = DEATHS.replace(
        "path: deaths.csv", "path: deaths.xlsx\n    sheet: Deaths\n    delimiter: ';'"
    )
    with pytest.raises(
        InvalidInput, match=r"line 7 \(files.0.delimiter\): .*XLSX: \['delimiter'\] do not apply"
    ):
        parse_mapping(broken, origin="force.yaml")
