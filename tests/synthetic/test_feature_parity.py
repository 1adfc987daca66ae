"""No linking feature exists only in planted series (``docs/evaluation.md``).

For every feature the series model uses, pairs of deaths that are not in a series (everyday
deaths and decoys) must show it too. The signal is computed from the extracts read back, with
the true person behind each record, not from the generator's own bookkeeping.
"""

from __future__ import annotations

from collections import Counter

import pytest

from queries.series.features import FEATURES, SeriesContext, candidate_pairs, pair_evidence
from synthetic.background import _CAUSES, DRUG_WEIGHTS, DRUGS
from synthetic.config import config_for
from synthetic.generator import generate
from synthetic.scenarios import load_scenarios
from tests.synthetic.helpers import Generated

pytestmark = pytest.mark.slow

#: Big enough for everyday deaths at the Met's rate (1.23 per 1,000 a year) to number ~100.
PEOPLE, SEED = 25_000, 11


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Generated:
    out = tmp_path_factory.mktemp("parity")
    generate(config_for(None, people=PEOPLE, seed=SEED), out)
    return Generated.read(out)


@pytest.fixture(scope="module")
def outside_series(generated: Generated) -> Counter[str]:
    """How many pairs of non-series deaths show each feature."""
    records = generated.death_records()
    context = SeriesContext(
        records,
        generated.associations(),
        suspect_history=generated.suspect_history(),
        homes=generated.homes(),
    )
    in_series = generated.series_deaths()
    others = [r for r in records if r.id not in in_series]
    by_id = {r.id: r for r in others}
    shown: Counter[str] = Counter()
    for a, b in candidate_pairs(others, context):
        values = pair_evidence(by_id[a], by_id[b], context).values
        shown.update(name for name, value in values.items() if value > 0)
    return shown


@pytest.mark.parametrize("feature", FEATURES)
def test_every_series_feature_occurs_outside_series(
    outside_series: Counter[str], feature: str
) -> None:
    assert outside_series[feature] > 0, dict(outside_series)


def test_causes_and_substances_of_series_are_everyday_ones_too() -> None:
    everyday_causes = {c for c, (weight, *_) in _CAUSES.items() if weight > 0}
    everyday_drugs = {d for d, w in zip(DRUGS, DRUG_WEIGHTS, strict=True) if w > 0}
    for scenario in load_scenarios().values():
        assert set(scenario.method.causes) <= everyday_causes, scenario.name
        assert set(scenario.method.substances) <= everyday_drugs, scenario.name


def test_rare_series_signals_occur_in_non_series_deaths(generated: Generated) -> None:
    """GHB, asphyxia, blunt force, missing phones, repeat last-seen-with: not series-only."""
    in_series = generated.series_deaths()
    others = generated.reports.loc[[r for r in generated.reports.index if r not in in_series]]
    substances = Counter(s.strip() for x in others.substances for s in x.split(";") if s.strip())
    causes = Counter(others.apparent_cause)
    assert substances["GHB"] and substances["diamorphine"]
    assert causes["Asphyxia"] and causes["Blunt force injury"]
    assert (others.property_missing != "").sum() >= 3
    seen = Counter(
        person
        for ref in others.index
        for person in {
            p for p, role, _ in generated.people.get(ref, []) if role == "last_seen_with"
        }
    )
    assert max(seen.values()) >= 2
