"""Generated extracts cut into deliveries, as agencies send them: separately, month by month.

Used by the tests and benchmarks of continuous operation (#13): the same world loaded in one
go and delivery after delivery should resolve to the same people.
"""

from __future__ import annotations

import csv
import shutil
from collections.abc import Callable
from pathlib import Path

__all__ = ["FOUR_DELIVERIES", "four_deliveries", "monthly_nhs_deliveries"]

NHS = "nhs_extract.csv"
#: The NHS attendance column that dates a row.
NHS_DATE = "arrival_datetime"

#: What each of the four deliveries holds: police and register files; death reports; NHS
#: attendances before 2025; NHS attendances from 2025 and the council's file.
FOUR_DELIVERIES: tuple[tuple[str, ...], ...] = (
    (
        "places.csv",
        "police_occurrences.csv",
        "police_nominals.csv",
        "police_involvements.csv",
        "police_associations.csv",
        "police_objects.csv",
        "people_register.csv",
    ),
    ("death_reports.csv", "death_report_people.csv"),
    (NHS,),
    (NHS, "local_authority.xlsx"),
)


def _copy_rows(source: Path, target: Path, keep: Callable[[dict[str, str]], bool]) -> int:
    with source.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        fields = list(reader.fieldnames or [])
        rows = [row for row in reader if keep(row)]
    with target.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)
    return len(rows)


def four_deliveries(folder: Path, out: Path, *, split_year: int = 2025) -> list[Path]:
    """Cut a generated folder (standard layout) into the four deliveries, in load order.

    Each of ``FOUR_DELIVERIES`` becomes a sub-folder.

    Parameters
    ----------
    folder
        Output of ``linkwatch generate`` (standard layout).
    out
        Where the delivery folders go (``delivery-1`` ... ``delivery-4``).
    split_year
        NHS attendances before 1 January of this year go in the third delivery, the rest in
        the fourth.

    Returns
    -------
    list[Path]
        The four folders.
    """
    cutoff = f"{split_year}-01-01"
    folders = []
    for index, names in enumerate(FOUR_DELIVERIES, start=1):
        target = out / f"delivery-{index}"
        target.mkdir(parents=True, exist_ok=True)
        for name in names:
            if name == NHS:
                before = index == 3
                _copy_rows(
                    folder / NHS,
                    target / NHS,
                    lambda row, before=before: (row[NHS_DATE][:10] < cutoff) == before,
                )
            else:
                shutil.copy(folder / name, target / name)
        folders.append(target)
    return folders


def monthly_nhs_deliveries(folder: Path, out: Path, *, months: int = 12) -> tuple[Path, list[Path]]:
    """Everything but the NHS file first, then the last ``months`` months of NHS, a month each.

    Earlier NHS attendances go with the first delivery.

    Returns
    -------
    tuple[Path, list[Path]]
        The first delivery's folder, then one folder per month in date order.
    """
    with (folder / NHS).open(newline="", encoding="utf-8") as handle:
        stamps = sorted({row[NHS_DATE][:7] for row in csv.DictReader(handle)})
    monthly = stamps[-months:]
    base = out / "delivery-base"
    base.mkdir(parents=True, exist_ok=True)
    for path in folder.iterdir():
        if path.is_file() and path.name not in (NHS, "ground_truth.json"):
            shutil.copy(path, base / path.name)
    _copy_rows(folder / NHS, base / NHS, lambda row: row[NHS_DATE][:7] < monthly[0])
    folders = []
    for month in monthly:
        target = out / f"nhs-{month}"
        target.mkdir(parents=True, exist_ok=True)
        _copy_rows(folder / NHS, target / NHS, lambda row, month=month: row[NHS_DATE][:7] == month)
        folders.append(target)
    return base, folders
