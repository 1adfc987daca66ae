"""Scoring pairs with a readable logistic model, and grouping linked pairs into series.

Every contribution to a score (weight times feature value) is kept, so a reviewer sees why.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import networkx as nx
import numpy as np

from queries.series.features import FEATURES, PairEvidence
from queries.series.records import DeathRecord

__all__ = [
    "CandidateSeries",
    "LinkModel",
    "ScoredPair",
    "choose_threshold",
    "default_model",
    "group_into_series",
    "train_model",
]


@dataclass(frozen=True)
class LinkModel:
    """A logistic model over :data:`FEATURES`: probability = sigmoid(intercept + sum(w * x))."""

    coefficients: dict[str, float]
    intercept: float
    threshold: float
    provenance: dict[str, Any] = field(default_factory=dict)

    def score(self, pair: PairEvidence) -> ScoredPair:
        """Score one pair; each feature's contribution (weight x value) is kept."""
        exact = {
            name: self.coefficients.get(name, 0.0) * value
            for name, value in pair.values.items()
            if value and self.coefficients.get(name, 0.0)
        }
        logit = self.intercept + sum(exact.values())
        # What a reviewer reads: every contribution that shows at four decimals.
        contributions = {
            name: round(value, 4) for name, value in exact.items() if round(value, 4) > 0
        }
        probability = 1.0 / (1.0 + math.exp(-logit))
        return ScoredPair(pair.a, pair.b, probability, contributions, pair.evidence)

    def to_json(self) -> str:
        """The model as JSON (what ``queries/models/series_logistic.json`` holds)."""
        return json.dumps(
            {
                "features": list(FEATURES),
                "coefficients": self.coefficients,
                "intercept": self.intercept,
                "threshold": self.threshold,
                "provenance": self.provenance,
            },
            indent=2,
            sort_keys=False,
        )

    @classmethod
    def from_json(cls, text: str) -> LinkModel:
        """Load a model saved with :meth:`to_json` (features it does not know weigh nothing)."""
        data = json.loads(text)
        return cls(
            {k: float(v) for k, v in data["coefficients"].items()},
            float(data["intercept"]),
            float(data["threshold"]),
            data.get("provenance", {}),
        )


@cache
def default_model() -> LinkModel:
    """The shipped model, trained on generated data with seeds held apart from evaluation."""
    text = (
        resources.files("queries.models")
        .joinpath("series_logistic.json")
        .read_text(encoding="utf-8")
    )
    return LinkModel.from_json(text)


@dataclass(frozen=True)
class ScoredPair:
    """A pair of deaths, its link probability, and why."""

    a: str
    b: str
    probability: float
    contributions: dict[str, float]
    evidence: dict[str, object]


def _fit_non_negative(
    x: np.ndarray, y: np.ndarray, sample: np.ndarray, *, l2: float = 1.0
) -> tuple[np.ndarray, float]:
    """Class-balanced, L2-regularised logistic regression with every weight >= 0.

    ``sample`` weighs pairs within their class; each class then carries half the total
    weight. scikit-learn's LogisticRegression cannot bound weights, so the same loss is
    minimised with scipy's L-BFGS-B, which can.
    """
    half = len(y) / 2
    positive, negative = sample[y == 1].sum(), sample[y == 0].sum()
    weights = sample * np.where(y == 1, half / max(positive, 1e-12), half / max(negative, 1e-12))

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        w, b = theta[:-1], theta[-1]
        z = x @ w + b
        p = 1.0 / (1.0 + np.exp(-z))
        eps = 1e-12
        value = (
            -np.sum(weights * (y * np.log(p + eps) + (1 - y) * np.log(1 - p + eps)))
            + 0.5 * l2 * w @ w
        )
        residual = weights * (p - y)
        gradient = np.append(x.T @ residual + l2 * w, residual.sum())
        return float(value), gradient

    # Imported here: scipy.optimize takes a good part of a second to import, and only
    # training needs it, not the scoring every command and request runs.
    from scipy.optimize import minimize

    start = np.zeros(x.shape[1] + 1)
    bounds = [(0.0, None)] * x.shape[1] + [(None, None)]
    result = minimize(loss, start, jac=True, method="L-BFGS-B", bounds=bounds)
    return result.x[:-1], float(result.x[-1])


