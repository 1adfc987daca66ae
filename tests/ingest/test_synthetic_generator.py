"""The synthetic data generator: determinism, documented formats, planted truth, noise."""

from __future__ import annotations

import hashlib
import json
import math
import random
from collections import Counter
from datetime import date, datetime
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph_model.nodes import is_valid_nhs_number
from synthetic.config import NoiseRates, Scale, config_for
from synthetic.generator import generate
from synthetic.geography import Place
from synthetic.names import NICKNAMES, transliteration_variants
from synthetic.noise import render_identity
from synthetic.schema import EXTRACTS
from synthetic.world import Person
from tests.ingest.synthetic_helpers import IDENTITY_FILES, read, schema
from tests.synthetic.helpers import Generated
from tests.synthetic.rules import check_all


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("tiny")
    generate(config_for(Scale.TINY, seed=1), out)
    return out


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("small")
    generate(config_for(Scale.SMALL, seed=7), out)
    return out


def _truth(folder: Path) -> dict:
    return json.loads((folder / "ground_truth.json").read_text())


def _digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_same_seed_gives_byte_identical_files(tiny: Path, tmp_path: Path) -> None:
    generate(config_for(Scale.TINY, seed=1), tmp_path)
    assert _digests(tmp_path) == _digests(tiny)


def test_a_different_seed_gives_different_data(tiny: Path, tmp_path: Path) -> None:
    generate(config_for(Scale.TINY, seed=2), tmp_path)
    assert _digests(tmp_path)["death_reports.csv"] != _digests(tiny)["death_reports.csv"]


@pytest.mark.parametrize("spec", EXTRACTS, ids=lambda s: s.file)
def test_every_extract_parses_with_its_documented_schema(small: Path, spec) -> None:
    frame = read(small, spec.file)
    assert tuple(frame.columns) == spec.columns
    assert len(frame) > 0
    for column, fmt in spec.dates.items():
        values = frame[column][frame[column] != ""]
        parsed = pd.to_datetime(values, format=fmt, errors="coerce")
        assert parsed.notna().all(), (column, values[parsed.isna()].head().tolist())
    for column in spec.numbers:
        assert pd.to_numeric(frame[column], errors="coerce").notna().all(), column
    if spec.record_id:
        assert frame[spec.record_id].is_unique
        assert (frame[spec.record_id] != "").all()


@pytest.mark.parametrize("spec", [s for s in EXTRACTS if s.codes], ids=lambda s: s.file)
def test_every_coded_value_is_in_the_schema_code_list(small: Path, spec) -> None:
    """Layouts re-spell exactly these lists, so a value outside them would fail a layout."""
    frame = read(small, spec.file)
    for column, codes in spec.codes.items():
        items = frame[column][frame[column] != ""]
        if column in ("RiskMarkers",):
            items = items.str.split(";").explode()
        assert set(items) <= set(codes), (column, set(items) - set(codes))


def test_local_authority_referral_dates_are_real_excel_dates(small: Path) -> None:
    frame = pd.read_excel(small / "local_authority.xlsx", sheet_name="Referrals")
    assert pd.api.types.is_datetime64_any_dtype(frame["Referral Date"])


def test_every_id_in_the_ground_truth_exists_in_the_extracts(tiny: Path) -> None:
    truth = _truth(tiny)
    people = set(truth["people"])
    deaths = set(read(tiny, "death_reports.csv")["dr_ref"])
    occurrences = set(read(tiny, "police_occurrences.csv")["OccurrenceRef"])
    contacts = set(read(tiny, "nhs_extract.csv")["attendance_id"]) | set(
        read(tiny, "local_authority.xlsx")["Case Ref"]
    )
    events = deaths | occurrences | contacts
    for series in truth["series"]:
        assert series["killer"] in people and set(series["victims"]) <= people
        assert set(series["deaths"]) <= deaths
        assert set(series["precursor_incidents"]) <= occurrences
        assert series["phone_seizure_incident"] in (occurrences | {None})
    for decoy in truth["decoys"]:
        assert set(decoy["deaths"]) <= deaths and set(decoy["victims"]) <= people
        assert decoy["shared_person"] in (people | {None})
    for dyad in truth["dyads"]:
        assert {dyad["victim"], dyad["perpetrator"]} <= people
        for stage in dyad["stages"]:
            assert set(stage["events"]) <= events, stage
        assert dyad["outcome_event"] in (occurrences | {None})
    for network in truth["networks"]:
        assert (
            set(network["members"]) | set(network["centre"]) | set(network["vulnerable"]) <= people
        )
    assert set(truth["exposure"]["future_events"]) <= occurrences
    assert set(truth["exposure"]["future_victims"]) <= people
    for source, file in IDENTITY_FILES.items():
        frame = read(tiny, file)
        identities = truth["identities"][source]
        assert set(identities) == set(frame[schema(file).record_id]), source
        assert set(identities.values()) <= people


