"""Codes are matched as people write them (#14 item 2): any case, spaces, hyphens or
underscores between words, and the synonyms declared once in ``graph_model.codes``; a value
that names no code quarantines its row, naming the file row and the mapping line."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import pytest

from graph_model.codes import CODE_SYNONYMS, _lookup, code_fields, match_code
from graph_model.errors import InvalidInput
from graph_model.kinds import ContactType, DeathRole, PlaceType, RiskMarker, Sex
from graph_model.nodes import Incident
from ingest.mapping.check import check_delivery
from ingest.mapping.loader import parse_mapping

MAPPING = """\
name: places
source_system: police_records
files:
  - name: scenes
    path: scenes.csv
    record_id: Ref
    nodes:
      - kind: Place
        key: {template: "place:{Ref}"}
        properties:
          address: {column: Address}
          place_type: {column: Scene}
      - kind: Incident
        key: {template: "incident:{Ref}"}
        properties:
          occurred_on: {column: Date, date_format: "%d/%m/%Y"}
          risk_markers: {column: Markers, split: ";"}
    person_records:
      - key: {template: "scenes:{Ref}:victim"}
        fields:
          given_names: {column: Forename}
          family_name: {column: Surname}
          sex: {column: Sex}
    relationships:
      - kind: PartyToIncident
        source: {person_record: {template: "scenes:{Ref}:victim"}}
        target: {node: {template: "incident:{Ref}"}}
        properties: {role: {column: Role}}
