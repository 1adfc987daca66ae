"""The rapid-review pack: what every agency held before a homicide or near miss."""

from __future__ import annotations

import secrets
from datetime import UTC, date, datetime

import networkx as nx

from queries.documents.precursors import PrecursorDocument
from queries.reviews.pack import ReviewPackFacts
from visualisation.render import template
from visualisation.report.charts import network_chart, timeline_chart
from visualisation.report.deaths import report_policy

__all__ = ["render_review_pack"]


def _relationship_map(document: PrecursorDocument) -> str:
    graph = nx.Graph()
    for index, subject in enumerate(document.subjects, start=1):
        graph.add_node(subject.person, kind="Person", label=f"{subject.role} {index}")
    graph.add_node(document.event, kind="Death", label="event")
    for subject in document.subjects:
        graph.add_edge(subject.person, document.event, label=", ".join(subject.roles))
    for step in document.steps:
        if step.record == "death":
            graph.add_node(step.event, kind="Death", label=f"{step.date:%Y-%m} death")
        else:
            graph.add_node(step.event, kind="Place", label=f"{step.date:%Y-%m} {step.agency}")
        for person in step.people:
            graph.add_edge(person.person, step.event, label=", ".join(person.roles))
    return network_chart(graph)


def render_review_pack(facts: ReviewPackFacts, *, today: date, generated_by: str) -> str:
    """The pack as one offline HTML page (no scripts; printable)."""
    nonce = secrets.token_urlsafe(16)
    review, precursors = facts.review, facts.precursors
    steps = [(s.date, s.agency, (s.kind or "").replace("_", " ")) for s in precursors.steps]
    return template("review_pack.html").render(
        nonce=nonce,
        policy=report_policy(nonce),
        review=review,
        document=precursors,
        opportunities=facts.opportunities,
        series=facts.series,
        timeline=timeline_chart(steps, precursors.event_date),
        relationship_map=_relationship_map(precursors),
        today=today,
        generated_at=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        generated_by=generated_by,
    )
