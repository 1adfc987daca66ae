"""Find candidate linked series in the graph: fetch, block, score, group."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

import neo4j

from graph_model.base import from_neo4j
from graph_model.connection import read
from graph_model.cypher_catalogue import cypher
from graph_model.errors import InvalidInput
from queries.series.features import (
    Home,
    PriorIncident,
    SeriesContext,
    candidate_pairs,
    pair_evidence,
)
from queries.series.model import (
    CandidateSeries,
    LinkModel,
    ScoredPair,
    default_model,
    group_into_series,
)
from queries.series.records import DeathRecord, death_from_row

T = TypeVar("T")

__all__ = ["SeriesAnalysis", "SeriesInputs", "fetch_deaths", "find_series", "score_all"]

MAX_HOPS = 4
MAX_NEAR = 100


@dataclass(frozen=True)
class SeriesAnalysis:
    """The result: candidate series, every scored pair, and how much work blocking saved.

    ``near_threshold`` holds the strongest pairs below the threshold, strongest first, so a
    reviewer sees what almost linked. ``as_of`` is the date the analysis was run as of
    (None: everything in the graph).
    """

    series: list[CandidateSeries]
    scored: list[ScoredPair]
    deaths: int
    candidate_pairs: int
    threshold: float
    model: LinkModel
    near_threshold: list[ScoredPair] = field(default_factory=list)
    as_of: date | None = None


@dataclass(frozen=True)
class SeriesInputs:
    """What the series analysis reads from the graph: deaths, ties, named people's histories.

    ``suspect_history`` and ``homes`` are kept for the people named on reports (not the
    deceased): their incidents as suspect or offender, and their recorded homes.
    """

    deaths: list[DeathRecord]
    associations: list[tuple[str, str]]
    suspect_history: dict[str, list[PriorIncident]]
    homes: dict[str, list[Home]] = field(default_factory=dict)

    def context(self, *, hops: int = 3) -> SeriesContext:
        """The rarity tables, tie graph, histories and homes that pair scoring needs."""
        return SeriesContext(
            self.deaths,
            self.associations,
            hops=hops,
            suspect_history=self.suspect_history,
            homes=self.homes,
        )


def _by_person(
    rows: Iterable[Mapping[str, Any]], build: Callable[[Mapping[str, Any]], T]
) -> dict[str, list[T]]:
    """Group query rows by their ``person`` column, each row built into a record."""
    grouped: dict[str, list[T]] = {}
    for row in rows:
        grouped.setdefault(row["person"], []).append(build(row))
    return grouped


def fetch_deaths(
    driver: neo4j.Driver,
    database: str,
    *,
    date_from: date | None = None,
    date_to: date | None = None,
    as_of: date | None = None,
) -> SeriesInputs:
    """Read the deaths, the ties around their people, and named people's incidents and homes.

    With ``as_of``, only what was recorded by that date is read: deaths found by then, ties
    and homes that began by then (or have no start date), objects recovered by then and
    incidents up to then, so an analysis can be replayed as it would have run on that day.
    """
    rows = read(
        driver,
        database,
        cypher("series/deaths", package="queries"),
        {"from": date_from, "to": date_to, "as_of": as_of},
    )
    deaths = [death_from_row(row) for row in rows]
    people = sorted({p for d in deaths for p in {d.deceased, *d.people} if p})
    ties = read(
        driver,
        database,
        cypher("series/associations", package="queries"),
        {"people": people, "as_of": as_of},
    )
    named = sorted({p for d in deaths for p in d.people})
    parameters = {"people": named, "as_of": as_of}
    history = _by_person(
        read(driver, database, cypher("series/suspect_history", package="queries"), parameters),
        lambda row: PriorIncident(row["incident"], from_neo4j(row["occurred_on"]), row["category"]),
    )
    homes = _by_person(
        read(driver, database, cypher("series/homes", package="queries"), parameters),
        lambda row: Home(
            row["place"],
            row["latitude"],
            row["longitude"],
            from_neo4j(row["since"]),
            from_neo4j(row["until"]),
        ),
    )
    return SeriesInputs(deaths, [(r["a"], r["b"]) for r in ties], history, homes)


def score_all(
    inputs: SeriesInputs, model: LinkModel, *, hops: int = 3
) -> tuple[list[ScoredPair], int]:
    """Block, compute evidence and score every candidate pair."""
    context = inputs.context(hops=hops)
    by_id = {d.id: d for d in inputs.deaths}
    pairs = sorted(candidate_pairs(inputs.deaths, context))
    scored = [model.score(pair_evidence(by_id[a], by_id[b], context)) for a, b in pairs]
    return scored, len(pairs)


def find_series(
    driver: neo4j.Driver,
    database: str,
    *,
    threshold: float | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    as_of: date | None = None,
    hops: int = 3,
    near: int = 10,
    model: LinkModel | None = None,
) -> SeriesAnalysis:
    """Candidate linked series among the death reports in the graph.

    Parameters
    ----------
    driver, database
        Where the graph is.
    threshold
        Link probability at or above which two deaths are linked (default: the model's).
    date_from, date_to
        Only deaths found in this period.
    as_of
        Use only what was recorded by this date (a prospective replay).
    hops
        How many association ties apart two deaths' people may be.
    near
        How many of the strongest pairs below the threshold to keep as near-threshold
        candidates.
    model
        The scoring model (default: the shipped one).

    Raises
    ------
    InvalidInput
        For a threshold outside 0-1, hops outside 1-4, ``near`` outside 0-100, or an empty
        period.
    """
    chosen = model or default_model()
    if threshold is not None and not 0 < threshold < 1:
        raise InvalidInput(f"threshold must be between 0 and 1, not {threshold}.")
    if not 1 <= hops <= MAX_HOPS:
        raise InvalidInput(f"hops must be between 1 and {MAX_HOPS}, not {hops}.")
    if not 0 <= near <= MAX_NEAR:
        raise InvalidInput(f"near must be between 0 and {MAX_NEAR}, not {near}.")
    if date_from and date_to and date_from > date_to:
        raise InvalidInput(f"the period is empty: {date_from} is after {date_to}.")
    if as_of and date_from and as_of < date_from:
        raise InvalidInput(f"the period is empty: as of {as_of} is before {date_from}.")
    inputs = fetch_deaths(driver, database, date_from=date_from, date_to=date_to, as_of=as_of)
    scored, candidates = score_all(inputs, chosen, hops=hops)
    cut = threshold if threshold is not None else chosen.threshold
    below = sorted(
        (pair for pair in scored if pair.probability < cut),
        key=lambda pair: (-pair.probability, pair.a, pair.b),
    )
    return SeriesAnalysis(
        group_into_series(inputs.deaths, scored, threshold=cut),
        scored,
        len(inputs.deaths),
        candidates,
        cut,
        chosen,
        below[:near],
        as_of,
    )
