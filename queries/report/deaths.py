"""The numbers behind the death-investigation report, read from the graph.

Every figure is a count over the deaths found in the period (and the same-length period
before it), so the same data and parameters always give the same numbers; the tests compare
them with direct Cypher counts.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import neo4j

from graph_model.base import from_neo4j
from graph_model.connection import read
from graph_model.cypher_catalogue import cypher
from graph_model.errors import InvalidInput
from queries.time_of_day import time_band

__all__ = ["DeathReportFigures", "age_band", "death_report_figures"]

PRIOR_CONTACT_MONTHS = 12
MAX_PERIOD_DAYS = 3_653
_AGE_BANDS = ((0, 17), (18, 24), (25, 34), (35, 44), (45, 54), (55, 64), (65, 74), (75, 200))


def age_band(born: date | None, died: date) -> str:
    """The age band of someone born on ``born`` at ``died`` ("unknown" without a birth date).

    Examples
    --------
    >>> age_band(date(2000, 2, 29), date(2025, 2, 28)), age_band(None, date(2025, 1, 1))
    ('18-24', 'unknown')
    """
    if born is None:
        return "unknown"
    age = died.year - born.year - ((died.month, died.day) < (born.month, born.day))
    for low, high in _AGE_BANDS:
        if low <= age <= high:
            return f"{low}-{high}" if high < 200 else f"{low}+"
    return "unknown"


@dataclass
class DeathReportFigures:
    """Everything the report counts, with the deaths it counted."""

    date_from: date
    date_to: date
    area: str | None
    deaths: list[dict[str, Any]]
    previous_period_deaths: int
    previous_by_month: dict[str, int] = field(default_factory=dict)
    by: dict[str, dict[str, int]] = field(default_factory=dict)  # dimension -> value -> count
    prior_contacts: dict[str, int] = field(default_factory=dict)  # contact type -> deaths
    deaths_with_prior_contact: int = 0
    open_investigations: list[dict[str, Any]] = field(default_factory=list)
    awaiting_coroner: list[dict[str, Any]] = field(default_factory=list)
    sources: list[dict[str, Any]] = field(default_factory=list)  # latest loads
    quarantined_rows: int = 0
    pending_reviews: int = 0
    records_in_period: dict[str, int] = field(default_factory=dict)


def _months(first: date, last: date) -> list[str]:
    """Every month from ``first`` to ``last`` as YYYY-MM, so empty months show as zero."""
    months, year, month = [], first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _read(driver: neo4j.Driver, database: str, name: str, **parameters: Any) -> list[neo4j.Record]:
    return read(driver, database, cypher(name, package="queries"), parameters)


def _deaths(
    driver: neo4j.Driver, database: str, date_from: date, date_to: date, area: str | None
) -> list[dict[str, Any]]:
    rows = _read(driver, database, "report/deaths", area=area, **{"from": date_from, "to": date_to})
    deaths = []
    for row in rows:
        death = from_neo4j(row.data())
        death["month"] = death["date_found"].strftime("%Y-%m")
        death["age_band"] = age_band(death["date_of_birth"], death["date_found"])
        death["time_of_day"] = time_band(death["found_at"])
        deaths.append(death)
    return deaths


def death_report_figures(
    driver: neo4j.Driver,
    database: str,
    *,
    date_from: date,
    date_to: date,
    area: str | None = None,
) -> DeathReportFigures:
    """Count a period's deaths by every dimension the report shows, with partner contacts.

    By month, area, place type, cause, age band, time of day found (six-hour bands of local
    time, or not recorded), sex, classification and outcome; what
    partner data adds; open cases; data quality.

    Raises
    ------
    InvalidInput
        For an empty period.
    """
    if date_from > date_to:
        raise InvalidInput(f"the period is empty: {date_from} is after {date_to}.")
    if (date_to - date_from).days > MAX_PERIOD_DAYS:
        raise InvalidInput("a report covers at most ten years; shorten the period.")
    deaths = _deaths(driver, database, date_from, date_to, area)
    length = date_to - date_from
    previous_from, previous_to = (
        date_from - length - timedelta(days=1),
        date_from - timedelta(days=1),
    )
    previous = _deaths(driver, database, previous_from, previous_to, area)
    figures = DeathReportFigures(date_from, date_to, area, deaths, len(previous))
    figures.previous_by_month = dict.fromkeys(_months(previous_from, previous_to), 0)
    figures.previous_by_month.update(Counter(d["month"] for d in previous))
    figures.by["month"] = dict.fromkeys(_months(date_from, date_to), 0)
    figures.by["month"].update(Counter(d["month"] for d in deaths))
    for dimension in (
        "area",
        "place_type",
        "cause",
        "age_band",
        "time_of_day",
        "sex",
        "classification",
        "coroner_outcome",
        "investigation_status",
    ):
        figures.by[dimension] = dict(
            sorted(Counter(str(d[dimension] or "unknown") for d in deaths).items())
        )
    figures.by["substance"] = dict(
        sorted(Counter(s for d in deaths for s in (d["substances"] or ["none recorded"])).items())
    )
    with_deceased = [
        {"id": d["id"], "deceased": d["deceased"], "date_found": d["date_found"]}
        for d in deaths
        if d["deceased"]
    ]
    contacts = _read(
        driver,
        database,
        "report/prior_contacts",
        deaths=with_deceased,
        months=PRIOR_CONTACT_MONTHS,
    )
    deaths_by_type: dict[str, set[str]] = {}
    for row in contacts:
        deaths_by_type.setdefault(f"{row['agency']}: {row['contact_type']}", set()).add(
            row["death"]
        )
    figures.prior_contacts = {k: len(v) for k, v in sorted(deaths_by_type.items())}
    figures.deaths_with_prior_contact = len({r["death"] for r in contacts})
    figures.open_investigations = [d for d in deaths if d["investigation_status"] == "open"]
    figures.awaiting_coroner = [d for d in deaths if d["coroner_outcome"] == "pending"]
    quality = _read(driver, database, "report/data_quality")[0]
    latest: dict[str, dict[str, Any]] = {}
    for run in quality["runs"]:
        for source, counts in json.loads(run["counts"] or "{}").items():
            if source not in latest:
                latest[source] = {
                    "source": source,
                    "loaded_at": from_neo4j(run["finished_at"]),
                    "rows": counts.get("rows", 0),
                    "quarantined": counts.get("quarantined", 0),
                    "status": counts.get("status"),
                }
    figures.sources = sorted(latest.values(), key=lambda s: s["source"])
    figures.quarantined_rows = sum(s["quarantined"] for s in figures.sources)
    figures.pending_reviews = quality["pending_reviews"]
    figures.records_in_period = {
        r["source"]: r["records"]
        for r in _read(
            driver, database, "report/sources_in_period", **{"from": date_from, "to": date_to}
        )
    }
    return figures
