"""The command line audits what it shows as the API does (#15 items 3 and 5).

Every CLI command that shows personal data needs ``--justification REF`` (checked as the
API's header is), writes the entry the equivalent API call writes (action, people,
justification; the actor is the operator ``cli:<account>``) and writes it before it prints
or writes anything. The commands run in-process with typer's CliRunner against the real test
server and the tiny data the API tests load; one runs as a real subprocess.
"""

from __future__ import annotations

import json
import os
import pwd
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest
from typer.testing import CliRunner

from governance.justification import justification_problem
from linkwatch.cli import app
from tests.api.conftest import Subjects, call
from tests.cli.helpers import run_linkwatch

CLI_REASON = "CLI/2026/0042"
API_REASON = "API/2026/0042"
OPERATOR = f"cli:{pwd.getpwuid(os.getuid()).pw_name}"


@dataclass(frozen=True)
class Pair:
    """A CLI command and the API request that shows the same thing."""

    name: str
    cli: list[str]
    method: str
    url: str
    role: str
    action: str = "consultation"
    body: dict | None = None


def pairs(s: Subjects, out: Path) -> list[Pair]:
    victim, homicide = quote(s.victim, safe=":"), quote(s.homicide, safe=":")
    perpetrator = quote(s.perpetrator, safe=":")
    return [
        Pair(
            "analyse series",
            ["analyse", "series", "--limit", "3"],
            "GET",
            "/api/v1/analyses/series?limit=3",
            "analyst",
        ),
        Pair(
            "analyse exposure",
            ["analyse", "exposure", "--as-of", s.end, "--limit", "5", "--json"],
            "GET",
            f"/api/v1/analyses/exposure?as_of={s.end}&limit=5",
            "analyst",
        ),
        Pair(
            "analyse precursors",
            ["analyse", "precursors", s.homicide],
            "GET",
            f"/api/v1/analyses/precursors/{homicide}",
            "analyst",
        ),
        Pair(
            "analyse at-risk-dyads",
            ["analyse", "at-risk-dyads", "--as-of", s.end],
            "GET",
            f"/api/v1/analyses/at-risk-dyads?as_of={s.end}",
            "analyst",
        ),
        Pair(
            "analyse networks",
            ["analyse", "networks", "--from", s.start, "--to", s.end, "--limit", "5"],
            "GET",
            f"/api/v1/analyses/networks?from={s.start}&to={s.end}&limit=5",
            "analyst",
        ),
        Pair(
            "analyse family",
            ["analyse", "family", "--person", s.victim, "--json"],
            "GET",
            f"/api/v1/analyses/family?person={victim}",
            "analyst",
        ),
        Pair(
            "analyse family-friends",
            ["analyse", "family-friends", "--limit", "5", "--json"],
            "GET",
            "/api/v1/analyses/family-friends?limit=5",
            "analyst",
        ),
        Pair(
            "people search",
            ["people", "search", "smith"],
            "GET",
            "/api/v1/people?name=smith",
            "investigator",
        ),
        Pair(
            "analyse triangles",
            ["analyse", "triangles", "--limit", "5"],
            "GET",
            "/api/v1/analyses/triangles?limit=5",
            "analyst",
        ),
        Pair(
            "analyse ego",
            ["analyse", "ego", s.victim, "--hops", "2"],
            "GET",
            f"/api/v1/network/ego/{victim}?hops=2",
            "investigator",
        ),
        Pair(
            "analyse paths",
            ["analyse", "paths", s.victim, s.perpetrator],
            "GET",
            f"/api/v1/network/paths?a={victim}&b={perpetrator}",
            "investigator",
        ),
        Pair(
            "analyse common",
            ["analyse", "common", s.victim, s.perpetrator],
            "GET",
            f"/api/v1/network/common?a={victim}&b={perpetrator}",
            "investigator",
        ),
        Pair(
            "analyse timeline",
            ["analyse", "timeline", s.perpetrator],
            "GET",
            f"/api/v1/people/{perpetrator}/timeline",
            "investigator",
        ),
        Pair(
            "view ego",
            ["view", "ego", s.victim, "--hops", "1", "--out", str(out / "ego.html")],
            "GET",
            f"/api/v1/views/ego/{victim}?hops=1",
            "investigator",
        ),
        Pair(
            "view series",
            ["view", "series", s.series_id, "--out", str(out / "series.html")],
            "GET",
            f"/api/v1/views/series/{s.series_id}",
            "analyst",
        ),
        Pair(
            "view precursors",
            ["view", "precursors", s.homicide, "--out", str(out / "precursors.html")],
            "GET",
            f"/api/v1/views/precursors/{homicide}",
            "analyst",
        ),
        Pair(
            "report deaths",
            ["report", "deaths", "--from", s.start, "--to", s.end, "--out", str(out / "d.html")],
            "GET",
            f"/api/v1/reports/deaths?from={s.start}&to={s.end}",
            "analyst",
        ),
        Pair(
            "review links",
            ["review", "links", "--status", "accepted", "--limit", "50"],
            "GET",
            "/api/v1/reviews?status=accepted&limit=50",
            "admin",
        ),
        Pair(
            "review open",
            ["review", "open", s.homicide],
            "POST",
            "/api/v1/rapid-reviews",
            "investigator",
            "alteration",
            {"event": s.homicide},
        ),
        Pair("review list", ["review", "list"], "GET", "/api/v1/rapid-reviews", "analyst"),
        Pair(
            "review pack",
            ["review", "pack", s.homicide, "--out", str(out / "pack.html")],
            "GET",
            f"/api/v1/rapid-reviews/rapid-review:{homicide}/pack",
            "analyst",
        ),
        Pair(
            "audit show",
            ["audit", "show", "--person", s.victim],
            "GET",
            f"/api/v1/audit?person={victim}",
            "admin",
        ),
    ]


