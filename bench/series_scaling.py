"""How series scoring grows with the number of deaths: medium data tiled up to large and beyond.

Run: ``.venv/bin/python -m bench.series_scaling [--factors 1 10 50]``. The medium generated
data (seed 7) is ingested into a throw-away local Neo4j and its deaths read back through the
real query. To reach large scale without a 30-minute ingest of a million people, the deaths
are then tiled: copy k gets its own ids and people and is moved k x 0.5 degrees north, as if
k more force areas of the same density were added, while dates are kept (so the time blocks
grow with every copy, as they would in one big force). Blocking, evidence, scoring and
clustering are then timed on 1x, 10x (large: about the deaths of a million people) and 50x.
Writes ``bench/results/series_scaling.json``.
"""

from __future__ import annotations

import argparse
import json
import time
from dataclasses import replace

from bench.common import write_result
from bench.local_neo4j import load_generated, throwaway_neo4j
from queries.series.analysis import SeriesInputs, fetch_deaths, score_all
from queries.series.features import PriorIncident
from queries.series.model import default_model, group_into_series


def _tile(inputs: SeriesInputs, factor: int) -> SeriesInputs:
    deaths, ties = inputs.deaths, inputs.associations
    tiled, tiled_ties = [], []
    history: dict[str, list[PriorIncident]] = {}
    for copy in range(factor):

        def rename(ref: str, copy: int = copy) -> str:
            return ref if copy == 0 else f"{ref}~{copy}"

        for death in deaths:
            tiled.append(
                replace(
                    death,
                    id=rename(death.id),
                    place=rename(death.place) if death.place else None,
                    latitude=None if death.latitude is None else death.latitude + copy * 0.5,
                    deceased=rename(death.deceased) if death.deceased else None,
                    roles=tuple((rename(p), role) for p, role in death.roles),
                    objects=tuple(rename(o) for o in death.objects),
                    recovered_in=tuple(rename(i) for i in death.recovered_in),
                )
            )
        tiled_ties.extend((rename(a), rename(b)) for a, b in ties)
        for person, incidents in inputs.suspect_history.items():
            history[rename(person)] = [replace(i, incident=rename(i.incident)) for i in incidents]
    return SeriesInputs(tiled, tiled_ties, history)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--factors", nargs="+", type=int, default=[1, 10, 50])
    arguments = parser.parse_args()
    model = default_model()
    with throwaway_neo4j() as (driver, home):
        load_generated(driver, home, "medium")
        began = time.perf_counter()
        inputs = fetch_deaths(driver, "neo4j")
        fetch_seconds = time.perf_counter() - began
    figures: dict[str, object] = {"fetch_seconds_medium": round(fetch_seconds, 2)}
    for factor in arguments.factors:
        tiled_inputs = _tile(inputs, factor)
        tiled = tiled_inputs.deaths
        began = time.perf_counter()
        scored, candidates = score_all(tiled_inputs, model)
        found = group_into_series(tiled, scored, threshold=model.threshold)
        seconds = time.perf_counter() - began
        all_pairs = len(tiled) * (len(tiled) - 1) // 2
        figures[f"x{factor}"] = {
            "deaths": len(tiled),
            "all_pairs": all_pairs,
            "candidate_pairs": candidates,
            "candidate_pairs_per_death": round(candidates / len(tiled), 1),
            "candidate_series": len(found),
            "scoring_seconds": round(seconds, 2),
            "microseconds_per_death": round(seconds / len(tiled) * 1e6),
        }
        print(factor, json.dumps(figures[f"x{factor}"]))
    print(f"written to {write_result('series_scaling', figures)}")


if __name__ == "__main__":
    main()
