"""Pairwise evidence that two deaths are linked, and blocking so cost grows about linearly.

Features follow comparative case analysis (distance and time apart as continuous, decaying
values; similarity of the victims and of what happened, each shared value weighted by how
uncommon it is; Tonkin 2017, Porter 2016) plus the signals missed series have shown: the same
person named on two reports in any role (Port, Nilsen), with that person's own earlier
incidents as a suspect, people named on one report whose home was near where the other body
was found (the offender's home as the anchor of a series), victims a few ties apart, and
objects recorded missing from both and recovered together. No feature is a yes/no cut-off
that a generator could be built around.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import combinations

import networkx as nx

from queries.series.records import DeathRecord
from queries.time_of_day import time_band

__all__ = [
    "FEATURES",
    "Home",
    "PairEvidence",
    "PriorIncident",
    "SeriesContext",
    "candidate_pairs",
    "haversine_km",
    "pair_evidence",
    "victim_profile",
]

FEATURES = (
    "proximity",
    "proximity_wide",
    "same_place_rarity",
    "same_place_type_rarity",
    "temporal_proximity",
    "temporal_proximity_year",
    "same_cause_rarity",
    "same_substance_rarity",
    "victim_profile_rarity",
    "shared_person",
    "shared_person_history",
    "named_person_lives_near",
    "named_person_lives_near_history",
    "association_closeness",
    "objects_recovered_together",
)

#: Distance scales (km) of the two decaying proximity features: about a street, about a town.
PROXIMITY_KM = 0.5
PROXIMITY_WIDE_KM = 5.0
#: A home further than this from the other death does not count as near it.
NEAR_HOME_KM = 2.0
#: Time scales (days) of the two decaying temporal features: about two months, about a year.
TEMPORAL_DAYS = 60.0
TEMPORAL_YEAR_DAYS = 365.0
#: Victims whose ages differ by more than this are not of one profile.
PROFILE_AGE_YEARS = 10


def victim_profile(death: DeathRecord) -> tuple[str, int] | None:
    """The victim's sex and age decade, when both are recorded.

    Examples
    --------
    >>> from datetime import date
    >>> victim_profile(DeathRecord("d", date(2024, 5, 1), sex="M", date_of_birth=date(1999, 1, 1)))
    ('M', 2)
    """
    if not death.sex or death.sex == "unknown" or death.age is None:
        return None
    return death.sex, min(death.age // 10, 9)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres.

    Examples
    --------
    >>> round(haversine_km(52.19, -2.22, 52.19, -2.22), 3)
    0.0
    >>> 60 < haversine_km(52.0567, -2.7150, 52.7077, -2.7540) < 80   # Hereford to Shrewsbury
    True
    """
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, a)))


@dataclass(frozen=True)
class PriorIncident:
    """An incident in which a person named on a death report was a suspect or offender."""

    incident: str
    occurred_on: date
    category: str | None = None


@dataclass(frozen=True)
class Home:
    """A recorded home of a person, with its coordinates and when they lived there."""

    place: str
    latitude: float
    longitude: float
    since: date | None = None
    until: date | None = None

    def held_on(self, day: date) -> bool:
        """Whether this was their home on ``day`` (open ends count as holding)."""
        return (self.since is None or self.since <= day) and (
            self.until is None or day <= self.until
        )


def _rarity(counts: Counter, total: int) -> dict[object, float]:
    """How uncommon each value is among ``total`` deaths: log(total / n) / log(total), in 0-1."""
    scale = math.log(max(2, total))
    return {key: max(0.0, math.log(total / n)) / scale for key, n in counts.items() if n}


