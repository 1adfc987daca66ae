"""The linkage model, declared once: comparisons, their levels and priors.

Each comparison is a list of levels from most to least alike. A level has a label a reviewer
reads ("dob: day and month swapped"), a SQL condition over the standardised columns
(``_l``/``_r`` suffixes; column names only, never values) and prior m and u probabilities.
The priors are where EM starts and what the model keeps when there is too little data to
train on (see ``ingest.linkage.training``).

Priors are judgement, informed by the generator's noise rates and by FEBRL: m is how often
two records of one person fall into the level, u how often two records of different people
do (u of an exact date of birth ~ 1 / (80 years x 365 days)).
"""

from __future__ import annotations

from dataclasses import dataclass

from ingest.linkage.blocking import PREDICTION_KEYS, rules

__all__ = [
    "COMPARISONS",
    "Comparison",
    "Level",
    "splink_settings",
]


@dataclass(frozen=True)
class Level:
    """One level of a comparison: how alike two records are on one attribute.

    Parameters
    ----------
    label
        Short text shown to reviewers after the comparison name.
    sql
        DuckDB condition over ``<column>_l`` and ``<column>_r`` (``ELSE`` for the last).
    m
        Prior probability of the level among pairs of one person's records.
    u
        Prior probability of the level among pairs of different people's records.
    tf_column
        Column whose value frequency adjusts the weight of an exact match (rare names
        count for more than common ones).
    """

    label: str
    sql: str
    m: float = 0.0
    u: float = 0.0
    tf_column: str | None = None


@dataclass(frozen=True)
class Comparison:
    """One attribute compared: a null condition and levels from most to least alike.

    A pair falls into the first level whose condition holds; the last level's condition is
    ``ELSE``. Prior m (and u) values are normalised to sum to 1 over the levels.
    """

    name: str
    description: str
    null_sql: str
    levels: tuple[Level, ...]


def _null(*columns: str) -> str:
    return " OR ".join(f'"{c}_l" IS NULL OR "{c}_r" IS NULL' for c in columns)


def _jaro_winkler(column: str, threshold: float, m: float, u: float) -> Level:
    return Level(
        f"jaro-winkler >= {threshold:.2f}",
        f'jaro_winkler_similarity("{column}_l", "{column}_r") >= {threshold}',
        m,
        u,
    )


def _one_edit(column: str) -> str:
    # DuckDB's Damerau-Levenshtein is slow; plain Levenshtein (<= 2 whenever DL <= 1)
    # filters out most pairs first.
    return (
        f'levenshtein("{column}_l", "{column}_r") <= 2 '
        f'AND damerau_levenshtein("{column}_l", "{column}_r") <= 1'
    )


def _one_typo(column: str, m: float, u: float) -> Level:
    # Jaro-Winkler misses typos in short names (a 3-letter name has no match window), so
    # one edit (insert, delete, substitute, swap neighbours) counts on its own. Surnames
    # only: forenames one edit apart are often two people (Mary and Mark, Joan and John).
    return Level(
        "one typo",
        f'least(length("{column}_l"), length("{column}_r")) >= 3 AND {_one_edit(column)}',
        m,
        u,
    )