#: The commands above, and the one whose API twin is a partner's (tested on its own below).
PERSONAL_COMMANDS = [
    "analyse series",
    "analyse exposure",
    "analyse precursors",
    "analyse at-risk-dyads",
    "analyse networks",
    "analyse family",
    "analyse family-friends",
    "people search",
    "analyse triangles",
    "analyse ego",
    "analyse paths",
    "analyse common",
    "analyse timeline",
    "view ego",
    "view series",
    "view precursors",
    "report deaths",
    "review links",
    "review open",
    "review list",
    "review pack",
    "audit show",
]


def export_map(s: Subjects, out: Path) -> list[str]:
    return ["export", "map", s.sharing, "--out", str(out)]


def head(driver, database: str) -> int:
    return driver.execute_query(
        "MATCH (e:AuditEntry) RETURN coalesce(max(e.seq), 0) AS seq", database_=database
    ).records[0]["seq"]


def entries_after(driver, database: str, seq: int) -> list[dict]:
    records = driver.execute_query(
        "MATCH (e:AuditEntry) WHERE e.seq > $seq RETURN e {.*} AS entry ORDER BY e.seq",
        seq=seq,
        database_=database,
    ).records
    return [dict(r["entry"]) for r in records]


def flat(text: str) -> str:
    """Console text on one line, without the boxes rich draws round errors."""
    return " ".join(text.replace("│", " ").split())


def cli(*args: str):
    return CliRunner().invoke(app, list(args), env={"COLUMNS": "200", "NO_COLOR": "1"})


@pytest.fixture
def out(tmp_path: Path) -> Path:
    return tmp_path


@pytest.fixture(scope="module", autouse=True)
def decided_pair(client, users, subjects) -> None:
    """One accepted record-linkage pair (of the victim's records), for ``review links``."""
    review = quote(f"review:{subjects.record_a}|{subjects.record_b}", safe=":")
    decided = call(
        client,
        users.keys["admin"],
        "POST",
        f"/api/v1/reviews/{review}",
        json={"accept": True, "reason": "same person: CLI audit test"},
    )
    assert decided.status_code == 200, decided.text


def _pair(subjects: Subjects, out: Path, name: str) -> Pair:
    return next(p for p in pairs(subjects, out) if p.name == name)


@pytest.mark.parametrize("name", PERSONAL_COMMANDS)
def test_each_command_refuses_to_run_without_a_justification(
    name, subjects, out, driver, target
) -> None:
    pair = _pair(subjects, out, name)
    before = head(driver, target.database)
    for given in ([], ["--justification", "none"], ["--justification", "case 42"]):
        result = cli(*pair.cli, *given)
        assert result.exit_code == 2, (pair.cli, given, result.output)
        assert "Invalid value for '--justification'" in flat(result.stderr)
        assert "case or incident" in flat(result.stderr)
        assert result.stdout == ""
    assert entries_after(driver, target.database, before) == []
    assert not list(out.iterdir())  # no file written either


@pytest.mark.parametrize("name", PERSONAL_COMMANDS)
def test_each_command_writes_the_entry_its_api_twin_writes(
    name, subjects, users, client, out, driver, target
) -> None:
    pair = _pair(subjects, out, name)
    before = head(driver, target.database)
    result = cli(*pair.cli, "--justification", CLI_REASON)
    assert result.exit_code == 0, result.output
    [mine] = entries_after(driver, target.database, before)
    response = call(
        client,
        users.keys[pair.role],
        pair.method,
        pair.url,
        justification=API_REASON,
        json=pair.body,
    )
    assert response.status_code in (200, 201), response.text
    [twin] = entries_after(driver, target.database, mine["seq"])
    assert (mine["actor"], mine["role"]) == (OPERATOR, "operator")
    assert (mine["justification"], twin["justification"]) == (CLI_REASON, API_REASON)
    assert mine["endpoint"] == f"linkwatch {pair.name}"
    assert mine["action"] == twin["action"] == pair.action
    assert mine["people"] == twin["people"], pair.name
    assert mine["outcome"] == "ok"


