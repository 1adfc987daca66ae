"""Every ``linkwatch analyse NAME --json`` prints a document that matches its published schema."""

from __future__ import annotations

import json

import jsonschema
import pytest

from queries.documents import DOCUMENTS, json_schema
from tests.cli.helpers import WHY, run_linkwatch
from tests.ingest.db_helpers import person_of


@pytest.fixture(scope="module")
def commands(loaded) -> dict[str, list[str]]:
    tracker, truth = loaded
    resolved = person_of(tracker, truth)
    dyad = next(d for d in truth["dyads"] if d["outcome"] == "homicide")
    victim, perpetrator = resolved[dyad["victim"]], resolved[dyad["perpetrator"]]
    network = [resolved[m] for m in truth["networks"][0]["members"] if m in resolved]
    start, end = truth["generator"]["start_date"], truth["generator"]["end_date"]
    return {
        "series": ["series", "--json", "--limit", "3"],
        "exposure": ["exposure", "--as-of", end, "--limit", "5", "--json"],
        "precursors": ["precursors", f"death:{dyad['outcome_death']}", "--json"],
        "at-risk-dyads": ["at-risk-dyads", "--as-of", end, "--json"],
        "networks": ["networks", "--from", start, "--to", end, "--json"],
        "family": ["family", "--person", victim, "--json"],
        "family-friends": ["family-friends", "--json"],
        "triangles": ["triangles", "--limit", "5", "--json"],
        "ego": ["ego", victim, "--hops", "2", "--from", start, "--to", end],
        "paths": ["paths", victim, perpetrator],
        "common": ["common", network[1], network[2]],
        "timeline": ["timeline", perpetrator],
    }


def test_the_schema_command_prints_the_published_schema() -> None:
    # One name through the command line; every name's schema is checked below against the
    # analysis's real output (a subprocess per name cost a minute of a busy CI worker).
    run = run_linkwatch("analyse", "schema", "series")
    assert run.code == 0, run.stderr
    assert json.loads(run.stdout) == json_schema("series")


@pytest.mark.parametrize("name", list(DOCUMENTS))
def test_json_output_validates_against_the_published_schema(name: str, commands) -> None:
    schema = json_schema(name)  # what `linkwatch analyse schema NAME` prints
    run = run_linkwatch("analyse", *commands[name], *WHY)
    assert run.code == 0, run.stderr
    document = json.loads(run.stdout)
    jsonschema.validate(document, schema)
    DOCUMENTS[name].model_validate_json(run.stdout)
    assert document  # something was found on the tiny data, not just an empty shell
    lists = [value for value in document.values() if isinstance(value, list)]
    assert any(lists), f"{name} returned only empty lists"


def test_an_unknown_analysis_name_is_a_clear_error() -> None:
    run = run_linkwatch("analyse", "schema", "everything")
    assert run.code == 1 and "no analysis called 'everything'" in run.stderr
    assert "Traceback" not in run.stderr
