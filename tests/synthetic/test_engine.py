"""The scenario engine: each planted group follows its file, for the demo seed and any seed."""

from __future__ import annotations

import hashlib
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from synthetic.config import Scale, config_for
from synthetic.generator import generate
from synthetic.scenarios import load_scenarios
from tests.synthetic.helpers import Generated
from tests.synthetic.rules import check_all


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Generated:
    out = tmp_path_factory.mktemp("small")
    generate(config_for(Scale.SMALL, seed=7), out)
    return Generated.read(out)


def test_the_default_plants_every_series_and_decoy_kind(small: Generated) -> None:
    library = load_scenarios()
    kinds = Counter(g["kind"] for g in small.truth["series"] + small.truth["decoys"])
    assert set(kinds) == set(library)
    assert small.truth["generator"]["scenarios"] == list(library)
    for key, family, prefix in (("series", "series", "SERIES"), ("decoys", "decoy", "DECOY")):
        groups = small.truth[key]
        assert [g["id"] for g in groups] == [f"{prefix}-{n:02d}" for n in range(1, len(groups) + 1)]
        assert {g["family"] for g in groups} == {family}


def test_every_group_follows_its_scenario_at_the_small_scale(small: Generated) -> None:
    check_all(small, strict=True)


def test_the_port_scenario_offender_finds_or_reports_and_was_named_before(
    small: Generated,
) -> None:
    (group,) = [g for g in small.truth["series"] if g["kind"] == "drug_facilitated_finder"]
    killer, refs = group["killer"], group["deaths"]
    roles = {r for ref in refs for p, r, _ in small.people[ref] if p == killer}
    assert roles & {"found_by", "reported_by"}
    assert group["offender_roles"][0] == "reporter"  # the first 999 call was his
    allegation = [
        ref
        for ref in group["precursor_incidents"]
        if small.occurrences.loc[ref].OffenceCode == "17A/1" and killer in small.suspects[ref]
    ]
    assert allegation
    substances = small.reports.loc[refs].substances
    assert all("GHB" in s for s in substances)


def test_domestic_victims_were_named_with_him_in_earlier_domestic_incidents(
    small: Generated,
) -> None:
    groups = [g for g in small.truth["series"] if g["kind"] == "domestic_staged"]
    assert groups
    for group in groups:
        for ref in group["precursor_incidents"]:
            incident = small.occurrences.loc[ref]
            assert incident.DomesticAbuseFlag == "Y"
            assert {group["killer"]} | (small.involved[ref] & set(group["victims"])) <= (
                small.involved[ref]
            )
            assert small.involved[ref] & set(group["victims"])


def test_choosing_scenarios_plants_only_those(tmp_path: Path) -> None:
    generate(
        config_for(Scale.TINY, seed=3, scenarios=("busy_places", "drug_facilitated_finder")),
        tmp_path,
    )
    data = Generated.read(tmp_path)
    assert [g["kind"] for g in data.truth["series"]] == ["drug_facilitated_finder"]
    assert [g["kind"] for g in data.truth["decoys"]] == ["busy_places"]
    check_all(data, strict=False)


def _digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_the_same_seed_and_scenarios_give_byte_identical_files(tmp_path: Path) -> None:
    config = config_for(Scale.TINY, seed=5, scenarios=("domestic_staged", "contaminated_batch"))
    generate(config, tmp_path / "a")
    generate(config, tmp_path / "b")
    assert _digests(tmp_path / "a") == _digests(tmp_path / "b")


@settings(
    max_examples=5, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(seed=st.integers(min_value=0, max_value=2**32))
def test_any_seed_plants_groups_that_follow_their_files(
    seed: int, tmp_path_factory: pytest.TempPathFactory
) -> None:
    out = tmp_path_factory.mktemp("seed")
    generate(config_for(Scale.TINY, seed=seed), out)
    check_all(Generated.read(out), strict=False)
