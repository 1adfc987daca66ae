"""Person record linkage: accuracy on generated data and FEBRL4, decisions, evidence, metrics.

Real Splink on DuckDB throughout; nothing is mocked. Accuracy thresholds sit below figures
measured with splink 5.0.0 / duckdb 1.4 (see ``bench/results/linkage.json``), with margin.
"""

from __future__ import annotations

import doctest
import importlib
import itertools
import json
import math

import pandas as pd
import pytest

from bench.febrl import febrl4_records
from bench.generated_records import GeneratedRecords, read_generated
from bench.linkage import recall_by_noise
from bench.splink_baseline import baseline_clusters
from graph_model.errors import InvalidInput
from ingest.linkage import (
    Decision,
    LinkageResult,
    LinkageSettings,
    PairScore,
    link_records,
    merged_person_pairs,
    pairwise_scores,
)
from ingest.linkage.blocking import caught_by_blocking
from ingest.linkage.evaluation import blocking_recall, cluster_pairs
from ingest.linkage.model import COMPARISONS, splink_settings
from ingest.linkage.nicknames import name_keys
from ingest.linkage.scoring import score_pairs
from ingest.linkage.standardise import RECORD_COLUMNS, standardise
from ingest.linkage.training import MIN_RECORDS_FOR_EM
from synthetic.config import Scale, config_for
from synthetic.generator import generate
from synthetic.names import NICKNAMES

COMPARISON_NAMES = {c.name for c in COMPARISONS}


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> GeneratedRecords:
    out = tmp_path_factory.mktemp("linkage-tiny")
    generate(config_for(Scale.TINY, seed=1), out)
    return read_generated(out)


@pytest.fixture(scope="module")
def tiny_result(tiny: GeneratedRecords) -> LinkageResult:
    return link_records(tiny.records)


@pytest.fixture(scope="module")
def febrl() -> GeneratedRecords:
    return febrl4_records(identifier=True)


def _record(record_id: str, **values: str | None) -> dict[str, str | None]:
    row: dict[str, str | None] = dict.fromkeys(RECORD_COLUMNS)
    return row | {"record_id": record_id, "source": "test"} | values


# --- accuracy -----------------------------------------------------------------------------


def test_generator_records_cover_every_source_and_the_truth(tiny: GeneratedRecords) -> None:
    assert tuple(tiny.records.columns) == RECORD_COLUMNS
    assert tiny.records["record_id"].is_unique
    assert set(tiny.records["record_id"]) == set(tiny.truth)
    assert set(tiny.records["source"]) == {
        "police_nominals",
        "death_reports",
        "death_report_people",
        "nhs_extract",
        "local_authority",
        "people_register",
    }


def test_tiny_generator_data_links_accurately(
    tiny: GeneratedRecords, tiny_result: LinkageResult
) -> None:
    scores = pairwise_scores(tiny_result.clusters, tiny.truth)
    # Measured on tiny seed 1 (628 records, 813 true pairs, with the issue-#12 noise):
    # precision 1.0, recall 0.962, F1 0.981 (782 found, 0 wrong; was 0.9988 before that
    # noise). 0.97 / 0.98 leave room for ~15 more errors.
    assert scores.f1 >= 0.97, scores.as_dict()
    assert scores.precision >= 0.98, scores.as_dict()


def test_look_alikes_are_not_merged(tiny: GeneratedRecords, tiny_result: LinkageResult) -> None:
    # Same name and birth year, different people: measured 0 of 3 merged; none allowed.
    assert tiny.look_alikes
    assert merged_person_pairs(tiny_result.clusters, tiny.truth, tiny.look_alikes) == []


def test_blocking_keeps_almost_every_true_pair(tiny: GeneratedRecords) -> None:
    true_pairs = sorted(cluster_pairs(tiny.truth))
    lost = caught_by_blocking(standardise(tiny.records), true_pairs).count(False)
    # Measured with the issue-#12 noise, blocking keys and scenario library together: seed 1
    # loses 26 of 968 (2.7%; tiny seeds 1-6: 0.5-2.7%). Most involve a placeholder-named
    # record ("Anonymous male caller (999)": no name, date of birth or address), which no
    # blocking rule can pair, or a date of birth missing on one side and a different postcode.
    assert lost / len(true_pairs) <= 0.03


