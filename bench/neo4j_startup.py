"""Time the local Neo4j server: cold start (new store), warm start (existing store), stop.

Run: ``.venv/bin/python -m bench.neo4j_startup [--runs 3]``. Uses a throw-away instance in a
temporary folder on a free port, and the cached jars (fetch time is not included; the
docs/figures.md quotes it separately).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from bench.common import write_result
from bench.local_neo4j import free_port
from graph_model.local_server.layout import ServerLayout
from graph_model.local_server.process import start_server, stop_server
from graph_model.settings import get_settings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    settings = get_settings()
    cold, warm, stops = [], [], []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as home:
            layout = ServerLayout(
                home=Path(home) / "neo4j",
                jar_dir=ServerLayout.from_settings(settings).jar_dir,
                version=settings.linkwatch_neo4j_version,
                bolt_port=free_port(),
            )
            cold.append(start_server(layout, report=lambda _line: None).seconds_to_ready)
            began = time.monotonic()
            stop_server(layout)
            stops.append(time.monotonic() - began)
            warm.append(start_server(layout, report=lambda _line: None).seconds_to_ready)
            stop_server(layout)
    figures = {
        "runs": runs,
        "cold_start_seconds_median": round(statistics.median(cold), 2),
        "warm_start_seconds_median": round(statistics.median(warm), 2),
        "stop_seconds_median": round(statistics.median(stops), 2),
        "cold_start_seconds": [round(x, 2) for x in cold],
        "warm_start_seconds": [round(x, 2) for x in warm],
    }
    path = write_result("neo4j_startup", figures)
    for key, value in figures.items():
        print(f"{key}: {value}")
    print(f"written to {path}")


if __name__ == "__main__":
    main()
