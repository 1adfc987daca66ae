"""Stand up one Linkwatch API on generated data for a load test, until stdin closes.

Run by :mod:`bench.api` as ``python -m bench.api_stand --scale medium`` with the code tree
under test first on ``PYTHONPATH`` (so the same stand serves today's code and an earlier
revision's). It starts a throw-away Neo4j, generates and ingests the scale with that tree's
own pipeline, creates an analyst, starts ``linkwatch serve`` (one uvicorn worker) and prints
one JSON line: the base URL, the analyst's key and the request targets. When its stdin
closes it prints a second line with the number of audit entries written, stops the server
and removes everything.

Only functions both trees have are used here (``bench.local_neo4j``,
``governance.users.create_user``), so the stand runs unchanged against an older checkout.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import time
from urllib.parse import quote

import httpx

from bench.local_neo4j import free_port, load_generated, throwaway_neo4j_settings
from governance.roles import Role
from governance.users import create_user

#: How many people (and pairs) each endpoint's requests are spread over.
TARGETS = 300


def request_targets(driver, seed: int) -> dict[str, list[str]]:
    """URLs for people search, 2-hop ego networks and shortest paths.

    People are drawn from the population sorted by name, so two trees loading the same
    generated world draw the same people even where their person ids differ.
    """
    rng = random.Random(seed)
    rows = driver.execute_query(
        "MATCH (p:Person) WHERE p.family_name IS NOT NULL "
        "RETURN p.id AS id, p.given_names AS given, p.family_name AS family "
        "ORDER BY family, given, p.date_of_birth, id",
        database_="neo4j",
    ).records
    people = rng.sample(rows, min(TARGETS, len(rows)))
    pairs = driver.execute_query(
        "MATCH (a:Person)-[:ASSOCIATED_WITH]-(:Person)-[:ASSOCIATED_WITH]-(b:Person) "
        "WHERE a.id < b.id "
        "RETURN a.id AS a, b.id AS b, a.family_name AS fa, b.family_name AS fb "
        "ORDER BY fa, fb, a, b LIMIT 3000",
        database_="neo4j",
    ).records
    return {
        "search": [
            f"/api/v1/people?name={quote((r['given'] or '') + ' ' + r['family'])}" for r in people
        ],
        "ego_2_hops": [f"/api/v1/network/ego/{quote(r['id'], safe=':')}?hops=2" for r in people],
        "paths": [
            f"/api/v1/network/paths?a={quote(p['a'], safe=':')}&b={quote(p['b'], safe=':')}"
            for p in rng.sample(pairs, min(TARGETS, len(pairs)))
        ],
    }


def wait_until_ready(base: str, seconds: float = 120) -> None:
    """Wait for ``/ready`` to answer 200, or raise ``RuntimeError``."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/ready", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"the API at {base} did not become ready")


def main() -> None:
    """Load, serve, announce, wait for stdin to close, report the audit count."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", default="medium")
    parser.add_argument("--seed", type=int, default=7)
    arguments = parser.parse_args()
    with throwaway_neo4j_settings() as (driver, home, settings):
        began = time.perf_counter()
        load_generated(driver, home, arguments.scale)
        loaded_s = time.perf_counter() - began
        key = create_user(
            driver,
            "neo4j",
            name="bench.analyst",
            role=Role.ANALYST,
            organisation="police",
            created_by="bench",
        )
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
        try:
            base = f"http://127.0.0.1:{port}"
            wait_until_ready(base)
            announcement = {
                "base": base,
                "key": key,
                "load_seconds": round(loaded_s, 1),
                "targets": request_targets(driver, arguments.seed),
            }
            print(json.dumps(announcement), flush=True)
            sys.stdin.read()
            audit = driver.execute_query(
                "MATCH (e:AuditEntry) RETURN count(e) AS n", database_="neo4j"
            ).records[0]["n"]
            print(json.dumps({"audit_entries_written": audit}), flush=True)
        finally:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    main()
