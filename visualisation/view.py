"""The view model: only the fields a view needs, whatever the query returned.

A :class:`GraphView` holds display text (never whole records), kinds, roles and dates. It is
built from analysis documents by :mod:`visualisation.builders` and drawn by
:mod:`visualisation.render`.
"""

from __future__ import annotations

from collections import defaultdict, deque
from dataclasses import dataclass, field

__all__ = ["GraphView", "ViewEdge", "ViewNode", "limit_size"]


@dataclass
class ViewNode:
    """An entity as drawn: its id in the view, label, kind, tooltip lines and a few numbers."""

    id: str
    label: str
    kind: str
    tooltip: list[str] = field(default_factory=list)
    date: str | None = None  # ISO date, for the timeline slider and date filter
    size: float | None = None  # by exposure or centrality where meaningful
    x: float | None = None  # fixed position (timelines); None: physics places it
    y: float | None = None
    centre: bool = False
    expandable: bool = False  # the viewer may fetch this entity's neighbours from the API


@dataclass
class ViewEdge:
    """A tie as drawn: ends, relationship type, role or kind, date and its text label."""

    source: str
    target: str
    type: str
    role: str | None = None
    label: str = ""
    date: str | None = None
    tooltip: list[str] = field(default_factory=list)
    arrow: bool = False


@dataclass
class GraphView:
    """Everything a page needs: title, marking, notices, nodes and edges."""

    title: str
    nodes: list[ViewNode] = field(default_factory=list)
    edges: list[ViewEdge] = field(default_factory=list)
    subtitle: str = ""
    marking: str = "OFFICIAL-SENSITIVE"
    notices: list[str] = field(default_factory=list)
    physics: bool = True  # False when positions are fixed (timelines)
    footer: list[str] = field(default_factory=list)
    _node_ids: set[str] = field(default_factory=set, repr=False, compare=False)
    _edge_keys: set[tuple[str, str, str, str]] = field(
        default_factory=set, repr=False, compare=False
    )

    def add_node(self, node: ViewNode) -> None:
        """Add a node unless one with its id is already there (constant time)."""
        if len(self._node_ids) != len(self.nodes):  # nodes appended directly: re-index
            self._node_ids = {existing.id for existing in self.nodes}
        if node.id not in self._node_ids:
            self._node_ids.add(node.id)
            self.nodes.append(node)

    def add_edge(self, edge: ViewEdge) -> None:
        """Add a tie unless the same one (ends, type and label) is already there."""
        if len(self._edge_keys) != len(self.edges):
            self._edge_keys = {_edge_key(e) for e in self.edges}
        if _edge_key(edge) not in self._edge_keys:
            self._edge_keys.add(_edge_key(edge))
            self.edges.append(edge)

    @property
    def relationship_types(self) -> list[str]:
        """The relationship types present, for the filter."""
        return sorted({edge.type for edge in self.edges})


def _edge_key(edge: ViewEdge) -> tuple[str, str, str, str]:
    return edge.source, edge.target, edge.type, edge.label


def limit_size(view: GraphView, max_nodes: int) -> GraphView:
    """Keep at most ``max_nodes`` entities, nearest the centre first; group the rest by kind.

    Above the size a browser draws comfortably, the view keeps the entities closest to the
    centre (breadth-first from it; the most connected first where there is no centre) and
    replaces the others with one group node per kind ("+412 Incident"), and says so.
    """
    if len(view.nodes) <= max_nodes:
        return view
    neighbours: dict[str, list[str]] = defaultdict(list)
    for edge in view.edges:
        neighbours[edge.source].append(edge.target)
        neighbours[edge.target].append(edge.source)
    by_id = {node.id: node for node in view.nodes}
    starts = [n.id for n in view.nodes if n.centre] or sorted(
        by_id, key=lambda n: (-len(neighbours[n]), n)
    )
    order: list[str] = []
    seen: set[str] = set()
    for start in starts:
        queue = deque([start])
        while queue:
            current = queue.popleft()
            if current in seen:
                continue
            seen.add(current)
            order.append(current)
            queue.extend(sorted(neighbours[current], key=lambda n: (-len(neighbours[n]), n)))
    order += [n for n in by_id if n not in seen]
    kept = set(order[: max_nodes - len({by_id[n].kind for n in order[max_nodes:]})])
    hidden: dict[str, int] = defaultdict(int)
    for node_id in order:
        if node_id not in kept:
            hidden[by_id[node_id].kind] += 1
    limited = GraphView(
        title=view.title,
        subtitle=view.subtitle,
        marking=view.marking,
        notices=[
            *view.notices,
            f"Showing {len(kept):,} of {len(view.nodes):,} entities, nearest the centre first; "
            f"{sum(hidden.values()):,} more are grouped by kind. Narrow the query (fewer hops, "
            "a date range, fewer relationship types) to see them one by one.",
        ],
        physics=view.physics,
        footer=view.footer,
        nodes=[node for node in view.nodes if node.id in kept],
        edges=[e for e in view.edges if e.source in kept and e.target in kept],
    )
    anchor = starts[0] if starts[0] in kept else next(iter(kept))
    for kind, count in sorted(hidden.items()):
        group_id = f"group:{kind}"
        limited.nodes.append(
            ViewNode(group_id, f"+{count:,} {kind}", "Group", [f"{count:,} {kind} not shown"])
        )
        limited.edges.append(ViewEdge(anchor, group_id, "GROUPED", label="grouped"))
    return limited
