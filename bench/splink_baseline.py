"""The linkage baseline: a plain Splink model with standard comparison-library comparisons.

What a careful analyst would build from Splink's documentation in an afternoon: lower-case
first forename and surname, ISO date of birth, postcode, sex, and the identifiers; the
standard ``NameComparison``, ``DateOfBirthComparison``, ``PostcodeComparison`` and
``ExactMatch`` comparisons; blocking on name, date of birth and postcode; the prior from a
deterministic rule, u by random sampling, m by EM; clusters at the same link threshold as
Linkwatch (0.95). No nickname table, no swapped-date level, no review decisions.

It reads the same ``records`` frame as ``ingest.linkage.link_records``, so both run on the
same records in the same benchmark.
"""

from __future__ import annotations

import logging

import pandas as pd
import splink.comparison_library as cl
from splink import DuckDBAPI, Linker, SettingsCreator, block_on

from ingest.linkage.standardise import standardise

__all__ = ["baseline_clusters"]

_COLUMNS = ["unique_id", "first_name", "surname", "dob", "postcode", "sex", "nhs_number", "phone"]


def _frame(records: pd.DataFrame) -> pd.DataFrame:
    # Linkwatch's standardiser only for the parsing (lower case, postcode spacing, digits);
    # none of its derived columns (nickname keys, name parts, Soundex) are used.
    standard = standardise(records)
    frame = pd.DataFrame(
        {
            "unique_id": standard["unique_id"],
            "first_name": standard["given"],
            "surname": standard["family"],
            "dob": standard["dob"],
            "postcode": standard["postcode"],
            "sex": standard["sex"],
            "nhs_number": standard["nhs_number"],
            "phone": standard["phone"],
        },
        columns=_COLUMNS,
    )
    return frame.astype(object).where(frame.notna(), None)


def _settings(frame: pd.DataFrame) -> SettingsCreator:
    comparisons = [
        cl.NameComparison("first_name"),
        cl.NameComparison("surname"),
        cl.DateOfBirthComparison("dob", input_is_string=True, datetime_format="%Y-%m-%d"),
        cl.PostcodeComparison("postcode"),
        cl.ExactMatch("sex"),
    ]
    for identifier in ("nhs_number", "phone"):
        if frame[identifier].notna().any():
            comparisons.append(cl.ExactMatch(identifier))
    return SettingsCreator(
        link_type="dedupe_only",
        comparisons=comparisons,
        blocking_rules_to_generate_predictions=[
            block_on("first_name", "surname"),
            block_on("dob"),
            block_on("postcode", "first_name"),
            block_on("postcode", "surname"),
        ],
        retain_intermediate_calculation_columns=False,
    )


def baseline_clusters(
    records: pd.DataFrame, *, link_threshold: float = 0.95, seed: int = 42
) -> dict[str, str]:
    """Link ``records`` with the plain Splink baseline and return record id -> cluster id.

    Parameters
    ----------
    records
        The frame ``ingest.linkage.link_records`` takes.
    link_threshold
        Match probability at and above which a pair is linked.
    seed
        Seed of the u sampling.

    Returns
    -------
    dict[str, str]
        Every record id mapped to its cluster's id.
    """
    frame = _frame(records)
    pairs = len(frame) * (len(frame) - 1) / 2
    splink_logger = logging.getLogger("splink")
    level = splink_logger.level
    splink_logger.setLevel(logging.ERROR)
    db_api = DuckDBAPI()
    try:
        table = db_api.register(frame, table_name="baseline_records")
        linker = Linker(table, _settings(frame), log_level=None)
        linker.training.estimate_probability_two_random_records_match(
            [block_on("first_name", "surname", "dob")], recall=0.7
        )
        linker.training.estimate_u_using_random_sampling(max_pairs=min(2e6, pairs), seed=seed)
        linker.training.estimate_parameters_using_expectation_maximisation(block_on("dob"))
        linker.training.estimate_parameters_using_expectation_maximisation(
            block_on("first_name", "surname")
        )
        predictions = linker.inference.predict(threshold_match_probability=link_threshold)
        clustered = linker.clustering.cluster_pairwise_predictions_at_threshold(
            predictions, threshold_match_probability=link_threshold
        ).as_pandas_dataframe()
    finally:
        splink_logger.setLevel(level)
        db_api.duckdb_con.close()
    clusters = dict(zip(clustered["unique_id"], clustered["cluster_id"], strict=True))
    return {record_id: str(clusters.get(record_id, record_id)) for record_id in frame["unique_id"]}
