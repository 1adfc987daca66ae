"""Train the linked-series model on generated data and measure it on held-out seeds.

Run: ``.venv/bin/python -m bench.series [--write-model] [--eval-scales small medium]``.
Training uses seeds 101-103 (small) and 201-210 (tiny); evaluation uses seed 7, which the
model never saw. Each data set is generated, ingested into a throw-away local Neo4j through
the real pipeline, and read back through the real queries. Writes ``bench/results/series.json``
and, with ``--write-model``, ``queries/models/series_logistic.json``.
"""

from __future__ import annotations

import argparse
import json
import time
from datetime import date
from pathlib import Path

import neo4j

from bench.common import write_result
from bench.local_neo4j import load_generated, throwaway_neo4j
from graph_model.housekeeping import delete_everything
from queries.series.analysis import fetch_deaths, score_all
from queries.series.evaluation import evaluate_series
from queries.series.features import SeriesContext, candidate_pairs, pair_evidence
from queries.series.model import group_into_series, train_model

MODEL_PATH = Path(__file__).resolve().parents[1] / "queries" / "models" / "series_logistic.json"
TRAINING = [("small", seed) for seed in (101, 102, 103)] + [
    ("tiny", seed) for seed in range(201, 211)
]


def _load(driver: neo4j.Driver, home: Path, scale: str, seed: int):
    delete_everything(driver, "neo4j")
    folder = load_generated(driver, home, scale, seed)
    deaths, ties = fetch_deaths(driver, "neo4j")
    truth = json.loads((folder / "ground_truth.json").read_text())
    planted = [{f"death:{ref}" for ref in s["deaths"]} for s in truth["series"]]
    decoys = [{f"death:{ref}" for ref in d["deaths"]} for d in truth["decoys"]]
    return deaths, ties, planted, decoys


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--write-model", action="store_true")
    parser.add_argument("--eval-scales", nargs="+", default=["small", "medium"])
    arguments = parser.parse_args()
    figures: dict[str, object] = {}
    with throwaway_neo4j() as (driver, home):
        pairs, labels = [], []
        began = time.perf_counter()
        for scale, seed in TRAINING:
            deaths, ties, planted, _ = _load(driver, home, scale, seed)
            context = SeriesContext(deaths, ties)
            by_id = {d.id: d for d in deaths}
            linked = {frozenset((a, b)) for s in planted for a in s for b in s if a != b}
            for a, b in sorted(candidate_pairs(deaths, context)):
                pairs.append(pair_evidence(by_id[a], by_id[b], context))
                labels.append(frozenset((a, b)) in linked)
        model = train_model(
            pairs,
            labels,
            provenance={
                "trained_on": [f"{scale} seed {seed}" for scale, seed in TRAINING],
                "training_pairs": len(pairs),
                "linked_training_pairs": sum(labels),
                "trained": date.today().isoformat(),
            },
        )
        figures["training"] = {
            "pairs": len(pairs),
            "linked": sum(labels),
            "seconds": round(time.perf_counter() - began, 1),
            "threshold": model.threshold,
            "coefficients": model.coefficients,
            "intercept": model.intercept,
        }
        if arguments.write_model:
            MODEL_PATH.write_text(model.to_json() + "\n", encoding="utf-8")
        for scale in arguments.eval_scales:
            deaths, ties, planted, decoys = _load(driver, home, scale, 7)
            began = time.perf_counter()
            scored, _ = score_all(deaths, ties, model)
            found = group_into_series(deaths, scored, threshold=model.threshold)
            seconds = time.perf_counter() - began
            metrics = evaluate_series(deaths, scored, found, planted, threshold=model.threshold)
            decoy_pairs = {frozenset((a, b)) for d in decoys for a in d for b in d if a != b}
            metrics["decoy_pairs"] = len(decoy_pairs)
            metrics["decoy_pairs_above_threshold"] = sum(
                1
                for p in scored
                if frozenset((p.a, p.b)) in decoy_pairs and p.probability >= model.threshold
            )
            metrics["candidate_series"] = len(found)
            metrics["analysis_seconds"] = round(seconds, 2)
            figures[f"{scale}_seed7"] = metrics
            print(scale, json.dumps(metrics))
    path = write_result("series", figures)
    print(json.dumps(figures["training"], indent=1))
    print(f"written to {path}")


if __name__ == "__main__":
    main()