def test_planted_groups_follow_their_scenario_files(small: Path) -> None:
    check_all(Generated.read(small), strict=True)


def test_dyads_escalate_in_order_and_only_fatal_ones_end_in_a_death(small: Path) -> None:
    truth = _truth(small)
    occurrences = read(small, "police_occurrences.csv").set_index("OccurrenceRef")
    order = ["control", "separation", "stalking", "threats", "strangulation"]
    outcomes = Counter(d["outcome"] for d in truth["dyads"])
    assert {"homicide", "near_miss", "live", "non_escalating"} <= set(outcomes)
    for dyad in truth["dyads"]:
        dates = [s["date"] for s in dyad["stages"]]
        assert dates == sorted(dates)
        stages = [s["stage"] for s in dyad["stages"]]
        if dyad["outcome"] == "non_escalating":
            assert set(stages) == {"verbal_argument"}
            continue
        assert stages == sorted(stages, key=order.index)
        if dyad["outcome"] in ("homicide", "near_miss"):
            assert "strangulation" in stages
            final = occurrences.loc[dyad["outcome_event"]]
            assert final.OffenceCode == ("1/1" if dyad["outcome"] == "homicide" else "2/0")
            assert (
                datetime.strptime(final.CommittedFrom, "%d/%m/%Y %H:%M").date().isoformat()
                >= dates[-1]
            )
        else:
            assert dyad["outcome_event"] is None
            assert truth["people"][dyad["victim"]]["died_on"] is None


def test_networks_have_a_centre_a_vulnerable_person_and_violence_is_simulated_forward(
    small: Path,
) -> None:
    truth = _truth(small)
    involvements = read(small, "police_involvements.csv")
    nominal = truth["identities"]["police_nominals"]
    suspects_or_victims = {
        nominal[n]
        for n, role in zip(involvements.NominalRef, involvements.InvolvementType, strict=True)
        if role in ("SUSPECT", "OFFENDER", "VICTIM")
    }
    for network in truth["networks"]:
        assert set(network["centre"]) <= set(network["members"])
        assert (
            not set(network["vulnerable"]) & suspects_or_victims
        )  # associated with many, party to none
    exposure = truth["exposure"]
    assert exposure["future_victims"] and exposure["earlier_victims"]
    members = {m for n in truth["networks"] for m in n["members"]}
    # Violence is not planted on network members: background violence reaches people outside.
    assert set(exposure["future_victims"]) - members
    assert set(exposure["future_victims"]) & members
    occurred = dict(
        zip(
            read(small, "police_occurrences.csv")["OccurrenceRef"],
            read(small, "police_occurrences.csv")["CommittedFrom"],
            strict=True,
        )
    )
    causes = Counter(i["cause"] for i in exposure["future_involvements"])
    assert causes["background"] and causes["contagion"], causes
    lags = []
    for involvement in exposure["future_involvements"]:
        assert involvement["on"] > exposure["cutoff"] and involvement["event"] in occurred
        if involvement["cause"] == "contagion":
            infected_on = datetime.strptime(
                occurred[involvement["infector_event"]], "%d/%m/%Y %H:%M"
            )
            assert infected_on.date().isoformat() < involvement["on"]
            assert involvement["infector"] != involvement["person"]
            lags.append(involvement["lag_days"])
    assert 40 < sum(lags) / len(lags) < 400  # months, around Green et al.'s ~125 days
    by_cause = exposure["events_by_cause"]
    assert 0.2 < exposure["contagion_share_of_events"] < 0.9, by_cause
    assert exposure["unrecorded_ties"] > 0


