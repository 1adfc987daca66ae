"""The crime-linkage standard as a baseline: distance, days apart and a Jaccard of behaviours.

Comparative case analysis studies (Tonkin & Woodhams 2015, Porter 2016) score a pair of
crimes with a logistic regression on three numbers: the distance between them, the days
between them, and the Jaccard similarity of the behaviours recorded at each. Benchmarks run it
beside Linkwatch's model on the same pairs, so a figure always has its baseline.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.linear_model import LogisticRegression

from queries.series.features import haversine_km
from queries.series.records import DeathRecord

__all__ = ["DistanceTimeJaccard", "baseline_features", "behaviours"]

#: Distance used when a death has no location (beyond any blocking radius).
_UNKNOWN_KM = 50.0


def behaviours(death: DeathRecord) -> frozenset[str]:
    """The recorded "behaviours" of a death: cause, substances, place type, victim profile.

    Examples
    --------
    >>> from datetime import date
    >>> sorted(behaviours(DeathRecord("d", date(2024, 1, 1), cause="drug_toxicity",
    ...                               substances=("ghb",), place_type="park", sex="male")))
    ['cause:drug_toxicity', 'place_type:park', 'sex:male', 'substance:ghb']
    """
    items = {f"substance:{s}" for s in death.substances}
    if death.cause:
        items.add(f"cause:{death.cause}")
    if death.place_type:
        items.add(f"place_type:{death.place_type}")
    if death.sex and death.sex != "unknown":
        items.add(f"sex:{death.sex}")
    if death.age is not None:
        items.add(f"age_band:{min(death.age // 10, 9)}")
    return frozenset(items)


def baseline_features(a: DeathRecord, b: DeathRecord) -> tuple[float, float, float]:
    """log(1 + km), log(1 + days) and the behaviours' Jaccard similarity for one pair."""
    if None in (a.latitude, a.longitude, b.latitude, b.longitude):
        km = _UNKNOWN_KM
    else:
        km = haversine_km(a.latitude, a.longitude, b.latitude, b.longitude)  # type: ignore[arg-type]
    days = abs((a.date_found - b.date_found).days)
    left, right = behaviours(a), behaviours(b)
    jaccard = len(left & right) / len(left | right) if left | right else 0.0
    return math.log1p(km), math.log1p(days), jaccard


@dataclass(frozen=True)
class DistanceTimeJaccard:
    """A fitted distance-time-Jaccard logistic regression (class-balanced).

    Examples
    --------
    >>> from datetime import date
    >>> near = [DeathRecord(f"n{i}", date(2024, 1, 1 + i), latitude=52.0, longitude=-2.0,
    ...                     cause="drug_toxicity") for i in range(4)]
    >>> far = [DeathRecord(f"f{i}", date(2020 + i, 6, 1), latitude=50.0 + i, longitude=-4.0,
    ...                    cause="natural") for i in range(4)]
    >>> pairs = [(near[0], near[1]), (near[2], near[3]), (near[0], far[0]), (far[1], far[2])]
    >>> model = DistanceTimeJaccard.fit(pairs, [True, True, False, False])
    >>> model.probability(near[1], near[2]) > model.probability(near[1], far[3])
    True
    """

    model: LogisticRegression

    @classmethod
    def fit(
        cls, pairs: Sequence[tuple[DeathRecord, DeathRecord]], labels: Sequence[bool]
    ) -> DistanceTimeJaccard:
        """Fit on labelled pairs.

        Raises
        ------
        ValueError
            If the labels are all of one class.
        """
        if len(set(labels)) < 2:
            raise ValueError("the baseline needs linked and unlinked pairs")
        x = np.array([baseline_features(a, b) for a, b in pairs])
        fitted = LogisticRegression(class_weight="balanced", max_iter=1000)
        fitted.fit(x, np.array(labels, dtype=int))
        return cls(fitted)

    def probability(self, a: DeathRecord, b: DeathRecord) -> float:
        """The baseline's link probability for one pair."""
        return float(self.model.predict_proba(np.array([baseline_features(a, b)]))[0, 1])

    def probabilities(self, pairs: Sequence[tuple[DeathRecord, DeathRecord]]) -> list[float]:
        """Link probabilities for many pairs at once."""
        if not pairs:
            return []
        x = np.array([baseline_features(a, b) for a, b in pairs])
        return [float(p) for p in self.model.predict_proba(x)[:, 1]]
