"""The escalation stages of the homicide timeline (Monckton Smith 2020), read from incidents.

Plain functions: which stage an incident shows, and how far along the timeline a victim-
suspect dyad's recent history has gone, with the matching steps as evidence.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

__all__ = ["STAGES", "DyadIncident", "DyadRisk", "rank_dyads", "stages_of"]

#: Stage -> (offence categories, risk markers) that show it, in timeline order.
STAGES: dict[str, tuple[set[str], set[str]]] = {
    "control": ({"coercive_control"}, {"coercive_control"}),
    "separation": (set(), {"separation"}),
    "stalking": ({"stalking_harassment"}, {"stalking"}),
    "threats": ({"threats_to_kill"}, {"threats_to_kill", "suicide_threat"}),
    "strangulation": ({"non_fatal_strangulation"}, {"strangulation"}),
}
_WEIGHT = {stage: position + 1 for position, stage in enumerate(STAGES)}
OUTCOMES = {"homicide", "attempted_murder"}


@dataclass(frozen=True)
class DyadIncident:
    """One incident in a dyad's history."""

    incident: str
    date: date
    offence: str
    markers: tuple[str, ...] = ()


def stages_of(incident: DyadIncident) -> list[str]:
    """The timeline stages an incident shows.

    Examples
    --------
    >>> incident = DyadIncident("i", date(2024, 1, 1), "domestic_incident", ("separation",))
    >>> stages_of(incident)
    ['separation']
    """
    return [
        s
        for s, (offences, markers) in STAGES.items()
        if incident.offence in offences or markers & set(incident.markers)
    ]


@dataclass
class DyadRisk:
    """How far along the timeline a dyad is, and the steps that show it."""

    victim: str
    suspect: str
    score: float
    incidents: int
    steps: list[dict[str, object]] = field(default_factory=list)


def rank_dyads(
    dyads: Iterable[tuple[str, str, Sequence[DyadIncident]]],
    *,
    as_of: date,
    recent_days: int = 365,
) -> list[DyadRisk]:
    """Rank live dyads by the escalation their recent history shows.

    A dyad's score sums, over the distinct stages seen in the last ``recent_days``, the stage's
    position on the timeline (control 1 ... strangulation 5). Dyads whose history already
    holds a homicide or attempted murder are not "live" and are left out. Only events before
    ``as_of`` are read: nothing later can explain the ranking.

    Returns
    -------
    list[DyadRisk]
        Highest score first (ties: more incidents first, then ids), each with its steps.
    """
    ranked = []
    for victim, suspect, history in dyads:
        earlier = sorted((i for i in history if i.date < as_of), key=lambda i: (i.date, i.incident))
        if not earlier or any(i.offence in OUTCOMES for i in earlier):
            continue
        recent = [i for i in earlier if (as_of - i.date).days <= recent_days]
        steps, seen = [], set()
        for incident in recent:
            for stage in stages_of(incident):
                if stage not in seen:
                    seen.add(stage)
                    steps.append(
                        {
                            "stage": stage,
                            "incident": incident.incident,
                            "date": incident.date.isoformat(),
                        }
                    )
        score = float(sum(_WEIGHT[s] for s in seen))
        ranked.append(DyadRisk(victim, suspect, score, len(earlier), steps))
    return sorted(ranked, key=lambda d: (-d.score, -d.incidents, d.victim, d.suspect))
