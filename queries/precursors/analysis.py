"""Precursor paths and at-risk dyads from the graph."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

import neo4j

from graph_model.base import from_neo4j
from graph_model.connection import read
from graph_model.cypher_catalogue import cypher
from graph_model.errors import InvalidInput, NotFound
from queries.precursors.stages import DyadIncident, DyadRisk, rank_dyads, stages_of

__all__ = ["PrecursorPath", "PrecursorStep", "at_risk_dyads", "precursor_path"]


@dataclass(frozen=True)
class PrecursorStep:
    """One earlier event in the path: when, which agency held it, whose it was, what it showed."""

    date: date
    event: str
    agency: str
    kind: str | None
    people: tuple[tuple[str, str], ...]  # (person, their part: victim/suspect/...)
    stages: tuple[str, ...]
    markers: tuple[str, ...]
    summary: str | None


@dataclass
class PrecursorPath:
    """The time-ordered chain of events before a death or incident."""

    event: str
    event_date: date
    subjects: list[dict[str, str]]
    steps: list[PrecursorStep] = field(default_factory=list)

    @property
    def agencies(self) -> list[str]:
        """Every agency that held a piece of the path."""
        return sorted({step.agency for step in self.steps})


def precursor_path(
    driver: neo4j.Driver, database: str, event_id: str, *, months: int = 24
) -> PrecursorPath:
    """The incidents and partner contacts involving the victim and suspects before an event.

    Only events strictly before the event's date are included (a later event never explains
    an earlier one), within ``months`` months.

    Raises
    ------
    NotFound
        If no death or incident has that id.
    InvalidInput
        For a window outside 1-120 months.
    """
    if not 1 <= months <= 120:
        raise InvalidInput(f"months must be between 1 and 120, not {months}.")
    rows = read(
        driver,
        database,
        cypher("precursors/subjects", package="queries"),
        {"id": event_id},
    )
    if not rows:
        raise NotFound(
            f"No death or incident with id {event_id!r}.",
            hint="Ids look like death:DR-2024-00012 or incident:OCC-2024-000123.",
        )
    row = rows[0]
    when = from_neo4j(row["date"])
    subjects = [p for p in row["people"] if p.get("person")]
    role_of = {p["person"]: p["role"] for p in subjects}
    history = read(
        driver,
        database,
        cypher("precursors/history", package="queries"),
        {
            "people": sorted(role_of),
            "before": when,
            "since": when - timedelta(days=round(months * 30.44)),
        },
    )
    by_event: dict[str, dict[str, object]] = {}
    for record in history:
        step = by_event.setdefault(
            record["event"],
            {
                "date": from_neo4j(record["date"]),
                "agency": record["agency"],
                "kind": record["kind"],
                "markers": tuple(record["markers"] or ()),
                "summary": record["summary"],
                "people": [],
            },
        )
        step["people"].append((record["person"], f"{role_of[record['person']]} ({record['role']})"))  # type: ignore[union-attr]
    path = PrecursorPath(row["id"], when, subjects)
    for event, step in sorted(by_event.items(), key=lambda item: (item[1]["date"], item[0])):
        incident = DyadIncident(event, step["date"], str(step["kind"]), step["markers"])  # type: ignore[arg-type]
        path.steps.append(
            PrecursorStep(
                step["date"],
                event,
                str(step["agency"]),
                step["kind"],
                tuple(sorted(step["people"])),  # type: ignore[arg-type]
                tuple(stages_of(incident)) if step["agency"] == "police" else (),
                step["markers"],
                step["summary"],  # type: ignore[arg-type]
            )
        )
    return path


def at_risk_dyads(
    driver: neo4j.Driver, database: str, *, as_of: date, recent_days: int = 365
) -> list[DyadRisk]:
    """Live victim-suspect dyads ranked by the escalation their recent incidents show."""
    if recent_days < 1:
        raise InvalidInput("the recent window must be at least one day.")
    rows = read(
        driver,
        database,
        cypher("precursors/domestic_dyads", package="queries"),
        {"as_of": as_of},
    )
    dyads = [
        (
            r["victim"],
            r["suspect"],
            [
                DyadIncident(
                    i["incident"], from_neo4j(i["date"]), i["offence"], tuple(i["markers"])
                )
                for i in r["incidents"]
            ],
        )
        for r in rows
    ]
    return rank_dyads(dyads, as_of=as_of, recent_days=recent_days)
