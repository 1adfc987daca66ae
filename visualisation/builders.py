"""Views from analysis documents: ego network, series, precursor path, exposure, conference.

Pure functions over the same documents the API and ``--json`` return.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import date
from itertools import pairwise

from queries.documents.exposure import ExposureDocument
from queries.documents.investigation import EgoDocument
from queries.documents.precursors import PrecursorDocument
from queries.documents.series import SeriesDocument
from visualisation.language import with_time
from visualisation.view import GraphView, ViewEdge, ViewNode

__all__ = ["conference_view", "ego_view", "exposure_view", "precursor_view", "series_view"]

_EXPANDABLE = {"Person", "Place", "Incident", "Death", "Object"}
_AGENCY_LANES = {"police": 0.0, "nhs": 160.0, "local_authority": 320.0, "other": 480.0}
_DEATH_LANE = -160.0  # earlier death reports a subject found, reported or was named on
_STEP_KINDS = {"incident": "Incident", "partner_contact": "PartnerContact", "death": "Death"}


def _edge_label(kind_or_role: str | None, rel_type: str, when: date | None) -> str:
    words = (kind_or_role or rel_type.lower()).replace("_", " ")
    return f"{words} {when.isoformat()}" if when else words


def ego_view(document: EgoDocument, *, title: str | None = None) -> GraphView:
    """A person's, place's or event's neighbourhood; every entity can be expanded."""
    view = GraphView(
        title=title or f"Network around {document.centre}",
        subtitle="Double-click an entity to add its neighbours. Rankings and links are "
        "prompts for review, not findings.",
    )
    if document.truncated:
        view.notices.append(
            "The neighbourhood was cut at the size cap: some ties are not shown. Narrow it."
        )
    degree: dict[str, int] = {}
    for edge in document.edges:
        for end in (edge.source, edge.target):
            degree[end] = degree.get(end, 0) + 1
    for node in document.nodes:
        when = node.date.isoformat() if node.date else None
        view.add_node(
            ViewNode(
                node.id,
                node.label,
                node.kind,
                [node.kind, node.label, *([f"date: {when}"] if when else [])],
                date=when if node.kind != "Person" else None,
                size=12 + 6 * math.log2(1 + degree.get(node.id, 0)),  # by ties in view
                centre=node.id == document.centre,
                expandable=node.kind in _EXPANDABLE,
            )
        )
    for edge in document.edges:
        when = edge.since
        view.add_edge(
            ViewEdge(
                edge.source,
                edge.target,
                edge.type,
                role=edge.role,
                label=_edge_label(edge.role or edge.kind, edge.type, when),
                date=when.isoformat() if when else None,
            )
        )
    return view


def series_view(document: SeriesDocument, series_id: str) -> GraphView:
    """One candidate series: its deaths, the people, places and paths that link them.

    Raises
    ------
    KeyError
        If the document has no series with that id.
    """
    found = next((s for s in document.series if s.id == series_id), None)
    if found is None:
        raise KeyError(series_id)
    view = GraphView(
        title=f"Candidate series {found.id}",
        subtitle=f"{len(found.deaths)} deaths; strongest link p={found.strength:.2f}. "
        "A prompt for review, not a finding.",
    )
    for death in found.deaths:
        view.add_node(
            ViewNode(
                death.id,
                f"Death {death.date_found.isoformat()}",
                "Death",
                [
                    f"found {death.date_found.isoformat()}",
                    f"cause: {death.cause or 'unknown'}",
                    *([f"substances: {', '.join(death.substances)}"] if death.substances else []),
                    f"classification: {death.classification or 'unknown'}",
                ],
                date=death.date_found.isoformat(),
                expandable=True,
            )
        )
        if death.place:
            view.add_node(
                ViewNode(
                    death.place, death.address or death.place, "Place", [death.place_type or ""]
                )
            )
            view.add_edge(ViewEdge(death.id, death.place, "FOUND_AT", label="found at"))
    for link in found.links:
        top = sorted(link.contributions.items(), key=lambda kv: -kv[1])
        view.add_edge(
            ViewEdge(
                link.a,
                link.b,
                "LINKED",
                label=f"p={link.probability:.2f}: " + ", ".join(n for n, _ in top[:2]),
                tooltip=[f"{name} +{value:.2f}" for name, value in top],
            )
        )
        evidence = link.evidence
        for shared in evidence.shared_people or []:
            view.add_node(ViewNode(shared.person, shared.person, "Person", shared.roles))
            for death_id in (link.a, link.b):
                view.add_edge(
                    ViewEdge(
                        shared.person,
                        death_id,
                        "PARTY_TO_DEATH",
                        role=shared.roles[0] if shared.roles else None,
                        label=", ".join(r.replace("_", " ") for r in shared.roles),
                    )
                )
        for near in evidence.people_living_near or []:
            other = link.b if near.named_on == link.a else link.a
            view.add_node(ViewNode(near.person, near.person, "Person", near.roles))
            view.add_edge(
                ViewEdge(
                    near.person,
                    near.named_on,
                    "PARTY_TO_DEATH",
                    role=near.roles[0] if near.roles else None,
                    label=", ".join(r.replace("_", " ") for r in near.roles),
                )
            )
            view.add_edge(
                ViewEdge(
                    near.person,
                    other,
                    "LIVES_NEAR",
                    label=f"home {near.km_from_other_death:.1f} km away",
                )
            )
        path = evidence.association_path or []
        for person in path:
            view.add_node(ViewNode(person, person, "Person", ["on the association path"]))
        for a, b in pairwise(path):
            view.add_edge(ViewEdge(a, b, "ASSOCIATED_WITH", label="associated"))
    return view


