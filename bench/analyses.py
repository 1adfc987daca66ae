"""Speed and accuracy of the analyses on held-out generated data (seed 7).

Run: ``.venv/bin/python -m bench.analyses [--scales small medium]``. Each scale is generated,
ingested into a throw-away local Neo4j and analysed through the real queries. Records series
accuracy with the shipped model, exposure AUC against a degree-only baseline, and timings, in
``bench/results/analyses.json``. Exposure against degree and demographics on freshly drawn
seeds, with recall in the top 1%, is ``bench/exposure.py``.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable
from datetime import date

from bench.common import write_result
from bench.local_neo4j import load_generated, throwaway_neo4j
from graph_model.housekeeping import delete_everything
from queries.exposure.analysis import compare_with_degree, rank_exposure
from queries.investigation import ego_network, shortest_paths
from queries.networks.analysis import (
    analyse_networks,
    association_triangles,
    dangerous_family_associates,
    vulnerable_people,
)
from queries.precursors.analysis import at_risk_dyads, precursor_path
from queries.series.analysis import fetch_deaths, find_series
from queries.series.evaluation import evaluate_series


def _seconds(call: Callable[[], object]) -> float:
    began = time.perf_counter()
    call()
    return round(time.perf_counter() - began, 2)


def _network_timings(driver, truth: dict, victim: str, suspect: str) -> dict[str, float]:
    start = date.fromisoformat(truth["generator"]["start_date"])
    end = date.fromisoformat(truth["generator"]["end_date"])
    return {
        "networks": _seconds(
            lambda: analyse_networks(driver, "neo4j", date_from=start, date_to=end)
        ),
        "vulnerable_people": _seconds(lambda: vulnerable_people(driver, "neo4j", minimum=2)),
        "dangerous_family": _seconds(lambda: dangerous_family_associates(driver, "neo4j")),
        "triangles": _seconds(lambda: association_triangles(driver, "neo4j")),
        "ego_3_hops": _seconds(lambda: ego_network(driver, "neo4j", victim, hops=3)),
        "shortest_paths": _seconds(lambda: shortest_paths(driver, "neo4j", victim, suspect)),
    }


def _resolved(driver, truth: dict, dyad: dict) -> tuple[str, str]:
    """The resolved Person ids of a dyad's victim and perpetrator, through any source."""
    found = {}
    for row in driver.execute_query(
        "MATCH (s:SourceRecord)-[:DESCRIBES]->(p:Person) RETURN s.id AS record, p.id AS person",
        database_="neo4j",
    ).records:
        source, record = row["record"].split(":", 1)
        true_id = truth["identities"].get(source, {}).get(record)
        if true_id in (dyad["victim"], dyad["perpetrator"]):
            found[true_id] = row["person"]
    return found[dyad["victim"]], found[dyad["perpetrator"]]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scales", nargs="+", default=["small", "medium"])
    arguments = parser.parse_args()
    figures: dict[str, object] = {}
    with throwaway_neo4j() as (driver, home):
        for scale in arguments.scales:
            delete_everything(driver, "neo4j")
            folder = load_generated(driver, home, scale)
            truth = json.loads((folder / "ground_truth.json").read_text())
            began = time.perf_counter()
            series = find_series(driver, "neo4j")
            series_seconds = time.perf_counter() - began
            deaths = fetch_deaths(driver, "neo4j").deaths
            planted = [{f"death:{r}" for r in s["deaths"]} for s in truth["series"]]
            accuracy = evaluate_series(
                deaths, series.scored, series.series, planted, threshold=series.threshold
            )
            cutoff = date.fromisoformat(truth["exposure"]["cutoff"])
            began = time.perf_counter()
            exposure = rank_exposure(driver, "neo4j", as_of=cutoff)
            exposure_seconds = time.perf_counter() - began
            rows = driver.execute_query(
                "MATCH (s:SourceRecord)-[:DESCRIBES]->(p:Person) "
                "WHERE s.id STARTS WITH 'police_nominals:' RETURN s.id AS record, p.id AS person",
                database_="neo4j",
            ).records
            nominal = truth["identities"]["police_nominals"]
            person_of = {nominal[r["record"].split(":", 1)[1]]: r["person"] for r in rows}
            future = {
                person_of[p]
                for p in truth["exposure"]["future_victims"]
                + truth["exposure"]["future_perpetrators"]
                if p in person_of
            }
            end = date.fromisoformat(truth["generator"]["end_date"])
            began = time.perf_counter()
            ranked = at_risk_dyads(driver, "neo4j", as_of=end)
            dyad_seconds = time.perf_counter() - began
            live = {
                (person_of.get(d["victim"]), person_of.get(d["perpetrator"]))
                for d in truth["dyads"]
                if d["outcome"] == "live"
            }
            k = len(live)
            by_score = [(d.victim, d.suspect) for d in ranked]
            by_count = [
                (d.victim, d.suspect)
                for d in sorted(ranked, key=lambda d: (-d.incidents, d.victim))
            ]
            homicide = next(d for d in truth["dyads"] if d["outcome"] == "homicide")
            began = time.perf_counter()
            path = precursor_path(driver, "neo4j", f"death:{homicide['outcome_death']}")
            path_seconds = time.perf_counter() - began
            planted_steps = {ref for stage in homicide["stages"] for ref in stage["events"]}
            found_steps = {step.event.split(":", 1)[1] for step in path.steps}
            figures[scale] = {
                "at_risk_dyads": {
                    "live_dyads": k,
                    "candidate_dyads": len(ranked),
                    f"timeline_recall_at_{k}": round(len(set(by_score[:k]) & live) / max(1, k), 4),
                    f"incident_count_recall_at_{k}": round(
                        len(set(by_count[:k]) & live) / max(1, k), 4
                    ),
                    "seconds": round(dyad_seconds, 2),
                },
                "precursor_path": {
                    "planted_steps": len(planted_steps),
                    "planted_steps_found": len(planted_steps & found_steps),
                    "steps": len(path.steps),
                    "agencies": path.agencies,
                    "seconds": round(path_seconds, 2),
                },
                "series": {**accuracy, "seconds": round(series_seconds, 2)},
                "other_seconds": _network_timings(
                    driver, truth, *_resolved(driver, truth, homicide)
                ),
                "exposure": {
                    **compare_with_degree(exposure, future),
                    "events": exposure.events,
                    "seconds": round(exposure_seconds, 2),
                },
            }
            print(scale, json.dumps(figures[scale]))
    path = write_result("analyses", figures)
    print(f"written to {path}")


if __name__ == "__main__":
    main()