COMPARISONS: tuple[Comparison, ...] = (
    Comparison(
        "given_name",
        "First forename, with nicknames, known-as names and typos",
        _null("given"),
        (
            Level("exact", '"given_l" = "given_r"', 0.80, 0.02, tf_column="given"),
            Level(
                "nickname, alias or other forename",
                'list_has_any("given_keys_l", "given_keys_r")',
                0.10,
                0.003,
            ),
            _jaro_winkler("given", 0.92, 0.05, 0.004),
            # Forename and surname transposed ("SMITH, John" keyed the wrong way round).
            Level(
                "recorded as the surname",
                'jaro_winkler_similarity("given_l", "family_r") >= 0.92 '
                'OR jaro_winkler_similarity("given_r", "family_l") >= 0.92',
                0.01,
                0.0005,
            ),
            _jaro_winkler("given", 0.80, 0.02, 0.03),
            Level("same initial", '"given_initial_l" = "given_initial_r"', 0.01, 0.06),
            Level("different", "ELSE", 0.02, 0.883),
        ),
    ),
    Comparison(
        "surname",
        "Family name, with typos and double-barrelled names recorded by one half",
        _null("family"),
        (
            Level("exact", '"family_l" = "family_r"', 0.85, 0.005, tf_column="family"),
            _one_typo("family", 0.04, 0.001),
            _jaro_winkler("family", 0.92, 0.01, 0.002),
            Level(
                "one part of a double-barrelled name",
                'list_has_any("family_parts_l", "family_parts_r")',
                0.05,
                0.001,
            ),
            Level(
                "recorded as a forename",
                'jaro_winkler_similarity("family_l", "given_r") >= 0.92 '
                'OR jaro_winkler_similarity("family_r", "given_l") >= 0.92',
                0.01,
                0.0005,
            ),
            _jaro_winkler("family", 0.80, 0.02, 0.02),
            Level("different", "ELSE", 0.03, 0.972),
        ),
    ),
    Comparison(
        "dob",
        "Date of birth, with day and month swapped and one-character typos",
        _null("dob"),
        (
            Level("exact", '"dob_l" = "dob_r"', 0.90, 0.0001),
            Level(
                "day and month swapped",
                '"birth_year_l" = "birth_year_r" AND "birth_month_l" = "birth_day_r" '
                'AND "birth_day_l" = "birth_month_r"',
                0.03,
                0.00005,
            ),
            Level("one character differs", _one_edit("dob"), 0.03, 0.002),
            Level("same birth year", '"birth_year_l" = "birth_year_r"', 0.01, 0.012),
            Level("different", "ELSE", 0.03, 0.98585),
        ),
    ),
    Comparison(
        "sex",
        "Recorded sex (unknown counts as missing)",
        _null("sex"),
        (
            Level("same", '"sex_l" = "sex_r"', 0.98, 0.5),
            Level("different", "ELSE", 0.02, 0.5),
        ),
    ),
    Comparison(
        "postcode",
        "Home postcode; people move, so a different postcode is weak evidence",
        _null("postcode"),
        (
            Level("exact", '"postcode_l" = "postcode_r"', 0.65, 0.002),
            Level("same sector", '"postcode_sector_l" = "postcode_sector_r"', 0.05, 0.01),
            Level("same district", '"postcode_district_l" = "postcode_district_r"', 0.08, 0.05),
            # After sector and district, so for UK postcodes only a typo across sectors
            # lands here; for codes without sectors (FEBRL's four digits) it is the typo level.
            Level("one character differs", _one_edit("postcode"), 0.02, 0.002),
            Level("different", "ELSE", 0.20, 0.936),
        ),
    ),
    Comparison(
        "nhs_number",
        "NHS number (or another personal identifier), compared only when both have one",
        _null("nhs_number"),
        (
            Level("exact", '"nhs_number_l" = "nhs_number_r"', 0.96, 0.00001),
            Level("one digit differs", _one_edit("nhs_number"), 0.03, 0.0001),
            Level("different", "ELSE", 0.01, 0.99989),
        ),
    ),
    Comparison(
        "phone",
        "Telephone number",
        _null("phone"),
        (
            Level("exact", '"phone_l" = "phone_r"', 0.80, 0.0001),
            Level("different", "ELSE", 0.20, 0.9999),
        ),
    ),
)


def _splink_level(comparison: Comparison, level: Level) -> dict[str, object]:
    level_dict: dict[str, object] = {
        "sql_condition": level.sql,
        "label_for_charts": f"{comparison.name}: {level.label}",
        "m_probability": level.m,
        "u_probability": level.u,
    }
    if level.tf_column:
        level_dict["tf_adjustment_column"] = level.tf_column
        level_dict["tf_adjustment_weight"] = 1.0
    return level_dict


def _splink_comparison(comparison: Comparison) -> dict[str, object]:
    m_total = sum(level.m for level in comparison.levels)
    u_total = sum(level.u for level in comparison.levels)
    levels: list[dict[str, object]] = [
        {
            "sql_condition": comparison.null_sql,
            "label_for_charts": f"{comparison.name}: missing",
            "is_null_level": True,
        }
    ]
    for level in comparison.levels:
        normalised = Level(
            level.label, level.sql, level.m / m_total, level.u / u_total, level.tf_column
        )
        levels.append(_splink_level(comparison, normalised))
    return {
        "output_column_name": comparison.name,
        "comparison_description": comparison.description,
        "comparison_levels": levels,
    }


def splink_settings(*, probability_two_random_records_match: float) -> dict[str, object]:
    """Return the Splink settings dictionary for deduplicating standardised records.

    Parameters
    ----------
    probability_two_random_records_match
        Prior share of record pairs that are the same person.

    Returns
    -------
    dict
        A Splink 5 settings dictionary (DuckDB dialect) holding the prior m and u values.

    Examples
    --------
    >>> settings = splink_settings(probability_two_random_records_match=0.001)
    >>> [c["output_column_name"] for c in settings["comparisons"]][:3]
    ['given_name', 'surname', 'dob']
    """
    return {
        "link_type": "dedupe_only",
        "unique_id_column_name": "unique_id",
        "probability_two_random_records_match": probability_two_random_records_match,
        "comparisons": [_splink_comparison(c) for c in COMPARISONS],
        "blocking_rules_to_generate_predictions": [
            rule.get_blocking_rule("duckdb").as_dict() for rule in rules(PREDICTION_KEYS)
        ],
        "retain_matching_columns": True,
        "retain_intermediate_calculation_columns": True,
        "additional_columns_to_retain": [],
        "sql_dialect": "duckdb",
        "em_convergence": 0.0001,
        "max_iterations": 25,
    }