def _rate_within(observed: int, eligible: int, p: float) -> bool:
    sigma = math.sqrt(max(eligible * p * (1 - p), 1e-9))
    return abs(observed - eligible * p) <= 4 * sigma + 2


def test_identity_noise_rates_are_within_the_configured_bounds(small: Path) -> None:
    truth = _truth(small)
    rates = truth["generator"]["noise"]
    for source in IDENTITY_FILES:
        noise = truth["noise"][source]
        identities = truth["identities"][source]
        eligible_nick = sum(
            1 for pid in identities.values() if truth["people"][pid]["given"] in NICKNAMES
        )
        applied = Counter(kind for kinds in noise.values() for kind in kinds)
        total = len(identities)
        assert _rate_within(applied["dob_missing"], total, rates[source]["dob_missing"]), source
        assert _rate_within(applied["surname_typo"], total, rates[source]["surname_typo"]), source
        assert _rate_within(applied["nickname"], eligible_nick, rates[source]["nickname"]), source


def test_records_match_the_truth_except_where_noise_is_recorded(small: Path) -> None:
    """Independent check: a record without noise shows the true name and date of birth."""
    truth = _truth(small)
    nhs = read(small, "nhs_extract.csv")
    identities, noise = truth["identities"]["nhs_extract"], truth["noise"]["nhs_extract"]
    present = 0
    for row in nhs.itertuples():
        person = truth["people"][identities[row.attendance_id]]
        kinds = set(noise.get(row.attendance_id, []))
        either_name = {"transliteration", "double_typo", "first_letter", "name_swap"}
        if not kinds & {"nickname", "forename_typo", *either_name}:
            assert row.patient_forename == person["given"]
        if not kinds & {"surname_typo", "hyphen_variant", "surname_change", *either_name}:
            assert row.patient_surname == person["family"]
        if "surname_change" in kinds and not kinds & {"surname_typo", *either_name}:
            assert row.patient_surname == person["former_family"] != person["family"]
        if "dob_missing" in kinds:
            assert row.date_of_birth == ""
        elif not kinds & {"dob_day_month_swap", "dob_digit_typo"}:
            assert row.date_of_birth == person["dob"].replace("-", "")
        if "nickname" in kinds and not kinds & {"forename_typo", *either_name}:
            assert row.patient_forename in NICKNAMES[person["given"]]
        if row.nhs_number:
            present += 1
            assert row.nhs_number == person["nhs_number"] and is_valid_nhs_number(row.nhs_number)
    assert 0.55 < present / len(nhs) < 0.85  # NHS number present only sometimes (configured 0.7)


def test_look_alikes_share_name_and_birth_year_but_are_different_people(tiny: Path) -> None:
    truth = _truth(tiny)
    assert truth["look_alikes"]
    for a, b in truth["look_alikes"]:
        pa, pb = truth["people"][a], truth["people"][b]
        assert a != b and (pa["given"], pa["family"]) == (pb["given"], pb["family"])
        assert pa["dob"][:4] == pb["dob"][:4] and pa["dob"] != pb["dob"]


