"""End-to-end ingest speed: the generator's medium scale, split into parse/validate, record
linkage and Neo4j write, with a naive one-transaction-per-row load on a sample beside it.

Run: ``.venv/bin/python -m bench.ingest [--scale medium] [--sample 2000]``. Starts a
throw-away Neo4j instance on a free port (cached jars), so no real database is touched, and
writes ``bench/results/ingest.json``.
"""

from __future__ import annotations

import argparse
import csv
import time
from pathlib import Path

from bench.common import write_result
from bench.local_neo4j import throwaway_neo4j
from graph_model.store import GraphStore
from ingest.mapping.loader import load_mapping
from ingest.pipeline import ingest_delivery
from synthetic.config import Scale, config_for
from synthetic.generator import generate

NAIVE_MERGE = "MERGE (n:Place {id: $id}) SET n += $properties"


def _naive_rows_per_second(store: GraphStore, folder: Path, sample: int) -> float:
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", default="medium", choices=[s.value for s in Scale])
    parser.add_argument("--sample", type=int, default=2000)
    arguments = parser.parse_args()
    with throwaway_neo4j() as (driver, home):
        folder = home / "data"
        began = time.perf_counter()
        generate(config_for(Scale(arguments.scale), seed=7), folder)
        generate_seconds = time.perf_counter() - began
        store = GraphStore(driver, "neo4j")
        report = ingest_delivery(
            [folder],
            load_mapping("generator"),
            store,
            loaded_by="bench",
            quarantine_dir=home / "quarantine",
        )
        rows = sum(c.rows for name, c in report.sources.items() if name != "record_linkage")
        again = ingest_delivery(  # re-read and re-written: the idempotent path, not the skip
            [folder],
            load_mapping("generator"),
            store,
            loaded_by="bench",
            quarantine_dir=home / "quarantine",
            force=True,
        )
        naive = _naive_rows_per_second(store, folder, arguments.sample)
        written = sum(c.loaded for c in report.sources.values())
        figures = {
            "scale": arguments.scale,
            "generate_seconds": round(generate_seconds, 1),
            "source_rows": rows,
            "person_records": report.person_records,
            "people": report.people,
            "records_written": written,
            "wall_seconds": round(report.seconds, 1),
            "rows_per_second": round(rows / report.seconds),
            "timings_seconds": {k: round(v, 1) for k, v in report.timings.items()},
            "batched_write_records_per_second": round(written / report.timings["neo4j_write"]),
            "naive_one_transaction_per_row_per_second": round(naive),
            "second_load_seconds": round(again.seconds, 1),
            "second_load_changed": sum(c.loaded for c in again.sources.values()),
        }
    path = write_result(f"ingest_{arguments.scale}", figures)
    for key, value in figures.items():
        print(f"{key}: {value}")
    print(f"written to {path}")


if __name__ == "__main__":
    main()