def test_febrl4_links_accurately(febrl: GeneratedRecords) -> None:
    result = link_records(febrl.records)
    scores = pairwise_scores(result.clusters, febrl.truth)
    # With the social security id. Measured: precision 1.0, recall 0.995, F1 0.997 (4,973 of
    # 5,000). Public baselines reach 0.98-0.99; 0.985 keeps us at that level with a little
    # room. Without the id see bench/linkage.py (F1 ~0.975).
    assert scores.f1 >= 0.985, scores.as_dict()
    assert scores.precision >= 0.99, scores.as_dict()


# --- decisions and reproducibility --------------------------------------------------------


def test_decisions_split_a_rejected_link_and_join_an_accepted_pair(
    tiny: GeneratedRecords, tiny_result: LinkageResult
) -> None:
    members: dict[str, list[str]] = {}
    for record, cluster in tiny_result.clusters.items():
        members.setdefault(cluster, []).append(record)
    rejected = next(
        link for link in tiny_result.links if len(members[tiny_result.clusters[link.record_a]]) == 2
    )
    assert rejected.probability >= LinkageSettings().link_threshold
    scored = {(s.record_a, s.record_b) for s in tiny_result.links + tiny_result.review}
    singles = sorted(group[0] for group in members.values() if len(group) == 1)
    accepted = next(pair for pair in itertools.pairwise(singles) if pair not in scored)

    result = link_records(
        tiny.records,
        decisions=[
            Decision(rejected.record_b, rejected.record_a, accepted=False),
            Decision(*accepted, accepted=True),
        ],
    )

    assert result.clusters[rejected.record_a] != result.clusters[rejected.record_b]
    pairs = {(s.record_a, s.record_b): s for s in result.links}
    assert (rejected.record_a, rejected.record_b) not in pairs
    assert all((s.record_a, s.record_b) != accepted for s in result.review)
    assert result.clusters[accepted[0]] == result.clusters[accepted[1]] == accepted[0]
    joined = pairs[accepted]
    assert joined.probability < LinkageSettings().review_threshold
    assert set(joined.evidence) == COMPARISON_NAMES
    touched = {rejected.record_a, rejected.record_b, *accepted}
    assert {r: c for r, c in result.clusters.items() if r not in touched} == {
        r: c for r, c in tiny_result.clusters.items() if r not in touched
    }


def test_same_records_and_seed_give_the_same_result(
    tiny: GeneratedRecords, tiny_result: LinkageResult
) -> None:
    shuffled = tiny.records.sample(frac=1.0, random_state=5).reset_index(drop=True)
    again = link_records(shuffled, seed=42)
    assert again.clusters == tiny_result.clusters
    assert again.links == tiny_result.links
    assert again.review == tiny_result.review
    assert again.model_json == tiny_result.model_json


def test_every_record_has_a_cluster_named_by_its_smallest_member(
    tiny: GeneratedRecords, tiny_result: LinkageResult
) -> None:
    assert set(tiny_result.clusters) == set(tiny.records["record_id"])
    for record, cluster in tiny_result.clusters.items():
        assert cluster <= record
        assert tiny_result.clusters[cluster] == cluster


def test_thresholds_sort_pairs_into_links_and_review(tiny_result: LinkageResult) -> None:
    settings = LinkageSettings()
    assert tiny_result.links and tiny_result.review
    assert all(s.probability >= settings.link_threshold for s in tiny_result.links)
    assert all(
        settings.review_threshold <= s.probability < settings.link_threshold
        for s in tiny_result.review
    )
    probabilities = [s.probability for s in tiny_result.review]
    assert probabilities == sorted(probabilities, reverse=True)


