"""Series analysis on hand-built deaths: features, blocking, scoring, grouping (no database)."""

from __future__ import annotations

import math
from datetime import date, timedelta

import pytest

from queries.series.baseline import DistanceTimeJaccard, baseline_features
from queries.series.evaluation import evaluate_series, ranking_metrics, series_rank
from queries.series.features import (
    FEATURES,
    Home,
    PriorIncident,
    SeriesContext,
    candidate_pairs,
    haversine_km,
    pair_evidence,
)
from queries.series.model import (
    LinkModel,
    choose_threshold,
    default_model,
    group_into_series,
    train_model,
)
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
    assert pair.values["shared_person"] == 1.0  # the killer is named on these two reports only
    assert pair.evidence["shared_people"] == [
        {
            "person": "killer",
            "roles": ["reported_by", "last_seen_with"],
            "deaths_named_on": 2,
            "prior_incidents_as_suspect": [],
        }
    ]
    assert 0.2 < pair.evidence["distance_km"] < 0.25
    assert pair.values["proximity"] == pytest.approx(
        math.exp(-pair.evidence["distance_km"] / 0.5), rel=1e-2
    )
    assert pair.values["temporal_proximity"] == pytest.approx(math.exp(-60 / 60))
    assert pair.evidence["shared_substances"] == ["ghb"]
    # GHB is on 3 of the 35 reports: log(35 / 3) / log(35).
    assert pair.values["same_substance_rarity"] == pytest.approx(math.log(35 / 3) / math.log(35))
    assert 0 < pair.values["same_cause_rarity"] < 1
    far = pair_evidence(deaths[0], deaths[-1], context)
    assert far.values["proximity"] < 1e-6 and "shared_people" not in far.evidence


def test_common_places_and_busy_reporters_count_for_less(world) -> None:
    deaths, ties = world
    context = SeriesContext(deaths, ties)
    by_id = {d.id: d for d in deaths}
    hostel = pair_evidence(by_id["h1"], by_id["h2"], context)
    churchyard = pair_evidence(by_id["s1"], by_id["s3"], context)
    # Three deaths at the hostel, two in the churchyard "yard": the rarer place says more.
    assert 0 < hostel.values["same_place_rarity"] < churchyard.values["same_place_rarity"] < 1
    # The hostel worker is named on three reports: half as specific as someone on two.
    assert hostel.values["shared_person"] == pytest.approx(0.5)
    assert hostel.evidence["shared_people"][0]["deaths_named_on"] == 3
    residential = pair_evidence(by_id["b1"], by_id["b2"], context)
    assert residential.values["same_place_type_rarity"] < hostel.values["same_place_type_rarity"]


def test_sharing_a_rare_substance_counts_for_more_than_sharing_a_common_one() -> None:
    common = [_death(f"c{i}", i, lat=52.0, lon=-2.0, substances=("alcohol",)) for i in range(9)]
    rare = [
        _death("r1", 1, lat=52.0, lon=-2.0, substances=("alcohol", "ghb")),
        _death("r2", 2, lat=52.0, lon=-2.0, substances=("alcohol", "ghb")),
    ]
    context = SeriesContext([*common, *rare])
    drinkers = pair_evidence(common[0], common[1], context).values["same_substance_rarity"]
    ghb = pair_evidence(rare[0], rare[1], context).values["same_substance_rarity"]
    # Everyone had alcohol: sharing it says nothing. Two of eleven had GHB.
    assert drinkers == 0.0
    assert ghb == pytest.approx(math.log(11 / 2) / math.log(11))


