"""Repeat victims and perpetrators, network communities and vulnerable people, from the graph."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

import neo4j
import networkx as nx

from graph_model.base import from_neo4j
from graph_model.connection import read
from graph_model.cypher_catalogue import cypher
from graph_model.errors import InvalidInput
from graph_model.kinds import AssociationKind, OffenceCategory
from queries.exposure.scores import person_network
from queries.networks.structure import Community, closed_triads, communities
from queries.ties import tie_kinds

__all__ = [
    "FAMILY_TIES",
    "VIOLENT_OFFENCES",
    "NetworkAnalysis",
    "Triangle",
    "TriangleAnalysis",
    "analyse_networks",
    "association_triangles",
    "dangerous_family_associates",
    "dangerous_family_friends",
    "vulnerable_people",
]

# Ties that make someone family or household for "dangerous family associates".
FAMILY_TIES = (
    AssociationKind.FAMILY,
    AssociationKind.PARTNER,
    AssociationKind.EX_PARTNER,
    AssociationKind.LIVES_WITH,
)
# Offence categories counted as violent (police.uk's combined category included, for POLE).
VIOLENT_OFFENCES = (
    OffenceCategory.HOMICIDE,
    OffenceCategory.ATTEMPTED_MURDER,
    OffenceCategory.VIOLENCE_WITH_INJURY,
    OffenceCategory.VIOLENCE_WITHOUT_INJURY,
    OffenceCategory.VIOLENCE_AND_SEXUAL_OFFENCES,
    OffenceCategory.NON_FATAL_STRANGULATION,
    OffenceCategory.THREATS_TO_KILL,
    OffenceCategory.SEXUAL_OFFENCE,
    OffenceCategory.ROBBERY,
    OffenceCategory.WEAPONS,
)


@dataclass(frozen=True)
class NetworkAnalysis:
    """Repeat involvement in the period, and the communities of the network at its end."""

    repeat_victims: list[dict[str, Any]]
    repeat_perpetrators: list[dict[str, Any]]
    communities: list[Community]
    people_in_network: int


def _read(driver: neo4j.Driver, database: str, name: str, **parameters: Any) -> list[neo4j.Record]:
    return read(driver, database, cypher(name, package="queries"), parameters)


def analyse_networks(
    driver: neo4j.Driver,
    database: str,
    *,
    date_from: date,
    date_to: date,
    minimum: int = 3,
    ties: list[str] | None = None,
) -> NetworkAnalysis:
    """Repeat victims and perpetrators in a period, and the network's communities.

    Communities of the co-offending and association network as of the end date, each with
    its most central members. ``ties`` (``AssociationKind`` values) keeps only those kinds
    of tie in the network; co-offending counts as ``co_offender``.

    Raises
    ------
    InvalidInput
        For an empty period, a minimum below 2 or an unknown kind of tie.
    """
    kinds = tie_kinds(ties)
    if date_from >= date_to:
        raise InvalidInput(f"the period is empty: {date_from} is not before {date_to}.")
    if minimum < 2:
        raise InvalidInput("a repeat needs at least 2 incidents.")
    rows = _read(
        driver,
        database,
        "networks/repeat_involvement",
        **{"from": date_from, "to": date_to, "minimum": minimum},
    )
    victims = [
        {"person": r["person"], "times": r["times"], "incidents": r["incidents"]}
        for r in rows
        if r["side"] == "victim"
    ]
    perpetrators = [
        {"person": r["person"], "times": r["times"], "incidents": r["incidents"]}
        for r in rows
        if r["side"] == "perpetrator"
    ]
    associations = _read(driver, database, "exposure/associations", as_of=date_to)
    co_offending = (
        _read(driver, database, "exposure/co_offending", as_of=date_to)
        if kinds is None or AssociationKind.CO_OFFENDER in kinds
        else []
    )
    graph = person_network(
        ((r["a"], r["b"]) for r in associations if kinds is None or r["kind"] in kinds),
        ((r["a"], r["b"]) for r in co_offending),
    )
    return NetworkAnalysis(victims, perpetrators, communities(graph), graph.number_of_nodes())


def vulnerable_people(
    driver: neo4j.Driver,
    database: str,
    *,
    minimum: int = 3,
    ties: list[str] | None = None,
    limit: int = 50,
) -> list[dict[str, Any]]:
    """People party to no crime but associated with at least ``minimum`` who are.

    ``ties`` (``AssociationKind`` values) counts associates through those kinds of tie
    only: ``["associate"]`` is POLE's "vulnerable people" (KNOWS only).

    Raises
    ------
    InvalidInput
        For a minimum below 1, a limit outside 1-1000 or an unknown kind of tie.
    """
    if minimum < 1 or not 1 <= limit <= 1000:
        raise InvalidInput("minimum must be at least 1 and limit between 1 and 1000.")
    rows = _read(
        driver,
        database,
        "networks/vulnerable_people",
        minimum=minimum,
        ties=tie_kinds(ties),
        limit=limit,
    )
    return [
        {
            "person": r["person"],
            "associates_party_to_crime": r["associates_party_to_crime"],
            "tie_kinds": r["tie_kinds"],
            "associates": r["associates"],
        }
        for r in rows
    ]


def dangerous_family_associates(
    driver: neo4j.Driver,
    database: str,
    *,
    person: str | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    limit: int = 50,
) -> list[dict[str, Any]]:
    """People whose family or household includes someone party to violent crime.

    Each entry names the relatives, the kinds of tie (family, partner, ex-partner, lives
    with), and up to ten of each relative's violent crimes with dates and roles, so the
    reviewer sees why the person is listed. ``party_to_crime`` says whether the person is
    an offender themselves.

    Raises
    ------
    InvalidInput
        For a limit outside 1-1000 or an empty date range.
    """
    if not 1 <= limit <= 1000:
        raise InvalidInput(f"limit must be between 1 and 1000, not {limit}.")
    if date_from and date_to and date_from > date_to:
        raise InvalidInput(f"the date range is empty: {date_from} is after {date_to}.")
    rows = _read(
        driver,
        database,
        "networks/dangerous_family",
        person=person,
        family_kinds=[kind.value for kind in FAMILY_TIES],
        violent_offences=[offence.value for offence in VIOLENT_OFFENCES],
        date_from=date_from,
        date_to=date_to,
        limit=limit,
    )
    return [
        {
            "person": r["person"],
            "party_to_crime": r["party_to_crime"],
            "dangerous_relatives": r["dangerous_relatives"],
            "violent_crimes": r["crimes_total"],
            "relatives": [
                {
                    "person": relative["relative"],
                    "ties": sorted(relative["ties"]),
                    "violent_crimes": relative["crime_count"],
                    "crimes": sorted(
                        (from_neo4j(crime) for crime in relative["crimes"]),
                        key=lambda crime: (crime["occurred_on"], crime["incident"]),
                    ),
                }
                for relative in r["relatives"]
            ],
        }
        for r in rows
    ]


def dangerous_family_friends(
    driver: neo4j.Driver,
    database: str,
    *,
    person: str | None = None,
    family_ties: list[str] | None = None,
    friend_ties: list[str] | None = None,
    living_together: bool = False,
    limit: int = 50,
) -> list[dict[str, Any]]:
    """People party to no crime whose relative (also party to none) has friends who are.

    POLE's "dangerous family friends": the exposure comes through a relative, not a direct
    tie. Each entry counts the distinct friends party to crime and names up to ten relatives,
    with the kinds of family tie, and up to twenty of each relative's friends.

    Parameters
    ----------
    person
        Only this person (default: everyone).
    family_ties
        Kinds of tie that make the relative family (default: :data:`FAMILY_TIES`; POLE's
        FAMILY_REL is ``["family"]``).
    friend_ties
        Kinds of tie between the relative and the friend (default: every kind; POLE's KNOWS
        is ``["associate"]``).
    living_together
        Only relatives the person lives with (the same place).
    limit
        People to return, 1-1000, most dangerous family friends first.

    Returns
    -------
    list of dict
        ``person``, ``family_friends``, ``relatives`` (``person``, ``ties``, ``friends``,
        ``friend_count``).

    Raises
    ------
    InvalidInput
        For a limit outside 1-1000 or an unknown kind of tie.
    """
    if not 1 <= limit <= 1000:
        raise InvalidInput(f"limit must be between 1 and 1000, not {limit}.")
    family = tie_kinds(family_ties) or [kind.value for kind in FAMILY_TIES]
    friends = tie_kinds(friend_ties) or [kind.value for kind in AssociationKind]
    rows = _read(
        driver,
        database,
        "networks/family_friends",
        person=person,
        family_kinds=family,
        friend_kinds=friends,
        living_together=living_together,
        limit=limit,
    )
    return [
        {
            "person": r["person"],
            "family_friends": r["family_friends"],
            "relatives": [
                {
                    "person": relative["relative"],
                    "ties": sorted(relative["ties"]),
                    "friends": sorted(relative["friends"]),
                    "friend_count": relative["friend_count"],
                }
                for relative in r["relatives"]
            ],
        }
        for r in rows
    ]


@dataclass(frozen=True)
class Triangle:
    """Three people all tied to each other, the kinds of each tie, and their crimes."""

    people: tuple[str, str, str]
    ties: tuple[tuple[str, str, tuple[str, ...]], ...]  # (a, b, kinds of tie)
    crimes: tuple[int, int, int]  # crimes each person was party to, in ``people`` order
    violent_crimes: tuple[int, int, int]

    @property
    def members_party_to_crime(self) -> int:
        """How many of the three were party to any crime."""
        return sum(1 for count in self.crimes if count)


@dataclass(frozen=True)
class TriangleAnalysis:
    """Triangles in the person network, most criminally involved first, and per-person counts."""

    triangles: list[Triangle]
    total_triangles: int
    people: list[dict[str, Any]]  # person, triangles, clustering


def association_triangles(
    driver: neo4j.Driver,
    database: str,
    *,
    as_of: date | None = None,
    minimum_involved: int = 2,
    ties: list[str] | None = None,
    limit: int = 50,
) -> TriangleAnalysis:
    """Closed triads of associates (POLE's "triangles"), ranked by criminal involvement.

    A triangle is three people each tied to the other two (any association kind, or
    co-offending). Triangles with at least ``minimum_involved`` members party to crime are
    listed, most involved and most violent first; each shows its three ties with their
    kinds. The people in most triangles are listed with their clustering coefficient.
    ``ties`` (``AssociationKind`` values) keeps only those kinds of tie: ``["associate"]``
    gives POLE's triangle count over KNOWS.

    Raises
    ------
    InvalidInput
        For ``minimum_involved`` outside 0-3, a limit outside 1-1000 or an unknown kind of
        tie.
    """
    chosen = tie_kinds(ties)
    if not 0 <= minimum_involved <= 3:
        raise InvalidInput(f"minimum_involved must be 0-3, not {minimum_involved}.")
    if not 1 <= limit <= 1000:
        raise InvalidInput(f"limit must be between 1 and 1000, not {limit}.")
    kinds: dict[tuple[str, str], set[str]] = defaultdict(set)
    for row in _read(driver, database, "networks/person_ties", as_of=as_of, ties=chosen):
        kinds[tuple(sorted((row["a"], row["b"])))].add(row["kind"])  # type: ignore[index]
    graph = nx.Graph(list(kinds))
    triads = closed_triads(graph)
    members = sorted({person for triad in triads for person in triad})
    involvement = {
        r["person"]: (r["crimes"], r["violent_crimes"])
        for r in _read(
            driver,
            database,
            "networks/crime_involvement",
            ids=members,
            as_of=as_of,
            violent_offences=[offence.value for offence in VIOLENT_OFFENCES],
        )
    }
    triangles = []
    for triad in triads:
        crimes = tuple(involvement.get(p, (0, 0))[0] for p in triad)
        violent = tuple(involvement.get(p, (0, 0))[1] for p in triad)
        ties = tuple(
            (a, b, tuple(sorted(kinds[(a, b)])))
            for a, b in ((triad[0], triad[1]), (triad[0], triad[2]), (triad[1], triad[2]))
        )
        triangle = Triangle(triad, ties, crimes, violent)  # type: ignore[arg-type]
        if triangle.members_party_to_crime >= minimum_involved:
            triangles.append(triangle)
    triangles.sort(
        key=lambda t: (-t.members_party_to_crime, -sum(t.violent_crimes), -sum(t.crimes), t.people)
    )
    counts = nx.triangles(graph, members) if members else {}
    clustering = nx.clustering(graph, members) if members else {}
    people = sorted(
        (
            {"person": p, "triangles": counts[p], "clustering": round(clustering[p], 4)}
            for p in members
        ),
        key=lambda row: (-row["triangles"], row["person"]),
    )[:limit]
    return TriangleAnalysis(triangles[:limit], len(triads), people)
