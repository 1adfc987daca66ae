"""The analytical report on death investigations: numbers, charts, series, data quality.

Built from :class:`queries.report.deaths.DeathReportFigures` and the series document; no
scripts at all, so the page is inert: styles and pictures are inlined, and its
Content-Security-Policy forbids scripts and any request.
"""

from __future__ import annotations

import secrets
from collections import defaultdict
from datetime import UTC, datetime
from typing import Any

import networkx as nx

from queries.documents.series import Series, SeriesDocument
from queries.report.deaths import PRIOR_CONTACT_MONTHS, DeathReportFigures
from visualisation.language import with_time
from visualisation.render import template
from visualisation.report.charts import bar_chart, month_chart, network_chart, place_map

__all__ = ["render_death_report", "report_policy", "series_in_period"]

_DIMENSIONS = {
    "area": "Local policing area",
    "place_type": "Place type",
    "cause": "Apparent cause",
    "substance": "Substance (a death may have several)",
    "age_band": "Age band",
    "time_of_day": "Time of day found (local)",
    "sex": "Sex",
    "classification": "Classification",
    "coroner_outcome": "Coroner's outcome",
    "investigation_status": "Investigation",
}


def series_in_period(document: SeriesDocument, figures: DeathReportFigures) -> list[Series]:
    """Candidate series with at least one death in the report's period (and area)."""
    ids = {d["id"] for d in figures.deaths}
    return [s for s in document.series if any(d.id in ids for d in s.deaths)]


def _series_map(series: Series) -> str:
    graph = nx.Graph()
    for death in series.deaths:
        graph.add_node(
            death.id,
            kind="Death",
            label=f"{death.id.split(':')[-1]}\n{with_time(death.date_found, death.found_at)}",
        )
        if death.place:
            graph.add_node(death.place, kind="Place", label=(death.place_type or "place"))
            graph.add_edge(death.id, death.place, label="found at")
    people = 0
    for link in series.links:
        graph.add_edge(link.a, link.b, label=f"p={link.probability:.2f}")
        for shared in link.evidence.shared_people or []:
            if shared.person not in graph:
                people += 1
                graph.add_node(shared.person, kind="Person", label=f"person {people}")
            for death_id in (link.a, link.b):
                graph.add_edge(shared.person, death_id, label=", ".join(shared.roles))
    return network_chart(graph)


def _evidence_sentence(link: Any) -> str:
    evidence = link.evidence
    parts = []
    if evidence.shared_people:
        parts.append(
            f"{len(evidence.shared_people)} person(s) in both, as "
            + "; ".join(", ".join(p.roles) for p in evidence.shared_people)
        )
    for near in evidence.people_living_near or []:
        history = len(near.prior_incidents_as_suspect)
        parts.append(
            f"{', '.join(near.roles)} of {near.named_on} lived {near.km_from_other_death:.1f} km "
            "from the other death"
            + (f" ({history} earlier incident(s) as suspect)" if history else "")
        )
    if evidence.shared_substances:
        parts.append("both " + ", ".join(evidence.shared_substances))
    if evidence.same_cause:
        parts.append(f"same cause ({evidence.same_cause})")
    if evidence.distance_km is not None:
        parts.append(f"{evidence.distance_km:.1f} km apart")
    parts.append(f"{evidence.days_apart} days apart")
    if evidence.times_found:
        first, second = evidence.times_found
        band = evidence.same_time_of_day
        parts.append(
            f"found at {first} and {second}"
            + (f" (both between {band.replace('-', ' and ')})" if band else "")
        )
    if evidence.association_path:
        parts.append(f"{len(evidence.association_path) - 1} association tie(s) apart")
    if evidence.objects_recovered_in:
        parts.append("missing objects recovered together")
    return "; ".join(parts)


def report_policy(nonce: str) -> str:
    """The report's Content-Security-Policy: no scripts, no requests, its own styles only."""
    return (
        f"default-src 'none'; style-src 'nonce-{nonce}'; img-src data:; base-uri 'none'; "
        "form-action 'none'"
    )


def render_death_report(
    figures: DeathReportFigures,
    series: SeriesDocument,
    *,
    generated_by: str,
    nonce: str | None = None,
) -> str:
    """The whole report as one HTML page (offline, no scripts, printable)."""
    nonce = nonce or secrets.token_urlsafe(16)
    by_area: dict[str, list[tuple[float, float]]] = defaultdict(list)
    points = []
    for death in figures.deaths:
        if death["latitude"] is not None:
            points.append(
                (death["latitude"], death["longitude"], death["classification"] or "unknown")
            )
            by_area[death["area"] or "unknown"].append((death["latitude"], death["longitude"]))
    centres = {
        area: (sum(p[0] for p in ps) / len(ps), sum(p[1] for p in ps) / len(ps))
        for area, ps in by_area.items()
    }
    found = series_in_period(series, figures)
    charts = {
        dimension: bar_chart(figures.by[dimension], title)
        for dimension, title in _DIMENSIONS.items()
        if figures.by.get(dimension)
    }
    return template("report.html").render(
        nonce=nonce,
        policy=report_policy(nonce),
        figures=figures,
        total=len(figures.deaths),
        change=len(figures.deaths) - figures.previous_period_deaths,
        month_chart=month_chart(
            figures.by["month"],
            figures.previous_by_month if figures.previous_period_deaths else None,
        )
        if figures.deaths
        else None,
        charts=charts,
        titles=_DIMENSIONS,
        map_chart=place_map(points, centres),
        contact_chart=bar_chart(figures.prior_contacts, "Deaths with a contact of this type")
        if figures.prior_contacts
        else None,
        months=PRIOR_CONTACT_MONTHS,
        series=[
            (s, _series_map(s), [(link, _evidence_sentence(link)) for link in s.links])
            for s in found
        ],
        model=series.model,
        threshold=series.threshold,
        generated_at=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        generated_by=generated_by,
    )
