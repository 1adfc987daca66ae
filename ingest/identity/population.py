"""What a stored person record is compared on: standardised names and blocking keys.

Each SourceRecord keeps its blocking-key values (one property per key of
``ingest.linkage.blocking.PREDICTION_KEYS``, range-indexed) and its standardised names, so
that a later delivery finds the stored records it must be compared with by index seeks, and
the names' term frequencies can be counted over the whole population.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping

import pandas as pd

from graph_model.nodes import BLOCKING_PROPERTIES
from ingest.linkage.blocking import PREDICTION_KEYS

__all__ = [
    "TERM_FREQUENCY_COLUMNS",
    "blocking_properties",
    "blocking_values",
    "term_frequency_tables",
]

if len(BLOCKING_PROPERTIES) != len(PREDICTION_KEYS):  # pragma: no cover (a declaration bug)
    raise RuntimeError("Each blocking key needs a SourceRecord property, in the same order.")

#: Standardised column -> the SourceRecord property holding it; their frequencies adjust the
#: weight of an exact name match.
TERM_FREQUENCY_COLUMNS: dict[str, str] = {"given": "link_given", "family": "link_family"}


def _key_value(row: Mapping[str, object], key: tuple[str, ...]) -> str | None:
    parts = [row.get(column) for column in key]
    if any(part is None or part == "" for part in parts):
        return None
    return "|".join(str(part) for part in parts)


def blocking_properties(standard: pd.DataFrame) -> dict[str, dict[str, str | None]]:
    """Record id -> its blocking-key and standardised-name properties.

    Parameters
    ----------
    standard
        Standardised records (``ingest.linkage.standardise.standardise``).

    Returns
    -------
    dict
        Per record, ``link_given``, ``link_family`` and one ``block_*`` value per key (None
        where a part of the key is missing, as Splink's blocking skips nulls).

    Examples
    --------
    >>> frame = pd.DataFrame([{"unique_id": "a", "given": "ann", "family": "lee", "dob": None}])
    >>> props = blocking_properties(frame)["a"]
    >>> props["block_name"], props["block_dob"], props["link_given"]
    ('ann|lee', None, 'ann')
    """
    result: dict[str, dict[str, str | None]] = {}
    for row in standard.to_dict("records"):
        values: dict[str, str | None] = {
            prop: row.get(column) for column, prop in TERM_FREQUENCY_COLUMNS.items()
        }
        for prop, key in zip(BLOCKING_PROPERTIES, PREDICTION_KEYS, strict=True):
            values[prop] = _key_value(row, key)
        result[str(row["unique_id"])] = values
    return result


def blocking_values(properties: Mapping[str, Mapping[str, str | None]]) -> dict[str, list[str]]:
    """Per blocking property, the distinct values a set of records has (query parameters)."""
    values: dict[str, set[str]] = {prop: set() for prop in BLOCKING_PROPERTIES}
    for props in properties.values():
        for prop in BLOCKING_PROPERTIES:
            if props.get(prop):
                values[prop].add(str(props[prop]))
    return {prop: sorted(found) for prop, found in values.items()}


def term_frequency_tables(
    standard: pd.DataFrame,
    *,
    stored_counts: Mapping[str, Mapping[str, int]],
    stored_totals: Mapping[str, int],
    counted_as_stored: set[str],
) -> dict[str, pd.DataFrame]:
    """Term-frequency lookups over the whole population: stored records plus new ones.

    Parameters
    ----------
    standard
        The standardised records being scored (new records and their stored candidates).
    stored_counts
        Per column, value -> stored records with that value.
    stored_totals
        Per column, stored records with a value at all.
    counted_as_stored
        Record ids in ``standard`` that the stored counts already include.

    Returns
    -------
    dict[str, pandas.DataFrame]
        Per column, a table ``{column, tf_column}`` as Splink registers it; the frequency
        of a value is its share of all records with a value, as Splink counts it in one load.
    """
    fresh = standard[~standard["unique_id"].isin(counted_as_stored)]
    tables: dict[str, pd.DataFrame] = {}
    for column in TERM_FREQUENCY_COLUMNS:
        new_counts = Counter(value for value in fresh[column] if value is not None)
        total = stored_totals.get(column, 0) + sum(new_counts.values())
        values = sorted({v for v in standard[column] if v is not None})
        counts = stored_counts.get(column, {})
        tables[column] = pd.DataFrame(
            {
                column: values,
                f"tf_{column}": [
                    (counts.get(v, 0) + new_counts.get(v, 0)) / total if total else 0.0
                    for v in values
                ],
            }
        )
    return tables
