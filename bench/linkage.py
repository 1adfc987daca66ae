"""Measure person record linkage: pairwise precision, recall and F1, time, blocking loss.

Data: generated extracts (tiny seed 1, small and medium seed 7 by default) and FEBRL4
(5,000 + 5,000 records, linked as one deduplication over the union).

Run: ``.venv/bin/python -m bench.linkage [--scales tiny small medium] [--no-febrl]``.
Writes ``bench/results/linkage.json``.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from bench.common import write_result
from bench.febrl import febrl4_records
from bench.generated_records import GeneratedRecords, read_generated
from ingest.linkage import link_records, merged_person_pairs, pairwise_scores
from ingest.linkage.blocking import caught_by_blocking, count_candidate_pairs
from ingest.linkage.evaluation import cluster_pairs
from ingest.linkage.standardise import standardise
from synthetic.config import Scale, config_for
from synthetic.generator import generate

SEEDS = {Scale.TINY: 1, Scale.SMALL: 7, Scale.MEDIUM: 7, Scale.LARGE: 7}


def measure(data: GeneratedRecords) -> dict[str, object]:
    """Link ``data.records`` once and compare the result with the truth."""
    began = time.perf_counter()
    result = link_records(data.records)
    seconds = time.perf_counter() - began
    frame = standardise(data.records)
    true_pairs = sorted(cluster_pairs(data.truth))
    lost = caught_by_blocking(frame, true_pairs).count(False)
    records = len(frame)
    candidates = count_candidate_pairs(frame)
    figures: dict[str, object] = {
        "records": records,
        "true_pairs": len(true_pairs),
        "seconds": round(seconds, 2),
        "records_per_second": round(records / seconds),
        **pairwise_scores(result.clusters, data.truth).as_dict(),
        "clusters": len(set(result.clusters.values())),
        "links": len(result.links),
        "review_queue": len(result.review),
        "candidate_pairs": candidates,
        "candidate_pairs_per_record": round(candidates / records, 1),
        "true_pairs_lost_by_blocking": lost,
        "share_lost_by_blocking": round(lost / len(true_pairs), 4) if true_pairs else 0.0,
        "look_alike_pairs": len(data.look_alikes),
        "look_alike_pairs_merged": len(
            merged_person_pairs(result.clusters, data.truth, data.look_alikes)
        ),
    }
    return figures


def _print(name: str, figures: dict[str, object]) -> None:
    print(
        f"{name}: {figures['records']:,} records in {figures['seconds']} s; "
        f"precision {figures['precision']}, recall {figures['recall']}, F1 {figures['f1']}; "
        f"{figures['candidate_pairs']:,} candidate pairs, "
        f"{figures['share_lost_by_blocking']:.2%} of {figures['true_pairs']:,} true pairs "
        f"lost by blocking; review queue {figures['review_queue']}; "
        f"look-alikes merged {figures['look_alike_pairs_merged']}/{figures['look_alike_pairs']}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--scales", nargs="+", default=["tiny", "small", "medium"], choices=[s.value for s in Scale]
    )
    parser.add_argument("--no-febrl", action="store_true", help="Skip the FEBRL4 benchmark.")
    arguments = parser.parse_args()
    figures: dict[str, object] = {}
    for name in arguments.scales:
        scale = Scale(name)
        with tempfile.TemporaryDirectory() as folder:
            generate(config_for(scale, seed=SEEDS[scale]), Path(folder))
            data = read_generated(Path(folder))
        figures[f"generator_{name}_seed{SEEDS[scale]}"] = measured = measure(data)
        _print(f"generator {name} (seed {SEEDS[scale]})", measured)
    if not arguments.no_febrl:
        figures["febrl4"] = measured = measure(febrl4_records())
        _print("FEBRL4", measured)
    path = write_result("linkage", figures)
    print(f"written to {path}")


if __name__ == "__main__":
    main()
