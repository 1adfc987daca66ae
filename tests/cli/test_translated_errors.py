"""Library errors end a command with one clear message and exit 1, never a traceback (#16 item 9).

A query past its time limit, ``--out`` in a folder that cannot be written, a mapping file that
is not UTF-8 and a browser that does not finish a picture in time: each is translated once, in
:mod:`graph_model.error_translation`, for the CLI and the API alike.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import neo4j
import pytest

from governance.sharing import share_map
from graph_model.connection import read, read_time_limit
from graph_model.cypher_catalogue import cypher
from graph_model.error_translation import translate
from graph_model.errors import InvalidInput, ServiceUnavailable
from tests.cli.helpers import WHY, Run, crowd_an_incident, run_linkwatch


def _assert_clear_failure(run: Run, *phrases: str) -> None:
    assert run.code == 1, (run.code, run.stdout, run.stderr)
    assert "Traceback" not in run.stderr, run.stderr
    assert run.stderr.startswith("error: "), run.stderr
    for phrase in phrases:
        assert phrase in run.stderr, run.stderr


@pytest.fixture
def crowded_incident(driver: neo4j.Driver, database: str, namespace: str) -> str:
    return crowd_an_incident(driver, database, namespace)


def test_a_query_past_the_time_limit_is_a_clear_error(crowded_incident: str, tmp_path: Path):
    run = run_linkwatch(
        "analyse", "triangles", *WHY, env={"LINKWATCH_QUERY_TIMEOUT": "0.05"}, cwd=tmp_path
    )
    _assert_clear_failure(run, "error: The query ran past its time limit.", "hint: Narrow it")


def test_the_time_limit_is_the_one_of_its_context(
    crowded_incident: str, driver: neo4j.Driver, database: str
):
    ties = cypher("networks/person_ties", package="queries")
    with read_time_limit(0.05), pytest.raises(neo4j.exceptions.Neo4jError) as raised:
        read(driver, database, ties, {"as_of": None, "ties": None})
    translated = translate(raised.value)
    assert isinstance(translated, ServiceUnavailable)
    assert translated.message == "The query ran past its time limit."
    # Outside the block reads have no limit of their own again (the API's lasts per request).
    assert read(driver, database, "RETURN 1 AS one")[0]["one"] == 1


@pytest.fixture
def unwritable_folder(tmp_path: Path) -> Iterator[Path]:
    """A folder nobody may write into, root included (root ignores modes: it is immutable)."""
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    immutable = os.geteuid() == 0
    if immutable:
        if shutil.which("chattr") is None:
            pytest.skip("running as root without chattr: no folder root cannot write into")
        subprocess.run(["chattr", "+i", str(folder)], check=True)
    try:
        with pytest.raises(OSError):
            (folder / "probe").write_text("x", encoding="utf-8")
        yield folder
    finally:
        if immutable:
            subprocess.run(["chattr", "-i", str(folder)], check=True)
        folder.chmod(0o700)


def test_out_in_a_folder_that_cannot_be_written_names_it(unwritable_folder: Path, tmp_path: Path):
    out = unwritable_folder / "learning.html"
    run = run_linkwatch(
        "report", "learning", "--quarter", "2026Q1", "--out", str(out), cwd=tmp_path
    )
    _assert_clear_failure(run, f"error: --out {out} cannot be written:", "choose another --out")
    assert not out.exists()


def test_a_mapping_file_that_is_not_utf8_names_the_line(tmp_path: Path):
    mapping = tmp_path / "force.yaml"
    mapping.write_bytes("name: force\nsources:\n  - name: caf\u00e9s\n".encode("latin-1"))
    run = run_linkwatch("mapping", "check", str(mapping), str(tmp_path), cwd=tmp_path)
    _assert_clear_failure(
        run,
        f"error: mapping file {mapping} is not UTF-8 text: line 3, column 14 holds byte 0xe9.",
        "Save it as UTF-8",
    )


def test_text_that_is_not_utf8_without_a_file_is_still_explained():
    try:
        b"caf\xe9".decode("utf-8")
    except UnicodeDecodeError as error:
        translated = translate(error)
    assert isinstance(translated, InvalidInput)
    assert "byte 0xe9 at position 3" in translated.message


def test_a_browser_that_does_not_finish_in_time_is_a_clear_error(
    driver: neo4j.Driver, database: str, namespace: str, tmp_path: Path
):
    if not (os.environ.get("LINKWATCH_CHROMIUM") or shutil.which("chromium")):
        pytest.skip("no Chromium on this machine")
    subject = f"{namespace}subject"
    driver.execute_query(
        "CREATE (:Person {id: $id, given_names: 'Ada', family_name: 'Example'})",
        id=subject,
        database_=database,
    )
    shared = share_map(
        driver,
        database,
        subject=subject,
        meeting="MARAC 2026-12-03",
        organisation="council",
        until=date.today() + timedelta(days=7),
        shared_by="test",
        justification="TEST/CLI/0001",
    )
    sharing = shared.sharing.id
    out, png = tmp_path / "map.html", tmp_path / "map.png"
    try:
        run = run_linkwatch(
            "export",
            "map",
            sharing,
            "--out",
            str(out),
            "--png",
            str(png),
            *WHY,
            env={"LINKWATCH_BROWSER_TIMEOUT": "0.001"},
            cwd=tmp_path,
        )
    finally:
        driver.execute_query(
            "MATCH (s:Sharing {id: $id}) DETACH DELETE s", id=sharing, database_=database
        )
    _assert_clear_failure(
        run, f"error: The browser did not finish drawing {out} in time", "LINKWATCH_BROWSER_TIMEOUT"
    )
    assert out.exists()  # the map written before the picture is kept
    assert not png.exists()
