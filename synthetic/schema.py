"""The documented schema of every generated extract: columns, types, date formats, encoding.

Tests read each file with pandas using exactly this; the extract tables in
docs/synthetic-data.md follow it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from synthetic.codes import (
    ASSOCIATION_CODES,
    CAUSE_TEXT,
    CLASSIFICATION_TEXT,
    CORONER_TEXT,
    DEATH_ROLE_TEXT,
    LA_SERVICE,
    NHS_GENDER,
    OFFENCE_CODES,
    PLACE_CODES,
    POLICE_ROLE_CODES,
    RISK_CODES,
)
from synthetic.geography import AREAS

__all__ = ["EXTRACTS", "ExtractSchema"]


@dataclass(frozen=True)
class ExtractSchema:
    """How to read one extract.

    Parameters
    ----------
    file
        File name in the output folder.
    source
        The system that exports it.
    columns
        Column names in order.
    dates
        Column -> ``strptime`` format for date and date-time columns (blank = missing).
    numbers
        Columns that hold decimal numbers.
    encoding
        Text encoding (``utf-8-sig`` where the system writes a byte-order mark).
    sheet
        Worksheet name for XLSX files.
    record_id
        The column that identifies one record; ground-truth identities use it.
    line_ending
        Line terminator of a CSV file (CRLF where the system writes Windows line endings).
    excel_dates
        XLSX columns written as Excel date cells rather than text.
    codes
        Column -> every value the system writes there (items, for a list column); a layout
        that re-spells a column must spell each of them.
    """

    file: str
    source: str
    columns: tuple[str, ...]
    dates: dict[str, str] = field(default_factory=dict)
    numbers: tuple[str, ...] = ()
    encoding: str = "utf-8"
    sheet: str | None = None
    record_id: str | None = None
    line_ending: str = "\n"
    excel_dates: tuple[str, ...] = ()
    codes: dict[str, tuple[str, ...]] = field(default_factory=dict)


EXTRACTS: tuple[ExtractSchema, ...] = (
    ExtractSchema(
        "police_occurrences.csv",
        "police records system",
        (
            "OccurrenceRef",
            "OffenceCode",
            "OffenceDescription",
            "CommittedFrom",
            "LocationText",
            "LocationPostcode",
            "Latitude",
            "Longitude",
            "DomesticAbuseFlag",
            "RiskMarkers",
            "Summary",
            "Outcome",
        ),
        dates={"CommittedFrom": "%d/%m/%Y %H:%M"},
        numbers=("Latitude", "Longitude"),
        encoding="utf-8-sig",
        line_ending="\r\n",
        record_id="OccurrenceRef",
        codes={
            "OffenceCode": tuple(code for code, _ in OFFENCE_CODES.values()),
            "DomesticAbuseFlag": ("Y", "N"),
            "RiskMarkers": tuple(RISK_CODES.values()),
        },
    ),
    ExtractSchema(
        "police_nominals.csv",
        "police records system",
        (
            "NominalRef",
            "Surname",
            "Forename",
            "KnownAs",
            "DateOfBirth",
            "Sex",
            "HomeAddress",
            "HomePostcode",
            "PhoneNumber",
        ),
        dates={"DateOfBirth": "%d/%m/%Y"},
        encoding="utf-8-sig",
        line_ending="\r\n",
        record_id="NominalRef",
        codes={"Sex": ("M", "F")},
    ),
    ExtractSchema(
        "police_involvements.csv",
        "police records system",
        ("OccurrenceRef", "NominalRef", "InvolvementType"),
        encoding="utf-8-sig",
        line_ending="\r\n",
        codes={"InvolvementType": tuple(POLICE_ROLE_CODES.values())},
    ),
    ExtractSchema(
        "police_associations.csv",
        "police records system",
        (
            "NominalRef1",
            "NominalRef2",
            "AssociationType",
            "StartDate",
            "EndDate",
            "IntelligenceGrade",
        ),
        dates={"StartDate": "%d/%m/%Y", "EndDate": "%d/%m/%Y"},
        encoding="utf-8-sig",
        line_ending="\r\n",
        codes={"AssociationType": tuple(ASSOCIATION_CODES.values())},
    ),
    ExtractSchema(
        "police_objects.csv",
        "police records system",
        ("ObjectRef", "OccurrenceRef", "ObjectType", "Identifier", "Status"),
        encoding="utf-8-sig",
        line_ending="\r\n",
        record_id="ObjectRef",
        codes={"ObjectType": ("MOBILE PHONE",), "Status": ("Seized",)},
    ),
    ExtractSchema(
        "death_reports.csv",
        "death reports (coroner's officers)",
        (
            "dr_ref",
            "date_found",
            "time_found",
            "location_name",
            "location_address",
            "location_postcode",
            "latitude",
            "longitude",
            "place_category",
            "apparent_cause",
            "substances",
            "circumstances",
            "property_missing",
            "deceased_surname",
            "deceased_forenames",
            "deceased_dob",
            "deceased_sex",
            "deceased_address",
            "deceased_postcode",
            "classification",
            "coroner_outcome",
            "investigation_status",
        ),
        dates={"date_found": "%Y-%m-%d", "time_found": "%H:%M", "deceased_dob": "%Y-%m-%d"},
        numbers=("latitude", "longitude"),
        record_id="dr_ref",
        codes={
            "place_category": tuple(PLACE_CODES.values()),
            "apparent_cause": tuple(CAUSE_TEXT.values()),
            "deceased_sex": ("Male", "Female"),
            "classification": tuple(CLASSIFICATION_TEXT.values()),
            "coroner_outcome": tuple(CORONER_TEXT.values()),
            "investigation_status": ("Open", "Closed"),
        },
    ),
    ExtractSchema(
        "death_report_people.csv",
        "death reports (coroner's officers)",
        ("dr_ref", "person_ref", "role", "name", "dob", "address", "postcode", "phone"),
        dates={"dob": "%Y-%m-%d"},
        record_id="person_ref",
        codes={"role": tuple(DEATH_ROLE_TEXT.values())},
    ),
    ExtractSchema(
        "nhs_extract.csv",
        "NHS trust (emergency department and mental health)",
        (
            "attendance_id",
            "nhs_number",
            "patient_surname",
            "patient_forename",
            "date_of_birth",
            "gender",
            "postcode",
            "arrival_datetime",
            "setting",
            "presenting_complaint",
            "discharge_destination",
            "safeguarding_flag",
        ),
        dates={"date_of_birth": "%Y%m%d", "arrival_datetime": "%Y-%m-%dT%H:%M:%S"},
        record_id="attendance_id",
        codes={
            "gender": tuple(NHS_GENDER.values()),
            "setting": ("ED", "MH"),
            "safeguarding_flag": ("Y", "N"),
        },
    ),
    ExtractSchema(
        "local_authority.xlsx",
        "local authority (safeguarding, social care, housing, ASB)",
        (
            "Case Ref",
            "Client Name",
            "D.O.B.",
            "Address",
            "Post Code",
            "Referral Date",
            "Service",
            "Reason",
            "Outcome",
        ),
        dates={"D.O.B.": "%d-%b-%Y"},
        sheet="Referrals",
        excel_dates=("Referral Date",),
        record_id="Case Ref",
        codes={"Service": tuple(LA_SERVICE.values())},
    ),
    ExtractSchema(
        "people_register.csv",
        "local authority residents register",
        (
            "register_id",
            "first_name",
            "last_name",
            "birth_date",
            "uprn",
            "address",
            "postcode",
            "resident_from",
            "resident_to",
        ),
        dates={"birth_date": "%d-%m-%Y", "resident_from": "%Y-%m-%d", "resident_to": "%Y-%m-%d"},
        record_id="register_id",
    ),
    ExtractSchema(
        "places.csv",
        "address gazetteer",
        (
            "uprn",
            "name",
            "address",
            "postcode",
            "latitude",
            "longitude",
            "place_type",
            "local_policing_area",
        ),
        numbers=("latitude", "longitude"),
        record_id="uprn",
        codes={"place_type": tuple(PLACE_CODES), "local_policing_area": AREAS},
    ),
)
