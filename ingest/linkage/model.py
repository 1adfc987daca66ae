"""The linkage model, declared once: comparisons, their levels and priors.

Each comparison is a list of levels from most to least alike. A level has a label a reviewer
reads ("dob: day and month swapped"), a condition built from Splink's comparison-level
library (``splink.comparison_level_library``: exact match, Jaro-Winkler, Damerau-Levenshtein,
array intersection, columns reversed; hand-written SQL only for a length guard and the
swapped-name level, which measured better than the library's) and prior
m and u probabilities. The priors are where EM starts and what the model keeps when there is
too little data to train on (see ``ingest.linkage.training``).

Priors are judgement, informed by the generator's noise rates and by FEBRL: m is how often
two records of one person fall into the level, u how often two records of different people
do (u of an exact date of birth ~ 1 / (80 years x 365 days)).
"""

from __future__ import annotations

from dataclasses import dataclass

import splink.comparison_level_library as cll
from splink.internals.comparison_level_creator import ComparisonLevelCreator

from ingest.linkage.blocking import PREDICTION_KEYS, rules

__all__ = [
    "COMPARISONS",
    "CO_OCCURRENCE",
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
    condition
        A Splink comparison-level creator over standardised columns, or None for the last
        level (everything else).
    m
        Prior probability of the level among pairs of one person's records.
    u
        Prior probability of the level among pairs of different people's records.
    tf_column
        Column whose value frequency adjusts the weight of an exact match (rare names
        count for more than common ones).
    fixed
        Keep the prior m and u: training never changes them (for evidence that random
        sampling and EM cannot estimate, such as two records on one source row).
    """

    label: str
    condition: ComparisonLevelCreator | None
    m: float = 0.0
    u: float = 0.0
    tf_column: str | None = None
    fixed: bool = False


@dataclass(frozen=True)
class Comparison:
    """One attribute compared: the columns whose absence makes it missing, and levels.

    A pair falls into the first level whose condition holds; the last level's condition is
    None (else). Prior m (and u) values are normalised to sum to 1 over the levels.
    """

    name: str
    description: str
    null_columns: tuple[str, ...]
    levels: tuple[Level, ...]


def _jaro_winkler(column: str, threshold: float, m: float, u: float) -> Level:
    return Level(f"jaro-winkler >= {threshold:.2f}", cll.JaroWinklerLevel(column, threshold), m, u)


def _one_edit(column: str) -> ComparisonLevelCreator:
    # DuckDB's Damerau-Levenshtein is slow; plain Levenshtein (<= 2 whenever DL <= 1)
    # filters out most pairs first.
    return cll.And(cll.LevenshteinLevel(column, 2), cll.DamerauLevenshteinLevel(column, 1))


def _one_typo(column: str, m: float, u: float) -> Level:
    # Jaro-Winkler misses typos in short names (a 3-letter name has no match window), so
    # one edit (insert, delete, substitute, swap neighbours) counts on its own. Surnames
    # only: forenames one edit apart are often two people (Mary and Mark, Joan and John).
    long_enough = cll.CustomLevel(f'least(length("{column}_l"), length("{column}_r")) >= 3')
    return Level("one typo", cll.And(long_enough, _one_edit(column)), m, u)


def _crossed(column: str, other: str) -> ComparisonLevelCreator:
    # Hand-written, because it measured better than the library's ColumnsReversedLevel
    # (exact both ways): recall of pairs with forename and surname swapped 0.905 against
    # 0.825 (63 pairs, development seed 63426), since a swapped name also carries typos.
    return cll.CustomLevel(
        f'jaro_winkler_similarity("{column}_l", "{other}_r") >= 0.92 '
        f'OR jaro_winkler_similarity("{column}_r", "{other}_l") >= 0.92'
    )


def _exact(column: str) -> ComparisonLevelCreator:
    return cll.ExactMatchLevel(column)


def _named_alike_on_one_record() -> ComparisonLevelCreator:
    # Same source record (file mapping and row), names alike, and no date of birth that
    # says otherwise: a finder who also reported the death, written twice on one row.
    return cll.And(
        _exact("source_row"),
        cll.JaroWinklerLevel("given", 0.92),
        cll.JaroWinklerLevel("family", 0.92),
        cll.Or(cll.NullLevel("dob"), _exact("dob")),
    )


#: Two records on one source row (a death report's finder and reporter) cannot be found by
#: random sampling (u) and are too few for EM (m), so their level's weights are stated, not
#: trained. Named alike there: a Bayes factor of 1,000 (10 bits), about what a date of birth
#: agreeing adds, so with the names it links a finder to a reporter with no date of birth;
#: a date of birth or sex that differs still counts against. Named differently on one
#: record: two people (a deceased and the person who found them), a factor of 1/10.
CO_OCCURRENCE = Comparison(
    "same_record",
    "Named on the same source record (one row of one file), such as finder and reporter",
    ("source_row",),
    (
        Level("one record, names alike", _named_alike_on_one_record(), 0.05, 0.00005, fixed=True),
        Level(
            "one record, names or birth dates differ", _exact("source_row"), 0.005, 0.05, fixed=True
        ),
        Level("different records", None, 0.945, 0.94995, fixed=True),
    ),
)


COMPARISONS: tuple[Comparison, ...] = (
    Comparison(
        "given_name",
        "First forename, with nicknames, known-as names and typos",
        ("given",),
        (
            Level("exact", _exact("given"), 0.80, 0.02, tf_column="given"),
            Level(
                "nickname, alias or other forename",
                cll.ArrayIntersectLevel("given_keys"),
                0.10,
                0.003,
            ),
            _jaro_winkler("given", 0.92, 0.05, 0.004),
            Level("sounds alike (metaphone)", _exact("given_metaphone"), 0.02, 0.004),
            # Forename and surname transposed ("SMITH, John" keyed the wrong way round).
            Level(
                "recorded as the surname",
                _crossed("given", "family"),
                0.01,
                0.0005,
            ),
            _jaro_winkler("given", 0.80, 0.02, 0.03),
            Level("same initial", _exact("given_initial"), 0.01, 0.06),
            Level("different", None, 0.02, 0.883),
        ),
    ),
    Comparison(
        "surname",
        "Family name, with typos and double-barrelled names recorded by one half",
        ("family",),
        (
            Level("exact", _exact("family"), 0.85, 0.005, tf_column="family"),
            _one_typo("family", 0.04, 0.001),
            _jaro_winkler("family", 0.92, 0.01, 0.002),
            Level("sounds alike (metaphone)", _exact("family_metaphone"), 0.01, 0.001),
            Level(
                "one part of a double-barrelled name",
                cll.ArrayIntersectLevel("family_parts"),
                0.05,
                0.001,
            ),
            Level(
                "recorded as a forename",
                _crossed("family", "given"),
                0.01,
                0.0005,
            ),
            _jaro_winkler("family", 0.80, 0.02, 0.02),
            # Women's surnames change on marriage far more often than men's, so a different
            # surname between two women's records is weaker evidence of two people.
            Level(
                "different, both women (surnames change on marriage)",
                cll.LiteralMatchLevel("sex", "f", "string", "both"),
                0.02,
                0.45,
            ),
            Level("different", None, 0.01, 0.522),
        ),
    ),
    Comparison(
        "dob",
        "Date of birth, with day and month swapped and one-character typos",
        ("dob",),
        (
            Level("exact", _exact("dob"), 0.90, 0.0001),
            Level(
                "day and month swapped",
                cll.And(
                    _exact("birth_year"),
                    cll.ColumnsReversedLevel("birth_month", "birth_day", symmetrical=True),
                ),
                0.03,
                0.00005,
            ),
            Level("one character differs", _one_edit("dob"), 0.03, 0.002),
            Level("same birth year", _exact("birth_year"), 0.01, 0.012),
            Level("different", None, 0.03, 0.98585),
        ),
    ),
    Comparison(
        "sex",
        "Recorded sex (unknown counts as missing)",
        ("sex",),
        (
            Level("same", _exact("sex"), 0.98, 0.5),
            Level("different", None, 0.02, 0.5),
        ),
    ),
    Comparison(
        "postcode",
        "Home postcode; people move, so a different postcode is weak evidence",
        ("postcode",),
        (
            Level("exact", _exact("postcode"), 0.65, 0.002),
            Level("same sector", _exact("postcode_sector"), 0.05, 0.01),
            Level("same district", _exact("postcode_district"), 0.08, 0.05),
            # After sector and district, so for UK postcodes only a typo across sectors
            # lands here; for codes without sectors (FEBRL's four digits) it is the typo level.
            Level("one character differs", _one_edit("postcode"), 0.02, 0.002),
            Level("different", None, 0.20, 0.936),
        ),
    ),
    Comparison(
        "nhs_number",
        "NHS number (or another personal identifier), compared only when both have one",
        ("nhs_number",),
        (
            Level("exact", _exact("nhs_number"), 0.96, 0.00001),
            Level("one digit differs", _one_edit("nhs_number"), 0.03, 0.0001),
            Level("different", None, 0.01, 0.99989),
        ),
    ),
    Comparison(
        "phone",
        "Telephone number",
        ("phone",),
        (
            Level("exact", _exact("phone"), 0.80, 0.0001),
            Level("different", None, 0.20, 0.9999),
        ),
    ),
    CO_OCCURRENCE,
)


def _splink_level(comparison: Comparison, level: Level, m: float, u: float) -> dict[str, object]:
    creator = level.condition or cll.ElseLevel()
    options: dict[str, object] = {
        "label_for_charts": f"{comparison.name}: {level.label}",
        "m_probability": m,
        "u_probability": u,
    }
    if level.tf_column:
        options["tf_adjustment_column"] = level.tf_column
        options["tf_adjustment_weight"] = 1.0
    if level.fixed:
        options["fix_m_probability"] = True
        options["fix_u_probability"] = True
    return creator.configure(**options).get_comparison_level("duckdb").as_dict()


def _splink_comparison(comparison: Comparison) -> dict[str, object]:
    m_total = sum(level.m for level in comparison.levels)
    u_total = sum(level.u for level in comparison.levels)
    null = cll.Or(*(cll.NullLevel(column) for column in comparison.null_columns))
    levels: list[dict[str, object]] = [
        null.configure(label_for_charts=f"{comparison.name}: missing", is_null_level=True)
        .get_comparison_level("duckdb")
        .as_dict()
    ]
    for level in comparison.levels:
        levels.append(_splink_level(comparison, level, level.m / m_total, level.u / u_total))
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
