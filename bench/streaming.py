"""Memory of loading one large extract: read in chunks against read whole, in the same run.

A police occurrences extract of ``--rows`` rows (default 1,000,000) is made from the
generator's small-scale occurrences, each row copied with a fresh occurrence reference and
the same places, so a place is named by ~1,000 rows (the node de-duplication across chunks
is exercised). It is loaded twice, each time by a child process into its own throw-away
Neo4j: with the default chunk size, and with one chunk holding the whole file (what every
load did before files were streamed). Each child reports its peak resident memory
(``ru_maxrss``; Neo4j runs in its own process and is not counted) and its timings.

Run: ``.venv/bin/python -m bench.streaming [--rows 1000000]``. Writes
``bench/results/streaming.json``.
"""

from __future__ import annotations

import argparse
import csv
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import write_result
from bench.local_neo4j import throwaway_neo4j
from graph_model.store import GraphStore
from ingest.mapping.loader import load_mapping
from ingest.pipeline import ingest_delivery
from ingest.reader import CHUNK_ROWS
from synthetic.config import Scale, config_for
from synthetic.generator import generate

OCCURRENCES = "police_occurrences.csv"


def make_extract(folder: Path, rows: int) -> Path:
    """Write an occurrences extract of ``rows`` rows into ``folder``; return its path."""
    seed_folder = folder / "seed"
    generate(config_for(Scale.SMALL, seed=7), seed_folder)
    with (seed_folder / OCCURRENCES).open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        columns, seed_rows = list(reader.fieldnames or []), list(reader)
    delivery = folder / "delivery"
    delivery.mkdir()
    path = delivery / OCCURRENCES
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        for index in range(rows):
            row = dict(seed_rows[index % len(seed_rows)])
            row["OccurrenceRef"] = f"{row['OccurrenceRef']}-C{index // len(seed_rows):05d}"
            writer.writerow(row)
    return path


def _child(file: Path, chunk_rows: int) -> None:
    """Load ``file`` into a fresh server; print figures as JSON on the last line."""
    with throwaway_neo4j(memory="3g") as (driver, home):
        began = time.perf_counter()
        report = ingest_delivery(
            [file],
            load_mapping("generator"),
            GraphStore(driver, "neo4j"),
            loaded_by="bench",
            quarantine_dir=home / "quarantine",
            chunk_rows=chunk_rows,
        )
        seconds = time.perf_counter() - began
        counts = report.sources["police_occurrences"]
        incidents = driver.execute_query("MATCH (i:Incident) RETURN count(i) AS n").records[0]["n"]
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        json.dumps(
            {
                "chunk_rows": chunk_rows,
                "rows": counts.rows,
                "status": counts.status,
                "written": counts.loaded,
                "quarantined": counts.quarantined,
                "incidents_in_graph": incidents,
                "seconds": round(seconds, 1),
                "timings_seconds": {k: round(v, 1) for k, v in report.timings.items()},
                "peak_rss_mib": round(peak_kib / 1024),
            }
        )
    )


def _measure(file: Path, chunk_rows: int) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-m", "bench.streaming", "--child", str(file), str(chunk_rows)],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--child", nargs=2, metavar=("FILE", "CHUNK_ROWS"), help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.child:
        _child(Path(arguments.child[0]), int(arguments.child[1]))
        return
    with tempfile.TemporaryDirectory() as scratch:
        file = make_extract(Path(scratch), arguments.rows)
        size_mib = file.stat().st_size / 2**20
        print(f"extract: {arguments.rows:,} rows, {size_mib:.0f} MiB", flush=True)
        streamed = _measure(file, CHUNK_ROWS)
        print(f"streamed ({CHUNK_ROWS:,} rows a chunk): {streamed}", flush=True)
        whole = _measure(file, arguments.rows + 1)
        print(f"whole file (baseline): {whole}", flush=True)
    figures = {
        "rows": arguments.rows,
        "file_mib": round(size_mib),
        "streamed": streamed,
        "whole_file_baseline": whole,
        "peak_rss_ratio": round(streamed["peak_rss_mib"] / whole["peak_rss_mib"], 2),
    }
    path = write_result("streaming", figures)
    print(f"written to {path}")


if __name__ == "__main__":
    main()