# --- evidence -----------------------------------------------------------------------------


def _check_evidence(score: PairScore, prior_weight: float) -> None:
    assert score.record_a < score.record_b
    assert set(score.evidence) == COMPARISON_NAMES
    total = prior_weight
    for name, item in score.evidence.items():
        assert isinstance(item, dict)
        assert item["level"].startswith(f"{name}: ")
        total += item["match_weight"]
    # The evidence explains the score: prior + per-comparison weights give the probability.
    assert math.isclose(2**total / (1 + 2**total), score.probability, abs_tol=0.01)


def test_every_pair_score_carries_per_comparison_evidence(tiny_result: LinkageResult) -> None:
    prior = json.loads(tiny_result.model_json)["probability_two_random_records_match"]
    prior_weight = math.log2(prior / (1 - prior))
    for score in tiny_result.links + tiny_result.review:
        _check_evidence(score, prior_weight)
    json.dumps([s.evidence for s in tiny_result.links])


def test_comparisons_recognise_nicknames_double_barrels_and_swapped_dates(
    tiny_result: LinkageResult,
) -> None:
    frame = standardise(
        pd.DataFrame(
            [
                _record(
                    "a:1",
                    given_names="Robert",
                    family_name="SMITH-JONES",
                    date_of_birth="1985-03-07",
                    sex="male",
                    postcode="wr12ab",
                ),
                _record(
                    "b:1",
                    given_names="Bob",
                    family_name="Jones",
                    date_of_birth="1985-07-03",
                    sex="male",
                    postcode="WR1 2AB",
                    nhs_number="943 476 5919",
                ),
            ]
        )
    )
    [score] = score_pairs(frame, tiny_result.model_json, threshold=1.0, required=[("a:1", "b:1")])
    levels = {name: item["level"] for name, item in score.evidence.items()}
    assert levels == {
        "given_name": "given_name: nickname, alias or other forename",
        "surname": "surname: one part of a double-barrelled name",
        "dob": "dob: day and month swapped",
        "sex": "sex: same",
        "postcode": "postcode: exact",
        "nhs_number": "nhs_number: missing",
        "phone": "phone: missing",
        "same_record": "same_record: missing",
    }
    assert score.evidence["nhs_number"]["match_weight"] == 0.0
    assert score.evidence["dob"]["match_weight"] > 0


def _on_one_row(tiny_result: LinkageResult, **second: str | None) -> PairScore:
    row = "deaths|SD-25-0007"
    frame = standardise(
        pd.DataFrame(
            [
                _record(
                    "deaths:7:found_by",
                    given_names="Tara",
                    family_name="Whitfield",
                    date_of_birth="1959-08-02",
                    source_row=row,
                ),
                _record("deaths:7:reported_by", **({"source_row": row} | second)),
            ]
        )
    )
    required = [("deaths:7:found_by", "deaths:7:reported_by")]
    [score] = score_pairs(frame, tiny_result.model_json, threshold=0.0, required=required)
    return score


def test_two_people_named_alike_on_one_source_row_are_likely_one(
    tiny_result: LinkageResult,
) -> None:
    # The finder who also reported the death, the second time with no date of birth.
    alike = _on_one_row(tiny_result, given_names="Tara", family_name="Whitfield")
    assert alike.evidence["same_record"]["level"] == "same_record: one record, names alike"
    assert alike.evidence["same_record"]["match_weight"] == pytest.approx(math.log2(1000), 0.01)
    # The same names on two different rows: the row is no evidence either way.
    apart = _on_one_row(
        tiny_result, given_names="Tara", family_name="Whitfield", source_row="deaths|SD-25-0008"
    )
    assert apart.evidence["same_record"]["level"] == "same_record: different records"
    assert abs(apart.evidence["same_record"]["match_weight"]) < 0.01
    # Everything else equal, the one row multiplies the odds of one person by 1,000.
    odds = alike.probability / (1 - alike.probability)
    assert odds / (apart.probability / (1 - apart.probability)) == pytest.approx(1000, rel=0.02)


