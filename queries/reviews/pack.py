"""The facts a rapid-review pack is made of, gathered once for the CLI and the API."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import neo4j

from queries.documents.precursors import PrecursorDocument, precursor_document
from queries.documents.series import Series, series_document
from queries.people import person_labels
from queries.precursors.analysis import precursor_path
from queries.reviews.service import earlier_opportunities, get_review
from queries.series.analysis import find_series

__all__ = ["ReviewPackFacts", "review_pack_facts"]


@dataclass(frozen=True)
class ReviewPackFacts:
    """A review, its precursor path, earlier opportunities and the series holding its event."""

    review: dict[str, Any]
    precursors: PrecursorDocument
    opportunities: list[dict[str, Any]]
    series: list[Series]

    @property
    def people(self) -> list[str]:
        """Everyone whose history the pack shows (for the audit log).

        For a death: the deceased and whoever found, reported, was last seen with or is
        suspected of it; for an incident: its victims, suspects and offenders.
        """
        return [subject.person for subject in self.precursors.subjects]


def review_pack_facts(
    driver: neo4j.Driver, database: str, review: str, *, today: date, months: int = 24
) -> ReviewPackFacts:
    """Everything a pack shows, read from the graph.

    Raises
    ------
    NotFound
        If there is no such review.
    """
    found = get_review(driver, database, review, today=today)
    path = precursor_path(driver, database, found["event"], months=months)
    people = path.people
    document = precursor_document(path, names=person_labels(driver, database, people))
    opportunities = earlier_opportunities(driver, database, people, before=document.event_date)
    series = [
        s
        for s in series_document(find_series(driver, database)).series
        if any(d.id == found["event"] for d in s.deaths)
    ]
    return ReviewPackFacts(found, document, opportunities, series)
