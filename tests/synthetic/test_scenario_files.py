"""Scenario files: every packaged one validates; a bad one is refused naming file and field."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from graph_model.errors import InvalidInput
from synthetic.scenarios import ScenarioError, load_scenario, load_scenarios
from synthetic.scenarios.spec import scenario_files
from tests.cli.helpers import run_linkwatch

SERIES = {
    "drug_facilitated_finder",
    "clinician_home_deaths",
    "domestic_staged",
    "rough_sleeper_attacks",
}
DECOYS = {"drug_using_friends", "care_staff_reporter", "busy_places", "contaminated_batch"}


def test_every_packaged_scenario_validates_and_the_library_is_complete() -> None:
    library = load_scenarios()
    assert {n for n, s in library.items() if s.family == "series"} == SERIES
    assert {n for n, s in library.items() if s.family == "decoy"} == DECOYS
    assert [p.stem for p in scenario_files()] == sorted(library)
    for scenario in library.values():
        assert scenario.recording.circumstances and scenario.description


def _port() -> dict:
    path = next(p for p in scenario_files() if p.stem == "drug_facilitated_finder")
    return yaml.safe_load(path.read_text())


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda d: d.pop("victims"), "victims"),
        (lambda d: d["method"]["causes"].update({"poison": 1}), "method"),
        (lambda d: d["place"].update({"within_m": -5}), "place.within_m"),
        (lambda d: d.update({"offender_role": {"finder": 0.5}}), "offender_role"),
        (lambda d: d["offender"].update({"kind": "none"}), "(top level)"),
        (lambda d: d["deaths"].update({"min": 5, "max": 2}), "deaths"),
        (lambda d: d["precursors"][0].update({"kind": "spiking"}), "precursors.0"),
        (lambda d: d.update({"shared_features": ["place"]}), "shared_features"),
        (lambda d: d["recording"].update({"dob_missing": 2}), "recording.dob_missing"),
    ],
)
def test_a_bad_file_names_the_file_and_the_field(tmp_path: Path, change, field: str) -> None:
    data = _port()
    change(data)
    path = tmp_path / "drug_facilitated_finder.yaml"
    path.write_text(yaml.safe_dump(data))
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    message = str(caught.value)
    assert message.startswith("Scenario file drug_facilitated_finder.yaml: field ")
    assert f"field {field}" in message
    assert isinstance(caught.value, InvalidInput)


def test_unreadable_yaml_and_a_wrong_name_are_refused(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("name: [unclosed\n")
    with pytest.raises(ScenarioError, match=r"broken\.yaml: cannot be read"):
        load_scenario(broken)
    renamed = tmp_path / "other_name.yaml"
    renamed.write_text(yaml.safe_dump(_port()))
    with pytest.raises(ScenarioError, match=r"other_name\.yaml: field name"):
        load_scenario(renamed)


@pytest.mark.slow
def test_the_cli_lists_scenarios_and_refuses_an_unknown_one(tmp_path: Path) -> None:
    listed = run_linkwatch("generate", "--list-scenarios", cwd=tmp_path)
    assert listed.code == 0, listed.stderr
    assert all(name in listed.stdout for name in SERIES | DECOYS)
    refused = run_linkwatch(
        "generate", "--out", str(tmp_path / "out"), "--scenario", "nope", cwd=tmp_path
    )
    assert refused.code == 1 and "Traceback" not in refused.stderr
    assert "Unknown scenario 'nope'" in refused.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.slow
def test_the_cli_plants_only_the_named_scenarios(tmp_path: Path) -> None:
    out = tmp_path / "out"
    run = run_linkwatch(
        "generate",
        "--out",
        str(out),
        "--scale",
        "tiny",
        "--scenario",
        "domestic_staged",
        "--scenario",
        "busy_places",
        cwd=tmp_path,
    )
    assert run.code == 0, run.stderr
    truth = json.loads((out / "ground_truth.json").read_text())
    assert {g["kind"] for g in truth["series"]} == {"domestic_staged"}
    assert {g["kind"] for g in truth["decoys"]} == {"busy_places"}