def test_on_one_row_other_names_or_another_birth_date_are_two_people(
    tiny_result: LinkageResult,
) -> None:
    other = _on_one_row(tiny_result, given_names="Alice", family_name="Chowdhury")
    assert (
        other.evidence["same_record"]["level"]
        == "same_record: one record, names or birth dates differ"
    )
    assert other.evidence["same_record"]["match_weight"] < -3
    # Father and son of one name on one row: the differing date of birth keeps them apart.
    namesake = _on_one_row(
        tiny_result, given_names="Tara", family_name="Whitfield", date_of_birth="1985-01-30"
    )
    assert (
        namesake.evidence["same_record"]["level"]
        == "same_record: one record, names or birth dates differ"
    )
    assert namesake.probability < 0.5


def test_co_occurrence_weights_are_stated_not_trained(tiny_result: LinkageResult) -> None:
    [trained] = [
        c
        for c in json.loads(tiny_result.model_json)["comparisons"]
        if c["output_column_name"] == "same_record"
    ]
    [declared] = [
        c
        for c in splink_settings(probability_two_random_records_match=0.01)["comparisons"]
        if c["output_column_name"] == "same_record"
    ]
    for kept, stated in zip(
        trained["comparison_levels"], declared["comparison_levels"], strict=True
    ):
        assert kept.get("m_probability") == pytest.approx(stated.get("m_probability"))
        assert kept.get("u_probability") == pytest.approx(stated.get("u_probability"))


# --- small data, validation ---------------------------------------------------------------


