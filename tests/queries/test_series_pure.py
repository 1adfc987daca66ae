"""Series analysis on hand-built deaths: features, blocking, scoring, grouping (no database)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from queries.series.evaluation import evaluate_series
from queries.series.features import FEATURES, SeriesContext, candidate_pairs, pair_evidence
from queries.series.model import LinkModel, default_model, group_into_series
from queries.series.records import DeathRecord, death_from_row

CHURCHYARD = (51.5390, 0.0810)


def _death(ident: str, day: int, *, lat: float, lon: float, **fields: object) -> DeathRecord:
    base = {
        "cause": "natural",
        "substances": (),
        "place_type": "residential",
        "sex": "male",
        "date_of_birth": date(1960, 1, 1),
        "deceased": f"v-{ident}",
    }
    return DeathRecord(
        ident,
        date(2024, 1, 1) + timedelta(days=day),
        latitude=lat,
        longitude=lon,
        **{**base, **fields},
    )


@pytest.fixture
def world() -> tuple[list[DeathRecord], list[tuple[str, str]]]:
    """A Port-like series, a hostel decoy, and background deaths spread over the county."""
    lat, lon = CHURCHYARD
    series = [
        _death(
            "s1",
            10,
            lat=lat,
            lon=lon,
            cause="drug_toxicity",
            substances=("ghb",),
            place="yard",
            place_type="churchyard",
            date_of_birth=date(1999, 5, 1),
            roles=(("killer", "reported_by"),),
        ),
        _death(
            "s2",
            70,
            lat=lat + 0.002,
            lon=lon,
            cause="drug_toxicity",
            substances=("ghb",),
            place="walk",
            place_type="churchyard",
            date_of_birth=date(2001, 5, 1),
            roles=(("killer", "last_seen_with"),),
        ),
        _death(
            "s3",
            130,
            lat=lat,
            lon=lon,
            cause="drug_toxicity",
            substances=("ghb",),
            place="yard",
            place_type="churchyard",
            date_of_birth=date(1997, 5, 1),
            roles=(("walker", "found_by"),),
        ),
    ]
    hostel = [
        _death(
            f"h{i}",
            40 * i,
            lat=52.19,
            lon=-2.22,
            cause="drug_toxicity",
            substances=("heroin",),
            place="hostel",
            place_type="hostel",
            roles=(("worker", "found_by"), ("worker", "reported_by")),
        )
        for i in range(1, 4)
    ]
    background = [
        _death(
            f"b{i}",
            11 * i,
            lat=52.0 + i * 0.05,
            lon=-2.9 + i * 0.04,
            cause=("natural", "fall", "hanging")[i % 3],
        )
        for i in range(1, 30)
    ]
    ties = [("v-s1", "killer"), ("v-s2", "friend"), ("friend", "killer")]
    return [*series, *hostel, *background], ties


def test_features_carry_their_evidence(world) -> None:
    deaths, ties = world
    context = SeriesContext(deaths, ties)
    s1, s2 = deaths[0], deaths[1]
    pair = pair_evidence(s1, s2, context)
    assert set(pair.values) == set(FEATURES)
    assert pair.values["shared_person"] == 1.0 and pair.values["shared_last_seen_with"] == 1.0
    assert pair.evidence["shared_people"] == [
        {"person": "killer", "roles": ["reported_by", "last_seen_with"]}
    ]
    assert pair.values["within_500m"] == 1.0 and 0.2 < pair.evidence["distance_km"] < 0.25
    assert pair.evidence["shared_substances"] == ["ghb"]
    assert pair.values["substance_overlap"] == 1.0
    assert pair.values["same_cause_rarity"] > 0
    far = pair_evidence(deaths[0], deaths[-1], context)
    assert far.values["within_2km"] == 0.0 and "shared_people" not in far.evidence


def test_association_paths_respect_the_hop_limit(world) -> None:
    deaths, ties = world
    s1, s3 = deaths[0], deaths[2]
    # s3's people are not tied to anyone; s1 and s2 are 3 ties apart through the killer's friend
    assert pair_evidence(s1, s3, SeriesContext(deaths, ties)).values["association_closeness"] == 0.0
    s2 = deaths[1]
    shared_removed = [
        DeathRecord(**{**s2.__dict__, "roles": ()}),
        DeathRecord(**{**s1.__dict__, "roles": ()}),
    ]
    near = pair_evidence(shared_removed[1], shared_removed[0], SeriesContext(deaths, ties, hops=3))
    assert near.evidence["association_path"] == ["v-s1", "killer", "friend", "v-s2"]
    assert near.values["association_closeness"] == pytest.approx(1 / 3)
    assert (
        "association_path"
        not in pair_evidence(
            shared_removed[1], shared_removed[0], SeriesContext(deaths, ties, hops=2)
        ).evidence
    )
    with pytest.raises(ValueError, match="hops"):
        SeriesContext(deaths, ties, hops=0)


def test_blocking_keeps_linked_pairs_and_skips_most_others(world) -> None:
    deaths, ties = world
    pairs = candidate_pairs(deaths, SeriesContext(deaths, ties))
    assert {
        ("s1", "s2"),
        ("s1", "s3"),
        ("s2", "s3"),
        ("h1", "h2"),
        ("h1", "h3"),
        ("h2", "h3"),
    } <= pairs
    everything = len(deaths) * (len(deaths) - 1) // 2
    assert len(pairs) < everything / 4


def test_the_shipped_model_links_the_series_and_not_the_decoy(world) -> None:
    deaths, ties = world
    ties = [*ties, ("v-s3", "friend")]  # the third victim also knew the killer's friend
    model = default_model()
    context = SeriesContext(deaths, ties)
    by_id = {d.id: d for d in deaths}
    scored = [
        model.score(pair_evidence(by_id[a], by_id[b], context))
        for a, b in sorted(candidate_pairs(deaths, context))
    ]
    found = group_into_series(deaths, scored, threshold=model.threshold)
    series = next(s for s in found if "s1" in {d.id for d in s.deaths})
    assert {d.id for d in series.deaths} == {"s1", "s2", "s3"}
    assert not any(
        d.id.startswith("h") for s in found for d in s.deaths if "s1" in {x.id for x in s.deaths}
    )
    link = next(x for x in series.links if {x.a, x.b} == {"s1", "s2"})
    assert link.contributions["shared_person"] > 0 and link.evidence["shared_people"]
    metrics = evaluate_series(
        deaths, scored, found, [{"s1", "s2", "s3"}], threshold=model.threshold
    )
    assert metrics["series_recovered_intact"] == 1 and metrics["flagged_after_death"] == [2]
    assert metrics["blocking_recall"] == 1.0


def test_grouping_uses_the_threshold_and_stable_ids() -> None:
    deaths = [_death(i, n, lat=52.0, lon=-2.0) for n, i in enumerate(["a", "b", "c"])]
    model = LinkModel({"within_500m": 1.0}, intercept=-0.5, threshold=0.6)
    context = SeriesContext(deaths)
    scored = [
        model.score(pair_evidence(deaths[0], deaths[1], context)),
        model.score(pair_evidence(deaths[1], deaths[2], context)),
    ]
    assert [s.id for s in group_into_series(deaths, scored, threshold=0.6)] == ["series:a"]
    assert group_into_series(deaths, scored, threshold=0.99) == []


def test_rows_from_the_query_become_records() -> None:
    record = death_from_row(
        {
            "id": "death:1",
            "date_found": date(2024, 1, 2),
            "substances": ["GHB ", "alcohol"],
            "roles": [{"person": "p", "role": "found_by"}],
            "objects": None,
            "recovered_in": None,
        }
    )
    assert (
        record.substances == ("alcohol", "ghb")
        and record.roles == (("p", "found_by"),)
        and record.objects == ()
    )
