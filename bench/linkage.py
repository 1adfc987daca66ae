"""Measure person record linkage against a plain Splink baseline on the same records.

Each run draws fresh random seeds (printed; never 7, the demo seed), generates a world per
seed, and links its person records twice: with Linkwatch's linker and with the plain Splink
baseline of ``bench.splink_baseline``. For each it reports pairwise precision, recall and
F1, time, and recall per noise kind: of the true pairs in which either record carries that
kind of identity noise, the share put in one cluster. Then FEBRL3 (deduplication) and FEBRL4,
both without the social security id, the same way.

Run: ``.venv/bin/python -m bench.linkage [--seeds 2] [--people 3000] [--no-febrl]``
(``--seed N`` repeats a run). Writes ``bench/results/linkage.json``.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Mapping
from pathlib import Path

from bench.common import write_result
from bench.febrl import febrl3_records, febrl4_records
from bench.generated_records import GeneratedRecords, read_generated
from bench.splink_baseline import baseline_clusters
from ingest.linkage import link_records, merged_person_pairs, pairwise_scores
from ingest.linkage.blocking import caught_by_blocking
from ingest.linkage.evaluation import cluster_pairs
from ingest.linkage.standardise import standardise
from synthetic.config import config_for
from synthetic.generator import generate

DEMO_SEED = 7


def draw_seeds(count: int, rng: random.Random | None = None) -> list[int]:
    """Draw ``count`` distinct evaluation seeds, never the demo seed.

    Examples
    --------
    >>> seeds = draw_seeds(3, random.Random(0))
    >>> len(set(seeds)) == 3 and DEMO_SEED not in seeds
    True
    """
    source = rng or random.SystemRandom()
    seeds: list[int] = []
    while len(seeds) < count:
        seed = source.randint(1, 10**6)
        if seed != DEMO_SEED and seed not in seeds:
            seeds.append(seed)
    return seeds


def recall_by_noise(
    clusters: Mapping[str, str], truth: Mapping[str, str], noise: Mapping[str, list[str]]
) -> dict[str, dict[str, float | int]]:
    """Recall of the true pairs in which either record carries each noise kind.

    Parameters
    ----------
    clusters
        Record id -> predicted cluster.
    truth
        Record id -> true person.
    noise
        Record id -> noise kinds applied to it.

    Returns
    -------
    dict
        Noise kind -> ``{"true_pairs": n, "found": k, "recall": k / n}``, plus ``"none"`` for
        pairs in which neither record carries noise.

    Examples
    --------
    >>> truth = {"a": "p", "b": "p", "c": "p"}
    >>> recall_by_noise({"a": "1", "b": "1", "c": "2"}, truth, {"c": ["nickname"]})["nickname"]
    {'true_pairs': 2, 'found': 0, 'recall': 0.0}
    """
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for first, second in cluster_pairs(truth):
        kinds = set(noise.get(first, ())) | set(noise.get(second, ())) or {"none"}
        found = clusters[first] == clusters[second]
        for kind in kinds:
            totals[kind][0] += 1
            totals[kind][1] += found
    return {
        kind: {"true_pairs": n, "found": k, "recall": round(k / n, 4)}
        for kind, (n, k) in sorted(totals.items())
    }


def _timed(link: Callable[[], dict[str, str]]) -> tuple[dict[str, str], float]:
    began = time.perf_counter()
    clusters = link()
    return clusters, round(time.perf_counter() - began, 2)


def measure(data: GeneratedRecords) -> dict[str, object]:
    """Link ``data.records`` with Linkwatch and with the baseline; compare both with the truth."""
    linkwatch, linkwatch_seconds = _timed(lambda: link_records(data.records).clusters)
    baseline, baseline_seconds = _timed(lambda: baseline_clusters(data.records))
    frame = standardise(data.records)
    true_pairs = sorted(cluster_pairs(data.truth))
    lost = caught_by_blocking(frame, true_pairs).count(False)
    figures: dict[str, object] = {
        "records": len(frame),
        "true_pairs": len(true_pairs),
        "true_pairs_lost_by_linkwatch_blocking": lost,
    }
    for name, clusters, seconds in (
        ("linkwatch", linkwatch, linkwatch_seconds),
        ("baseline", baseline, baseline_seconds),
    ):
        figures[name] = {
            "seconds": seconds,
            **pairwise_scores(clusters, data.truth).as_dict(),
            "look_alike_pairs_merged": len(
                merged_person_pairs(clusters, data.truth, data.look_alikes)
            ),
            "recall_by_noise": recall_by_noise(clusters, data.truth, data.noise),
        }
    return figures


def _print(name: str, figures: dict[str, object]) -> None:
    print(f"{name}: {figures['records']:,} records, {figures['true_pairs']:,} true pairs")
    for model in ("linkwatch", "baseline"):
        f = figures[model]
        print(
            f"  {model:9} P {f['precision']:.4f} R {f['recall']:.4f} F1 {f['f1']:.4f} "
            f"in {f['seconds']} s"
        )
    kinds = figures["linkwatch"]["recall_by_noise"]
    for kind in kinds:
        ours = kinds[kind]
        theirs = figures["baseline"]["recall_by_noise"][kind]
        print(
            f"    {kind:20} pairs {ours['true_pairs']:6,}  recall linkwatch {ours['recall']:.4f}"
            f"  baseline {theirs['recall']:.4f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seeds", type=int, default=2, help="How many fresh seeds to draw.")
    parser.add_argument("--seed", type=int, action="append", help="Use this seed (repeatable).")
    parser.add_argument("--people", type=int, default=3000, help="People per generated world.")
    parser.add_argument("--no-febrl", action="store_true", help="Skip FEBRL3 and FEBRL4.")
    arguments = parser.parse_args()
    seeds = arguments.seed or draw_seeds(arguments.seeds)
    if DEMO_SEED in seeds:
        parser.error(f"seed {DEMO_SEED} is the demo seed; it is never an evaluation seed")
    print(f"evaluation seeds: {seeds}")
    figures: dict[str, object] = {"seeds": seeds, "people": arguments.people}
    for seed in seeds:
        with tempfile.TemporaryDirectory() as folder:
            generate(config_for(None, people=arguments.people, seed=seed), Path(folder))
            data = read_generated(Path(folder))
        figures[f"generated_seed{seed}"] = measured = measure(data)
        _print(f"generated, {arguments.people:,} people, seed {seed}", measured)
    if not arguments.no_febrl:
        for name, data in (
            ("febrl3_no_ssn", febrl3_records()),
            ("febrl4_no_ssn", febrl4_records()),
        ):
            figures[name] = measured = measure(data)
            _print(name, measured)
    path = write_result("linkage", figures)
    print(f"written to {path}")


if __name__ == "__main__":
    main()
