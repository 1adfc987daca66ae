"""Load test of the API on loopback against medium-scale data: latency and throughput.

Run: ``.venv/bin/python -m bench.api [--scale medium] [--requests 400] [--concurrency 8]
[--baseline REV]``.

Each code tree under test is stood up by :mod:`bench.api_stand` in its own process: a
throw-away Neo4j, the scale generated and ingested by that tree's pipeline, an analyst, and
``linkwatch serve`` (one uvicorn worker, as deployed). People search, 2-hop ego networks and
shortest paths are then driven with an async httpx client. Every request is authenticated,
rate-limited (limit raised for the run) and written to the audit log, as in production.

With ``--baseline REV`` the same stand is also run on ``git archive REV`` of this
repository, and the two servers are driven in alternating rounds (ABBA), so both meet the
same machine load; the figures give each tree's latency and throughput and their ratio.
Writes ``bench/results/api.json`` (or ``api_against_<REV>.json`` with a baseline).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from bench.common import head_commit, trees_to_compare, write_result

#: Rounds each endpoint's requests are split into when two trees are compared.
ROUNDS = 6


@dataclass
class Stand:
    """One API under test: its process, where it listens and what to ask it."""

    name: str
    process: subprocess.Popen
    base: str
    key: str
    targets: dict[str, list[str]]
    load_seconds: float
    latencies: dict[str, list[float]] = field(default_factory=dict)
    elapsed: dict[str, float] = field(default_factory=dict)
    statuses: dict[str, dict[int, int]] = field(default_factory=dict)


def _start_stand(name: str, tree: Path, scale: str, log: Path) -> Stand:
    environment = {**os.environ, "PYTHONPATH": str(tree)}
    environment.pop("NEO4J_URI", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "bench.api_stand", "--scale", scale],
        cwd=tree,
        env=environment,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=log.open("w"),
        text=True,
    )
    line = process.stdout.readline()
    if not line:
        process.wait()
        raise SystemExit(f"the {name} stand failed before serving; see {log}")
    announced = json.loads(line)
    return Stand(
        name=name,
        process=process,
        base=announced["base"],
        key=announced["key"],
        targets=announced["targets"],
        load_seconds=announced["load_seconds"],
    )


def _stop_stand(stand: Stand) -> int | None:
    stand.process.stdin.close()
    line = stand.process.stdout.readline()
    stand.process.wait(timeout=120)
    return json.loads(line)["audit_entries_written"] if line else None


async def _drive(stand: Stand, endpoint: str, urls: list[str], concurrency: int) -> None:
    """Send ``urls`` with ``concurrency`` clients; add latencies and time to the stand."""
    latencies = stand.latencies.setdefault(endpoint, [])
    statuses = stand.statuses.setdefault(endpoint, {})
    queue = list(reversed(urls))
    headers = {"X-API-Key": stand.key, "X-Justification": "BENCH/2026/1"}
    async with httpx.AsyncClient(base_url=stand.base, headers=headers, timeout=60) as client:

        async def worker() -> None:
            while queue:
                url = queue.pop()
                began = time.perf_counter()
                response = await client.get(url)
                latencies.append(time.perf_counter() - began)
                statuses[response.status_code] = statuses.get(response.status_code, 0) + 1

        began = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        stand.elapsed[endpoint] = stand.elapsed.get(endpoint, 0.0) + time.perf_counter() - began


def _summary(stand: Stand, endpoint: str) -> dict[str, object]:
    latencies = stand.latencies[endpoint]
    cuts = statistics.quantiles(latencies, n=100)
    return {
        "requests": len(latencies),
        "statuses": stand.statuses[endpoint],
        "p50_ms": round(cuts[49] * 1000, 1),
        "p95_ms": round(cuts[94] * 1000, 1),
        "p99_ms": round(cuts[98] * 1000, 1),
        "throughput_per_s": round(len(latencies) / stand.elapsed[endpoint], 1),
    }


def _measure(stands: list[Stand], requests: int, concurrency: int) -> None:
    """Warm every stand up, then drive each endpoint in alternating rounds."""
    rounds = ROUNDS if len(stands) > 1 else 1
    for endpoint in stands[0].targets:
        for stand in stands:
            warm = Stand(stand.name, stand.process, stand.base, stand.key, {}, 0)
            asyncio.run(_drive(warm, endpoint, stand.targets[endpoint][:20] * 2, concurrency))
        per_round = requests // rounds
        for index in range(rounds):
            order = stands if index % 4 in (0, 3) else list(reversed(stands))
            for stand in order:
                urls = stand.targets[endpoint]
                start = index * per_round
                chosen = [urls[(start + i) % len(urls)] for i in range(per_round)]
                asyncio.run(_drive(stand, endpoint, chosen, concurrency))
        for stand in stands:
            print(stand.name, endpoint, json.dumps(_summary(stand, endpoint)), flush=True)


def main() -> None:
    """Stand the tree(s) up, measure, write the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", default="medium")
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--baseline", help="a git revision to compare with, in the same run")
    arguments = parser.parse_args()
    figures: dict[str, object] = {
        "scale": arguments.scale,
        "concurrency": arguments.concurrency,
        "server": "linkwatch serve (one uvicorn worker), Neo4j on the same 2-core machine",
    }
    with tempfile.TemporaryDirectory(prefix="linkwatch-bench-api-") as scratch:
        trees = trees_to_compare(arguments.baseline, Path(scratch), ["api_stand.py"], figures)
        figures["head_commit"] = head_commit()
        stands: list[Stand] = []
        try:
            for name, tree in trees:
                stands.append(
                    _start_stand(name, tree, arguments.scale, Path(scratch) / f"{name}.log")
                )
                print(f"{name}: serving after a {stands[-1].load_seconds} s load", flush=True)
            _measure(stands, arguments.requests, arguments.concurrency)
        finally:
            audits = {stand.name: _stop_stand(stand) for stand in stands}
        for stand in stands:
            figures[stand.name] = {
                endpoint: _summary(stand, endpoint) for endpoint in stand.latencies
            }
            figures[stand.name]["audit_entries_written"] = audits[stand.name]
    if arguments.baseline:
        figures["throughput_head_over_baseline"] = {
            endpoint: round(
                figures["head"][endpoint]["throughput_per_s"]
                / figures["baseline"][endpoint]["throughput_per_s"],
                3,
            )
            for endpoint in stands[0].latencies
        }
        print("throughput head/baseline", json.dumps(figures["throughput_head_over_baseline"]))
        name = f"api_against_{arguments.baseline}"
    else:
        name = "api"
    print(f"written to {write_result(name, figures)}")


if __name__ == "__main__":
    main()
