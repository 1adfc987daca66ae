"""Clusters of records: connected components of link edges.

Plain connected components (networkx), not Splink's clustering, because human decisions
add and remove edges after scoring; the cluster id is the smallest record id in the
component, so it does not change between runs that find the same people.
"""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

__all__ = ["connected_clusters"]


def connected_clusters(
    record_ids: Iterable[str], edges: Iterable[tuple[str, str]]
) -> dict[str, str]:
    """Return record id -> cluster id for the connected components of ``edges``.

    Parameters
    ----------
    record_ids
        Every record; a record without edges is a cluster of its own.
    edges
        Pairs of record ids to join.

    Returns
    -------
    dict[str, str]
        Each record id mapped to the smallest record id of its component.

    Examples
    --------
    >>> connected_clusters(["c", "b", "a", "d"], [("c", "b"), ("b", "a")])
    {'a': 'a', 'b': 'a', 'c': 'a', 'd': 'd'}
    """
    graph = nx.Graph()
    graph.add_nodes_from(record_ids)
    graph.add_edges_from(edges)
    clusters: dict[str, str] = {}
    for component in nx.connected_components(graph):
        cluster_id = min(component)
        clusters.update(dict.fromkeys(component, cluster_id))
    return dict(sorted(clusters.items()))