@settings(
    max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(seed=st.integers(min_value=0, max_value=2**32))
def test_any_seed_gives_consistent_data(
    seed: int, tmp_path_factory: pytest.TempPathFactory
) -> None:
    out = tmp_path_factory.mktemp("seed")
    generate(config_for(Scale.TINY, seed=seed), out)
    test_every_id_in_the_ground_truth_exists_in_the_extracts(out)
    check_all(Generated.read(out), strict=False)


# --- noise the linker was not built around (issue #12) ------------------------------------

_NEW_KINDS = (
    "surname_change",
    "transliteration",
    "double_typo",
    "first_letter",
    "name_swap",
    "dob_digit_typo",
)


def test_each_new_noise_kind_is_applied_at_its_configured_rate_and_recorded() -> None:
    """Render one person many times: each kind at its rate, and the change really made."""
    rates = NoiseRates(
        nickname=0,
        forename_typo=0,
        surname_typo=0,
        dob_missing=0,
        dob_day_month_swap=0,
        transliteration=0.3,
        double_typo=0.1,
        first_letter=0.1,
        name_swap=0.1,
        dob_digit_typo=0.1,
        former_surname=0.2,
    )
    home = Place(
        "U1", None, 1, "High Street", "Worcester", "Central", "WR1 2AB", 52.19, -2.22, "home"
    )
    person = Person(
        "P1", "Yusuf", "Hussain", "M", date(1985, 3, 7), "9434765919", home,
        former_family="Begum", renamed_on=date(2025, 1, 1),
    )  # fmt: skip
    rng, draws = random.Random(5), 4000  # noqa: S311 (seeded test data)
    applied: Counter[str] = Counter()
    for _ in range(draws):
        shown = render_identity(rng, person, rates, date(2025, 6, 1))
        kinds = set(shown.applied)
        applied.update(kinds)
        if kinds == {"surname_change"}:
            assert (shown.given, shown.family) == ("Yusuf", "Begum")
        if kinds == {"transliteration"}:
            assert shown.given in ("Yousef", "Yousuf", "Youssef") or shown.family in (
                "Hussein",
                "Husain",
            )
        if kinds == {"name_swap"}:
            assert (shown.given, shown.family) == ("Hussain", "Yusuf")
        if kinds == {"first_letter"}:
            changed = [
                w for w, true in ((shown.given, "Yusuf"), (shown.family, "Hussain")) if w != true
            ]
            assert len(changed) == 1 and changed[0][1:] in ("usuf", "ussain")
        if "dob_digit_typo" in kinds:
            iso, true = shown.dob.isoformat(), "1985-03-07"
            assert sum(a != b for a, b in zip(iso, true, strict=True)) == 1
        else:
            assert shown.dob == person.dob
    expected = {
        "surname_change": rates.former_surname,
        "transliteration": rates.transliteration,
        "double_typo": rates.double_typo,
        "first_letter": rates.first_letter,
        "name_swap": rates.name_swap,
        "dob_digit_typo": rates.dob_digit_typo,
    }
    for kind, p in expected.items():
        assert _rate_within(applied[kind], draws, p), (kind, applied[kind])
    # Before the marriage every record shows the former surname, recorded as such.
    before = render_identity(rng, person, rates, date(2024, 6, 1))
    assert "surname_change" in before.applied and before.family in ("Begum", "Yusuf")


def test_generated_truth_records_the_new_noise_and_the_population_has_such_names(
    small: Path,
) -> None:
    truth = _truth(small)
    people = truth["people"]
    renamed = [p for p in people.values() if p["former_family"]]
    assert renamed and all(p["sex"] == "F" and p["renamed_on"] for p in renamed)
    # Names with other spellings: ~4% of people in England and Wales-like proportions.
    with_variants = sum(
        1 for p in people.values()
        if transliteration_variants(p["given"]) or transliteration_variants(p["family"])
    )  # fmt: skip
    assert 0.02 < with_variants / len(people) < 0.10, with_variants / len(people)
    rates = truth["generator"]["noise"]
    for source in IDENTITY_FILES:
        noise, identities = truth["noise"][source], truth["identities"][source]
        applied = Counter(kind for kinds in noise.values() for kind in kinds)
        total = len(identities)
        for kind in ("double_typo", "first_letter", "name_swap"):
            assert _rate_within(applied[kind], total, rates[source][kind]), (source, kind)
    everywhere = Counter(
        kind for source in IDENTITY_FILES for kinds in truth["noise"][source].values()
        for kind in kinds
    )  # fmt: skip
    assert all(everywhere[kind] > 0 for kind in _NEW_KINDS), everywhere
