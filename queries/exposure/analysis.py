"""Exposure rankings from the graph, and their measurement against degree and demographics."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

import neo4j
import networkx as nx

from graph_model.base import from_neo4j
from graph_model.connection import read
from graph_model.cypher_catalogue import cypher
from graph_model.errors import InvalidInput
from queries.exposure.evaluation import (
    PersonAttributes,
    compare_rankings,
    degree_scores,
    demographic_scores,
    roc_auc,
)
from queries.exposure.scores import ExposureEntry, ViolenceEvent, exposure_scores, person_network

__all__ = [
    "ExposureAnalysis",
    "compare_with_baselines",
    "compare_with_degree",
    "fetch_people",
    "fetch_violence",
    "rank_exposure",
    "rankings_with_baselines",
]


@dataclass(frozen=True)
class ExposureAnalysis:
    """The ranking and the network it was computed on."""

    as_of: date
    ranking: list[ExposureEntry]
    graph: nx.Graph
    events: int


def rank_exposure(
    driver: neo4j.Driver,
    database: str,
    *,
    as_of: date,
    max_hops: int = 3,
    half_life_days: float = 180.0,
) -> ExposureAnalysis:
    """Read the person network and serious violence before ``as_of``; rank exposure.

    Raises
    ------
    InvalidInput
        For hops outside 0-4 or a non-positive half-life.
    """
    if not 0 <= max_hops <= 4:
        raise InvalidInput(f"hops must be between 0 and 4, not {max_hops}.")
    if half_life_days <= 0:
        raise InvalidInput("the half-life must be a positive number of days.")

    def rows(name: str) -> list[neo4j.Record]:
        return read(driver, database, cypher(name, package="queries"), {"as_of": as_of})

    graph = person_network(
        ((r["a"], r["b"]) for r in rows("exposure/associations")),
        ((r["a"], r["b"]) for r in rows("exposure/co_offending")),
    )
    events = fetch_violence(driver, database, as_of=as_of)
    ranking = exposure_scores(
        graph, events, as_of=as_of, max_hops=max_hops, half_life_days=half_life_days
    )
    return ExposureAnalysis(as_of, ranking, graph, len(events))


def compare_with_degree(
    analysis: ExposureAnalysis, positives: Iterable[str], *, top: int = 20
) -> dict[str, object]:
    """AUC and hits in the top ``top`` for exposure and for degree, over people in the network.

    ``positives`` are the people who went on to be victims or perpetrators of serious violence.
    """
    people = sorted(analysis.graph.nodes)
    wanted = set(positives) & set(people)
    score = {entry.person: entry.score for entry in analysis.ranking}
    exposure = {person: score.get(person, 0.0) for person in people}
    degree = {person: float(analysis.graph.degree(person)) for person in people}
    by_exposure = [p for p in sorted(people, key=lambda p: (-score.get(p, 0.0), p))][:top]
    by_degree = sorted(people, key=lambda p: (-analysis.graph.degree(p), p))[:top]
    exposure_auc, degree_auc = roc_auc(exposure, wanted), roc_auc(degree, wanted)
    return {
        "people_in_network": len(people),
        "positives_in_network": len(wanted),
        "exposure_auc": None if exposure_auc is None else round(exposure_auc, 4),
        "degree_auc": None if degree_auc is None else round(degree_auc, 4),
        f"exposure_hits_in_top_{top}": len(set(by_exposure) & wanted),
        f"degree_hits_in_top_{top}": len(set(by_degree) & wanted),
    }


def fetch_violence(driver: neo4j.Driver, database: str, *, as_of: date) -> list[ViolenceEvent]:
    """Victims and perpetrators of serious violence recorded before ``as_of``."""
    return [
        ViolenceEvent(r["incident"], from_neo4j(r["occurred_on"]), r["person"], r["role"])
        for r in read(
            driver,
            database,
            cypher("exposure/serious_violence", package="queries"),
            {"as_of": as_of},
        )
    ]


def fetch_people(driver: neo4j.Driver, database: str) -> list[PersonAttributes]:
    """Every resolved person with date of birth and sex (the demographics baseline's inputs)."""
    return [
        PersonAttributes(
            r["person"],
            from_neo4j(r["date_of_birth"]) if r["date_of_birth"] is not None else None,
            r["sex"] or "unknown",
        )
        for r in read(driver, database, cypher("exposure/people", package="queries"), {})
    ]


def rankings_with_baselines(
    analysis: ExposureAnalysis,
    people: Sequence[PersonAttributes],
    events: Sequence[ViolenceEvent],
) -> dict[str, dict[str, float]]:
    """Exposure, degree and demographics scores over everyone in ``people``.

    All three rank the same population: everyone the graph knows, whether or not they have a
    tie. Demographics are fitted on ``events`` before ``analysis.as_of`` only (see
    :func:`~queries.exposure.evaluation.demographic_scores`).
    """
    population = [p.person for p in people]
    score = {entry.person: entry.score for entry in analysis.ranking}
    return {
        "exposure": {p: score.get(p, 0.0) for p in population},
        "degree": degree_scores(analysis.graph, population),
        "demographics": demographic_scores(people, events, as_of=analysis.as_of),
    }


def compare_with_baselines(
    analysis: ExposureAnalysis,
    people: Sequence[PersonAttributes],
    events: Sequence[ViolenceEvent],
    positives: Iterable[str],
    *,
    top_fraction: float = 0.01,
    top: int = 20,
) -> dict[str, dict[str, float | int | None]]:
    """Recall in the top 1% and top ``top``, and AUC: exposure against degree and demographics.

    ``positives`` are the people involved in serious violence after ``analysis.as_of``; the
    rankings are those of :func:`rankings_with_baselines`.
    """
    rankings = rankings_with_baselines(analysis, people, events)
    return compare_rankings(rankings, set(positives), top_fraction=top_fraction, top=top)