@dataclass
class SeriesContext:
    """What pair scoring needs beyond the two deaths.

    How common each place, place type, cause, substance and named person is among the deaths
    (an uncommon shared feature says more than a common one), the association graph between
    people, and the earlier incidents in which people named on reports were suspects.

    Parameters
    ----------
    deaths
        All deaths in the analysis (rarity is computed over them).
    associations
        Person-to-person ties (undirected).
    hops
        How many ties apart two deaths' people may be and still count as associated.
    suspect_history
        Person id -> incidents in which they were a suspect or offender.
    homes
        Person id -> their recorded homes (for people named on reports).
    """

    deaths: Sequence[DeathRecord]
    associations: Iterable[tuple[str, str]] = ()
    hops: int = 3
    suspect_history: Mapping[str, Sequence[PriorIncident]] = field(default_factory=dict)
    homes: Mapping[str, Sequence[Home]] = field(default_factory=dict)
    graph: nx.Graph = field(init=False)
    cause_idf: dict[str, float] = field(init=False)
    substance_idf: dict[str, float] = field(init=False)
    cause_rarity: dict[object, float] = field(init=False)
    substance_rarity: dict[object, float] = field(init=False)
    place_rarity: dict[object, float] = field(init=False)
    place_type_rarity: dict[object, float] = field(init=False)
    profile_rarity: dict[object, float] = field(init=False)
    deaths_named_on: Counter = field(init=False)

    def __post_init__(self) -> None:
        if self.hops < 1:
            raise ValueError("hops must be at least 1")
        self.graph = nx.Graph()
        self.graph.add_edges_from((a, b) for a, b in self.associations if a != b)
        total = max(1, len(self.deaths))
        causes = Counter(d.cause for d in self.deaths if d.cause)
        substances = Counter(s for d in self.deaths for s in set(d.substances))
        self.cause_idf = {c: math.log(total / n) for c, n in causes.items()}
        self.substance_idf = {s: math.log(total / n) for s, n in substances.items()}
        self.cause_rarity = _rarity(causes, total)
        self.substance_rarity = _rarity(substances, total)
        self.place_rarity = _rarity(Counter(d.place for d in self.deaths if d.place), total)
        self.place_type_rarity = _rarity(
            Counter(d.place_type for d in self.deaths if d.place_type), total
        )
        self.profile_rarity = _rarity(
            Counter(victim_profile(d) for d in self.deaths if victim_profile(d)), total
        )
        self.deaths_named_on = Counter(p for d in self.deaths for p in d.people)

    def association_path(self, a: DeathRecord, b: DeathRecord) -> list[str] | None:
        """The shortest tie path (at most ``hops`` ties) from a's people to b's, if any."""
        sources = {p for p in {a.deceased, *a.people} if p and p in self.graph}
        targets = {p for p in {b.deceased, *b.people} if p and p in self.graph}
        if not sources or not targets or sources & targets:
            return None
        lengths, paths = nx.multi_source_dijkstra(self.graph, sources, cutoff=self.hops)
        reachable = [t for t in targets if t in lengths]
        if not reachable:
            return None
        best = min(reachable, key=lambda t: (lengths[t], t))
        return paths[best]

    def prior_incidents(self, person: str, before: date) -> list[PriorIncident]:
        """The person's incidents as suspect or offender strictly before ``before``."""
        return sorted(
            (i for i in self.suspect_history.get(person, ()) if i.occurred_on < before),
            key=lambda i: (i.occurred_on, i.incident),
        )


@dataclass(frozen=True)
class PairEvidence:
    """Feature values for a pair of deaths, and what a person reads to check them."""

    a: str
    b: str
    values: dict[str, float]
    evidence: dict[str, object]


def _incidents(prior: Iterable[PriorIncident]) -> list[dict[str, object]]:
    """Earlier incidents as evidence: id, date and category."""
    return [
        {"incident": i.incident, "occurred_on": i.occurred_on.isoformat(), "category": i.category}
        for i in prior
    ]


def _shared_people(
    a: DeathRecord, b: DeathRecord, context: SeriesContext
) -> tuple[float, float, list[dict[str, object]]]:
    """Specificity of the people named on both reports, their history, and the evidence.

    A person named on only these two reports is specific (1.0); a carer named on ten is
    not (1/9). History counts the incidents in which a shared person was a suspect or
    offender before the later death (2 or more count fully).
    """
    shared = sorted(a.people & b.people)
    later = max(a.date_found, b.date_found)
    specificity, history, evidence = 0.0, 0.0, []
    for person in shared:
        named_on = max(2, context.deaths_named_on.get(person, 2))
        prior = context.prior_incidents(person, later)
        specificity = max(specificity, 1.0 / (named_on - 1))
        history = max(history, min(1.0, len(prior) / 2))
        evidence.append(
            {
                "person": person,
                "roles": [r for p, r in a.roles if p == person]
                + [r for p, r in b.roles if p == person],
                "deaths_named_on": named_on,
                "prior_incidents_as_suspect": _incidents(prior),
            }
        )
    return specificity, history, evidence