"""
HEADER = "Ref,Address,Scene,Date,Markers,Forename,Surname,Sex,Role\n"


def _check(tmp_path: Path, rows: str):
    folder = tmp_path / "delivery"
    folder.mkdir(exist_ok=True)
    (folder / "scenes.csv").write_text(HEADER + rows, encoding="utf-8")
    mapping = parse_mapping(MAPPING, origin="scenes.yaml")
    [report] = check_delivery([folder], mapping, show=20, preview=50).files
    return report


def _line_of(words: str) -> int:
    return next(n for n, line in enumerate(MAPPING.splitlines(), 1) if words in line)


@pytest.mark.parametrize(
    ("codes", "written", "meant"),
    [
        (PlaceType, "Public Place", PlaceType.PUBLIC_PLACE),
        (PlaceType, "  CAR   PARK ", PlaceType.PUBLIC_PLACE),
        (PlaceType, "Licensed-Premises", PlaceType.LICENSED_PREMISES),
        (PlaceType, "licensed_premises", PlaceType.LICENSED_PREMISES),
        (PlaceType, "Pub", PlaceType.LICENSED_PREMISES),
        (Sex, "F", Sex.FEMALE),
        (Sex, "Male", Sex.MALE),
        (DeathRole, "Finder", DeathRole.FOUND_BY),
        (ContactType, "A&E", ContactType.AE_ATTENDANCE),
        (RiskMarker, "Non-fatal strangulation", RiskMarker.STRANGULATION),
    ],
)
def test_codes_match_whatever_the_case_spacing_or_synonym(
    codes: type[StrEnum], written: str, meant: StrEnum
) -> None:
    assert match_code(codes, written) is meant


def test_a_word_that_names_no_code_matches_nothing() -> None:
    assert match_code(PlaceType, "Spaceport") is None
    assert match_code(Sex, "X") is None
    # "flat" could be a home or a hostel room: left for a mapping's codes to decide
    assert match_code(PlaceType, "Flat") is None


def test_a_synonym_that_clashes_with_a_code_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    class Colour(StrEnum):
        RED = "red"
        BLUE = "blue"

    monkeypatch.setitem(CODE_SYNONYMS, Colour, {"Red": Colour.BLUE})
    with pytest.raises(ValueError, match="synonym 'Red' is already"):
        _lookup(Colour)


def test_code_fields_are_found_from_the_model_declaration() -> None:
    assert code_fields(Incident)["risk_markers"] is RiskMarker
    assert "offence_category" in code_fields(Incident)
    assert "description" not in code_fields(Incident)


def test_rows_written_as_people_write_codes_load_as_the_codes(tmp_path: Path) -> None:
    report = _check(
        tmp_path,
        "R1,1 Car Park Road,Car park,01/02/2025,Non-fatal strangulation; STALKING,Ann,Lee,F,"
        "Injured Party\n"
        "R2,2 High Street,LICENSED PREMISES,02/02/2025,,Bo,Ray,Male,suspect\n",
    )
    assert (report.rows, report.quarantined) == (2, 0), report.issues
    places = {e.key: e.details for e in report.entities if e.kind == "Place"}
    assert "public_place" in places["place:R1"] and "licensed_premises" in places["place:R2"]
    [incident] = [e.details for e in report.entities if e.key == "incident:R1"]
    assert "strangulation" in incident and "stalking" in incident
    ties = {t.key: t.details for t in report.ties}
    assert "victim" in ties["scenes:R1:victim -> incident:R1"]


@pytest.mark.parametrize(
    ("row", "field", "value", "words"),
    [
        (
            "R3,3 Launch Pad,Spaceport,03/02/2025,,Cy,Day,F,victim\n",
            "place_type",
            "Spaceport",
            "place_type: {column: Scene}",
        ),
        ("R3,3 Mill Lane,Park,03/02/2025,,Cy,Day,F,bystander\n", "role", "bystander", "role:"),
        ("R3,3 Mill Lane,Park,03/02/2025,,Cy,Day,X,victim\n", "sex", "X", "sex: {column: Sex}"),
    ],
)
def test_a_value_that_names_no_code_quarantines_its_row_naming_row_and_line(
    tmp_path: Path, row: str, field: str, value: str, words: str
) -> None:
    good = "R1,1 Mill Lane,Park,01/02/2025,,Ann,Lee,F,victim\n"
    report = _check(tmp_path, good + row)
    assert (report.rows, report.quarantined) == (2, 1)
    [issue] = report.issues
    assert issue.row == 3  # the header is row 1
    [problem] = [p for p in issue.problems if p.field == field]
    assert problem.value == value
    assert f"mapping line {_line_of(words)}" in problem.reason


# ---- what Linkwatch keeps about its own work is never made by a mapping -------------------


@pytest.mark.parametrize(
    ("item", "words", "line"),
    [
        ("      - kind: LoadRun\n        key: {template: 'run:{Ref}'}\n", "made by each load", 8),
        (
            "      - kind: LinkageModel\n        key: {template: 'm:{Ref}'}\n",
            "made by `linkwatch linkage train`",
            8,
        ),
        ("      - kind: ApiUser\n        key: {template: 'u:{Ref}'}\n", "`linkwatch users add`", 8),
        ("      - kind: AuditEntry\n        key: {column: Ref}\n", "made by the audit log", 8),
        ("      - kind: RapidReview\n        key: {column: Ref}\n", "`linkwatch review open`", 8),
        (
            "      - kind: LearningAction\n        key: {column: Ref}\n",
            "made by `linkwatch review action add`",
            8,
        ),
        (
            "      - kind: Place\n        key: {template: 'p:{Ref}'}\n"
            "        properties: {source_system: {value: nhs}}\n",
            "are set by the loader",
            10,  # the property's own line
        ),
    ],
)
def test_a_mapping_cannot_forge_linkwatch_records_or_provenance(
    item: str, words: str, line: int
) -> None:
    broken = MAPPING.replace("    nodes:\n", "    nodes:\n" + item, 1)
    with pytest.raises(InvalidInput, match=words) as caught:
        parse_mapping(broken, origin="scenes.yaml")
    assert f"line {line} " in str(caught.value)


def test_a_mapping_cannot_tie_source_records_or_set_a_ties_provenance() -> None:
    describes = MAPPING.replace(
        "    relationships:\n",
        "    relationships:\n      - kind: Describes\n"
        "        source: {node: {template: 'x:{Ref}'}}\n        target: {node: {value: y}}\n",
        1,
    )
    with pytest.raises(InvalidInput, match="Describes ties end at SourceRecord nodes"):
        parse_mapping(describes, origin="scenes.yaml")
    provenance = MAPPING.replace(
        "        properties: {role: {column: Role}}\n",
        "        properties: {role: {column: Role}, loaded_at: {value: '2020-01-01'}}\n",
    )
    with pytest.raises(InvalidInput, match=r"\['loaded_at'\] are set by the loader"):
        parse_mapping(provenance, origin="scenes.yaml")