def test_the_entries_name_the_people_shown(subjects, out, driver, target) -> None:
    before = head(driver, target.database)
    assert cli(*_pair(subjects, out, "analyse ego").cli, "--justification", CLI_REASON)
    [ego] = entries_after(driver, target.database, before)
    assert {subjects.victim, subjects.perpetrator} <= set(ego["people"])
    assert cli(*_pair(subjects, out, "review links").cli, "--justification", CLI_REASON)
    [links] = entries_after(driver, target.database, ego["seq"])
    records = [p for p in links["people"] if not p.startswith("person:")]
    assert records and {subjects.record_a, subjects.record_b} <= set(records)
    assert subjects.victim in links["people"]  # the person the records describe, too


def test_export_map_logs_the_disclosure_with_its_justification(
    subjects, out, driver, target
) -> None:
    before = head(driver, target.database)
    result = cli(*export_map(subjects, out / "marac.html"), "--justification", CLI_REASON)
    assert result.exit_code == 0, result.output
    [entry] = entries_after(driver, target.database, before)
    assert entry["action"] == "disclosure" and entry["justification"] == CLI_REASON
    assert subjects.victim in entry["people"] and entry["actor"] == OPERATOR
    parameters = json.loads(entry["parameters"])
    assert parameters["sharing"] == subjects.sharing and parameters["pseudonym_key"]


@pytest.fixture
def audit_log_refusing_entries(driver, target):
    """The next audit entry cannot be written: its number is taken (unique constraint)."""
    blocker = head(driver, target.database) + 1
    driver.execute_query(
        "CREATE (:AuditEntry {seq: $seq, actor: 'pytest-blocker'})",
        seq=blocker,
        database_=target.database,
    )
    yield
    driver.execute_query(
        "MATCH (e:AuditEntry {seq: $seq, actor: 'pytest-blocker'}) DELETE e",
        seq=blocker,
        database_=target.database,
    )


@pytest.mark.parametrize("name", [*PERSONAL_COMMANDS, "export map"])
def test_nothing_is_shown_or_written_until_the_entry_is_written(
    name, subjects, out, audit_log_refusing_entries
) -> None:
    args = (
        export_map(subjects, out / "m.html")
        if name == "export map"
        else _pair(subjects, out, name).cli
    )
    result = cli(*args, "--justification", CLI_REASON)
    assert result.exit_code == 1, result.output
    assert "audit log" in flat(result.stderr) and result.exception is not None
    assert isinstance(result.exception, SystemExit)  # a clear error, no traceback
    assert result.stdout == ""
    assert not list(out.iterdir())


def test_an_unknown_id_is_refused_and_the_attempt_logged(subjects, driver, target) -> None:
    before = head(driver, target.database)
    result = cli("analyse", "ego", "death:NOPE-15", "--justification", CLI_REASON)
    assert result.exit_code == 1 and "death:NOPE-15" in result.stderr
    [entry] = entries_after(driver, target.database, before)
    assert entry["outcome"] == "not_found" and entry["justification"] == CLI_REASON
    assert entry["endpoint"] == "linkwatch analyse ego"


def test_the_operator_is_the_account_running_the_process_not_user(subjects, driver, target) -> None:
    before = head(driver, target.database)
    run = run_linkwatch(
        "analyse",
        "timeline",
        subjects.victim,
        "--justification",
        CLI_REASON,
        env={"USER": "someone.else", "LOGNAME": "someone.else", "LNAME": "x", "USERNAME": "x"},
    )
    assert run.code == 0, run.stderr
    [entry] = entries_after(driver, target.database, before)
    assert entry["actor"] == OPERATOR and entry["people"] == [subjects.victim]
    refused = run_linkwatch("analyse", "timeline", subjects.victim)
    assert refused.code == 2 and "Traceback" not in refused.stderr
    assert "Invalid value for '--justification': missing" in flat(refused.stderr)
    assert refused.stdout == ""


REFERENCES = ["CASE/2026/0042", "OP-KESTREL-3", "MARAC/2026/117", "inc_2026.04.17", "42A"]
NOT_REFERENCES = [
    "none",
    "N/A",
    "test",
    "because",
    "case 42",
    "CASE/2026/0042; DROP",
    "<script>1",
    "-1x",
    "12",
    "x" * 119 + "1" * 2,
]


@pytest.mark.parametrize("value", REFERENCES + NOT_REFERENCES)
def test_a_justification_is_checked_identically_by_the_api_and_the_cli(
    client, users, subjects, value: str
) -> None:
    api = call(client, users.keys["analyst"], "GET", "/api/v1/deaths?limit=1", justification=value)
    cli_run = cli("analyse", "timeline", subjects.victim, f"--justification={value}")
    good = value in REFERENCES
    assert (justification_problem(value) is None) is good
    assert api.status_code == (200 if good else 400), api.text
    assert cli_run.exit_code == (0 if good else 2), cli_run.output
    if not good:
        reason = justification_problem(value)
        assert reason in api.json()["detail"]
        assert reason in flat(cli_run.stderr)
