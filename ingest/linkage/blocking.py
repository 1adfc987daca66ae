"""Blocking: which record pairs are compared at all.

Comparing every pair grows with the square of the records; blocking compares only pairs
that agree exactly on at least one key, so the cost grows roughly linearly. Each key is a
tuple of standardised columns, chosen so that the noise the sources carry (typos, nicknames,
swapped or missing dates of birth, moves) still leaves a true pair agreeing on some key.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pandas as pd
from splink import DuckDBAPI, block_on
from splink.blocking_analysis import count_comparisons_from_blocking_rules
from splink.internals.blocking_rule_creator import BlockingRuleCreator

__all__ = [
    "DETERMINISTIC_KEYS",
    "PREDICTION_KEYS",
    "TRAINING_KEYS",
    "caught_by_blocking",
    "count_candidate_pairs",
    "rules",
]

#: Candidate pairs agree on all columns of at least one of these keys.
PREDICTION_KEYS: tuple[tuple[str, ...], ...] = (
    ("nhs_number",),
    ("dob",),
    # Same name anywhere: a person who moved and has no date of birth on one record.
    ("given", "family"),
    ("family_soundex", "birth_year", "given_initial"),
    # Either order: also proposes pairs whose forename and surname were swapped.
    ("name_soundexes", "postcode_district"),
    ("postcode", "given_initial"),
    ("postcode", "family_soundex"),
    ("phone",),
)

#: EM passes: each estimates m for every comparison except those its key fixes.
TRAINING_KEYS: tuple[tuple[str, ...], ...] = (
    ("dob",),
    ("given", "family"),
)

#: Keys that admit almost no false matches, used to estimate the share of matching pairs.
DETERMINISTIC_KEYS: tuple[tuple[str, ...], ...] = (
    ("nhs_number",),
    ("given", "family", "dob"),
)


def rules(keys: Iterable[Sequence[str]]) -> list[BlockingRuleCreator]:
    """Return Splink blocking rules for ``keys`` (column names only, never values).

    Parameters
    ----------
    keys
        Tuples of standardised column names.

    Returns
    -------
    list[BlockingRuleCreator]
        One ``block_on`` rule per key.
    """
    return [block_on(*key) for key in keys]


def caught_by_blocking(
    frame: pd.DataFrame,
    pairs: Iterable[tuple[str, str]],
    keys: Iterable[Sequence[str]] = PREDICTION_KEYS,
) -> list[bool]:
    """Say, for each pair of record ids, whether any blocking key makes it a candidate.

    Parameters
    ----------
    frame
        Standardised records (``unique_id`` and the key columns).
    pairs
        Record id pairs, e.g. the true pairs of a benchmark.
    keys
        Blocking keys; a pair is caught when it agrees, non-missing, on every column of one.

    Returns
    -------
    list[bool]
        One flag per pair, in order.
    """
    pair_list = list(pairs)
    if not pair_list:
        return []
    rows = frame.set_index("unique_id")
    left = rows.loc[[a for a, _ in pair_list]].reset_index(drop=True)
    right = rows.loc[[b for _, b in pair_list]].reset_index(drop=True)
    caught = pd.Series(False, index=left.index)
    for key in keys:
        agree = pd.Series(True, index=left.index)
        for column in key:
            agree &= left[column].notna() & (left[column] == right[column])
        caught |= agree
    return caught.tolist()


def count_candidate_pairs(
    frame: pd.DataFrame, keys: Iterable[Sequence[str]] = PREDICTION_KEYS
) -> int:
    """Count the distinct record pairs the blocking keys propose, with Splink on DuckDB.

    Parameters
    ----------
    frame
        Standardised records.
    keys
        Blocking keys.

    Returns
    -------
    int
        Candidate pairs (each pair once, however many keys propose it).
    """
    db_api = DuckDBAPI()
    try:
        table = db_api.register(frame, table_name="records")
        counts = count_comparisons_from_blocking_rules(
            table, blocking_rules=rules(keys), link_type="dedupe_only", record_sample_proportion=1.0
        )
    finally:
        db_api.duckdb_con.close()
    return int(counts[-1]["cumulative_comparison_count"]) if counts else 0