def test_small_data_keeps_the_prior_model(tiny: GeneratedRecords) -> None:
    few = tiny.records.head(MIN_RECORDS_FOR_EM // 2)
    result = link_records(few)
    model = json.loads(result.model_json)
    priors = splink_settings(probability_two_random_records_match=0.5)
    for trained, prior in zip(model["comparisons"], priors["comparisons"], strict=True):
        for level, prior_level in zip(
            trained["comparison_levels"], prior["comparison_levels"], strict=True
        ):
            if "m_probability" in prior_level:
                assert math.isclose(level["m_probability"], prior_level["m_probability"])
                assert math.isclose(level["u_probability"], prior_level["u_probability"])
    assert set(result.clusters) == set(few["record_id"])
    assert pairwise_scores(result.clusters, tiny.truth).precision >= 0.95


def test_invalid_thresholds_are_refused() -> None:
    with pytest.raises(InvalidInput) as caught:
        LinkageSettings(link_threshold=0.4, review_threshold=0.6)
    assert caught.value.details[0]["field"] == "review_threshold"
    with pytest.raises(InvalidInput):
        LinkageSettings(link_threshold=1.5)


def test_records_without_a_needed_column_or_with_repeated_ids_are_refused() -> None:
    frame = pd.DataFrame([_record("a:1"), _record("a:1")])
    with pytest.raises(InvalidInput, match="record_id"):
        link_records(frame)
    with pytest.raises(InvalidInput) as caught:
        link_records(frame.drop(columns=["postcode"]))
    assert caught.value.details == [{"field": "postcode", "reason": "column is missing"}]


# --- evaluation ---------------------------------------------------------------------------


def test_pairwise_scores_on_a_hand_made_example() -> None:
    truth = {"a": "p1", "b": "p1", "c": "p1", "d": "p2", "e": "p2", "f": "p3"}
    predicted = {"a": "a", "b": "a", "c": "c", "d": "c", "e": "e", "f": "e"}
    # True pairs: ab ac bc de (4). Predicted pairs: ab cd ef (3). Shared: ab.
    scores = pairwise_scores(predicted, truth)
    assert (scores.true_positives, scores.false_positives, scores.false_negatives) == (1, 2, 3)
    assert scores.precision == pytest.approx(1 / 3)
    assert scores.recall == pytest.approx(1 / 4)
    assert scores.f1 == pytest.approx(2 / 7)
    assert scores.as_dict()["f1"] == 0.2857


def test_pairwise_scores_edge_cases() -> None:
    # Nothing to find and nothing found is perfect; one wrong pair and nothing to find is not.
    assert pairwise_scores({"a": "a", "b": "b"}, {"a": "p", "b": "q"}).f1 == 1.0
    wrong = pairwise_scores({"a": "a", "b": "a"}, {"a": "p", "b": "q"})
    assert (wrong.precision, wrong.recall, wrong.f1) == (0.0, 1.0, 0.0)
    perfect = pairwise_scores({"a": "a", "b": "a", "c": "c"}, {"a": "x", "b": "x", "c": "y"})
    assert (perfect.precision, perfect.recall, perfect.f1) == (1.0, 1.0, 1.0)
    # A record missing from the truth is left out rather than counted as wrong.
    assert pairwise_scores({"a": "a", "z": "a"}, {"a": "p"}).false_positives == 0


def test_blocking_recall_and_merged_person_pairs() -> None:
    truth = {"a": "p", "b": "p", "c": "p", "d": "q"}
    assert blocking_recall([("b", "a"), ("c", "d")], truth) == (1, 3)
    predicted = {"a": "a", "b": "a", "c": "a", "d": "a"}
    assert merged_person_pairs(predicted, truth, [("p", "q"), ("q", "r")]) == [("p", "q")]


@pytest.mark.parametrize(
    "module",
    [
        "ingest.linkage.clusters",
        "ingest.linkage.evaluation",
        "ingest.linkage.model",
        "ingest.linkage.nicknames",
        "ingest.linkage.standardise",
    ],
)
def test_docstring_examples_run(module: str) -> None:
    failures, _ = doctest.testmod(importlib.import_module(module))
    assert failures == 0


def test_generator_reader_parses_every_date_format(tiny: GeneratedRecords) -> None:
    dates = tiny.records.set_index("source")["date_of_birth"].dropna()
    assert dates.str.fullmatch(r"\d{4}-\d{2}-\d{2}").all()
    assert set(dates.index) == set(tiny.records["source"])


# --- noise the linker was not built around (issue #12) ------------------------------------


def test_married_transliterated_and_swapped_names_are_linked(tiny_result: LinkageResult) -> None:
    """Crafted pairs, each one person recorded twice, scored with a model trained on data."""
    pairs = {
        "married": (
            _record("a:1", given_names="Sarah", family_name="Begum", sex="female"),
            _record("b:1", given_names="Sarah", family_name="Whitfield", sex="female"),
        ),
        "transliterated": (
            _record("a:2", given_names="Mohammed", family_name="Hussain", sex="male"),
            _record("b:2", given_names="Muhammad", family_name="Hussein", sex="male"),
        ),
        "swapped": (
            _record("a:3", given_names="Gareth", family_name="Prosser", sex="male"),
            _record("b:3", given_names="Prosser", family_name="Gareth", sex="male"),
        ),
    }
    rows = []
    for number, (first, second) in enumerate(pairs.values()):
        shared = {"date_of_birth": f"198{number}-04-1{number}", "postcode": f"WR{number} 4AB"}
        rows += [first | shared, second | shared]
    frame = standardise(pd.DataFrame(rows))
    required = [(first["record_id"], second["record_id"]) for first, second in pairs.values()]
    scores = score_pairs(frame, tiny_result.model_json, threshold=0.0, required=required)
    probability = {(s.record_a, s.record_b): s.probability for s in scores}
    settings = LinkageSettings()
    # A marriage changes the surname, so with only forename, sex, date of birth and postcode
    # left to agree the pair is put in front of a reviewer rather than linked automatically
    # (measured 0.94 with the model trained on the tiny data after the scenario library,
    # 0.95+ before it); the others link on their own.
    wanted = {
        "married": settings.review_threshold,
        "transliterated": settings.link_threshold,
        "swapped": settings.link_threshold,
    }
    for name, (first, second) in pairs.items():
        assert probability[(first["record_id"], second["record_id"])] >= wanted[name], name
    assert probability[("a:1", "b:1")] > 0.8
    # ...and not because anything with the same date of birth and postcode links.
    stranger = _record("c:1", given_names="Jennifer", family_name="Okafor", sex="female")
    frame = standardise(
        pd.DataFrame([rows[0], stranger | {k: rows[0][k] for k in ("date_of_birth", "postcode")}])
    )
    [other] = score_pairs(frame, tiny_result.model_json, threshold=0.0, required=[("a:1", "c:1")])
    assert other.probability < LinkageSettings().review_threshold


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> GeneratedRecords:
    # Seed 20261201 was not used while the linker or this test were developed.
    out = tmp_path_factory.mktemp("linkage-fresh")
    generate(config_for(None, people=1500, seed=20261201), out)
    return read_generated(out)


@pytest.mark.slow
def test_linkage_on_a_fresh_seed_beats_the_floor_and_the_baseline(fresh: GeneratedRecords) -> None:
    ours = pairwise_scores(link_records(fresh.records).clusters, fresh.truth)
    theirs = pairwise_scores(baseline_clusters(fresh.records), fresh.truth)
    # Measured on this seed (2,099 records, 1,536 true pairs): precision 1.0, recall 0.964,
    # F1 0.982; the baseline F1 0.966 (recall 0.934). The floor 0.96 allows ~35 more missed
    # or wrong pairs; precision 0.98 allows ~30 wrong links.
    assert ours.f1 >= 0.96, ours.as_dict()
    assert ours.precision >= 0.98, ours.as_dict()
    assert ours.f1 > theirs.f1, (ours.as_dict(), theirs.as_dict())


def test_recall_by_noise_counts_pairs_with_noise_on_either_side() -> None:
    truth = {"a": "p", "b": "p", "c": "p", "d": "q", "e": "q"}
    clusters = {"a": "1", "b": "1", "c": "2", "d": "3", "e": "3"}
    by_kind = recall_by_noise(clusters, truth, {"c": ["name_swap"], "e": ["nickname"]})
    assert by_kind["name_swap"] == {"true_pairs": 2, "found": 0, "recall": 0.0}
    assert by_kind["nickname"] == {"true_pairs": 1, "found": 1, "recall": 1.0}
    assert by_kind["none"] == {"true_pairs": 1, "found": 1, "recall": 1.0}


def test_generator_nicknames_are_not_all_known_to_the_linker() -> None:
    """The generator's nicknames come from its own table, not the linker's package."""
    pairs = [
        (full.lower(), short.lower()) for full, shorts in NICKNAMES.items() for short in shorts
    ]
    known = sum(1 for a, b in pairs if set(name_keys([a])) & set(name_keys([b])))
    # Measured: the nicknames package knows 96 of the 128 pairs (75%).
    assert 0.5 < known / len(pairs) < 0.9, known / len(pairs)


def test_blocking_proposes_swapped_names_and_movers_without_a_date_of_birth() -> None:
    frame = standardise(
        pd.DataFrame(
            [
                _record("a:1", given_names="Julie", family_name="Owen", postcode="WR2 6WQ"),
                _record(
                    "b:1",
                    given_names="Owen",
                    family_name="Julie",
                    date_of_birth="1983-05-09",
                    postcode="WR2 7AB",
                ),
                _record("a:2", given_names="Kamal", family_name="Oliver", postcode="B60 2RB"),
                _record(
                    "b:2",
                    given_names="Kamal",
                    family_name="Oliver",
                    date_of_birth="1991-01-21",
                    postcode="WR4 6TD",
                ),
                _record("c:1", given_names="Julie", family_name="Oliver", postcode="WR4 6TD"),
            ]
        )
    )
    assert caught_by_blocking(frame, [("a:1", "b:1"), ("a:2", "b:2"), ("a:1", "c:1")]) == [
        True,
        True,
        False,
    ]