def train_model(
    pairs: Sequence[PairEvidence],
    labels: Sequence[bool],
    *,
    series: Sequence[str | None] | None = None,
    provenance: dict[str, Any] | None = None,
) -> LinkModel:
    """Fit the logistic model on labelled pairs (the threshold is chosen elsewhere).

    Every weight is constrained to be non-negative: each feature is evidence *for* a link,
    and a feature's absence adds nothing. An unconstrained fit can learn from decoys that
    sharing the exact same place *lowers* the odds (hostel overdoses share a hostel); that
    fits the training data but is not an argument a reviewer would accept.

    The threshold is left at 0.5: choose it with :func:`choose_threshold` on pairs the model
    was not fitted on.

    Parameters
    ----------
    pairs
        Candidate pairs with their features.
    labels
        True where the two deaths belong to one planted series.
    series
        For each linked pair, the series it belongs to. Each series then counts once, whatever
        its length: a six-death series has 15 pairs and a two-death series one, and without
        this the long series' kind would decide the weights. Omitted: every pair counts once.
    provenance
        Recorded in the model (training data, date, metrics).

    Returns
    -------
    LinkModel
        Coefficients (L2-regularised, class-balanced) and intercept.

    Raises
    ------
    ValueError
        If the labels are all of one class.
    """
    if len(set(labels)) < 2:
        raise ValueError("training needs linked and unlinked pairs")
    x = np.array([[pair.values[name] for name in FEATURES] for pair in pairs])
    y = np.array(labels, dtype=float)
    sample = np.ones(len(y))
    if series is not None:
        if len(series) != len(y):
            raise ValueError("series must name one series (or None) per pair")
        sizes = Counter(s for s, linked in zip(series, labels, strict=True) if linked)
        sample = np.array(
            [
                1.0 / sizes[s] if linked and s is not None else 1.0
                for s, linked in zip(series, labels, strict=True)
            ]
        )
    coefficients, intercept = _fit_non_negative(x, y, sample)
    weights = {name: round(float(w), 4) for name, w in zip(FEATURES, coefficients, strict=True)}
    return LinkModel(weights, round(intercept, 4), 0.5, dict(provenance or {}))


def choose_threshold(
    model: LinkModel,
    pairs: Sequence[PairEvidence],
    labels: Sequence[bool],
    *,
    note: str | None = None,
) -> LinkModel:
    """The same model with the F1-best threshold on pairs it was not fitted on.

    Parameters
    ----------
    model
        A fitted model.
    pairs, labels
        Held-apart pairs (other seeds than the fit), with truth.
    note
        Recorded in the provenance as ``threshold_chosen_on``.

    Returns
    -------
    LinkModel
        The model with its threshold (0.05-0.995 in steps of 0.005) and the F1 there.

    Raises
    ------
    ValueError
        If there are no linked pairs to choose on.
    """
    if not any(labels):
        raise ValueError("choosing a threshold needs linked pairs")
    probabilities = np.array([model.score(pair).probability for pair in pairs])
    y = np.array(labels, dtype=bool)
    best, threshold = -1.0, 0.5
    for candidate in np.arange(0.05, 0.996, 0.005):
        predicted = probabilities >= candidate
        tp = int((predicted & y).sum())
        fp = int((predicted & ~y).sum())
        fn = int((~predicted & y).sum())
        f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
        if f1 > best:
            best, threshold = f1, float(round(candidate, 3))
    provenance = {**model.provenance, "threshold_f1": round(best, 4)}
    if note:
        provenance["threshold_chosen_on"] = note
    return LinkModel(model.coefficients, model.intercept, threshold, provenance)


@dataclass(frozen=True)
class CandidateSeries:
    """Deaths linked into a possible series: a prompt for human review, not a finding."""

    id: str
    deaths: list[DeathRecord]
    links: list[ScoredPair]

    @property
    def strength(self) -> float:
        """The strongest link's probability."""
        return max(link.probability for link in self.links)


def group_into_series(
    deaths: Sequence[DeathRecord], scored: Sequence[ScoredPair], *, threshold: float
) -> list[CandidateSeries]:
    """Connected components of the pairs at or above ``threshold``, strongest first.

    A series id is the id of its earliest death, so it stays stable as later deaths join.
    """
    by_id = {death.id: death for death in deaths}
    graph = nx.Graph()
    links = [pair for pair in scored if pair.probability >= threshold]
    graph.add_edges_from((pair.a, pair.b) for pair in links)
    series = []
    for component in nx.connected_components(graph):
        members = sorted((by_id[i] for i in component), key=lambda d: (d.date_found, d.id))
        own = sorted((p for p in links if p.a in component), key=lambda p: -p.probability)
        series.append(CandidateSeries(f"series:{members[0].id}", members, own))
    return sorted(series, key=lambda s: (-s.strength, s.id))
