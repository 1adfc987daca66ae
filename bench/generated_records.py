"""Person records and their truth from a folder written by ``linkwatch generate``.

Reads the six person-bearing extracts into the ``records`` frame ``link_records`` takes
(record id ``"{source}:{id}"``, dates as ISO text) and the ground truth: record id -> true
person id, and the look-alike pairs (distinct people with the same name and birth year).
The ingest pipeline builds the same frame from its YAML mappings; this reader exists so
tests and benchmarks can measure linkage on generated data.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ingest.linkage.standardise import RECORD_COLUMNS

__all__ = ["GeneratedRecords", "read_generated"]

_SEX = {"M": "male", "F": "female", "Male": "male", "Female": "female", "1": "male", "2": "female"}


@dataclass(frozen=True)
class GeneratedRecords:
    """Records for linkage and the truth about them.

    Parameters
    ----------
    records
        One row per person record, columns ``RECORD_COLUMNS``.
    truth
        Record id -> true person id.
    look_alikes
        Pairs of true person ids who must not be merged.
    noise
        Record id -> the identity noise kinds the generator applied to it (records without
        noise are absent).
    """

    records: pd.DataFrame
    truth: dict[str, str]
    look_alikes: list[tuple[str, str]]
    noise: dict[str, list[str]] = field(default_factory=dict)


def _csv(folder: Path, name: str, *, encoding: str = "utf-8") -> pd.DataFrame:
    return pd.read_csv(folder / name, dtype=str, keep_default_na=False, encoding=encoding)


def _iso(values: pd.Series, fmt: str) -> pd.Series:
    parsed = pd.to_datetime(values.where(values != ""), format=fmt, errors="coerce")
    return parsed.dt.strftime("%Y-%m-%d").astype(object).where(parsed.notna(), None)


def _frame(source: str, ids: pd.Series, **columns: object) -> pd.DataFrame:
    frame = pd.DataFrame({"record_id": source + ":" + ids, "source": source})
    for column in RECORD_COLUMNS[2:]:
        value = columns.get(column)
        frame[column] = value.to_numpy() if isinstance(value, pd.Series) else value
    return frame


def _split_full_name(names: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Split "Forename Surname" text into forenames and surname (the last word)."""
    parts = names.str.strip().str.rpartition(" ")
    given = parts[0].where(parts[0] != "", parts[2])
    family = parts[2].where(parts[0] != "", "")
    return given, family


def _police(folder: Path) -> pd.DataFrame:
    rows = _csv(folder, "police_nominals.csv", encoding="utf-8-sig")
    return _frame(
        "police_nominals",
        rows["NominalRef"],
        given_names=rows["Forename"],
        family_name=rows["Surname"],
        aliases=rows["KnownAs"],
        date_of_birth=_iso(rows["DateOfBirth"], "%d/%m/%Y"),
        sex=rows["Sex"].map(_SEX),
        postcode=rows["HomePostcode"],
        phone=rows["PhoneNumber"],
    )


def _deaths(folder: Path) -> pd.DataFrame:
    rows = _csv(folder, "death_reports.csv")
    return _frame(
        "death_reports",
        rows["dr_ref"],
        given_names=rows["deceased_forenames"],
        family_name=rows["deceased_surname"],
        date_of_birth=_iso(rows["deceased_dob"], "%Y-%m-%d"),
        sex=rows["deceased_sex"].map(_SEX),
        postcode=rows["deceased_postcode"],
    )


def _death_people(folder: Path) -> pd.DataFrame:
    rows = _csv(folder, "death_report_people.csv")
    given, family = _split_full_name(rows["name"])
    return _frame(
        "death_report_people",
        rows["person_ref"],
        given_names=given,
        family_name=family,
        date_of_birth=_iso(rows["dob"], "%Y-%m-%d"),
        postcode=rows["postcode"],
        phone=rows["phone"],
    )


def _nhs(folder: Path) -> pd.DataFrame:
    rows = _csv(folder, "nhs_extract.csv")
    return _frame(
        "nhs_extract",
        rows["attendance_id"],
        given_names=rows["patient_forename"],
        family_name=rows["patient_surname"],
        date_of_birth=_iso(rows["date_of_birth"], "%Y%m%d"),
        sex=rows["gender"].map(_SEX),
        postcode=rows["postcode"],
        nhs_number=rows["nhs_number"],
    )


def _local_authority(folder: Path) -> pd.DataFrame:
    rows = pd.read_excel(folder / "local_authority.xlsx", sheet_name="Referrals", dtype=str)
    rows = rows.fillna("")
    family, _, given = (rows["Client Name"].str.partition(",")[i] for i in range(3))
    return _frame(
        "local_authority",
        rows["Case Ref"],
        given_names=given.str.strip(),
        family_name=family.str.strip(),
        date_of_birth=_iso(rows["D.O.B."], "%d-%b-%Y"),
        postcode=rows["Post Code"],
    )


def _register(folder: Path) -> pd.DataFrame:
    rows = _csv(folder, "people_register.csv")
    return _frame(
        "people_register",
        rows["register_id"],
        given_names=rows["first_name"],
        family_name=rows["last_name"],
        date_of_birth=_iso(rows["birth_date"], "%d-%m-%Y"),
        postcode=rows["postcode"],
    )


def read_generated(folder: Path) -> GeneratedRecords:
    """Read a generated folder's person records and their ground truth.

    Parameters
    ----------
    folder
        Output folder of ``linkwatch generate``.

    Returns
    -------
    GeneratedRecords
        The records (sorted by record id), truth, look-alike pairs and noise per record.
    """
    readers = (_police, _deaths, _death_people, _nhs, _local_authority, _register)
    records = pd.concat([read(folder) for read in readers], ignore_index=True)
    records = records.sort_values("record_id", kind="stable").reset_index(drop=True)
    truth_document = json.loads((folder / "ground_truth.json").read_text(encoding="utf-8"))
    truth = {
        f"{source}:{record_id}": person
        for source, identities in truth_document["identities"].items()
        for record_id, person in identities.items()
    }
    look_alikes = [(first, second) for first, second in truth_document["look_alikes"]]
    noise = {
        f"{source}:{record_id}": kinds
        for source, records_noise in truth_document["noise"].items()
        for record_id, kinds in records_noise.items()
    }
    return GeneratedRecords(records=records, truth=truth, look_alikes=look_alikes, noise=noise)
