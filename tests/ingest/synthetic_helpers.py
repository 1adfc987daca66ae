"""Reading generated extracts back, as the tests' independent view of them."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd

from synthetic.schema import EXTRACTS, ExtractSchema

IDENTITY_FILES = {
    "police_nominals": "police_nominals.csv",
    "death_reports": "death_reports.csv",
    "death_report_people": "death_report_people.csv",
    "nhs_extract": "nhs_extract.csv",
    "local_authority": "local_authority.xlsx",
    "people_register": "people_register.csv",
}


def schema(file: str) -> ExtractSchema:
    return next(s for s in EXTRACTS if s.file == file)


def read(folder: Path, file: str) -> pd.DataFrame:
    """Read an extract as the documented schema says: every column as text, blanks as ''."""
    spec = schema(file)
    if spec.sheet:
        frame = pd.read_excel(folder / file, sheet_name=spec.sheet, dtype=str).fillna("")
    else:
        frame = pd.read_csv(folder / file, dtype=str, keep_default_na=False, encoding=spec.encoding)
    return frame


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(a))
