"""Training the Fellegi-Sunter model with Splink: prior match rate, u by sampling, m by EM.

Steps, all on one in-memory DuckDB database:

1. the prior share of matching pairs (``estimate_probability_two_random_records_match``),
   from deterministic rules (same NHS number; same forename, surname and date of birth)
   and their assumed recall;
2. u probabilities from a seeded random sample of record pairs
   (``estimate_u_using_random_sampling``);
3. m probabilities by expectation maximisation, once blocked on date of birth (trains the
   name, postcode, sex, NHS number and phone comparisons) and once blocked on forename and
   surname (trains date of birth).

Small data: with fewer than ``MIN_RECORDS_FOR_EM`` records EM has too few pairs to settle
(a level seen two or three times gets an m of 0 or 1), so the model keeps the prior m and u
values of ``ingest.linkage.model`` and only the prior match rate is estimated.

Parameters are rounded to ten significant digits before use, so that the last-bit
differences of multi-threaded floating-point sums never change a result: the same records
and seed give the same model JSON and the same links.
"""

from __future__ import annotations

import json
import warnings

import pandas as pd
from splink import DuckDBAPI, Linker
from splink.blocking_analysis import count_comparisons_from_blocking_rules
from splink.internals.splink_dataframe import SplinkDataFrame

from ingest.linkage.blocking import DETERMINISTIC_KEYS, TRAINING_KEYS, rules
from ingest.linkage.model import splink_settings

__all__ = ["DETERMINISTIC_RECALL", "MIN_RECORDS_FOR_EM", "U_SAMPLE_PAIRS", "train_model"]

#: Below this many records the prior m and u values are kept (EM is unstable).
MIN_RECORDS_FOR_EM = 200
#: Record pairs sampled to estimate u (capped at all pairs for small data).
U_SAMPLE_PAIRS = 2_000_000
#: Assumed share of true pairs the deterministic rules find. Measured: 0.61 (tiny), 0.76
#: (small), 0.78 (medium) on generated data, 0.95 on FEBRL4 (its ids are rarely mistyped).
DETERMINISTIC_RECALL = 0.75

#: Smallest m and u a level keeps: EM on few pairs drives unseen outcomes to 0, which would
#: make one differing field veto a match (or one agreeing field force one) outright.
PROBABILITY_FLOORS = {"m_probability": 0.005, "u_probability": 0.000001}


def _round(value: float) -> float:
    return float(f"{value:.10g}")


def _regularised(model: dict[str, object]) -> dict[str, object]:
    """Floor and renormalise each comparison's m and u, rounding to ten significant digits."""
    model["probability_two_random_records_match"] = _round(
        float(model["probability_two_random_records_match"])
    )
    for comparison in model["comparisons"]:
        levels = [lv for lv in comparison["comparison_levels"] if not lv.get("is_null_level")]
        for key, floor in PROBABILITY_FLOORS.items():
            floored = [max(float(lv[key]), floor) for lv in levels]
            total = sum(floored)
            for level, value in zip(levels, floored, strict=True):
                level[key] = _round(value / total)
    return model


def _certain_matches(table: SplinkDataFrame) -> int:
    """Count pairs the deterministic rules call matches."""
    counts = count_comparisons_from_blocking_rules(
        table,
        blocking_rules=rules(DETERMINISTIC_KEYS),
        link_type="dedupe_only",
        record_sample_proportion=1.0,
    )
    return int(counts[-1]["cumulative_comparison_count"]) if counts else 0


def _failing_comparison(error: BaseException) -> str | None:
    """The comparison whose level Splink was setting when EM failed (from the traceback)."""
    name, frame = None, error.__traceback__
    while frame is not None:
        found = frame.tb_frame.f_locals.get("output_column_name")
        name = found if isinstance(found, str) else name
        frame = frame.tb_next
    return name


def _expectation_maximisation(linker: Linker, rule: object, blocked_on: str) -> None:
    """One EM step; a comparison it cannot estimate from this data keeps its stated prior.

    EM can drive a level's m to 0 (Splink then raises ``m_probability value 0.0 is below the
    minimum``), for instance when every pair a training rule finds is two different people
    (a field recorded for one role or source only). The step is then run again with that
    comparison's m fixed at its prior, and a warning names the field.
    """
    comparisons = {c.output_column_name: c for c in linker._settings_obj.comparisons}
    fixed: list[str] = []
    try:
        while True:
            try:
                linker.training.estimate_parameters_using_expectation_maximisation(rule)
                return
            except ValueError as error:
                name = _failing_comparison(error)
                if name not in comparisons or name in fixed:
                    raise
                fixed.append(name)
                for level in comparisons[name]._comparison_levels_excluding_null:
                    level._fix_m_probability = True
                warnings.warn(
                    f"Record linkage: the m probabilities of {name!r} cannot be estimated from "
                    f"this data by EM blocked on {blocked_on}; the model's stated priors are "
                    "kept for this step.",
                    stacklevel=3,
                )
    finally:
        for name in fixed:
            for level in comparisons[name]._comparison_levels_excluding_null:
                level._fix_m_probability = False


def train_model(frame: pd.DataFrame, *, seed: int) -> str:
    """Train the linkage model on standardised records and return it as Splink JSON.

    Parameters
    ----------
    frame
        Output of ``ingest.linkage.standardise.standardise``.
    seed
        Seed of the u sampling (EM itself is deterministic).

    Returns
    -------
    str
        The trained Splink model (settings with m, u and the prior), JSON with sorted keys.
    """
    records = len(frame)
    pairs = records * (records - 1) / 2
    db_api = DuckDBAPI()
    try:
        table = db_api.register(frame, table_name="records")
        certain = _certain_matches(table) if pairs else 0
        # Used only when Splink's estimate cannot be: with no certain match, assume one
        # record in a hundred has a duplicate; with (nearly) every pair certain, one in two.
        fallback = min(max(records / 100, 1.0) / pairs, 0.5) if pairs and not certain else 0.5
        linker = Linker(
            table, splink_settings(probability_two_random_records_match=fallback), log_level=None
        )
        if 0 < certain <= pairs * DETERMINISTIC_RECALL:
            linker.training.estimate_probability_two_random_records_match(
                rules(DETERMINISTIC_KEYS), recall=DETERMINISTIC_RECALL
            )
        if records >= MIN_RECORDS_FOR_EM:
            linker.training.estimate_u_using_random_sampling(
                max_pairs=min(U_SAMPLE_PAIRS, pairs), seed=seed
            )
            for keys, rule in zip(TRAINING_KEYS, rules(TRAINING_KEYS), strict=True):
                _expectation_maximisation(linker, rule, " and ".join(keys))
        model = linker.misc.save_model_to_json()
    finally:
        db_api.duckdb_con.close()
    model.pop("linker_uid", None)
    return json.dumps(_regularised(model), sort_keys=True)