def _lives_near(
    a: DeathRecord, b: DeathRecord, context: SeriesContext
) -> tuple[float, float, list[dict[str, object]]]:
    """People named on one report whose home, at the time, was near where the other was found.

    The offender's home anchors a series (geographic profiling; Stephen Port lived yards from
    where his victims were found): someone who reported one death and lived 300 m from where
    the next body lay is worth a look, more so with earlier incidents as a suspect. Returns
    the closeness (decaying at :data:`PROXIMITY_KM`), the same weighted by that person's
    history before the later death, and the evidence.
    """
    later = max(a.date_found, b.date_found)
    closeness, history, evidence = 0.0, 0.0, []
    for named_on, other in ((a, b), (b, a)):
        if other.latitude is None or other.longitude is None:
            continue
        for person in sorted(named_on.people - {other.deceased}):
            distances = sorted(
                (haversine_km(h.latitude, h.longitude, other.latitude, other.longitude), h.place)  # type: ignore[arg-type]
                for h in context.homes.get(person, ())
                if h.held_on(other.date_found)
            )
            if not distances or distances[0][0] > NEAR_HOME_KM:
                continue
            km, home = distances[0]
            near = math.exp(-km / PROXIMITY_KM)
            prior = context.prior_incidents(person, later)
            closeness = max(closeness, near)
            history = max(history, near * min(1.0, len(prior) / 2))
            evidence.append(
                {
                    "person": person,
                    "named_on": named_on.id,
                    "roles": [r for p, r in named_on.roles if p == person],
                    "home": home,
                    "km_from_other_death": round(km, 3),
                    "prior_incidents_as_suspect": _incidents(prior),
                }
            )
    return closeness, history, evidence


