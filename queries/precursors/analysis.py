"""Precursor paths and at-risk dyads from the graph."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

import neo4j

from graph_model.base import from_neo4j
from graph_model.connection import read
from graph_model.cypher_catalogue import cypher
from graph_model.errors import InvalidInput, NotFound
from graph_model.kinds import DeathRole, IncidentRole
from queries.precursors.stages import DyadIncident, DyadRisk, rank_dyads, stages_of

__all__ = [
    "DEATH_SUBJECT_ROLES",
    "EARLIER_DEATH_ROLES",
    "INCIDENT_SUBJECT_ROLES",
    "PrecursorPath",
    "PrecursorStep",
    "PrecursorSubject",
    "StepParty",
    "at_risk_dyads",
    "path_from_rows",
    "precursor_path",
]

#: Whose history a death's path reads: the deceased, and every living person the report names
#: as suspect, finder, reporter or last seen with them (the people with access to the scene or
#: the victim, as in the Port deaths). Witnesses are left out: a witness saw or heard something
#: and reading their whole history would add intrusion without that access signal. Death
#: reports have no ``offender`` role (see :class:`graph_model.kinds.DeathRole`).
DEATH_SUBJECT_ROLES: tuple[str, ...] = (
    DeathRole.DECEASED,
    DeathRole.SUSPECT,
    DeathRole.FOUND_BY,
    DeathRole.REPORTED_BY,
    DeathRole.LAST_SEEN_WITH,
)
#: The roles on an earlier death report that make it a step of a death's path.
EARLIER_DEATH_ROLES: tuple[str, ...] = DEATH_SUBJECT_ROLES[1:]
#: Whose history an incident's path reads (unchanged: victim, suspects, offenders).
INCIDENT_SUBJECT_ROLES: tuple[str, ...] = (
    IncidentRole.VICTIM,
    IncidentRole.SUSPECT,
    IncidentRole.OFFENDER,
)
#: The order roles are listed in: whom the event happened to, who is suspected, who found it.
_RANK = {
    str(role): rank
    for rank, role in enumerate(
        (
            DeathRole.DECEASED,
            IncidentRole.VICTIM,
            DeathRole.SUSPECT,
            IncidentRole.OFFENDER,
            DeathRole.FOUND_BY,
            DeathRole.REPORTED_BY,
            DeathRole.LAST_SEEN_WITH,
        )
    )
}


def _ordered(roles: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(set(roles), key=lambda role: (_RANK.get(role, len(_RANK)), role)))


@dataclass(frozen=True)
class PrecursorSubject:
    """A person whose history is read, with every role they hold on the event (main first)."""

    person: str
    roles: tuple[str, ...]

    @property
    def role(self) -> str:
        """The main role: deceased or victim before suspect, suspect before finder..."""
        return self.roles[0]


@dataclass(frozen=True)
class StepParty:
    """Whose history a step is: a subject, their roles on the event, and their part in the step."""

    person: str
    subject_roles: tuple[str, ...]  # on the event under review
    roles: tuple[str, ...]  # in the earlier event (victim/suspect/found_by/subject...)
    event: str

    @property
    def part(self) -> str:
        """Why the step is there, e.g. ``found_by: suspect in incident:OCC-2024-000123``."""
        return f"{', '.join(self.subject_roles)}: {', '.join(self.roles)} in {self.event}"


@dataclass(frozen=True)
class PrecursorStep:
    """One earlier event in the path: when, which agency held it, whose it was, what it showed."""

    date: date
    event: str
    record: str  # incident, partner_contact or death
    agency: str
    kind: str | None
    people: tuple[StepParty, ...]
    stages: tuple[str, ...]
    markers: tuple[str, ...]
    summary: str | None
    at: datetime | None = None  # date and time (local UK time), when the source recorded one


@dataclass
class PrecursorPath:
    """The time-ordered chain of events before a death or incident."""

    event: str
    event_date: date
    subjects: list[PrecursorSubject]
    steps: list[PrecursorStep] = field(default_factory=list)
    event_at: datetime | None = None  # the event's date and time, when recorded

    @property
    def agencies(self) -> list[str]:
        """Every agency that held a piece of the path."""
        return sorted({step.agency for step in self.steps})

    @property
    def people(self) -> list[str]:
        """Every person whose history is shown (the subjects), for names and the audit log."""
        return sorted({subject.person for subject in self.subjects})


def path_from_rows(
    event: str,
    when: date,
    people: Iterable[Mapping[str, Any]],
    history: Iterable[Mapping[str, Any]],
    *,
    at: datetime | None = None,
) -> PrecursorPath:
    """Assemble a path from the subjects' rows and their history rows.

    Parameters
    ----------
    event
        The id of the death or incident under review.
    when
        Its date (date found, or date of occurrence).
    people
        One mapping per subject: ``person`` and the ``roles`` they hold on the event.
    history
        One mapping per (person, earlier event, role): ``person``, ``event``, ``record``
        (incident / partner_contact / death), ``date``, ``agency``, ``kind``, ``markers``,
        ``role`` and ``summary``, as ``precursors/history`` returns them. Rows on or after
        ``when``, or about people who are not subjects, are ignored. A row's ``at`` (its
        date-time, where recorded) is shown with the step and orders a day's steps.
    at
        The event's own date-time, where recorded.

    Returns
    -------
    PrecursorPath
        Steps earliest first (within a day timed ones first, by time; ties by id); each
        names whose history it is and why.

    Examples
    --------
    >>> path = path_from_rows(
    ...     "death:D2",
    ...     date(2024, 6, 1),
    ...     [{"person": "person:F", "roles": ["reported_by", "found_by"]}],
    ...     [{"person": "person:F", "event": "death:D1", "record": "death",
    ...       "date": date(2024, 1, 5), "agency": "police", "kind": "drug_toxicity",
    ...       "markers": [], "role": "found_by", "summary": None}],
    ... )
    >>> path.subjects[0].roles
    ('found_by', 'reported_by')
    >>> path.steps[0].people[0].part
    'found_by, reported_by: found_by in death:D1'
    """
    subjects = sorted(
        (PrecursorSubject(p["person"], _ordered(p["roles"])) for p in people if p.get("person")),
        key=lambda s: (_RANK.get(s.role, len(_RANK)), s.person),
    )
    role_of = {s.person: s.roles for s in subjects}
    by_event: dict[str, dict[str, Any]] = {}
    for record in history:
        day = from_neo4j(record["date"])
        if record["person"] not in role_of or day >= when:
            continue
        step = by_event.setdefault(
            record["event"],
            {
                "date": day,
                "at": from_neo4j(record.get("at")),
                "record": record["record"],
                "agency": record["agency"],
                "kind": record["kind"],
                "markers": tuple(record["markers"] or ()),
                "summary": record["summary"],
                "roles": {},
            },
        )
        step["roles"].setdefault(record["person"], set()).add(record["role"])
    path = PrecursorPath(event, when, subjects, event_at=at)
    for name, step in sorted(by_event.items(), key=lambda item: _in_time_order(*item)):
        stages: tuple[str, ...] = ()
        if step["record"] == "incident":
            incident = DyadIncident(name, step["date"], str(step["kind"]), step["markers"])
            stages = tuple(stages_of(incident))
        parties = tuple(
            StepParty(person, role_of[person], _ordered(roles), name)
            for person, roles in sorted(step["roles"].items())
        )
        path.steps.append(
            PrecursorStep(
                step["date"],
                name,
                step["record"],
                str(step["agency"]),
                step["kind"],
                parties,
                stages,
                step["markers"],
                step["summary"],
                step["at"],
            )
        )
    return path


def _in_time_order(name: str, step: Mapping[str, Any]) -> tuple[date, bool, datetime, str]:
    """Sort key of a step: its day, then its time (steps with only a date last), then id."""
    return (step["date"], step["at"] is None, step["at"] or datetime.min, name)


def precursor_path(
    driver: neo4j.Driver, database: str, event_id: str, *, months: int = 24
) -> PrecursorPath:
    """The earlier incidents, partner contacts and death reports of an event's people.

    For a death the subjects are the deceased and every living person named on the report
    as suspect, finder, reporter or last seen with them (:data:`DEATH_SUBJECT_ROLES`); their
    steps include earlier death reports on which they were named in one of those roles. For
    an incident they are its victims, suspects and offenders, and death reports are not read.
    Only events strictly before the event's date are included (a later event never explains
    an earlier one), within ``months`` months.

    Parameters
    ----------
    driver, database
        Where the graph is.
    event_id
        A death or incident id, e.g. ``death:DR-2024-00012``.
    months
        How far back to look (1-120 months).

    Returns
    -------
    PrecursorPath
        The subjects and their earlier events, earliest first.

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
        {
            "id": event_id,
            "death_roles": [str(role) for role in DEATH_SUBJECT_ROLES],
            "incident_roles": [str(role) for role in INCIDENT_SUBJECT_ROLES],
        },
    )
    if not rows:
        raise NotFound(
            f"No death or incident with id {event_id!r}.",
            hint="Ids look like death:DR-2024-00012 or incident:OCC-2024-000123.",
        )
    row = rows[0]
    when = from_neo4j(row["date"])
    people = [p for p in row["people"] if p.get("person")]
    history = read(
        driver,
        database,
        cypher("precursors/history", package="queries"),
        {
            "people": sorted({p["person"] for p in people}),
            "before": when,
            "since": when - timedelta(days=round(months * 30.44)),
            "with_deaths": bool(row["is_death"]),
            "death_roles": [str(role) for role in EARLIER_DEATH_ROLES],
        },
    )
    return path_from_rows(row["id"], when, people, history, at=from_neo4j(row["at"]))


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
