"""Measuring linkage against the truth: pairwise precision, recall and F1.

A clustering implies a set of record pairs (every two records in one cluster); so does the
truth. Precision is the share of predicted pairs that are true, recall the share of true
pairs predicted. These are plain functions over dictionaries, independent of Splink.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import combinations

__all__ = [
    "PairwiseScores",
    "blocking_recall",
    "cluster_pairs",
    "merged_person_pairs",
    "pairwise_scores",
]


@dataclass(frozen=True)
class PairwiseScores:
    """Pair counts and the measures derived from them."""

    true_positives: int
    false_positives: int
    false_negatives: int

    @property
    def precision(self) -> float:
        """Share of predicted pairs that are true (1.0 when nothing was predicted)."""
        predicted = self.true_positives + self.false_positives
        return self.true_positives / predicted if predicted else 1.0

    @property
    def recall(self) -> float:
        """Share of true pairs that were predicted (1.0 when there are none)."""
        actual = self.true_positives + self.false_negatives
        return self.true_positives / actual if actual else 1.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0

    def as_dict(self) -> dict[str, float | int]:
        """Counts and measures (rounded to four places), for reports."""
        return {
            "true_positives": self.true_positives,
            "false_positives": self.false_positives,
            "false_negatives": self.false_negatives,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


def cluster_pairs(clusters: Mapping[str, str]) -> set[tuple[str, str]]:
    """Return every pair of records sharing a cluster, as ``(a, b)`` with ``a < b``.

    Parameters
    ----------
    clusters
        Record id -> cluster (or true person) id.

    Returns
    -------
    set[tuple[str, str]]
        The implied pairs.

    Examples
    --------
    >>> sorted(cluster_pairs({"a": "1", "b": "1", "c": "1", "d": "2"}))
    [('a', 'b'), ('a', 'c'), ('b', 'c')]
    """
    members: dict[str, list[str]] = defaultdict(list)
    for record, cluster in clusters.items():
        members[cluster].append(record)
    return {pair for group in members.values() for pair in combinations(sorted(group), 2)}


def pairwise_scores(predicted: Mapping[str, str], truth: Mapping[str, str]) -> PairwiseScores:
    """Compare predicted clusters with true clusters over record pairs.

    Parameters
    ----------
    predicted
        Record id -> predicted cluster id.
    truth
        Record id -> true person id. Records missing from either side are left out.

    Returns
    -------
    PairwiseScores
        True positive, false positive and false negative pair counts.

    Examples
    --------
    >>> truth = {"a": "p", "b": "p", "c": "p", "d": "q"}
    >>> predicted = {"a": "a", "b": "a", "c": "c", "d": "c"}
    >>> scores = pairwise_scores(predicted, truth)
    >>> scores.true_positives, scores.false_positives, scores.false_negatives
    (1, 1, 2)
    >>> round(scores.precision, 3), round(scores.recall, 3), round(scores.f1, 3)
    (0.5, 0.333, 0.4)
    """
    shared = predicted.keys() & truth.keys()
    predicted_pairs = cluster_pairs({r: predicted[r] for r in shared})
    true_pairs = cluster_pairs({r: truth[r] for r in shared})
    hits = len(predicted_pairs & true_pairs)
    return PairwiseScores(
        true_positives=hits,
        false_positives=len(predicted_pairs) - hits,
        false_negatives=len(true_pairs) - hits,
    )


def blocking_recall(
    candidate_pairs: Iterable[tuple[str, str]], truth: Mapping[str, str]
) -> tuple[int, int]:
    """Count true pairs among candidates: (true pairs found, all true pairs).

    Parameters
    ----------
    candidate_pairs
        Pairs produced by blocking (either order).
    truth
        Record id -> true person id.

    Returns
    -------
    tuple[int, int]
        How many true pairs the candidates include, and how many there are.

    Examples
    --------
    >>> blocking_recall([("b", "a"), ("a", "c")], {"a": "p", "b": "p", "c": "q"})
    (1, 1)
    """
    true_pairs = cluster_pairs(truth)
    found = {tuple(sorted(pair)) for pair in candidate_pairs} & true_pairs
    return len(found), len(true_pairs)


def merged_person_pairs(
    predicted: Mapping[str, str],
    truth: Mapping[str, str],
    person_pairs: Iterable[tuple[str, str]],
) -> list[tuple[str, str]]:
    """Return the pairs of distinct people whose records share a predicted cluster.

    Parameters
    ----------
    predicted
        Record id -> predicted cluster id.
    truth
        Record id -> true person id.
    person_pairs
        Pairs of people who must stay apart (e.g. look-alikes: same name and birth year).

    Returns
    -------
    list[tuple[str, str]]
        The person pairs that were merged, in input order.

    Examples
    --------
    >>> truth = {"a": "p", "b": "q", "c": "r"}
    >>> merged_person_pairs({"a": "a", "b": "a", "c": "c"}, truth, [("p", "q"), ("p", "r")])
    [('p', 'q')]
    """
    clusters_of: dict[str, set[str]] = defaultdict(set)
    for record, person in truth.items():
        if record in predicted:
            clusters_of[person].add(predicted[record])
    return [
        (first, second)
        for first, second in person_pairs
        if clusters_of.get(first, set()) & clusters_of.get(second, set())
    ]