def pair_evidence(a: DeathRecord, b: DeathRecord, context: SeriesContext) -> PairEvidence:
    """Compute the features linking two deaths, with human-readable evidence.

    The features follow comparative case analysis: distance and time apart as decaying
    continuous values, shared places, causes and substances weighted by how uncommon they
    are among the deaths, the victims' profiles, every person named on both reports (in any
    role, weighted by how many reports name them) and that person's earlier incidents as a
    suspect, people named on one report who lived near where the other was found (with their
    history), people a few ties apart, and objects recorded missing from both and recovered
    together.

    Parameters
    ----------
    a, b
        The two deaths.
    context
        Rarity tables, the association graph and suspects' earlier incidents.

    Returns
    -------
    PairEvidence
        Values for every name in :data:`FEATURES` and the facts behind them.

    Examples
    --------
    >>> from datetime import date
    >>> x = DeathRecord("d1", date(2024, 1, 1), cause="drug_toxicity", substances=("ghb",),
    ...                 latitude=52.0, longitude=-2.0, roles=(("p9", "reported_by"),))
    >>> y = DeathRecord("d2", date(2024, 2, 1), cause="drug_toxicity", substances=("ghb",),
    ...                 latitude=52.001, longitude=-2.0, roles=(("p9", "last_seen_with"),))
    >>> pair = pair_evidence(x, y, SeriesContext([x, y]))
    >>> pair.values["shared_person"], round(pair.values["proximity"], 2)
    (1.0, 0.8)
    >>> pair.evidence["shared_people"][0]["roles"]
    ['reported_by', 'last_seen_with']
    """
    values = dict.fromkeys(FEATURES, 0.0)
    evidence: dict[str, object] = {}
    if a.place and a.place == b.place:
        values["same_place_rarity"] = context.place_rarity.get(a.place, 0.0)
        evidence["same_place"] = a.address or a.place
    if None not in (a.latitude, a.longitude, b.latitude, b.longitude):
        km = haversine_km(a.latitude, a.longitude, b.latitude, b.longitude)  # type: ignore[arg-type]
        evidence["distance_km"] = round(km, 3)
        values["proximity"] = math.exp(-km / PROXIMITY_KM)
        values["proximity_wide"] = math.exp(-km / PROXIMITY_WIDE_KM)
    if a.place_type and a.place_type == b.place_type:
        values["same_place_type_rarity"] = context.place_type_rarity.get(a.place_type, 0.0)
        evidence["place_type"] = a.place_type
    days = abs((a.date_found - b.date_found).days)
    evidence["days_apart"] = days
    values["temporal_proximity"] = math.exp(-days / TEMPORAL_DAYS)
    values["temporal_proximity_year"] = math.exp(-days / TEMPORAL_YEAR_DAYS)
    if a.found_at is not None and b.found_at is not None:
        # shown to the analyst only: no feature (and so no score) uses the time of day
        evidence["times_found"] = [f"{a.found_at:%H:%M}", f"{b.found_at:%H:%M}"]
        if time_band(a.found_at) == time_band(b.found_at):
            evidence["same_time_of_day"] = time_band(a.found_at)
    if a.cause and a.cause == b.cause:
        values["same_cause_rarity"] = context.cause_rarity.get(a.cause, 0.0)
        evidence["same_cause"] = a.cause
    shared_substances = sorted(set(a.substances) & set(b.substances))
    if shared_substances:
        # The rarest substance both had: sharing GHB says more than sharing alcohol.
        values["same_substance_rarity"] = max(
            context.substance_rarity.get(s, 0.0) for s in shared_substances
        )
        evidence["shared_substances"] = shared_substances
    if a.age is not None and b.age is not None:
        evidence["ages"] = [a.age, b.age]
    left, right = victim_profile(a), victim_profile(b)
    if (
        left and right and left[0] == right[0] and abs(a.age - b.age) <= PROFILE_AGE_YEARS  # type: ignore[operator]
    ):
        # Victims of one sex and about one age, weighted by how uncommon deaths of that
        # profile are (young men rarely die; elderly women often do); the younger's decade.
        values["victim_profile_rarity"] = context.profile_rarity.get(min(left, right), 0.0)
    specificity, history, shared = _shared_people(a, b, context)
    if shared:
        values["shared_person"] = specificity
        values["shared_person_history"] = history
        evidence["shared_people"] = shared
    closeness, history, living_near = _lives_near(a, b, context)
    if living_near:
        values["named_person_lives_near"] = closeness
        values["named_person_lives_near_history"] = history
        evidence["people_living_near"] = living_near
    path = context.association_path(a, b)
    if path:
        values["association_closeness"] = 1.0 / (len(path) - 1)
        evidence["association_path"] = path
    together = sorted(set(a.recovered_in) & set(b.recovered_in))
    if together:
        values["objects_recovered_together"] = 1.0
        evidence["objects_recovered_in"] = together
    return PairEvidence(a.id, b.id, values, evidence)


def _km(a: DeathRecord, b: DeathRecord) -> float:
    return haversine_km(a.latitude, a.longitude, b.latitude, b.longitude)  # type: ignore[arg-type]


def _km_per_degree_longitude(deaths: Sequence[DeathRecord]) -> float:
    """Kilometres per degree of longitude at the deaths' latitude furthest from the equator.

    Taking the smallest value makes every grid cell at least as wide as the blocking radius
    wherever the force is, so a neighbouring cell always holds every death within reach.
    """
    latitudes = [abs(d.latitude) for d in deaths if d.latitude is not None]
    widest = min(89.0, max(latitudes, default=0.0))
    return max(1.0, 111.32 * math.cos(math.radians(widest)))


