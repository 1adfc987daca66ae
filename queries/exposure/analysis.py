"""Exposure rankings from the graph, and their measurement against a degree-only baseline."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

import neo4j
import networkx as nx
from sklearn.metrics import roc_auc_score

from graph_model.base import from_neo4j
from graph_model.connection import read
from graph_model.cypher_catalogue import cypher
from graph_model.errors import InvalidInput
from queries.exposure.scores import ExposureEntry, ViolenceEvent, exposure_scores, person_network

__all__ = ["ExposureAnalysis", "compare_with_degree", "rank_exposure"]


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
    events = [
        ViolenceEvent(r["incident"], from_neo4j(r["occurred_on"]), r["person"], r["role"])
        for r in rows("exposure/serious_violence")
    ]
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
    labels = [person in wanted for person in people]
    exposure = [score.get(person, 0.0) for person in people]
    degree = [float(analysis.graph.degree(person)) for person in people]
    by_exposure = [p for p in sorted(people, key=lambda p: (-score.get(p, 0.0), p))][:top]
    by_degree = sorted(people, key=lambda p: (-analysis.graph.degree(p), p))[:top]
    both = len(set(labels)) == 2
    return {
        "people_in_network": len(people),
        "positives_in_network": len(wanted),
        "exposure_auc": round(float(roc_auc_score(labels, exposure)), 4) if both else None,
        "degree_auc": round(float(roc_auc_score(labels, degree)), 4) if both else None,
        f"exposure_hits_in_top_{top}": len(set(by_exposure) & wanted),
        f"degree_hits_in_top_{top}": len(set(by_degree) & wanted),
    }
