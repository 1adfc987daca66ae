"""Scoring record pairs with a trained model, and explaining each score.

Candidate pairs come from the model's blocking rules; pairs a person has accepted but the
rules did not propose (or that scored below the threshold) are scored as a listed batch.
Each score carries, per comparison, the level the pair fell into and its match weight, so a
reviewer sees why two records were linked.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence

import pandas as pd
from splink import DuckDBAPI, Linker

from ingest.linkage.interface import PairScore

__all__ = ["NEW_RECORD_COLUMN", "level_labels", "score_pairs"]

_WEIGHT_DECIMALS = 3
_BELOW_ONE = 1 - 1e-9


def level_labels(model: dict[str, object]) -> dict[str, dict[int, str]]:
    """Return, per comparison, Splink's comparison-vector value -> level label.

    Parameters
    ----------
    model
        A Splink model dictionary.

    Returns
    -------
    dict[str, dict[int, str]]
        The null level is -1; the other levels count down from the most alike to 0.
    """
    labels: dict[str, dict[int, str]] = {}
    for comparison in model["comparisons"]:
        levels = comparison["comparison_levels"]
        non_null = [lv for lv in levels if not lv.get("is_null_level")]
        by_value = {len(non_null) - 1 - i: lv["label_for_charts"] for i, lv in enumerate(non_null)}
        null_labels = [lv["label_for_charts"] for lv in levels if lv.get("is_null_level")]
        if null_labels:
            by_value[-1] = null_labels[0]
        labels[comparison["output_column_name"]] = by_value
    return labels


def _pair_scores(predictions: pd.DataFrame, labels: dict[str, dict[int, str]]) -> list[PairScore]:
    if predictions.empty:
        return []
    columns: dict[str, tuple[list[str], list[float]]] = {}
    for name, by_value in labels.items():
        weight = predictions[f"mw_{name}"].astype(float)
        if f"mw_tf_adj_{name}" in predictions:
            weight = weight + predictions[f"mw_tf_adj_{name}"].astype(float)
        weights = weight.round(_WEIGHT_DECIMALS).tolist()
        columns[name] = ([by_value[int(g)] for g in predictions[f"gamma_{name}"]], weights)
    scores = []
    for row, (left, right, probability) in enumerate(
        zip(
            predictions["unique_id_l"],
            predictions["unique_id_r"],
            predictions["match_probability"],
            strict=True,
        )
    ):
        evidence: dict[str, object] = {
            name: {"level": level[row], "match_weight": weight[row]}
            for name, (level, weight) in columns.items()
        }
        first, second = sorted((str(left), str(right)))
        scores.append(PairScore(first, second, float(probability), evidence))
    return scores


#: Column marking the records of a delivery; with it, only pairs that hold one are scored.
NEW_RECORD_COLUMN = "is_new"


def _only_pairs_with_a_new_record(model: dict[str, object]) -> dict[str, object]:
    """The model's blocking rules, each limited to pairs at least one of whose records is new.

    Stored records were compared with each other when they were loaded; comparing them again
    would cost in proportion to the graph, not to the delivery.
    """
    rules = []
    for rule in model["blocking_rules_to_generate_predictions"]:
        limited = dict(rule)
        limited["blocking_rule"] = (
            f"({rule['blocking_rule']}) AND (l.{NEW_RECORD_COLUMN} OR r.{NEW_RECORD_COLUMN})"
        )
        rules.append(limited)
    return {**model, "blocking_rules_to_generate_predictions": rules}


def score_pairs(
    frame: pd.DataFrame,
    model_json: str,
    *,
    threshold: float,
    required: Iterable[tuple[str, str]] = (),
    new_records: set[str] | None = None,
    term_frequencies: dict[str, pd.DataFrame] | None = None,
) -> list[PairScore]:
    """Score the candidate pairs of ``frame`` at or above ``threshold``, and ``required`` pairs.

    Parameters
    ----------
    frame
        Standardised records (``ingest.linkage.standardise.standardise``).
    model_json
        The trained model (``ingest.linkage.training.train_model``).
    threshold
        Lowest match probability kept among candidate pairs.
    required
        Pairs ``(a, b)`` with ``a < b`` scored whatever their probability, even when no
        blocking rule proposes them (e.g. pairs a reviewer has accepted).
    new_records
        If given, only pairs holding at least one of these record ids are proposed (a
        delivery's records against each other and against the stored ones in ``frame``).
    term_frequencies
        Per term-frequency column, a table ``{column, tf_column}`` counted over the whole
        population, used instead of frequencies counted in ``frame`` (which, for a delivery
        and its candidates, over-represents the delivery's names).

    Returns
    -------
    list[PairScore]
        One score per pair, sorted by record ids.
    """
    model = json.loads(model_json)
    labels = level_labels(model)
    if new_records is not None:
        model = _only_pairs_with_a_new_record(model)
        frame = frame.assign(**{NEW_RECORD_COLUMN: frame["unique_id"].isin(new_records)})
    db_api = DuckDBAPI()
    try:
        table = db_api.register(frame, table_name="records")
        linker = Linker(table, model, log_level=None)
        for column, table_frame in (term_frequencies or {}).items():
            linker.table_management.register_term_frequency_lookup(
                db_api.register(table_frame, table_name=f"tf_lookup_{column}"), column
            )
        # Splink turns the threshold into a match weight, infinite at 1: cut just below
        # it in SQL, then exactly here.
        predictions = linker.inference.predict(
            threshold_match_probability=min(threshold, _BELOW_ONE) if threshold > 0 else None,
            warning_mode="never",
        ).as_pandas_dataframe()
        predictions = predictions[predictions["match_probability"] >= threshold]
        scores = {(s.record_a, s.record_b): s for s in _pair_scores(predictions, labels)}
        missing = sorted(set(required) - set(scores))
        if missing:
            for score in _score_listed(db_api, linker, missing, labels):
                scores[(score.record_a, score.record_b)] = score
    finally:
        db_api.duckdb_con.close()
    return [scores[pair] for pair in sorted(scores)]


def _score_listed(
    db_api: DuckDBAPI,
    linker: Linker,
    pairs: Sequence[tuple[str, str]],
    labels: dict[str, dict[int, str]],
) -> list[PairScore]:
    """Score exactly ``pairs``, whether or not a blocking rule proposes them."""
    listed = pd.DataFrame(
        {
            "match_key": "0",
            "join_key_l": [a for a, _ in pairs],
            "join_key_r": [b for _, b in pairs],
        }
    )
    linker.table_management.register_blocked_pairs_for_predict(
        db_api.register(listed, table_name="listed_pairs")
    )
    predictions = linker.inference.predict(warning_mode="never").as_pandas_dataframe()
    return _pair_scores(predictions, labels)