def test_each_series_counts_once_in_training_whatever_its_length(world) -> None:
    deaths, ties = world
    context = SeriesContext(deaths, ties)
    by_id = {d.id: d for d in deaths}
    # A long "series" of hostel deaths (3 pairs) against a one-pair churchyard series.
    linked = [("h1", "h2"), ("h1", "h3"), ("h2", "h3"), ("s1", "s2")]
    unlinked = [("s1", f"b{i}") for i in range(1, 25)] + [("h1", f"b{i}") for i in range(1, 25)]
    pairs = [pair_evidence(by_id[a], by_id[b], context) for a, b in linked + unlinked]
    labels = [True] * len(linked) + [False] * len(unlinked)
    series = ["hostel"] * 3 + ["churchyard"] + [None] * len(unlinked)
    by_pair = train_model(pairs, labels)
    by_series = train_model(pairs, labels, series=series)
    # Only the churchyard pair shares a person named on just two reports; weighted by series
    # it is half the linked evidence, not a quarter, so that feature weighs more.
    assert by_series.coefficients["shared_person"] > by_pair.coefficients["shared_person"]
    with pytest.raises(ValueError, match="one series"):
        train_model(pairs, labels, series=series[:-1])


def test_someone_named_on_one_death_who_lives_near_the_other_is_evidence() -> None:
    lat, lon = CHURCHYARD
    first = _death("d1", 0, lat=lat, lon=lon, roles=(("caller", "reported_by"),))
    # The second body lies 0.3 km north of the caller's flat; nobody is named on it.
    second = _death("d2", 90, lat=lat + 0.3 / 110.57, lon=lon)
    flat = Home("flat", lat, lon, since=date(2020, 1, 1))
    history = {"caller": [PriorIncident("incident:assault", date(2023, 6, 1), "sexual")]}
    context = SeriesContext([first, second], homes={"caller": [flat]}, suspect_history=history)
    pair = pair_evidence(first, second, context)
    assert pair.values["named_person_lives_near"] == pytest.approx(math.exp(-0.3 / 0.5), rel=1e-2)
    # One earlier incident as a suspect counts half.
    assert pair.values["named_person_lives_near_history"] == pytest.approx(
        0.5 * pair.values["named_person_lives_near"]
    )
    [near] = pair.evidence["people_living_near"]
    assert near["person"] == "caller" and near["named_on"] == "d1" and near["home"] == "flat"
    assert near["roles"] == ["reported_by"] and 0.29 < near["km_from_other_death"] < 0.31
    assert [i["incident"] for i in near["prior_incidents_as_suspect"]] == ["incident:assault"]
    # A home they had left before the second death, or one 3 km away, does not count.
    moved = Home("flat", lat, lon, until=second.date_found - timedelta(days=1))
    far = Home("far", lat + 3 / 110.57, lon)
    for homes in ([moved], [far]):
        other = pair_evidence(
            first, second, SeriesContext([first, second], homes={"caller": homes})
        )
        assert other.values["named_person_lives_near"] == 0.0
        assert "people_living_near" not in other.evidence


def test_a_shared_persons_earlier_incidents_as_suspect_count_only_before_the_later_death(
    world,
) -> None:
    deaths, ties = world
    s1, s2 = deaths[0], deaths[1]
    history = {
        "killer": [
            PriorIncident("incident:before", s1.date_found - timedelta(days=100), "sexual"),
            PriorIncident("incident:between", s1.date_found + timedelta(days=5), "drugs"),
            PriorIncident("incident:after", s2.date_found + timedelta(days=1), "violence"),
        ]
    }
    pair = pair_evidence(s1, s2, SeriesContext(deaths, ties, suspect_history=history))
    prior = pair.evidence["shared_people"][0]["prior_incidents_as_suspect"]
    assert [i["incident"] for i in prior] == ["incident:before", "incident:between"]
    assert pair.values["shared_person_history"] == 1.0
    one = {"killer": history["killer"][:1]}
    assert pair_evidence(s1, s2, SeriesContext(deaths, ties, suspect_history=one)).values[
        "shared_person_history"
    ] == pytest.approx(0.5)
    assert pair_evidence(s1, s2, SeriesContext(deaths, ties)).values["shared_person_history"] == 0


