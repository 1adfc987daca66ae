"""Network structure as plain functions: components, communities and centrality."""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
from networkx.algorithms.community import louvain_communities

__all__ = ["Community", "communities"]

#: Above this many nodes betweenness is estimated from a sample of sources.
EXACT_BETWEENNESS_LIMIT = 2_000


@dataclass(frozen=True)
class Community:
    """A densely tied group, its size, and its most central members (by betweenness)."""

    id: int
    members: tuple[str, ...]
    centre: tuple[tuple[str, float], ...]  # (person, betweenness) highest first


def communities(
    graph: nx.Graph, *, minimum_size: int = 3, seed: int = 7, top: int = 3
) -> list[Community]:
    """Louvain communities of each connected component, largest first, with central members.

    Parameters
    ----------
    graph
        The person network.
    minimum_size
        Smaller groups are left out.
    seed
        Fixes Louvain's and the betweenness sample's randomness.
    top
        How many central members to name per community.

    Examples
    --------
    >>> g = nx.Graph([("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")])
    >>> g.add_edges_from([("d", "e"), ("e", "f"), ("f", "d")])
    >>> [len(c.members) for c in communities(g)]
    [3, 3]
    """
    if minimum_size < 2:
        raise ValueError("minimum_size must be at least 2")
    if graph.number_of_nodes() == 0:
        return []
    sample = (
        None if graph.number_of_nodes() <= EXACT_BETWEENNESS_LIMIT else EXACT_BETWEENNESS_LIMIT // 4
    )
    betweenness = nx.betweenness_centrality(graph, k=sample, seed=seed)
    found = []
    for group in louvain_communities(graph, seed=seed):
        if len(group) < minimum_size:
            continue
        ranked = sorted(group, key=lambda p: (-betweenness[p], p))
        found.append((sorted(group), tuple((p, round(betweenness[p], 5)) for p in ranked[:top])))
    found.sort(key=lambda item: (-len(item[0]), item[0][0]))
    return [
        Community(i, tuple(members), centre) for i, (members, centre) in enumerate(found, start=1)
    ]
