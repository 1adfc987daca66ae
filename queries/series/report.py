"""The JSON form of a series analysis (``linkwatch analyse series --json``; the API serves it)."""

from __future__ import annotations

from typing import Any

from queries.series.analysis import SeriesAnalysis
from queries.series.model import CandidateSeries

__all__ = ["series_json"]


def _series(series: CandidateSeries) -> dict[str, Any]:
    return {
        "id": series.id,
        "strength": round(series.strength, 4),
        "deaths": [
            {
                "id": d.id,
                "date_found": d.date_found.isoformat(),
                "cause": d.cause,
                "substances": list(d.substances),
                "classification": d.classification,
                "place": d.place,
                "address": d.address,
                "place_type": d.place_type,
                "deceased": d.deceased,
            }
            for d in series.deaths
        ],
        "links": [
            {
                "a": link.a,
                "b": link.b,
                "probability": round(link.probability, 4),
                "contributions": link.contributions,
                "evidence": link.evidence,
            }
            for link in series.links
        ],
    }


def series_json(analysis: SeriesAnalysis) -> dict[str, Any]:
    """Everything a reviewer needs: the series, each link's evidence and the model used.

    Schema: ``threshold``, ``deaths`` (how many were compared), ``candidate_pairs`` (scored
    after blocking), ``model`` (intercept, coefficients, provenance), ``series[]`` with
    ``id``, ``strength``, ``deaths[]`` and ``links[]`` (``a``, ``b``, ``probability``,
    ``contributions`` per feature, ``evidence``). A series is a prompt for review, not a finding.
    """
    return {
        "threshold": analysis.threshold,
        "deaths": analysis.deaths,
        "candidate_pairs": analysis.candidate_pairs,
        "model": {
            "intercept": analysis.model.intercept,
            "coefficients": analysis.model.coefficients,
            "provenance": analysis.model.provenance,
        },
        "series": [_series(s) for s in analysis.series],
    }
