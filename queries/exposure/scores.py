"""Exposure scores over a person network: plain functions, testable without a database.

Each serious-violence event exposes the people near its victim or perpetrator: the exposure
it adds decays with every tie (Papachristos & Wildeman 2014 found each tie further from a
victim cut the odds of victimisation by 57%, hence a default tie factor of 0.43) and with time
since the event (a half-life; Green, Horel & Papachristos 2017 put the mean contagion lag at
~125 days). A person's score is the sum over events, and every term is kept as evidence.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

import networkx as nx

__all__ = ["Contribution", "ExposureEntry", "ViolenceEvent", "exposure_scores", "person_network"]


@dataclass(frozen=True)
class ViolenceEvent:
    """A person's part in one serious-violence incident."""

    incident: str
    occurred_on: date
    person: str
    role: str  # victim / suspect / offender


@dataclass(frozen=True)
class Contribution:
    """One event's share of a person's exposure, and the path of ties it travelled."""

    incident: str
    occurred_on: date
    role: str
    path: tuple[str, ...]  # from the exposed person to the event's person
    weight: float


@dataclass
class ExposureEntry:
    """A person's exposure score and what it is made of (a prompt for review, not a decision)."""

    person: str
    score: float = 0.0
    contributions: list[Contribution] = field(default_factory=list)

    @property
    def ties(self) -> int:
        """How many ties the nearest contributing event is away."""
        return min(len(c.path) - 1 for c in self.contributions)


def person_network(
    associations: Iterable[tuple[str, str]], co_offending: Iterable[tuple[str, str]]
) -> nx.Graph:
    """The undirected person graph of association ties and co-offending."""
    graph = nx.Graph()
    for a, b in associations:
        if a != b:
            graph.add_edge(a, b)
    for a, b in co_offending:
        if a != b:
            graph.add_edge(a, b)
    return graph


def exposure_scores(
    graph: nx.Graph,
    events: Sequence[ViolenceEvent],
    *,
    as_of: date,
    max_hops: int = 3,
    tie_factor: float = 0.43,
    half_life_days: float = 180.0,
) -> list[ExposureEntry]:
    """Rank people by exposure to earlier serious violence.

    Parameters
    ----------
    graph
        The person network (see :func:`person_network`).
    events
        Victims and perpetrators of serious violence; events on or after ``as_of`` are ignored.
    as_of
        The reference date: only earlier events count, and time decay is measured to it.
    max_hops
        How many ties exposure travels (0 counts a person's own involvement).
    tie_factor
        Multiplier per tie (0.43: each tie cuts the odds by 57%).
    half_life_days
        Time after which an event's exposure has halved.

    Returns
    -------
    list[ExposureEntry]
        Everyone with a non-zero score, highest first (ties broken by id).

    Raises
    ------
    ValueError
        For hops outside 0-4, a tie factor outside (0, 1] or a non-positive half-life.

    Examples
    --------
    >>> g = person_network([("victim", "friend"), ("friend", "friend_of_friend")], [])
    >>> events = [ViolenceEvent("i1", date(2024, 1, 1), "victim", "victim")]
    >>> [(e.person, round(e.score, 2)) for e in exposure_scores(g, events, as_of=date(2024, 1, 2))]
    [('victim', 1.0), ('friend', 0.43), ('friend_of_friend', 0.18)]
    """
    if not 0 <= max_hops <= 4:
        raise ValueError(f"max_hops must be between 0 and 4, not {max_hops}")
    if not 0 < tie_factor <= 1:
        raise ValueError(f"tie_factor must be in (0, 1], not {tie_factor}")
    if half_life_days <= 0:
        raise ValueError("half_life_days must be positive")
    entries: dict[str, ExposureEntry] = defaultdict(lambda: ExposureEntry(""))
    for event in events:
        if event.occurred_on >= as_of:
            continue
        decay = 0.5 ** ((as_of - event.occurred_on).days / half_life_days)
        if event.person in graph:
            paths = nx.single_source_shortest_path(graph, event.person, cutoff=max_hops)
        else:
            paths = {event.person: [event.person]}
        for person, path in paths.items():
            weight = decay * tie_factor ** (len(path) - 1)
            entry = entries[person]
            entry.person = person
            entry.score += weight
            entry.contributions.append(
                Contribution(
                    event.incident,
                    event.occurred_on,
                    event.role,
                    tuple(reversed(path)),
                    round(weight, 6),
                )
            )
    ranked = sorted(entries.values(), key=lambda e: (-e.score, e.person))
    for entry in ranked:
        entry.score = round(entry.score, 6)
        entry.contributions.sort(key=lambda c: -c.weight)
    return ranked
