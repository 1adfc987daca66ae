"""Load one delivery twice with one code tree's pipeline and print its figures as JSON.

Run by :mod:`bench.ingest` as ``python -m bench.ingest_stand --mapping NAME --data DIR``
with the code tree under test first on ``PYTHONPATH``, so the same stand measures today's
code and an earlier revision's on the same files. It starts a throw-away Neo4j, loads the
delivery into the empty database, loads it again with ``force`` (every file re-read and
re-written: the idempotent path, not the skip of unchanged files), counts what the graph
holds and prints one JSON line.

Only what both trees have is used (``bench.local_neo4j``, ``ingest_delivery``,
``load_mapping``), so the stand runs unchanged against an older checkout.
"""

from __future__ import annotations

import argparse
import csv
import json
import resource
import time
from pathlib import Path
from typing import Any

from bench.local_neo4j import throwaway_neo4j
from graph_model.store import GraphStore
from ingest.mapping.loader import load_mapping
from ingest.pipeline import ingest_delivery

NAIVE_MERGE = "MERGE (n:Place {id: $id}) SET n += $properties"


def naive_rows_per_second(store: GraphStore, folder: Path, sample: int) -> float:
    """Load ``sample`` place rows one transaction per row (the approach batching replaces)."""
    with (folder / "places.csv").open(encoding="utf-8") as handle:
        rows = [row for _, row in zip(range(sample), csv.DictReader(handle), strict=False)]
    began = time.perf_counter()
    with store.driver.session(database=store.database) as session:
        for row in rows:
            properties = {
                "address": row["address"],
                "postcode": row["postcode"],
                "name": row["name"] or None,
            }
            session.execute_write(
                lambda tx, r=row, p=properties: tx.run(
                    NAIVE_MERGE, id=f"naive:{r['uprn']}", properties=p
                ).consume()
            )
    return len(rows) / (time.perf_counter() - began)


def _load(store: GraphStore, folder: Path, mapping: str, home: Path, force: bool) -> Any:
    return ingest_delivery(
        [folder],
        load_mapping(mapping),
        store,
        loaded_by="bench",
        quarantine_dir=home / "quarantine",
        force=force,
    )


def _graph_size(store: GraphStore) -> tuple[int, int]:
    with store.driver.session(database=store.database) as session:
        nodes = session.run("MATCH (n) RETURN count(n) AS n").single()["n"]
        relationships = session.run("MATCH ()-[r]->() RETURN count(r) AS n").single()["n"]
    return nodes, relationships


def measure(mapping: str, folder: Path, naive_sample: int) -> dict[str, Any]:
    """Load ``folder`` twice into a fresh server; the figures of both loads."""
    with throwaway_neo4j() as (driver, home):
        store = GraphStore(driver, "neo4j")
        first = _load(store, folder, mapping, home, force=False)
        nodes, relationships = _graph_size(store)
        again = _load(store, folder, mapping, home, force=True)
        naive = naive_rows_per_second(store, folder, naive_sample) if naive_sample else None
    rows = sum(c.rows for name, c in first.sources.items() if name != "record_linkage")
    elements = nodes + relationships
    figures: dict[str, Any] = {
        "source_rows": rows,
        "person_records": first.person_records,
        "people": first.people,
        "graph_nodes": nodes,
        "graph_relationships": relationships,
        "first_load_seconds": round(first.seconds, 1),
        "first_load_timings_seconds": {k: round(v, 1) for k, v in first.timings.items()},
        "rows_per_second": round(rows / first.seconds),
        "graph_elements_per_second_end_to_end": round(elements / first.seconds),
        "second_load_seconds": round(again.seconds, 1),
        "second_load_timings_seconds": {k: round(v, 1) for k, v in again.timings.items()},
        "second_load_changed": sum(c.loaded for c in again.sources.values()),
        # the Python process only; the Neo4j server (its own JVM) has a fixed 2 GiB heap
        "peak_memory_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
    }
    if naive is not None:
        figures["naive_one_transaction_per_row_per_second"] = round(naive)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mapping", required=True)
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--naive-sample", type=int, default=0)
    arguments = parser.parse_args()
    print(json.dumps(measure(arguments.mapping, arguments.data, arguments.naive_sample)))


if __name__ == "__main__":
    main()
