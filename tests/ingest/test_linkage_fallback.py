"""Linkage never crashes on data (#14 item 5, first half): a comparison that EM cannot
estimate from the records keeps the model's stated prior, with a warning naming the field.

The known crash: Splink's EM raised ``ValueError: m_probability value 0.0 is below the minimum
allowed value of 1e-300`` (from ``ingest/linkage/training.py``) and nothing was loaded. It
happens when the pairs a training rule finds are all different people, as when a field is
recorded for one role or source only: here sex and date of birth are on the deceased's
records alone, every deceased is someone else, and each other person's two records (one
with a date of birth, one without) meet only through their names.
"""

from __future__ import annotations

import random

import pandas as pd
import pytest

from ingest.linkage import link_records
from ingest.linkage.standardise import RECORD_COLUMNS


def _records() -> pd.DataFrame:
    rng = random.Random(1)  # noqa: S311 (test data, not secrets)

    def name() -> str:
        return "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(7)).title()

    rows = []
    for person in range(300):  # two records each; only the first has sex and a birth date
        given, family = name(), name()
        born = f"19{rng.randrange(40, 99)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 28):02d}"
        for copy in range(2):
            rows.append(
                {
                    "record_id": f"person{person}-{copy}",
                    "source": "police" if copy else "deaths",
                    "given_names": given,
                    "family_name": family,
                    "aliases": "",
                    "date_of_birth": None if copy else born,
                    "sex": "unknown" if copy else "female",
                    "postcode": None,
                    "nhs_number": None,
                    "phone": None,
                }
            )
    for day in range(10):  # three different people born on each of ten days
        for other in range(3):
            rows.append(
                {
                    "record_id": f"born{day}-{other}",
                    "source": "deaths",
                    "given_names": name(),
                    "family_name": name(),
                    "aliases": "",
                    "date_of_birth": f"1970-01-{day + 1:02d}",
                    "sex": rng.choice(["female", "male"]),
                    "postcode": None,
                    "nhs_number": None,
                    "phone": None,
                }
            )
    return pd.DataFrame(rows, columns=list(RECORD_COLUMNS))


def test_a_field_em_cannot_estimate_keeps_its_prior_with_a_warning() -> None:
    with pytest.warns(UserWarning, match=r"m probabilities of 'sex' cannot be estimated"):
        result = link_records(_records())
    clusters = result.clusters
    assert all(clusters[f"person{n}-0"] == clusters[f"person{n}-1"] for n in range(300))
    assert len(set(clusters.values())) == 300 + 30  # and no one else is merged
