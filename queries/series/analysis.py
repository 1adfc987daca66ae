"""Find candidate linked series in the graph: fetch, block, score, group."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import neo4j

from graph_model.connection import read
from graph_model.cypher_catalogue import cypher
from graph_model.errors import InvalidInput
from queries.series.features import SeriesContext, candidate_pairs, pair_evidence
from queries.series.model import (
    CandidateSeries,
    LinkModel,
    ScoredPair,
    default_model,
    group_into_series,
)
from queries.series.records import DeathRecord, death_from_row

__all__ = ["SeriesAnalysis", "fetch_deaths", "find_series", "score_all"]

MAX_HOPS = 4


@dataclass(frozen=True)
class SeriesAnalysis:
    """The result: candidate series, every scored pair, and how much work blocking saved."""

    series: list[CandidateSeries]
    scored: list[ScoredPair]
    deaths: int
    candidate_pairs: int
    threshold: float
    model: LinkModel


def fetch_deaths(
    driver: neo4j.Driver,
    database: str,
    *,
    date_from: date | None = None,
    date_to: date | None = None,
) -> tuple[list[DeathRecord], list[tuple[str, str]]]:
    """Read the deaths (and the ties around their people) from Neo4j."""
    rows = read(
        driver,
        database,
        cypher("series/deaths", package="queries"),
        {"from": date_from, "to": date_to},
    )
    deaths = [death_from_row(row) for row in rows]
    people = sorted({p for d in deaths for p in {d.deceased, *d.people} if p})
    ties = read(
        driver,
        database,
        cypher("series/associations", package="queries"),
        {"people": people},
    )
    return deaths, [(r["a"], r["b"]) for r in ties]


def score_all(
    deaths: list[DeathRecord],
    associations: list[tuple[str, str]],
    model: LinkModel,
    *,
    hops: int = 3,
) -> tuple[list[ScoredPair], int]:
    """Block, compute evidence and score every candidate pair."""
    context = SeriesContext(deaths, associations, hops=hops)
    by_id = {d.id: d for d in deaths}
    pairs = sorted(candidate_pairs(deaths, context))
    scored = [model.score(pair_evidence(by_id[a], by_id[b], context)) for a, b in pairs]
    return scored, len(pairs)


def find_series(
    driver: neo4j.Driver,
    database: str,
    *,
    threshold: float | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    hops: int = 3,
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
    hops
        How many association ties apart two deaths' people may be.
    model
        The scoring model (default: the shipped one).

    Raises
    ------
    InvalidInput
        For a threshold outside 0-1, hops outside 1-4, or an empty period.
    """
    chosen = model or default_model()
    if threshold is not None and not 0 < threshold < 1:
        raise InvalidInput(f"threshold must be between 0 and 1, not {threshold}.")
    if not 1 <= hops <= MAX_HOPS:
        raise InvalidInput(f"hops must be between 1 and {MAX_HOPS}, not {hops}.")
    if date_from and date_to and date_from > date_to:
        raise InvalidInput(f"the period is empty: {date_from} is after {date_to}.")
    deaths, ties = fetch_deaths(driver, database, date_from=date_from, date_to=date_to)
    scored, candidates = score_all(deaths, ties, chosen, hops=hops)
    cut = threshold if threshold is not None else chosen.threshold
    return SeriesAnalysis(
        group_into_series(deaths, scored, threshold=cut),
        scored,
        len(deaths),
        candidates,
        cut,
        chosen,
    )
