"""Who is who after a delivery: new records, the people they touch, merges and splits.

People are the connected components of the record-linkage graph (records as nodes, links
as edges). A delivery adds records and links; a reviewer's rejection removes a link. Only
the people a change touches are recomputed: their records, the stored links among them and
the new links form a small graph, whose components are matched to the stored people so
that ids survive:

- each stored person's *home* is the component holding most of its records (ties: the one
  holding its smallest record key); a component that is home to one person keeps that
  person's id, and the records it gained join that person;
- a component that is home to several people merges them: the one with most records in it
  survives (ties: the smallest id), the others become its aliases;
- a component that is home to nobody (new records only, or records split away from a
  person whose home is elsewhere) is a new person.

This module is pure (no database); ``ingest.identity`` reads the graph and applies the plan.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from itertools import pairwise

import networkx as nx

__all__ = ["IdentityPlan", "Merge", "NewPerson", "Split", "plan_identities"]

Pair = tuple[str, str]


@dataclass(frozen=True)
class Merge:
    """Stored people found to be one: ``merged`` become aliases of ``survivor``."""

    survivor: str
    merged: tuple[str, ...]
    #: A link that joined them (one record of each side), for the explanation.
    joining_pair: Pair | None


@dataclass(frozen=True)
class Split:
    """Records that leave ``person`` for ``to`` (a new person's placeholder or another id)."""

    person: str
    to: str
    records: tuple[str, ...]


@dataclass(frozen=True)
class NewPerson:
    """A component that is home to no stored person; ``placeholder`` until an id is minted."""

    placeholder: str
    records: tuple[str, ...]


@dataclass
class IdentityPlan:
    """What to change: record -> person (stored id or a new person's placeholder), and why.

    ``changed`` lists every person (stored id or placeholder) whose set of records changes,
    so that only those are rewritten.
    """

    person_of: dict[str, str] = field(default_factory=dict)
    new_people: list[NewPerson] = field(default_factory=list)
    merges: list[Merge] = field(default_factory=list)
    splits: list[Split] = field(default_factory=list)
    changed: set[str] = field(default_factory=set)
    #: Stored people whose records now all belong to other people (merged away).
    retired: set[str] = field(default_factory=set)
    #: Record -> person before the change (the stored people the plan touches).
    previous: dict[str, str] = field(default_factory=dict)


def _home_components(
    components: list[set[str]], stored_person: Mapping[str, str]
) -> dict[str, int]:
    """Stored person -> index of the component holding most of its records."""
    counts: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    smallest: dict[str, tuple[str, int]] = {}
    for index, component in enumerate(components):
        for record in component:
            person = stored_person.get(record)
            if person is None:
                continue
            counts[person][index] += 1
            if person not in smallest or record < smallest[person][0]:
                smallest[person] = (record, index)
    homes: dict[str, int] = {}
    for person, by_component in counts.items():
        best = max(by_component.values())
        tied = [index for index, count in by_component.items() if count == best]
        homes[person] = smallest[person][1] if smallest[person][1] in tied else min(tied)
    return homes


def _joining_pair(graph: nx.Graph, left: set[str], right: set[str]) -> Pair | None:
    """The edge by which a shortest path from ``left`` to ``right`` first leaves ``left``."""
    source, target = min(left), min(right)
    try:
        path = nx.shortest_path(graph, source, target)
    except nx.NetworkXNoPath:
        return None
    for first, second in pairwise(path):
        if first in left and second not in left:
            return (first, second) if first < second else (second, first)
    return None


def plan_identities(
    *,
    new_records: Iterable[str],
    stored_person: Mapping[str, str],
    stored_links: Iterable[Pair],
    new_links: Iterable[Pair],
    removed_links: Iterable[Pair] = (),
) -> IdentityPlan:
    """Work out which person each record belongs to after a change.

    Parameters
    ----------
    new_records
        Records not yet in the graph (or whose fields changed and were unlinked).
    stored_person
        Record -> person id for every record of every stored person the change touches
        (all of each such person's records, not only the linked ones).
    stored_links
        Stored links among those records.
    new_links
        Links found now (new record pairs, accepted reviews).
    removed_links
        Stored links to drop (rejected reviews, records whose fields changed).

    Returns
    -------
    IdentityPlan
        Every record's person and the merges, splits and new people that implies.

    Examples
    --------
    >>> plan = plan_identities(
    ...     new_records=["n1"],
    ...     stored_person={"a": "P1", "b": "P2"},
    ...     stored_links=[],
    ...     new_links=[("a", "n1"), ("b", "n1")],
    ... )
    >>> plan.person_of["n1"], plan.merges[0].survivor, plan.merges[0].merged
    ('P1', 'P1', ('P2',))
    """
    new = sorted(set(new_records))
    removed = {tuple(sorted(pair)) for pair in removed_links}
    graph = nx.Graph()
    graph.add_nodes_from(sorted(stored_person))
    graph.add_nodes_from(new)
    graph.add_edges_from(
        pair for pair in stored_links if tuple(sorted(pair)) not in removed and pair[0] != pair[1]
    )
    graph.add_edges_from(pair for pair in new_links if pair[0] != pair[1])
    components = sorted((set(c) for c in nx.connected_components(graph)), key=min)
    homes = _home_components(components, stored_person)
    size = defaultdict(int)
    for person in stored_person.values():
        size[person] += 1
    plan = IdentityPlan(previous=dict(stored_person))
    for index, component in enumerate(components):
        housed = sorted(
            (person for person, home in homes.items() if home == index),
            key=lambda person: (-sum(stored_person.get(r) == person for r in component), person),
        )
        if housed:
            owner = housed[0]
            if len(housed) > 1:
                members = {p: {r for r in component if stored_person.get(r) == p} for p in housed}
                plan.merges.append(
                    Merge(
                        owner,
                        tuple(housed[1:]),
                        _joining_pair(
                            graph, members[owner], set().union(*members.values()) - members[owner]
                        ),
                    )
                )
                plan.retired.update(housed[1:])
        else:
            owner = f"new:{min(component)}"
            plan.new_people.append(NewPerson(owner, tuple(sorted(component))))
        moved: dict[str, list[str]] = defaultdict(list)
        for record in sorted(component):
            plan.person_of[record] = owner
            before = stored_person.get(record)
            if before is None or before != owner:
                plan.changed.add(owner)
            if before is not None and before != owner and before not in housed:
                moved[before].append(record)
        for person, records in sorted(moved.items()):
            plan.splits.append(Split(person, owner, tuple(records)))
            plan.changed.add(person)
    return plan
