"""Resolving person records from several agencies into people.

``link_records`` standardises the records, trains a Fellegi-Sunter model with Splink on
them, scores candidate pairs, applies people's review decisions and clusters the links.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager

import pandas as pd

from ingest.linkage.clusters import connected_clusters
from ingest.linkage.interface import Decision, LinkageResult, LinkageSettings, PairScore
from ingest.linkage.scoring import score_pairs
from ingest.linkage.standardise import standardise
from ingest.linkage.training import train_model

__all__ = ["link_records", "quiet_splink", "split_links_and_review"]

logger = logging.getLogger(__name__)

Pair = tuple[str, str]


@contextmanager
def quiet_splink() -> Iterator[None]:
    """Show only Splink's errors while linking (its training notes are expected)."""
    splink_logger = logging.getLogger("splink")
    level = splink_logger.level
    splink_logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        splink_logger.setLevel(level)


def _decided_pairs(decisions: Sequence[Decision], record_ids: set[str]) -> dict[Pair, bool]:
    """Pair (in id order) -> accepted; the last decision on a pair wins."""
    decided: dict[Pair, bool] = {}
    for decision in decisions:
        first, second = sorted((decision.record_a, decision.record_b))
        if first == second:
            continue
        if first not in record_ids or second not in record_ids:
            logger.warning(
                "Ignoring a review decision on %s and %s: a record is no longer present.",
                first,
                second,
            )
            continue
        decided[(first, second)] = decision.accepted
    return decided


def split_links_and_review(
    scores: Sequence[PairScore], decided: Mapping[Pair, bool], settings: LinkageSettings
) -> tuple[list[PairScore], list[PairScore]]:
    """Sort scored pairs into links and the review queue, as people's decisions say.

    A pair accepted on review is a link whatever its score; a rejected one is neither; the
    others are links at or above the link threshold and review pairs from the review
    threshold up. The review queue comes most probable first.
    """
    links: list[PairScore] = []
    review: list[PairScore] = []
    for score in scores:
        decision = decided.get((score.record_a, score.record_b))
        if decision is True or (decision is None and score.probability >= settings.link_threshold):
            links.append(score)
        elif decision is None and score.probability >= settings.review_threshold:
            review.append(score)
    review.sort(key=lambda s: (-s.probability, s.record_a, s.record_b))
    return links, review


def link_records(
    records: pd.DataFrame,
    *,
    settings: LinkageSettings = LinkageSettings(),  # noqa: B008 (frozen, so safe to share)
    decisions: Sequence[Decision] = (),
    seed: int = 42,
) -> LinkageResult:
    """Find which person records are the same person.

    Parameters
    ----------
    records
        One row per record, with the columns of ``ingest.linkage.standardise.RECORD_COLUMNS``:
        ``record_id`` (unique), ``source``, ``given_names``, ``family_name``, ``aliases``,
        ``date_of_birth`` (ISO), ``sex``, ``postcode``, ``nhs_number``, ``phone``.
    settings
        Link and review thresholds.
    decisions
        People's review decisions. An accepted pair always joins its records' clusters; a
        rejected pair is never a link edge (the records may still meet through others).
        Decisions naming a record that is not in ``records`` are ignored.
    seed
        Seed of the model's random sampling; the same records and seed give the same result.

    Returns
    -------
    LinkageResult
        Clusters, the links that formed them, the review queue and the trained model.

    Raises
    ------
    InvalidInput
        If a column is missing or record ids are blank or repeated.
    """
    frame = standardise(records)
    record_ids = set(frame["unique_id"])
    decided = _decided_pairs(decisions, record_ids)
    accepted = sorted(pair for pair, ok in decided.items() if ok)
    with quiet_splink():
        model_json = train_model(frame, seed=seed)
        scores = score_pairs(
            frame, model_json, threshold=settings.review_threshold, required=accepted
        )
    links, review = split_links_and_review(scores, decided, settings)
    clusters = connected_clusters(sorted(record_ids), ((s.record_a, s.record_b) for s in links))
    return LinkageResult(clusters=clusters, links=links, review=review, model_json=model_json)
