"""Load test of the API on loopback against medium-scale data: latency and throughput.

Run: ``.venv/bin/python -m bench.api [--scale medium] [--requests 400] [--concurrency 8]``.
Generates and ingests the data into a throw-away Neo4j, creates an analyst, starts
``linkwatch serve`` in its own process (one uvicorn worker, as deployed), then drives
people search, 2-hop ego networks and shortest paths with an async httpx client. Every
request is authenticated, rate-limited (limit raised for the run) and written to the audit
log, as in production. Writes ``bench/results/api.json``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import statistics
import subprocess
import sys
import time
from urllib.parse import quote

import httpx

from bench.common import write_result
from bench.local_neo4j import free_port, load_generated, throwaway_neo4j_settings
from governance.roles import Role
from governance.users import create_user


def _targets(driver, rng: random.Random) -> dict[str, list[str]]:
    rows = driver.execute_query(
        "MATCH (p:Person) WHERE p.family_name IS NOT NULL "
        "RETURN p.id AS id, p.given_names AS given, p.family_name AS family",
        database_="neo4j",
    ).records
    people = rng.sample(rows, 300)
    pairs = driver.execute_query(
        "MATCH (a:Person)-[:ASSOCIATED_WITH]-(:Person)-[:ASSOCIATED_WITH]-(b:Person) "
        "WHERE a.id < b.id RETURN a.id AS a, b.id AS b LIMIT 3000",
        database_="neo4j",
    ).records
    return {
        "search": [
            f"/api/v1/people?name={quote((r['given'] or '') + ' ' + r['family'])}" for r in people
        ],
        "ego_2_hops": [f"/api/v1/network/ego/{quote(r['id'], safe=':')}?hops=2" for r in people],
        "paths": [
            f"/api/v1/network/paths?a={quote(p['a'], safe=':')}&b={quote(p['b'], safe=':')}"
            for p in rng.sample(pairs, min(300, len(pairs)))
        ],
    }


async def _drive(
    base: str, key: str, urls: list[str], requests: int, concurrency: int
) -> dict[str, object]:
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    queue = [urls[i % len(urls)] for i in range(requests)]
    headers = {"X-API-Key": key, "X-Justification": "BENCH/2026/1"}
    async with httpx.AsyncClient(base_url=base, headers=headers, timeout=60) as client:

        async def worker() -> None:
            while queue:
                url = queue.pop()
                began = time.perf_counter()
                response = await client.get(url)
                latencies.append(time.perf_counter() - began)
                statuses[response.status_code] = statuses.get(response.status_code, 0) + 1

        began = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        elapsed = time.perf_counter() - began
    cuts = statistics.quantiles(latencies, n=100)
    return {
        "requests": len(latencies),
        "statuses": statuses,
        "p50_ms": round(cuts[49] * 1000, 1),
        "p95_ms": round(cuts[94] * 1000, 1),
        "p99_ms": round(cuts[98] * 1000, 1),
        "throughput_per_s": round(len(latencies) / elapsed, 1),
    }


def _wait_for(base: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/ready", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise RuntimeError("the API did not become ready")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", default="medium")
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--concurrency", type=int, default=8)
    arguments = parser.parse_args()
    rng = random.Random(7)
    with throwaway_neo4j_settings() as (driver, home, settings):
        load_generated(driver, home, arguments.scale)
        key = create_user(
            driver,
            "neo4j",
            name="bench.analyst",
            role=Role.ANALYST,
            organisation="police",
            created_by="bench",
        )
        targets = _targets(driver, rng)
        port = free_port()
        environment = {
            **os.environ,
            "LINKWATCH_HOME": str(settings.linkwatch_home),
            "LINKWATCH_NEO4J_BOLT_PORT": str(settings.linkwatch_neo4j_bolt_port),
            "LINKWATCH_API_RATE_LIMIT": "1000000/minute",
        }
        environment.pop("NEO4J_URI", None)
        server = subprocess.Popen(
            [sys.executable, "-m", "linkwatch", "serve", "--port", str(port)],
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        base = f"http://127.0.0.1:{port}"
        figures: dict[str, object] = {
            "scale": arguments.scale,
            "concurrency": arguments.concurrency,
            "server": "linkwatch serve (one uvicorn worker), Neo4j on the same 2-core machine",
        }
        try:
            _wait_for(base)
            for name, urls in targets.items():
                asyncio.run(_drive(base, key, urls[:20], 40, arguments.concurrency))  # warm-up
                figures[name] = asyncio.run(
                    _drive(base, key, urls, arguments.requests, arguments.concurrency)
                )
                print(name, json.dumps(figures[name]))
            audit = driver.execute_query(
                "MATCH (e:AuditEntry) RETURN count(e) AS n", database_="neo4j"
            ).records[0]["n"]
            figures["audit_entries_written"] = audit
        finally:
            server.terminate()
            server.wait(timeout=30)
    print(f"written to {write_result('api', figures)}")


if __name__ == "__main__":
    main()