def precursor_view(
    document: PrecursorDocument, *, names: Mapping[str, str] | None = None
) -> GraphView:
    """The earlier events, left to right by date, one lane per agency, the event last.

    Earlier death reports get a lane of their own above the police lane; every subject is
    labelled with their roles on the event, and every tie says what the subject was to the
    event and what they were in the earlier one (e.g. ``found_by: suspect``).
    """
    names = names or {}
    view = GraphView(
        title=f"Precursor path to {document.event} ({document.event_date.isoformat()})",
        subtitle=f"{len(document.steps)} earlier events held by "
        f"{', '.join(document.agencies) or 'no agency'}; earliest on the left.",
        physics=False,
    )
    first = document.steps[0].date if document.steps else document.event_date
    span = max(1, (document.event_date - first).days)

    def x_of(day: date) -> float:
        return 1400.0 * (day - first).days / span

    for position, subject in enumerate(document.subjects):
        view.add_node(
            ViewNode(
                subject.person,
                names.get(subject.person) or subject.name or subject.person,
                "Person",
                [f"role: {', '.join(subject.roles)}"],
                x=-250.0,
                y=120.0 * position,
                expandable=True,
            )
        )
    previous: str | None = None
    for step in document.steps:
        kind = _STEP_KINDS[step.record]
        lane = _DEATH_LANE if step.record == "death" else _AGENCY_LANES.get(step.agency, 480.0)
        view.add_node(
            ViewNode(
                step.event,
                f"{with_time(step.date, step.at)} {step.kind or ''}".strip(),
                kind,
                [
                    f"{'death report' if step.record == 'death' else step.agency}: "
                    f"{step.kind or ''}",
                    *([f"stage: {', '.join(step.stages)}"] if step.stages else []),
                    *([f"markers: {', '.join(step.markers)}"] if step.markers else []),
                    *([step.summary] if step.summary else []),
                ],
                date=step.date.isoformat(),
                x=x_of(step.date),
                y=lane,
            )
        )
        for person in step.people:
            label = f"{', '.join(person.subject_roles)}: {', '.join(person.roles)}"
            role = person.roles[0] if person.roles else None  # line style: role in the step
            view.add_edge(ViewEdge(person.person, step.event, "INVOLVED", role=role, label=label))
        if previous:
            view.add_edge(ViewEdge(previous, step.event, "THEN", label="then", arrow=True))
        previous = step.event
    view.add_node(
        ViewNode(
            document.event,
            f"{with_time(document.event_date, document.event_at)} {document.event}",
            "Death" if document.event.startswith("death:") else "Incident",
            ["the event under review"],
            date=document.event_date.isoformat(),
            x=1550.0,
            y=160.0,
            centre=True,
        )
    )
    if previous:
        view.add_edge(ViewEdge(previous, document.event, "THEN", label="then", arrow=True))
    return view


def exposure_view(document: ExposureDocument, person: str) -> GraphView:
    """The ties and earlier events that make up one person's exposure; size shows weight.

    Raises
    ------
    KeyError
        If the person is not in the ranking.
    """
    entry = next((e for e in document.ranking if e.person == person), None)
    if entry is None:
        raise KeyError(person)
    view = GraphView(
        title=f"Exposure of {entry.name or entry.person}",
        subtitle=f"Score {entry.score:.3f} as of {document.as_of.isoformat()}: each earlier "
        "event weighs less with each tie and with time. A prompt for review, not a decision.",
    )
    view.add_node(
        ViewNode(person, entry.name or person, "Person", [f"score {entry.score:.3f}"], centre=True)
    )
    for contribution in entry.contributions:
        for member in contribution.path:
            view.add_node(ViewNode(member, member, "Person", [], expandable=True))
        for a, b in pairwise(contribution.path):
            view.add_edge(ViewEdge(a, b, "TIE", label="tie"))
        view.add_node(
            ViewNode(
                contribution.incident,
                f"{contribution.incident} {contribution.occurred_on.isoformat()}",
                "Incident",
                [f"weight {contribution.weight:.3f}"],
                date=contribution.occurred_on.isoformat(),
                size=10 + 40 * min(1.0, contribution.weight),
            )
        )
        view.add_edge(
            ViewEdge(
                contribution.path[-1],
                contribution.incident,
                "PARTY_TO",
                role=contribution.role,
                label=_edge_label(contribution.role, "PARTY_TO", contribution.occurred_on),
                date=contribution.occurred_on.isoformat(),
            )
        )
    return view


def conference_view(
    nodes: list[dict[str, object]],
    edges: list[dict[str, object]],
    *,
    title: str,
    truncated: bool = False,
) -> GraphView:
    """A pseudonymised case-conference map: labels, coded facts and roles only."""
    view = GraphView(
        title=title,
        subtitle="Pseudonymised: the key stays with the police.",
    )
    if truncated:
        view.notices.append("The map was cut at its size cap; some ties are not shown.")
    for node in nodes:
        month = node.get("month")
        category = node.get("category")
        words = [str(node["kind"]), *([str(category)] if category else [])]
        view.add_node(
            ViewNode(
                str(node["label"]),
                f"{node['label']}" + (f" ({category}, {month})" if month else ""),
                str(node["kind"]),
                [*words, *([f"month: {month}"] if month else [])],
                date=f"{month}-01" if month else None,
                centre=bool(node.get("centre")),
            )
        )
    for edge in edges:
        role = edge.get("role")
        view.add_edge(
            ViewEdge(
                str(edge["source"]),
                str(edge["target"]),
                str(edge["type"]),
                role=str(role) if role else None,
                label=_edge_label(
                    str(role or edge.get("kind") or "") or None, str(edge["type"]), None
                ),
            )
        )
    return view
