"""networkx against rustworkx on the same person networks, in the same run.

Run: ``.venv/bin/python -m bench.graph_engines``. The networks are the generator's true
association and co-offending ties at medium and large scale (seed 7). Times connected
components, single-source BFS to 3 hops (what exposure does per event) and betweenness (what
``analyse networks`` does), and writes ``bench/results/graph_engines.json``. Decides where a
faster engine is worth adopting.
"""

from __future__ import annotations

import csv
import random
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import networkx as nx
import rustworkx as rx

from bench.common import write_result
from synthetic.config import Scale, config_for
from synthetic.generator import generate

SAMPLE = 500
EXACT_LIMIT = 30_000
NETWORKX_EXACT_LIMIT = 5_000


def _generated_network(scale: Scale) -> nx.Graph:
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        generate(config_for(scale, seed=7), out)
        graph = nx.Graph()
        with (out / "police_associations.csv").open(encoding="utf-8-sig") as handle:
            graph.add_edges_from(
                (r["NominalRef1"], r["NominalRef2"]) for r in csv.DictReader(handle)
            )
        suspects = defaultdict(list)
        with (out / "police_involvements.csv").open(encoding="utf-8-sig") as handle:
            for row in csv.DictReader(handle):
                if row["InvolvementType"] in ("SUSPECT", "OFFENDER"):
                    suspects[row["OccurrenceRef"]].append(row["NominalRef"])
        for people in suspects.values():
            graph.add_edges_from((a, b) for i, a in enumerate(people) for b in people[i + 1 :])
    return graph


def _timed(function) -> tuple[float, object]:
    began = time.perf_counter()
    result = function()
    return time.perf_counter() - began, result


def _compare(graph: nx.Graph) -> dict[str, object]:
    index = {node: i for i, node in enumerate(graph.nodes)}
    fast = rx.PyGraph()
    fast.add_nodes_from(list(graph.nodes))
    fast.add_edges_from_no_data([(index[a], index[b]) for a, b in graph.edges])
    sources = random.Random(7).sample(list(graph.nodes), min(200, graph.number_of_nodes()))
    k = min(SAMPLE, graph.number_of_nodes())
    nx_components, a = _timed(lambda: len(list(nx.connected_components(graph))))
    rx_components, b = _timed(lambda: len(rx.connected_components(fast)))
    assert a == b
    nx_bfs, _ = _timed(
        lambda: [nx.single_source_shortest_path_length(graph, s, cutoff=3) for s in sources]
    )
    rx_bfs, _ = _timed(
        lambda: [
            rx.graph_dijkstra_shortest_path_lengths(fast, index[s], lambda _e: 1.0) for s in sources
        ]
    )
    figures: dict[str, object] = {
        "nodes": graph.number_of_nodes(),
        "edges": graph.number_of_edges(),
        "components_seconds": {
            "networkx": round(nx_components, 4),
            "rustworkx": round(rx_components, 4),
        },
        "bfs_200_sources_seconds": {
            "networkx_3_hops": round(nx_bfs, 4),
            "rustworkx_all_hops": round(rx_bfs, 4),
        },
    }
    nx_sampled, _ = _timed(lambda: nx.betweenness_centrality(graph, k=k, seed=7))
    betweenness = {f"networkx_sampled_{k}_sources": round(nx_sampled, 3)}
    if graph.number_of_nodes() <= NETWORKX_EXACT_LIMIT:
        nx_exact, _ = _timed(lambda: nx.betweenness_centrality(graph))
        betweenness["networkx_exact"] = round(nx_exact, 3)
    if graph.number_of_nodes() <= EXACT_LIMIT:
        rx_exact, _ = _timed(lambda: rx.betweenness_centrality(fast))
        betweenness["rustworkx_exact"] = round(rx_exact, 3)
    figures["betweenness_seconds"] = betweenness
    return figures


def main() -> None:
    figures: dict[str, object] = {}
    for scale in (Scale.MEDIUM, Scale.LARGE):
        figures[f"{scale.value}_person_network"] = _compare(_generated_network(scale))
        print(scale.value, figures[f"{scale.value}_person_network"])
    path = write_result("graph_engines", figures)
    print(f"written to {path}")


if __name__ == "__main__":
    main()
