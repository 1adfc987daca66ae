"""Probabilistic person record linkage: which records from which agencies are one person.

Police nominals, death reports, NHS attendances, local-authority referrals and the residents
register share no person id. ``link_records`` resolves them into people with a
Fellegi-Sunter model trained by Splink (EM, DuckDB backend): records are standardised,
candidate pairs found by blocking rules, scored with per-comparison evidence, thresholded
into automatic links and a human review queue, and clustered; people's review decisions
survive re-runs.
"""

from ingest.linkage.evaluation import PairwiseScores, merged_person_pairs, pairwise_scores
from ingest.linkage.interface import Decision, LinkageResult, LinkageSettings, PairScore
from ingest.linkage.link import link_records

__all__ = [
    "Decision",
    "LinkageResult",
    "LinkageSettings",
    "PairScore",
    "PairwiseScores",
    "link_records",
    "merged_person_pairs",
    "pairwise_scores",
]