def test_blocking_reaches_across_grid_cells_far_north() -> None:
    # Two deaths 1.9 km apart east-west at 58.5 N (Orkney/Caithness), where a degree of
    # longitude is 58 km: a grid that assumed 68.5 km a degree put them two cells apart.
    west = _death("w", 0, lat=58.5, lon=-3.0)
    step = 1.9 / (111.32 * math.cos(math.radians(58.5)))
    for offset in range(0, 40):
        start = -3.0 + offset * 0.0007
        a = DeathRecord(**{**west.__dict__, "id": "w", "longitude": start})
        b = DeathRecord(**{**west.__dict__, "id": "x", "longitude": start + step})
        assert 1.85 < haversine_km(58.5, a.longitude, 58.5, b.longitude) < 1.95
        assert ("w", "x") in candidate_pairs([a, b], SeriesContext([a, b])), offset


def test_the_threshold_is_chosen_on_held_out_pairs(world) -> None:
    deaths, ties = world
    context = SeriesContext(deaths, ties)
    by_id = {d.id: d for d in deaths}
    ids = sorted(by_id)
    pairs = [
        pair_evidence(by_id[a], by_id[b], context) for i, a in enumerate(ids) for b in ids[i + 1 :]
    ]
    labels = [p.a.startswith("s") and p.b.startswith("s") for p in pairs]
    model = train_model(pairs, labels)
    assert model.threshold == 0.5 and all(w >= 0 for w in model.coefficients.values())
    chosen = choose_threshold(model, pairs, labels, note="the same pairs, for the test")
    assert chosen.coefficients == model.coefficients
    assert chosen.provenance["threshold_chosen_on"] == "the same pairs, for the test"
    scores = [chosen.score(p).probability for p in pairs]

    def f1(cut: float) -> float:
        tp = sum(1 for p, y in zip(scores, labels, strict=True) if p >= cut and y)
        fp = sum(1 for p, y in zip(scores, labels, strict=True) if p >= cut and not y)
        return 2 * tp / (2 * tp + fp + (sum(labels) - tp))

    assert f1(chosen.threshold) == pytest.approx(chosen.provenance["threshold_f1"], abs=1e-4)
    assert all(f1(cut / 100) <= f1(chosen.threshold) + 1e-9 for cut in range(5, 100))
    with pytest.raises(ValueError, match="linked"):
        choose_threshold(model, pairs, [False] * len(pairs))


def test_the_baseline_is_fitted_on_distance_days_and_jaccard(world) -> None:
    deaths, _ = world
    by_id = {d.id: d for d in deaths}
    pairs = [(by_id[a], by_id[b]) for a, b in [("s1", "s2"), ("s2", "s3"), ("s1", "s3")]]
    pairs += [(by_id["s1"], by_id[f"b{i}"]) for i in range(1, 20)]
    baseline = DistanceTimeJaccard.fit(pairs, [True] * 3 + [False] * 19)
    assert baseline_features(by_id["s1"], by_id["s1"])[2] == 1.0
    assert baseline.probability(by_id["s1"], by_id["s2"]) > baseline.probability(
        by_id["s1"], by_id["b25"]
    )
    with pytest.raises(ValueError, match="linked and unlinked"):
        DistanceTimeJaccard.fit(pairs, [False] * len(pairs))


def test_a_series_rank_counts_the_candidate_groups_above_it() -> None:
    scores = {
        frozenset(("s1", "s2")): 0.6,
        frozenset(("d1", "d2")): 0.9,
        frozenset(("d2", "d3")): 0.8,  # the same decoy group: one thing to review
        frozenset(("e1", "e2")): 0.7,
        frozenset(("s1", "x")): 0.95,  # touches the series: not a competitor
    }
    assert series_rank(scores, {"s1", "s2"}) == 3
    assert series_rank(scores, {"s1", "s2"}, floor=0.6) is None
    assert series_rank(scores, {"s1", "s2"}, ignore={frozenset(("e1", "e2"))}) == 2
    metrics = ranking_metrics(
        ["s1", "s2", "d1", "d2", "d3", "e1", "e2", "x"], scores, {frozenset(("s1", "s2"))}, top_k=3
    )
    assert metrics["recall_top_k"] == 0.0 and metrics["linked_pairs"] == 1
    assert metrics["average_precision"] == pytest.approx(1 / 5)


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
    model = LinkModel({"proximity": 1.0}, intercept=-0.5, threshold=0.6)
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