def _cell(death: DeathRecord, size_km: float, km_per_lon: float) -> tuple[int, int] | None:
    if death.latitude is None or death.longitude is None:
        return None
    return int(death.latitude * 110.57 // size_km), int(death.longitude * km_per_lon // size_km)


def _rare_key_pairs(
    members: Sequence[DeathRecord], *, max_days: int, max_km: float
) -> set[tuple[str, str]]:
    """Pairs sharing a rare key, close enough in time and space; a sliding window over dates."""
    ordered = sorted(set(members), key=lambda d: (d.date_found, d.id))
    found = set()
    for position, death in enumerate(ordered):
        for other in ordered[position + 1 :]:
            if (other.date_found - death.date_found).days > max_days:
                break
            located = None not in (death.latitude, other.latitude)
            if not located or _km(death, other) <= max_km:
                found.add((min(death.id, other.id), max(death.id, other.id)))
    return found


def candidate_pairs(
    deaths: Sequence[DeathRecord],
    context: SeriesContext,
    *,
    max_km: float = 2.0,
    max_days: int = 365,
    rare_max_km: float = 25.0,
) -> set[tuple[str, str]]:
    """Pairs worth scoring.

    Close in space and time, or sharing a place, a person, recovered objects, or people a
    few ties apart; or sharing a rare cause or substance within two years and
    ``rare_max_km`` (about a policing area, so a bigger force costs more deaths, not more
    pairs per death; deaths with no location are compared regardless of distance).

    Each key indexes deaths, so the number of pairs grows with the number of deaths times the
    (small) number sharing a key, not with the square of the number of deaths.

    Returns
    -------
    set[tuple[str, str]]
        Pairs of death ids, each ordered (smaller id first).
    """
    pairs: set[tuple[str, str]] = set()
    by_id = {d.id: d for d in deaths}

    def add_groups(groups: dict[object, list[str]], *, window: int | None = None) -> None:
        for members in groups.values():
            for x, y in combinations(sorted(set(members)), 2):
                if (
                    window is None
                    or abs((by_id[x].date_found - by_id[y].date_found).days) <= window
                ):
                    pairs.add((x, y))

    cells: dict[tuple[int, int], list[DeathRecord]] = defaultdict(list)
    km_per_lon = _km_per_degree_longitude(deaths)
    for death in deaths:
        cell = _cell(death, max_km, km_per_lon)
        if cell:
            cells[cell].append(death)
    for (row, column), members in cells.items():
        neighbours = [
            d
            for dr in (-1, 0, 1)
            for dc in (-1, 0, 1)
            for d in cells.get((row + dr, column + dc), [])
        ]
        for death in members:
            for other in neighbours:
                close_in_time = abs((death.date_found - other.date_found).days) <= max_days
                if death.id < other.id and close_in_time and _km(death, other) <= max_km:
                    pairs.add((death.id, other.id))

    places: dict[object, list[str]] = defaultdict(list)
    people: dict[object, list[str]] = defaultdict(list)
    recovered: dict[object, list[str]] = defaultdict(list)
    rare: dict[object, list[str]] = defaultdict(list)
    rare_cutoff = math.log(10)  # rarer than one death in ten
    for death in deaths:
        if death.place:
            places[death.place].append(death.id)
        for person in death.people:
            people[person].append(death.id)
        for incident in death.recovered_in:
            recovered[incident].append(death.id)
        if death.cause and context.cause_idf.get(death.cause, 0.0) >= rare_cutoff:
            rare[("cause", death.cause)].append(death.id)
        for substance in death.substances:
            if context.substance_idf.get(substance, 0.0) >= rare_cutoff:
                rare[("substance", substance)].append(death.id)
    add_groups(places)
    add_groups(people)
    add_groups(recovered)
    for members in rare.values():
        pairs |= _rare_key_pairs(
            [by_id[m] for m in members], max_days=max_days * 2, max_km=rare_max_km
        )

    # People within `hops` ties: index each death by the people within one tie of its people,
    # then look each death's wider neighbourhood up in that index.
    graph = context.graph
    near: dict[str, set[str]] = defaultdict(set)
    reach: dict[str, set[str]] = {}
    inner = (context.hops + 1) // 2
    outer = context.hops - inner
    for death in deaths:
        own = {p for p in {death.deceased, *death.people} if p and p in graph}
        ball_inner, ball_outer = set(own), set(own)
        for person in own:
            ball_inner |= set(nx.single_source_shortest_path_length(graph, person, cutoff=inner))
            ball_outer |= set(nx.single_source_shortest_path_length(graph, person, cutoff=outer))
        for person in ball_inner:
            near[person].add(death.id)
        reach[death.id] = ball_outer
    for death in deaths:
        for person in reach.get(death.id, ()):
            for other in near.get(person, ()):
                if other != death.id:
                    pairs.add((min(death.id, other), max(death.id, other)))
    return pairs
