"""Measuring the series analysis against planted truth (pure functions)."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import combinations

import networkx as nx
from sklearn.metrics import average_precision_score, roc_auc_score

from queries.series.model import CandidateSeries, ScoredPair
from queries.series.records import DeathRecord

__all__ = ["evaluate_series", "ranking_metrics", "series_rank"]


def ranking_metrics(
    death_ids: Sequence[str],
    scores: dict[frozenset[str], float],
    linked: set[frozenset[str]],
    *,
    top_k: int = 100,
    exclude: set[frozenset[str]] | None = None,
) -> dict[str, object]:
    """Ranking measures over every pair of deaths (unscored pairs count as 0).

    Parameters
    ----------
    death_ids
        Every death in the data set, so the imbalance is the realistic one.
    scores
        Pair -> link score (pairs blocking never scored are simply absent).
    linked
        The truly linked pairs.
    top_k
        For ``recall_top_k``: the share of linked pairs among the ``top_k`` highest scores.
    exclude
        Pairs to leave out of the measure altogether (e.g. linked pairs of other scenario kinds
        when one kind is evaluated on its own).

    Returns
    -------
    dict
        ``pairs``, ``linked_pairs``, ``imbalance``, ``roc_auc``, ``average_precision`` and
        ``recall_top_k`` (ties in score broken against the linked pairs, pessimistically).

    Examples
    --------
    >>> ids = ["a", "b", "c", "d"]
    >>> m = ranking_metrics(ids, {frozenset("ab"): 0.9, frozenset("cd"): 0.2},
    ...                     {frozenset("ab")}, top_k=1)
    >>> m["roc_auc"], m["average_precision"], m["recall_top_k"]
    (1.0, 1.0, 1.0)
    """
    skip = exclude or set()
    y_true, y_score = [], []
    for a, b in combinations(sorted(death_ids), 2):
        key = frozenset((a, b))
        if key in skip:
            continue
        y_true.append(key in linked)
        y_score.append(scores.get(key, 0.0))
    positives = sum(y_true)
    if not positives or positives == len(y_true):
        return {
            "pairs": len(y_true),
            "linked_pairs": positives,
            "roc_auc": None,
            "average_precision": None,
            "recall_top_k": None,
            "top_k": top_k,
        }
    # Pessimistic order: among equal scores, unlinked pairs first.
    order = sorted(range(len(y_true)), key=lambda i: (-y_score[i], y_true[i]))
    in_top = sum(y_true[i] for i in order[:top_k])
    return {
        "pairs": len(y_true),
        "linked_pairs": positives,
        "imbalance": f"1:{round((len(y_true) - positives) / positives)}",
        "roc_auc": round(float(roc_auc_score(y_true, y_score)), 4),
        "average_precision": round(float(average_precision_score(y_true, y_score)), 4),
        "recall_top_k": round(in_top / positives, 4),
        "top_k": top_k,
    }


def series_rank(
    scores: dict[frozenset[str], float],
    series: set[str],
    *,
    floor: float = 0.0,
    ignore: set[frozenset[str]] | None = None,
) -> int | None:
    """Where a series stands in the ranked list of candidate links an analyst reviews.

    The series' strongest link between two of its deaths is found; every pair scored strictly
    higher (and above ``floor``) that does not touch the series and is not in ``ignore`` is
    grouped into connected candidate series; the rank is one more than the number of those
    groups. Rank 1 means the series is the first thing an analyst sees. Benchmarks pass the
    other true series' pairs as ``ignore``: reviewing another real series first is not a
    false alarm.

    Returns
    -------
    int or None
        The rank, or None when no two of the series' deaths were scored above ``floor``.

    Examples
    --------
    >>> scores = {frozenset("ab"): 0.9, frozenset("bc"): 0.8, frozenset("xy"): 0.95,
    ...           frozenset("pq"): 0.97, frozenset("qr"): 0.96}
    >>> series_rank(scores, {"a", "b"}), series_rank(scores, {"b", "c"}), series_rank(scores, {"k"})
    (3, 3, None)
    """
    own = [p for key, p in scores.items() if key <= series and p > floor]
    if not own:
        return None
    best = max(own)
    graph = nx.Graph()
    skip = ignore or set()
    graph.add_edges_from(
        tuple(key)
        for key, p in scores.items()
        if p > best and p > floor and not key & series and key not in skip
    )
    return nx.number_connected_components(graph) + 1


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
