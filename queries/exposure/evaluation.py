"""Measuring an exposure ranking against the baselines a force would otherwise use.

Plain functions over scores and rows, testable without a database. The metrics follow Green,
Horel & Papachristos (2017): recall of the people later involved in serious violence among the
top 1% (and the top ``k``) of a ranking, beside AUC. The baselines are degree (number of ties)
and a demographics-only rate table (age band and sex) fitted on the period before the reference
date, so nothing after it is seen.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

import networkx as nx

from queries.exposure.scores import ViolenceEvent

__all__ = [
    "PersonAttributes",
    "age_band",
    "compare_rankings",
    "degree_scores",
    "demographic_scores",
    "recall_at_top",
    "roc_auc",
]

_BANDS = ((15, "0-15"), (17, "16-17"), (24, "18-24"), (34, "25-34"), (49, "35-49"), (64, "50-64"))


@dataclass(frozen=True)
class PersonAttributes:
    """What the demographics baseline may know of a person: date of birth and sex."""

    person: str
    date_of_birth: date | None
    sex: str  # male / female / unknown


def age_band(date_of_birth: date | None, on: date) -> str:
    """The age band of someone born on ``date_of_birth``, on ``on``.

    Examples
    --------
    >>> age_band(date(2000, 6, 1), date(2020, 5, 31)), age_band(None, date(2020, 1, 1))
    ('18-24', 'unknown')
    """
    if date_of_birth is None:
        return "unknown"
    age = (
        on.year
        - date_of_birth.year
        - ((on.month, on.day) < (date_of_birth.month, date_of_birth.day))
    )
    for top, band in _BANDS:
        if age <= top:
            return band
    return "65+"


def recall_at_top(scores: Mapping[str, float], positives: Collection[str], *, k: int) -> float:
    """Share of ``positives`` among the ``k`` highest scores, ties broken at random (expected).

    People tied on the score at the boundary of the top ``k`` each get the same fractional
    share of the remaining places, so a ranking gains nothing from the order of its ties (a
    score of zero for most people cannot hide positives behind an alphabetical order).

    Parameters
    ----------
    scores
        Person -> score, over the whole population ranked (absent people are not ranked).
    positives
        The people who went on to be involved; those absent from ``scores`` count as missed.
    k
        How many places the top holds (at least 1).

    Returns
    -------
    float
        Expected recall, between 0 and 1 (0 when there are no positives).

    Raises
    ------
    ValueError
        For ``k`` below 1.

    Examples
    --------
    >>> recall_at_top({"a": 3.0, "b": 2.0, "c": 0.0, "d": 0.0}, {"b", "c"}, k=3)
    0.75
    """
    if k < 1:
        raise ValueError(f"k must be at least 1, not {k}")
    wanted = set(positives)
    if not wanted:
        return 0.0
    by_score = Counter(scores.values())
    hits_by_score = Counter(scores[p] for p in wanted if p in scores)
    found, places = 0.0, k
    for value in sorted(by_score, reverse=True):
        if places <= 0:
            break
        tied = by_score[value]
        taken = min(tied, places)
        found += hits_by_score[value] * taken / tied
        places -= taken
    return found / len(wanted)


def roc_auc(scores: Mapping[str, float], positives: Collection[str]) -> float | None:
    """AUC of ``scores`` over their population (ties count half); None without both classes.

    Examples
    --------
    >>> roc_auc({"a": 2.0, "b": 1.0, "c": 1.0}, {"a", "b"})
    0.75
    """
    people = sorted(scores)
    labels = [p in positives for p in people]
    if len(set(labels)) < 2:
        return None
    # Imported here: scikit-learn takes about a second to import, and only measurements
    # need it, not the rankings every command and request computes.
    from sklearn.metrics import roc_auc_score

    return float(roc_auc_score(labels, [scores[p] for p in people]))


def degree_scores(graph: nx.Graph, people: Iterable[str]) -> dict[str, float]:
    """Number of ties of each person (0 for people outside the graph).

    Examples
    --------
    >>> degree_scores(nx.Graph([("a", "b"), ("a", "c")]), ["a", "b", "z"])
    {'a': 2.0, 'b': 1.0, 'z': 0.0}
    """
    return {p: float(graph.degree(p)) if p in graph else 0.0 for p in people}


def demographic_scores(
    people: Sequence[PersonAttributes],
    events: Iterable[ViolenceEvent],
    *,
    as_of: date,
    window_days: int = 365,
    prior_weight: float = 20.0,
) -> dict[str, float]:
    """Each person's risk from age band and sex alone, fitted before ``as_of``.

    The rate table is fitted on the ``window_days`` before ``as_of``: the share of each
    (sex, age band) cell, aged at the window's start, involved in serious violence during the
    window, shrunk toward the overall rate by ``prior_weight`` pseudo-people. It is then applied
    to everyone's age band on ``as_of``. Events on or after ``as_of`` are never used.

    Parameters
    ----------
    people
        The population, with date of birth and sex as resolved.
    events
        Serious-violence involvements (any role); only those inside the window count.
    as_of
        The reference date.
    window_days
        Length of the fitting window before ``as_of``.
    prior_weight
        Pseudo-people per cell at the overall rate (smoothing for sparse cells).

    Returns
    -------
    dict[str, float]
        Person -> fitted rate for their cell on ``as_of``.

    Raises
    ------
    ValueError
        For a non-positive window or a negative prior weight.

    Examples
    --------
    >>> people = [PersonAttributes("m1", date(2000, 1, 1), "male"),
    ...           PersonAttributes("m2", date(2001, 1, 1), "male"),
    ...           PersonAttributes("f1", date(2000, 1, 1), "female")]
    >>> events = [ViolenceEvent("i1", date(2023, 3, 1), "m2", "victim")]
    >>> scores = demographic_scores(people, events, as_of=date(2023, 6, 1), prior_weight=1)
    >>> scores["m1"] > scores["f1"]
    True
    """
    if window_days <= 0:
        raise ValueError("window_days must be positive")
    if prior_weight < 0:
        raise ValueError("prior_weight must not be negative")
    start = as_of - timedelta(days=window_days)
    involved = {e.person for e in events if start <= e.occurred_on < as_of}
    cells = {p.person: (p.sex, age_band(p.date_of_birth, start)) for p in people}
    size = Counter(cells.values())
    cases = Counter(cell for person, cell in cells.items() if person in involved)
    overall = sum(cases.values()) / max(1, len(cells))

    def rate(cell: tuple[str, str]) -> float:
        return (cases[cell] + prior_weight * overall) / (size[cell] + prior_weight or 1.0)

    return {p.person: rate((p.sex, age_band(p.date_of_birth, as_of))) for p in people}


def compare_rankings(
    rankings: Mapping[str, Mapping[str, float]],
    positives: Collection[str],
    *,
    top_fraction: float = 0.01,
    top: int = 20,
) -> dict[str, dict[str, float | int | None]]:
    """Recall in the top ``top_fraction`` and the top ``top``, and AUC, for each ranking.

    Parameters
    ----------
    rankings
        Name -> (person -> score), each over the same population.
    positives
        The people later involved in serious violence.
    top_fraction
        The share of the population in the "top 1%" (Green et al. 2017).
    top
        A fixed list length, for populations where 1% is only a few people.

    Returns
    -------
    dict
        Name -> ``population``, ``positives``, ``top_1pct_k``, ``recall_top_1pct``,
        ``recall_top_{top}`` and ``auc``.

    Raises
    ------
    ValueError
        For rankings over different populations, or a fraction outside (0, 1].

    Examples
    --------
    >>> figures = compare_rankings({"x": {"a": 1.0, "b": 0.0}}, {"a"}, top=1)
    >>> figures["x"]["recall_top_1"], figures["x"]["auc"]
    (1.0, 1.0)
    """
    if not 0 < top_fraction <= 1:
        raise ValueError(f"top_fraction must be in (0, 1], not {top_fraction}")
    populations = {frozenset(scores) for scores in rankings.values()}
    if len(populations) > 1:
        raise ValueError("every ranking must score the same population")
    result: dict[str, dict[str, float | int | None]] = {}
    for name, scores in rankings.items():
        wanted = set(positives) & set(scores)
        k = max(1, round(top_fraction * len(scores)))
        auc = roc_auc(scores, wanted)
        result[name] = {
            "population": len(scores),
            "positives": len(wanted),
            "top_1pct_k": k,
            "recall_top_1pct": round(recall_at_top(scores, wanted, k=k), 4),
            f"recall_top_{top}": round(recall_at_top(scores, wanted, k=top), 4),
            "auc": None if auc is None else round(auc, 4),
        }
    return result
