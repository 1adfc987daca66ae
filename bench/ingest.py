"""End-to-end ingest speed, split into parse/validate, record linkage and Neo4j write.

Run: ``.venv/bin/python -m bench.ingest [--scale medium | --pole] [--baseline REV]
[--repeats N]``.

The delivery is the generator's scale (seed 7, written once by today's generator) or, with
``--pole``, the public POLE dataset in ``tests/data/pole`` (a layout the project did not
make). Each code tree under test loads it in its own process (:mod:`bench.ingest_stand`):
a throw-away Neo4j (cached jars, 2 GiB heap), a first load into the empty database and a
forced re-load of the same files. Today's tree also loads a sample of places one
transaction per row, the naive approach batching replaces.

With ``--baseline REV`` the same stand also runs on ``git archive REV`` of this
repository, alternating with today's tree (ABBA with ``--repeats 2``), so both meet the
same machine load; the figures give each tree's runs and today's speed-up. Writes
``bench/results/ingest_<scale>.json`` (``ingest_pole.json``), or
``ingest_<scale>_against_<REV>.json`` with a baseline.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.common import REPOSITORY, head_commit, trees_to_compare, write_result
from synthetic.config import Scale, config_for
from synthetic.generator import generate

POLE = REPOSITORY / "tests" / "data" / "pole"


def _run_stand(tree: Path, mapping: str, folder: Path, naive_sample: int) -> dict[str, Any]:
    """One tree's stand, in its own process; its figures."""
    environment = {**os.environ, "PYTHONPATH": str(tree)}
    environment.pop("NEO4J_URI", None)
    command = [sys.executable, "-m", "bench.ingest_stand", "--mapping", mapping]
    command += ["--data", str(folder), "--naive-sample", str(naive_sample)]
    done = subprocess.run(command, cwd=tree, env=environment, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"the stand in {tree} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _order(trees: list[tuple[str, Path]], repeats: int) -> list[tuple[str, Path]]:
    """Runs in ABBA order: each tree first as often as second."""
    runs = []
    for index in range(repeats):
        runs += trees if index % 4 in (0, 3) else list(reversed(trees))
    return runs


def _median(runs: list[dict[str, Any]], key: str) -> float:
    return round(statistics.median(run[key] for run in runs), 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", default="medium", choices=[s.value for s in Scale])
    parser.add_argument("--pole", action="store_true", help="load tests/data/pole instead")
    parser.add_argument("--baseline", help="a git revision to compare with, in the same run")
    parser.add_argument("--repeats", type=int, default=1, help="runs of each tree")
    parser.add_argument("--sample", type=int, default=2000, help="naive per-row sample")
    arguments = parser.parse_args()
    name = "pole" if arguments.pole else arguments.scale
    figures: dict[str, Any] = {"delivery": name, "head_commit": head_commit()}
    with tempfile.TemporaryDirectory(prefix="linkwatch-bench-ingest-") as scratch:
        if arguments.pole:
            folder, mapping = POLE, "pole"
        else:
            folder, mapping = Path(scratch) / "data", "generator"
            began = time.perf_counter()
            generate(config_for(Scale(arguments.scale), seed=7), folder)
            figures["generate_seconds"] = round(time.perf_counter() - began, 1)
        trees = trees_to_compare(arguments.baseline, Path(scratch), ["ingest_stand.py"], figures)
        runs: dict[str, list[dict[str, Any]]] = {label: [] for label, _ in trees}
        sampled = False
        for label, tree in _order(trees, arguments.repeats):
            # the naive sample needs the generator's places.csv, and is the same for both trees
            naive = label == "head" and not arguments.pole and not sampled
            run = _run_stand(tree, mapping, folder, arguments.sample if naive else 0)
            sampled = sampled or naive
            runs[label].append(run)
            print(label, json.dumps(run), flush=True)
    for label, tree_runs in runs.items():
        figures[label] = {
            "runs": tree_runs,
            "median_first_load_seconds": _median(tree_runs, "first_load_seconds"),
            "median_second_load_seconds": _median(tree_runs, "second_load_seconds"),
        }
    if arguments.baseline:
        figures["speed_up_first_load"] = round(
            figures["baseline"]["median_first_load_seconds"]
            / figures["head"]["median_first_load_seconds"],
            2,
        )
        figures["speed_up_second_load"] = round(
            figures["baseline"]["median_second_load_seconds"]
            / figures["head"]["median_second_load_seconds"],
            2,
        )
    result = f"ingest_{name}" + (f"_against_{arguments.baseline}" if arguments.baseline else "")
    path = write_result(result, figures)
    for key in ("speed_up_first_load", "speed_up_second_load"):
        if key in figures:
            print(f"{key}: {figures[key]}")
    print(f"written to {path}")


if __name__ == "__main__":
    main()
