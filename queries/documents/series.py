"""The document of ``analyse series``: candidate series of deaths, each link with its evidence."""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import Field

from queries.documents.base import Document, LocalDateTime, Part
from queries.series.analysis import SeriesAnalysis
from queries.series.model import CandidateSeries, ScoredPair

__all__ = ["SeriesDocument", "series_document"]


class SeriesDeath(Part):
    """A death in a candidate series, with what can link it."""

    id: str
    date_found: date
    found_at: LocalDateTime | None = Field(
        None, description="Date and time found (local UK time), when the report recorded one."
    )
    cause: str | None
    substances: list[str]
    classification: str | None
    place: str | None = Field(description="Place id.")
    address: str | None
    place_type: str | None
    deceased: str | None = Field(description="Person id of the deceased.")


class PriorIncident(Part):
    """An earlier incident in which a person named on a report was a suspect or offender."""

    incident: str
    occurred_on: date
    category: str | None


class SharedPerson(Part):
    """A person recorded in both deaths, their roles in each, and their own history."""

    person: str
    roles: list[str]
    deaths_named_on: int = Field(
        description="Death reports naming this person in any role (more means less specific)."
    )
    prior_incidents_as_suspect: list[PriorIncident] = Field(
        description="Incidents before the later death in which they were a suspect or offender."
    )


class PersonLivingNear(Part):
    """Someone named on one report whose home was near where the other death was found."""

    person: str
    named_on: str = Field(description="The death whose report names them.")
    roles: list[str]
    home: str = Field(description="Place id of their recorded home.")
    km_from_other_death: float
    prior_incidents_as_suspect: list[PriorIncident] = Field(
        description="Incidents before the later death in which they were a suspect or offender."
    )


class LinkEvidence(Part):
    """The facts behind a link; a field is present only when it holds for the pair."""

    same_place: str | None = None
    distance_km: float | None = None
    place_type: str | None = Field(None, description="Shared place type.")
    days_apart: int
    times_found: list[str] | None = Field(
        None, description="Times of day both were found (HH:MM, local), when both were recorded."
    )
    same_time_of_day: str | None = Field(
        None, description="The six-hour band of the day both were found in (e.g. 00:00-06:00)."
    )
    same_cause: str | None = None
    shared_substances: list[str] | None = None
    ages: list[int] | None = Field(None, description="Ages of the two deceased.")
    shared_people: list[SharedPerson] | None = None
    people_living_near: list[PersonLivingNear] | None = None
    association_path: list[str] | None = Field(
        None, description="Person ids from one death's people to the other's."
    )
    objects_recovered_in: list[str] | None = Field(
        None, description="Incidents in which objects missing from both deaths turned up."
    )


class SeriesLink(Part):
    """Two deaths linked above the threshold: probability, per-feature contributions, evidence."""

    a: str
    b: str
    probability: float
    contributions: dict[str, float] = Field(
        description="Feature -> its addition to the log-odds (coefficient x value)."
    )
    evidence: LinkEvidence


class Series(Part):
    """A candidate series: its deaths and the links that join them."""

    id: str
    strength: float = Field(description="The strongest link's probability.")
    deaths: list[SeriesDeath]
    links: list[SeriesLink]


class LinkModelInfo(Part):
    """The model that scored the pairs, so a reader can judge it."""

    intercept: float
    coefficients: dict[str, float]
    provenance: dict[str, Any]


class SeriesDocument(Document):
    """Candidate linked series of deaths, strongest first, and the pairs that almost linked."""

    threshold: float = Field(description="Link probability at or above which pairs link.")
    as_of: date | None = Field(
        description="Only what was recorded by this date was used (null: everything)."
    )
    deaths: int = Field(description="Death reports compared.")
    candidate_pairs: int = Field(description="Pairs scored after blocking.")
    model: LinkModelInfo
    series: list[Series]
    near_threshold: list[SeriesLink] = Field(
        description="The strongest pairs below the threshold, strongest first: what almost linked."
    )


def _series(found: CandidateSeries) -> Series:
    return Series(
        id=found.id,
        strength=round(found.strength, 4),
        deaths=[
            SeriesDeath(
                id=d.id,
                date_found=d.date_found,
                found_at=d.found_at,
                cause=d.cause,
                substances=list(d.substances),
                classification=d.classification,
                place=d.place,
                address=d.address,
                place_type=d.place_type,
                deceased=d.deceased,
            )
            for d in found.deaths
        ],
        links=[_link(link) for link in found.links],
    )


def _link(link: ScoredPair) -> SeriesLink:
    return SeriesLink(
        a=link.a,
        b=link.b,
        probability=round(link.probability, 4),
        contributions=link.contributions,
        evidence=LinkEvidence.model_validate(link.evidence),
    )


def series_document(analysis: SeriesAnalysis, *, limit: int | None = None) -> SeriesDocument:
    """The series analysis as a document, keeping the first ``limit`` series."""
    return SeriesDocument(
        threshold=analysis.threshold,
        as_of=analysis.as_of,
        deaths=analysis.deaths,
        candidate_pairs=analysis.candidate_pairs,
        model=LinkModelInfo(
            intercept=analysis.model.intercept,
            coefficients=analysis.model.coefficients,
            provenance=analysis.model.provenance,
        ),
        series=[_series(s) for s in analysis.series[:limit]],
        near_threshold=[_link(pair) for pair in analysis.near_threshold],
    )
