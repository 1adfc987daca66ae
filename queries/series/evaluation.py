"""Measuring the series analysis against planted truth (pure functions)."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import combinations

from sklearn.metrics import roc_auc_score

from queries.series.model import CandidateSeries, ScoredPair
from queries.series.records import DeathRecord

__all__ = ["evaluate_series"]


def evaluate_series(
    deaths: Sequence[DeathRecord],
    scored: Sequence[ScoredPair],
    found: Sequence[CandidateSeries],
    planted: Sequence[set[str]],
    *,
    threshold: float,
) -> dict[str, object]:
    """Pair and series accuracy of an analysis against planted series.

    Pairs blocking never scored count as probability 0, so the AUC is over every pair of
    deaths: the realistic imbalance.

    Returns
    -------
    dict
        ``pairs``/``linked_pairs``, ``roc_auc``, ``precision``, ``recall``, ``f1`` at the
        threshold, ``blocking_recall``, ``series_recovered_intact`` (all a series' deaths in
        one candidate series), ``series_recovered_exactly`` (and nothing else), and
        ``flagged_after_death`` (per planted series, after which of its deaths, in date
        order, it first shows a link; null if never).
    """
    ids = sorted(d.id for d in deaths)
    truth = {frozenset(p) for series in planted for p in combinations(sorted(series), 2)}
    probability = {frozenset((p.a, p.b)): p.probability for p in scored}
    y_true, y_score = [], []
    for a, b in combinations(ids, 2):
        key = frozenset((a, b))
        y_true.append(key in truth)
        y_score.append(probability.get(key, 0.0))
    predicted = {key for key, p in probability.items() if p >= threshold}
    tp = len(predicted & truth)
    fp, fn = len(predicted - truth), len(truth - predicted)
    by_id = {d.id: d for d in deaths}
    groups = [{d.id for d in s.deaths} for s in found]
    intact = sum(any(series <= group for group in groups) for series in planted)
    exact = sum(any(series == group for group in groups) for series in planted)
    flagged: list[int | None] = []
    for series in planted:
        ordered = sorted(series, key=lambda i: (by_id[i].date_found, i))
        after = None
        for k in range(2, len(ordered) + 1):
            if any(frozenset(p) in predicted for p in combinations(ordered[:k], 2)):
                after = k
                break
        flagged.append(after)
    return {
        "deaths": len(ids),
        "pairs": len(y_true),
        "linked_pairs": len(truth),
        "imbalance": f"1:{round((len(y_true) - len(truth)) / max(1, len(truth)))}",
        "candidate_pairs": len(probability),
        "blocking_recall": round(len(truth & set(probability)) / max(1, len(truth)), 4),
        "roc_auc": round(float(roc_auc_score(y_true, y_score)), 4)
        if truth and len(truth) < len(y_true)
        else None,
        "threshold": threshold,
        "precision": round(tp / (tp + fp), 4) if tp + fp else None,
        "recall": round(tp / (tp + fn), 4) if tp + fn else None,
        "f1": round(2 * tp / (2 * tp + fp + fn), 4) if tp else 0.0,
        "planted_series": len(planted),
        "series_recovered_intact": intact,
        "series_recovered_exactly": exact,
        "flagged_after_death": flagged,
    }
