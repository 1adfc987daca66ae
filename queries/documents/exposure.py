"""The document of ``analyse exposure``: people ranked by exposure, with contributing paths."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from pydantic import Field

from queries.documents.base import Document, Part
from queries.exposure.analysis import ExposureAnalysis

__all__ = ["ExposureDocument", "exposure_document"]


class ExposureContribution(Part):
    """One earlier event reaching the person along a path of ties."""

    incident: str
    occurred_on: date
    role: str = Field(description="The role of the person at the path's end in the incident.")
    path: list[str] = Field(description="Person ids from the exposed person to the event.")
    weight: float = Field(description="The event's weight after decay per tie and with time.")


class ExposureEntry(Part):
    """A person's exposure score and the events that make it up, strongest first."""

    person: str
    name: str | None
    score: float
    ties: int = Field(description="Ties to the nearest contributing event.")
    contributions: list[ExposureContribution] = Field(description="Up to ten, strongest first.")


class ExposureDocument(Document):
    """People most exposed to earlier serious violence through their ties."""

    as_of: date
    hops: int
    half_life_days: float
    events: int = Field(description="Serious-violence involvements before the reference date.")
    people_in_network: int
    ranking: list[ExposureEntry]


def exposure_document(
    analysis: ExposureAnalysis,
    *,
    hops: int,
    half_life_days: float,
    limit: int,
    names: Mapping[str, str] | None = None,
) -> ExposureDocument:
    """The first ``limit`` of an exposure ranking as a document, names where given."""
    names = names or {}
    return ExposureDocument(
        as_of=analysis.as_of,
        hops=hops,
        half_life_days=half_life_days,
        events=analysis.events,
        people_in_network=analysis.graph.number_of_nodes(),
        ranking=[
            ExposureEntry(
                person=entry.person,
                name=names.get(entry.person),
                score=entry.score,
                ties=entry.ties,
                contributions=[
                    ExposureContribution(
                        incident=c.incident,
                        occurred_on=c.occurred_on,
                        role=c.role,
                        path=list(c.path),
                        weight=c.weight,
                    )
                    for c in entry.contributions[:10]
                ],
            )
            for entry in analysis.ranking[:limit]
        ],
    )
