"""What record linkage takes and gives: thresholds, review decisions, scored pairs, results."""

from __future__ import annotations

from dataclasses import dataclass

from graph_model.errors import InvalidInput

__all__ = ["Decision", "LinkageResult", "LinkageSettings", "PairScore"]


@dataclass(frozen=True)
class LinkageSettings:
    """Thresholds a user can set.

    Parameters
    ----------
    link_threshold
        Pairs with a match probability at or above this are linked automatically.
    review_threshold
        Pairs from this up to ``link_threshold`` go to a human review queue.

    Raises
    ------
    InvalidInput
        If the thresholds are outside [0, 1] or the review threshold exceeds the link one.
    """

    link_threshold: float = 0.95
    review_threshold: float = 0.50

    def __post_init__(self) -> None:
        problems = [
            {"field": name, "reason": f"{value} is not between 0 and 1"}
            for name, value in (
                ("link_threshold", self.link_threshold),
                ("review_threshold", self.review_threshold),
            )
            if not 0.0 <= value <= 1.0
        ]
        if not problems and self.review_threshold > self.link_threshold:
            problems.append({"field": "review_threshold", "reason": "is above the link threshold"})
        if problems:
            raise InvalidInput("The linkage thresholds are not usable.", details=problems)


@dataclass(frozen=True)
class Decision:
    """A person's review decision on a pair of records; it outlives re-runs.

    Parameters
    ----------
    record_a, record_b
        The two record ids (either order).
    accepted
        True: the records are one person and end up in one cluster. False: the pair is
        never used as a link, whatever its probability.
    """

    record_a: str
    record_b: str
    accepted: bool


@dataclass(frozen=True)
class PairScore:
    """A scored pair of records and why it scored so.

    Parameters
    ----------
    record_a, record_b
        Record ids, ``record_a < record_b``.
    probability
        Splink's match probability.
    evidence
        For each comparison, ``{"level": label, "match_weight": log2 Bayes factor}``
        (term-frequency adjustment included); JSON-serialisable.
    """

    record_a: str
    record_b: str
    probability: float
    evidence: dict[str, object]


@dataclass(frozen=True)
class LinkageResult:
    """The people found among the records.

    Parameters
    ----------
    clusters
        Every input record id -> cluster id, the smallest record id in its cluster.
    links
        Pairs used as cluster edges: at or above the link threshold and not rejected, or
        accepted by a decision. Sorted by record ids.
    review
        Pairs between the review and link thresholds without a decision, most probable
        first.
    model_json
        The trained Splink model, to reproduce or inspect the run.
    """

    clusters: dict[str, str]
    links: list[PairScore]
    review: list[PairScore]
    model_json: str
